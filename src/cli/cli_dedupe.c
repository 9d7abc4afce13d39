/* Who is the same person on the command line: `khai duplicates` lists members the rule calls
 * the same or probably the same person, `khai merge KEEP OTHER` joins two, `khai unmerge
 * OTHER` takes the join back; `add member` asks the rule too (cli_identity_check). */
#include "cli_internal.h"
#include "identity.h"
#include "merge.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- add member ---- */

int cli_identity_check(struct db *db, const struct record *r, bool force, long long *namesake)
{
    struct identity p;
    identity_of_record(db, r, &p);
    struct identity_match *m;
    size_t n;
    char *err = NULL;
    int rc = identity_find(db, &p, 0, &m, &n, &err);
    identity_free(&p);
    *namesake = 0;
    if (rc != 0) return cli_fail(err);
    const struct identity_match *same = identity_best(m, n, IDENTITY_SAME);
    if (same && !force) {
        rc = cli_fail(xasprintf(_("already member %lld %s (%s): nothing was added; give --force "
                                  "to add them all the same"),
                                same->id, same->name, same->reason));
    } else if (same) {
        char *said = xasprintf(_("khai: warning: member %lld %s (%s): added all the same, as "
                                 "--force asks"),
                               same->id, same->name, same->reason);
        print_safe(stderr, said);
        fputc('\n', stderr);
        free(said);
    }
    for (size_t i = 0; rc == EXIT_OK && !same && i < n; i++)
        if (m[i].judgement.verdict != IDENTITY_UNRELATED && !*namesake) *namesake = m[i].id;
    /* The warning about a namesake comes once the new member has an id to name. */
    identity_matches_free(m, n);
    return rc;
}

void cli_identity_warn(struct db *db, long long namesake, long long added)
{
    struct record *r = NULL, *other = NULL;
    char *err = NULL;
    if (record_load(db, KIND_MEMBER, added, &r, &err) != 0 ||
        record_load(db, KIND_MEMBER, namesake, &other, &err) != 0) {
        free(err);
        record_free(&r);
        record_free(&other);
        return;
    }
    struct identity a, b;
    identity_of_record(db, r, &a);
    identity_of_record(db, other, &b);
    struct identity_judgement j = identity_compare(&a, &b);
    char *reason = identity_reason(&j), *name = record_display_name(other);
    char *said = j.verdict == IDENTITY_PROBABLE
                     ? xasprintf(_("khai: warning: member %lld %s has the same name (%s): if they "
                                   "are one person, `khai merge %lld %lld` joins them"),
                                 namesake, name, reason, namesake, added)
                     : xasprintf(_("khai: note: member %lld %s has the same name (%s)"), namesake,
                                 name, reason);
    print_safe(stderr, said);
    fputc('\n', stderr);
    free(said);
    free(reason);
    free(name);
    identity_free(&a);
    identity_free(&b);
    record_free(&r);
    record_free(&other);
}

/* ---- duplicates ---- */

static void print_pairs_tsv(const struct identity_pair *p, size_t n)
{
    puts("id\tname\tother_id\tother_name\tverdict\treason");
    for (size_t i = 0; i < n; i++) {
        struct strbuf sb = STRBUF_INIT;
        char a[32], b[32];
        snprintf(a, sizeof a, "%lld", p[i].a);
        snprintf(b, sizeof b, "%lld", p[i].b);
        const char *cells[] = {
            a,          p[i].name_a, b, p[i].name_b, identity_verdict_key(p[i].judgement.verdict),
            p[i].reason};
        for (size_t c = 0; c < 6; c++) {
            if (c) sb_addc(&sb, '\t');
            cli_tsv_value(&sb, cells[c]);
        }
        fwrite(sb_str(&sb), 1, sb.len, stdout);
        putchar('\n');
        sb_free(&sb);
    }
}

static void print_pairs_table(const struct identity_pair *p, size_t n)
{
    const struct table_col cols[] = {
        {_("ID"), 4, 6, true},     {_("Name"), 12, 0, false}, {_("Other"), 5, 6, true},
        {_("Name"), 12, 0, false}, {_("Why"), 10, 0, false},
    };
    int widths[5];
    int ncols = table_layout(cols, 5, table_width(stdout), widths);
    const char *heads[] = {cols[0].header, cols[1].header, cols[2].header, cols[3].header,
                           cols[4].header};
    table_row(stdout, cols, heads, widths, ncols);
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%lld", p[i].a);
        snprintf(b, sizeof b, "%lld", p[i].b);
        const char *cells[] = {a, p[i].name_a, b, p[i].name_b, p[i].reason};
        table_row(stdout, cols, cells, widths, ncols);
    }
}

