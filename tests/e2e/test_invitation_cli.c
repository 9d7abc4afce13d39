/* End-to-end tests of organisation invitations and coverage targets on the command line:
 * add/edit/delete/restore/list/show invitation, the --tsv columns, Thai statuses, the history,
 * `report event` with its invitation sections and targets (the --tsv contract exactly), and
 * import and export of invitations. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB() test_fresh_db_path(__func__)

static const char invitations_csv[] =
    "id,event_id,event_title,org_id,organisation,status,reason,updated_at\n"
    ",1,,,มูลนิธิ ก,confirmed,,2024-07-10T02:30:00Z\n"
    ",1,,,สมาคม ข,cancelled,น้ำท่วม,2024-07-23T07:00:00Z\n"
    ",1,,,กลุ่ม ค,declined,ไม่มีงบ,2024-07-20T01:00:00Z\n"
    ",1,,,ชมรม ง,invited,,2024-07-01T01:00:00Z\n";

/* Four organisations invited to an event with a target of 3 people, 4 organisations and 2
 * subdistricts: ก confirmed, ข cancelled (floods), ค declined, ง no answer; one person of ก and
 * one of ข came (ข came although it cancelled), a third stayed away. */
static char *meeting(const char *name)
{
    char *db = test_fresh_db_path(name);
    static const char *const orgs[] = {"มูลนิธิ ก", "สมาคม ข", "กลุ่ม ค", "ชมรม ง"};
    for (int i = 0; i < 4; i++)
        free(khai_ok(db, "add org --name '%s'", orgs[i]));
    free(khai_ok(db, "add event --title 'เวทีชายแดนใต้' --start-date 2567-07-25 --target 3 "
                     "--target-orgs 4 --target-subdistricts 2"));
    free(khai_ok(db, "add member --name 'นายอาลี ดาโอะ' --province ปัตตานี --district เมือง "
                     "--subdistrict สะบารัง --organisations 'มูลนิธิ ก'"));
    free(khai_ok(db, "add member --name 'นางสาวฟาตีมะ สาและ' --province ปัตตานี --district เมือง "
                     "--subdistrict จะบังติกอ --organisations 'สมาคม ข'"));
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 2 --status attended"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 3 --status absent --reason ป่วย"));
    char *path = test_path("invitations-in.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(invitations_csv, f);
    fclose(f);
    free(khai_ok(db, "import invitations '%s'", path));
    free(path);
    return db;
}

