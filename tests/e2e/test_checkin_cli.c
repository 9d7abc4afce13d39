/* End-to-end tests of `khai checkin EVENT_ID`: a door session piped in on stdin, checked
 * through what it prints and through `khai list attendance` afterwards. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fresh database with one event (id 1, target 300) and three members. */
static char *roster(const char *test_name)
{
    char *file = xasprintf("%s.db", test_name);
    char *path = test_path(file);
    free(file);
    char *cmd = xasprintf("rm -f '%s' '%s-wal' '%s-shm'", path, path, path);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    static const char *const adds[] = {
        "add org --name 'มูลนิธิเพื่อนชุมชน' --short-name 'มพช.'",
        "add event --title 'เวทีสมัชชา' --start-date 2567-03-24 --target 300",
        "add member --name 'นายสมชาย ใจดี' --nickname ชาย --phone 081-234-5678 "
        "--organisations 'มพช.'",
        "add member --name 'นางสมศรี มีสุข' --nickname ศรี --phone 089-111-2222",
        "add member --name 'นางสาวจิราพร คงทอง' --nickname สม --organisations 'มพช.'",
    };
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", path, adds[i]);
        if (r.status != 0) fail_msg("%s: %s", adds[i], r.err);
        run_result_free(&r);
    }
    return path;
}
#define ROSTER() roster(__func__)

