/* Tests of tasks shared by several people (task_owners, schema/013-tasks.sql), due dates
 * without a year read against the task's event, the --overdue, --owner and --mine filters, who
 * "me" is, and "did you mean" for organisations (src/store/suggest.c). */
#include "db.h"
#include "merge.h"
#include "store_internal.h"
#include "suggest.h"
#include "tasks.h"
#include "test_support.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long person(struct db *db, const char *name)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name}, {F_NONE, NULL}});
}

static long long org(struct db *db, const char *name, const char *short_name)
{
    return test_add(db, KIND_ORG,
                    (const struct field_value[]){
                        {F_ORG_NAME, name}, {F_ORG_SHORT_NAME, short_name}, {F_NONE, NULL}});
}

static struct record *load(struct db *db, enum kind k, long long id)
{
    struct record *r = NULL;
    char *err = NULL;
    assert_int_equal(record_load(db, k, id, &r, &err), 0);
    return r;
}

static long long count(struct db *db, const struct list_query *q)
{
    long long n = -1;
    char *err = NULL;
    assert_int_equal(list_count(db, q, &n, &err), 0);
    return n;
}

/* "Send the name list before 17 พค." belongs to พี่ปิยะชีพ, พี่รัฐภูมิ and an organisation; each
 * owner is listed, and owner and owner_org are the first member and organisation. */
static void tasks_have_several_owners(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("owners.db");
    long long a = person(db, "พี่ปิยะชีพ ใจดี"), b = person(db, "พี่รัฐภูมิ ทองดี");
    long long o = org(db, "มูลนิธิชุมชนไท", "มชท.");
    long long t = test_add(db, KIND_TASK,
                           (const struct field_value[]){{F_TASK_TITLE, "ส่งรายชื่อ"},
                                                        {F_TASK_OWNERS, "พี่รัฐภูมิ ทองดี; มชท.; 1"},
                                                        {F_NONE, NULL}});
    struct record *r = load(db, KIND_TASK, t);
    assert_string_equal(record_get(r, F_TASK_OWNERS), "พี่รัฐภูมิ ทองดี; มูลนิธิชุมชนไท; พี่ปิยะชีพ ใจดี");
    assert_string_equal(record_get(r, F_TASK_OWNER), "พี่รัฐภูมิ ทองดี");
    assert_string_equal(record_get(r, F_TASK_OWNER_ORG), "มูลนิธิชุมชนไท");
    const long long *ids;
    assert_int_equal(record_refs(r, F_TASK_OWNERS, &ids), 3);
    assert_true(ids[0] == b && ids[1] == -o && ids[2] == a);
    /* --owner alone changes the first member of the list, and keeps the others */
    record_set(r, F_TASK_OWNER, "พี่ปิยะชีพ ใจดี");
    char *err = NULL;
    assert_int_equal(record_save(db, r, &err), 0);
    assert_string_equal(record_get(r, F_TASK_OWNERS), "พี่ปิยะชีพ ใจดี; มูลนิธิชุมชนไท");
    record_free(&r);
    /* a task with only an organisation shows it as its owner */
    long long only_org =
        test_add(db, KIND_TASK,
                 (const struct field_value[]){
                     {F_TASK_TITLE, "จองห้อง"}, {F_TASK_OWNER_ORG, "มชท."}, {F_NONE, NULL}});
    r = load(db, KIND_TASK, only_org);
    assert_string_equal(record_get(r, F_TASK_OWNERS), "มูลนิธิชุมชนไท");
    record_free(&r);
    /* an owner who is neither a member nor an organisation is refused, naming the field */
    struct record *bad = record_new(KIND_TASK);
    record_set(bad, F_TASK_TITLE, "x");
    record_set(bad, F_TASK_OWNERS, "ใครก็ไม่รู้");
    assert_int_not_equal(record_save(db, bad, &err), 0);
    assert_contains(err, "owners");
    free(err);
    record_free(&bad);
    db_close(&db);
}

static const char *owners_of(struct db *db, long long task, char *buf, size_t size)
{
    struct record *r = load(db, KIND_TASK, task);
    snprintf(buf, size, "%s", record_get(r, F_TASK_OWNERS));
    record_free(&r);
    return buf;
}

/* A member merged into another hands over every place among a task's owners, not only the
 * first; where KEEP owns the task already, OTHER's place goes. Unmerge puts OTHER back. */
