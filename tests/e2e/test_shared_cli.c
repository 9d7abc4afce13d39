/* A team's database on one server, with real Unix users (when the tests run as root, as CI
 * does; else only what one user can check): `khai init --shared GROUP DIR` makes it theirs;
 * two members of the group both write; someone who may only read opens it read-only, leaves
 * no -wal or -shm file of theirs behind and never locks the writers out; a database in a
 * directory someone cannot write opens read-only naming the directory. And `khai check` on a
 * damaged file says what is wrong and what to do next. */
#include "test_support.h"
#include "xalloc.h"

#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const team = "khai-test-team";
static const char *const writer_a = "khai-test-a", *const writer_b = "khai-test-b",
                         *const reader = "khai-test-r";

static bool can_make_users(void)
{
    return getuid() == 0 && system("command -v useradd runuser >/dev/null 2>&1") == 0;
}

static void sh(const char *cmd)
{
    if (system(cmd) != 0) fail_msg("failed: %s", cmd);
}

static void make_users(void)
{
    char *cmd = xasprintf("getent group %s >/dev/null || groupadd %s", team, team);
    sh(cmd);
    free(cmd);
    const char *const members[] = {writer_a, writer_b};
    for (int i = 0; i < 2; i++) {
        cmd = xasprintf("id %s >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin -G %s %s",
                        members[i], team, members[i]);
        sh(cmd);
        free(cmd);
    }
    cmd = xasprintf("id %s >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin %s", reader, reader);
    sh(cmd);
    free(cmd);
}

static void remove_users(void)
{
    char *cmd = xasprintf("userdel %s; userdel %s; userdel %s; groupdel %s", writer_a, writer_b,
                          reader, team);
    if (system(cmd) != 0) { /* nothing to do: the next run reuses them */
    }
    free(cmd);
}

/* Runs khai as user on db; its output in r. */
static void khai_as(struct run_result *r, const char *user, const char *db, const char *args)
{
    char *prefix = xasprintf("runuser -u %s -- env HOME=/nonexistent", user);
    khai_run_prefixed(r, prefix, "--db '%s' --lang en %s", db, args);
    free(prefix);
}

static void expect_ok_as(const char *user, const char *db, const char *args)
{
    struct run_result r;
    khai_as(&r, user, db, args);
    if (r.status != 0) fail_msg("%s: khai %s: exit %d: %s", user, args, r.status, r.err);
    run_result_free(&r);
}

/* Every file in dir belongs to one of the writers or root, never to the reader. */
static void assert_nothing_of(const char *dir, const char *user)
{
    struct passwd *pw = getpwnam(user);
    assert_non_null(pw);
    uid_t uid = pw->pw_uid;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && st.st_uid == uid) fail_msg("%s left %s", user, path);
        free(path);
    }
    closedir(d);
}

/* A directory the test users can reach (the test's own is its owner's only). */
static char *open_dir(void)
{
    char tmpl[] = "/tmp/khai-shared-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    chmod(dir, 0755);
    return xstrdup(dir);
}

static void shared_cli_two_writers_and_a_reader(void **state)
{
    (void)state;
    if (!can_make_users()) skip();
    make_users();
    char *top = open_dir();
    char *dir = xasprintf("%s/team", top);
    char *db = xasprintf("%s/khai.db", dir);
    char *out = khai_ok(db, "init --shared %s '%s'", team, dir);
    assert_contains(out, "khai.db");
    free(out);
    struct group *g = getgrnam(team);
    assert_non_null(g);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 07777, 02770);
    assert_int_equal(st.st_gid, g->gr_gid);
    assert_int_equal(stat(db, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0660);
    assert_int_equal(st.st_gid, g->gr_gid);

    expect_ok_as(writer_a, db, "add member --name 'นายสมชาย ใจดี'");
    expect_ok_as(writer_b, db, "add member --name 'นางสมศรี มีสุข'");
    char *wal = xasprintf("%s-wal", db);
    if (stat(wal, &st) == 0) { /* the writers' WAL is the group's too */
        assert_int_equal(st.st_mode & 0777, 0660);
        assert_int_equal(st.st_gid, g->gr_gid);
    }
    /* The admin lets the reader read (chmod -R o+rX): they see everyone, change nothing. */
    char *cmd = xasprintf("chmod -R o+rX '%s'", dir);
    sh(cmd);
    free(cmd);
    struct run_result r;
    khai_as(&r, reader, db, "list members --tsv");
    if (r.status != 0) fail_msg("reader: exit %d: %s", r.status, r.err);
    assert_contains(r.out, "สมชาย");
    assert_contains(r.out, "สมศรี");
    run_result_free(&r);
    khai_as(&r, reader, db, "add member --name 'นายแอบ เขียน'");
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "read-only for you");
    run_result_free(&r);
    assert_nothing_of(dir, reader);
    /* The writers are not locked out. */
    expect_ok_as(writer_a, db, "add member --name 'นายสมหมาย ใจงาม'");
    khai_as(&r, writer_b, db, "list members --tsv");
    assert_contains(r.out, "สมหมาย");
    run_result_free(&r);
    assert_nothing_of(dir, reader);

    /* Someone who cannot write the directory (not in the group, given read access to a
     * directory of a writer's) is told so, naming the directory. */
    char *own = xasprintf("%s/own", top);
    cmd = xasprintf("mkdir '%s' && cp '%s' '%s/khai.db' && chown -R %s '%s' && chmod -R 755 '%s' "
                    "&& chmod 644 '%s/khai.db'",
                    own, db, own, writer_a, own, own, own);
    sh(cmd);
    free(cmd);
    char *own_db = xasprintf("%s/khai.db", own);
    khai_as(&r, reader, own_db, "list members --tsv");
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "สมศรี");
    run_result_free(&r);
    khai_as(&r, reader, own_db, "edit member 1 --nickname x");
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "read-only for you");
    run_result_free(&r);
    assert_nothing_of(own, reader);

    cmd = xasprintf("rm -rf '%s'", top);
    sh(cmd);
    free(cmd);
    free(own_db);
    free(own);
    free(wal);
    free(db);
    free(dir);
    free(top);
    remove_users();
}

