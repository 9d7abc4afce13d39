/* Private to the store layer (src/store/): stored forms, SQL compositions and the SQLite handle.
 * Nothing outside src/store/ can include this: only store objects get this folder on their
 * include path. */
#ifndef KHAI_STORE_INTERNAL_H
#define KHAI_STORE_INTERNAL_H
#include "db.h"
#include <sqlite3.h>
#include "model.h"

sqlite3 *db_handle(struct db *db);

/* A prepared statement for sql, prepared once per connection and reset for reuse. Found by
 * the text of sql, not its address: any string will do, and it need not outlive the call.
 * A statement stays valid until the next db_prepare of 256 other texts. Returns NULL with
 * *err set on failure. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, char **err);

/* A message for the last SQLite error of this connection, with context; malloc'd. Turns
 * SQLITE_BUSY, SQLITE_FULL and SQLITE_READONLY into words a coordinator understands. The
 * context is English and translated here: xgettext takes db_error's second argument as a
 * message (tools/update_pot.sh), so call sites write a plain literal. */
char *db_error(struct db *db, const char *context);

/* A field's value in the form it is written to the database. */
struct stored {
    char *text;    /* text, ISO date, HH:MM, province code, choice key; NULL for SQL NULL */
    long long num; /* FT_INT, FT_BOOL, and the id of FT_ORG / FT_MEMBER / FT_EVENT */
    bool has_num;
    long long *ids; /* FT_ORGS */
    char **items;   /* FT_PHONES (digits), FT_TAGS, FT_QUOTAS ("category\tnumber") */
    size_t n;       /* count of ids or items */
};

/* Resolved ids of the reference fields of a loaded record, by field index. */
struct refs {
    long long *ids[MAX_FIELDS];
    size_t n[MAX_FIELDS];
    bool resolved[MAX_FIELDS]; /* ids hold what the field says: a save need not look names up */
};

void stored_free(struct stored *s);

/* Checks and normalises input for the field into *out. Returns 0, or -1 with *e naming the
 * field and quoting the input. */
int field_check(struct db *db, enum field_id field, const char *input, struct stored *out,
                struct model_error *e);
/* The same for field fi of kind k, with the error rendered (model_error_text). */
int field_store(struct db *db, enum kind k, int fi, const char *input, struct stored *out,
                char **err);

/* Display form of a stored value that needs converting back (phones, booleans). malloc'd. */
char *field_display(const struct field *f, const char *raw);

/* The SELECT list and FROM clause giving every field's display value for a kind, then one
 * column of comma-separated ids per reference field; columns 0-4 are id, version,
 * updated_at, updated_by, deleted_at. */
const char *kind_select_sql(enum kind k);
/* The alias of the kind's main table in kind_select_sql, and the table's name. */
const char *kind_alias(enum kind k);
const char *kind_table(enum kind k);
const char *kind_insert_sql(enum kind k);
const char *kind_update_sql(enum kind k);
/* UPDATE setting deleted_at ?1, updated_at ?2, updated_by ?3 for id ?4. */
const char *kind_delete_sql(enum kind k, bool deleted);

/* Writes the rows that hang off a record (phones, affiliations, tags, partners, quotas) for
 * the fields that changed, and refreshes search keys that depend on them. */
int write_links(struct db *db, const struct record *r, struct stored *vals, char **err);

/* Rebuilds the organisation part of a member's search key after their organisations
 * changed. */
int refresh_member_search_key(struct db *db, long long member_id, char **err);

/* Records action on a row with the old and new values of the fields that differ. */
int audit_write(struct db *db, const char *action, const struct record *old,
                const struct record *fresh, const char *now, char **err);
/* The same for changes that are not a record's fields (an affiliation's role): old_json may
 * be NULL. */
int audit_write_json(struct db *db, const char *table, long long row_id, const char *action,
                     const char *old_json, const char *new_json, const char *now, char **err);
/* A JSON object of NULL-terminated name, value pairs. malloc'd. */
char *audit_json(const char *const *pairs);

/* Builds a record from the current row of a statement made from kind_select_sql. */
struct record *record_from_row(sqlite3_stmt *st, enum kind k);

/* The record's search key as stored in search_key. malloc'd. */
char *record_search_key(struct db *db, enum kind k, struct stored *vals);

bool field_is_ref(enum field_type t);

#endif
