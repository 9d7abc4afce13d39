/* Breakout groups of an event and putting people in them: by hand, by a member's or their
 * attendance's field, or balanced into N groups. A whole assignment is one transaction and
 * one step on the undo log; each person moved gets an audit row. */
#include "groups.h"
#include "messages.h"
#include "store_internal.h"
#include "undo.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const group_rule_names[GROUP_RULES] = {"province",     "district", "subdistrict",
                                                   "organisation", "category", "balance"};

int group_rule_from_name(const char *name)
{
    if (strcmp(name, "org") == 0 || strcmp(name, "organization") == 0) return GROUP_BY_ORGANISATION;
    for (int i = 0; i < GROUP_BALANCE; i++)
        if (strcmp(name, group_rule_names[i]) == 0) return i;
    return -1;
}

static char *column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return xstrdup(t ? (const char *)t : "");
}

/* A group name as a save stores the attendance field: trimmed, normalised. malloc'd. */
static int group_name(struct db *db, const char *input, char **out, char **err)
{
    struct stored v = {0};
    if (field_store(db, KIND_ATTENDANCE, field_pos(F_ATTENDANCE_GROUP), input, &v, err) != 0)
        return -1;
    *out = xstrdup(v.text ? v.text : "");
    stored_free(&v);
    return 0;
}

static int event_live(struct db *db, long long event_id, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT 1 FROM events WHERE id = ?1 AND deleted_at IS NULL", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    sqlite3_reset(st);
    if (rc != 0) *err = xasprintf(_("no event %lld"), event_id);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * The groups */

static const char groups_sql[] =
    "SELECT g.id, g.name, coalesce(g.facilitator_id, 0), g.room, (SELECT count(*) FROM "
    "attendance a WHERE a.event_id = g.event_id AND a.breakout = g.name AND a.deleted_at IS "
    "NULL AND a.status NOT IN ('cancelled', 'absent')) FROM event_groups g WHERE g.event_id = ?1 "
    "ORDER BY g.position, g.id";

static char *member_name(struct db *db, long long id)
{
    struct record *m = NULL;
    char *err = NULL;
    if (!id || record_load(db, KIND_MEMBER, id, &m, &err) != 0) {
        free(err);
        return xstrdup("");
    }
    char *name = record_display_name(m);
    record_free(&m);
    return name;
}

int groups_list(struct db *db, long long event_id, struct event_group **out, size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, groups_sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        struct event_group *g = &(*out)[(*n)++];
        g->id = sqlite3_column_int64(st, 0);
        g->name = column_text(st, 1);
        g->facilitator_id = sqlite3_column_int64(st, 2);
        g->room = column_text(st, 3);
        g->count = sqlite3_column_int64(st, 4);
        g->facilitator = NULL;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the groups");
        groups_free(*out, *n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    /* Names after the statement is done: loading a member prepares statements of its own. */
    for (size_t i = 0; i < *n; i++)
        (*out)[i].facilitator = member_name(db, (*out)[i].facilitator_id);
    return 0;
}

int groups_ungrouped(struct db *db, long long event_id, long long *count, char **err)
{
    *count = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT count(*) FROM attendance WHERE event_id = ?1 AND "
                                  "coalesce(breakout, '') = '' AND deleted_at IS NULL AND "
                                  "status NOT IN ('cancelled', 'absent')",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *count = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count the people in no group");
        return -1;
    }
    return 0;
}

void groups_free(struct event_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(g[i].name);
        free(g[i].facilitator);
        free(g[i].room);
    }
    free(g);
}

/* The id of the event's group called name, or 0. */
static long long group_find(struct db *db, long long event_id, const char *name, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT id FROM event_groups WHERE event_id = ?1 AND name = ?2", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

/* Runs one write of a group in its own transaction with an audit row. */
static int group_write(struct db *db, const char *sql, long long event_id, const char *name,
                       const char *text, long long num, const char *field, char **err)
{
    char now[32];
    db_now(now);
    if (db_begin(db, err) != 0) return -1;
    sqlite3_stmt *st = db_prepare(db, sql, err);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, event_id);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        if (text) sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
        if (num) sqlite3_bind_int64(st, 4, num);
        sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
        if (rc != 0) *err = db_error(db, "cannot save the group");
    }
    if (rc == 0) {
        char nbuf[32];
        snprintf(nbuf, sizeof nbuf, "%lld", num);
        const char *pairs[] = {"name", name, field, text ? text : nbuf, NULL};
        char *json = audit_json(pairs);
        rc = audit_write_json(db, "event_groups", event_id, "update", NULL, json, now, err);
        free(json);
    }
    if (rc == 0) return db_commit(db, err);
    db_rollback(db);
    return -1;
}

