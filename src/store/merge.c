/* Merging two members into one and undoing it (merge.h). Every piece that moves is written
 * to member_merge_moves in the same transaction, so the undo knows exactly what to put back,
 * whichever session or command asks for it. */
#include "merge.h"
#include "messages.h"
#include "phone.h"
#include "store_internal.h"
#include "strbuf.h"
#include "timestamp.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int attendance_status_rank(const char *status)
{
    if (!status) return 0;
    if (strcmp(status, "attended") == 0) return 3;
    if (strcmp(status, "confirmed") == 0 || strcmp(status, "absent") == 0 ||
        strcmp(status, "cancelled") == 0)
        return 2;
    return strcmp(status, "invited") == 0 ? 1 : 0;
}

struct merging {
    struct db *db;
    long long id, keep, other;
    int seq;
    char now[32];
};

/* Runs sql with ?1, ?2 and ?3 as numbers, ?4 as text, ?5 the login and ?6 the time, as far as
 * the statement has them (unused ones may be bound). */
static int exec_at(struct db *db, const char *now, const char *sql, long long a, long long b,
                   long long c, const char *text, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    int np = sqlite3_bind_parameter_count(st);
    const long long nums[] = {a, b, c};
    for (int i = 0; i < 3 && i < np; i++)
        sqlite3_bind_int64(st, i + 1, nums[i]);
    if (np >= 4) {
        if (text)
            sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 4);
    }
    if (np >= 5) sqlite3_bind_text(st, 5, db_user(db), -1, SQLITE_TRANSIENT);
    if (np >= 6) sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        *err = db_error(db, "cannot merge");
        return -1;
    }
    return 0;
}

static int exec(struct db *db, const char *sql, long long a, long long b, long long c,
                const char *text, char **err)
{
    char now[32];
    db_now(now);
    return exec_at(db, now, sql, a, b, c, text, err);
}

/* The ids (and a text column, when texts is not NULL) sql gives for ?1 and ?2. */
static int ids_of(struct db *db, const char *sql, long long a, long long b, long long **ids,
                  char ***texts, size_t *n, char **err)
{
    *ids = NULL;
    if (texts) *texts = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_int64(st, 2, b);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, sizeof **ids * (*n + 1));
        (*ids)[*n] = sqlite3_column_int64(st, 0);
        if (texts) {
            *texts = xrealloc(*texts, sizeof **texts * (*n + 1));
            const char *t = (const char *)sqlite3_column_text(st, 1);
            (*texts)[*n] = xstrdup(t ? t : "");
        }
        (*n)++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot merge");
        return -1;
    }
    return 0;
}

static int log_move(struct merging *m, const char *what, long long row, const char *old, char **err)
{
    sqlite3_stmt *st = db_prepare(m->db,
                                  "INSERT INTO member_merge_moves (merge_id, seq, what, row_id, "
                                  "old_value) VALUES (?1, ?2, ?3, ?4, ?5)",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int(st, 2, m->seq++);
    sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, row);
    if (old)
        sqlite3_bind_text(st, 5, old, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 5);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(m->db, "cannot merge");
        return -1;
    }
    return 0;
}

/* Changes one row of kind k with sql, then (when not NULL) then (each with ?1 its id, ?2 KEEP,
 * ?3 OTHER, ?4 text), and audits the whole change as action. */
static int change_row_then(struct merging *m, enum kind k, long long id, const char *action,
                           const char *sql, const char *then, const char *text, char **err)
{
    struct record *before = NULL, *after = NULL;
    int rc = record_load(m->db, k, id, &before, err) == 0 ? 0 : -1;
    if (rc == 0) rc = exec_at(m->db, m->now, sql, id, m->keep, m->other, text, err);
    if (rc == 0 && then) rc = exec_at(m->db, m->now, then, id, m->keep, m->other, text, err);
    if (rc == 0) rc = record_load(m->db, k, id, &after, err) == 0 ? 0 : -1;
    if (rc == 0) rc = audit_write(m->db, action, before, after, m->now, err);
    record_free(&before);
    record_free(&after);
    return rc;
}

