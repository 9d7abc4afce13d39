/* `khai report goals`: each goal's count against its target with a bar, the due date, the
 * date it was reached or will be at the pace so far, and the pace; or --tsv / --csv with the
 * columns id,title,actual,target,percent,due,reached_on (a contract: see README). */
#include "cli_internal.h"
#include "csv.h"
#include "goalview.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "xalloc.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum output { OUT_TABLE, OUT_TSV, OUT_CSV };

static const char *const machine_columns[] = {"id",      "title", "actual",    "target",
                                              "percent", "due",   "reached_on"};
enum { MACHINE_COLS = sizeof machine_columns / sizeof machine_columns[0] };

static void iso(bool has, struct date d, char buf[16])
{
    buf[0] = '\0';
    if (has) date_format(d, DATE_ISO, buf, 16);
}

static void machine_cell(struct strbuf *line, enum output out, int col, const char *v)
{
    if (col) sb_addc(line, out == OUT_TSV ? '\t' : ',');
    if (out == OUT_TSV)
        cli_tsv_value(line, v);
    else
        csv_write_field(line, v, ',');
}

static void print_machine(const struct goal_progress *g, size_t n, enum output out)
{
    struct strbuf line = STRBUF_INIT;
    for (int c = 0; c < MACHINE_COLS; c++)
        machine_cell(&line, out, c, machine_columns[c]);
    puts(sb_str(&line));
    for (size_t i = 0; i < n; i++) {
        char id[32], actual[32], target[32], percent[32], due[16], reached[16];
        snprintf(id, sizeof id, "%lld", g[i].id);
        snprintf(actual, sizeof actual, "%lld", g[i].actual);
        snprintf(target, sizeof target, "%lld", g[i].target);
        snprintf(percent, sizeof percent, "%lld%%", goal_percent(&g[i])); /* as report event's */
        iso(g[i].has_due, g[i].due, due);
        iso(g[i].reached, g[i].reached_on, reached);
        const char *cells[MACHINE_COLS] = {id, g[i].title, actual, target, percent, due, reached};
        sb_reset(&line);
        for (int c = 0; c < MACHINE_COLS; c++)
            machine_cell(&line, out, c, cells[c]);
        puts(sb_str(&line));
    }
    sb_free(&line);
}

/* The table's columns; those that do not fit the width are left out from the right, pace
 * first: at 80 columns everything up to the date reached or projected fits. */
enum { C_ID, C_TITLE, C_COUNTED, C_PERCENT, C_BAR, C_DUE, C_WHEN, C_PACE, C_COUNT };

/* The date it was reached, or "≈ date" at the pace so far, or "–" when there is no pace. */
static char *when_text(const struct goal_progress *g)
{
    char d[64];
    if (g->reached) {
        goal_date_text(g->reached_on, d, sizeof d);
        return xstrdup(d);
    }
    if (!g->has_projection) return xstrdup(g->per_day > 0 ? "> 100" : "–"); /* years */
    goal_date_text(g->projected, d, sizeof d);
    return xasprintf("≈ %s%s", d, g->on_track ? "" : "!");
}

static void print_table(const struct goal_progress *g, size_t n, bool ascii)
{
    struct table_col cols[C_COUNT] = {{_("ID"), 2, 4, true},
                                      {_("Goal"), 12, 0, false},
                                      {_("Count"), 5, 9, true},
                                      {"%", 4, 4, true},
                                      {"", 6, 8, false},
                                      {_("Due"), 12, 12, false},
                                      {_("Reached"), 15, 15, false},
                                      {_("Pace"), 11, 14, false}};
    /* Numbers are never cut: the count and percentage columns are as wide as their widest. */
    for (size_t i = 0; i < n; i++) {
        char counted[64], percent[32];
        int wc = snprintf(counted, sizeof counted, "%lld/%lld", g[i].actual, g[i].target);
        int wp = snprintf(percent, sizeof percent, "%lld%%", goal_percent(&g[i]));
        if (wc > cols[C_COUNTED].min) cols[C_COUNTED].min = wc;
        if (wp > cols[C_PERCENT].min) cols[C_PERCENT].min = wp;
    }
    for (int c = C_COUNTED; c <= C_PERCENT; c++)
        if (cols[c].max < cols[c].min) cols[c].max = cols[c].min;
    int widths[C_COUNT];
    int fit = table_layout(cols, C_COUNT, table_width(stdout), widths);
    const char *head[C_COUNT];
    for (int c = 0; c < C_COUNT; c++)
        head[c] = cols[c].header;
    table_row(stdout, cols, head, widths, fit);
    bool late = false;
    for (size_t i = 0; i < n; i++) {
        char id[32], counted[64], percent[32], due[64] = "";
        snprintf(id, sizeof id, "%lld", g[i].id);
        snprintf(counted, sizeof counted, "%lld/%lld", g[i].actual, g[i].target);
        snprintf(percent, sizeof percent, "%lld%%", goal_percent(&g[i]));
        if (g[i].has_due) goal_date_text(g[i].due, due, sizeof due);
        char *bar = goal_bar(g[i].actual, g[i].target, fit > C_BAR ? widths[C_BAR] : 0, ascii);
        char *when = when_text(&g[i]), *pace = goal_pace_text(&g[i]);
        const char *cells[C_COUNT] = {id, g[i].title, counted, percent, bar, due, when, pace};
        table_row(stdout, cols, cells, widths, fit);
        late = late || (!g[i].reached && g[i].has_projection && !g[i].on_track);
        free(bar);
        free(when);
        free(pace);
    }
    if (!n) puts(_("No goals yet: khai add goal --title T --target N --measure WHAT"));
    if (fit > C_WHEN && n)
        printf("\n%s\n", late ? _("≈ the date at the pace so far; ! after the due date")
                              : _("≈ the date at the pace so far"));
}

int cmd_report_goals(const struct cli *cli)
{
    enum output out = OUT_TABLE;
    bool ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (strcmp(a, "--tsv") == 0 || strcmp(a, "--csv") == 0)
            out = a[2] == 't' ? OUT_TSV : OUT_CSV;
        else if (strcmp(a, "--ascii") == 0)
            ascii = true;
        else if (a[0] == '-')
            return cli_usage("report", _("unknown option \"%s\""), a);
        else
            return cli_usage("report", _("unexpected argument \"%s\""), a);
    }
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    struct goal_progress *g;
    size_t n;
    char *err = NULL;
    int rc = goals_progress(db, date_today(), &g, &n, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    if (out == OUT_TABLE)
        print_table(g, n, ascii);
    else
        print_machine(g, n, out);
    goals_progress_free(g, n);
    return EXIT_OK;
}
