/* End-to-end tests of a --tsv row as programs read it (issue 12: the listing reads its values
 * without making records): every control character escaped, a tab, newline, carriage return
 * and backslash as \t \n \r \\, other C0 controls and DEL as \xHH, Thai marks as stored, the
 * phones grouped, organisations and tags joined; the CSV export of the same row quotes them
 * raw. The values are written behind khai's back by the sqlite3 shell, as another tool
 * would (khai itself drops control characters when it saves). */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sql(const char *db, const char *statement)
{
    char *cmd = xasprintf("sqlite3 '%s' \"%s\"", db, statement);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

/* A member with two phones, an organisation and two tags; position and district (columns
 * without a Thai-collated index, which the sqlite3 shell could not update) hold ESC, a tab, a
 * newline, CR, a backslash, DEL, the C1 control U+009B, a Thai consonant under three tone
 * marks, and U+0001. */
static char *hostile_db(void)
{
    char *db = test_fresh_db_path("output_hostile");
    free(khai_ok(db, "add member --given-name สมศรี --family-name ใจดี --phone '0812345678; "
                     "021234567' --organisations 'มูลนิธิ ก' --create-orgs --tags 'ครู; อสม.'"));
    sql(db, "UPDATE members SET position = 'ส' || char(27) || '[31m' || char(9) || 'x' || "
            "char(10) || 'y' || char(13) || '\\\\' || char(127) || char(155) || 'ก' || "
            "char(3656, 3656, 3656) || 'z', district = 'a' || char(1) || 'b' WHERE id = 1");
    return db;
}

static void output_cli_tsv_row_escapes_every_control(void **state)
{
    (void)state;
    char *db = hostile_db();
    char *out = khai_ok(db, "list members --tsv");
    const char *row = strchr(out, '\n');
    assert_non_null(row);
    assert_string_equal(row + 1, "1\t\tสมศรี\tใจดี\t\t\t081-234-5678; 02-123-4567\t\t\t\t\t"
                                 "a\\x01b\t\tส\\x1b[31m\\tx\\ny\\r\\\\\\x7f\xc2\x9b"
                                 "ก\xe0\xb9\x88\xe0\xb9\x88\xe0\xb9\x88z\tมูลนิธิ ก\tครู; อสม.\t\n");
    free(out);
    /* the same row by the province order's statement, and a window of it */
    out = khai_ok(db, "list members --tsv --sort province --limit 1");
    assert_non_null(strstr(out, "a\\x01b\t\tส\\x1b[31m\\tx\\ny\\r\\\\\\x7f"));
    free(out);
    free(db);
}

static void output_cli_csv_export_quotes_the_same_row(void **state)
{
    (void)state;
    char *db = hostile_db();
    char *out = khai_ok(db, "export members");
    assert_non_null(strstr(out, ",a\x01"
                                "b,,\"ส\x1b[31m\tx\ny\r\\\x7f\xc2\x9bก\xe0\xb9\x88\xe0\xb9"
                                "\x88\xe0\xb9\x88z\",มูลนิธิ ก,ครู; อสม.,\r\n"));
    assert_non_null(strstr(out, ",081-234-5678; 02-123-4567,"));
    free(out);
    free(db);
}

const struct CMUnitTest output_cli_tests[] = {
    cmocka_unit_test(output_cli_tsv_row_escapes_every_control),
    cmocka_unit_test(output_cli_csv_export_quotes_the_same_row),
};
const size_t output_cli_tests_count = sizeof output_cli_tests / sizeof output_cli_tests[0];
