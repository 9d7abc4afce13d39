/* Tests of breakout groups and of the days of a multi-day event in the store
 * (src/store/groups.c, eventdays.c): every rule of assignment, balance with and without
 * keeping organisations together, undo of a whole assignment as one step, renames that keep
 * the people, and the count of each day. */
#include "checkin.h"
#include "db.h"
#include "eventdays.h"
#include "groups.h"
#include "schema.h"
#include "store_internal.h"
#include "test_support.h"
#include "thaidate.h"
#include "undo.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *num(long long n)
{
    return xasprintf("%lld", n);
}

static long long event_on(struct db *db, const char *dates)
{
    return test_add(db, KIND_EVENT,
                    (const struct field_value[]){{F_EVENT_TITLE, "เวทีเปิดตัวนครศรีฯ"},
                                                 {F_EVENT_START_DATE, dates},
                                                 {F_NONE, NULL}});
}

static long long org(struct db *db, const char *name)
{
    return test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, name}, {F_NONE, NULL}});
}

/* A person at the event with a province, district and organisation. */
static long long person(struct db *db, long long event, const char *name, const char *province,
                        const char *district, long long o, const char *category, const char *status)
{
    char *of = num(o);
    long long id = test_add(db, KIND_MEMBER,
                            (const struct field_value[]){{F_FULL_NAME, name},
                                                         {F_MEMBER_PROVINCE, province},
                                                         {F_MEMBER_DISTRICT, district},
                                                         {F_MEMBER_SUBDISTRICT, district},
                                                         {F_MEMBER_ORGANISATIONS, o ? of : ""},
                                                         {F_NONE, NULL}});
    char *ev = num(event), *m = num(id);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_ORGANISATION, o ? of : ""},
                                          {F_ATTENDANCE_CATEGORY, category},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_NONE, NULL}});
    free(of);
    free(ev);
    free(m);
    return id;
}

/* The group of member m at the event. */
static char *group_of(struct db *db, long long event, long long m)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT breakout FROM attendance WHERE event_id = ?1 AND member_id = ?2", &err);
    assert_non_null(st);
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_int64(st, 2, m);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *g = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return g;
}

static void assert_group(struct db *db, long long event, long long m, const char *want)
{
    char *g = group_of(db, event, m);
    assert_string_equal(g, want);
    free(g);
}

/* Counts of the groups, in their order, as "name=count name=count". */
static char *counts(struct db *db, long long event)
{
    struct event_group *g;
    size_t n;
    char *err = NULL;
    assert_int_equal(groups_list(db, event, &g, &n, &err), 0);
    char *out = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *next = xasprintf("%s%s%s=%lld", out, i ? " " : "", g[i].name, g[i].count);
        free(out);
        out = next;
    }
    groups_free(g, n);
    return out;
}

static void assert_counts(struct db *db, long long event, const char *want)
{
    char *got = counts(db, event);
    assert_string_equal(got, want);
    free(got);
}

struct fixture {
    struct db *db;
    long long event, orgs[3], p[8];
};

/* Eight people: three of มูลนิธิ ก (two in นครศรีธรรมราช), two of สภาองค์กรชุมชน ข, one of
 * อบต. ค, one with no organisation, and one who cancelled. */
static void nakhon(struct fixture *f, const char *name)
{
    f->db = test_fresh_db(name);
    struct db *db = f->db;
    f->event = event_on(db, "2567-07-10");
    f->orgs[0] = org(db, "มูลนิธิ ก");
    f->orgs[1] = org(db, "สภาองค์กรชุมชน ข");
    f->orgs[2] = org(db, "อบต. ค");
    long long e = f->event;
    f->p[0] =
        person(db, e, "นายสมชาย ใจดี", "นครศรีธรรมราช", "ชะอวด", f->orgs[0], "ผู้นำชุมชน", "confirmed");
    f->p[1] =
        person(db, e, "นางสมศรี มีสุข", "นครศรีธรรมราช", "ชะอวด", f->orgs[0], "ผู้นำชุมชน", "attended");
    f->p[2] = person(db, e, "นายกล้า แกร่ง", "สงขลา", "หาดใหญ่", f->orgs[0], "ภาคี", "invited");
    f->p[3] =
        person(db, e, "นางดาว เด่น", "นครศรีธรรมราช", "ทุ่งสง", f->orgs[1], "ผู้นำชุมชน", "attended");
    f->p[4] = person(db, e, "นายเอก ชัย", "นครศรีธรรมราช", "ทุ่งสง", f->orgs[1], "", "attended");
    f->p[5] = person(db, e, "นางฟ้า ใส", "ตรัง", "", f->orgs[2], "ภาคี", "attended");
    f->p[6] = person(db, e, "นายไก่ ขัน", "นครศรีธรรมราช", "ชะอวด", 0, "ผู้นำชุมชน", "attended");
    f->p[7] = person(db, e, "นายยก เลิก", "นครศรีธรรมราช", "ชะอวด", f->orgs[2], "ภาคี", "cancelled");
}

