/* Completion candidates for form fields, from the values already stored. Each source is one
 * fixed statement (db_prepare caches it); the prefix and limit are bound parameters. */
#include "complete.h"
#include "store_internal.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A value starts with ?1, ASCII case ignored (lower() leaves Thai alone). */
#define STARTS(col) "lower(substr(" col ", 1, length(?1))) = lower(?1)"

struct source {
    enum field_type type;
    enum field_id field; /* F_NONE: any field of the type */
    const char *sql;
};

static const struct source sources[] = {
    /* Names first, then organisations whose short name matched. */
    {FT_ORG, F_NONE,
     "SELECT name FROM organisations WHERE deleted_at IS NULL AND (" STARTS(
         "name") " OR (short_name <> '' AND " STARTS("short_name") ")) GROUP BY name ORDER BY "
                                                                   "min(NOT " STARTS(
                                                                       "name") "), name COLLATE "
                                                                               "thai LIMIT ?2"},
    {FT_PROVINCE, F_NONE,
     "SELECT name_th FROM provinces WHERE " STARTS("name_th") " OR " STARTS(
         "name_en") " OR " STARTS("replace(name_en, ' ', '')") " ORDER BY name_th COLLATE "
                                                               "thai LIMIT ?2"},
    {FT_MEMBER, F_NONE,
     "SELECT n FROM (SELECT given_name || CASE WHEN family_name <> '' THEN ' ' || family_name "
     "ELSE '' END AS n FROM members WHERE deleted_at IS NULL) WHERE " STARTS(
         "n") " GROUP BY n ORDER BY n COLLATE thai LIMIT ?2"},
    /* A task's owners: members and organisations alike. */
    {FT_OWNERS, F_NONE,
     "SELECT n FROM (SELECT given_name || CASE WHEN family_name <> '' THEN ' ' || family_name "
     "ELSE '' END AS n FROM members WHERE deleted_at IS NULL UNION SELECT name FROM "
     "organisations WHERE deleted_at IS NULL) WHERE " STARTS("n") " ORDER BY n COLLATE thai "
                                                                  "LIMIT ?2"},
    {FT_SERIES, F_NONE,
     "SELECT title FROM series WHERE deleted_at IS NULL AND " STARTS(
         "title") " GROUP BY title ORDER BY title COLLATE thai LIMIT ?2"},
    {FT_TAGS, F_NONE,
     "SELECT name FROM tags WHERE " STARTS("name") " ORDER BY name COLLATE thai LIMIT ?2"},
    /* a goal's one tag: the tags there are */
    {FT_TEXT, F_GOAL_TAG,
     "SELECT name FROM tags WHERE " STARTS("name") " ORDER BY name COLLATE thai LIMIT ?2"},
    {FT_TEXT, F_MEMBER_DISTRICT,
     "SELECT district FROM members WHERE deleted_at IS NULL AND district <> '' AND " STARTS(
         "district") " GROUP BY district ORDER BY district COLLATE thai LIMIT ?2"},
    {FT_TEXT, F_MEMBER_SUBDISTRICT,
     "SELECT subdistrict FROM members WHERE deleted_at IS NULL AND subdistrict <> '' AND " STARTS(
         "subdistrict") " GROUP BY subdistrict ORDER BY subdistrict COLLATE thai LIMIT ?2"},
    {FT_TEXT, F_MEMBER_POSITION,
     "SELECT position FROM members WHERE deleted_at IS NULL AND position <> '' AND " STARTS(
         "position") " GROUP BY position ORDER BY position COLLATE thai LIMIT ?2"},
    {FT_TEXT, F_EVENT_VENUE,
     "SELECT venue FROM events WHERE deleted_at IS NULL AND venue <> '' AND " STARTS(
         "venue") " GROUP BY venue ORDER BY venue COLLATE thai LIMIT ?2"},
    {FT_TEXT, F_ATTENDANCE_CATEGORY,
     "SELECT c FROM (SELECT category AS c FROM attendance WHERE deleted_at IS NULL UNION "
     "SELECT category FROM event_quotas) WHERE c <> '' AND " STARTS(
         "c") " ORDER BY c COLLATE thai LIMIT ?2"},
};

static const struct source *find_source(enum field_id field)
{
    enum field_type type = field_info(field)->type;
    if (type == FT_ORGS) type = FT_ORG;
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (sources[i].type == type && (sources[i].field == F_NONE || sources[i].field == field))
            return &sources[i];
    return NULL;
}

bool complete_has_source(enum field_id field)
{
    return find_source(field) != NULL;
}

/* The stored form of what was typed, keeping a final space: "มูลนิธิ " is a narrower prefix
 * than "มูลนิธิ", and normalising alone would drop it. */
static char *normal_prefix(const char *prefix)
{
    char *norm = text_normalize(prefix ? prefix : "", 0);
    size_t len = prefix ? strlen(prefix) : 0;
    if (*norm && len && prefix[len - 1] == ' ') {
        char *spaced = xasprintf("%s ", norm);
        free(norm);
        return spaced;
    }
    return norm;
}

int complete_values(struct db *db, enum field_id field, const char *prefix, int limit, char ***out,
                    size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    const struct source *src = find_source(field);
    if (!src || limit <= 0) return 0;
    sqlite3_stmt *st = db_prepare(db, src->sql, err);
    if (!st) return -1;
    char *key = normal_prefix(prefix);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, limit);
    free(key);
    char **values = xcalloc((size_t)limit, sizeof *values);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        values[(*n)++] = xstrdup(v ? v : "");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        *err = db_error(db, "cannot complete");
        strings_free(values, *n);
        *n = 0;
        return -1;
    }
    *out = values;
    return 0;
}
