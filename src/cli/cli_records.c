/* The record commands: list, show, add, edit, delete, restore. */
#include "bulk.h"
#include "cli_internal.h"
#include "messages.h"
#include "quota.h"
#include "strbuf.h"
#include "suggest.h"
#include "tasks.h"
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
    bool tsv, mine;
    char today[16]; /* ISO: overdue tasks are marked in the table */
    long long limit, offset;
    enum date_style dates;
};

static int parse_kind(const char *command, const char *arg, enum kind *k)
{
    int v = arg ? kind_from_name(arg) : -1;
    if (v < 0)
        return cli_usage(
            command,
            _("expected a kind (member, org, event, task, attendance, invitation, goal), not "
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
    /* An overdue task's due date carries "!", as in the screens. */
    if (task_overdue(r, t->o->today) && view[1].field == F_TASK_DUE_DATE && t->ncols > 1) {
        char *marked = xasprintf("!%s", cells[1]);
        free(cells[1]);
        cells[1] = marked;
    }
    table_row(stdout, t->cols, (const char *const *)cells, t->widths, t->ncols);
    for (int i = 0; i < t->ncols; i++)
        free(cells[i]);
    return ++t->printed >= t->o->limit;
}

/* The bytes a TSV value escapes (and its end, NUL): C0 controls, backslash and DEL. */
static bool tsv_special(unsigned char c)
{
    return c < 0x20 || c == 0x7f || c == '\\';
}

/* Runs of plain bytes are copied whole: a listing of 100,000 members added its text a byte
 * at a time. The run is found by a table rather than three tests a byte. */
static void tsv_escape(struct strbuf *sb, const char *v)
{
    static bool special[256], made;
    if (!made) {
        for (int c = 0; c < 256; c++)
            special[c] = tsv_special((unsigned char)c);
        made = true;
    }
    const unsigned char *p = (const unsigned char *)v;
    for (;;) {
        size_t run = 0;
        while (!special[p[run]])
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

/* A row is made in one buffer kept from row to row and written whole. */
struct tsv_state {
    struct table_state *t;
    const struct kind_info *ki;
    struct strbuf line;
};

static int print_tsv_row(const char *const *values, void *ctx)
{
    struct tsv_state *s = ctx;
    const struct kind_info *ki = s->ki;
    bool first = true;
    s->line.len = 0;
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].flags & FIELD_EXTRA) continue;
        if (!first) sb_addc(&s->line, '\t');
        first = false;
        cli_tsv_value(&s->line, values[i]);
    }
    sb_addc(&s->line, '\n');
    fwrite(s->line.s, 1, s->line.len, stdout);
    return ++s->t->printed >= s->t->o->limit;
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
    {"--owner", K(KIND_TASK)},
    {"--overdue", K(KIND_TASK)},
    {"--mine", K(KIND_TASK)},
    {"--group", K(KIND_ATTENDANCE)},
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
    else if (strcmp(opt, "--group") == 0)
        o->q.group = value;
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
    } else if (strcmp(opt, "--owner") == 0) {
        if (!*db && !(*db = cli_open_existing(cli))) return EXIT_ERROR;
        char *err = NULL;
        if (owner_find(*db, value, &o->q.owner, &err) != 0) {
            char *said = xasprintf("--owner: %s", err);
            free(err);
            return cli_fail(said);
        }
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
        } else if (strcmp(a, "--overdue") == 0 || strcmp(a, "--mine") == 0) {
            int rc = check_filters(a, o->q.kind);
            if (rc != EXIT_OK) return rc;
            *(a[2] == 'o' ? &o->q.overdue : &o->mine) = true;
        } else if (strncmp(a, "--", 2) == 0) {
            const char *eq = strchr(a, '=');
            char *opt = eq ? xstrndup(a, (size_t)(eq - a)) : xstrdup(a);
            const char *value = eq ? eq + 1 : i + 1 < cli->argc ? cli->argv[++i] : NULL;
            static const char *const valued[] = {
                "--search", "--sort",  "--province", "--tag", "--status", "--limit", "--offset",
                "--dates",  "--event", "--member",   "--org", "--owner",  "--group", NULL};
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

/* --mine: the tasks of the member this login was linked to with `khai me`. */
static int mine(struct db *db, struct list_query *q)
{
    char *err = NULL;
    long long member;
    int rc = me_get(db, db_user(db), &member, &err);
    if (rc < 0) return cli_fail(err);
    if (rc > 0)
        return cli_fail(xasprintf(_("--mine: the login %s is not linked to a member; link it "
                                    "once with `khai me MEMBER_ID`"),
                                  db_user(db)));
    if (q->owner && q->owner != member)
        return cli_usage("list", _("--mine and --owner name different owners"));
    q->owner = member;
    return EXIT_OK;
}

int cmd_list(const struct cli *cli)
{
    struct list_opts o = {.limit = -1, .dates = DATE_THAI};
    struct db *db = NULL;
    int rc = parse_kind("list", cli->argc ? cli->argv[0] : NULL, &o.q.kind);
    if (rc == EXIT_OK) rc = parse_list_args(cli, &o, &db);
    if (rc == EXIT_OK && !db && !(db = cli_open_existing(cli))) rc = EXIT_ERROR;
    if (rc == EXIT_OK && o.mine) rc = mine(db, &o.q);
    date_format(date_today(), DATE_ISO, o.today, sizeof o.today);
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
        struct tsv_state tsv = {&t, kind_info(o.q.kind), STRBUF_INIT};
        status = o.tsv ? list_each_values(db, &o.q, o.offset, o.limit, print_tsv_row, &tsv, &err)
                       : list_each_range(db, &o.q, o.offset, o.limit, print_table_row, &t, &err);
        sb_free(&tsv.line);
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
    {KIND_INVITATION, "event", "event_id"}, {KIND_INVITATION, "org", "organisation"},
    {KIND_GOAL, "due", "due_date"},         {KIND_GOAL, "org", "organisation"},
    {KIND_GOAL, "event", "event_id"},       {KIND_GOAL, "series", "series_id"},
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

/* Takes --create-orgs out of the options. */
static void take_create_orgs(int *argc, char **argv, bool *create)
{
    *create = false;
    int kept = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--create-orgs") == 0 &&
            (i == 0 || strncmp(argv[i - 1], "--", 2) != 0 || strchr(argv[i - 1], '='))) {
            *create = true;
            continue;
        }
        argv[kept++] = argv[i];
    }
    *argc = kept;
}

/* An organisation the record names that khai does not have is made with --create-orgs;
 * without it, each is named with the organisations it probably meant, and nothing is saved. */
static int settle_missing_orgs(struct db *db, const struct record *r, bool create)
{
    struct missing_org *missing;
    size_t n;
    char *err = NULL;
    if (record_missing_orgs(db, r, &missing, &n, &err) != 0) return cli_fail(err);
    int rc = EXIT_OK;
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        const struct field *f = field_info(missing[i].field);
        long long id;
        if (create) {
            if (org_create_named(db, missing[i].name, &id, &err) != 0) rc = cli_fail(err);
            char *said = rc == EXIT_OK ? xasprintf(_("khai: %s: added organisation %lld: %s"),
                                                   f->name, id, missing[i].name)
                                       : NULL;
            if (said) print_safe(stderr, said), fputc('\n', stderr);
            free(said);
            continue;
        }
        struct org_suggestion *sg;
        size_t ns;
        if (org_suggest(db, missing[i].name, &sg, &ns, &err) != 0) {
            rc = cli_fail(err);
            break;
        }
        char *hint = org_suggest_text(sg, ns);
        char *said = xasprintf(_("khai: %s: no organisation \"%s\"%s%s"), f->name, missing[i].name,
                               hint ? "; " : "", hint ? hint : "");
        print_safe(stderr, said);
        fputc('\n', stderr);
        free(said);
        free(hint);
        org_suggestions_free(sg, ns);
    }
    if (!create && n && rc == EXIT_OK) {
        fputs(_("khai: nothing was saved; give an existing organisation, or add --create-orgs to "
                "add the new ones\n"),
              stderr);
        rc = EXIT_ERROR;
    }
    missing_orgs_free(missing, n);
    return rc;
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
    bool force = false, create = false;
    take_create_orgs(&argc, argv, &create);
    rc = take_force(k, &argc, argv, &force);
    struct record *r = record_new(k);
    if (rc == EXIT_OK) rc = apply_field_options("add", r, argc, argv);
    struct db *db = NULL;
    char *err = NULL;
    if (rc == EXIT_OK && !(db = cli_open(cli))) rc = EXIT_ERROR;
    /* The organisations made and the record are saved together, or neither is. */
    if (rc == EXIT_OK && db_begin(db, &err) != 0) rc = cli_fail(err);
    if (rc == EXIT_OK) {
        rc = settle_missing_orgs(db, r, create);
        if (rc == EXIT_OK)
            rc = k == KIND_MEMBER ? add_member(db, r, force) : save_and_report(db, r, true);
        if (rc == EXIT_OK && db_commit(db, &err) != 0) rc = cli_fail(err);
        if (rc != EXIT_OK) db_rollback(db);
    }
    free(argv);
    record_free(&r);
    db_close(&db);
    return rc;
}

