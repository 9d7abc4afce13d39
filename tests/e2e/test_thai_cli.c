/* End-to-end tests of the command line in Thai: `khai --lang th` says everything a user reads
 * in Thai (help, usage errors, what a command did, the check-in prompt, store and text
 * errors), leaving only identifiers, command syntax and numbers in English. */
#include "test_support.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word of an English sentence: ASCII letters, not all capitals, not glued to an option's
 * dash, an identifier's underscore or the | of a syntax line. Punctuation ends a run. */
static size_t english_word(const char *s, bool *ends_run)
{
    size_t n = 0;
    bool lower = false;
    for (; isalpha((unsigned char)s[n]); n++)
        lower = lower || islower((unsigned char)s[n]);
    *ends_run = s[n] && strchr(",;:.!?)", s[n]);
    if (!lower) return 0;                        /* KIND, FILE: the syntax's placeholders */
    if (s[n] && strchr("-_|=/", s[n])) return 0; /* part of an option or an identifier */
    return n;
}

/* The first run of four or more English words in text separated by single spaces, or NULL:
 * a sentence that was not translated. */
static const char *english_sentence(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (p > text && (isalnum((unsigned char)p[-1]) || strchr("-_|[$`'\"", p[-1]))) continue;
        const char *q = p;
        int words = 0;
        bool ends = false;
        size_t n;
        while ((n = english_word(q, &ends)) > 0) {
            words++;
            q += n;
            if (ends || *q != ' ') break;
            q++;
        }
        if (words >= 4) return p;
    }
    return NULL;
}

/* Asserts that text holds Thai and no English sentence, printing the sentence when it does. */
static void assert_thai(const char *what, const char *text)
{
    const char *english = english_sentence(text);
    if (english)
        fprintf(stderr, "%s: English in Thai output at: %.60s\n--\n%s\n", what, english, text);
    assert_null(english);
    if (!strstr(text, "\xE0\xB8") && !strstr(text, "\xE0\xB9"))
        fprintf(stderr, "%s: no Thai in:\n%s\n", what, text);
    assert_true(strstr(text, "\xE0\xB8") || strstr(text, "\xE0\xB9"));
}

/* A database of the test's own in the scratch directory, removed first. */
#define DB() test_fresh_db_path(__func__)

/* Runs `khai --db DB --lang th ARGS` with stdin as given and checks the exit status. */
static void thai(struct run_result *r, const char *db, int status, const char *stdin_text,
                 const char *args)
{
    khai_run(r, stdin_text, "--db '%s' --lang th %s", db, args);
    if (r->status != status)
        fprintf(stderr, "khai --lang th %s: status %d, not %d\n%s%s\n", args, r->status, status,
                r->out, r->err);
    assert_int_equal(r->status, status);
}

static void thai_cli_detector_finds_english_sentences(void **state)
{
    (void)state;
    assert_non_null(english_sentence("khai: no member with id 99"));
    assert_non_null(english_sentence("Lists records in a table"));
    assert_null(english_sentence("วิธีใช้: khai list members|orgs [--search TEXT] [--sort KEY]"));
    assert_null(english_sentence("members: given (ค่าเริ่มต้น), family, nickname, province, org"));
    assert_null(english_sentence("ลบสมาชิก 1 แล้ว (เลิกทำได้ด้วย: khai restore member 1)"));
}

static void thai_cli_help_is_thai(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    thai(&r, db, 0, NULL, "--help");
    assert_contains(r.out, "วิธีใช้: khai [--db PATH] [--lang th|en] [COMMAND [ARGS]]");
    assert_contains(r.out, "ถ้าไม่ระบุคำสั่ง khai จะเปิดหน้าจอหลัก");
    assert_thai("khai --help", r.out);
    run_result_free(&r);
    static const char *const commands[] = {
        "list",        "show",    "add",      "edit",    "delete", "restore",
        "affiliation", "checkin", "calendar", "agenda",  "import", "export",
        "demo",        "check",   "backup",   "version", "help",
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char *args = xasprintf("help %s", commands[i]);
        thai(&r, db, 0, NULL, args);
        assert_contains(r.out, "วิธีใช้: khai");
        assert_contains(r.out, "ตัวเลือกทั่วไป: --db PATH, --lang th|en, --help");
        assert_thai(args, r.out);
        run_result_free(&r);
        free(args);
    }
    thai(&r, db, 0, NULL, "list --help");
    assert_contains(r.out, "แสดงระเบียนเป็นตาราง");
    assert_contains(r.out,
                    "KIND คือ member, org, event, task, attendance, invitation, series หรือ goal");
    run_result_free(&r);
    free(db);
}

