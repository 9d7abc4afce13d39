/* Private to the store layer (src/store/): stored forms, SQL compositions and the SQLite handle.
 * Nothing outside src/store/ can include this: only store objects get this folder on their
 * include path. */
#ifndef KHAI_STORE_INTERNAL_H
#define KHAI_STORE_INTERNAL_H
#include "db.h"
#include <sqlite3.h>
#include "model.h"
#include "stored.h"

/* Spaces, dots and hyphens go, tone marks (and ็ ์) go, ฎ is ฏ and ฑ is ท, Latin letters are
 * lower case. Word for word the expression of the indexes organisations_by_match_key and
 * organisations_by_short_match_key: SQLite uses an index on an expression only for the same
 * expression. */
#define ORG_MATCH_KEY(x)                                                                            \
    "lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace("        \
    "replace(" x ", ' ', ''), '.', ''), '-', ''), '่', ''), '้', ''), '๊', ''), '๋', ''), " \
    "'็', ''), '์', ''), 'ฎ', 'ฏ'), 'ฑ', 'ท'))"

sqlite3 *db_handle(struct db *db);

/* A prepared statement for sql, prepared once per connection and reset for reuse. Found by
 * the text of sql, not its address: any string will do, and it need not outlive the call.
 * A statement stays valid until the next db_prepare of 256 other texts. Returns NULL with
 * *err set on failure. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, char **err);
/* An SQLite URI for the file at path with the query (immutable=1, mode=ro): what would end or
 * change the path in a URI is percent-encoded. malloc'd. */
char *db_file_uri(const char *path, const char *query);
/* Runs a statement that writes, with ?1 an id and ?2 a text (a timestamp the import keeps):
 * 0, or -1 with *err (context, marked N_(), says what was being done). */
int db_run_id_text(struct db *db, const char *sql, long long id, const char *text,
                   const char *context, char **err);

/* A message for the last SQLite error of this connection, with context; malloc'd. Turns
 * SQLITE_BUSY, SQLITE_FULL and SQLITE_READONLY into words a coordinator understands. The
 * context is English and translated here: xgettext takes db_error's second argument as a
 * message (tools/update_pot.sh), so call sites write a plain literal. */
char *db_error(struct db *db, const char *context);

/* Resolved ids of the reference fields of a loaded record, by field index. */
struct refs {
    long long *ids[MAX_FIELDS];
    size_t n[MAX_FIELDS];
    bool resolved[MAX_FIELDS]; /* ids hold what the field says: a save need not look names up */
};

/* The SQL list_count (count) or a page of list_fetch_from (by_key) runs for q, for tests that
 * ask SQLite how it would run it; NULL with *err for a bad filter. Owned by the store. */
const char *list_sql(struct db *db, const struct list_query *q, bool count, bool by_key,
                     char **err);

/* Checks and normalises input for the field into *out. Returns 0, or -1 with *e naming the
 * field and quoting the input. */
int field_check(struct db *db, enum field_id field, const char *input, struct stored *out,
                struct model_error *e);

/* The same, reading a date written without a year as the first such date on or after ref (a
 * task's due date against its event's date) instead of today; ref NULL: today. */
struct date;
int field_check_dated(struct db *db, enum field_id field, const char *input, const struct date *ref,
                      struct stored *out, struct model_error *e);

/* Display form of a stored value that needs converting back (phones, booleans). malloc'd. */
char *field_display(const struct field *f, const char *raw);

/* The SELECT list and FROM clause giving every field's display value for a kind, then one
 * column of comma-separated ids per reference field; columns 0-4 are id, version,
 * updated_at, updated_by, deleted_at. */
/* A statement of head (SELECT ... FROM the kind's table under its alias, and joins), the
 * WHERE of the list query q (its search and filters, bound) and tail (GROUP BY ...): queries
 * over the rows a list shows (freq.c). */
struct list_query;
sqlite3_stmt *list_prepare_over(struct db *db, const struct list_query *q, const char *head,
                                const char *tail, char **err);
/* " AND ..." keeping the rows whose column f has the value bound to :fv (freq.c), or NULL
 * when the list of kind k cannot count f. */
const char *freq_match_sql(enum kind k, enum field_id f);
const char *kind_select_sql(enum kind k);
/* The same columns for a listing that reads only the values `list --tsv` prints: the
 * extra fields may be NULL and the reference ids left out (list_each_values). */
const char *kind_list_select_sql(enum kind k);
/* The alias of the kind's main table in kind_select_sql, and the table's name. */
const char *kind_alias(enum kind k);
const char *kind_table(enum kind k);
const char *kind_insert_sql(enum kind k);
const char *kind_update_sql(enum kind k);
/* UPDATE setting deleted_at ?1, updated_at ?2, updated_by ?3 for id ?4. */
const char *kind_delete_sql(enum kind k, bool deleted);

/* Binds a stored value to parameter idx as the field's column takes it: phones joined, numbers
 * (and references) as integers, text, or NULL. */
