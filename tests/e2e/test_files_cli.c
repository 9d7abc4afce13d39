/* End-to-end tests of the files khai writes and opens (issue 8, section 4): modes 0600
 * whatever the umask, rejects that never follow a link or clobber a file, exports and backups
 * through a temporary file, standard input and output as "-", and read-only commands that
 * never create or change a database. */
#include "test_support.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void expect(struct run_result *r, int status, const char *what)
{
    if (r->status != status)
        fprintf(stderr, "%s: exit %d, not %d\nstdout: [%s]\nstderr: [%s]\n", what, r->status,
                status, r->out, r->err);
    assert_int_equal(r->status, status);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
}

static int mode_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) fail_msg("%s is missing", path);
    return (int)(st.st_mode & 07777);
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static char *joined(const char *a, const char *b)
{
    return xasprintf("%s%s", a, b);
}

static const char sheet[] = "given_name,email\nสมศรี,somsri@example.org\nสมปอง,not-an-email\n";

static void files_are_the_owners_only_whatever_the_umask(void **state)
{
    (void)state;
    mode_t old = umask(0);
    char *db = test_fresh_db_path(__func__), *csv = test_path("umask-sheet.csv");
    char *out = test_path("umask-export.csv"), *copy = test_path("umask-backup.db");
    char *rejects = joined(csv, ".rejects.csv"), *wal = joined(db, "-wal"),
         *shm = joined(db, "-shm");
    remove(out);
    remove(copy);
    remove(rejects);
    write_file(csv, sheet);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' import members '%s' --skip-bad", db, csv);
    expect(&r, 0, "import --skip-bad");
    run_result_free(&r);
    assert_int_equal(mode_of(db), 0600);
    assert_int_equal(mode_of(rejects), 0600);
    /* A reader keeps the -wal and -shm open while it exports and backs up. */
    khai_run(&r, NULL, "--db '%s' export members -o '%s'", db, out);
    expect(&r, 0, "export -o");
    run_result_free(&r);
    assert_int_equal(mode_of(out), 0600);
    khai_run(&r, NULL, "--db '%s' backup '%s'", db, copy);
    expect(&r, 0, "backup");
    run_result_free(&r);
    assert_int_equal(mode_of(copy), 0600);
    if (exists(wal)) assert_int_equal(mode_of(wal), 0600);
    if (exists(shm)) assert_int_equal(mode_of(shm), 0600);
    umask(old);
    free(db), free(csv), free(out), free(copy), free(rejects), free(wal), free(shm);
}

/* A link planted where the rejects go is neither followed nor replaced, and an existing
 * rejects file is kept: the next free numbered name is used. */
static void files_rejects_never_follow_a_link_nor_replace_a_file(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *csv = test_path("linked-sheet.csv");
    char *target = test_path("precious.txt"), *rejects = joined(csv, ".rejects.csv");
    char *second = joined(csv, ".rejects-2.csv"), *third = joined(csv, ".rejects-3.csv");
    remove(rejects), remove(second), remove(third);
    write_file(csv, sheet);
    write_file(target, "keep me\n");
    assert_int_equal(symlink(target, rejects), 0);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' import members '%s' --skip-bad", db, csv);
    expect(&r, 0, "import --skip-bad beside a link");
    assert_contains(r.out, second);
    run_result_free(&r);
    char *kept = test_read_file(target), *got = test_read_file(second);
    assert_string_equal(kept, "keep me\n");
    assert_contains(got, "not-an-email");
    free(kept), free(got);
    khai_run(&r, NULL, "--db '%s' import members '%s' --skip-bad --dry-run", db, csv);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' import members '%s' --skip-bad", db, csv);
    expect(&r, 0, "import --skip-bad again");
    assert_contains(r.out, third);
    run_result_free(&r);
    got = test_read_file(second);
    assert_contains(got, "not-an-email");
    free(got);
    free(db), free(csv), free(target), free(rejects), free(second), free(third);
}

static void files_export_keeps_an_existing_file_unless_forced(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *out = test_path("kept-export.csv");
    free(khai_ok(db, "add member --given-name สมศรี"));
    write_file(out, "mine\n");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' export members -o '%s'", db, out);
    expect(&r, 1, "export over a file");
    assert_contains(r.err, out);
    assert_contains(r.err, "--force");
    run_result_free(&r);
    char *text = test_read_file(out);
    assert_string_equal(text, "mine\n");
    free(text);
    free(khai_ok(db, "export members -o '%s' --force", out));
    text = test_read_file(out);
    assert_contains(text, "สมศรี");
    free(text);
    /* -o - is standard output, and no file called "-" appears. */
    char *std = khai_ok(db, "export members -o -");
    assert_contains(std, "สมศรี");
    free(std);
    char *dash = test_path("-");
    assert_false(exists(dash));
    free(dash), free(db), free(out);
}

