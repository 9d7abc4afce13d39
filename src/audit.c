/* The audit trail: who changed which fields of which row, when, from what to what. */
#include "model_internal.h"
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
    sqlite3_stmt *st = db_prepare(db,
                                  "INSERT INTO audit (at, who, table_name, row_id, action, "
                                  "old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  err);
    int rc = -1;
    if (st) {
        sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, db_user(db), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, kind_table(fresh->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, fresh->id);
        sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
        if (old) sqlite3_bind_text(st, 6, sb_str(&before), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, sb_str(&after), -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
        if (rc != 0) *err = db_error(db, "cannot write the audit trail");
    }
    sb_free(&before);
    sb_free(&after);
    return rc;
}
