/* Goals' progress: each measure is counted as a timeline (a date and how much was added that
 * day, in date order), so one pass gives the count, the day it crossed the target and the
 * pace. The SQL is put together from fixed fragments chosen by which of the goal's event,
 * series, period, tag and organisation are set, never from user text; each fragment reaches
 * the rows through an index (events_by_date, events_by_series, attendance_once,
 * member_tags_by_tag, affiliations_by_org, organisations_by_parent). */
#include "goal.h"
#include "calendar.h"
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const goal_measure_keys[GOAL_MEASURES] = {
    "members", "people", "attendances", "organisations", "subdistricts", "manual"};

int goal_measure_from_key(const char *key)
{
    for (int i = 0; i < GOAL_MEASURES; i++)
        if (strcmp(goal_measure_keys[i], key) == 0) return i;
    return -1;
}

/* A goal as stored: what its counting needs. */
struct goal_row {
    long long id, target, value, org, event, series;
    bool has_value;
    enum goal_measure measure;
    char *title, *tag, *due, *from, *to, *created, *updated;
};

static void goal_row_free(struct goal_row *g)
{
    free(g->title);
    free(g->tag);
    free(g->due);
    free(g->from);
    free(g->to);
    free(g->created);
    free(g->updated);
}

static char *column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t && *t ? xstrdup((const char *)t) : NULL;
}

#define GOAL_COLUMNS                                                                               \
    "SELECT id, title, target, due_date, measure, tag, coalesce(org_id, 0), "                      \
    "coalesce(event_id, 0), coalesce(series_id, 0), from_date, to_date, value, "                   \
    "substr(created_at, 1, 10), substr(updated_at, 1, 10) FROM goals "

static void read_goal(sqlite3_stmt *st, struct goal_row *g)
{
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    g->title = column_text(st, 1);
    g->target = sqlite3_column_int64(st, 2);
    g->due = column_text(st, 3);
    int m = goal_measure_from_key((const char *)sqlite3_column_text(st, 4));
    g->measure = m < 0 ? GOAL_MANUAL : (enum goal_measure)m;
    g->tag = column_text(st, 5);
    g->org = sqlite3_column_int64(st, 6);
    g->event = sqlite3_column_int64(st, 7);
    g->series = sqlite3_column_int64(st, 8);
    g->from = column_text(st, 9);
    g->to = column_text(st, 10);
    g->has_value = sqlite3_column_type(st, 11) != SQLITE_NULL;
    g->value = sqlite3_column_int64(st, 11);
    g->created = column_text(st, 12);
    g->updated = column_text(st, 13);
}

/* --- the SQL of each measure ----------------------------------------------------------- */

/* The events a goal counts at, as ev(id, start_date): one event, a series' (in the period
 * when there is one), or the period's. */
#define EV_EVENT "SELECT id, start_date FROM events WHERE id = :event AND deleted_at IS NULL"
#define EV_SERIES                                                                                  \
    "SELECT id, start_date FROM events WHERE series_id = :series AND start_date BETWEEN :from "    \
    "AND :to AND deleted_at IS NULL"
#define EV_PERIOD                                                                                  \
    "SELECT id, start_date FROM events WHERE start_date BETWEEN :from AND :to AND deleted_at IS "  \
    "NULL"
/* Who came to them: att(day, event_id, member_id, org_id). */
/* Events first, then their rows (attendance_attended holds all a row needs): CROSS JOIN keeps
 * that order, which SQLite would otherwise trade for a walk of all 300,000 rows in member order
 * to save the GROUP BY's sort; MATERIALIZED reads them once for the GROUP BY and the join.
 * INDEXED BY, because the breakout groups' index (event_id, breakout) looks as good to the
 * planner and makes it read every row from the table: 178 instead of 110 ms for a year's
 * people on the large demo. */
#define ATT                                                                                        \
    ", att AS MATERIALIZED (SELECT ev.start_date AS day, a.event_id, a.member_id, a.org_id FROM "  \
    "ev CROSS JOIN attendance a INDEXED BY attendance_attended ON a.event_id = ev.id WHERE "       \
    "a.status = 'attended' AND a.deleted_at IS NULL) "
