/* End-to-end tests of `khai import` and `khai export`: the sample sheets in tests/data/import
 * in every encoding, bad rows, rejects, duplicates, sign-in sheets, and round trips of every
 * kind through every export encoding. */
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* A database of the test's own in the scratch directory, removed first. */
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

static void expect_status(struct run_result *r, int want, const char *what)
{
    if (r->status != want)
        fprintf(stderr, "%s: exit %d, not %d\nstdout: [%s]\nstderr: [%s]\n", what, r->status, want,
                r->out, r->err);
    assert_int_equal(r->status, want);
}

/* Copies a sample sheet into the scratch directory, where khai runs and rejects files go. */
static void sample(const char *name)
{
    const char *src = getenv("KHAI_SRC");
    char *to = test_path(name);
    char *cmd = xasprintf("cp '%s/tests/data/import/%s' '%s'", src && *src ? src : ".", name, to);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(to);
}

static char *expected(const char *name)
{
    const char *src = getenv("KHAI_SRC");
    char *path = xasprintf("%s/tests/data/import/%s", src && *src ? src : ".", name);
    char *text = test_read_file(path);
    if (!text) fail_msg("cannot read %s", path);
    free(path);
    return text;
}

static char *scratch_file(const char *name)
{
    char *path = test_path(name);
    char *text = test_read_file(path);
    free(path);
    return text;
}

static void write_scratch(const char *name, const char *bytes)
{
    char *path = test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, strlen(bytes), f), strlen(bytes));
    fclose(f);
    free(path);
}

static bool scratch_exists(const char *name)
{
    char *path = test_path(name);
    struct stat st;
    bool exists = stat(path, &st) == 0;
    free(path);
    return exists;
}

static void expect_text(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) != 0)
        fprintf(stderr, "%s differs\n--- got:\n%s\n--- want:\n%s\n", what, got, want);
    assert_string_equal(got, want);
}

static void expect_list(const char *db, const char *kind, const char *expected_file)
{
    char *got = khai_ok(db, "list %s --tsv --sort id", kind);
    char *want = expected(expected_file);
    expect_text(got, want, expected_file);
    free(got);
    free(want);
}

/* Runs an import that must succeed and print this summary; returns its stderr. */
static char *imports(const char *db, const char *summary, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *imports(const char *db, const char *summary, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    struct run_result r;
    run(&r, db, "import %s", args);
    expect_status(&r, 0, args);
    assert_contains(r.out, summary);
    free(args);
    char *err = r.err;
    r.err = NULL;
    run_result_free(&r);
    return err;
}

/* Runs a command that must fail with want and say nothing on stdout; returns its stderr. */
static char *fails(int want, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *fails(int want, const char *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    struct run_result r;
    run(&r, db, "%s", args);
    expect_status(&r, want, args);
    assert_string_equal(r.out, "");
    assert_true(*r.err != '\0');
    free(args);
    char *err = r.err;
    r.err = NULL;
    run_result_free(&r);
    return err;
}

static const char members_header[] =
    "id,title,given_name,family_name,nickname,gender,phone,email,line_id,facebook,province,"
    "district,subdistrict,position,organisations,tags,notes\r\n";

/* ---------------------------------------------------------------------------------------- */
/* Import                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void import_cli_reads_the_sample_in_every_encoding(void **state)
{
    (void)state;
    static const char *const files[] = {"members-utf8.csv", "members-utf8-bom.csv",
                                        "members-cp874.csv", "members-tis620.csv",
                                        "members-utf16.csv"};
    static const char *const forced[] = {"", "", "--encoding cp874", "--encoding tis-620",
                                         "--encoding utf-16"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        for (int force = 0; force < 2; force++) {
            char *db = DB();
            sample(files[i]);
            char *err = imports(db, "4 added, 0 updated, 1 merged, 0 rejected\n", "members %s %s",
                                files[i], force ? forced[i] : "");
            /* Organisations are created and reported; known extra columns are not. */
            char *line = xasprintf("%s:2: new organisation \"มูลนิธิพัฒนาภาคเหนือ\"", files[i]);
            assert_contains(err, line);
            assert_null(strstr(err, "column"));
            free(line);
            free(err);
            expect_list(db, "members", "members.expected.tsv");
            char *orgs = khai_ok(db, "list orgs --tsv --sort id");
            assert_contains(orgs, "มหาวิทยาลัยขอนแก่น");
            free(orgs);
            free(db);
        }
    }
}

