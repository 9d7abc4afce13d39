/* Listing records: search, filters and sort orders composed from fixed SQL fragments (never
 * from user text), fetched a window at a time. */
#include "messages.h"
#include "store_internal.h"
#include "grams.h"
#include "phone.h"
#include "thaidate.h"
#include "strbuf.h"
#include "thainorm.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TERMS = 6, MAX_SORT_COLS = 4 };

/* A sort order: its columns, the last one unique (the id), all ascending or all descending.
 * The columns are never NULL, so that a page can start after a row's key (keyset paging:
 * "(cols) > (the key of the last row shown)"); an index on the same columns makes each page
 * and the end of the list an index walk. */
struct sort_order {
    const char *key;
    const char *cols[MAX_SORT_COLS + 1];
    bool desc;
};

/* Province and first-organisation orders read sort keys kept in the row (schema/015-speed.sql:
 * members.sort_province, members.sort_org, organisations.sort_province) instead of a
 * correlated subquery per row. */
static const struct sort_order member_sorts[] = {
    {"given", {"m.given_name COLLATE thai", "m.family_name COLLATE thai", "m.id"}, false},
    {"family", {"m.family_name COLLATE thai", "m.given_name COLLATE thai", "m.id"}, false},
    {"nickname", {"m.nickname COLLATE thai", "m.given_name COLLATE thai", "m.id"}, false},
    {"province", {"m.sort_province COLLATE thai", "m.given_name COLLATE thai", "m.id"}, false},
    {"org", {"m.sort_org COLLATE thai", "m.given_name COLLATE thai", "m.id"}, false},
    {"id", {"m.id"}, false},
    {NULL, {NULL}, false}};
static const struct sort_order org_sorts[] = {
    {"name", {"o.name COLLATE thai", "o.id"}, false},
    {"province", {"o.sort_province COLLATE thai", "o.name COLLATE thai", "o.id"}, false},
    {"id", {"o.id"}, false},
    {NULL, {NULL}, false}};
/* The first order is the default: the newest events first. */
static const struct sort_order event_sorts[] = {{"-date", {"e.start_date", "e.id"}, true},
                                                {"date", {"e.start_date", "e.id"}, false},
                                                {"title", {"e.title COLLATE thai", "e.id"}, false},
                                                {"id", {"e.id"}, false},
                                                {NULL, {NULL}, false}};
static const struct sort_order task_sorts[] = {
    {"due", {"t.due_date IS NULL", "ifnull(t.due_date, '')", "t.id"}, false},
    {"title", {"t.title COLLATE thai", "t.id"}, false},
    {"id", {"t.id"}, false},
    {NULL, {NULL}, false}};
static const struct sort_order attendance_sorts[] = {
    {"name",
     {"(SELECT given_name FROM members WHERE id = a.member_id) COLLATE thai", "a.id"},
     false},
    {"time", {"a.checked_in_at IS NULL", "ifnull(a.checked_in_at, '')", "a.id"}, false},
    {"id", {"a.id"}, false},
    {NULL, {NULL}, false}};

/* The first order is the default: organisations in Thai order. */
#define INVITED_ORG "(SELECT name FROM organisations WHERE id = i.org_id) COLLATE thai"
static const struct sort_order invitation_sorts[] = {
    {"org", {INVITED_ORG, "i.id"}, false},
    {"status", {"i.status", INVITED_ORG, "i.id"}, false},
    {"time", {"ifnull(i.status_at, '')", "i.id"}, false},
    {"id", {"i.id"}, false},
    {NULL, {NULL}, false}};
#undef INVITED_ORG

/* The first order is the default: series in Thai order of their titles. */
static const struct sort_order series_sorts[] = {{"title", {"s.title COLLATE thai", "s.id"}, false},
                                                 {"id", {"s.id"}, false},
                                                 {NULL, {NULL}, false}};
/* The first order is the default: the goals due first, then those with no date. */
static const struct sort_order goal_sorts[] = {
    {"due", {"g.due_date IS NULL", "ifnull(g.due_date, '')", "g.id"}, false},
    {"title", {"g.title COLLATE thai", "g.id"}, false},
    {"id", {"g.id"}, false},
    {NULL, {NULL}, false}};

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
    [KIND_SERIES] = series_sorts,         [KIND_GOAL] = goal_sorts,
};

/* The filters a query can set. Only those given go into the SQL, each a fixed fragment that
 * names the column plainly (an "(:x IS NULL OR col = :x)" would keep SQLite from using any
 * index: one event's attendance counted in 361 ms at 1,000,000 members instead of 0.3 ms). */
enum {
    BY_ORG = 1 << 0,
    BY_PROVINCE = 1 << 1,
    BY_TAG = 1 << 2,
    BY_STATUS = 1 << 3,
    BY_EVENT = 1 << 4,
    BY_MEMBER = 1 << 5,
    BY_OWNER_MEMBER = 1 << 6, /* tasks one of whose owners is a member (task_owners_by_member) */
    BY_OWNER_ORG = 1 << 7,    /* ... or an organisation (task_owners_by_org) */
    BY_OVERDUE = 1 << 8,      /* tasks open or in progress past their due date (tasks_by_due) */
    BY_GROUP = 1 << 9,        /* attendance in a breakout group (attendance_by_group) */
    BY_COUNT = 10
};

struct filter {
    unsigned by;
    const char *sql;
};