/* A place is told apart by the places it lies in, as the reports tell it. */
#define SUBDISTRICT_KEY "coalesce(m.province, '') || '/' || m.district || '/' || m.subdistrict"
#define MEMBER_NAME                                                                                \
    "(m.title || CASE WHEN m.title GLOB '[A-Za-z]*' THEN ' ' ELSE '' END || m.given_name || "      \
    "CASE WHEN m.family_name <> '' THEN ' ' || m.family_name ELSE '' END)"
/* An organisation and every one under it. */
#define NET                                                                                        \
    "WITH RECURSIVE net(id) AS (SELECT :org UNION SELECT o.id FROM organisations o JOIN net ON "   \
    "o.parent_id = net.id WHERE o.deleted_at IS NULL) "
#define BY_TAG                                                                                     \
    " AND m.id IN (SELECT x.member_id FROM member_tags x JOIN tags t ON t.id = x.tag_id WHERE "    \
    "t.name = :tag)"
#define BY_ORG " AND m.id IN (SELECT a.member_id FROM affiliations a WHERE a.org_id IN net)"

/* "WITH ev AS (...), att AS (...) " for the attendance measures; NET for members. */
static void add_scope(struct strbuf *sb, const struct goal_row *g)
{
    if (g->measure == GOAL_MEMBERS) {
        sb_add(sb, NET);
        return;
    }
    sb_add(sb, "WITH ev AS (");
    sb_add(sb, g->event ? EV_EVENT : g->series ? EV_SERIES : EV_PERIOD);
    sb_add(sb, ")" ATT);
}

/* members_live_created holds a live member's day joined: a network's 30,000 members are
 * looked up there in 25 ms, instead of 95 ms in the table (the planner takes the rowid). */
static void add_members(struct strbuf *sb, const struct goal_row *g, bool by_day)
{
    sb_add(sb, by_day ? "FROM members m INDEXED BY members_live_created WHERE m.deleted_at IS NULL"
                      : "FROM members m WHERE m.deleted_at IS NULL");
    if (g->tag) sb_add(sb, BY_TAG);
    if (g->org) sb_add(sb, BY_ORG);
}

/* A period's goal by attendance reads reach (migration 017): the attendances of each day, or
 * the days on which someone was reached for the first time in the period (their row whose
 * prev falls before it), from reach_by_day in day order without grouping anyone's rows. */
#define REACH_DAYS "FROM reach WHERE kind = %d AND day BETWEEN :from AND :to "
#define REACH_FIRSTS "AND (prev IS NULL OR prev < :from) GROUP BY day ORDER BY day"

static char *reach_timeline_sql(const struct goal_row *g)
{
    static const int kinds[GOAL_MEASURES] = {[GOAL_ATTENDANCES] = 0,
                                             [GOAL_PEOPLE] = 1,
                                             [GOAL_ORGANISATIONS] = 2,
                                             [GOAL_SUBDISTRICTS] = 3};
    if (g->measure == GOAL_ATTENDANCES)
        return xasprintf("SELECT day, n " REACH_DAYS "ORDER BY day", 0);
    return xasprintf("SELECT day, count(*) " REACH_DAYS REACH_FIRSTS, kinds[g->measure]);
}

/* The timeline: rows of (day, how many were added that day), in date order. */
static char *timeline_sql(const struct goal_row *g)
{
    if (g->measure != GOAL_MEMBERS && g->measure != GOAL_MANUAL && !g->event && !g->series)
        return reach_timeline_sql(g);
    struct strbuf sb = STRBUF_INIT;
    add_scope(&sb, g);
    switch (g->measure) {
    case GOAL_MEMBERS:
        sb_add(&sb, "SELECT substr(m.created_at, 1, 10) AS day, count(*) ");
        add_members(&sb, g, true);
        sb_add(&sb, " GROUP BY day ORDER BY day");
        break;
    case GOAL_ATTENDANCES:
        sb_add(&sb, "SELECT day, count(*) FROM att GROUP BY day ORDER BY day");
        break;
    case GOAL_PEOPLE:
        sb_add(&sb, "SELECT first, count(*) FROM (SELECT min(day) AS first FROM att GROUP BY "
                    "member_id) GROUP BY first ORDER BY first");
        break;
    case GOAL_ORGANISATIONS:
        sb_add(&sb, "SELECT first, count(*) FROM (SELECT min(day) AS first FROM att WHERE org_id "
                    "IS NOT NULL GROUP BY org_id) GROUP BY first ORDER BY first");
        break;
    default:
        /* each person's first day, then their place: a lookup a person, not an attendance,
         * and the places grouped by their parts (as SUBDISTRICT_KEY tells them apart) */
        sb_add(&sb, "SELECT first, count(*) FROM (SELECT min(f.first) AS first FROM (SELECT "
                    "member_id, min(day) AS first FROM att GROUP BY member_id) f JOIN members m "
                    "ON m.id = f.member_id WHERE m.subdistrict <> '' GROUP BY m.province, "
                    "m.district, m.subdistrict) GROUP BY first ORDER BY first");
        break;
    }
    return sb_take(&sb);
}

