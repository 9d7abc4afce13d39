/* Tests of listing: paging by key (ties, deleted rows, Thai order), the sort keys kept in the
 * row, and that the common queries use an index (EXPLAIN QUERY PLAN). */
#include "db.h"
#include "model.h"
#include "store_internal.h"
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long add_member(struct db *db, const char *given, const char *family,
                            const char *province, const char *orgs)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_MEMBER_GIVEN_NAME, given},
                                                 {F_MEMBER_FAMILY_NAME, family},
                                                 {F_MEMBER_PROVINCE, province},
                                                 {F_MEMBER_ORGANISATIONS, orgs},
                                                 {F_NONE, NULL}});
}

/* Ties in the first key (five สมชาย, two of them with the same family name), leading vowels
 * (เกศ sorts under ก) and members with and without a province and organisation. */
static struct db *fill(const char *name)
{
    struct db *db = test_fresh_db(name);
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิข้าวขวัญ"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "กลุ่มออมทรัพย์"}, {F_NONE, NULL}});
    add_member(db, "ขวัญ", "ใจดี", "เชียงใหม่", "มูลนิธิข้าวขวัญ");
    add_member(db, "สมชาย", "รักไทย", "กระบี่", "");
    add_member(db, "เกศ", "มณี", "", "กลุ่มออมทรัพย์");
    add_member(db, "สมชาย", "ทองดี", "เชียงใหม่", "มูลนิธิข้าวขวัญ; กลุ่มออมทรัพย์");
    add_member(db, "กมล", "ศรีสุข", "ยะลา", "");
    add_member(db, "สมชาย", "ทองดี", "กระบี่", "กลุ่มออมทรัพย์");
    add_member(db, "สมชาย", "บุญมา", "", "มูลนิธิข้าวขวัญ");
    add_member(db, "สมชาย", "ทองดี", "ยะลา", "");
    add_member(db, "ไก่", "ดีใจ", "ยะลา", "มูลนิธิข้าวขวัญ");
    /* tasks with and without a due date, several on one day */
    static const char *const due[] = {"2567-03-01", "",           "2567-01-15", "2567-03-01",
                                      "",           "2567-01-15", "2567-03-01"};
    for (size_t i = 0; i < sizeof due / sizeof due[0]; i++)
        test_add(db, KIND_TASK,
                 (const struct field_value[]){{F_TASK_TITLE, i % 2 ? "โทรหาผู้ใหญ่บ้าน" : "ส่งรายงาน"},
                                              {F_TASK_DUE_DATE, due[i]},
                                              {F_NONE, NULL}});
    return db;
}

/* The ids of q's rows as one string, "3 5 1 ". */
static char *ids_of(struct record **rows, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%lld ", rows[i]->id);
    return sb_take(&sb);
}

static char *all_ids(struct db *db, const struct list_query *q)
{
    struct record **rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(list_fetch(db, q, 0, 1000, &rows, &n, &err), 0);
    char *ids = ids_of(rows, n);
    list_free(rows, n);
    return ids;
}

/* Walks q forward by key, two rows a page, then backward from the end; both must give the
 * order of the whole listing. */
static void assert_pages_match(struct db *db, const struct list_query *q)
{
    char *want = all_ids(db, q);
    struct strbuf fwd = STRBUF_INIT;
    char *err = NULL;
    long long mark = 0;
    for (;;) {
        struct record **rows;
        size_t n;
        assert_int_equal(list_fetch_from(db, q, mark, LIST_AFTER, 2, &rows, &n, &err), 0);
        char *ids = ids_of(rows, n);
        sb_add(&fwd, ids);
        free(ids);
        if (n) mark = rows[n - 1]->id;
        list_free(rows, n);
        if (n < 2) break;
    }
    assert_string_equal(sb_str(&fwd), want);
    sb_free(&fwd);
    /* backward: each page comes in the list's order, so prepend it */
    char *back = xstrdup("");
    mark = 0;
    for (;;) {
        struct record **rows;
        size_t n;
        assert_int_equal(list_fetch_from(db, q, mark, LIST_BEFORE, 3, &rows, &n, &err), 0);
        char *ids = ids_of(rows, n);
        char *joined = xasprintf("%s%s", ids, back);
        free(ids);
        free(back);
        back = joined;
        if (n) mark = rows[0]->id;
        list_free(rows, n);
        if (n < 3) break;
    }
    assert_string_equal(back, want);
    free(back);
    free(want);
}

