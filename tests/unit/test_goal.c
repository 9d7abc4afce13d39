/* Tests of goals' progress (src/store/goal.c) on a small roster whose counts are known: every
 * measure, sub-organisations two levels down, a person at three events counted once, the day
 * the target was crossed, and the pace and projection on a fixed "today". */
#include "db.h"
#include "goal.h"
#include "goalview.h"
#include "store_internal.h"
#include "test_support.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct roster {
    struct db *db;
    long long event[4], member[5];
};

static long long person(struct db *db, const char *name, const char *place[3], const char *org,
                        const char *tags)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name},
                                                 {F_MEMBER_PROVINCE, place[0]},
                                                 {F_MEMBER_DISTRICT, place[1]},
                                                 {F_MEMBER_SUBDISTRICT, place[2]},
                                                 {F_MEMBER_ORGANISATIONS, org},
                                                 {F_MEMBER_TAGS, tags},
                                                 {F_NONE, NULL}});
}

static long long event(struct db *db, const char *title, const char *date)
{
    return test_add(db, KIND_EVENT,
                    (const struct field_value[]){
                        {F_EVENT_TITLE, title}, {F_EVENT_START_DATE, date}, {F_NONE, NULL}});
}

static void attend(struct db *db, long long ev, long long member, const char *status)
{
    char e[32], m[32];
    snprintf(e, sizeof e, "%lld", ev);
    snprintf(m, sizeof m, "%lld", member);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, e},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_NONE, NULL}});
}

static void sql(struct db *db, const char *text)
{
    char *msg = NULL;
    if (sqlite3_exec(db_handle(db), text, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s", msg);
}

/* A network, a member organisation under it and a group under that; a foundation outside.
 * Two leaders in one ตำบลช้างคลาน of Chiang Mai, a third person in the ตำบลช้างคลาน of Lampang;
 * one deleted leader. Three events of 2026 in a series, one of 2025 outside it. */
static void setup(struct roster *r, const char *name)
{
    static const char *cm[3] = {"เชียงใหม่", "เมืองเชียงใหม่", "ช้างคลาน"};
    static const char *lp[3] = {"ลำปาง", "เมืองลำปาง", "ช้างคลาน"};
    static const char *none[3] = {"", "", ""};
    r->db = test_fresh_db(name);
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "เครือข่าย"}, {F_NONE, NULL}});
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "สมาคม"}, {F_ORG_PARENT, "เครือข่าย"}, {F_NONE, NULL}});
    test_add(r->db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "กลุ่มย่อย"}, {F_ORG_PARENT, "สมาคม"}, {F_NONE, NULL}});
    test_add(r->db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิ"}, {F_NONE, NULL}});
    r->member[0] = person(r->db, "นายสมชาย ใจดี", cm, "สมาคม", "แกนนำ");
    r->member[1] = person(r->db, "นางสมศรี มีสุข", cm, "กลุ่มย่อย", "แกนนำ");
    r->member[2] = person(r->db, "นายอนันต์ สมบัติ", lp, "มูลนิธิ", "");
    r->member[3] = person(r->db, "นางสาวจิราพร คงทอง", none, "เครือข่าย", "");
    r->member[4] = person(r->db, "นายลบ ออกไป", cm, "สมาคม", "แกนนำ");
    char *err = NULL;
    assert_int_equal(record_delete(r->db, KIND_MEMBER, r->member[4], &err), 0);
    sql(r->db, "UPDATE members SET created_at = CASE id WHEN 1 THEN '2026-01-05T03:00:00Z' WHEN 2 "
               "THEN '2026-02-10T03:00:00Z' WHEN 3 THEN '2026-03-01T03:00:00Z' ELSE "
               "'2026-03-15T03:00:00Z' END");
    r->event[0] = event(r->db, "เวทีหนึ่ง", "2026-01-10");
    r->event[1] = event(r->db, "เวทีสอง", "2026-02-10");
    r->event[2] = event(r->db, "เวทีสาม", "2026-03-10");
    r->event[3] = event(r->db, "เวทีปีก่อน", "2025-12-01");
    sql(r->db, "INSERT INTO series (title, created_at, updated_at, updated_by) VALUES ('ชุด', "
               "'2026-01-01', '2026-01-01', 'test'); UPDATE events SET series_id = 1 WHERE id "
               "IN (1, 2, 3)");
    for (int i = 0; i < 3; i++) /* one person at three events */
        attend(r->db, r->event[i], r->member[0], "attended");
    attend(r->db, r->event[1], r->member[1], "attended");
    attend(r->db, r->event[2], r->member[2], "attended");
    attend(r->db, r->event[2], r->member[3], "absent");
    attend(r->db, r->event[3], r->member[3], "attended");
}

