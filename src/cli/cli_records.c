/* The record commands: list, show, add, edit, delete, restore. */
#include "cli_internal.h"
#include "messages.h"
#include "quota.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "views.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_COLS = 8 };

struct list_opts {
    struct list_query q;
    bool tsv;
    long long limit, offset;
    enum date_style dates;
};

static int parse_kind(const char *command, const char *arg, enum kind *k)
{
    int v = arg ? kind_from_name(arg) : -1;
    if (v < 0)
        return cli_usage(
            command,
            _("expected a kind (member, org, event, task, attendance, invitation), not "
              "\"%s\""),
            arg ? arg : "");
    *k = (enum kind)v;
    return EXIT_OK;
}

struct table_state {
    const struct list_opts *o;
    struct table_col cols[MAX_COLS];
    int widths[MAX_COLS];
    int ncols;
    long long printed;
};

static int print_table_row(const struct record *r, void *ctx)
{
    struct table_state *t = ctx;
    const struct view_col *view = view_columns(r->kind);
    char *cells[MAX_COLS];
    for (int i = 0; i < t->ncols; i++)
        cells[i] = view_cell(r, &view[i], t->o->dates);
    table_row(stdout, t->cols, (const char *const *)cells, t->widths, t->ncols);
    for (int i = 0; i < t->ncols; i++)
        free(cells[i]);
    return ++t->printed >= t->o->limit;
}

/* Runs of plain bytes are copied whole: a listing of 100,000 members added its text a byte
 * at a time. */
static void tsv_escape(struct strbuf *sb, const char *v)
{
    const unsigned char *p = (const unsigned char *)v;
    for (;;) {
        size_t run = 0;
        while (p[run] >= 0x20 && p[run] != 0x7f && p[run] != '\\')
            run++;
        sb_addn(sb, (const char *)p, run);
        p += run;
        if (!*p) return;
        switch (*p) {
        case '\\':
            sb_add(sb, "\\\\");
            break;
        case '\t':
            sb_add(sb, "\\t");
            break;
        case '\n':
            sb_add(sb, "\\n");
            break;
        case '\r':
            sb_add(sb, "\\r");
            break;
        default:
            sb_addf(sb, "\\x%02x", *p);
        }
        p++;
    }
}

/* The escapes leave no C0 control; on a terminal the sanitiser also takes the C1 controls
 * and the bidirectional overrides another tool may have stored. */
void cli_tsv_value(struct strbuf *sb, const char *v)
{
    static int terminal = -1;
    if (terminal < 0) terminal = isatty(STDOUT_FILENO);
    if (!terminal) {
        tsv_escape(sb, v);
        return;
    }
    struct strbuf cell = STRBUF_INIT;
    tsv_escape(&cell, v);
    char *safe = text_sanitize(sb_str(&cell));
    sb_add(sb, safe);
    free(safe);
    sb_free(&cell);
}

static int print_tsv_row(const struct record *r, void *ctx)
{
    struct table_state *t = ctx;
    const struct kind_info *ki = kind_info(r->kind);
    struct strbuf line = STRBUF_INIT;
    bool first = true;
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].flags & FIELD_EXTRA) continue;
        if (!first) sb_addc(&line, '\t');
        first = false;
        cli_tsv_value(&line, r->values[i]);
    }
    sb_addc(&line, '\n');
    fputs(sb_str(&line), stdout);
    sb_free(&line);
    return ++t->printed >= t->o->limit;
}

static void print_tsv_header(enum kind k)
{
    const struct kind_info *ki = kind_info(k);
    bool first = true;
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].flags & FIELD_EXTRA) continue;
        printf("%s%s", first ? "" : "\t", ki->fields[i].name);
        first = false;
    }
    putchar('\n');
}

static void table_setup(struct table_state *t, enum kind k)
{
    const struct view_col *view = view_columns(k);
    const char *headers[MAX_COLS];
    for (t->ncols = 0; t->ncols < view_column_count(k); t->ncols++) {
        const struct view_col *c = &view[t->ncols];
        headers[t->ncols] = view_header(k, c);
        t->cols[t->ncols] = (struct table_col){headers[t->ncols], c->min, c->max, c->right};
    }
    t->ncols = table_layout(t->cols, t->ncols, table_width(stdout), t->widths);
    table_row(stdout, t->cols, headers, t->widths, t->ncols);
}