static const struct filter member_filters[] = {
    {BY_ORG, " AND m.id IN (SELECT member_id FROM affiliations WHERE org_id = :org)"},
    {BY_PROVINCE, " AND m.province = :province"},
    {BY_TAG, " AND m.id IN (SELECT x.member_id FROM member_tags x JOIN tags g ON g.id = "
             "x.tag_id WHERE g.name = :tag)"},
    {BY_STATUS, " AND m.active = (:status = 'active')"},
    {BY_EVENT, " AND m.id IN (SELECT member_id FROM attendance WHERE event_id = :event AND "
               "deleted_at IS NULL)"},
    {0, NULL}};
static const struct filter org_filters[] = {
    {BY_ORG, " AND o.parent_id = :org"},
    {BY_PROVINCE, " AND o.province = :province"},
    {BY_TAG, " AND o.id IN (SELECT x.org_id FROM org_tags x JOIN tags g ON g.id = x.tag_id "
             "WHERE g.name = :tag)"},
    {0, NULL}};
static const struct filter event_filters[] = {
    {BY_ORG, " AND (e.host_id = :org OR e.id IN (SELECT event_id FROM event_partners WHERE "
             "org_id = :org))"},
    {BY_PROVINCE, " AND e.province = :province"},
    {BY_STATUS, " AND e.status = :status"},
    {0, NULL}};
static const struct filter task_filters[] = {
    {BY_EVENT, " AND t.event_id = :event"},
    {BY_MEMBER, " AND t.owner_id = :member"},
    {BY_ORG, " AND t.owner_org_id = :org"},
    {BY_STATUS, " AND t.status = :status"},
    {BY_OWNER_MEMBER, " AND t.id IN (SELECT task_id FROM task_owners WHERE member_id = "
                      ":owner_member)"},
    {BY_OWNER_ORG, " AND t.id IN (SELECT task_id FROM task_owners WHERE org_id = :owner_org)"},
    {BY_OVERDUE, " AND t.status IN ('open', 'in_progress') AND t.due_date < :today"},
    {0, NULL}};
static const struct filter attendance_filters[] = {
    {BY_EVENT, " AND a.event_id = :event"}, {BY_MEMBER, " AND a.member_id = :member"},
    {BY_ORG, " AND a.org_id = :org"},       {BY_STATUS, " AND a.status = :status"},
    {BY_GROUP, " AND a.breakout = :group"}, {0, NULL}};
static const struct filter invitation_filters[] = {{BY_EVENT, " AND i.event_id = :event"},
                                                   {BY_ORG, " AND i.org_id = :org"},
                                                   {BY_STATUS, " AND i.status = :status"},
                                                   {0, NULL}};

static const struct filter series_filters[] = {{0, NULL}};
static const struct filter goal_filters[] = {
    {BY_ORG, " AND g.org_id = :org"}, {BY_EVENT, " AND g.event_id = :event"}, {0, NULL}};

static const struct filter *const filters[KIND_COUNT] = {
    [KIND_MEMBER] = member_filters,         [KIND_ORG] = org_filters,
    [KIND_EVENT] = event_filters,           [KIND_TASK] = task_filters,
    [KIND_ATTENDANCE] = attendance_filters, [KIND_INVITATION] = invitation_filters,
    [KIND_SERIES] = series_filters,         [KIND_GOAL] = goal_filters,
};

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

/* Members have an index of one- and two-letter grams too (schema/018-grams.sql), so that
 * every search of them can be an index lookup (see choose_path). */
static const char *const grams_filter[KIND_COUNT] = {
    [KIND_MEMBER] =
        " AND m.id IN (SELECT rowid FROM members_grams WHERE members_grams MATCH :grams)",
};
/* How many rows (up to ?2) each index finds for a query. */
static const char *const grams_count[KIND_COUNT] = {
    [KIND_MEMBER] = "SELECT count(*) FROM (SELECT 1 FROM members_grams WHERE members_grams "
                    "MATCH ?1 LIMIT ?2)",
};
/* The rows (up to ?2) the trigram index finds. A phrase of trigrams is costly to find (each
 * trigram's positions are read and compared: 16 M instructions for "ฮาลีเมาะ" at 1,000,000
 * members), so the rows found are kept and bound as a JSON array rather than found again. */
