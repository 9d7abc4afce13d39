/* Tests of the demo data generator (small size only: the large one is for `make bench`). */
#include "db.h"
#include "demo.h"
#include "model.h"
#include "store_internal.h"
#include "test_support.h"
#include "thainorm.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct db *demo_db(const char *name)
{
    struct db *db = test_fresh_db(name);
    char *err = NULL;
    if (demo_fill(db, DEMO_SMALL, NULL, &err) != 0) fail_msg("demo_fill: %s", err);
    return db;
}

static long long count(struct db *db, enum kind k)
{
    struct list_query q = {.kind = k};
    long long n = -1;
    char *err = NULL;
    if (list_count(db, &q, &n, &err) != 0) fail_msg("list_count: %s", err);
    return n;
}

/* The given names of the members a search finds (first page), joined by spaces. */
static char *search_members(struct db *db, const char *text)
{
    struct list_query q = {.kind = KIND_MEMBER, .search = text};
    struct record **rows;
    size_t n;
    char *err = NULL;
    if (list_fetch(db, &q, 0, 50, &rows, &n, &err) != 0) fail_msg("list_fetch: %s", err);
    char *names = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *next = xasprintf("%s %s", names, record_get(rows[i], F_MEMBER_GIVEN_NAME));
        free(names);
        names = next;
    }
    list_free(rows, n);
    return names;
}

static void demo_small_has_the_promised_counts(void **state)
{
    (void)state;
    struct db *db = demo_db("counts.db");
    assert_int_equal(count(db, KIND_MEMBER), 300);
    assert_int_equal(count(db, KIND_ORG), 40);
    assert_int_equal(count(db, KIND_EVENT), 30);
    assert_int_equal(count(db, KIND_ATTENDANCE), 1500);
    assert_int_equal(count(db, KIND_TASK), 100);
    char *report = NULL, *err = NULL;
    int rc = db_check(db, &report, &err);
    if (rc != 0) fail_msg("db_check: %s", report ? report : err);
    assert_int_equal(test_scalar(db, "PRAGMA foreign_keys"), 1); /* put back after the fill */
    /* filled with a rollback journal, then back to the write-ahead log others rely on */
    assert_int_equal(test_scalar(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM audit"), 1);
    db_close(&db);
}

static void demo_members_are_found_by_search(void **state)
{
    (void)state;
    struct db *db = demo_db("search.db");
    char *names = search_members(db, "ด้วงฉุย"); /* trigram index */
    assert_contains(names, "วาสนา");
    free(names);
    names = search_members(db, "วาสนา ด้วงฉุย");
    assert_contains(names, "วาสนา");
    free(names);
    names = search_members(db, "วา"); /* too short for trigrams: scanned */
    assert_contains(names, "วาสนา");
    free(names);
    names = search_members(db, "jiraporn"); /* e-mail and LINE ID */
    assert_contains(names, "จิราพร");
    free(names);
    /* An organisation's name finds its members, through the key's organisation part. */
    long long org_members = test_scalar(db, "SELECT count(DISTINCT member_id) FROM affiliations a "
                                            "JOIN organisations o ON o.id = a.org_id "
                                            "WHERE o.short_name = 'พอช.'");
    struct list_query q = {.kind = KIND_MEMBER, .search = "พอช."};
    long long n = 0;
    char *err = NULL;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    assert_true(n >= org_members);
    db_close(&db);
}

static void demo_refuses_a_database_with_members(void **state)
{
    (void)state;
    struct db *db = demo_db("twice.db");
    char *err = NULL;
    assert_int_equal(demo_fill(db, DEMO_SMALL, NULL, &err), -1);
    assert_non_null(err);
    assert_contains(err, "already holds 300 members");
    free(err);
    assert_int_equal(count(db, KIND_MEMBER), 300);
    assert_int_equal(count(db, KIND_ORG), 40);
    db_close(&db);
}

/* Everything but the fill's own timestamps, member by member in id order. */
static char *member_fingerprint(struct db *db)
{
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(db),
                           "SELECT group_concat(title || given_name || family_name || nickname || "
                           "email || coalesce(province, '') || search_key, '|') FROM (SELECT * "
                           "FROM members ORDER BY id)",
                           -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *s = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return s;
}

static void demo_is_deterministic(void **state)
{
    (void)state;
    struct db *a = demo_db("same1.db"), *b = demo_db("same2.db");
    char *fa = member_fingerprint(a), *fb = member_fingerprint(b);
    assert_string_equal(fa, fb);
    assert_int_equal(test_scalar(a, "SELECT sum(event_id * 7 + member_id) FROM attendance"),
                     test_scalar(b, "SELECT sum(event_id * 7 + member_id) FROM attendance"));
    free(fa);
    free(fb);
    db_close(&a);
    db_close(&b);
}

static void demo_data_looks_like_the_networks(void **state)
{
    (void)state;
    struct db *db = demo_db("shape.db");
    assert_int_equal(test_scalar(db, "SELECT count(DISTINCT kind) FROM organisations"), 12);
    assert_int_equal(test_scalar(db, "SELECT count(DISTINCT kind) FROM events"), 7);
    /* national -> provincial -> district -> community */
    assert_true(test_scalar(db, "WITH RECURSIVE up(id, depth) AS (SELECT id, 1 FROM organisations "
                                "WHERE parent_id IS NULL UNION ALL SELECT o.id, depth + 1 FROM "
                                "organisations o JOIN up ON o.parent_id = up.id) SELECT max(depth) "
                                "FROM up") >= 3);
    /* The representing organisation is one of the member's own. */
    assert_int_equal(test_scalar(db,
                                 "SELECT count(*) FROM attendance a WHERE org_id IS NOT NULL AND "
                                 "NOT EXISTS (SELECT 1 FROM affiliations f WHERE f.member_id = "
                                 "a.member_id AND f.org_id = a.org_id)"),
                     0);
    /* Held events are past, planned ones future (against mid-November 2026). */
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM events WHERE status = 'held' AND "
                                     "start_date >= '2026-11-15'"),
                     0);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM events WHERE status = 'planned' AND "
                                     "start_date < '2026-11-15'"),
                     0);
    assert_int_equal(test_scalar(db,
                                 "SELECT count(*) FROM attendance WHERE status = 'attended' AND "
                                 "(checked_in_at IS NULL OR checked_in_by IS NULL)"),
                     0);
    assert_true(test_scalar(db, "SELECT count(*) FROM member_phones WHERE phone GLOB "
                                "'0[689][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'") > 300);
    assert_int_equal(
        test_scalar(db, "SELECT count(*) FROM member_phones WHERE length(phone) <> 10"), 0);
    assert_true(test_scalar(db, "SELECT count(*) FROM members WHERE given_name GLOB '*[เแโใไ]*'") >
                0);
    db_close(&db);
}

