/* End-to-end tests of shared tasks on the command line: several owners (members and
 * organisations) shown in the Owners column, a due date without a year read against the event,
 * `list tasks --overdue`, `--owner`, `--mine` with `khai me`, the ! of an overdue task, and the
 * organisations `add` and `edit` do not know: did you mean, --create-orgs, and import reports. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB() test_fresh_db_path(__func__)

/* The meeting of 11 พ.ค. 2554 and its people. */
static char *meeting(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add member --name 'พี่ปิยะชีพ ใจดี'"));
    free(khai_ok(db, "add member --name 'พี่รัฐภูมิ ทองดี'"));
    free(khai_ok(db, "add member --name 'อ.บวร ศรีสุข'"));
    free(khai_ok(db, "add org --name 'มูลนิธิชุมชนไท' --short-name มชท."));
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย' --start-date '11 พ.ค. 2554'"));
    return db;
}

static void tasks_cli_several_owners_and_yearless_due(void **state)
{
    (void)state;
    char *db = meeting(__func__);
    char *out = khai_ok(db, "add task --title 'ส่งรายชื่อ' --event-id 1 --due-date '17 พค.' "
                            "--owners 'พี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี; อ.บวร ศรีสุข; มชท.'");
    assert_string_equal(out, "1\n");
    free(out);
    out = khai_ok(db, "list tasks --tsv");
    /* the contract's columns: owner and owner_org are the first member and organisation,
     * owners all of them */
    assert_string_equal(out, "id\ttitle\tevent_id\towner\towner_org\tdue_date\tstatus\tpriority\t"
                             "notes\towners\n1\tส่งรายชื่อ\t1\tพี่ปิยะชีพ ใจดี\tมูลนิธิชุมชนไท\t"
                             "2011-05-17\topen\tnormal\t\tพี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี; "
                             "อ.บวร ศรีสุข; มูลนิธิชุมชนไท\n");
    free(out);
    out = khai_ok(db, "show task 1");
    assert_contains(out, "พี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี; อ.บวร ศรีสุข; มูลนิธิชุมชนไท");
    assert_contains(out, "17 พ.ค. 2554");
    free(out);
    /* an organisation alone is shown as the owner (it was blank) */
    free(khai_ok(db, "add task --title 'จองห้อง' --owner-org มชท."));
    out = khai_ok(db, "--lang en list tasks --search จองห้อง");
    assert_contains(out, "Owners");
    assert_contains(out, "มูลนิธิชุมชนไท");
    free(out);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add task --title x --owners 'ไม่มีใครชื่อนี้'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "owners");
    run_result_free(&r);
    free(db);
}

/* Exported tasks keep every owner, and importing the file back gives them all again. */
static void tasks_cli_export_keeps_every_owner(void **state)
{
    (void)state;
    char *db = meeting(__func__);
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --owners 'พี่ปิยะชีพ; มชท.; อ.บวร'"));
    char *path = test_fresh_db_path("tasks-owners.csv");
    free(khai_ok(db, "export tasks -o '%s' --force", path));
    char *other = meeting("tasks_cli_export_keeps_every_owner_2");
    free(khai_ok(other, "import tasks '%s'", path));
    char *out = khai_ok(other, "show task 1");
    assert_contains(out, "พี่ปิยะชีพ ใจดี; มูลนิธิชุมชนไท; อ.บวร ศรีสุข");
    free(out);
    free(other);
    free(path);
    free(db);
}

/* Owners named as the networks write them, a title and a given name without the family name:
 * the one member of that given name, and a clear refusal when two share it. */
static void tasks_cli_owner_by_given_name(void **state)
{
    (void)state;
    char *db = meeting(__func__);
    free(khai_ok(db, "add task --title 'ส่งรายชื่อ' --owners 'พี่ปิยะชีพ; อ.บวร; มชท.'"));
    char *out = khai_ok(db, "show task 1");
    assert_contains(out, "พี่ปิยะชีพ ใจดี; อ.บวร ศรีสุข; มูลนิธิชุมชนไท");
    free(out);
    free(khai_ok(db, "add member --name 'นายบวร ทองคำ'"));
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add task --title x --owners 'อ.บวร'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "2 members match \"อ.บวร\" (ids 3, 4): give the id");
    run_result_free(&r);
    /* A whole name still means that person only. */
    free(khai_ok(db, "add task --title y --owners 'อ.บวร ศรีสุข'"));
    out = khai_ok(db, "show task 2");
    assert_contains(out, "อ.บวร ศรีสุข");
    assert_false(test_contains(out, "ทองคำ"));
    free(out);
    free(db);
}

