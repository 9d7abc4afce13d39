/* Tests of the store and model API: migrations, saving, lost updates, audit, search, lists. */
#include "db.h"
#include "model.h"
#include "store_internal.h"
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *save_error(struct db *db, enum kind k, const struct field_value *fields)
{
    struct record *r = record_new(k);
    test_set_fields(r, fields);
    char *err = NULL;
    assert_int_not_equal(record_save(db, r, &err), 0);
    record_free(&r);
    return err;
}

static void model_migrates_new_database_to_latest(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("migrate.db");
    assert_int_equal(test_scalar(db, "PRAGMA user_version"), db_schema_version());
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM provinces"), 77);
    assert_int_equal(test_scalar(db, "SELECT count(DISTINCT region) FROM provinces"), 6);
    assert_int_equal(test_scalar(db, "PRAGMA foreign_keys"), 1);
    db_close(&db);
}

static void model_refuses_newer_database_untouched(void **state)
{
    (void)state;
    char *path = test_path("newer.db");
    remove(path);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    char *before = test_read_file(path);
    struct stat st1, st2;
    assert_int_equal(stat(path, &st1), 0);
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), -1);
    assert_null(db);
    assert_contains(err, "newer khai");
    assert_contains(err, "999");
    assert_int_equal(stat(path, &st2), 0);
    assert_int_equal(st1.st_size, st2.st_size);
    char *after = test_read_file(path);
    assert_memory_equal(before, after, (size_t)st1.st_size);
    free(before);
    free(after);
    free(err);
    free(path);
}