/* Names are stored as khai stores typed text, so searching and sorting treat them alike. */
static void demo_text_is_normalised(void **state)
{
    (void)state;
    struct db *db = demo_db("norm.db");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db),
                                        "SELECT title, given_name, family_name, nickname FROM "
                                        "members UNION ALL SELECT name, short_name, '', '' FROM "
                                        "organisations UNION ALL SELECT title, venue, '', '' FROM "
                                        "events",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < 4; c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            char *norm = text_normalize(v, 0);
            assert_string_equal(norm, v);
            free(norm);
        }
    }
    sqlite3_finalize(st);
    db_close(&db);
}

/* A member saved again through the model keeps the search key the demo wrote. */
static void demo_search_keys_match_the_model(void **state)
{
    (void)state;
    struct db *db = demo_db("keys.db");
    for (long long id = 1; id <= 300; id += 37) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT search_key FROM members WHERE id = %lld", id);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        char *before = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
        struct record *r = NULL;
        char *err = NULL;
        assert_int_equal(record_load(db, KIND_MEMBER, id, &r, &err), 0);
        record_set(r, F_MEMBER_NOTES, "ตรวจแล้ว");
        if (record_save(db, r, &err) != 0) fail_msg("record_save of member %lld: %s", id, err);
        record_free(&r);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), before);
        sqlite3_finalize(st);
        free(before);
    }
    db_close(&db);
}

/* ------------------------------------------------------------------------------------------
 * The set-wise build of derived data (derive_after) against the triggers, row by row */

/* Columns that hold the time of the fill, which two fills a moment apart do not share, and
 * the database's own random seed (database_identity). */
