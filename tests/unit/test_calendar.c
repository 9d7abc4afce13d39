/* Tests of calendar arithmetic in the Buddhist Era, the month grid, reading months, and the
 * agenda of a date range from the store. */
#include "agenda.h"
#include "calendar.h"
#include "db.h"
#include "messages.h"
#include "test_support.h"

#include <stdlib.h>
#include <string.h>

static struct date ymd(int year, int month, int day)
{
    return (struct date){year, month, day};
}

static void assert_date(struct date got, int year, int month, int day)
{
    if (got.year != year || got.month != month || got.day != day)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.year, got.month, got.day, year,
                 month, day);
}

static void leap_years_in_the_buddhist_era(void **state)
{
    (void)state;
    assert_true(calendar_is_leap_be(2567)); /* 2024 */
    assert_false(calendar_is_leap_be(2566));
    assert_false(calendar_is_leap_be(2443)); /* 1900: a century, not a leap year */
    assert_true(calendar_is_leap_be(2543));  /* 2000: every 400 years it is */
    assert_true(calendar_is_leap(2024));
    assert_false(calendar_is_leap(2100));
    assert_int_equal(calendar_days_in_month(2567 - BE_OFFSET, 2), 29);
    assert_int_equal(calendar_days_in_month(2566 - BE_OFFSET, 2), 28);
    assert_int_equal(calendar_days_in_month(2000, 2), 29);
    assert_int_equal(calendar_days_in_month(1900, 2), 28);
    /* 29 ก.พ. exists in 2567 and not in 2566. */
    struct date d;
    assert_int_equal(date_parse("29 ก.พ. 2567", ymd(2024, 1, 1), &d, NULL, NULL, 0), 0);
    assert_date(d, 2024, 2, 29);
    assert_int_not_equal(date_parse("29 ก.พ. 2566", ymd(2024, 1, 1), &d, NULL, NULL, 0), 0);
}

static void month_ends(void **state)
{
    (void)state;
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        assert_int_equal(calendar_days_in_month(2023, m), lengths[m - 1]);
    assert_int_equal(calendar_days_in_month(2023, 0), 0);
    assert_int_equal(calendar_days_in_month(2023, 13), 0);
    /* The day after a month's last day is the first of the next, across a year too. */
    assert_date(calendar_add_days(ymd(2024, 2, 28), 1), 2024, 2, 29);
    assert_date(calendar_add_days(ymd(2024, 2, 29), 1), 2024, 3, 1);
    assert_date(calendar_add_days(ymd(2023, 2, 28), 1), 2023, 3, 1);
    assert_date(calendar_add_days(ymd(2010, 12, 31), 1), 2011, 1, 1);
    assert_date(calendar_add_days(ymd(2011, 1, 1), -1), 2010, 12, 31);
    assert_date(calendar_add_days(ymd(2010, 4, 30), 1), 2010, 5, 1);
    /* Months clamp to the month's last day: 31 ม.ค. 2567 a month later is 29 ก.พ. */
    assert_date(date_add_months(ymd(2024, 1, 31), 1), 2024, 2, 29);
    assert_date(date_add_months(ymd(2023, 1, 31), 1), 2023, 2, 28);
    assert_date(date_add_months(ymd(2010, 8, 31), 6), 2011, 2, 28);
    assert_date(date_add_months(ymd(2010, 3, 31), -1), 2010, 2, 28);
}

