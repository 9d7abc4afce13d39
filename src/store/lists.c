/* Listing records: search, filters and sort orders composed from fixed SQL fragments (never
 * from user text), fetched a window at a time. */
#include "messages.h"
#include "store_internal.h"
#include "phone.h"
#include "strbuf.h"
#include "thaidate.h"
#include "thainorm.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_TERMS = 6, PAGE = 500 };

struct sort_order {
    const char *key;
    const char *sql;
};

static const struct sort_order member_sorts[] = {
    {"given", "m.given_name COLLATE thai, m.family_name COLLATE thai, m.id"},
    {"family", "m.family_name COLLATE thai, m.given_name COLLATE thai, m.id"},
    {"nickname", "m.nickname COLLATE thai, m.given_name COLLATE thai, m.id"},
    {"province", "(SELECT name_th FROM provinces WHERE code = m.province) COLLATE thai, "
                 "m.given_name COLLATE thai, m.id"},
    {"org", "(SELECT o.name FROM affiliations a JOIN organisations o ON o.id = a.org_id WHERE "
            "a.member_id = m.id ORDER BY a.position LIMIT 1) COLLATE thai, m.given_name COLLATE "
            "thai, m.id"},
    {"id", "m.id"},
    {NULL, NULL}};
static const struct sort_order org_sorts[] = {
    {"name", "o.name COLLATE thai, o.id"},
    {"province", "(SELECT name_th FROM provinces WHERE code = o.province) COLLATE thai, o.name "
                 "COLLATE thai, o.id"},
    {"id", "o.id"},
    {NULL, NULL}};
/* The first order is the default: the newest events first. */
static const struct sort_order event_sorts[] = {{"-date", "e.start_date DESC, e.id DESC"},
                                                {"date", "e.start_date, e.id"},
                                                {"title", "e.title COLLATE thai, e.id"},
                                                {"id", "e.id"},
                                                {NULL, NULL}};
static const struct sort_order task_sorts[] = {{"due", "t.due_date IS NULL, t.due_date, t.id"},
                                               {"title", "t.title COLLATE thai, t.id"},
                                               {"id", "t.id"},
                                               {NULL, NULL}};
static const struct sort_order attendance_sorts[] = {
    {"name", "(SELECT given_name FROM members WHERE id = a.member_id) COLLATE thai, a.id"},
    {"time", "a.checked_in_at IS NULL, a.checked_in_at, a.id"},
    {"id", "a.id"},
    {NULL, NULL}};

/* The first order is the default: organisations in Thai order. */
static const struct sort_order invitation_sorts[] = {
    {"org", "(SELECT name FROM organisations WHERE id = i.org_id) COLLATE thai, i.id"},
    {"status", "i.status, (SELECT name FROM organisations WHERE id = i.org_id) COLLATE thai, i.id"},
    {"time", "i.status_at, i.id"},
    {"id", "i.id"},
    {NULL, NULL}};

/* The first order is the default: series in Thai order of their titles. */
static const struct sort_order series_sorts[] = {
    {"title", "s.title COLLATE thai, s.id"}, {"id", "s.id"}, {NULL, NULL}};
/* The first order is the default: the goals due first, then those with no date. */
static const struct sort_order goal_sorts[] = {{"due", "g.due_date IS NULL, g.due_date, g.id"},
                                               {"title", "g.title COLLATE thai, g.id"},
                                               {"id", "g.id"},
                                               {NULL, NULL}};

/* The most sort orders a kind has, with its NULL end: the bound of the arrays below. */
enum { MAX_SORTS = 8 };
#define FITS(a) (sizeof(a) / sizeof((a)[0]) <= MAX_SORTS)
_Static_assert(FITS(member_sorts) && FITS(org_sorts) && FITS(event_sorts) && FITS(task_sorts) &&
                   FITS(attendance_sorts) && FITS(invitation_sorts) && FITS(series_sorts) &&
                   FITS(goal_sorts),
               "MAX_SORTS holds every kind's sort orders");
#undef FITS

static const struct sort_order *const sorts[KIND_COUNT] = {
    [KIND_MEMBER] = member_sorts,         [KIND_ORG] = org_sorts,
    [KIND_EVENT] = event_sorts,           [KIND_TASK] = task_sorts,
    [KIND_ATTENDANCE] = attendance_sorts, [KIND_INVITATION] = invitation_sorts,
    [KIND_SERIES] = series_sorts,
    [KIND_GOAL] = goal_sorts,
};

