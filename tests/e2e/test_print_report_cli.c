/* End-to-end tests of `khai print report ...` and of P in the screens: the reports as PDF
 * files read back with poppler's tools (pdftotext -raw: the Thai labels whole and in the
 * report's order; pdffonts: every font embedded; pdfinfo: pages and paper; pdftoppm: a page
 * that is not blank, its bars drawn as shapes rather than characters). */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Output of a shell command run in the scratch directory, and its status. */
static char *shell(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *shell(int *status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = xvasprintf(fmt, ap);
    va_end(ap);
    char *path = test_path("report-shell.out");
    char *full = xasprintf("cd '%s' && (%s) >'%s' 2>&1", test_tmpdir(), cmd, path);
    int rc = system(full);
    if (status) *status = rc;
    char *out = test_read_file(path);
    free(full);
    free(cmd);
    free(path);
    return out ? out : xstrdup("");
}

/* Labels with ญ ฐ, lower vowels and tone marks over ป: an extractor that guesses spaces from
 * the glyphs' gaps, or a library without shaping, mangles them. */
static char *assembly(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add member --name 'นางสาวญาณิศา ฐิติพงศ์' --province ลำปาง"));
    free(khai_ok(db, "add member --name 'นายป่าน ฟุ้งเฟื่อง' --province ลำปาง"));
    free(khai_ok(db, "add member --name 'นายฤทธิ์ ปู่ทอง' --province เชียงใหม่"));
    free(khai_ok(db, "add event --title 'เวทีสมัชชาสุขภาพจังหวัด ครั้งที่ 1/2567' --start-date "
                     "2567-03-24 --target 4 --quotas 'ผู้ใหญ่บ้าน=2; ปราชญ์ชาวบ้าน=2'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended --category "
                     "ผู้ใหญ่บ้าน --group 'กลุ่มฐานราก'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 2 --status attended --category "
                     "ปราชญ์ชาวบ้าน --group 'กลุ่มฐานราก'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 3 --status absent --reason "
                     "'ฝนตกหนัก น้ำท่วมถนน'"));
    return db;
}

static char *pdf_text(const char *pdf)
{
    int rc;
    char *out = shell(&rc, "pdftotext -raw -enc UTF-8 '%s' -", pdf);
    if (rc != 0) fail_msg("pdftotext: %s", out);
    return out;
}

/* Each needle found after the one before it. */
static void assert_in_order(const char *text, const char *const *needles, size_t n)
{
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        const char *found = strstr(at, needles[i]);
        if (!found) fail_msg("\"%s\" not found in order in:\n%s", needles[i], text);
        at = found + strlen(needles[i]);
    }
}

