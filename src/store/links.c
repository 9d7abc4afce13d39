/* The rows that hang off a record (phones, affiliations, tags, event partners and quotas),
 * and the search keys that depend on them. */
#include "store_internal.h"
#include "strbuf.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The organisation part of a member's search key follows the unit separator, so renaming
 * an organisation can refresh it in SQL without touching the member's own part. */
#define REFRESH_MEMBER_KEYS                                                                        \
    "UPDATE members SET search_key = substr(search_key, 1, instr(search_key || char(31), "         \
    "char(31)) - 1) || char(31) || coalesce((SELECT group_concat(o.search_key, ' ') FROM "         \
    "affiliations a JOIN organisations o ON o.id = a.org_id WHERE a.member_id = members.id), "     \
    "'') "
static const char refresh_member_orgs[] = REFRESH_MEMBER_KEYS "WHERE id = ?1";
static const char refresh_org_members[] =
    REFRESH_MEMBER_KEYS "WHERE id IN (SELECT member_id FROM affiliations WHERE org_id = ?1)";

static void add_key(struct strbuf *sb, const char *text)
{
    if (!text || !*text) return;
    char *key = text_search_key(text);
    if (*key) sb_addf(sb, "%s%s", sb->len ? " " : "", key);
    free(key);
}

char *record_search_key(struct db *db, enum kind k, const struct stored *vals)
{
    (void)db;
    static const enum field_id member_parts[] = {
        F_MEMBER_TITLE, F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME, F_MEMBER_NICKNAME,
        F_MEMBER_EMAIL, F_MEMBER_LINE_ID,    F_MEMBER_FACEBOOK,    F_NONE};
    static const enum field_id org_parts[] = {F_ORG_NAME, F_ORG_SHORT_NAME, F_NONE};
    static const enum field_id event_parts[] = {F_EVENT_TITLE, F_EVENT_VENUE, F_NONE};
    static const enum field_id task_parts[] = {F_TASK_TITLE, F_NONE};
    static const enum field_id series_parts[] = {F_SERIES_TITLE, F_NONE};
    static const enum field_id goal_parts[] = {F_GOAL_TITLE, F_GOAL_TAG, F_NONE};
    static const enum field_id no_parts[] = {F_NONE};
    const enum field_id *parts = k == KIND_MEMBER   ? member_parts
                                 : k == KIND_ORG    ? org_parts
                                 : k == KIND_EVENT  ? event_parts
                                 : k == KIND_TASK   ? task_parts
                                 : k == KIND_SERIES ? series_parts
                                 : k == KIND_GOAL   ? goal_parts
                                                    : no_parts;
    struct strbuf sb = STRBUF_INIT;
    for (int i = 0; parts[i] != F_NONE; i++)
        add_key(&sb, vals[field_pos(parts[i])].text);
    if (k == KIND_MEMBER) {
        const struct stored *phones = &vals[field_pos(F_MEMBER_PHONE)];
        for (size_t i = 0; i < phones->n; i++)
            sb_addf(&sb, " %s", phones->items[i]);
    }
    return sb_take(&sb);
}

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

char *member_search_key(struct db *db, const struct stored *vals,
                        char *(*org_key)(void *ctx, long long id), void *ctx)
{
    const struct stored *orgs = &vals[field_pos(F_MEMBER_ORGANISATIONS)];
    long long *ids = xcalloc(orgs->n ? orgs->n : 1, sizeof *ids);
    if (orgs->n) memcpy(ids, orgs->ids, sizeof *ids * orgs->n);
    qsort(ids, orgs->n, sizeof *ids, compare_ids);
    char *own = record_search_key(db, KIND_MEMBER, vals);
    struct strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%s\x1f", own);
    for (size_t i = 0, kept = 0; i < orgs->n; i++) {
        if (i && ids[i] == ids[i - 1]) continue; /* one affiliation row per organisation */
        char *key = org_key(ctx, ids[i]);
        if (key) sb_addf(&sb, "%s%s", kept++ ? " " : "", key); /* the join drops a missing one */
        free(key);
    }
    free(own);
    free(ids);
    return sb_take(&sb);
}