static void model_upgrades_older_database_in_place(void **state)
{
    (void)state;
    char *path = test_path("older.db");
    remove(path);
    struct db *db = test_fresh_db("older.db");
    long long id =
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"}, {F_NONE, NULL}});
    long long event = test_add(db, KIND_EVENT,
                               (const struct field_value[]){{F_EVENT_TITLE, "ประชุม"},
                                                            {F_EVENT_START_DATE, "2567-07-10"},
                                                            {F_EVENT_TARGET, "70"},
                                                            {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิ ก"}, {F_NONE, NULL}});
    /* Pretend the migrations after 2 have not run: undo them by hand, as an older khai left it. */
    assert_int_equal(
        sqlite3_exec(
            db_handle(db),
            "DROP TRIGGER members_fts_insert; DROP TRIGGER members_fts_update; "
            "DROP TRIGGER members_fts_delete; DROP TRIGGER "
            "organisations_fts_insert; DROP TRIGGER "
            "organisations_fts_update; DROP TRIGGER "
            "organisations_fts_delete; DROP TABLE members_fts; DROP TABLE "
            "organisations_fts; DROP INDEX members_live; DROP INDEX "
            "organisations_live; DROP INDEX events_live; DROP INDEX "
            "tasks_live; DROP INDEX attendance_live; DROP INDEX events_by_end_date; "
            "DROP INDEX events_recurring; DROP INDEX members_by_email; DROP INDEX "
            "members_by_line; DROP TABLE member_merge_moves; DROP TABLE member_merges; "
            "DROP TABLE invitation_history; DROP "
            "TABLE invitations; ALTER TABLE events DROP COLUMN target_orgs; ALTER "
            "TABLE events DROP COLUMN target_subdistricts; ALTER TABLE events DROP "
            "COLUMN target_districts; ALTER TABLE events DROP COLUMN "
            "target_provinces; "
            "DROP TRIGGER IF EXISTS members_count_insert; DROP TRIGGER IF EXISTS "
            "members_count_delete; DROP "
            "TRIGGER IF EXISTS members_count_update; DROP TRIGGER IF EXISTS "
            "organisations_count_insert; DROP "
            "TRIGGER IF EXISTS organisations_count_delete; DROP TRIGGER IF EXISTS "
            "organisations_count_update; "
            "DROP TRIGGER IF EXISTS events_count_insert; DROP TRIGGER IF EXISTS "
            "events_count_delete; DROP "
            "TRIGGER IF EXISTS events_count_update; DROP TRIGGER IF EXISTS tasks_count_insert; "
            "DROP TRIGGER IF EXISTS "
            "tasks_count_delete; DROP TRIGGER IF EXISTS tasks_count_update; DROP TRIGGER IF EXISTS "
            "attendance_count_insert; DROP TRIGGER IF EXISTS attendance_count_delete; DROP TRIGGER "
            "IF EXISTS "
            "attendance_count_update; DROP TRIGGER IF EXISTS invitations_count_insert; DROP "
            "TRIGGER IF EXISTS "
            "invitations_count_delete; DROP TRIGGER IF EXISTS invitations_count_update; DROP TABLE "
            "live_counts; "
            "DROP INDEX IF EXISTS events_by_series; ALTER TABLE events DROP COLUMN series_id; "
            "DROP TABLE IF EXISTS series; "
            "DROP TRIGGER IF EXISTS members_sort_province_insert; DROP TRIGGER IF EXISTS "
            "members_sort_province_update; DROP TRIGGER IF EXISTS "
            "organisations_sort_province_insert; DROP TRIGGER IF EXISTS "
            "organisations_sort_province_update; DROP TRIGGER IF EXISTS affiliations_sort_insert; "
            "DROP TRIGGER IF EXISTS affiliations_sort_delete; DROP TRIGGER IF EXISTS "
            "affiliations_sort_update; DROP TRIGGER IF EXISTS organisations_sort_name; "
            "DROP INDEX IF EXISTS members_by_province_name; DROP INDEX IF EXISTS "
            "members_by_org_name; DROP INDEX IF EXISTS organisations_by_province_name; "
            "DROP INDEX IF EXISTS events_by_host; DROP INDEX IF EXISTS tasks_by_owner_org; "
            "DROP INDEX IF EXISTS affiliations_by_member_position; "
            "ALTER TABLE members DROP COLUMN sort_province; ALTER TABLE members DROP COLUMN "
            "sort_org; ALTER TABLE organisations DROP COLUMN sort_province; "
            "PRAGMA user_version = 2",
            NULL, NULL, NULL),
        SQLITE_OK);
    db_close(&db);
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    assert_int_equal(test_scalar(db, "PRAGMA user_version"), db_schema_version());
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &r, &err), 0);
    assert_string_equal(record_get(r, F_MEMBER_GIVEN_NAME), "สมชาย");
    record_free(&r);
    /* The event keeps its target and has the new, empty ones; organisations can be invited. */
    assert_int_equal(record_load(db, KIND_EVENT, event, &r, &err), 0);
    assert_string_equal(record_get(r, F_EVENT_TARGET), "70");
    assert_string_equal(record_get(r, F_EVENT_TARGET_SUBDISTRICTS), "");
    record_free(&r);
    char ev[32];
    snprintf(ev, sizeof ev, "%lld", event);
    test_add(db, KIND_INVITATION,
             (const struct field_value[]){{F_INVITATION_EVENT_ID, ev},
                                          {F_INVITATION_ORGANISATION, "มูลนิธิ ก"},
                                          {F_NONE, NULL}});
    db_close(&db);
    free(path);
}

static void model_saves_and_loads_member_with_links(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("links.db");
    test_add(db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "มูลนิธิเพื่อนชุมชน"}, {F_ORG_SHORT_NAME, "มพช."}, {F_NONE, NULL}});
    long long id =
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_FULL_NAME, "นางสาวจิราพร คงทอง"},
                                              {F_MEMBER_PHONE, "๐๘๑ ๒๓๔ ๕๖๗๘; +66 2 123 4567"},
                                              {F_MEMBER_ORGANISATIONS, "มพช."},
                                              {F_MEMBER_TAGS, "อาสา, ผู้นำ"},
                                              {F_MEMBER_PROVINCE, "Chiang Mai"},
                                              {F_NONE, NULL}});
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &r, &err), 0);
    assert_string_equal(record_get(r, F_MEMBER_TITLE), "นางสาว");
    assert_string_equal(record_get(r, F_MEMBER_GIVEN_NAME), "จิราพร");
    assert_string_equal(record_get(r, F_MEMBER_FAMILY_NAME), "คงทอง");
    assert_string_equal(record_get(r, F_MEMBER_PHONE), "081-234-5678; 02-123-4567");
    assert_string_equal(record_get(r, F_MEMBER_ORGANISATIONS), "มูลนิธิเพื่อนชุมชน");
    assert_string_equal(record_get(r, F_MEMBER_PROVINCE), "เชียงใหม่");
    assert_string_equal(record_get(r, F_MEMBER_TAGS), "ผู้นำ; อาสา");
    assert_int_equal(r->version, 1);
    record_free(&r);
    db_close(&db);
}

