/* End-to-end tests of meeting series on the command line: add, list, show, edit, delete and
 * restore a series; an event's --series; `khai next` with its tasks carried over, --date and
 * --invite; the agenda's next meetings of a series that repeats every N weeks. */
#include "calendar.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void series_cli_add_list_show_edit_delete(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("series-cli.db");
    char *out = khai_ok(db, "add series --title 'ประชุมเครือข่ายชายแดนใต้' --every-months 6");
    assert_string_equal(out, "1\n");
    free(out);
    free(khai_ok(db, "add event --title 'ประชุม ครั้งที่ 1' --start-date '31 ส.ค. 2567' "
                     "--series 'ประชุมเครือข่ายชายแดนใต้'"));
    out = khai_ok(db, "list series --tsv");
    assert_string_equal(out, "id\ttitle\tevery_months\tevery_weeks\tnotes\tmeetings\tlast_date\n"
                             "1\tประชุมเครือข่ายชายแดนใต้\t6\t\t\t1\t2024-08-31\n");
    free(out);
    out = khai_ok(db, "--lang en show event 1");
    assert_contains(out, "Series      ประชุมเครือข่ายชายแดนใต้");
    free(out);
    out = khai_ok(db, "--lang en show series 1");
    assert_contains(out, "Meetings (1):");
    assert_contains(out, "ประชุม ครั้งที่ 1  [31 ส.ค. 2567]  0 came");
    free(out);

    /* Months and weeks at once is refused, naming the field; an unknown series too. */
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en edit series 1 --every-weeks 2", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "every_weeks: a series repeats every N months or every N weeks");
    run_result_free(&r);
    khai_run(&r, NULL,
             "--db '%s' --lang en add event --title x --start-date 2567-01-01 "
             "--series 'ไม่มี'",
             db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "series: no series \"ไม่มี\"");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th edit series 1 --every-weeks 2", db);
    assert_contains(r.err, "ชุดการประชุมมีรอบทุก N เดือนหรือทุก N สัปดาห์");
    run_result_free(&r);

    free(khai_ok(db, "delete series 1"));
    out = khai_ok(db, "list series --tsv");
    assert_string_equal(out, "id\ttitle\tevery_months\tevery_weeks\tnotes\tmeetings\tlast_date\n");
    free(out);
    free(khai_ok(db, "restore series 1"));
    out = khai_ok(db, "list series");
    assert_contains(out, "ประชุมเครือข่าย");
    free(out);
    free(db);
}

/* A meeting every 6 months with two open tasks and one done, and two people who came. */
static char *border(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add series --title 'ชายแดนใต้' --every-months 6"));
    free(khai_ok(db, "add org --name 'ศูนย์ประสานงาน'"));
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย ครั้งที่ 8' --start-date '31 ส.ค. 2567' "
                     "--host 'ศูนย์ประสานงาน' --target 70 --quotas 'ผู้นำ=40' --series 1"));
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --event-id 1"));
    free(khai_ok(db, "add task --title 'จองห้อง' --event-id 1 --status in_progress"));
    free(khai_ok(db, "add task --title 'สรุปผล' --event-id 1 --status done"));
    free(khai_ok(db, "add member --name 'รัฐภูมิ ใจดี'"));
    free(khai_ok(db, "add member --name 'บวร ศรีสุข'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 2 --status absent"));
    return db;
}

