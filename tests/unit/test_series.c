/* Tests of meeting series (src/store/series.c): the dates of next meetings, the next meeting
 * made from the last one with its open tasks carried over (once and twice), invitations of
 * those who came, undo, the series' overview, and the series migration 012 makes of events
 * that repeat "every N months". */
#include "agenda.h"
#include "calendar.h"
#include "complete.h"
#include "db.h"
#include "series.h"
#include "store_internal.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
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

static void series_next_dates_keep_month_ends(void **state)
{
    (void)state;
    /* 31 ม.ค. 2567 + 1 month is 29 ก.พ. 2567 (a leap year), in 2566 28 ก.พ.; counted from the
     * first meeting, the month after is 31 มี.ค. again, not 29 มี.ค. */
    assert_date(calendar_nth_meeting(ymd(2024, 1, 31), 1, 0, 1), 2024, 2, 29);
    assert_date(calendar_nth_meeting(ymd(2023, 1, 31), 1, 0, 1), 2023, 2, 28);
    assert_date(calendar_nth_meeting(ymd(2024, 1, 31), 1, 0, 2), 2024, 3, 31);
    /* Every 6 months: 31 ส.ค. 2567 then 28 ก.พ. 2568, then 31 ส.ค. 2568. */
    assert_date(calendar_nth_meeting(ymd(2024, 8, 31), 6, 0, 1), 2025, 2, 28);
    assert_date(calendar_nth_meeting(ymd(2024, 8, 31), 6, 0, 2), 2025, 8, 31);
    /* Every 2 weeks, across a year's end; every week into 29 Feb. */
    assert_date(calendar_nth_meeting(ymd(2023, 12, 25), 0, 2, 1), 2024, 1, 8);
    assert_date(calendar_nth_meeting(ymd(2024, 2, 22), 0, 1, 1), 2024, 2, 29);
    /* No rhythm, or k < 1: no date. */
    assert_int_equal(calendar_nth_meeting(ymd(2024, 1, 31), 0, 0, 1).year, 0);
    assert_int_equal(calendar_nth_meeting(ymd(2024, 1, 31), 1, 0, 0).year, 0);
}

static char *num(long long n)
{
    return xasprintf("%lld", n);
}

static long long add_task(struct db *db, long long event, const char *title, const char *status)
{
    char *ev = num(event);
    long long id = test_add(
        db, KIND_TASK,
        (const struct field_value[]){
            {F_TASK_TITLE, title}, {F_TASK_EVENT_ID, ev}, {F_TASK_STATUS, status}, {F_NONE, NULL}});
    free(ev);
    return id;
}

static long long task_event(struct db *db, long long task)
{
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_TASK, task, &r, &err), 0);
    long long ev = atoll(record_get(r, F_TASK_EVENT_ID));
    record_free(&r);
    return ev;
}

/* The southern-border network's meeting every 6 months, with a host, a partner, a venue,
 * quotas, two open tasks, one done, and two people who came and one who did not. */
struct border {
    long long series, first, open1, open2, done, came1, came2, absent;
};