static void import_cli_reads_semicolons_and_english_headers(void **state)
{
    (void)state;
    char *db = DB();
    sample("members-semicolon.csv");
    free(imports(db, "2 added, 0 updated, 0 merged, 0 rejected", "members members-semicolon.csv"));
    expect_list(db, "members", "members-semicolon.expected.tsv");
    free(db);
}

static void import_cli_bad_rows_write_nothing(void **state)
{
    (void)state;
    char *db = DB();
    sample("members-bad.csv");
    char *err = fails(1, db, "import members members-bad.csv");
    assert_contains(err, "members-bad.csv:3: given_name: required\n");
    assert_contains(err, "members-bad.csv:4: phone: not a Thai phone number");
    assert_contains(err, "\"12345\"; email: not an e-mail address: \"not-an-email\"\n");
    assert_contains(err, "members-bad.csv:5: province: no such province: \"เมืองลับแล\"\n");
    assert_contains(err, "nothing was imported: 3 rows are bad");
    assert_contains(err, "--skip-bad");
    free(err);
    char *list = khai_ok(db, "list members --tsv");
    assert_string_equal(strchr(list, '\n'), "\n"); /* the header alone */
    free(list);
    assert_false(scratch_exists("members-bad.csv.rejects.csv"));
    free(db);
}

static void import_cli_skip_bad_keeps_rejects_as_they_were(void **state)
{
    (void)state;
    char *db = DB();
    sample("members-bad.csv");
    char *err = imports(db, "2 added, 0 updated, 0 merged, 3 rejected\n",
                        "members members-bad.csv --skip-bad");
    free(err);
    expect_list(db, "members", "members-bad.expected.tsv");
    char *rejects = scratch_file("members-bad.csv.rejects.csv");
    assert_non_null(rejects);
    char *all = expected("members-bad.csv");
    /* The header and lines 3-5, byte for byte. */
    char *line2 = strstr(all, "\r\n") + 2, *line3 = strstr(line2, "\r\n") + 2;
    char *line6 = strstr(strstr(strstr(line3, "\r\n") + 2, "\r\n") + 2, "\r\n") + 2;
    char *want = xasprintf("%.*s%.*s", (int)(line2 - all), all, (int)(line6 - line3), line3);
    expect_text(rejects, want, "rejects");
    free(want);
    free(rejects);
    /* In Windows-874 the rejects stay Windows-874. */
    char *from = test_path("members-bad.csv"), *to = test_path("bad874.csv");
    char *cmd = xasprintf("iconv -f UTF-8 -t CP874 '%s' > '%s'", from, to);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(from);
    free(to);
    char *db2 = test_fresh_db_path("skip_bad_874");
    free(imports(db2, "2 added, 0 updated, 0 merged, 3 rejected", "members bad874.csv --skip-bad"));
    rejects = scratch_file("bad874.csv.rejects.csv");
    assert_non_null(rejects);
    assert_null(strstr(rejects, "ชื่อ"));                    /* no UTF-8 */
    assert_non_null(strstr(rejects, "\xaa\xd7\xe8\xcd,")); /* ชื่อ in Windows-874 */
    assert_non_null(strstr(rejects, ",12345,not-an-email,\r\n"));
    /* Fixed and imported again, the rejects complete the import. */
    free(rejects);
    free(all);
    free(db);
    free(db2);
}

