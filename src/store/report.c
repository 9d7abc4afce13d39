/* Reports: attendance and members counted by group in SQL (GROUP BY, count(DISTINCT ...)),
 * so that the large demo's 300,000 attendance rows are never walked in C. */
#include "report.h"
#include "collate.h"
#include "invitation.h"
#include "store_internal.h"
#include "messages.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *const report_status_keys[REPORT_STATUSES] = {"invited", "confirmed", "attended",
                                                         "absent", "cancelled"};

#define STATUS_COUNTS                                                                              \
    "count(*) FILTER (WHERE a.status = 'invited'), count(*) FILTER (WHERE a.status = "             \
    "'confirmed'), count(*) FILTER (WHERE a.status = 'attended'), count(*) FILTER (WHERE "         \
    "a.status = 'absent'), count(*) FILTER (WHERE a.status = 'cancelled')"

/* A place is told apart by the places it lies in: two provinces each have a ตำบลในเมือง. */
#define DISTRICT_KEY "coalesce(m.province, '') || '/' || m.district"
#define SUBDISTRICT_KEY DISTRICT_KEY " || '/' || m.subdistrict"
#define PLACE_LABEL(part)                                                                          \
    "CASE WHEN " part " = '' THEN '' ELSE " part " || coalesce(', ' || p.name_th, '') END"
#define PROVINCE_JOIN " LEFT JOIN provinces p ON p.code = m.province"

/* How each key groups; member_from replaces attendance_from for the members' report. */
struct key_sql {
    const char *name;
    const char *key, *label, *joins;
    bool event, members;
};

static const struct key_sql keys[REPORT_KEYS] = {
    [REPORT_BY_ORGANISATION] = {"organisation", "coalesce(a.org_id, '')", "coalesce(o.name, '')",
                                " LEFT JOIN organisations o ON o.id = a.org_id", true, true},
    [REPORT_BY_PROVINCE] = {"province", "coalesce(m.province, '')", "coalesce(p.name_th, '')",
                            PROVINCE_JOIN, true, true},
    /* Those with no district (or subdistrict) are one group, "(none)", wherever they live. */
    [REPORT_BY_DISTRICT] = {"district",
                            "CASE WHEN m.district = '' THEN '' ELSE " DISTRICT_KEY " END",
                            PLACE_LABEL("m.district"), PROVINCE_JOIN, true, true},
    [REPORT_BY_SUBDISTRICT] = {"subdistrict",
                               "CASE WHEN m.subdistrict = '' THEN '' ELSE " SUBDISTRICT_KEY " END",
                               "CASE WHEN m.subdistrict = '' THEN '' ELSE m.subdistrict || "
                               "coalesce(', ' || nullif(m.district, ''), '') || coalesce(', ' || "
                               "p.name_th, '') END",
                               PROVINCE_JOIN, true, true},
    [REPORT_BY_CATEGORY] = {"category", "a.category", "a.category", "", true, false},
    [REPORT_BY_GROUP] = {"group", "a.breakout", "a.breakout", "", true, false},
    [REPORT_BY_ROLE] = {"role", "a.role", "a.role", "", true, false},
    [REPORT_BY_STATUS] = {"status", "a.status", "a.status", "", true, false},
    [REPORT_BY_REASON] = {"reason", "a.reason", "a.reason", "", true, false},
    [REPORT_BY_TAG] = {"tag", "coalesce(t.name, '')", "coalesce(t.name, '')",
                       " LEFT JOIN member_tags mt ON mt.member_id = m.id LEFT JOIN tags t ON t.id "
                       "= mt.tag_id",
                       true, true},
    [REPORT_BY_SKILL] = {"skill", NULL, NULL, NULL, false, true},
    [REPORT_BY_GENDER] = {"gender", "m.gender", "m.gender", "", false, true},
    [REPORT_BY_DAY] = {"day", "coalesce(d.day, '')", "coalesce(d.day, '')",
                       " LEFT JOIN attendance_days d ON d.attendance_id = a.id", true, false},
    [REPORT_BY_JOINED] = {"joined", "substr(m.created_at, 1, 7)", "substr(m.created_at, 1, 7)", "",
                          false, true},
};

const char *report_key_name(enum report_key k)
{
    return keys[k].name;
}

int report_key_from_name(const char *name)
{
    for (int k = 0; k < REPORT_KEYS; k++)
        if (strcmp(keys[k].name, name) == 0) return k;
    return -1;
}

bool report_key_for_event(enum report_key k)
{
    return keys[k].event;
}
bool report_key_for_members(enum report_key k)
{
    return keys[k].members;
}

void report_table_free(struct report_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].key);
        free(t->rows[i].label);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