/* The normalised name of an existing group, or -1 with *err. */
static int existing_group(struct db *db, long long event_id, const char *input, char **name,
                          char **err)
{
    if (event_live(db, event_id, err) != 0 || group_name(db, input, name, err) != 0) return -1;
    long long id = group_find(db, event_id, *name, err);
    if (id > 0) return 0;
    if (id == 0) *err = xasprintf(_("event %lld has no group called \"%s\""), event_id, *name);
    free(*name);
    *name = NULL;
    return -1;
}

int group_create(struct db *db, long long event_id, const char *input, char **err)
{
    char *name = NULL;
    if (event_live(db, event_id, err) != 0 || group_name(db, input, &name, err) != 0) return -1;
    int rc = -1;
    long long id = *name ? group_find(db, event_id, name, err) : 0;
    if (!*name)
        *err = xstrdup(_("a group needs a name"));
    else if (id > 0)
        *err = xasprintf(_("event %lld already has a group called \"%s\""), event_id, name);
    else if (id == 0)
        rc = group_write(db,
                         "INSERT INTO event_groups (event_id, name, position, created_at, "
                         "updated_at) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM "
                         "event_groups WHERE event_id = ?1), ?5, ?5)",
                         event_id, name, NULL, 0, "created", err);
    free(name);
    return rc;
}

int group_rename(struct db *db, long long event_id, const char *from, const char *to, char **err)
{
    char *old = NULL, *name = NULL;
    if (existing_group(db, event_id, from, &old, err) != 0) return -1;
    int rc = -1;
    if (group_name(db, to, &name, err) == 0) {
        long long other = *name ? group_find(db, event_id, name, err) : 0;
        if (!*name)
            *err = xstrdup(_("a group needs a name"));
        else if (other > 0 && strcmp(name, old) != 0)
            *err = xasprintf(_("event %lld already has a group called \"%s\""), event_id, name);
        else if (other >= 0)
            rc = group_write(db,
                             "UPDATE event_groups SET name = ?3, updated_at = ?5 WHERE event_id "
                             "= ?1 AND name = ?2",
                             event_id, old, name, 0, "renamed", err);
    }
    free(old);
    free(name);
    return rc;
}

int group_set_facilitator(struct db *db, long long event_id, const char *input, const char *member,
                          char **err)
{
    char *name = NULL;
    if (existing_group(db, event_id, input, &name, err) != 0) return -1;
    long long id = 0;
    int rc = *member ? model_find(db, FT_MEMBER, member, &id, err) : 0;
    if (rc == 0)
        rc = group_write(db,
                         "UPDATE event_groups SET facilitator_id = ?4, updated_at = ?5 WHERE "
                         "event_id = ?1 AND name = ?2",
                         event_id, name, NULL, id, "facilitator", err);
    free(name);
    return rc;
}

int group_set_room(struct db *db, long long event_id, const char *input, const char *room,
                   char **err)
{
    char *name = NULL, *clean = NULL;
    if (existing_group(db, event_id, input, &name, err) != 0) return -1;
    int rc = group_name(db, room, &clean, err); /* a room is one line, as a name is */
    if (rc == 0)
        rc = group_write(db,
                         "UPDATE event_groups SET room = ?3, updated_at = ?5 WHERE event_id = ?1 "
                         "AND name = ?2",
                         event_id, name, clean, 0, "room", err);
    free(name);
    free(clean);
    return rc;
}

int group_delete(struct db *db, long long event_id, const char *input, char **err)
{
    char *name = NULL;
    if (existing_group(db, event_id, input, &name, err) != 0) return -1;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT count(*) FROM attendance WHERE event_id = ?1 AND breakout = ?2", err);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, event_id);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        long long people = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (people)
            *err = xasprintf(P_("group \"%s\" still has %lld person: move them first",
                                "group \"%s\" still has %lld people: move them first", people),
                             name, people);
        else
            rc = group_write(db, "DELETE FROM event_groups WHERE event_id = ?1 AND name = ?2",
                             event_id, name, NULL, 0, "deleted", err);
    }
    free(name);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Moving people */

