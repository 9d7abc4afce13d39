/* The audit trail: who changed which fields of which row, when, from what to what. */
#include "store_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_string(struct strbuf *sb, const char *s)
{
    sb_addc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_addf(sb, "\\%c", *p);
        else if (*p == '\n')
            sb_add(sb, "\\n");
        else if (*p < 0x20)
            sb_addf(sb, "\\u%04x", *p);
        else
            sb_addc(sb, (char)*p);
    }
    sb_addc(sb, '"');
}

static void json_member(struct strbuf *sb, const char *name, const char *value)
{
    sb_add(sb, sb->len > 1 ? "," : "");
    json_string(sb, name);
    sb_addc(sb, ':');
    json_string(sb, value);
}

char *audit_json(const char *const *pairs)
{
    struct strbuf sb = STRBUF_INIT;
    sb_addc(&sb, '{');
    for (int i = 0; pairs[i]; i += 2)
        json_member(&sb, pairs[i], pairs[i + 1] ? pairs[i + 1] : "");
    sb_addc(&sb, '}');
    return sb_take(&sb);
}

int audit_write_json(struct db *db, const char *table, long long row_id, const char *action,
                     const char *old_json, const char *new_json, const char *now, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO audit (at, who, table_name, row_id, action, "
                                  "old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, table, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, row_id);
    sqlite3_bind_text(st, 5, action, -1, SQLITE_TRANSIENT);
    if (old_json) sqlite3_bind_text(st, 6, old_json, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, new_json, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    if (rc != 0) *err = db_error(db, "cannot write the audit trail");
    return rc;
}

int audit_write(struct db *db, const char *action, const struct record *old,
                const struct record *fresh, const char *now, char **err)
{
    const struct kind_info *ki = kind_info(fresh->kind);
    struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
    sb_addc(&before, '{');
    sb_addc(&after, '{');
    for (int i = 0; i < ki->nfields; i++) {
        const char *was = old ? old->values[i] : "";
        if (strcmp(was, fresh->values[i]) == 0) continue;
        if (old) json_member(&before, ki->fields[i].name, was);
        json_member(&after, ki->fields[i].name, fresh->values[i]);
    }
    sb_addc(&before, '}');
    sb_addc(&after, '}');
    int rc = audit_write_json(db, kind_table(fresh->kind), fresh->id, action,
                              old ? sb_str(&before) : NULL, sb_str(&after), now, err);
    sb_free(&before);
    sb_free(&after);
    return rc;
}