static void files_import_reads_standard_input(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *rejects = test_path("stdin.rejects.csv");
    remove(rejects);
    struct run_result r;
    khai_run(&r, sheet, "--db '%s' import members - --skip-bad", db);
    expect(&r, 0, "import members -");
    assert_contains(r.out, "1 added");
    run_result_free(&r);
    char *list = khai_ok(db, "list members --tsv");
    assert_contains(list, "สมศรี");
    free(list);
    char *got = test_read_file(rejects);
    assert_non_null(got);
    assert_contains(got, "not-an-email");
    free(got), free(db), free(rejects);
}

/* A link where the backup goes, even one to nothing, is refused and nothing is created. */
static void files_backup_refuses_a_link_and_leaves_no_temporary_file(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *link = test_path("backup-link.db");
    char *nowhere = test_path("backup-nowhere.db");
    remove(link), remove(nowhere);
    free(khai_ok(db, "add member --given-name สมศรี"));
    assert_int_equal(symlink(nowhere, link), 0);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' backup '%s'", db, link);
    expect(&r, 1, "backup to a dangling link");
    assert_contains(r.err, link);
    run_result_free(&r);
    assert_false(exists(nowhere));
    char *ls = xasprintf("ls '%s' | grep -c 'backup-link.db.' >/dev/null", test_tmpdir());
    assert_int_not_equal(system(ls), 0);
    free(ls), free(db), free(link), free(nowhere);
}

/* kill -9 at any moment of a backup: FILE is then either absent or a whole, good copy, never
 * a half-written or empty database under the name asked for. */
static void files_backup_killed_leaves_no_half_copy(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    free(khai_ok(db, "demo"));
    for (int i = 0; i < 16; i++) {
        char *copy = xasprintf("%s/killed-%d.db", test_tmpdir(), i);
        remove(copy);
        /* The kill comes after 0 to 30 ms: before, during or after the copy. */
        char *cmd = xasprintf("'%s' --db '%s' backup '%s' >/dev/null 2>&1 & pid=$!; "
                              "sleep 0.0%02d; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; "
                              "true",
                              test_khai_bin(), db, copy, i * 2);
        assert_int_equal(system(cmd), 0);
        if (exists(copy)) {
            char *out = khai_ok(copy, "check");
            assert_contains(out, "ok:");
            free(out);
            out = khai_ok(copy, "list members --tsv");
            int rows = 0;
            for (const char *c = out; *c; c++)
                rows += *c == '\n';
            assert_int_equal(rows, 301); /* the header and every member */
            free(out);
        }
        free(cmd);
        free(copy);
    }
    free(db);
}

static const char *const readers[] = {"list members", "show member 1", "export members",
                                      "check",        "calendar",      "agenda"};

static void files_read_only_commands_never_create_a_database(void **state)
{
    (void)state;
    char *dir = test_path("no-such-dir"), *db = joined(dir, "/khai.db");
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, readers[i]);
        expect(&r, 1, readers[i]);
        assert_contains(r.err, "no khai database");
        assert_contains(r.err, db);
        run_result_free(&r);
        assert_false(exists(dir));
    }
    free(dir), free(db);
}

/* An SQLite file of some other program is refused byte for byte untouched, by readers and
 * writers alike: no khai tables, no switch to WAL. */
static void files_another_programs_database_is_refused_untouched(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__), *wal = joined(db, "-wal");
    char *cmd = xasprintf("sqlite3 '%s' 'CREATE TABLE contacts(name TEXT); INSERT INTO contacts "
                          "VALUES (\"Ann\")'",
                          db);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *before = test_read_file(db);
    struct stat st;
    assert_int_equal(stat(db, &st), 0);
    const char *const all[] = {"list members", "check", "export members",
                               "add member --given-name สมศรี"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, all[i]);
        expect(&r, 1, all[i]);
        assert_contains(r.err, "not khai's");
        run_result_free(&r);
    }
    char *after = test_read_file(db);
    assert_memory_equal(before, after, (size_t)st.st_size);
    assert_false(exists(wal));
    free(before), free(after), free(db), free(wal);
}

const struct CMUnitTest files_cli_tests[] = {
    cmocka_unit_test(files_are_the_owners_only_whatever_the_umask),
    cmocka_unit_test(files_rejects_never_follow_a_link_nor_replace_a_file),
    cmocka_unit_test(files_export_keeps_an_existing_file_unless_forced),
    cmocka_unit_test(files_import_reads_standard_input),
    cmocka_unit_test(files_backup_refuses_a_link_and_leaves_no_temporary_file),
    cmocka_unit_test(files_backup_killed_leaves_no_half_copy),
    cmocka_unit_test(files_read_only_commands_never_create_a_database),
    cmocka_unit_test(files_another_programs_database_is_refused_untouched),
};
const size_t files_cli_tests_count = sizeof files_cli_tests / sizeof files_cli_tests[0];