void bind_stored(sqlite3_stmt *st, int idx, const struct field *f, const struct stored *v);

/* Binds every field of a kind's insert or update statement (kind_insert_sql), its search
 * key, the time and the user: record_save and the bulk write bind the same way. */
void bind_record(struct db *db, sqlite3_stmt *st, enum kind k, const struct stored *vals,
                 const char *key, const char *now);

/* Many rows per INSERT (batch.c). A shape is the statement's head ("INSERT INTO t (a, b)"),
 * one row's select list ("?, coalesce(?, 1)") and an optional tail (an upsert clause). With
 * cached set, the batch writes one row a statement through a statement composed once and
 * prepared once per connection (record_save's writes); else rows per statement, prepared for
 * this batch alone. */
struct batch_shape {
    const char *head, *row, *tail;
    char **cached;
};

struct batch {
    struct db *db;
    sqlite3_stmt *st;
    bool own;
    int per_row, rows, max_rows, col;
};

int batch_open(struct db *db, struct batch *b, const struct batch_shape *shape, int rows,
               char **err);
/* The next parameter of the current row; NULL text and ids <= 0 are SQL NULL. */
void batch_text(struct batch *b, const char *text);
void batch_int(struct batch *b, long long n);
void batch_id(struct batch *b, long long id);
void batch_stored(struct batch *b, const struct field *f, const struct stored *v);
/* Ends the current row; writes the statement when it is full. */
int batch_row(struct batch *b, char **err);
/* Writes the rows not yet written. */
int batch_flush(struct batch *b, char **err);
void batch_close(struct batch *b);

/* Writes the rows that hang off a record (phones, affiliations, tags, partners, quotas) for
 * the fields that changed (changed NULL: every field, for a record just inserted), and
 * refreshes the members' search keys that hold a saved organisation's. */
int write_links(struct db *db, enum kind k, long long id, const bool *changed,
                const struct stored *vals, char **err);

/* Replaces a task's owners with v (FT_OWNERS: members' ids, minus organisations'). */
int write_task_owners(struct db *db, long long task_id, const struct stored *v, char **err);

/* Rebuilds the organisation part of a member's search key after their organisations
 * changed. */
int refresh_member_search_key(struct db *db, long long member_id, char **err);

/* A member's whole search key as stored: its own part (record_search_key), then after
 * char(31) the search keys of its organisations in id order, each given by org_key
 * (malloc'd, NULL for none). Saves, imports and the demo all write it through here. */
char *member_search_key(struct db *db, const struct stored *vals,
                        char *(*org_key)(void *ctx, long long id), void *ctx);
/* org_key for member_search_key that reads the organisation's key; ctx is the db. */
char *org_search_key_of(void *db, long long id);

/* The rows that hang off a member, written one at a time by record_save or staged many to a
 * statement by the bulk write (staged: into temp tables that member_links_copy empties into
 * the real ones once the members are there). */
enum member_link { LINK_PHONES, LINK_AFFILIATIONS, LINK_TAGS, LINK_COUNT };
int member_links_open(struct db *db, struct batch b[LINK_COUNT], bool staged, int rows, char **err);
int member_links_flush(struct batch b[LINK_COUNT], char **err);
void member_links_close(struct batch b[LINK_COUNT]);
int member_links_stage(struct db *db, char **err);
int member_links_copy(struct db *db, char **err);
void member_links_unstage(struct db *db);
int phone_rows(struct batch *b, long long id, const struct stored *v, char **err);
/* roles and since, parallel to v->ids, may be NULL. */
int affiliation_rows(struct batch *b, long long id, const struct stored *v,
                     const char *const *roles, const char *const *since, char **err);
int tag_rows(struct batch *b, long long id, const long long *tag_ids, size_t n, char **err);
/* The id of the tag called name, made when new. */
int tag_id(struct db *db, const char *name, long long *id, char **err);

/* An attendance row's days (eventdays.c): checks each day typed against the event's dates
 * and normalises them ("2009-03-24; 2009-03-25"); someone arriving (set to attended) during
 * a multi-day event with no day given came today. *changed is set when the text changed. */
int attendance_days_rule(struct db *db, long long event_id, bool arriving, struct stored *days,
                         bool *changed, struct model_error *e);
/* Writes the row's days as attendance_days rows, replacing those it had. */
int write_attendance_days(struct db *db, long long attendance_id, const struct stored *days,
                          char **err);

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
/* The values record_from_row would make of the current row (kind_list_select_sql's), without
 * a copy: each points into the row, valid until the statement steps, or into scratch (phones
 * grouped as they are shown). */
enum { MAX_ROW_FIELDS = 64 };
struct strbuf;
void row_values(sqlite3_stmt *st, enum kind k, const char **values, struct strbuf *scratch);
/* Appends the stored phones raw ("0812345678; 021234567") as they are shown. */
void phones_display(struct strbuf *sb, const char *raw);

/* The record's search key as stored in search_key. malloc'd. */
char *record_search_key(struct db *db, enum kind k, const struct stored *vals);

#endif