static void model_rejects_invalid_fields_naming_them(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("invalid.db");
    char *err = save_error(
        db, KIND_MEMBER, (const struct field_value[]){{F_MEMBER_FAMILY_NAME, "x"}, {F_NONE, NULL}});
    assert_contains(err, "given_name");
    free(err);
    err = save_error(db, KIND_MEMBER,
                     (const struct field_value[]){
                         {F_MEMBER_GIVEN_NAME, "ก"}, {F_MEMBER_PHONE, "12345"}, {F_NONE, NULL}});
    assert_contains(err, "phone");
    assert_contains(err, "12345");
    free(err);
    err = save_error(db, KIND_MEMBER,
                     (const struct field_value[]){
                         {F_MEMBER_GIVEN_NAME, "ก"}, {F_MEMBER_EMAIL, "nobody@"}, {F_NONE, NULL}});
    assert_contains(err, "email");
    free(err);
    err = save_error(db, KIND_EVENT,
                     (const struct field_value[]){{F_EVENT_TITLE, "ประชุม"},
                                                  {F_EVENT_START_DATE, "31 ก.พ. 2567"},
                                                  {F_NONE, NULL}});
    assert_contains(err, "31 ก.พ. 2567");
    free(err);
    err = save_error(db, KIND_EVENT,
                     (const struct field_value[]){{F_EVENT_TITLE, "ประชุม"},
                                                  {F_EVENT_START_DATE, "2 มี.ค. 2567"},
                                                  {F_EVENT_END_DATE, "1 มี.ค. 2567"},
                                                  {F_NONE, NULL}});
    assert_contains(err, "before");
    free(err);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit"), 0);
    db_close(&db);
}

/* A name, a title or a list is bounded in characters (Thai counted as a user counts it, not
 * in bytes), notes in bytes: a pasted book is refused naming the field. */
static void model_bounds_the_length_of_fields(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("bounds.db");
    struct strbuf name = STRBUF_INIT;
    for (int i = 0; i < 500; i++)
        sb_add(&name, "ก"); /* 500 characters, 1,500 bytes: allowed */
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, sb_str(&name)}, {F_NONE, NULL}});
    sb_add(&name, "ข");
    char *err = save_error(
        db, KIND_MEMBER,
        (const struct field_value[]){{F_MEMBER_GIVEN_NAME, sb_str(&name)}, {F_NONE, NULL}});
    assert_contains(err, "given_name");
    assert_contains(err, "too long: 501 characters (at most 500)");
    free(err);
    struct strbuf notes = STRBUF_INIT;
    for (int i = 0; i < 64 * 1024 / 8; i++)
        sb_add(&notes, "บันทึก\n"); /* 19 bytes each: over 64 KiB */
    err = save_error(db, KIND_MEMBER,
                     (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ก"},
                                                  {F_MEMBER_NOTES, sb_str(&notes)},
                                                  {F_NONE, NULL}});
    assert_contains(err, "notes");
    assert_contains(err, "(at most 64 KiB)");
    free(err);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 1);
    sb_free(&notes);
    sb_free(&name);
    db_close(&db);
}

