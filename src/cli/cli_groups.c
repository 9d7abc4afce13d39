/* `khai groups EVENT_ID`: an event's breakout groups (facilitator, room, count), and putting
 * its people in them by hand or by a rule. */
#include "cli_internal.h"
#include "groups.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the invocation asks for besides the list. */
struct groups_args {
    long long event_id;
    bool tsv, keep_orgs;
    const char *action;  /* the option naming the change, or NULL to list */
    const char *args[2]; /* its values */
    char **members;      /* --set: the members */
    int nmembers;
    int balance;
    int rule;
};

static void print_table(const struct event_group *g, size_t n)
{
    struct table_col cols[] = {{_("Group"), 8, 0, false},
                               {_("Facilitator"), 8, 0, false},
                               {_("Room"), 6, 20, false},
                               {_("People"), 6, 8, true}};
    int widths[4];
    int ncols = table_layout(cols, 4, table_width(stdout), widths);
    const char *headers[] = {cols[0].header, cols[1].header, cols[2].header, cols[3].header};
    table_row(stdout, cols, headers, widths, ncols);
    for (size_t i = 0; i < n; i++) {
        char count[32];
        snprintf(count, sizeof count, "%lld", g[i].count);
        const char *cells[] = {g[i].name, g[i].facilitator, g[i].room, count};
        table_row(stdout, cols, cells, widths, ncols);
    }
}

static void print_tsv(const struct event_group *g, size_t n)
{
    puts("group\tfacilitator_id\tfacilitator\troom\tpeople");
    for (size_t i = 0; i < n; i++) {
        struct strbuf line = STRBUF_INIT;
        cli_tsv_value(&line, g[i].name);
        if (g[i].facilitator_id)
            sb_addf(&line, "\t%lld\t", g[i].facilitator_id);
        else
            sb_add(&line, "\t\t");
        cli_tsv_value(&line, g[i].facilitator);
        sb_addc(&line, '\t');
        cli_tsv_value(&line, g[i].room);
        sb_addf(&line, "\t%lld\n", g[i].count);
        fputs(sb_str(&line), stdout);
        sb_free(&line);
    }
}

static int print_groups(struct db *db, const struct groups_args *a)
{
    struct event_group *g;
    size_t n;
    char *err = NULL;
    if (groups_list(db, a->event_id, &g, &n, &err) != 0) return cli_fail(err);
    if (a->tsv)
        print_tsv(g, n);
    else if (n == 0)
        printf(_("event %lld has no breakout groups yet: khai groups %lld --set NAME MEMBER_ID... "
                 "or --by province, or --balance N\n"),
               a->event_id, a->event_id);
    else
        print_table(g, n);
    groups_free(g, n);
    long long ungrouped = 0;
    if (!a->tsv && n > 0 && groups_ungrouped(db, a->event_id, &ungrouped, &err) != 0)
        return cli_fail(err);
    if (ungrouped > 0)
        printf(P_("%lld person is in no group.\n", "%lld people are in no group.\n", ungrouped),
               ungrouped);
    return EXIT_OK;
}

/* How many values each change takes. */
static const struct {
    const char *option;
    int values;
} actions[] = {{"--by", 1},     {"--balance", 1},     {"--set", 1},  {"--add", 1},
               {"--rename", 2}, {"--facilitator", 2}, {"--room", 2}, {"--delete", 1}};

static int take_action(const struct cli *cli, int *i, struct groups_args *a)
{
    const char *opt = cli->argv[*i];
    for (size_t k = 0; k < sizeof actions / sizeof actions[0]; k++) {
        if (strcmp(opt, actions[k].option) != 0) continue;
        if (a->action)
            return cli_usage("groups", _("%s and %s cannot be given together"), a->action, opt);
        if (*i + actions[k].values >= cli->argc)
            return cli_usage("groups", _("%s needs a value"), opt);
        a->action = actions[k].option;
        for (int v = 0; v < actions[k].values; v++)
            a->args[v] = cli->argv[++*i];
        if (strcmp(opt, "--set") == 0) { /* the members are the rest */
            a->members = cli->argv + *i + 1;
            a->nmembers = cli->argc - *i - 1;
            *i = cli->argc;
        }
        return EXIT_OK;
    }
    return cli_usage("groups", _("unknown option \"%s\""), opt);
}

