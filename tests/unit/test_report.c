/* Tests of the store's reports (src/store/report.c) on a small roster whose counts are known:
 * coverage told apart by district and province, quotas and those in none, reasons, --by
 * groups, members by network and month, and the people of a period counted once. */
#include "db.h"
#include "report.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct roster {
    struct db *db;
    long long first, second, member[5];
};

static long long person(struct db *db, const char *name, const char *province, const char *district,
                        const char *subdistrict, const char *orgs)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name},
                                                 {F_MEMBER_PROVINCE, province},
                                                 {F_MEMBER_DISTRICT, district},
                                                 {F_MEMBER_SUBDISTRICT, subdistrict},
                                                 {F_MEMBER_ORGANISATIONS, orgs},
                                                 {F_NONE, NULL}});
}

static void attend(struct db *db, long long event, long long member, const char *status,
                   const char *org, const char *category, const char *group, const char *reason)
{
    char ev[32], m[32];
    snprintf(ev, sizeof ev, "%lld", event);
    snprintf(m, sizeof m, "%lld", member);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_ATTENDANCE_ORGANISATION, org},
                                          {F_ATTENDANCE_CATEGORY, category},
                                          {F_ATTENDANCE_GROUP, group},
                                          {F_ATTENDANCE_REASON, reason},
                                          {F_NONE, NULL}});
}

/* A network with one sub-organisation and one organisation outside it; two events. Two
 * members share ตำบลช้างคลาน of อำเภอเมืองเชียงใหม่; a third lives in a ตำบลช้างคลาน of Lampang. */
static void setup(struct roster *r, const char *name)
{
    r->db = test_fresh_db(name);
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "เครือข่ายภาคเหนือ"}, {F_NONE, NULL}});
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "สมาคมชาวนา"}, {F_ORG_PARENT, "เครือข่ายภาคเหนือ"}, {F_NONE, NULL}});
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิรักษ์ป่า"}, {F_NONE, NULL}});
    r->member[0] = person(r->db, "นายสมชาย ใจดี", "เชียงใหม่", "เมืองเชียงใหม่", "ช้างคลาน", "สมาคมชาวนา");
    r->member[1] = person(r->db, "นางสมศรี มีสุข", "เชียงใหม่", "เมืองเชียงใหม่", "ช้างคลาน", "สมาคมชาวนา");
    r->member[2] = person(r->db, "นายอนันต์ สมบัติดี", "ลำปาง", "เมืองลำปาง", "ช้างคลาน", "มูลนิธิรักษ์ป่า");
    r->member[3] = person(r->db, "นางสาวจิราพร คงทอง", "", "", "", "");
    r->member[4] = person(r->db, "นายประสิทธิ์ ทองดี", "", "", "", "เครือข่ายภาคเหนือ");
    r->first = test_add(r->db, KIND_EVENT,
                        (const struct field_value[]){{F_EVENT_TITLE, "เวทีเปิดตัว"},
                                                     {F_EVENT_START_DATE, "2567-03-24"},
                                                     {F_EVENT_TARGET, "4"},
                                                     {F_EVENT_QUOTAS, "ผู้บริหาร=2; ผู้นำชุมชน=1"},
                                                     {F_NONE, NULL}});
    r->second = test_add(r->db, KIND_EVENT,
                         (const struct field_value[]){{F_EVENT_TITLE, "เวทีติดตามผล"},
                                                      {F_EVENT_START_DATE, "2567-06-10"},
                                                      {F_NONE, NULL}});
    attend(r->db, r->first, r->member[0], "attended", "สมาคมชาวนา", "ผู้บริหาร", "กลุ่ม 1", "");
    attend(r->db, r->first, r->member[1], "attended", "สมาคมชาวนา", "ผู้บริหาร", "กลุ่ม 2", "");
    attend(r->db, r->first, r->member[2], "attended", "มูลนิธิรักษ์ป่า", "นักศึกษา", "", "");
    attend(r->db, r->first, r->member[3], "absent", "", "", "", "น้ำท่วม");
    attend(r->db, r->first, r->member[4], "cancelled", "", "", "", "น้ำท่วม");
    attend(r->db, r->second, r->member[0], "attended", "สมาคมชาวนา", "", "", "");
    attend(r->db, r->second, r->member[3], "attended", "", "", "", "");
}

static const struct report_row *row(const struct report_table *t, const char *label)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].label, label) == 0) return &t->rows[i];
    fail_msg("no row \"%s\"", label);
    return NULL;
}