static void import_cli_counts_physical_lines(void **state)
{
    (void)state;
    char *db = DB();
    sample("members-newlines.csv");
    char *err = fails(1, db, "import members members-newlines.csv");
    assert_contains(err, "members-newlines.csv:6: phone: not a Thai phone number");
    free(err);
    free(imports(db, "3 added, 0 updated, 0 merged, 1 rejected",
                 "members members-newlines.csv --skip-bad"));
    expect_list(db, "members", "members-newlines.expected.tsv");
    char *rejects = scratch_file("members-newlines.csv.rejects.csv");
    assert_contains(rejects, "123\r\n");
    assert_contains(rejects, "\"หลาย\nบรรทัด\"");
    free(rejects);
    free(db);
}

static void import_cli_dry_run_writes_nothing(void **state)
{
    (void)state;
    char *db = DB();
    sample("members-utf8.csv");
    struct run_result r;
    run(&r, db, "import members members-utf8.csv --dry-run --skip-bad");
    expect_status(&r, 0, "dry run");
    assert_contains(r.out, "4 added, 0 updated, 1 merged, 0 rejected (dry run: nothing was "
                           "written)");
    assert_contains(r.err, "new organisation");
    run_result_free(&r);
    char *members = khai_ok(db, "list members --tsv"), *orgs = khai_ok(db, "list orgs --tsv");
    assert_string_equal(strchr(members, '\n'), "\n");
    assert_string_equal(strchr(orgs, '\n'), "\n");
    free(members);
    free(orgs);
    free(db);
}

static void import_cli_updates_known_members_and_merges_repeats(void **state)
{
    (void)state;
    char *db = DB();
    char *out = khai_ok(db, "add member --name 'จิราพร คงทอง' --phone 0812345678 --nickname เดิม "
                            "--notes 'บันทึกเดิม'");
    free(out);
    sample("members-utf8.csv");
    free(imports(db, "3 added, 1 updated, 1 merged, 0 rejected", "members members-utf8.csv"));
    char *list = khai_ok(db, "list members --tsv --sort id");
    /* The same member 1: the sheet's values replace, lists are joined, empty cells keep. */
    assert_contains(list, "1\tนางสาว\tจิราพร\tคงทอง\tแอ๋ว\t\t081-234-5678; 089-999-8888\t"
                          "jiraporn@example.org\tjira.k\t\tเชียงใหม่\tแม่ริม\t\tผู้ประสานงาน\t"
                          "มูลนิธิพัฒนาภาคเหนือ\t\tบันทึกเดิม\n");
    free(list);
    /* Importing the same sheet again changes nothing, and the counts say so once. */
    char *err = imports(db, "0 added, 0 updated, 1 merged, 0 rejected", "members members-utf8.csv");
    assert_contains(err, "4 rows matched records that needed no change");
    free(err);
    char *count = khai_ok(db, "list members --tsv");
    size_t lines = 0;
    for (const char *p = count; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 5);
    free(count);
    free(db);
}

static void import_cli_reads_thai_event_sheets(void **state)
{
    (void)state;
    char *db = DB();
    sample("events-thai.csv");
    char *err = fails(1, db, "import events events-thai.csv");
    assert_contains(err, "events-thai.csv:1: the lines above the header row (line 2) were "
                         "skipped");
    assert_contains(err, "events-thai.csv:5: start_date:");
    assert_contains(err, "31 ก.พ. 2567");
    free(err);
    free(imports(db, "2 added, 0 updated, 0 merged, 1 rejected",
                 "events events-thai.csv --skip-bad"));
    expect_list(db, "events", "events-thai.expected.tsv");
    free(db);
}