static bool fill_time(const char *column)
{
    return strcmp(column, "created_at") == 0 || strcmp(column, "seed") == 0 ||
           strcmp(column, "updated_at") == 0 || strcmp(column, "at") == 0 ||
           strcmp(column, "status_at") == 0;
}

/* Every row of one table in its stored order (rowid or primary key), its fill times left
 * out, as text. */
static char *table_dump(struct db *db, const char *table)
{
    char *sql = xasprintf("SELECT * FROM \"%s\"", table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    struct strbuf sb = STRBUF_INIT;
    long long rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            if (fill_time(sqlite3_column_name(st, c))) continue;
            const unsigned char *v = sqlite3_column_text(st, c);
            sb_addf(&sb, "%s|", v ? (const char *)v : "NULL");
        }
        sb_addc(&sb, '\n');
        rows++;
    }
    sqlite3_finalize(st);
    free(sql);
    sb_addf(&sb, "(%lld rows)", rows);
    return sb_take(&sb);
}

/* The ordinary tables (not SQLite's own, not the full-text indexes' shadow tables). */
static char **plain_tables(struct db *db, size_t *n)
{
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(db),
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                           "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND NOT EXISTS "
                           "(SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL%' "
                           "AND sqlite_master.name LIKE v.name || '_%') ORDER BY name",
                           -1, &st, NULL),
        SQLITE_OK);
    char **names = NULL;
    *n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        names = xrealloc(names, sizeof *names * (*n + 1));
        names[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return names;
}

static char *schema_text(struct db *db)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db),
                                        "SELECT type, name, sql FROM sqlite_master ORDER BY "
                                        "type, name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    struct strbuf sb = STRBUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW)
        sb_addf(&sb, "%s %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
                sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
    sqlite3_finalize(st);
    return sb_take(&sb);
}