char *org_search_key_of(void *db, long long id)
{
    char *err = NULL, *key = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT search_key FROM organisations WHERE id = ?1", &err);
    free(err);
    if (!st) return NULL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) key = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return key;
}

static int run(struct db *db, const char *sql, long long id, const char *text, long long num,
               char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_bind_parameter_count(st) >= 2) {
        if (text)
            sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 2);
    }
    if (sqlite3_bind_parameter_count(st) >= 3) sqlite3_bind_int64(st, 3, num);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        *err = db_error(db, "cannot save");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * The rows that hang off a member, the same whether record_save writes them one at a time
 * or the bulk write stages them many to a statement (bulk.c). */

struct link_table {
    const char *table, *columns, *row;
    const char *tail; /* record_save's: affiliations keep their role and dates */
};

static const struct link_table member_links[LINK_COUNT] = {
    [LINK_PHONES] = {"member_phones", "member_id, phone, position", "?, ?, ?", NULL},
    [LINK_AFFILIATIONS] = {"affiliations", "member_id, org_id, position, role, since",
                           "?, ?, ?, ?, ?",
                           " ON CONFLICT (member_id, org_id) DO UPDATE SET position = "
                           "excluded.position"},
    [LINK_TAGS] = {"member_tags", "member_id, tag_id", "?, ?", NULL},
};
static const struct link_table org_tag_link = {"org_tags", "org_id, tag_id", "?, ?", NULL};

static int link_open(struct db *db, struct batch *b, const struct link_table *t, bool staged,
                     int rows, char **err)
{
    static char *heads[LINK_COUNT + 1][2], *cached[LINK_COUNT + 1];
    int i = t == &org_tag_link ? LINK_COUNT : (int)(t - member_links);
    if (!heads[i][staged])
        heads[i][staged] = staged ? xasprintf("INSERT INTO temp.bulk_%s (%s)", t->table, t->columns)
                           : t->tail
                               ? xasprintf("INSERT INTO %s (%s)", t->table, t->columns)
                               : xasprintf("INSERT OR IGNORE INTO %s (%s)", t->table, t->columns);
    struct batch_shape shape = {heads[i][staged], t->row, staged ? NULL : t->tail,
                                staged ? NULL : &cached[i]};
    return batch_open(db, b, &shape, rows, err);
}

int member_links_open(struct db *db, struct batch b[LINK_COUNT], bool staged, int rows, char **err)
{
    memset(b, 0, sizeof *b * LINK_COUNT);
    for (int i = 0; i < LINK_COUNT; i++)
        if (link_open(db, &b[i], &member_links[i], staged, rows, err) != 0) {
            member_links_close(b);
            return -1;
        }
    return 0;
}

int member_links_flush(struct batch b[LINK_COUNT], char **err)
{
    for (int i = 0; i < LINK_COUNT; i++)
        if (batch_flush(&b[i], err) != 0) return -1;
    return 0;
}

void member_links_close(struct batch b[LINK_COUNT])
{
    for (int i = 0; i < LINK_COUNT; i++)
        batch_close(&b[i]);
}

int member_links_stage(struct db *db, char **err)
{
    for (int i = 0; i < LINK_COUNT; i++) {
        char *sql = xasprintf("DROP TABLE IF EXISTS temp.bulk_%s; CREATE TEMP TABLE bulk_%s AS "
                              "SELECT * FROM main.%s WHERE 0",
                              member_links[i].table, member_links[i].table, member_links[i].table);
        int rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
        free(sql);
        if (rc != SQLITE_OK) {
            *err = db_error(db, "cannot prepare the bulk write");
            return -1;
        }
    }
    return 0;
}

