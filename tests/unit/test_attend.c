/* Tests of attendance in the screens' store: an event's participants paged by key
 * (participants.h), one field set on many attendance rows in one transaction (bulk.h) and
 * undone as one step (undo.h), and check-in telling namesakes of one organisation apart. */
#include "bulk.h"
#include "checkin.h"
#include "db.h"
#include "messages.h"
#include "participants.h"
#include "test_support.h"
#include "undo.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An event with n participants named สมาชิก01 ... (given names in Thai order), invited;
 * their attendance ids in ids (malloc'd). */
static long long event_with(struct db *db, int n, long long **ids)
{
    long long event = test_add(db, KIND_EVENT,
                               (const struct field_value[]){{F_EVENT_TITLE, "เวทีนครศรีธรรมราช"},
                                                            {F_EVENT_START_DATE, "2567-07-25"},
                                                            {F_NONE, NULL}});
    char ev[32];
    snprintf(ev, sizeof ev, "%lld", event);
    *ids = xcalloc((size_t)n, sizeof **ids);
    for (int i = 0; i < n; i++) {
        char given[32], member[32];
        snprintf(given, sizeof given, "สมาชิก%02d", i + 1);
        long long m = test_add(db, KIND_MEMBER,
                               (const struct field_value[]){{F_MEMBER_GIVEN_NAME, given},
                                                            {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                                            {F_NONE, NULL}});
        snprintf(member, sizeof member, "%lld", m);
        (*ids)[i] = test_add(db, KIND_ATTENDANCE,
                             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                                          {F_ATTENDANCE_MEMBER_ID, member},
                                                          {F_NONE, NULL}});
    }
    return event;
}

static const char *field_of(struct db *db, long long id, enum field_id f, struct record **r)
{
    char *err = NULL;
    record_free(r);
    if (record_load(db, KIND_ATTENDANCE, id, r, &err) != 0) fail_msg("%s", err);
    return record_get(*r, f);
}

static void participants_page_by_key_both_ways(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("attend-pages.db");
    long long *ids;
    long long event = event_with(db, 25, &ids);
    long long count;
    char *err = NULL;
    assert_int_equal(participants_count(db, event, &count, &err), 0);
    assert_int_equal(count, 25);
    struct participant *first, *next, *back, *last, *at;
    size_t n1, n2, n3, n4, n5;
    assert_int_equal(participants_page(db, event, NULL, PARTICIPANTS_AT, 10, &first, &n1, &err), 0);
    assert_int_equal(n1, 10);
    assert_string_equal(first[0].name, "สมาชิก01 ใจดี");
    assert_string_equal(first[9].given, "สมาชิก10");
    assert_int_equal(first[0].id, ids[0]);
    assert_string_equal(first[0].status, "invited");
    assert_string_equal(first[0].role, "participant");
    /* The next page starts after the last row shown, the one before ends before the first. */
    assert_int_equal(
        participants_page(db, event, &first[9], PARTICIPANTS_AFTER, 10, &next, &n2, &err), 0);
    assert_int_equal(n2, 10);
    assert_string_equal(next[0].given, "สมาชิก11");
    assert_int_equal(
        participants_page(db, event, &next[0], PARTICIPANTS_BEFORE, 10, &back, &n3, &err), 0);
    assert_int_equal(n3, 10);
    for (size_t i = 0; i < n3; i++)
        assert_int_equal(back[i].id, first[i].id);
    /* The last page, in list order; a page at a row starts with it. */
    assert_int_equal(participants_page(db, event, NULL, PARTICIPANTS_BEFORE, 10, &last, &n4, &err),
                     0);
    assert_int_equal(n4, 10);
    assert_string_equal(last[0].given, "สมาชิก16");
    assert_string_equal(last[9].given, "สมาชิก25");
    assert_int_equal(participants_page(db, event, &last[5], PARTICIPANTS_AT, 10, &at, &n5, &err),
                     0);
    assert_int_equal(n5, 5);
    assert_string_equal(at[0].given, "สมาชิก21");
    participants_free(first, n1);
    participants_free(next, n2);
    participants_free(back, n3);
    participants_free(last, n4);
    participants_free(at, n5);
    /* A removed participant is off the list and out of the ids. */
    assert_int_equal(record_delete(db, KIND_ATTENDANCE, ids[0], &err), 0);
    long long *all;
    size_t nall;
    assert_int_equal(participants_ids(db, event, &all, &nall, &err), 0);
    assert_int_equal(nall, 24);
    assert_int_equal(all[0], ids[1]);
    free(all);
    free(ids);
    db_close(&db);
}

static void bulk_edit_sets_a_field_on_every_row_and_undo_is_one_step(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("attend-bulk.db");
    long long *ids;
    event_with(db, 20, &ids);
    struct undo_log *log = undo_new();
    struct record *r = NULL, *changes = record_new(KIND_ATTENDANCE);
    char *err = NULL, *done = NULL;
    /* One change of a single row first: undo takes back the bulk edit alone. */
    assert_string_equal(field_of(db, ids[0], F_ATTENDANCE_REASON, &r), "");
    struct record *before = record_copy(r);
    record_set(r, F_ATTENDANCE_REASON, "มาสาย");
    assert_int_equal(record_save(db, r, &err), 0);
    undo_record_edited(log, before, r);
    record_free(&before);

    record_set(changes, F_ATTENDANCE_STATUS, "ตอบรับ"); /* the Thai label is accepted */
    record_set(changes, F_ATTENDANCE_GROUP, "กลุ่ม 3");
    struct bulk_edit e;
    assert_int_equal(bulk_edit_records(db, changes, ids, 12, &e, &err), 0);
    assert_int_equal(e.n, 12);
    assert_string_equal(record_get(e.before[0], F_ATTENDANCE_STATUS), "invited");
    assert_string_equal(record_get(e.after[0], F_ATTENDANCE_STATUS), "confirmed");
    for (int i = 0; i < 12; i++) {
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_STATUS, &r), "confirmed");
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_GROUP, &r), "กลุ่ม 3");
    }
    assert_string_equal(field_of(db, ids[12], F_ATTENDANCE_GROUP, &r), "");
    assert_string_equal(field_of(db, ids[0], F_ATTENDANCE_REASON, &r), "มาสาย");
    undo_bulk_edited(log, &e);
    assert_int_equal(e.n, 0);

    /* One undo puts every row back, and only the bulk edit. */
    assert_int_equal(undo_last(db, log, &done, &err), 0);
    assert_string_equal(done, "undid changing 12 attendance records");
    free(done);
    for (int i = 0; i < 12; i++) {
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_STATUS, &r), "invited");
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_GROUP, &r), "");
    }
    assert_string_equal(field_of(db, ids[0], F_ATTENDANCE_REASON, &r), "มาสาย");
    /* The single edit before it still undoes: its row's version follows the bulk undo. */
    assert_int_equal(undo_last(db, log, &done, &err), 0);
    free(done);
    assert_string_equal(field_of(db, ids[0], F_ATTENDANCE_REASON, &r), "");
    assert_true(undo_empty(log));
    record_free(&r);
    record_free(&changes);
    undo_free(&log);
    free(ids);
    db_close(&db);
}

