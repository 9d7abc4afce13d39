/* Tests of reach (schema/017-reach.sql), the table of who was reached on which day that the
 * goals and the period totals read: after each kind of change (an attendance added, edited,
 * deleted, restored, moved to another event, taken off for good; an event moved, deleted and
 * restored; a member who moves; a merge and its undoing; an undo) it holds exactly what the
 * attended rows give when counted from scratch, and the totals and goals it gives are the
 * ones the plain query over the rows gives. */
#include "db.h"
#include "goal.h"
#include "merge.h"
#include "report.h"
#include "store_internal.h"
#include "test_support.h"
#include "undo.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* reach counted from scratch, as the migration fills it. */
#define FROM_SCRATCH                                                                               \
    "SELECT kind, who, day, n, lag(day) OVER (PARTITION BY kind, who ORDER BY day) FROM "          \
    "(SELECT kind, who, day, count(*) AS n FROM attendance_reach WHERE who IS NOT NULL GROUP BY "  \
    "kind, who, day)"

static void assert_reach_right(struct db *db)
{
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM (" FROM_SCRATCH
                                     " EXCEPT SELECT kind, who, day, n, prev FROM reach)"),
                     0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM (SELECT kind, who, day, n, prev FROM "
                                     "reach EXCEPT " FROM_SCRATCH ")"),
                     0);
}

/* The period's totals from report_events against count(DISTINCT ...) over the rows. */
static void assert_totals_right(struct db *db, const char *from, const char *to)
{
    struct events_filter f = {.from = from, .to = to};
    struct events_report r;
    char *err = NULL;
    assert_int_equal(report_events(db, &f, &r, &err), 0);
    char *plain = xasprintf(
        "SELECT %%s FROM attendance a JOIN events e ON e.id = a.event_id JOIN members m ON m.id = "
        "a.member_id WHERE a.status = 'attended' AND a.deleted_at IS NULL AND e.deleted_at IS "
        "NULL AND e.start_date BETWEEN '%s' AND '%s'",
        from, to);
    const char *what[] = {"count(*)", "count(DISTINCT a.member_id)", "count(DISTINCT a.org_id)",
                          "count(DISTINCT CASE WHEN m.subdistrict <> '' THEN coalesce(m.province, "
                          "'') || '/' || m.district || '/' || m.subdistrict END)",
                          "count(DISTINCT m.province)"};
    long long got[] = {r.attendances, r.people, r.organisations, r.subdistricts, r.provinces};
    for (int i = 0; i < 5; i++) {
        char *sql = xasprintf(plain, what[i]);
        assert_int_equal(got[i], test_scalar(db, sql));
        free(sql);
    }
    free(plain);
    events_report_free(&r);
}

static void assert_right(struct db *db)
{
    assert_reach_right(db);
    assert_totals_right(db, "0000-01-01", "9999-12-31");
    assert_totals_right(db, "2024-01-01", "2024-01-31");
    assert_totals_right(db, "2024-02-01", "2024-12-31");
}

static long long person(struct db *db, const char *name, const char *province,
                        const char *subdistrict)
{
    return test_add(db, KIND_MEMBER,
                    (const struct field_value[]){{F_FULL_NAME, name},
                                                 {F_MEMBER_PROVINCE, province},
                                                 {F_MEMBER_DISTRICT, "เมือง"},
                                                 {F_MEMBER_SUBDISTRICT, subdistrict},
                                                 {F_NONE, NULL}});
}

static long long event(struct db *db, const char *date)
{
    return test_add(db, KIND_EVENT,
                    (const struct field_value[]){
                        {F_EVENT_TITLE, "เวที"}, {F_EVENT_START_DATE, date}, {F_NONE, NULL}});
}

static long long attend(struct db *db, long long ev, long long member, const char *org,
                        const char *status)
{
    char e[32], m[32];
    snprintf(e, sizeof e, "%lld", ev);
    snprintf(m, sizeof m, "%lld", member);
    return test_add(db, KIND_ATTENDANCE,
                    (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, e},
                                                 {F_ATTENDANCE_MEMBER_ID, m},
                                                 {F_ATTENDANCE_ORGANISATION, org},
                                                 {F_ATTENDANCE_STATUS, status},
                                                 {F_NONE, NULL}});
}

/* Loads a record, sets one field and saves it; returns it as it was, for undo. */
static struct record *set_field(struct db *db, enum kind k, long long id, enum field_id f,
                                const char *value)
{
    struct record *r, *before;
    char *err = NULL;
    assert_int_equal(record_load(db, k, id, &r, &err), 0);
    before = record_copy(r);
    record_set(r, f, value);
    if (record_save(db, r, &err) != 0) fail_msg("saving: %s", err);
    record_free(&r);
    return before;
}

static void drop(struct record *r)
{
    record_free(&r);
}

struct roster {
    struct db *db;
    long long p[3], e[3], a[5];
};

/* Three people (two in one subdistrict of ลำปาง, one in เชียงใหม่), three events in January,
 * February and March 2024 (2567 BE), five rows, one of them absent. */
