/* Two `khai edit` commands on one record at once, each changing its own field, as two
 * coordinators on one SSH server do: both succeed and both changes are kept. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MEMBERS = 6, ROUNDS = 4 };

static void concurrent_cli_edits_of_different_fields_both_land(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("concurrent_cli");
    for (int m = 0; m < MEMBERS; m++)
        free(khai_ok(db, "add member --given-name คน%d --family-name ทดสอบ", m));
    for (int round = 0; round < ROUNDS; round++) {
        /* Every member edited by two commands at the same moment: nickname and position. */
        char *script = xstrdup("");
        for (int m = 1; m <= MEMBERS; m++) {
            char *more = xasprintf(
                "%s'%s' --db '%s' edit member %d --nickname n%d_%d >/dev/null 2>>errors & "
                "'%s' --db '%s' edit member %d --position p%d_%d >/dev/null 2>>errors & ",
                script, test_khai_bin(), db, m, m, round, test_khai_bin(), db, m, m, round);
            free(script);
            script = more;
        }
        char *errors = test_path("errors");
        remove(errors);
        char *cmd = xasprintf("cd '%s' && { %s wait; }", test_tmpdir(), script);
        assert_int_equal(system(cmd), 0);
        char *said = test_read_file(errors);
        if (said && *said) fail_msg("round %d: %s", round, said);
        free(said);
        free(cmd);
        free(errors);
        free(script);
        char *tsv = khai_ok(db, "list members --tsv");
        for (int m = 1; m <= MEMBERS; m++) {
            char nick[32], position[32];
            snprintf(nick, sizeof nick, "\tn%d_%d\t", m, round);
            snprintf(position, sizeof position, "\tp%d_%d\t", m, round);
            if (!strstr(tsv, nick) || !strstr(tsv, position))
                fail_msg("round %d, member %d lost an edit:\n%s", round, m, tsv);
        }
        free(tsv);
    }
    free(db);
}

const struct CMUnitTest concurrent_cli_tests[] = {
    cmocka_unit_test(concurrent_cli_edits_of_different_fields_both_land),
};
const size_t concurrent_cli_tests_count =
    sizeof concurrent_cli_tests / sizeof concurrent_cli_tests[0];
