/* "Did you mean": organisations whose name or short name has the same normalised key as what
 * was typed. The key is computed by SQLite from the stored name, and the indexes of
 * schema/013-tasks.sql hold it, so a lookup is two index probes. */
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "suggest.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NAME_KEY ORG_MATCH_KEY("name")
#define SHORT_KEY ORG_MATCH_KEY("short_name")
#define INPUT_KEY ORG_MATCH_KEY("?1")
static const char suggest_sql[] =
    "SELECT id, name, short_name, 0 FROM organisations WHERE " NAME_KEY " = " INPUT_KEY
    " AND deleted_at IS NULL UNION ALL SELECT id, name, short_name, 1 FROM organisations "
    "WHERE " SHORT_KEY " = " INPUT_KEY " AND deleted_at IS NULL ORDER BY 4, 2 COLLATE thai, 1 "
    "LIMIT 10";

static bool listed(const struct org_suggestion *s, size_t n, long long id)
{
    for (size_t i = 0; i < n; i++)
        if (s[i].id == id) return true;
    return false;
}

static char *column(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return xstrdup(t ? (const char *)t : "");
}

int org_suggest(struct db *db, const char *input, struct org_suggestion **out, size_t *n,
                char **err)
{
    *out = NULL;
    *n = 0;
    char *norm = text_normalize(input ? input : "", 0);
    if (!*norm) {
        free(norm);
        return 0;
    }
    sqlite3_stmt *st = db_prepare(db, suggest_sql, err);
    if (!st) {
        free(norm);
        return -1;
    }
    sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (*n >= ORG_SUGGEST_MAX || listed(*out, *n, id)) continue;
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        (*out)[(*n)++] = (struct org_suggestion){id, column(st, 1), column(st, 2)};
    }
    sqlite3_reset(st);
    free(norm);
    if (rc != SQLITE_DONE) {
        org_suggestions_free(*out, *n);
        *out = NULL;
        *n = 0;
        *err = db_error(db, "cannot look up organisations");
        return -1;
    }
    return 0;
}

void org_suggestions_free(struct org_suggestion *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(s[i].name);
        free(s[i].short_name);
    }
    free(s);
}

char *org_suggest_text(const struct org_suggestion *s, size_t n)
{
    if (!n) return NULL;
    struct strbuf list = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char *one = xasprintf(_("%s (id %lld)"), s[i].name, s[i].id);
        sb_addf(&list, "%s%s", i ? _(" or ") : "", one);
        free(one);
    }
    char *text = xasprintf(_("did you mean %s?"), sb_str(&list));
    sb_free(&list);
    return text;
}

int org_create_named(struct db *db, const char *name, long long *id, char **err)
{
    struct record *r = record_new(KIND_ORG);
    record_set(r, F_ORG_NAME, name);
    int rc = record_save(db, r, err);
    if (rc == 0) *id = r->id;
    record_free(&r);
    return rc;
}
