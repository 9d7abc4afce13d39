/* Tests of what `list --tsv` and `show` read (issue 12): a listing's values read without a
 * record are the record's values, and every statement a detail runs finds its rows through
 * an index (EXPLAIN QUERY PLAN), so that `show` costs the same at 1,000,000 members. */
#include "db.h"
#include "demo.h"
#include "detail.h"
#include "model.h"
#include "store_internal.h"
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct db *demo_db(const char *name)
{
    struct db *db = test_fresh_db(name);
    char *err = NULL;
    if (demo_fill(db, DEMO_SMALL, NULL, &err) != 0) fail_msg("demo: %s", err);
    return db;
}

/* Each kind's rows as list_each_range makes them, to compare with list_each_values. */
struct rows {
    struct record **r;
    size_t n, next;
};

static int keep_record(const struct record *r, void *ctx)
{
    struct rows *rows = ctx;
    rows->r = xrealloc(rows->r, sizeof *rows->r * (rows->n + 1));
    rows->r[rows->n++] = record_copy(r);
    return 0;
}

static int compare_values(const char *const *values, void *ctx)
{
    struct rows *rows = ctx;
    assert_true(rows->next < rows->n);
    const struct record *r = rows->r[rows->next++];
    const struct kind_info *ki = kind_info(r->kind);
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].flags & FIELD_EXTRA) continue;
        if (strcmp(values[i], r->values[i]) != 0)
            fail_msg("%s %lld %s: \"%s\", not \"%s\"", ki->name, r->id, ki->fields[i].name,
                     values[i], r->values[i]);
    }
    return 0;
}

static void output_listed_values_are_the_records_values(void **state)
{
    (void)state;
    struct db *db = demo_db("output_values.db");
    char *err = NULL;
    for (int k = 0; k < KIND_COUNT; k++) {
        for (const char *const *key = list_sort_keys((enum kind)k); *key; key++) {
            struct list_query q = {.kind = (enum kind)k, .sort = *key};
            struct rows rows = {0};
            assert_int_equal(list_each_range(db, &q, 0, 0, keep_record, &rows, &err), 0);
            assert_int_equal(list_each_values(db, &q, 0, 0, compare_values, &rows, &err), 0);
            assert_int_equal(rows.next, rows.n);
            if (k == KIND_MEMBER || k == KIND_EVENT) assert_true(rows.n > 10);
            list_free(rows.r, rows.n);
        }
    }
    /* a search, and a window of --offset and --limit */
    struct list_query q = {.kind = KIND_MEMBER, .search = "สม"};
    struct rows rows = {0};
    assert_int_equal(list_each_range(db, &q, 3, 7, keep_record, &rows, &err), 0);
    assert_int_equal(rows.n, 7);
    assert_int_equal(list_each_values(db, &q, 3, 7, compare_values, &rows, &err), 0);
    assert_int_equal(rows.next, 7);
    list_free(rows.r, rows.n);
    db_close(&db);
}

/* Two phones are listed as they are shown, each grouped, in the order they were given. */
static int keep_phone(const char *const *values, void *ctx)
{
    *(char **)ctx = xstrdup(values[field_pos(F_MEMBER_PHONE)]);
    return 1;
}

static void output_phones_are_grouped_in_a_listing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("output_phones.db");
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมศรี"},
                                          {F_MEMBER_PHONE, "0812345678, 02-123-4567; 053123456"},
                                          {F_NONE, NULL}});
    struct list_query q = {.kind = KIND_MEMBER};
    char *phone = NULL, *err = NULL;
    assert_int_equal(list_each_values(db, &q, 0, 0, keep_phone, &phone, &err), 1);
    assert_string_equal(phone, "081-234-5678; 02-123-4567; 053-123-456");
    free(phone);
    db_close(&db);
}

/* The statements a detail runs, each once. */
struct statements {
    char **sql;
    size_t n;
};

static int note_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)type;
    (void)x;
    struct statements *s = ctx;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    if (!sql || strncmp(sql, "--", 2) == 0) return 0; /* a trigger's */
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->sql[i], sql) == 0) return 0;
    s->sql = xrealloc(s->sql, sizeof *s->sql * (s->n + 1));
    s->sql[s->n++] = xstrdup(sql);
    return 0;
}

/* The names SCAN walks in sql's plan that are tables growing with the roster (a SCAN of a
 * subquery's rows or of the 77 provinces is no walk of the database). */
static void assert_no_scan(struct db *db, const char *what, const char *sql)
{
    static const char *const small[] = {"provinces", "tags", "live_counts", NULL};
    char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), explain, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *step = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(step, "SCAN ", 5) != 0 || step[5] == '(' || strstr(step, "CONSTANT ROW"))
            continue;
        size_t len = strcspn(step + 5, " ");
        bool ok = false;
        for (int i = 0; small[i]; i++)
            ok = ok || (strlen(small[i]) == len && strncmp(step + 5, small[i], len) == 0);
        if (!ok) fail_msg("show %s: %s in\n%s", what, step, sql);
    }
    sqlite3_finalize(st);
    free(explain);
}

static void output_show_reads_through_indexes(void **state)
{
    (void)state;
    struct db *db = demo_db("output_plans.db");
    static const struct {
        enum kind kind;
        const char *name;
    } shown[] = {{KIND_MEMBER, "member"},
                 {KIND_ORG, "org"},
                 {KIND_EVENT, "event"},
                 {KIND_TASK, "task"},
                 {KIND_INVITATION, "invitation"}};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        struct statements s = {0};
        struct record *r = NULL;
        char *err = NULL;
        sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, note_statement, &s);
        assert_int_equal(record_load(db, shown[i].kind, 1, &r, &err), 0);
        struct detail d;
        assert_int_equal(detail_build(db, r, 20, &d, &err), 0);
        sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
        /* an event's detail counts its turnout, quotas, coverage and invitations */
        assert_true(s.n >= (shown[i].kind == KIND_EVENT ? 8 : 2));
        for (size_t j = 0; j < s.n; j++) {
            assert_no_scan(db, shown[i].name, s.sql[j]);
            free(s.sql[j]);
        }
        free(s.sql);
        detail_free(&d);
        record_free(&r);
    }
    db_close(&db);
}

const struct CMUnitTest output_tests[] = {
    cmocka_unit_test(output_listed_values_are_the_records_values),
    cmocka_unit_test(output_phones_are_grouped_in_a_listing),
    cmocka_unit_test(output_show_reads_through_indexes),
};
const size_t output_tests_count = sizeof output_tests / sizeof output_tests[0];
