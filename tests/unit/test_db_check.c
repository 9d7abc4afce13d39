/* Tests of `khai check`'s findings: what db_check reports, in the interface's language. */
#include "db.h"
#include "messages.h"
#include "store_internal.h"
#include "test_support.h"

#include <stdlib.h>

static void exec_sql(struct db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s", msg);
}

static void db_check_names_cycles_and_broken_references(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("check.db");
    char *report = NULL, *err = NULL;
    assert_int_equal(db_check(db, &report, &err), 0);
    assert_null(report);
    exec_sql(db, "INSERT INTO organisations (id, name, created_at, updated_at, updated_by) VALUES "
                 "(1, 'ก', 'now', 'now', 'test'), (2, 'ข', 'now', 'now', 'test'), "
                 "(3, 'ค', 'now', 'now', 'test');"
                 "PRAGMA foreign_keys = OFF;"
                 "UPDATE organisations SET parent_id = 2 WHERE id = 1;"
                 "UPDATE organisations SET parent_id = 1 WHERE id = 2;"
                 "UPDATE organisations SET parent_id = 99 WHERE id = 3;"
                 "PRAGMA foreign_keys = ON;");
    assert_int_equal(db_check(db, &report, &err), 1);
    assert_contains(report, "organisation 1 is its own ancestor");
    assert_contains(report, "organisation 2 is its own ancestor");
    assert_contains(report, "broken reference (table, row, the table it refers to, key): "
                            "organisations 3 organisations");
    free(report);
    messages_init(true);
    assert_int_equal(db_check(db, &report, &err), 1);
    assert_contains(report, "องค์กร 1 เป็นองค์กรแม่ของตัวเอง");
    assert_contains(report, "การอ้างอิงเสีย (ตาราง แถว ตารางที่อ้างถึง คีย์): organisations 3");
    free(report);
    messages_init(false);
    db_close(&db);
}

/* The quick check looks each distinct value up once instead of each row: it must still find
 * every broken reference, in a table with an index on the column (attendance.member_id) and
 * without one (attendance.org_id), and name the rows as PRAGMA foreign_key_check does. */
static void quick_check_finds_the_references_the_full_one_does(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("check-quick.db");
    exec_sql(
        db,
        "INSERT INTO organisations (id, name, created_at, updated_at, updated_by) VALUES "
        "(1, 'ก', 'now', 'now', 'test');"
        "INSERT INTO members (id, given_name, created_at, updated_at, updated_by) VALUES "
        "(1, 'สมชาย', 'now', 'now', 'test'), (2, 'สมหญิง', 'now', 'now', 'test');"
        "INSERT INTO events (id, title, start_date, end_date, created_at, updated_at, updated_by) "
        "VALUES (1, 'ประชุม', '2026-01-01', '2026-01-01', 'now', 'now', 'test');"
        "INSERT INTO attendance (id, event_id, member_id, org_id, created_at, updated_at, "
        "updated_by) VALUES (7, 1, 1, 1, 'now', 'now', 'test'), "
        "(8, 1, 2, 1, 'now', 'now', 'test');");
    char *report = NULL, *full = NULL, *err = NULL;
    assert_int_equal(db_check_depth(db, false, &report, &err), 0);
    assert_null(report);
    exec_sql(db, "PRAGMA foreign_keys = OFF; DELETE FROM members WHERE id = 2;"
                 "UPDATE attendance SET org_id = 5 WHERE id = 7; PRAGMA foreign_keys = ON;");
    assert_int_equal(db_check_depth(db, false, &report, &err), 1);
    assert_contains(report, "broken reference (table, row, the table it refers to, key): "
                            "attendance 8 members");
    assert_contains(report, "broken reference (table, row, the table it refers to, key): "
                            "attendance 7 organisations");
    assert_int_equal(db_check_depth(db, true, &full, &err), 1);
    assert_string_equal(report, full);
    free(report);
    free(full);
    db_close(&db);
}

const struct CMUnitTest db_check_tests[] = {
    cmocka_unit_test(db_check_names_cycles_and_broken_references),
    cmocka_unit_test(quick_check_finds_the_references_the_full_one_does),
};
const size_t db_check_tests_count = sizeof db_check_tests / sizeof db_check_tests[0];
