/* Tests of the frequency tables of list columns (src/store/freq.c) on a roster whose counts
 * are known: by count then Thai order, "(none)" as "", multi-valued columns counting each
 * value, the list's own filters and search respected, and the filter by a value. */
#include "db.h"
#include "freq.h"
#include "freqview.h"
#include "views.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long person(struct db *db, const char *name, const char *province, const char *orgs,
                        const char *tags)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name},
                                                 {F_MEMBER_PROVINCE, province},
                                                 {F_MEMBER_ORGANISATIONS, orgs},
                                                 {F_MEMBER_TAGS, tags},
                                                 {F_NONE, NULL}});
}

/* Three in Bangkok, one in Chiang Mai, one with no province; organisations ก (3), ข (2),
 * one member in both and one in none. */
static struct db *roster(const char *name)
{
    struct db *db = test_fresh_db(name);
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิ ก"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "สมาคม ข"}, {F_NONE, NULL}});
    person(db, "นายสมชาย ใจดี", "กรุงเทพมหานคร", "มูลนิธิ ก", "แกนนำ");
    person(db, "นางสมศรี มีสุข", "กรุงเทพมหานคร", "มูลนิธิ ก; สมาคม ข", "แกนนำ; เยาวชน");
    person(db, "นายอนันต์ สมบัติดี", "เชียงใหม่", "สมาคม ข", "");
    person(db, "นางสาวจิราพร คงทอง", "", "มูลนิธิ ก", "");
    person(db, "นายประสิทธิ์ ทองดี", "กรุงเทพมหานคร", "", "");
    return db;
}

static void assert_row(const struct freq_table *t, size_t i, const char *label, long long count)
{
    assert_true(i < t->n);
    char *shown = freqview_label(KIND_MEMBER, F_MEMBER_ORGANISATIONS, &t->rows[i]);
    assert_string_equal(shown, label);
    free(shown);
    assert_int_equal(t->rows[i].count, count);
}

