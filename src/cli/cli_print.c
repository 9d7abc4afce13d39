/* khai print: an event's sign-in sheet and name badges as PDF files. */
#include "cli_internal.h"
#include "messages.h"
#include "outfile.h"
#include "print.h"
#include "table.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum what { PRINT_SIGNIN, PRINT_BADGES };

struct print_args {
    enum what what;
    long long event_id;
    struct print_options o;
    struct outfile out;
};

static int parse_value(const char *arg, const char *v, struct print_args *a)
{
    char *end;
    if (strcmp(arg, "--by") == 0 || strncmp(arg, "--by=", 5) == 0) {
        if (strcmp(v, "name") != 0 && strcmp(v, "group") != 0)
            return cli_usage("print", _("--by is name or group, not \"%s\""), v);
        a->o.order = strcmp(v, "group") == 0 ? PRINT_BY_GROUP : PRINT_BY_NAME;
    } else if (strncmp(arg, "--blank", 7) == 0) {
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 0 || n > 10000)
            return cli_usage("print",
                             _("--blank takes a number of rows from 0 to 10000, not \"%s\""), v);
        a->o.blank = (int)n;
    } else if (strncmp(arg, "--paper", 7) == 0) {
        int p = paper_from_name(v);
        if (a->what != PRINT_SIGNIN)
            return cli_usage("print", _("--paper goes with signin: badges take --layout"));
        if (p < 0) return cli_usage("print", _("--paper is a4 or letter, not \"%s\""), v);
        a->o.paper = (enum paper)p;
    } else if (strncmp(arg, "--layout", 8) == 0) {
        if (a->what != PRINT_BADGES) return cli_usage("print", _("--layout goes with badges"));
        a->o.layout = label_layout_find(v);
        if (!a->o.layout)
            return cli_usage("print", _("--layout is 2x4, 2x5 or 3x8, not \"%s\""), v);
    } else
        a->out.path = strcmp(v, "-") == 0 ? NULL : v;
    return EXIT_OK;
}

static int parse_args(const struct cli *cli, struct print_args *a)
{
    static const char *const valued[] = {"-o",      "--output", "--by",
                                         "--blank", "--paper",  "--layout"};
    *a = (struct print_args){0};
    const char *what = cli->argc ? cli->argv[0] : "";
    if (strcmp(what, "signin") != 0 && strcmp(what, "badges") != 0)
        return cli_usage("print", _("expected signin or badges, not \"%s\""), what);
    a->what = strcmp(what, "badges") == 0 ? PRINT_BADGES : PRINT_SIGNIN;
    bool have_id = false;
    for (int i = 1; i < cli->argc; i++) {
        const char *arg = cli->argv[i], *v = NULL;
        int rc = EXIT_OK;
        for (size_t k = 0; !v && rc == EXIT_OK && k < sizeof valued / sizeof valued[0]; k++)
            v = cli_option(cli, &i, valued[k], &rc);
        if (rc != EXIT_OK) return cli_usage("print", _("%s needs a value"), arg);
        if (v) {
            if ((rc = parse_value(arg, v, a)) != EXIT_OK) return rc;
        } else if (strcmp(arg, "--force") == 0)
            a->out.force = true;
        else if (!have_id && arg[0] != '-') {
            if (!cli_parse_id(arg, &a->event_id))
                return cli_usage("print",
                                 _("EVENT_ID is a number (`khai list events` shows them), "
                                   "not \"%s\""),
                                 arg);
            have_id = true;
        } else
            return cli_usage("print", _("unexpected argument \"%s\""), arg);
    }
    if (!have_id) return cli_usage("print", _("which event? Give its EVENT_ID"));
    if (!a->out.path && isatty(STDOUT_FILENO))
        return cli_usage("print", _("a PDF is not for the terminal: give -o FILE.pdf"));
    return EXIT_OK;
}

void cli_print_layouts(FILE *out)
{
    size_t n;
    const struct label_layout *l = label_layouts(&n);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "                   %s  %s%s\n", l[i].name, _(l[i].description),
                i == 0 ? _(" (default)") : "");
}

int cmd_print(const struct cli *cli)
{
    if (cli->argc && strcmp(cli->argv[0], "report") == 0) return cmd_print_report(cli);
    struct print_args a;
    int rc = parse_args(cli, &a);
    if (rc != EXIT_OK) return rc;
    char *err = NULL;
    FILE *f = outfile_open(&a.out, &err);
    if (!f) return cli_fail(err);
    struct db *db = cli_open_existing(cli);
    bool opened = db != NULL;
    int pages = 0, status = -1;
    if (opened) {
        status = a.what == PRINT_BADGES ? print_badges(db, a.event_id, &a.o, f, &pages, &err)
                                        : print_signin(db, a.event_id, &a.o, f, &pages, &err);
        db_close(&db);
    }
    status = outfile_close(&a.out, status, &err);
    if (!opened) return EXIT_ERROR; /* cli_open said why */
    if (status != 0) return cli_fail(err);
    if (a.out.path) {
        char *said = xasprintf(P_("printed %d page to %s", "printed %d pages to %s", pages), pages,
                               a.out.path);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
    return EXIT_OK;
}