static void shared_cli_init_says_what_is_wrong(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("shared_wrong");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en init --shared no-such-group-khai '%s/x'", db,
             test_tmpdir());
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "there is no Unix group \"no-such-group-khai\"");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang en init --shared", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--shared takes a Unix group and a directory");
    run_result_free(&r);
    free(db);
}

/* A damaged file is checked as it is (no upgrade first) and the way out is said. */
static void shared_cli_check_of_a_damaged_database_says_what_next(void **state)
{
    (void)state;
    char *out;
    char *db = test_fresh_db_path("check_damaged");
    free(khai_ok(db, "demo"));
    free(khai_ok(db, "backup '%s.bak'", db));
    /* The organisations' table is wiped: its root page (the sqlite3 shell reads where it is,
     * though it cannot read khai's tables themselves). */
    char *cmd = xasprintf("page=$(sqlite3 '%s' \"SELECT rootpage FROM sqlite_master WHERE name = "
                          "'organisations'\") && size=$(sqlite3 '%s' 'PRAGMA page_size') && "
                          "dd if=/dev/urandom of='%s' bs=$size seek=$((page - 1)) count=1 "
                          "conv=notrunc status=none",
                          db, db, db);
    sh(cmd);
    free(cmd);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en check", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "has problems");
    assert_contains(r.err, "What to do next:");
    assert_contains(r.err, ".damaged'");
    assert_true(strstr(r.err, "try `khai check`") == NULL);
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' --lang th check", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "ทำอย่างไรต่อ");
    assert_contains(r.err, "recover");
    run_result_free(&r);
    /* Copying out what can be read: the members and their search survive the damage. */
    char *rescued = xasprintf("%s.recovered", db);
    remove(rescued);
    out = khai_ok(db, "recover '%s'", rescued);
    assert_contains(out, "members: 300 rows");
    assert_contains(out, "organisations: 0 rows; some could not be read");
    assert_contains(out, "recovered what could be read into");
    free(out);
    out = khai_ok(rescued, "list members --search สม --tsv");
    assert_contains(out, "\tสม");
    free(out);
    khai_run(&r, NULL, "--db '%s' --lang en check", rescued);
    /* Rows that pointed at lost ones are listed, and the file itself is whole. */
    assert_true(r.status == 0 || r.status == 1);
    assert_true(strstr(r.err, "What to do next") == NULL);
    run_result_free(&r);
    /* A second time it refuses to overwrite. */
    khai_run(&r, NULL, "--db '%s' --lang en recover '%s'", db, rescued);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "exists already");
    run_result_free(&r);
    free(rescued);
    /* The way out works: the backup checks clean. */
    cmd = xasprintf("cp '%s.bak' '%s' && rm -f '%s-wal' '%s-shm'", db, db, db, db);
    sh(cmd);
    free(cmd);
    out = khai_ok(db, "check");
    assert_contains(out, "ok:");
    free(out);
    free(db);
}

/* A full disk (a small tmpfs, when the tests may mount one): what is there can still be
 * listed and checked, a write is refused saying why, and once space is freed it works. */
static void shared_cli_full_disk_still_reads(void **state)
{
    (void)state;
    char dir[] = "/tmp/khai-full-XXXXXX";
    if (getuid() != 0 || !mkdtemp(dir)) skip();
    char *cmd = xasprintf("mount -t tmpfs -o size=2m tmpfs '%s' 2>/dev/null", dir);
    if (system(cmd) != 0) {
        free(cmd);
        rmdir(dir);
        skip();
    }
    free(cmd);
    char *db = xasprintf("%s/khai.db", dir);
    free(khai_ok(db, "add member --name 'นายเต็ม ดิสก์'"));
    cmd = xasprintf("dd if=/dev/zero of='%s/fill' bs=4k 2>/dev/null; true", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *out = khai_ok(db, "list members --tsv");
    assert_contains(out, "เต็ม");
    free(out);
    out = khai_ok(db, "check");
    assert_contains(out, "ok:");
    free(out);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en add member --name 'นายใหม่ เพิ่ม'", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "the disk is full");
    run_result_free(&r);
    cmd = xasprintf("rm -f '%s/fill'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(khai_ok(db, "add member --name 'นายใหม่ เพิ่ม'"));
    out = khai_ok(db, "list members --tsv");
    assert_contains(out, "เพิ่ม");
    free(out);
    cmd = xasprintf("umount '%s' && rmdir '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(db);
}

const struct CMUnitTest shared_cli_tests[] = {
    cmocka_unit_test(shared_cli_full_disk_still_reads),
    cmocka_unit_test(shared_cli_two_writers_and_a_reader),
    cmocka_unit_test(shared_cli_init_says_what_is_wrong),
    cmocka_unit_test(shared_cli_check_of_a_damaged_database_says_what_next),
};
const size_t shared_cli_tests_count = sizeof shared_cli_tests / sizeof shared_cli_tests[0];
