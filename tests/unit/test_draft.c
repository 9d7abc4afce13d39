/* Unit tests of drafts on disk (src/base/draft.c): what is kept comes back exactly, only
 * drafts of ended sessions of the same database are offered, and the files are private. */
#include "draft.h"
#include "test_support.h"
#include "xalloc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh state directory for this test as XDG_STATE_HOME; returns its drafts directory. */
static char *fresh_state(const char *name)
{
    char *state = test_path(name);
    char *cmd = xasprintf("rm -rf '%s'", state);
    assert_int_equal(system(cmd), 0);
    setenv("XDG_STATE_HOME", state, 1);
    char *drafts = xasprintf("%s/khai/drafts", state);
    free(cmd);
    free(state);
    return drafts;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void draft_keeps_what_was_typed_exactly(void **state)
{
    (void)state;
    char *dir = fresh_state("draft_exact");
    char *db = test_fresh_db_path("draft_exact");
    assert_int_equal(draft_session_begin(&(char *){NULL}), 0);
    static const char *const names[] = {"given_name", "notes", "full_name"};
    static const char *const values[] = {"สมศรี", "บรรทัด 1\nบรรทัด\t2 \\ ท้าย", ""};
    char *err = NULL;
    assert_int_equal(draft_keep(db, "member", 0, 3, names, values, &err), 0);
    /* A running session's draft is not an orphan, not even to itself. */
    struct draft *list;
    assert_int_equal(draft_orphans(db, &list), 0);
    draft_list_free(list, 0);
    /* Read as the next khai would, once this session has ended without dropping it. */
    draft_freeze();
    draft_session_end();
    assert_int_equal(draft_orphans(db, &list), 1);
    assert_string_equal(list[0].kind, "member");
    assert_int_equal(list[0].id, 0);
    for (int i = 0; i < 3; i++)
        assert_string_equal(draft_value(&list[0], names[i]), values[i]);
    assert_null(draft_value(&list[0], "phone"));
    struct stat st;
    assert_int_equal(stat(list[0].path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    draft_remove(&list[0]);
    draft_list_free(list, 1);
    assert_int_equal(draft_orphans(db, &list), 0);
    draft_list_free(list, 0);
    free(db);
    free(dir);
}

/* Another khai that still runs holds its session's lock: its draft is not offered until the
 * lock is let go of (as the kernel does when that khai ends, however it ends). */
static void draft_of_a_running_session_is_not_offered(void **state)
{
    (void)state;
    char *dir = fresh_state("draft_running");
    char *db = test_fresh_db_path("draft_running");
    assert_int_equal(draft_session_begin(&(char *){NULL}), 0);
    draft_session_end();
    char *draft = xasprintf("%s/draft-999999.txt", dir);
    char *lock = xasprintf("%s/session-999999.lock", dir);
    char *text =
        xasprintf("khai-draft 1\ndb\t%s\nkind\torg\nid\t7\nsaved\t100\nfield\tname\tมูลนิธิ\n", db);
    write_file(draft, text);
    int fd = open(lock, O_RDWR | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    struct draft *list;
    /* flock locks belong to the open file: a second open of the lock cannot take it. */
    assert_int_equal(draft_orphans(db, &list), 0);
    draft_list_free(list, 0);
    close(fd);
    assert_int_equal(draft_orphans(db, &list), 1);
    assert_string_equal(list[0].kind, "org");
    assert_int_equal(list[0].id, 7);
    assert_string_equal(draft_value(&list[0], "name"), "มูลนิธิ");
    draft_list_free(list, 1);
    free(text);
    free(lock);
    free(draft);
    free(db);
    free(dir);
}

/* Drafts of another database, files that are not drafts, links, and a draft left under the
 * process id this session was given again. */
static void draft_orphans_are_only_ours_and_whole(void **state)
{
    (void)state;
    char *dir = fresh_state("draft_only");
    char *db = test_fresh_db_path("draft_only");
    char *other = test_fresh_db_path("draft_only_other");
    assert_int_equal(draft_session_begin(&(char *){NULL}), 0);
    draft_session_end();
    char *path = xasprintf("%s/draft-999991.txt", dir);
    char *text = xasprintf("khai-draft 1\ndb\t%s\nkind\tmember\nid\t0\nsaved\t5\n", other);
    write_file(path, text);
    free(path);
    free(text);
    path = xasprintf("%s/draft-999992.txt", dir);
    write_file(path, "not a draft at all\n");
    free(path);
    path = xasprintf("%s/draft-999993.txt", dir);
    assert_int_equal(symlink("/etc/passwd", path), 0);
    free(path);
    /* Ours, left by a dead process whose id we now have. */
    path = xasprintf("%s/draft-%ld.txt", dir, (long)getpid());
    text = xasprintf("khai-draft 1\ndb\t%s\nkind\tmember\nid\t3\nsaved\t9\n", db);
    write_file(path, text);
    free(text);
    assert_int_equal(draft_session_begin(&(char *){NULL}), 0);
    assert_int_not_equal(access(path, F_OK), 0); /* set aside as an orphan... */
    struct draft *list;
    assert_int_equal(draft_orphans(db, &list), 1); /* ...and offered */
    assert_int_equal(list[0].id, 3);
    assert_non_null(strstr(list[0].path, "/orphan-"));
    draft_list_free(list, 1);
    /* The new session's own draft does not overwrite it. */
    static const char *const names[] = {"given_name"};
    static const char *const values[] = {"ใหม่"};
    char *err = NULL;
    assert_int_equal(draft_keep(db, "member", 0, 1, names, values, &err), 0);
    assert_int_equal(draft_orphans(db, &list), 1);
    draft_list_free(list, 1);
    draft_session_end(); /* not frozen: its draft goes with it */
    assert_int_equal(draft_orphans(db, &list), 1);
    draft_list_free(list, 1);
    assert_int_equal(draft_orphans(other, &list), 1);
    draft_list_free(list, 1);
    free(path);
    free(other);
    free(db);
    free(dir);
    unsetenv("XDG_STATE_HOME");
}

const struct CMUnitTest draft_tests[] = {
    cmocka_unit_test(draft_keeps_what_was_typed_exactly),
    cmocka_unit_test(draft_of_a_running_session_is_not_offered),
    cmocka_unit_test(draft_orphans_are_only_ours_and_whole),
};
const size_t draft_tests_count = sizeof draft_tests / sizeof draft_tests[0];