/* Filters always present, each inert when its parameter is NULL. */
static const char *const filters[KIND_COUNT] = {
    [KIND_MEMBER] =
        " AND (:org IS NULL OR m.id IN (SELECT member_id FROM affiliations WHERE org_id = :org))"
        " AND (:province IS NULL OR m.province = :province)"
        " AND (:tag IS NULL OR m.id IN (SELECT x.member_id FROM member_tags x JOIN tags g ON "
        "g.id = x.tag_id WHERE g.name = :tag))"
        " AND (:status IS NULL OR m.active = (:status = 'active'))"
        " AND (:event IS NULL OR m.id IN (SELECT member_id FROM attendance WHERE event_id = "
        ":event AND deleted_at IS NULL))",
    [KIND_ORG] = " AND (:org IS NULL OR o.parent_id = :org)"
                 " AND (:province IS NULL OR o.province = :province)"
                 " AND (:tag IS NULL OR o.id IN (SELECT x.org_id FROM org_tags x JOIN tags g ON "
                 "g.id = x.tag_id WHERE g.name = :tag))",
    [KIND_EVENT] = " AND (:org IS NULL OR e.host_id = :org OR e.id IN (SELECT event_id FROM "
                   "event_partners WHERE org_id = :org))"
                   " AND (:province IS NULL OR e.province = :province)"
                   " AND (:status IS NULL OR e.status = :status)",
    [KIND_TASK] = " AND (:event IS NULL OR t.event_id = :event)"
                  " AND (:member IS NULL OR t.owner_id = :member)"
                  " AND (:org IS NULL OR t.owner_org_id = :org)"
                  " AND (:status IS NULL OR t.status = :status)",
    [KIND_ATTENDANCE] = " AND (:event IS NULL OR a.event_id = :event)"
                        " AND (:member IS NULL OR a.member_id = :member)"
                        " AND (:org IS NULL OR a.org_id = :org)"
                        " AND (:status IS NULL OR a.status = :status)"
                        " AND (:group IS NULL OR a.breakout = :group)",
    [KIND_INVITATION] = " AND (:event IS NULL OR i.event_id = :event)"
                        " AND (:org IS NULL OR i.org_id = :org)"
                        " AND (:status IS NULL OR i.status = :status)",
    [KIND_SERIES] = "",
    [KIND_GOAL] = " AND (:org IS NULL OR g.org_id = :org)"
                  " AND (:event IS NULL OR g.event_id = :event)",
};

/* Filters composed in only when asked, so that each uses its index (task_owners_by_member,
 * task_owners_by_org, tasks_by_due) rather than being switched off by a NULL parameter. */
enum { OPT_OWNER_MEMBER, OPT_OWNER_ORG, OPT_OVERDUE, OPT_COUNT };
static const char *const optional_filters[OPT_COUNT] = {
    [OPT_OWNER_MEMBER] =
        " AND t.id IN (SELECT task_id FROM task_owners WHERE member_id = :owner_member)",
    [OPT_OWNER_ORG] = " AND t.id IN (SELECT task_id FROM task_owners WHERE org_id = :owner_org)",
    [OPT_OVERDUE] = " AND t.status IN ('open', 'in_progress') AND t.due_date < :today",
};

static unsigned optional_mask(const struct list_query *q)
{
    if (q->kind != KIND_TASK) return 0;
    return (q->owner > 0 ? 1u << OPT_OWNER_MEMBER : 0) | (q->owner < 0 ? 1u << OPT_OWNER_ORG : 0) |
           (q->overdue ? 1u << OPT_OVERDUE : 0);
}

/* What a row's search key is for each kind (attendance searches the member's). */
static const char *const key_expr[KIND_COUNT] = {
    [KIND_MEMBER] = "m.search_key",
    [KIND_ORG] = "o.search_key",
    [KIND_EVENT] = "e.search_key",
    [KIND_TASK] = "t.search_key",
    [KIND_ATTENDANCE] = "(SELECT search_key FROM members WHERE id = a.member_id)",
    [KIND_INVITATION] = "(SELECT search_key FROM organisations WHERE id = i.org_id)",
    [KIND_SERIES] = "s.search_key",
    [KIND_GOAL] = "g.search_key",
};

static const char *const fts_filter[KIND_COUNT] = {
    [KIND_MEMBER] = " AND m.id IN (SELECT rowid FROM members_fts WHERE members_fts MATCH :fts)",
    [KIND_ORG] =
        " AND o.id IN (SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH :fts)",
};

const char *const *list_sort_keys(enum kind k)
{
    static const char *keys[KIND_COUNT][MAX_SORTS];
    if (!keys[k][0])
        for (int i = 0; sorts[k][i].key; i++)
            keys[k][i] = sorts[k][i].key;
    return keys[k];
}

/* The search split into terms: long ones go to the trigram index where the kind has one,
 * short ones (and every one where it has none) are matched with instr() on the key. */
struct terms {
    char *fts;
    char *scan[MAX_TERMS];
    int nscan;
};

static size_t codepoints(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        n++;
    }
    return n;
}

