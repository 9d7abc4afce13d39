/* Tests of members' roles and dates in organisations. */
#include "affiliation.h"
#include "db.h"
#include "model.h"
#include "store_internal.h"
#include "test_support.h"

#include <stdlib.h>
#include <string.h>

static long long saved(struct db *db, enum kind k, enum field_id field, const char *value,
                       enum field_id field2, const char *value2)
{
    struct record *r = record_new(k);
    record_set(r, field, value);
    if (field2 != F_NONE) record_set(r, field2, value2);
    char *err = NULL;
    if (record_save(db, r, &err) != 0) fail_msg("%s", err);
    long long id = r->id;
    record_free(&r);
    return id;
}

static void affiliation_sets_role_and_dates_and_keeps_them(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("affiliation.db");
    saved(db, KIND_ORG, F_ORG_NAME, "มูลนิธิเพื่อนชุมชน", F_ORG_SHORT_NAME, "มพช.");
    long long m =
        saved(db, KIND_MEMBER, F_MEMBER_GIVEN_NAME, "จิราพร", F_MEMBER_ORGANISATIONS, "มพช.");
    char *err = NULL;
    assert_int_equal(affiliation_set(db, m, "มพช.", "ผู้ประสานงาน", "21 ก.ค. 2553", NULL, &err), 0);
    struct affiliation *list;
    size_t n;
    assert_int_equal(affiliation_list(db, m, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].role, "ผู้ประสานงาน");
    assert_string_equal(list[0].since, "2010-07-21");
    assert_string_equal(list[0].until, "");
    char *about = affiliation_describe(&list[0]);
    assert_string_equal(about, "ผู้ประสานงาน, 21 ก.ค. 2553 – ");
    free(about);
    affiliation_list_free(list, n);

    /* Saving the member again keeps the role; NULL leaves a value, "" clears it. */
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, m, &r, &err), 0);
    record_set(r, F_MEMBER_NICKNAME, "แดง");
    record_set(r, F_MEMBER_ORGANISATIONS, "มูลนิธิเพื่อนชุมชน");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    assert_int_equal(affiliation_set(db, m, "มพช.", NULL, "", "30/9/2556", &err), 0);
    assert_int_equal(affiliation_list(db, m, &list, &n, &err), 0);
    assert_string_equal(list[0].role, "ผู้ประสานงาน");
    assert_string_equal(list[0].since, "");
    assert_string_equal(list[0].until, "2013-09-30");
    affiliation_list_free(list, n);
    assert_int_equal(test_scalar(db,
                                 "SELECT count(*) FROM audit WHERE table_name = 'affiliations' AND "
                                 "json_extract(new_values, '$.role') = 'ผู้ประสานงาน'"),
                     2);
    db_close(&db);
}

static void affiliation_adds_a_new_organisation_found_by_search(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("affiliation-new.db");
    long long m = saved(db, KIND_MEMBER, F_MEMBER_GIVEN_NAME, "บุญมี", F_NONE, NULL);
    saved(db, KIND_ORG, F_ORG_NAME, "สภาองค์กรชุมชนตำบลบ้านใหม่", F_NONE, NULL);
    char *err = NULL;
    assert_int_equal(affiliation_set(db, m, "สภาองค์กรชุมชนตำบลบ้านใหม่", "ประธาน", NULL, NULL, &err),
                     0);
    struct list_query q = {.kind = KIND_MEMBER, .search = "บ้านใหม่"};
    long long found;
    assert_int_equal(list_count(db, &q, &found, &err), 0);
    assert_int_equal(found, 1);
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, m, &r, &err), 0);
    assert_string_equal(record_get(r, F_MEMBER_ORGANISATIONS), "สภาองค์กรชุมชนตำบลบ้านใหม่");
    assert_int_equal(r->version, 2);
    record_free(&r);
    db_close(&db);
}

static void affiliation_refuses_bad_input_and_writes_nothing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("affiliation-bad.db");
    long long m = saved(db, KIND_MEMBER, F_MEMBER_GIVEN_NAME, "สมศรี", F_NONE, NULL);
    saved(db, KIND_ORG, F_ORG_NAME, "กลุ่มออมทรัพย์", F_NONE, NULL);
    char *err = NULL;
    assert_int_not_equal(affiliation_set(db, m, "ไม่มีองค์กรนี้", "x", NULL, NULL, &err), 0);
    assert_non_null(strstr(err, "ไม่มีองค์กรนี้"));
    free(err);
    err = NULL;
    assert_int_not_equal(affiliation_set(db, m, "กลุ่มออมทรัพย์", NULL, "31 ก.พ. 2567", NULL, &err), 0);
    assert_non_null(strstr(err, "31 ก.พ. 2567"));
    free(err);
    err = NULL;
    assert_int_not_equal(affiliation_set(db, m, "กลุ่มออมทรัพย์", NULL, "1/1/2566", "1/1/2565", &err),
                         0);
    assert_non_null(strstr(err, "before"));
    free(err);
    err = NULL;
    assert_int_equal(record_delete(db, KIND_MEMBER, m, &err), 0);
    assert_int_not_equal(affiliation_set(db, m, "กลุ่มออมทรัพย์", "x", NULL, NULL, &err), 0);
    assert_non_null(strstr(err, "restore it first"));
    free(err);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM affiliations"), 0);
    assert_int_equal(
        test_scalar(db, "SELECT count(*) FROM audit WHERE table_name = 'affiliations'"), 0);
    db_close(&db);
}

const struct CMUnitTest affiliation_tests[] = {
    cmocka_unit_test(affiliation_sets_role_and_dates_and_keeps_them),
    cmocka_unit_test(affiliation_adds_a_new_organisation_found_by_search),
    cmocka_unit_test(affiliation_refuses_bad_input_and_writes_nothing),
};
const size_t affiliation_tests_count = sizeof affiliation_tests / sizeof affiliation_tests[0];
