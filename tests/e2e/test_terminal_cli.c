/* End-to-end tests of what reaches a terminal (issue 8, section 5): rows written behind
 * khai's back by the sqlite3 shell with OSC 52 (clipboard), OSC 0 (title), the C1 CSI
 * U+009B and the bidi override U+202E are never written raw when standard output is a
 * terminal: the commands run under script(1), so their standard output IS a pseudo-terminal,
 * and the bytes it got are checked. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs khai --db DB ARGS on a pseudo-terminal; returns the raw bytes it wrote there. */
static char *on_terminal(const char *db, const char *args)
{
    char *raw = test_path("terminal.raw");
    remove(raw);
    char *cmd = xasprintf("cd '%s' && script -qec \"'%s' --db '%s' %s\" '%s' </dev/null "
                          ">/dev/null 2>&1",
                          test_tmpdir(), test_khai_bin(), db, args, raw);
    int rc = system(cmd);
    if (rc != 0) fail_msg("%s: exit %d", cmd, rc);
    char *text = test_read_file(raw);
    if (!text) fail_msg("%s wrote nothing", cmd);
    free(cmd);
    free(raw);
    return text;
}

static void sql(const char *db, const char *statement)
{
    char *cmd = xasprintf("sqlite3 '%s' \"%s\"", db, statement);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

static char *hostile_db(void)
{
    char *db = test_fresh_db_path("terminal_hostile");
    free(khai_ok(db, "add member --given-name สมศรี --family-name ใจดี"));
    free(khai_ok(db, "add event --title ประชุม --start-date 2024-01-01"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1"));
    /* Columns without a Thai-collated index: the sqlite3 shell has no Thai collation. */
    sql(db, "UPDATE members SET line_id = char(27) || ']52;c;ZXZpbA==' || char(7), "
            "notes = char(27) || ']0;pwned' || char(7), position = char(155) || '31m', "
            "district = 'abc' || char(8238) || 'cba', facebook = char(8294) || 'x' || "
            "char(8297)");
    return db;
}

static void assert_nothing_raw(const char *what, const char *out)
{
    static const struct {
        const char *bytes, *name;
    } raw[] = {{"\x1b]", "OSC"},           {"\x07", "BEL"},
               {"\xc2\x9b", "U+009B"},     {"\xe2\x80\xae", "U+202E"},
               {"\xe2\x81\xa6", "U+2066"}, {"\xe2\x81\xa9", "U+2069"}};
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
        if (strstr(out, raw[i].bytes))
            fail_msg("%s wrote a raw %s to the terminal", what, raw[i].name);
}

static void terminal_gets_no_raw_control_from_the_data(void **state)
{
    (void)state;
    char *db = hostile_db();
    static const char *const commands[] = {"list members",          "list members --tsv",
                                           "show member 1",         "export members",
                                           "export vcard",          "export attendance",
                                           "list attendance --tsv", "export vcard --version 4.0"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char *out = on_terminal(db, commands[i]);
        assert_nothing_raw(commands[i], out);
        assert_contains(out, "สมศรี");
        free(out);
    }
    /* To a pipe or a file the data stays as it is: the export is for programs. */
    char *piped = khai_ok(db, "export members");
    assert_non_null(strstr(piped, "\x1b]52;c;"));
    assert_non_null(strstr(piped, "\xc2\x9b"));
    free(piped);
    free(db);
}

static void terminal_shows_a_capped_cluster_of_combining_marks(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    free(khai_ok(db, "add member --given-name สมศรี"));
    /* khai's own input paths already cut the marks; the sqlite3 shell cannot write a name
     * (its index sorts in Thai), so the position holds them: show prints both alike. */
    sql(db, "UPDATE members SET position = 'ก' || replace(hex(zeroblob(1000)), '00', "
            "char(3636)) || 'x'");
    char *out = on_terminal(db, "show member 1");
    int marks = 0;
    for (const char *p = out; (p = strstr(p, "\xe0\xb8\xb4")); p += 3)
        marks++;
    if (marks > 8) fail_msg("show wrote %d marks of one cluster to the terminal", marks);
    assert_true(marks >= 1);
    assert_contains(out, "\xe0\xb8\x81\xe0\xb8\xb4");
    free(out);
    free(db);
}

const struct CMUnitTest terminal_cli_tests[] = {
    cmocka_unit_test(terminal_gets_no_raw_control_from_the_data),
    cmocka_unit_test(terminal_shows_a_capped_cluster_of_combining_marks),
};
const size_t terminal_cli_tests_count = sizeof terminal_cli_tests / sizeof terminal_cli_tests[0];
