/* Roles and dates of members in organisations, read and set through the model's rules. */
#include "affiliation.h"
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "thaidate.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *column_text(sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    return xstrdup(v ? v : "");
}

int affiliation_list(struct db *db, long long member_id, struct affiliation **out, size_t *n,
                     char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT a.org_id, o.name, a.role, a.since, a.until FROM "
                                  "affiliations a JOIN organisations o ON o.id = a.org_id WHERE "
                                  "a.member_id = ? ORDER BY a.position",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, member_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        struct affiliation *a = &(*out)[(*n)++];
        a->org_id = sqlite3_column_int64(st, 0);
        a->org_name = column_text(st, 1);
        a->role = column_text(st, 2);
        a->since = column_text(st, 3);
        a->until = column_text(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        affiliation_list_free(*out, *n);
        *out = NULL;
        *n = 0;
        *err = db_error(db, "cannot read organisations");
        return -1;
    }
    return 0;
}

void affiliation_list_free(struct affiliation *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].org_name);
        free(list[i].role);
        free(list[i].since);
        free(list[i].until);
    }
    free(list);
}

/* A date option as stored: ISO, NULL for "leave it", "" for "clear it". */
static int iso_date(const char *what, const char *input, char **out, char **err)
{
    *out = NULL;
    if (!input) return 0;
    char *norm = text_normalize(input, 0);
    if (!*norm) {
        *out = norm;
        return 0;
    }
    struct date start, end;
    char why[256], buf[32];
    int rc = date_parse(norm, date_today(), &start, &end, why, sizeof why);
    free(norm);
    if (rc != 0) {
        *err = xasprintf("%s: %s", what, why);
        return -1;
    }
    date_format(start, DATE_ISO, buf, sizeof buf);
    *out = xstrdup(buf);
    return 0;
}

static int find_current(struct db *db, long long member_id, long long org_id,
                        struct affiliation *now, bool *found, char **err)
{
    struct affiliation *list;
    size_t n;
    *found = false;
    if (affiliation_list(db, member_id, &list, &n, err) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (list[i].org_id != org_id) continue;
        *now = list[i];
        list[i] = (struct affiliation){0};
        *found = true;
    }
    affiliation_list_free(list, n);
    return 0;
}

static int write_affiliation(struct db *db, long long member_id, long long org_id, const char *role,
                             const char *since, const char *until, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "INSERT INTO affiliations (member_id, org_id, position, role, since, until) VALUES (?1, "
        "?2, (SELECT coalesce(max(position) + 1, 0) FROM affiliations WHERE member_id = ?1), ?3, "
        "nullif(?4, ''), nullif(?5, '')) ON CONFLICT (member_id, org_id) DO UPDATE SET role = "
        "excluded.role, since = excluded.since, until = excluded.until",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_int64(st, 2, org_id);
    sqlite3_bind_text(st, 3, role, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save the organisation");
        return -1;
    }
    return 0;
}

/* The member's search key lists the organisations (a new one must be found by search), and
 * the row's version moves so that an edit opened before this one notices it. */
static int touch_member(struct db *db, long long member_id, const char *now, char **err)
{
    if (refresh_member_search_key(db, member_id, err) != 0) return -1;
    sqlite3_stmt *st = db_prepare(db,
                                  "UPDATE members SET updated_at = ?2, updated_by = ?3, version = "
                                  "version + 1 WHERE id = ?1",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, db_user(db), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save the member");
        return -1;
    }
    return 0;
}

static int audit(struct db *db, long long member_id, const struct affiliation *was, bool found,
                 const struct affiliation *now, const char *stamp, char **err)
{
    const char *const before[] = {"organisation", was->org_name, "role",     was->role, "since",
                                  was->since,     "until",       was->until, NULL};
    const char *const after[] = {"organisation", now->org_name, "role",     now->role, "since",
                                 now->since,     "until",       now->until, NULL};
    char *old_json = found ? audit_json(before) : NULL, *new_json = audit_json(after);
    int rc = audit_write_json(db, "affiliations", member_id, found ? "update" : "insert", old_json,
                              new_json, stamp, err);
    free(old_json);
    free(new_json);
    return rc;
}

static int check_member(struct db *db, long long member_id, char **err)
{
    struct record *m = NULL;
    int rc = record_load(db, KIND_MEMBER, member_id, &m, err);
    if (rc == 0 && m->deleted_at) {
        *err = xasprintf(_("member %lld was deleted: restore it first"), member_id);
        rc = -1;
    }
    record_free(&m);
    return rc == 0 ? 0 : -1;
}

static void affiliation_clear(struct affiliation *a)
{
    free(a->org_name);
    free(a->role);
    free(a->since);
    free(a->until);
    memset(a, 0, sizeof *a);
}

/* Inside the transaction: merges the change with what is stored, writes it, re-reads it. */
static int apply(struct db *db, long long member_id, long long org_id, const char *role,
                 const char *since, const char *until, const char *stamp, char **err)
{
    struct affiliation was = {0}, now = {0};
    bool found = false, stored = false;
    int rc = -1;
    if (check_member(db, member_id, err) != 0 ||
        find_current(db, member_id, org_id, &was, &found, err) != 0)
        goto done;
    const char *r = role ? role : found ? was.role : "";
    const char *from = since ? since : found ? was.since : "";
    const char *to = until ? until : found ? was.until : "";
    if (*from && *to && strcmp(to, from) < 0) {
        *err = xasprintf(_("until: %s is before since %s"), to, from);
        goto done;
    }
    if (write_affiliation(db, member_id, org_id, r, from, to, err) != 0 ||
        touch_member(db, member_id, stamp, err) != 0 ||
        find_current(db, member_id, org_id, &now, &stored, err) != 0 ||
        audit(db, member_id, &was, found, &now, stamp, err) != 0)
        goto done;
    rc = 0;
done:
    affiliation_clear(&was);
    affiliation_clear(&now);
    return rc;
}

int affiliation_set(struct db *db, long long member_id, const char *org, const char *role,
                    const char *since, const char *until, char **err)
{
    long long org_id;
    char *since_iso = NULL, *until_iso = NULL;
    char *role_norm = role ? text_normalize(role, 0) : NULL;
    char stamp[32];
    db_now(stamp);
    int rc = -1;
    if (model_find(db, FT_ORG, org, &org_id, err) == 0 &&
        iso_date("since", since, &since_iso, err) == 0 &&
        iso_date("until", until, &until_iso, err) == 0 && db_begin(db, err) == 0) {
        rc = apply(db, member_id, org_id, role_norm, since_iso, until_iso, stamp, err);
        if (rc == 0)
            rc = db_commit(db, err);
        else
            db_rollback(db);
    }
    free(since_iso);
    free(until_iso);
    free(role_norm);
    return rc;
}

char *affiliation_describe(const struct affiliation *a)
{
    struct strbuf sb = STRBUF_INIT;
    char buf[64];
    struct date d;
    if (*a->role) sb_add(&sb, a->role);
    if (*a->since || *a->until) {
        sb_add(&sb, sb.len ? ", " : "");
        if (*a->since && date_from_iso(a->since, &d) == 0) {
            date_format(d, DATE_THAI, buf, sizeof buf);
            sb_add(&sb, buf);
        }
        sb_add(&sb, " – ");
        if (*a->until && date_from_iso(a->until, &d) == 0) {
            date_format(d, DATE_THAI, buf, sizeof buf);
            sb_add(&sb, buf);
        }
    }
    return sb_take(&sb);
}
