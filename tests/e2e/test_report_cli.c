/* End-to-end tests of `khai report event|members|events`: the --tsv contracts exactly, the
 * table with its bars and total row in English and Thai, the quota warning, usage errors. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A conference whose quotas (3) add up to more than its target (2); a second event. */
static char *conference(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'สมาคมชาวนา'"));
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --province เชียงใหม่ --district "
                     "'เมืองเชียงใหม่' --subdistrict ช้างคลาน --organisations สมาคมชาวนา"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --province ลำปาง --district "
                     "'เมืองลำปาง' --subdistrict ช้างคลาน"));
    free(khai_ok(db, "add member --name 'นายอนันต์ สมบัติดี' --province ลำปาง"));
    free(khai_ok(db, "add event --title 'ประชุมวิชาการ' --start-date 2567-03-24 --target 2 "
                     "--quotas 'ผู้บริหาร=2; นักวิชาการ=1'"));
    free(khai_ok(db, "add event --title 'เวทีติดตามผล' --start-date 2567-06-10"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended "
                     "--organisation สมาคมชาวนา --category ผู้บริหาร --group 'กลุ่ม 1'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 2 --status attended"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 3 --status absent --reason "
                     "น้ำท่วม"));
    free(khai_ok(db, "add attendance --event-id 2 --member-id 1 --status attended"));
    return db;
}

static void report_cli_event_tsv_is_the_contract(void **state)
{
    (void)state;
    char *db = conference("report_cli_event");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' report event 1 --tsv", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "section\tkey\tlabel\tcount\ttarget\tpercent\n"
                               "people\t\tPeople who came\t2\t2\t100%\n"
                               "organisations\t\tOrganisations represented\t1\t\t\n"
                               "subdistricts\t\tSubdistricts\t2\t\t\n"
                               "districts\t\tDistricts\t2\t\t\n"
                               "provinces\t\tProvinces\t2\t\t\n"
                               "status\tinvited\tinvited\t0\t\t\n"
                               "status\tconfirmed\tconfirmed\t0\t\t\n"
                               "status\tattended\tattended\t2\t\t\n"
                               "status\tabsent\tabsent\t1\t\t\n"
                               "status\tcancelled\tcancelled\t0\t\t\n"
                               "quota\tผู้บริหาร\tผู้บริหาร\t1\t2\t50%\n"
                               "quota\tนักวิชาการ\tนักวิชาการ\t0\t1\t0%\n"
                               "quota\t\tNot in a quota category\t1\t\t\n"
                               "group\tกลุ่ม 1\tกลุ่ม 1\t1\t\t\n"
                               "group\t\t(none)\t1\t\t\n"
                               "role\tparticipant\tparticipant\t2\t\t\n"
                               "reason\tabsent\tabsent: น้ำท่วม\t1\t\t\n");
    assert_contains(r.err, "the quotas add up to 3, more than the target of 2 people");
    run_result_free(&r);
    free(db);
}

static void report_cli_event_table_in_english_and_thai(void **state)
{
    (void)state;
    char *db = conference("report_cli_event_table");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' report event 1", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "ประชุมวิชาการ, 24 Mar 2024");
    assert_contains(r.out, "People who came");
    assert_contains(r.out, "100%");
    assert_contains(r.out, "Reasons for absence and cancellation");
    assert_contains(r.out, "████████████████");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th report event 1 --ascii", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "ประชุมวิชาการ, 24 มี.ค. 2567");
    assert_contains(r.out, "ผู้เข้าร่วม (มาแล้ว)");
    assert_contains(r.out, "ไม่อยู่ในประเภทที่มีโควตา");
    assert_contains(r.out, "ไม่มา: น้ำท่วม");
    assert_contains(r.out, "################");
    assert_false(test_contains(r.out, "█"));
    assert_contains(r.err, "โควตารวมกันได้ 3 คน เกินเป้าหมาย 2 คน");
    run_result_free(&r);
    free(db);
}