static void days_weeks_and_weekdays(void **state)
{
    (void)state;
    assert_int_equal(calendar_weekday(ymd(2010, 7, 21)), 3); /* วันพุธที่ 21 กรกฎาคม 2553 */
    assert_int_equal(calendar_weekday(ymd(2024, 2, 29)), 4); /* a Thursday */
    assert_int_equal(calendar_weekday(ymd(1, 1, 1)), 1);     /* a Monday */
    assert_date(calendar_add_weeks(ymd(2010, 7, 21), 2), 2010, 8, 4);
    assert_date(calendar_add_weeks(ymd(2010, 7, 21), -3), 2010, 6, 30);
    assert_date(calendar_add_days(ymd(2023, 1, 1), 365), 2024, 1, 1);
    assert_date(calendar_add_days(ymd(2024, 1, 1), 366), 2025, 1, 1);
    assert_int_equal(calendar_days_between(ymd(2009, 3, 24), ymd(2009, 3, 25)), 1);
    assert_int_equal(calendar_days_between(ymd(2024, 3, 1), ymd(2024, 2, 1)), -29);
    /* Every day number goes back to its date, across the whole range of years. */
    for (long n = 0; n < 3652059; n += 997) {
        struct date d = calendar_from_day_number(n);
        assert_true(date_valid(d.year, d.month, d.day));
        assert_int_equal(calendar_day_number(d), n);
    }
    assert_date(calendar_from_day_number(0), 1, 1, 1);
    assert_date(calendar_add_days(ymd(9999, 12, 31), 0), 9999, 12, 31);
    /* Outside years 1-9999, or from no date, there is no date. */
    assert_int_equal(calendar_add_days(ymd(9999, 12, 31), 1).year, 0);
    assert_int_equal(calendar_add_days(ymd(1, 1, 1), -1).year, 0);
    assert_int_equal(calendar_add_days(ymd(2010, 2, 30), 1).year, 0);
}

static void month_grid(void **state)
{
    (void)state;
    struct month_grid g;
    /* July 2010 began on a Thursday: weeks from Sunday put the 1st in column 4. */
    assert_true(calendar_month_grid(2010, 7, 0, &g));
    assert_int_equal(g.weeks, 5);
    assert_int_equal(g.day[0][3], 0);
    assert_int_equal(g.day[0][4], 1);
    assert_int_equal(g.day[0][6], 3);
    assert_int_equal(g.day[4][6], 31);
    /* From Monday it moves one column left. */
    assert_true(calendar_month_grid(2010, 7, 1, &g));
    assert_int_equal(g.day[0][3], 1);
    /* February 2015 (2558) fills exactly four weeks from Sunday. */
    assert_true(calendar_month_grid(2015, 2, 0, &g));
    assert_int_equal(g.weeks, 4);
    assert_int_equal(g.day[0][0], 1);
    assert_int_equal(g.day[3][6], 28);
    /* ... and a 31-day month that begins on a Saturday needs six. */
    assert_true(calendar_month_grid(2010, 5, 0, &g));
    assert_int_equal(g.weeks, 6);
    assert_int_equal(g.day[0][6], 1);
    assert_int_equal(g.day[5][1], 31);
    /* February of the leap year 2567 has its 29th. */
    assert_true(calendar_month_grid(2567 - BE_OFFSET, 2, 0, &g));
    assert_int_equal(g.day[4][4], 29);
    assert_false(calendar_month_grid(2010, 13, 0, &g));
    assert_false(calendar_month_grid(2010, 7, 7, &g));
}

static void expect_month(const char *s, int year, int month)
{
    int y = -1, m = -1;
    char err[200] = "untouched";
    if (month_parse(s, &y, &m, err, sizeof err) != 0) fail_msg("[%s] did not read: %s", s, err);
    if (y != year || m != month) fail_msg("[%s] read as %d-%d", s, y, m);
    assert_string_equal(err, "");
}

static void expect_no_month(const char *s, const char *want)
{
    int y = -1, m = -1;
    char err[200] = "";
    assert_int_not_equal(month_parse(s, &y, &m, err, sizeof err), 0);
    assert_string_equal(err, want);
    assert_int_equal(y, 0);
    assert_int_equal(m, 0);
}

