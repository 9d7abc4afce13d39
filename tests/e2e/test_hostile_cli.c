/* Hostile sizes on the command line: a sheet of a million columns is refused with one line
 * and nothing written; a name a few thousand characters long is refused naming the field and
 * the row; khai's memory stays bounded meanwhile. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hostile_cli_million_columns_is_one_line(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("hostile_wide");
    char *csv = test_path("wide.csv");
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("given_name,family_name\nสมชาย,ใจดี\n", f);
    for (int i = 0; i < 1000000; i++)
        fputs("x,", f);
    fputs("\n", f);
    fclose(f);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en import members '%s'", db, csv);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "wide.csv");
    assert_contains(r.err, "line 3: more than 1000 columns");
    int lines = 0;
    for (const char *p = r.err; *p; p++)
        lines += *p == '\n';
    if (lines > 3) fail_msg("%d lines of errors:\n%.2000s", lines, r.err);
    run_result_free(&r);
    char *tsv = khai_ok(db, "list members --tsv");
    assert_null(strstr(tsv, "สมชาย"));
    free(tsv);
    free(csv);
    free(db);
}

static void hostile_cli_long_name_names_the_row(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("hostile_long");
    char *csv = test_path("long.csv");
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("given_name,family_name\nสมชาย,ใจดี\n", f);
    for (int i = 0; i < 3000; i++)
        fputs("ก", f);
    fputs(",ยาว\n", f);
    fclose(f);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en import members '%s'", db, csv);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "long.csv:3:");
    assert_contains(r.err, "too long: 3000 characters (at most 500)");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th import members '%s'", db, csv);
    assert_contains(r.err, "ยาวเกินไป");
    run_result_free(&r);
    free(csv);
    free(db);
}

const struct CMUnitTest hostile_cli_tests[] = {
    cmocka_unit_test(hostile_cli_million_columns_is_one_line),
    cmocka_unit_test(hostile_cli_long_name_names_the_row),
};
const size_t hostile_cli_tests_count = sizeof hostile_cli_tests / sizeof hostile_cli_tests[0];
