/* The bulk write (bulk.h): one transaction, many rows a statement, through the statements,
 * search keys, link rows and audit rows that record_save uses. */
#include "bulk.h"
#include "collate.h"
#include "derived.h"
#include "lookup.h"
#include "map.h"
#include "messages.h"
#include "phone.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS = 64, MAX_PARAMS = 64 };

/* What a parameter of a kind's insert statement takes. */
enum { P_NOW = -1, P_USER = -2, P_KEY = -3 };

/* A kind's insert statement (kind_insert_sql) cut into the head and one row's select list, its
 * named parameters turned into positional ones, so that the batch writes the very statement
 * record_save runs, many rows at a time. */
struct shape {
    char *head, *row, *columns;
    int param[MAX_PARAMS]; /* field index, or P_* */
    int nparams;
};

struct org_info {
    char *name, *key;
};

struct bulk {
    struct db *db;
    struct bulk_options opt;
    long long old_cache;
    int old_fk;
    char now[32];
    struct shape shapes[KIND_COUNT];
    /* members staged in temp.bulk_members until bulk_flush */
    bool staging;
    long long next_member;
    struct batch members;
    struct batch links[LINK_COUNT];
    bool links_staged; /* foreign keys on: the link rows wait for their members too */
    /* attendance and tasks, many to a statement straight into their tables */
    struct batch rows[KIND_COUNT];
    bool rows_open[KIND_COUNT];
    /* caches */
    struct map org_at; /* id -> index + 1 into orgs */
    struct org_info *orgs;
    size_t norgs;
    struct map tags;
    struct province_row *provinces;
    int nprovinces;
    struct derived *derived; /* the triggers dropped until bulk_commit (derive_after) */
};

/* ------------------------------------------------------------------------------------------
 * Settings for the write, and putting them back */

static long long pragma_get(struct db *db, const char *sql, long long fallback)
{
    sqlite3_stmt *st;
    long long n = fallback;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void pragma_set(struct db *db, const char *name, long long n)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s = %lld", name, n);
    sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
}

static void shape_free(struct shape *s)
{
    free(s->head);
    free(s->row);
    free(s->columns);
    memset(s, 0, sizeof *s);
}

static void bulk_free(struct bulk **bp)
{
    struct bulk *b = *bp;
    if (!b) return;
    if (b->opt.trust_references) pragma_set(b->db, "foreign_keys", b->old_fk);
    if (b->opt.fresh_file)
        sqlite3_exec(db_handle(b->db), "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    if (b->opt.cache_kb) pragma_set(b->db, "cache_size", b->old_cache);
    for (int k = 0; k < KIND_COUNT; k++)
        shape_free(&b->shapes[k]);
    map_free(&b->org_at);
    for (size_t i = 0; i < b->norgs; i++) {
        free(b->orgs[i].name);
        free(b->orgs[i].key);
    }
    free(b->orgs);
    map_free(&b->tags);
    province_rows_free(b->provinces, b->nprovinces);
    derived_free(&b->derived);
    free(b);
    *bp = NULL;
}

int bulk_begin(struct db *db, const struct bulk_options *opt, struct bulk **out, char **err)
{
    struct bulk *b = xcalloc(1, sizeof *b);
    b->db = db;
    b->opt = *opt;
    db_now(b->now);
    if (opt->cache_kb) {
        b->old_cache = pragma_get(db, "PRAGMA cache_size", -2000);
        pragma_set(db, "cache_size", -(long long)opt->cache_kb);
    }
    if (opt->trust_references) {
        b->old_fk = (int)pragma_get(db, "PRAGMA foreign_keys", 1);
        pragma_set(db, "foreign_keys", 0);
    }
    if (opt->fresh_file)
        sqlite3_exec(db_handle(db), "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (db_begin(db, err) != 0) {
        bulk_free(&b);
        return -1;
    }
    if (opt->derive_after && derived_suspend(db, &b->derived, err) != 0) {
        bulk_rollback(&b);
        return -1;
    }
    *out = b;
    return 0;
}

static void close_staging(struct bulk *b)
{
    batch_close(&b->members);
    member_links_close(b->links);
}

static void close_batches(struct bulk *b)
{
    close_staging(b);
    for (int k = 0; k < KIND_COUNT; k++) {
        batch_close(&b->rows[k]);
        b->rows_open[k] = false;
    }
}

void bulk_rollback(struct bulk **bp)
{
    struct bulk *b = *bp;
    if (!b) return;
    close_batches(b);
    db_rollback(b->db);
    sqlite3_exec(db_handle(b->db), "DROP TABLE IF EXISTS temp.bulk_members", NULL, NULL, NULL);
    member_links_unstage(b->db);
    bulk_free(bp);
}

static int flush_rows(struct bulk *b, char **err)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (b->rows_open[k] && batch_flush(&b->rows[k], err) != 0) return -1;
    return 0;
}