static void months_as_written(void **state)
{
    (void)state;
    expect_month("2553-07", 2010, 7);
    expect_month("2010-07", 2010, 7);
    expect_month("07/2553", 2010, 7);
    expect_month("7/2010", 2010, 7);
    expect_month("ก.ค. 2553", 2010, 7);
    expect_month("กค.2553", 2010, 7);
    expect_month("กรกฎาคม 2553", 2010, 7);
    expect_month("ก.ค. 53", 2010, 7);
    expect_month("ก.ค. พ.ศ. 2553", 2010, 7);
    expect_month("๐๗/๒๕๕๓", 2010, 7);
    expect_month("July 2010", 2010, 7);
    expect_month("ก.พ. 2567", 2024, 2);
    expect_no_month("2553-13", "no such month: \"2553-13\"");
    expect_no_month("00/2553", "no such month: \"00/2553\"");
    expect_no_month("กรกฎาคม", "not a month: \"กรกฎาคม\"");
    expect_no_month("21 ก.ค. 2553", "not a month: \"21 ก.ค. 2553\"");
    expect_no_month("", "not a month: \"\"");
    expect_no_month(NULL, "not a month: \"\"");
}

static void names_in_the_interface_language(void **state)
{
    (void)state;
    char title[64];
    calendar_month_title(2010, 7, title, sizeof title);
    assert_string_equal(title, "July 2010");
    assert_string_equal(calendar_weekday_initial(0), "Su");
    assert_string_equal(calendar_weekday_name(3), "Wednesday");
    messages_init(true);
    calendar_month_title(2010, 7, title, sizeof title);
    assert_string_equal(title, "กรกฎาคม 2553");
    static const char *const initials[7] = {"อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"};
    for (int wd = 0; wd < 7; wd++)
        assert_string_equal(calendar_weekday_initial(wd), initials[wd]);
    assert_string_equal(calendar_month_name(2), "กุมภาพันธ์");
    assert_string_equal(calendar_weekday_name(3), "วันพุธ");
    messages_init(false);
    assert_null(calendar_month_name(0));
    assert_null(calendar_weekday_initial(7));
    calendar_month_title(2010, 13, title, sizeof title);
    assert_string_equal(title, "");
}

/* ---- The agenda ---- */

/* time NULL: an event with no time (the list ends before it). */
static long long add_event(struct db *db, const char *title, const char *dates, const char *time)
{
    return test_add(db, KIND_EVENT,
                    (struct field_value[]){{F_EVENT_TITLE, title},
                                           {F_EVENT_START_DATE, dates},
                                           {time ? F_EVENT_START_TIME : F_NONE, time},
                                           {F_NONE, NULL}});
}

static long long add_recurring(struct db *db, const char *title, const char *dates,
                               const char *months)
{
    return test_add(db, KIND_EVENT,
                    (struct field_value[]){{F_EVENT_TITLE, title},
                                           {F_EVENT_START_DATE, dates},
                                           {F_EVENT_RECURRENCE, months},
                                           {F_NONE, NULL}});
}

static long long add_task(struct db *db, const char *title, const char *due, const char *status)
{
    return test_add(db, KIND_TASK,
                    (struct field_value[]){{F_TASK_TITLE, title},
                                           {F_TASK_DUE_DATE, due},
                                           {F_TASK_STATUS, status},
                                           {F_NONE, NULL}});
}

static struct agenda read_agenda(struct db *db, struct date from, struct date to, struct date today)
{
    struct agenda a;
    char *err = NULL;
    if (agenda_between(db, from, to, today, &a, &err) != 0) fail_msg("%s", err);
    return a;
}

