/* Tests of invitations and coverage targets in the store (src/store/invitation.c, stats.c,
 * report.c) on hand-made databases whose counts are known: the southern-border meeting (45
 * organisations invited, 39 confirmed, 20 came; 53 people of a target of 70) and the Nakhon
 * kick-off (70 subdistricts against a target of 55). */
#include "db.h"
#include "invitation.h"
#include "report.h"
#include "store_internal.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *num(long long n)
{
    return xasprintf("%lld", n);
}

static long long org(struct db *db, int i)
{
    char name[64];
    snprintf(name, sizeof name, "องค์กรชายแดนใต้ %d", i);
    return test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, name}, {F_NONE, NULL}});
}

static long long invite(struct db *db, long long event, long long o, const char *status,
                        const char *reason)
{
    char *ev = num(event), *og = num(o);
    long long id = test_add(db, KIND_INVITATION,
                            (const struct field_value[]){{F_INVITATION_EVENT_ID, ev},
                                                         {F_INVITATION_ORGANISATION, og},
                                                         {F_INVITATION_STATUS, status},
                                                         {F_INVITATION_REASON, reason},
                                                         {F_NONE, NULL}});
    free(ev);
    free(og);
    return id;
}

/* A member of organisation member_of who comes for organisation comes_for (0: their own). */
static void attend(struct db *db, long long event, int i, long long member_of, long long comes_for,
                   const char *status)
{
    char name[64], *of = num(member_of), *ev = NULL, *m = NULL, *org_id = NULL;
    snprintf(name, sizeof name, "นายคน%d ใต้", i);
    long long id = test_add(db, KIND_MEMBER,
                            (const struct field_value[]){{F_FULL_NAME, name},
                                                         {F_MEMBER_PROVINCE, "ปัตตานี"},
                                                         {F_MEMBER_ORGANISATIONS, of},
                                                         {F_NONE, NULL}});
    ev = num(event);
    m = num(id);
    org_id = num(comes_for ? comes_for : member_of);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_ORGANISATION, org_id},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_NONE, NULL}});
    free(of);
    free(ev);
    free(m);
    free(org_id);
}

/* 45 organisations invited: 0-38 confirmed, 39-42 cancelled (three for the floods), 43-44
 * declined; two more are not invited. 53 people came from organisations 0-19 (the two of 19
 * came for an organisation not invited: 19 came all the same, by its members); people of
 * 20-24 and of cancelled 39 were on the list but did not come. */
static long long southern_border(struct db *db)
{
    long long ev = test_add(db, KIND_EVENT,
                            (const struct field_value[]){{F_EVENT_TITLE, "เวทีชายแดนใต้"},
                                                         {F_EVENT_START_DATE, "2567-07-25"},
                                                         {F_EVENT_TARGET, "70"},
                                                         {F_EVENT_TARGET_ORGS, "40"},
                                                         {F_NONE, NULL}});
    long long orgs[47];
    for (int i = 0; i < 47; i++)
        orgs[i] = org(db, i);
    for (int i = 0; i < 45; i++) {
        const char *status = i < 39 ? "confirmed" : i < 43 ? "cancelled" : "declined";
        const char *reason = i >= 39 && i < 42 ? "น้ำท่วม" : i == 42 ? "ติดภารกิจ" : "";
        invite(db, ev, orgs[i], status, i >= 43 ? "ไม่มีงบ" : reason);
    }
    int person = 0;
    for (int i = 0; i < 53; i++) {
        int o = i < 40 ? i / 2 : i - 40; /* two each from 0-19, one more from 0-12 */
        attend(db, ev, person++, orgs[o], o == 19 ? orgs[46] : 0, "attended");
    }
    for (int o = 20; o < 25; o++)
        attend(db, ev, person++, orgs[o], 0, "absent");
    attend(db, ev, person++, orgs[39], 0, "cancelled");
    return ev;
}