/* Once the members are in their table, their staged rows follow them, in the order staged. */
int member_links_copy(struct db *db, char **err)
{
    for (int i = 0; i < LINK_COUNT; i++) {
        const struct link_table *t = &member_links[i];
        char *sql = xasprintf("INSERT OR IGNORE INTO main.%s (%s) SELECT %s FROM temp.bulk_%s "
                              "ORDER BY rowid; DROP TABLE temp.bulk_%s",
                              t->table, t->columns, t->columns, t->table, t->table);
        int rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
        free(sql);
        if (rc != SQLITE_OK) {
            *err = db_error(db, "cannot write the members' phones, organisations and tags");
            return -1;
        }
    }
    return 0;
}

void member_links_unstage(struct db *db)
{
    for (int i = 0; i < LINK_COUNT; i++) {
        char *sql = xasprintf("DROP TABLE IF EXISTS temp.bulk_%s", member_links[i].table);
        sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
        free(sql);
    }
}

int phone_rows(struct batch *b, long long id, const struct stored *v, char **err)
{
    for (size_t i = 0; i < v->n; i++) {
        batch_int(b, id);
        batch_text(b, v->items[i]);
        batch_int(b, (long long)i);
        if (batch_row(b, err) != 0) return -1;
    }
    return 0;
}

int affiliation_rows(struct batch *b, long long id, const struct stored *v,
                     const char *const *roles, const char *const *since, char **err)
{
    for (size_t i = 0; i < v->n; i++) {
        batch_int(b, id);
        batch_int(b, v->ids[i]);
        batch_int(b, (long long)i);
        batch_text(b, roles && roles[i] ? roles[i] : "");
        batch_text(b, since ? since[i] : NULL);
        if (batch_row(b, err) != 0) return -1;
    }
    return 0;
}

