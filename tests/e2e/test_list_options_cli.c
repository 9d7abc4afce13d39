/* End-to-end tests of `khai list` options (issue 8, section 2): every option of every kind
 * either filters as its name says or is refused with a usage error naming it, never ignored
 * to list everybody. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two organisations (the second under the first, in Chiang Mai, tagged ป่า), two members (one
 * of them in that organisation, in Chiang Mai, tagged อาสา, on event 1's list), a held event
 * hosted there and a cancelled one, and a task of event 1 owned by the first member. */
static char *sample_db(void)
{
    char *db = test_fresh_db_path("list_options");
    static const char *const adds[] = {
        "org --name เครือข่ายแม่",
        "org --name กลุ่มลูก --parent 1 --province เชียงใหม่ --tags ป่า",
        "member --given-name สมศรี --organisations กลุ่มลูก --province เชียงใหม่ --tags อาสา",
        "member --given-name สมปอง",
        "event --title ประชุม --start-date 2024-01-01 --province เชียงใหม่ --host กลุ่มลูก "
        "--status held",
        "event --title เวที --start-date 2024-02-01 --status cancelled",
        "attendance --event-id 1 --member-id 1 --status attended",
        "task --title งานแรก --event-id 1 --owner 1 --status open",
    };
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++)
        free(khai_ok(db, "add %s", adds[i]));
    return db;
}

static int data_rows(const char *tsv)
{
    int lines = 0;
    for (const char *p = tsv; *p; p++)
        lines += *p == '\n';
    return lines - 1; /* the header */
}

static const struct {
    const char *args;
    int rows;          /* -1: refused as a usage error */
    const char *shows; /* a name the rows hold, or the option the refusal names */
} cases[] = {
    {"members --event 1", 1, "สมศรี"},
    {"members --org กลุ่มลูก", 1, "สมศรี"},
    {"members --province เชียงใหม่", 1, "สมศรี"},
    {"members --tag อาสา", 1, "สมศรี"},
    {"members --status active", 2, "สมปอง"},
    {"members --status inactive", 0, NULL},
    {"members --status cancelled", -1, "--status"},
    {"members --member 1", -1, "--member"},
    {"orgs --org 1", 1, "กลุ่มลูก"},
    {"orgs --province เชียงใหม่", 1, "กลุ่มลูก"},
    {"orgs --tag ป่า", 1, "กลุ่มลูก"},
    {"orgs --event 1", -1, "--event"},
    {"orgs --member 1", -1, "--member"},
    {"orgs --status cancelled", -1, "--status"},
    {"events --org กลุ่มลูก", 1, "ประชุม"},
    {"events --province เชียงใหม่", 1, "ประชุม"},
    {"events --status cancelled", 1, "เวที"},
    {"events --status open", -1, "--status"},
    {"events --event 1", -1, "--event"},
    {"events --member 1", -1, "--member"},
    {"events --tag ป่า", -1, "--tag"},
    {"tasks --event 1", 1, "งานแรก"},
    {"tasks --event 2", 0, NULL},
    {"tasks --member 1", 1, "งานแรก"},
    {"tasks --member 2", 0, NULL},
    {"tasks --org กลุ่มลูก", 0, NULL},
    {"tasks --status open", 1, "งานแรก"},
    {"tasks --status done", 0, NULL},
    {"tasks --status held", -1, "--status"},
    {"tasks --province เชียงใหม่", -1, "--province"},
    {"tasks --tag ป่า", -1, "--tag"},
    {"attendance --event 1", 1, "สมศรี"},
    {"attendance --event 2", 0, NULL},
    {"attendance --member 1", 1, "สมศรี"},
    {"attendance --member 2", 0, NULL},
    {"attendance --org กลุ่มลูก", 1, "สมศรี"}, /* the member's organisation, by default */
    {"attendance --org เครือข่ายแม่", 0, NULL},
    {"attendance --status attended", 1, "สมศรี"},
    {"attendance --status absent", 0, NULL},
    {"attendance --status done", -1, "--status"},
    {"attendance --province เชียงใหม่", -1, "--province"},
    {"attendance --tag ป่า", -1, "--tag"},
};

static void list_options_filter_or_are_refused(void **state)
{
    (void)state;
    char *db = sample_db();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' list %s --tsv", db, cases[i].args);
        int want = cases[i].rows < 0 ? 2 : 0;
        if (r.status != want || (cases[i].rows >= 0 && data_rows(r.out) != cases[i].rows))
            fail_msg("list %s: exit %d (want %d), %d rows (want %d)\n%s%s", cases[i].args, r.status,
                     want, data_rows(r.out), cases[i].rows, r.out, r.err);
        if (cases[i].shows) assert_contains(cases[i].rows < 0 ? r.err : r.out, cases[i].shows);
        run_result_free(&r);
    }
    free(db);
}

/* The options every kind takes. */
static void list_options_every_kind_takes_the_general_ones(void **state)
{
    (void)state;
    char *db = sample_db();
    static const char *const kinds[] = {"members", "orgs", "events", "tasks", "attendance"};
    static const struct {
        const char *args;
        int rows; /* -1: at most one */
    } general[] = {{"--limit 1", -1}, {"--offset 100", 0}, {"--deleted", 0},
                   {"--sort id", -1}, {"--dates iso", -1}, {"--search ไม่มีใครชื่อนี้", 0}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t i = 0; i < sizeof general / sizeof general[0]; i++) {
            char *out = khai_ok(db, "list %s %s --tsv", kinds[k], general[i].args);
            int rows = data_rows(out);
            if (general[i].rows >= 0 ? rows != general[i].rows : rows < 1)
                fail_msg("list %s %s: %d rows\n%s", kinds[k], general[i].args, rows, out);
            free(out);
        }
    free(db);
}

const struct CMUnitTest list_options_cli_tests[] = {
    cmocka_unit_test(list_options_filter_or_are_refused),
    cmocka_unit_test(list_options_every_kind_takes_the_general_ones),
};
const size_t list_options_cli_tests_count =
    sizeof list_options_cli_tests / sizeof list_options_cli_tests[0];
