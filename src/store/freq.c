/* Frequency tables of list columns: GROUP BY over the rows a list query takes, each column's
 * SQL a fixed fragment below (never user text; the value chosen is bound as :fv). */
#include "freq.h"
#include "messages.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A column: what it groups on (as text, "" for none), what a value is called, the joins
 * that bring them, and the filter of a value. A multi-valued column joins a row once a value
 * and counts distinct rows; its filter is a subquery, and "" means the row has no value. */
struct freq_col {
    enum kind kind;
    enum field_id field;
    const char *value, *label, *joins;
    const char *match;
    bool multi; /* joins a row once a value */
};

#define PROVINCE_OF(a)                                                                             \
    "coalesce(" a ".province, '')", "coalesce(fp.name_th, '')",                                    \
        " LEFT JOIN provinces fp ON fp.code = " a ".province",                                     \
        " AND coalesce(" a ".province, '') = :fv", false
#define TEXT_OF(col) col, col, "", " AND " col " = :fv", false
#define ID_OF(a) TEXT_OF("CAST(" a ".id AS TEXT)")
#define DATE_OF(col) TEXT_OF("coalesce(" col ", '')")
/* A multi-valued column: sub(WHAT) lists the values of the row id m. */
#define MULTI(id, table, col)                                                                      \
    " AND (CASE WHEN :fv = '' THEN NOT EXISTS (SELECT 1 FROM " table " WHERE " col " = " id        \
    ") ELSE " id " IN (SELECT " col " FROM " table " WHERE "

static const struct freq_col cols[] = {
    {KIND_MEMBER, F_MEMBER_ID, ID_OF("m")},
    {KIND_MEMBER, F_NONE, TEXT_OF("trim(m.given_name || ' ' || m.family_name)")},
    {KIND_MEMBER, F_MEMBER_GIVEN_NAME, TEXT_OF("m.given_name")},
    {KIND_MEMBER, F_MEMBER_FAMILY_NAME, TEXT_OF("m.family_name")},
    {KIND_MEMBER, F_MEMBER_NICKNAME, TEXT_OF("m.nickname")},
    {KIND_MEMBER, F_MEMBER_GENDER, TEXT_OF("m.gender")},
    {KIND_MEMBER, F_MEMBER_DISTRICT, TEXT_OF("m.district")},
    {KIND_MEMBER, F_MEMBER_SUBDISTRICT, TEXT_OF("m.subdistrict")},
    {KIND_MEMBER, F_MEMBER_PROVINCE, PROVINCE_OF("m")},
    {KIND_MEMBER, F_MEMBER_PHONE, "coalesce(fph.phone, '')", "coalesce(fph.phone, '')",
     " LEFT JOIN member_phones fph ON fph.member_id = m.id",
     MULTI("m.id", "member_phones", "member_id") "phone = :fv) END)", true},
    {KIND_MEMBER, F_MEMBER_ORGANISATIONS, "coalesce(CAST(fo.id AS TEXT), '')",
     "coalesce(fo.name, '')",
     " LEFT JOIN affiliations fa ON fa.member_id = m.id LEFT JOIN organisations fo ON fo.id = "
     "fa.org_id",
     MULTI("m.id", "affiliations", "member_id") "org_id = :fv) END)", true},
    {KIND_MEMBER, F_MEMBER_TAGS, "coalesce(ft.name, '')", "coalesce(ft.name, '')",
     " LEFT JOIN member_tags fmt ON fmt.member_id = m.id LEFT JOIN tags ft ON ft.id = "
     "fmt.tag_id",
     MULTI("m.id", "member_tags", "member_id") "tag_id = (SELECT id FROM tags WHERE name = "
                                               ":fv)) END)",
     true},

    {KIND_ORG, F_ORG_ID, ID_OF("o")},
    {KIND_ORG, F_ORG_NAME, TEXT_OF("o.name")},
    {KIND_ORG, F_ORG_SHORT_NAME, TEXT_OF("o.short_name")},
    {KIND_ORG, F_ORG_KIND, TEXT_OF("o.kind")},
    {KIND_ORG, F_ORG_PROVINCE, PROVINCE_OF("o")},
    {KIND_ORG, F_ORG_PARENT, "coalesce(CAST(o.parent_id AS TEXT), '')", "coalesce(fpo.name, '')",
     " LEFT JOIN organisations fpo ON fpo.id = o.parent_id",
     " AND coalesce(CAST(o.parent_id AS TEXT), '') = :fv", false},

    {KIND_EVENT, F_EVENT_ID, ID_OF("e")},
    {KIND_EVENT, F_EVENT_START_DATE, DATE_OF("e.start_date")},
    {KIND_EVENT, F_EVENT_TITLE, TEXT_OF("e.title")},
    {KIND_EVENT, F_EVENT_KIND, TEXT_OF("e.kind")},
    {KIND_EVENT, F_EVENT_PROVINCE, PROVINCE_OF("e")},
    {KIND_EVENT, F_EVENT_TARGET, TEXT_OF("coalesce(CAST(e.target AS TEXT), '')")},
    {KIND_EVENT, F_EVENT_STATUS, TEXT_OF("e.status")},
    {KIND_EVENT, F_EVENT_HOST, "coalesce(CAST(e.host_id AS TEXT), '')", "coalesce(fh.name, '')",
     " LEFT JOIN organisations fh ON fh.id = e.host_id",
     " AND coalesce(CAST(e.host_id AS TEXT), '') = :fv", false},

    {KIND_TASK, F_TASK_ID, ID_OF("t")},
    {KIND_TASK, F_TASK_DUE_DATE, DATE_OF("t.due_date")},
    {KIND_TASK, F_TASK_TITLE, TEXT_OF("t.title")},
    {KIND_TASK, F_TASK_STATUS, TEXT_OF("t.status")},
    {KIND_TASK, F_TASK_PRIORITY, TEXT_OF("t.priority")},
    {KIND_TASK, F_TASK_OWNER, "coalesce(CAST(t.owner_id AS TEXT), '')",
     "coalesce(trim(fm.given_name || ' ' || fm.family_name), '')",
     " LEFT JOIN members fm ON fm.id = t.owner_id",
     " AND coalesce(CAST(t.owner_id AS TEXT), '') = :fv", false},
    /* Every owner of a task, members and organisations (task_owners, 013): m12, o3. */
    {KIND_TASK, F_TASK_OWNERS,
     "coalesce(CASE WHEN fto.member_id IS NOT NULL THEN 'm' || fto.member_id ELSE 'o' || "
     "fto.org_id END, '')",
     "coalesce(CASE WHEN fto.member_id IS NOT NULL THEN trim(ftm.given_name || ' ' || "
     "ftm.family_name) ELSE fto2.name END, '')",
     " LEFT JOIN task_owners fto ON fto.task_id = t.id LEFT JOIN members ftm ON ftm.id = "
     "fto.member_id LEFT JOIN organisations fto2 ON fto2.id = fto.org_id",
     MULTI("t.id", "task_owners", "task_id") "CASE WHEN member_id IS NOT NULL THEN 'm' || "
                                             "member_id ELSE 'o' || org_id END = :fv) END)",
     true},
};