static void import_cli_takes_a_sign_in_sheet(void **state)
{
    (void)state;
    char *db = DB();
    sample("events-thai.csv");
    sample("attendance-sheet.csv");
    free(imports(db, "2 added", "events events-thai.csv --skip-bad"));
    /* Line 6 repeats line 5's name without a phone: probably the same person, joined as
     * asked. */
    char *err = imports(db, "2 added, 0 updated, 1 merged, 0 rejected",
                        "attendance attendance-sheet.csv --merge probable");
    assert_contains(err, "attendance-sheet.csv:6: probably member 2 นายสมชาย ใจดี (same name, no "
                         "phone): joined\n");
    assert_contains(err, "attendance-sheet.csv:4: new member นางสาวจิราพร คงทอง");
    assert_contains(err, "attendance-sheet.csv:5: new organisation \"อบต.หนองบัว\"");
    assert_contains(err, "no status column: everyone on the sheet is recorded as attended");
    free(err);
    char *got = khai_ok(db, "list attendance --tsv --sort id");
    /* Without checked_in_at, people at a past event came on its day (24 March 2024 at its
     * start, 13.30 local time), not at the time of the import. */
    struct tm start = {
        .tm_year = 124, .tm_mon = 2, .tm_mday = 24, .tm_hour = 13, .tm_min = 30, .tm_isdst = -1};
    time_t t = mktime(&start);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    struct strbuf cut = STRBUF_INIT;
    for (char *line = strtok(got, "\n"); line; line = strtok(NULL, "\n")) {
        *strrchr(line, '\t') = '\0'; /* days: empty at a one-day event */
        const char *at = strrchr(line, '\t') + 1;
        sb_addf(&cut, "%.*s\n", (int)(at - 1 - line), line);
        if (strcmp(at, "checked_in_at") != 0) assert_string_equal(at, stamp);
    }
    char *want = expected("attendance-sheet.expected.tsv");
    expect_text(sb_str(&cut), want, "attendance");
    free(want);
    sb_free(&cut);
    free(got);
    expect_list(db, "members", "attendance-sheet.members.expected.tsv");
    /* A row naming an event that does not exist is refused by line. */
    write_scratch("late.csv", "กิจกรรม,วันที่,ชื่อ\nไม่มีงานนี้,1/1/2567,สมศรี\n");
    err = fails(1, db, "import attendance late.csv");
    assert_contains(err, "late.csv:2: event_title: no event \"ไม่มีงานนี้\" on 2024-01-01");
    free(err);
    free(db);
}

static void import_cli_refuses_what_is_not_text(void **state)
{
    (void)state;
    char *db = DB();
    write_scratch("stray.csv", "ชื่อ\nจิรา\xFCพร\n");
    char *err = fails(1, db, "import members stray.csv");
    assert_contains(err, "stray.csv: neither UTF-8 nor Windows-874");
    assert_contains(err, "line 2, character 5 of the line, byte 26 of the file (0xFC)");
    free(err);
    write_scratch("book.csv", "PK\x03\x04xlsx");
    err = fails(1, db, "import members book.csv"); /* a workbook by its bytes, whatever its name */
    assert_contains(err, "book.csv is not a readable .xlsx workbook");
    free(err);
    err = fails(1, db, "import members missing.csv");
    assert_contains(err, "cannot read missing.csv");
    free(err);
    write_scratch("nothing.csv", "foo,bar\n1,2\n");
    err = fails(1, db, "import members nothing.csv");
    assert_contains(err, "given_name (ชื่อ) or a full name (ชื่อ-นามสกุล)");
    assert_contains(err, "\"foo\", \"bar\"");
    free(err);
    write_scratch("open.csv", "ชื่อ,หมายเหตุ\nสมชาย,\"ไม่ปิด\n");
    err = fails(1, db, "import members open.csv");
    assert_contains(err, "line 2: a quoted field opened here is never closed");
    free(err);
    free(db);
}