static long long goal(struct db *db, const struct field_value *fv)
{
    return test_add(db, KIND_GOAL, fv);
}

static struct goal_progress progress(struct db *db, long long id, const char *today)
{
    struct goal_progress p;
    struct date t;
    char *err = NULL;
    assert_int_equal(date_from_iso(today, &t), 0);
    if (goal_progress(db, id, t, &p, &err) != 0) fail_msg("%s", err);
    return p;
}

static void assert_date(struct date d, const char *iso)
{
    char buf[16];
    date_format(d, DATE_ISO, buf, sizeof buf);
    assert_string_equal(buf, iso);
}

static void goal_counts_members_by_tag_and_network(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_members");
    long long tag = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "แกนนำ"},
                                                            {F_GOAL_TARGET, "2"},
                                                            {F_GOAL_MEASURE, "members"},
                                                            {F_GOAL_TAG, "แกนนำ"},
                                                            {F_NONE, NULL}});
    long long net = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "สมาชิกเครือข่าย"},
                                                            {F_GOAL_TARGET, "3"},
                                                            {F_GOAL_MEASURE, "members"},
                                                            {F_GOAL_ORGANISATION, "เครือข่าย"},
                                                            {F_NONE, NULL}});
    long long both = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "แกนนำสมาคม"},
                                                             {F_GOAL_TARGET, "5"},
                                                             {F_GOAL_MEASURE, "members"},
                                                             {F_GOAL_TAG, "แกนนำ"},
                                                             {F_GOAL_ORGANISATION, "สมาคม"},
                                                             {F_NONE, NULL}});
    /* the deleted leader is not counted; the target fell the day the second one was added */
    struct goal_progress p = progress(r.db, tag, "2026-03-20");
    assert_int_equal(p.actual, 2);
    assert_true(p.reached);
    assert_date(p.reached_on, "2026-02-10");
    assert_int_equal(goal_percent(&p), 100);
    goal_progress_free(&p);
    /* the network counts its sub-organisation and the group under that, not the foundation */
    p = progress(r.db, net, "2026-03-20");
    assert_int_equal(p.actual, 3);
    assert_date(p.reached_on, "2026-03-15");
    goal_progress_free(&p);
    p = progress(r.db, both, "2026-03-20");
    assert_int_equal(p.actual, 2);
    assert_false(p.reached);
    assert_int_equal(goal_percent(&p), 40);
    goal_progress_free(&p);
    db_close(&r.db);
}

static void goal_counts_people_once_and_attendances_each_time(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_people");
    long long people = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "คนที่มา"},
                                                               {F_GOAL_TARGET, "3"},
                                                               {F_GOAL_MEASURE, "people"},
                                                               {F_GOAL_FROM, "2026-01-01"},
                                                               {F_GOAL_TO, "2026-12-31"},
                                                               {F_NONE, NULL}});
    long long times = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ครั้งที่มา"},
                                                              {F_GOAL_TARGET, "3"},
                                                              {F_GOAL_MEASURE, "attendances"},
                                                              {F_GOAL_FROM, "2026-01-01"},
                                                              {F_GOAL_TO, "2026-12-31"},
                                                              {F_NONE, NULL}});
    long long one = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "เวทีสอง"},
                                                            {F_GOAL_TARGET, "10"},
                                                            {F_GOAL_MEASURE, "attendances"},
                                                            {F_GOAL_EVENT_ID, "2"},
                                                            {F_NONE, NULL}});
    long long series = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ชุด"},
                                                               {F_GOAL_TARGET, "10"},
                                                               {F_GOAL_MEASURE, "people"},
                                                               {F_GOAL_SERIES_ID, "1"},
                                                               {F_NONE, NULL}});
    /* three people: the one at three events once, the absent one and 2025's not at all */
    struct goal_progress p = progress(r.db, people, "2026-03-20");
    assert_int_equal(p.actual, 3);
    assert_date(p.reached_on, "2026-03-10");
    goal_progress_free(&p);
    /* five attendances: 1 at the first event, 3 after the second, crossing 3 there */
    p = progress(r.db, times, "2026-03-20");
    assert_int_equal(p.actual, 5);
    assert_date(p.reached_on, "2026-02-10");
    goal_progress_free(&p);
    p = progress(r.db, one, "2026-03-20");
    assert_int_equal(p.actual, 2);
    goal_progress_free(&p);
    /* the series has no 2025 meeting: the person who came only then is not counted */
    p = progress(r.db, series, "2026-03-20");
    assert_int_equal(p.actual, 3);
    goal_progress_free(&p);
    db_close(&r.db);
}