#define K(k) (1u << (k))
/* The kinds each filter filters; the others refuse it by name rather than list everybody. */
static const struct {
    const char *option;
    unsigned kinds;
} filters_of[] = {
    {"--event", K(KIND_ATTENDANCE) | K(KIND_TASK) | K(KIND_MEMBER) | K(KIND_INVITATION)},
    {"--member", K(KIND_ATTENDANCE) | K(KIND_TASK)},
    {"--province", K(KIND_MEMBER) | K(KIND_ORG) | K(KIND_EVENT)},
    {"--tag", K(KIND_MEMBER) | K(KIND_ORG)},
    {"--status",
     K(KIND_MEMBER) | K(KIND_EVENT) | K(KIND_TASK) | K(KIND_ATTENDANCE) | K(KIND_INVITATION)},
};
#undef K

static int check_filters(const char *opt, enum kind k)
{
    for (size_t i = 0; i < sizeof filters_of / sizeof filters_of[0]; i++)
        if (strcmp(filters_of[i].option, opt) == 0 && !(filters_of[i].kinds & (1u << k)))
            return cli_usage("list", _("%s does not filter %s (`khai list --help` says what does)"),
                             opt, kind_info(k)->plural);
    return EXIT_OK;
}

/* A status the kind does not have would list nobody, or (members) the wrong people. */
static int check_status(enum kind k, const char *value)
{
    static const struct choice member_states[] = {
        {"active", NULL, NULL}, {"inactive", NULL, NULL}, {NULL, NULL, NULL}};
    const struct kind_info *ki = kind_info(k);
    int fi = field_index(ki, "status");
    const struct choice *c = k == KIND_MEMBER ? member_states : ki->fields[fi].choices;
    struct strbuf keys = STRBUF_INIT;
    for (int i = 0; c[i].key; i++) {
        if (strcmp(c[i].key, value) == 0) return sb_free(&keys), EXIT_OK;
        sb_addf(&keys, "%s%s", i ? ", " : "", c[i].key);
    }
    int rc =
        cli_usage("list", _("--status for %s is %s, not \"%s\""), ki->plural, sb_str(&keys), value);
    sb_free(&keys);
    return rc;
}

static int list_option(const char *opt, const char *value, struct list_opts *o, struct db **db,
                       const struct cli *cli)
{
    int rc = check_filters(opt, o->q.kind);
    if (rc != EXIT_OK) return rc;
    if (strcmp(opt, "--search") == 0)
        o->q.search = value;
    else if (strcmp(opt, "--sort") == 0) {
        const char *const *keys = list_sort_keys(o->q.kind);
        bool ok = false;
        for (int i = 0; keys[i]; i++)
            ok = ok || strcmp(keys[i], value) == 0;
        if (!ok)
            return cli_usage("list",
                             _("--sort for %s is one of the keys in `khai list --help`, "
                               "not \"%s\""),
                             kind_info(o->q.kind)->plural, value);
        o->q.sort = value;
    } else if (strcmp(opt, "--province") == 0)
        o->q.province = value;
    else if (strcmp(opt, "--tag") == 0)
        o->q.tag = value;
    else if (strcmp(opt, "--status") == 0) {
        if ((rc = check_status(o->q.kind, value)) != EXIT_OK) return rc;
        o->q.status = value;
    } else if (strcmp(opt, "--limit") == 0 || strcmp(opt, "--offset") == 0) {
        long long n;
        if (!cli_parse_id(value, &n) && strcmp(value, "0") != 0)
            return cli_usage("list", _("%s takes a whole number, not \"%s\""), opt, value);
        if (strcmp(value, "0") == 0) n = 0;
        *(opt[2] == 'l' ? &o->limit : &o->offset) = n;
    } else if (strcmp(opt, "--dates") == 0) {
        if (strcmp(value, "thai") == 0)
            o->dates = DATE_THAI;
        else if (strcmp(value, "iso") == 0)
            o->dates = DATE_ISO;
        else if (strcmp(value, "ce") == 0)
            o->dates = DATE_CE;
        else
            return cli_usage("list", _("--dates is thai, iso or ce, not \"%s\""), value);
    } else if (strcmp(opt, "--event") == 0 || strcmp(opt, "--member") == 0 ||
               strcmp(opt, "--org") == 0) {
        enum field_type type = opt[2] == 'e' ? FT_EVENT : opt[2] == 'm' ? FT_MEMBER : FT_ORG;
        long long *target = opt[2] == 'e'   ? &o->q.event_id
                            : opt[2] == 'm' ? &o->q.member_id
                                            : &o->q.org_id;
        if (!*db && !(*db = cli_open_existing(cli))) return EXIT_ERROR;
        char *err = NULL;
        if (model_find(*db, type, value, target, &err) != 0) return cli_fail(err);
    } else
        return cli_usage("list", _("unknown option \"%s\""), opt);
    return EXIT_OK;
}

