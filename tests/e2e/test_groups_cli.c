/* End-to-end tests of breakout groups and multi-day attendance on the command line: `khai
 * groups` (list, --by, --balance, --keep-orgs, --set, --rename, --facilitator, --room,
 * --delete, --tsv and its errors), `list attendance --group`, the group name kept in CSV
 * import and export, `checkin --day`, the days column, and the per-day section of `report
 * event`. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Nakhon kick-off in small: six people of three organisations in two districts. */
static char *kickoff(const char *name)
{
    char *db = test_fresh_db_path(name);
    static const char *const orgs[] = {"มูลนิธิ ก", "สภาองค์กรชุมชน ข", "อบต. ค"};
    for (int i = 0; i < 3; i++)
        free(khai_ok(db, "add org --name '%s'", orgs[i]));
    free(khai_ok(db, "add event --title 'เวทีเปิดตัวนครศรีฯ' --start-date 2567-07-10"));
    static const struct {
        const char *name, *district, *org;
    } people[] = {
        {"นายสมชาย ใจดี", "ชะอวด", "มูลนิธิ ก"},      {"นางสมศรี มีสุข", "ชะอวด", "มูลนิธิ ก"},
        {"นายกล้า แกร่ง", "ทุ่งสง", "มูลนิธิ ก"},        {"นางดาว เด่น", "ทุ่งสง", "สภาองค์กรชุมชน ข"},
        {"นายเอก ชัย", "ชะอวด", "สภาองค์กรชุมชน ข"}, {"นางฟ้า ใส", "ทุ่งสง", "อบต. ค"},
    };
    for (int i = 0; i < 6; i++) {
        free(khai_ok(db,
                     "add member --name '%s' --province นครศรีธรรมราช --district %s "
                     "--organisations '%s'",
                     people[i].name, people[i].district, people[i].org));
        free(khai_ok(db, "add attendance --event-id 1 --member-id %d --status confirmed", i + 1));
    }
    return db;
}

static void groups_cli_by_district_and_list_a_group(void **state)
{
    (void)state;
    char *db = kickoff(__func__);
    char *out = khai_ok(db, "groups 1");
    assert_contains(out, "no breakout groups yet");
    free(out);
    out = khai_ok(db, "groups 1 --by district");
    assert_contains(out, "moved 6 people into 2 groups");
    free(out);
    out = khai_ok(db, "groups 1 --tsv");
    assert_string_equal(out, "group\tfacilitator_id\tfacilitator\troom\tpeople\n"
                             "ชะอวด\t\t\t\t3\n"
                             "ทุ่งสง\t\t\t\t3\n");
    free(out);
    out = khai_ok(db, "list attendance --event 1 --group ทุ่งสง --tsv");
    assert_contains(out, "นายกล้า แกร่ง");
    assert_contains(out, "นางฟ้า ใส");
    assert_false(test_contains(out, "นายสมชาย"));
    free(out);
    /* Rename, facilitator and room; the people follow the new name. */
    free(khai_ok(db, "groups 1 --rename ชะอวด 'กลุ่ม 1 อำเภอชะอวด'"));
    free(khai_ok(db, "groups 1 --facilitator 'กลุ่ม 1 อำเภอชะอวด' 5"));
    free(khai_ok(db, "groups 1 --room 'กลุ่ม 1 อำเภอชะอวด' 'ห้อง 301'"));
    out = khai_ok(db, "groups 1");
    assert_contains(out, "Facilitator");
    assert_contains(out, "นายเอก ชัย");
    assert_contains(out, "ห้อง 301");
    free(out);
    out = khai_ok(db, "list attendance --event 1 --group 'กลุ่ม 1 อำเภอชะอวด' --tsv");
    assert_contains(out, "นายสมชาย ใจดี");
    free(out);
    free(db);
}