static void tasks_owners_follow_a_merge_and_its_undo(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("owners-merge.db");
    long long keep = person(db, "พี่รัฐภูมิ ทองดี"), other = person(db, "รัฐภูมิ ทองดี");
    person(db, "พี่ปิยะชีพ ใจดี");
    long long second =
        test_add(db, KIND_TASK,
                 (const struct field_value[]){
                     {F_TASK_TITLE, "ส่งรายชื่อ"}, {F_TASK_OWNERS, "3; 2"}, {F_NONE, NULL}});
    long long both =
        test_add(db, KIND_TASK,
                 (const struct field_value[]){
                     {F_TASK_TITLE, "จองห้อง"}, {F_TASK_OWNERS, "3; 1; 2"}, {F_NONE, NULL}});
    char buf[256], *err = NULL;
    struct merge_result res = {0};
    assert_int_equal(member_merge(db, keep, other, NULL, &res, &err), 0);
    assert_string_equal(owners_of(db, second, buf, sizeof buf), "พี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี");
    assert_string_equal(owners_of(db, both, buf, sizeof buf), "พี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี");
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM task_owners WHERE member_id = 2"), 0);
    assert_int_equal(member_unmerge(db, res.merge_id, NULL, NULL, &err), 0);
    assert_string_equal(owners_of(db, second, buf, sizeof buf), "พี่ปิยะชีพ ใจดี; รัฐภูมิ ทองดี");
    assert_string_equal(owners_of(db, both, buf, sizeof buf), "พี่ปิยะชีพ ใจดี; พี่รัฐภูมิ ทองดี; รัฐภูมิ ทองดี");
    db_close(&db);
}

/* A database of the version before owners were lists keeps each task's owner and organisation
 * as its list (the migration copies them). */
static void tasks_owners_migrate_from_owner_columns(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("migrate-owners.db");
    long long m = person(db, "นางสมศรี ดีใจ");
    long long o = org(db, "สภาองค์กรชุมชน", "");
    char *mid = xasprintf("%lld", m), *oid = xasprintf("%lld", o);
    long long t = test_add(
        db, KIND_TASK,
        (const struct field_value[]){
            {F_TASK_TITLE, "สรุปผล"}, {F_TASK_OWNER, mid}, {F_TASK_OWNER_ORG, oid}, {F_NONE, NULL}});
    free(mid);
    free(oid);
    assert_int_equal(sqlite3_exec(db_handle(db), "DELETE FROM task_owners", NULL, NULL, NULL),
                     SQLITE_OK);
    test_downgrade(db, 12);
    char *path = test_path("migrate-owners.db");
    db_close(&db);
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    struct record *r = load(db, KIND_TASK, t);
    assert_string_equal(record_get(r, F_TASK_OWNERS), "นางสมศรี ดีใจ; สภาองค์กรชุมชน");
    record_free(&r);
    free(path);
    db_close(&db);
}

/* `17 พค.` typed for a task of a meeting on 11 พ.ค. 2554 is 17 พ.ค. 2554; a date before the
 * meeting's day in the year is the next year's; a task of no event reads it against today. */
static void tasks_due_without_year_reads_against_event(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("yearless.db");
    long long ev = test_add(db, KIND_EVENT,
                            (const struct field_value[]){{F_EVENT_TITLE, "ประชุมเครือข่าย"},
                                                         {F_EVENT_START_DATE, "11 พ.ค. 2554"},
                                                         {F_NONE, NULL}});
    char *id = xasprintf("%lld", ev);
    long long t = test_add(db, KIND_TASK,
                           (const struct field_value[]){{F_TASK_TITLE, "ส่งรายชื่อ"},
                                                        {F_TASK_EVENT_ID, id},
                                                        {F_TASK_DUE_DATE, "17 พค."},
                                                        {F_NONE, NULL}});
    struct record *r = load(db, KIND_TASK, t);
    assert_string_equal(record_get(r, F_TASK_DUE_DATE), "2011-05-17");
    record_set(r, F_TASK_DUE_DATE, "2 พ.ค.");
    char *err = NULL;
    assert_int_equal(record_save(db, r, &err), 0);
    assert_string_equal(record_get(r, F_TASK_DUE_DATE), "2012-05-02");
    record_set(r, F_TASK_DUE_DATE, "11 พ.ค.");
    assert_int_equal(record_save(db, r, &err), 0);
    assert_string_equal(record_get(r, F_TASK_DUE_DATE), "2011-05-11"); /* on the day: that day */
    record_free(&r);
    long long loose =
        test_add(db, KIND_TASK,
                 (const struct field_value[]){
                     {F_TASK_TITLE, "ไม่มีงาน"}, {F_TASK_DUE_DATE, "17 พค."}, {F_NONE, NULL}});
    r = load(db, KIND_TASK, loose);
    struct date due, today = date_today();
    assert_int_equal(date_from_iso(record_get(r, F_TASK_DUE_DATE), &due), 0);
    assert_true(date_cmp(due, today) >= 0);
    record_free(&r);
    free(id);
    db_close(&db);
}