/* The tab bar's counts are kept by triggers: they follow adds, deletes and restores and agree
 * with counting the rows. */
static void model_counts_follow_every_change(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("counts.db");
    long long a = test_add(
        db, KIND_MEMBER, (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ก"}, {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ข"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิ"}, {F_NONE, NULL}});
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_MEMBER, a, &err), 0);
    long long counts[KIND_COUNT];
    assert_int_equal(model_counts(db, counts, &err), 0);
    assert_int_equal(counts[KIND_MEMBER], 1);
    assert_int_equal(counts[KIND_ORG], 1);
    assert_int_equal(counts[KIND_EVENT], 0);
    assert_int_equal(record_restore(db, KIND_MEMBER, a, &err), 0);
    assert_int_equal(model_counts(db, counts, &err), 0);
    assert_int_equal(counts[KIND_MEMBER], 2);
    assert_int_equal(counts[KIND_MEMBER],
                     test_scalar(db, "SELECT count(*) FROM members WHERE deleted_at IS NULL"));
    db_close(&db);
}

/* A refusal is a value: the field and the message, rendered where it is shown. */
static void model_errors_name_the_field_by_identifier(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("errors.db");
    struct record *r = record_new(KIND_EVENT);
    record_set(r, F_EVENT_TITLE, "ประชุม");
    record_set(r, F_EVENT_START_DATE, "2 มี.ค. 2567");
    record_set(r, F_EVENT_END_DATE, "1 มี.ค. 2567");
    struct model_error e = {.field = F_NONE};
    assert_int_not_equal(record_save_why(db, r, &e), 0);
    assert_int_equal(e.field, F_EVENT_END_DATE);
    char *text = model_error_text(&e);
    assert_string_equal(text, "end_date: 2024-03-01 is before the start date 2024-03-02");
    free(text);
    text = model_error_message(&e);
    assert_string_equal(text, "2024-03-01 is before the start date 2024-03-02");
    free(text);
    assert_string_equal(model_error_field_label(&e), "End date");
    record_set(r, F_EVENT_END_DATE, "");
    record_set(r, F_EVENT_TITLE, "");
    assert_int_not_equal(record_save_why(db, r, &e), 0);
    assert_int_equal(e.field, F_EVENT_TITLE);
    model_error_clear(&e);
    record_free(&r);
    r = record_new(KIND_MEMBER);
    char *err = NULL;
    assert_int_not_equal(record_set_full_name(r, "นาย", &err), 0);
    assert_string_equal(err, "name: no given name in \"นาย\"");
    free(err);
    record_free(&r);
    db_close(&db);
}

static void model_detects_lost_update(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("lost.db");
    long long id =
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมศรี"}, {F_NONE, NULL}});
    struct record *mine, *theirs;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &mine, &err), 0);
    assert_int_equal(record_load(db, KIND_MEMBER, id, &theirs, &err), 0);
    record_set(theirs, F_MEMBER_NICKNAME, "ศรี");
    assert_int_equal(record_save(db, theirs, &err), 0);
    record_set(mine, F_MEMBER_NICKNAME, "หมี");
    assert_int_not_equal(record_save(db, mine, &err), 0);
    assert_contains(err, "was changed by");
    free(err);
    struct record *now;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &now, &err), 0);
    assert_string_equal(record_get(now, F_MEMBER_NICKNAME), "ศรี");
    assert_int_equal(now->version, 2);
    record_free(&mine);
    record_free(&theirs);
    record_free(&now);
    db_close(&db);
}