static void groups_cli_balance_and_keep_orgs(void **state)
{
    (void)state;
    char *db = kickoff(__func__);
    char *out = khai_ok(db, "groups 1 --balance 3");
    assert_contains(out, "into 3 groups");
    free(out);
    out = khai_ok(db, "groups 1 --tsv");
    assert_string_equal(out, "group\tfacilitator_id\tfacilitator\troom\tpeople\n"
                             "Group 1\t\t\t\t2\nGroup 2\t\t\t\t2\nGroup 3\t\t\t\t2\n");
    free(out);
    /* Spread: the three of มูลนิธิ ก are in three groups. */
    out = khai_ok(db, "list attendance --event 1 --group 'Group 1' --tsv");
    assert_int_equal(test_contains(out, "มูลนิธิ ก"), 1);
    free(out);
    free(khai_ok(db, "groups 1 --balance 2 --keep-orgs"));
    out = khai_ok(db, "list attendance --event 1 --group 'Group 1' --tsv");
    /* มูลนิธิ ก (three) whole in the first group. */
    assert_contains(out, "นายสมชาย ใจดี");
    assert_contains(out, "นางสมศรี มีสุข");
    assert_contains(out, "นายกล้า แกร่ง");
    free(out);
    /* In Thai the new groups are กลุ่ม N. */
    out = khai_ok(db, "--lang th groups 1 --balance 4");
    assert_contains(out, "กลุ่ม 3");
    free(out);
    free(db);
}

static void groups_cli_set_by_hand_and_errors(void **state)
{
    (void)state;
    char *db = kickoff(__func__);
    char *out = khai_ok(db, "groups 1 --set กลุ่มภาคีสนับสนุน 1 2 4");
    assert_contains(out, "moved 3 people");
    assert_contains(out, "กลุ่มภาคีสนับสนุน");
    free(out);
    /* The other three are counted as in no group; a cancelled one is not counted. */
    free(khai_ok(db, "edit attendance 6 --status cancelled"));
    out = khai_ok(db, "groups 1");
    assert_contains(out, "2 people are in no group.");
    free(out);
    out = khai_ok(db, "--lang th groups 1");
    assert_contains(out, "2 คนยังไม่มีกลุ่ม");
    free(out);
    out = khai_ok(db, "groups 1 --tsv");
    assert_false(test_contains(out, "no group"));
    free(out);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' groups 1 --set 'กลุ่ม 2' 3 99", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "99");
    run_result_free(&r);
    free(khai_ok(db, "add member --name 'นายนอก รายชื่อ'"));
    khai_run(&r, NULL, "--db '%s' groups 1 --set 'กลุ่ม 2' 3 7", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "member 7 is not on the list of event 1");
    run_result_free(&r);
    /* Nothing of the refused --set was written. */
    out = khai_ok(db, "groups 1 --tsv");
    assert_false(test_contains(out, "กลุ่ม 2"));
    free(out);
    khai_run(&r, NULL, "--db '%s' groups 1 --by colour", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--by is province, district");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' groups 1 --balance 0", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' groups 1 --keep-orgs", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' groups 1 --delete กลุ่มภาคีสนับสนุน", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "still has 3 people");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' groups 9", db);
    assert_int_equal(r.status, 0); /* an event without groups lists none */
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' groups 9 --by province", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "no event 9");
    run_result_free(&r);
    out = khai_ok(db, "groups --help");
    assert_contains(out, "--keep-orgs");
    free(out);
    out = khai_ok(db, "complete groups 1 --ke");
    assert_contains(out, "--keep-orgs");
    free(out);
    out = khai_ok(db, "complete groups 1 --by pro");
    assert_contains(out, "province");
    free(out);
    free(db);
}

/* The group goes out and comes back in with the attendance sheet; a name in a sheet makes the
 * group. */
static void groups_cli_csv_round_trip(void **state)
{
    (void)state;
    char *db = kickoff(__func__);
    free(khai_ok(db, "groups 1 --set 'กลุ่ม 1 อำเภอชะอวด' 1 2"));
    char *csv = khai_ok(db, "export attendance --encoding utf-8");
    assert_contains(csv, ",group,checked_in_at,days\r\n");
    assert_contains(csv, "กลุ่ม 1 อำเภอชะอวด");
    free(csv);
    char *path = test_path("groups-in.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id,member_id,status,group\n1,3,confirmed,กลุ่มภาคีสนับสนุน\n", f);
    fclose(f);
    free(khai_ok(db, "import attendance '%s'", path));
    free(path);
    char *out = khai_ok(db, "groups 1 --tsv");
    assert_string_equal(out, "group\tfacilitator_id\tfacilitator\troom\tpeople\n"
                             "กลุ่ม 1 อำเภอชะอวด\t\t\t\t2\n"
                             "กลุ่มภาคีสนับสนุน\t\t\t\t1\n");
    free(out);
    free(db);
}