static int parse_args(const struct cli *cli, struct groups_args *a)
{
    if (cli->argc < 1 || !cli_parse_id(cli->argv[0], &a->event_id))
        return cli_usage("groups", _("groups needs an event id"));
    for (int i = 1; i < cli->argc; i++) {
        const char *opt = cli->argv[i];
        int rc = EXIT_OK;
        if (strcmp(opt, "--tsv") == 0)
            a->tsv = true;
        else if (strcmp(opt, "--keep-orgs") == 0)
            a->keep_orgs = true;
        else
            rc = take_action(cli, &i, a);
        if (rc != EXIT_OK) return rc;
    }
    if (a->keep_orgs && (!a->action || strcmp(a->action, "--balance") != 0))
        return cli_usage("groups", _("--keep-orgs goes with --balance N"));
    if (a->action && strcmp(a->action, "--by") == 0) {
        a->rule = group_rule_from_name(a->args[0]);
        if (a->rule < 0)
            return cli_usage("groups",
                             _("--by is province, district, subdistrict, organisation or "
                               "category, not \"%s\""),
                             a->args[0]);
    }
    if (a->action && strcmp(a->action, "--balance") == 0) {
        long long n;
        if (!cli_parse_id(a->args[0], &n) || n > 500)
            return cli_usage("groups",
                             _("--balance takes a number of groups from 1 to 500, not "
                               "\"%s\""),
                             a->args[0]);
        a->balance = (int)n;
    }
    if (a->action && strcmp(a->action, "--set") == 0 && a->nmembers == 0)
        return cli_usage("groups", _("--set NAME needs one or more members"));
    return EXIT_OK;
}

static void say_outcome(const struct groups_args *a, const struct group_outcome *o)
{
    if (a->tsv) return;
    printf(P_("moved %lld person", "moved %lld people", o->moved), o->moved);
    if (a->action[2] != 's') /* not --set */
        printf(P_(" into %lld group", " into %lld groups", o->groups), o->groups);
    if (o->unplaced)
        printf(P_("; %lld person has no %s and kept their group",
                  "; %lld people have no %s and kept their group", o->unplaced),
               o->unplaced, a->args[0]);
    putchar('\n');
}

static int set_members(struct db *db, const struct groups_args *a, struct group_outcome *o,
                       char **err)
{
    long long *ids = xcalloc((size_t)a->nmembers, sizeof *ids);
    int rc = 0;
    for (int i = 0; rc == 0 && i < a->nmembers; i++)
        rc = model_find(db, FT_MEMBER, a->members[i], &ids[i], err);
    if (rc == 0)
        rc = groups_set(db, NULL, a->event_id, a->args[0], ids, (size_t)a->nmembers, o, err);
    free(ids);
    return rc;
}

static int run_action(struct db *db, const struct groups_args *a)
{
    char *err = NULL;
    struct group_outcome o = {0};
    const char *act = a->action;
    int rc;
    bool moves = false;
    if (strcmp(act, "--by") == 0 || strcmp(act, "--balance") == 0) {
        struct group_plan plan = {a->balance ? GROUP_BALANCE : (enum group_rule)a->rule, a->balance,
                                  a->keep_orgs};
        rc = groups_assign(db, NULL, a->event_id, &plan, &o, &err);
        moves = true;
    } else if (strcmp(act, "--set") == 0) {
        rc = set_members(db, a, &o, &err);
        moves = true;
    } else if (strcmp(act, "--add") == 0) {
        rc = group_create(db, a->event_id, a->args[0], &err);
    } else if (strcmp(act, "--rename") == 0) {
        rc = group_rename(db, a->event_id, a->args[0], a->args[1], &err);
    } else if (strcmp(act, "--facilitator") == 0) {
        rc = group_set_facilitator(db, a->event_id, a->args[0], a->args[1], &err);
    } else if (strcmp(act, "--room") == 0) {
        rc = group_set_room(db, a->event_id, a->args[0], a->args[1], &err);
    } else {
        rc = group_delete(db, a->event_id, a->args[0], &err);
    }
    if (rc != 0) return cli_fail(err);
    if (moves) say_outcome(a, &o);
    return EXIT_OK;
}

int cmd_groups(const struct cli *cli)
{
    struct groups_args a = {0};
    int rc = parse_args(cli, &a);
    if (rc != EXIT_OK) return rc;
    struct db *db = a.action ? cli_open(cli) : cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    if (a.action) rc = run_action(db, &a);
    if (rc == EXIT_OK) rc = print_groups(db, &a);
    db_close(&db);
    return rc;
}
