/* Salvage (recover.h). The damaged file is attached read-only to the new database, and each
 * of the new database's own tables is filled from the table of that name: first in one
 * statement; when that meets a damaged page, row by row, walking the rowids that can still be
 * found and stepping over the ones that cannot. Only the columns both have are copied, so an
 * older khai's file recovers too. Table and column names come from the schemas, never from
 * the user. Foreign keys are off while copying; what points at a lost row is counted after. */
#include "recover.h"
#include "collate.h"
#include "db.h"
#include "messages.h"
#include "store_internal.h"
#include "grams.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* How many rowids in a row may be unreadable before a table's walk gives up. */
enum { MAX_GAP = 100000 };

static char *quoted(const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    sb_addc(&sb, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"') sb_addc(&sb, '"');
        sb_addc(&sb, *p);
    }
    sb_addc(&sb, '"');
    return sb_take(&sb);
}

/* The tables of schema (main or old) that hold rows of their own: not SQLite's, not full-text
 * indexes nor their shadow tables (the triggers rebuild those). */
static char **own_tables(sqlite3 *h, size_t *n)
{
    *n = 0;
    char **names = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h,
                           "SELECT name FROM main.sqlite_master t WHERE type = 'table' AND name "
                           "NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "AND NOT EXISTS (SELECT 1 FROM main.sqlite_master v WHERE v.sql LIKE "
                           "'CREATE VIRTUAL%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\') "
                           "ORDER BY rootpage",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        names = xrealloc(names, sizeof *names * (*n + 1));
        names[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return names;
}

/* "a", "b", ...: the columns table has in both schemas; NULL when the old one lacks it. */
static char *common_columns(sqlite3 *h, const char *table)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(h,
                           "SELECT m.name FROM pragma_table_info(?1, 'main') m JOIN "
                           "pragma_table_info(?1, 'old') o USING (name) ORDER BY m.cid",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            char *q = quoted((const char *)sqlite3_column_text(st, 0));
            sb_addf(&sb, "%s%s", found++ ? ", " : "", q);
            free(q);
        }
        sqlite3_finalize(st);
    }
    if (!found) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}

/* Runs one statement in a transaction of its own (a damaged page makes SQLite roll back the
 * whole transaction it meets it in, so nothing larger is risked); its changes, or -1. */
static long long changes_of(sqlite3 *h, const char *sql)
{
    return sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ? sqlite3_changes64(h) : -1;
}

/* The next rowid after `after` that can be read, or -1 when none (or none within MAX_GAP
 * unreadable ones); *stepped says some were stepped over. */
static long long next_rowid(sqlite3_stmt *after_q, sqlite3_stmt *exact_q, long long after,
                            bool *stepped)
{
    sqlite3_bind_int64(after_q, 1, after);
    int rc = sqlite3_step(after_q);
    long long id = rc == SQLITE_ROW ? sqlite3_column_int64(after_q, 0) : -1;
    sqlite3_reset(after_q);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return id;
    /* A damaged page on the way: look for the rowids after it one at a time. */
    *stepped = true;
    for (long long probe = after + 1; probe <= after + MAX_GAP; probe++) {
        sqlite3_bind_int64(exact_q, 1, probe);
        rc = sqlite3_step(exact_q);
        sqlite3_reset(exact_q);
        if (rc == SQLITE_ROW) return probe;
    }
    return -1;
}

/* Copies table row by row; returns the rows copied. */
static long long copy_rows(sqlite3 *h, const char *table, const char *cols, bool *damaged)
{
    char *q = quoted(table);
    char *after_sql =
        xasprintf("SELECT rowid FROM old.%s WHERE rowid > ? ORDER BY rowid LIMIT 1", q);
    char *exact_sql = xasprintf("SELECT rowid FROM old.%s WHERE rowid = ?", q);
    char *copy_sql = xasprintf("INSERT OR IGNORE INTO main.%s (%s) SELECT %s FROM old.%s WHERE "
                               "rowid = ?",
                               q, cols, cols, q);
    sqlite3_stmt *after_q = NULL, *exact_q = NULL, *copy_q = NULL;
    long long copied = 0;
    if (sqlite3_prepare_v2(h, after_sql, -1, &after_q, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, exact_sql, -1, &exact_q, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, copy_sql, -1, &copy_q, NULL) == SQLITE_OK) {
        long long id = -1; /* rowids may be 0 or negative in other programs; khai's start at 1 */
        while ((id = next_rowid(after_q, exact_q, id, damaged)) >= 0) {
            sqlite3_bind_int64(copy_q, 1, id);
            int rc = sqlite3_step(copy_q);
            sqlite3_reset(copy_q);
            if (rc == SQLITE_DONE)
                copied += sqlite3_changes64(h);
            else
                *damaged = true;
        }
    } else {
        *damaged = true;
    }
    sqlite3_finalize(after_q);
    sqlite3_finalize(exact_q);
    sqlite3_finalize(copy_q);
    free(copy_sql);
    free(exact_sql);
    free(after_sql);
    free(q);
    return copied;
}