/* The conference of 24–25 มีนาคม 2552: check-in records the day, the report counts each. */
static void groups_cli_days_of_a_conference(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    free(khai_ok(db, "add event --title 'สัมมนาวิชาการ' --start-date '24-25 มีนาคม 2552' --target 3"));
    free(khai_ok(db, "add member --name 'นายหนึ่ง สองวัน' --phone 0812345678"));
    free(khai_ok(db, "add member --name 'นายสอง วันแรก' --phone 0812345679"));
    free(khai_ok(db, "add member --name 'นายสาม วันหลัง' --phone 0812345670"));
    char *out = khai_ok(db, "checkin 1 --day '24 มี.ค. 2552' < /dev/null");
    assert_contains(out, "Recording the day: 24 Mar 2009");
    free(out);
    struct run_result r;
    khai_run(&r, "สองวัน\nวันแรก\n", "--db '%s' checkin 1 --day 24/3/2552", db);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    khai_run(&r, "สองวัน\nวันหลัง\n", "--db '%s' checkin 1 --day 2009-03-25", db);
    assert_int_equal(r.status, 0);
    assert_false(test_contains(r.out, "already checked in"));
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' checkin 1 --day 26/3/2552", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "is not a day of event 1");
    run_result_free(&r);
    out = khai_ok(db, "report event 1 --tsv");
    assert_contains(out, "day\t2009-03-24\t24 Mar 2009\t2\t3\t67%\n");
    assert_contains(out, "day\t2009-03-25\t25 Mar 2009\t2\t3\t67%\n");
    assert_contains(out, "day\tany\tCame on any day\t3\t3\t100%\n");
    free(out);
    out = khai_ok(db, "--lang th report event 1");
    assert_contains(out, "24 มี.ค. 2552");
    free(out);
    out = khai_ok(db, "list attendance --event 1 --tsv");
    assert_contains(out, "\t2009-03-24; 2009-03-25\n");
    free(out);
    /* The days come back from a sheet; a day outside the event names the line. */
    char *path = test_path("days-in.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id,member_id,status,days\n1,3,attended,24/3/2552; 25/3/2552\n"
          "1,2,attended,27/3/2552\n",
          f);
    fclose(f);
    khai_run(&r, NULL, "--db '%s' import attendance '%s'", db, path);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, ":3:");
    assert_contains(r.err, "27/3/2552");
    run_result_free(&r);
    free(khai_ok(db, "import attendance '%s' --skip-bad", path));
    free(path);
    out = khai_ok(db, "report event 1 --tsv");
    assert_contains(out, "day\t2009-03-24\t24 Mar 2009\t3\t3\t100%\n");
    free(out);
    /* --by day: each person in the row of each day they came. */
    out = khai_ok(db, "report event 1 --by day --tsv");
    assert_contains(out, "2009-03-24\t2009-03-24\t0\t0\t3\t0\t0\t3\n");
    assert_contains(out, "2009-03-25\t2009-03-25\t0\t0\t2\t0\t0\t2\n");
    free(out);
    free(db);
}

const struct CMUnitTest groups_cli_tests[] = {
    cmocka_unit_test(groups_cli_by_district_and_list_a_group),
    cmocka_unit_test(groups_cli_balance_and_keep_orgs),
    cmocka_unit_test(groups_cli_set_by_hand_and_errors),
    cmocka_unit_test(groups_cli_csv_round_trip),
    cmocka_unit_test(groups_cli_days_of_a_conference),
};
const size_t groups_cli_tests_count = sizeof groups_cli_tests / sizeof groups_cli_tests[0];