static int parse_list_args(const struct cli *cli, struct list_opts *o, struct db **db)
{
    for (int i = 1; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (strcmp(a, "--tsv") == 0) {
            o->tsv = true;
        } else if (strcmp(a, "--deleted") == 0) {
            o->q.deleted = true;
        } else if (strncmp(a, "--", 2) == 0) {
            const char *eq = strchr(a, '=');
            char *opt = eq ? xstrndup(a, (size_t)(eq - a)) : xstrdup(a);
            const char *value = eq ? eq + 1 : i + 1 < cli->argc ? cli->argv[++i] : NULL;
            static const char *const valued[] = {"--search", "--sort",   "--province", "--tag",
                                                 "--status", "--limit",  "--offset",   "--dates",
                                                 "--event",  "--member", "--org",      NULL};
            bool known = false;
            for (int v = 0; valued[v]; v++)
                known = known || strcmp(valued[v], opt) == 0;
            int rc = !known  ? cli_usage("list", _("unknown option \"%s\""), opt)
                     : value ? list_option(opt, value, o, db, cli)
                             : cli_usage("list", _("%s needs a value"), opt);
            free(opt);
            if (rc != EXIT_OK) return rc;
        } else {
            return cli_usage("list", _("unexpected argument \"%s\""), a);
        }
    }
    return EXIT_OK;
}

int cmd_list(const struct cli *cli)
{
    struct list_opts o = {.limit = -1, .dates = DATE_THAI};
    struct db *db = NULL;
    int rc = parse_kind("list", cli->argc ? cli->argv[0] : NULL, &o.q.kind);
    if (rc == EXIT_OK) rc = parse_list_args(cli, &o, &db);
    if (rc == EXIT_OK && !db && !(db = cli_open_existing(cli))) rc = EXIT_ERROR;
    if (rc != EXIT_OK) {
        db_close(&db);
        return rc;
    }
    if (o.limit < 0) o.limit = 1LL << 62;
    struct table_state t = {.o = &o};
    char *err = NULL;
    int status = 0;
    if (o.limit > 0) {
        if (o.tsv)
            print_tsv_header(o.q.kind);
        else
            table_setup(&t, o.q.kind);
        /* one statement from the first row to the last, --offset and --limit included */
        status = list_each_range(db, &o.q, o.offset, o.limit,
                                 o.tsv ? print_tsv_row : print_table_row, &t, &err);
    }
    db_close(&db);
    return status < 0 ? cli_fail(err) : EXIT_OK;
}

static int parse_kind_and_id(const char *command, const struct cli *cli, enum kind *k,
                             long long *id)
{
    if (cli->argc < 2) return cli_usage(command, _("%s needs a kind and an id"), command);
    int rc = parse_kind(command, cli->argv[0], k);
    if (rc != EXIT_OK) return rc;
    if (!cli_parse_id(cli->argv[1], id))
        return cli_usage(command, _("\"%s\" is not an id"), cli->argv[1]);
    return EXIT_OK;
}

/* Shorter options for a field, as the commands are written: khai add invitation --event 3
 * --org มูลนิธิ. */