static void assign(struct fixture *f, struct undo_log *undo, enum group_rule rule, int n, bool keep,
                   struct group_outcome *o)
{
    struct group_plan plan = {rule, n, keep};
    char *err = NULL;
    if (groups_assign(f->db, undo, f->event, &plan, o, &err) != 0) fail_msg("%s", err);
}

static void groups_by_province_district_and_category(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_rules");
    struct group_outcome o;
    assign(&f, NULL, GROUP_BY_PROVINCE, 0, false, &o);
    /* Thai order of the values; the one who cancelled is not placed. */
    assert_counts(f.db, f.event, "ตรัง=1 นครศรีธรรมราช=5 สงขลา=1");
    assert_int_equal(o.placed, 7);
    assert_int_equal(o.moved, 7);
    assert_group(f.db, f.event, f.p[7], "");
    assign(&f, NULL, GROUP_BY_DISTRICT, 0, false, &o);
    /* นางฟ้า has no district: she keeps her province's group, which stays with her. */
    assert_int_equal(o.unplaced, 1);
    assert_group(f.db, f.event, f.p[5], "ตรัง");
    assert_counts(f.db, f.event, "ตรัง=1 ชะอวด=3 ทุ่งสง=2 หาดใหญ่=1");
    assign(&f, NULL, GROUP_BY_SUBDISTRICT, 0, false, &o);
    assert_int_equal(o.moved, 0); /* the same values as the districts */
    assign(&f, NULL, GROUP_BY_CATEGORY, 0, false, &o);
    assert_group(f.db, f.event, f.p[4], "ทุ่งสง"); /* no category: kept */
    assert_group(f.db, f.event, f.p[0], "ผู้นำชุมชน");
    assert_group(f.db, f.event, f.p[2], "ภาคี");
    assign(&f, NULL, GROUP_BY_ORGANISATION, 0, false, &o);
    assert_group(f.db, f.event, f.p[3], "สภาองค์กรชุมชน ข");
    assert_group(f.db, f.event, f.p[6], "ผู้นำชุมชน"); /* no organisation: kept */
    assert_counts(f.db, f.event, "ผู้นำชุมชน=1 มูลนิธิ ก=3 สภาองค์กรชุมชน ข=2 อบต. ค=1");
    db_close(&f.db);
}

static void groups_balance_spreads_an_organisation(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_spread");
    struct group_outcome o;
    assign(&f, NULL, GROUP_BALANCE, 3, false, &o);
    assert_int_equal(o.placed, 7);
    assert_int_equal(o.groups, 3);
    assert_counts(f.db, f.event, "Group 1=3 Group 2=2 Group 3=2");
    /* The three of มูลนิธิ ก are in three different groups. */
    char *a = group_of(f.db, f.event, f.p[0]), *b = group_of(f.db, f.event, f.p[1]),
         *c = group_of(f.db, f.event, f.p[2]);
    assert_string_not_equal(a, b);
    assert_string_not_equal(b, c);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
    /* The same again changes nothing: deterministic. */
    assign(&f, NULL, GROUP_BALANCE, 3, false, &o);
    assert_int_equal(o.moved, 0);
    db_close(&f.db);
}