static struct report_row *add_row(struct report_table *t, sqlite3_stmt *st)
{
    /* Doubled at each power of two: 63,000 subdistricts grown one row at a time were copied
     * over and over. */
    if ((t->n & (t->n - 1)) == 0)
        t->rows = xrealloc(t->rows, sizeof *t->rows * (t->n ? 2 * t->n : 8));
    struct report_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    const unsigned char *key = sqlite3_column_text(st, 0), *label = sqlite3_column_text(st, 1);
    r->key = xstrdup(key ? (const char *)key : "");
    r->label = xstrdup(label ? (const char *)label : "");
    return r;
}

/* What the columns after key and label hold. */
enum row_shape {
    COUNT_TARGET, /* count, then target */
    STATUS_TOTAL, /* the five status counts, then the total */
};

/* Runs sql with ?1 bound to id (when id > 0) and appends a row per result row. */
static int read_rows(struct db *db, const char *sql, long long id, enum row_shape shape,
                     struct report_table *t, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    if (id > 0) sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct report_row *r = add_row(t, st);
        if (shape == COUNT_TARGET) {
            r->count = sqlite3_column_int64(st, 2);
            r->target = sqlite3_column_int64(st, 3);
            continue;
        }
        for (int s = 0; s < REPORT_STATUSES; s++)
            r->status[s] = sqlite3_column_int64(st, 2 + s);
        r->count = sqlite3_column_int64(st, 2 + REPORT_STATUSES);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

static int event_counts(struct db *db, long long event_id, struct event_report *r, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT coalesce((SELECT target FROM events WHERE id = ?1), 0), " STATUS_COUNTS
        ", count(DISTINCT a.org_id) FILTER (WHERE a.status = 'attended'), "
        "count(DISTINCT " SUBDISTRICT_KEY
        ") FILTER (WHERE a.status = 'attended' AND m.subdistrict <> ''), "
        "count(DISTINCT " DISTRICT_KEY ") FILTER (WHERE a.status = 'attended' AND m.district <> "
        "''), count(DISTINCT m.province) FILTER (WHERE a.status = 'attended'), (SELECT "
        "coalesce(sum(target), 0) FROM event_quotas WHERE event_id = ?1), (SELECT "
        "coalesce(target_orgs, 0) FROM events WHERE id = ?1), (SELECT "
        "coalesce(target_subdistricts, 0) FROM events WHERE id = ?1), (SELECT "
        "coalesce(target_districts, 0) FROM events WHERE id = ?1), (SELECT "
        "coalesce(target_provinces, 0) FROM events WHERE id = ?1) FROM attendance a JOIN "
        "members m ON m.id = a.member_id WHERE a.event_id = ?1 AND a.deleted_at IS NULL",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->target = sqlite3_column_int64(st, 0);
        for (int s = 0; s < REPORT_STATUSES; s++)
            r->status[s] = sqlite3_column_int64(st, 1 + s);
        long long *rest[] = {&r->organisations,       &r->subdistricts,     &r->districts,
                             &r->provinces,           &r->quota_sum,        &r->target_orgs,
                             &r->target_subdistricts, &r->target_districts, &r->target_provinces};
        for (int i = 0; i < 9; i++)
            *rest[i] = sqlite3_column_int64(st, 1 + REPORT_STATUSES + i);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

/* Who cancelled or declined, in the order they did, with the reason they gave. */
static int read_withdrawn(struct db *db, long long event_id, struct event_report *r, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT i.org_id, o.name, i.status, i.reason, i.status_at FROM "
                                  "invitations i JOIN organisations o ON o.id = i.org_id WHERE "
                                  "i.event_id = ?1 AND i.deleted_at IS NULL AND i.status IN "
                                  "('cancelled', 'declined') ORDER BY i.status_at, o.name COLLATE "
                                  "thai",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r->withdrawn = xrealloc(r->withdrawn, sizeof *r->withdrawn * (r->nwithdrawn + 1));
        struct invitation_answer *a = &r->withdrawn[r->nwithdrawn++];
        char **cols[] = {&a->org_id, &a->organisation, &a->status, &a->reason, &a->at};
        for (int c = 0; c < 5; c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            *cols[c] = xstrdup(t ? (const char *)t : "");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

static int event_invitations(struct db *db, long long event_id, struct event_report *r, char **err)
{
    if (invitation_counts(db, event_id, &r->invitations, err) != 0 ||
        read_rows(db,
                  "SELECT status, reason, count(*), 0 FROM invitations WHERE event_id = ?1 AND "
                  "deleted_at IS NULL AND status IN ('cancelled', 'declined') GROUP BY status, "
                  "reason ORDER BY status, 3 DESC, reason COLLATE thai",
                  event_id, COUNT_TARGET, &r->invitation_reasons, err) != 0)
        return -1;
    return read_withdrawn(db, event_id, r, err);
}

#define ATTENDED_OF_EVENT                                                                          \
    "FROM attendance a WHERE a.event_id = ?1 AND a.deleted_at IS NULL AND a.status = 'attended'"

int event_report(struct db *db, long long event_id, struct event_report *out, char **err)
{
    memset(out, 0, sizeof *out);
    int rc = event_counts(db, event_id, out, err);
    if (rc == 0)
        rc = read_rows(db,
                       "SELECT q.category, q.category, count(a.id), q.target FROM event_quotas q "
                       "LEFT JOIN attendance a ON a.event_id = q.event_id AND a.category = "
                       "q.category AND a.status = 'attended' AND a.deleted_at IS NULL WHERE "
                       "q.event_id = ?1 GROUP BY q.category ORDER BY min(q.position), q.category",
                       event_id, COUNT_TARGET, &out->quotas, err);
    if (rc == 0)
        rc = read_rows(db,
                       "SELECT a.category, a.category, count(*), 0 " ATTENDED_OF_EVENT
                       " AND a.category NOT IN (SELECT category FROM event_quotas WHERE "
                       "event_id = ?1) GROUP BY a.category ORDER BY 3 DESC, 1 COLLATE thai",
                       event_id, COUNT_TARGET, &out->categories, err);
    if (rc == 0)
        rc = read_rows(db,
                       "SELECT a.breakout, a.breakout, count(*), 0 " ATTENDED_OF_EVENT
                       " GROUP BY a.breakout ORDER BY a.breakout = '', a.breakout COLLATE thai",
                       event_id, COUNT_TARGET, &out->groups, err);
    if (rc == 0)
        rc = read_rows(db,
                       "SELECT a.role, a.role, count(*), 0 " ATTENDED_OF_EVENT
                       " GROUP BY a.role ORDER BY 3 DESC, 1",
                       event_id, COUNT_TARGET, &out->roles, err);
    if (rc == 0)
        rc = read_rows(db,
                       "SELECT a.status, a.reason, count(*), 0 FROM attendance a WHERE a.event_id "
                       "= ?1 AND a.deleted_at IS NULL AND a.status IN ('absent', 'cancelled') "
                       "GROUP BY a.status, a.reason ORDER BY a.status, 3 DESC, a.reason COLLATE "
                       "thai",
                       event_id, COUNT_TARGET, &out->reasons, err);
    if (rc == 0) rc = event_invitations(db, event_id, out, err);
    if (rc != 0) {
        event_report_free(out);
        return -1;
    }
    if (out->quotas.n)
        for (size_t i = 0; i < out->categories.n; i++)
            out->outside_quotas += out->categories.rows[i].count;
    return 0;
}

void event_report_free(struct event_report *r)
{
    struct report_table *tables[] = {&r->quotas, &r->categories, &r->groups,
                                     &r->roles,  &r->reasons,    &r->invitation_reasons};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        report_table_free(tables[i]);
    for (size_t i = 0; i < r->nwithdrawn; i++) {
        struct invitation_answer *a = &r->withdrawn[i];
        char *cols[] = {a->org_id, a->organisation, a->status, a->reason, a->at};
        for (int c = 0; c < 5; c++)
            free(cols[c]);
    }
    free(r->withdrawn);
    memset(r, 0, sizeof *r);
}

int report_event_by(struct db *db, long long event_id, enum report_key key,
                    struct report_table *out, char **err)
{
    memset(out, 0, sizeof *out);
    const struct key_sql *k = &keys[key];
    if (!k->event) {
        *err = xstrdup(_("an event's report cannot group on that"));
        return -1;
    }
    char *sql = xasprintf("SELECT %s AS k, %s AS l, " STATUS_COUNTS
                          ", count(*) AS n FROM attendance a JOIN members m ON m.id = "
                          "a.member_id%s WHERE a.event_id = ?1 AND a.deleted_at IS NULL GROUP "
                          "BY k, l ORDER BY k = '', n DESC, l COLLATE thai",
                          k->key, k->label, k->joins);
    int rc = read_rows(db, sql, event_id, STATUS_TOTAL, out, err);
    free(sql);
    if (rc != 0) report_table_free(out);
    return rc;
}

int report_event_total(struct db *db, long long event_id, struct report_row *out, char **err)
{
    memset(out, 0, sizeof *out);
    struct report_table t = {0};
    int rc = read_rows(db,
                       "SELECT '', '', " STATUS_COUNTS ", count(*) FROM attendance a WHERE "
                       "a.event_id = ?1 AND a.deleted_at IS NULL",
                       event_id, STATUS_TOTAL, &t, err);
    if (rc == 0 && t.n == 1) {
        memcpy(out->status, t.rows[0].status, sizeof out->status);
        out->count = t.rows[0].count;
    }
    report_table_free(&t);
    return rc;
}

/* The members of each organisation and of the organisations under it, each member once,
 * counted in C from three index reads (the live organisations by name, the live members'
 * ids, the affiliations by member): a recursive query per organisation walked the tree
 * 2,000 times. Each member's organisations are walked up to the top through live parents;
 * an organisation stamped with the member is not counted (or climbed) again, which counts
 * each member once and ends the walk even if parents were ever made to form a loop. */
struct org_tree {
    long long *id;    /* the live organisations, by name (thai) then id */
    char **name;      /* parallel to id */
    long long *count; /* members of the organisation and those under it */
    size_t *parent;   /* index of the live parent, n when none */
    long long *stamp; /* the last member counted in the organisation */
    size_t *by_id;    /* indexes sorted by id, to find an organisation */
    size_t n;
    long long members; /* members in any live organisation, each once */
};

static void org_tree_free(struct org_tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->name[i]);
    free(t->id);
    free(t->name);
    free(t->count);
    free(t->parent);
    free(t->stamp);
    free(t->by_id);
    memset(t, 0, sizeof *t);
}

static const long long *sort_ids;
static int by_org_id(const void *a, const void *b)
{
    long long x = sort_ids[*(const size_t *)a], y = sort_ids[*(const size_t *)b];
    return (x > y) - (x < y);
}

/* The index of the live organisation id, t->n when there is none. */
static size_t org_find(const struct org_tree *t, long long id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long long m = t->id[t->by_id[mid]];
        if (m == id) return t->by_id[mid];
        if (m < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return t->n;
}

static int read_orgs(struct db *db, struct org_tree *t, long long **parent_ids, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, name, parent_id FROM organisations WHERE deleted_at "
                                  "IS NULL ORDER BY name COLLATE thai, id",
                                  err);
    if (!st) return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->n == cap) {
            cap = cap ? cap * 2 : 256;
            t->id = xrealloc(t->id, sizeof *t->id * cap);
            t->name = xrealloc(t->name, sizeof *t->name * cap);
            *parent_ids = xrealloc(*parent_ids, sizeof **parent_ids * cap);
        }
        const unsigned char *name = sqlite3_column_text(st, 1);
        t->id[t->n] = sqlite3_column_int64(st, 0);
        t->name[t->n] = xstrdup(name ? (const char *)name : "");
        (*parent_ids)[t->n++] = sqlite3_column_int64(st, 2); /* 0 for none */
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

static void link_orgs(struct org_tree *t, const long long *parent_ids)
{
    t->count = xcalloc(t->n + 1, sizeof *t->count);
    t->stamp = xcalloc(t->n + 1, sizeof *t->stamp);
    t->parent = xcalloc(t->n + 1, sizeof *t->parent);
    t->by_id = xcalloc(t->n + 1, sizeof *t->by_id);
    for (size_t i = 0; i < t->n; i++)
        t->by_id[i] = i;
    sort_ids = t->id;
    qsort(t->by_id, t->n, sizeof *t->by_id, by_org_id);
    for (size_t i = 0; i < t->n; i++)
        t->parent[i] = parent_ids[i] ? org_find(t, parent_ids[i]) : t->n;
}

/* Counts member in org and each live organisation above it, once. */
static bool count_up(struct org_tree *t, size_t org, long long member)
{
    bool counted = false;
    for (; org < t->n && t->stamp[org] != member; org = t->parent[org]) {
        t->stamp[org] = member;
        t->count[org]++;
        counted = true;
    }
    return counted;
}

/* Walks the live members' ids and the affiliations, both by member, side by side. */
static int count_affiliations(struct db *db, struct org_tree *t, char **err)
{
    sqlite3_stmt *live = db_prepare(
        db, "SELECT id FROM members INDEXED BY members_live WHERE deleted_at IS NULL ORDER BY id",
        err);
    if (!live) return -1;
    sqlite3_stmt *aff = db_prepare(
        db, "SELECT member_id, org_id FROM affiliations ORDER BY member_id, org_id", err);
    if (!aff) return -1;
    int lrc = sqlite3_step(live), arc;
    long long last = 0;
    while ((arc = sqlite3_step(aff)) == SQLITE_ROW && lrc == SQLITE_ROW) {
        long long member = sqlite3_column_int64(aff, 0);
        while (lrc == SQLITE_ROW && sqlite3_column_int64(live, 0) < member)
            lrc = sqlite3_step(live);
        if (lrc != SQLITE_ROW || sqlite3_column_int64(live, 0) != member) continue;
        size_t org = org_find(t, sqlite3_column_int64(aff, 1));
        if (count_up(t, org, member) && member != last) {
            t->members++;
            last = member;
        }
    }
    sqlite3_reset(live);
    sqlite3_reset(aff);
    if ((arc != SQLITE_ROW && arc != SQLITE_DONE) || (lrc != SQLITE_ROW && lrc != SQLITE_DONE)) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

static int org_tree_count(struct db *db, struct org_tree *t, char **err)
{
    memset(t, 0, sizeof *t);
    long long *parent_ids = NULL;
    int rc = read_orgs(db, t, &parent_ids, err);
    if (rc == 0) {
        link_orgs(t, parent_ids);
        rc = count_affiliations(db, t, err);
    }
    free(parent_ids);
    if (rc != 0) org_tree_free(t);
    return rc;
}

static const long long *sort_counts;
/* Largest first; the indexes are in name order already, so a tie keeps it. */
static int by_count(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_counts[x] != sort_counts[y]) return sort_counts[x] < sort_counts[y] ? 1 : -1;
    return (x > y) - (x < y);
}

static int members_by_network(struct db *db, struct report_table *out, char **err)
{
    struct org_tree t;
    if (org_tree_count(db, &t, err) != 0) return -1;
    size_t *order = xcalloc(t.n + 1, sizeof *order), n = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.count[i] > 0) order[n++] = i;
    sort_counts = t.count;
    qsort(order, n, sizeof *order, by_count);
    out->rows = xcalloc(n + 1, sizeof *out->rows);
    for (size_t i = 0; i < n; i++) {
        struct report_row *r = &out->rows[out->n++];
        r->key = xasprintf("%lld", t.id[order[i]]);
        r->label = t.name[order[i]];
        t.name[order[i]] = NULL;
        r->count = t.count[order[i]];
    }
    out->each_once = t.members;
    free(order);
    org_tree_free(&t);
    return 0;
}

/* Skills are typed as a list, "บัญชี, ถ่ายภาพ": split at commas, each member once a skill. */
static const char members_by_skill[] =
    "WITH RECURSIVE split(id, item, rest) AS (SELECT id, '', skills || ',' FROM members WHERE "
    "deleted_at IS NULL AND skills <> '' UNION ALL SELECT id, trim(substr(rest, 1, instr(rest, "
    "',') - 1)), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '') SELECT item, "
    "item, count(DISTINCT id), 0 FROM split WHERE item <> '' GROUP BY item ORDER BY 3 DESC, 1 "
    "COLLATE thai";

/* The live members counted by the columns a key reads, through an index that holds them
 * (migration 017), so 100,000 members are counted from index entries: the report's key and
 * label are then made from the few rows of counts (m.c each). */
#define LIVE_MEMBERS "count(*) AS c FROM members WHERE deleted_at IS NULL GROUP BY "
static const char *const members_counted[REPORT_KEYS] = {
    [REPORT_BY_PROVINCE] = "SELECT province, " LIVE_MEMBERS "province",
    [REPORT_BY_DISTRICT] = "SELECT province, district, " LIVE_MEMBERS "province, district",
    [REPORT_BY_SUBDISTRICT] =
        "SELECT province, district, subdistrict, " LIVE_MEMBERS "province, district, subdistrict",
    /* The four genders the CHECK allows, each counted in one pass (a GROUP BY would sort
     * 100,000 rows); INDEXED BY: members_live (id) looks as good and reads every row. */
    [REPORT_BY_GENDER] =
        "SELECT g.gender, CASE g.gender WHEN '' THEN t.none WHEN 'female' THEN t.f WHEN 'male' "
        "THEN t.m ELSE t.o END AS c FROM (SELECT count(*) FILTER (WHERE gender = '') AS none, "
        "count(*) FILTER (WHERE gender = 'female') AS f, count(*) FILTER (WHERE gender = "
        "'male') AS m, count(*) FILTER (WHERE gender = 'other') AS o FROM members INDEXED BY "
        "members_live_place WHERE deleted_at IS NULL) t, (SELECT '' AS gender UNION ALL SELECT "
        "'female' UNION ALL SELECT 'male' UNION ALL SELECT 'other') g WHERE c > 0",
    /* the month stands in created_at, as the key reads it */
    [REPORT_BY_JOINED] = "SELECT substr(created_at, 1, 7) AS created_at, count(*) AS c FROM "
                         "members INDEXED BY members_live_created WHERE deleted_at IS NULL GROUP "
                         "BY 1",
};

/* The members by district or subdistrict: tens of thousands of places, counted through
 * members_live_place in index order, then keyed, labelled, merged and sorted here (largest
 * first, then by label in Thai order, "(none)" last) as the keys' SQL would make them: SQLite
 * sorted every row twice, once to group it and once with the Thai collation. */
static const char live_places[] =
    "SELECT province, district, subdistrict FROM members INDEXED BY members_live_place WHERE "
    "deleted_at IS NULL";

/* The provinces' Thai names by code, for the labels. */
struct province_names {
    char **code, **name;
    size_t n;
};

static void province_names_free(struct province_names *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->code[i]);
        free(p->name[i]);
    }
    free(p->code);
    free(p->name);
}

