/* End-to-end tests in tmux of F in the lists: the current column moves with Left/Right and
 * < >, F shows its frequency table (values by count, a bar), Enter filters the list by the
 * value and Esc takes the filter off; a multi-valued column counts each value. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

/* Three members in Bangkok, one in Chiang Mai; มูลนิธิ ก has two, สมาคม ข one. */
static char *members(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'มูลนิธิ ก'"));
    free(khai_ok(db, "add org --name 'สมาคม ข'"));
    free(khai_ok(db, "add member --name 'สมชาย ใจดี' --province กรุงเทพ --organisations 'มูลนิธิ ก'"));
    free(khai_ok(db, "add member --name 'สมหญิง ดีใจ' --province กรุงเทพ"));
    free(khai_ok(db, "add member --name 'ก้อง ฟ้าใส' --province เชียงใหม่ --organisations "
                     "'สมาคม ข'"));
    free(khai_ok(db, "add member --name 'อรอุมา ทองคำ' --province กรุงเทพ --organisations "
                     "'มูลนิธิ ก'"));
    return db;
}

static struct tm_session *start(const char *name, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, NULL, db, args);
}

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

static void freq_tui_counts_the_column_and_filters_by_a_value(void **state)
{
    (void)state;
    char *db = members("freq-tui.db");
    struct tm_session *s = start("freq", db, "--lang en");
    expect_and_free(s, "อรอุมา ทองคำ");
    /* From the name column three to the right: the province. */
    tm_keys(s, "Right Right >");
    expect_and_free(s, "column: Province (F counts it)");
    tm_keys(s, "F");
    char *screen = tm_expect(s, "Province: 2 values in 4 rows");
    char *first = tm_line(screen, 2), *second = tm_line(screen, 3);
    assert_contains(first, ">กรุงเทพมหานคร");
    assert_contains(first, "3   75% ");
    assert_contains(first, "████");
    assert_contains(second, "เชียงใหม่");
    assert_contains(second, "1   25% ");
    free(first);
    free(second);
    free(screen);
    /* Enter: the list keeps Bangkok's three. */
    tm_keys(s, "Enter");
    screen = tm_expect(s, "[Province: กรุงเทพมหานคร] 3 found");
    assert_false(test_contains(screen, "ก้อง ฟ้าใส"));
    assert_contains(screen, "อรอุมา ทองคำ");
    free(screen);
    /* F again counts only the rows shown, here organisations of Bangkok's members. */
    tm_keys(s, "Right F");
    screen = tm_expect(s, "Organisations: 2 values in 3 rows");
    assert_contains(screen, "มูลนิธิ ก");
    assert_contains(screen, "(none)");
    assert_false(test_contains(screen, "สมาคม ข"));
    free(screen);
    /* Esc in the table goes back and changes nothing; Esc in the list takes the filter off. */
    tm_keys(s, "Escape");
    expect_and_free(s, "3 found");
    tm_keys(s, "Escape");
    expect_and_free(s, "ก้อง ฟ้าใส");
    tm_refute(s, "found");
    tm_quit_ok(s);
    free(db);
}

static void freq_tui_in_thai(void **state)
{
    (void)state;
    char *db = members("freq-tui-th.db");
    struct tm_session *s = start("freq-th", db, "--lang th");
    expect_and_free(s, "อรอุมา ทองคำ");
    tm_keys(s, "> > > > F");
    char *screen = tm_expect(s, "หน่วยงาน: 3 ค่า จาก 4 แถว");
    assert_contains(screen, "(ไม่ระบุ)");
    free(screen);
    tm_keys(s, "Down Enter");
    expect_and_free(s, "[หน่วยงาน: สมาคม ข] ");
    tm_keys(s, "?");
    expect_and_free(s, "F ");
    tm_keys(s, "q");
    tm_quit_ok(s);
    free(db);
}

/* A terminal without Unicode draws the bars with #. */
static void freq_tui_bars_in_ascii(void **state)
{
    (void)state;
    char *db = members("freq-tui-ascii.db");
    if (!tm_available()) skip();
    struct tm_session *s = tm_start("freq-ascii", COLS, ROWS, "LANG=C LC_ALL=C", db, "--lang en");
    tm_keys(s, "Right Right Right F");
    char *screen = tm_expect(s, "Province: 2 values in 4 rows");
    char *first = tm_line(screen, 2);
    assert_contains(first, "3   75% ################");
    free(first);
    free(screen);
    tm_keys(s, "Escape");
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest freq_tui_tests[] = {
    cmocka_unit_test(freq_tui_counts_the_column_and_filters_by_a_value),
    cmocka_unit_test(freq_tui_in_thai),
    cmocka_unit_test(freq_tui_bars_in_ascii),
};
const size_t freq_tui_tests_count = sizeof freq_tui_tests / sizeof freq_tui_tests[0];
