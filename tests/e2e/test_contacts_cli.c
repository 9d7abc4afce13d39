/* End-to-end tests of contacts from phones and mail programs: Google Contacts, Outlook and
 * Thai office sheets (tests/data/contacts), vCards that come back by their UID, and khai's
 * vCards and calendars read by the real clients Debian packages (khard, abook, calcurse,
 * khal), each skipped, saying so, only when the client is not installed. */
#include "db.h"
#include "model.h"
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Helpers ---- */

static char *data_path(const char *name)
{
    const char *src = getenv("KHAI_SRC");
    return xasprintf("%s/tests/data/contacts/%s", src && *src ? src : ".", name);
}

/* Output of a shell command run in the scratch directory, with HOME there too (abook and
 * khal read their settings from it), and its exit status. */
static char *shell(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *shell(int *status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = xvasprintf(fmt, ap);
    va_end(ap);
    char *path = test_path("shell.out");
    const char *t = test_tmpdir();
    char *full = xasprintf("cd '%s' && export HOME='%s' XDG_CONFIG_HOME='%s' XDG_DATA_HOME='%s' "
                           "TZ=Asia/Bangkok LC_ALL=C.UTF-8 && (%s) >'%s' 2>&1",
                           t, t, t, t, cmd, path);
    int rc = system(full);
    if (status) *status = rc;
    char *out = test_read_file(path);
    free(full);
    free(cmd);
    free(path);
    return out ? out : xstrdup("");
}

/* True when the client is installed; else the test says so and is skipped by the caller. */
static bool have(const char *tool)
{
    int rc;
    char *out = shell(&rc, "command -v %s", tool);
    free(out);
    if (rc == 0) return true;
    print_message("skipped: %s not installed\n", tool);
    return false;
}

static void run(struct run_result *r, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run(struct run_result *r, const char *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    khai_run(r, NULL, "--db '%s' --lang en %s", db, args);
    free(args);
}

/* Imports a sample sheet as members, which must succeed; returns what was reported. */
static char *import_sheet(const char *db, const char *name)
{
    char *path = data_path(name);
    struct run_result r;
    run(&r, db, "import members '%s'", path);
    if (r.status != 0) fail_msg("import %s: exit %d\n%s%s", name, r.status, r.out, r.err);
    char *all = xasprintf("%s%s", r.out, r.err);
    run_result_free(&r);
    free(path);
    return all;
}

static char *scratch(const char *name)
{
    char *path = test_path(name);
    char *text = test_read_file(path);
    free(path);
    if (!text) fail_msg("cannot read %s", name);
    return text;
}

static long long members(const char *db)
{
    struct db *h;
    char *err = NULL;
    if (db_open(db, &h, &err) != 0) fail_msg("%s", err);
    long long n = test_scalar(h, "SELECT count(*) FROM members WHERE deleted_at IS NULL");
    db_close(&h);
    return n;
}

/* ---- Sheets from Google, Outlook and Thai offices ---- */

static void contacts_cli_reads_google_sheets(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    char *report = import_sheet(db, "google-old.csv");
    assert_contains(report, "2 added");
    /* Each column left out is named; a second e-mail and a year-less birthday are noted. */
    assert_contains(report, "google-old.csv:1: column \"Phone 1 - Type\" is not a member field");
    assert_contains(report, "google-old.csv:1: column \"Yomi Name\" is not a member field");
    assert_contains(report, "google-old.csv:2: e-mail jiraporn.k@example.com left out");
    assert_contains(report, "google-old.csv:3: birthday --07-21 has no year: left out");
    free(report);
    report = import_sheet(db, "google-2023.csv");
    assert_contains(report, "2 added");
    free(report);
    char *tsv = khai_ok(db, "list members --tsv --sort id");
    /* Phones of both columns and of one cell's " ::: " list; tags without * myContacts. */
    assert_contains(tsv, "\tนางสาว\tจิราพร\tคงทอง\tแดง\t\t081-234-5678; 02-123-4567; "
                         "053-123-456\tjiraporn@example.org\t");
    assert_contains(tsv, "\tผู้ประสานงาน\tมูลนิธิเพื่อนชุมชน\tstarred; อาสาสมัคร\tพบที่เวทีสมัชชา\n");
    assert_contains(tsv, "\t\tสมชาย\tใจดี\t\t\t089-876-5432\t");
    assert_contains(tsv, "\tผศ.ดร.\tอเนก\tนาคะบุตร\t\t\t061-234-5678\tanek@example.ac.th\t");
    assert_contains(tsv, "\tอาจารย์\tมหาวิทยาลัยเชียงใหม่\tเครือข่ายวิชาการ\t");
    assert_contains(tsv, "\tอ.\tบวร\tศรีสวัสดิ์\t\t\t081-555-0101; 054-710-222\t");
    assert_null(strstr(tsv, "myContacts"));
    free(tsv);
    char *show = khai_ok(db, "--lang en show member 1");
    assert_contains(show, "Street address  99/1 หมู่ 3 ถ.ห้วยแก้ว\n");
    assert_contains(show, "Postcode        50200\n");
    assert_contains(show, "(1985-03-15)");
    free(show);
    free(db);
}

static void contacts_cli_reads_outlook_sheets(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    char *report = import_sheet(db, "outlook-en.csv");
    assert_contains(report, "1 added");
    assert_contains(report, "column \"Business Fax\" is not a member field");
    free(report);
    report = import_sheet(db, "outlook-th.csv");
    assert_contains(report, "1 added");
    assert_contains(report, "column \"ชื่อกลาง\" is not a member field");
    assert_contains(report, "outlook-th.csv:2: e-mail prasert.b@example.com left out");
    free(report);
    char *tsv = khai_ok(db, "list members --tsv --sort id");
    /* Title is the honorific, Job Title the position, Categories the tags. */
    assert_contains(tsv, "\tนาง\tอุไรวรรณ\tแก้วมณี\t\t\t054-265-071; 086-234-7788\t"
                         "urai@example.go.th\t");
    assert_contains(tsv, "\tนักวิชาการพัฒนาชุมชน\tสำนักงานพัฒนาชุมชนจังหวัดลำปาง\tลำปาง; หน่วยงานรัฐ\t");
    assert_contains(tsv, "\tนาย\tประเสริฐ\tบุญมา\t\t\t055-123-456; 089-111-2222\t"
                         "prasert@example.go.th\t");
    assert_contains(tsv, "\tปลัด อบต.\tองค์การบริหารส่วนตำบลบ้านทุ่ง\tท้องถิ่น\tติดต่อผ่านไลน์\n");
    free(tsv);
    char *show = khai_ok(db, "--lang en show member 2");
    assert_contains(show, "Street address  หมู่ 5 ต.บ้านทุ่ง\n");
    assert_contains(show, "Postcode        65000\n");
    assert_contains(show, "(1975-08-12)");
    free(show);
    free(db);
}

static void contacts_cli_reads_thai_office_sheet(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    char *report = import_sheet(db, "thai-office.csv");
    assert_contains(report, "2 added");
    assert_null(strstr(report, "is not a member field")); /* every column is known */
    free(report);
    char *tsv = khai_ok(db, "list members --tsv --sort id");
    assert_contains(tsv, "\tนางสาว\tกัลยา\tคำทอง\t\t\t091-987-6502\tkanlaya@example.org\t"
                         "kanlaya.k\t");
    assert_contains(tsv, "\tมูลนิธิยุวสถิรคุณ\t");
    assert_contains(tsv, "\tนาย\tสมบัติ\tทองดี\t\t\t081-222-3333\t\t0812223333\t");
    free(tsv);
    char *show = khai_ok(db, "--lang en show member 1");
    assert_contains(show, "Street address  12 ม.4 ต.ป่าแดด\n");
    assert_contains(show, "(1987-05-03)");
    free(show);
    free(db);
}

static void contacts_cli_refuses_a_sheet_of_names_only(void **state)
{
    (void)state;
    char *db = test_fresh_db_path(__func__);
    char *path = data_path("unknown-contacts.csv");
    struct run_result r;
    run(&r, db, "import members '%s'", path);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "column \"Handy\" is not a member field: ignored");
    assert_contains(r.err, "column \"Anschrift\" is not a member field: ignored");
    assert_contains(r.err, "khai knows only the names");
    assert_contains(r.err, "nothing imported");
    run_result_free(&r);
    assert_int_equal(members(db), 0);
    /* In Thai too. */
    khai_run(&r, NULL, "--db '%s' --lang th import members '%s'", db, path);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "khai รู้จักเพียงคอลัมน์ชื่อ");
    run_result_free(&r);
    free(path);
    free(db);
}