struct person {
    long long attendance_id, org_id;
    char *group;    /* the group they are in */
    char *value;    /* what the rule reads: province, district, ... ("" when none) */
    const char *to; /* the group the plan gives them, NULL: stays */
};

/* The event's people who take part (not cancelled or absent), in the order the rules use:
 * the rule's value (field rules), their organisation's name, their own name, id. */
static const char people_sql[] =
    "SELECT a.id, coalesce(a.org_id, 0), a.breakout, CASE ?2 WHEN 0 THEN coalesce((SELECT "
    "name_th FROM provinces WHERE code = m.province), '') WHEN 1 THEN m.district WHEN 2 THEN "
    "m.subdistrict WHEN 3 THEN coalesce(o.name, '') WHEN 4 THEN a.category ELSE '' END AS v "
    "FROM attendance a JOIN members m ON m.id = a.member_id LEFT JOIN organisations o ON o.id = "
    "a.org_id WHERE a.event_id = ?1 AND a.deleted_at IS NULL AND a.status NOT IN ('cancelled', "
    "'absent') ORDER BY v COLLATE thai, o.name COLLATE thai, a.org_id, m.given_name COLLATE "
    "thai, m.family_name COLLATE thai, a.id";

static void people_free(struct person *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].group);
        free(p[i].value);
    }
    free(p);
}

static int people_read(struct db *db, long long event_id, int rule, struct person **out, size_t *n,
                       char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, people_sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int(st, 2, rule);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        struct person *p = &(*out)[(*n)++];
        p->attendance_id = sqlite3_column_int64(st, 0);
        p->org_id = sqlite3_column_int64(st, 1);
        p->group = column_text(st, 2);
        p->value = column_text(st, 3);
        p->to = NULL;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot read the attendance");
    people_free(*out, *n);
    *out = NULL;
    *n = 0;
    return -1;
}

static void moves_add(struct group_moves *m, long long id, const char *from, const char *to,
                      long long version)
{
    m->v = xrealloc(m->v, sizeof *m->v * (m->n + 1));
    m->v[m->n++] = (struct group_move){id, xstrdup(from), xstrdup(to), version};
}

void group_moves_free(struct group_moves *m)
{
    for (size_t i = 0; m && i < m->n; i++) {
        free(m->v[i].from);
        free(m->v[i].to);
    }
    if (m) free(m->v);
}

/* Sets one row's group if it is still at version (0: any), with an audit row. Returns 0, 1
 * when the row changed since, -1 on error. */
static int move_one(struct db *db, long long id, const char *from, const char *to,
                    long long version, const char *now, long long *new_version, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db,
                   "UPDATE attendance SET breakout = ?2, version = version + 1, updated_at = ?3, "
                   "updated_by = ?4 WHERE id = ?1 AND (?5 = 0 OR version = ?5) RETURNING version",
                   err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *new_version = sqlite3_column_int64(st, 0);
    int done = rc == SQLITE_ROW ? sqlite3_step(st) : rc;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save");
        return -1;
    }
    (void)done;
    if (rc == SQLITE_DONE) return 1;
    const char *before[] = {"group", from, NULL}, *after[] = {"group", to, NULL};
    char *old_json = audit_json(before), *new_json = audit_json(after);
    int a = audit_write_json(db, "attendance", id, "update", old_json, new_json, now, err);
    free(old_json);
    free(new_json);
    return a;
}

/* Makes the groups named (in this order) that the event does not have yet. */
static int groups_ensure(struct db *db, long long event_id, char *const *names, size_t n,
                         const char *now, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT OR IGNORE INTO event_groups (event_id, name, position, "
                                  "created_at, updated_at) VALUES (?1, ?2, (SELECT "
                                  "coalesce(max(position), 0) + 1 FROM event_groups WHERE "
                                  "event_id = ?1), ?3, ?3)",
                                  err);
    if (!st) return -1;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, event_id);
        sqlite3_bind_text(st, 2, names[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            *err = db_error(db, "cannot save the group");
            return -1;
        }
    }
    return 0;
}