/* The rows behind the number: key, label, count. */
static char *drill_sql(const struct goal_row *g)
{
    struct strbuf sb = STRBUF_INIT;
    add_scope(&sb, g);
    switch (g->measure) {
    case GOAL_MEMBERS:
        sb_add(&sb, "SELECT m.id, " MEMBER_NAME ", 0 ");
        add_members(&sb, g, false);
        sb_add(&sb, " ORDER BY m.given_name COLLATE thai, m.family_name COLLATE thai, m.id "
                    "LIMIT :limit");
        break;
    case GOAL_ATTENDANCES:
        sb_add(&sb, "SELECT att.event_id, (SELECT title FROM events WHERE id = att.event_id), "
                    "count(*) FROM att GROUP BY att.event_id ORDER BY min(att.day), att.event_id "
                    "LIMIT :limit");
        break;
    case GOAL_PEOPLE:
        sb_add(&sb, "SELECT m.id, " MEMBER_NAME ", n FROM (SELECT member_id, count(*) AS n FROM "
                    "att GROUP BY member_id) JOIN members m ON m.id = member_id ORDER BY n DESC, "
                    "m.given_name COLLATE thai, m.id LIMIT :limit");
        break;
    case GOAL_ORGANISATIONS:
        sb_add(&sb, "SELECT o.id, o.name, n FROM (SELECT org_id, count(*) AS n FROM att WHERE "
                    "org_id IS NOT NULL GROUP BY org_id) JOIN organisations o ON o.id = org_id "
                    "ORDER BY n DESC, o.name COLLATE thai LIMIT :limit");
        break;
    default:
        sb_add(&sb, "SELECT " SUBDISTRICT_KEY ", m.subdistrict || coalesce(', ' || nullif("
                    "m.district, ''), '') || coalesce(', ' || (SELECT name_th FROM provinces "
                    "WHERE code = m.province), ''), count(DISTINCT m.id) AS n FROM att JOIN "
                    "members m ON m.id = att.member_id WHERE m.subdistrict <> '' GROUP "
                    "BY " SUBDISTRICT_KEY " ORDER BY n DESC, 2 COLLATE thai LIMIT :limit");
        break;
    }
    return sb_take(&sb);
}

static void bind_name(sqlite3_stmt *st, const char *name, const char *text)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0) sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

static void bind_num(sqlite3_stmt *st, const char *name, long long n)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0) sqlite3_bind_int64(st, i, n);
}

static sqlite3_stmt *prepare_goal(struct db *db, const char *sql, const struct goal_row *g,
                                  char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return NULL;
    bind_num(st, ":event", g->event);
    bind_num(st, ":series", g->series);
    bind_num(st, ":org", g->org);
    bind_name(st, ":tag", g->tag ? g->tag : "");
    bind_name(st, ":from", g->from ? g->from : "0000-01-01");
    bind_name(st, ":to", g->to ? g->to : "9999-12-31");
    return st;
}

/* --- progress --------------------------------------------------------------------------- */

static bool iso_date(const char *s, struct date *d)
{
    return s && date_from_iso(s, d) == 0;
}

/* Walks the timeline: the count, the first day, the day it reached the target. */
static int count_timeline(struct db *db, const struct goal_row *g, struct goal_progress *p,
                          char **err)
{
    char *sql = timeline_sql(g);
    sqlite3_stmt *st = prepare_goal(db, sql, g, err);
    free(sql);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct date day;
        bool dated = iso_date((const char *)sqlite3_column_text(st, 0), &day);
        p->actual += sqlite3_column_int64(st, 1);
        if (dated && !p->has_start) {
            p->start = day;
            p->has_start = true;
        }
        if (dated && !p->reached && p->actual >= p->target) {
            p->reached = true;
            p->reached_on = day;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot count the goal");
        return -1;
    }
    return 0;
}

