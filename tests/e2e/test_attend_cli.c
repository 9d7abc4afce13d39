/* End-to-end tests of attendance on the command line: `khai edit attendance ID ID ...` setting
 * the same fields on several rows in one transaction (all or none), and `khai checkin`
 * listing two namesakes of one organisation with what tells them apart. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Event 1 with members 1-3 on its list (attendance ids 1-3), invited. */
static char *three_invited(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add event --title 'เวทีนคร' --start-date 2567-07-25"));
    static const char *const names[] = {"นายสมชาย ใจดี", "นางสมศรี มีสุข", "นายวิชัย ทองคำ"};
    for (int i = 0; i < 3; i++) {
        free(khai_ok(db, "add member --name '%s'", names[i]));
        free(khai_ok(db, "add attendance --event-id 1 --member-id %d", i + 1));
    }
    return db;
}

static void attend_cli_edit_sets_fields_on_several_rows(void **state)
{
    (void)state;
    char *db = three_invited("attend-cli-edit.db");
    char *out = khai_ok(db, "--lang en edit attendance 1 2 --status confirmed --group 'กลุ่ม 3'");
    assert_contains(out, "updated attendance 1: นายสมชาย ใจดี\n");
    assert_contains(out, "updated attendance 2: นางสมศรี มีสุข\n");
    free(out);
    out = khai_ok(db, "list attendance --event 1 --tsv");
    assert_contains(out, "\tนายสมชาย ใจดี\t\t\tparticipant\tconfirmed\t\tกลุ่ม 3\t");
    assert_contains(out, "\tนางสมศรี มีสุข\t\t\tparticipant\tconfirmed\t\tกลุ่ม 3\t");
    assert_contains(out, "\tนายวิชัย ทองคำ\t\t\tparticipant\tinvited\t\t\t");
    free(out);

    /* One bad row and nothing is written: the error names the row. */
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en edit attendance 3 2 9 --status absent", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "9");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en edit attendance 3 1 --role boss", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "attendance 3: role: \"boss\" is not one of");
    run_result_free(&r);
    out = khai_ok(db, "list attendance --event 1 --tsv");
    assert_contains(out, "\tนายวิชัย ทองคำ\t\t\tparticipant\tinvited\t\t\t");
    assert_contains(out, "\tนายสมชาย ใจดี\t\t\tparticipant\tconfirmed\t");
    free(out);
    /* An id that is not a number is a usage error; --help says several ids work. */
    khai_run(&r, NULL, "--db '%s' --lang en edit attendance 1 x --status absent", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "\"x\" is not an id");
    run_result_free(&r);
    out = khai_ok(db, "--lang en edit --help");
    assert_contains(out, "khai edit KIND ID [ID...] --FIELD VALUE");
    free(out);
    free(db);
}

static void attend_cli_checkin_lists_namesakes_with_what_tells_them_apart(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("attend-cli-namesakes.db");
    free(khai_ok(db, "add org --name 'เครือข่ายป่าชุมชน'"));
    free(khai_ok(db, "add event --title 'เวทีนคร' --start-date 2567-07-25"));
    free(khai_ok(db, "add member --name 'นายรัฐภูมิ ทองดี' --organisations เครือข่ายป่าชุมชน "
                     "--district ชะอวด --province นครศรีธรรมราช --phone 081-234-5678"));
    free(khai_ok(db, "add member --name 'นายรัฐภูมิ ทองดี' --organisations เครือข่ายป่าชุมชน "
                     "--district ทุ่งสง --province นครศรีธรรมราช --phone 089-765-4321"));
    struct run_result r;
    khai_run(&r, "รัฐภูมิ\n2\n", "--db '%s' --lang en checkin 1", db);
    assert_int_equal(r.status, 0);
    /* Under each, on a line of its own that no column cuts. */
    assert_contains(r.out, "ทองดี");
    assert_contains(r.out, "\n     district ชะอวด province นครศรีธรรมราช phone …5678\n");
    assert_contains(r.out, "\n     district ทุ่งสง province นครศรีธรรมราช phone …4321\n");
    assert_contains(r.out, "✓ นายรัฐภูมิ ทองดี checked in");
    run_result_free(&r);
    /* In Thai as addresses are written. */
    khai_run(&r, "รัฐภูมิ\n", "--db '%s' --lang th checkin 1", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "\n     อ.ชะอวด จ.นครศรีธรรมราช โทร …5678\n");
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest attend_cli_tests[] = {
    cmocka_unit_test(attend_cli_edit_sets_fields_on_several_rows),
    cmocka_unit_test(attend_cli_checkin_lists_namesakes_with_what_tells_them_apart),
};
const size_t attend_cli_tests_count = sizeof attend_cli_tests / sizeof attend_cli_tests[0];