/* A term of digits (ASCII or Thai) and phone punctuation searches phone digits: 081-234 and
 * ๐๘๑-๒๓๔ find 0812345678. */
static char *term_key(const char *term)
{
    char *digits = phone_search_digits(term);
    return digits ? digits : text_search_key(term);
}

static void terms_parse(const char *search, bool has_fts, struct terms *t)
{
    memset(t, 0, sizeof *t);
    if (!search) return;
    /* a whole query that is a phone number in any form (+66 81 234 5678, 081 234) is one
     * term of national digits, however it was spaced */
    char *phone = phone_search_digits(search);
    char *key = phone ? phone : text_normalize(search, 0);
    struct strbuf fts = STRBUF_INIT;
    for (char *tok = strtok(key, " "); tok; tok = strtok(NULL, " ")) {
        char *k = term_key(tok);
        if (!*k) {
            free(k);
        } else if (has_fts && codepoints(k) >= 3) {
            sb_add(&fts, fts.len ? " \"" : "\"");
            for (const char *p = k; *p; p++)
                sb_add(&fts, *p == '"' ? "\"\"" : (char[]){*p, 0});
            sb_addc(&fts, '"');
            free(k);
        } else if (t->nscan < MAX_TERMS) {
            t->scan[t->nscan++] = k;
        } else {
            free(k);
        }
    }
    free(key);
    t->fts = fts.len ? sb_take(&fts) : NULL;
    sb_free(&fts);
}

static void terms_free(struct terms *t)
{
    free(t->fts);
    for (int i = 0; i < t->nscan; i++)
        free(t->scan[i]);
}

static int sort_index(enum kind k, const char *key)
{
    for (int i = 0; key && sorts[k][i].key; i++)
        if (strcmp(sorts[k][i].key, key) == 0) return i;
    return 0;
}

/* head, then the WHERE of the kind's filters and search, then extra (a frequency filter)
 * and tail. */
static char *compose_new(enum kind k, const char *head, bool fts, int nscan, unsigned opt,
                         const char *extra, const char *tail)
{
    const char *a = kind_alias(k);
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, head);
    sb_addf(&sb, " WHERE (%s.deleted_at IS NULL) = :live", a);
    sb_add(&sb, filters[k]);
    for (int i = 0; i < OPT_COUNT; i++)
        if (opt & (1u << i)) sb_add(&sb, optional_filters[i]);
    if (fts) sb_add(&sb, fts_filter[k]);
    for (int i = 0; i < nscan; i++)
        sb_addf(&sb, " AND instr(%s, :s%d) > 0", key_expr[k], i);
    if (extra) sb_add(&sb, extra);
    sb_add(&sb, tail);
    return sb_take(&sb);
}

/* Compositions are made once and kept, for each kind, sort and shape of search. */
static const char *compose(enum kind k, bool count, int sort, bool fts, int nscan, unsigned opt)
{
    static char *cache[KIND_COUNT][2][MAX_SORTS][2][MAX_TERMS + 1][1u << OPT_COUNT];
    char **slot = &cache[k][count][sort][fts][nscan][opt];
    if (*slot) return *slot;
    char *head = count ? xasprintf("SELECT count(*) FROM %s %s", kind_table(k), kind_alias(k))
                       : xstrdup(kind_select_sql(k));
    char *tail = count ? xstrdup("")
                       : xasprintf(" ORDER BY %s LIMIT :limit OFFSET :offset", sorts[k][sort].sql);
    *slot = compose_new(k, head, fts, nscan, opt, NULL, tail);
    free(head);
    free(tail);
    return *slot;
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx > 0 && value) sqlite3_bind_text(st, idx, value, -1, SQLITE_TRANSIENT);
}

static void bind_id(sqlite3_stmt *st, const char *name, long long value)
{
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx > 0 && value) sqlite3_bind_int64(st, idx, value);
}

/* The statement of a list query: its count (count), its rows, or (head and tail given) a
 * query of another shape over the same rows (list_prepare_over). */
