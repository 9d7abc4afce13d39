/* End-to-end tests of an SSH drop: a real khai in tmux with a half-typed form is sent SIGHUP
 * or SIGTERM, or loses its terminal with SIGHUP ignored (nohup); it must end at once with the
 * terminal given back and what was typed kept as a draft, which the next khai offers to
 * reopen. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { COLS = 80, ROWS = 24 };

static void expect(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

/* The drafts directory of a test's state (XDG_STATE_HOME) directory. malloc'd. */
static char *drafts_dir(const char *state)
{
    return xasprintf("%s/khai/drafts", state);
}

/* The path of the one draft-*.txt or orphan-*.txt in the state's drafts, or NULL. */
static char *the_draft(const char *state)
{
    char *dir = drafts_dir(state);
    DIR *d = opendir(dir);
    char *found = NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        bool draft =
            (strncmp(e->d_name, "draft-", 6) == 0 || strncmp(e->d_name, "orphan-", 7) == 0) &&
            n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
        if (!draft) continue;
        if (found) fail_msg("two drafts in %s: %s and %s", dir, found, e->d_name);
        found = xasprintf("%s/%s", dir, e->d_name);
    }
    if (d) closedir(d);
    free(dir);
    return found;
}

static bool process_gone(int pid)
{
    return kill(pid, 0) != 0;
}

static bool wait_gone(int pid, int timeout_ms)
{
    struct timespec pause = {0, 20 * 1000000};
    for (int waited = 0; waited < timeout_ms; waited += 20) {
        if (process_gone(pid)) return true;
        nanosleep(&pause, NULL);
    }
    return process_gone(pid);
}

/* Starts khai on db with its drafts under state, adds a member and types a name and a
 * nickname without saving. */
static struct tm_session *half_typed_member(const char *name, const char *db, const char *state,
                                            const char *extra_env)
{
    char *env = xasprintf("XDG_STATE_HOME='%s' %s", state, extra_env ? extra_env : "");
    struct tm_session *s = tm_start(name, COLS, ROWS, env, db, NULL);
    free(env);
    tm_keys(s, "a");
    expect(s, "New member");
    tm_type(s, "นางสาวทดลอง ร่างไว้");
    tm_keys(s, "Down Down Down Down");
    tm_type(s, "ต้อม");
    expect(s, "ต้อม");
    return s;
}

/* The draft holds what was typed, privately. */
static void assert_private_draft(const char *state, const char *typed)
{
    char *path = the_draft(state);
    if (!path) fail_msg("no draft under %s", state);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *dir = drafts_dir(state);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char *text = test_read_file(path);
    assert_contains(text, typed);
    free(text);
    free(dir);
    free(path);
}

static void drafts_sighup_keeps_the_form_and_the_next_khai_reopens_it(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("drafts_hup");
    char *dir = test_path("drafts_hup_state");
    struct tm_session *s = half_typed_member("hup", db, dir, NULL);
    int pid = tm_pid(s);
    assert_true(pid > 0);
    kill(pid, SIGHUP);
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 129);
    char *err = tm_stderr(s);
    assert_string_equal(err, "");
    free(err);
    assert_private_draft(dir, "field\tnickname\tต้อม");
    assert_private_draft(dir, "field\tgiven_name\tทดลอง");

    char *env = xasprintf("XDG_STATE_HOME='%s'", dir);
    s = tm_start("hup-again", COLS, ROWS, env, db, NULL);
    expect(s, "Open the unsaved new member typed at ");
    tm_keys(s, "y");
    expect(s, "New member");
    expect(s, "ต้อม");
    expect(s, "นางสาวทดลอง ร่างไว้");
    tm_keys(s, "C-s");
    expect(s, "Saved member 1");
    tm_quit_ok(s);
    char *tsv = khai_ok(db, "list members --tsv");
    assert_contains(tsv, "\tทดลอง\tร่างไว้\tต้อม\t");
    free(tsv);
    char *left = the_draft(dir);
    if (left) fail_msg("a saved draft was left behind: %s", left);
    free(env);
    free(dir);
    free(db);
}

/* nohup khai: SIGHUP ignored, the terminal closed. khai must notice its reads fail and end
 * within a moment (it used to spin at 100% CPU), keeping the draft. */
