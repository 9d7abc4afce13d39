/* End-to-end tests in tmux of who is the same person in the screens: the new-member form asks
 * before adding someone khai may have (o opens them, a adds all the same), and a member's
 * detail lists who is probably the same person, m merges them and u undoes it. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

static void cli(const char *db, const char *args)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' %s", db, args);
    if (r.status != 0) fail_msg("khai %s: status %d\n%s%s", args, r.status, r.out, r.err);
    run_result_free(&r);
}

/* Live members, from the command line. */
static int members(const char *db)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' list members --tsv", db);
    assert_int_equal(r.status, 0);
    int n = -1;
    for (const char *p = r.out; *p; p++)
        n += *p == '\n';
    run_result_free(&r);
    return n;
}

static struct tm_session *start(const char *name, const char *db)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, NULL, db, "");
}

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

static void dedupe_tui_form_offers_the_member_it_may_be(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    cli(db, "add member --name 'นางสมศรี มีสุข' --phone 089-111-2222");
    struct tm_session *s = start("form", db);
    expect_and_free(s, " 1 Members (1) ");
    /* The same name: asked, and o opens the member khai has instead. */
    tm_keys(s, "a");
    expect_and_free(s, "New member");
    tm_type(s, "นางสมศรี มีสุข");
    expect_and_free(s, "นาง | สมศรี | มีสุข");
    tm_keys(s, "C-s");
    char *screen = tm_expect(s, "Probably member 1 นางสมศรี มีสุข (same name, no phone):");
    assert_contains(screen, "o open them");
    assert_contains(screen, "a add anyway");
    free(screen);
    tm_keys(s, "o");
    expect_and_free(s, "089-111-2222");
    tm_refute(s, "New member");
    assert_int_equal(members(db), 1);
    tm_keys(s, "q");
    expect_and_free(s, " 1 Members (1) ");
    /* The same phone in Thai digits: asked; a adds them all the same. */
    tm_keys(s, "a");
    expect_and_free(s, "New member");
    tm_type(s, "ศรี");
    tm_keys(s, "Down Down Down Down Down Down");
    expect_and_free(s, ">Phone");
    tm_type(s, "๐๘๙ ๑๑๑ ๒๒๒๒");
    tm_keys(s, "C-s");
    expect_and_free(s, "Already member 1 นางสมศรี มีสุข (same phone):");
    tm_keys(s, "a");
    expect_and_free(s, " 1 Members (2) ");
    expect_and_free(s, "Saved member 2");
    tm_quit_ok(s);
    assert_int_equal(members(db), 2);
    free(db);
}

static void dedupe_tui_detail_merges_a_probable_duplicate_and_u_undoes(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    cli(db, "add member --name 'นายสมชาย ใจดี' --phone 081-111-1111");
    cli(db, "add member --name 'นายสมชาย ใจดี' --nickname ชาย");
    cli(db, "add event --title ประชุม --start-date 2567-01-10");
    cli(db, "add attendance --event-id 1 --member-id 2 --status attended");
    struct tm_session *s = start("merge", db);
    expect_and_free(s, " 1 Members (2) ");
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Probably the same person (1)");
    assert_contains(screen, "[same name, no phone]");
    free(screen);
    tm_keys(s, "m");
    expect_and_free(s, "Merge member 2 นายสมชาย ใจดี into this member 1 นายสมชาย ใจดี?");
    tm_keys(s, "y");
    expect_and_free(s, "Merged member 2 into this one (u undoes)");
    expect_and_free(s, "ประชุม");
    tm_refute(s, "Probably the same person");
    assert_int_equal(members(db), 1);
    tm_keys(s, "u");
    expect_and_free(s, "undid merging member 2");
    expect_and_free(s, "Probably the same person (1)");
    assert_int_equal(members(db), 2);
    tm_keys(s, "q");
    expect_and_free(s, " 1 Members (2) ");
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest dedupe_tui_tests[] = {
    cmocka_unit_test_teardown(dedupe_tui_form_offers_the_member_it_may_be, teardown),
    cmocka_unit_test_teardown(dedupe_tui_detail_merges_a_probable_duplicate_and_u_undoes, teardown),
};
const size_t dedupe_tui_tests_count = sizeof dedupe_tui_tests / sizeof dedupe_tui_tests[0];