static void groups_balance_keeps_organisations_together(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_keep");
    /* A group made by hand first, with a facilitator: balance uses it as the first group. */
    char *err = NULL;
    assert_int_equal(group_create(f.db, f.event, "กลุ่ม 1 อำเภอชะอวด", &err), 0);
    char *fac = num(f.p[6]);
    assert_int_equal(group_set_facilitator(f.db, f.event, "กลุ่ม 1 อำเภอชะอวด", fac, &err), 0);
    free(fac);
    struct group_outcome o;
    assign(&f, NULL, GROUP_BALANCE, 3, true, &o);
    /* มูลนิธิ ก (3) first into the first group, สภาฯ ข (2) next, then อบต. ค and the one with
     * none into the smallest. */
    for (int i = 1; i < 3; i++) {
        char *g0 = group_of(f.db, f.event, f.p[0]), *gi = group_of(f.db, f.event, f.p[i]);
        assert_string_equal(g0, gi);
        free(g0);
        free(gi);
    }
    assert_group(f.db, f.event, f.p[0], "กลุ่ม 1 อำเภอชะอวด");
    assert_group(f.db, f.event, f.p[3], "Group 2");
    assert_group(f.db, f.event, f.p[4], "Group 2");
    assert_counts(f.db, f.event, "กลุ่ม 1 อำเภอชะอวด=3 Group 2=2 Group 3=2");
    struct event_group *g;
    size_t n;
    assert_int_equal(groups_list(f.db, f.event, &g, &n, &err), 0);
    assert_int_equal(g[0].facilitator_id, f.p[6]);
    assert_string_equal(g[0].facilitator, "นายไก่ ขัน");
    groups_free(g, n);
    db_close(&f.db);
}

static void groups_assignment_is_one_undo_step(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_undo");
    struct undo_log *undo = undo_new();
    struct group_outcome o;
    assign(&f, undo, GROUP_BY_PROVINCE, 0, false, &o);
    long long before = test_scalar(f.db, "SELECT count(*) FROM audit");
    /* Balance into 2 uses the first two groups (ตรัง, นครศรีธรรมราช): those already in the
     * one they get do not move. */
    assign(&f, undo, GROUP_BALANCE, 2, false, &o);
    assert_int_equal(o.moved, 4);
    assert_counts(f.db, f.event, "ตรัง=4 นครศรีธรรมราช=3");
    /* Each person moved has an audit row. */
    assert_int_equal(test_scalar(f.db, "SELECT count(*) FROM audit") - before, 4);
    char *done = NULL, *err = NULL;
    assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
    assert_contains(done, "4");
    free(done);
    assert_counts(f.db, f.event, "ตรัง=1 นครศรีธรรมราช=5 สงขลา=1");
    assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
    free(done);
    for (int i = 0; i < 8; i++)
        assert_group(f.db, f.event, f.p[i], "");
    /* Someone else's change since refuses the undo, writing nothing. */
    assign(&f, undo, GROUP_BY_PROVINCE, 0, false, &o);
    long long ids[] = {f.p[0]};
    assert_int_equal(groups_set(f.db, NULL, f.event, "กลุ่มภาคีสนับสนุน", ids, 1, &o, &err), 0);
    assert_int_equal(undo_last(f.db, undo, &done, &err), -1);
    assert_non_null(err);
    free(err);
    assert_group(f.db, f.event, f.p[3], "นครศรีธรรมราช");
    undo_free(&undo);
    db_close(&f.db);
}

