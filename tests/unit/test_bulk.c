/* Tests of the store's bulk write (bulk.h) and the lookups importers use (lookup.h). */
#include "bulk.h"
#include "db.h"
#include "lookup.h"
#include "model.h"
#include "store_internal.h"
#include "stored.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NF = MAX_FIELDS };

static char *text_of(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(st, 0);
    char *v = xstrdup(t ? t : "");
    sqlite3_finalize(st);
    return v;
}

/* Stored values of kind k from NULL-terminated field, input pairs, checked as a save checks. */
static void stored_of(struct db *db, enum kind k, struct stored vals[NF], const char *const *in)
{
    const struct kind_info *ki = kind_info(k);
    memset(vals, 0, sizeof(struct stored) * NF);
    for (int i = 0; i < ki->nfields; i++) {
        const char *input = "";
        for (int j = 0; in[j]; j += 2)
            if (strcmp(in[j], ki->fields[i].name) == 0) input = in[j + 1];
        if (ki->fields[i].type == FT_ID || ki->fields[i].type == FT_DERIVED) continue;
        char *err = NULL;
        if (field_store(db, k, i, input, &vals[i], &err) != 0) fail_msg("%s", err);
    }
}

static void stored_release(enum kind k, struct stored vals[NF])
{
    for (int i = 0; i < kind_info(k)->nfields; i++)
        stored_free(&vals[i]);
}

/* An attendance row of member at event with status, as the checks would make it: the member
 * may be one the bulk write has not written yet. */
static void attendance_of_ids(struct db *db, struct stored vals[NF], long long event,
                              long long member, const char *status)
{
    stored_of(db, KIND_ATTENDANCE, vals, (const char *const[]){"status", status, NULL});
    vals[field_pos(F_ATTENDANCE_EVENT_ID)] = (struct stored){.num = event, .has_num = true};
    vals[field_pos(F_ATTENDANCE_MEMBER_ID)] = (struct stored){.num = member, .has_num = true};
}

static long long saved(struct db *db, enum kind k, const char *const *in)
{
    struct record *r = record_new(k);
    for (int j = 0; in[j]; j += 2)
        record_set_named(r, in[j], in[j + 1]);
    char *err = NULL;
    if (record_save(db, r, &err) != 0) fail_msg("record_save: %s", err);
    long long id = r->id;
    record_free(&r);
    return id;
}

static const char *const somchai[] = {"title",
                                      "นาย",
                                      "given_name",
                                      "สมชาย",
                                      "family_name",
                                      "ใจดี",
                                      "nickname",
                                      "ต้น",
                                      "phone",
                                      "081-234-5678; 02-123-4567",
                                      "email",
                                      "somchai@example.org",
                                      "province",
                                      "เชียงใหม่",
                                      "organisations",
                                      "มูลนิธิบ้านเรา; ชมรมผู้สูงอายุ",
                                      "tags",
                                      "อาสาสมัคร, แกนนำ",
                                      NULL};

static void make_orgs(struct db *db)
{
    /* Ids out of name order: the search key lists organisations by id. */
    saved(db, KIND_ORG, (const char *const[]){"name", "ชมรมผู้สูงอายุ", "short_name", "ชผส", NULL});
    saved(db, KIND_ORG, (const char *const[]){"name", "มูลนิธิบ้านเรา", NULL});
}

static char *row_of(struct db *db, const char *fmt, long long id)
{
    char sql[512];
    snprintf(sql, sizeof sql, fmt, id);
    return text_of(db, sql);
}

/* The same member through record_save and through the bulk write is stored the same way:
 * row, search key, phones, organisations, tags and audit row. */
