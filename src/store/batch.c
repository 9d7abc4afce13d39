/* Many rows per INSERT statement. One statement per row spends about a third of its time on
 * the statement itself (measured on the demo's 300,000 attendance rows: 2.2 s against 1.5 s
 * at 64 rows a statement), and every statement that writes the full-text index makes FTS5
 * flush what it has pending. The statement is "INSERT INTO t (...) SELECT ?, ... WHERE ?
 * UNION ALL SELECT ...": each row ends with a flag that is bound only for rows in use, so the
 * same statement also writes the last, partial batch. The SQL is made of fixed text only. */
#include "store_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *compose(const char *head, const char *row, const char *tail, int rows)
{
    struct strbuf sql = STRBUF_INIT;
    sb_add(&sql, head);
    for (int i = 0; i < rows; i++)
        sb_addf(&sql, "%sSELECT %s WHERE ?", i ? " UNION ALL " : " ", row);
    sb_add(&sql, tail ? tail : "");
    return sb_take(&sql);
}

int batch_open(struct db *db, struct batch *b, const struct batch_shape *shape, int rows,
               char **err)
{
    memset(b, 0, sizeof *b);
    b->db = db;
    b->max_rows = rows;
    b->per_row = 1;
    for (const char *p = shape->row; *p; p++)
        b->per_row += *p == '?';
    if (shape->cached) {
        /* One row a statement, for record_save: composed once, prepared once per connection. */
        if (!*shape->cached) *shape->cached = compose(shape->head, shape->row, shape->tail, 1);
        b->max_rows = 1;
        b->st = db_prepare(db, *shape->cached, err);
        return b->st ? 0 : -1;
    }
    char *sql = compose(shape->head, shape->row, shape->tail, rows);
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &b->st, NULL);
    free(sql);
    b->own = true;
    if (rc == SQLITE_OK) return 0;
    b->st = NULL;
    *err = db_error(db, "internal error preparing a bulk write");
    return -1;
}

static int next_param(struct batch *b)
{
    return b->rows * b->per_row + ++b->col;
}

void batch_text(struct batch *b, const char *text)
{
    int i = next_param(b);
    if (text) sqlite3_bind_text(b->st, i, text, -1, SQLITE_TRANSIENT);
}

void batch_int(struct batch *b, long long n)
{
    sqlite3_bind_int64(b->st, next_param(b), n);
}

void batch_id(struct batch *b, long long id)
{
    int i = next_param(b);
    if (id > 0) sqlite3_bind_int64(b->st, i, id);
}

void batch_stored(struct batch *b, const struct field *f, const struct stored *v)
{
    bind_stored(b->st, next_param(b), f, v);
}

int batch_flush(struct batch *b, char **err)
{
    if (b->rows == 0) return 0;
    int rc = sqlite3_step(b->st);
    sqlite3_reset(b->st);
    sqlite3_clear_bindings(b->st);
    b->rows = 0;
    b->col = 0;
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return 0;
    *err = db_error(b->db, "cannot write");
    return -1;
}

int batch_row(struct batch *b, char **err)
{
    batch_int(b, 1);
    b->rows++;
    b->col = 0;
    return b->rows == b->max_rows ? batch_flush(b, err) : 0;
}

void batch_close(struct batch *b)
{
    if (b->own) {
        sqlite3_finalize(b->st);
    } else if (b->st) {
        sqlite3_reset(b->st);
        sqlite3_clear_bindings(b->st);
    }
    b->st = NULL;
    b->rows = 0;
}
