/* Tests of the short-substring index (schema/018-grams.sql, src/store/grams.c): a search of
 * one or two letters finds exactly the members whose key holds them, by the index or by the
 * walk, through edits and deletes, and its plan reads no table of members whole. */
#include "db.h"
#include "grams.h"
#include "model.h"
#include "store_internal.h"
#include "strbuf.h"
#include "test_support.h"
#include "thainorm.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names that hold what Thai keys are made of: tone marks and vowels above and below (ก่ ก้
 * ปู่ ชื่น), sara am (คำ, น้ำ), leading vowels, Latin in both cases, digits in the phones,
 * and the spaces between the parts of a key. */
static const char *const givens[] = {"สมชาย", "น้ำผึ้ง", "ปู่คำ",     "ชื่นจิต",    "เกศินี",
                                     "ก้อง",   "Anna", "somchai", "ฮาลีเมาะ", "ฤดี"};
static const char *const families[] = {"ใจดี",  "คำแสง", "ศรีสุข",   "Schmidt",
                                       "บุญมา", "ด้วงฉุย", "O'Neil", "ทองคำ"};
static const char *const nicknames[] = {"", "ต่าย", "ฝน", "Kim", "ป้อม", "อ๋อ"};

static struct db *fill(const char *name, int n)
{
    struct db *db = test_fresh_db(name);
    for (int i = 0; i < n; i++) {
        char phone[16];
        snprintf(phone, sizeof phone, "08%d%07d", i % 10, (i * 7919) % 10000000);
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, givens[i % 10]},
                                              {F_MEMBER_FAMILY_NAME, families[(i / 3) % 8]},
                                              {F_MEMBER_NICKNAME, nicknames[(i / 7) % 6]},
                                              {F_MEMBER_PHONE, i % 4 ? phone : ""},
                                              {F_NONE, NULL}});
    }
    return db;
}

/* Every one- and two-code-point piece of the members' keys without a space, and a few that
 * no key has: each once, in *n. */
static char **short_terms(struct db *db, size_t *n)
{
    static const char *const absent[] = {"ฮฮ", "zz", "9x", "ฬ", "ๆ"};
    size_t cap = 64;
    char **terms = xcalloc(cap, sizeof *terms);
    *n = 0;
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        terms[(*n)++] = xstrdup(absent[i]);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(db), "SELECT DISTINCT search_key FROM members", -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        size_t len = strlen(key);
        for (size_t at = 0; at < len;) {
            uint32_t cp;
            size_t one = utf8_decode(key + at, len - at, &cp);
            for (size_t span = one, k = 0; k < 2 && at + span <= len; k++) {
                char *term = xasprintf("%.*s", (int)span, key + at);
                bool fresh = !strchr(term, ' ');
                for (size_t j = 0; fresh && j < *n; j++)
                    fresh = strcmp(terms[j], term) != 0;
                if (!fresh) {
                    free(term);
                } else {
                    if (*n == cap) terms = xrealloc(terms, sizeof *terms * (cap *= 2));
                    terms[(*n)++] = term;
                }
                if (at + span >= len) break;
                span += utf8_decode(key + at + span, len - at - span, &cp);
            }
            at += one;
        }
    }
    sqlite3_finalize(st);
    return terms;
}

/* The ids whose key holds term, in the list's order, read by a scan of every key (term is
 * made a key as a search makes it: a lone vowel mark stands on a dotted circle). */
static char *scanned(struct db *db, const char *term, bool deleted)
{
    char *key = text_search_key(term);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(db),
                           "SELECT id FROM members WHERE (deleted_at IS NOT NULL) = ?2 AND "
                           "instr(search_key, ?1) > 0 ORDER BY given_name COLLATE thai, "
                           "family_name COLLATE thai, id",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, deleted);
    struct strbuf sb = STRBUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW)
        sb_addf(&sb, "%lld ", sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    free(key);
    return sb_take(&sb);
}

/* The ids the index holds for term and those whose key holds it, live or deleted, in id
 * order: the two must be the same. */
static void assert_index_matches_keys(struct db *db, const char *term)
{
    char *phrase = xasprintf("\"%s\"", term);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db_handle(db),
                           "SELECT (SELECT group_concat(rowid) FROM (SELECT rowid FROM "
                           "members_grams WHERE members_grams MATCH ?1 ORDER BY rowid)) IS "
                           "(SELECT group_concat(id) FROM (SELECT id FROM members WHERE "
                           "instr(search_key, ?2) > 0 ORDER BY id))",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, term, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    if (!sqlite3_column_int(st, 0)) fail_msg("the grams index disagrees with the keys on %s", term);
    sqlite3_finalize(st);
    free(phrase);
}

static char *listed(struct db *db, const char *term, bool deleted)
{
    struct list_query q = {.kind = KIND_MEMBER, .search = term, .deleted = deleted};
    struct record **rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(list_fetch(db, &q, 0, 10000, &rows, &n, &err), 0);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%lld ", rows[i]->id);
    list_free(rows, n);
    return sb_take(&sb);
}

/* Each short term, by the index (a cap no search reaches) and by the walk (cap 0), lists
 * what the scan finds, live and deleted. */
static void assert_searches_match_scan(struct db *db)
{
    size_t n;
    char **terms = short_terms(db, &n);
    assert_true(n > 100);
    for (size_t i = 0; i < n; i++) {
        assert_index_matches_keys(db, terms[i]);
        for (int deleted = 0; deleted < 2; deleted++) {
            char *want = scanned(db, terms[i], deleted);
            for (int cap = 0; cap < 2; cap++) {
                list_set_sparse_cap(cap ? 1000000 : 0);
                char *got = listed(db, terms[i], deleted);
                if (strcmp(got, want) != 0)
                    fail_msg("search %s (%s, %s): %s instead of %s", terms[i],
                             cap ? "index" : "walk", deleted ? "deleted" : "live", got, want);
                free(got);
            }
            free(want);
        }
        free(terms[i]);
    }
    free(terms);
    list_set_sparse_cap(-1);
}

