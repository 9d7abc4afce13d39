/* Tests of check-in at the door (src/checkin.c): the door-list query and its ranking,
 * checking in once only (also from a second connection), adding someone new with their
 * organisation, undo, completion and the counter. */
#include "checkin.h"
#include "db.h"
#include "messages.h"
#include "store_internal.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *fresh_path(const char *name)
{
    char *path = test_path(name);
    char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
    remove(path);
    remove(wal);
    remove(shm);
    free(wal);
    free(shm);
    return path;
}

static struct db *open_db(const char *path)
{
    struct db *db = NULL;
    char *err = NULL;
    if (db_open(path, &db, &err) != 0) fail_msg("db_open: %s", err);
    return db;
}

static long long scalar(struct db *db, const char *sql, long long param)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, param);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A small roster: ids of the members and the event, for the tests below. */
struct fixture {
    char *path;
    struct db *db;
    long long event, somchai, somsri, jiraporn, sombat, org;
};

static void setup(struct fixture *f, const char *name)
{
    f->path = fresh_path(name);
    f->db = open_db(f->path);
    f->org =
        test_add(f->db, KIND_ORG,
                 (const struct field_value[]){
                     {F_ORG_NAME, "มูลนิธิเพื่อนชุมชน"}, {F_ORG_SHORT_NAME, "มพช."}, {F_NONE, NULL}});
    test_add(f->db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิรักษ์ป่า"}, {F_NONE, NULL}});
    test_add(f->db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "Mekong Youth Network"}, {F_NONE, NULL}});
    f->event = test_add(f->db, KIND_EVENT,
                        (const struct field_value[]){{F_EVENT_TITLE, "เวทีสมัชชา"},
                                                     {F_EVENT_START_DATE, "2567-03-24"},
                                                     {F_EVENT_TARGET, "300"},
                                                     {F_NONE, NULL}});
    f->somchai = test_add(f->db, KIND_MEMBER,
                          (const struct field_value[]){{F_FULL_NAME, "นายสมชาย ใจดี"},
                                                       {F_MEMBER_NICKNAME, "ชาย"},
                                                       {F_MEMBER_PHONE, "081-234-5678"},
                                                       {F_MEMBER_ORGANISATIONS, "มพช."},
                                                       {F_NONE, NULL}});
    f->somsri = test_add(f->db, KIND_MEMBER,
                         (const struct field_value[]){{F_FULL_NAME, "นางสมศรี มีสุข"},
                                                      {F_MEMBER_NICKNAME, "ศรี"},
                                                      {F_MEMBER_PHONE, "089-111-2222"},
                                                      {F_NONE, NULL}});
    f->jiraporn = test_add(f->db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "นางสาวจิราพร คงทอง"},
                                                        {F_MEMBER_NICKNAME, "สม"},
                                                        {F_MEMBER_ORGANISATIONS, "มูลนิธิรักษ์ป่า"},
                                                        {F_NONE, NULL}});
    f->sombat =
        test_add(f->db, KIND_MEMBER,
                 (const struct field_value[]){{F_FULL_NAME, "นายอนันต์ สมบัติดี"}, {F_NONE, NULL}});
}

static void teardown(struct fixture *f)
{
    db_close(&f->db);
    free(f->path);
}

static void invite(struct fixture *f, long long member, const char *status)
{
    char ev[32], m[32];
    snprintf(ev, sizeof ev, "%lld", f->event);
    snprintf(m, sizeof m, "%lld", member);
    test_add(f->db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m},
                                          {F_ATTENDANCE_STATUS, status},
                                          {F_NONE, NULL}});
}

static size_t search(struct fixture *f, const char *text, struct checkin_match **m)
{
    size_t n;
    char *err = NULL;
    if (checkin_search(f->db, f->event, text, 20, m, &n, &err) != 0)
        fail_msg("checkin_search: %s", err);
    return n;
}

static long long attended(struct fixture *f)
{
    struct event_summary s;
    char *err = NULL;
    assert_int_equal(event_summary(f->db, f->event, &s, &err), 0);
    long long n = s.attended;
    event_summary_free(&s);
    return n;
}