/* The ids a full-text query finds, in order. */
static char *fts_ids(struct db *db, const char *table, const char *term)
{
    char *sql = xasprintf("SELECT group_concat(rowid) FROM (SELECT rowid FROM %s WHERE %s "
                          "MATCH ?1 ORDER BY rowid)",
                          table, table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, term, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    char *ids = xstrdup(v ? (const char *)v : "");
    sqlite3_finalize(st);
    free(sql);
    return ids;
}

static void same_fts_results(struct db *a, struct db *b, const char *table, const char *term)
{
    char *ia = fts_ids(a, table, term), *ib = fts_ids(b, table, term);
    assert_string_equal(ia, ib);
    free(ia);
    free(ib);
}

/* Terms of one to three letters taken from the members' own keys, quoted for MATCH. */
static void same_search_results(struct db *a, struct db *b)
{
    for (long long id = 1; id <= 40; id += 3) {
        char *sql = xasprintf("SELECT '\"' || substr(search_key, 1 + %lld %% 5, 3) || '\"', "
                              "'\"' || substr(search_key, 2, 2) || '\"', "
                              "'\"' || substr(search_key, 3, 1) || '\"' "
                              "FROM members WHERE id = %lld",
                              id, id);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db_handle(a), sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        same_fts_results(a, b, "members_fts", (const char *)sqlite3_column_text(st, 0));
        same_fts_results(a, b, "members_grams", (const char *)sqlite3_column_text(st, 1));
        same_fts_results(a, b, "members_grams", (const char *)sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
        free(sql);
    }
    same_fts_results(a, b, "organisations_fts", "\"มูลนิธิ\"");
}

static void demo_set_wise_build_matches_row_by_row(void **state)
{
    (void)state;
    struct db *a = test_fresh_db("setwise.db"), *b = test_fresh_db("rowwise.db");
    char *err = NULL;
    if (demo_fill(a, DEMO_SMALL, NULL, &err) != 0) fail_msg("demo_fill: %s", err);
    if (demo_fill_row_by_row(b, DEMO_SMALL, NULL, &err) != 0) fail_msg("row by row: %s", err);
    /* Row by row, a member's affiliations are written before the member (the bulk write copies
     * members in at its next flush), so the trigger that keeps sort_org finds no member to
     * update and every demo member kept ''. The set-wise build is right; the reference is put
     * right with migration 015's own statement. */
    assert_int_equal(test_scalar(b, "SELECT count(*) FROM members WHERE sort_org <> ''"), 0);
    assert_int_equal(sqlite3_exec(db_handle(b),
                                  "UPDATE members SET sort_org = coalesce((SELECT o.name FROM "
                                  "affiliations a JOIN organisations o ON o.id = a.org_id "
                                  "WHERE a.member_id = members.id ORDER BY a.position LIMIT 1), "
                                  "'') WHERE id IN (SELECT member_id FROM affiliations)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* the triggers are all back, as they were */
    char *sa = schema_text(a), *sb = schema_text(b);
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
    size_t n;
    char **tables = plain_tables(a, &n);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        char *da = table_dump(a, tables[i]), *db_ = table_dump(b, tables[i]);
        if (strcmp(da, db_) != 0) fail_msg("table %s differs", tables[i]);
        free(da);
        free(db_);
        free(tables[i]);
    }
    free(tables);
    /* what the derived tables hold is not nothing */
    assert_true(test_scalar(a, "SELECT count(*) FROM reach") > 100);
    assert_true(test_scalar(a, "SELECT count(*) FROM event_groups") > 0);
    assert_true(test_scalar(a, "SELECT count(*) FROM task_owners") > 0);
    assert_true(test_scalar(a, "SELECT count(*) FROM members WHERE sort_org <> ''") > 0);
    assert_int_equal(test_scalar(a, "SELECT n FROM live_counts WHERE tbl = 'attendance'"),
                     test_scalar(a, "SELECT count(*) FROM attendance WHERE deleted_at IS NULL"));
    same_search_results(a, b);
    assert_int_equal(test_scalar(a, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* the indexes made after the fill hold every row */
    assert_int_equal(test_scalar(a, "SELECT count(*) FROM pragma_integrity_check WHERE "
                                    "integrity_check <> 'ok'"),
                     0);
    db_close(&a);
    db_close(&b);
}

/* A member added after the demo still reaches the derived data through the triggers, which
 * the set-wise build put back. */
static void demo_triggers_work_after_the_set_wise_build(void **state)
{
    (void)state;
    struct db *db = demo_db("after.db");
    long long members = test_scalar(db, "SELECT n FROM live_counts WHERE tbl = 'members'");
    long long reach = test_scalar(db, "SELECT coalesce(sum(n), 0) FROM reach WHERE kind = 0");
    assert_int_equal(
        sqlite3_exec(db_handle(db),
                     "INSERT INTO members (given_name, family_name, search_key, created_at, "
                     "updated_at, updated_by) VALUES ('ทดสอบ', 'หลังเดโม', "
                     "'ทดสอบหลังเดโม', 'x', 'x', 'x'); "
                     "INSERT INTO attendance (event_id, member_id, status, "
                     "created_at, updated_at, updated_by) SELECT min(id), "
                     "last_insert_rowid(), 'attended', 'x', 'x', 'x' FROM events "
                     "WHERE deleted_at IS NULL",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(test_scalar(db, "SELECT n FROM live_counts WHERE tbl = 'members'"),
                     members + 1);
    assert_int_equal(test_scalar(db, "SELECT coalesce(sum(n), 0) FROM reach WHERE kind = 0"),
                     reach + 1);
    assert_int_equal(test_scalar(db, "SELECT count(*) FROM members_fts WHERE members_fts "
                                     "MATCH '\"หลังเดโม\"'"),
                     1);
    db_close(&db);
}

const struct CMUnitTest demo_tests[] = {
    cmocka_unit_test(demo_small_has_the_promised_counts),
    cmocka_unit_test(demo_members_are_found_by_search),
    cmocka_unit_test(demo_refuses_a_database_with_members),
    cmocka_unit_test(demo_is_deterministic),
    cmocka_unit_test(demo_data_looks_like_the_networks),
    cmocka_unit_test(demo_text_is_normalised),
    cmocka_unit_test(demo_search_keys_match_the_model),
    cmocka_unit_test(demo_set_wise_build_matches_row_by_row),
    cmocka_unit_test(demo_triggers_work_after_the_set_wise_build),
};
const size_t demo_tests_count = sizeof demo_tests / sizeof demo_tests[0];