int tag_id(struct db *db, const char *name, long long *id, char **err)
{
    sqlite3_stmt *add = db_prepare(db, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", err);
    sqlite3_stmt *get = add ? db_prepare(db, "SELECT id FROM tags WHERE name = ?1", err) : NULL;
    if (!get) return -1;
    sqlite3_bind_text(add, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(add);
    sqlite3_reset(add);
    sqlite3_bind_text(get, 1, name, -1, SQLITE_TRANSIENT);
    *id = rc == SQLITE_DONE && sqlite3_step(get) == SQLITE_ROW ? sqlite3_column_int64(get, 0) : 0;
    sqlite3_reset(get);
    if (*id) return 0;
    *err = db_error(db, "cannot save tags");
    return -1;
}

int tag_rows(struct batch *b, long long id, const long long *tag_ids, size_t n, char **err)
{
    for (size_t i = 0; i < n; i++) {
        batch_int(b, id);
        batch_int(b, tag_ids[i]);
        if (batch_row(b, err) != 0) return -1;
    }
    return 0;
}

static int write_phones(struct db *db, long long id, const struct stored *v, char **err)
{
    struct batch b;
    if (run(db, "DELETE FROM member_phones WHERE member_id = ?1", id, NULL, 0, err) != 0 ||
        link_open(db, &b, &member_links[LINK_PHONES], false, 1, err) != 0)
        return -1;
    int rc = phone_rows(&b, id, v, err);
    batch_close(&b);
    return rc;
}

/* Affiliations keep their role and dates when the list is saved again. */
static int write_affiliations(struct db *db, long long id, const struct stored *v, char **err)
{
    struct batch b;
    if (run(db, "UPDATE affiliations SET position = -1 WHERE member_id = ?1", id, NULL, 0, err) ||
        link_open(db, &b, &member_links[LINK_AFFILIATIONS], false, 1, err) != 0)
        return -1;
    int rc = affiliation_rows(&b, id, v, NULL, NULL, err);
    batch_close(&b);
    if (rc != 0) return -1;
    return run(db, "DELETE FROM affiliations WHERE member_id = ?1 AND position = -1", id, NULL, 0,
               err);
}

static int write_tags(struct db *db, enum kind k, long long id, const struct stored *v, char **err)
{
    bool member = k == KIND_MEMBER;
    struct batch b;
    if (run(db,
            member ? "DELETE FROM member_tags WHERE member_id = ?1"
                   : "DELETE FROM org_tags WHERE org_id = ?1",
            id, NULL, 0, err) != 0 ||
        link_open(db, &b, member ? &member_links[LINK_TAGS] : &org_tag_link, false, 1, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < v->n; i++) {
        long long tag;
        rc = tag_id(db, v->items[i], &tag, err);
        if (rc == 0) rc = tag_rows(&b, id, &tag, 1, err);
    }
    batch_close(&b);
    return rc;
}

static int write_partners(struct db *db, long long id, const struct stored *v, char **err)
{
    if (run(db, "DELETE FROM event_partners WHERE event_id = ?1", id, NULL, 0, err) != 0) return -1;
    for (size_t i = 0; i < v->n; i++) {
        char *org = xasprintf("%lld", v->ids[i]);
        int rc = run(db,
                     "INSERT OR IGNORE INTO event_partners (event_id, org_id, position) VALUES "
                     "(?1, CAST(?2 AS INTEGER), ?3)",
                     id, org, (long long)i, err);
        free(org);
        if (rc != 0) return -1;
    }
    return 0;
}

int write_task_owners(struct db *db, long long task_id, const struct stored *v, char **err)
{
    if (run(db, "DELETE FROM task_owners WHERE task_id = ?1", task_id, NULL, 0, err) != 0)
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        char *owner = xasprintf("%lld", v->ids[i]);
        int rc = run(db,
                     "INSERT INTO task_owners (task_id, member_id, org_id, position) VALUES (?1, "
                     "nullif(max(CAST(?2 AS INTEGER), 0), 0), nullif(max(-CAST(?2 AS INTEGER), "
                     "0), 0), ?3)",
                     task_id, owner, (long long)i, err);
        free(owner);
        if (rc != 0) return -1;
    }
    return 0;
}

static int write_quotas(struct db *db, long long id, const struct stored *v, char **err)
{
    if (run(db, "DELETE FROM event_quotas WHERE event_id = ?1", id, NULL, 0, err) != 0) return -1;
    for (size_t i = 0; i < v->n; i++) {
        /* items are "category\tnumber" */
        if (run(db,
                "INSERT OR REPLACE INTO event_quotas (event_id, category, target, position) "
                "VALUES (?1, substr(?2, 1, instr(?2, char(9)) - 1), CAST(substr(?2, instr(?2, "
                "char(9)) + 1) AS INTEGER), ?3)",
                id, v->items[i], (long long)i, err) != 0)
            return -1;
    }
    return 0;
}

static int write_link(struct db *db, enum kind k, long long id, int fi, const struct stored *v,
                      char **err)
{
    const struct field *f = &kind_info(k)->fields[fi];
    switch (f->type) {
    case FT_PHONES:
        return k == KIND_MEMBER ? write_phones(db, id, v, err) : 0;
    case FT_ORGS:
        return k == KIND_MEMBER ? write_affiliations(db, id, v, err)
                                : write_partners(db, id, v, err);
    case FT_TAGS:
        return write_tags(db, k, id, v, err);
    case FT_QUOTAS:
        return write_quotas(db, id, v, err);
    default:
        return 0;
    }
}

/* A member's search key is written whole with its row (member_search_key); an organisation's
 * members' keys hold its key, so they follow it. */
int write_links(struct db *db, enum kind k, long long id, const bool *changed,
                const struct stored *vals, char **err)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < ki->nfields; i++)
        if ((!changed || changed[i]) && write_link(db, k, id, i, &vals[i], err) != 0) return -1;
    int days = field_pos(F_ATTENDANCE_DAYS);
    if (k == KIND_ATTENDANCE && (!changed || changed[days]) &&
        write_attendance_days(db, id, &vals[days], err) != 0)
        return -1;
    if (k == KIND_ORG && changed) return run(db, refresh_org_members, id, NULL, 0, err);
    return 0;
}

int refresh_member_search_key(struct db *db, long long member_id, char **err)
{
    return run(db, refresh_member_orgs, member_id, NULL, 0, err);
}