static void invitation_counts_confirmed_against_came(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("invitation_southern");
    long long ev = southern_border(db);
    struct invitation_counts c;
    char *err = NULL;
    assert_int_equal(invitation_counts(db, ev, &c, &err), 0);
    assert_int_equal(c.invited, 45);
    assert_int_equal(c.status[INVITATION_CONFIRMED], 39);
    assert_int_equal(c.status[INVITATION_CANCELLED], 4);
    assert_int_equal(c.status[INVITATION_DECLINED], 2);
    assert_int_equal(c.status[INVITATION_INVITED], 0);
    assert_int_equal(c.came, 20);
    assert_int_equal(c.confirmed_came, 20);

    struct event_summary s;
    assert_int_equal(event_summary(db, ev, &s, &err), 0);
    assert_int_equal(s.attended, 53);
    assert_int_equal(s.target, 70);
    assert_int_equal(s.target_orgs, 40);
    assert_int_equal(s.organisations, 20); /* 0-18 and the one not invited */
    assert_int_equal(s.invitations.came, 20);
    event_summary_free(&s);

    struct event_report r;
    assert_int_equal(event_report(db, ev, &r, &err), 0);
    assert_int_equal(r.status[REPORT_ATTENDED], 53);
    assert_int_equal(r.target, 70);
    assert_int_equal(r.target_orgs, 40);
    assert_int_equal(r.invitations.confirmed_came, 20);
    assert_int_equal(r.invitation_reasons.n, 3);
    assert_string_equal(r.invitation_reasons.rows[0].key, "cancelled");
    assert_string_equal(r.invitation_reasons.rows[0].label, "น้ำท่วม");
    assert_int_equal(r.invitation_reasons.rows[0].count, 3);
    assert_string_equal(r.invitation_reasons.rows[2].key, "declined");
    assert_int_equal(r.invitation_reasons.rows[2].count, 2);
    assert_int_equal(r.nwithdrawn, 6);
    assert_string_equal(r.withdrawn[0].organisation, "องค์กรชายแดนใต้ 39");
    assert_string_equal(r.withdrawn[0].status, "cancelled");
    assert_string_equal(r.withdrawn[0].reason, "น้ำท่วม");
    event_report_free(&r);
    db_close(&db);
}

/* A deleted invitation stays out of the counts; a new invitation of its organisation revives
 * it rather than failing on the one-per-event rule, and a second live one is refused. */
static void invitation_once_per_organisation_and_event(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("invitation_once");
    long long ev =
        test_add(db, KIND_EVENT,
                 (const struct field_value[]){
                     {F_EVENT_TITLE, "ประชุม"}, {F_EVENT_START_DATE, "2567-07-10"}, {F_NONE, NULL}});
    long long o = org(db, 1);
    long long id = invite(db, ev, o, "confirmed", "");
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_INVITATION, id, &err), 0);
    struct invitation_counts c;
    assert_int_equal(invitation_counts(db, ev, &c, &err), 0);
    assert_int_equal(c.invited, 0);
    assert_int_equal(invite(db, ev, o, "invited", ""), id);
    assert_int_equal(invitation_counts(db, ev, &c, &err), 0);
    assert_int_equal(c.invited, 1);
    struct record *r = record_new(KIND_INVITATION);
    char *ev_s = num(ev);
    record_set(r, F_INVITATION_EVENT_ID, ev_s);
    record_set(r, F_INVITATION_ORGANISATION, "องค์กรชายแดนใต้ 1");
    assert_int_equal(record_save(db, r, &err), -1);
    assert_non_null(strstr(err, "already invited"));
    free(err);
    free(ev_s);
    record_free(&r);
    db_close(&db);
}

/* Confirmed on 10 July, cancelled on 23 July for the floods, confirmed again: three answers in
 * order, each with its time; confirming again drops the reason. */
