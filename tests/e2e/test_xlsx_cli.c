/* End-to-end tests of .xlsx workbooks: `khai import` of workbooks made by openpyxl (a real
 * writer of the format) and of one laid out as LibreOffice saves it, hostile files, `khai
 * export -o FILE.xlsx` read back by openpyxl, and round trips of every kind; also the CSV
 * protection of digit-only LINE IDs and the times LibreOffice writes. The workbooks are made
 * by tests/data/xlsx/workbooks.py with Debian's python3-openpyxl. */
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB() test_fresh_db_path(__func__)

static const char *src_dir(void)
{
    const char *src = getenv("KHAI_SRC");
    return src && *src ? src : ".";
}

/* Runs tests/data/xlsx/workbooks.py with ARGS in the scratch directory; its output. */
static char *python(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *python(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    char *cmd = xasprintf("cd '%s' && /usr/bin/python3 '%s/tests/data/xlsx/workbooks.py' %s",
                          test_tmpdir(), src_dir(), args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct strbuf out = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        sb_addn(&out, buf, n);
    int status = pclose(p);
    if (status != 0) fail_msg("%s: exit %d", cmd, status);
    free(cmd);
    free(args);
    return sb_take(&out);
}

static void make(const char *name)
{
    free(python("make %s %s.xlsx", name, name));
}

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

/* The import of a hostile file fails with one line naming the file, and writes nothing. */
static void expect_refused(const char *name, const char *want)
{
    char *db = test_fresh_db_path(name);
    struct run_result r;
    run(&r, db, "import members %s.xlsx", name);
    if (r.status != 1 || !test_contains(r.err, want))
        fail_msg("%s: exit %d, stderr [%s], want [%s]", name, r.status, r.err, want);
    assert_int_equal(strchr(r.err, '\n') - r.err + 1, (long)strlen(r.err)); /* one line */
    assert_contains(r.err, name);
    run_result_free(&r);
    char *list = khai_ok(db, "list members --tsv");
    assert_null(strchr(list, '\n') ? strchr(strchr(list, '\n') + 1, '\n') : NULL);
    free(list);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */

static void xlsx_import_members_from_openpyxl(void **state)
{
    (void)state;
    char *db = DB();
    make("members");
    char *out = khai_ok(db, "import members members.xlsx");
    assert_contains(out, "3 added, 0 updated, 0 merged, 0 rejected");
    free(out);
    char *list = khai_ok(db, "list members --tsv --sort id");
    /* a phone and a LINE ID stored as numbers get their 0 back; a title row is skipped; a
     * whole number is written without ".0"; a multi-line cell stays one */
    assert_contains(list, "1\tนางสาว\tจิราพร\tคงทอง\tแอน\t\t081-234-5678\t\t0891234567\t\tเชียงใหม่");
    assert_contains(list, "2\tนาย\tสมชาย\tใจดี\t\t\t081-234-5679\t\t0612345678\t\tเชียงใหม่");
    assert_contains(list, "3\tผศ.ดร.\tกนกพร\tศรีสุข\tกิ๊ฟ\t\t02-123-4567\t\tkanok.s\t\tเชียงใหม่");
    assert_contains(list, "\tสอง\\nบรรทัด\n");
    assert_contains(list, "\t2.5\n");
    free(list);
    char *show = khai_ok(db, "show member 2");
    assert_contains(show, "no");
    free(show);
    free(db);
}

static void xlsx_import_reports_rows_by_their_numbers(void **state)
{
    (void)state;
    char *db = DB();
    make("members");
    struct run_result r;
    run(&r, db, "import members members.xlsx");
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "members.xlsx:1: the lines above the header row (line 3) were skipped");
    assert_contains(r.err, "members.xlsx:4: 1 cell right of the last column ignored");
    run_result_free(&r);
    free(db);
}

static void xlsx_import_dates_and_times(void **state)
{
    (void)state;
    char *db = DB();
    make("events");
    make("events1904");
    free(khai_ok(db, "import events events.xlsx"));
    free(khai_ok(db, "import events events1904.xlsx"));
    char *list = khai_ok(db, "list events --tsv --sort id");
    /* title, start and end date cells in ISO, Buddhist Era ([$-107041E], [$-th-TH,107]),
     * built-in and date-time formats; time cells and times typed as LibreOffice writes them */
    assert_contains(list, "ISO\tmeeting\t2010-07-21\t2010-07-21\t09:00\t10:30\t");
    assert_contains(list, "BE hex\tmeeting\t2010-07-22\t2010-07-22\t13:30\t16:30\t");
    assert_contains(list, "BE tag\tmeeting\t2010-07-23\t2010-07-23\t09:00\t12:00\t");
    assert_contains(list, "built-in\tmeeting\t2010-07-24\t2010-07-24\t09:00\t09:00\t");
    assert_contains(list, "datetime\tmeeting\t2010-07-25\t2010-07-25\t13:30\t\t");
    assert_contains(list, "Mac\tmeeting\t2010-07-21\t2010-07-21\t09:15\t");
    assert_contains(list, "\t42\t");
    free(list);
    free(db);
}

static void xlsx_import_sheet_by_name(void **state)
{
    (void)state;
    char *db = DB();
    make("two_sheets");
    struct run_result r;
    run(&r, db, "import members two_sheets.xlsx");
    assert_int_equal(r.status, 1); /* the first sheet is a summary, not a roster */
    run_result_free(&r);
    char *out = khai_ok(db, "import members two_sheets.xlsx --sheet ผู้เข้าร่วม");
    assert_contains(out, "2 added");
    free(out);
    run(&r, db, "import members two_sheets.xlsx --sheet Sheet9");
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "two_sheets.xlsx: no sheet \"Sheet9\"; the workbook has \"สรุป\", "
                           "\"ผู้เข้าร่วม\"");
    run_result_free(&r);
    free(db);
}

static void xlsx_import_cells_written_by_hand(void **state)
{
    (void)state;
    char *db = DB();
    make("by_hand");
    free(khai_ok(db, "import members by_hand.xlsx"));
    char *list = khai_ok(db, "list members --tsv --sort id");
    /* rich text runs joined and phonetic runs left out, cells without references, inline
     * strings, a formula's cached text, _x000D_ */
    assert_contains(list, "1\t\tสมชาย\tใจดี\t");
    assert_contains(list, "2\t\tปิติ\tยินดี\t");
    assert_null(strstr(list, "PHONETIC"));
    assert_contains(list, "line");
    free(list);
    free(db);
}

static void xlsx_import_bad_rows_go_to_a_csv_of_rejects(void **state)
{
    (void)state;
    char *db = DB();
    make("bad_row");
    struct run_result r;
    run(&r, db, "import members bad_row.xlsx");
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "bad_row.xlsx:3: ");
    run_result_free(&r);
    char *out = khai_ok(db, "import members bad_row.xlsx --skip-bad");
    assert_contains(out, "1 added, 0 updated, 0 merged, 1 rejected");
    assert_contains(out, "bad_row.xlsx.rejects.csv");
    free(out);
    char *path = test_path("bad_row.xlsx.rejects.csv");
    char *rejects = test_read_file(path);
    assert_non_null(rejects);
    /* UTF-8 with a byte-order mark for Excel; the header and the bad row, its formula-like
     * cell guarded as export guards it */
    assert_string_equal(rejects,
                        "\xEF\xBB\xBFgiven_name,family_name,phone,email\r\nชูใจ,ใจดี,12,'=1+2\r\n");
    free(rejects);
    free(path);
    free(db);
}

