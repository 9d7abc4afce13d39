/* Tests of completion candidates: stored values by prefix, in Thai order, live records only. */
#include "complete.h"
#include "db.h"
#include "model.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long add(struct db *db, enum kind k, const char *const *pairs)
{
    struct record *r = record_new(k);
    for (int i = 0; pairs[i]; i += 2)
        assert_int_equal(record_set(r, pairs[i], pairs[i + 1]), 0);
    char *err = NULL;
    if (record_save(db, r, &err) != 0) fail_msg("record_save: %s", err);
    long long id = r->id;
    record_free(&r);
    return id;
}

/* A small network: organisations (one deleted), members with districts and tags. */
static struct db *network(const char *name)
{
    struct db *db = test_fresh_db(name);
    add(db, KIND_ORG, (const char *[]){"name", "มูลนิธิเด็ก", NULL});
    add(db, KIND_ORG, (const char *[]){"name", "มูลนิธิชุมชนไท", "short_name", "ชท", NULL});
    add(db, KIND_ORG, (const char *[]){"name", "สมาคมป่าชุมชน", NULL});
    add(db, KIND_ORG, (const char *[]){"name", "Thai Health Promotion Foundation", NULL});
    add(db, KIND_ORG, (const char *[]){"name", "กลุ่ม เยาวชน", NULL});
    add(db, KIND_ORG, (const char *[]){"name", "กลุ่มแม่บ้าน", NULL});
    long long old = add(db, KIND_ORG, (const char *[]){"name", "มูลนิธิเก่า", NULL});
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_ORG, old, &err), 0);
    add(db, KIND_MEMBER,
        (const char *[]){"given_name", "สมชาย", "family_name", "ใจดี", "district", "อำเภอแม่ริม",
                         "tags", "เยาวชน; ผู้สูงอายุ", NULL});
    add(db, KIND_MEMBER, (const char *[]){"given_name", "สมหญิง", "district", "อำเภอแม่แตง", NULL});
    add(db, KIND_MEMBER,
        (const char *[]){"given_name", "สมศรี", "family_name", "มีสุข", "district", "อำเภอแม่ริม",
                         NULL});
    long long gone = add(db, KIND_MEMBER,
                         (const char *[]){"given_name", "สมปอง", "district", "อำเภอแม่วาง", NULL});
    assert_int_equal(record_delete(db, KIND_MEMBER, gone, &err), 0);
    return db;
}

/* Asserts the candidates are exactly want, in order (NULL-terminated). */
static void check(struct db *db, enum field_type type, const char *field, const char *prefix,
                  const char *const *want)
{
    char **got;
    size_t n;
    char *err = NULL;
    if (complete_values(db, type, field, prefix, 20, &got, &n, &err) != 0)
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
    check(db, FT_ORG, "host", "มูล", (const char *[]){"มูลนิธิชุมชนไท", "มูลนิธิเด็ก", NULL});
    check(db, FT_ORGS, "organisations", "มูล", (const char *[]){"มูลนิธิชุมชนไท", "มูลนิธิเด็ก", NULL});
    /* A short name gives the organisation's name; ASCII case does not matter. */
    check(db, FT_ORG, "parent", "ชท", (const char *[]){"มูลนิธิชุมชนไท", NULL});
    check(db, FT_ORG, "parent", "thai h",
          (const char *[]){"Thai Health Promotion Foundation", NULL});
    /* A final space narrows the prefix. */
    check(db, FT_ORG, "parent", "กลุ่ม ", (const char *[]){"กลุ่ม เยาวชน", NULL});
    /* Thai order passes over the space: ม before ย. */
    check(db, FT_ORG, "parent", "กลุ่ม", (const char *[]){"กลุ่มแม่บ้าน", "กลุ่ม เยาวชน", NULL});
    check(db, FT_ORG, "parent", "ไม่มี", (const char *[]){NULL});
    db_close(&db);
}

static void complete_provinces_in_thai_from_thai_or_english(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("complete-provinces.db");
    check(db, FT_PROVINCE, "province", "เชียง", (const char *[]){"เชียงราย", "เชียงใหม่", NULL});
    check(db, FT_PROVINCE, "province", "chiang m", (const char *[]){"เชียงใหม่", NULL});
    char **got;
    size_t n;
    char *err = NULL;
    assert_int_equal(complete_values(db, FT_PROVINCE, "province", "", 5, &got, &n, &err), 0);
    assert_int_equal(n, 5); /* the limit holds */
    strings_free(got, n);
    db_close(&db);
}

static void complete_members_tags_and_districts(void **state)
{
    (void)state;
    struct db *db = network("complete-members.db");
    check(db, FT_MEMBER, "owner", "สม", (const char *[]){"สมชาย ใจดี", "สมศรี มีสุข", "สมหญิง", NULL});
    check(db, FT_MEMBER, "owner", "สมชาย ใ", (const char *[]){"สมชาย ใจดี", NULL});
    check(db, FT_TAGS, "tags", "เย", (const char *[]){"เยาวชน", NULL});
    /* Each district once, deleted members' not at all. */
    check(db, FT_TEXT, "district", "อำเภอแม่", (const char *[]){"อำเภอแม่แตง", "อำเภอแม่ริม", NULL});
    db_close(&db);
}

static void complete_fields_without_a_source_give_nothing(void **state)
{
    (void)state;
    struct db *db = network("complete-none.db");
    assert_false(complete_has_source(FT_PHONES, "phone"));
    assert_false(complete_has_source(FT_TEXT, "nickname"));
    assert_true(complete_has_source(FT_TEXT, "district"));
    assert_true(complete_has_source(FT_ORGS, "partners"));
    char **got;
    size_t n = 99;
    char *err = NULL;
    assert_int_equal(complete_values(db, FT_PHONES, "phone", "08", 10, &got, &n, &err), 0);
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
