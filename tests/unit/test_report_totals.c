/* Tests of the reports' total rows and the series filter (src/store/report.c) on a
 * hand-made roster: a person with two tags is in two tag rows and once in the total; those
 * with no district are one "(none)" group; report_events keeps to one series. */
#include "db.h"
#include "report.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long person(struct db *db, const char *name, const char *province, const char *district,
                        const char *tags, const char *skills)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name},
                                                 {F_MEMBER_PROVINCE, province},
                                                 {F_MEMBER_DISTRICT, district},
                                                 {F_MEMBER_TAGS, tags},
                                                 {F_MEMBER_SKILLS, skills},
                                                 {F_NONE, NULL}});
}

static void attend(struct db *db, long long event, long long member, const char *status)
{
    char ev[32], m[32];
    snprintf(ev, sizeof ev, "%lld", event);
    snprintf(m, sizeof m, "%lld", member);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_NONE, NULL}});
}

static long long event(struct db *db, const char *title, const char *date)
{
    return test_add(db, KIND_EVENT,
                    (const struct field_value[]){
                        {F_EVENT_TITLE, title}, {F_EVENT_START_DATE, date}, {F_NONE, NULL}});
}

/* Three members: สมชาย tagged twice with two skills, สมศรี once, อนันต์ with neither and no
 * district; two events, the first in a series. */
static struct db *roster(const char *name, long long *first, long long *second)
{
    struct db *db = test_fresh_db(name);
    long long a =
        person(db, "นายสมชาย ใจดี", "เชียงใหม่", "เมืองเชียงใหม่", "แกนนำ; เยาวชน", "บัญชี, ถ่ายภาพ");
    long long b = person(db, "นางสมศรี มีสุข", "ลำปาง", "เมืองลำปาง", "แกนนำ", "");
    long long c = person(db, "นายอนันต์ สมบัติดี", "ลำปาง", "", "", "");
    *first = event(db, "เวทีเปิดตัว", "2567-03-24");
    *second = event(db, "เวทีติดตามผล", "2567-06-10");
    attend(db, *first, a, "attended");
    attend(db, *first, b, "absent");
    attend(db, *first, c, "attended");
    attend(db, *second, c, "attended");
    test_scalar(db, "INSERT INTO series (id, title, created_at, updated_at, updated_by) VALUES "
                    "(1, 'เวทีภาคเหนือ', '2024-01-01', '2024-01-01', 'test') RETURNING id");
    test_scalar(db, "UPDATE events SET series_id = 1 WHERE id = 1 RETURNING id");
    return db;
}