static const char *const fts_rows[KIND_COUNT] = {
    [KIND_MEMBER] = "SELECT rowid FROM members_fts WHERE members_fts MATCH ?1 LIMIT ?2",
};
static const char *const ids_filter[KIND_COUNT] = {
    [KIND_MEMBER] = " AND m.id IN (SELECT value FROM json_each(:ids))",
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
 * short ones are matched with instr() on the key. Where the kind has a grams index too, the
 * terms are instead looked up in the indexes first, and each row is tested with instr()
 * (see choose_path). */
struct terms {
    char *fts;   /* the terms of 3+ letters as an FTS5 query of quoted phrases, or NULL */
    char *grams; /* the terms of 1-2 letters so (kinds with a grams index), or NULL */
    char *scan[MAX_TERMS];
    int nscan;
    /* kinds with a grams index: every term's key (the first MAX_TERMS), and the ids the
     * trigram index found, as a JSON array, when they are few */
    char *key[MAX_TERMS];
    int nkey;
    char *ids;
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

static void add_phrase(struct strbuf *sb, const char *k)
{
    sb_add(sb, sb->len ? " \"" : "\"");
    for (const char *p = k; *p; p++)
        sb_add(sb, *p == '"' ? "\"\"" : (char[]){*p, 0});
    sb_addc(sb, '"');
}

static void terms_parse(const char *search, bool has_fts, bool has_grams, struct terms *t)
{
    memset(t, 0, sizeof *t);
    if (!search) return;
    /* a whole query that is a phone number in any form (+66 81 234 5678, 081 234) is one
     * term of national digits, however it was spaced */
    char *phone = phone_search_digits(search);
    char *key = phone ? phone : text_normalize(search, 0);
    struct strbuf fts = STRBUF_INIT, grams = STRBUF_INIT;
    for (char *tok = strtok(key, " "); tok; tok = strtok(NULL, " ")) {
        char *k = term_key(tok);
        bool long_term = codepoints(k) >= 3;
        if (!*k) {
            free(k);
        } else if (has_grams) {
            add_phrase(long_term ? &fts : &grams, k);
            if (t->nkey < MAX_TERMS)
                t->key[t->nkey++] = k;
            else
                free(k);
        } else if (has_fts && long_term) {
            add_phrase(&fts, k);
            free(k);
        } else if (t->nscan < MAX_TERMS) {
            t->scan[t->nscan++] = k;
        } else {
            free(k);
        }
    }
    free(key);
    t->fts = fts.len ? sb_take(&fts) : NULL;
    t->grams = grams.len ? sb_take(&grams) : NULL;
    sb_free(&fts);
    sb_free(&grams);
}

static void terms_free(struct terms *t)
{
    free(t->fts);
    free(t->grams);
    free(t->ids);
    for (int i = 0; i < t->nscan; i++)
        free(t->scan[i]);
    for (int i = 0; i < t->nkey; i++)
        free(t->key[i]);
}

/* How many rows (at most cap + 1) the index lookup sql gives for query; cap + 1 when it
 * cannot say. */
static long long index_count(struct db *db, const char *sql, const char *query, long long cap)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, sql, &err);
    if (!st) {
        free(err);
        return cap + 1;
    }
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, cap + 1);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : cap + 1;
    sqlite3_reset(st);
    return n;
}

/* A rowid in decimal: by hand, as a search may write thousands. */
static void add_id(struct strbuf *sb, long long id)
{
    char digits[24];
    int n = (int)sizeof digits;
    unsigned long long v = id < 0 ? 0ull - (unsigned long long)id : (unsigned long long)id;
    do
        digits[--n] = (char)('0' + v % 10);
    while (v /= 10);
    if (id < 0) digits[--n] = '-';
    sb_addn(sb, digits + n, sizeof digits - (size_t)n);
}

/* The rowids the index lookup sql gives for query as a JSON array, or NULL when there are
 * more than cap or the index cannot say. */
static char *index_rows(struct db *db, const char *sql, const char *query, long long cap)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, sql, &err);
    if (!st) {
        free(err);
        return NULL;
    }
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, cap + 1);
    struct strbuf sb = STRBUF_INIT;
    long long n = 0;
    int rc;
    sb_addc(&sb, '[');
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++) sb_addc(&sb, ',');
        add_id(&sb, sqlite3_column_int64(st, 0));
    }
    sqlite3_reset(st);
    sb_addc(&sb, ']');
    if (rc != SQLITE_DONE || n > cap) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}

/* The live rows of the whole table, from the counts the triggers keep. */
static long long table_rows(struct db *db, enum kind k)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT n FROM live_counts WHERE tbl = ?1", &err);
    if (!st) {
        free(err);
        return 0;
    }
    sqlite3_bind_text(st, 1, kind_table(k), -1, SQLITE_STATIC);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return n;
}

/* The most rows worth taking from an index and sorting. Sorting n rows reads about n rows;
 * walking the list in its order and testing each row reads about page * N / n rows for a
 * page of a term that n of N rows have: the two cost the same near n = sqrt(page * N),
 * 2,200 of 100,000 and 7,100 of 1,000,000. */
static long long sparse_cap(long long rows)
{
    enum { PAGE_ROWS = 50, FLOOR = 500 };
    long long cap = FLOOR;
    while (cap * cap < PAGE_ROWS * rows)
        cap += cap / 8;
    return cap;
}

static long long sparse_cap_set = -1;

void list_set_sparse_cap(long long cap)
{
    sparse_cap_set = cap;
}

/* How many leaf pages of the trigram index the trigram tri[0..n) spans, summed over the
 * index's segments: a guess at how long its list of rows is, read from the index's own
 * table of each leaf page's first term (members_fts_idx: segid, term, pgno, the term with
 * a leading '0'). Reading a trigram costs by the length of its list ("cha" is in 15,533
 * keys of 100,000, "omc" in 586), so the rarest are the ones worth reading. */
static long long trigram_pages(struct db *db, const char *tri, size_t n)
{
    static const char *const next_segment =
        "SELECT segid FROM members_fts_idx WHERE segid > ?1 ORDER BY segid LIMIT 1";
    static const char *const span =
        "SELECT coalesce((SELECT pgno FROM members_fts_idx WHERE segid = ?1 AND term > ?2 "
        "ORDER BY term LIMIT 1), (SELECT pgno + 1 FROM members_fts_idx WHERE segid = ?1 "
        "ORDER BY term DESC LIMIT 1)) - coalesce((SELECT pgno FROM members_fts_idx "
        "WHERE segid = ?1 AND term <= ?2 ORDER BY term DESC LIMIT 1), 0)";
    char *err = NULL;
    sqlite3_stmt *seg = db_prepare(db, next_segment, &err),
                 *sp = seg ? db_prepare(db, span, &err) : NULL;
    if (!sp) {
        free(err);
        return 0;
    }
    char term[16];
    term[0] = '0';
    memcpy(term + 1, tri, n);
    sqlite3_bind_blob(sp, 2, term, (int)n + 1, SQLITE_STATIC);
    long long pages = 0, segid = -1;
    sqlite3_bind_int64(seg, 1, segid);
    while (sqlite3_step(seg) == SQLITE_ROW) {
        segid = sqlite3_column_int64(seg, 0);
        sqlite3_reset(seg);
        sqlite3_bind_int64(seg, 1, segid);
        sqlite3_bind_int64(sp, 1, segid);
        if (sqlite3_step(sp) == SQLITE_ROW) pages += sqlite3_column_int64(sp, 0);
        sqlite3_reset(sp);
    }
    sqlite3_reset(seg);
    return pages;
}