static void thai_cli_usage_and_not_found_errors_are_thai(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    static const struct {
        const char *args;
        int status;
        const char *says;
    } cases[] = {
        {"list bogus", 2,
         "ต้องระบุชนิดของรายการ (member, org, event, task, attendance, invitation, goal) ไม่ใช่ "
         "\"bogus\""},
        {"list members --limit x", 2, "--limit ต้องเป็นจำนวนเต็ม ไม่ใช่ \"x\""},
        {"list members --frob", 2, "ไม่รู้จักตัวเลือก \"--frob\""},
        {"delete member abc", 2, "\"abc\" ไม่ใช่รหัส"},
        {"edit member 1", 2, "ระบุช่องที่จะแก้ เช่น --phone 081-234-5678"},
        {"add member --bogus x", 2, "สมาชิกไม่มีช่อง \"bogus\" ช่องที่มีคือ"},
        {"help bogus", 2, "ไม่มีคำสั่ง \"bogus\""},
        {"frobnicate", 2, "ไม่รู้จักคำสั่ง \"frobnicate\""},
        {"checkin x", 2, "\"x\" ไม่ใช่รหัสกิจกรรม"},
        {"backup", 2, "backup ต้องระบุ FILE หนึ่งไฟล์"},
        {"demo --size enormous", 2, "--size ต้องเป็น small, large หรือ huge ไม่ใช่ \"enormous\""},
        {"export ical --version 4.0", 2, "--version ใช้กับ vcard เท่านั้น"},
        {"import members", 2, "import ต้องระบุ FILE ที่จะอ่าน"},
        {"affiliation", 2, "affiliation ต้องระบุรหัสสมาชิก"},
        {"--lang xx list members", 2, "--lang ต้องเป็น th หรือ en ไม่ใช่ \"xx\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        thai(&r, db, cases[i].status, NULL, cases[i].args);
        assert_contains(r.err, cases[i].says);
        assert_thai(cases[i].args, r.err);
        run_result_free(&r);
    }
    /* Usage errors end with the command's syntax under a Thai heading. */
    thai(&r, db, 2, NULL, "list bogus");
    assert_contains(r.err, "\nวิธีใช้: khai list members|orgs|events|tasks|attendance");
    run_result_free(&r);
    free(db);
}

static void thai_cli_add_edit_delete_say_what_they_did(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    thai(&r, db, 0, NULL, "add member --name 'นายสมชาย ใจดี'");
    assert_string_equal(r.out, "1\n"); /* the id alone, for scripts, in any language */
    run_result_free(&r);
    thai(&r, db, 0, NULL, "edit member 1 --nickname ชาย");
    assert_string_equal(r.out, "แก้ไขสมาชิก 1 แล้ว: นายสมชาย ใจดี\n");
    run_result_free(&r);
    thai(&r, db, 0, NULL, "delete member 1");
    assert_string_equal(r.out, "ลบสมาชิก 1 แล้ว: นายสมชาย ใจดี (เลิกทำได้ด้วย: khai restore member 1)\n");
    run_result_free(&r);
    thai(&r, db, 0, NULL, "restore member 1");
    assert_string_equal(r.out, "กู้คืนสมาชิก 1 แล้ว: นายสมชาย ใจดี\n");
    run_result_free(&r);
    thai(&r, db, 0, NULL, "add org --name 'มูลนิธิเพื่อนชุมชน'");
    run_result_free(&r);
    thai(&r, db, 0, NULL, "delete org 1");
    assert_string_equal(r.out, "ลบองค์กร 1 แล้ว: มูลนิธิเพื่อนชุมชน (เลิกทำได้ด้วย: khai restore org 1)\n");
    run_result_free(&r);
    /* A date the text layer refuses, through the store's affiliation rules. */
    thai(&r, db, 0, NULL, "restore org 1");
    run_result_free(&r);
    thai(&r, db, 1, NULL, "affiliation 1 1 --since '31 ก.พ. 2567'");
    assert_contains(r.err, "since: ไม่มีวันที่นี้: \"31 ก.พ. 2567\"");
    run_result_free(&r);
    thai(&r, db, 1, NULL, "affiliation 1 1 --since 2567-03-01 --until 2567-02-01");
    assert_contains(r.err, "until: 2024-02-01 อยู่ก่อน since 2024-03-01");
    run_result_free(&r);
    free(db);
}

static void thai_cli_check_and_backup_are_thai(void **state)
{
    (void)state;
    char *db = test_empty_db_path(__func__);
    char *copy = test_path("thai-backup.db");
    remove(copy);
    struct run_result r;
    thai(&r, db, 0, NULL, "check");
    assert_contains(r.out, "เรียบร้อย: ");
    assert_contains(r.out, "ผ่านการตรวจความสมบูรณ์และคีย์นอก");
    assert_thai("check", r.out);
    run_result_free(&r);
    char *args = xasprintf("backup '%s'", copy);
    thai(&r, db, 0, NULL, args);
    assert_contains(r.out, "สำรอง ");
    assert_contains(r.out, " แล้ว\n");
    assert_thai(args, r.out);
    run_result_free(&r);
    thai(&r, db, 1, NULL, args);
    assert_contains(r.err, "อยู่แล้ว: เลือกชื่อไฟล์ใหม่");
    assert_thai(args, r.err);
    run_result_free(&r);
    free(args);
    free(copy);
    free(db);
}

static void thai_cli_checkin_prompt_is_thai(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    thai(&r, db, 0, NULL, "add event --title 'เวทีสมัชชา' --start-date 2567-03-24 --target 300");
    run_result_free(&r);
    thai(&r, db, 0, NULL, "add member --name 'นายสมชาย ใจดี' --phone 081-234-5678");
    run_result_free(&r);
    thai(&r, db, 0, "สมชาย\nสมชาย\nzzz\nnew\nนายใหม่ ทดสอบ\nองค์กรใหม่\n0899999999\nundo\n",
         "checkin 1");
    assert_contains(r.out, "ลงทะเบียน: เวทีสมัชชา (2024-03-24)");
    assert_contains(r.out, "มาแล้ว 0 / 300 คน · 0 องค์กร");
    assert_contains(r.out, "✓ นายสมชาย ใจดี ลงทะเบียนแล้ว เวลา ");
    assert_contains(r.out, "นายสมชาย ใจดี ลงทะเบียนไปแล้ว (เวลา ");
    assert_contains(r.out, "): ไม่ลงซ้ำ");
    assert_contains(r.out, "ไม่พบ \"zzz\": ลองพิมพ์ให้สั้นลง หรือพิมพ์ `new` เพื่อเพิ่มคนใหม่");
    assert_contains(r.out, "✓ นายใหม่ ทดสอบ ลงทะเบียนแล้ว เวลา ");
    assert_contains(r.out, "มาแล้ว 2 / 300 คน · 1 องค์กร");
    assert_contains(r.out, "เลิกทำการเพิ่มการเข้าร่วม");
    assert_thai("checkin", r.out);
    assert_string_equal(r.err, "");
    run_result_free(&r);
    /* A member's phone typed as someone new: that member is checked in, nobody is added. */
    thai(&r, db, 0, NULL, "add member --name 'นางสมศรี มีสุข' --phone 089-111-2222");
    run_result_free(&r);
    thai(&r, db, 0, "new\nนางซ้ำ เบอร์เดิม\n\n๐๘๙ ๑๑๑ ๒๒๒๒\n", "checkin 1");
    assert_contains(r.out, "✓ นางสมศรี มีสุข (สมาชิก 3 พบจากเบอร์โทร) ลงทะเบียนเมื่อ ");
    assert_contains(r.out, ": ไม่ได้เพิ่มซ้ำ");
    assert_thai("checkin", r.out);
    run_result_free(&r);
    char *list = xasprintf("--db '%s' list members --tsv", db);
    khai_run(&r, NULL, "%s", list);
    assert_null(strstr(r.out, "นางซ้ำ"));
    free(list);
    run_result_free(&r);
    free(db);
}

static void thai_cli_import_errors_name_line_and_byte_in_thai(void **state)
{
    (void)state;
    char *db = DB();
    char *csv = test_path("thai-bad.csv");
    FILE *f = fopen(csv, "wb");
    assert_non_null(f);
    fputs("given_name,family_name\n\xff\xfe\xfd,x\n", f);
    fclose(f);
    struct run_result r;
    char *args = xasprintf("import members '%s' --encoding utf-8", csv);
    thai(&r, db, 1, NULL, args);
    assert_contains(r.err, "ไม่ใช่ UTF-8 ที่ถูกต้อง: บรรทัด 2 อักขระที่ 1 ของบรรทัด ไบต์ที่ 24 ของไฟล์ (0xFF)");
    assert_thai(args, r.err);
    run_result_free(&r);
    free(args);
    free(csv);
    free(db);
}

const struct CMUnitTest thai_cli_tests[] = {
    cmocka_unit_test(thai_cli_detector_finds_english_sentences),
    cmocka_unit_test(thai_cli_help_is_thai),
    cmocka_unit_test(thai_cli_usage_and_not_found_errors_are_thai),
    cmocka_unit_test(thai_cli_add_edit_delete_say_what_they_did),
    cmocka_unit_test(thai_cli_check_and_backup_are_thai),
    cmocka_unit_test(thai_cli_checkin_prompt_is_thai),
    cmocka_unit_test(thai_cli_import_errors_name_line_and_byte_in_thai),
};
const size_t thai_cli_tests_count = sizeof thai_cli_tests / sizeof thai_cli_tests[0];