/* ---- vCards by their UID ---- */

/* Two namesakes nothing tells apart and one with a phone. */
static char *namesakes_db(const char *name)
{
    char *file = xasprintf("%s.db", name);
    struct db *h = test_fresh_db(file);
    for (int i = 0; i < 2; i++)
        test_add(h, KIND_MEMBER,
                 (struct field_value[]){{F_MEMBER_TITLE, "นาย"},
                                        {F_MEMBER_GIVEN_NAME, "สมชาย"},
                                        {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                        {F_NONE, NULL}});
    test_add(h, KIND_MEMBER,
             (struct field_value[]){{F_MEMBER_TITLE, "นางสาว"},
                                    {F_MEMBER_GIVEN_NAME, "จิราพร"},
                                    {F_MEMBER_FAMILY_NAME, "คงทอง"},
                                    {F_MEMBER_PHONE, "0812345678"},
                                    {F_MEMBER_STREET, "99/1 หมู่ 3"},
                                    {F_MEMBER_POSTCODE, "50200"},
                                    {F_MEMBER_BIRTHDAY, "2528-03-15"},
                                    {F_NONE, NULL}});
    db_close(&h);
    char *path = test_path(file);
    free(file);
    return path;
}

static void contacts_cli_vcards_come_back_by_uid(void **state)
{
    (void)state;
    char *a = namesakes_db("uid-a"), *b = test_fresh_db_path("uid-b");
    char *out = khai_ok(a, "export vcard -o uid.vcf --force");
    free(out);
    char *first = scratch("uid.vcf");
    assert_contains(first, "\r\nUID:urn:uuid:");
    assert_contains(first, "\r\nREV:");
    /* The same UIDs in a second export. */
    out = khai_ok(a, "export vcard -o uid2.vcf --force");
    free(out);
    char *second = scratch("uid2.vcf");
    assert_string_equal(first, second);
    /* Into its own database: everyone updated, nobody added. */
    out = khai_ok(a, "import vcard uid.vcf");
    assert_contains(out, "0 added, 3 updated");
    free(out);
    assert_int_equal(members(a), 3);
    /* Into another: the same three people, the namesakes kept apart; again: no one more. */
    struct run_result r;
    run(&r, b, "import vcard uid.vcf");
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "3 added");
    assert_contains(r.err, "who came with another UID: added as someone else");
    run_result_free(&r);
    out = khai_ok(b, "import vcard uid.vcf --merge probable");
    assert_contains(out, "0 added, 3 updated");
    free(out);
    assert_int_equal(members(b), 3);
    out = khai_ok(b, "export vcard -o uid-b.vcf --force");
    free(out);
    char *back = scratch("uid-b.vcf");
    assert_contains(back, "\r\nADR:;;99/1 หมู่ 3;;;50200;\r\nBDAY:1985-03-15\r\n");
    free(back);
    free(first);
    free(second);
    free(a);
    free(b);
}