static void copy_table(sqlite3 *h, const char *table, struct recovery *r)
{
    char *cols = common_columns(h, table);
    r->tables = xrealloc(r->tables, sizeof *r->tables * (r->n + 1));
    struct recovered_table *t = &r->tables[r->n++];
    *t = (struct recovered_table){xstrdup(table), 0, cols == NULL};
    if (!cols) return;
    char *q = quoted(table);
    char *all =
        xasprintf("INSERT OR IGNORE INTO main.%s (%s) SELECT %s FROM old.%s", q, cols, cols, q);
    long long n = changes_of(h, all);
    t->rows = n >= 0 ? n : copy_rows(h, table, cols, &t->damaged);
    if (n < 0) t->damaged = true;
    free(all);
    free(q);
    free(cols);
}

static long long count_broken_links(sqlite3 *h)
{
    sqlite3_stmt *st;
    long long n = 0;
    if (sqlite3_prepare_v2(h, "SELECT count(*) FROM pragma_foreign_key_check", -1, &st, NULL) !=
        SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Attaches the damaged file read-only as "old"; -1 with *err when its schema cannot be read. */
static int attach_damaged(sqlite3 *h, const char *damaged, char **err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, "ATTACH ?1 AS old", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        char *uri = db_file_uri(damaged, "mode=ro");
        sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
        free(uri);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_OK &&
        sqlite3_exec(h, "SELECT count(*) FROM old.sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
        return 0;
    *err = xasprintf(_("nothing can be read of %s: its first page or its list of tables is "
                       "damaged (%s); only a backup can help"),
                     damaged, sqlite3_errmsg(h));
    return -1;
}

int db_recover(const char *damaged, const char *fresh, struct recovery *r, char **err)
{
    memset(r, 0, sizeof *r);
    *err = NULL;
    /* The new database made as any other, with khai's schema; then filled on a connection of
     * its own that may attach the damaged file read-only (a URI), so that nothing is ever
     * written to it, not even a rollback of its journal. */
    struct db *db;
    if (db_open(fresh, &db, err) != 0) return -1;
    db_close(&db);
    sqlite3 *h;
    if (sqlite3_open_v2(fresh, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
        sqlite3_create_collation(h, "thai", SQLITE_UTF8, NULL, thai_collate_sqlite) != SQLITE_OK ||
        grams_register(h) != SQLITE_OK || attach_damaged(h, damaged, err) != 0) {
        if (!*err) *err = xasprintf(_("cannot write %s: %s"), fresh, sqlite3_errmsg(h));
        sqlite3_close(h);
        return -1;
    }
    /* Row by row, each in its own transaction: not synced one by one (a new file, which a
     * crash meanwhile would only make the user recover again). */
    sqlite3_exec(h, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
    size_t n;
    char **tables = own_tables(h, &n);
    for (size_t i = 0; i < n; i++) {
        copy_table(h, tables[i], r);
        free(tables[i]);
    }
    free(tables);
    /* The recovered database is the same one: it keeps its identity, and so its UIDs. */
    sqlite3_exec(h,
                 "INSERT OR REPLACE INTO main.database_identity (id, seed) SELECT id, seed FROM "
                 "old.database_identity WHERE id = 1 AND length(seed) = 32",
                 NULL, NULL, NULL);
    int rc = sqlite3_exec(h, "DETACH old; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) *err = xasprintf(_("cannot write %s: %s"), fresh, sqlite3_errmsg(h));
    r->broken_links = count_broken_links(h);
    sqlite3_close(h);
    return rc == SQLITE_OK ? 0 : -1;
}

void recovery_free(struct recovery *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->tables[i].name);
    free(r->tables);
    memset(r, 0, sizeof *r);
}