enum { LEAN_TRIGRAMS = 2 };

/* The FTS5 query of the LEAN_TRIGRAMS rarest trigrams of each long term, each alone (no
 * phrase: the positions of a phrase are read and compared, which costs more than the rows
 * the rarer trigrams rule out), or NULL when it would be the phrases again. Its rows are
 * more than the phrases' (instr() tests each term on them after), never fewer. */
static char *lean_query(struct db *db, const struct terms *t)
{
    struct strbuf sb = STRBUF_INIT;
    bool leaner = false;
    for (int i = 0; i < t->nkey; i++) {
        const char *k = t->key[i];
        size_t len = strlen(k), at[64];
        int ncp = 0;
        for (size_t p = 0; p < len && ncp < 64;) {
            uint32_t cp;
            at[ncp++] = p;
            p += utf8_decode(k + p, len - p, &cp);
        }
        if (ncp < 3) continue;
        if (ncp >= 64) {
            sb_free(&sb);
            return NULL;
        }
        at[ncp] = len;
        int ntri = ncp - 2, best[LEAN_TRIGRAMS], nbest = 0;
        long long cost[LEAN_TRIGRAMS];
        for (int j = 0; j < ntri && ntri > LEAN_TRIGRAMS; j++) {
            long long c = trigram_pages(db, k + at[j], at[j + 3] - at[j]);
            int slot = nbest < LEAN_TRIGRAMS ? nbest++ : -1;
            if (slot < 0)
                for (int b = 0; b < LEAN_TRIGRAMS; b++)
                    if (cost[b] > c && (slot < 0 || cost[b] > cost[slot])) slot = b;
            if (slot >= 0) {
                best[slot] = j;
                cost[slot] = c;
            }
        }
        if (ntri <= LEAN_TRIGRAMS) {
            add_phrase(&sb, k);
            continue;
        }
        leaner = true;
        for (int b = 0; b < nbest; b++) {
            char tri[16];
            size_t n = at[best[b] + 3] - at[best[b]];
            if (n >= sizeof tri) n = sizeof tri - 1;
            memcpy(tri, k + at[best[b]], n);
            tri[n] = 0;
            add_phrase(&sb, tri);
        }
    }
    if (!leaner) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}

/* Where the kind has a grams index: a search few rows match (up to sparse_cap) takes them
 * from the index that finds them (the grams index first: with no positions, its lists are
 * read fastest), the other index's terms tested on those rows with instr(), and the list
 * sorts those rows alone; one that many rows match walks the list in its order, which finds
 * a page at once, testing every term on each row's key with instr(). */
static void choose_path(struct db *db, enum kind k, struct terms *t)
{
    if (!grams_filter[k] || !t->nkey) return;
    long long cap = sparse_cap_set >= 0 ? sparse_cap_set : sparse_cap(table_rows(db, k));
    bool by_grams = t->grams && index_count(db, grams_count[k], t->grams, cap) <= cap;
    if (!by_grams && t->fts) {
        /* the rarest trigrams first; the phrases when those find too many */
        char *lean = t->nkey < MAX_TERMS ? lean_query(db, t) : NULL;
        if (lean) t->ids = index_rows(db, fts_rows[k], lean, cap);
        if (!t->ids) t->ids = index_rows(db, fts_rows[k], t->fts, cap);
        free(lean);
    }
    for (int i = 0; i < t->nkey; i++) {
        bool long_term = codepoints(t->key[i]) >= 3;
        if (!(by_grams && !long_term)) /* the ids were read a moment ago: tested again */
            t->scan[t->nscan++] = xstrdup(t->key[i]);
    }
    if (!by_grams) {
        free(t->grams);
        t->grams = NULL;
    }
    free(t->fts); /* found already: t->ids */
    t->fts = NULL;
}

static int sort_index(enum kind k, const char *key)
{
    for (int i = 0; key && sorts[k][i].key; i++)
        if (strcmp(sorts[k][i].key, key) == 0) return i;
    return 0;
}

/* How a statement pages: by OFFSET (compatibility: --offset, a jump into the middle), or by
 * key from a row (after it, from it, before it), or the last rows of the list. */
enum page { PAGE_OFFSET, PAGE_AFTER, PAGE_AT, PAGE_BEFORE, PAGE_LAST, PAGE_COUNT };

/* What a composition depends on: never on the values of the search or filters. */
struct shape {
    enum kind kind;
    int sort;
    bool fts;
    bool grams;
    bool ids;
    /* the rows are taken from an index and sorted (choose_path): the sort reads only the
     * keys, and the columns are made for the page's rows alone (a row's columns read its
     * phones, organisations and tags: made for every row found, they cost 40 M
     * instructions for a phone search of 5,000 rows) */
    bool sparse;
    int nscan;
    unsigned by;
    enum page page;
    /* A value chosen in a frequency table (freq.h) keeps the rows whose column freq_field
     * has it: freq_match is that column's fragment, NULL when there is none. */
    enum field_id freq_field;
    const char *freq_match;
};