static void groups_set_rename_and_refuse(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_set");
    char *err = NULL;
    struct group_outcome o;
    long long ids[] = {f.p[0], f.p[5], f.p[0]};
    assert_int_equal(groups_set(f.db, NULL, f.event, " กลุ่มภาคีสนับสนุน ", ids, 3, &o, &err), 0);
    assert_int_equal(o.moved, 2);
    assert_group(f.db, f.event, f.p[5], "กลุ่มภาคีสนับสนุน");
    /* A member not on the list: nothing is written. */
    long long stranger =
        test_add(f.db, KIND_MEMBER,
                 (const struct field_value[]){{F_FULL_NAME, "นายแปลก หน้า"}, {F_NONE, NULL}});
    long long bad[] = {f.p[1], stranger};
    assert_int_equal(groups_set(f.db, NULL, f.event, "กลุ่ม 2", bad, 2, &o, &err), -1);
    assert_contains(err, "not on the list");
    free(err);
    err = NULL;
    assert_group(f.db, f.event, f.p[1], "");
    /* Renaming keeps the people; a name taken is refused. */
    assert_int_equal(group_rename(f.db, f.event, "กลุ่มภาคีสนับสนุน", "กลุ่ม 9 ภาคี", &err), 0);
    assert_group(f.db, f.event, f.p[0], "กลุ่ม 9 ภาคี");
    assert_int_equal(group_create(f.db, f.event, "กลุ่ม 1", &err), 0);
    assert_int_equal(group_rename(f.db, f.event, "กลุ่ม 1", "กลุ่ม 9 ภาคี", &err), -1);
    free(err);
    err = NULL;
    assert_int_equal(group_set_room(f.db, f.event, "กลุ่ม 1", "ห้องประชุม 2", &err), 0);
    assert_int_equal(group_delete(f.db, f.event, "กลุ่ม 9 ภาคี", &err), -1);
    free(err);
    err = NULL;
    assert_int_equal(group_delete(f.db, f.event, "กลุ่ม 1", &err), 0);
    assert_counts(f.db, f.event, "กลุ่ม 9 ภาคี=2");
    /* The list of one group, by name. */
    struct list_query q = {.kind = KIND_ATTENDANCE, .event_id = f.event, .group = "กลุ่ม 9 ภาคี"};
    long long n = 0;
    assert_int_equal(list_count(f.db, &q, &n, &err), 0);
    assert_int_equal(n, 2);
    /* A name typed on an attendance row makes the group. */
    struct record *r = NULL;
    long long row =
        test_scalar(f.db, "SELECT id FROM attendance ORDER BY id DESC LIMIT 1 OFFSET 1");
    assert_int_equal(record_load(f.db, KIND_ATTENDANCE, row, &r, &err), 0);
    record_set(r, F_ATTENDANCE_GROUP, "กลุ่มใหม่");
    assert_int_equal(record_save(f.db, r, &err), 0);
    record_free(&r);
    assert_counts(f.db, f.event, "กลุ่ม 9 ภาคี=2 กลุ่มใหม่=1");
    db_close(&f.db);
}

/* The conference of 24–25 มีนาคม 2552: attendance per day. */
static void groups_days_counted_each_day_and_any_day(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("days_counts");
    long long ev = event_on(db, "24-25 มี.ค. 2552");
    long long o = org(db, "มูลนิธิ ก");
    long long a = person(db, ev, "นายหนึ่ง วันแรก", "ตรัง", "", o, "", "invited");
    long long b = person(db, ev, "นายสอง สองวัน", "ตรัง", "", o, "", "invited");
    long long c = person(db, ev, "นายสาม ไม่มา", "ตรัง", "", o, "", "invited");
    char *err = NULL;
    const struct {
        long long m;
        const char *days;
    } came[] = {{a, "24/3/2552"}, {b, "2009-03-25; 24 มี.ค. 2552"}};
    for (int i = 0; i < 2; i++) {
        char *sql = xasprintf("SELECT id FROM attendance WHERE member_id = %lld", came[i].m);
        struct record *r = NULL;
        assert_int_equal(record_load(db, KIND_ATTENDANCE, test_scalar(db, sql), &r, &err), 0);
        free(sql);
        record_set(r, F_ATTENDANCE_STATUS, "attended");
        record_set(r, F_ATTENDANCE_DAYS, came[i].days);
        if (record_save(db, r, &err) != 0) fail_msg("%s", err);
        if (i == 1) assert_string_equal(record_get(r, F_ATTENDANCE_DAYS), "2009-03-24; 2009-03-25");
        record_free(&r);
    }
    struct event_day_counts dc;
    assert_int_equal(event_day_counts(db, ev, &dc, &err), 0);
    assert_int_equal(dc.n, 2);
    assert_string_equal(dc.days[0].day, "2009-03-24");
    assert_int_equal(dc.days[0].came, 2);
    assert_int_equal(dc.days[1].came, 1);
    assert_int_equal(dc.any_day, 2);
    assert_int_equal(dc.unrecorded, 0);
    event_day_counts_free(&dc);
    /* A day outside the event is refused naming the field. */
    char *sql = xasprintf("SELECT id FROM attendance WHERE member_id = %lld", c);
    struct record *r = NULL;
    assert_int_equal(record_load(db, KIND_ATTENDANCE, test_scalar(db, sql), &r, &err), 0);
    free(sql);
    record_set(r, F_ATTENDANCE_DAYS, "26/3/2552");
    assert_int_equal(record_save(db, r, &err), -1);
    assert_contains(err, "days");
    free(err);
    record_free(&r);
    /* The days of the event, and a day typed. */
    char day[11];
    assert_int_equal(event_day_parse(db, ev, "25 มีนาคม 2552", day, &err), 0);
    assert_string_equal(day, "2009-03-25");
    assert_int_equal(event_day_parse(db, ev, "23/3/2552", day, &err), -1);
    free(err);
    db_close(&db);
}