/* A manual goal: its value, counted from when the goal was made, reached on the day the value
 * last changed (the day it was typed in). */
static void count_manual(const struct goal_row *g, struct goal_progress *p)
{
    p->actual = g->has_value ? g->value : 0;
    p->has_start = iso_date(g->created, &p->start);
    if (p->actual >= p->target) p->reached = iso_date(g->updated, &p->reached_on);
}

enum { MAX_PROJECTION_DAYS = 100 * 366 };

/* The pace from start to today, and the day the target falls at that pace. */
static void project(struct goal_progress *p, struct date today)
{
    long days = p->has_start ? calendar_days_between(p->start, today) + 1 : 0;
    p->per_day = days > 0 && p->actual > 0 ? (double)p->actual / (double)days : 0;
    if (!p->reached && p->per_day > 0) {
        double exact = (double)(p->target - p->actual) / p->per_day;
        long need = exact < MAX_PROJECTION_DAYS + 1 ? (long)exact : MAX_PROJECTION_DAYS + 1;
        if (need < exact) need++;
        if (need <= MAX_PROJECTION_DAYS) {
            p->projected = calendar_add_days(today, (long)need);
            p->has_projection = true;
        }
    }
    if (!p->has_due)
        p->on_track = true;
    else if (p->reached)
        p->on_track = date_cmp(p->reached_on, p->due) <= 0;
    else
        p->on_track = p->has_projection && date_cmp(p->projected, p->due) <= 0;
}

static int progress_of(struct db *db, const struct goal_row *g, struct date today,
                       struct goal_progress *p, char **err)
{
    memset(p, 0, sizeof *p);
    p->id = g->id;
    p->title = xstrdup(g->title ? g->title : "");
    p->measure = g->measure;
    p->target = g->target;
    p->has_due = iso_date(g->due, &p->due);
    if (g->measure == GOAL_MANUAL) {
        count_manual(g, p);
    } else if (count_timeline(db, g, p, err) != 0) {
        goal_progress_free(p);
        return -1;
    }
    /* A period's pace runs from its first day, not from the first person who came. */
    if (g->from && g->measure != GOAL_MANUAL) p->has_start = iso_date(g->from, &p->start);
    project(p, today);
    return 0;
}

int goal_progress(struct db *db, long long id, struct date today, struct goal_progress *out,
                  char **err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(db, GOAL_COLUMNS "WHERE id = ? AND deleted_at IS NULL", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    struct goal_row g;
    if (rc == SQLITE_ROW) read_goal(st, &g);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        char num[32];
        snprintf(num, sizeof num, "%lld", id);
        *err = xasprintf(_("no %s with id %s"), kind_noun(KIND_GOAL), num);
        return 1;
    }
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot read");
        return -1;
    }
    rc = progress_of(db, &g, today, out, err);
    goal_row_free(&g);
    return rc;
}