static unsigned shape_code(const struct shape *s)
{
    unsigned index = (unsigned)s->fts + 2u * s->grams + 4u * s->ids + 8u * s->sparse;
    return (((((unsigned)s->kind * MAX_SORTS + (unsigned)s->sort) * 16 + index) * (MAX_TERMS + 1) +
             (unsigned)s->nscan) *
                (1u << BY_COUNT) +
            s->by) *
               PAGE_COUNT +
           (unsigned)s->page;
}

static void add_cols(struct strbuf *sb, const struct sort_order *o, bool reverse)
{
    bool desc = o->desc != reverse;
    for (int i = 0; o->cols[i]; i++)
        sb_addf(sb, "%s%s%s", i ? ", " : "", o->cols[i], desc ? " DESC" : "");
}

/* "(cols) > (:k0, ...)": the rows after a key in the order o. The first column alone is said
 * again, so that SQLite seeks in the index to the key (it cannot seek by a row value whose
 * columns have a collation). */
static void add_keyset(struct strbuf *sb, const struct sort_order *o, enum page page)
{
    bool after = page != PAGE_BEFORE;
    const char *op = after != o->desc ? ">" : "<";
    const char *eq = page == PAGE_AT ? "=" : "";
    int n = 0;
    while (o->cols[n])
        n++;
    /* in parentheses: "t.due_date IS NULL >= :k0" would read "t.due_date IS (NULL >= :k0)" */
    sb_add(sb, " AND (");
    sb_add(sb, o->cols[0]);
    if (n == 1) {
        sb_addf(sb, ") %s%s :k0", op, eq);
        return;
    }
    sb_addf(sb, ") %s= :k0 AND (", op);
    for (int i = 0; i < n; i++)
        sb_addf(sb, "%s%s", i ? ", " : "", o->cols[i]);
    sb_addf(sb, ") %s%s (", op, eq);
    for (int i = 0; i < n; i++)
        sb_addf(sb, "%s:k%d", i ? ", " : "", i);
    sb_addc(sb, ')');
}

/* The WHERE of shape s: live or deleted rows, the filters given, the search, the frequency
 * filter. */
static void add_where(struct strbuf *sb, const struct shape *s, bool deleted)
{
    const char *a = kind_alias(s->kind);
    sb_addf(sb, " WHERE %s.deleted_at IS %s", a, deleted ? "NOT NULL" : "NULL");
    for (const struct filter *f = filters[s->kind]; f->sql; f++)
        if (s->by & f->by) sb_add(sb, f->sql);
    if (s->fts) sb_add(sb, fts_filter[s->kind]);
    if (s->grams) sb_add(sb, grams_filter[s->kind]);
    if (s->ids) sb_add(sb, ids_filter[s->kind]);
    for (int i = 0; i < s->nscan; i++)
        sb_addf(sb, " AND khai_contains(%s, :s%d)", key_expr[s->kind], i);
    if (s->freq_match) sb_add(sb, s->freq_match);
}

static char *compose_new(const struct shape *s, bool count, bool deleted)
{
    const struct sort_order *o = &sorts[s->kind][s->sort];
    struct strbuf sb = STRBUF_INIT;
    if (count)
        sb_addf(&sb, "SELECT count(*) FROM (SELECT 1 FROM %s %s", kind_table(s->kind),
                kind_alias(s->kind));
    else
        sb_add(&sb, kind_select_sql(s->kind));
    add_where(&sb, s, deleted);
    if (count) {
        sb_add(&sb, " LIMIT :cap)");
        return sb_take(&sb);
    }
    bool backward = s->page == PAGE_BEFORE || s->page == PAGE_LAST;
    if (s->sparse) {
        /* the page's ids found and sorted first, then their rows made */
        sb_free(&sb);
        sb_addf(&sb, "%s WHERE %s.id IN (SELECT %s.id FROM ", kind_select_sql(s->kind),
                kind_alias(s->kind), kind_alias(s->kind));
        if (s->ids) {
            /* the ids found drive the loop: as "IN (list)" they would be copied into a
             * b-tree first */
            struct shape joined = *s;
            joined.ids = false;
            sb_addf(&sb, "json_each(:ids) CROSS JOIN %s %s ON %s.id = json_each.value",
                    kind_table(s->kind), kind_alias(s->kind), kind_alias(s->kind));
            add_where(&sb, &joined, deleted);
        } else {
            sb_addf(&sb, "%s %s", kind_table(s->kind), kind_alias(s->kind));
            add_where(&sb, s, deleted);
        }
    }
    if (s->page == PAGE_AFTER || s->page == PAGE_AT || s->page == PAGE_BEFORE)
        add_keyset(&sb, o, s->page);
    sb_add(&sb, " ORDER BY ");
    add_cols(&sb, o, backward);
    sb_add(&sb, s->page == PAGE_OFFSET ? " LIMIT :limit OFFSET :offset" : " LIMIT :limit");
    if (s->sparse) {
        sb_add(&sb, ") ORDER BY ");
        add_cols(&sb, o, backward);
    }
    return sb_take(&sb);
}