static struct border border_meeting(struct db *db)
{
    struct border b;
    b.series = test_add(db, KIND_SERIES,
                        (const struct field_value[]){{F_SERIES_TITLE, "ประชุมเครือข่ายชายแดนใต้"},
                                                     {F_SERIES_EVERY_MONTHS, "6"},
                                                     {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "ศูนย์ประสานงาน"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิภาคใต้"}, {F_NONE, NULL}});
    char *s = num(b.series);
    b.first = test_add(db, KIND_EVENT,
                       (const struct field_value[]){{F_EVENT_TITLE, "ประชุมเครือข่าย ครั้งที่ 8"},
                                                    {F_EVENT_START_DATE, "31 ส.ค. 2567"},
                                                    {F_EVENT_START_TIME, "09.00-16.00 น."},
                                                    {F_EVENT_VENUE, "โรงแรมซีเอส ปัตตานี"},
                                                    {F_EVENT_PROVINCE, "ปัตตานี"},
                                                    {F_EVENT_HOST, "ศูนย์ประสานงาน"},
                                                    {F_EVENT_PARTNERS, "มูลนิธิภาคใต้"},
                                                    {F_EVENT_TARGET, "70"},
                                                    {F_EVENT_QUOTAS, "ผู้นำชุมชน=40; ภาคี=30"},
                                                    {F_EVENT_MINUTES, "บันทึกครั้งที่ 8"},
                                                    {F_EVENT_SERIES, s},
                                                    {F_NONE, NULL}});
    free(s);
    b.open1 = add_task(db, b.first, "ส่งรายชื่อ", "open");
    b.open2 = add_task(db, b.first, "จองห้องประชุม", "in_progress");
    b.done = add_task(db, b.first, "สรุปผล", "done");
    long long people[3];
    const char *names[3] = {"รัฐภูมิ ใจดี", "ปิยะชีพ สุขใจ", "บวร ศรีสุข"};
    const char *status[3] = {"attended", "attended", "absent"};
    char *ev = num(b.first);
    for (int i = 0; i < 3; i++) {
        people[i] = test_add(db, KIND_MEMBER,
                             (const struct field_value[]){{F_FULL_NAME, names[i]}, {F_NONE, NULL}});
        char *m = num(people[i]);
        test_add(db, KIND_ATTENDANCE,
                 (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                              {F_ATTENDANCE_MEMBER_ID, m},
                                              {F_ATTENDANCE_CATEGORY, "ผู้นำชุมชน"},
                                              {F_ATTENDANCE_STATUS, status[i]},
                                              {F_NONE, NULL}});
        free(m);
    }
    free(ev);
    b.came1 = people[0];
    b.came2 = people[1];
    b.absent = people[2];
    return b;
}

static void series_next_meeting_copies_the_last_and_carries_open_tasks(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_next.db");
    struct border b = border_meeting(db);
    struct next_meeting m;
    char *err = NULL;
    assert_int_equal(series_next_meeting(db, b.first, ymd(0, 0, 0), true, &m, &err), 0);
    assert_int_equal(m.series_id, b.series);
    assert_date(m.date, 2025, 2, 28); /* 31 ส.ค. 2567 + 6 months */
    assert_int_equal(m.tasks_carried, 2);
    assert_int_equal(m.invited, 2);

    struct record *e;
    assert_int_equal(record_load(db, KIND_EVENT, m.event_id, &e, &err), 0);
    assert_string_equal(record_get(e, F_EVENT_TITLE), "ประชุมเครือข่าย ครั้งที่ 9");
    assert_string_equal(record_get(e, F_EVENT_START_DATE), "2025-02-28");
    assert_string_equal(record_get(e, F_EVENT_END_DATE), "2025-02-28");
    assert_string_equal(record_get(e, F_EVENT_START_TIME), "09:00");
    assert_string_equal(record_get(e, F_EVENT_END_TIME), "16:00");
    assert_string_equal(record_get(e, F_EVENT_VENUE), "โรงแรมซีเอส ปัตตานี");
    assert_string_equal(record_get(e, F_EVENT_PROVINCE), "ปัตตานี");
    assert_string_equal(record_get(e, F_EVENT_HOST), "ศูนย์ประสานงาน");
    assert_string_equal(record_get(e, F_EVENT_PARTNERS), "มูลนิธิภาคใต้");
    assert_string_equal(record_get(e, F_EVENT_TARGET), "70");
    assert_string_equal(record_get(e, F_EVENT_QUOTAS), "ผู้นำชุมชน=40; ภาคี=30");
    assert_string_equal(record_get(e, F_EVENT_STATUS), "planned");
    assert_string_equal(record_get(e, F_EVENT_MINUTES), "");
    assert_string_equal(record_get(e, F_EVENT_SERIES), "ประชุมเครือข่ายชายแดนใต้");
    record_free(&e);

    /* Open and in-progress tasks moved, the done one stayed; each move is recorded. */
    assert_int_equal(task_event(db, b.open1), m.event_id);
    assert_int_equal(task_event(db, b.open2), m.event_id);
    assert_int_equal(task_event(db, b.done), b.first);
    long long *from;
    size_t n;
    assert_int_equal(series_task_carried_from(db, b.open1, &from, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(from[0], b.first);
    free(from);

    /* Those who came are invited, in the category they came in; the absent one is not. */
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM attendance WHERE event_id = %lld AND status = 'invited' AND "
             "category = 'ผู้นำชุมชน' AND member_id IN (%lld, %lld)",
             m.event_id, b.came1, b.came2);
    assert_int_equal(test_scalar(db, sql), 2);
    db_close(&db);
}

static void series_task_carried_twice_is_listed(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_twice.db");
    struct border b = border_meeting(db);
    struct next_meeting m1, m2;
    char *err = NULL;
    assert_int_equal(series_next_meeting(db, b.first, ymd(0, 0, 0), false, &m1, &err), 0);
    assert_int_equal(m1.invited, 0);
    /* The second meeting's new task is carried once, the first meeting's two twice. */
    long long fresh = add_task(db, m1.event_id, "ติดต่อวิทยากร", "open");
    assert_int_equal(series_next_meeting(db, m1.event_id, ymd(0, 0, 0), false, &m2, &err), 0);
    assert_date(m2.date, 2025, 8, 31); /* counted from the first: 31 ส.ค. again */
    assert_int_equal(m2.tasks_carried, 3);
    assert_int_equal(task_event(db, b.open1), m2.event_id);
    assert_int_equal(task_event(db, fresh), m2.event_id);

    struct series_overview o;
    assert_int_equal(series_overview(db, b.series, &o, &err), 0);
    assert_int_equal(o.nmeetings, 3);
    assert_int_equal(o.meetings[0].event_id, b.first);
    assert_int_equal(o.meetings[0].attended, 2);
    assert_int_equal(o.meetings[0].target, 70);
    assert_int_equal(o.meetings[2].event_id, m2.event_id);
    assert_int_equal(o.ncarried, 2);
    assert_int_equal(o.carried[0].task_id, b.open1);
    assert_int_equal(o.carried[0].times, 2);
    assert_int_equal(o.carried[1].task_id, b.open2);
    series_overview_free(&o);

    long long *from;
    size_t n;
    assert_int_equal(series_task_carried_from(db, b.open2, &from, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(from[0], b.first);
    assert_int_equal(from[1], m1.event_id);
    free(from);

    /* Undo of the second step: the tasks go back to the second meeting, the third is gone. */
    assert_int_equal(series_next_meeting_undo(db, m2.event_id, &err), 0);
    assert_int_equal(task_event(db, b.open1), m1.event_id);
    assert_int_equal(task_event(db, fresh), m1.event_id);
    assert_int_equal(series_overview(db, b.series, &o, &err), 0);
    assert_int_equal(o.nmeetings, 2);
    assert_int_equal(o.ncarried, 0);
    series_overview_free(&o);
    db_close(&db);
}

static void series_next_needs_a_date_without_rhythm(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_norhythm.db");
    long long ev = test_add(db, KIND_EVENT,
                            (const struct field_value[]){{F_EVENT_TITLE, "เวทีภาคเหนือ"},
                                                         {F_EVENT_START_DATE, "2567-03-01"},
                                                         {F_NONE, NULL}});
    long long task = add_task(db, ev, "ส่งรายงาน", "open");
    struct next_meeting m;
    char *err = NULL;
    long long series;
    struct date next;
    assert_int_equal(series_next_of(db, ev, &series, &next, &err), 0);
    assert_int_equal(series, 0);
    assert_int_equal(next.year, 0);
    /* Refused, and nothing is written: no series, the task where it was. */
    assert_int_equal(series_next_meeting(db, ev, ymd(0, 0, 0), false, &m, &err), -1);
    assert_non_null(strstr(err, "date"));
    free(err);
    err = NULL;
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM series"), 0);
    assert_int_equal(task_event(db, task), ev);
    /* With a date it makes a series named as the event, with no rhythm. */
    assert_int_equal(series_next_meeting(db, ev, ymd(2024, 5, 1), false, &m, &err), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM series WHERE title = 'เวทีภาคเหนือ' "
                                     "AND every_months = 0 AND every_weeks = 0"),
                     1);
    assert_int_equal(task_event(db, task), m.event_id);
    db_close(&db);
}

static void series_rejects_two_rhythms(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_rules.db");
    struct record *r = record_new(KIND_SERIES);
    record_set(r, F_SERIES_TITLE, "ประชุม");
    record_set(r, F_SERIES_EVERY_MONTHS, "6");
    record_set(r, F_SERIES_EVERY_WEEKS, "2");
    char *err = NULL;
    assert_int_not_equal(record_save(db, r, &err), 0);
    assert_non_null(strstr(err, "every_weeks"));
    free(err);
    record_free(&r);
    db_close(&db);
}

/* The event form's Series field completes series titles. */
static void series_titles_complete_in_the_form(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_complete.db");
    test_add(
        db, KIND_SERIES,
        (const struct field_value[]){{F_SERIES_TITLE, "ประชุมเครือข่ายชายแดนใต้"}, {F_NONE, NULL}});
    test_add(db, KIND_SERIES,
             (const struct field_value[]){{F_SERIES_TITLE, "อบรมผู้ดูแล"}, {F_NONE, NULL}});
    char **got = NULL, *err = NULL;
    size_t n = 0;
    assert_int_equal(complete_values(db, F_EVENT_SERIES, "ประชุม", 10, &got, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(got[0], "ประชุมเครือข่ายชายแดนใต้");
    for (size_t i = 0; i < n; i++)
        free(got[i]);
    free(got);
    db_close(&db);
}

/* An older database whose events repeat every N months gets a series for each run of
 * meetings with one title (digits aside) and one rhythm. */
static void series_migration_groups_recurring_events(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_migrate.db");
    const char *titles[] = {"ประชุมเครือข่าย ครั้งที่ 1/2567", "ประชุมเครือข่าย ครั้งที่ 2/2567", "อบรมผู้ดูแล",
                            "ประชุมประจำเดือน"};
    const char *every[] = {"6", "6", "3", ""};
    long long ids[4];
    for (int i = 0; i < 4; i++)
        ids[i] = test_add(db, KIND_EVENT,
                          (const struct field_value[]){{F_EVENT_TITLE, titles[i]},
                                                       {F_EVENT_START_DATE, "2567-01-10"},
                                                       {F_EVENT_RECURRENCE, every[i]},
                                                       {F_NONE, NULL}});
    test_downgrade(db, 9);
    db_close(&db);
    char *path = test_path("series_migrate.db"), *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    free(path);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM series"), 2);
    assert_int_equal(
        test_scalar(
            db, "SELECT count(DISTINCT series_id) FROM events WHERE title LIKE 'ประชุมเครือข่าย%'"),
        1);
    struct record *r;
    assert_int_equal(record_load(db, KIND_EVENT, ids[0], &r, &err), 0);
    assert_string_equal(record_get(r, F_EVENT_SERIES), "ประชุมเครือข่าย ครั้งที่ 1/2567");
    record_free(&r);
    assert_int_equal(record_load(db, KIND_EVENT, ids[3], &r, &err), 0);
    assert_string_equal(record_get(r, F_EVENT_SERIES), "");
    record_free(&r);
    long long count[KIND_COUNT];
    assert_int_equal(model_counts(db, count, &err), 0);
    assert_int_equal(count[KIND_SERIES], 2);
    db_close(&db);
}

/* The calendar foresees a series' meetings as khai next would make them: counted from the
 * first meeting (31 ส.ค.), so after one on 28 ก.พ. the next is on 31 ส.ค. again. */
static void series_agenda_foresees_the_next_meetings(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("series_agenda.db");
    struct border b = border_meeting(db);
    struct next_meeting m;
    char *err = NULL;
    assert_int_equal(series_next_meeting(db, b.first, ymd(0, 0, 0), false, &m, &err), 0);
    struct agenda a;
    assert_int_equal(
        agenda_between(db, ymd(2025, 8, 1), ymd(2026, 3, 31), ymd(2025, 1, 1), &a, &err), 0);
    assert_int_equal(a.n, 2);
    assert_int_equal(a.items[0].what, AGENDA_NEXT_MEETING);
    assert_int_equal(a.items[0].id, m.event_id);
    assert_date(a.items[0].start, 2025, 8, 31);
    assert_date(a.items[1].start, 2026, 2, 28);
    agenda_free(&a);
    /* A weekly series: every 2 weeks from its only meeting. */
    long long weekly =
        test_add(db, KIND_SERIES,
                 (const struct field_value[]){
                     {F_SERIES_TITLE, "ประชุมทีม"}, {F_SERIES_EVERY_WEEKS, "2"}, {F_NONE, NULL}});
    char *w = num(weekly);
    test_add(db, KIND_EVENT,
             (const struct field_value[]){{F_EVENT_TITLE, "ประชุมทีม"},
                                          {F_EVENT_START_DATE, "2024-12-23"},
                                          {F_EVENT_SERIES, w},
                                          {F_NONE, NULL}});
    free(w);
    assert_int_equal(
        agenda_between(db, ymd(2025, 1, 1), ymd(2025, 1, 31), ymd(2025, 1, 1), &a, &err), 0);
    assert_int_equal(a.n, 2);
    assert_date(a.items[0].start, 2025, 1, 6);
    assert_date(a.items[1].start, 2025, 1, 20);
    agenda_free(&a);
    db_close(&db);
}

const struct CMUnitTest series_tests[] = {
    cmocka_unit_test(series_agenda_foresees_the_next_meetings),
    cmocka_unit_test(series_next_dates_keep_month_ends),
    cmocka_unit_test(series_next_meeting_copies_the_last_and_carries_open_tasks),
    cmocka_unit_test(series_task_carried_twice_is_listed),
    cmocka_unit_test(series_next_needs_a_date_without_rhythm),
    cmocka_unit_test(series_rejects_two_rhythms),
    cmocka_unit_test(series_titles_complete_in_the_form),
    cmocka_unit_test(series_migration_groups_recurring_events),
};
const size_t series_tests_count = sizeof series_tests / sizeof series_tests[0];
