/* The bulk edit (bulk.h): the same fields set on many records in one transaction, each through
 * record_save_from, so every row is validated, audited and version-checked as a single edit
 * is, and undo can put them all back at once. */
#include "bulk.h"
#include "messages.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void bulk_edit_free(struct bulk_edit *e)
{
    if (!e) return;
    for (size_t i = 0; i < e->n; i++) {
        record_free(&e->before[i]);
        record_free(&e->after[i]);
    }
    free(e->before);
    free(e->after);
    memset(e, 0, sizeof *e);
}

/* "attendance 12: status: not one of ..." */
static char *row_error(enum kind k, long long id, struct model_error *why)
{
    char *text = model_error_text(why);
    char *said = xasprintf(_("%s %lld: %s"), kind_noun(k), id, text);
    free(text);
    model_error_clear(why);
    return said;
}

/* Loads the record, sets changes' fields on it and saves it; before and after for undo. */
static int edit_one(struct db *db, const struct record *changes, long long id,
                    struct record **before, struct record **after, char **err)
{
    const struct kind_info *ki = kind_info(changes->kind);
    struct record *r = NULL;
    if (record_load(db, changes->kind, id, &r, err) != 0) return -1;
    struct record *as_read = record_copy(r);
    for (int i = 0; i < ki->nfields; i++)
        if (changes->changed[i]) record_set(r, field_id(changes->kind, i), changes->values[i]);
    struct model_error why = {.field = F_NONE};
    int rc = record_save_from(db, as_read, r, before, &why);
    if (rc != 0) {
        *err = row_error(changes->kind, id, &why);
        record_free(&r);
    } else {
        *after = r;
    }
    record_free(&as_read);
    return rc;
}

int bulk_edit_records(struct db *db, const struct record *changes, const long long *ids, size_t n,
                      struct bulk_edit *out, char **err)
{
    struct bulk_edit e = {.kind = changes->kind};
    e.before = xcalloc(n ? n : 1, sizeof *e.before);
    e.after = xcalloc(n ? n : 1, sizeof *e.after);
    if (db_begin(db, err) != 0) {
        bulk_edit_free(&e);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = edit_one(db, changes, ids[i], &e.before[i], &e.after[i], err);
        if (rc == 0) e.n++;
    }
    if (rc == 0)
        rc = db_commit(db, err); /* it rolls back itself when it fails */
    else
        db_rollback(db);
    if (rc == 0 && out)
        *out = e;
    else
        bulk_edit_free(&e);
    return rc;
}