static void invitation_cli_add_edit_list_show_delete(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add org --name 'มูลนิธิ ก' --short-name มก."));
    free(khai_ok(db, "add org --name 'สมาคม ข'"));
    free(khai_ok(db, "add event --title 'ประชุม' --start-date 2567-07-10"));
    char *out = khai_ok(db, "add invitation --event 1 --org มก. --status ตอบรับ");
    assert_string_equal(out, "1\n");
    free(out);
    free(khai_ok(db, "add invitation --event 1 --org 'สมาคม ข'"));
    out = khai_ok(db, "edit invitation 1 --status ยกเลิก --reason 'น้ำท่วม'");
    assert_contains(out, "updated invitation 1: มูลนิธิ ก");
    free(out);
    out = khai_ok(db, "list invitations --event 1 --tsv");
    assert_true(
        strncmp(out,
                "id\tevent_id\tevent_title\torg_id\torganisation\tstatus\treason\tupdated_at\n"
                "1\t1\tประชุม\t1\tมูลนิธิ ก\tcancelled\tน้ำท่วม\t20",
                strlen("id\tevent_id\tevent_title\torg_id\torganisation\tstatus\treason\t"
                       "updated_at\n1\t1\tประชุม\t1\tมูลนิธิ ก\tcancelled\tน้ำท่วม\t20")) == 0);
    assert_contains(out, "Z\n2\t1\tประชุม\t2\tสมาคม ข\tinvited\t\t20");
    free(out);
    out = khai_ok(db, "list invitations --event 1 --status declined --tsv");
    assert_string_equal(
        out, "id\tevent_id\tevent_title\torg_id\torganisation\tstatus\treason\tupdated_at\n");
    free(out);
    out = khai_ok(db, "--lang th list invitations --event 1");
    assert_contains(out, "ยกเลิก");
    assert_contains(out, "เชิญแล้ว");
    free(out);
    out = khai_ok(db, "show invitation 1");
    assert_contains(out, "History:");
    assert_contains(out, "  confirmed (");
    assert_contains(out, "  cancelled: น้ำท่วม (");
    free(out);
    out = khai_ok(db, "show event 1");
    assert_contains(out, "Invited organisations (2):");
    assert_contains(out, "มูลนิธิ ก  [cancelled]  น้ำท่วม");
    assert_contains(out, "Organisations invited: 2 (confirmed 0, no answer 1, cancelled 1, "
                         "declined 0)");
    free(out);

    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add invitation --event 1 --org 'มูลนิธิ ก'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "มูลนิธิ ก is already invited to event 1 (invitation 1)");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' add invitation --event 1 --org 'สมาคม ข' --status maybe", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "\"maybe\" is not one of invited, confirmed, cancelled, declined");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' list invitations --province ปัตตานี", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--province does not filter invitations");
    run_result_free(&r);

    out = khai_ok(db, "delete invitation 2");
    assert_contains(out, "khai restore invitation 2");
    free(out);
    out = khai_ok(db, "list invitations --tsv");
    assert_null(strstr(out, "สมาคม ข"));
    free(out);
    free(khai_ok(db, "restore invitation 2"));
    out = khai_ok(db, "list invitations --tsv");
    assert_contains(out, "สมาคม ข");
    free(out);
    free(db);
}

static void invitation_cli_report_event_tsv_is_the_contract(void **state)
{
    (void)state;
    char *tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
    setenv("TZ", "UTC", 1); /* the dates of the answers are local dates */
    char *db = meeting("invitation_cli_report");
    char *out = khai_ok(db, "report event 1 --tsv");
    assert_string_equal(out,
                        "section\tkey\tlabel\tcount\ttarget\tpercent\n"
                        "people\t\tPeople who came\t2\t3\t67%\n"
                        "organisations\t\tOrganisations represented\t2\t4\t50%\n"
                        "subdistricts\t\tSubdistricts\t2\t2\t100%\n"
                        "districts\t\tDistricts\t1\t\t\n"
                        "provinces\t\tProvinces\t1\t\t\n"
                        "status\tinvited\tinvited\t0\t\t\n"
                        "status\tconfirmed\tconfirmed\t0\t\t\n"
                        "status\tattended\tattended\t2\t\t\n"
                        "status\tabsent\tabsent\t1\t\t\n"
                        "status\tcancelled\tcancelled\t0\t\t\n"
                        "category\t\t(none)\t2\t\t\n"
                        "role\tparticipant\tparticipant\t2\t\t\n"
                        "invitations\tinvited\tInvited\t4\t\t\n"
                        "invitations\tconfirmed\tconfirmed\t1\t\t\n"
                        "invitations\tcancelled\tcancelled\t1\t\t\n"
                        "invitations\tdeclined\tdeclined\t1\t\t\n"
                        "invitations\tno_answer\tNo answer yet\t1\t\t\n"
                        "invitations\tcame\tCame, of those invited\t2\t4\t50%\n"
                        "invitations\tconfirmed_came\tCame, of those that confirmed\t1\t1\t"
                        "100%\n"
                        "invitation_reason\tcancelled\tcancelled: น้ำท่วม\t1\t\t\n"
                        "invitation_reason\tdeclined\tdeclined: ไม่มีงบ\t1\t\t\n"
                        "invitation_withdrawn\t3\tกลุ่ม ค: declined 20 Jul 2024: ไม่มีงบ\t1\t\t\n"
                        "invitation_withdrawn\t2\tสมาคม ข: cancelled 23 Jul 2024: น้ำท่วม\t1\t\t\n"
                        "reason\tabsent\tabsent: ป่วย\t1\t\t\n");
    free(out);
    out = khai_ok(db, "--lang th report event 1");
    assert_contains(out, "องค์กรที่เชิญ");
    assert_contains(out, "องค์กรที่ยกเลิกหรือปฏิเสธ");
    assert_contains(out, "ปฏิเสธ: ไม่มีงบ");
    free(out);
    out = khai_ok(db, "--lang th report event 1 --tsv");
    assert_contains(out, "invitation_withdrawn\t2\tสมาคม ข: ยกเลิก 23 ก.ค. 2567: น้ำท่วม\t1\t\t\n");
    free(out);
    out = khai_ok(db, "show event 1");
    assert_contains(out, "Organisations: 2 of a target of 4 (50%)");
    assert_contains(out, "Subdistricts: 2 of a target of 2 (100%)");
    assert_contains(out, "Organisations that came: 2, 1 of the 1 that confirmed");
    free(out);
    out = khai_ok(db, "show invitation 2");
    assert_contains(out, "2024-07-23 07:00  cancelled: น้ำท่วม (");
    free(out);
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    free(tz);
    free(db);
}

