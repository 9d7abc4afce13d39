/* `khai show KIND ID`: every field of one record, and what hangs off it. */
#include "affiliation.h"
#include "cli_internal.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "timestamp.h"
#include "views.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINKED_ROWS = 20 };

static void print_field(const char *label, const char *value, int label_cols, int width)
{
    char *fitted = text_fit(label, (size_t)label_cols);
    int value_cols = width - label_cols - 2;
    char **lines;
    size_t n = text_wrap(value, (size_t)(value_cols > 10 ? value_cols : 10), &lines);
    for (size_t i = 0; i < (n ? n : 1); i++) {
        printf("%s  ", i == 0 ? fitted : "");
        if (i > 0)
            for (int c = 0; c < label_cols; c++)
                putchar(' ');
        print_safe(stdout, n ? lines[i] : "");
        putchar('\n');
    }
    strings_free(lines, n);
    free(fitted);
}

static char *display_value(const struct record *r, int fi, bool thai)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    char *v = view_value(r, fi, DATE_THAI, thai);
    if (f->type == FT_DATE && *v) {
        char *both = xasprintf("%s (%s)", v, r->values[fi]);
        free(v);
        return both;
    }
    return v;
}

static void print_record(const struct record *r, bool thai, int width)
{
    const struct kind_info *ki = kind_info(r->kind);
    int label_cols = 0;
    for (int i = 0; i < ki->nfields; i++) {
        int w = (int)text_width(thai ? ki->fields[i].th : ki->fields[i].en);
        label_cols = w > label_cols ? w : label_cols;
    }
    for (int i = 0; i < ki->nfields; i++) {
        char *v = display_value(r, i, thai);
        if (*v || !(ki->fields[i].flags & FIELD_EXTRA))
            print_field(thai ? ki->fields[i].th : ki->fields[i].en, v, label_cols, width);
        free(v);
    }
    char when[64];
    timestamp_local(r->deleted_at ? r->deleted_at : r->updated_at, when, sizeof when);
    printf("\n%s %s by ", r->deleted_at ? "deleted" : "last changed", when);
    print_safe(stdout, r->updated_by);
    printf(", version %lld\n", r->version);
}

static int print_rows(struct db *db, const struct list_query *q, const char *heading, char **err)
{
    long long total;
    struct record **rows;
    size_t n;
    if (list_count(db, q, &total, err) != 0 ||
        list_fetch(db, q, 0, LINKED_ROWS, &rows, &n, err) != 0)
        return -1;
    if (total == 0) return 0;
    printf("\n%s (%lld):\n", heading, total);
    for (size_t i = 0; i < n; i++) {
        bool by_member = q->kind == KIND_ATTENDANCE && q->member_id;
        char *name =
            by_member ? xstrdup(record_get(rows[i], "event_title")) : record_display_name(rows[i]);
        const char *extra = q->kind == KIND_ATTENDANCE ? record_get(rows[i], "status")
                            : q->kind == KIND_TASK     ? record_get(rows[i], "status")
                            : q->kind == KIND_EVENT    ? record_get(rows[i], "start_date")
                                                       : "";
        printf("  %6lld  ",
               q->kind == KIND_ATTENDANCE ? atoll(record_get(rows[i], "event_id")) : rows[i]->id);
        print_safe(stdout, name);
        if (*extra) {
            fputs("  [", stdout);
            print_safe(stdout, extra);
            fputs("]", stdout);
        }
        putchar('\n');
        free(name);
    }
    if ((long long)n < total) printf("  ... and %lld more\n", total - (long long)n);
    list_free(rows, n);
    return 0;
}

static int print_event_summary(struct db *db, long long id, char **err)
{
    struct event_summary s;
    if (event_summary(db, id, &s, err) != 0) return -1;
    printf("\nTurnout: %lld attended", s.attended);
    if (s.target) printf(" of a target of %lld (%lld%%)", s.target, s.attended * 100 / s.target);
    printf(", from %lld organisation%s\n", s.organisations, s.organisations == 1 ? "" : "s");
    printf("  invited %lld, confirmed %lld, absent %lld, cancelled %lld\n", s.invited, s.confirmed,
           s.absent, s.cancelled);
    for (size_t i = 0; i < s.ncategories; i++) {
        fputs("  ", stdout);
        print_safe(stdout, s.categories[i].category);
        printf(": %lld", s.categories[i].attended);
        if (s.categories[i].target) printf(" of %lld", s.categories[i].target);
        putchar('\n');
    }
    event_summary_free(&s);
    return 0;
}

static int print_affiliations(struct db *db, long long member_id, char **err)
{
    struct affiliation *list;
    size_t n;
    if (affiliation_list(db, member_id, &list, &n, err) != 0) return -1;
    if (n) printf("\nOrganisations (%zu):\n", n);
    for (size_t i = 0; i < n; i++) {
        char *about = affiliation_describe(&list[i]);
        printf("  %6lld  ", list[i].org_id);
        print_safe(stdout, list[i].org_name);
        if (*about) {
            fputs("  [", stdout);
            print_safe(stdout, about);
            fputs("]", stdout);
        }
        putchar('\n');
        free(about);
    }
    affiliation_list_free(list, n);
    return 0;
}

static int print_links(struct db *db, const struct record *r, char **err)
{
    struct list_query q = {0};
    switch (r->kind) {
    case KIND_MEMBER:
        if (print_affiliations(db, r->id, err) != 0) return -1;
        q = (struct list_query){.kind = KIND_ATTENDANCE, .member_id = r->id, .sort = "time"};
        if (print_rows(db, &q, "Events", err) != 0) return -1;
        q = (struct list_query){.kind = KIND_TASK, .member_id = r->id};
        return print_rows(db, &q, "Tasks", err);
    case KIND_ORG:
        q = (struct list_query){.kind = KIND_ORG, .org_id = r->id};
        if (print_rows(db, &q, "Sub-organisations", err) != 0) return -1;
        q = (struct list_query){.kind = KIND_MEMBER, .org_id = r->id};
        if (print_rows(db, &q, "Members", err) != 0) return -1;
        q = (struct list_query){.kind = KIND_EVENT, .org_id = r->id};
        return print_rows(db, &q, "Events", err);
    case KIND_EVENT:
        if (print_event_summary(db, r->id, err) != 0) return -1;
        q = (struct list_query){.kind = KIND_TASK, .event_id = r->id};
        return print_rows(db, &q, "Tasks", err);
    default:
        return 0;
    }
}

int cmd_show(const struct cli *cli)
{
    if (cli->argc != 2) return cli_usage("show", "show needs a kind and an id");
    int k = kind_from_name(cli->argv[0]);
    long long id;
    if (k < 0) return cli_usage("show", "expected a kind, not \"%s\"", cli->argv[0]);
    if (!cli_parse_id(cli->argv[1], &id))
        return cli_usage("show", "\"%s\" is not an id", cli->argv[1]);
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct record *r = NULL;
    char *err = NULL;
    int rc = record_load(db, (enum kind)k, id, &r, &err) != 0 ? -1 : 0;
    if (rc == 0) {
        print_record(r, cli->thai, table_width(stdout));
        rc = print_links(db, r, &err);
    }
    record_free(&r);
    db_close(&db);
    return rc != 0 ? cli_fail(err) : EXIT_OK;
}