int bulk_commit(struct bulk **bp, char **err)
{
    struct bulk *b = *bp;
    if (bulk_flush(b, err) != 0 || flush_rows(b, err) != 0) {
        bulk_rollback(bp);
        return -1;
    }
    close_batches(b);
    if (b->derived && derived_build(b->db, &b->derived, err) != 0) {
        bulk_rollback(bp);
        return -1;
    }
    int rc = db_commit(b->db, err); /* it rolls back itself when it fails */
    bulk_free(bp);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * A kind's insert statement as a batch */

static int param_of(const struct kind_info *ki, const char *name)
{
    if (strcmp(name, "now") == 0) return P_NOW;
    if (strcmp(name, "user") == 0) return P_USER;
    if (strcmp(name, "search_key") == 0) return P_KEY;
    return field_index(ki, name);
}

static const struct shape *shape_of(struct bulk *b, enum kind k)
{
    struct shape *s = &b->shapes[k];
    if (s->head) return s;
    const char *sql = kind_insert_sql(k);
    const char *values = strstr(sql, " VALUES (");
    const char *open = strchr(sql, '(');
    s->head = xstrndup(sql, (size_t)(values - sql));
    s->columns = xstrndup(open + 1, (size_t)(values - open - 2));
    const char *p = values + strlen(" VALUES (");
    const char *end = sql + strlen(sql) - 1; /* the closing parenthesis */
    struct strbuf row = STRBUF_INIT;
    const struct kind_info *ki = kind_info(k);
    while (p < end) {
        if (*p != ':') {
            sb_addc(&row, *p++);
            continue;
        }
        size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
        char *name = xstrndup(p + 1, n);
        s->param[s->nparams++] = param_of(ki, name);
        free(name);
        sb_addc(&row, '?');
        p += n + 1;
    }
    s->row = sb_take(&row);
    return s;
}

static void put_record(struct bulk *b, struct batch *out, const struct shape *s, enum kind k,
                       const struct stored *vals, const char *key)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < s->nparams; i++) {
        int p = s->param[i];
        if (p == P_NOW)
            batch_text(out, b->now);
        else if (p == P_USER)
            batch_text(out, db_user(b->db));
        else if (p == P_KEY)
            batch_text(out, key);
        else
            batch_stored(out, &ki->fields[p], &vals[p]);
    }
}

/* ------------------------------------------------------------------------------------------
 * Caches: organisations (for members' search keys and the audit) and tags */

static char *id_key(long long id)
{
    return xasprintf("%lld", id);
}

static void org_remember(struct bulk *b, long long id, const char *name, const char *key)
{
    char *k = id_key(id);
    b->orgs = xrealloc(b->orgs, sizeof *b->orgs * (b->norgs + 1));
    b->orgs[b->norgs++] = (struct org_info){xstrdup(name ? name : ""), xstrdup(key ? key : "")};
    map_set(&b->org_at, k, (long long)b->norgs);
    free(k);
}

static const struct org_info *org_info(struct bulk *b, long long id)
{
    char *k = id_key(id);
    long long at = map_get(&b->org_at, k);
    free(k);
    if (at) return &b->orgs[at - 1];
    char *err = NULL;
    sqlite3_stmt *st =
        db_prepare(b->db, "SELECT name, search_key FROM organisations WHERE id = ?1", &err);
    free(err);
    char *name = NULL, *key = NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            name = xstrdup((const char *)sqlite3_column_text(st, 0));
            key = xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_reset(st);
    }
    org_remember(b, id, name, key);
    free(name);
    free(key);
    return &b->orgs[b->norgs - 1];
}

static char *cached_org_key(void *ctx, long long id)
{
    return xstrdup(org_info(ctx, id)->key);
}

