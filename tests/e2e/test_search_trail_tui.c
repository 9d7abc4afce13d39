/* Backspace in a search goes back to a search the list showed a moment ago without asking the
 * database again (screens/ui_list.c keeps them): what it shows must be what a fresh search
 * shows, and a change made meanwhile (here by another process) must not be hidden by it. */
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

static void gone(struct tm_session *s, const char *text)
{
    free(tm_expect_gone(s, text));
}

static struct tm_session *three_members(const char *name, const char *db)
{
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี'"));
    free(khai_ok(db, "add member --name 'นางสมศรี ดีมาก'"));
    free(khai_ok(db, "add member --name 'นายสุข ใจเย็น'"));
    struct tm_session *s = tm_start(name, COLS, ROWS, NULL, db, NULL);
    expect(s, "ใจเย็น");
    /* one letter at a time, each shown before the next: each is a search of its own */
    tm_keys(s, "/");
    tm_type(s, "ส");
    expect(s, "Search: ส");
    tm_type(s, "ม");
    expect(s, "Search: สม");
    gone(s, "ใจเย็น");
    expect(s, "ใจดี");
    return s;
}

static void search_trail_backspace_shows_the_wider_search(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("search_trail_back");
    struct tm_session *s = three_members("trail_back", db);
    tm_type(s, "ศ");
    expect(s, "Search: สมศ");
    gone(s, "ใจดี");
    tm_keys(s, "BSpace");
    expect(s, "ใจดี");
    expect(s, "ดีมาก");
    tm_refute(s, "ใจเย็น");
    tm_keys(s, "BSpace");
    expect(s, "ใจเย็น");
    expect(s, "ใจดี");
    expect(s, "ดีมาก");
    tm_keys(s, "Enter");
    expect(s, "[ส] 3 found");
    tm_quit_ok(s);
    free(db);
}

static void search_trail_backspace_shows_a_change_made_meanwhile(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("search_trail_change");
    struct tm_session *s = three_members("trail_change", db);
    free(khai_ok(db, "add member --name 'นางสมใจ ทองดี'"));
    expect(s, "ทองดี"); /* the open session saw it */
    free(khai_ok(db, "delete member 3"));
    tm_keys(s, "BSpace");
    expect(s, "Search: ส\n");
    expect(s, "ทองดี");
    tm_keys(s, "Enter");
    expect(s, "[ส] 3 found");
    tm_refute(s, "ใจเย็น");
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest search_trail_tui_tests[] = {
    cmocka_unit_test_teardown(search_trail_backspace_shows_the_wider_search, teardown),
    cmocka_unit_test_teardown(search_trail_backspace_shows_a_change_made_meanwhile, teardown),
};
const size_t search_trail_tui_tests_count =
    sizeof search_trail_tui_tests / sizeof search_trail_tui_tests[0];
