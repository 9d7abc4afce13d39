/* `khai show KIND ID`: every field of one record, and what hangs off it. */
#include "cli_internal.h"
#include "detail.h"
#include "messages.h"
#include "table.h"
#include "text.h"
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

/* A date reads in Thai with its stored form beside it: 24 มี.ค. 2567 (2024-03-24). */
static void print_fields(const struct detail *d, int width)
{
    int label_cols = detail_label_width(d);
    for (size_t i = 0; i < d->nfields; i++) {
        const struct detail_field *f = &d->fields[i];
        char *v = f->iso ? xasprintf("%s (%s)", f->value, f->iso) : xstrdup(f->value);
        print_field(field_label(f->field), v, label_cols, width);
        free(v);
    }
}

static void print_changed(const struct record *r)
{
    char when[64];
    timestamp_local(r->deleted_at ? r->deleted_at : r->updated_at, when, sizeof when);
    char *who = text_sanitize(r->updated_by);
    putchar('\n');
    printf(r->deleted_at ? _("deleted %s by %s, version %lld")
                         : _("last changed %s by %s, version %lld"),
           when, who, r->version);
    putchar('\n');
    free(who);
}

static void print_bracketed(const char *text)
{
    if (!*text) return;
    fputs("  [", stdout);
    print_safe(stdout, text);
    fputs("]", stdout);
}

static void print_section(const struct detail_section *s)
{
    printf("\n%s (%lld):\n", s->title, s->total);
    for (size_t i = 0; i < s->n; i++) {
        const struct detail_link *l = &s->links[i];
        printf("  %6lld  ", l->id);
        print_safe(stdout, l->name);
        print_bracketed(l->role);
        print_bracketed(l->note);
        if (*l->org) {
            fputs("  ", stdout);
            print_safe(stdout, l->org);
        }
        putchar('\n');
    }
    if ((long long)s->n < s->total) {
        fputs("  ", stdout);
        printf(_("... and %lld more"), s->total - (long long)s->n);
        putchar('\n');
    }
}

static void print_turnout(const struct event_summary *s)
{
    char **lines;
    size_t n = detail_turnout_lines(s, &lines);
    putchar('\n');
    for (size_t i = 0; i < n; i++) {
        print_safe(stdout, lines[i]);
        putchar('\n');
    }
    strings_free(lines, n);
}

static int print_detail(struct db *db, const struct record *r, char **err)
{
    struct detail d;
    int rc = detail_build(db, r, LINKED_ROWS, &d, err);
    print_fields(&d, table_width(stdout));
    print_changed(r);
    if (d.has_turnout) print_turnout(&d.turnout);
    if (d.nprogress) putchar('\n');
    for (size_t i = 0; i < d.nprogress; i++) {
        print_safe(stdout, d.progress[i]);
        putchar('\n');
    }
    for (size_t i = 0; i < d.nsections; i++)
        print_section(&d.sections[i]);
    if (d.nhistory) printf("\n%s\n", _("History:"));
    for (size_t i = 0; i < d.nhistory; i++) {
        fputs("  ", stdout);
        print_safe(stdout, d.history[i]);
        putchar('\n');
    }
    detail_free(&d);
    return rc;
}

int cmd_show(const struct cli *cli)
{
    if (cli->argc != 2) return cli_usage("show", "%s", _("show needs a kind and an id"));
    int k = kind_from_name(cli->argv[0]);
    long long id;
    if (k < 0) return cli_usage("show", _("expected a kind, not \"%s\""), cli->argv[0]);
    if (!cli_parse_id(cli->argv[1], &id))
        return cli_usage("show", _("\"%s\" is not an id"), cli->argv[1]);
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    struct record *r = NULL;
    char *err = NULL;
    int rc = record_load(db, (enum kind)k, id, &r, &err) != 0 ? -1 : 0;
    if (rc == 0) rc = print_detail(db, r, &err);
    record_free(&r);
    db_close(&db);
    return rc != 0 ? cli_fail(err) : EXIT_OK;
}
