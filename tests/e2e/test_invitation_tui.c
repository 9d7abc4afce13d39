/* End-to-end tests in tmux of the invited organisations on an event's detail: the list with
 * each answer and reason, Enter on one to change its answer (one key) and reason, i to invite
 * another through the form, and the same in Thai. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

/* An event with no host (so the first link of its detail is the first invited organisation),
 * มูลนิธิ ก invited and confirmed, สมาคม ข not invited yet. */
static char *invited(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'มูลนิธิ ก'"));
    free(khai_ok(db, "add org --name 'สมาคม ข'"));
    free(khai_ok(db, "add event --title 'เวทีชายแดนใต้' --start-date 2567-07-25 --target 70"));
    free(khai_ok(db, "add invitation --event 1 --org 'มูลนิธิ ก' --status confirmed"));
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

static void invitation_tui_answers_and_invites_from_the_event(void **state)
{
    (void)state;
    char *db = invited("invitation-tui.db");
    struct tm_session *s = start("invitation", db, "--lang en");
    tm_keys(s, "3");
    expect_and_free(s, "เวทีชายแดนใต้");
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Invited organisations (1)");
    assert_contains(screen, "Organisations invited: 1 (confirmed 1");
    assert_contains(screen, "i invite");
    free(screen);
    /* The invited organisations are below the fields: a page down shows them. */
    tm_keys(s, "NPage");
    expect_and_free(s, "มูลนิธิ ก  [confirmed]");
    /* Enter on the invited organisation: its answer with one key, then the reason. */
    tm_keys(s, "Down");
    expect_and_free(s, ">  มูลนิธิ ก");
    tm_keys(s, "Enter");
    expect_and_free(s, "Answer: i invited  c confirmed  x cancelled  d declined");
    tm_keys(s, "x");
    expect_and_free(s, "Reason:");
    tm_type(s, "น้ำท่วม");
    tm_keys(s, "Enter");
    screen = tm_expect(s, "มูลนิธิ ก  [cancelled]  น้ำท่วม");
    assert_contains(screen, "cancelled 1");
    free(screen);
    /* Esc at the answer changes nothing. */
    tm_keys(s, "Enter");
    expect_and_free(s, "Answer:");
    tm_keys(s, "Escape");
    tm_refute(s, "Answer:");
    /* i: a new invitation of the event, through the form. */
    tm_keys(s, "i");
    expect_and_free(s, "Organisation");
    tm_keys(s, "Down");
    tm_type(s, "สมาคม ข");
    tm_keys(s, "C-s");
    expect_and_free(s, "Invited organisations (2)");
    tm_keys(s, "End");
    expect_and_free(s, "สมาคม ข  [invited]");
    tm_keys(s, "q");
    tm_keys(s, "q");
    tm_quit_ok(s);
    char *out = khai_ok(db, "list invitations --event 1 --tsv");
    assert_contains(out, "\tมูลนิธิ ก\tcancelled\tน้ำท่วม\t");
    assert_contains(out, "\tสมาคม ข\tinvited\t\t");
    free(out);
    out = khai_ok(db, "show invitation 1");
    assert_contains(out, "  confirmed (");
    assert_contains(out, "  cancelled: น้ำท่วม (");
    free(out);
    free(db);
}

static void invitation_tui_speaks_thai(void **state)
{
    (void)state;
    char *db = invited("invitation-tui-th.db");
    struct tm_session *s = start("invitation-th", db, "--lang th");
    tm_keys(s, "3");
    expect_and_free(s, "เวทีชายแดนใต้");
    tm_keys(s, "Enter");
    expect_and_free(s, "องค์กรที่เชิญ (1)");
    tm_keys(s, "NPage");
    expect_and_free(s, "มูลนิธิ ก  [ตอบรับ]");
    tm_keys(s, "Down");
    expect_and_free(s, ">  มูลนิธิ ก");
    tm_keys(s, "Enter");
    expect_and_free(s, "ปฏิเสธ");
    tm_keys(s, "d");
    expect_and_free(s, "เหตุผล:");
    tm_type(s, "ไม่มีงบ");
    tm_keys(s, "Enter");
    expect_and_free(s, "มูลนิธิ ก  [ปฏิเสธ]  ไม่มีงบ");
    tm_keys(s, "q");
    tm_keys(s, "q");
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest invitation_tui_tests[] = {
    cmocka_unit_test_teardown(invitation_tui_answers_and_invites_from_the_event, teardown),
    cmocka_unit_test_teardown(invitation_tui_speaks_thai, teardown),
};
const size_t invitation_tui_tests_count =
    sizeof invitation_tui_tests / sizeof invitation_tui_tests[0];