/* Longer terms (the trigram index's rows, kept as ids) and several terms together, short and
 * long, by the indexes and by the walk: what the scan finds for every term at once. */
static void assert_long_searches_match_scan(struct db *db)
{
    static const char *const searches[] = {"สมชาย", "ชาย", "somchai", "คำแสง", "ใจดี", "081", "น้ำผึ้ง",
                                           "ส ใจดี", "คำ ทอง", "so ai", "ฮฮฮ",
                                           /* long terms read by their rarest trigrams, whose
                                            * rows the key test must narrow */
                                           "ทองคำแสง", "ศรีสุขใจ", "chaischmidt"};
    for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++) {
        char *terms = xstrdup(searches[i]);
        char *want = NULL;
        for (char *term = terms, *next; term; term = next) {
            next = strchr(term, ' ');
            if (next) *next++ = '\0';
            char *ids = scanned(db, term, false);
            if (!want) {
                want = ids;
                continue;
            }
            /* the ids in want's order that ids has too */
            struct strbuf both = STRBUF_INIT;
            char *padded = xasprintf(" %s", ids);
            for (char *id = strtok(want, " "); id; id = strtok(NULL, " ")) {
                char *needle = xasprintf(" %s ", id);
                if (strstr(padded, needle)) sb_addf(&both, "%s ", id);
                free(needle);
            }
            free(padded);
            free(ids);
            free(want);
            want = both.s ? sb_take(&both) : xstrdup("");
        }
        for (int cap = 0; cap < 2; cap++) {
            list_set_sparse_cap(cap ? 1000000 : 0);
            char *got = listed(db, searches[i], false);
            if (strcmp(got, want) != 0)
                fail_msg("search %s (%s): %s instead of %s", searches[i], cap ? "index" : "walk",
                         got, want);
            free(got);
        }
        free(want);
        free(terms);
    }
    list_set_sparse_cap(-1);
}

static void grams_short_searches_find_what_a_scan_finds(void **state)
{
    (void)state;
    list_set_sparse_cap(-1);
    struct db *db = fill("grams.db", 120);
    assert_searches_match_scan(db);
    assert_long_searches_match_scan(db);
    db_close(&db);
}

static void grams_index_follows_edits_and_deletes(void **state)
{
    (void)state;
    list_set_sparse_cap(-1);
    struct db *db = fill("grams_edits.db", 60);
    char *err = NULL;
    /* a name changed: the old grams go, the new ones come */
    struct record *r;
    assert_int_equal(record_load(db, KIND_MEMBER, 3, &r, &err), 0);
    record_set(r, F_MEMBER_GIVEN_NAME, "ฬาฬิกา");
    record_set(r, F_MEMBER_NICKNAME, "Zed");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    assert_int_equal(record_delete(db, KIND_MEMBER, 5, &err), 0);
    assert_int_equal(record_delete(db, KIND_MEMBER, 8, &err), 0);
    /* a row gone from the table (as a merge's undo may do): gone from the index too */
    assert_int_equal(sqlite3_exec(db_handle(db),
                                  "PRAGMA foreign_keys = OFF; DELETE FROM members WHERE id = 9; "
                                  "PRAGMA foreign_keys = ON",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char *got = listed(db, "ฬา", false);
    assert_string_equal(got, "3 ");
    free(got);
    got = listed(db, "ze", false);
    assert_string_equal(got, "3 ");
    free(got);
    assert_searches_match_scan(db);
    assert_long_searches_match_scan(db);
    db_close(&db);
}

/* The plan of a short search reads the grams index, not every member. */
static void grams_short_search_plan_reads_no_table_whole(void **state)
{
    (void)state;
    list_set_sparse_cap(-1);
    struct db *db = fill("grams_plan.db", 20);
    static const char *const terms[] = {"ส", "สม", "k", "08", "ส ม", "สม ใจดี"};
    char *err = NULL;
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        struct list_query q = {.kind = KIND_MEMBER, .search = terms[i]};
        for (int count = 0; count < 2; count++) {
            const char *sql = list_sql(db, &q, count, false, &err);
            assert_non_null(sql);
            char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
            sqlite3_stmt *st;
            assert_int_equal(sqlite3_prepare_v2(db_handle(db), explain, -1, &st, NULL), SQLITE_OK);
            struct strbuf plan = STRBUF_INIT;
            while (sqlite3_step(st) == SQLITE_ROW)
                sb_addf(&plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
            sqlite3_finalize(st);
            free(explain);
            if (!strstr(plan.s, "members_grams") && !strstr(plan.s, "members_fts"))
                fail_msg("search %s reads no index:\n%s", terms[i], plan.s);
            for (const char *scan = strstr(plan.s, "SCAN "); scan;
                 scan = strstr(scan + 1, "SCAN ")) {
                size_t len = strcspn(scan + 5, " \n");
                if ((len == 1 && scan[5] == 'm') || (len == 7 && !strncmp(scan + 5, "members", 7)))
                    fail_msg("search %s scans the members:\n%s", terms[i], plan.s);
            }
            sb_free(&plan);
        }
    }
    db_close(&db);
}

const struct CMUnitTest grams_tests[] = {
    cmocka_unit_test(grams_short_searches_find_what_a_scan_finds),
    cmocka_unit_test(grams_index_follows_edits_and_deletes),
    cmocka_unit_test(grams_short_search_plan_reads_no_table_whole),
};
const size_t grams_tests_count = sizeof grams_tests / sizeof grams_tests[0];