static sqlite3_stmt *prepare_shaped(struct db *db, const struct list_query *q, bool count,
                                    const char *head, const char *tail, char **err)
{
    struct terms t;
    terms_parse(q->search, fts_filter[q->kind] != NULL, &t);
    char *province = NULL;
    if (q->province && *q->province) {
        province = province_lookup(db, q->province);
        if (!province) {
            *err = xasprintf(_("no such province: \"%s\""), q->province);
            terms_free(&t);
            return NULL;
        }
    }
    /* A frequency filter names a column: those statements are not kept here (db_prepare
     * keeps the ones in use). */
    const char *extra = q->freq_value ? freq_match_sql(q->kind, q->freq_field) : NULL;
    char *made = NULL;
    if (head || extra) {
        char *h = head    ? xstrdup(head)
                  : count ? xasprintf("SELECT count(*) FROM %s %s", kind_table(q->kind),
                                      kind_alias(q->kind))
                          : xstrdup(kind_select_sql(q->kind));
        char *tl = tail    ? xstrdup(tail)
                   : count ? xstrdup("")
                           : xasprintf(" ORDER BY %s LIMIT :limit OFFSET :offset",
                                       sorts[q->kind][sort_index(q->kind, q->sort)].sql);
        made = compose_new(q->kind, h, t.fts != NULL, t.nscan, optional_mask(q), extra, tl);
        free(h);
        free(tl);
    }
    const char *sql =
        made ? made
             : compose(q->kind, count, sort_index(q->kind, q->sort), t.fts != NULL, t.nscan,
                       optional_mask(q));
    sqlite3_stmt *st = db_prepare(db, sql, err);
    free(made);
    if (st) {
        if (extra) bind_text(st, ":fv", q->freq_value);
        sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":live"), !q->deleted);
        bind_text(st, ":fts", t.fts);
        for (int i = 0; i < t.nscan; i++) {
            char name[8] = ":s0";
            name[2] = (char)('0' + i);
            bind_text(st, name, t.scan[i]);
        }
        bind_id(st, ":event", q->event_id);
        bind_id(st, ":member", q->member_id);
        bind_id(st, ":org", q->org_id);
        bind_id(st, ":owner_member", q->owner > 0 ? q->owner : 0);
        bind_id(st, ":owner_org", q->owner < 0 ? -q->owner : 0);
        char today[16];
        date_format(date_today(), DATE_ISO, today, sizeof today);
        bind_text(st, ":today", today);
        if (province) {
            /* Bind the ISO code the rows store. */
            sqlite3_stmt *code =
                db_prepare(db, "SELECT code FROM provinces WHERE name_th = ?", err);
            if (code) {
                sqlite3_bind_text(code, 1, province, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(code) == SQLITE_ROW)
                    bind_text(st, ":province", (const char *)sqlite3_column_text(code, 0));
                sqlite3_reset(code);
            }
        }
        bind_text(st, ":tag", q->tag && *q->tag ? q->tag : NULL);
        bind_text(st, ":status", q->status && *q->status ? q->status : NULL);
        if (q->group && *q->group) {
            char *group = text_normalize(q->group, 0); /* as a save stores the name */
            bind_text(st, ":group", group);
            free(group);
        }
    }
    free(province);
    terms_free(&t);
    return st;
}

static sqlite3_stmt *prepare_query(struct db *db, const struct list_query *q, bool count,
                                   char **err)
{
    return prepare_shaped(db, q, count, NULL, NULL, err);
}

sqlite3_stmt *list_prepare_over(struct db *db, const struct list_query *q, const char *head,
                                const char *tail, char **err)
{
    return prepare_shaped(db, q, false, head, tail, err);
}

static bool unfiltered(const struct list_query *q)
{
    return !(q->search && *q->search) && !q->event_id && !q->member_id && !q->org_id &&
           !(q->province && *q->province) && !(q->tag && *q->tag) && !(q->status && *q->status) &&
           !q->deleted && !q->owner && !q->overdue && !q->freq_value &&
           !(q->group && *q->group);
}

/* The whole live table: its count kept by triggers (schema/008-counts.sql). */
static const char *const live_count_sql = "SELECT n FROM live_counts WHERE tbl = ?";

int list_count(struct db *db, const struct list_query *q, long long *count, char **err)
{
    bool live = unfiltered(q);
    sqlite3_stmt *st = live ? db_prepare(db, live_count_sql, err) : prepare_query(db, q, true, err);
    if (!st) return -1;
    if (live) sqlite3_bind_text(st, 1, kind_table(q->kind), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count");
        return -1;
    }
    return 0;
}

int list_fetch(struct db *db, const struct list_query *q, long long offset, int limit,
               struct record ***rows, size_t *n, char **err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = prepare_query(db, q, false, err);
    if (!st) return -1;
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"), offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *rows = xrealloc(*rows, sizeof **rows * cap);
        }
        (*rows)[(*n)++] = record_from_row(st, q->kind);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot list");
        list_free(*rows, *n);
        *rows = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

void list_free(struct record **rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        record_free(&rows[i]);
    free(rows);
}

int list_each(struct db *db, const struct list_query *q,
              int (*fn)(const struct record *r, void *ctx), void *ctx, char **err)
{
    for (long long offset = 0;; offset += PAGE) {
        struct record **rows;
        size_t n;
        if (list_fetch(db, q, offset, PAGE, &rows, &n, err) != 0) return -1;
        int stop = 0;
        for (size_t i = 0; i < n && !stop; i++)
            stop = fn(rows[i], ctx);
        list_free(rows, n);
        if (stop) return stop;
        if (n < PAGE) return 0;
    }
}
