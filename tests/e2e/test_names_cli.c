/* End-to-end tests of names and searches as Thais type them (issue 12): informal titles glued
 * to the name, and phones typed with Thai digits, through the real binary. */
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The values of column col of a `list ... --tsv` output, joined by '|'. */
static char *tsv_column(const char *tsv, const char *col)
{
    const char *eol = strchr(tsv, '\n');
    assert_non_null(eol);
    int want = -1, i = 0;
    for (const char *p = tsv; p < eol; i++) {
        size_t n = strcspn(p, "\t\n");
        if (n == strlen(col) && strncmp(p, col, n) == 0) want = i;
        p += n + (p[n] == '\t');
        if (p[-1] != '\t') break;
    }
    if (want < 0) fail_msg("no column %s in %s", col, tsv);
    char *out = xstrdup("");
    for (const char *line = eol + 1; *line;) {
        const char *cell = line;
        for (int k = 0; k < want; k++)
            cell = strchr(cell, '\t') + 1;
        size_t n = strcspn(cell, "\t\n");
        char *more = xasprintf("%s%s%.*s", out, *out ? "|" : "", (int)n, cell);
        free(out);
        out = more;
        line = strchr(line, '\n') + 1;
    }
    return out;
}

/* Column col of `khai list ARGS --tsv` must be want ('|' between rows). */
static void expect_column(const char *db, const char *args, const char *col, const char *want)
{
    char *out = khai_ok(db, "list %s --tsv", args);
    char *got = tsv_column(out, col);
    if (strcmp(got, want) != 0)
        fail_msg("list %s: %s is \"%s\", want \"%s\"", args, col, got, want);
    free(got);
    free(out);
}

static void names_cli_glued_informal_title_is_split(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("names_informal");
    free(khai_ok(db, "add member --name 'พี่ปิยะชีพ'"));
    expect_column(db, "members --sort id", "title", "พี่");
    expect_column(db, "members --sort id", "given_name", "ปิยะชีพ");
    /* the search finds him by his name, and the list sorts him under ป, not under พ */
    free(khai_ok(db, "add member --given-name 'บุญมา'"));
    free(khai_ok(db, "add member --given-name 'ผกามาศ'"));
    free(khai_ok(db, "add member --given-name 'พรทิพย์'"));
    expect_column(db, "members --search ปิยะชีพ", "id", "1");
    expect_column(db, "members --search ปิยะ", "id", "1");
    expect_column(db, "members --sort given", "given_name", "บุญมา|ปิยะชีพ|ผกามาศ|พรทิพย์");
    /* the other informal titles of the issue, glued or spaced */
    free(khai_ok(db, "add member --name 'หมอแมน'"));
    free(khai_ok(db, "add member --name 'คุณจิราพร คงทอง'"));
    free(khai_ok(db, "add member --name 'พี่ขวัญใจ รักดี'"));
    free(khai_ok(db, "add member --name 'คุณ วุฒิ ใจดี'"));
    expect_column(db, "members --search แมน", "title", "หมอ");
    expect_column(db, "members --search แมน", "given_name", "แมน");
    expect_column(db, "members --search จิราพร", "title", "คุณ");
    expect_column(db, "members --search จิราพร", "family_name", "คงทอง");
    expect_column(db, "members --search ขวัญใจ", "title", "พี่");
    expect_column(db, "members --search ขวัญใจ", "given_name", "ขวัญใจ");
    /* names and words that begin like a title keep it */
    free(khai_ok(db, "add member --name 'คุณวุฒิ ศรีสุข'"));
    free(khai_ok(db, "add member --name 'คุณากร ทองดี'"));
    free(khai_ok(db, "add member --name 'หมอก'"));
    expect_column(db, "members --search ศรีสุข", "given_name", "คุณวุฒิ");
    expect_column(db, "members --search ศรีสุข", "title", "");
    expect_column(db, "members --search ทองดี", "given_name", "คุณากร");
    expect_column(db, "members --search หมอก", "given_name", "หมอก");
    free(db);
}