static int change_row(struct merging *m, enum kind k, long long id, const char *action,
                      const char *sql, const char *text, char **err)
{
    return change_row_then(m, k, id, action, sql, NULL, text, err);
}

/* ---- fields ---- */

/* KEEP's phones, then OTHER's that KEEP has not. */
static char *phones_union(const char *keep, const char *other)
{
    struct strbuf sb = STRBUF_INIT;
    char *all = xasprintf("%s%s%s", keep, *keep && *other ? LIST_SEPARATOR : "", other);
    char **seen = NULL;
    size_t n = 0;
    for (const char *p = all; *p;) {
        size_t len = strcspn(p, ";");
        char *item = xstrndup(p, len), digits[32];
        const char *key =
            phone_normalize(item, digits, sizeof digits) != PHONE_INVALID ? digits : item;
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++)
            dup = strcmp(seen[i], key) == 0;
        char *trimmed = item + strspn(item, " ");
        if (!dup && *trimmed) {
            seen = xrealloc(seen, sizeof *seen * (n + 1));
            seen[n++] = xstrdup(key);
            sb_addf(&sb, "%s%s", sb.len ? LIST_SEPARATOR : "", trimmed);
        }
        free(item);
        p += len + (p[len] != '\0');
    }
    strings_free(seen, n);
    free(all);
    return sb_take(&sb);
}

/* The value KEEP's field fi takes, or NULL to leave it. */
static char *merged_value(const struct record *keep, const struct record *other, int fi,
                          const struct merge_options *opt)
{
    const struct field *f = &kind_info(KIND_MEMBER)->fields[fi];
    const char *k = keep->values[fi], *o = other->values[fi];
    if (!*o || strcmp(k, o) == 0) return NULL;
    if (f->type == FT_PHONES) {
        char *u = phones_union(k, o);
        if (strcmp(u, k) != 0) return u;
        free(u);
        return NULL;
    }
    if (!*k || (opt && opt->take_other[fi])) return xstrdup(o);
    if (f->type == FT_MULTILINE) return xasprintf("%s\n%s", k, o);
    return NULL;
}

static int merge_fields(struct merging *m, const struct record *keep, const struct record *other,
                        const struct merge_options *opt, struct merge_result *res, char **err)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    struct record *w = record_copy(keep);
    int rc = 0;
    for (int fi = 0; rc == 0 && fi < ki->nfields; fi++) {
        const struct field *f = &ki->fields[fi];
        if ((f->flags & FIELD_READONLY) || f->type == FT_ORGS || f->type == FT_TAGS) continue;
        char *value = merged_value(keep, other, fi, opt);
        if (!value) continue;
        rc = log_move(m, "field", fi, keep->values[fi], err);
        record_set(w, field_id(KIND_MEMBER, fi), value);
        res->fields++;
        free(value);
    }
    if (rc == 0 && res->fields) rc = record_save(m->db, w, err);
    record_free(&w);
    return rc;
}

/* ---- what hangs off OTHER ---- */