int bulk_tag(struct bulk *b, const char *name, long long *id, char **err)
{
    *id = map_get(&b->tags, name);
    if (*id) return 0;
    if (tag_id(b->db, name, id, err) != 0) return -1;
    map_set(&b->tags, name, *id);
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * The audit row of a new member: the values record_load would show */

static const char *province_name(struct bulk *b, const char *code)
{
    if (!b->provinces) {
        char *err = NULL;
        province_rows(b->db, &b->provinces, &b->nprovinces, &err);
        free(err);
    }
    for (int i = 0; i < b->nprovinces; i++)
        if (strcmp(b->provinces[i].code, code) == 0) return b->provinces[i].name;
    return code;
}

static int compare_thai(const void *x, const void *y)
{
    const char *a = *(char *const *)x, *c = *(char *const *)y;
    return thai_collate(a, strlen(a), c, strlen(c));
}

static char *list_display(struct bulk *b, const struct field *f, const struct stored *v)
{
    char **items = xcalloc(v->n ? v->n : 1, sizeof *items);
    for (size_t i = 0; i < v->n; i++) {
        if (f->type == FT_PHONES) {
            char grouped[32];
            phone_format(v->items[i], grouped, sizeof grouped);
            items[i] = xstrdup(grouped);
        } else if (f->type == FT_ORGS) {
            items[i] = xstrdup(org_info(b, v->ids[i])->name);
        } else {
            items[i] = xstrdup(v->items[i]);
        }
    }
    size_t kept = v->n;
    if (f->type == FT_TAGS) { /* shown sorted, once each */
        qsort(items, v->n, sizeof *items, compare_thai);
        kept = 0;
        for (size_t i = 0; i < v->n; i++) {
            if (kept && strcmp(items[kept - 1], items[i]) == 0)
                free(items[i]);
            else
                items[kept++] = items[i];
        }
    }
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < kept; i++)
        sb_addf(&sb, "%s%s", i ? LIST_SEPARATOR : "", items[i]);
    strings_free(items, kept);
    return sb_take(&sb);
}

static char *display(struct bulk *b, const struct field *f, const struct stored *v, long long id)
{
    switch (f->type) {
    case FT_ID:
        return id_key(id);
    case FT_BOOL:
        return xstrdup(v->has_num && v->num == 0 ? "no" : "yes");
    case FT_PHONES:
    case FT_ORGS:
    case FT_TAGS:
        return list_display(b, f, v);
    case FT_DERIVED:
        return xstrdup("");
    case FT_PROVINCE:
        return xstrdup(v->text && *v->text ? province_name(b, v->text) : "");
    default:
        return xstrdup(v->text ? v->text : "");
    }
}

static int audit_member(struct bulk *b, const struct stored *vals, long long id, char **err)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    struct record *fresh = record_new(KIND_MEMBER);
    fresh->id = id;
    for (int i = 0; i < ki->nfields; i++) {
        free(fresh->values[i]);
        fresh->values[i] = display(b, &ki->fields[i], &vals[i], id);
    }
    int rc = audit_write(b->db, "insert", NULL, fresh, b->now, err);
    record_free(&fresh);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Members: staged in a temporary table and copied into members with one INSERT ... SELECT,
 * their search keys already whole. FTS5 flushes its pending index at every statement that
 * writes to it: 100,000 single-row inserts through the search triggers, and an UPDATE adding
 * the organisations to every key afterwards, cost the large demo 13 s of indexing, against 2 s
 * for the one statement. */

/* context: an N_() message, which db_error translates. */
static int exec(struct db *db, const char *sql, const char *context, char **err)
{
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    *err = db_error(db, context);
    return -1;
}

static int stage_open(struct bulk *b, char **err)
{
    const struct shape *s = shape_of(b, KIND_MEMBER);
    long long last = -1;
    sqlite3_stmt *st = db_prepare(b->db, "SELECT coalesce(max(id), 0) FROM members", err);
    if (!st) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) last = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (last < 0) {
        *err = db_error(b->db, "cannot read members");
        return -1;
    }
    b->next_member = last + 1;
    /* The staged rows bind the member's id first, then what record_save binds. */
    char *head = xasprintf("INSERT INTO temp.bulk_members (id, %s)", s->columns);
    char *row = xasprintf("?, %s", s->row);
    struct batch_shape shape = {head, row, NULL, NULL};
    b->links_staged = !b->opt.trust_references;
    int rc = exec(b->db,
                  "DROP TABLE IF EXISTS temp.bulk_members; CREATE TEMP TABLE bulk_members AS "
                  "SELECT * FROM main.members WHERE 0",
                  N_("cannot prepare the bulk write"), err);
    if (rc == 0 && b->links_staged) rc = member_links_stage(b->db, err);
    if (rc == 0) rc = batch_open(b->db, &b->members, &shape, ROWS, err);
    if (rc == 0) rc = member_links_open(b->db, b->links, b->links_staged, ROWS, err);
    free(head);
    free(row);
    if (rc != 0) return -1;
    b->staging = true;
    return 0;
}