static void print_report_event_reads_back_in_order(void **state)
{
    (void)state;
    char *db = assembly("print_report_event");
    char *pdf = test_path("event-report.pdf");
    char *out = khai_ok(db, "print report event 1 -o '%s' --force", pdf);
    assert_contains(out, "printed 1 page to");
    free(out);
    char *text = pdf_text(pdf);
    static const char *const order[] = {"เวทีสมัชชาสุขภาพจังหวัด ครั้งที่ 1/2567",
                                        "Event report",
                                        "People who came 2 4 50%",
                                        "Quotas",
                                        "ผู้ใหญ่บ้าน 1 2 50%",
                                        "ปราชญ์ชาวบ้าน 1 2 50%",
                                        "Breakout groups",
                                        "กลุ่มฐานราก 2",
                                        "absent: ฝนตกหนัก น้ำท่วมถนน 1",
                                        "page 1 of 1"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    /* The bars are shapes, not characters. */
    assert_false(test_contains(text, "█"));
    assert_false(test_contains(text, "#"));
    free(text);
    char *fonts = shell(NULL, "pdffonts '%s'", pdf);
    assert_contains(fonts, "Laksaman");
    /* every font embedded: the emb column says yes on each font's line */
    for (char *line = strstr(fonts, "Laksaman"); line; line = strstr(line + 1, "Laksaman")) {
        char *end = strchr(line, '\n');
        char *row = xstrndup(line, end ? (size_t)(end - line) : strlen(line));
        assert_contains(row, " yes ");
        free(row);
    }
    free(fonts);
    free(pdf);
    free(db);
}

static void print_report_by_key_and_members_in_thai(void **state)
{
    (void)state;
    char *db = assembly("print_report_by");
    char *pdf = test_path("by-province.pdf");
    free(khai_ok(db, "--lang th print report event 1 --by province -o '%s' --force", pdf));
    char *text = pdf_text(pdf);
    static const char *const order[] = {"การเข้าร่วมแยกตามจังหวัด", "ลำปาง 0 0 2 0 0 2",
                                        "เชียงใหม่ 0 0 0 1 0 1", "รวม 0 0 2 1 0 3", "หน้า 1 จาก 1"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);
    free(khai_ok(db, "print report members --by province -o '%s' --force --paper letter", pdf));
    text = pdf_text(pdf);
    static const char *const members[] = {"Members by Province", "ลำปาง 2", "เชียงใหม่ 1", "Total 3"};
    assert_in_order(text, members, sizeof members / sizeof members[0]);
    free(text);
    char *info = shell(NULL, "pdfinfo '%s'", pdf);
    assert_contains(info, "612 x 792 pts (letter)");
    free(info);
    free(pdf);
    free(db);
}

/* A table longer than a page continues on the next under its header row again. */
static void print_report_events_over_pages(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("print_report_pages");
    for (int i = 1; i <= 45; i++)
        free(
            khai_ok(db, "add event --title 'เวทีย่อยที่ %d' --start-date 2567-01-%02d", i, i % 28 + 1));
    char *pdf = test_path("events.pdf");
    char *out = khai_ok(db, "print report events --from 2567-01-01 --to 2567-12-31 -o '%s'", pdf);
    assert_contains(out, "printed 2 pages to");
    free(out);
    char *text = pdf_text(pdf);
    static const char *const order[] = {"Events and the people they reached",
                                        "From 1 Jan 2024 to 31 Dec 2024",
                                        "page 1 of 2",
                                        "Events and the people they reached",
                                        "Event",
                                        "Totals",
                                        "People reached (each once) 0",
                                        "page 2 of 2"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);
    free(pdf);
    free(db);
}

/* The dark pixels of page 1 rendered in grey at 30 dpi, of all its pixels. */
static void print_report_renders_a_page_that_is_not_blank(void **state)
{
    (void)state;
    char *db = assembly("print_report_render");
    char *pdf = test_path("render-report.pdf");
    free(khai_ok(db, "print report event 1 -o '%s' --force", pdf));
    char *pgm = test_path("report-page.pgm");
    free(shell(NULL, "pdftoppm -gray -r 30 -f 1 -l 1 -singlefile '%s' report-page", pdf));
    FILE *f = fopen(pgm, "rb");
    assert_non_null(f);
    int w = 0, h = 0, max = 0;
    assert_int_equal(fscanf(f, "P5 %d %d %d", &w, &h, &max), 3);
    fgetc(f);
    long dark = 0, all = 0;
    for (int c; (c = fgetc(f)) != EOF; ++all)
        dark += c < max / 2;
    fclose(f);
    assert_int_equal(all, (long)w * h);
    assert_true(dark > all / 200);
    assert_true(dark < all / 4);
    free(pgm);
    free(pdf);
    free(db);
}

static void print_report_refuses_what_it_cannot_print(void **state)
{
    (void)state;
    char *db = assembly("print_report_usage");
    static const struct {
        const char *args, *says;
    } cases[] = {
        {"print report people -o x.pdf", "not \"people\""},
        {"print report event 1 --tsv -o x.pdf", "no --tsv"},
        {"print report event 1 --paper a3 -o x.pdf", "a4 or letter"},
        {"print report members -o x.pdf", "needs --by KEY"},
        {"print report event 99 -o x.pdf", "99"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, cases[i].args);
        assert_int_not_equal(r.status, 0);
        assert_contains(r.err, cases[i].says);
        run_result_free(&r);
    }
    free(db);
}

/* P on an event's detail prints its report where khai was started and says where. */
static void print_report_from_the_event_detail(void **state)
{
    (void)state;
    if (!tm_available()) skip();
    char *db = assembly("print_report_tui");
    char *dir = test_path("printed-report");
    char *cmd = xasprintf("rm -rf '%s' && mkdir '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *in_dir = xasprintf("sh -c 'cd %s && exec \"$0\" \"$@\"'", dir);
    /* The environment goes before the command: a shell that changes directory first. */
    struct tm_session *s = tm_start("print-report", 80, 24, in_dir, db, "--lang en");
    tm_keys(s, "3");
    free(tm_expect(s, "เวทีสมัชชาสุขภาพจังหวัด"));
    tm_keys(s, "Enter");
    free(tm_expect(s, "Turnout:"));
    tm_keys(s, "R");
    free(tm_expect(s, "event report printed to"));
    free(tm_expect(s, "/printed-report/report-event1.pdf"));
    /* Again from the events list: a new file beside the first. */
    tm_keys(s, "q");
    free(tm_expect(s, " 3 Events (1) "));
    tm_keys(s, "R");
    free(tm_expect(s, "report-event1-2.p"));
    tm_quit_ok(s);
    char *second = xasprintf("%s/report-event1-2.pdf", dir);
    free(pdf_text(second));
    free(second);
    char *pdf = xasprintf("%s/report-event1.pdf", dir);
    char *text = pdf_text(pdf);
    assert_contains(text, "กลุ่มฐานราก 2");
    free(text);
    free(pdf);
    free(in_dir);
    free(dir);
    free(db);
}

const struct CMUnitTest print_report_cli_tests[] = {
    cmocka_unit_test(print_report_event_reads_back_in_order),
    cmocka_unit_test(print_report_by_key_and_members_in_thai),
    cmocka_unit_test(print_report_events_over_pages),
    cmocka_unit_test(print_report_renders_a_page_that_is_not_blank),
    cmocka_unit_test(print_report_refuses_what_it_cannot_print),
    cmocka_unit_test(print_report_from_the_event_detail),
};
const size_t print_report_cli_tests_count =
    sizeof print_report_cli_tests / sizeof print_report_cli_tests[0];