/* Compositions are made once and kept, for each shape: a session uses a few dozen. */
static const char *compose(const struct shape *s, bool count, bool deleted)
{
    static struct {
        unsigned code;
        enum field_id freq_field; /* with freq_match set: a frequency filter's column */
        bool freq;
        char *sql;
    } * made;
    static size_t nmade, cap;
    unsigned code = (shape_code(s) * 2 + count) * 2 + deleted;
    bool freq = s->freq_match != NULL;
    for (size_t i = 0; i < nmade; i++)
        if (made[i].code == code && made[i].freq == freq &&
            (!freq || made[i].freq_field == s->freq_field))
            return made[i].sql;
    char *sql = compose_new(s, count, deleted);
    if (nmade == cap) {
        cap = cap ? cap * 2 : 32;
        made = xrealloc(made, sizeof *made * cap);
    }
    made[nmade].code = code;
    made[nmade].freq = freq;
    made[nmade].freq_field = s->freq_field;
    made[nmade].sql = sql;
    return made[nmade++].sql;
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

static bool given(const char *s)
{
    return s && *s;
}

/* A query made ready to prepare: its shape and the values it binds. */
struct prepared {
    struct shape shape;
    struct terms t;
    char *province_code;
};

static int query_begin(struct db *db, const struct list_query *q, enum page page,
                       struct prepared *p, char **err)
{
    memset(p, 0, sizeof *p);
    terms_parse(q->search, fts_filter[q->kind] != NULL, grams_filter[q->kind] != NULL, &p->t);
    choose_path(db, q->kind, &p->t);
    if (given(q->province)) {
        char *province = province_lookup(db, q->province);
        if (!province) {
            *err = xasprintf(_("no such province: \"%s\""), q->province);
            terms_free(&p->t);
            return -1;
        }
        /* Bind the ISO code the rows store. */
        sqlite3_stmt *code = db_prepare(db, "SELECT code FROM provinces WHERE name_th = ?", err);
        if (code) {
            sqlite3_bind_text(code, 1, province, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(code) == SQLITE_ROW)
                p->province_code = xstrdup((const char *)sqlite3_column_text(code, 0));
            sqlite3_reset(code);
        }
        free(province);
        if (!p->province_code) {
            terms_free(&p->t);
            if (!*err) *err = xasprintf(_("no such province: \"%s\""), q->province);
            return -1;
        }
    }
    unsigned by = (q->org_id ? BY_ORG : 0) | (p->province_code ? BY_PROVINCE : 0) |
                  (given(q->tag) ? BY_TAG : 0) | (given(q->status) ? BY_STATUS : 0) |
                  (q->event_id ? BY_EVENT : 0) | (q->member_id ? BY_MEMBER : 0);
    if (q->kind == KIND_TASK)
        by |= (q->owner > 0 ? BY_OWNER_MEMBER : 0) | (q->owner < 0 ? BY_OWNER_ORG : 0) |
              (q->overdue ? BY_OVERDUE : 0);
    if (q->kind == KIND_ATTENDANCE && given(q->group)) by |= BY_GROUP;
    p->shape = (struct shape){q->kind,
                              sort_index(q->kind, q->sort),
                              p->t.fts != NULL,
                              p->t.grams != NULL,
                              p->t.ids != NULL,
                              p->t.fts || p->t.grams || p->t.ids,
                              p->t.nscan,
                              by,
                              page,
                              q->freq_field,
                              q->freq_value ? freq_match_sql(q->kind, q->freq_field) : NULL};
    return 0;
}

static void query_bind(sqlite3_stmt *st, const struct list_query *q, const struct prepared *p)
{
    bind_text(st, ":fts", p->t.fts);
    bind_text(st, ":grams", p->t.grams);
    bind_text(st, ":ids", p->t.ids);
    for (int i = 0; i < p->t.nscan; i++) {
        char name[8] = ":s0";
        name[2] = (char)('0' + i);
        bind_text(st, name, p->t.scan[i]);
    }
    bind_id(st, ":event", q->event_id);
    bind_id(st, ":member", q->member_id);
    bind_id(st, ":org", q->org_id);
    bind_text(st, ":province", p->province_code);
    bind_text(st, ":tag", given(q->tag) ? q->tag : NULL);
    bind_text(st, ":status", given(q->status) ? q->status : NULL);
    bind_id(st, ":owner_member", q->owner > 0 ? q->owner : 0);
    bind_id(st, ":owner_org", q->owner < 0 ? -q->owner : 0);
    if (sqlite3_bind_parameter_index(st, ":today") > 0) {
        char today[16];
        date_format(date_today(), DATE_ISO, today, sizeof today);
        bind_text(st, ":today", today);
    }
    if (sqlite3_bind_parameter_index(st, ":group") > 0) {
        char *group = text_normalize(q->group, 0); /* as a save stores the name */
        bind_text(st, ":group", group);
        free(group);
    }
    if (p->shape.freq_match) bind_text(st, ":fv", q->freq_value);
}

static void query_end(struct prepared *p)
{
    terms_free(&p->t);
    free(p->province_code);
}

/* The statement for q, prepared (from the connection's cache) and bound; NULL with *err. */
static sqlite3_stmt *prepare_query(struct db *db, const struct list_query *q, bool count,
                                   enum page page, char **err)
{
    struct prepared p;
    if (query_begin(db, q, page, &p, err) != 0) return NULL;
    sqlite3_stmt *st = db_prepare(db, compose(&p.shape, count, q->deleted), err);
    if (st) query_bind(st, q, &p);
    query_end(&p);
    return st;
}

sqlite3_stmt *list_prepare_over(struct db *db, const struct list_query *q, const char *head,
                                const char *tail, char **err)
{
    struct prepared p;
    if (query_begin(db, q, PAGE_OFFSET, &p, err) != 0) return NULL;
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, head);
    add_where(&sb, &p.shape, q->deleted);
    sb_add(&sb, tail);
    sqlite3_stmt *st = db_prepare(db, sb.s, err);
    sb_free(&sb);
    if (st) query_bind(st, q, &p);
    query_end(&p);
    return st;
}