static const struct {
    enum kind kind;
    const char *option, *field;
} field_aliases[] = {
    {KIND_INVITATION, "event", "event_id"},
    {KIND_INVITATION, "org", "organisation"},
};

static int field_or_alias(const struct kind_info *ki, const char *name)
{
    for (size_t i = 0; i < sizeof field_aliases / sizeof field_aliases[0]; i++)
        if (field_aliases[i].kind == ki->kind && strcmp(field_aliases[i].option, name) == 0)
            return field_index(ki, field_aliases[i].field);
    return field_index(ki, name);
}

/* Field options: --given-name VALUE or --given-name=VALUE; --name splits a full name. */
static int apply_field_options(const char *command, struct record *r, int argc, char **argv)
{
    const struct kind_info *ki = kind_info(r->kind);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) return cli_usage(command, _("unexpected argument \"%s\""), a);
        const char *eq = strchr(a, '=');
        char *name = eq ? xstrndup(a + 2, (size_t)(eq - a - 2)) : xstrdup(a + 2);
        const char *value = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        int fi = field_or_alias(ki, name);
        int rc = EXIT_OK;
        char *err = NULL;
        if (!value)
            rc = cli_usage(command, _("--%s needs a value"), name);
        else if (strcmp(name, "name") == 0 && r->kind == KIND_MEMBER)
            rc = record_set_full_name(r, value, &err) == 0 ? EXIT_OK : cli_fail(err);
        else if (fi < 0 || (ki->fields[fi].flags & FIELD_READONLY)) {
            struct strbuf sb = STRBUF_INIT;
            for (int j = 0; j < ki->nfields; j++)
                if (!(ki->fields[j].flags & FIELD_READONLY)) {
                    sb_add(&sb, " --");
                    for (const char *c = ki->fields[j].name; *c; c++)
                        sb_addc(&sb, *c == '_' ? '-' : *c);
                }
            rc = cli_usage(command, _("%s has no field \"%s\"; it has%s%s"), kind_noun(r->kind),
                           name, sb_str(&sb), r->kind == KIND_MEMBER ? " --name" : "");
            sb_free(&sb);
        } else
            record_set(r, field_id(r->kind, fi), value);
        free(name);
        if (rc != EXIT_OK) return rc;
    }
    return EXIT_OK;
}

/* Prints what was done to the record: said (kind, id, name), then, when given, undo (the
 * kind as the command line names it, id). */
static void report(const struct record *r, const char *said, const char *undo)
{
    char *name = record_display_name(r);
    char *line = xasprintf(said, kind_noun(r->kind), r->id, name);
    print_safe(stdout, line);
    if (undo) printf(undo, kind_info(r->kind)->name, r->id);
    putchar('\n');
    free(line);
    free(name);
}

/* What the saved event's quotas cannot meet, on standard error: the event is saved anyway. */
static void warn_quotas(struct db *db, long long event_id)
{
    char **lines, *err = NULL;
    size_t n;
    if (quota_warnings(db, event_id, &lines, &n, &err) != 0) {
        free(err);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *said = xasprintf(_("khai: warning: %s"), lines[i]);
        print_safe(stderr, said);
        fputc('\n', stderr);
        free(said);
    }
    quota_warnings_free(lines, n);
}

/* An added record is reported by its id alone, for scripts; an updated one in words. */
static int save_and_report(struct db *db, struct record *r, bool adding)
{
    char *err = NULL;
    if (record_save(db, r, &err) != 0) return cli_fail(err);
    if (adding)
        printf("%lld\n", r->id);
    else
        report(r, _("updated %s %lld: %s"), NULL);
    if (r->kind == KIND_EVENT) warn_quotas(db, r->id);
    return EXIT_OK;
}

/* Another khai editing other fields of the same record meanwhile is no conflict: the edit
 * goes on top of theirs (record_save_from). */
static int save_edit_and_report(struct db *db, const struct record *as_read, struct record *r)
{
    struct model_error e = {.field = F_NONE};
    if (record_save_from(db, as_read, r, NULL, &e) != 0) {
        char *err = model_error_text(&e);
        model_error_clear(&e);
        return cli_fail(err);
    }
    report(r, _("updated %s %lld: %s"), NULL);
    return EXIT_OK;
}

