/* Tests of completion candidates: stored values by prefix, in Thai order, live records only. */
#include "complete.h"
#include "db.h"
#include "model.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small network: organisations (one deleted), members with districts and tags. */
static struct db *network(const char *name)
{
    struct db *db = test_fresh_db(name);
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิเด็ก"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "มูลนิธิชุมชนไท"}, {F_ORG_SHORT_NAME, "ชท"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "สมาคมป่าชุมชน"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "Thai Health Promotion Foundation"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "กลุ่ม เยาวชน"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "กลุ่มแม่บ้าน"}, {F_NONE, NULL}});
    long long old = test_add(db, KIND_ORG,
                             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิเก่า"}, {F_NONE, NULL}});
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_ORG, old, &err), 0);
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"},
                                          {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                          {F_MEMBER_DISTRICT, "อำเภอแม่ริม"},
                                          {F_MEMBER_TAGS, "เยาวชน; ผู้สูงอายุ"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมหญิง"},
                                          {F_MEMBER_DISTRICT, "อำเภอแม่แตง"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมศรี"},
                                          {F_MEMBER_FAMILY_NAME, "มีสุข"},
                                          {F_MEMBER_DISTRICT, "อำเภอแม่ริม"},
                                          {F_NONE, NULL}});
    long long gone = test_add(db, KIND_MEMBER,
                              (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมปอง"},
                                                           {F_MEMBER_DISTRICT, "อำเภอแม่วาง"},
                                                           {F_NONE, NULL}});
    assert_int_equal(record_delete(db, KIND_MEMBER, gone, &err), 0);
    return db;
}

/* Asserts the candidates are exactly want, in order (NULL-terminated). */
static void check(struct db *db, enum field_id field, const char *prefix, const char *const *want)
{
    char **got;
    size_t n;
    char *err = NULL;
    if (complete_values(db, field, prefix, 20, &got, &n, &err) != 0)
        fail_msg("complete_values: %s", err);
    size_t w = 0;
    while (want[w])
        w++;
    assert_int_equal(n, w);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got[i], want[i]);
    strings_free(got, n);
}

static void complete_organisations_by_prefix_in_thai_order(void **state)
{
    (void)state;
    struct db *db = network("complete-orgs.db");
    /* ช sorts before ด; the deleted organisation is not offered. */
    check(db, F_EVENT_HOST, "มูล", (const char *[]){"มูลนิธิชุมชนไท", "มูลนิธิเด็ก", NULL});
    check(db, F_MEMBER_ORGANISATIONS, "มูล", (const char *[]){"มูลนิธิชุมชนไท", "มูลนิธิเด็ก", NULL});
    /* A short name gives the organisation's name; ASCII case does not matter. */
    check(db, F_ORG_PARENT, "ชท", (const char *[]){"มูลนิธิชุมชนไท", NULL});
    check(db, F_ORG_PARENT, "thai h", (const char *[]){"Thai Health Promotion Foundation", NULL});
    /* A final space narrows the prefix. */
    check(db, F_ORG_PARENT, "กลุ่ม ", (const char *[]){"กลุ่ม เยาวชน", NULL});
    /* Thai order passes over the space: ม before ย. */
    check(db, F_ORG_PARENT, "กลุ่ม", (const char *[]){"กลุ่มแม่บ้าน", "กลุ่ม เยาวชน", NULL});
    check(db, F_ORG_PARENT, "ไม่มี", (const char *[]){NULL});
    db_close(&db);
}

static void complete_provinces_in_thai_from_thai_or_english(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("complete-provinces.db");
    check(db, F_MEMBER_PROVINCE, "เชียง", (const char *[]){"เชียงราย", "เชียงใหม่", NULL});
    check(db, F_MEMBER_PROVINCE, "chiang m", (const char *[]){"เชียงใหม่", NULL});
    char **got;
    size_t n;
    char *err = NULL;
    assert_int_equal(complete_values(db, F_MEMBER_PROVINCE, "", 5, &got, &n, &err), 0);
    assert_int_equal(n, 5); /* the limit holds */
    strings_free(got, n);
    db_close(&db);
}

static void complete_members_tags_and_districts(void **state)
{
    (void)state;
    struct db *db = network("complete-members.db");
    check(db, F_TASK_OWNER, "สม", (const char *[]){"สมชาย ใจดี", "สมศรี มีสุข", "สมหญิง", NULL});
    check(db, F_TASK_OWNER, "สมชาย ใ", (const char *[]){"สมชาย ใจดี", NULL});
    check(db, F_MEMBER_TAGS, "เย", (const char *[]){"เยาวชน", NULL});
    /* Each district once, deleted members' not at all. */
    check(db, F_MEMBER_DISTRICT, "อำเภอแม่", (const char *[]){"อำเภอแม่แตง", "อำเภอแม่ริม", NULL});
    db_close(&db);
}

static void complete_fields_without_a_source_give_nothing(void **state)
{
    (void)state;
    struct db *db = network("complete-none.db");
    assert_false(complete_has_source(F_MEMBER_PHONE));
    assert_false(complete_has_source(F_MEMBER_NICKNAME));
    assert_true(complete_has_source(F_MEMBER_DISTRICT));
    assert_true(complete_has_source(F_EVENT_PARTNERS));
    char **got;
    size_t n = 99;
    char *err = NULL;
    assert_int_equal(complete_values(db, F_MEMBER_PHONE, "08", 10, &got, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_null(got);
    db_close(&db);
}

const struct CMUnitTest complete_tests[] = {
    cmocka_unit_test(complete_organisations_by_prefix_in_thai_order),
    cmocka_unit_test(complete_provinces_in_thai_from_thai_or_english),
    cmocka_unit_test(complete_members_tags_and_districts),
    cmocka_unit_test(complete_fields_without_a_source_give_nothing),
};
const size_t complete_tests_count = sizeof complete_tests / sizeof complete_tests[0];