static void report_cli_event_by_counts_each_status(void **state)
{
    (void)state;
    char *db = conference("report_cli_event_by");
    char *out = khai_ok(db, "report event 1 --by province --tsv");
    assert_string_equal(out, "key\tlabel\tinvited\tconfirmed\tattended\tabsent\tcancelled\ttotal\n"
                             "TH-52\tลำปาง\t0\t0\t1\t1\t0\t2\n"
                             "TH-50\tเชียงใหม่\t0\t0\t1\t0\t0\t1\n");
    free(out);
    out = khai_ok(db, "report event 1 --by status --csv");
    assert_string_equal(out, "key,label,invited,confirmed,attended,absent,cancelled,total\n"
                             "attended,attended,0,0,2,0,0,2\n"
                             "absent,absent,0,0,0,1,0,1\n");
    free(out);
    out = khai_ok(db, "--lang th report event 1 --by status");
    assert_contains(out, "มาแล้ว");
    assert_contains(out, "รวม");
    free(out);
    free(db);
}

static void report_cli_members_by_place_and_month(void **state)
{
    (void)state;
    char *db = conference("report_cli_members");
    char *out = khai_ok(db, "report members --by province --tsv");
    assert_string_equal(out, "key\tlabel\tmembers\n"
                             "TH-52\tลำปาง\t2\n"
                             "TH-50\tเชียงใหม่\t1\n");
    free(out);
    out = khai_ok(db, "report members --by organisation --tsv");
    assert_string_equal(out, "key\tlabel\tmembers\n1\tสมาคมชาวนา\t1\n");
    free(out);
    out = khai_ok(db, "report members --by joined");
    assert_contains(out, "Running total");
    assert_contains(out, "Total");
    free(out);
    free(db);
}

static void report_cli_events_totals_count_a_person_once(void **state)
{
    (void)state;
    char *db = conference("report_cli_events");
    char *out = khai_ok(db, "report events --totals --tsv");
    /* สมชาย came to both events: three attendances, two people. */
    assert_string_equal(out, "measure\tvalue\n"
                             "events\t2\n"
                             "attendances\t3\n"
                             "people\t2\n"
                             "organisations\t1\n"
                             "subdistricts\t2\n"
                             "provinces\t2\n");
    free(out);
    out = khai_ok(db, "report events --from '1 เม.ย. 2567' --totals --tsv");
    assert_contains(out, "attendances\t1\n");
    free(out);
    out = khai_ok(db, "report events --tsv");
    assert_string_equal(out, "id\tstart_date\ttitle\ttarget\tattended\tpercent\n"
                             "1\t2024-03-24\tประชุมวิชาการ\t2\t2\t100%\n"
                             "2\t2024-06-10\tเวทีติดตามผล\t\t1\t\n");
    free(out);
    out = khai_ok(db, "--lang th report events --to 2567-12-31");
    assert_contains(out, "จำนวนคนที่เข้าถึง (นับคนละครั้ง)");
    assert_contains(out, "24 มี.ค. 2567");
    free(out);
    free(db);
}

static void report_cli_refuses_what_it_cannot_report(void **state)
{
    (void)state;
    char *db = conference("report_cli_usage");
    static const char *const cases[][2] = {
        {"report", "report what"},
        {"report people", "not \"people\""},
        {"report event x", "takes an event id"},
        {"report event 1 --by gender", "cannot group by \"gender\""},
        {"report members", "needs --by KEY"},
        {"report members --by colour", "not \"colour\""},
        {"report members --by status", "cannot group by \"status\""},
        {"report events --from nonsense", "--from"},
        {"report events --wide", "unknown option"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, cases[i][0]);
        assert_int_equal(r.status, 2);
        assert_contains(r.err, cases[i][1]);
        run_result_free(&r);
    }
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' report event 99", db);
    assert_int_equal(r.status, 1);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' report --help", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "measure<TAB>value");
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest report_cli_tests[] = {
    cmocka_unit_test(report_cli_event_tsv_is_the_contract),
    cmocka_unit_test(report_cli_event_table_in_english_and_thai),
    cmocka_unit_test(report_cli_event_by_counts_each_status),
    cmocka_unit_test(report_cli_members_by_place_and_month),
    cmocka_unit_test(report_cli_events_totals_count_a_person_once),
    cmocka_unit_test(report_cli_refuses_what_it_cannot_report),
};
const size_t report_cli_tests_count = sizeof report_cli_tests / sizeof report_cli_tests[0];