/* Check-in at a multi-day event records the day chosen; the same person on the second day
 * is recorded again (not "already checked in"), and undo takes the day back. */
static void groups_days_checkin_records_the_day(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("days_checkin");
    long long ev = event_on(db, "24-25 มี.ค. 2552");
    long long m = person(db, ev, "นายหนึ่ง วันแรก", "ตรัง", "", 0, "", "invited");
    struct undo_log *undo = undo_new();
    struct checkin_result res;
    char *err = NULL;
    checkin_day_choose("2009-03-24");
    assert_int_equal(checkin_member(db, undo, ev, m, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    checkin_day_choose("2009-03-25");
    assert_int_equal(checkin_member(db, undo, ev, m, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(checkin_member(db, undo, ev, m, &res, &err), CHECKIN_ALREADY);
    checkin_result_free(&res);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM attendance_days"), 2);
    char *done = NULL;
    assert_int_equal(undo_last(db, undo, &done, &err), 0);
    free(done);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM attendance_days"), 1);
    /* A one-day event records no day: its day is the event's. */
    long long one = event_on(db, "2567-07-10");
    char day[11];
    assert_false(checkin_day_for(db, one, day, &err));
    checkin_day_choose(NULL);
    undo_free(&undo);
    db_close(&db);
}

/* A database of a khai before groups: the names people were given become the event's
 * groups, in the order they first appear, and check-ins at a multi-day event their days. */
static void groups_migration_makes_groups_of_existing_names(void **state)
{
    (void)state;
    struct fixture f;
    nakhon(&f, "groups_migrate");
    long long conf = event_on(f.db, "24-25 มี.ค. 2552");
    long long m = person(f.db, conf, "นายหนึ่ง สองวัน", "ตรัง", "", 0, "", "attended");
    (void)m;
    char *err = NULL;
    long long ids[] = {f.p[3]}, more[] = {f.p[0], f.p[1]};
    assert_int_equal(groups_set(f.db, NULL, f.event, "กลุ่ม 2", ids, 1, NULL, &err), 0);
    assert_int_equal(groups_set(f.db, NULL, f.event, "กลุ่ม 1", more, 2, NULL, &err), 0);
    /* As an older khai left it, then migration 011 run on it. */
    assert_int_equal(
        sqlite3_exec(db_handle(f.db),
                     "DROP TRIGGER event_groups_from_insert; DROP TRIGGER "
                     "event_groups_from_update; DROP TRIGGER event_groups_rename; DROP INDEX "
                     "attendance_by_group; DROP TABLE event_groups; DROP TABLE attendance_days; "
                     "UPDATE attendance SET checked_in_at = '2009-03-25T03:00:00Z' WHERE "
                     "event_id = 2",
                     NULL, NULL, NULL),
        SQLITE_OK);
    const char *sql = NULL;
    for (int i = 0; i < schema_migration_count; i++)
        if (schema_migrations[i].version == 11) sql = schema_migrations[i].sql;
    assert_non_null(sql);
    assert_int_equal(sqlite3_exec(db_handle(f.db), sql, NULL, NULL, NULL), SQLITE_OK);
    /* กลุ่ม 1's people have lower attendance ids than กลุ่ม 2's: it comes first. */
    assert_counts(f.db, f.event, "กลุ่ม 1=2 กลุ่ม 2=1");
    assert_int_equal(test_scalar(f.db, "SELECT count(*) FROM attendance_days WHERE day = "
                                       "'2009-03-25'"),
                     1);
    db_close(&f.db);
}

const struct CMUnitTest groups_tests[] = {
    cmocka_unit_test(groups_migration_makes_groups_of_existing_names),
    cmocka_unit_test(groups_by_province_district_and_category),
    cmocka_unit_test(groups_balance_spreads_an_organisation),
    cmocka_unit_test(groups_balance_keeps_organisations_together),
    cmocka_unit_test(groups_assignment_is_one_undo_step),
    cmocka_unit_test(groups_set_rename_and_refuse),
    cmocka_unit_test(groups_days_counted_each_day_and_any_day),
    cmocka_unit_test(groups_days_checkin_records_the_day),
};
const size_t groups_tests_count = sizeof groups_tests / sizeof groups_tests[0];