static void goal_counts_organisations_subdistricts_and_manual(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_places");
    long long orgs = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "องค์กร"},
                                                             {F_GOAL_TARGET, "3"},
                                                             {F_GOAL_MEASURE, "organisations"},
                                                             {F_GOAL_FROM, "2026-01-01"},
                                                             {F_NONE, NULL}});
    long long places = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ตำบล"},
                                                               {F_GOAL_TARGET, "2"},
                                                               {F_GOAL_MEASURE, "subdistricts"},
                                                               {F_GOAL_FROM, "2026-01-01"},
                                                               {F_NONE, NULL}});
    long long manual = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ช่องทางสื่อสาร"},
                                                               {F_GOAL_TARGET, "4"},
                                                               {F_GOAL_MEASURE, "manual"},
                                                               {F_GOAL_VALUE, "2"},
                                                               {F_NONE, NULL}});
    /* each came for their first organisation: สมาคม, กลุ่มย่อย, มูลนิธิ */
    struct goal_progress p = progress(r.db, orgs, "2026-03-20");
    assert_int_equal(p.actual, 3);
    goal_progress_free(&p);
    /* the two ตำบลช้างคลาน are two places; Lampang's came first on 10 March */
    p = progress(r.db, places, "2026-03-20");
    assert_int_equal(p.actual, 2);
    assert_date(p.reached_on, "2026-03-10");
    goal_progress_free(&p);
    p = progress(r.db, manual, "2026-03-20");
    assert_int_equal(p.actual, 2);
    assert_int_equal(goal_percent(&p), 50);
    assert_false(p.reached);
    goal_progress_free(&p);
    db_close(&r.db);
}

/* 5 attendances from 1 January to 11 March (70 days) is one every 14 days: the 5 still
 * missing of 10 take 70 days more, 20 May, by a due date of 30 June but not of 30 April. */
static void goal_pace_and_projection_on_a_fixed_today(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_pace");
    long long late = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ครั้งที่มา"},
                                                             {F_GOAL_TARGET, "10"},
                                                             {F_GOAL_MEASURE, "attendances"},
                                                             {F_GOAL_FROM, "2026-01-01"},
                                                             {F_GOAL_DUE_DATE, "2026-04-30"},
                                                             {F_NONE, NULL}});
    struct goal_progress p = progress(r.db, late, "2026-03-11");
    assert_int_equal(p.actual, 5);
    assert_true(p.has_start);
    assert_date(p.start, "2026-01-01");
    assert_true(p.per_day > 0.0714 && p.per_day < 0.0715);
    assert_true(p.has_projection);
    assert_date(p.projected, "2026-05-20");
    assert_false(p.on_track);
    char **lines;
    size_t n = goal_progress_lines(&p, &lines);
    assert_int_equal(n, 3);
    assert_string_equal(lines[0], "Progress: 5 of a target of 10 (50%)");
    assert_string_equal(lines[1], "Pace so far: 1 a week since 1 Jan 2026");
    assert_string_equal(lines[2],
                        "At this pace it will be reached on 20 May 2026, after the due date 30 "
                        "Apr 2026");
    strings_free(lines, n);
    goal_progress_free(&p);
    char *err = NULL;
    struct record *g;
    assert_int_equal(record_load(r.db, KIND_GOAL, late, &g, &err), 0);
    record_set(g, F_GOAL_DUE_DATE, "2026-06-30");
    assert_int_equal(record_save(r.db, g, &err), 0);
    record_free(&g);
    p = progress(r.db, late, "2026-03-11");
    assert_true(p.on_track);
    goal_progress_free(&p);
    /* nothing counted: no pace, no projection */
    long long empty = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ปีหน้า"},
                                                              {F_GOAL_TARGET, "10"},
                                                              {F_GOAL_MEASURE, "people"},
                                                              {F_GOAL_FROM, "2027-01-01"},
                                                              {F_NONE, NULL}});
    p = progress(r.db, empty, "2026-03-11");
    assert_int_equal(p.actual, 0);
    assert_false(p.has_projection);
    assert_true(p.per_day == 0);
    goal_progress_free(&p);
    db_close(&r.db);
}