static void model_audits_changes_with_old_and_new_values(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("audit.db");
    long long id =
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "มานี"}, {F_NONE, NULL}});
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &r, &err), 0);
    record_set(r, F_MEMBER_NICKNAME, "นี");
    assert_int_equal(record_save(db, r, &err), 0);
    assert_int_equal(record_delete(db, KIND_MEMBER, id, &err), 0);
    assert_int_equal(record_restore(db, KIND_MEMBER, id, &err), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit WHERE table_name = 'members'"), 4);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit WHERE action = 'update' AND "
                                     "json_extract(old_values, '$.nickname') = '' AND "
                                     "json_extract(new_values, '$.nickname') = 'นี'"),
                     1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit WHERE who = '' OR who IS NULL"),
                     0);
    record_free(&r);
    db_close(&db);
}

static void model_soft_delete_hides_and_restore_brings_back(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("delete.db");
    long long id =
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ชูใจ"}, {F_NONE, NULL}});
    char *err = NULL;
    long long n;
    assert_int_equal(record_delete(db, KIND_MEMBER, id, &err), 0);
    struct list_query q = {.kind = KIND_MEMBER};
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 0);
    q.deleted = true;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_not_equal(record_delete(db, KIND_MEMBER, id, &err), 0);
    free(err);
    err = NULL;
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, id, &r, &err), 0);
    record_set(r, F_MEMBER_NICKNAME, "ใจ");
    assert_int_not_equal(record_save(db, r, &err), 0);
    assert_contains(err, "restore it first");
    free(err);
    err = NULL;
    assert_int_equal(record_restore(db, KIND_MEMBER, id, &err), 0);
    q.deleted = false;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    record_free(&r);
    db_close(&db);
}

static char *names_in_order(struct db *db, const struct list_query *q)
{
    struct record **rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(list_fetch(db, q, 0, 100, &rows, &n, &err), 0);
    char *out = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *next =
            xasprintf("%s%s%s", out, i ? "," : "", record_get(rows[i], F_MEMBER_GIVEN_NAME));
        free(out);
        out = next;
    }
    list_free(rows, n);
    return out;
}

static void model_sorts_members_by_given_name_in_thai_order(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("sort.db");
    const char *names[] = {"ขวัญ", "ไก่", "Anna", "กมล", "นายเกศินี", "อรุณ"};
    for (size_t i = 0; i < 6; i++)
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_FULL_NAME, names[i]}, {F_NONE, NULL}});
    struct list_query q = {.kind = KIND_MEMBER};
    char *order = names_in_order(db, &q);
    /* Latin first; เกศินี and ไก่ sort under ก; the title นาย plays no part. */
    assert_string_equal(order, "Anna,กมล,เกศินี,ไก่,ขวัญ,อรุณ");
    free(order);
    db_close(&db);
}

static char *search(struct db *db, const char *text)
{
    struct list_query q = {.kind = KIND_MEMBER, .search = text};
    return names_in_order(db, &q);
}

static void model_search_finds_substrings_phones_and_variants(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("search.db");
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "เครือข่ายอาสาภัยพิบัติ"}, {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "น้ำฝน"},
                                          {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                          {F_MEMBER_NICKNAME, "ฝน"},
                                          {F_MEMBER_PHONE, "081-234-5678"},
                                          {F_MEMBER_ORGANISATIONS, "เครือข่ายอาสาภัยพิบัติ"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "Somchai"},
                                          {F_MEMBER_FAMILY_NAME, "Rakthai"},
                                          {F_NONE, NULL}});
    char *got;
    got = search(db, "ใจด");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    /* SARA AM typed as NIKHAHIT + SARA AA finds the normal form. */
    got = search(db, "น\u0e49\u0e4d\u0e32ฝ");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "5678");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "๕๖๗๘");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "ภัยพิบัติ");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "SOMCH");
    assert_string_equal(got, "Somchai");
    free(got);
    got = search(db, "ฝ");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "ai");
    assert_string_equal(got, "Somchai");
    free(got);
    got = search(db, "ฝน ใจดี");
    assert_string_equal(got, "น้ำฝน");
    free(got);
    got = search(db, "\"");
    assert_string_equal(got, "");
    free(got);
    db_close(&db);
}