static void import_cli_reports_unknown_columns(void **state)
{
    (void)state;
    char *db = DB();
    write_scratch("extra.csv", "ลำดับ,ชื่อ,นามสกุล,ศาสนา,ลายมือชื่อ\n1,สมชาย,ใจดี,พุทธ,\n");
    char *err = imports(db, "1 added", "members extra.csv");
    assert_contains(err, "extra.csv:1: column \"ศาสนา\" is not a member field: ignored");
    assert_null(strstr(err, "ลำดับ"));
    assert_null(strstr(err, "ลายมือชื่อ"));
    free(err);
    free(db);
}

/* With --lang th the report speaks Thai: each bad row, the unknown column, the summary. */
static void import_cli_reports_in_thai(void **state)
{
    (void)state;
    char *db = DB();
    write_scratch("thai.csv", "given_name,phone,foo\n,081-234-5678,x\nสมชาย,0812345679,y,z\n");
    char *err = fails(1, db, "--lang th import members thai.csv");
    assert_contains(err, "thai.csv:1: คอลัมน์ \"foo\" ไม่ใช่ช่องข้อมูลของสมาชิก: ข้ามไป");
    assert_contains(err, "thai.csv:2: ชื่อ: ต้องกรอก");
    assert_contains(err, "thai.csv:3: ข้ามข้อมูล 1 ช่องทางขวาของคอลัมน์สุดท้าย");
    assert_contains(err, "ไม่ได้นำเข้าข้อมูลใดเลย: มี 1 แถวที่ผิด");
    free(err);
    write_scratch("nothing.csv", "foo,bar\n1,2\n");
    err = fails(1, db, "--lang th import members nothing.csv");
    assert_contains(err, "ไม่มีคอลัมน์ที่สมาชิกต้องใช้ คือ given_name (ชื่อ)");
    free(err);
    write_scratch("thai.vcf",
                  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:สมศรี มีสุข\r\nN:มีสุข;สมศรี;;;\r\n"
                  "TEL:12345\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:9.9\r\nEND:VCARD\r\n");
    err = fails(1, db, "--lang th import vcard thai.vcf");
    assert_contains(err, "thai.vcf:5: เบอร์โทร \"12345\" ไม่ใช่เบอร์ไทย: ไม่ได้นำเข้า");
    assert_contains(err, "ไม่รองรับ vCard รุ่น \"9.9\"");
    assert_contains(err, "vCard ผิด 1 จาก 2 ใบ: ไม่ได้นำเข้าข้อมูลใดเลย");
    free(err);
    free(db);
}

static void import_cli_usage_errors(void **state)
{
    (void)state;
    char *db = DB();
    char *err = fails(2, db, "import members");
    assert_contains(err, "usage: khai import");
    free(err);
    free(fails(2, db, "import people x.csv"));
    free(fails(2, db, "import members x.csv --encoding latin-1"));
    free(fails(2, db, "import members x.csv --frobnicate"));
    free(fails(2, db, "export members --encoding latin-1"));
    free(fails(2, db, "export orgs --event 1"));
    free(fails(2, db, "export members --version 4.0"));
    free(fails(2, db, "export ical --thai-dates"));
    char *help = khai_ok(db, "help import");
    assert_contains(help, "--skip-bad");
    assert_contains(help, "rejects.csv");
    free(help);
    help = khai_ok(db, "export --help");
    assert_contains(help, "--thai-dates");
    assert_contains(help, "leading zero");
    free(help);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Export                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void import_cli_export_writes_the_fixed_columns_for_excel(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --name 'นางสาวจิราพร คงทอง' --phone '081-234-5678; 02-123-4567' "
                     "--notes 'หนึ่ง, \"สอง\"'"));
    char *out = khai_ok(db, "export members");
    char *want = xasprintf("\xEF\xBB\xBF%s1,นางสาว,จิราพร,คงทอง,,,081-234-5678; 02-123-4567,,,,,,,"
                           ",,,\"หนึ่ง, \"\"สอง\"\"\"\r\n",
                           members_header);
    expect_text(out, want, "export");
    free(want);
    free(out);
    out = khai_ok(db, "export members --encoding utf-8");
    assert_true(strncmp(out, members_header, strlen(members_header)) == 0);
    free(out);
    static const char *const headers[][2] = {
        {"orgs", "id,name,short_name,kind,parent,province,phone,email,line_group,facebook,"
                 "website,focus,notes\r\n"},
        {"events", "id,title,kind,start_date,end_date,start_time,end_time,venue,province,host,"
                   "partners,target,status,notes,target_orgs,target_subdistricts,"
                   "target_districts,target_provinces\r\n"},
        {"attendance", "event_id,event_title,member_id,member_name,organisation,category,role,"
                       "status,reason,group,checked_in_at,days\r\n"},
        {"tasks", "id,title,event_id,owner,owner_org,due_date,status,priority,notes,owners\r\n"},
        {"invitations", "id,event_id,event_title,org_id,organisation,status,reason,updated_at\r\n"},
    };
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        out = khai_ok(db, "export %s --encoding utf-8", headers[i][0]);
        assert_string_equal(out, headers[i][1]);
        free(out);
    }
    out = khai_ok(db, "export members -o members.csv");
    assert_contains(out, "exported to members.csv");
    free(out);
    char *file = scratch_file("members.csv");
    assert_contains(file, "081-234-5678");
    free(file);
    free(db);
}