static void lists_page_by_key_through_ties_in_every_order(void **state)
{
    (void)state;
    struct db *db = fill("keyset.db");
    for (enum kind k = 0; k < KIND_COUNT; k++) {
        if (k != KIND_MEMBER && k != KIND_ORG && k != KIND_TASK) continue;
        for (const char *const *key = list_sort_keys(k); *key; key++) {
            struct list_query q = {.kind = k, .sort = *key};
            assert_pages_match(db, &q);
        }
    }
    struct list_query search = {.kind = KIND_MEMBER, .search = "สม"};
    assert_pages_match(db, &search);
    db_close(&db);
}

static void lists_keep_thai_order_across_pages(void **state)
{
    (void)state;
    struct db *db = fill("thaiorder.db");
    struct list_query q = {.kind = KIND_MEMBER};
    struct record **rows;
    size_t n;
    char *err = NULL;
    /* the second page after the first three: กมล, ไก่, เกศ come first in Thai order (ไก่ and
     * เกศ under ก, their leading vowels aside), then ขวัญ */
    assert_int_equal(list_fetch_from(db, &q, 0, LIST_AFTER, 3, &rows, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(record_get(rows[0], F_MEMBER_GIVEN_NAME), "กมล");
    long long mark = rows[2]->id;
    list_free(rows, n);
    assert_int_equal(list_fetch_from(db, &q, mark, LIST_AFTER, 1, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(record_get(rows[0], F_MEMBER_GIVEN_NAME), "ขวัญ");
    list_free(rows, n);
    /* LIST_AT starts at the mark itself */
    assert_int_equal(list_fetch_from(db, &q, mark, LIST_AT, 1, &rows, &n, &err), 0);
    assert_int_equal(rows[0]->id, mark);
    list_free(rows, n);
    db_close(&db);
}

static void lists_continue_after_a_deleted_row(void **state)
{
    (void)state;
    struct db *db = fill("deleted.db");
    struct list_query q = {.kind = KIND_MEMBER};
    struct record **rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(list_fetch_from(db, &q, 0, LIST_AFTER, 4, &rows, &n, &err), 0);
    long long last = rows[3]->id, before = rows[2]->id;
    list_free(rows, n);
    /* someone deletes the last row shown: the next page still starts right after it */
    assert_int_equal(record_delete(db, KIND_MEMBER, last, &err), 0);
    char *want = all_ids(db, &q);
    assert_int_equal(list_fetch_from(db, &q, last, LIST_AFTER, 100, &rows, &n, &err), 0);
    char *got = ids_of(rows, n);
    list_free(rows, n);
    /* want is the live list; its tail after `before` is what the page must hold */
    char *needle = xasprintf("%lld ", before);
    const char *tail = strstr(want, needle);
    assert_non_null(tail);
    assert_string_equal(got, tail + strlen(needle));
    free(needle);
    free(got);
    free(want);
    /* a mark that never existed says so */
    assert_int_equal(list_fetch_from(db, &q, 999999, LIST_AFTER, 10, &rows, &n, &err), 1);
    free(err);
    db_close(&db);
}

static void lists_sort_keys_follow_changes(void **state)
{
    (void)state;
    struct db *db = fill("sortkeys.db");
    struct list_query q = {.kind = KIND_MEMBER, .sort = "province"};
    char *err = NULL;
    /* the province's Thai name, kept in the row; the first organisation's name too */
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members WHERE sort_province = 'กระบี่'"),
                     2);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members WHERE sort_org = "
                                     "'มูลนิธิข้าวขวัญ'"),
                     4);
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, 1, &r, &err), 0);
    record_set(r, F_MEMBER_PROVINCE, "ยะลา");
    record_set(r, F_MEMBER_ORGANISATIONS, "กลุ่มออมทรัพย์");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    assert_int_equal(test_scalar(db, "SELECT sort_province = 'ยะลา' AND sort_org = "
                                     "'กลุ่มออมทรัพย์' FROM members WHERE id = 1"),
                     1);
    /* an organisation renamed: its members' sort key follows */
    assert_int_equal(record_load(db, KIND_ORG, 2, &r, &err), 0);
    record_set(r, F_ORG_NAME, "กลุ่มออมทรัพย์บ้านนา");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members WHERE sort_org = "
                                     "'กลุ่มออมทรัพย์บ้านนา'"),
                     3);
    assert_pages_match(db, &q);
    db_close(&db);
}

/* What SQLite says it will do for sql, one line a step (top: only the steps of the outer
 * query, not those of the subqueries that make a row's columns). */
static char *query_plan_of(struct db *db, const char *sql, bool top)
{
    char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), explain, -1, &st, NULL), SQLITE_OK);
    struct strbuf sb = STRBUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (!top || sqlite3_column_int(st, 1) == 0)
            sb_addf(&sb, "%s\n", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    free(explain);
    return sb_take(&sb);
}