/* Export, import into a new database (the organisations and the event first), export again:
 * the same bytes; importing the export again changes nothing. */
static void invitation_cli_import_export_round_trip(void **state)
{
    (void)state;
    char *db = meeting("invitation_cli_round_trip");
    char *copy = test_fresh_db_path("invitation_cli_round_trip_copy");
    static const char *const kinds[] = {"orgs", "events", "invitations"};
    for (int i = 0; i < 3; i++) {
        free(khai_ok(db, "export %s -o rt-%s.csv --force", kinds[i], kinds[i]));
        free(khai_ok(copy, "import %s rt-%s.csv", kinds[i], kinds[i]));
    }
    free(khai_ok(copy, "export invitations -o rt-again.csv --force"));
    char *a = test_path("rt-invitations.csv"), *b = test_path("rt-again.csv");
    char *x = test_read_file(a), *y = test_read_file(b);
    assert_non_null(x);
    assert_non_null(y);
    assert_contains(x, "2,1,เวทีชายแดนใต้,2,สมาคม ข,cancelled,น้ำท่วม,2024-07-23T07:00:00Z");
    assert_string_equal(x, y);
    free(x);
    free(y);
    free(a);
    free(b);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' import invitations rt-invitations.csv", copy);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "0 added");
    assert_contains(r.err, "4 rows matched records that needed no change");
    run_result_free(&r);
    /* A sheet with Thai headers and Thai answers. */
    char *path = test_path("thai-invitations.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("รหัสงาน,หน่วยงาน,การตอบรับ,สาเหตุ\n1,มูลนิธิ ก,ปฏิเสธ,ติดภารกิจ\n1,องค์กรใหม่,ตอบรับ,\n", f);
    fclose(f);
    khai_run(&r, NULL, "--db '%s' import invitations '%s'", copy, path);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "1 added, 1 updated");
    run_result_free(&r);
    char *out = khai_ok(copy, "list invitations --event 1 --status declined --tsv");
    assert_contains(out, "\tมูลนิธิ ก\tdeclined\tติดภารกิจ\t");
    free(out);
    khai_run(&r, NULL, "--db '%s' import invitations rt-orgs.csv", copy);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "invitations need: expected event_id");
    run_result_free(&r);
    free(path);
    free(copy);
    free(db);
}