static void agenda_lists_a_range_in_date_order(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("agenda.db");
    long long conference = add_event(db, "ประชุมวิชาการ", "30 มิ.ย. - 2 ก.ค. 2553", NULL);
    long long meeting = add_event(db, "ประชุมเครือข่าย", "21 ก.ค. 2553", "13.30-17.30 น.");
    long long morning = add_event(db, "ประชุมเช้า", "21 ก.ค. 2553", "9.00 น.");
    add_event(db, "ก่อนเดือน", "29 มิ.ย. 2553", NULL);
    add_event(db, "หลังเดือน", "1 ส.ค. 2553", NULL);
    long long names = add_task(db, "ส่งรายชื่อ", "21 ก.ค. 2553", "open");
    add_task(db, "เสร็จแล้ว", "20 ก.ค. 2553", "done");
    add_task(db, "ไม่มีกำหนด", "", "open");
    long long gone = add_event(db, "ลบแล้ว", "22 ก.ค. 2553", NULL);
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_EVENT, gone, &err), 0);

    struct agenda a = read_agenda(db, ymd(2010, 7, 1), ymd(2010, 7, 31), ymd(2010, 7, 1));
    assert_int_equal(a.n, 4);
    /* The conference began in June and reaches into July: it is there, with its whole span. */
    assert_int_equal(a.items[0].what, AGENDA_EVENT);
    assert_int_equal(a.items[0].id, conference);
    assert_date(a.items[0].start, 2010, 6, 30);
    assert_date(a.items[0].end, 2010, 7, 2);
    assert_true(agenda_covers(&a.items[0], ymd(2010, 7, 1)));
    assert_true(agenda_covers(&a.items[0], ymd(2010, 7, 2)));
    assert_false(agenda_covers(&a.items[0], ymd(2010, 7, 3)));
    /* One day: the morning meeting, the afternoon one, then the task due. */
    assert_int_equal(a.items[1].id, morning);
    assert_string_equal(a.items[1].start_time, "09:00");
    assert_int_equal(a.items[2].id, meeting);
    assert_string_equal(a.items[2].end_time, "17:30");
    assert_string_equal(a.items[2].title, "ประชุมเครือข่าย");
    assert_int_equal(a.items[3].what, AGENDA_TASK);
    assert_int_equal(a.items[3].id, names);
    assert_date(a.items[3].start, 2010, 7, 21);
    assert_string_equal(a.items[3].status, "open");
    agenda_free(&a);

    /* A single day inside the conference finds it. */
    a = read_agenda(db, ymd(2010, 7, 1), ymd(2010, 7, 1), ymd(2010, 7, 1));
    assert_int_equal(a.n, 1);
    assert_int_equal(a.items[0].id, conference);
    agenda_free(&a);
    a = read_agenda(db, ymd(2011, 1, 1), ymd(2011, 1, 31), ymd(2010, 7, 1));
    assert_int_equal(a.n, 0);
    agenda_free(&a);
    db_close(&db);
}

static void agenda_shows_next_meetings_before_they_exist(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("agenda-series.db");
    /* Every 6 months from 10 Jan 2010 (a two-day meeting); 10 Jul 2010 was created, so only
     * that one repeats: the meetings' numbers, in Thai digits or not, leave one series. */
    add_recurring(db, "ประชุมเครือข่ายภาคใต้ ครั้งที่ 1/2553", "10-11 ม.ค. 2553", "6");
    long long latest = add_recurring(db, "ประชุมเครือข่ายภาคใต้ ครั้งที่ ๒/๒๕๕๓", "10-11 ก.ค. 2553", "6");
    /* Every month from 31 Aug 2010: the month's last day when it is shorter. */
    long long monthly = add_recurring(db, "ประชุมประจำเดือน", "31 ส.ค. 2553", "1");
    long long cancelled = add_recurring(db, "ยกเลิกแล้ว", "1 ส.ค. 2553", "1");
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_EVENT, cancelled, &r, &err), 0);
    record_set(r, F_EVENT_STATUS, "cancelled");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);

    struct date today = ymd(2010, 9, 15);
    struct agenda a = read_agenda(db, ymd(2010, 9, 1), ymd(2011, 2, 28), today);
    /* 30 Sep, 31 Oct, 30 Nov, 31 Dec, 31 Jan, 28 Feb; 10 Jan 2011 from the latest meeting. */
    assert_int_equal(a.n, 7);
    static const struct date monthly_days[] = {{2010, 9, 30},  {2010, 10, 31}, {2010, 11, 30},
                                               {2010, 12, 31}, {2011, 1, 31},  {2011, 2, 28}};
    size_t m = 0;
    for (size_t i = 0; i < a.n; i++) {
        assert_int_equal(a.items[i].what, AGENDA_NEXT_MEETING);
        if (a.items[i].id == latest) {
            assert_date(a.items[i].start, 2011, 1, 10);
            assert_date(a.items[i].end, 2011, 1, 11);
            assert_string_equal(a.items[i].title, "ประชุมเครือข่ายภาคใต้ ครั้งที่ ๒/๒๕๕๓");
            continue;
        }
        assert_int_equal(a.items[i].id, monthly);
        assert_int_equal(date_cmp(a.items[i].start, monthly_days[m++]), 0);
    }
    assert_int_equal(m, 6);
    agenda_free(&a);

    /* Nothing before today is foreseen: 31 Aug is the meeting itself, not a next one. */
    a = read_agenda(db, ymd(2010, 8, 1), ymd(2010, 8, 31), ymd(2010, 8, 1));
    assert_int_equal(a.n, 2); /* the monthly meeting and the cancelled one, as they are */
    assert_int_equal(a.items[0].what, AGENDA_EVENT);
    assert_int_equal(a.items[1].what, AGENDA_EVENT);
    agenda_free(&a);
    a = read_agenda(db, ymd(2010, 10, 1), ymd(2010, 10, 31), ymd(2010, 11, 1));
    assert_int_equal(a.n, 0);
    agenda_free(&a);
    db_close(&db);
}