static void xlsx_import_refuses_hostile_files(void **state)
{
    (void)state;
    static const struct {
        const char *name, *want;
    } cases[] = {
        {"bomb", "xl/worksheets/sheet1.xml unpacks to 4095 MB, more than the 256 MB"},
        {"malformed", "xl/worksheets/sheet1.xml line 1 is not well-formed XML"},
        {"missing_part", "sheet \"Sheet1\" is missing from the workbook"},
        {"no_workbook", "is a zip archive but not an Excel workbook"},
        {"bad_string", "sheet \"Sheet1\" cell A2: shared string 99 does not exist"},
        {"entities", "xl/sharedStrings.xml line 1 is not well-formed XML"},
        {"ods", "is an OpenDocument spreadsheet (.ods), which khai cannot read: save it as "
                ".xlsx or CSV"},
        {"xls", "is an old Excel workbook (.xls, Excel 97-2003), which khai cannot read"},
        {"encrypted", "is encrypted with a password"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        make(cases[i].name);
        expect_refused(cases[i].name, cases[i].want);
    }
}

static void xlsx_refusals_speak_thai(void **state)
{
    (void)state;
    char *db = DB();
    make("xls");
    struct run_result r;
    khai_run(&r, NULL, "--lang th --db '%s' import members xls.xlsx", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "xls.xlsx");
    assert_contains(r.err, ".xlsx หรือ CSV");
    assert_null(strstr(r.err, "cannot read"));
    run_result_free(&r);
    free(db);
}

/* A workbook laid out as LibreOffice Calc 7 saves one (shared strings, its style table, a date
 * in the Buddhist Era, times with AM/PM), committed in tests/data/import. */
static void xlsx_import_libreoffice_layout(void **state)
{
    (void)state;
    char *db = DB();
    char *cmd = xasprintf("cp '%s/tests/data/import/libreoffice-events.xlsx' '%s/'", src_dir(),
                          test_tmpdir());
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *out = khai_ok(db, "import events libreoffice-events.xlsx");
    assert_contains(out, "2 added");
    free(out);
    char *list = khai_ok(db, "list events --tsv --sort id");
    assert_contains(list, "ประชุมเครือข่าย อสม.\tmeeting\t2024-05-01\t2024-05-01\t09:00\t16:30\t");
    assert_contains(list, "อบรมการใช้แผนที่\ttraining\t2024-05-15\t2024-05-16\t13:30\t17:00\t");
    free(list);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */

static void xlsx_export_as_a_spreadsheet_reads_it(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --name 'นางสาวกิตติศักดิ์ศรีสุขสวัสดิ์ คงทอง' --phone 0812345678 "
                     "--line-id 0891234567 --province เชียงใหม่"));
    free(khai_ok(db, "add event --title 'ประชุมเครือข่าย' --start-date 2010-07-21 "
                     "--start-time 9:00 --target 40"));
    free(khai_ok(db, "export members -o m.xlsx"));
    free(khai_ok(db, "export events --format xlsx -o e.xlsx"));
    char *m = python("read m.xlsx");
    assert_contains(m, "sheet members\nfreeze A2\nfilter A1:Q2\nbold True\n");
    assert_contains(m, "cell A2 id n 1 [General]");
    assert_contains(m, "cell G2 phone s 081-234-5678 [General]");
    assert_contains(m, "cell I2 line_id s 0891234567 [General]");
    /* a Thai name's column is as wide as it shows: 14 columns and 10 marks that take none */
    assert_contains(m, "width C 16\n");
    free(m);
    char *e = python("read e.xlsx");
    assert_contains(e, "cell D2 start_date date 2010-07-21 [[$-107041E]d mmm yyyy]");
    assert_contains(e, "cell F2 start_time date 09:00:00 [hh:mm]");
    assert_contains(e, "cell L2 target n 40 [General]");
    free(e);
    free(khai_ok(db, "export events --dates iso -o iso.xlsx"));
    e = python("read iso.xlsx");
    assert_contains(e, "cell D2 start_date date 2010-07-21 [yyyy-mm-dd]");
    free(e);
    free(db);
}