static void next_cli_makes_the_next_meeting_and_carries_open_tasks(void **state)
{
    (void)state;
    char *db = border("next-cli.db");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en next 1 --invite", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "2\n");
    assert_contains(r.err, "next meeting of series 1 on 28 ก.พ. 2568: event 2");
    assert_contains(r.err, "2 open tasks carried over");
    assert_contains(r.err, "1 person invited");
    run_result_free(&r);
    char *out = khai_ok(db, "list events --tsv --sort date");
    assert_contains(out, "2\tประชุมเครือข่าย ครั้งที่ 9\tmeeting\t2025-02-28\t2025-02-28\t\t\t\t\t"
                         "ศูนย์ประสานงาน\t\t70\tplanned\t");
    free(out);
    out = khai_ok(db, "list tasks --event 2 --tsv");
    assert_contains(out, "ส่งรายชื่อ");
    assert_contains(out, "จองห้อง");
    assert_false(test_contains(out, "สรุปผล"));
    free(out);
    out = khai_ok(db, "list attendance --event 2 --tsv");
    assert_contains(out, "รัฐภูมิ ใจดี");
    assert_contains(out, "\tinvited\t");
    assert_false(test_contains(out, "บวร"));
    free(out);

    /* A second time, on a date given: the tasks have now been carried twice. */
    out = khai_ok(db, "next 2 --date '1 มี.ค. 2568'");
    assert_string_equal(out, "3\n");
    free(out);
    out = khai_ok(db, "--lang en show series 1");
    assert_contains(out, "Meetings (3):");
    assert_contains(out, "ประชุมเครือข่าย ครั้งที่ 8  [31 ส.ค. 2567]  1 of 70 (1%)");
    assert_contains(out, "ประชุมเครือข่าย ครั้งที่ 10  [1 มี.ค. 2568]  0 of 70 (0%)");
    assert_contains(out, "Tasks carried over more than once (2):");
    assert_contains(out, "ส่งรายชื่อ  [open]  carried 2 times");
    free(out);
    out = khai_ok(db, "--lang th show task 2");
    assert_contains(out, "ยกมาจาก (2):");
    free(out);
    free(db);
}

static void next_cli_refuses_clearly(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("next-cli-errors.db");
    free(khai_ok(db, "add event --title 'เวทีภาคเหนือ' --start-date 2567-03-01"));
    free(khai_ok(db, "add task --title 'ส่งรายงาน' --event-id 1"));
    struct run_result r;
    /* No rhythm and no date: refused, and nothing written. */
    khai_run(&r, NULL, "--db '%s' --lang en next 1", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "give the date of the next meeting");
    run_result_free(&r);
    char *out = khai_ok(db, "list series --tsv");
    assert_string_equal(out, "id\ttitle\tevery_months\tevery_weeks\tnotes\tmeetings\tlast_date\n");
    free(out);
    khai_run(&r, NULL, "--db '%s' --lang en next 1 --date '31 ก.พ. 2567'", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "31 ก.พ. 2567");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en next", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en next 99 --date 2567-06-01", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "no event with id 99");
    run_result_free(&r);
    /* With a date, the event gets a series named after it. */
    out = khai_ok(db, "next 1 --date 2567-06-01");
    assert_string_equal(out, "2\n");
    free(out);
    out = khai_ok(db, "list series --tsv");
    assert_contains(out, "1\tเวทีภาคเหนือ\t\t\t\t2\t2024-06-01\n");
    free(out);
    free(db);
}

/* A series every 2 weeks whose last meeting was a week ago: its next meeting is in the
 * agenda a week from today, before anyone creates it. */
static void agenda_cli_foresees_a_weekly_series(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("agenda-series.db");
    struct date today = date_today(), last = calendar_add_days(today, -7),
                next = calendar_add_days(today, 7);
    char iso[16], thai[64];
    date_format(last, DATE_ISO, iso, sizeof iso);
    date_format(next, DATE_THAI, thai, sizeof thai);
    free(khai_ok(db, "add series --title 'ประชุมทีม' --every-weeks 2"));
    free(khai_ok(db, "add event --title 'ประชุมทีม' --start-date %s --series 1", iso));
    char *out = khai_ok(db, "--lang en agenda --days 14");
    assert_contains(out, thai);
    assert_contains(out, "ประชุมทีม (next meeting after #1)");
    free(out);
    free(db);
}

const struct CMUnitTest series_cli_tests[] = {
    cmocka_unit_test(series_cli_add_list_show_edit_delete),
    cmocka_unit_test(next_cli_makes_the_next_meeting_and_carries_open_tasks),
    cmocka_unit_test(next_cli_refuses_clearly),
    cmocka_unit_test(agenda_cli_foresees_a_weekly_series),
};
const size_t series_cli_tests_count = sizeof series_cli_tests / sizeof series_cli_tests[0];