/* The calendar reads a month's marks and a day at a time: each day's list is what
 * agenda_between gives for that day, and a day is marked exactly when its list is not empty
 * (an event reaching in from the month before, a task due, a next meeting). */
static void agenda_day_and_marks_agree_with_the_range(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("agenda-days.db");
    add_event(db, "ประชุมวิชาการ", "30 มิ.ย. - 2 ก.ค. 2553", NULL);
    add_event(db, "ประชุมเครือข่าย", "21 ก.ค. 2553", "13.30-17.30 น.");
    add_task(db, "ส่งรายชื่อ", "21 ก.ค. 2553", "open");
    add_task(db, "โทรหาผู้ใหญ่บ้าน", "9 ก.ค. 2553", "in_progress");
    add_task(db, "เสร็จแล้ว", "20 ก.ค. 2553", "done");
    add_recurring(db, "ประชุมประจำเดือน", "15 มิ.ย. 2553", "1");
    struct date first = ymd(2010, 7, 1), last = ymd(2010, 7, 31), today = ymd(2010, 7, 1);
    struct agenda meetings, day;
    bool busy[31];
    char *err = NULL;
    assert_int_equal(agenda_meetings(db, first, last, today, &meetings, &err), 0);
    assert_int_equal(agenda_busy_days(db, first, last, &meetings, busy, &err), 0);
    int marked = 0;
    for (int d = 1; d <= 31; d++) {
        struct agenda whole = read_agenda(db, ymd(2010, 7, d), ymd(2010, 7, d), today);
        assert_int_equal(agenda_day(db, ymd(2010, 7, d), &meetings, &day, &err), 0);
        assert_int_equal(day.n, whole.n);
        for (size_t i = 0; i < day.n; i++) {
            assert_int_equal(day.items[i].what, whole.items[i].what);
            assert_int_equal(day.items[i].id, whole.items[i].id);
            assert_string_equal(day.items[i].title, whole.items[i].title);
        }
        if (busy[d - 1] != (whole.n > 0))
            fail_msg("day %d: marked %d, %zu items", d, busy[d - 1], whole.n);
        marked += busy[d - 1];
        agenda_free(&day);
        agenda_free(&whole);
    }
    /* 1-2 (the conference), 9 (a task in progress), 15 (the monthly meeting), 21. */
    assert_int_equal(marked, 5);
    agenda_free(&meetings);
    db_close(&db);
}

const struct CMUnitTest calendar_tests[] = {
    cmocka_unit_test(leap_years_in_the_buddhist_era),
    cmocka_unit_test(month_ends),
    cmocka_unit_test(days_weeks_and_weekdays),
    cmocka_unit_test(month_grid),
    cmocka_unit_test(months_as_written),
    cmocka_unit_test(names_in_the_interface_language),
    cmocka_unit_test(agenda_lists_a_range_in_date_order),
    cmocka_unit_test(agenda_shows_next_meetings_before_they_exist),
    cmocka_unit_test(agenda_day_and_marks_agree_with_the_range),
};
const size_t calendar_tests_count = sizeof calendar_tests / sizeof calendar_tests[0];