static void checkin_search_finds_names_nicknames_phones_and_orgs(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-search.db");
    struct checkin_match *m;
    assert_int_equal(search(&f, "สมศรี", &m), 1);
    assert_int_equal(m[0].member_id, f.somsri);
    assert_string_equal(m[0].name, "นางสมศรี มีสุข");
    assert_string_equal(m[0].nickname, "ศรี");
    assert_string_equal(m[0].phone, "0891112222");
    assert_string_equal(m[0].status, "");
    assert_string_equal(m[0].checked_in_at, "");
    checkin_matches_free(m, 1);
    /* The last digits of a phone, and a phone written with dashes. */
    assert_int_equal(search(&f, "5678", &m), 1);
    assert_int_equal(m[0].member_id, f.somchai);
    assert_string_equal(m[0].organisation, "มูลนิธิเพื่อนชุมชน");
    checkin_matches_free(m, 1);
    assert_int_equal(search(&f, "081-234", &m), 1);
    checkin_matches_free(m, 1);
    /* The same typed with Thai digits, or read out in groups: not a stranger to add again. */
    static const char *const thai_forms[] = {"๐๘๑-๒๓๔", "๐๘๑ ๒๓๔", "081 234", "๕๖๗๘", "๐๘๑-234"};
    for (size_t i = 0; i < sizeof thai_forms / sizeof thai_forms[0]; i++) {
        if (search(&f, thai_forms[i], &m) != 1) fail_msg("%s finds nobody", thai_forms[i]);
        assert_int_equal(m[0].member_id, f.somchai);
        checkin_matches_free(m, 1);
    }
    /* An organisation's name finds its members; a title glued to the name is ignored. */
    assert_int_equal(search(&f, "รักษ์ป่า", &m), 1);
    assert_int_equal(m[0].member_id, f.jiraporn);
    checkin_matches_free(m, 1);
    assert_int_equal(search(&f, "นางสาวจิราพร", &m), 1);
    assert_int_equal(m[0].member_id, f.jiraporn);
    checkin_matches_free(m, 1);
    /* Two words narrow; nothing and punctuation find nothing, without an error. */
    assert_int_equal(search(&f, "สม ใจดี", &m), 1);
    checkin_matches_free(m, 1);
    assert_int_equal(search(&f, "", &m), 0);
    assert_int_equal(search(&f, "\" ' % * OR", &m), 0);
    assert_int_equal(search(&f, "ไม่มีใคร", &m), 0);
    teardown(&f);
}

static void expect_order(struct fixture *f, const char *text, const long long *ids, size_t n)
{
    struct checkin_match *m;
    size_t got = search(f, text, &m);
    for (size_t i = 0; i < got && i < n; i++)
        if (m[i].member_id != ids[i])
            fail_msg("\"%s\": match %zu is member %lld (%s), expected %lld", text, i,
                     m[i].member_id, m[i].name, ids[i]);
    assert_int_equal(got, n);
    checkin_matches_free(m, got);
}

