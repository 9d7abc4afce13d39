/* End-to-end tests of the Reports tab in tmux at 80x24: goals with their bars at the top, the
 * year's totals and events, members by province; Enter drilling down to a goal's people, an
 * event's report, a subdistrict's attendees and a province's members, and on to a record;
 * Escape and q going back; a goal added from the tab; the tab in Thai. */
#include "test_support.h"
#include "thaidate.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

/* Two people of Chiang Mai in ตำบลช้างคลาน and one of Lampang, at a forum of this year; a goal
 * of the year's people (target 2: reached) and a manual one (1 of 4). */
static char *network(const char *name)
{
    char *db = test_fresh_db_path(name);
    int year = date_today().year;
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --province เชียงใหม่ --district "
                     "เมืองเชียงใหม่ --subdistrict ช้างคลาน"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --province เชียงใหม่ --district "
                     "เมืองเชียงใหม่ --subdistrict ช้างคลาน"));
    free(khai_ok(db, "add member --name 'นายอนันต์ สมบัติ' --province ลำปาง --district เมืองลำปาง "
                     "--subdistrict ช้างคลาน"));
    free(khai_ok(db, "add event --title 'เวทีภาคเหนือ' --start-date %d-01-15 --target 4", year));
    for (int m = 1; m <= 3; m++)
        free(khai_ok(db, "add attendance --event-id 1 --member-id %d --status attended", m));
    free(khai_ok(db,
                 "add goal --title 'คนที่มาร่วมในปีนี้' --target 3 --measure people --from "
                 "%d-01-01 --to %d-12-31",
                 year, year));
    free(khai_ok(db, "add goal --title 'ช่องทางสื่อสาร' --target 4 --measure manual --value 1"));
    return db;
}

static struct tm_session *start(const char *name, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, NULL, db, args);
}

static void expect(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

static void reports_tui_shows_goals_totals_and_drills_down(void **state)
{
    (void)state;
    char *db = network("reports-tui.db");
    struct tm_session *s = start("reports", db, "--lang en");
    tm_keys(s, "6");
    free(tm_expect_attrs(s, "7m 6 Reports"));
    expect(s, "Goals (2)");
    /* the reached goal's line: its count, percentage, a full bar and the day it was reached */
    char *screen = tm_expect(s, "> คนที่มาร่วมในปีนี้");
    assert_contains(screen, "3/3  100% ██████████");
    assert_contains(screen, "1/4   25% ██▌");
    char heading[64];
    snprintf(heading, sizeof heading, "Events of %d", date_today().year);
    assert_contains(screen, heading);
    assert_contains(screen, "People reached (each once)                  3");
    assert_contains(screen, "Members by province");
    assert_contains(screen, "Enter who, what  a add goal  e edit goal  l goals");
    for (int y = 0; y < tm_lines(screen); y++) {
        char *line = tm_line(screen, y);
        assert_true(strlen(line) > 0 || y > 0);
        free(line);
    }
    free(screen);
    /* the goal's people, then one of them */
    tm_keys(s, "Enter");
    expect(s, "Progress: 3 of a target of 3 (100%)");
    expect(s, "People who came");
    expect(s, "> นายสมชาย ใจดี");
    tm_keys(s, "Enter");
    expect(s, "Family name    ใจดี");
    tm_keys(s, "q");
    expect(s, "Progress: 3 of a target of 3 (100%)");
    tm_keys(s, "Escape");
    expect(s, "Goals (2)");
    tm_refute(s, "Progress:");
    /* the event's report, its subdistricts, and who came from the one of Chiang Mai */
    tm_keys(s, "End");
    expect(s, "> 15 Jan");
    tm_keys(s, "Enter");
    expect(s, "Who came, by subdistrict");
    screen = tm_expect(s, "> People who came");
    assert_contains(screen, "3/4   75%");
    free(screen);
    tm_keys(s, "Down");
    expect(s, "> ช้างคลาน, เมืองเชียงใหม่, เชียงใหม่");
    tm_keys(s, "Enter");
    expect(s, "Who came from ช้างคลาน (2)");
    expect(s, "> นายสมชาย ใจดี");
    tm_refute(s, "นายอนันต์");
    tm_keys(s, "q");
    expect(s, "Who came, by subdistrict");
    tm_keys(s, "q");
    expect(s, "Goals (2)");
    /* the provinces, between the totals and the events: the second and its members */
    tm_keys(s, "Home Down Down Down");
    expect(s, "> ลำปาง");
    tm_keys(s, "Enter");
    expect(s, "Members in ลำปาง (1)");
    expect(s, "> นายอนันต์ สมบัติ");
    tm_keys(s, "Escape");
    expect(s, "> ลำปาง");
    tm_quit_ok(s);
    free(db);
}

static void reports_tui_adds_a_goal_and_shows_it(void **state)
{
    (void)state;
    char *db = network("reports-tui-add.db");
    struct tm_session *s = start("reports-add", db, "--lang en");
    tm_keys(s, "6");
    expect(s, "Goals (2)");
    tm_keys(s, "a");
    expect(s, "Counts");
    tm_type(s, "สมาชิกใหม่");
    tm_keys(s, "Tab");
    tm_type(s, "10");
    tm_keys(s, "Tab Tab");
    tm_type(s, "members");
    tm_keys(s, "C-s");
    expect(s, "Goals (3)");
    expect(s, "สมาชิกใหม่");
    expect(s, "3/10   30%");
    /* e on it edits it: a target of 3 is reached */
    tm_keys(s, "Down Down");
    expect(s, "> สมาชิกใหม่");
    tm_keys(s, "e");
    expect(s, "Counts");
    tm_keys(s, "Tab C-u");
    tm_type(s, "3");
    tm_keys(s, "C-s");
    expect(s, "3/3  100%");
    /* l lists the goals; q comes back to the report */
    tm_keys(s, "l");
    expect(s, "Counts");
    expect(s, "people who");
    tm_keys(s, "q");
    expect(s, "Goals (3)");
    tm_quit_ok(s);
    free(db);
}

static void reports_tui_speaks_thai(void **state)
{
    (void)state;
    char *db = network("reports-tui-thai.db");
    struct tm_session *s = start("reports-thai", db, "--lang th");
    tm_keys(s, "6");
    free(tm_expect_attrs(s, "7m 6 รายงาน"));
    expect(s, "เป้าหมาย (2)");
    char heading[64];
    snprintf(heading, sizeof heading, "งานของปี %d", date_today().year + 543);
    expect(s, heading);
    expect(s, "สมาชิกตามจังหวัด");
    tm_keys(s, "Enter");
    expect(s, "ความคืบหน้า: 3 จากเป้าหมาย 3 (100%)");
    expect(s, "ถึงเป้าหมายเมื่อ 15 ม.ค.");
    tm_keys(s, "q");
    expect(s, "เป้าหมาย (2)");
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest reports_tui_tests[] = {
    cmocka_unit_test_teardown(reports_tui_shows_goals_totals_and_drills_down, teardown),
    cmocka_unit_test_teardown(reports_tui_adds_a_goal_and_shows_it, teardown),
    cmocka_unit_test_teardown(reports_tui_speaks_thai, teardown),
};
const size_t reports_tui_tests_count = sizeof reports_tui_tests / sizeof reports_tui_tests[0];
