/* Writing many records in one transaction: CSV imports and the demo fill. Records come in
 * the stored form field_store makes (stored.h) and are written by the same store functions
 * as record_save: the same insert statements, the same search keys (a member's with its
 * organisations'), the same phone, affiliation and tag rows, the same audit rows. What the
 * bulk write adds is speed: many rows a statement, members staged and copied into their table
 * with one statement (the full-text index flushes once per statement), caches of the
 * organisations and tags it has seen. Nothing is written unless bulk_commit succeeds. */
#ifndef KHAI_BULK_H
#define KHAI_BULK_H
#include <stdbool.h>

#include "model.h"
#include "stored.h"

struct bulk;

struct bulk_options {
    /* The page cache for the one long transaction, in KiB (0: keep SQLite's): fewer pages
     * spilled to the write-ahead log and read back. */
    int cache_kb;
    /* Foreign keys are not checked: every reference is to a row written moments before in
     * this same write (the demo). Looking each parent up again costs a sixth of the large
     * demo's time; the setting can only change outside a transaction and is put back after. */
    bool trust_references;
    /* One audit row per new record, as record_save writes (imports). Without it the caller
     * writes one row for the whole write with bulk_audit_summary. */
    bool audit_each;
    /* The database is new and empty (the demo): filled with a rollback journal instead of the
     * write-ahead log, which writes every page twice (to the log, then into the file); the
     * journal keeps only the few pages the file had. Put back to WAL after. */
    bool fresh_file;
    /* The derived data (reach, sort keys, live counts, groups, task owners, invitation
     * history) is built once, set-wise, at bulk_commit instead of by the insert
     * triggers row by row (src/store/derived.h). Only for a new, empty database. */
    bool derive_after;
};

/* Opens the write: one transaction (a savepoint inside an open one). */
int bulk_begin(struct db *db, const struct bulk_options *opt, struct bulk **out, char **err);
/* Writes what is staged and commits; on failure nothing stays. Frees *b either way. */
int bulk_commit(struct bulk **b, char **err);
/* Forgets everything written since bulk_begin. Frees *b. */
void bulk_rollback(struct bulk **b);

/* A new member; vals by field index, as field_store makes them (with what record_save's rules
 * would add: an event's end date, a done task's done date). Ids follow the highest in
 * the table, one by one, so *id is known at once; the row itself is staged and written at
 * the next bulk_flush (or bulk_commit, or the first attendance or task row). roles and since,
 * parallel to the organisations' ids, may be NULL. Nothing else may write members between
 * this and the flush. */
int bulk_add_member(struct bulk *b, const struct stored *vals, const char *const *roles,
                    const char *const *since, long long *id, char **err);
/* Writes the staged members with their phones, organisations and tags. */
int bulk_flush(struct bulk *b, char **err);

/* A new organisation or event, written at once with its tags, partners and quotas (*id is its
 * id), or an attendance or task row, written many to a statement (id may be NULL; it is set
 * to 0). */
int bulk_add(struct bulk *b, enum kind k, const struct stored *vals, long long *id, char **err);

/* The id of the tag called name, made when new. */
int bulk_tag(struct bulk *b, const char *name, long long *id, char **err);

/* One audit row for the whole write, naming table and what went in (a JSON object). */
int bulk_audit_summary(struct bulk *b, const char *table, const char *json, char **err);

/* ------------------------------------------------------------------------------------------
 * Changing many records at once: the same fields set on every one (the screens' "mark rows,
 * then ;", `khai edit attendance ID ID ... --status confirmed`). */

/* What a bulk edit did, for undo (undo_bulk_edited): each record as it was just before the
 * edit and as it was saved, in the order of the ids. */
struct bulk_edit {
    enum kind kind;
    struct record **before, **after;
    size_t n;
};

/* Sets the fields changes changed (record_set on a record_new of the kind) on each of the n
 * records of changes' kind named by ids, in one transaction. Each goes through
 * record_save_from: validated and audited, and someone else's change to other fields of a
 * row meanwhile is kept. When one record fails, nothing is written and *err names it and says
 * why ("attendance 12: status: ..."). On success *out (when not NULL) holds what undo needs;
 * free it with bulk_edit_free. */
int bulk_edit_records(struct db *db, const struct record *changes, const long long *ids, size_t n,
                      struct bulk_edit *out, char **err);
void bulk_edit_free(struct bulk_edit *e);

#endif