static void bulk_member_is_stored_as_a_save_stores_it(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bulk_same.db");
    make_orgs(db);
    long long by_save = saved(db, KIND_MEMBER, somchai);
    struct bulk *b = NULL;
    char *err = NULL;
    const struct bulk_options opt = {.cache_kb = 4096, .audit_each = true};
    assert_int_equal(bulk_begin(db, &opt, &b, &err), 0);
    struct stored vals[NF];
    stored_of(db, KIND_MEMBER, vals, somchai);
    long long by_bulk = 0;
    assert_int_equal(bulk_add_member(b, vals, NULL, NULL, &by_bulk, &err), 0);
    stored_release(KIND_MEMBER, vals);
    assert_int_equal(by_bulk, by_save + 1);
    assert_int_equal(bulk_commit(&b, &err), 0);
    assert_null(b);
    static const char *const queries[] = {
        "SELECT title || '|' || given_name || '|' || family_name || '|' || nickname || '|' || "
        "email || '|' || province || '|' || active || '|' || version || '|' || search_key FROM "
        "members WHERE id = %lld",
        "SELECT group_concat(phone || '@' || position, ',') FROM (SELECT * FROM member_phones "
        "WHERE member_id = %lld ORDER BY position)",
        "SELECT group_concat(org_id || '@' || position || role, ',') FROM (SELECT * FROM "
        "affiliations WHERE member_id = %lld ORDER BY position)",
        "SELECT group_concat(tag_id, ',') FROM (SELECT * FROM member_tags WHERE member_id = "
        "%lld ORDER BY tag_id)",
        "SELECT action || who || replace(new_values, '\"id\":\"' || row_id || '\"', '') FROM "
        "audit WHERE table_name = 'members' AND row_id = %lld",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char *a = row_of(db, queries[i], by_save), *c = row_of(db, queries[i], by_bulk);
        assert_string_equal(c, a);
        free(a);
        free(c);
    }
    char *key = row_of(db, "SELECT search_key FROM members WHERE id = %lld", by_bulk);
    assert_contains(key, "0812345678");
    assert_contains(key, "\x1f");
    free(key);
    /* The search finds the bulk member by its organisation's short name too. */
    struct list_query q = {.kind = KIND_MEMBER, .search = "ชผส"};
    long long n = 0;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 2);
    db_close(&db);
}

/* A write that fails part way leaves nothing: no members, links, tags, audit rows or staging
 * tables, and the database's settings as they were. */
static void failing_bulk_write_leaves_nothing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bulk_fail.db");
    make_orgs(db);
    long long audit = test_scalar(db, "SELECT count(*) FROM audit");
    long long tags = test_scalar(db, "SELECT count(*) FROM tags");
    struct bulk *b = NULL;
    char *err = NULL;
    const struct bulk_options opt = {.cache_kb = 4096, .audit_each = true};
    assert_int_equal(bulk_begin(db, &opt, &b, &err), 0);
    struct stored vals[NF];
    for (int i = 0; i < 100; i++) {
        stored_of(db, KIND_MEMBER, vals, somchai);
        assert_int_equal(bulk_add_member(b, vals, NULL, NULL, NULL, &err), 0);
        stored_release(KIND_MEMBER, vals);
    }
    stored_of(db, KIND_ORG, vals, (const char *const[]){"name", "องค์กรใหม่", NULL});
    assert_int_equal(bulk_add(b, KIND_ORG, vals, NULL, &err), 0);
    stored_release(KIND_ORG, vals);
    /* A given name the table refuses, as if the checks had been skipped. */
    stored_of(db, KIND_MEMBER, vals, somchai);
    free(vals[field_pos(F_MEMBER_GIVEN_NAME)].text);
    vals[field_pos(F_MEMBER_GIVEN_NAME)].text = xstrdup("");
    assert_int_equal(bulk_add_member(b, vals, NULL, NULL, NULL, &err), 0); /* only staged */
    stored_release(KIND_MEMBER, vals);
    assert_int_equal(bulk_commit(&b, &err), -1);
    assert_non_null(err);
    free(err);
    assert_null(b);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM member_phones"), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM affiliations"), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM member_tags"), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM organisations"), 2);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM tags"), tags);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM temp.sqlite_master"), 0);
    assert_int_equal(test_scalar(db, "PRAGMA cache_size"), -2000);
    /* The database is as usable as before. */
    long long id = saved(db, KIND_MEMBER, somchai);
    assert_true(id > 0);
    db_close(&db);
}