static void drafts_a_closed_terminal_ends_khai_with_sighup_ignored(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("drafts_eio");
    char *dir = test_path("drafts_eio_state");
    struct tm_session *s = half_typed_member("eio", db, dir, "env --ignore-signal=HUP");
    int pid = tm_pid(s);
    assert_true(pid > 0);
    char *status = xasprintf("/proc/%d/status", pid);
    char *proc = test_read_file(status);
    assert_non_null(proc);
    /* SIGHUP (bit 0) is ignored, as nohup leaves it. */
    const char *ign = strstr(proc, "SigIgn:");
    assert_non_null(ign);
    unsigned long long mask = strtoull(ign + 7, NULL, 16);
    assert_true(mask & 1);
    tm_close_terminal(s);
    if (!wait_gone(pid, 3000))
        fail_msg("khai (pid %d) still runs 3 s after its terminal closed", pid);
    assert_private_draft(dir, "field\tnickname\tต้อม");
    free(proc);
    free(status);
    free(dir);
    free(db);
}

/* n throws the draft away; SIGTERM keeps one as SIGHUP does; an edit's draft reopens the
 * record with the change. */
static void drafts_of_edits_reopen_and_n_throws_away(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("drafts_edit");
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --nickname ชาย"));
    char *dir = test_path("drafts_edit_state");
    char *env = xasprintf("XDG_STATE_HOME='%s'", dir);

    struct tm_session *s = tm_start("edit", COLS, ROWS, env, db, NULL);
    tm_keys(s, "e");
    expect(s, "Edit member 1");
    tm_keys(s, "Down Down Down Down C-u");
    tm_type(s, "ชายกลาง");
    expect(s, "ชายกลาง");
    kill(tm_pid(s), SIGTERM);
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 128 + SIGTERM);
    assert_private_draft(dir, "field\tnickname\tชายกลาง");

    s = tm_start("edit-n", COLS, ROWS, env, db, NULL);
    expect(s, "Open your unsaved changes to member 1 typed at ");
    tm_keys(s, "n");
    expect(s, "Draft thrown away.");
    tm_quit_ok(s);
    char *left = the_draft(dir);
    if (left) fail_msg("n left the draft: %s", left);

    s = tm_start("edit-2", COLS, ROWS, env, db, NULL);
    tm_keys(s, "e");
    expect(s, "Edit member 1");
    tm_keys(s, "Down Down Down Down C-u");
    tm_type(s, "ชายเล็ก");
    expect(s, "ชายเล็ก");
    kill(tm_pid(s), SIGHUP);
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 129);
    s = tm_start("edit-y", COLS, ROWS, env, db, NULL);
    expect(s, "Open your unsaved changes to member 1 typed at ");
    tm_keys(s, "y");
    expect(s, "Edit member 1");
    expect(s, "ชายเล็ก");
    tm_keys(s, "C-s");
    expect(s, "Saved member 1");
    tm_quit_ok(s);
    char *tsv = khai_ok(db, "list members --tsv");
    assert_contains(tsv, "\tสมชาย\tใจดี\tชายเล็ก\t");
    free(tsv);
    free(env);
    free(dir);
    free(db);
}

/* A form opened and left without a change leaves no draft, and a draft of another database
 * is not offered. */
static void drafts_nothing_typed_no_draft_and_other_databases_keep_theirs(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("drafts_none");
    char *other = test_fresh_db_path("drafts_other");
    char *dir = test_path("drafts_none_state");
    char *env = xasprintf("XDG_STATE_HOME='%s'", dir);
    struct tm_session *s = tm_start("none", COLS, ROWS, env, db, NULL);
    tm_keys(s, "a");
    expect(s, "New member");
    tm_keys(s, "Down Up");
    kill(tm_pid(s), SIGHUP);
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 129);
    char *left = the_draft(dir);
    if (left) fail_msg("an untouched form left a draft: %s", left);

    s = half_typed_member("other", other, dir, NULL);
    kill(tm_pid(s), SIGHUP);
    assert_int_equal(tm_wait_exit(s, tm_timeout_ms()), 129);
    s = tm_start("none-again", COLS, ROWS, env, db, NULL);
    expect(s, " 1 Members (0) ");
    tm_refute(s, "unsaved");
    tm_quit_ok(s);
    char *kept = the_draft(dir);
    assert_non_null(kept); /* still there for the other database */
    free(kept);
    free(env);
    free(dir);
    free(other);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest drafts_tui_tests[] = {
    cmocka_unit_test_teardown(drafts_sighup_keeps_the_form_and_the_next_khai_reopens_it, teardown),
    cmocka_unit_test_teardown(drafts_a_closed_terminal_ends_khai_with_sighup_ignored, teardown),
    cmocka_unit_test_teardown(drafts_of_edits_reopen_and_n_throws_away, teardown),
    cmocka_unit_test_teardown(drafts_nothing_typed_no_draft_and_other_databases_keep_theirs,
                              teardown),
};
const size_t drafts_tui_tests_count = sizeof drafts_tui_tests / sizeof drafts_tui_tests[0];