static bool unfiltered(const struct list_query *q)
{
    return !given(q->search) && !q->event_id && !q->member_id && !q->org_id &&
           !given(q->province) && !given(q->tag) && !given(q->status) && !q->deleted && !q->owner &&
           !q->overdue && !q->freq_value && !given(q->group);
}

/* The whole live table: its count kept by triggers (schema/008-counts.sql). */
static const char *const live_count_sql = "SELECT n FROM live_counts WHERE tbl = ?";

int list_count_upto(struct db *db, const struct list_query *q, long long cap, long long *count,
                    char **err)
{
    bool live = unfiltered(q);
    sqlite3_stmt *st =
        live ? db_prepare(db, live_count_sql, err) : prepare_query(db, q, true, PAGE_OFFSET, err);
    if (!st) return -1;
    if (live)
        sqlite3_bind_text(st, 1, kind_table(q->kind), -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":cap"), cap > 0 ? cap : -1);
    int rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count");
        return -1;
    }
    return 0;
}

int list_count(struct db *db, const struct list_query *q, long long *count, char **err)
{
    return list_count_upto(db, q, 0, count, err);
}

/* Steps st to the end (or to limit rows), collecting records; resets st. */
static int collect(struct db *db, sqlite3_stmt *st, enum kind k, struct record ***rows, size_t *n,
                   char **err)
{
    *rows = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *rows = xrealloc(*rows, sizeof **rows * cap);
        }
        (*rows)[(*n)++] = record_from_row(st, k);
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

int list_fetch(struct db *db, const struct list_query *q, long long offset, int limit,
               struct record ***rows, size_t *n, char **err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = prepare_query(db, q, false, PAGE_OFFSET, err);
    if (!st) return -1;
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"), offset);
    return collect(db, st, q->kind, rows, n, err);
}

/* The sort key of row id in the order of shape s, read from the row itself (a deleted or
 * changed row still marks its place): copies of its values, or NULL when there is no such
 * row. */
static sqlite3_value **mark_key(struct db *db, const struct shape *s, long long id, int *ncols,
                                char **err)
{
    static char *sql[KIND_COUNT][MAX_SORTS];
    const struct sort_order *o = &sorts[s->kind][s->sort];
    char **slot = &sql[s->kind][s->sort];
    if (!*slot) {
        struct strbuf sb = STRBUF_INIT;
        sb_add(&sb, "SELECT ");
        for (int i = 0; o->cols[i]; i++)
            sb_addf(&sb, "%s%s", i ? ", " : "", o->cols[i]);
        sb_addf(&sb, " FROM %s %s WHERE %s.id = ?", kind_table(s->kind), kind_alias(s->kind),
                kind_alias(s->kind));
        *slot = sb_take(&sb);
    }
    sqlite3_stmt *st = db_prepare(db, *slot, err);
    if (!st) return NULL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_value **key = NULL;
    *ncols = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *ncols = sqlite3_column_count(st);
        key = xcalloc((size_t)*ncols, sizeof *key);
        for (int i = 0; i < *ncols; i++)
            key[i] = sqlite3_value_dup(sqlite3_column_value(st, i));
    }
    sqlite3_reset(st);
    return key;
}

static void key_free(sqlite3_value **key, int n)
{
    for (int i = 0; key && i < n; i++)
        sqlite3_value_free(key[i]);
    free(key);
}

static void reverse(struct record **rows, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct record *r = rows[i];
        rows[i] = rows[n - 1 - i];
        rows[n - 1 - i] = r;
    }
}

int list_fetch_from(struct db *db, const struct list_query *q, long long mark, enum list_from from,
                    int limit, struct record ***rows, size_t *n, char **err)
{
    *rows = NULL;
    *n = 0;
    enum page page = !mark                 ? (from == LIST_BEFORE ? PAGE_LAST : PAGE_OFFSET)
                     : from == LIST_BEFORE ? PAGE_BEFORE
                     : from == LIST_AT     ? PAGE_AT
                                           : PAGE_AFTER;
    struct prepared p;
    if (query_begin(db, q, page, &p, err) != 0) return -1;
    int nkey = 0;
    sqlite3_value **key = NULL;
    int rc = 0;
    if (mark) {
        key = mark_key(db, &p.shape, mark, &nkey, err);
        if (!key) {
            if (!*err) {
                char num[32];
                snprintf(num, sizeof num, "%lld", mark);
                *err = xasprintf(_("no %s with id %s"), kind_noun(q->kind), num);
            }
            query_end(&p);
            return 1;
        }
    }
    sqlite3_stmt *st = db_prepare(db, compose(&p.shape, false, q->deleted), err);
    if (!st) {
        rc = -1;
    } else {
        query_bind(st, q, &p);
        for (int i = 0; i < nkey; i++) {
            char name[4] = ":k0";
            name[2] = (char)('0' + i);
            int idx = sqlite3_bind_parameter_index(st, name);
            if (idx > 0) sqlite3_bind_value(st, idx, key[i]);
        }
        sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit);
        int off = sqlite3_bind_parameter_index(st, ":offset");
        if (off > 0) sqlite3_bind_int(st, off, 0);
        rc = collect(db, st, q->kind, rows, n, err);
        if (rc == 0 && (page == PAGE_BEFORE || page == PAGE_LAST)) reverse(*rows, *n);
    }
    key_free(key, nkey);
    query_end(&p);
    return rc;
}