/* ---- The real clients ---- */

/* One file per card in DIR, as a vdir (khard's address book) holds them. */
static void write_vdir(const char *vcf, const char *dir)
{
    char *text = scratch(vcf);
    assert_non_null(text);
    char *path = test_path(dir);
    mkdir(path, 0700);
    int n = 0;
    for (const char *p = strstr(text, "BEGIN:VCARD"); p; p = strstr(p, "BEGIN:VCARD")) {
        const char *end = strstr(p, "END:VCARD\r\n");
        assert_non_null(end);
        end += strlen("END:VCARD\r\n");
        char *file = xasprintf("%s/%d.vcf", path, ++n);
        FILE *f = fopen(file, "wb");
        assert_non_null(f);
        fwrite(p, 1, (size_t)(end - p), f);
        fclose(f);
        free(file);
        p = end;
    }
    assert_true(n > 0);
    free(path);
    free(text);
}

static void contacts_cli_khard_lists_khai_vcards(void **state)
{
    (void)state;
    if (!have("khard")) skip();
    char *db = namesakes_db("khard");
    char *out = khai_ok(db, "export vcard -o khard.vcf --force");
    free(out);
    write_vdir("khard.vcf", "khard-book");
    char *conf = test_path("khard.conf");
    FILE *f = fopen(conf, "w");
    fprintf(f,
            "[addressbooks]\n[[khai]]\npath = %s/khard-book\n[general]\neditor = /bin/true\n"
            "merge_editor = /bin/true\n[vcard]\nskip_unparsable = no\n",
            test_tmpdir());
    fclose(f);
    int rc;
    out = shell(&rc, "khard -c '%s' list", conf);
    if (rc != 0) fail_msg("khard list: %s", out);
    assert_contains(out, "จิราพร คงทอง");
    assert_contains(out, "081-234-5678");
    assert_contains(out, "urn:uuid:");
    /* Both namesakes, each with a UID of its own. */
    const char *one = strstr(out, "สมชาย ใจดี");
    assert_non_null(one);
    assert_non_null(strstr(one + 1, "สมชาย ใจดี"));
    free(out);
    out = shell(&rc, "khard -c '%s' show --format yaml จิราพร", conf);
    if (rc != 0) fail_msg("khard show: %s", out);
    assert_contains(out, "Prefix: นางสาว");
    assert_contains(out, "50200");
    assert_contains(out, "1985-03-15");
    free(out);
    free(conf);
    free(db);
}