static void checkin_search_ranks_whole_then_start_then_anywhere(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-rank.db");
    /* "สม": the nickname exactly, then given and family names starting with it. */
    expect_order(&f, "สม", (long long[]){f.jiraporn, f.somchai, f.somsri, f.sombat}, 4);
    /* Among equal matches, people on the event's list come first. */
    invite(&f, f.somsri, "confirmed");
    expect_order(&f, "สม", (long long[]){f.jiraporn, f.somsri, f.somchai, f.sombat}, 4);
    /* Those already checked in last: Enter should take someone who is still at the door. */
    struct checkin_result res;
    char *err = NULL;
    assert_int_equal(checkin_member(f.db, NULL, f.event, f.somchai, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    expect_order(&f, "สม", (long long[]){f.jiraporn, f.somsri, f.sombat, f.somchai}, 4);
    /* A name starting with the word before names that only contain it. */
    long long dilert =
        test_add(f.db, KIND_MEMBER,
                 (const struct field_value[]){{F_FULL_NAME, "นายดีเลิศ ทองคำ"}, {F_NONE, NULL}});
    expect_order(&f, "ดี", (long long[]){dilert, f.sombat, f.somchai}, 3);
    /* The whole phone before phones that merely contain the digits. */
    long long other =
        test_add(f.db, KIND_MEMBER,
                 (const struct field_value[]){
                     {F_FULL_NAME, "นายเลข ซ้ำ"}, {F_MEMBER_PHONE, "092-081-2345"}, {F_NONE, NULL}});
    expect_order(&f, "0812345678", (long long[]){f.somchai}, 1);
    expect_order(&f, "2345", (long long[]){other, f.somchai}, 2);
    teardown(&f);
}

static void checkin_member_creates_row_once(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-once.db");
    struct undo_log *undo = undo_new();
    struct checkin_result res;
    char *err = NULL;
    assert_int_equal(checkin_member(f.db, undo, f.event, f.somchai, &res, &err), CHECKIN_DONE);
    assert_string_equal(res.name, "นายสมชาย ใจดี");
    assert_true(res.attendance_id > 0);
    assert_true(*res.checked_in_at);
    assert_true(*res.checked_in_by);
    checkin_result_free(&res);
    /* The organisation they come for is their first: it counts as represented. */
    struct event_summary s;
    assert_int_equal(event_summary(f.db, f.event, &s, &err), 0);
    assert_int_equal(s.attended, 1);
    assert_int_equal(s.organisations, 1);
    char *counter = checkin_counter(&s);
    assert_string_equal(counter, "attended 1 / 300 · 1 organisation");
    free(counter);
    event_summary_free(&s);
    /* Again: refused with when and by whom, and no second row. */
    assert_int_equal(checkin_member(f.db, undo, f.event, f.somchai, &res, &err), CHECKIN_ALREADY);
    assert_true(*res.checked_in_at);
    checkin_result_free(&res);
    assert_int_equal(
        scalar(f.db, "SELECT count(*) FROM attendance WHERE member_id = ?1", f.somchai), 1);
    struct checkin_match *m;
    assert_int_equal(search(&f, "ใจดี", &m), 1);
    assert_string_equal(m[0].status, "attended");
    assert_true(*m[0].checked_in_at);
    checkin_matches_free(m, 1);
    undo_free(&undo);
    teardown(&f);
}

static void checkin_member_from_a_second_connection_is_refused(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-two.db");
    invite(&f, f.somsri, "invited");
    struct db *other = open_db(f.path);
    struct checkin_result res;
    char *err = NULL;
    assert_int_equal(checkin_member(other, NULL, f.event, f.somsri, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(checkin_member(f.db, NULL, f.event, f.somsri, &res, &err), CHECKIN_ALREADY);
    checkin_result_free(&res);
    assert_int_equal(checkin_member(other, NULL, f.event, f.sombat, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(checkin_member(f.db, NULL, f.event, f.sombat, &res, &err), CHECKIN_ALREADY);
    checkin_result_free(&res);
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM attendance WHERE event_id = ?1", f.event),
                     2);
    assert_int_equal(attended(&f), 2);
    db_close(&other);
    teardown(&f);
}

static void checkin_invited_then_undo_puts_status_back(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-undo.db");
    invite(&f, f.somsri, "confirmed");
    struct undo_log *undo = undo_new();
    struct checkin_result res;
    char *err = NULL, *done = NULL;
    assert_int_equal(checkin_member(f.db, undo, f.event, f.somsri, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM attendance WHERE event_id = ?1", f.event),
                     1);
    assert_int_equal(attended(&f), 1);
    assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
    free(done);
    assert_int_equal(attended(&f), 0);
    struct checkin_match *m;
    assert_int_equal(search(&f, "สมศรี", &m), 1);
    assert_string_equal(m[0].status, "confirmed");
    assert_string_equal(m[0].checked_in_at, "");
    checkin_matches_free(m, 1);
    /* A check-in that made the row: undo removes it from the list. */
    assert_int_equal(checkin_member(f.db, undo, f.event, f.somchai, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
    free(done);
    assert_int_equal(search(&f, "สมชาย", &m), 1);
    assert_string_equal(m[0].status, "");
    checkin_matches_free(m, 1);
    assert_int_equal(attended(&f), 0);
    /* And checking them in again afterwards works. */
    assert_int_equal(checkin_member(f.db, undo, f.event, f.somchai, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(attended(&f), 1);
    undo_free(&undo);
    teardown(&f);
}

static void checkin_new_member_adds_org_member_and_checks_in(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-new.db");
    struct undo_log *undo = undo_new();
    struct checkin_result res;
    char *err = NULL, *done = NULL;
    struct checkin_person p = {"ผู้ใหญ่บุญมี ศรีสุข", "กลุ่มออมทรัพย์บ้านนา", "๐๘๖ ๕๕๕ ๑๒๓๔", NULL};
    if (checkin_new_member(f.db, undo, f.event, &p, &res, &err) != CHECKIN_DONE)
        fail_msg("checkin_new_member: %s", err);
    assert_string_equal(res.name, "ผู้ใหญ่บุญมี ศรีสุข");
    checkin_result_free(&res);
    struct checkin_match *m;
    assert_int_equal(search(&f, "086-555-1234", &m), 1);
    assert_string_equal(m[0].name, "ผู้ใหญ่บุญมี ศรีสุข");
    assert_string_equal(m[0].organisation, "กลุ่มออมทรัพย์บ้านนา");
    assert_string_equal(m[0].phone, "0865551234");
    assert_string_equal(m[0].status, "attended");
    checkin_matches_free(m, 1);
    /* An existing organisation is found by short name or by name in any case. */
    p = (struct checkin_person){"Ms. Jane Doe", "mekong youth network", "", NULL};
    assert_int_equal(checkin_new_member(f.db, undo, f.event, &p, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    /* A walk-in at an event with quotas comes under the category chosen at the door. */
    p = (struct checkin_person){"นายดำ ขำดี", "มพช.", "", "ผู้นำชุมชน"};
    assert_int_equal(checkin_new_member(f.db, undo, f.event, &p, &res, &err), CHECKIN_DONE);
    assert_int_equal(scalar(f.db,
                            "SELECT count(*) FROM attendance WHERE category = 'ผู้นำชุมชน' AND "
                            "status = 'attended' AND ?1",
                            1),
                     1);
    checkin_result_free(&res);
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM organisations WHERE ?1", 1), 4);
    assert_int_equal(attended(&f), 3);
    /* Undo goes back step by step: check-in, member, and the organisation it added. */
    for (int i = 0; i < 4; i++) {
        assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
        free(done);
    }
    assert_int_equal(attended(&f), 1);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
        free(done);
    }
    assert_int_equal(attended(&f), 0);
    assert_int_equal(
        scalar(f.db, "SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND ?1", 1), 4);
    assert_int_equal(undo_last(f.db, undo, &done, &err), 0);
    assert_contains(done, "กลุ่มออมทรัพย์บ้านนา");
    free(done);
    assert_true(undo_empty(undo));
    assert_int_equal(
        scalar(f.db, "SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND ?1", 1), 3);
    undo_free(&undo);
    teardown(&f);
}

static void checkin_new_member_refuses_bad_input_writing_nothing(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-refuse.db");
    long long audit = scalar(f.db, "SELECT count(*) FROM audit WHERE ?1", 1);
    struct checkin_result res;
    char *err = NULL;
    struct checkin_person bad[] = {
        {"", "องค์กรใหม่", "", NULL},
        {"นาย", "องค์กรใหม่", "", NULL},
        {"นายใหม่ ทดสอบ", "องค์กรใหม่", "12345", NULL},
    };
    const char *why[] = {"name", "name", "phone"};
    /* The part at fault comes as a value, so a form finds it in any language. */
    const enum field_id part[] = {F_FULL_NAME, F_FULL_NAME, F_MEMBER_PHONE};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(checkin_new_member(f.db, NULL, f.event, &bad[i], &res, &err), -1);
        assert_contains(err, why[i]);
        assert_int_equal(res.failed, part[i]);
        free(err);
        err = NULL;
        checkin_result_free(&res);
    }
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM audit WHERE ?1", 1), audit);
    teardown(&f);
}

/* The identity rule at the door: a phone that is a member's finds them (checked in, nobody
 * added, not even the organisation typed); a namesake without a phone is added and named. */
static void checkin_new_member_finds_a_known_phone(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-known.db");
    long long members = scalar(f.db, "SELECT count(*) FROM members WHERE ?1", 1);
    long long orgs = scalar(f.db, "SELECT count(*) FROM organisations WHERE ?1", 1);
    struct checkin_result res;
    char *err = NULL;
    struct checkin_person known = {"นายสมชาย ใจดี", "องค์กรใหม่", "๐๘๑ ๒๓๔ ๕๖๗๘", NULL};
    assert_int_equal(checkin_new_member(f.db, NULL, f.event, &known, &res, &err), CHECKIN_DONE);
    assert_true(res.found);
    assert_int_equal(res.member_id, f.somchai);
    checkin_result_free(&res);
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM members WHERE ?1", 1), members);
    assert_int_equal(scalar(f.db, "SELECT count(*) FROM organisations WHERE ?1", 1), orgs);
    assert_int_equal(checkin_new_member(f.db, NULL, f.event, &known, &res, &err), CHECKIN_ALREADY);
    checkin_result_free(&res);
    struct checkin_person namesake = {"นางสมศรี มีสุข", "", "", NULL};
    assert_int_equal(checkin_new_member(f.db, NULL, f.event, &namesake, &res, &err), CHECKIN_DONE);
    assert_false(res.found);
    assert_int_equal(res.namesake, f.somsri);
    assert_true(res.member_id != f.somsri);
    checkin_result_free(&res);
    teardown(&f);
}

static void checkin_recent_lists_newest_first(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-recent.db");
    struct checkin_result res;
    char *err = NULL;
    struct checkin_match *m;
    size_t n;
    assert_int_equal(checkin_recent(f.db, f.event, 10, &m, &n, &err), 0);
    assert_int_equal(n, 0);
    checkin_matches_free(m, n);
    invite(&f, f.somsri, "invited");
    assert_int_equal(checkin_member(f.db, NULL, f.event, f.somchai, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(checkin_member(f.db, NULL, f.event, f.jiraporn, &res, &err), CHECKIN_DONE);
    checkin_result_free(&res);
    assert_int_equal(checkin_recent(f.db, f.event, 10, &m, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].member_id, f.jiraporn);
    assert_int_equal(m[1].member_id, f.somchai);
    assert_true(checkin_match_same(&m[0], &m[0]));
    assert_false(checkin_match_same(&m[0], &m[1]));
    checkin_matches_free(m, n);
    teardown(&f);
}

static void checkin_completes_org_and_member_names(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "checkin-complete.db");
    char **names;
    size_t n;
    char *err = NULL;
    assert_int_equal(checkin_org_names(f.db, "มูลนิธิ", 10, &names, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "มูลนิธิเพื่อนชุมชน");
    assert_string_equal(names[1], "มูลนิธิรักษ์ป่า");
    strings_free(names, n);
    assert_int_equal(checkin_org_names(f.db, "mek", 10, &names, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "Mekong Youth Network");
    strings_free(names, n);
    assert_int_equal(checkin_member_names(f.db, "สม", 10, &names, &n, &err), 0);
    assert_int_equal(n, 3); /* สม (a nickname), สมชาย ใจดี, สมศรี มีสุข */
    assert_string_equal(names[0], "สม");
    strings_free(names, n);
    assert_int_equal(checkin_member_names(f.db, "สมชาย ใ", 10, &names, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "สมชาย ใจดี");
    strings_free(names, n);
    teardown(&f);
}

static void checkin_counter_and_time_read_well(void **state)
{
    (void)state;
    struct event_summary s = {.target = 70, .attended = 12, .organisations = 8};
    char *text = checkin_counter(&s);
    assert_string_equal(text, "attended 12 / 70 · 8 organisations");
    free(text);
    messages_init(true);
    text = checkin_counter(&s);
    assert_string_equal(text, "มาแล้ว 12 / 70 คน · 8 องค์กร");
    free(text);
    s.target = 0;
    text = checkin_counter(&s);
    assert_string_equal(text, "มาแล้ว 12 คน · 8 องค์กร");
    free(text);
    messages_init(false);
    text = checkin_counter(&s);
    assert_string_equal(text, "attended 12 · 8 organisations");
    free(text);
    char buf[32];
    checkin_time("2020-01-02T03:04:05Z", buf, sizeof buf);
    assert_non_null(strchr(buf, '/')); /* another day: the date is shown */
    checkin_time("not a time", buf, sizeof buf);
    assert_string_equal(buf, "not a time");
}

const struct CMUnitTest checkin_tests[] = {
    cmocka_unit_test(checkin_search_finds_names_nicknames_phones_and_orgs),
    cmocka_unit_test(checkin_search_ranks_whole_then_start_then_anywhere),
    cmocka_unit_test(checkin_member_creates_row_once),
    cmocka_unit_test(checkin_member_from_a_second_connection_is_refused),
    cmocka_unit_test(checkin_invited_then_undo_puts_status_back),
    cmocka_unit_test(checkin_new_member_adds_org_member_and_checks_in),
    cmocka_unit_test(checkin_new_member_refuses_bad_input_writing_nothing),
    cmocka_unit_test(checkin_new_member_finds_a_known_phone),
    cmocka_unit_test(checkin_recent_lists_newest_first),
    cmocka_unit_test(checkin_completes_org_and_member_names),
    cmocka_unit_test(checkin_counter_and_time_read_well),
};
const size_t checkin_tests_count = sizeof checkin_tests / sizeof checkin_tests[0];