static void xlsx_export_refuses_what_does_not_fit(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --given-name มานี"));
    free(khai_ok(db, "export members -o kept.xlsx"));
    struct run_result r;
    run(&r, db, "export members -o kept.xlsx");
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "kept.xlsx exists: give --force to replace it");
    run_result_free(&r);
    free(khai_ok(db, "export members -o kept.xlsx --force"));
    run(&r, db, "export vcard --format xlsx -o v.xlsx");
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    run(&r, db, "export members --format ods -o v.ods");
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--format is csv or xlsx");
    run_result_free(&r);
    run(&r, db, "export members --dates iso -o v.csv");
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    /* to standard output (not a terminal): the workbook's bytes */
    run(&r, db, "export members --format xlsx");
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "PK\x03\x04", 4);
    run_result_free(&r);
    free(db);
}

/* Every kind: demo -> .xlsx -> a new database -> the same CSV export. */
static void xlsx_round_trip_every_kind(void **state)
{
    (void)state;
    char *from = DB();
    char *into = test_fresh_db_path("xlsx_round_trip_into");
    free(khai_ok(from, "demo --size small"));
    static const char *const kinds[] = {"orgs", "members", "events", "attendance", "tasks"};
    for (size_t i = 0; i < 5; i++) {
        free(khai_ok(from, "export %s -o rt-%s.xlsx", kinds[i], kinds[i]));
        char *out = khai_ok(into, "import %s rt-%s.xlsx", kinds[i], kinds[i]);
        assert_contains(out, " 0 rejected");
        free(out);
    }
    for (size_t i = 0; i < 5; i++) {
        free(khai_ok(from, "export %s -o a-%s.csv", kinds[i], kinds[i]));
        free(khai_ok(into, "export %s -o b-%s.csv", kinds[i], kinds[i]));
        char *a_path = xasprintf("%s/a-%s.csv", test_tmpdir(), kinds[i]);
        char *b_path = xasprintf("%s/b-%s.csv", test_tmpdir(), kinds[i]);
        char *a = test_read_file(a_path), *b = test_read_file(b_path);
        assert_non_null(a);
        assert_non_null(b);
        if (strcmp(a, b) != 0) fail_msg("%s differ after the round trip", kinds[i]);
        free(a);
        free(b);
        free(a_path);
        free(b_path);
    }
    free(from);
    free(into);
}

