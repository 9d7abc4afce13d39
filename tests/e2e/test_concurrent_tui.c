/* The form when someone else saved the same record meanwhile (another coordinator, another
 * window): a change to other fields is no conflict; a change to the same field is shown,
 * whole on an 80-column screen, with their value under the field, and F5 takes in their
 * version without retyping. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

static void expect(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

/* khai with member 1's form open and its nickname changed to mine, not saved. */
static struct tm_session *editing_nickname(const char *name, const char *db, const char *mine)
{
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --nickname ชาย"));
    struct tm_session *s = tm_start(name, COLS, ROWS, NULL, db, NULL);
    tm_keys(s, "e");
    expect(s, "Edit member 1");
    tm_keys(s, "Down Down Down Down C-u");
    tm_type(s, mine);
    expect(s, mine);
    return s;
}

static void concurrent_tui_other_fields_are_no_conflict(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("concurrent_tui_other");
    struct tm_session *s = editing_nickname("other", db, "ชายกลาง");
    free(khai_ok(db, "edit member 1 --phone 081-234-5678"));
    tm_keys(s, "C-s");
    expect(s, "Saved member 1");
    tm_quit_ok(s);
    char *tsv = khai_ok(db, "list members --tsv");
    assert_contains(tsv, "\tชายกลาง\t");
    assert_contains(tsv, "081-234-5678");
    free(tsv);
    free(db);
}

static void concurrent_tui_same_field_is_shown_and_f5_reloads(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("concurrent_tui_same");
    struct tm_session *s = editing_nickname("same", db, "ชายกลาง");
    free(khai_ok(db, "edit member 1 --nickname ชายเล็ก --phone 081-234-5678"));
    tm_keys(s, "C-s");
    char *screen = tm_expect(s, "F5 takes in their version, keeping yours");
    /* The message is whole on the status line. */
    char *status = tm_line(screen, ROWS - 1);
    assert_contains(status, "Changed by ");
    assert_true(strstr(status, "…") == NULL);
    free(status);
    free(screen);
    expect(s, "saved \"ชายเล็ก\" here at");
    tm_keys(s, "F5");
    expect(s, "Reloaded: what you typed is kept; Ctrl-S saves it");
    expect(s, "081-234-5678");
    expect(s, "ชายกลาง");
    tm_keys(s, "C-s");
    expect(s, "Saved member 1");
    tm_quit_ok(s);
    char *tsv = khai_ok(db, "list members --tsv");
    assert_contains(tsv, "\tชายกลาง\t");
    assert_contains(tsv, "081-234-5678");
    free(tsv);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest concurrent_tui_tests[] = {
    cmocka_unit_test_teardown(concurrent_tui_other_fields_are_no_conflict, teardown),
    cmocka_unit_test_teardown(concurrent_tui_same_field_is_shown_and_f5_reloads, teardown),
};
const size_t concurrent_tui_tests_count =
    sizeof concurrent_tui_tests / sizeof concurrent_tui_tests[0];