/* Writes the plan's moves (people whose p->to differs from their group). */
static int apply(struct db *db, long long event_id, struct person *p, size_t n,
                 struct group_moves *moves, const char *now, char **err)
{
    moves->event_id = event_id;
    for (size_t i = 0; i < n; i++) {
        if (!p[i].to || strcmp(p[i].to, p[i].group) == 0) continue;
        long long version = 0;
        int rc = move_one(db, p[i].attendance_id, p[i].group, p[i].to, 0, now, &version, err);
        if (rc != 0) return -1;
        moves_add(moves, p[i].attendance_id, p[i].group, p[i].to, version);
    }
    return 0;
}

/* Commits (or rolls back) an assignment and puts it on the undo log. */
static int finish(struct db *db, struct undo_log *undo, int rc, struct group_moves *moves,
                  struct group_outcome *out, char **err)
{
    if (rc == 0)
        rc = db_commit(db, err);
    else
        db_rollback(db);
    if (out) out->moved = rc == 0 ? (long long)moves->n : 0;
    if (rc == 0 && undo && moves->n) {
        undo_groups_moved(undo, moves);
        return 0;
    }
    group_moves_free(moves);
    return rc;
}

/* ---- the rules ---- */

static int names_index(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return (int)i;
    return -1;
}

/* Each distinct value a group, in the people's (Thai) order of values. */
static void plan_by_field(struct person *p, size_t n, char ***names, size_t *nnames,
                          struct group_outcome *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!*p[i].value) {
            out->unplaced++;
            continue;
        }
        int at = names_index(*names, *nnames, p[i].value);
        if (at < 0) {
            *names = xrealloc(*names, sizeof **names * (*nnames + 1));
            (*names)[*nnames] = xstrdup(p[i].value);
            at = (int)(*nnames)++;
        }
        p[i].to = (*names)[at];
        out->placed++;
    }
}

static bool group_taken(const struct event_group *g, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i].name, name) == 0) return true;
    return false;
}

/* The event's first n groups, and "Group k" for the missing ones (a name not yet taken). */
static int balance_names(struct db *db, long long event_id, int n, char ***names, char **err)
{
    struct event_group *g;
    size_t ng;
    if (groups_list(db, event_id, &g, &ng, err) != 0) return -1;
    *names = xcalloc((size_t)n, sizeof **names);
    for (int i = 0; i < n && (size_t)i < ng; i++)
        (*names)[i] = xstrdup(g[i].name);
    for (int i = (int)ng, k = i + 1; i < n; i++) {
        char *name = NULL;
        do {
            free(name);
            name = xasprintf(_("Group %d"), k++);
        } while (names_index(*names, (size_t)i, name) >= 0 || group_taken(g, ng, name));
        (*names)[i] = name;
    }
    groups_free(g, ng);
    return 0;
}

/* People dealt out in turn: the people of one organisation (next to each other in the
 * order) land in different groups. */
static void plan_spread(struct person *p, size_t n, char **names, int groups)
{
    for (size_t i = 0; i < n; i++)
        p[i].to = names[i % (size_t)groups];
}

struct unit {
    size_t first, size; /* a run of people of one organisation in the order */
};

static int unit_order(const void *a, const void *b)
{
    const struct unit *x = a, *y = b;
    if (x->size != y->size) return x->size > y->size ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* Each organisation whole into the group with fewest people so far, largest first. */
static void plan_keep_orgs(struct person *p, size_t n, char **names, int groups)
{
    struct unit *units = xcalloc(n ? n : 1, sizeof *units);
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && p[i].org_id && p[i].org_id == p[i - 1].org_id;
        if (same)
            units[nu - 1].size++;
        else
            units[nu++] = (struct unit){i, 1};
    }
    qsort(units, nu, sizeof *units, unit_order);
    size_t *sizes = xcalloc((size_t)groups, sizeof *sizes);
    for (size_t u = 0; u < nu; u++) {
        int best = 0;
        for (int g = 1; g < groups; g++)
            if (sizes[g] < sizes[best]) best = g;
        sizes[best] += units[u].size;
        for (size_t i = 0; i < units[u].size; i++)
            p[units[u].first + i].to = names[best];
    }
    free(sizes);
    free(units);
}

/* Groups a rule left empty that have no facilitator or room were made by an earlier rule:
 * they would only clutter the list (an undo makes those it needs again). */
static int drop_empty(struct db *db, long long event_id, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "DELETE FROM event_groups WHERE event_id = ?1 AND facilitator_id IS NULL AND room = '' "
        "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = ?1 AND a.breakout = "
        "event_groups.name)",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot save the group");
    return -1;
}