static void rolled_back_bulk_write_leaves_nothing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bulk_rollback.db");
    struct bulk *b = NULL;
    char *err = NULL;
    const struct bulk_options opt = {.trust_references = true};
    assert_int_equal(bulk_begin(db, &opt, &b, &err), 0);
    assert_int_equal(test_scalar(db, "PRAGMA foreign_keys"), 0);
    struct stored vals[NF];
    long long org = 0, event = 0;
    stored_of(db, KIND_ORG, vals, (const char *const[]){"name", "สมาคมหนึ่ง", "tags", "ภาคี", NULL});
    assert_int_equal(bulk_add(b, KIND_ORG, vals, &org, &err), 0);
    stored_release(KIND_ORG, vals);
    assert_true(org > 0);
    stored_of(db, KIND_EVENT, vals,
              (const char *const[]){"title", "ประชุมใหญ่", "start_date", "2026-01-10", "end_date",
                                    "2026-01-10", NULL});
    assert_int_equal(bulk_add(b, KIND_EVENT, vals, &event, &err), 0);
    stored_release(KIND_EVENT, vals);
    stored_of(db, KIND_MEMBER, vals, (const char *const[]){"given_name", "วาสนา", NULL});
    long long member = 0;
    assert_int_equal(bulk_add_member(b, vals, NULL, NULL, &member, &err), 0);
    stored_release(KIND_MEMBER, vals);
    attendance_of_ids(db, vals, event, member, "attended");
    assert_int_equal(bulk_add(b, KIND_ATTENDANCE, vals, NULL, &err), 0);
    stored_release(KIND_ATTENDANCE, vals);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"),
                     1); /* flushed for attendance */
    bulk_rollback(&b);
    assert_null(b);
    assert_int_equal(test_scalar(db, "PRAGMA foreign_keys"), 1);
    static const char *const tables[] = {"members", "organisations", "org_tags", "tags",
                                         "events",  "attendance",    "audit"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        assert_int_equal(test_scalar(db, sql), 0);
    }
    db_close(&db);
}

/* Without audit_each: one row for the whole write. Attendance and tasks go many to a
 * statement and read back as record_save would have written them. */
static void bulk_rows_and_summary_audit(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bulk_rows.db");
    struct bulk *b = NULL;
    char *err = NULL;
    const struct bulk_options opt = {.cache_kb = 2048};
    assert_int_equal(bulk_begin(db, &opt, &b, &err), 0);
    struct stored vals[NF];
    long long event = 0;
    stored_of(db, KIND_EVENT, vals,
              (const char *const[]){"title", "อบรม", "start_date", "2026-02-01", "end_date",
                                    "2026-02-01", "quotas", "เยาวชน=5", NULL});
    assert_int_equal(bulk_add(b, KIND_EVENT, vals, &event, &err), 0);
    stored_release(KIND_EVENT, vals);
    long long first = 0;
    for (int i = 0; i < 150; i++) {
        char name[32];
        snprintf(name, sizeof name, "คนที่%d", i);
        stored_of(db, KIND_MEMBER, vals, (const char *const[]){"given_name", name, NULL});
        long long id;
        assert_int_equal(bulk_add_member(b, vals, NULL, NULL, &id, &err), 0);
        stored_release(KIND_MEMBER, vals);
        if (i == 0) first = id;
        assert_int_equal(id, first + i);
        attendance_of_ids(db, vals, event, id, "");
        assert_int_equal(bulk_add(b, KIND_ATTENDANCE, vals, NULL, &err), 0);
        stored_release(KIND_ATTENDANCE, vals);
    }
    stored_of(db, KIND_TASK, vals, (const char *const[]){"title", "ส่งรายงาน", NULL});
    assert_int_equal(bulk_add(b, KIND_TASK, vals, NULL, &err), 0);
    stored_release(KIND_TASK, vals);
    assert_int_equal(bulk_audit_summary(b, "test", "{\"rows\":\"150\"}", &err), 0);
    assert_int_equal(bulk_commit(&b, &err), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 150);
    assert_int_equal(test_scalar(db,
                                 "SELECT count(*) FROM attendance WHERE role = 'participant' AND "
                                 "status = 'invited'"),
                     150);
    assert_int_equal(test_scalar(db,
                                 "SELECT count(*) FROM tasks WHERE status = 'open' AND priority "
                                 "= 'normal' AND search_key <> ''"),
                     1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM event_quotas WHERE target = 5"), 1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit"), 1);
    assert_int_equal(test_scalar(db, "PRAGMA cache_size"), -2000);
    assert_int_equal(db_check(db, &err, &err), 0);
    db_close(&db);
}

