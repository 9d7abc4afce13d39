/* End-to-end tests in tmux of a walk-in at an event with quotas: after the new person's
 * name, organisation and phone, check-in asks their quota category with one key (1-9 the
 * categories, 0 or Enter none), in the screens and in `khai checkin` at a terminal. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

static char *conference(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add event --title 'ประชุมวิชาการ' --start-date 2567-03-24 --target 5 "
                     "--quotas 'ผู้บริหาร=2; นักวิชาการ=3'"));
    return db;
}

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

/* The attendance rows' member name and category, one "name=category" a line. */
static char *categories(const char *db)
{
    char *tsv = khai_ok(db, "list attendance --event 1 --tsv");
    struct strbuf_like {
        char *s;
    } out = {xstrdup("")};
    char *line = strchr(tsv, '\n');
    while (line && line[1]) {
        line++;
        char *end = strchr(line, '\n');
        char *row = xstrndup(line, end ? (size_t)(end - line) : strlen(line));
        /* event_id event_title member_id member_name organisation category ... */
        char *cols[7] = {0};
        char *p = row;
        for (int c = 0; c < 7 && p; c++) {
            cols[c] = p;
            p = strchr(p, '\t');
            if (p) *p++ = '\0';
        }
        char *next = xasprintf("%s%s=%s\n", out.s, cols[3] ? cols[3] : "", cols[5] ? cols[5] : "");
        free(out.s);
        out.s = next;
        free(row);
        line = end;
    }
    free(tsv);
    return out.s;
}

static void add_walk_in(struct tm_session *s, const char *name, const char *answer)
{
    tm_type(s, name);
    expect_and_free(s, "Nobody matches");
    tm_keys(s, "C-n");
    expect_and_free(s, "New person: they are added and checked in.");
    tm_keys(s, "Enter Enter"); /* the form starts at the organisation */
    char *screen = tm_expect(s, "Category:  1 ผู้บริหาร  2 นักวิชาการ");
    free(screen);
    tm_keys(s, answer);
    char *added = xasprintf("✓ %s added and checked in at", name);
    expect_and_free(s, added);
    free(added);
}

static void walkin_tui_asks_the_quota_category_with_one_key(void **state)
{
    (void)state;
    char *db = conference("walkin-tui.db");
    if (!tm_available()) skip();
    struct tm_session *s = tm_start("walkin", COLS, ROWS, NULL, db, "--lang en");
    tm_keys(s, "3");
    expect_and_free(s, "ประชุมวิชาการ");
    tm_keys(s, "c");
    expect_and_free(s, "Name, nickname or phone:");
    add_walk_in(s, "นางมาลี ดีใจ", "2");
    add_walk_in(s, "นายชาติ ใจกล้า", "Enter");
    add_walk_in(s, "นายดำ ขำขัน", "0");
    add_walk_in(s, "นางแดง แรงดี", "๑"); /* the Thai digit one */
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Name, nickname or phone:"));
    tm_quit_ok(s);
    char *got = categories(db);
    assert_contains(got, "นางมาลี ดีใจ=นักวิชาการ\n");
    assert_contains(got, "นายชาติ ใจกล้า=\n");
    assert_contains(got, "นายดำ ขำขัน=\n");
    assert_contains(got, "นางแดง แรงดี=ผู้บริหาร\n");
    free(got);
    free(db);
}

static void walkin_cli_asks_the_quota_category_with_one_key(void **state)
{
    (void)state;
    char *db = conference("walkin-cli.db");
    if (!tm_available()) skip();
    /* Six rows: the command's greeting fills them, so the prompt is on the last line, where
     * tm_start looks for something drawn. */
    struct tm_session *s = tm_start("walkin-cli", COLS, 6, NULL, db, "--lang en checkin 1");
    expect_and_free(s, "attended 0 / 5");
    tm_keys(s, "n e w Enter");
    expect_and_free(s, "Full name:");
    tm_type(s, "นางมาลี ดีใจ");
    tm_keys(s, "Enter");
    free(tm_expect(s, "Organisation"));
    tm_keys(s, "Enter");
    free(tm_expect(s, "Phone"));
    tm_keys(s, "Enter");
    expect_and_free(s, "Category:  1 ผู้บริหาร  2 นักวิชาการ");
    /* One key, no Enter. */
    tm_keys(s, "1");
    expect_and_free(s, "attended 1 / 5");
    tm_keys(s, "C-d");
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 0);
    char *got = categories(db);
    assert_contains(got, "นางมาลี ดีใจ=ผู้บริหาร\n");
    free(got);
    free(db);
}

const struct CMUnitTest walkin_tui_tests[] = {
    cmocka_unit_test(walkin_tui_asks_the_quota_category_with_one_key),
    cmocka_unit_test(walkin_cli_asks_the_quota_category_with_one_key),
};
const size_t walkin_tui_tests_count = sizeof walkin_tui_tests / sizeof walkin_tui_tests[0];
