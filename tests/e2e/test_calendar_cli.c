/* End-to-end tests of `khai calendar`, `khai agenda` and the date orders of `khai list events`,
 * in English and in Thai. */
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* July 2553: a conference from June into July, a meeting, a task due, a task done. */
static char *july(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add event --title 'ประชุมวิชาการ' --start-date '30 มิ.ย. - 2 ก.ค. 2553'"));
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย' --start-date '21 ก.ค. 2553' "
                     "--start-time '13.30-17.30 น.'"));
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --due-date '17 ก.ค. 2553'"));
    free(khai_ok(db, "add task --title 'จองห้อง' --status done --due-date '5 ก.ค. 2553'"));
    free(khai_ok(db, "add event --title 'ประชุมเดือนหน้า' --start-date '1 ส.ค. 2553'"));
    return db;
}

static const char *const july_grid = "     July 2010\n"
                                     "Su Mo Tu We Th Fr Sa\n"
                                     "             1* 2* 3\n"
                                     " 4  5  6  7  8  9 10\n"
                                     "11 12 13 14 15 16 17*\n"
                                     "18 19 20 21*22 23 24\n"
                                     "25 26 27 28 29 30 31\n"
                                     "\n"
                                     "30 มิ.ย. 2553 - 2 ก.ค. 2553  ประชุมวิชาการ (#1)\n"
                                     "17 ก.ค. 2553  task: ส่งรายชื่อ (#1)\n"
                                     "21 ก.ค. 2553  13:30-17:30 ประชุมเครือข่าย (#2)\n";

static void calendar_cli_prints_a_month_like_cal(void **state)
{
    (void)state;
    char *db = july("calendar-cli.db");
    struct run_result r;
    static const char *const months[] = {"2010-07", "2553-07", "07/2553", "ก.ค. 2553",
                                         "กรกฎาคม 2553"};
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        khai_run(&r, NULL, "--db '%s' --lang en calendar '%s'", db, months[i]);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.out, july_grid);
        run_result_free(&r);
    }
    /* In Thai: the month's Thai name, the Buddhist Era year and Thai weekday initials. */
    khai_run(&r, NULL, "--db '%s' --lang th calendar 'ก.ค. 2553'", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "    กรกฎาคม 2553\n"
                               "อา  จ  อ  พ พฤ  ศ  ส\n"
                               "             1* 2* 3\n"
                               " 4  5  6  7  8  9 10\n"
                               "11 12 13 14 15 16 17*\n"
                               "18 19 20 21*22 23 24\n"
                               "25 26 27 28 29 30 31\n"
                               "\n"
                               "30 มิ.ย. 2553 - 2 ก.ค. 2553  ประชุมวิชาการ (#1)\n"
                               "17 ก.ค. 2553  งานติดตาม: ส่งรายชื่อ (#1)\n"
                               "21 ก.ค. 2553  13:30-17:30 ประชุมเครือข่าย (#2)\n");
    run_result_free(&r);
    /* February of the leap year 2567 has a 29th; an empty month says so. */
    khai_run(&r, NULL, "--db '%s' --lang th calendar 'ก.พ. 2567'", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "กุมภาพันธ์ 2567\n");
    assert_contains(r.out, "25 26 27 28 29\n");
    assert_contains(r.out, "เดือนนี้ไม่มีกิจกรรมหรืองานติดตามในปฏิทิน\n");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en calendar 2566-02", db);
    assert_contains(r.out, "February 2023\n");
    assert_contains(r.out, "26 27 28\n\nNothing on the calendar this month.\n");
    run_result_free(&r);
    free(db);
}

/* Runs khai on db with args and asserts the exit status and a part of what it printed:
 * standard output when it succeeded, standard error when not. */
static void expect_run(const char *db, int status, const char *want, const char *args)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' %s", db, args);
    if (r.status != status) fail_msg("%s: status %d: %s", args, r.status, r.err);
    assert_contains(status == 0 ? r.out : r.err, want);
    run_result_free(&r);
}

static void calendar_cli_refuses_what_is_not_a_month(void **state)
{
    (void)state;
    char *db = july("calendar-cli-bad.db");
    expect_run(db, 2, "khai: no such month: \"2553-13\"", "--lang en calendar 2553-13");
    expect_run(db, 2, "usage: khai calendar [MONTH]", "--lang en calendar 2553-13");
    expect_run(db, 2, "ไม่ใช่เดือน: \"21 ก.ค. 2553\"", "--lang th calendar '21 ก.ค. 2553'");
    expect_run(db, 2, "\"2553-08\"", "--lang en calendar 2553-07 2553-08");
    expect_run(db, 0, "usage: khai calendar [MONTH]", "--lang en calendar --help");
    expect_run(db, 0, "Prints a month as cal does", "--lang en calendar --help");
    expect_run(db, 0, "ทีละวันแบบเดียวกับ calcurse -a", "--lang th agenda --help");
    expect_run(db, 2, "--days takes a number of days from 1 to 3660, not \"0\"",
               "--lang en agenda --days 0");
    expect_run(db, 2, "--from: not a date", "--lang en agenda --from 'พรุ่งนี้'");
    free(db);
}