static void model_search_follows_organisation_rename(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("rename.db");
    long long org = test_add(
        db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "กลุ่มออมทรัพย์"}, {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "บุญมี"},
                                          {F_MEMBER_ORGANISATIONS, "กลุ่มออมทรัพย์"},
                                          {F_NONE, NULL}});
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_ORG, org, &r, &err), 0);
    record_set(r, F_ORG_NAME, "สหกรณ์ชุมชน");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    char *got = search(db, "สหกรณ์");
    assert_string_equal(got, "บุญมี");
    free(got);
    got = search(db, "ออมทรัพย์");
    assert_string_equal(got, "");
    free(got);
    db_close(&db);
}

static void model_event_range_and_summary(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("event.db");
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "อบต.บ้านใหม่"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิรักษ์ถิ่น"}, {F_NONE, NULL}});
    long long ev =
        test_add(db, KIND_EVENT,
                 (const struct field_value[]){{F_EVENT_TITLE, "เวทีเครือข่าย"},
                                              {F_EVENT_START_DATE, "24-25 มีค. 2552"},
                                              {F_EVENT_START_TIME, "13.30 – 17.30 น."},
                                              {F_EVENT_TARGET, "70"},
                                              {F_EVENT_QUOTAS, "ผู้บริหาร อปท.=40; เครือข่ายชุมชน=30"},
                                              {F_NONE, NULL}});
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_EVENT, ev, &r, &err), 0);
    assert_string_equal(record_get(r, F_EVENT_START_DATE), "2009-03-24");
    assert_string_equal(record_get(r, F_EVENT_END_DATE), "2009-03-25");
    assert_string_equal(record_get(r, F_EVENT_START_TIME), "13:30");
    assert_string_equal(record_get(r, F_EVENT_END_TIME), "17:30");
    record_free(&r);
    const char *people[] = {"ก้อง", "ขิม", "คำ"};
    const char *orgs[] = {"อบต.บ้านใหม่", "มูลนิธิรักษ์ถิ่น", "อบต.บ้านใหม่"};
    char evs[16];
    snprintf(evs, sizeof evs, "%lld", ev);
    for (int i = 0; i < 3; i++) {
        long long m = test_add(
            db, KIND_MEMBER,
            (const struct field_value[]){{F_MEMBER_GIVEN_NAME, people[i]}, {F_NONE, NULL}});
        char ms[16];
        snprintf(ms, sizeof ms, "%lld", m);
        test_add(db, KIND_ATTENDANCE,
                 (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, evs},
                                              {F_ATTENDANCE_MEMBER_ID, ms},
                                              {F_ATTENDANCE_STATUS, i < 2 ? "attended" : "absent"},
                                              {F_ATTENDANCE_ORGANISATION, orgs[i]},
                                              {F_ATTENDANCE_CATEGORY, "ผู้บริหาร อปท."},
                                              {F_NONE, NULL}});
    }
    struct event_summary s;
    assert_int_equal(event_summary(db, ev, &s, &err), 0);
    assert_int_equal(s.target, 70);
    assert_int_equal(s.attended, 2);
    assert_int_equal(s.absent, 1);
    assert_int_equal(s.organisations, 2);
    assert_int_equal(s.ncategories, 2);
    assert_string_equal(s.categories[0].category, "ผู้บริหาร อปท.");
    assert_int_equal(s.categories[0].target, 40);
    assert_int_equal(s.categories[0].attended, 2);
    event_summary_free(&s);
    db_close(&db);
}