static int move_affiliations(struct merging *m, struct merge_result *res, char **err)
{
    long long *orgs;
    char **positions;
    size_t n;
    if (ids_of(m->db,
               "SELECT org_id, position FROM affiliations WHERE member_id = ?1 AND org_id NOT IN "
               "(SELECT org_id FROM affiliations WHERE member_id = ?2) ORDER BY position",
               m->other, m->keep, &orgs, &positions, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = log_move(m, "affiliation", orgs[i], positions[i], err);
        if (rc == 0)
            rc = exec(m->db,
                      "UPDATE affiliations SET member_id = ?2, position = (SELECT coalesce(max("
                      "position) + 1, 0) FROM affiliations WHERE member_id = ?2) WHERE member_id "
                      "= ?3 AND org_id = ?1",
                      orgs[i], m->keep, m->other, NULL, err);
    }
    free(orgs);
    strings_free(positions, n);
    res->affiliations = (int)n;
    if (rc == 0 && n) rc = refresh_member_search_key(m->db, m->keep, err);
    if (rc == 0 && n) rc = refresh_member_search_key(m->db, m->other, err);
    return rc;
}

static int move_tags(struct merging *m, struct merge_result *res, char **err)
{
    long long *tags;
    size_t n;
    if (ids_of(m->db,
               "SELECT tag_id FROM member_tags WHERE member_id = ?1 AND tag_id NOT IN (SELECT "
               "tag_id FROM member_tags WHERE member_id = ?2)",
               m->other, m->keep, &tags, NULL, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = log_move(m, "tag", tags[i], NULL, err);
        if (rc == 0)
            rc = exec(m->db,
                      "UPDATE member_tags SET member_id = ?2 WHERE tag_id = ?1 AND member_id = ?3",
                      tags[i], m->keep, m->other, NULL, err);
    }
    free(tags);
    res->tags = (int)n;
    return rc;
}

/* Who changed a row and when, as a save sets them. */
#define TOUCHED "updated_by = ?5, updated_at = ?6, version = version + 1"

static int move_tasks(struct merging *m, struct merge_result *res, char **err)
{
    long long *tasks;
    size_t n;
    if (ids_of(m->db, "SELECT id FROM tasks WHERE owner_id = ?1 ORDER BY id", m->other, 0, &tasks,
               NULL, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = log_move(m, "task", tasks[i], NULL, err);
        if (rc == 0)
            rc = change_row(m, KIND_TASK, tasks[i], "update",
                            "UPDATE tasks SET owner_id = ?2, " TOUCHED
                            " WHERE id = ?1 AND owner_id = ?3",
                            NULL, err);
    }
    free(tasks);
    res->tasks = (int)n;
    return rc;
}

/* A task's owners changed by sql (?1 the task, ?2 KEEP, ?3 OTHER, ?4 text), the task then
 * touched (so other sessions and its version see it) and audited. */
static int change_owners(struct merging *m, long long task, const char *sql, const char *text,
                         char **err)
{
    return change_row_then(m, KIND_TASK, task, "update", sql,
                           "UPDATE tasks SET " TOUCHED " WHERE id = ?1", text, err);
}

/* OTHER among a task's later owners (move_tasks moved the first member): KEEP takes OTHER's
 * place, or, when KEEP owns the task already, OTHER's place goes. Both are logged, so that
 * unmerge puts OTHER back where it was. */
static int move_task_owners(struct merging *m, struct merge_result *res, char **err)
{
    long long *tasks;
    char **positions;
    size_t n;
    if (ids_of(m->db,
               "SELECT task_id, position FROM task_owners WHERE member_id = ?1 ORDER BY task_id",
               m->other, 0, &tasks, &positions, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        long long *owned;
        size_t nowned;
        rc = ids_of(m->db, "SELECT task_id FROM task_owners WHERE task_id = ?1 AND member_id = ?2",
                    tasks[i], m->keep, &owned, NULL, &nowned, err);
        if (rc != 0) break;
        free(owned);
        const char *what = nowned ? "task_owner_dropped" : "task_owner";
        rc = log_move(m, what, tasks[i], positions[i], err);
        if (rc == 0)
            rc = change_owners(m, tasks[i],
                               nowned ? "DELETE FROM task_owners WHERE task_id = ?1 AND member_id "
                                        "= ?3 AND position = CAST(?4 AS INTEGER)"
                                      : "UPDATE task_owners SET member_id = ?2 WHERE task_id = ?1 "
                                        "AND member_id = ?3 AND position = CAST(?4 AS INTEGER)",
                               positions[i], err);
    }
    free(tasks);
    strings_free(positions, n);
    res->tasks += (int)n;
    return rc;
}

/* OTHER's row at an event KEEP was on too: KEEP's row takes OTHER's status and check-in when
 * that says more (or KEEP's was deleted), and OTHER's row is deleted. */
static int join_attendance(struct merging *m, long long mine, long long theirs, char **err)
{
    struct record *k = NULL, *o = NULL;
    int rc = record_load(m->db, KIND_ATTENDANCE, mine, &k, err) == 0 &&
                     record_load(m->db, KIND_ATTENDANCE, theirs, &o, err) == 0
                 ? 0
                 : -1;
    bool better = rc == 0 &&
                  (k->deleted_at || attendance_status_rank(record_get(o, F_ATTENDANCE_STATUS)) >
                                        attendance_status_rank(record_get(k, F_ATTENDANCE_STATUS)));
    if (better) {
        char *old = xasprintf("%s\t%s\t%s\t%d", record_get(k, F_ATTENDANCE_STATUS),
                              record_get(k, F_ATTENDANCE_CHECKED_IN_AT),
                              record_get(k, F_ATTENDANCE_CHECKED_IN_BY), k->deleted_at != NULL);
        char *from = xasprintf("%lld", theirs);
        rc = log_move(m, "attendance_kept", mine, old, err);
        if (rc == 0)
            rc = change_row(m, KIND_ATTENDANCE, mine, "update",
                            "UPDATE attendance SET (status, checked_in_at, checked_in_by) = "
                            "(SELECT status, checked_in_at, checked_in_by FROM attendance WHERE "
                            "id = CAST(?4 AS INTEGER)), deleted_at = NULL, " TOUCHED
                            " WHERE id = ?1",
                            from, err);
        free(from);
        free(old);
    }
    if (rc == 0) rc = log_move(m, "attendance_dropped", theirs, NULL, err);
    if (rc == 0)
        rc = change_row(m, KIND_ATTENDANCE, theirs, "delete",
                        "UPDATE attendance SET deleted_at = ?6, " TOUCHED " WHERE id = ?1", NULL,
                        err);
    record_free(&k);
    record_free(&o);
    return rc;
}

static int move_attendance(struct merging *m, struct merge_result *res, char **err)
{
    long long *rows;
    char **mine;
    size_t n;
    /* OTHER's live rows, each with KEEP's row at the same event (any, deleted too: one row a
     * person and event). */
    if (ids_of(m->db,
               "SELECT a.id, coalesce(k.id, '') FROM attendance a LEFT JOIN attendance k ON "
               "k.event_id = a.event_id AND k.member_id = ?2 WHERE a.member_id = ?1 AND "
               "a.deleted_at IS NULL ORDER BY a.id",
               m->other, m->keep, &rows, &mine, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (*mine[i]) {
            rc = join_attendance(m, strtoll(mine[i], NULL, 10), rows[i], err);
            continue;
        }
        rc = log_move(m, "attendance", rows[i], NULL, err);
        if (rc == 0)
            rc = change_row(m, KIND_ATTENDANCE, rows[i], "update",
                            "UPDATE attendance SET member_id = ?2, " TOUCHED
                            " WHERE id = ?1 AND member_id = ?3",
                            NULL, err);
    }
    free(rows);
    strings_free(mine, n);
    res->attendance = (int)n;
    return rc;
}

/* ---- the merge ---- */

static int load_live(struct db *db, long long id, struct record **r, char **err)
{
    if (record_load(db, KIND_MEMBER, id, r, err) != 0) return -1;
    if (!(*r)->deleted_at) return 0;
    char *name = record_display_name(*r);
    *err = xasprintf(_("member %lld (%s) is deleted: restore it first"), id, name);
    free(name);
    return -1;
}

static long long member_version(struct db *db, long long id, char **err)
{
    long long *v;
    size_t n;
    if (ids_of(db, "SELECT version FROM members WHERE id = ?1", id, 0, &v, NULL, &n, err) != 0)
        return -1;
    long long version = n ? v[0] : -1;
    free(v);
    return version;
}

static int start_merge(struct merging *m, char **err)
{
    sqlite3_stmt *st = db_prepare(m->db,
                                  "INSERT INTO member_merges (keep_id, other_id, merged_at, "
                                  "merged_by, keep_version) VALUES (?1, ?2, ?3, ?4, 0)",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, m->keep);
    sqlite3_bind_int64(st, 2, m->other);
    sqlite3_bind_text(st, 3, m->now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, db_user(m->db), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(m->db, "cannot merge");
        return -1;
    }
    m->id = sqlite3_last_insert_rowid(db_handle(m->db));
    return 0;
}

/* The merge's own audit row on KEEP, after everything moved. */
static int finish_merge(struct merging *m, const char *action_key, char **err)
{
    long long version = member_version(m->db, m->keep, err);
    if (version < 0) return -1;
    if (strcmp(action_key, "merged_from") == 0 &&
        exec(m->db, "UPDATE member_merges SET keep_version = ?2 WHERE id = ?1", m->id, version, 0,
             NULL, err) != 0)
        return -1;
    char other[32], id[32];
    snprintf(other, sizeof other, "%lld", m->other);
    snprintf(id, sizeof id, "%lld", m->id);
    const char *pairs[] = {action_key, other, "merge", id, NULL};
    char *json = audit_json(pairs);
    int rc = audit_write_json(m->db, "members", m->keep, "update", NULL, json, m->now, err);
    free(json);
    return rc;
}

int member_merge(struct db *db, long long keep, long long other, const struct merge_options *opt,
                 struct merge_result *res, char **err)
{
    memset(res, 0, sizeof *res);
    if (keep == other) {
        *err = xasprintf(_("member %lld cannot be merged with itself"), keep);
        return -1;
    }
    struct merging m = {.db = db, .keep = keep, .other = other};
    db_now(m.now);
    struct record *k = NULL, *o = NULL;
    if (db_begin(db, err) != 0) return -1;
    int rc = load_live(db, keep, &k, err) == 0 && load_live(db, other, &o, err) == 0 ? 0 : -1;
    if (rc == 0) rc = start_merge(&m, err);
    if (rc == 0) rc = merge_fields(&m, k, o, opt, res, err);
    if (rc == 0) rc = move_affiliations(&m, res, err);
    if (rc == 0) rc = move_tags(&m, res, err);
    if (rc == 0) rc = move_attendance(&m, res, err);
    if (rc == 0) rc = move_tasks(&m, res, err);
    if (rc == 0) rc = move_task_owners(&m, res, err);
    if (rc == 0) rc = record_delete(db, KIND_MEMBER, other, err);
    if (rc == 0) rc = finish_merge(&m, "merged_from", err);
    if (rc == 0) rc = db_commit(db, err);
    if (rc != 0)
        db_rollback(db);
    else
        res->merge_id = m.id;
    record_free(&k);
    record_free(&o);
    return rc;
}

long long member_merge_last(struct db *db, long long other, char **err)
{
    long long *ids;
    size_t n;
    if (ids_of(db,
               "SELECT id FROM member_merges WHERE other_id = ?1 AND undone_at IS NULL ORDER BY id "
               "DESC LIMIT 1",
               other, 0, &ids, NULL, &n, err) != 0)
        return -1;
    long long id = n ? ids[0] : 0;
    free(ids);
    return id;
}

/* ---- undoing it ---- */

struct move {
    char *what;
    long long row;
    char *old;
};

static int read_moves(struct db *db, long long merge, struct move **moves, size_t *n, char **err)
{
    *moves = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT what, row_id, coalesce(old_value, '') FROM "
                                  "member_merge_moves WHERE merge_id = ?1 ORDER BY seq DESC",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, merge);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *moves = xrealloc(*moves, sizeof **moves * (*n + 1));
        (*moves)[(*n)++] = (struct move){xstrdup((const char *)sqlite3_column_text(st, 0)),
                                         sqlite3_column_int64(st, 1),
                                         xstrdup((const char *)sqlite3_column_text(st, 2))};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot undo the merge");
        return -1;
    }
    return 0;
}

static void moves_free(struct move *moves, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(moves[i].what);
        free(moves[i].old);
    }
    free(moves);
}

/* KEEP's row at an event as it was: "status\tchecked_in_at\tchecked_in_by\tdeleted". */
static int restore_kept(struct merging *m, long long row, const char *old, char **err)
{
    char *parts[4] = {NULL, NULL, NULL, NULL};
    const char *p = old;
    for (int i = 0; i < 4; i++) {
        size_t len = strcspn(p, "\t");
        parts[i] = xstrndup(p, len);
        p += len + (p[len] != '\0');
    }
    /* ?4 carries the status; the rest go in one statement each, all audited as one change. */
    struct record *before = NULL, *after = NULL;
    int rc = record_load(m->db, KIND_ATTENDANCE, row, &before, err) == 0 ? 0 : -1;
    if (rc == 0)
        rc = exec_at(
            m->db, m->now,
            "UPDATE attendance SET status = ?4, deleted_at = CASE WHEN ?2 THEN ?6 END, " TOUCHED
            " WHERE id = ?1",
            row, strcmp(parts[3], "1") == 0, 0, parts[0], err);
    if (rc == 0)
        rc = exec_at(m->db, m->now,
                     "UPDATE attendance SET checked_in_at = nullif(?4, '') WHERE id = ?1", row, 0,
                     0, parts[1], err);
    if (rc == 0)
        rc = exec_at(m->db, m->now,
                     "UPDATE attendance SET checked_in_by = nullif(?4, '') WHERE id = ?1", row, 0,
                     0, parts[2], err);
    if (rc == 0) rc = record_load(m->db, KIND_ATTENDANCE, row, &after, err) == 0 ? 0 : -1;
    if (rc == 0) rc = audit_write(m->db, "update", before, after, m->now, err);
    record_free(&before);
    record_free(&after);
    for (int i = 0; i < 4; i++)
        free(parts[i]);
    return rc;
}

static int undo_move(struct merging *m, const struct move *mv, struct record *keep, char **err)
{
    const char *w = mv->what;
    if (strcmp(w, "field") == 0) {
        record_set(keep, field_id(KIND_MEMBER, (int)mv->row), mv->old);
        return 0;
    }
    if (strcmp(w, "task") == 0)
        return change_row(m, KIND_TASK, mv->row, "update",
                          "UPDATE tasks SET owner_id = ?3, " TOUCHED
                          " WHERE id = ?1 AND owner_id = ?2",
                          NULL, err);
    if (strcmp(w, "task_owner") == 0)
        return change_owners(m, mv->row,
                             "UPDATE task_owners SET member_id = ?3 WHERE task_id = ?1 AND "
                             "member_id = ?2 AND position = CAST(?4 AS INTEGER)",
                             mv->old, err);
    if (strcmp(w, "task_owner_dropped") == 0)
        return change_owners(m, mv->row,
                             "INSERT INTO task_owners (task_id, member_id, org_id, position) "
                             "VALUES (?1, ?3, NULL, CAST(?4 AS INTEGER))",
                             mv->old, err);
    if (strcmp(w, "attendance") == 0)
        return change_row(m, KIND_ATTENDANCE, mv->row, "update",
                          "UPDATE attendance SET member_id = ?3, " TOUCHED
                          " WHERE id = ?1 AND member_id = ?2",
                          NULL, err);
    if (strcmp(w, "attendance_dropped") == 0)
        return change_row(m, KIND_ATTENDANCE, mv->row, "restore",
                          "UPDATE attendance SET deleted_at = NULL, " TOUCHED " WHERE id = ?1",
                          NULL, err);
    if (strcmp(w, "attendance_kept") == 0) return restore_kept(m, mv->row, mv->old, err);
    if (strcmp(w, "tag") == 0)
        return exec(m->db,
                    "UPDATE member_tags SET member_id = ?3 WHERE tag_id = ?1 AND member_id = ?2",
                    mv->row, m->keep, m->other, NULL, err);
    return exec(m->db,
                "UPDATE affiliations SET member_id = ?3, position = CAST(?4 AS INTEGER) WHERE "
                "org_id = ?1 AND member_id = ?2",
                mv->row, m->keep, m->other, mv->old, err);
}

/* The merge's row: KEEP, OTHER and KEEP's version after it; refuses one undone already. */
static int read_merge(struct merging *m, long long *keep_version, char **err)
{
    sqlite3_stmt *st = db_prepare(m->db,
                                  "SELECT keep_id, other_id, keep_version, undone_at IS NOT NULL "
                                  "FROM member_merges WHERE id = ?1",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, m->id);
    int found = sqlite3_step(st) == SQLITE_ROW, undone = 0;
    if (found) {
        m->keep = sqlite3_column_int64(st, 0);
        m->other = sqlite3_column_int64(st, 1);
        *keep_version = sqlite3_column_int64(st, 2);
        undone = sqlite3_column_int(st, 3);
    }
    sqlite3_reset(st);
    if (!found)
        *err = xasprintf(_("there is no merge %lld"), m->id);
    else if (undone)
        *err = xasprintf(_("the merge of member %lld into member %lld was undone already"),
                         m->other, m->keep);
    return found && !undone ? 0 : -1;
}

static int keep_unchanged(struct merging *m, const struct record *keep, long long version,
                          char **err)
{
    if (keep->version == version && !keep->deleted_at) return 0;
    char when[64];
    timestamp_local(keep->updated_at, when, sizeof when);
    char *name = record_display_name(keep);
    *err = xasprintf(_("member %lld (%s) was changed by %s at %s since the merge: the merge "
                       "cannot be undone as a whole; change them by hand"),
                     m->keep, name, keep->updated_by, when);
    free(name);
    return -1;
}

static int undo_all(struct merging *m, struct record *keep, char **err)
{
    struct move *moves;
    size_t n;
    if (read_moves(m->db, m->id, &moves, &n, err) != 0) return -1;
    int rc = 0;
    bool fields = false, orgs = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = undo_move(m, &moves[i], keep, err);
        fields |= strcmp(moves[i].what, "field") == 0;
        orgs |= strcmp(moves[i].what, "affiliation") == 0;
    }
    moves_free(moves, n);
    if (rc == 0 && orgs) rc = refresh_member_search_key(m->db, m->keep, err);
    if (rc == 0 && orgs) rc = refresh_member_search_key(m->db, m->other, err);
    if (rc == 0 && fields) rc = record_save(m->db, keep, err);
    return rc;
}

int member_unmerge(struct db *db, long long merge_id, long long *keep, long long *other, char **err)
{
    struct merging m = {.db = db, .id = merge_id};
    db_now(m.now);
    long long version = 0;
    struct record *k = NULL, *o = NULL;
    if (db_begin(db, err) != 0) return -1;
    int rc = read_merge(&m, &version, err);
    if (rc == 0) rc = record_load(db, KIND_MEMBER, m.keep, &k, err) == 0 ? 0 : -1;
    if (rc == 0) rc = keep_unchanged(&m, k, version, err);
    if (rc == 0) rc = record_load(db, KIND_MEMBER, m.other, &o, err) == 0 ? 0 : -1;
    if (rc == 0 && o->deleted_at) rc = record_restore(db, KIND_MEMBER, m.other, err);
    if (rc == 0) rc = undo_all(&m, k, err);
    if (rc == 0)
        rc = exec(db, "UPDATE member_merges SET undone_at = ?4 WHERE id = ?1", m.id, 0, 0, m.now,
                  err);
    if (rc == 0) rc = finish_merge(&m, "unmerged", err);
    if (rc == 0) rc = db_commit(db, err);
    if (rc != 0) db_rollback(db);
    if (keep) *keep = m.keep;
    if (other) *other = m.other;
    record_free(&k);
    record_free(&o);
    return rc;
}