/* --overdue lists open and in-progress tasks past their due date; --owner a member's or an
 * organisation's tasks, whichever place in the list they have; --mine the linked login's. */
static void tasks_filters_overdue_owner_and_mine(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("filters.db");
    long long a = person(db, "พี่ปิยะชีพ ใจดี"), b = person(db, "อ.บวร ศรีสุข");
    long long o = org(db, "มูลนิธิชุมชนไท", "");
    test_add(db, KIND_TASK,
             (const struct field_value[]){{F_TASK_TITLE, "เลยกำหนด"},
                                          {F_TASK_DUE_DATE, "2010-01-01"},
                                          {F_TASK_OWNERS, "อ.บวร ศรีสุข; พี่ปิยะชีพ ใจดี"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_TASK,
             (const struct field_value[]){{F_TASK_TITLE, "เสร็จแล้ว"},
                                          {F_TASK_DUE_DATE, "2010-01-01"},
                                          {F_TASK_STATUS, "done"},
                                          {F_TASK_OWNERS, "มูลนิธิชุมชนไท"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_TASK,
             (const struct field_value[]){{F_TASK_TITLE, "ยังไม่ถึง"},
                                          {F_TASK_DUE_DATE, "2600-01-01"},
                                          {F_TASK_OWNERS, "มูลนิธิชุมชนไท; อ.บวร ศรีสุข"},
                                          {F_NONE, NULL}});
    assert_int_equal(count(db, &(struct list_query){.kind = KIND_TASK, .overdue = true}), 1);
    assert_int_equal(count(db, &(struct list_query){.kind = KIND_TASK, .owner = a}), 1);
    assert_int_equal(count(db, &(struct list_query){.kind = KIND_TASK, .owner = b}), 2);
    assert_int_equal(count(db, &(struct list_query){.kind = KIND_TASK, .owner = -o}), 2);
    assert_int_equal(
        count(db, &(struct list_query){.kind = KIND_TASK, .owner = b, .overdue = true}), 1);
    /* who "me" is: nobody until linked, then the member; one link a login */
    long long me = 0;
    char *err = NULL;
    assert_int_equal(me_get(db, "somchai", &me, &err), 1);
    assert_int_equal(me_set(db, "somchai", a, &err), 0);
    assert_int_equal(me_set(db, "somchai", b, &err), 0);
    assert_int_equal(me_get(db, "somchai", &me, &err), 0);
    assert_int_equal(me, b);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM login_members"), 1);
    /* an owner named on the command line: a member, or an organisation as minus its id */
    long long owner = 0;
    assert_int_equal(owner_find(db, "มูลนิธิชุมชนไท", &owner, &err), 0);
    assert_int_equal(owner, -o);
    assert_int_equal(owner_find(db, "อ.บวร ศรีสุข", &owner, &err), 0);
    assert_int_equal(owner, b);
    assert_int_not_equal(owner_find(db, "ไม่มีใคร", &owner, &err), 0);
    free(err);
    db_close(&db);
}

/* The filters use their indexes: the owners' and the due dates'. */
static void tasks_filters_use_indexes(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("filter-plans.db");
    sqlite3_stmt *st;
    const char *sql = "EXPLAIN QUERY PLAN SELECT task_id FROM task_owners WHERE member_id = 1";
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_contains((const char *)sqlite3_column_text(st, 3), "task_owners_by_member");
    sqlite3_finalize(st);
    sql = "EXPLAIN QUERY PLAN SELECT id FROM tasks t WHERE t.status IN ('open', "
          "'in_progress') AND t.due_date < '2010-01-01'";
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_contains((const char *)sqlite3_column_text(st, 3), "tasks_by_due");
    sqlite3_finalize(st);
    db_close(&db);
}

static char *suggest_one(struct db *db, const char *typed, size_t *n)
{
    struct org_suggestion *s;
    char *err = NULL;
    assert_int_equal(org_suggest(db, typed, &s, n, &err), 0);
    char *name = *n ? xstrdup(s[0].name) : NULL;
    org_suggestions_free(s, *n);
    return name;
}

static void expect_suggestion(struct db *db, const char *typed, const char *meant)
{
    size_t n;
    char *name = suggest_one(db, typed, &n);
    if (!name) fprintf(stderr, "no suggestion for \"%s\"\n", typed);
    assert_non_null(name);
    assert_string_equal(name, meant);
    free(name);
}

/* Each slip is offered the organisation meant: ฎ for ฏ, a tone mark missing or extra, spaces,
 * the short name without its dots; a different name is offered nothing. */
static void suggest_finds_organisation_typed_with_a_slip(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("suggest.db");
    org(db, "องค์การบริหารส่วนตำบลกฎ", "");
    org(db, "มูลนิธิเพื่อนชุมชน", "ม.พ.ช.");
    org(db, "สำนักงานพัฒนาชุมชนจังหวัดน่าน", "");
    expect_suggestion(db, "องค์การบริหารส่วนตำบลกฏ", "องค์การบริหารส่วนตำบลกฎ"); /* ฏ for ฎ */
    expect_suggestion(db, "มูลนิธิเพือนชุมชน", "มูลนิธิเพื่อนชุมชน");                 /* tone missing */
    expect_suggestion(db, "มูลนิธิเพื่อนชุ่มชน", "มูลนิธิเพื่อนชุมชน");                 /* tone extra */
    expect_suggestion(db, "มูลนิธิ เพื่อน ชุมชน", "มูลนิธิเพื่อนชุมชน");               /* spaces */
    expect_suggestion(db, "มพช", "มูลนิธิเพื่อนชุมชน");                          /* short name */
    expect_suggestion(db, "สำนักงานพัฒนาชุมชนจังหวัดน่าน ", "สำนักงานพัฒนาชุมชนจังหวัดน่าน");
    size_t n;
    char *none = suggest_one(db, "มูลนิธิรักษ์ป่า", &n);
    assert_null(none);
    assert_int_equal(n, 0);
    /* the words a report uses */
    struct org_suggestion s = {3, "มูลนิธิเพื่อนชุมชน", ""};
    char *text = org_suggest_text(&s, 1);
    assert_contains(text, "มูลนิธิเพื่อนชุมชน (id 3)");
    free(text);
    assert_null(org_suggest_text(NULL, 0));
    db_close(&db);
}

/* The lookup is two index probes, not a scan of every name. */
static void suggest_uses_the_match_key_indexes(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("suggest-plan.db");
    struct org_suggestion *s;
    size_t n;
    char *err = NULL;
    assert_int_equal(org_suggest(db, "x", &s, &n, &err), 0); /* prepares the statement */
    sqlite3_stmt *st = NULL;
    while ((st = sqlite3_next_stmt(db_handle(db), st)))
        if (strstr(sqlite3_sql(st), "UNION ALL SELECT id, name, short_name")) break;
    assert_non_null(st);
    char *plan_sql = xasprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(st));
    sqlite3_stmt *plan;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), plan_sql, -1, &plan, NULL), SQLITE_OK);
    int with_index = 0, scans = 0;
    while (sqlite3_step(plan) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(plan, 3);
        with_index += strstr(detail, "match_key") != NULL;
        scans += strncmp(detail, "SCAN organisations", 18) == 0;
    }
    sqlite3_finalize(plan);
    free(plan_sql);
    assert_int_equal(with_index, 2);
    assert_int_equal(scans, 0);
    db_close(&db);
}