static void bulk_edit_writes_nothing_when_one_row_fails(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("attend-bulk-fail.db");
    long long *ids;
    event_with(db, 3, &ids);
    struct record *r = NULL, *changes = record_new(KIND_ATTENDANCE);
    char *err = NULL;
    /* A value the field refuses: named with the row and the field. */
    record_set(changes, F_ATTENDANCE_ROLE, "boss");
    assert_int_not_equal(bulk_edit_records(db, changes, ids, 3, NULL, &err), 0);
    assert_contains(err, "attendance ");
    assert_contains(err, "role");
    free(err);
    err = NULL;
    /* A row that is gone, after two that would be changed: neither is. */
    record_free(&changes);
    changes = record_new(KIND_ATTENDANCE);
    record_set(changes, F_ATTENDANCE_STATUS, "absent");
    assert_int_equal(record_delete(db, KIND_ATTENDANCE, ids[2], &err), 0);
    assert_int_not_equal(bulk_edit_records(db, changes, ids, 3, NULL, &err), 0);
    assert_contains(err, "deleted");
    free(err);
    for (int i = 0; i < 2; i++)
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_STATUS, &r), "invited");
    /* Thai, for a Thai interface. */
    messages_init(true);
    err = NULL;
    record_set(changes, F_ATTENDANCE_STATUS, "ไม่รู้");
    assert_int_not_equal(bulk_edit_records(db, changes, ids, 2, NULL, &err), 0);
    assert_contains(err, "สถานะ");
    free(err);
    messages_init(false);
    record_free(&r);
    record_free(&changes);
    free(ids);
    db_close(&db);
}

