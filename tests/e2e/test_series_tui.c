/* End-to-end tests in tmux of meeting series in the screens: N on an event's detail makes the
 * next meeting (asking first, and for the date when the series has no rhythm), u undoes it;
 * S lists the series and Enter shows one; g on the Calendar goes to a typed month. */
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

/* One meeting of a series every 6 months, with an open task and a person who came. */
static char *border(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add series --title 'ชายแดนใต้' --every-months 6"));
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย ครั้งที่ 8' --start-date '31 ส.ค. 2567' "
                     "--target 70 --series 1"));
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --event-id 1"));
    free(khai_ok(db, "add member --name 'รัฐภูมิ ใจดี'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended"));
    return db;
}

static void series_tui_next_meeting_asks_makes_and_undoes(void **state)
{
    (void)state;
    char *db = border("series-tui.db");
    struct tm_session *s = start("series-next", db, "--lang en");
    tm_keys(s, "3 Enter");
    free(tm_expect(s, "Series      ชายแดนใต้"));
    tm_keys(s, "N");
    free(tm_expect(s, "Next meeting on 28 ก.พ. 2568, open tasks carried over: y make it  i and "
                      "invite"));
    /* Any other key cancels: nothing is made. */
    tm_keys(s, "x");
    free(tm_expect_gone(s, "Next meeting on"));
    tm_refute(s, "ครั้งที่ 9");
    tm_keys(s, "N");
    free(tm_expect(s, "Next meeting on 28 ก.พ. 2568"));
    tm_keys(s, "i");
    free(tm_expect(s, "Next meeting made: 1 task carried over, 1 invited (u undoes)"));
    free(tm_expect(s, "ประชุมเครือข่าย ครั้งที่ 9"));
    free(tm_expect(s, "Start date  28 ก.พ. 2568"));
    free(tm_expect(s, "invited 1, confirmed 0")); /* who came last time */
    char *out = khai_ok(db, "list tasks --event 2 --tsv");
    assert_true(test_contains(out, "ส่งรายชื่อ"));
    free(out);
    tm_keys(s, "u");
    free(tm_expect(s, "undid making the next meeting, event 2"));
    free(tm_expect(s, "(deleted)"));
    tm_keys(s, "q");
    free(tm_expect(s, "Series      ชายแดนใต้")); /* back on the first meeting */
    tm_keys(s, "q");
    tm_quit_ok(s);
    out = khai_ok(db, "list tasks --event 1 --tsv");
    assert_true(test_contains(out, "ส่งรายชื่อ")); /* the task is back where it was */
    free(out);
    out = khai_ok(db, "list events --tsv");
    assert_false(test_contains(out, "ครั้งที่ 9"));
    free(out);
    free(db);
}

static void series_tui_asks_the_date_without_rhythm(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("series-tui-date.db");
    free(khai_ok(db, "add event --title 'เวทีภาคเหนือ' --start-date 2567-03-01"));
    struct tm_session *s = start("series-date", db, "--lang th");
    tm_keys(s, "3 Enter N");
    free(tm_expect(s, "วันที่ประชุมครั้งต่อไป:"));
    tm_type(s, "31 ก.พ. 2567");
    tm_keys(s, "Enter");
    free(tm_expect(s, "31 ก.พ. 2567")); /* refused, quoted, asked again */
    tm_keys(s, "C-u");
    tm_type(s, "1 ก.ค. 2567");
    tm_keys(s, "Enter");
    free(tm_expect(s, "ประชุมครั้งต่อไปวันที่ 1 ก.ค. 2567"));
    tm_keys(s, "y");
    free(tm_expect(s, "สร้างการประชุมครั้งต่อไปแล้ว"));
    free(tm_expect(s, "1 ก.ค. 2567"));
    /* S lists the series made for it; Enter shows its two meetings. */
    tm_keys(s, "S");
    free(tm_expect(s, "เวทีภาคเหนือ"));
    tm_keys(s, "Enter");
    free(tm_expect(s, "การประชุม (2)"));
    tm_keys(s, "q q q q");
    free(tm_expect(s, "3 กิจกรรม (2)")); /* back on the events list, with the new meeting */
    tm_quit_ok(s);
    free(db);
}

static void series_tui_calendar_goes_to_a_typed_month(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("series-tui-month.db");
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย' --start-date '21 ก.ค. 2553'"));
    struct tm_session *s = start("series-month", db, "--lang en");
    tm_keys(s, "5 g");
    free(tm_expect(s, "Month (2553-07, ก.ค. 2553, 2010-07):"));
    tm_type(s, "ก.ค. 2553");
    tm_keys(s, "Enter");
    free(tm_expect(s, "July 2010"));
    free(tm_expect(s, "21*"));
    tm_keys(s, "g");
    tm_type(s, "2567-02");
    tm_keys(s, "Enter");
    free(tm_expect(s, "February 2024"));
    free(tm_expect(s, "29"));
    tm_keys(s, "g");
    tm_type(s, "13/2553");
    tm_keys(s, "Enter");
    free(tm_expect(s, "13/2553"));
    free(tm_expect(s, "February 2024"));
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest series_tui_tests[] = {
    cmocka_unit_test_teardown(series_tui_next_meeting_asks_makes_and_undoes, teardown),
    cmocka_unit_test_teardown(series_tui_asks_the_date_without_rhythm, teardown),
    cmocka_unit_test_teardown(series_tui_calendar_goes_to_a_typed_month, teardown),
};
const size_t series_tui_tests_count = sizeof series_tui_tests / sizeof series_tui_tests[0];
