/* Unit tests of two sessions editing one record (record_save_from): changes to different
 * fields both land, whoever saves last; a change to the same field is refused with "changed
 * by X at T", never overwritten unseen; an undo after a merged save puts back only its own
 * field. */
#include "db.h"
#include "model.h"
#include "test_support.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

static long long somchai(struct db *db)
{
    return test_add(db, KIND_MEMBER,
                    (struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"},
                                           {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                           {F_MEMBER_NICKNAME, "ชาย"},
                                           {F_MEMBER_PROVINCE, "สงขลา"},
                                           {F_NONE, NULL}});
}

static struct record *load(struct db *db, long long id)
{
    struct record *r = NULL;
    char *err = NULL;
    if (record_load(db, KIND_MEMBER, id, &r, &err) != 0) fail_msg("%s", err);
    return r;
}

/* An edit as a session makes it: the record as read, and a copy with one field set. */
struct edit {
    struct record *as_read, *r;
};

static struct edit begin_edit(struct db *db, long long id, enum field_id f, const char *value)
{
    struct edit e = {load(db, id), NULL};
    e.r = record_copy(e.as_read);
    record_set(e.r, f, value);
    return e;
}

static int finish_edit(struct db *db, struct edit *e, struct record **base, char **text)
{
    struct model_error why = {.field = F_NONE};
    int rc = record_save_from(db, e->as_read, e->r, base, &why);
    if (text) *text = rc ? model_error_text(&why) : NULL;
    model_error_clear(&why);
    return rc;
}

static void edit_free(struct edit *e)
{
    record_free(&e->as_read);
    record_free(&e->r);
}

static void concurrent_edits_of_different_fields_both_land(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("concurrent_fields");
    long long id = somchai(db);
    struct edit a = begin_edit(db, id, F_MEMBER_NICKNAME, "ชายกลาง");
    struct edit b = begin_edit(db, id, F_MEMBER_PHONE, "081-234-5678");
    assert_int_equal(finish_edit(db, &b, NULL, NULL), 0);
    struct record *base = NULL;
    assert_int_equal(finish_edit(db, &a, &base, NULL), 0);
    struct record *now = load(db, id);
    assert_string_equal(record_get(now, F_MEMBER_NICKNAME), "ชายกลาง");
    assert_string_equal(record_get(now, F_MEMBER_PHONE), "081-234-5678");
    assert_string_equal(record_get(now, F_MEMBER_PROVINCE), "สงขลา");
    /* What a's save went on top of: b's phone, the old nickname. */
    assert_non_null(base);
    assert_string_equal(record_get(base, F_MEMBER_PHONE), "081-234-5678");
    assert_string_equal(record_get(base, F_MEMBER_NICKNAME), "ชาย");
    /* a holds what was stored, so its next save is no conflict. */
    assert_int_equal(a.r->version, now->version);
    assert_string_equal(record_get(a.r, F_MEMBER_PHONE), "081-234-5678");

    /* Undoing a's edit puts back the nickname and keeps b's phone. */
    struct undo_log *log = undo_new();
    undo_record_edited(log, base, a.r);
    char *done = NULL, *err = NULL;
    if (undo_last(db, log, &done, &err) != 0) fail_msg("%s", err);
    record_free(&now);
    now = load(db, id);
    assert_string_equal(record_get(now, F_MEMBER_NICKNAME), "ชาย");
    assert_string_equal(record_get(now, F_MEMBER_PHONE), "081-234-5678");
    free(done);
    undo_free(&log);
    record_free(&now);
    record_free(&base);
    edit_free(&a);
    edit_free(&b);
    db_close(&db);
}

static void concurrent_edits_of_one_field_are_refused_unseen(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("concurrent_same");
    long long id = somchai(db);
    struct edit a = begin_edit(db, id, F_MEMBER_NICKNAME, "ชายกลาง");
    struct edit b = begin_edit(db, id, F_MEMBER_NICKNAME, "ชายเล็ก");
    record_set(b.r, F_MEMBER_PHONE, "081-234-5678");
    assert_int_equal(finish_edit(db, &b, NULL, NULL), 0);
    char *text = NULL;
    struct record *base = NULL;
    assert_int_equal(finish_edit(db, &a, &base, &text), -1);
    assert_null(base);
    assert_non_null(strstr(text, "was changed by"));
    assert_non_null(strstr(text, "nothing was saved"));
    struct record *now = load(db, id);
    assert_string_equal(record_get(now, F_MEMBER_NICKNAME), "ชายเล็ก");
    /* a's record is untouched by the refusal: it can be saved once reloaded. */
    assert_string_equal(record_get(a.r, F_MEMBER_NICKNAME), "ชายกลาง");
    assert_int_equal(a.r->version, a.as_read->version);
    free(text);
    record_free(&now);
    edit_free(&a);
    edit_free(&b);
    db_close(&db);
}

/* Someone deleted it meanwhile: the edit says so instead of reviving it. */
static void concurrent_edit_of_a_deleted_record_says_so(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("concurrent_deleted");
    long long id = somchai(db);
    struct edit a = begin_edit(db, id, F_MEMBER_NICKNAME, "ชายกลาง");
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_MEMBER, id, &err), 0);
    char *text = NULL;
    assert_int_equal(finish_edit(db, &a, NULL, &text), -1);
    assert_non_null(strstr(text, "was deleted"));
    free(text);
    edit_free(&a);
    db_close(&db);
}

const struct CMUnitTest concurrent_tests[] = {
    cmocka_unit_test(concurrent_edits_of_different_fields_both_land),
    cmocka_unit_test(concurrent_edits_of_one_field_are_refused_unseen),
    cmocka_unit_test(concurrent_edit_of_a_deleted_record_says_so),
};
const size_t concurrent_tests_count = sizeof concurrent_tests / sizeof concurrent_tests[0];