static char *query_plan(struct db *db, const char *sql)
{
    return query_plan_of(db, sql, false);
}

/* Neither the count nor a page of q walks a whole table of members, attendance or tasks. */
static void assert_uses_index(struct db *db, const struct list_query *q)
{
    char *err = NULL;
    for (int count = 0; count < 2; count++) {
        const char *sql = list_sql(db, q, count, true, &err);
        assert_non_null(sql);
        char *plan = query_plan(db, sql);
        for (const char *scan = strstr(plan, "SCAN "); scan; scan = strstr(scan + 1, "SCAN ")) {
            static const char *const tables[] = {"m",
                                                 "a",
                                                 "t",
                                                 "o",
                                                 "members",
                                                 "attendance",
                                                 "tasks",
                                                 "affiliations",
                                                 "organisations"};
            const char *name = scan + 5;
            size_t len = strcspn(name, " \n");
            for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
                if (strlen(tables[i]) == len && strncmp(name, tables[i], len) == 0)
                    fail_msg("%.60s... scans a table:\n%s", strstr(sql, "WHERE"), plan);
        }
        free(plan);
    }
}

static void lists_common_queries_use_an_index(void **state)
{
    (void)state;
    struct db *db = fill("plans.db");
    const struct list_query queries[] = {
        {.kind = KIND_ATTENDANCE, .event_id = 1}, /* an event's attendance */
        {.kind = KIND_ATTENDANCE, .event_id = 1, .status = "attended"},
        {.kind = KIND_ATTENDANCE, .member_id = 1, .sort = "time"}, /* a member's events */
        {.kind = KIND_TASK, .member_id = 1},                       /* a member's tasks */
        {.kind = KIND_TASK, .event_id = 1},                        /* an event's tasks */
        {.kind = KIND_TASK, .org_id = 1},
        {.kind = KIND_MEMBER, .org_id = 1}, /* an organisation's members */
        {.kind = KIND_MEMBER, .event_id = 1},
        {.kind = KIND_ORG, .org_id = 1},   /* sub-organisations */
        {.kind = KIND_EVENT, .org_id = 1}, /* an organisation's events */
        {.kind = KIND_INVITATION, .event_id = 1},
        {.kind = KIND_INVITATION, .org_id = 1},
        {.kind = KIND_MEMBER, .province = "ยะลา"},
        {.kind = KIND_MEMBER, .search = "สมชาย"}, /* the trigram index */
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        assert_uses_index(db, &queries[i]);
    db_close(&db);
}

/* Every sort order of members, organisations, events and tasks is a walk of an index, with no
 * sort of all rows before the first page. */
static void lists_sorted_pages_walk_an_index(void **state)
{
    (void)state;
    struct db *db = fill("sortplans.db");
    char *err = NULL;
    for (enum kind k = 0; k < KIND_COUNT; k++) {
        if (k != KIND_MEMBER && k != KIND_ORG && k != KIND_EVENT && k != KIND_TASK) continue;
        for (const char *const *key = list_sort_keys(k); *key; key++) {
            struct list_query q = {.kind = k, .sort = *key};
            for (int by_key = 0; by_key < 2; by_key++) {
                char *plan = query_plan_of(db, list_sql(db, &q, false, by_key, &err), true);
                if (strstr(plan, "TEMP B-TREE"))
                    fail_msg("%s %s sorts every row:\n%s", kind_noun(k), *key, plan);
                free(plan);
            }
        }
    }
    db_close(&db);
}

static void lists_count_up_to_a_cap(void **state)
{
    (void)state;
    struct db *db = fill("cap.db");
    struct list_query q = {.kind = KIND_MEMBER, .search = "สมชาย"};
    long long n;
    char *err = NULL;
    assert_int_equal(list_count_upto(db, &q, 3, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(list_count_upto(db, &q, 0, &n, &err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 5);
    db_close(&db);
}

const struct CMUnitTest lists_tests[] = {
    cmocka_unit_test(lists_page_by_key_through_ties_in_every_order),
    cmocka_unit_test(lists_keep_thai_order_across_pages),
    cmocka_unit_test(lists_continue_after_a_deleted_row),
    cmocka_unit_test(lists_sort_keys_follow_changes),
    cmocka_unit_test(lists_common_queries_use_an_index),
    cmocka_unit_test(lists_sorted_pages_walk_an_index),
    cmocka_unit_test(lists_count_up_to_a_cap),
};
const size_t lists_tests_count = sizeof lists_tests / sizeof lists_tests[0];