static void model_attendance_once_per_person(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("once.db");
    test_add(db, KIND_EVENT,
             (const struct field_value[]){
                 {F_EVENT_TITLE, "อบรม"}, {F_EVENT_START_DATE, "1/1/2567"}, {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ดวงใจ"}, {F_NONE, NULL}});
    const struct field_value pairs[] = {{F_ATTENDANCE_EVENT_ID, "1"},
                                        {F_ATTENDANCE_MEMBER_ID, "1"},
                                        {F_ATTENDANCE_STATUS, "attended"},
                                        {F_NONE, NULL}};
    long long a = test_add(db, KIND_ATTENDANCE, pairs);
    char *err = save_error(db, KIND_ATTENDANCE, pairs);
    assert_contains(err, "already");
    free(err);
    err = NULL;
    /* Deleted and added again: the same row comes back, still once. */
    assert_int_equal(record_delete(db, KIND_ATTENDANCE, a, &err), 0);
    assert_int_equal(test_add(db, KIND_ATTENDANCE, pairs), a);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM attendance"), 1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM attendance WHERE checked_in_at IS NOT "
                                     "NULL AND checked_in_by <> ''"),
                     1);
    db_close(&db);
}

static void model_refuses_organisation_loops(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("loop.db");
    long long a = test_add(
        db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "เครือข่ายภาคเหนือ"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){
                 {F_ORG_NAME, "เครือข่ายเชียงใหม่"}, {F_ORG_PARENT, "1"}, {F_NONE, NULL}});
    test_add(
        db, KIND_ORG,
        (const struct field_value[]){{F_ORG_NAME, "กลุ่มแม่ริม"}, {F_ORG_PARENT, "2"}, {F_NONE, NULL}});
    struct record *r;
    char *err = NULL;
    assert_int_equal(record_load(db, KIND_ORG, a, &r, &err), 0);
    record_set(r, F_ORG_PARENT, "กลุ่มแม่ริม");
    assert_int_not_equal(record_save(db, r, &err), 0);
    assert_contains(err, "parent");
    free(err);
    record_free(&r);
    db_close(&db);
}

static void model_check_and_backup(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("check.db");
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมปอง"}, {F_NONE, NULL}});
    char *report = NULL, *err = NULL;
    assert_int_equal(db_check(db, &report, &err), 0);
    assert_null(report);
    char *copy = test_path("backup-copy.db");
    remove(copy);
    assert_int_equal(db_backup(db, copy, &err), 0);
    db_close(&db);
    assert_int_equal(db_open(copy, &db, &err), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 1);
    db_close(&db);
    free(copy);
}

static void model_saves_nest_in_an_outer_transaction(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("nest.db");
    char *err = NULL;
    assert_int_equal(db_begin(db, &err), 0);
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "หนึ่ง"}, {F_NONE, NULL}});
    /* A failing save inside rolls back only itself. */
    free(save_error(db, KIND_MEMBER,
                    (const struct field_value[]){
                        {F_MEMBER_GIVEN_NAME, "สอง"}, {F_MEMBER_PHONE, "1"}, {F_NONE, NULL}}));
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สาม"}, {F_NONE, NULL}});
    db_rollback(db);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 0);
    assert_int_equal(db_begin(db, &err), 0);
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สี่"}, {F_NONE, NULL}});
    assert_int_equal(db_commit(db, &err), 0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit"), 1);
    db_close(&db);
}

static void model_locked_database_fails_clearly_and_writes_nothing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("locked.db");
    char *path = test_path("locked.db");
    sqlite3 *other;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    db_set_busy_timeout(db, 50);
    char *err = save_error(
        db, KIND_MEMBER, (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "รอ"}, {F_NONE, NULL}});
    assert_contains(err, "busy");
    assert_contains(err, "locked.db");
    free(err);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 0);
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "ได้แล้ว"}, {F_NONE, NULL}});
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members"), 1);
    free(path);
    db_close(&db);
}

/* The statement cache goes by text: equal texts at two addresses share one statement, and
 * a composition freed and made again at the same address with other text gets its own. */