static void report_totals_count_each_person_once(void **state)
{
    (void)state;
    long long first, second;
    struct db *db = roster("report_totals", &first, &second);
    char *err = NULL;
    struct report_table t;
    assert_int_equal(report_event_by(db, first, REPORT_BY_TAG, &t, &err), 0);
    long long sum = 0;
    for (size_t i = 0; i < t.n; i++)
        sum += t.rows[i].count;
    assert_int_equal(sum, 4); /* แกนนำ 2, เยาวชน 1, none 1 */
    report_table_free(&t);
    struct report_row total;
    assert_int_equal(report_event_total(db, first, &total, &err), 0);
    assert_int_equal(total.count, 3);
    assert_int_equal(total.status[REPORT_ATTENDED], 2);
    assert_int_equal(total.status[REPORT_ABSENT], 1);
    long long n;
    assert_int_equal(report_members_total(db, REPORT_BY_TAG, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(report_members_total(db, REPORT_BY_SKILL, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(report_members_total(db, REPORT_BY_ORGANISATION, &n, &err), 0);
    assert_int_equal(n, 0);
    db_close(&db);
}

static void report_totals_no_district_is_one_group(void **state)
{
    (void)state;
    long long first, second;
    struct db *db = roster("report_totals_district", &first, &second);
    char *err = NULL;
    struct report_table t;
    assert_int_equal(report_members_by(db, REPORT_BY_DISTRICT, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[2].key, "");
    assert_string_equal(t.rows[2].label, "");
    assert_int_equal(t.rows[2].count, 1);
    report_table_free(&t);
    assert_int_equal(report_event_by(db, first, REPORT_BY_SUBDISTRICT, &t, &err), 0);
    assert_int_equal(t.n, 1); /* nobody gave a subdistrict */
    assert_string_equal(t.rows[0].key, "");
    assert_int_equal(t.rows[0].count, 3);
    report_table_free(&t);
    db_close(&db);
}

static void report_totals_of_one_series(void **state)
{
    (void)state;
    long long first, second;
    struct db *db = roster("report_totals_series", &first, &second);
    char *err = NULL;
    struct events_report r;
    struct events_filter f = {.series_id = 1};
    assert_int_equal(report_events(db, &f, &r, &err), 0);
    assert_int_equal(r.events.n, 1);
    assert_int_equal(r.attendances, 2);
    assert_int_equal(r.people, 2);
    events_report_free(&r);
    f.series_id = 0;
    assert_int_equal(report_events(db, &f, &r, &err), 0);
    assert_int_equal(r.events.n, 2);
    assert_int_equal(r.attendances, 3);
    assert_int_equal(r.people, 2);
    events_report_free(&r);
    f.series_id = 9;
    assert_int_equal(report_events(db, &f, &r, &err), -1);
    assert_contains(err, "no series 9");
    free(err);
    db_close(&db);
}

static void organisation(struct db *db, int id, const char *name, int parent, bool deleted)
{
    char *sql = xasprintf("INSERT INTO organisations (id, name, parent_id, created_at, updated_at, "
                          "updated_by, deleted_at) VALUES (%d, '%s', nullif(%d, 0), '2024-01-01', "
                          "'2024-01-01', 'test', %s) RETURNING id",
                          id, name, parent, deleted ? "'2024-02-01'" : "NULL");
    test_scalar(db, sql);
    free(sql);
}

static void affiliate(struct db *db, long long member, int org)
{
    char *sql = xasprintf("INSERT INTO affiliations (member_id, org_id) VALUES (%lld, %d) "
                          "RETURNING org_id",
                          member, org);
    test_scalar(db, sql);
    free(sql);
}

/* An organisation counts its own members and those of the live organisations under it, each
 * member once: a deleted organisation cuts the tree, a deleted member is nobody's, and
 * parents made into a loop count each other's members without walking for ever. */
static void report_totals_organisations_count_their_tree(void **state)
{
    (void)state;
    long long first, second;
    struct db *db = roster("report_totals_orgs", &first, &second);
    long long gone = person(db, "นายหาย ไปแล้ว", "ลำปาง", "", "", "");
    test_scalar(db, "UPDATE members SET deleted_at = '2024-03-01' WHERE id = 4 RETURNING id");
    organisation(db, 1, "เครือข่ายภาคเหนือ", 0, false);
    organisation(db, 2, "กลุ่มเยาวชน", 1, false);
    organisation(db, 3, "กลุ่มสตรี", 2, true);
    organisation(db, 4, "กลุ่มออมทรัพย์", 3, false);
    organisation(db, 5, "วงล้อ", 0, false);
    organisation(db, 6, "วงกลม", 5, false);
    test_scalar(db, "UPDATE organisations SET parent_id = 6 WHERE id = 5 RETURNING id");
    affiliate(db, 1, 1); /* สมชาย in the network and in its youth group: once in each */
    affiliate(db, 1, 2);
    affiliate(db, 3, 2);
    affiliate(db, 2, 3); /* สมศรี in a deleted group and in the one under it */
    affiliate(db, 2, 4);
    affiliate(db, 3, 5);
    affiliate(db, gone, 1);
    char *err = NULL;
    struct report_table t;
    assert_int_equal(report_members_by(db, REPORT_BY_ORGANISATION, &t, &err), 0);
    const char *want[][2] = {{"2", "2"}, {"1", "2"}, {"4", "1"}, {"6", "1"}, {"5", "1"}};
    assert_int_equal(t.n, 5);
    for (size_t i = 0; i < t.n; i++) {
        assert_string_equal(t.rows[i].key, want[i][0]);
        assert_int_equal(t.rows[i].count, atoll(want[i][1]));
    }
    assert_string_equal(t.rows[0].label, "กลุ่มเยาวชน");
    assert_int_equal(t.each_once, 3);
    report_table_free(&t);
    long long n;
    assert_int_equal(report_members_total(db, REPORT_BY_ORGANISATION, &n, &err), 0);
    assert_int_equal(n, 3);
    db_close(&db);
}

/* Places are told apart by the places they lie in and labelled with them; one with no
 * district leaves it out of the label; those with no subdistrict are one "(none)" row. */
static void report_totals_subdistricts_keep_their_places(void **state)
{
    (void)state;
    long long first, second;
    struct db *db = roster("report_totals_subdistricts", &first, &second);
    test_scalar(db, "UPDATE members SET subdistrict = 'ในเมือง' WHERE id IN (1, 2) RETURNING id");
    long long c = person(db, "นายชัย ดีงาม", "ลำปาง", "", "", "");
    test_scalar(db, "UPDATE members SET subdistrict = 'ในเมือง' WHERE id = 4 RETURNING id");
    (void)c;
    char *err = NULL;
    struct report_table t;
    assert_int_equal(report_members_by(db, REPORT_BY_SUBDISTRICT, &t, &err), 0);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.rows[0].label, "ในเมือง, เมืองเชียงใหม่, เชียงใหม่");
    assert_string_equal(t.rows[1].label, "ในเมือง, เมืองลำปาง, ลำปาง");
    assert_string_equal(t.rows[2].label, "ในเมือง, ลำปาง");
    assert_non_null(strstr(t.rows[2].key, "//ในเมือง"));
    assert_string_equal(t.rows[3].key, "");
    assert_int_equal(t.rows[3].count, 1);
    assert_int_equal(t.rows[3].running, 4);
    report_table_free(&t);
    db_close(&db);
}

const struct CMUnitTest report_totals_tests[] = {
    cmocka_unit_test(report_totals_count_each_person_once),
    cmocka_unit_test(report_totals_no_district_is_one_group),
    cmocka_unit_test(report_totals_of_one_series),
    cmocka_unit_test(report_totals_organisations_count_their_tree),
    cmocka_unit_test(report_totals_subdistricts_keep_their_places),
};
const size_t report_totals_tests_count = sizeof report_totals_tests / sizeof report_totals_tests[0];
