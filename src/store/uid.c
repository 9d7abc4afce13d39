/* UIDs (uid.h): derived from the database's seed and the record, or kept from other programs. */
#include "uid.h"

#include "store_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int db_identity_read(struct db *db, struct db_identity *out, char **err)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT seed FROM database_identity WHERE id = 1", err);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    const char *seed = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    bool ok = seed && strlen(seed) == 32;
    for (int i = 0; ok && i < 16; i++) {
        unsigned v;
        ok = sscanf(seed + 2 * i, "%2x", &v) == 1;
        out->seed[i] = (unsigned char)v;
    }
    sqlite3_reset(st);
    if (!ok) *err = db_error(db, "cannot read the database's identity");
    return ok ? 0 : -1;
}

/* Kinds by a number that never changes, whatever the order of enum kind. */
static int kind_code(enum kind k)
{
    switch (k) {
    case KIND_MEMBER:
        return 1;
    case KIND_ORG:
        return 2;
    case KIND_EVENT:
        return 3;
    case KIND_TASK:
        return 4;
    case KIND_ATTENDANCE:
        return 5;
    default:
        return 6;
    }
}

static void uid_bytes(const struct db_identity *d, enum kind k, long long id, unsigned char b[16])
{
    memcpy(b, d->seed, 9);
    b[6] = (unsigned char)(0x80 | (d->seed[6] & 0x0f)); /* version 8 */
    b[8] = (unsigned char)(0x80 | (d->seed[8] & 0x3f)); /* the RFC 9562 variant */
    b[9] = (unsigned char)kind_code(k);
    unsigned long long v = (unsigned long long)id;
    for (int i = 15; i >= 10; i--, v >>= 8)
        b[i] = (unsigned char)(v & 0xff);
}

void record_uid(const struct db_identity *d, enum kind k, long long id, char out[UID_SIZE])
{
    unsigned char b[16];
    uid_bytes(d, k, id, b);
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        p += snprintf(p, 3, "%02x", b[i]);
    }
}

bool record_uid_parse(const struct db_identity *d, const char *uid, enum kind *k, long long *id)
{
    while (isspace((unsigned char)*uid))
        uid++;
    if (strncasecmp(uid, "urn:uuid:", 9) == 0) uid += 9;
    static const enum kind kinds[] = {KIND_MEMBER, KIND_ORG,        KIND_EVENT,
                                      KIND_TASK,   KIND_ATTENDANCE, KIND_INVITATION};
    char want[UID_SIZE];
    record_uid(d, KIND_MEMBER, 0, want);
    /* The first 19 characters and the variant come from the seed alone. */
    if (strlen(uid) < UID_SIZE - 1 || strncasecmp(uid, want, 21) != 0) return false;
    if (uid[UID_SIZE - 1] && !isspace((unsigned char)uid[UID_SIZE - 1])) return false;
    unsigned code, hi, lo;
    if (sscanf(uid + 21, "%2x-%4x%8x", &code, &hi, &lo) != 3) return false;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (kind_code(kinds[i]) != (int)code) continue;
        *k = kinds[i];
        *id = (long long)(((unsigned long long)hi << 32) | lo);
        char again[UID_SIZE];
        record_uid(d, *k, *id, again);
        return strncasecmp(uid, again, UID_SIZE - 1) == 0;
    }
    return false;
}

int member_uid_find(struct db *db, const char *uid, long long *id, char **err)
{
    /* A member merged into another (khai merge) is found as the one it was merged into. */
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT m.id FROM member_uids u JOIN members m ON m.id = coalesce((SELECT g.keep_id FROM "
        "member_merges g WHERE g.other_id = u.member_id AND g.undone_at IS NULL ORDER BY g.id "
        "DESC LIMIT 1), u.member_id) WHERE u.uid = ?1 AND m.deleted_at IS NULL",
        err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return rc == SQLITE_ROW;
}

int member_uid_keep(struct db *db, long long id, const char *uid, char **err)
{
    sqlite3_stmt *st =
        db_prepare(db, "INSERT OR REPLACE INTO member_uids (uid, member_id) VALUES (?1, ?2)", err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save");
        return -1;
    }
    return 0;
}

int member_uid_conflicts(struct db *db, long long id, const char *uid, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT count(*), count(*) FILTER (WHERE uid = ?2) FROM "
                                  "member_uids WHERE member_id = ?1",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, uid, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    long long all = 0, same = 0;
    if (rc == SQLITE_ROW) {
        all = sqlite3_column_int64(st, 0);
        same = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return all > 0 && same == 0;
}
