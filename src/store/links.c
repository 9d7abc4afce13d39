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

char *record_search_key(struct db *db, enum kind k, struct stored *vals)
{
    (void)db;
    static const enum field_id member_parts[] = {
        F_MEMBER_TITLE, F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME, F_MEMBER_NICKNAME,
        F_MEMBER_EMAIL, F_MEMBER_LINE_ID,    F_MEMBER_FACEBOOK,    F_NONE};
    static const enum field_id org_parts[] = {F_ORG_NAME, F_ORG_SHORT_NAME, F_NONE};
    static const enum field_id event_parts[] = {F_EVENT_TITLE, F_EVENT_VENUE, F_NONE};
    static const enum field_id task_parts[] = {F_TASK_TITLE, F_NONE};
    static const enum field_id no_parts[] = {F_NONE};
    const enum field_id *parts = k == KIND_MEMBER  ? member_parts
                                 : k == KIND_ORG   ? org_parts
                                 : k == KIND_EVENT ? event_parts
                                 : k == KIND_TASK  ? task_parts
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

static int write_phones(struct db *db, long long id, const struct stored *v, char **err)
{
    if (run(db, "DELETE FROM member_phones WHERE member_id = ?1", id, NULL, 0, err) != 0) return -1;
    for (size_t i = 0; i < v->n; i++)
        if (run(db,
                "INSERT OR IGNORE INTO member_phones (member_id, phone, position) VALUES (?1, "
                "?2, ?3)",
                id, v->items[i], (long long)i, err) != 0)
            return -1;
    return 0;
}

/* Affiliations keep their role and dates when the list is saved again. */
static int write_affiliations(struct db *db, long long id, const struct stored *v, char **err)
{
    if (run(db, "UPDATE affiliations SET position = -1 WHERE member_id = ?1", id, NULL, 0, err))
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        sqlite3_stmt *st = db_prepare(db,
                                      "INSERT INTO affiliations (member_id, org_id, position) "
                                      "VALUES (?1, ?2, ?3) ON CONFLICT (member_id, org_id) DO "
                                      "UPDATE SET position = excluded.position",
                                      err);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, v->ids[i]);
        sqlite3_bind_int64(st, 3, (long long)i);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            *err = db_error(db, "cannot save organisations");
            return -1;
        }
    }
    return run(db, "DELETE FROM affiliations WHERE member_id = ?1 AND position = -1", id, NULL, 0,
               err);
}

static int write_tags(struct db *db, enum kind k, long long id, const struct stored *v, char **err)
{
    bool member = k == KIND_MEMBER;
    if (run(db,
            member ? "DELETE FROM member_tags WHERE member_id = ?1"
                   : "DELETE FROM org_tags WHERE org_id = ?1",
            id, NULL, 0, err) != 0)
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        if (run(db, "INSERT OR IGNORE INTO tags (name) SELECT ?2 WHERE ?1 IS NOT NULL", id,
                v->items[i], 0, err) != 0 ||
            run(db,
                member ? "INSERT OR IGNORE INTO member_tags (member_id, tag_id) SELECT ?1, id "
                         "FROM tags WHERE name = ?2"
                       : "INSERT OR IGNORE INTO org_tags (org_id, tag_id) SELECT ?1, id FROM "
                         "tags WHERE name = ?2",
                id, v->items[i], 0, err) != 0)
            return -1;
    }
    return 0;
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

static int write_link(struct db *db, const struct record *r, int fi, const struct stored *v,
                      char **err)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    switch (f->type) {
    case FT_PHONES:
        return r->kind == KIND_MEMBER ? write_phones(db, r->id, v, err) : 0;
    case FT_ORGS:
        return r->kind == KIND_MEMBER ? write_affiliations(db, r->id, v, err)
                                      : write_partners(db, r->id, v, err);
    case FT_TAGS:
        return write_tags(db, r->kind, r->id, v, err);
    case FT_QUOTAS:
        return write_quotas(db, r->id, v, err);
    default:
        return 0;
    }
}

int write_links(struct db *db, const struct record *r, struct stored *vals, char **err)
{
    const struct kind_info *ki = kind_info(r->kind);
    for (int i = 0; i < ki->nfields; i++)
        if (r->changed[i] && write_link(db, r, i, &vals[i], err) != 0) return -1;
    if (r->kind == KIND_MEMBER) return refresh_member_search_key(db, r->id, err);
    if (r->kind == KIND_ORG) return run(db, refresh_org_members, r->id, NULL, 0, err);
    return 0;
}

int refresh_member_search_key(struct db *db, long long member_id, char **err)
{
    return run(db, refresh_member_orgs, member_id, NULL, 0, err);
}