static void event_report_counts_coverage_quotas_and_reasons(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "report_event");
    struct event_report e;
    char *err = NULL;
    assert_int_equal(event_report(r.db, r.first, &e, &err), 0);
    assert_int_equal(e.target, 4);
    assert_int_equal(e.status[REPORT_ATTENDED], 3);
    assert_int_equal(e.status[REPORT_ABSENT], 1);
    assert_int_equal(e.status[REPORT_CANCELLED], 1);
    assert_int_equal(e.status[REPORT_INVITED], 0);
    assert_int_equal(e.organisations, 2);
    /* The two ตำบลช้างคลาน are two places; the one of Chiang Mai counts once. */
    assert_int_equal(e.subdistricts, 2);
    assert_int_equal(e.districts, 2);
    assert_int_equal(e.provinces, 2);
    assert_int_equal(e.quota_sum, 3);
    assert_int_equal(e.quotas.n, 2);
    assert_string_equal(e.quotas.rows[0].key, "ผู้บริหาร");
    assert_int_equal(e.quotas.rows[0].count, 2);
    assert_int_equal(e.quotas.rows[0].target, 2);
    assert_string_equal(e.quotas.rows[1].key, "ผู้นำชุมชน");
    assert_int_equal(e.quotas.rows[1].count, 0);
    assert_int_equal(e.quotas.rows[1].target, 1);
    assert_int_equal(e.categories.n, 1);
    assert_string_equal(e.categories.rows[0].key, "นักศึกษา");
    assert_int_equal(e.outside_quotas, 1);
    assert_int_equal(e.groups.n, 3);
    assert_string_equal(e.groups.rows[2].key, ""); /* those in no group last */
    assert_int_equal(e.groups.rows[2].count, 1);
    assert_int_equal(e.roles.n, 1);
    assert_int_equal(e.roles.rows[0].count, 3);
    assert_int_equal(e.reasons.n, 2);
    assert_string_equal(e.reasons.rows[0].key, "absent");
    assert_string_equal(e.reasons.rows[0].label, "น้ำท่วม");
    assert_string_equal(e.reasons.rows[1].key, "cancelled");
    event_report_free(&e);
    db_close(&r.db);
}

static void event_report_by_counts_each_status(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "report_event_by");
    struct report_table t;
    char *err = NULL;
    assert_int_equal(report_event_by(r.db, r.first, REPORT_BY_PROVINCE, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[0].label, "เชียงใหม่");
    assert_int_equal(t.rows[0].status[REPORT_ATTENDED], 2);
    assert_int_equal(t.rows[0].count, 2);
    assert_string_equal(t.rows[2].key, ""); /* no province, last */
    assert_int_equal(t.rows[2].status[REPORT_ABSENT], 1);
    assert_int_equal(t.rows[2].status[REPORT_CANCELLED], 1);
    assert_int_equal(t.rows[2].count, 2);
    report_table_free(&t);
    assert_int_equal(report_event_by(r.db, r.first, REPORT_BY_SUBDISTRICT, &t, &err), 0);
    assert_int_equal(row(&t, "ช้างคลาน, เมืองเชียงใหม่, เชียงใหม่")->count, 2);
    assert_int_equal(row(&t, "ช้างคลาน, เมืองลำปาง, ลำปาง")->count, 1);
    report_table_free(&t);
    assert_int_equal(report_event_by(r.db, r.first, REPORT_BY_REASON, &t, &err), 0);
    assert_int_equal(row(&t, "น้ำท่วม")->count, 2);
    assert_int_equal(row(&t, "น้ำท่วม")->status[REPORT_CANCELLED], 1);
    report_table_free(&t);
    assert_int_equal(report_event_by(r.db, r.first, REPORT_BY_ORGANISATION, &t, &err), 0);
    assert_int_equal(row(&t, "สมาคมชาวนา")->status[REPORT_ATTENDED], 2);
    report_table_free(&t);
    assert_int_equal(report_event_by(r.db, r.first, REPORT_BY_JOINED, &t, &err), -1);
    free(err);
    db_close(&r.db);
}