/* What a record names that khai does not have: the form's and add's question. */
static void missing_orgs_named_by_a_record(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("missing.db");
    org(db, "มูลนิธิชุมชนไท", "มชท.");
    struct record *r = record_new(KIND_EVENT);
    record_set(r, F_EVENT_TITLE, "ประชุม");
    record_set(r, F_EVENT_HOST, "มชท.");
    record_set(r, F_EVENT_PARTNERS, "มูลนิธิชุมชนไท; กลุ่มใหม่; 7");
    struct missing_org *m;
    size_t n;
    char *err = NULL;
    assert_int_equal(record_missing_orgs(db, r, &m, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].field, F_EVENT_PARTNERS);
    assert_string_equal(m[0].name, "กลุ่มใหม่");
    long long id;
    assert_int_equal(org_create_named(db, m[0].name, &id, &err), 0);
    missing_orgs_free(m, n);
    assert_int_equal(record_missing_orgs(db, r, &m, &n, &err), 0);
    assert_int_equal(n, 0);
    missing_orgs_free(m, n);
    record_free(&r);
    db_close(&db);
}

const struct CMUnitTest tasks_tests[] = {
    cmocka_unit_test(tasks_have_several_owners),
    cmocka_unit_test(tasks_owners_migrate_from_owner_columns),
    cmocka_unit_test(tasks_owners_follow_a_merge_and_its_undo),
    cmocka_unit_test(tasks_due_without_year_reads_against_event),
    cmocka_unit_test(tasks_filters_overdue_owner_and_mine),
    cmocka_unit_test(tasks_filters_use_indexes),
    cmocka_unit_test(suggest_finds_organisation_typed_with_a_slip),
    cmocka_unit_test(suggest_uses_the_match_key_indexes),
    cmocka_unit_test(missing_orgs_named_by_a_record),
};
const size_t tasks_tests_count = sizeof tasks_tests / sizeof tasks_tests[0];
