/* Lookups for importers and exporters (lookup.h): each a query on an index. */
#include "messages.h"
#include "lookup.h"
#include "store_internal.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdio.h>
#include <time.h>

#include <stdlib.h>
#include <string.h>

enum { PAGE = 500 };

static char *column_dup(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* The first column of the first row of sql with text parameters a and b (when it takes
 * them): 0 when no row, -1 with *err on error. */
static long long one_number(struct db *db, const char *sql, const char *a, const char *b,
                            char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1) bind_text_or_null(st, 1, a);
    if (np >= 2) bind_text_or_null(st, 2, b);
    long long n = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return n;
}

int province_rows(struct db *db, struct province_row **rows, int *n, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT code, name_th, region FROM provinces ORDER BY code", err);
    *rows = NULL;
    *n = 0;
    if (!st) return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *rows = xrealloc(*rows, sizeof **rows * (size_t)(*n + 1));
        (*rows)[*n].code = column_dup(st, 0);
        (*rows)[*n].name = column_dup(st, 1);
        (*rows)[(*n)++].region = column_dup(st, 2);
    }
    sqlite3_reset(st);
    return 0;
}

void province_rows_free(struct province_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        free(rows[i].code);
        free(rows[i].name);
        free(rows[i].region);
    }
    free(rows);
}

int member_rows_count(struct db *db, long long *n, char **err)
{
    *n = one_number(db, "SELECT count(*) FROM members", NULL, NULL, err);
    return *n < 0 ? -1 : 0;
}

bool org_name_taken(struct db *db, const char *name)
{
    char *err = NULL;
    long long n = one_number(db, "SELECT 1 FROM organisations WHERE name = ?1", name, NULL, &err);
    free(err);
    return n > 0;
}

/* Through the indexes on the names' match keys, then the names themselves: the Thai index on
 * name does not serve "=" in binary, and a scan of the large demo's 2,000 organisations for
 * each cell cost an import of a 300-row sheet 0.24 s. A row both of whose names match counts
 * once. "+name": compared as the planner would otherwise take for a reason to scan. */
static const char org_name_count_sql[] =
    "SELECT (SELECT count(*) FROM organisations WHERE " ORG_MATCH_KEY("name") " = " ORG_MATCH_KEY(
        "?1") " AND +name = ?1 AND deleted_at IS NULL) + (SELECT count(*) FROM organisations "
              "WHERE " ORG_MATCH_KEY("short_name") " = " ORG_MATCH_KEY(
                  "?1") " AND +short_name = ?1 AND short_name <> '' AND name <> ?1 AND "
                        "deleted_at IS NULL)";

long long org_name_count(struct db *db, const char *name, char **err)
{
    return one_number(db, org_name_count_sql, name, NULL, err);
}

int member_keys_each(struct db *db,
                     void (*fn)(void *ctx, long long id, const char *given, const char *family,
                                const char *email, const char *phone),
                     void *ctx, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id, given_name, family_name, email FROM members WHERE "
                                  "deleted_at IS NULL ORDER BY id",
                                  err);
    if (!st) return -1;
    while (sqlite3_step(st) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
           NULL);
    sqlite3_reset(st);
    st = db_prepare(db,
                    "SELECT p.member_id, p.phone FROM member_phones p JOIN members m ON m.id = "
                    "p.member_id WHERE m.deleted_at IS NULL ORDER BY p.member_id, p.position",
                    err);
    if (!st) return -1;
    while (sqlite3_step(st) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int64(st, 0), NULL, NULL, NULL,
           (const char *)sqlite3_column_text(st, 1));
    sqlite3_reset(st);
    return 0;
}

int member_keys_of(struct db *db, long long id, char **given, char **family, char **email,
                   char **phones)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT given_name, family_name, email, (SELECT "
                                  "group_concat(phone, ';') FROM member_phones WHERE member_id "
                                  "= m.id) FROM members m WHERE id = ?1 AND deleted_at IS NULL",
                                  &err);
    free(err);
    if (!st) return 0;
    sqlite3_bind_int64(st, 1, id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        *given = column_dup(st, 0);
        *family = column_dup(st, 1);
        *email = column_dup(st, 2);
        *phones = column_dup(st, 3);
    }
    sqlite3_reset(st);
    return found;
}

long long member_by_phone(struct db *db, const char *phone, char **err)
{
    return one_number(db,
                      "SELECT min(p.member_id) FROM member_phones p JOIN members m ON m.id = "
                      "p.member_id WHERE p.phone = ?1 AND m.deleted_at IS NULL",
                      phone, NULL, err);
}

long long member_by_email(struct db *db, const char *email, char **err)
{
    return one_number(db,
                      "SELECT min(id) FROM members WHERE deleted_at IS NULL AND email <> '' AND "
                      "lower(email) = ?1",
                      email, NULL, err);
}

long long member_by_names(struct db *db, const char *given, const char *family, char **err)
{
    return one_number(db,
                      "SELECT min(id) FROM members WHERE deleted_at IS NULL AND given_name = ?1 "
                      "COLLATE thai AND family_name = ?2 COLLATE thai AND given_name = ?1 AND "
                      "family_name = ?2",
                      given, family, err);
}

