/* Tab completion: `khai complete` offers commands, kinds, each command's options and a kind's
 * fields as options, from the tables that define them; the bash completion script asks it. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The candidates for the words, one a line. */
static char *candidates(const char *words)
{
    struct run_result r;
    khai_run(&r, NULL, "complete %s", words);
    if (r.status != 0) fail_msg("complete %s: exit %d: %s", words, r.status, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

static void complete_cli_offers_commands_kinds_and_options(void **state)
{
    (void)state;
    static const struct {
        const char *words, *offered;
    } cases[] = {
        {"li", "list\n"},
        {"re", "restore\nreport\nrecover\n"},
        {"list m", "members\n"},
        {"show ''", "member\norg\nevent\ntask\ngoal\n"},
        {"add goal --mea", "--measure\n"},
        {"print ''", "signin\nbadges\n"},
        {"list --so", "--sort\n"},
        {"add member --given", "--given-name\n"},
        {"edit event 3 --start-", "--start-date\n--start-time\n"},
        {"--lang ''", "th\nen\n"},
        {"--db x.db --lang th imp", "import\n"},
        {"--db ''", ""},
        {"export members -o ''", ""},
        {"nosuchcommand --x", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = candidates(cases[i].words);
        if (strcmp(got, cases[i].offered) != 0)
            fail_msg("complete %s: got [%s], expected [%s]", cases[i].words, got, cases[i].offered);
        free(got);
    }
    /* Every field of a member that can be set is offered to add. */
    char *fields = candidates("add member --");
    assert_contains(fields, "--family-name\n");
    assert_contains(fields, "--line-id\n");
    assert_contains(fields, "--province\n");
    assert_true(strstr(fields, "--id\n") == NULL);
    free(fields);
}

/* The script bash sources, driven as bash drives it. */
static void complete_cli_bash_script_asks_khai(void **state)
{
    (void)state;
    char *out = test_path("bash.out");
    char *cmd = xasprintf("bash -c 'source \"$KHAI_SRC/tools/khai.bash\" && COMP_WORDS=(\"%s\" "
                          "list --s) && COMP_CWORD=2 && _khai && printf \"%%s\\n\" "
                          "\"${COMPREPLY[@]}\"' >'%s' 2>/dev/null",
                          test_khai_bin(), out);
    assert_int_equal(system(cmd), 0);
    char *got = test_read_file(out);
    assert_non_null(got);
    assert_string_equal(got, "--search\n--sort\n--status\n");
    free(got);
    free(cmd);
    free(out);
}

const struct CMUnitTest complete_cli_tests[] = {
    cmocka_unit_test(complete_cli_offers_commands_kinds_and_options),
    cmocka_unit_test(complete_cli_bash_script_asks_khai),
};
const size_t complete_cli_tests_count = sizeof complete_cli_tests / sizeof complete_cli_tests[0];
