/* End-to-end tests of who is the same person (issue 8, part 1) on the real binary: imports
 * that keep namesakes apart, probable duplicates reported and joined only when asked, updates
 * that list each changed field and counts that agree, add --force, duplicates, merge and
 * unmerge, and attendance that never loses a check-in. */
#include "test_support.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB() test_fresh_db_path(__func__)

static void run(struct run_result *r, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run(struct run_result *r, const char *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    khai_run(r, NULL, "--db '%s' %s", db, args);
    free(args);
}

static void expect_status(const struct run_result *r, int want)
{
    if (r->status != want)
        fprintf(stderr, "exit %d, not %d\nstdout: [%s]\nstderr: [%s]\n", r->status, want, r->out,
                r->err);
    assert_int_equal(r->status, want);
}

static void write_scratch(const char *name, const char *bytes)
{
    char *path = test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(bytes, f);
    fclose(f);
    free(path);
}

/* Lines of text that contain needle. */
static int count_lines(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static int rows(const char *tsv)
{
    return count_lines(tsv, "\n") - 1; /* less the header */
}

/* Imports, expecting success; the summary must contain summary. Returns stderr (the report). */
static char *imports(const char *db, const char *summary, const char *args)
{
    struct run_result r;
    run(&r, db, "import %s", args);
    expect_status(&r, 0);
    if (!strstr(r.out, summary)) fprintf(stderr, "summary [%s]\nreport [%s]\n", r.out, r.err);
    assert_contains(r.out, summary);
    char *err = r.err;
    r.err = NULL;
    run_result_free(&r);
    return err;
}

/* The Nakhon kick-off: two different อุไรวรรณ แก้วมณี stay two people. */
static void dedupe_cli_namesakes_with_other_subdistricts_stay_apart(void **state)
{
    (void)state;
    char *db = DB();
    write_scratch("nakhon.csv", "ชื่อ-นามสกุล,โทรศัพท์,ตำบล,จังหวัด\n"
                                "นางอุไรวรรณ แก้วมณี,084-123-4567,บางจาก,นครศรีธรรมราช\n");
    free(imports(db, "1 added, 0 updated, 0 merged, 0 rejected", "members nakhon.csv"));
    write_scratch("kickoff.csv", "ชื่อ-นามสกุล,โทรศัพท์,ตำบล,จังหวัด\n"
                                 "นางอุไรวรรณ แก้วมณี,063-765-4321,บ้านใหม่,นครศรีธรรมราช\n");
    char *err = imports(db, "1 added, 0 updated, 0 merged, 0 rejected", "members kickoff.csv");
    assert_contains(err, "kickoff.csv:2: not member 1 นางอุไรวรรณ แก้วมณี (same name, another "
                         "phone): added as someone else");
    free(err);
    char *list = khai_ok(db, "list members --tsv --sort id");
    assert_int_equal(rows(list), 2);
    assert_contains(list, "084-123-4567\t\t\t\tนครศรีธรรมราช\t\tบางจาก\t");
    assert_contains(list, "063-765-4321\t\t\t\tนครศรีธรรมราช\t\tบ้านใหม่\t");
    free(list);
    free(db);
}

/* Three สมชาย ใจดี with three phones and provinces in one file are three people. */
static void dedupe_cli_three_somchai_are_three_people(void **state)
{
    (void)state;
    char *db = DB();
    write_scratch("somchai.csv", "ชื่อ,นามสกุล,โทรศัพท์,จังหวัด,ไลน์,ตำแหน่ง\n"
                                 "สมชาย,ใจดี,081-111-1111,เชียงใหม่,chai1,ครู\n"
                                 "สมชาย,ใจดี,082-222-2222,ลำปาง,chai2,กำนัน\n"
                                 "สมชาย,ใจดี,083-333-3333,น่าน,chai3,อสม.\n");
    char *err = imports(db, "3 added, 0 updated, 0 merged, 0 rejected", "members somchai.csv");
    assert_contains(err, "somchai.csv:3: not the same person as line 2, สมชาย ใจดี (same name, "
                         "another phone)");
    free(err);
    char *list = khai_ok(db, "list members --tsv --sort id");
    assert_int_equal(rows(list), 3);
    assert_contains(list, "081-111-1111\t\tchai1\t\tเชียงใหม่\t\t\tครู");
    assert_contains(list, "082-222-2222\t\tchai2\t\tลำปาง\t\t\tกำนัน");
    assert_contains(list, "083-333-3333\t\tchai3\t\tน่าน\t\t\tอสม.");
    free(list);
    free(db);
}

/* A row with only a name like someone khai knows: reported, added apart by default, joined
 * with --merge probable; the same phone is the same person whatever the name. */
static void dedupe_cli_probable_duplicates_are_reported_and_joined_when_asked(void **state)
{
    (void)state;
    char *db = DB();
    char *out = khai_ok(db, "add member --name 'นางอุไรวรรณ แก้วมณี' --province นครศรีธรรมราช");
    free(out);
    write_scratch("sheet.csv", "ชื่อ-นามสกุล,อีเมล\n"
                               "นางอุไรวรรณ แก้วมณี,urai@example.org\n");
    struct run_result r;
    run(&r, db, "import members sheet.csv --dry-run");
    expect_status(&r, 0);
    assert_contains(r.err, "sheet.csv:2: probably member 1 นางอุไรวรรณ แก้วมณี (same name, no "
                           "phone)\n");
    assert_contains(r.err, "1 row is probably someone khai knows but was added as a new person");
    assert_contains(r.out, "1 added, 0 updated, 0 merged, 0 rejected (dry run");
    run_result_free(&r);
    /* --merge probable joins them: the update lists what it changed. */
    char *err = imports(db, "0 added, 1 updated, 0 merged, 0 rejected",
                        "members sheet.csv --merge probable");
    assert_contains(err, "sheet.csv:2: probably member 1 นางอุไรวรรณ แก้วมณี (same name, no "
                         "phone): joined\n");
    assert_contains(err, "sheet.csv:2: member 1 นางอุไรวรรณ แก้วมณี: email: — → urai@example.org");
    free(err);
    char *list = khai_ok(db, "list members --tsv");
    assert_int_equal(rows(list), 1);
    free(list);
    /* Rows repeated in the file follow the rule: a name alone joins the earlier row only when
     * asked; the same e-mail is the same person. */
    write_scratch("repeat.csv", "ชื่อ-นามสกุล,โทรศัพท์,อีเมล\n"
                                "นายใหม่ ทดสอบ,081-555-5555,\n"
                                "นายใหม่ ทดสอบ,,\n"
                                "นายอื่น ทดสอบ,,new@example.org\n"
                                "นายอื่น ทดสอบ,082-555-5555,NEW@example.org\n");
    err = imports(db, "3 added, 0 updated, 1 merged, 0 rejected", "members repeat.csv");
    assert_contains(err, "repeat.csv:3: probably the same person as line 2, นายใหม่ ทดสอบ (same "
                         "name, no phone)\n");
    assert_contains(err, "repeat.csv:5: the same person as line 4, นายอื่น ทดสอบ (same e-mail): "
                         "phone, email changed");
    free(err);
    char *db2 = test_fresh_db_path("repeat-merged");
    err = imports(db2, "2 added, 0 updated, 2 merged, 0 rejected",
                  "members repeat.csv --merge probable");
    free(err);
    free(db2);
    free(db);
}

/* An update never replaces a value without saying so, --dry-run lists the same, and each
 * row is counted once. */
static void dedupe_cli_updates_list_each_changed_field_and_counts_agree(void **state)
{
    (void)state;
    char *db = DB();
    char *out = khai_ok(db, "add member --name 'นายสมชาย ใจดี' --phone 0811111111 --province "
                            "ลำปาง --position ครู");
    free(out);
    out = khai_ok(db, "add member --name 'นางสมศรี มีสุข' --phone 0822222222");
    free(out);
    write_scratch("update.csv", "ชื่อ-นามสกุล,โทรศัพท์,จังหวัด,ตำแหน่ง\n"
                                "นายสมชาย ใจดี,081-111-1111,เชียงใหม่,ครู\n"
                                "นางสมศรี มีสุข,082-222-2222,,\n"
                                "นายสมชาย ใจดี,081-111-1111,,\n");
    const char *changes[] = {"update.csv:2: member 1 นายสมชาย ใจดี: province: ลำปาง → เชียงใหม่\n",
                             NULL};
    for (int dry = 1; dry >= 0; dry--) {
        char *err = imports(db, "0 added, 1 updated, 1 merged, 0 rejected",
                            dry ? "members update.csv --dry-run" : "members update.csv");
        for (int i = 0; changes[i]; i++)
            assert_contains(err, changes[i]);
        assert_null(strstr(err, "position"));
        /* 1 updated + 1 merged + 1 unchanged = the 3 rows */
        assert_contains(err, "update.csv: 1 row matched records that needed no change");
        free(err);
    }
    char *list = khai_ok(db, "list members --tsv --sort id");
    assert_contains(list, "081-111-1111\t\t\t\tเชียงใหม่\t\t\tครู");
    free(list);
    /* Again: nothing changes, and nothing is counted as updated. */
    char *err = imports(db, "0 added, 0 updated, 1 merged, 0 rejected", "members update.csv");
    assert_contains(err, "update.csv: 2 rows matched records that needed no change");
    assert_null(strstr(err, "→"));
    free(err);
    free(db);
}

static void dedupe_cli_add_member_refuses_a_known_phone_unless_forced(void **state)
{
    (void)state;
    char *db = DB();
    char *out = khai_ok(db, "add member --name 'นายสมชาย ใจดี' --phone 081-234-5678 --line-id "
                            "somchai");
    free(out);
    static const char *const same[] = {"--phone '๐๘๑ ๒๓๔ ๕๖๗๘'", "--line-id '@SomChai'"};
    for (size_t i = 0; i < 2; i++) {
        struct run_result r;
        run(&r, db, "add member --name 'ชาย' %s", same[i]);
        expect_status(&r, 1);
        assert_string_equal(r.out, "");
        assert_contains(r.err, "already member 1 นายสมชาย ใจดี (same ");
        assert_contains(r.err, "--force");
        run_result_free(&r);
    }
    struct run_result r;
    run(&r, db, "add member --name 'ชาย' --phone 0812345678 --force");
    expect_status(&r, 0);
    assert_string_equal(r.out, "2\n");
    assert_contains(r.err, "warning: member 1 นายสมชาย ใจดี (same phone)");
    run_result_free(&r);
    /* A namesake is added, with a warning that names them. */
    run(&r, db, "add member --name 'นายสมชาย ใจดี'");
    expect_status(&r, 0);
    assert_string_equal(r.out, "3\n");
    assert_contains(r.err, "warning: member 1 นายสมชาย ใจดี has the same name (same name, no "
                           "phone): if they are one person, `khai merge 1 3` joins them");
    run_result_free(&r);
    run(&r, db,
        "--lang th add member --name 'นายสมชาย ใจดี' --email x@example.org --phone "
        "0899999999");
    expect_status(&r, 0);
    assert_contains(r.err, "มีชื่อเดียวกัน");
    run_result_free(&r);
    run(&r, db, "add org --name 'มูลนิธิ' --force");
    expect_status(&r, 2);
    run_result_free(&r);
    free(db);
}

static void dedupe_cli_duplicates_merge_and_unmerge(void **state)
{
    (void)state;
    char *db = DB();
    const char *adds[] = {
        "add member --name 'นายสมชาย ใจดี' --phone 0811111111 --province ลำปาง",
        "add member --name 'นายสมชาย ใจดี' --nickname ชาย --province ลำพูน --tags อาสา",
        "add member --name 'นางสมศรี มีสุข' --phone 0822222222",
        "add member --name 'ศรี' --phone 0822222222 --force",
        "add event --title ประชุม --start-date 2567-01-10",
        "add attendance --event-id 1 --member-id 1 --status invited",
        "add attendance --event-id 1 --member-id 2 --status attended",
        "add task --title รายงาน --owner 2",
    };
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++)
        free(khai_ok(db, "%s", adds[i]));
    char *tsv = khai_ok(db, "duplicates --tsv");
    assert_string_equal(tsv, "id\tname\tother_id\tother_name\tverdict\treason\n"
                             "3\tนางสมศรี มีสุข\t4\tศรี\tsame\tsame phone\n");
    free(tsv);
    /* The two สมชาย differ by province: not listed. Without the province, probable. */
    free(khai_ok(db, "edit member 2 --province ''"));
    tsv = khai_ok(db, "duplicates --tsv");
    assert_contains(tsv, "1\tนายสมชาย ใจดี\t2\tนายสมชาย ใจดี\tprobable\tsame name, no phone\n");
    free(tsv);
    char *table = khai_ok(db, "duplicates");
    assert_contains(table, "same name, no phone");
    free(table);
    char *out = khai_ok(db, "merge 1 2 --take nickname");
    assert_contains(out, "merged member 2 into member 1 นายสมชาย ใจดี");
    assert_contains(out, "khai unmerge 2");
    free(out);
    char *m = khai_ok(db, "list members --tsv --sort id");
    assert_contains(m, "1\tนาย\tสมชาย\tใจดี\tชาย\t\t081-111-1111\t\t\t\tลำปาง\t\t\t\t\tอาสา\t\n");
    assert_null(strstr(m, "\n2\t"));
    free(m);
    char *att = khai_ok(db, "list attendance --tsv");
    assert_int_equal(rows(att), 1);
    assert_contains(att, "\t1\tนายสมชาย ใจดี\t\t\tparticipant\tattended\t");
    free(att);
    char *tasks = khai_ok(db, "list tasks --tsv");
    assert_contains(tasks, "\tนายสมชาย ใจดี\t");
    free(tasks);
    char *audit_rows = xasprintf("sqlite3 '%s' \"SELECT count(*) FROM audit WHERE new_values LIKE "
                                 "'%%merged_from%%'\" > '%s/audit.txt'",
                                 db, test_tmpdir());
    assert_int_equal(system(audit_rows), 0);
    free(audit_rows);
    char *path = test_path("audit.txt"), *n = test_read_file(path);
    assert_string_equal(n, "1\n");
    free(n);
    free(path);
    /* Undone: both as they were. */
    out = khai_ok(db, "unmerge 2");
    assert_contains(out, "member 2 is apart from member 1 again");
    free(out);
    m = khai_ok(db, "list members --tsv --sort id");
    assert_contains(m, "1\tนาย\tสมชาย\tใจดี\t\t\t081-111-1111\t\t\t\tลำปาง\t\t\t\t\t\t\n");
    assert_contains(m, "2\tนาย\tสมชาย\tใจดี\tชาย\t\t\t\t\t\t\t\t\t\t\tอาสา\t\n");
    free(m);
    att = khai_ok(db, "list attendance --tsv --sort id");
    assert_contains(att, "\t1\tนายสมชาย ใจดี\t\t\tparticipant\tinvited\t");
    assert_contains(att, "\t2\tนายสมชาย ใจดี\t\t\tparticipant\tattended\t");
    free(att);
    struct run_result r;
    run(&r, db, "unmerge 2");
    expect_status(&r, 1);
    assert_contains(r.err, "member 2 was not merged into anyone");
    run_result_free(&r);
    run(&r, db, "merge 1");
    expect_status(&r, 2);
    run_result_free(&r);
    run(&r, db, "merge 1 2 --take foo");
    expect_status(&r, 2);
    run_result_free(&r);
    run(&r, db, "merge 1 99");
    expect_status(&r, 1);
    run_result_free(&r);
    free(db);
}

/* Re-importing a sign-in sheet never lowers a status or loses a check-in time. */
static void dedupe_cli_attendance_never_lowers_a_status(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add event --title เวที --start-date 2567-03-24 --start-time 09.00"));
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --phone 0811111111"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --phone 0822222222"));
    write_scratch("came.csv", "event_id,member_id,status,checked_in_at\n"
                              "1,1,attended,2024-03-24T02:15:00Z\n"
                              "1,2,confirmed,\n");
    free(imports(db, "2 added", "attendance came.csv"));
    write_scratch("invited.csv", "event_id,member_id,status\n1,1,confirmed\n1,2,invited\n");
    char *err = imports(db, "0 added, 0 updated, 0 merged, 0 rejected", "attendance invited.csv");
    assert_contains(err, "invited.csv:2: นายสมชาย ใจดี stays attended at event 1 (the sheet says "
                         "confirmed; --overwrite-status changes it)");
    assert_contains(err, "invited.csv:3: นางสมศรี มีสุข stays confirmed");
    free(err);
    char *att = khai_ok(db, "list attendance --tsv --sort id");
    assert_contains(att, "attended\t\t\t2024-03-24T02:15:00Z\t\n");
    assert_contains(att, "\tconfirmed\t");
    free(att);
    /* A sheet without a status column says they came: the time stays. */
    write_scratch("again.csv", "event_id,member_id\n1,1\n");
    free(imports(db, "0 added, 0 updated, 0 merged, 0 rejected", "attendance again.csv"));
    att = khai_ok(db, "list attendance --tsv --sort id");
    assert_contains(att, "attended\t\t\t2024-03-24T02:15:00Z\t\n");
    free(att);
    err = imports(db, "0 added, 2 updated", "attendance invited.csv --overwrite-status");
    assert_contains(err, "status: attended → confirmed");
    free(err);
    struct run_result r;
    run(&r, db, "import members invited.csv --overwrite-status");
    expect_status(&r, 2);
    run_result_free(&r);
    run(&r, db, "import attendance invited.csv --merge sometimes");
    expect_status(&r, 2);
    run_result_free(&r);
    free(db);
}

const struct CMUnitTest dedupe_cli_tests[] = {
    cmocka_unit_test(dedupe_cli_namesakes_with_other_subdistricts_stay_apart),
    cmocka_unit_test(dedupe_cli_three_somchai_are_three_people),
    cmocka_unit_test(dedupe_cli_probable_duplicates_are_reported_and_joined_when_asked),
    cmocka_unit_test(dedupe_cli_updates_list_each_changed_field_and_counts_agree),
    cmocka_unit_test(dedupe_cli_add_member_refuses_a_known_phone_unless_forced),
    cmocka_unit_test(dedupe_cli_duplicates_merge_and_unmerge),
    cmocka_unit_test(dedupe_cli_attendance_never_lowers_a_status),
};
const size_t dedupe_cli_tests_count = sizeof dedupe_cli_tests / sizeof dedupe_cli_tests[0];