static void goal_refuses_options_its_measure_does_not_take(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_rules");
    static const struct {
        struct field_value fv[4];
        const char *why;
    } cases[] = {
        {{{F_GOAL_MEASURE, "manual"}, {F_NONE, NULL}}, "value: a manual goal needs its value"},
        {{{F_GOAL_MEASURE, "members"}, {F_GOAL_EVENT_ID, "1"}, {F_NONE, NULL}},
         "event_id: a goal that counts members does not take event_id"},
        {{{F_GOAL_MEASURE, "people"}, {F_GOAL_TAG, "แกนนำ"}, {F_NONE, NULL}},
         "tag: a goal that counts people does not take tag"},
        {{{F_GOAL_MEASURE, "people"}, {F_GOAL_VALUE, "3"}, {F_NONE, NULL}},
         "value: a goal that counts people does not take value"},
        {{{F_GOAL_MEASURE, "people"},
          {F_GOAL_EVENT_ID, "1"},
          {F_GOAL_SERIES_ID, "1"},
          {F_NONE, NULL}},
         "series_id: a goal counts one event or one series"},
        {{{F_GOAL_MEASURE, "people"}, {F_GOAL_SERIES_ID, "9"}, {F_NONE, NULL}},
         "series_id: no series with id 9"},
        {{{F_GOAL_MEASURE, "people"},
          {F_GOAL_FROM, "2026-05-01"},
          {F_GOAL_TO, "2026-04-01"},
          {F_NONE, NULL}},
         "to: 2026-04-01 is before the start date 2026-05-01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct record *g = record_new(KIND_GOAL);
        record_set(g, F_GOAL_TITLE, "ทดสอบ");
        record_set(g, F_GOAL_TARGET, "5");
        test_set_fields(g, cases[i].fv);
        char *err = NULL;
        assert_int_not_equal(record_save(r.db, g, &err), 0);
        assert_non_null(strstr(err, cases[i].why));
        free(err);
        record_free(&g);
    }
    struct record *g = record_new(KIND_GOAL);
    record_set(g, F_GOAL_TITLE, "ศูนย์");
    record_set(g, F_GOAL_TARGET, "0");
    record_set(g, F_GOAL_MEASURE, "members");
    char *err = NULL;
    assert_int_not_equal(record_save(r.db, g, &err), 0);
    assert_non_null(strstr(err, "target: a goal's target is a number above 0"));
    free(err);
    record_free(&g);
    assert_int_equal(test_scalar(r.db, "SELECT count(*) FROM goals"), 0);
    db_close(&r.db);
}

static void goal_drills_down_to_the_people_and_events(void **state)
{
    (void)state;
    struct roster r;
    setup(&r, "goal_drill");
    long long people = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "คนที่มา"},
                                                               {F_GOAL_TARGET, "3"},
                                                               {F_GOAL_MEASURE, "people"},
                                                               {F_GOAL_FROM, "2026-01-01"},
                                                               {F_NONE, NULL}});
    long long times = goal(r.db, (const struct field_value[]){{F_GOAL_TITLE, "ครั้งที่มา"},
                                                              {F_GOAL_TARGET, "3"},
                                                              {F_GOAL_MEASURE, "attendances"},
                                                              {F_GOAL_FROM, "2026-01-01"},
                                                              {F_NONE, NULL}});
    struct report_table t;
    enum kind k;
    long long total;
    char *err = NULL;
    assert_int_equal(goal_drill(r.db, people, 50, &k, &t, &total, &err), 0);
    assert_int_equal(k, KIND_MEMBER);
    assert_int_equal(total, 3);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[0].label, "นายสมชาย ใจดี"); /* at three events: first */
    assert_int_equal(t.rows[0].count, 3);
    report_table_free(&t);
    assert_int_equal(goal_drill(r.db, times, 50, &k, &t, &total, &err), 0);
    assert_int_equal(k, KIND_EVENT);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[0].label, "เวทีหนึ่ง");
    assert_int_equal(t.rows[2].count, 2);
    report_table_free(&t);
    /* a province's members and a subdistrict's attendees */
    assert_int_equal(drill_province_members(r.db, "TH-50", 50, &t, &total, &err), 0);
    assert_int_equal(total, 2);
    assert_int_equal(t.n, 2);
    report_table_free(&t);
    assert_int_equal(drill_subdistrict_attendees(r.db, r.event[2], "TH-52/เมืองลำปาง/ช้างคลาน", 50,
                                                 &t, &total, &err),
                     0);
    assert_int_equal(total, 1);
    assert_string_equal(t.rows[0].label, "นายอนันต์ สมบัติ");
    report_table_free(&t);
    db_close(&r.db);
}

const struct CMUnitTest goal_tests[] = {
    cmocka_unit_test(goal_counts_members_by_tag_and_network),
    cmocka_unit_test(goal_counts_people_once_and_attendances_each_time),
    cmocka_unit_test(goal_counts_organisations_subdistricts_and_manual),
    cmocka_unit_test(goal_pace_and_projection_on_a_fixed_today),
    cmocka_unit_test(goal_refuses_options_its_measure_does_not_take),
    cmocka_unit_test(goal_drills_down_to_the_people_and_events),
};
const size_t goal_tests_count = sizeof goal_tests / sizeof goal_tests[0];
