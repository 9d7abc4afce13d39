/* End-to-end tests of spreadsheet formula injection (issue 8, section 6): no value from the
 * data reaches a spreadsheet as a live formula, and export -> import -> export stays byte for
 * byte the same. */
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No cell of a CSV line starts a formula: the start of the line and each comma-led cell
 * (quoted or not) is checked. */
static void assert_no_live_formula(const char *csv)
{
    for (const char *p = csv; *p; p++) {
        bool starts = p == csv || p[-1] == ',' || p[-1] == '\n';
        if (!starts) continue;
        const char *c = *p == '"' ? p + 1 : p;
        if (strchr("=+-@\t\r", *c) && *c && !(*c == '\r' && c[1] == '\n' && c == p))
            fail_msg("a live formula in the export: [%.40s]", p);
    }
}

static const char *const hostile[] = {
    "--given-name ' =1+2'",
    "--nickname '@SUM(A1:A9)'",
    "--notes '=HYPERLINK(\"http://example.org/?leak\",\"click\")'",
    "--position '-2+3'",
    "--facebook '\t=cmd|\" /C calc\"!A0'",
    "--line-id '+thai'",
    "--district \"'=already quoted\"",
};

static void formula_values_are_exported_inert_and_come_back_the_same(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *copy = test_fresh_db_path("formula_copy");
    struct strbuf args = STRBUF_INIT;
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        sb_addf(&args, " %s", hostile[i]);
    free(khai_ok(db, "add member%s", sb_str(&args)));
    sb_free(&args);
    free(khai_ok(db, "add member --given-name สมศรี --phone +66812345678"));
    free(khai_ok(db, "export members -o formula.csv"));
    char *path = test_path("formula.csv"), *first = test_read_file(path);
    assert_no_live_formula(first);
    assert_contains(first, ",'=1+2,");
    assert_contains(first, ",'@SUM(A1:A9),");
    assert_contains(first, ",'-2+3,");
    assert_contains(first, "\"'=HYPERLINK(");
    assert_contains(first, "''=already quoted");
    free(khai_ok(copy, "import members formula.csv"));
    free(khai_ok(copy, "export members -o formula-again.csv"));
    char *again_path = test_path("formula-again.csv"), *again = test_read_file(again_path);
    assert_string_equal(again, first);
    /* What was stored is what was typed, without the quote export put before it. */
    char *tsv = khai_ok(copy, "list members --tsv");
    assert_contains(tsv, "\t=1+2\t");
    assert_contains(tsv, "\t'=already quoted\t");
    assert_contains(tsv, "\t081-234-5678\t");
    free(tsv), free(first), free(again), free(path), free(again_path), free(db), free(copy);
}

/* A row written behind khai's back with a leading tab or carriage return is guarded too. */
static void formula_written_behind_khais_back_is_guarded(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    free(khai_ok(db, "add member --given-name สมศรี"));
    char *cmd = xasprintf("sqlite3 '%s' \"UPDATE members SET notes = char(9) || '=cmd', "
                          "position = char(13) || '=1'\"",
                          db);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *out = khai_ok(db, "export members");
    assert_no_live_formula(out);
    assert_contains(out, "'\t=cmd");
    free(out), free(db);
}

const struct CMUnitTest formula_cli_tests[] = {
    cmocka_unit_test(formula_values_are_exported_inert_and_come_back_the_same),
    cmocka_unit_test(formula_written_behind_khais_back_is_guarded),
};
const size_t formula_cli_tests_count = sizeof formula_cli_tests / sizeof formula_cli_tests[0];
