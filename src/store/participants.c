/* An event's participants a page at a time (participants.h): keyset paging on (given name,
 * family name, id) in Thai order over the event's rows, which the index attendance_once
 * finds; bound parameters only. */
#include "participants.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define PARTICIPANT_COLUMNS                                                                        \
    "SELECT a.id, a.member_id, a.version, CASE WHEN m.title = '' THEN '' WHEN m.title GLOB "       \
    "'[A-Za-z]*' THEN m.title || ' ' ELSE m.title END || m.given_name || CASE WHEN "               \
    "m.family_name <> '' THEN ' ' || m.family_name ELSE '' END, coalesce((SELECT name FROM "       \
    "organisations WHERE id = a.org_id), (SELECT o.name FROM affiliations f JOIN organisations "   \
    "o ON o.id = f.org_id WHERE f.member_id = m.id AND o.deleted_at IS NULL ORDER BY "             \
    "f.position LIMIT 1), ''), a.status, a.category, a.role, a.breakout, a.reason, "               \
    "m.given_name, m.family_name FROM attendance a JOIN members m ON m.id = a.member_id WHERE "    \
    "a.event_id = :event AND a.deleted_at IS NULL"

#define KEY "(m.given_name COLLATE thai, m.family_name COLLATE thai, a.id)"
#define ORDER_UP " ORDER BY m.given_name COLLATE thai, m.family_name COLLATE thai, a.id"
#define ORDER_DOWN                                                                                 \
    " ORDER BY m.given_name COLLATE thai DESC, m.family_name COLLATE thai DESC, a.id DESC"

/* By where the page starts: the first page, at a row, after it, the last page, before it. */
static const char *const page_sql[] = {
    PARTICIPANT_COLUMNS ORDER_UP " LIMIT :limit",
    PARTICIPANT_COLUMNS " AND " KEY " >= (:given, :family, :id)" ORDER_UP " LIMIT :limit",
    PARTICIPANT_COLUMNS " AND " KEY " > (:given, :family, :id)" ORDER_UP " LIMIT :limit",
    PARTICIPANT_COLUMNS ORDER_DOWN " LIMIT :limit",
    PARTICIPANT_COLUMNS " AND " KEY " < (:given, :family, :id)" ORDER_DOWN " LIMIT :limit",
};

static const char *choose_sql(const struct participant *row, enum participants_from from,
                              bool *backward)
{
    *backward = from == PARTICIPANTS_BEFORE;
    if (!row) return page_sql[*backward ? 3 : 0];
    return page_sql[from == PARTICIPANTS_AT ? 1 : from == PARTICIPANTS_AFTER ? 2 : 4];
}

static char *column(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

static void read_row(sqlite3_stmt *st, struct participant *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->member_id = sqlite3_column_int64(st, 1);
    p->version = sqlite3_column_int64(st, 2);
    p->name = column(st, 3);
    p->organisation = column(st, 4);
    p->status = column(st, 5);
    p->category = column(st, 6);
    p->role = column(st, 7);
    p->group = column(st, 8);
    p->reason = column(st, 9);
    p->given = column(st, 10);
    p->family = column(st, 11);
}

static void bind_key(sqlite3_stmt *st, const struct participant *row)
{
    if (!row) return;
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":given"), row->given, -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":family"), row->family, -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), row->id);
}

/* A page read backwards is turned round into list order. */
static void reverse(struct participant *p, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct participant t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

int participants_page(struct db *db, long long event_id, const struct participant *row,
                      enum participants_from from, int limit, struct participant **out, size_t *n,
                      char **err)
{
    *out = NULL;
    *n = 0;
    bool backward;
    sqlite3_stmt *st = db_prepare(db, choose_sql(row, from, &backward), err);
    if (!st) return -1;
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":event"), event_id);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit > 0 ? limit : 0);
    bind_key(st, row);
    *out = xcalloc(limit > 0 ? (size_t)limit : 1, sizeof **out);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit)
        read_row(st, &(*out)[(*n)++]);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        *err = db_error(db, "cannot list the participants");
        participants_free(*out, *n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    if (backward) reverse(*out, *n);
    return 0;
}

void participants_free(struct participant *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].name);
        free(p[i].organisation);
        free(p[i].status);
        free(p[i].category);
        free(p[i].role);
        free(p[i].group);
        free(p[i].reason);
        free(p[i].given);
        free(p[i].family);
    }
    free(p);
}

int participants_count(struct db *db, long long event_id, long long *count, char **err)
{
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT count(*) FROM attendance WHERE event_id = ?1 AND deleted_at IS NULL", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *count = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count the participants");
        return -1;
    }
    return 0;
}

int participants_ids(struct db *db, long long event_id, long long **ids, size_t *n, char **err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT id FROM attendance WHERE event_id = ?1 AND deleted_at IS NULL ORDER BY id",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, sizeof **ids * cap);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot list the participants");
        free(*ids);
        *ids = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}
