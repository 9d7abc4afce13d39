/* Quota warnings: what makes an event's quotas impossible to meet as written (include/quota.h),
 * found in SQL over the quotas and the event's list. */
#include "quota.h"
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct found {
    char **lines;
    size_t n;
};

static void add_line(struct found *f, char *line)
{
    f->lines = xrealloc(f->lines, sizeof *f->lines * (f->n + 1));
    f->lines[f->n++] = line;
}

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

/* One statement per question, for one event (?1) or for all: the one-event form reads the
 * event's rows by index. */
static sqlite3_stmt *prepare(struct db *db, long long event_id, const char *one, const char *all,
                             char **err)
{
    sqlite3_stmt *st = db_prepare(db, event_id > 0 ? one : all, err);
    if (st && event_id > 0) sqlite3_bind_int64(st, 1, event_id);
    return st;
}

static int finish(struct db *db, sqlite3_stmt *st, int rc, char **err)
{
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot check the quotas");
    return -1;
}

#define OVER_TARGET(where)                                                                         \
    "SELECT e.id, e.title, sum(q.target), e.target FROM events e JOIN event_quotas q ON "          \
    "q.event_id = e.id WHERE " where                                                               \
    " e.deleted_at IS NULL AND e.target > 0 GROUP BY e.id HAVING "                                 \
    "sum(q.target) > e.target ORDER BY e.id"

static int over_target(struct db *db, long long event_id, struct found *f, char **err)
{
    sqlite3_stmt *st = prepare(db, event_id, OVER_TARGET("e.id = ?1 AND"), OVER_TARGET(""), err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_line(f, xasprintf(_("event %lld (%s): the quotas add up to %lld, more than the "
                                "target of %lld people"),
                              (long long)sqlite3_column_int64(st, 0), text(st, 1),
                              (long long)sqlite3_column_int64(st, 2),
                              (long long)sqlite3_column_int64(st, 3)));
    return finish(db, st, rc, err);
}

/* The categories people on the list have that no quota names: what was meant, perhaps. */
#define STRAY(q)                                                                                   \
    "SELECT DISTINCT a.category FROM attendance a WHERE a.event_id = " q " AND a.deleted_at IS "   \
    "NULL AND a.category <> '' AND a.category NOT IN (SELECT category FROM event_quotas WHERE "    \
    "event_id = " q ")"
#define NOBODY(where)                                                                              \
    "SELECT e.id, e.title, group_concat(q.category, ', '), (SELECT group_concat(category, ', ') "  \
    "FROM (" STRAY("e.id") " ORDER BY 1 LIMIT 3)) FROM event_quotas q JOIN events e ON e.id = "    \
                           "q.event_id WHERE " where " e.deleted_at IS NULL AND NOT EXISTS "       \
                           "(SELECT 1 FROM attendance a WHERE a.event_id = q.event_id AND "        \
                           "a.category = q.category AND a.deleted_at IS NULL) AND EXISTS (" STRAY( \
                               "q.event_id") ") GROUP BY e.id ORDER BY e.id"

static int nobody_in(struct db *db, long long event_id, struct found *f, char **err)
{
    sqlite3_stmt *st = prepare(db, event_id, NOBODY("e.id = ?1 AND"), NOBODY(""), err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_line(f, xasprintf(_("event %lld (%s): nobody on the list is in the quota categories "
                                "%s, while some are in categories with no quota (%s): is one "
                                "of them misspelt?"),
                              (long long)sqlite3_column_int64(st, 0), text(st, 1), text(st, 2),
                              text(st, 3)));
    return finish(db, st, rc, err);
}

#define PAST_KEYS(where)                                                                           \
    "SELECT e.id, e.title, q.category FROM events e JOIN event_quotas q ON q.event_id = e.id "     \
    "WHERE " where " e.deleted_at IS NULL AND (SELECT count(*) FROM event_quotas p WHERE "         \
    "p.event_id = q.event_id AND (p.position, p.category) < (q.position, q.category)) >= 9 "       \
    "ORDER BY e.id, q.position"

static int past_keys(struct db *db, long long event_id, struct found *f, char **err)
{
    sqlite3_stmt *st = prepare(db, event_id, PAST_KEYS("e.id = ?1 AND"), PAST_KEYS(""), err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_line(f, xasprintf(_("event %lld (%s): check-in offers the first 9 quota categories, "
                                "so nobody coming in can be given \"%s\""),
                              (long long)sqlite3_column_int64(st, 0), text(st, 1), text(st, 2)));
    return finish(db, st, rc, err);
}

int quota_warnings(struct db *db, long long event_id, char ***lines, size_t *n, char **err)
{
    struct found f = {NULL, 0};
    if (over_target(db, event_id, &f, err) != 0 || nobody_in(db, event_id, &f, err) != 0 ||
        past_keys(db, event_id, &f, err) != 0) {
        quota_warnings_free(f.lines, f.n);
        *lines = NULL;
        *n = 0;
        return -1;
    }
    *lines = f.lines;
    *n = f.n;
    return 0;
}

void quota_warnings_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

int quota_categories(struct db *db, long long event_id, char ***names, size_t *n, char **err)
{
    *names = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT category FROM event_quotas WHERE event_id = ?1 ORDER BY "
                                  "position, category LIMIT 9",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *names = xrealloc(*names, sizeof **names * (*n + 1));
        (*names)[(*n)++] = xstrdup(text(st, 0));
    }
    if (finish(db, st, rc, err) != 0) {
        quota_warnings_free(*names, *n);
        *names = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}