static void lookups_find_what_import_needs(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bulk_lookup.db");
    make_orgs(db);
    long long id = saved(db, KIND_MEMBER, somchai);
    char *err = NULL;
    assert_int_equal(member_by_phone(db, "0812345678", &err), id);
    assert_int_equal(member_by_phone(db, "0899999999", &err), 0);
    assert_int_equal(member_by_email(db, "somchai@example.org", &err), id);
    assert_int_equal(member_by_names(db, "สมชาย", "ใจดี", &err), id);
    long long first, count;
    assert_int_equal(member_name_matches(db, "สมชาย", "ใจดี", &first, &count, &err), 0);
    assert_int_equal(count, 1);
    assert_int_equal(first, id);
    assert_true(member_is_named(db, id, "สมชาย", "", true));
    assert_false(member_is_named(db, id, "สมชาย", "", false));
    assert_int_equal(org_name_count(db, "ชผส", &err), 1);
    assert_true(org_name_taken(db, "มูลนิธิบ้านเรา"));
    assert_false(org_name_taken(db, "ไม่มี"));
    long long org = record_by_name(db, KIND_ORG, "มูลนิธิบ้านเรา", NULL, &err);
    assert_true(org > 0);
    char *name = record_name_of(db, KIND_ORG, org);
    assert_string_equal(name, "มูลนิธิบ้านเรา\t");
    free(name);
    long long event = saved(db, KIND_EVENT,
                            (const char *const[]){"title", "เวทีประชาคม", "start_date", "2026-03-01",
                                                  "end_date", "2026-03-02", NULL});
    int n;
    assert_int_equal(events_titled(db, "เวทีประชาคม", "2026-03-02", &first, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(first, event);
    assert_int_equal(events_titled(db, "เวทีประชาคม", "2026-03-05", &first, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_true(event_is_titled(db, event, "เวทีประชาคม"));
    char *given, *family, *email, *phones;
    assert_int_equal(member_keys_of(db, id, &given, &family, &email, &phones), 1);
    assert_string_equal(phones, "0812345678;021234567");
    free(given);
    free(family);
    free(email);
    free(phones);
    struct province_row *rows;
    assert_int_equal(province_rows(db, &rows, &n, &err), 0);
    assert_int_equal(n, 77);
    province_rows_free(rows, n);
    db_close(&db);
}

const struct CMUnitTest bulk_tests[] = {
    cmocka_unit_test(bulk_member_is_stored_as_a_save_stores_it),
    cmocka_unit_test(failing_bulk_write_leaves_nothing),
    cmocka_unit_test(rolled_back_bulk_write_leaves_nothing),
    cmocka_unit_test(bulk_rows_and_summary_audit),
    cmocka_unit_test(lookups_find_what_import_needs),
};
const size_t bulk_tests_count = sizeof bulk_tests / sizeof bulk_tests[0];