static void invitation_keeps_each_answer_with_its_time(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("invitation_history");
    long long ev =
        test_add(db, KIND_EVENT,
                 (const struct field_value[]){
                     {F_EVENT_TITLE, "ประชุม"}, {F_EVENT_START_DATE, "2567-07-25"}, {F_NONE, NULL}});
    long long id = invite(db, ev, org(db, 1), "ตอบรับ", "");
    char *err = NULL;
    assert_int_equal(invitation_set_changed_at(db, id, "2024-07-10T09:30:00Z", &err), 0);
    struct record *r = NULL;
    assert_int_equal(record_load(db, KIND_INVITATION, id, &r, &err), 0);
    assert_string_equal(record_get(r, F_INVITATION_STATUS), "confirmed");
    record_set(r, F_INVITATION_STATUS, "ยกเลิก");
    record_set(r, F_INVITATION_REASON, "น้ำท่วม");
    assert_int_equal(record_save(db, r, &err), 0);
    /* Saving with nothing changed adds no answer. */
    record_set(r, F_INVITATION_STATUS, "cancelled");
    assert_int_equal(record_save(db, r, &err), 0);
    record_set(r, F_INVITATION_STATUS, "confirmed");
    assert_int_equal(record_save(db, r, &err), 0);
    assert_string_equal(record_get(r, F_INVITATION_REASON), "");
    record_free(&r);
    struct invitation_change *h;
    size_t n;
    assert_int_equal(invitation_history(db, id, &h, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(h[0].status, "confirmed");
    assert_string_equal(h[0].at, "2024-07-10T09:30:00Z");
    assert_string_equal(h[1].status, "cancelled");
    assert_string_equal(h[1].reason, "น้ำท่วม");
    assert_true(strcmp(h[1].at, h[0].at) > 0);
    assert_string_equal(h[2].status, "confirmed");
    assert_string_equal(h[2].reason, "");
    invitation_history_free(h, n);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM invitation_history"), 3);
    db_close(&db);
}

/* The Nakhon kick-off: 70 subdistricts came against a target of 55, from 7 districts against
 * 10, 1 province against 1. */
static void coverage_counts_seventy_subdistricts_against_fifty_five(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("invitation_nakhon");
    long long ev = test_add(db, KIND_EVENT,
                            (const struct field_value[]){{F_EVENT_TITLE, "เวทีเปิดตัวนครศรีธรรมราช"},
                                                         {F_EVENT_START_DATE, "2567-05-01"},
                                                         {F_EVENT_TARGET, "300"},
                                                         {F_EVENT_TARGET_SUBDISTRICTS, "55"},
                                                         {F_EVENT_TARGET_DISTRICTS, "10"},
                                                         {F_EVENT_TARGET_PROVINCES, "1"},
                                                         {F_NONE, NULL}});
    char *ev_s = num(ev);
    for (int i = 0; i < 150; i++) {
        char name[64], sub[32], dist[32];
        snprintf(name, sizeof name, "นายคน%d นคร", i);
        snprintf(sub, sizeof sub, "ตำบล%d", i % 72);
        snprintf(dist, sizeof dist, "อำเภอ%d", i % 72 / 10);
        long long m = test_add(db, KIND_MEMBER,
                               (const struct field_value[]){{F_FULL_NAME, name},
                                                            {F_MEMBER_PROVINCE, "นครศรีธรรมราช"},
                                                            {F_MEMBER_DISTRICT, dist},
                                                            {F_MEMBER_SUBDISTRICT, sub},
                                                            {F_NONE, NULL}});
        char *m_s = num(m);
        /* ตำบล70 and ตำบล71 sent only people who stayed away: 70 subdistricts came. */
        test_add(db, KIND_ATTENDANCE,
                 (const struct field_value[]){
                     {F_ATTENDANCE_EVENT_ID, ev_s},
                     {F_ATTENDANCE_MEMBER_ID, m_s},
                     {F_ATTENDANCE_STATUS, i % 72 >= 70 ? "absent" : "attended"},
                     {F_NONE, NULL}});
        free(m_s);
    }
    free(ev_s);
    struct event_summary s;
    char *err = NULL;
    assert_int_equal(event_summary(db, ev, &s, &err), 0);
    assert_int_equal(s.subdistricts, 70);
    assert_int_equal(s.target_subdistricts, 55);
    assert_int_equal(s.districts, 7);
    assert_int_equal(s.target_districts, 10);
    assert_int_equal(s.provinces, 1);
    assert_int_equal(s.target_provinces, 1);
    assert_int_equal(s.target_orgs, 0);
    event_summary_free(&s);
    struct event_report r;
    assert_int_equal(event_report(db, ev, &r, &err), 0);
    assert_int_equal(r.subdistricts, 70);
    assert_int_equal(r.target_subdistricts, 55);
    assert_int_equal(r.districts, 7);
    assert_int_equal(r.target_districts, 10);
    assert_int_equal(r.invitations.invited, 0);
    event_report_free(&r);
    db_close(&db);
}

const struct CMUnitTest invitation_tests[] = {
    cmocka_unit_test(invitation_counts_confirmed_against_came),
    cmocka_unit_test(invitation_once_per_organisation_and_event),
    cmocka_unit_test(invitation_keeps_each_answer_with_its_time),
    cmocka_unit_test(coverage_counts_seventy_subdistricts_against_fifty_five),
};
const size_t invitation_tests_count = sizeof invitation_tests / sizeof invitation_tests[0];