static void freq_counts_by_count_then_thai_order(void **state)
{
    (void)state;
    struct db *db = roster("freq-order.db");
    struct list_query q = {.kind = KIND_MEMBER};
    struct freq_table t;
    char *err = NULL;
    assert_int_equal(list_frequency(db, &q, F_MEMBER_PROVINCE, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.rows_counted, 5);
    assert_row(&t, 0, "กรุงเทพมหานคร", 3);
    assert_string_equal(t.rows[0].value, "TH-10");
    /* equal counts: a value before none */
    assert_row(&t, 1, "เชียงใหม่", 1);
    assert_row(&t, 2, "(none)", 1);
    freq_table_free(&t);
    db_close(&db);
}

static void freq_counts_each_value_of_a_multi_valued_column(void **state)
{
    (void)state;
    struct db *db = roster("freq-multi.db");
    struct list_query q = {.kind = KIND_MEMBER};
    struct freq_table t;
    char *err = NULL;
    assert_int_equal(list_frequency(db, &q, F_MEMBER_ORGANISATIONS, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_row(&t, 0, "มูลนิธิ ก", 3);
    assert_row(&t, 1, "สมาคม ข", 2);
    assert_row(&t, 2, "(none)", 1);
    freq_table_free(&t);
    assert_int_equal(list_frequency(db, &q, F_MEMBER_TAGS, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_row(&t, 0, "(none)", 3);
    assert_row(&t, 1, "แกนนำ", 2);
    assert_row(&t, 2, "เยาวชน", 1);
    freq_table_free(&t);
    db_close(&db);
}

static void freq_respects_the_lists_filters_and_search(void **state)
{
    (void)state;
    struct db *db = roster("freq-filtered.db");
    struct list_query q = {.kind = KIND_MEMBER, .province = "กรุงเทพ"};
    struct freq_table t;
    char *err = NULL;
    assert_int_equal(list_frequency(db, &q, F_MEMBER_ORGANISATIONS, &t, &err), 0);
    assert_int_equal(t.rows_counted, 3);
    assert_row(&t, 0, "มูลนิธิ ก", 2);
    assert_row(&t, 1, "สมาคม ข", 1);
    assert_row(&t, 2, "(none)", 1);
    freq_table_free(&t);
    q = (struct list_query){.kind = KIND_MEMBER, .search = "สม"};
    assert_int_equal(list_frequency(db, &q, F_MEMBER_PROVINCE, &t, &err), 0);
    assert_int_equal(t.rows_counted, 3); /* สมชาย, สมศรี, สมบัติดี */
    assert_row(&t, 0, "กรุงเทพมหานคร", 2);
    freq_table_free(&t);
    db_close(&db);
}

static void freq_value_filters_the_list(void **state)
{
    (void)state;
    struct db *db = roster("freq-filter.db");
    char *err = NULL;
    long long n = 0;
    struct list_query q = {.kind = KIND_MEMBER, .freq_field = F_MEMBER_ORGANISATIONS};
    q.freq_value = "2"; /* สมาคม ข */
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 2);
    q.freq_value = ""; /* in no organisation */
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    struct record **rows;
    size_t nrows;
    assert_int_equal(list_fetch(db, &q, 0, 10, &rows, &nrows, &err), 0);
    assert_int_equal(nrows, 1);
    assert_string_equal(record_get(rows[0], F_MEMBER_GIVEN_NAME), "ประสิทธิ์");
    list_free(rows, nrows);
    q = (struct list_query){.kind = KIND_MEMBER, .freq_field = F_MEMBER_PROVINCE, .freq_value = ""};
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    /* the frequency table of a filtered list counts only its rows */
    q = (struct list_query){
        .kind = KIND_MEMBER, .freq_field = F_MEMBER_PROVINCE, .freq_value = "TH-10"};
    struct freq_table t;
    assert_int_equal(list_frequency(db, &q, F_MEMBER_TAGS, &t, &err), 0);
    assert_int_equal(t.rows_counted, 3);
    assert_row(&t, 0, "แกนนำ", 2);
    freq_table_free(&t);
    db_close(&db);
}

static void freq_covers_every_list_column(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("freq-columns.db");
    test_add(db, KIND_EVENT,
             (const struct field_value[]){{F_EVENT_TITLE, "เวที"},
                                          {F_EVENT_START_DATE, "2567-03-24"},
                                          {F_EVENT_TARGET, "50"},
                                          {F_NONE, NULL}});
    const enum kind kinds[] = {KIND_MEMBER, KIND_ORG, KIND_EVENT, KIND_TASK};
    for (size_t k = 0; k < 4; k++) {
        const struct view_col *v = view_columns(kinds[k]);
        for (int c = 0; c < view_column_count(kinds[k]); c++) {
            assert_true(freq_supported(kinds[k], v[c].field));
            struct list_query q = {.kind = kinds[k]};
            struct freq_table t;
            char *err = NULL;
            assert_int_equal(list_frequency(db, &q, v[c].field, &t, &err), 0);
            freq_table_free(&t);
        }
    }
    /* a number column filters on the number as typed */
    struct list_query q = {.kind = KIND_EVENT, .freq_field = F_EVENT_TARGET, .freq_value = "50"};
    long long n = 0;
    char *err = NULL;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    db_close(&db);
}

static void freq_bars_are_eighths_or_hashes(void **state)
{
    (void)state;
    char *b = freqview_bar(3, 3, 4, false);
    assert_string_equal(b, "████");
    free(b);
    b = freqview_bar(1, 16, 4, false); /* two eighths */
    assert_string_equal(b, "▎");
    free(b);
    b = freqview_bar(1, 100, 4, true); /* a value above nought shows */
    assert_string_equal(b, "#");
    free(b);
    b = freqview_bar(0, 100, 4, true);
    assert_string_equal(b, "");
    free(b);
}

const struct CMUnitTest freq_tests[] = {
    cmocka_unit_test(freq_counts_by_count_then_thai_order),
    cmocka_unit_test(freq_counts_each_value_of_a_multi_valued_column),
    cmocka_unit_test(freq_respects_the_lists_filters_and_search),
    cmocka_unit_test(freq_value_filters_the_list),
    cmocka_unit_test(freq_covers_every_list_column),
    cmocka_unit_test(freq_bars_are_eighths_or_hashes),
};
const size_t freq_tests_count = sizeof freq_tests / sizeof freq_tests[0];
