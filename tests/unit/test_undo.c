/* Tests of the session undo log. */
#include "db.h"
#include "messages.h"
#include "test_support.h"
#include "undo.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct record *saved_member(struct db *db, const char *given, const char *org)
{
    struct record *r = record_new(KIND_MEMBER);
    record_set(r, F_MEMBER_GIVEN_NAME, given);
    record_set(r, F_MEMBER_ORGANISATIONS, org);
    char *err = NULL;
    if (record_save(db, r, &err) != 0) fail_msg("%s", err);
    return r;
}

static void undo_reverts_add_edit_and_delete_newest_first(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("undo.db");
    struct record *org = record_new(KIND_ORG);
    record_set(org, F_ORG_NAME, "กลุ่มเยาวชน");
    char *err = NULL, *done = NULL;
    assert_int_equal(record_save(db, org, &err), 0);
    struct undo_log *log = undo_new();
    assert_true(undo_empty(log));

    struct record *m = saved_member(db, "วันดี", "กลุ่มเยาวชน");
    undo_record_added(log, m);
    struct record *before = record_copy(m);
    record_set(m, F_MEMBER_NICKNAME, "ดี");
    record_set(m, F_MEMBER_ORGANISATIONS, "");
    assert_int_equal(record_save(db, m, &err), 0);
    undo_record_edited(log, before, m);
    assert_int_equal(record_delete(db, KIND_MEMBER, m->id, &err), 0);
    undo_record_deleted(log, m);

    assert_int_equal(undo_last(db, log, &done, &err), 0);
    assert_contains(done, "deleting");
    free(done);
    struct record *now;
    assert_int_equal(record_load(db, KIND_MEMBER, m->id, &now, &err), 0);
    assert_null(now->deleted_at);
    record_free(&now);

    assert_int_equal(undo_last(db, log, &done, &err), 0);
    free(done);
    assert_int_equal(record_load(db, KIND_MEMBER, m->id, &now, &err), 0);
    assert_string_equal(record_get(now, F_MEMBER_NICKNAME), "");
    assert_string_equal(record_get(now, F_MEMBER_ORGANISATIONS), "กลุ่มเยาวชน");
    record_free(&now);

    assert_int_equal(undo_last(db, log, &done, &err), 0);
    free(done);
    assert_int_equal(record_load(db, KIND_MEMBER, m->id, &now, &err), 0);
    assert_non_null(now->deleted_at);
    record_free(&now);
    assert_true(undo_empty(log));
    assert_int_not_equal(undo_last(db, log, &done, &err), 0);
    free(err);
    err = NULL;
    /* Said in Thai for a Thai interface. */
    messages_init(true);
    assert_int_equal(record_restore(db, KIND_MEMBER, m->id, &err), 0);
    assert_int_equal(record_load(db, KIND_MEMBER, m->id, &now, &err), 0);
    undo_record_edited(log, now, now);
    record_free(&now);
    assert_int_equal(undo_last(db, log, &done, &err), 0);
    assert_contains(done, "เลิกทำการแก้ไขสมาชิก");
    free(done);
    messages_init(false);
    assert_int_not_equal(undo_last(db, log, &done, &err), 0);
    free(err);
    record_free(&before);
    record_free(&m);
    record_free(&org);
    undo_free(&log);
    db_close(&db);
}

static void undo_refuses_to_overwrite_someone_elses_change(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("undo-other.db");
    struct record *m = saved_member(db, "ประยูร", "");
    struct record *before = record_copy(m);
    char *err = NULL, *done = NULL;
    record_set(m, F_MEMBER_NICKNAME, "ยูร");
    assert_int_equal(record_save(db, m, &err), 0);
    struct undo_log *log = undo_new();
    undo_record_edited(log, before, m);
    /* Someone else edits after us. */
    struct record *other;
    assert_int_equal(record_load(db, KIND_MEMBER, m->id, &other, &err), 0);
    record_set(other, F_MEMBER_NICKNAME, "ป๋อง");
    assert_int_equal(record_save(db, other, &err), 0);
    assert_int_not_equal(undo_last(db, log, &done, &err), 0);
    assert_contains(err, "changed by");
    free(err);
    assert_false(undo_empty(log));
    record_free(&other);
    record_free(&before);
    record_free(&m);
    undo_free(&log);
    db_close(&db);
}

const struct CMUnitTest undo_tests[] = {
    cmocka_unit_test(undo_reverts_add_edit_and_delete_newest_first),
    cmocka_unit_test(undo_refuses_to_overwrite_someone_elses_change),
};
const size_t undo_tests_count = sizeof undo_tests / sizeof undo_tests[0];