static int read_province_names(struct db *db, struct province_names *p, char **err)
{
    memset(p, 0, sizeof *p);
    sqlite3_stmt *st = db_prepare(db, "SELECT code, name_th FROM provinces", err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        p->code = xrealloc(p->code, sizeof *p->code * (p->n + 1));
        p->name = xrealloc(p->name, sizeof *p->name * (p->n + 1));
        p->code[p->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
        p->name[p->n++] = sqlite3_column_type(st, 1) == SQLITE_NULL
                              ? NULL
                              : xstrdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        province_names_free(p);
        return -1;
    }
    return 0;
}

/* The province's name, NULL for none (as the LEFT JOIN of PROVINCE_JOIN). */
static const char *province_name(const struct province_names *p, const char *code)
{
    for (size_t i = 0; code && i < p->n; i++)
        if (strcmp(p->code[i], code) == 0) return p->name[i];
    return NULL;
}

/* Joins the parts, each after its separator (the first has none); a NULL part is left out. */
static char *joined(const char *const *parts, const char *const *seps, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        if (parts[i]) len += strlen(seps[i]) + strlen(parts[i]);
    char *s = xmalloc(len), *p = s;
    for (size_t i = 0; i < n; i++) {
        if (!parts[i]) continue;
        size_t a = strlen(seps[i]), b = strlen(parts[i]);
        memcpy(p, seps[i], a);
        memcpy(p + a, parts[i], b);
        p += a + b;
    }
    *p = '\0';
    return s;
}

/* One place's row: key and label as keys[REPORT_BY_DISTRICT] and keys[REPORT_BY_SUBDISTRICT]
 * make them. */
static void place_row(struct report_row *r, const char *province, const char *district,
                      const char *sub, const char *name, bool subdistrict)
{
    memset(r, 0, sizeof *r);
    if (!*(subdistrict ? sub : district)) {
        r->key = xstrdup("");
        r->label = xstrdup("");
        return;
    }
    const char *key[] = {province ? province : "", district, subdistrict ? sub : NULL};
    const char *slash[] = {"", "/", "/"};
    r->key = joined(key, slash, 3);
    const char *label[] = {subdistrict ? sub : district, subdistrict && *district ? district : NULL,
                           name};
    const char *comma[] = {"", ", ", ", "};
    r->label = joined(label, comma, 3);
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static const char *text_or_null(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Walks the live members in members_live_place order, a row per run of the same place. */
static int read_places(struct db *db, bool subdistrict, const struct province_names *names,
                       struct report_table *out, char **err)
{
    sqlite3_stmt *st = db_prepare(db, live_places, err);
    if (!st) return -1;
    char *province = NULL, *district = NULL, *sub = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *p = text_or_null(st, 0), *d = text_or_null(st, 1),
                   *s = subdistrict ? text_or_null(st, 2) : "";
        d = d ? d : "";
        s = s ? s : "";
        if (out->n > 0 && same_text(p, province) && strcmp(d, district) == 0 &&
            strcmp(s, sub) == 0) {
            out->rows[out->n - 1].count++;
            continue;
        }
        free(province);
        free(district);
        free(sub);
        province = p ? xstrdup(p) : NULL;
        district = xstrdup(d);
        sub = xstrdup(s);
        if (out->n == cap) {
            cap = cap ? 2 * cap : 64;
            out->rows = xrealloc(out->rows, sizeof *out->rows * cap);
        }
        place_row(&out->rows[out->n], province, district, sub, province_name(names, province),
                  subdistrict);
        out->rows[out->n++].count = 1;
    }
    sqlite3_reset(st);
    free(province);
    free(district);
    free(sub);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

static int by_key_label(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->label, y->label);
}

static int by_count_label(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    bool xn = !*x->key, yn = !*y->key;
    if (xn != yn) return xn - yn;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    int c = thai_collate(x->label, strlen(x->label), y->label, strlen(y->label));
    return c ? c : strcmp(x->key, y->key);
}

/* Adds up the rows of the same key and label, which are next to each other once sorted. */
static void merge_same(struct report_table *t)
{
    qsort(t->rows, t->n, sizeof *t->rows, by_key_label);
    size_t kept = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (kept > 0 && by_key_label(&t->rows[kept - 1], &t->rows[i]) == 0) {
            t->rows[kept - 1].count += t->rows[i].count;
            free(t->rows[i].key);
            free(t->rows[i].label);
            continue;
        }
        t->rows[kept++] = t->rows[i];
    }
    t->n = kept;
}

static int members_by_place(struct db *db, bool subdistrict, struct report_table *out, char **err)
{
    struct province_names names;
    if (read_province_names(db, &names, err) != 0) return -1;
    int rc = read_places(db, subdistrict, &names, out, err);
    province_names_free(&names);
    if (rc != 0) return -1;
    merge_same(out);
    qsort(out->rows, out->n, sizeof *out->rows, by_count_label);
    return 0;
}

static char *members_by_sql(enum report_key key)
{
    const struct key_sql *k = &keys[key];
    if (key == REPORT_BY_SKILL) return xstrdup(members_by_skill);
    const char *order = key == REPORT_BY_JOINED ? "k" : "k = '', n DESC, l COLLATE thai";
    if (members_counted[key])
        return xasprintf("SELECT %s AS k, %s AS l, sum(m.c) AS n, 0 FROM (%s) m%s GROUP BY k, l "
                         "ORDER BY %s",
                         k->key, k->label, members_counted[key], k->joins, order);
    return xasprintf("SELECT %s AS k, %s AS l, count(*) AS n, 0 FROM members m%s WHERE "
                     "m.deleted_at IS NULL GROUP BY k, l ORDER BY %s",
                     k->key, k->label, k->joins, order);
}

int report_members_by(struct db *db, enum report_key key, struct report_table *out, char **err)
{
    memset(out, 0, sizeof *out);
    const struct key_sql *k = &keys[key];
    if (!k->members) {
        *err = xstrdup(_("the members' report cannot group on that"));
        return -1;
    }
    int rc;
    if (key == REPORT_BY_ORGANISATION) {
        rc = members_by_network(db, out, err);
    } else if (key == REPORT_BY_DISTRICT || key == REPORT_BY_SUBDISTRICT) {
        rc = members_by_place(db, key == REPORT_BY_SUBDISTRICT, out, err);
    } else {
        char *sql = members_by_sql(key);
        rc = read_rows(db, sql, 0, COUNT_TARGET, out, err);
        free(sql);
    }
    if (rc != 0) {
        report_table_free(out);
        return -1;
    }
    long long running = 0;
    for (size_t i = 0; i < out->n; i++)
        out->rows[i].running = running += out->rows[i].count;
    return 0;
}

int report_members_total(struct db *db, enum report_key key, long long *n, char **err)
{
    if (key == REPORT_BY_ORGANISATION) {
        struct org_tree t;
        *n = 0;
        if (org_tree_count(db, &t, err) != 0) return -1;
        *n = t.members;
        org_tree_free(&t);
        return 0;
    }
    const char *sql =
        key == REPORT_BY_SKILL
            ? "SELECT '', '', count(*), 0 FROM members WHERE deleted_at IS "
              "NULL AND skills <> ''"
            /* the count the triggers keep (lists.c reads it too), not 100,000 entries */
            : "SELECT '', '', n, 0 FROM live_counts WHERE tbl = 'members'";
    struct report_table t = {0};
    int rc = read_rows(db, sql, 0, COUNT_TARGET, &t, err);
    *n = rc == 0 && t.n == 1 ? t.rows[0].count : 0;
    report_table_free(&t);
    return rc;
}

/* The WHERE clause of the events a filter takes: ?1 and ?2 are the dates (open ends bound
 * as dates before and after any), ?3 the organisation, ?4 the series, so events_by_date (or
 * events_by_series) is read. */
static char *events_where(const struct events_filter *f)
{
    return xasprintf("e.deleted_at IS NULL AND e.start_date >= ?1 AND e.start_date <= ?2%s%s",
                     f->org_id > 0 ? " AND (e.host_id = ?3 OR EXISTS (SELECT 1 FROM "
                                     "event_partners ep WHERE ep.event_id = e.id AND ep.org_id = "
                                     "?3))"
                                   : "",
                     f->series_id > 0 ? " AND e.series_id = ?4" : "");
}

static sqlite3_stmt *events_prepare(struct db *db, const char *sql, const struct events_filter *f,
                                    char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return NULL;
    sqlite3_bind_text(st, 1, f->from ? f->from : "0000", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, f->to ? f->to : "9999-99-99", -1, SQLITE_TRANSIENT);
    if (f->org_id > 0) sqlite3_bind_int64(st, 3, f->org_id);
    if (f->series_id > 0) sqlite3_bind_int64(st, 4, f->series_id);
    return st;
}

static int read_events(struct db *db, const struct events_filter *f, const char *where,
                       struct events_report *r, char **err)
{
    char *sql = xasprintf(
        "SELECT e.id, e.title, (SELECT count(*) FROM attendance a INDEXED BY attendance_attended "
        "WHERE a.event_id = e.id AND "
        "a.status = 'attended' AND a.deleted_at IS NULL), coalesce(e.target, 0), e.start_date, "
        "e.status FROM events e WHERE %s ORDER BY e.start_date, e.id",
        where);
    sqlite3_stmt *st = events_prepare(db, sql, f, err);
    free(sql);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct report_row *row = add_row(&r->events, st);
        row->count = sqlite3_column_int64(st, 2);
        row->target = sqlite3_column_int64(st, 3);
        r->dates = xrealloc(r->dates, sizeof *r->dates * r->events.n);
        r->dates[r->events.n - 1] = xstrdup((const char *)sqlite3_column_text(st, 4));
        /* Held: marked held, or anyone came (a past meeting nobody marked). */
        if (row->count > 0 || strcmp((const char *)sqlite3_column_text(st, 5), "held") == 0)
            r->held++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

/* A period's totals from reach (migration 017): the day's attendances summed, and each
 * person, organisation, subdistrict and province counted on their first day in the period
 * (their row whose prev falls before it): small index ranges instead of the period's rows. */
#define REACHED(kind)                                                                              \
    "(SELECT count(*) FROM reach WHERE kind = " #kind " AND day BETWEEN ?1 AND ?2 AND (prev IS "   \
    "NULL OR prev < ?1))"
static const char rows_reach[] =
    "SELECT count(*), count(DISTINCT a.member_id), count(DISTINCT a.org_id), count(DISTINCT "
    "CASE WHEN m.subdistrict <> '' THEN " SUBDISTRICT_KEY " END), count(DISTINCT m.province) "
    "FROM events e CROSS JOIN attendance a INDEXED BY attendance_attended ON a.event_id = e.id "
    "AND a.status = 'attended' AND a.deleted_at IS NULL JOIN members m ON m.id = a.member_id "
    "WHERE %s";
static const char reach_totals[] =
    "SELECT (SELECT coalesce(sum(n), 0) FROM reach WHERE kind = 0 AND day BETWEEN ?1 AND "
    "?2), " REACHED(1) ", " REACHED(2) ", " REACHED(3) ", " REACHED(4);

/* The events first, then their attended rows through the partial index that holds what is
 * counted (the breakout groups' index on event_id otherwise wins and reads every row from the
 * table: 0.50 instead of 0.33 s for a year of the large demo). Events of an organisation or a
 * series are a few: only they are counted from their rows. */
static int read_reach(struct db *db, const struct events_filter *f, const char *where,
                      struct events_report *r, char **err)
{
    char *sql =
        f->org_id > 0 || f->series_id > 0 ? xasprintf(rows_reach, where) : xstrdup(reach_totals);
    sqlite3_stmt *st = events_prepare(db, sql, f, err);
    free(sql);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long *out[] = {&r->attendances, &r->people, &r->organisations, &r->subdistricts,
                            &r->provinces};
        for (int i = 0; i < 5; i++)
            *out[i] = sqlite3_column_int64(st, i);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot make the report");
        return -1;
    }
    return 0;
}

/* A series that is not there is an error, not an empty report. */
static int series_exists(struct db *db, long long id, char **err)
{
    struct report_table t = {0};
    int rc =
        read_rows(db, "SELECT '', '', count(*), 0 FROM series WHERE id = ?1 AND deleted_at IS NULL",
                  id, COUNT_TARGET, &t, err);
    if (rc == 0 && (t.n != 1 || t.rows[0].count == 0)) {
        *err = xasprintf(_("no series %lld"), id);
        rc = -1;
    }
    report_table_free(&t);
    return rc;
}

int report_events(struct db *db, const struct events_filter *f, struct events_report *out,
                  char **err)
{
    memset(out, 0, sizeof *out);
    if (f->series_id > 0 && series_exists(db, f->series_id, err) != 0) return -1;
    char *where = events_where(f);
    int rc = read_events(db, f, where, out, err);
    if (rc == 0) rc = read_reach(db, f, where, out, err);
    free(where);
    if (rc != 0) events_report_free(out);
    return rc;
}

void events_report_free(struct events_report *r)
{
    for (size_t i = 0; i < r->events.n; i++)
        free(r->dates[i]);
    free(r->dates);
    report_table_free(&r->events);
    memset(r, 0, sizeof *r);
}
