/* End-to-end tests in tmux of less friction in forms: an organisation khai does not have is
 * created from the event form after a y/n question; one typed with a slip is offered as "did
 * you mean" and taken with y; dates show as the user reads them and a task's date without a
 * year previews against its event; ? opens the help on a detail as on a list. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

static struct tm_session *start(const char *name, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, NULL, db, args);
}

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

/* The event form: Title, then Start date two fields down, Host six further, Partners next. */
static void type_event(struct tm_session *s, const char *host, const char *partners)
{
    tm_keys(s, "3");
    expect_and_free(s, "Events");
    tm_keys(s, "a");
    expect_and_free(s, "New event");
    tm_type(s, "เวทีใหม่");
    tm_keys(s, "Down Down");
    tm_type(s, "21 Jul 2010");
    tm_keys(s, "Down Down Down Down Down Down");
    tm_type(s, host);
    tm_keys(s, "Down");
    tm_type(s, partners);
    tm_keys(s, "C-s");
}

static void tasks_tui_creates_organisation_from_event_form(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("tasks-tui-create.db");
    free(khai_ok(db, "add org --name 'มูลนิธิชุมชนไท'"));
    struct tm_session *s = start("create-org", db, "--lang en");
    type_event(s, "มูลนิธิชุมชนไท", "กลุ่มใหม่เอี่ยม");
    expect_and_free(s, "No organisation \"กลุ่มใหม่เอี่ยม\": create it? (y/n)");
    tm_keys(s, "y");
    expect_and_free(s, "Saved event 1");
    tm_quit_ok(s);
    char *out = khai_ok(db, "show event 1");
    assert_contains(out, "กลุ่มใหม่เอี่ยม");
    free(out);
    out = khai_ok(db, "list orgs --tsv");
    assert_contains(out, "2\tกลุ่มใหม่เอี่ยม");
    free(out);
    free(db);
}

static void tasks_tui_offers_did_you_mean(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("tasks-tui-mean.db");
    free(khai_ok(db, "add org --name 'องค์การบริหารส่วนตำบลกฎ'"));
    struct tm_session *s = start("did-you-mean", db, "--lang en");
    type_event(s, "องค์การบริหารส่วนตำบลกฏ", "");
    expect_and_free(s, "Did you mean องค์การบริหารส่วนตำบลกฎ?");
    tm_keys(s, "y");
    expect_and_free(s, "Saved event 1");
    /* the form shows the date as it is read, not ISO */
    tm_keys(s, "e");
    char *screen = tm_expect(s, "21 Jul 2010");
    assert_null(strstr(screen, "2010-07-21"));
    free(screen);
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "21 Jul 2010"));
    tm_quit_ok(s);
    char *out = khai_ok(db, "list orgs --tsv");
    assert_null(strstr(out, "กฏ"));
    free(out);
    out = khai_ok(db, "show event 1");
    assert_contains(out, "องค์การบริหารส่วนตำบลกฎ");
    free(out);
    free(db);
}

/* A due date typed without a year previews against the event (17 พค. for a meeting on 11
 * พ.ค. 2554), and ? opens the help on an event's detail. */
static void tasks_tui_yearless_preview_and_help_on_detail(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("tasks-tui-due.db");
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย' --start-date '11 พ.ค. 2554'"));
    struct tm_session *s = start("yearless", db, "--lang th");
    tm_keys(s, "3");
    expect_and_free(s, "ประชุมเครือข่าย");
    tm_keys(s, "Enter");
    expect_and_free(s, "ประชุมเครือข่าย");
    tm_keys(s, "?");
    expect_and_free(s, "(q หรือ Esc ปิด");
    tm_keys(s, "q");
    tm_keys(s, "t");
    expect_and_free(s, "กำหนดเสร็จ");
    tm_type(s, "ส่งรายชื่อ");
    tm_keys(s, "Down Down Down Down");
    tm_type(s, "17 พค.");
    expect_and_free(s, "→ 17 พ.ค. 2554");
    tm_keys(s, "Escape");
    expect_and_free(s, "y = ");
    tm_keys(s, "y");
    free(tm_expect_gone(s, "กำหนดเสร็จ"));
    tm_keys(s, "q"); /* from the detail back to the list, whose keys include / search */
    expect_and_free(s, "/ ค้นหา");
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest tasks_tui_tests[] = {
    cmocka_unit_test(tasks_tui_creates_organisation_from_event_form),
    cmocka_unit_test(tasks_tui_offers_did_you_mean),
    cmocka_unit_test(tasks_tui_yearless_preview_and_help_on_detail),
};
const size_t tasks_tui_tests_count = sizeof tasks_tui_tests / sizeof tasks_tui_tests[0];