int member_name_matches(struct db *db, const char *given, const char *family, long long *first,
                        long long *count, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT min(id), count(*) FROM members WHERE deleted_at IS NULL AND ((given_name = ?1 "
        "COLLATE thai AND family_name = ?2 COLLATE thai AND given_name = ?1 AND family_name = "
        "?2) OR (family_name = '' AND nickname = ?1 COLLATE thai AND nickname = ?1))",
        err);
    *first = *count = 0;
    if (!st) return -1;
    sqlite3_bind_text(st, 1, given, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, family ? family : "", -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *first = sqlite3_column_int64(st, 0);
        *count = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return 0;
}

bool member_is_named(struct db *db, long long id, const char *given, const char *family,
                     bool any_family)
{
    char *err = NULL;
    sqlite3_stmt *st =
        any_family ? db_prepare(db,
                                "SELECT 1 FROM members WHERE id = ?1 AND given_name = ?2 AND (?3 "
                                "= '' OR family_name = ?3)",
                                &err)
                   : db_prepare(db,
                                "SELECT 1 FROM members WHERE id = ?1 AND given_name = ?2 AND "
                                "family_name = ?3",
                                &err);
    free(err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, given, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, family ? family : "", -1, SQLITE_TRANSIENT);
    bool same = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return same;
}

static const char *const name_sql[KIND_COUNT] = {
    [KIND_ORG] = "SELECT name || char(9) || short_name FROM organisations WHERE id = ?1 AND "
                 "deleted_at IS NULL",
    [KIND_EVENT] = "SELECT title || char(9) || start_date FROM events WHERE id = ?1 AND "
                   "deleted_at IS NULL",
    [KIND_TASK] = "SELECT title FROM tasks WHERE id = ?1 AND deleted_at IS NULL",
    [KIND_GOAL] = "SELECT title FROM goals WHERE id = ?1 AND deleted_at IS NULL",
};

static const char *const match_sql[KIND_COUNT] = {
    [KIND_ORG] = "SELECT min(id) FROM organisations WHERE deleted_at IS NULL AND name = ?1",
    [KIND_EVENT] = "SELECT min(id) FROM events WHERE deleted_at IS NULL AND title = ?1 AND "
                   "(?2 IS NULL OR start_date = ?2)",
    [KIND_TASK] = "SELECT min(id) FROM tasks WHERE deleted_at IS NULL AND title = ?1 AND "
                  "event_id IS CAST(?2 AS INTEGER)",
    [KIND_GOAL] = "SELECT min(id) FROM goals WHERE deleted_at IS NULL AND title = ?1",
};

char *record_name_of(struct db *db, enum kind k, long long id)
{
    char *err = NULL, *name = NULL;
    sqlite3_stmt *st = name_sql[k] ? db_prepare(db, name_sql[k], &err) : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) name = column_dup(st, 0);
        sqlite3_reset(st);
    }
    free(err);
    return name;
}

long long record_by_name(struct db *db, enum kind k, const char *name, const char *second,
                         char **err)
{
    if (!match_sql[k]) return 0;
    return one_number(db, match_sql[k], name, second, err);
}

int events_titled(struct db *db, const char *title, const char *iso, long long *first, int *n,
                  char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id FROM events WHERE deleted_at IS NULL AND title = ?1 "
                                  "AND (?2 = '' OR (start_date <= ?2 AND end_date >= ?2)) ORDER "
                                  "BY id LIMIT 9",
                                  err);
    *first = 0;
    *n = 0;
    if (!st) return -1;
    sqlite3_bind_text(st, 1, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, iso, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        if ((*n)++ == 0) *first = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

bool event_is_titled(struct db *db, long long id, const char *title)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT title = ?2 FROM events WHERE id = ?1", &err);
    free(err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
    bool same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return same;
}

long long attendance_of(struct db *db, long long event, long long member, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id FROM attendance WHERE event_id = ?1 AND member_id = "
                                  "?2 AND deleted_at IS NULL",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_int64(st, 2, member);
    long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

int event_past_start(struct db *db, long long event, char out[32], char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT start_date, start_time, end_date < ?2 FROM events WHERE "
                                  "id = ?1",
                                  err);
    if (!st) return -1;
    char today[32];
    date_format(date_today(), DATE_ISO, today, sizeof today);
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, past = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 0),
                   *time = (const char *)sqlite3_column_text(st, 1);
        past = sqlite3_column_int(st, 2) && sscanf(date, "%d-%d-%d", &y, &mo, &d) == 3;
        if (past && time && sscanf(time, "%d:%d", &h, &mi) != 2) h = mi = 0;
    }
    sqlite3_reset(st);
    if (!past) return 0;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_isdst = -1};
    time_t t = mktime(&tm);
    struct tm utc;
    gmtime_r(&t, &utc);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return 1;
}

long long invitation_of(struct db *db, long long event, long long org, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT id FROM invitations WHERE event_id = ?1 AND org_id = ?2 "
                                  "AND deleted_at IS NULL",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_int64(st, 2, org);
    long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

int attendance_set_checked_in(struct db *db, long long id, const char *stamp, char **err)
{
    return db_run_id_text(db,
                          "UPDATE attendance SET checked_in_at = ?2 WHERE id = ?1 AND "
                          "status = 'attended'",
                          id, stamp, N_("cannot import"), err);
}

int record_each(struct db *db, enum kind k, int (*fn)(const struct record *r, void *ctx), void *ctx,
                char **err)
{
    static char *sql[KIND_COUNT];
    const char *a = kind_alias(k);
    if (!sql[k])
        sql[k] = xasprintf("%s WHERE %s.deleted_at IS NULL AND %s.id > ?1 ORDER BY %s.id LIMIT %d",
                           kind_select_sql(k), a, a, a, PAGE);
    sqlite3_stmt *st = db_prepare(db, sql[k], err);
    if (!st) return -1;
    long long last = 0;
    for (;;) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, last);
        int n = 0, rc, stop = 0;
        while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            struct record *r = record_from_row(st, k);
            last = r->id;
            stop = fn(r, ctx);
            record_free(&r);
            n++;
        }
        sqlite3_reset(st);
        if (stop) return stop;
        if (rc != SQLITE_DONE) {
            *err = db_error(db, "cannot export");
            return -1;
        }
        if (n < PAGE) return 0;
    }
}