/* The academic conference: 800 + 400 + 100 + 50 + 100 = 1,450 against a target of 1,200. */
static void quota_cli_warns_when_saving_and_check_lists_them(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    khai_run(&r, NULL,
             "--db '%s' add event --title 'ประชุมวิชาการ' --start-date 2567-03-24 --target 1200 "
             "--quotas 'ผู้บริหาร อปท.=800; เครือข่ายชุมชน=400; นักวิชาการ=100; สื่อ=50; อื่น ๆ=100'",
             db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "1\n");
    assert_contains(r.err, "khai: warning: event 1 (ประชุมวิชาการ): the quotas add up to 1450, "
                           "more than the target of 1200 people");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' edit event 1 --target 1450", db);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_result_free(&r);
    char *out = khai_ok(db, "check");
    assert_null(strstr(out, "warning"));
    free(out);
    /* Someone on the list under a category no quota names, and nobody under any quota's. */
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --category 'ผู้บริหาร อปท'"));
    free(khai_ok(db, "add event --title 'สมัชชา' --start-date 2567-05-01 --quotas 'ก=1; ข=1; "
                     "ค=1; ง=1; จ=1; ฉ=1; ช=1; ซ=1; ฌ=1; ญ=1'"));
    free(khai_ok(db, "edit event 1 --target 1000"));
    khai_run(&r, NULL, "--db '%s' check", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "warning: event 1 (ประชุมวิชาการ): the quotas add up to 1450, more than "
                           "the target of 1000 people\n");
    assert_contains(r.out, "warning: event 1 (ประชุมวิชาการ): nobody on the list is in the quota "
                           "categories ");
    assert_contains(r.out, "while some are in categories with no quota (ผู้บริหาร อปท): is one "
                           "of them misspelt?");
    assert_contains(r.out, "warning: event 2 (สมัชชา): check-in offers the first 9 quota "
                           "categories, so nobody coming in can be given \"ญ\"\n");
    run_result_free(&r);
    out = khai_ok(db, "--lang th check");
    assert_contains(out, "คำเตือน: งาน 1 (ประชุมวิชาการ): โควตารวมกันได้ 1450 คน เกินเป้าหมาย 1000 คน");
    free(out);
    free(db);
}

/* A walk-in at an event with quotas is asked the category with one key; elsewhere not. */
static void quota_cli_checkin_asks_a_walk_in_category(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add event --title 'ประชุมวิชาการ' --start-date 2567-03-24 --quotas "
                     "'ผู้บริหาร อปท.=800; เครือข่ายชุมชน=400'"));
    free(khai_ok(db, "add event --title 'เวทีติดตามผล' --start-date 2567-06-10"));
    struct run_result r;
    khai_run(&r, "new\nนายใหม่ มาเอง\nองค์กร ก\n\n2\nnew\nนางสาวสอง ใจดี\n\n\nx\n\n",
             "--db '%s' checkin 1", db);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    char *out = khai_ok(db, "list attendance --event 1 --tsv");
    assert_contains(out, "\tนายใหม่ มาเอง\tองค์กร ก\tเครือข่ายชุมชน\tparticipant\tattended\t");
    assert_contains(out, "\tนางสาวสอง ใจดี\t\t\tparticipant\tattended\t");
    free(out);
    /* No quotas, no question: the line after the phone is a search again. */
    khai_run(&r, "new\nนายสาม มาเอง\n\n\nนายใหม่\n\n", "--db '%s' checkin 2", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "นายใหม่ มาเอง checked in");
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest invitation_cli_tests[] = {
    cmocka_unit_test(quota_cli_warns_when_saving_and_check_lists_them),
    cmocka_unit_test(quota_cli_checkin_asks_a_walk_in_category),
    cmocka_unit_test(invitation_cli_add_edit_list_show_delete),
    cmocka_unit_test(invitation_cli_report_event_tsv_is_the_contract),
    cmocka_unit_test(invitation_cli_import_export_round_trip),
};
const size_t invitation_cli_tests_count =
    sizeof invitation_cli_tests / sizeof invitation_cli_tests[0];