static void import_cli_export_refuses_what_cp874_cannot_hold(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --given-name สมชาย --family-name ใจดี"));
    free(khai_ok(db, "add member --given-name Nguyễn --family-name Văn"));
    char *err = fails(1, db, "export members --encoding cp874");
    assert_contains(err, "line 3 (member 2): given_name \"Nguyễn\" holds \"ễ\" (U+1EC5), which "
                         "Windows-874 cannot hold");
    free(err);
    err = fails(1, db, "export members --encoding cp874 -o out.csv");
    free(err);
    assert_false(scratch_exists("out.csv"));
    free(db);
}

static void import_cli_export_filters(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add event --title ประชุม --start-date 2024-01-01"));
    free(khai_ok(db, "add event --title อบรม --start-date 2024-02-01"));
    free(khai_ok(db, "add member --name 'สมชาย ใจดี'"));
    free(khai_ok(db, "add member --name 'สมหญิง ศรีสุข'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1"));
    free(khai_ok(db, "add attendance --event-id 2 --member-id 2"));
    char *out = khai_ok(db, "export attendance --encoding utf-8 --event 2");
    assert_contains(out, "2,อบรม,2,สมหญิง ศรีสุข");
    assert_null(strstr(out, "สมชาย"));
    free(out);
    out = khai_ok(db, "export members --encoding utf-8 --search ศรีสุข");
    assert_contains(out, "สมหญิง");
    assert_null(strstr(out, "สมชาย"));
    free(out);
    out = khai_ok(db, "export events --encoding utf-8 --thai-dates");
    assert_contains(out, "1,ประชุม,meeting,1 ม.ค. 2567,1 ม.ค. 2567,");
    free(out);
    free(db);
}