static void bulk_undo_refuses_when_someone_else_changed_a_row(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("attend-bulk-conflict.db");
    long long *ids;
    event_with(db, 4, &ids);
    struct undo_log *log = undo_new();
    struct record *r = NULL, *changes = record_new(KIND_ATTENDANCE);
    char *err = NULL, *done = NULL;
    record_set(changes, F_ATTENDANCE_CATEGORY, "ผู้นำชุมชน");
    struct bulk_edit e;
    assert_int_equal(bulk_edit_records(db, changes, ids, 4, &e, &err), 0);
    undo_bulk_edited(log, &e);
    field_of(db, ids[3], F_ATTENDANCE_REASON, &r);
    record_set(r, F_ATTENDANCE_REASON, "ป่วย");
    assert_int_equal(record_save(db, r, &err), 0);
    /* All or none: the three rows nobody else touched keep the change too. */
    assert_int_not_equal(undo_last(db, log, &done, &err), 0);
    assert_contains(err, "changed by");
    free(err);
    assert_false(undo_empty(log));
    for (int i = 0; i < 4; i++)
        assert_string_equal(field_of(db, ids[i], F_ATTENDANCE_CATEGORY, &r), "ผู้นำชุมชน");
    record_free(&r);
    record_free(&changes);
    undo_free(&log);
    free(ids);
    db_close(&db);
}

/* Two รัฐภูมิ of one organisation, from different districts, and one of another. */
static void checkin_tells_namesakes_of_one_organisation_apart(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("attend-namesakes.db");
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "เครือข่ายป่าชุมชน"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "สมัชชาคนจน"}, {F_NONE, NULL}});
    long long event = test_add(db, KIND_EVENT,
                               (const struct field_value[]){{F_EVENT_TITLE, "ประชุมเครือข่าย"},
                                                            {F_EVENT_START_DATE, "2567-07-25"},
                                                            {F_NONE, NULL}});
    long long a = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "นายรัฐภูมิ ทองดี"},
                                                        {F_MEMBER_ORGANISATIONS, "เครือข่ายป่าชุมชน"},
                                                        {F_MEMBER_DISTRICT, "ชะอวด"},
                                                        {F_MEMBER_PROVINCE, "นครศรีธรรมราช"},
                                                        {F_MEMBER_PHONE, "081-234-5678"},
                                                        {F_NONE, NULL}});
    long long b = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "นายรัฐภูมิ ทองดี"},
                                                        {F_MEMBER_ORGANISATIONS, "เครือข่ายป่าชุมชน"},
                                                        {F_MEMBER_DISTRICT, "ทุ่งสง"},
                                                        {F_MEMBER_PROVINCE, "นครศรีธรรมราช"},
                                                        {F_MEMBER_PHONE, "089-765-4321"},
                                                        {F_NONE, NULL}});
    long long c = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "นายรัฐภูมิ ทองดี"},
                                                        {F_MEMBER_ORGANISATIONS, "สมัชชาคนจน"},
                                                        {F_NONE, NULL}});
    struct checkin_match *m;
    size_t n;
    char *err = NULL;
    assert_int_equal(checkin_search(db, event, "รัฐภูมิ", 10, &m, &n, &err), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        if (m[i].member_id == a)
            assert_string_equal(m[i].apart, "district ชะอวด province นครศรีธรรมราช phone …5678");
        else if (m[i].member_id == b)
            assert_string_equal(m[i].apart, "district ทุ่งสง province นครศรีธรรมราช phone …4321");
        else
            assert_string_equal(m[i].apart, ""); /* another organisation: no namesake */
    }
    checkin_matches_free(m, n);
    /* In Thai as a Thai reads an address; when nothing tells them apart, the member id. */
    messages_init(true);
    struct record *r = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, b, &r, &err), 0);
    record_set(r, F_MEMBER_DISTRICT, "ชะอวด");
    record_set(r, F_MEMBER_PHONE, "089-765-5678");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    assert_int_equal(checkin_search(db, event, "รัฐภูมิ ทองดี", 10, &m, &n, &err), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        char *want = xasprintf("อ.ชะอวด จ.นครศรีธรรมราช โทร …5678 สมาชิก %lld", m[i].member_id);
        if (m[i].member_id != c) assert_string_equal(m[i].apart, want);
        free(want);
    }
    checkin_matches_free(m, n);
    messages_init(false);
    db_close(&db);
}

const struct CMUnitTest attend_tests[] = {
    cmocka_unit_test(participants_page_by_key_both_ways),
    cmocka_unit_test(bulk_edit_sets_a_field_on_every_row_and_undo_is_one_step),
    cmocka_unit_test(bulk_edit_writes_nothing_when_one_row_fails),
    cmocka_unit_test(bulk_undo_refuses_when_someone_else_changed_a_row),
    cmocka_unit_test(checkin_tells_namesakes_of_one_organisation_apart),
};
const size_t attend_tests_count = sizeof attend_tests / sizeof attend_tests[0];
