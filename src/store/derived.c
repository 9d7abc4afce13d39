/* Derived data set-wise (derived.h). Each fill below is the statement a migration used to
 * fill its table from the rows already there (006, 008, 011, 013, 015, 017), and stands in
 * for the insert triggers it names: each attended row adds five reach rows, each of which
 * runs two more updates, and each row of every kind runs its own statements. The full-text
 * indexes keep their triggers: the members come in one INSERT ... SELECT, which FTS5 indexes
 * in one pass (a 'rebuild' afterwards cost as much again), and organisations are few. */
#include "derived.h"
#include "messages.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct fill {
    const char *triggers[4]; /* the insert triggers this fill replaces */
    const char *sql;
};

#define LIVE_COUNT(t)                                                                              \
    "UPDATE live_counts SET n = (SELECT count(*) FROM " t " WHERE deleted_at IS NULL) "            \
    "WHERE tbl = '" t "';"

#define PROVINCE_NAME(t) "coalesce((SELECT name_th FROM provinces WHERE code = " t ".province), '')"

static const struct fill fills[] = {
    /* 015: sort keys. The save path binds sort_province already; this puts right any other. */
    {{"members_sort_province_insert"},
     "UPDATE members SET sort_province = " PROVINCE_NAME(
         "members") " WHERE sort_province IS NOT " PROVINCE_NAME("members")},
    {{"organisations_sort_province_insert"},
     "UPDATE organisations SET sort_province = " PROVINCE_NAME(
         "organisations") " WHERE sort_province IS NOT " PROVINCE_NAME("organisations")},
    /* The first organisation (lowest position, then lowest id: the index's order) by name. */
    {{"affiliations_sort_insert"},
     "UPDATE members SET sort_org = f.name FROM (SELECT member_id, name FROM (SELECT "
     "a.member_id, o.name, row_number() OVER (PARTITION BY a.member_id ORDER BY a.position, "
     "a.org_id) AS r FROM affiliations a JOIN organisations o ON o.id = a.org_id) WHERE r = 1) "
     "AS f WHERE members.id = f.member_id AND members.sort_org IS NOT f.name"},
    /* 011: an event's groups numbered in the order people first appear in them, and made in
     * that order (their ids as the trigger gives them). */
    {{"event_groups_from_insert"},
     "INSERT OR IGNORE INTO event_groups (event_id, name, position) "
     "SELECT event_id, breakout, row_number() OVER (PARTITION BY event_id ORDER BY min(id)) "
     "FROM attendance WHERE breakout <> '' GROUP BY event_id, breakout ORDER BY min(id)"},
    /* 013: a task's first member then its first organisation, task by task. */
    {{"task_owners_insert"},
     "INSERT OR IGNORE INTO task_owners (task_id, member_id, org_id, position) "
     "SELECT id, owner_id, NULL, 0 FROM tasks WHERE owner_id IS NOT NULL UNION ALL "
     "SELECT id, NULL, owner_org_id, 1 FROM tasks WHERE owner_org_id IS NOT NULL "
     "ORDER BY 1, 4"},
    /* 006 */
    {{"invitation_history_insert"},
     "INSERT INTO invitation_history (invitation_id, status, reason, at, who) "
     "SELECT id, status, reason, status_at, updated_by FROM invitations ORDER BY id"},
    /* 004, 008, 010, 012 */
    {{"members_count_insert", "organisations_count_insert", "events_count_insert"},
     LIVE_COUNT("members") LIVE_COUNT("organisations") LIVE_COUNT("events")},
    {{"tasks_count_insert", "attendance_count_insert", "invitations_count_insert"},
     LIVE_COUNT("tasks") LIVE_COUNT("attendance") LIVE_COUNT("invitations")},
    {{"goals_count_insert", "series_count_insert"}, LIVE_COUNT("goals") LIVE_COUNT("series")},
    /* 017: who was reached on which day, each with the day before it (prev). */
    {{"attendance_reach_insert", "reach_insert"},
     "DELETE FROM reach; INSERT INTO reach (kind, who, day, n, prev) "
     "SELECT kind, who, day, n, lag(day) OVER (PARTITION BY kind, who ORDER BY day) "
     "FROM (SELECT kind, who, day, count(*) AS n FROM attendance_reach WHERE who IS NOT NULL "
     "GROUP BY kind, who, day)"},
};

struct derived {
    bool run[COUNT(fills)];
    char **sql; /* the dropped indexes' and triggers' own text, to create them again */
    size_t nsql;
};

void derived_free(struct derived **dp)
{
    struct derived *d = *dp;
    if (!d) return;
    for (size_t i = 0; i < d->nsql; i++)
        free(d->sql[i]);
    free(d->sql);
    free(d);
    *dp = NULL;
}

static int exec(struct db *db, const char *sql, char **err)
{
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    *err = db_error(db, N_("cannot write"));
    return -1;
}

/* Drops one trigger, keeping its text; a trigger the schema lacks is skipped. */
static int drop_trigger(struct db *db, struct derived *d, const char *name, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    char *sql = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) sql = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (!sql) return 0;
    d->sql = xrealloc(d->sql, sizeof *d->sql * (d->nsql + 1));
    d->sql[d->nsql++] = sql;
    char *drop = xasprintf("DROP TRIGGER %s", name); /* a name from fills[], not user text */
    int rc = exec(db, drop, err);
    free(drop);
    return rc;
}

/* The big tables' secondary indexes are made after the fill: one sort each instead of a
 * million inserts in random order into a dozen trees that no longer fit in the cache. The
 * unique ones stay (the fills' INSERT OR IGNORE relies on them). */
static int drop_indexes(struct db *db, struct derived *d, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                  "sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND "
                                  "tbl_name IN ('members', 'attendance', 'affiliations')",
                                  err);
    if (!st) return -1;
    size_t first = d->nsql;
    char **names = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        d->sql = xrealloc(d->sql, sizeof *d->sql * (d->nsql + 1));
        d->sql[d->nsql++] = xstrdup((const char *)sqlite3_column_text(st, 1));
        names = xrealloc(names, sizeof *names * (d->nsql - first));
        names[d->nsql - first - 1] = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_reset(st);
    int rc = 0;
    for (size_t i = 0; i < d->nsql - first; i++) {
        /* the schema's own index names, quoted as identifiers */
        char *drop = xasprintf("DROP INDEX \"%s\"", names[i]);
        if (rc == 0) rc = exec(db, drop, err);
        free(drop);
        free(names[i]);
    }
    free(names);
    return rc;
}

int derived_suspend(struct db *db, struct derived **out, char **err)
{
    struct derived *d = xcalloc(1, sizeof *d);
    if (drop_indexes(db, d, err) != 0) {
        derived_free(&d);
        return -1;
    }
    for (size_t i = 0; i < COUNT(fills); i++) {
        for (size_t t = 0; t < COUNT(fills[i].triggers) && fills[i].triggers[t]; t++) {
            size_t before = d->nsql;
            if (drop_trigger(db, d, fills[i].triggers[t], err) != 0) {
                derived_free(&d);
                return -1;
            }
            if (d->nsql > before) d->run[i] = true;
        }
    }
    *out = d;
    return 0;
}

int derived_build(struct db *db, struct derived **dp, char **err)
{
    struct derived *d = *dp;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < COUNT(fills); i++)
        if (d->run[i]) rc = exec(db, fills[i].sql, err);
    for (size_t i = 0; rc == 0 && i < d->nsql; i++)
        rc = exec(db, d->sql[i], err);
    derived_free(dp);
    return rc;
}