static void import_cli_dispatches_vcard_and_ical(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --name 'นางสาวจิราพร คงทอง' --phone 0812345678"));
    free(khai_ok(db, "add event --title ประชุม --start-date 2024-01-01"));
    char *out = khai_ok(db, "export vcard");
    assert_contains(out, "BEGIN:VCARD");
    free(out);
    out = khai_ok(db, "export ical");
    assert_contains(out, "BEGIN:VCALENDAR");
    free(out);
    out = khai_ok(db, "export vcard -o cards.vcf");
    free(out);
    char *db2 = test_fresh_db_path("vcard_copy");
    out = khai_ok(db2, "import vcard cards.vcf");
    assert_contains(out, "1 added");
    free(out);
    free(db2);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Round trips                                                                              */
/* ---------------------------------------------------------------------------------------- */

static const char *const kinds[] = {"orgs",  "members",    "events",
                                    "tasks", "attendance", "invitations"};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

/* Exports every kind from db, imports them into a new database in dependency order, exports
 * again and compares byte for byte. */
static void round_trip(const char *db, const char *name, const char *options)
{
    char *copy = test_fresh_db_path(name);
    for (size_t i = 0; i < NKINDS; i++) {
        char *file = xasprintf("%s-%s.csv", name, kinds[i]);
        free(khai_ok(db, "export %s %s -o %s", kinds[i], options, file));
        char *err = imports(copy, " 0 rejected", "%s %s", kinds[i], file);
        free(err);
        free(file);
    }
    for (size_t i = 0; i < NKINDS; i++) {
        char *file = xasprintf("%s-%s.csv", name, kinds[i]);
        char *again = xasprintf("%s-%s-again.csv", name, kinds[i]);
        free(khai_ok(copy, "export %s %s -o %s", kinds[i], options, again));
        char *a = scratch_file(file), *b = scratch_file(again);
        assert_non_null(a);
        assert_non_null(b);
        if (strcmp(a, b) != 0)
            fail_msg("%s %s: export -> import -> export differs (%s, %s)", kinds[i], options, file,
                     again);
        /* The demo has rows in every kind. */
        assert_non_null(strchr(strchr(a, '\n') + 1, '\n'));
        free(a);
        free(b);
        free(file);
        free(again);
    }
    free(copy);
}

static void import_cli_round_trips_every_kind_and_encoding(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "demo"));
    round_trip(db, "rt_bom", "");
    round_trip(db, "rt_utf8", "--encoding utf-8");
    round_trip(db, "rt_874", "--encoding cp874");
    round_trip(db, "rt_thai_dates", "--encoding cp874 --thai-dates");
    free(db);
}

static void import_cli_reimport_of_an_export_changes_nothing(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "demo"));
    for (size_t i = 0; i < NKINDS; i++) {
        char *file = xasprintf("again-%s.csv", kinds[i]);
        free(khai_ok(db, "export %s -o %s", kinds[i], file));
        char *err = imports(db, "0 added, ", "%s %s", kinds[i], file);
        assert_contains(err, "matched records that needed no change");
        free(err);
        free(file);
    }
    free(db);
}

const struct CMUnitTest import_cli_tests[] = {
    cmocka_unit_test(import_cli_reads_the_sample_in_every_encoding),
    cmocka_unit_test(import_cli_reads_semicolons_and_english_headers),
    cmocka_unit_test(import_cli_bad_rows_write_nothing),
    cmocka_unit_test(import_cli_skip_bad_keeps_rejects_as_they_were),
    cmocka_unit_test(import_cli_counts_physical_lines),
    cmocka_unit_test(import_cli_dry_run_writes_nothing),
    cmocka_unit_test(import_cli_updates_known_members_and_merges_repeats),
    cmocka_unit_test(import_cli_reads_thai_event_sheets),
    cmocka_unit_test(import_cli_takes_a_sign_in_sheet),
    cmocka_unit_test(import_cli_refuses_what_is_not_text),
    cmocka_unit_test(import_cli_reports_unknown_columns),
    cmocka_unit_test(import_cli_reports_in_thai),
    cmocka_unit_test(import_cli_usage_errors),
    cmocka_unit_test(import_cli_export_writes_the_fixed_columns_for_excel),
    cmocka_unit_test(import_cli_export_refuses_what_cp874_cannot_hold),
    cmocka_unit_test(import_cli_export_filters),
    cmocka_unit_test(import_cli_dispatches_vcard_and_ical),
    cmocka_unit_test(import_cli_round_trips_every_kind_and_encoding),
    cmocka_unit_test(import_cli_reimport_of_an_export_changes_nothing),
};
const size_t import_cli_tests_count = sizeof import_cli_tests / sizeof import_cli_tests[0];