int cmd_duplicates(const struct cli *cli)
{
    bool tsv = false;
    for (int i = 0; i < cli->argc; i++) {
        if (strcmp(cli->argv[i], "--tsv") == 0)
            tsv = true;
        else
            return cli_usage("duplicates", _("unexpected argument \"%s\""), cli->argv[i]);
    }
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    struct identity_pair *p;
    size_t n;
    char *err = NULL;
    int rc = identity_duplicates(db, &p, &n, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    if (tsv)
        print_pairs_tsv(p, n);
    else if (n == 0)
        puts(_("No duplicates: no two members share a phone, an e-mail or a LINE ID, and no "
               "namesakes lack what tells them apart."));
    else
        print_pairs_table(p, n);
    identity_pairs_free(p, n);
    return EXIT_OK;
}

/* ---- merge and unmerge ---- */

/* --take FIELD[,FIELD...]: the fields where OTHER's value wins. */
static int parse_take(const char *list, struct merge_options *opt)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        char *name = xstrndup(p, len);
        int fi = field_index(ki, name);
        bool ok = fi >= 0 && !(ki->fields[fi].flags & FIELD_READONLY);
        if (ok) opt->take_other[fi] = true;
        int rc = ok ? EXIT_OK
                    : cli_usage("merge",
                                _("--take names member fields (given_name, phone, "
                                  "province, ...), not \"%s\""),
                                name);
        free(name);
        if (rc != EXIT_OK) return rc;
        p += len + (p[len] != '\0');
    }
    return EXIT_OK;
}

static void print_merged(struct db *db, long long keep, long long other,
                         const struct merge_result *res)
{
    struct record *r = NULL;
    char *err = NULL, *name = NULL;
    if (record_load(db, KIND_MEMBER, keep, &r, &err) == 0)
        name = record_display_name(r);
    else
        free(err);
    char *said = xasprintf(_("merged member %lld into member %lld %s (fields changed: %d, "
                             "attendance: %d, organisations: %d, tags: %d, tasks: %d; undo with: "
                             "khai unmerge %lld)"),
                           other, keep, name ? name : "", res->fields, res->attendance,
                           res->affiliations, res->tags, res->tasks, other);
    print_safe(stdout, said);
    putchar('\n');
    free(said);
    free(name);
    record_free(&r);
}

int cmd_merge(const struct cli *cli)
{
    long long keep, other;
    if (cli->argc < 2) return cli_usage("merge", _("merge needs two member ids: KEEP OTHER"));
    if (!cli_parse_id(cli->argv[0], &keep) || !cli_parse_id(cli->argv[1], &other))
        return cli_usage("merge", _("\"%s %s\" are not two member ids"), cli->argv[0],
                         cli->argv[1]);
    struct merge_options opt;
    memset(&opt, 0, sizeof opt);
    for (int i = 2; i < cli->argc; i++) {
        int rc = EXIT_OK;
        const char *v = cli_option(cli, &i, "--take", &rc);
        if (rc != EXIT_OK) return cli_usage("merge", _("%s needs a value"), "--take");
        if (!v) return cli_usage("merge", _("unexpected argument \"%s\""), cli->argv[i]);
        if ((rc = parse_take(v, &opt)) != EXIT_OK) return rc;
    }
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct merge_result res;
    char *err = NULL;
    if (member_merge(db, keep, other, &opt, &res, &err) != 0) {
        db_close(&db);
        return cli_fail(err);
    }
    print_merged(db, keep, other, &res);
    db_close(&db);
    return EXIT_OK;
}

int cmd_unmerge(const struct cli *cli)
{
    long long other;
    if (cli->argc != 1 || !cli_parse_id(cli->argv[0], &other))
        return cli_usage("unmerge", _("unmerge needs the id of the member merged away"));
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    long long merge = member_merge_last(db, other, &err), keep = 0;
    if (merge == 0) err = xasprintf(_("member %lld was not merged into anyone"), other);
    if (merge <= 0 || member_unmerge(db, merge, &keep, NULL, &err) != 0) {
        db_close(&db);
        return cli_fail(err);
    }
    char *said = xasprintf(_("member %lld is apart from member %lld again, as before the merge"),
                           other, keep);
    print_safe(stdout, said);
    putchar('\n');
    free(said);
    db_close(&db);
    return EXIT_OK;
}