int groups_assign(struct db *db, struct undo_log *undo, long long event_id,
                  const struct group_plan *plan, struct group_outcome *out, char **err)
{
    struct group_outcome none;
    if (!out) out = &none;
    *out = (struct group_outcome){0};
    if (plan->rule == GROUP_BALANCE && (plan->n < 1 || plan->n > 500)) {
        *err = xasprintf(_("the number of groups must be from 1 to 500, not %d"), plan->n);
        return -1;
    }
    if (event_live(db, event_id, err) != 0 || db_begin(db, err) != 0) return -1;
    char now[32];
    db_now(now);
    struct person *p = NULL;
    size_t n = 0, nnames = 0;
    char **names = NULL;
    struct group_moves moves = {0};
    int rc = people_read(db, event_id, (int)plan->rule, &p, &n, err);
    if (rc == 0 && plan->rule == GROUP_BALANCE) {
        rc = balance_names(db, event_id, plan->n, &names, err);
        nnames = rc == 0 ? (size_t)plan->n : 0;
        if (rc == 0 && plan->keep_orgs)
            plan_keep_orgs(p, n, names, plan->n);
        else if (rc == 0)
            plan_spread(p, n, names, plan->n);
        out->placed = (long long)n;
    } else if (rc == 0) {
        plan_by_field(p, n, &names, &nnames, out);
    }
    out->groups = (long long)nnames;
    if (rc == 0) rc = groups_ensure(db, event_id, names, nnames, now, err);
    if (rc == 0) rc = apply(db, event_id, p, n, &moves, now, err);
    if (rc == 0) rc = drop_empty(db, event_id, err);
    rc = finish(db, undo, rc, &moves, out, err);
    people_free(p, n);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* The attendance row of a member at the event (live), its group; 0 when none. */
static long long row_of(struct db *db, long long event_id, long long member, char **group,
                        char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, breakout FROM attendance WHERE event_id = ?1 AND "
                                  "member_id = ?2 AND deleted_at IS NULL",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    sqlite3_bind_int64(st, 2, member);
    long long id = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *group = column_text(st, 1);
    }
    sqlite3_reset(st);
    return id;
}

int groups_set(struct db *db, struct undo_log *undo, long long event_id, const char *input,
               const long long *members, size_t n, struct group_outcome *out, char **err)
{
    struct group_outcome none;
    if (!out) out = &none;
    *out = (struct group_outcome){0};
    char *name = NULL;
    if (event_live(db, event_id, err) != 0 || group_name(db, input, &name, err) != 0) return -1;
    if (db_begin(db, err) != 0) {
        free(name);
        return -1;
    }
    char now[32];
    db_now(now);
    struct person *p = xcalloc(n ? n : 1, sizeof *p);
    struct group_moves moves = {0};
    int rc = *name ? groups_ensure(db, event_id, &name, 1, now, err) : 0;
    size_t got = 0;
    for (; rc == 0 && got < n; got++) {
        long long id = row_of(db, event_id, members[got], &p[got].group, err);
        if (id <= 0) {
            if (id == 0)
                *err = xasprintf(_("member %lld is not on the list of event %lld: add them first"),
                                 members[got], event_id);
            rc = -1;
            break;
        }
        p[got].attendance_id = id;
        p[got].value = NULL;
        p[got].to = name;
    }
    out->placed = rc == 0 ? (long long)n : 0;
    out->groups = *name ? 1 : 0;
    /* The same member twice moves once. */
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (p[j].attendance_id == p[i].attendance_id) p[i].to = NULL;
    if (rc == 0) rc = apply(db, event_id, p, n, &moves, now, err);
    rc = finish(db, undo, rc, &moves, out, err);
    people_free(p, n);
    free(name);
    return rc;
}

int groups_undo(struct db *db, struct group_moves *m, char **err)
{
    char now[32];
    db_now(now);
    if (db_begin(db, err) != 0) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->n; i++) {
        long long version = 0;
        struct group_move *g = &m->v[i];
        rc = move_one(db, g->attendance_id, g->to, g->from, g->version, now, &version, err);
        if (rc == 0) g->version = version;
        if (rc == 1)
            *err = xasprintf(_("attendance %lld was changed by someone else since: nothing was "
                               "undone"),
                             g->attendance_id);
    }
    if (rc == 0) return db_commit(db, err);
    db_rollback(db);
    return -1;
}