static const struct freq_col *find_col(enum kind k, enum field_id f)
{
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (cols[i].kind == k && cols[i].field == f) return &cols[i];
    return NULL;
}

bool freq_supported(enum kind k, enum field_id f)
{
    return find_col(k, f) != NULL;
}

const char *freq_match_sql(enum kind k, enum field_id f)
{
    const struct freq_col *c = find_col(k, f);
    return c ? c->match : NULL;
}

void freq_table_free(struct freq_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].value);
        free(t->rows[i].label);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

static char *column_text(sqlite3_stmt *st, int c)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    return xstrdup(t ? (const char *)t : "");
}

int list_frequency(struct db *db, const struct list_query *q, enum field_id f,
                   struct freq_table *out, char **err)
{
    memset(out, 0, sizeof *out);
    const struct freq_col *c = find_col(q->kind, f);
    if (!c) {
        *err = xstrdup(_("this column has no frequency table"));
        return -1;
    }
    const char *a = kind_alias(q->kind);
    /* Rows counted once each where a multi-valued column joins them several times. */
    char *count = c->multi ? xasprintf("count(DISTINCT %s.id)", a) : xstrdup("count(*)");
    char *head = xasprintf("SELECT %s AS v, %s AS l, %s AS n FROM %s %s%s", c->value, c->label,
                           count, kind_table(q->kind), a, c->joins);
    free(count);
    sqlite3_stmt *st = list_prepare_over(
        db, q, head, " GROUP BY v ORDER BY n DESC, v = '', l COLLATE thai, v", err);
    free(head);
    if (!st) return -1;
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            out->rows = xrealloc(out->rows, sizeof *out->rows * cap);
        }
        struct freq_row *r = &out->rows[out->n++];
        r->value = column_text(st, 0);
        r->label = column_text(st, 1);
        r->count = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot count the column");
        freq_table_free(out);
        return -1;
    }
    return list_count(db, q, &out->rows_counted, err) == 0 ? 0 : (freq_table_free(out), -1);
}