int bulk_flush(struct bulk *b, char **err)
{
    if (!b->staging) return 0;
    if (batch_flush(&b->members, err) != 0 || member_links_flush(b->links, err) != 0) return -1;
    close_staging(b); /* a statement on a temporary table must end before the table goes */
    b->staging = false;
    const struct shape *s = shape_of(b, KIND_MEMBER);
    char *copy = xasprintf("INSERT INTO main.members (id, %s) SELECT id, %s FROM "
                           "temp.bulk_members; DROP TABLE temp.bulk_members",
                           s->columns, s->columns);
    int rc = exec(b->db, copy, N_("cannot write the members"), err);
    free(copy);
    if (rc == 0 && b->links_staged) rc = member_links_copy(b->db, err);
    return rc;
}

static int member_tags(struct bulk *b, long long id, const struct stored *tags, char **err)
{
    for (size_t i = 0; i < tags->n; i++) {
        long long tag;
        if (bulk_tag(b, tags->items[i], &tag, err) != 0 ||
            tag_rows(&b->links[LINK_TAGS], id, &tag, 1, err) != 0)
            return -1;
    }
    return 0;
}

int bulk_add_member(struct bulk *b, const struct stored *vals, const char *const *roles,
                    const char *const *since, long long *id, char **err)
{
    if (!b->staging && stage_open(b, err) != 0) return -1;
    long long new_id = b->next_member;
    char *key = member_search_key(b->db, vals, cached_org_key, b);
    batch_int(&b->members, new_id);
    put_record(b, &b->members, shape_of(b, KIND_MEMBER), KIND_MEMBER, vals, key);
    free(key);
    int rc = batch_row(&b->members, err);
    if (rc == 0)
        rc = phone_rows(&b->links[LINK_PHONES], new_id, &vals[field_pos(F_MEMBER_PHONE)], err);
    if (rc == 0)
        rc = affiliation_rows(&b->links[LINK_AFFILIATIONS], new_id,
                              &vals[field_pos(F_MEMBER_ORGANISATIONS)], roles, since, err);
    if (rc == 0) rc = member_tags(b, new_id, &vals[field_pos(F_MEMBER_TAGS)], err);
    if (rc == 0 && b->opt.audit_each) rc = audit_member(b, vals, new_id, err);
    if (rc != 0) return -1;
    b->next_member++;
    if (id) *id = new_id;
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Other kinds */

/* Organisations and events one at a time: later rows need their ids, and they are few. */
static int add_one(struct bulk *b, enum kind k, const struct stored *vals, long long *id,
                   char **err)
{
    sqlite3_stmt *st = db_prepare(b->db, kind_insert_sql(k), err);
    if (!st) return -1;
    char *key = record_search_key(b->db, k, vals);
    bind_record(b->db, st, k, vals, key, b->now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(key);
        *err = db_error(b->db, "cannot write");
        return -1;
    }
    long long new_id = sqlite3_last_insert_rowid(db_handle(b->db));
    if (k == KIND_ORG) org_remember(b, new_id, vals[field_pos(F_ORG_NAME)].text, key);
    free(key);
    if (write_links(b->db, k, new_id, NULL, vals, err) != 0) return -1;
    if (b->opt.audit_each) {
        struct record *fresh = NULL;
        rc = record_load(b->db, k, new_id, &fresh, err) == 0 ? 0 : -1;
        if (rc == 0) rc = audit_write(b->db, "insert", NULL, fresh, b->now, err);
        record_free(&fresh);
        if (rc != 0) return -1;
    }
    if (id) *id = new_id;
    return 0;
}

/* Attendance and tasks many to a statement, after the members they name. */
static int add_row(struct bulk *b, enum kind k, const struct stored *vals, char **err)
{
    if (bulk_flush(b, err) != 0) return -1;
    const struct shape *s = shape_of(b, k);
    if (!b->rows_open[k]) {
        struct batch_shape shape = {s->head, s->row, NULL, NULL};
        if (batch_open(b->db, &b->rows[k], &shape, ROWS, err) != 0) return -1;
        b->rows_open[k] = true;
    }
    char *key = record_search_key(b->db, k, vals);
    put_record(b, &b->rows[k], s, k, vals, key);
    free(key);
    return batch_row(&b->rows[k], err);
}

int bulk_add(struct bulk *b, enum kind k, const struct stored *vals, long long *id, char **err)
{
    if (id) *id = 0;
    if (k == KIND_MEMBER) return bulk_add_member(b, vals, NULL, NULL, id, err);
    if (k == KIND_ORG || k == KIND_EVENT || b->opt.audit_each) {
        if (k != KIND_ORG && k != KIND_EVENT && bulk_flush(b, err) != 0) return -1;
        return add_one(b, k, vals, id, err);
    }
    return add_row(b, k, vals, err);
}

int bulk_audit_summary(struct bulk *b, const char *table, const char *json, char **err)
{
    return audit_write_json(b->db, table, 0, "insert", NULL, json, b->now, err);
}