/* Several ids: the same fields set on every one in one transaction (bulk_edit_records), all
 * or none. */
static int edit_many(const struct cli *cli, enum kind k, const long long *ids, size_t n, int argc,
                     char **argv)
{
    struct record *changes = record_new(k);
    int rc = apply_field_options("edit", changes, argc, argv);
    struct db *db = NULL;
    if (rc == EXIT_OK && !(db = cli_open(cli))) rc = EXIT_ERROR;
    struct bulk_edit done = {0};
    char *err = NULL;
    if (rc == EXIT_OK && bulk_edit_records(db, changes, ids, n, &done, &err) != 0)
        rc = cli_fail(err);
    for (size_t i = 0; rc == EXIT_OK && i < done.n; i++)
        report(done.after[i], _("updated %s %lld: %s"), NULL);
    bulk_edit_free(&done);
    record_free(&changes);
    db_close(&db);
    return rc;
}

static int edit_one(const struct cli *cli, enum kind k, long long id)
{
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct record *r = NULL, *as_read = NULL;
    char *err = NULL;
    int rc;
    int argc = cli->argc - 2;
    char **argv = xcalloc((size_t)argc, sizeof *argv);
    memcpy(argv, cli->argv + 2, sizeof *argv * (size_t)argc);
    bool create;
    take_create_orgs(&argc, argv, &create);
    if (record_load(db, k, id, &r, &err) != 0) {
        rc = cli_fail(err);
    } else {
        as_read = record_copy(r);
        rc = apply_field_options("edit", r, argc, argv);
    }
    free(argv);
    if (rc == EXIT_OK && db_begin(db, &err) != 0) rc = cli_fail(err);
    if (rc == EXIT_OK) {
        rc = settle_missing_orgs(db, r, create);
        if (rc == EXIT_OK) rc = save_edit_and_report(db, as_read, r);
        if (rc == EXIT_OK && db_commit(db, &err) != 0) rc = cli_fail(err);
        if (rc != EXIT_OK) db_rollback(db);
    }
    record_free(&as_read);
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
    int nids = 1;
    while (nids + 1 < cli->argc && cli->argv[nids + 1][0] != '-') {
        long long more;
        if (!cli_parse_id(cli->argv[nids + 1], &more))
            return cli_usage("edit", _("\"%s\" is not an id"), cli->argv[nids + 1]);
        nids++;
    }
    if (cli->argc < nids + 2)
        return cli_usage("edit", _("say which fields to change, e.g. --phone 081-234-5678"));
    if (nids == 1) return edit_one(cli, k, id);
    long long *ids = xcalloc((size_t)nids, sizeof *ids);
    for (int i = 0; i < nids; i++)
        cli_parse_id(cli->argv[1 + i], &ids[i]);
    rc = edit_many(cli, k, ids, (size_t)nids, cli->argc - 1 - nids, cli->argv + 1 + nids);
    free(ids);
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