/* Writes bytes to name in the test's directory, where khai runs. */
static void write_file(const char *name, const char *bytes)
{
    char *path = test_path(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(bytes, f);
    fclose(f);
    free(path);
}

/* Every way a full name comes in is split by the same rule: an import's full-name column, a
 * vCard's FN (or a whole name in its N), and the new person added at the door. */
static void names_cli_every_full_name_path_splits_informal_titles(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("names_paths");
    write_file("names.csv", "ชื่อ-นามสกุล,โทรศัพท์\nพี่ปิยะชีพ ใจดี,081-111-2222\n"
                            "คุณวุฒิ ศรีสุข,081-111-3333\n");
    free(khai_ok(db, "import members names.csv"));
    write_file("names.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:หมอแมน\r\nN:;;;;\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:พี่ขวัญใจ รักดี\r\n"
                            "N:;พี่ขวัญใจ รักดี;;;\r\nEND:VCARD\r\n");
    free(khai_ok(db, "import vcard names.vcf"));
    free(khai_ok(db, "add event --title 'เวทีสมัชชา' --start-date 2567-03-24"));
    struct run_result r;
    khai_run(&r, "ไม่มีใคร\nnew\nคุณจิราพร คงทอง\n\n086-111-2222\n", "--db '%s' --lang en checkin 1",
             db);
    if (r.status != 0) fail_msg("checkin exited %d: %s", r.status, r.err);
    run_result_free(&r);
    expect_column(db, "members --sort id", "title", "พี่||หมอ|พี่|คุณ");
    expect_column(db, "members --sort id", "given_name", "ปิยะชีพ|คุณวุฒิ|แมน|ขวัญใจ|จิราพร");
    expect_column(db, "members --sort id", "family_name", "ใจดี|ศรีสุข||รักดี|คงทอง");
    free(db);
}

/* A phone typed with Thai digits and a hyphen finds the member, as 081-234 does, at the
 * command line and at the door. */
static void names_cli_thai_digit_phones_find_the_member(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("names_phones");
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --phone 081-234-5678"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --phone 074-877-999"));
    free(khai_ok(db, "add member --name 'นายปรีชา สุขใจ' --phone 089-234-1111"));
    static const struct {
        const char *query, *ids;
    } cases[] = {
        {"081-234", "1"},  {"๐๘๑-๒๓๔", "1"},     {"๐๘๑ ๒๓๔", "1"},      {"๐๗๔-๘๗๗๙", "2"},
        {"074-8779", "2"}, {"๐๗๔ ๘๗๗ ๙๙๙", "2"}, {"๐๘๑-๒๓๔-๕๖๗๘", "1"}, {"+๖๖ ๘๑ ๒๓๔", "1"},
        {"๒๓๔", "1|3"},    {"๐๘๑-๙๙๙", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *args = xasprintf("members --sort id --search '%s'", cases[i].query);
        expect_column(db, args, "id", cases[i].ids);
        free(args);
    }
    /* at the door: the Thai digits check him in instead of offering to add him again */
    free(khai_ok(db, "add event --title 'เวทีสมัชชา' --start-date 2567-03-24"));
    struct run_result r;
    khai_run(&r, "๐๘๑-๒๓๔\n", "--db '%s' --lang en checkin 1", db);
    if (r.status != 0) fail_msg("checkin exited %d: %s", r.status, r.err);
    assert_contains(r.out, "✓ นายสมชาย ใจดี checked in");
    run_result_free(&r);
    expect_column(db, "attendance --event 1", "member_id", "1");
    expect_column(db, "members --sort id", "id", "1|2|3");
    free(db);
}

const struct CMUnitTest names_cli_tests[] = {
    cmocka_unit_test(names_cli_glued_informal_title_is_split),
    cmocka_unit_test(names_cli_every_full_name_path_splits_informal_titles),
    cmocka_unit_test(names_cli_thai_digit_phones_find_the_member),
};
const size_t names_cli_tests_count = sizeof names_cli_tests / sizeof names_cli_tests[0];