/* Takes --force out of the options: only a member has it. */
static int take_force(enum kind k, int *argc, char **argv, bool *force)
{
    *force = false;
    int kept = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--force") == 0 &&
            (i == 0 || strncmp(argv[i - 1], "--", 2) != 0 || strchr(argv[i - 1], '='))) {
            if (k != KIND_MEMBER) return cli_usage("add", _("--force goes with add member"));
            *force = true;
            continue;
        }
        argv[kept++] = argv[i];
    }
    *argc = kept;
    return EXIT_OK;
}

/* A member is checked against the roster first (identity.h): an identical phone, e-mail or
 * LINE ID is refused unless --force; a namesake is added with a warning. */
static int add_member(struct db *db, struct record *r, bool force)
{
    long long namesake = 0;
    int rc = cli_identity_check(db, r, force, &namesake);
    if (rc == EXIT_OK) rc = save_and_report(db, r, true);
    if (rc == EXIT_OK && namesake) cli_identity_warn(db, namesake, r->id);
    return rc;
}

int cmd_add(const struct cli *cli)
{
    enum kind k = KIND_MEMBER;
    int rc = parse_kind("add", cli->argc ? cli->argv[0] : NULL, &k);
    if (rc != EXIT_OK) return rc;
    int argc = cli->argc - 1;
    char **argv = xcalloc((size_t)(argc > 0 ? argc : 1), sizeof *argv);
    if (argc > 0) memcpy(argv, cli->argv + 1, sizeof *argv * (size_t)argc);
    bool force = false;
    rc = take_force(k, &argc, argv, &force);
    struct record *r = record_new(k);
    if (rc == EXIT_OK) rc = apply_field_options("add", r, argc, argv);
    struct db *db = NULL;
    if (rc == EXIT_OK && !(db = cli_open(cli))) rc = EXIT_ERROR;
    if (rc == EXIT_OK)
        rc = k == KIND_MEMBER ? add_member(db, r, force) : save_and_report(db, r, true);
    free(argv);
    record_free(&r);
    db_close(&db);
    return rc;
}

int cmd_edit(const struct cli *cli)
{
    enum kind k = KIND_MEMBER;
    long long id;
    int rc = parse_kind_and_id("edit", cli, &k, &id);
    if (rc != EXIT_OK) return rc;
    if (cli->argc < 3)
        return cli_usage("edit", _("say which fields to change, e.g. --phone 081-234-5678"));
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct record *r = NULL, *as_read = NULL;
    char *err = NULL;
    if (record_load(db, k, id, &r, &err) != 0) {
        rc = cli_fail(err);
    } else {
        as_read = record_copy(r);
        rc = apply_field_options("edit", r, cli->argc - 2, cli->argv + 2);
    }
    if (rc == EXIT_OK) rc = save_edit_and_report(db, as_read, r);
    record_free(&as_read);
    record_free(&r);
    db_close(&db);
    return rc;
}

static int delete_or_restore(const struct cli *cli, bool deleting)
{
    const char *command = deleting ? "delete" : "restore";
    enum kind k = KIND_MEMBER;
    long long id;
    int rc = parse_kind_and_id(command, cli, &k, &id);
    if (rc != EXIT_OK) return rc;
    if (cli->argc > 2) return cli_usage(command, _("unexpected argument \"%s\""), cli->argv[2]);
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    struct record *r = NULL;
    if ((deleting ? record_delete(db, k, id, &err) : record_restore(db, k, id, &err)) != 0 ||
        record_load(db, k, id, &r, &err) != 0) {
        db_close(&db);
        return cli_fail(err);
    }
    if (deleting)
        report(r, _("deleted %s %lld: %s"), _(" (undo with: khai restore %s %lld)"));
    else
        report(r, _("restored %s %lld: %s"), NULL);
    record_free(&r);
    db_close(&db);
    return EXIT_OK;
}

int cmd_delete(const struct cli *cli)
{
    return delete_or_restore(cli, true);
}
int cmd_restore(const struct cli *cli)
{
    return delete_or_restore(cli, false);
}