static void roster(struct roster *r, const char *name)
{
    struct db *db = r->db = test_fresh_db(name);
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิหนึ่ง"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิสอง"}, {F_NONE, NULL}});
    r->p[0] = person(db, "นายสมชาย ใจดี", "ลำปาง", "พระบาท");
    r->p[1] = person(db, "นางสมศรี มีสุข", "ลำปาง", "พระบาท");
    r->p[2] = person(db, "นายอนันต์ สมบัติ", "เชียงใหม่", "ช้างเผือก");
    r->e[0] = event(db, "2567-01-10");
    r->e[1] = event(db, "2567-02-10");
    r->e[2] = event(db, "2567-03-10");
    r->a[0] = attend(db, r->e[0], r->p[0], "มูลนิธิหนึ่ง", "attended");
    r->a[1] = attend(db, r->e[0], r->p[1], "มูลนิธิหนึ่ง", "attended");
    r->a[2] = attend(db, r->e[1], r->p[0], "มูลนิธิสอง", "attended");
    r->a[3] = attend(db, r->e[1], r->p[2], "", "absent");
    r->a[4] = attend(db, r->e[2], r->p[2], "มูลนิธิสอง", "attended");
}

static void reach_follows_attendance_edits(void **state)
{
    (void)state;
    struct roster r;
    roster(&r, "reach_attendance.db");
    struct db *db = r.db;
    assert_right(db);
    /* Known figures: four attended rows, three people, in two subdistricts and provinces. */
    assert_int_equal(test_scalar(db, "SELECT sum(n) FROM reach WHERE kind = 0"), 4);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM reach WHERE kind = 1 AND prev IS NULL"),
                     3);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM reach WHERE kind = 3 AND prev IS NULL"),
                     2);
    char *err = NULL;
    drop(set_field(db, KIND_ATTENDANCE, r.a[3], F_ATTENDANCE_STATUS, "attended"));
    assert_right(db);
    drop(set_field(db, KIND_ATTENDANCE, r.a[0], F_ATTENDANCE_ORGANISATION, ""));
    assert_right(db);
    assert_int_equal(record_delete(db, KIND_ATTENDANCE, r.a[2], &err), 0);
    assert_right(db);
    assert_int_equal(record_restore(db, KIND_ATTENDANCE, r.a[2], &err), 0);
    assert_right(db);
    char ev[32];
    snprintf(ev, sizeof ev, "%lld", r.e[0]);
    drop(set_field(db, KIND_ATTENDANCE, r.a[4], F_ATTENDANCE_EVENT_ID, ev));
    assert_right(db);
    char *gone = xasprintf("DELETE FROM attendance WHERE id = %lld RETURNING id", r.a[1]);
    test_scalar(db, gone);
    free(gone);
    assert_right(db);
    db_close(&db);
}

static void reach_follows_events_and_members(void **state)
{
    (void)state;
    struct roster r;
    roster(&r, "reach_events.db");
    struct db *db = r.db;
    char *err = NULL;
    /* The February event moved before January: its people are reached first there. */
    drop(set_field(db, KIND_EVENT, r.e[1], F_EVENT_START_DATE, "2566-12-20"));
    assert_right(db);
    assert_int_equal(record_delete(db, KIND_EVENT, r.e[0], &err), 0);
    assert_right(db);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM reach WHERE day = '2024-01-10'"), 0);
    assert_int_equal(record_restore(db, KIND_EVENT, r.e[0], &err), 0);
    assert_right(db);
    drop(set_field(db, KIND_MEMBER, r.p[2], F_MEMBER_PROVINCE, "ลำพูน"));
    assert_right(db);
    drop(set_field(db, KIND_MEMBER, r.p[1], F_MEMBER_SUBDISTRICT, ""));
    assert_right(db);
    db_close(&db);
}

static void reach_follows_merge_unmerge_and_undo(void **state)
{
    (void)state;
    struct roster r;
    roster(&r, "reach_merge.db");
    struct db *db = r.db;
    char *err = NULL, *done = NULL;
    /* Both were at the January event: one row stays, the other's goes. */
    struct merge_result res;
    assert_int_equal(member_merge(db, r.p[0], r.p[1], NULL, &res, &err), 0);
    assert_right(db);
    assert_int_equal(test_scalar(db, "SELECT n FROM reach WHERE kind = 0 AND day = '2024-01-10'"),
                     1);
    long long merge = member_merge_last(db, r.p[1], &err);
    assert_true(merge > 0);
    assert_int_equal(member_unmerge(db, merge, NULL, NULL, &err), 0);
    assert_right(db);
    assert_int_equal(test_scalar(db, "SELECT n FROM reach WHERE kind = 0 AND day = '2024-01-10'"),
                     2);
    /* An edit undone puts reach back as it was. */
    struct undo_log *log = undo_new();
    struct record *before = set_field(db, KIND_ATTENDANCE, r.a[0], F_ATTENDANCE_STATUS, "absent");
    struct record *after;
    assert_int_equal(record_load(db, KIND_ATTENDANCE, r.a[0], &after, &err), 0);
    undo_record_edited(log, before, after);
    record_free(&before);
    record_free(&after);
    assert_right(db);
    assert_int_equal(undo_last(db, log, &done, &err), 0);
    free(done);
    assert_right(db);
    assert_int_equal(test_scalar(db, "SELECT sum(n) FROM reach WHERE kind = 0"), 4);
    undo_free(&log);
    db_close(&db);
}