static void model_caches_statements_by_their_text(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("cache.db");
    char *err = NULL;
    char *a = xstrdup("SELECT count(*) FROM provinces"), *b = xstrdup(a);
    sqlite3_stmt *first = db_prepare(db, a, &err);
    assert_non_null(first);
    assert_ptr_equal(db_prepare(db, b, &err), first);
    free(a);
    free(b);
    char sql[32]; /* one address for every text, as a freed and reallocated composition */
    for (int i = 0; i < 64; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i);
        sqlite3_stmt *st = db_prepare(db, sql, &err);
        assert_non_null(st);
        assert_string_equal(sqlite3_sql(st), sql);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), i);
        sqlite3_reset(st);
    }
    db_close(&db);
}

/* Each identifier is its field's name in capitals, of its own kind and place, so code that
 * says F_EVENT_START_DATE means the column start_date. */
static void model_field_identifiers_match_their_names(void **state)
{
    (void)state;
    static const struct {
        enum field_id id;
        const char *spelt;
    } ids[] = {
#define ROW(ID) {ID, #ID},
#define MEMBER(ID, ...) ROW(F_MEMBER_##ID)
#define ORG(ID, ...) ROW(F_ORG_##ID)
#define EVENT(ID, ...) ROW(F_EVENT_##ID)
#define ATTENDANCE(ID, ...) ROW(F_ATTENDANCE_##ID)
#define TASK(ID, ...) ROW(F_TASK_##ID)
#define INVITATION(ID, ...) ROW(F_INVITATION_##ID)
#include "fields.def"
#undef ROW
    };
    int total = 0;
    for (int k = 0; k < KIND_COUNT; k++) {
        assert_true(kind_info(k)->nfields <= MAX_FIELDS);
        total += kind_info(k)->nfields;
    }
    assert_int_equal(sizeof ids / sizeof ids[0], total);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const struct kind_info *ki = kind_info(field_kind(ids[i].id));
        const char *name = field_info(ids[i].id)->name;
        char want[64];
        snprintf(want, sizeof want, "F_%s_", ki->name);
        for (char *c = want; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        size_t n = strlen(want);
        for (const char *c = name; *c && n + 1 < sizeof want; c++)
            want[n++] = (char)toupper((unsigned char)*c);
        want[n] = '\0';
        assert_string_equal(ids[i].spelt, want);
        assert_int_equal(field_index(ki, name), field_pos(ids[i].id));
        assert_int_equal(field_id(ki->kind, field_pos(ids[i].id)), ids[i].id);
    }
}

const struct CMUnitTest model_tests[] = {
    cmocka_unit_test(model_field_identifiers_match_their_names),
    cmocka_unit_test(model_caches_statements_by_their_text),
    cmocka_unit_test(model_locked_database_fails_clearly_and_writes_nothing),
    cmocka_unit_test(model_saves_nest_in_an_outer_transaction),
    cmocka_unit_test(model_migrates_new_database_to_latest),
    cmocka_unit_test(model_refuses_newer_database_untouched),
    cmocka_unit_test(model_upgrades_older_database_in_place),
    cmocka_unit_test(model_saves_and_loads_member_with_links),
    cmocka_unit_test(model_rejects_invalid_fields_naming_them),
    cmocka_unit_test(model_bounds_the_length_of_fields),
    cmocka_unit_test(model_counts_follow_every_change),
    cmocka_unit_test(model_errors_name_the_field_by_identifier),
    cmocka_unit_test(model_detects_lost_update),
    cmocka_unit_test(model_audits_changes_with_old_and_new_values),
    cmocka_unit_test(model_soft_delete_hides_and_restore_brings_back),
    cmocka_unit_test(model_sorts_members_by_given_name_in_thai_order),
    cmocka_unit_test(model_search_finds_substrings_phones_and_variants),
    cmocka_unit_test(model_search_follows_organisation_rename),
    cmocka_unit_test(model_event_range_and_summary),
    cmocka_unit_test(model_attendance_once_per_person),
    cmocka_unit_test(model_refuses_organisation_loops),
    cmocka_unit_test(model_check_and_backup),
};
const size_t model_tests_count = sizeof model_tests / sizeof model_tests[0];