/* The goals are read first and counted after, so no statement is open while another runs. */
static int read_goals(struct db *db, struct goal_row **rows, size_t *n, char **err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(
        db, GOAL_COLUMNS "WHERE deleted_at IS NULL ORDER BY due_date IS NULL, due_date, id", err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *rows = xrealloc(*rows, sizeof **rows * (*n + 1));
        read_goal(st, &(*rows)[(*n)++]);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot read the goals");
    for (size_t i = 0; i < *n; i++)
        goal_row_free(&(*rows)[i]);
    free(*rows);
    return -1;
}

int goals_progress(struct db *db, struct date today, struct goal_progress **out, size_t *n,
                   char **err)
{
    struct goal_row *rows;
    size_t count;
    *out = NULL;
    *n = 0;
    if (read_goals(db, &rows, &count, err) != 0) return -1;
    int rc = 0;
    if (count) *out = xcalloc(count, sizeof **out);
    for (size_t i = 0; i < count; i++) {
        if (rc == 0 && progress_of(db, &rows[i], today, &(*out)[*n], err) == 0)
            (*n)++;
        else
            rc = -1;
        goal_row_free(&rows[i]);
    }
    free(rows);
    if (rc != 0) {
        goals_progress_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void goal_progress_free(struct goal_progress *g)
{
    free(g->title);
    g->title = NULL;
}

void goals_progress_free(struct goal_progress *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        goal_progress_free(&g[i]);
    free(g);
}

long long goal_percent(const struct goal_progress *g)
{
    return g->target > 0 ? g->actual * 100 / g->target : 0;
}

/* --- drill-down ------------------------------------------------------------------------- */

static int read_drill(sqlite3_stmt *st, struct db *db, struct report_table *out, char **err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->rows = xrealloc(out->rows, sizeof *out->rows * (out->n + 1));
        struct report_row *r = &out->rows[out->n++];
        memset(r, 0, sizeof *r);
        const unsigned char *key = sqlite3_column_text(st, 0), *label = sqlite3_column_text(st, 1);
        r->key = xstrdup(key ? (const char *)key : "");
        r->label = xstrdup(label ? (const char *)label : "");
        r->count = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot list");
    report_table_free(out);
    return -1;
}

int goal_drill(struct db *db, long long id, int limit, enum kind *kind, struct report_table *out,
               long long *total, char **err)
{
    memset(out, 0, sizeof *out);
    *total = 0;
    *kind = KIND_COUNT;
    struct goal_progress p;
    int rc = goal_progress(db, id, date_today(), &p, err);
    if (rc != 0) return rc;
    sqlite3_stmt *st = db_prepare(db, GOAL_COLUMNS "WHERE id = ?", err);
    if (!st) {
        goal_progress_free(&p);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    struct goal_row g;
    bool found = sqlite3_step(st) == SQLITE_ROW;
    if (found) read_goal(st, &g);
    sqlite3_reset(st);
    if (!found) { /* deleted since its progress was read */
        goal_progress_free(&p);
        *err = db_error(db, "cannot read");
        return -1;
    }
    static const enum kind kinds[GOAL_MEASURES] = {KIND_MEMBER, KIND_MEMBER, KIND_EVENT,
                                                   KIND_ORG,    KIND_COUNT,  KIND_COUNT};
    *kind = kinds[g.measure];
    /* The events of an attendance goal are fewer than its count: the count is theirs. */
    *total = g.measure == GOAL_ATTENDANCES ? 0 : p.actual;
    goal_progress_free(&p);
    rc = 0;
    if (g.measure != GOAL_MANUAL) {
        char *sql = drill_sql(&g);
        st = prepare_goal(db, sql, &g, err);
        free(sql);
        if (st) bind_num(st, ":limit", limit);
        rc = st ? read_drill(st, db, out, err) : -1;
    }
    if (rc == 0 && g.measure == GOAL_ATTENDANCES) *total = (long long)out->n;
    goal_row_free(&g);
    return rc;
}

static int count_of(struct db *db, const char *sql, long long id, const char *text,
                    long long *total, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    if (id) sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) return 0;
    *err = db_error(db, "cannot count");
    return -1;
}

int drill_province_members(struct db *db, const char *province, int limit, struct report_table *out,
                           long long *total, char **err)
{
    memset(out, 0, sizeof *out);
    /* members_by_province (province, given_name, id) gives the order without a sort. */
    if (count_of(db, "SELECT count(*) FROM members WHERE province IS ?2 AND deleted_at IS NULL", 0,
                 *province ? province : NULL, total, err) != 0)
        return -1;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT m.id, " MEMBER_NAME ", 0 FROM members m WHERE "
                                  "m.province IS ?1 AND m.deleted_at IS NULL ORDER BY m.province, "
                                  "m.given_name COLLATE thai, m.id LIMIT ?2",
                                  err);
    if (!st) return -1;
    if (*province)
        sqlite3_bind_text(st, 1, province, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int(st, 2, limit);
    return read_drill(st, db, out, err);
}

#define SUBDISTRICT_ATTENDEES                                                                      \
    "FROM attendance a JOIN members m ON m.id = a.member_id WHERE a.event_id = ?1 AND a.status = " \
    "'attended' AND a.deleted_at IS NULL AND " SUBDISTRICT_KEY " = ?2"

int drill_subdistrict_attendees(struct db *db, long long event_id, const char *subdistrict,
                                int limit, struct report_table *out, long long *total, char **err)
{
    memset(out, 0, sizeof *out);
    if (count_of(db, "SELECT count(*) " SUBDISTRICT_ATTENDEES, event_id, subdistrict, total, err) !=
        0)
        return -1;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT m.id, " MEMBER_NAME ", 0 " SUBDISTRICT_ATTENDEES
                                  " ORDER BY m.given_name COLLATE thai, m.id LIMIT ?3",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_text(st, 2, subdistrict, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, limit);
    return read_drill(st, db, out, err);
}