static void tasks_cli_overdue_owner_and_mine(void **state)
{
    (void)state;
    char *db = meeting(__func__);
    free(khai_ok(db, "add task --title 'เลยกำหนดแล้ว' --due-date 2010-01-01 --owners "
                     "'อ.บวร ศรีสุข; พี่ปิยะชีพ ใจดี'"));
    free(khai_ok(db, "add task --title 'ทำเสร็จแล้ว' --due-date 2010-01-01 --status done "
                     "--owners มชท."));
    free(khai_ok(db, "add task --title 'อีกนาน' --due-date 2600-01-01 --owners 'มชท.; 2'"));
    char *out = khai_ok(db, "list tasks --overdue --tsv");
    assert_contains(out, "เลยกำหนดแล้ว");
    assert_null(strstr(out, "ทำเสร็จแล้ว"));
    assert_null(strstr(out, "อีกนาน"));
    free(out);
    /* the table marks the overdue one with ! before its due date */
    out = khai_ok(db, "list tasks --sort id");
    assert_contains(out, "!1 ม.ค. 2553");
    assert_null(strstr(out, "!1 ม.ค. 3143"));
    free(out);
    out = khai_ok(db, "list tasks --owner 'พี่ปิยะชีพ ใจดี' --tsv");
    assert_contains(out, "เลยกำหนดแล้ว");
    assert_null(strstr(out, "อีกนาน"));
    free(out);
    out = khai_ok(db, "list tasks --owner มชท. --tsv");
    assert_contains(out, "ทำเสร็จแล้ว");
    assert_contains(out, "อีกนาน");
    assert_null(strstr(out, "เลยกำหนดแล้ว"));
    free(out);
    /* --mine before and after the login is linked to a member */
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en list tasks --mine", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "khai me MEMBER_ID");
    run_result_free(&r);
    out = khai_ok(db, "--lang en me 2");
    assert_contains(out, "is member 2: พี่รัฐภูมิ ทองดี");
    free(out);
    out = khai_ok(db, "--lang en me");
    assert_contains(out, "is member 2");
    free(out);
    out = khai_ok(db, "list tasks --mine --tsv");
    assert_contains(out, "อีกนาน");
    assert_null(strstr(out, "เลยกำหนดแล้ว"));
    free(out);
    khai_run(&r, NULL, "--db '%s' list events --overdue", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    /* the shell completion offers the new options and command */
    out = khai_ok(db, "complete list tasks --ov");
    assert_contains(out, "--overdue");
    free(out);
    out = khai_ok(db, "complete m");
    assert_contains(out, "me\n");
    free(out);
    out = khai_ok(db, "complete add event --cr");
    assert_contains(out, "--create-orgs");
    free(out);
    free(db);
}

static void tasks_cli_unknown_organisation_did_you_mean(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add org --name 'องค์การบริหารส่วนตำบลกฎ'"));
    free(khai_ok(db, "add org --name 'มูลนิธิเพื่อนชุมชน' --short-name 'ม.พ.ช.'"));
    struct run_result r;
    khai_run(&r, NULL,
             "--db '%s' --lang en add event --title 'เวที' --start-date 2567-07-10 --host "
             "'องค์การบริหารส่วนตำบลกฏ' --partners 'มพช; กลุ่มใหม่'",
             db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "host: no organisation \"องค์การบริหารส่วนตำบลกฏ\"; did you mean "
                           "องค์การบริหารส่วนตำบลกฎ (id 1)?");
    assert_contains(r.err, "partners: no organisation \"มพช\"; did you mean มูลนิธิเพื่อนชุมชน");
    assert_contains(r.err, "partners: no organisation \"กลุ่มใหม่\"\n");
    assert_contains(r.err, "--create-orgs");
    run_result_free(&r);
    char *out = khai_ok(db, "list orgs --tsv");
    assert_null(strstr(out, "กลุ่มใหม่"));
    free(out);
    out = khai_ok(db, "list events --tsv");
    assert_null(strstr(out, "เวที"));
    free(out);
    /* with --create-orgs the new ones are made and the event saved with them, in one go */
    khai_run(&r, NULL,
             "--db '%s' --lang en add event --title 'เวที' --start-date 2567-07-10 --host "
             "'องค์การบริหารส่วนตำบลกฎ' --partners 'กลุ่มใหม่' --create-orgs",
             db);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "partners: added organisation 3: กลุ่มใหม่");
    run_result_free(&r);
    out = khai_ok(db, "show event 1");
    assert_contains(out, "กลุ่มใหม่");
    free(out);
    /* edit too */
    khai_run(&r, NULL, "--db '%s' --lang en edit event 1 --partners 'กลุ่มใหม่; ชมรมใหม่'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "no organisation \"ชมรมใหม่\"");
    run_result_free(&r);
    free(khai_ok(db, "edit event 1 --partners 'กลุ่มใหม่; ชมรมใหม่' --create-orgs"));
    out = khai_ok(db, "list orgs --tsv");
    assert_contains(out, "ชมรมใหม่");
    free(out);
    free(db);
}

/* An import creates the organisations it names; one that differs from a known one only by a
 * slip is reported with the one it probably meant. */
static void tasks_cli_import_reports_did_you_mean(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add org --name 'มูลนิธิเพื่อนชุมชน'"));
    char *path = test_path("members-slip.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("given_name,family_name,organisations\nสมศรี,ดีใจ,มูลนิธิเพือนชุมชน\n", f);
    fclose(f);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en import members '%s'", db, path);
    assert_int_equal(r.status, 0);
    char *all = xasprintf("%s%s", r.out, r.err);
    assert_contains(all, "new organisation \"มูลนิธิเพือนชุมชน\"; did you mean มูลนิธิเพื่อนชุมชน "
                         "(id 1)?");
    free(all);
    run_result_free(&r);
    free(path);
    free(db);
}

const struct CMUnitTest tasks_cli_tests[] = {
    cmocka_unit_test(tasks_cli_several_owners_and_yearless_due),
    cmocka_unit_test(tasks_cli_owner_by_given_name),
    cmocka_unit_test(tasks_cli_export_keeps_every_owner),
    cmocka_unit_test(tasks_cli_overdue_owner_and_mine),
    cmocka_unit_test(tasks_cli_unknown_organisation_did_you_mean),
    cmocka_unit_test(tasks_cli_import_reports_did_you_mean),
};
const size_t tasks_cli_tests_count = sizeof tasks_cli_tests / sizeof tasks_cli_tests[0];