void list_free(struct record **rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        record_free(&rows[i]);
    free(rows);
}

/* A full listing's pages, read through a memory map for its while: in a sort or search
 * order the rows, their organisations and tags lie all over the file, and through the page
 * cache of a few megabytes each row cost three reads (a listing of 100,000 members spent
 * more time in pread than in SQLite). Returns the size it replaces, to put back. */
static sqlite3_int64 map_file(struct db *db, sqlite3_int64 size)
{
    sqlite3_int64 was = -1;
    char sql[64];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "PRAGMA mmap_size");
    for (int i = 0; i < 2; i++) {
        if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK) return -1;
        if (sqlite3_step(st) == SQLITE_ROW && i == 0) was = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (was < 0) break;
        snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", (long long)size);
    }
    return was;
}

/* One statement stepped from the first row to the last: a full listing reads each row once
 * (paging by OFFSET re-walked every earlier row for each page). The statement is its own, not
 * the connection's cached one, so that fn may run any query meanwhile, even this one. lean:
 * kind_list_select_sql's columns. */
static sqlite3_stmt *each_statement(struct db *db, const struct list_query *q, long long offset,
                                    long long limit, bool lean, char **err)
{
    struct prepared p;
    if (query_begin(db, q, PAGE_OFFSET, &p, err) != 0) return NULL;
    const char *sql = compose(&p.shape, false, q->deleted), *full = kind_select_sql(q->kind);
    char *lean_sql = NULL;
    /* every composition starts with the kind's select: the rest is the same */
    if (lean && strncmp(sql, full, strlen(full)) == 0)
        lean_sql = xasprintf("%s%s", kind_list_select_sql(q->kind), sql + strlen(full));
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db_handle(db), lean_sql ? lean_sql : sql, -1, &st, NULL);
    free(lean_sql);
    if (rc != SQLITE_OK) {
        *err = db_error(db, "cannot list");
        query_end(&p);
        return NULL;
    }
    query_bind(st, q, &p);
    query_end(&p);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), limit > 0 ? limit : -1);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":offset"), offset);
    return st;
}

/* A window of this many rows or fewer is read as a page is: mapping the file for it would
 * only make the process look bigger (the kernel maps the pages around each one read). */
enum { MAPPED_ROWS = 1000 };

/* Steps st to its end or until fn says stop (its value), then finalizes it. */
static int each_step(struct db *db, sqlite3_stmt *st, long long limit,
                     int (*fn)(sqlite3_stmt *st, void *ctx), void *ctx, char **err)
{
    bool many = limit <= 0 || limit > MAPPED_ROWS;
    sqlite3_int64 was = many ? map_file(db, (sqlite3_int64)1 << 40) : -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
        stop = fn(st, ctx);
    if (!stop && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot list");
        stop = -1;
    }
    sqlite3_finalize(st);
    if (was >= 0) map_file(db, was);
    return stop;
}

struct each_record {
    enum kind kind;
    int (*fn)(const struct record *r, void *ctx);
    void *ctx;
};

static int record_row(sqlite3_stmt *st, void *ctx)
{
    struct each_record *e = ctx;
    struct record *r = record_from_row(st, e->kind);
    int stop = e->fn(r, e->ctx);
    record_free(&r);
    return stop;
}

int list_each_range(struct db *db, const struct list_query *q, long long offset, long long limit,
                    int (*fn)(const struct record *r, void *ctx), void *ctx, char **err)
{
    sqlite3_stmt *st = each_statement(db, q, offset, limit, false, err);
    struct each_record e = {q->kind, fn, ctx};
    return st ? each_step(db, st, limit, record_row, &e, err) : -1;
}

struct each_values {
    enum kind kind;
    int (*fn)(const char *const *values, void *ctx);
    void *ctx;
    const char *values[MAX_ROW_FIELDS];
    struct strbuf scratch;
};

static int values_row(sqlite3_stmt *st, void *ctx)
{
    struct each_values *e = ctx;
    row_values(st, e->kind, e->values, &e->scratch);
    return e->fn(e->values, e->ctx);
}

int list_each_values(struct db *db, const struct list_query *q, long long offset, long long limit,
                     int (*fn)(const char *const *values, void *ctx), void *ctx, char **err)
{
    if (kind_info(q->kind)->nfields > MAX_ROW_FIELDS) {
        *err = xasprintf("internal error: %s has more than %d fields", kind_info(q->kind)->name,
                         MAX_ROW_FIELDS);
        return -1;
    }
    sqlite3_stmt *st = each_statement(db, q, offset, limit, true, err);
    struct each_values e = {.kind = q->kind, .fn = fn, .ctx = ctx, .scratch = STRBUF_INIT};
    int rc = st ? each_step(db, st, limit, values_row, &e, err) : -1;
    sb_free(&e.scratch);
    return rc;
}

int list_each(struct db *db, const struct list_query *q,
              int (*fn)(const struct record *r, void *ctx), void *ctx, char **err)
{
    return list_each_range(db, q, 0, 0, fn, ctx, err);
}

const char *list_sql(struct db *db, const struct list_query *q, bool count, bool by_key, char **err)
{
    struct prepared p;
    if (query_begin(db, q, by_key ? PAGE_AFTER : PAGE_OFFSET, &p, err) != 0) return NULL;
    const char *sql = compose(&p.shape, count, q->deleted);
    query_end(&p);
    return sql;
}