static void contacts_cli_abook_reads_khai_vcards(void **state)
{
    (void)state;
    if (!have("abook")) skip();
    char *db = namesakes_db("abook");
    char *out = khai_ok(db, "export vcard -o abook.vcf --force");
    free(out);
    int rc;
    out = shell(&rc, "abook --convert --informat vcard --infile abook.vcf --outformat abook");
    if (rc != 0) fail_msg("abook: %s", out);
    assert_contains(out, "name=นางสาวจิราพร คงทอง\n");
    assert_contains(out, "mobile=081-234-5678\n");
    assert_contains(out, "address=99/1 หมู่ 3\n");
    assert_contains(out, "zip=50200\n");
    assert_contains(out, "name=นายสมชาย ใจดี\n");
    free(out);
    free(db);
}

/* A database with one timed event, its id 1 in any database. */
static char *event_db(const char *name, const char *title)
{
    char *file = xasprintf("%s.db", name);
    struct db *h = test_fresh_db(file);
    test_add(h, KIND_EVENT,
             (struct field_value[]){{F_EVENT_TITLE, title},
                                    {F_EVENT_START_DATE, "24 มี.ค. 2567"},
                                    {F_EVENT_START_TIME, "09:00"},
                                    {F_EVENT_END_TIME, "16:30"},
                                    {F_EVENT_VENUE, "ศาลากลางจังหวัดน่าน"},
                                    {F_NONE, NULL}});
    test_add(h, KIND_TASK,
             (struct field_value[]){{F_TASK_TITLE, "ส่งรายงานสรุป"},
                                    {F_TASK_EVENT_ID, "1"},
                                    {F_TASK_DUE_DATE, "2024-04-10"},
                                    {F_NONE, NULL}});
    db_close(&h);
    char *path = test_path(file);
    free(file);
    return path;
}