/* ---------------------------------------------------------------------------------------- */
/* CSV: the same cells as a spreadsheet leaves them                                         */

static void csv_digit_line_ids_survive_a_spreadsheet(void **state)
{
    (void)state;
    char *db = DB();
    free(khai_ok(db, "add member --given-name มานี --line-id 0891234567"));
    free(khai_ok(db, "add member --given-name ปิติ --line-id 1234567890123"));
    free(khai_ok(db, "export members -o m.csv"));
    char *path = test_path("m.csv");
    char *csv = test_read_file(path);
    assert_contains(csv, ",\"=\"\"0891234567\"\"\",");
    assert_contains(csv, ",\"=\"\"1234567890123\"\"\",");
    free(csv);
    /* import of the export gives them back; export again is the same bytes */
    char *again = test_fresh_db_path("csv_digit_line_ids_again");
    free(khai_ok(again, "import members m.csv"));
    char *list = khai_ok(again, "list members --tsv --sort id");
    assert_contains(list, "\t0891234567\t");
    assert_contains(list, "\t1234567890123\t");
    free(list);
    free(khai_ok(again, "export members -o m2.csv"));
    char *path2 = test_path("m2.csv");
    char *a = test_read_file(path), *b = test_read_file(path2);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(path);
    free(path2);
    free(again);
    free(db);
}

static void csv_reads_what_a_spreadsheet_saved(void **state)
{
    (void)state;
    char *db = DB();
    char *path = test_path("saved.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    /* LibreOffice's times, and a LINE ID that became the number 891234567 */
    fputs("title,start_date,start_time,end_time\n"
          "ประชุม,21/7/2553,09:00:00 AM,04:30:00 PM\n"
          "อบรม,22/7/2553,9:00 AM,9:00 PM\n"
          "เสวนา,23/7/2553,09.00 น.,12:00:00\n",
          f);
    fclose(f);
    free(khai_ok(db, "import events saved.csv"));
    char *list = khai_ok(db, "list events --tsv --sort id");
    assert_contains(list, "ประชุม\tmeeting\t2010-07-21\t2010-07-21\t09:00\t16:30\t");
    assert_contains(list, "อบรม\tmeeting\t2010-07-22\t2010-07-22\t09:00\t21:00\t");
    assert_contains(list, "เสวนา\tmeeting\t2010-07-23\t2010-07-23\t09:00\t12:00\t");
    free(list);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("given_name,line_id\nมานี,891234567\nปิติ,81234567\n", f);
    fclose(f);
    free(khai_ok(db, "import members saved.csv"));
    list = khai_ok(db, "list members --tsv --sort id");
    assert_contains(list, "มานี\t\t\t\t\t\t0891234567\t");
    assert_contains(list, "ปิติ\t\t\t\t\t\t81234567\t"); /* not a mobile number: as it was */
    free(list);
    free(path);
    free(db);
}

const struct CMUnitTest xlsx_cli_tests[] = {
    cmocka_unit_test(xlsx_import_members_from_openpyxl),
    cmocka_unit_test(xlsx_import_reports_rows_by_their_numbers),
    cmocka_unit_test(xlsx_import_dates_and_times),
    cmocka_unit_test(xlsx_import_sheet_by_name),
    cmocka_unit_test(xlsx_import_cells_written_by_hand),
    cmocka_unit_test(xlsx_import_bad_rows_go_to_a_csv_of_rejects),
    cmocka_unit_test(xlsx_import_refuses_hostile_files),
    cmocka_unit_test(xlsx_refusals_speak_thai),
    cmocka_unit_test(xlsx_import_libreoffice_layout),
    cmocka_unit_test(xlsx_export_as_a_spreadsheet_reads_it),
    cmocka_unit_test(xlsx_export_refuses_what_does_not_fit),
    cmocka_unit_test(xlsx_round_trip_every_kind),
    cmocka_unit_test(csv_digit_line_ids_survive_a_spreadsheet),
    cmocka_unit_test(csv_reads_what_a_spreadsheet_saved),
};
const size_t xlsx_cli_tests_count = sizeof xlsx_cli_tests / sizeof xlsx_cli_tests[0];
