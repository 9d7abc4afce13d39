/* `khai next EVENT_ID [--date DATE] [--invite]`: the next meeting of an event's series, its
 * id printed on standard output and what was carried over on standard error. */
#include "cli_internal.h"
#include "messages.h"
#include "series.h"
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

struct next_options {
    long long event_id;
    struct date date; /* year 0: the series' rhythm */
    bool invite;
};

static int read_next_options(const struct cli *cli, struct next_options *o)
{
    *o = (struct next_options){0};
    bool have_id = false;
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        int rc = EXIT_OK;
        const char *v = cli_option(cli, &i, "--date", &rc);
        if (rc != EXIT_OK) return rc;
        char why[256];
        if (v) {
            if (date_parse(v, date_today(), &o->date, NULL, why, sizeof why) != 0)
                return cli_usage("next", "--date: %s", why);
        } else if (strcmp(a, "--invite") == 0) {
            o->invite = true;
        } else if (!have_id && cli_parse_id(a, &o->event_id)) {
            have_id = true;
        } else {
            return cli_usage("next", _("unexpected argument \"%s\""), a);
        }
    }
    if (!have_id) return cli_usage("next", _("which event? Give its id"));
    return EXIT_OK;
}

int cmd_next(const struct cli *cli)
{
    struct next_options o;
    int rc = read_next_options(cli, &o);
    if (rc != EXIT_OK) return rc;
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct next_meeting m;
    char *err = NULL;
    rc = series_next_meeting(db, o.event_id, o.date, o.invite, &m, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    char when[64];
    date_format(m.date, DATE_THAI, when, sizeof when);
    printf("%lld\n", m.event_id);
    fprintf(stderr, _("next meeting of series %lld on %s: event %lld\n"), m.series_id, when,
            m.event_id);
    fprintf(stderr,
            P_("%zu open task carried over\n", "%zu open tasks carried over\n", m.tasks_carried),
            m.tasks_carried);
    if (o.invite)
        fprintf(stderr, P_("%zu person invited\n", "%zu people invited\n", m.invited), m.invited);
    return EXIT_OK;
}