/* The goals of a period read reach: the same counts and crossing days as from the rows. */
static void reach_gives_the_goals_of_a_period(void **state)
{
    (void)state;
    struct roster r;
    roster(&r, "reach_goals.db");
    struct db *db = r.db;
    test_scalar(db, "INSERT INTO goals (title, target, measure, from_date, to_date, created_at, "
                    "updated_at, updated_by) VALUES ('คน', 2, 'people', '2024-02-01', "
                    "'2024-12-31', 'x', 'x', 'x'), ('ตำบล', 2, 'subdistricts', '2024-01-01', "
                    "'2024-12-31', 'x', 'x', 'x'), ('ครั้ง', 4, 'attendances', '2024-01-01', "
                    "'2024-12-31', 'x', 'x', 'x'), ('องค์กร', 2, 'organisations', '2024-01-01', "
                    "'2024-12-31', 'x', 'x', 'x') RETURNING id");
    struct goal_progress *g;
    size_t n;
    char *err = NULL;
    struct date today = {2024, 12, 1};
    assert_int_equal(goals_progress(db, today, &g, &n, &err), 0);
    assert_int_equal(n, 4);
    /* From February: สมชาย (February) and อนันต์ (March), reached in March. */
    assert_int_equal(g[0].actual, 2);
    assert_true(g[0].reached);
    assert_int_equal(g[0].reached_on.month, 3);
    /* พระบาท in January, ช้างเผือก in March. */
    assert_int_equal(g[1].actual, 2);
    assert_int_equal(g[1].reached_on.month, 3);
    assert_int_equal(g[2].actual, 4);
    assert_int_equal(g[2].reached_on.month, 3);
    /* มูลนิธิหนึ่ง in January, มูลนิธิสอง in February. */
    assert_int_equal(g[3].actual, 2);
    assert_int_equal(g[3].reached_on.month, 2);
    goals_progress_free(g, n);
    db_close(&db);
}

/* The members reports counted from the live members' indexes (migration 017) are the plain
 * GROUP BY over the table: a deleted member is left out, a member who moves is moved. */
static void reach_members_reports_count_the_live_members(void **state)
{
    (void)state;
    struct roster r;
    roster(&r, "reach_members.db");
    struct db *db = r.db;
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_MEMBER, r.p[1], &err), 0);
    drop(set_field(db, KIND_MEMBER, r.p[2], F_MEMBER_SUBDISTRICT, "สุเทพ"));
    const enum report_key keys[] = {REPORT_BY_PROVINCE, REPORT_BY_DISTRICT, REPORT_BY_SUBDISTRICT,
                                    REPORT_BY_GENDER, REPORT_BY_JOINED};
    const char *plain[] = {"province", "province, district", "province, district, subdistrict",
                           "gender", "substr(created_at, 1, 7)"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        struct report_table t;
        assert_int_equal(report_members_by(db, keys[k], &t, &err), 0);
        char *sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM members WHERE deleted_at IS "
                              "NULL GROUP BY %s)",
                              plain[k]);
        assert_int_equal((long long)t.n, test_scalar(db, sql));
        free(sql);
        long long sum = 0;
        for (size_t i = 0; i < t.n; i++)
            sum += t.rows[i].count;
        assert_int_equal(sum, 2);
        report_table_free(&t);
    }
    db_close(&db);
}

/* The totals and goals of a period read reach_by_day, never a scan. */
static void reach_is_read_through_its_index(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("reach_plan.db");
    sqlite3_stmt *st;
    const char *sql = "EXPLAIN QUERY PLAN SELECT day, count(*) FROM reach WHERE kind = 1 AND day "
                      "BETWEEN 'a' AND 'b' AND (prev IS NULL OR prev < 'a') GROUP BY day ORDER "
                      "BY day";
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_contains((const char *)sqlite3_column_text(st, 3), "COVERING INDEX reach_by_day");
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    db_close(&db);
}

const struct CMUnitTest reach_tests[] = {
    cmocka_unit_test(reach_follows_attendance_edits),
    cmocka_unit_test(reach_follows_events_and_members),
    cmocka_unit_test(reach_follows_merge_unmerge_and_undo),
    cmocka_unit_test(reach_gives_the_goals_of_a_period),
    cmocka_unit_test(reach_members_reports_count_the_live_members),
    cmocka_unit_test(reach_is_read_through_its_index),
};
const size_t reach_tests_count = sizeof reach_tests / sizeof reach_tests[0];