static void contacts_cli_calcurse_imports_khai_calendar(void **state)
{
    (void)state;
    if (!have("calcurse")) skip();
    char *db = event_db("calcurse", "เวทีสมัชชาสุขภาพจังหวัดน่าน");
    char *out = khai_ok(db, "export ical -o calcurse.ics --force");
    free(out);
    int rc;
    out = shell(&rc, "rm -rf calcurse-dir && mkdir calcurse-dir && "
                     "calcurse -D calcurse-dir -i calcurse.ics && cat calcurse-dir/apts "
                     "calcurse-dir/todo");
    if (rc != 0) fail_msg("calcurse: %s", out);
    assert_contains(out, "1 app / 0 events / 1 todo / 0 skipped");
    assert_contains(out, "03/24/2024 @ 09:00 -> 03/24/2024 @ 16:30");
    assert_contains(out, "เวทีสมัชชาสุขภาพจังหวัดน่าน");
    assert_contains(out, "ส่งรายงานสรุป");
    free(out);
    free(db);
}

/* Event 1 of two databases: two events in khal, not one replacing the other. */
static void contacts_cli_khal_keeps_two_databases_apart(void **state)
{
    (void)state;
    if (!have("khal")) skip();
    char *one = event_db("khal-one", "ประชุมเครือข่ายน่าน"),
         *two = event_db("khal-two", "ประชุมเครือข่ายแพร่");
    char *out = khai_ok(one, "export ical -o khal-one.ics --force");
    free(out);
    out = khai_ok(two, "export ical -o khal-two.ics --force");
    free(out);
    char *conf = test_path("khal.conf");
    FILE *f = fopen(conf, "w");
    fprintf(f,
            "[calendars]\n[[khai]]\npath = %s/khal-cal\ntype = calendar\n[locale]\n"
            "timeformat = %%H:%%M\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\n"
            "datetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\n"
            "local_timezone = Asia/Bangkok\ndefault_timezone = Asia/Bangkok\n"
            "[sqlite]\npath = %s/khal.db\n",
            test_tmpdir(), test_tmpdir());
    fclose(f);
    int rc;
    out = shell(&rc, "khal -c '%s' printics khal-one.ics", conf);
    if (rc != 0) fail_msg("khal printics: %s", out);
    assert_contains(out, "1 events found in khal-one.ics");
    assert_contains(out, "2024-03-24 09:00-2024-03-24 16:30 ประชุมเครือข่ายน่าน");
    free(out);
    out = shell(&rc,
                "rm -rf khal-cal && mkdir khal-cal && khal -c '%s' import --batch khal-one.ics "
                "&& khal -c '%s' import --batch khal-two.ics && ls khal-cal | wc -l && "
                "khal -c '%s' list 2024-03-24 2024-03-25",
                conf, conf, conf);
    if (rc != 0) fail_msg("khal import: %s", out);
    assert_contains(out, "2\n");
    assert_contains(out, "ประชุมเครือข่ายน่าน");
    assert_contains(out, "ประชุมเครือข่ายแพร่");
    free(out);
    free(conf);
    free(one);
    free(two);
}

const struct CMUnitTest contacts_cli_tests[] = {
    cmocka_unit_test(contacts_cli_reads_google_sheets),
    cmocka_unit_test(contacts_cli_reads_outlook_sheets),
    cmocka_unit_test(contacts_cli_reads_thai_office_sheet),
    cmocka_unit_test(contacts_cli_refuses_a_sheet_of_names_only),
    cmocka_unit_test(contacts_cli_vcards_come_back_by_uid),
    cmocka_unit_test(contacts_cli_khard_lists_khai_vcards),
    cmocka_unit_test(contacts_cli_abook_reads_khai_vcards),
    cmocka_unit_test(contacts_cli_calcurse_imports_khai_calendar),
    cmocka_unit_test(contacts_cli_khal_keeps_two_databases_apart),
};
const size_t contacts_cli_tests_count = sizeof contacts_cli_tests / sizeof contacts_cli_tests[0];
