/* End-to-end tests of `khai affiliation` and the roles `khai show member` prints. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *fresh(const char *name)
{
    char *db = test_path(name);
    remove(db);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add org --name 'มูลนิธิเพื่อนชุมชน' --short-name 'มพช.'", db);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' add member --name 'นางสาวจิราพร คงทอง'", db);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    return db;
}

static void affiliation_cli_sets_and_lists_roles(void **state)
{
    (void)state;
    char *db = fresh("affiliation-cli.db");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' affiliation 1 'มพช.' --role 'ผู้ประสานงาน' --since '21 ก.ค. 53'",
             db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "มูลนิธิเพื่อนชุมชน\tผู้ประสานงาน, 21 ก.ค. 2553 – ");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' list members --tsv", db);
    assert_contains(r.out, "\tมูลนิธิเพื่อนชุมชน\t");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' show member 1", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "มูลนิธิเพื่อนชุมชน  [ผู้ประสานงาน, 21 ก.ค. 2553 – ]");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' affiliation 1", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "ผู้ประสานงาน");
    run_result_free(&r);
    free(db);
}

static void affiliation_cli_errors_name_the_problem(void **state)
{
    (void)state;
    char *db = fresh("affiliation-cli-bad.db");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' affiliation 1 'มพช.' --since '31 ก.พ. 2567'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "31 ก.พ. 2567");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' affiliation 1 'มพช.' --frob x", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--frob");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' affiliation x", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    /* The refused changes left the member without the organisation. */
    khai_run(&r, NULL, "--db '%s' affiliation 1", db);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "มูลนิธิเพื่อนชุมชน"));
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest affiliation_cli_tests[] = {
    cmocka_unit_test(affiliation_cli_sets_and_lists_roles),
    cmocka_unit_test(affiliation_cli_errors_name_the_problem),
};
const size_t affiliation_cli_tests_count =
    sizeof affiliation_cli_tests / sizeof affiliation_cli_tests[0];
