/* End-to-end tests of the Calendar tab in tmux: moving by day, week and month, a day's list,
 * opening what it lists, a series' next meeting before it exists, and the Thai calendar. */
#include "agendaview.h"
#include "calendar.h"
#include "messages.h"
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

static void iso(struct date d, char *buf, size_t n)
{
    date_format(d, DATE_ISO, buf, n);
}

/* Today a meeting at 9.00, a two-day seminar from tomorrow, a task due in three days, and a
 * meeting every 12 months since 15 Jan 2010. */
static char *near_today(const char *name)
{
    char *db = test_fresh_db_path(name);
    struct date today = date_today();
    char a[16], b[16];
    iso(today, a, sizeof a);
    free(khai_ok(db, "add event --title 'ประชุมวันนี้' --start-date %s --start-time 9.00", a));
    iso(calendar_add_days(today, 1), a, sizeof a);
    iso(calendar_add_days(today, 2), b, sizeof b);
    free(khai_ok(db, "add event --title 'สัมมนาสองวัน' --start-date %s --end-date %s", a, b));
    iso(calendar_add_days(today, 3), a, sizeof a);
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --due-date %s", a));
    free(khai_ok(db, "add event --title 'ประชุมประจำปี' --start-date 2010-01-15 --recurrence 12"));
    return db;
}

/* Waits for the heading of day d (in English). */
static void expect_day(struct tm_session *s, struct date d)
{
    messages_init(false);
    char *heading = agenda_day_heading(d);
    free(tm_expect(s, heading));
    free(heading);
}

static struct tm_session *start(const char *name, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, NULL, db, args);
}

static void calendar_tui_moves_by_day_week_and_month(void **state)
{
    (void)state;
    char *db = near_today("calendar-tui.db");
    struct date today = date_today();
    struct tm_session *s = start("calendar", db, "--lang en");
    tm_keys(s, "5");
    free(tm_expect_attrs(s, "7m 5 Calendar"));
    char title[64];
    messages_init(false);
    calendar_month_title(today.year, today.month, title, sizeof title);
    free(tm_expect(s, title));
    free(tm_expect(s, "Su  Mo  Tu  We  Th  Fr  Sa"));
    expect_day(s, today);
    free(tm_expect(s, "  09:00 ประชุมวันนี้ (#1)"));
    free(tm_expect(s, "Right/l next day  Down/j next week  PgDn next month  Enter open"));
    /* Right: the seminar's first day; the next its second. */
    tm_keys(s, "Right");
    expect_day(s, calendar_add_days(today, 1));
    free(tm_expect(s, "  สัมมนาสองวัน (#2)"));
    tm_keys(s, "l");
    expect_day(s, calendar_add_days(today, 2));
    free(tm_expect(s, "  สัมมนาสองวัน (#2)"));
    tm_keys(s, "Down");
    expect_day(s, calendar_add_days(today, 9));
    free(tm_expect(s, "  Nothing on this day."));
    tm_keys(s, "Up Left h");
    expect_day(s, today);
    tm_keys(s, "PgDn");
    struct date next = date_add_months(today, 1);
    calendar_month_title(next.year, next.month, title, sizeof title);
    free(tm_expect(s, title));
    expect_day(s, next);
    tm_keys(s, "PgUp");
    expect_day(s, date_add_months(next, -1));
    tm_keys(s, "t");
    expect_day(s, today);
    tm_quit_ok(s);
    free(db);
}

static void calendar_tui_lists_a_day_and_opens_its_items(void **state)
{
    (void)state;
    char *db = near_today("calendar-tui-open.db");
    struct date today = date_today();
    struct tm_session *s = start("calendar-open", db, "--lang en");
    tm_keys(s, "5");
    expect_day(s, today);
    /* Enter goes into the day's list, Enter again opens the event. */
    tm_keys(s, "Enter");
    free(tm_expect(s, "Esc back"));
    free(tm_expect(s, "> 09:00 ประชุมวันนี้ (#1)"));
    tm_keys(s, "Enter");
    free(tm_expect(s, "Start time  09:00"));
    free(tm_expect(s, "q/Esc back"));
    /* q goes back to the day's list, Esc from there to the month. */
    tm_keys(s, "q");
    free(tm_expect(s, "> 09:00 ประชุมวันนี้ (#1)"));
    tm_keys(s, "Escape");
    free(tm_expect(s, "Right/l next day"));
    tm_refute(s, "> 09:00");
    /* The task due in three days opens as a task. */
    tm_keys(s, "Right Right Right");
    expect_day(s, calendar_add_days(today, 3));
    tm_keys(s, "Enter Enter");
    free(tm_expect(s, "Priority"));
    free(tm_expect(s, "ส่งรายชื่อ"));
    tm_keys(s, "q Escape");
    free(tm_expect(s, "Right/l next day"));
    /* Help has the calendar's keys. */
    tm_keys(s, "?");
    free(tm_expect(s, "khai keys"));
    bool found = false;
    for (int page = 0; page < 8 && !found; page++) {
        free(tm_wait_text(s, "a week earlier; in a day's list, the previous row", false, 300,
                          &found));
        if (!found) tm_keys(s, "PgDn");
    }
    assert_true(found);
    found = false;
    for (int page = 0; page < 3 && !found; page++) {
        free(tm_wait_text(s, "Home/t       today", false, 300, &found));
        if (!found) tm_keys(s, "PgDn");
    }
    assert_true(found);
    tm_keys(s, "q");
    free(tm_expect(s, "Right/l next day"));
    tm_quit_ok(s);
    free(db);
}

static void calendar_tui_shows_next_meetings_and_speaks_thai(void **state)
{
    (void)state;
    char *db = near_today("calendar-tui-thai.db");
    struct date today = date_today();
    struct tm_session *s = start("calendar-thai", db, "--lang th");
    tm_keys(s, "5");
    free(tm_expect_attrs(s, "7m 5 ปฏิทิน"));
    messages_init(true);
    char title[64];
    calendar_month_title(today.year, today.month, title, sizeof title);
    messages_init(false);
    free(tm_expect(s, title)); /* the Buddhist Era year */
    free(tm_expect(s, "อา   จ   อ   พ  พฤ   ศ   ส"));
    free(tm_expect(s, "Right/l วันถัดไป"));
    /* Next January holds the yearly meeting on the 15th before anyone created it. */
    for (int m = today.month; m <= 12; m++)
        tm_keys(s, "PgDn");
    messages_init(true);
    calendar_month_title(today.year + 1, 1, title, sizeof title);
    messages_init(false);
    free(tm_expect(s, title));
    free(tm_expect(s, " 15*"));
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest calendar_tui_tests[] = {
    cmocka_unit_test_teardown(calendar_tui_moves_by_day_week_and_month, teardown),
    cmocka_unit_test_teardown(calendar_tui_lists_a_day_and_opens_its_items, teardown),
    cmocka_unit_test_teardown(calendar_tui_shows_next_meetings_and_speaks_thai, teardown),
};
const size_t calendar_tui_tests_count = sizeof calendar_tui_tests / sizeof calendar_tui_tests[0];