static void agenda_cli_lists_the_coming_days(void **state)
{
    (void)state;
    char *db = july("agenda-cli.db");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en agenda --from 2010-06-30 --days 22", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "Wednesday 30 มิ.ย. 2553\n"
                               "  ประชุมวิชาการ (#1)\n"
                               "Thursday 1 ก.ค. 2553\n"
                               "  ประชุมวิชาการ (#1)\n"
                               "Friday 2 ก.ค. 2553\n"
                               "  ประชุมวิชาการ (#1)\n"
                               "Saturday 17 ก.ค. 2553\n"
                               "  task: ส่งรายชื่อ (#1)\n"
                               "Wednesday 21 ก.ค. 2553\n"
                               "  13:30-17:30 ประชุมเครือข่าย (#2)\n");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th agenda --from '21 ก.ค. 2553' --days 1", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "วันพุธ 21 ก.ค. 2553\n  13:30-17:30 ประชุมเครือข่าย (#2)\n");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en agenda --from 2010-07-03 --days 3", db);
    assert_string_equal(r.out, "Nothing on the calendar in the next 3 days.\n");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th agenda --from 2010-07-03 --days 3", db);
    assert_string_equal(r.out, "ไม่มีอะไรในปฏิทินใน 3 วันข้างหน้า\n");
    run_result_free(&r);
    free(db);
}

/* An ISO date days from today, by the clock khai reads. */
static void iso_from_today(int days, char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm t;
    localtime_r(&now, &t);
    t.tm_mday += days;
    t.tm_hour = 12; /* away from a daylight-saving edge */
    mktime(&t);
    strftime(buf, n, "%Y-%m-%d", &t);
}

static void agenda_cli_starts_today_and_foresees_a_series(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("agenda-today.db");
    char soon[16], today[16];
    iso_from_today(2, soon, sizeof soon);
    iso_from_today(0, today, sizeof today);
    free(khai_ok(db, "add event --title 'ประชุมใกล้ ๆ นี้' --start-date '%s'", soon));
    /* Every 12 months from 15 Jan 2010: next January's meeting is foreseen. */
    free(khai_ok(db, "add event --title 'ประชุมประจำปี' --start-date 2010-01-15 --recurrence 12"));
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en agenda", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "  ประชุมใกล้ ๆ นี้ (#1)\n");
    run_result_free(&r);
    int year = atoi(today) + 1;
    char *month = xasprintf("%d-01", year);
    khai_run(&r, NULL, "--db '%s' --lang en calendar %s", db, month);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "15*");
    char *line = xasprintf("15 ม.ค. %d  ประชุมประจำปี (next meeting after #2)\n", year + 543);
    assert_contains(r.out, line);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th calendar %s", db, month);
    assert_contains(r.out, "ประชุมประจำปี (นัดครั้งต่อไปต่อจาก #2)");
    run_result_free(&r);
    free(line);
    free(month);
    free(db);
}

/* The titles of `khai list events --tsv ARGS` in order, one a line (the second column). */
static char *event_titles(const char *db, const char *args)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' list events --tsv %s", db, args);
    assert_int_equal(r.status, 0);
    struct strbuf titles = STRBUF_INIT;
    const char *line = strchr(r.out, '\n'); /* after the header */
    while (line && line[1]) {
        const char *title = strchr(line + 1, '\t') + 1;
        line = strchr(title, '\n');
        sb_addn(&titles, title, strcspn(title, "\t\n"));
        sb_addc(&titles, '\n');
    }
    run_result_free(&r);
    return sb_take(&titles);
}

static void list_events_sorts_by_date_both_ways(void **state)
{
    (void)state;
    char *db = july("list-by-date.db");
    char *newest = event_titles(db, "");
    assert_string_equal(newest, "ประชุมเดือนหน้า\nประชุมเครือข่าย\nประชุมวิชาการ\n");
    char *descending = event_titles(db, "--sort -date");
    assert_string_equal(descending, newest);
    char *oldest = event_titles(db, "--sort date");
    assert_string_equal(oldest, "ประชุมวิชาการ\nประชุมเครือข่าย\nประชุมเดือนหน้า\n");
    free(newest);
    free(descending);
    free(oldest);
    free(db);
}

const struct CMUnitTest calendar_cli_tests[] = {
    cmocka_unit_test(calendar_cli_prints_a_month_like_cal),
    cmocka_unit_test(calendar_cli_refuses_what_is_not_a_month),
    cmocka_unit_test(agenda_cli_lists_the_coming_days),
    cmocka_unit_test(agenda_cli_starts_today_and_foresees_a_series),
    cmocka_unit_test(list_events_sorts_by_date_both_ways),
};
const size_t calendar_cli_tests_count = sizeof calendar_cli_tests / sizeof calendar_cli_tests[0];