static void members_report_counts_networks_places_and_months(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "report_members");
    struct report_table t;
    char *err = NULL;
    assert_int_equal(report_members_by(r.db, REPORT_BY_ORGANISATION, &t, &err), 0);
    /* The network counts its own member and the two of สมาคมชาวนา under it. */
    assert_int_equal(row(&t, "เครือข่ายภาคเหนือ")->count, 3);
    assert_int_equal(row(&t, "สมาคมชาวนา")->count, 2);
    assert_int_equal(row(&t, "มูลนิธิรักษ์ป่า")->count, 1);
    report_table_free(&t);
    assert_int_equal(report_members_by(r.db, REPORT_BY_PROVINCE, &t, &err), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(row(&t, "เชียงใหม่")->count, 2);
    assert_int_equal(row(&t, "ลำปาง")->count, 1);
    assert_int_equal(t.rows[2].count, 2);
    report_table_free(&t);
    assert_int_equal(report_members_by(r.db, REPORT_BY_JOINED, &t, &err), 0);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.rows[0].count, 5);
    assert_int_equal(t.rows[0].running, 5);
    assert_int_equal(strlen(t.rows[0].key), 7); /* YYYY-MM */
    report_table_free(&t);
    assert_int_equal(report_members_by(r.db, REPORT_BY_STATUS, &t, &err), -1);
    free(err);
    db_close(&r.db);
}

static void events_report_counts_a_person_once(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "report_events");
    struct events_report e;
    char *err = NULL;
    struct events_filter all = {0};
    assert_int_equal(report_events(r.db, &all, &e, &err), 0);
    assert_int_equal(e.events.n, 2);
    assert_int_equal(e.held, 2);
    assert_int_equal(e.attendances, 5);
    assert_int_equal(e.people, 4); /* สมชาย came to both: once */
    assert_int_equal(e.organisations, 2);
    assert_int_equal(e.subdistricts, 2);
    assert_int_equal(e.provinces, 2);
    assert_int_equal(e.events.rows[0].count, 3);
    assert_int_equal(e.events.rows[0].target, 4);
    assert_string_equal(e.dates[1], "2024-06-10");
    events_report_free(&e);
    struct events_filter later = {.from = "2024-04-01"};
    assert_int_equal(report_events(r.db, &later, &e, &err), 0);
    assert_int_equal(e.events.n, 1);
    assert_int_equal(e.attendances, 2);
    assert_int_equal(e.people, 2);
    assert_int_equal(e.provinces, 1);
    events_report_free(&e);
    struct events_filter before = {.to = "2024-03-23"};
    assert_int_equal(report_events(r.db, &before, &e, &err), 0);
    assert_int_equal(e.events.n, 0);
    assert_int_equal(e.people, 0);
    events_report_free(&e);
    db_close(&r.db);
}

/* The Nakhon kick-off: 70 subdistricts came, each by two or three people. */
static void event_report_counts_seventy_subdistricts_among_many_people(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("report_nakhon");
    long long ev = test_add(db, KIND_EVENT,
                            (const struct field_value[]){{F_EVENT_TITLE, "เวทีเปิดตัวนครศรีธรรมราช"},
                                                         {F_EVENT_START_DATE, "2567-05-01"},
                                                         {F_EVENT_TARGET, "300"},
                                                         {F_NONE, NULL}});
    for (int i = 0; i < 180; i++) {
        char name[64], sub[32], dist[32];
        snprintf(name, sizeof name, "นายคน%d ทดสอบ", i);
        snprintf(sub, sizeof sub, "ตำบล%d", i % 70);
        snprintf(dist, sizeof dist, "อำเภอ%d", i % 70 / 10);
        long long m = person(db, name, "นครศรีธรรมราช", dist, sub, "");
        attend(db, ev, m, i < 170 ? "attended" : "absent", "", "", "", "");
    }
    struct event_report e;
    char *err = NULL;
    assert_int_equal(event_report(db, ev, &e, &err), 0);
    assert_int_equal(e.status[REPORT_ATTENDED], 170);
    assert_int_equal(e.subdistricts, 70);
    assert_int_equal(e.districts, 7);
    assert_int_equal(e.provinces, 1);
    event_report_free(&e);
    db_close(&db);
}

const struct CMUnitTest report_tests[] = {
    cmocka_unit_test(event_report_counts_coverage_quotas_and_reasons),
    cmocka_unit_test(event_report_by_counts_each_status),
    cmocka_unit_test(members_report_counts_networks_places_and_months),
    cmocka_unit_test(events_report_counts_a_person_once),
    cmocka_unit_test(event_report_counts_seventy_subdistricts_among_many_people),
};
const size_t report_tests_count = sizeof report_tests / sizeof report_tests[0];