/* Runs a door session with stdin as typed; the session must end well. */
static char *door(const char *db, const char *typed)
{
    struct run_result r;
    khai_run(&r, typed, "--db '%s' --lang en checkin 1", db);
    if (r.status != 0)
        fail_msg("checkin exited %d\nstdout: %s\nstderr: %s", r.status, r.out, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

/* `list attendance --event 1 --tsv`, one line per row under the header. */
static char *attendance(const char *db)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' list attendance --event 1 --tsv", db);
    assert_int_equal(r.status, 0);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void checkin_cli_checks_in_by_name_with_counter(void **state)
{
    (void)state;
    char *db = ROSTER();
    char *out = door(db, "สมศรี\n\n");
    assert_contains(out, "Check-in: เวทีสมัชชา");
    assert_contains(out, "attended 0 / 300 · 0 organisations");
    assert_contains(out, "✓ นางสมศรี มีสุข checked in at");
    assert_contains(out, "attended 1 / 300 · 0 organisations");
    free(out);
    char *rows = attendance(db);
    assert_int_equal(count_lines(rows), 2);
    assert_contains(rows, "นางสมศรี มีสุข");
    assert_contains(rows, "\tattended\t");
    free(rows);
    free(db);
}

static void checkin_cli_checks_in_by_phone_digits(void **state)
{
    (void)state;
    char *db = ROSTER();
    /* The last four digits, then a whole number written with dashes. */
    char *out = door(db, "5678\n089-111-2222\n");
    assert_contains(out, "✓ นายสมชาย ใจดี checked in");
    assert_contains(out, "attended 1 / 300 · 1 organisation\n");
    assert_contains(out, "✓ นางสมศรี มีสุข checked in");
    assert_contains(out, "attended 2 / 300 · 1 organisation\n");
    free(out);
    char *rows = attendance(db);
    assert_int_equal(count_lines(rows), 3);
    assert_contains(rows, "มูลนิธิเพื่อนชุมชน"); /* the organisation he came for */
    free(rows);
    free(db);
}

static void checkin_cli_refuses_a_second_checkin(void **state)
{
    (void)state;
    char *db = ROSTER();
    char *out = door(db, "ใจดี\nใจดี\n");
    assert_contains(out, "นายสมชาย ใจดี is already checked in");
    assert_contains(out, "not checked in twice");
    free(out);
    /* Also from a later session. */
    out = door(db, "0812345678\n");
    assert_contains(out, "already checked in");
    free(out);
    char *rows = attendance(db);
    assert_int_equal(count_lines(rows), 2);
    free(rows);
    free(db);
}

static void checkin_cli_lists_several_and_a_number_picks(void **state)
{
    (void)state;
    char *db = ROSTER();
    /* "สม": จิราพร's nickname first, then the names starting with it. */
    char *out = door(db, "สม\n3\n");
    assert_contains(out, " 1.  นางสาวจิราพร คงทอง");
    assert_contains(out, " 2.  นายสมชาย ใจดี");
    assert_contains(out, " 3.  นางสมศรี มีสุข");
    assert_contains(out, "5678");
    assert_false(test_contains(out, "0812345678")); /* only the last digits are shown */
    assert_contains(out, "✓ นางสมศรี มีสุข checked in");
    free(out);
    /* The list shows who is in; a number out of range is refused. */
    out = door(db, "สม\n7\n");
    assert_contains(out, "✓ ");
    assert_contains(out, "Type a number from the list: 1-3");
    free(out);
    free(db);
}

static void checkin_cli_new_person_with_new_organisation(void **state)
{
    (void)state;
    char *db = ROSTER();
    char *out = door(db, "ไม่มีใคร\nnew\nนางสาวใหม่ ทดสอบ\nกลุ่มออมทรัพย์บ้านนา\n086-111-2222\n"
                         "new\nMr. John Doe\nมพช.\n\n");
    assert_contains(out, "Nobody matches \"ไม่มีใคร\"");
    assert_contains(out, "✓ นางสาวใหม่ ทดสอบ checked in");
    assert_contains(out, "attended 1 / 300 · 1 organisation\n");
    assert_contains(out, "✓ Mr. John Doe checked in");
    assert_contains(out, "attended 2 / 300 · 2 organisations\n");
    free(out);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' list members --search 0861112222 --tsv", db);
    assert_contains(r.out, "\tใหม่\tทดสอบ\t");
    assert_contains(r.out, "กลุ่มออมทรัพย์บ้านนา");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' list orgs --tsv", db);
    assert_int_equal(count_lines(r.out), 3); /* the new one added once, มพช. reused */
    run_result_free(&r);
    free(db);
}

static void checkin_cli_new_person_refused_writes_nothing(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct run_result r;
    khai_run(&r, "new\nนายใหม่ ทดสอบ\nองค์กรใหม่\n12345\nnew\n\n", "--db '%s' --lang en checkin 1",
             db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "phone");
    assert_contains(r.err, "12345");
    assert_contains(r.out, "Not added.");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' list orgs --tsv", db);
    assert_int_equal(count_lines(r.out), 2);
    run_result_free(&r);
    free(db);
}

static void checkin_cli_undo_takes_back_the_last_checkin(void **state)
{
    (void)state;
    char *db = ROSTER();
    char *out = door(db, "สมศรี\nใจดี\nundo\nundo\nundo\n");
    assert_contains(out, "attended 2 / 300");
    assert_contains(out, "undid adding attendance");
    assert_contains(out, "attended 1 / 300");
    assert_contains(out, "attended 0 / 300");
    assert_contains(out, "Cannot undo: nothing to undo");
    free(out);
    char *rows = attendance(db);
    assert_int_equal(count_lines(rows), 1);
    free(rows);
    /* Someone invited goes back to invited. */
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add attendance --event-id 1 --member-id 2 --status confirmed",
             db);
    assert_int_equal(r.status, 0);
    run_result_free(&r);
    out = door(db, "สมศรี\nundo\n");
    assert_contains(out, "undid editing attendance");
    free(out);
    rows = attendance(db);
    assert_contains(rows, "\tconfirmed\t");
    free(rows);
    free(db);
}

static void checkin_cli_rejects_bad_event(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct run_result r;
    khai_run(&r, "", "--db '%s' checkin 99", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "no event with id 99");
    run_result_free(&r);
    khai_run(&r, "", "--db '%s' checkin abc", db);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "usage: khai checkin EVENT_ID");
    run_result_free(&r);
    khai_run(&r, "", "--db '%s' checkin", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    khai_run(&r, "", "--db '%s' delete event 1", db);
    run_result_free(&r);
    khai_run(&r, "", "--db '%s' checkin 1", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "deleted");
    run_result_free(&r);
    free(db);
}

static void checkin_cli_help_and_thai(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct run_result r;
    khai_run(&r, NULL, "checkin --help");
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "usage: khai checkin EVENT_ID");
    run_result_free(&r);
    khai_run(&r, "ศรี\n", "--db '%s' --lang th checkin 1", db);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "มาแล้ว 1 / 300 คน · 0 องค์กร");
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest checkin_cli_tests[] = {
    cmocka_unit_test(checkin_cli_checks_in_by_name_with_counter),
    cmocka_unit_test(checkin_cli_checks_in_by_phone_digits),
    cmocka_unit_test(checkin_cli_refuses_a_second_checkin),
    cmocka_unit_test(checkin_cli_lists_several_and_a_number_picks),
    cmocka_unit_test(checkin_cli_new_person_with_new_organisation),
    cmocka_unit_test(checkin_cli_new_person_refused_writes_nothing),
    cmocka_unit_test(checkin_cli_undo_takes_back_the_last_checkin),
    cmocka_unit_test(checkin_cli_rejects_bad_event),
    cmocka_unit_test(checkin_cli_help_and_thai),
};
const size_t checkin_cli_tests_count = sizeof checkin_cli_tests / sizeof checkin_cli_tests[0];
