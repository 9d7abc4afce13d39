/* Tests of the stored form of text, search keys, digit keys and WTT input checks. */
#include "test_support.h"
#include "thainorm.h"

#include <stdlib.h>
#include <string.h>

static void check_normal(const char *in, int flags, const char *want)
{
    char *got = text_normalize(in, flags);
    assert_string_equal(got, want);
    free(got);
}

static void check_key(const char *in, const char *want)
{
    char *got = text_search_key(in);
    assert_string_equal(got, want);
    free(got);
}

static void thainorm_joins_nikhahit_and_sara_aa_into_sara_am(void **state)
{
    (void)state;
    check_normal("ก\u0e4d\u0e32", 0, "กำ");
    check_normal("น\u0e4d\u0e49\u0e32", 0, "น\u0e49\u0e33"); /* ํ ้ า -> ้ ำ */
    check_normal("น\u0e49\u0e4d\u0e32", 0, "น\u0e49\u0e33"); /* ้ ํ า -> ้ ำ */
    check_normal("น\u0e33\u0e49", 0, "น\u0e49\u0e33");       /* tone typed after ำ */
    check_normal("ก\u0e33\u0e33", 0, "กำ");
    check_normal("ก\u0e4d", 0, "ก\u0e4d"); /* NIKHAHIT alone is a real sign */
    check_normal("\u0e4d\u0e32", 0, "\u0e32");
}

static void thainorm_puts_tone_mark_after_vowel_mark(void **state)
{
    (void)state;
    check_normal("ก\u0e48\u0e34", 0, "ก\u0e34\u0e48");
    check_normal("ก\u0e49\u0e31\u0e19", 0, "ก\u0e31\u0e49\u0e19"); /* กั้น */
    check_normal("ป\u0e48\u0e39", 0, "ป\u0e39\u0e48");             /* below vowel ู */
    check_normal("ท\u0e35\u0e48", 0, "ท\u0e35\u0e48");             /* already right */
    check_normal("ท\u0e48\u0e35\u0e48", 0, "ท\u0e35\u0e48");
}

static void thainorm_removes_doubled_marks(void **state)
{
    (void)state;
    check_normal("ก\u0e48\u0e48", 0, "ก\u0e48");
    check_normal("ก\u0e34\u0e34\u0e48", 0, "ก\u0e34\u0e48");
    check_normal("ก\u0e48\u0e34\u0e48", 0, "ก\u0e34\u0e48");
    /* Two different tone marks are kept for the WTT check to report. */
    check_normal("ก\u0e48\u0e49", 0, "ก\u0e48\u0e49");
}

static void thainorm_makes_two_sara_e_one_sara_ae(void **state)
{
    (void)state;
    check_normal("เเก", 0, "แก");
    check_normal("เเ", 0, "แ");
    check_normal("เก", 0, "เก");
}

static void thainorm_removes_zero_width_and_baseless_marks(void **state)
{
    (void)state;
    check_normal("ก\u200bข\u200cค\u200dง\u2060จ\ufeff", 0, "กขคงจ");
    check_normal("\ufeffสมชาย", 0, "สมชาย");
    check_normal("\u0e48ก", 0, "ก");
    check_normal("ก \u0e48ข", 0, "ก ข");
    check_normal("\u0e34\u0e48\u0e33x", 0, "\u0e33x"); /* SARA AM is a letter, not a mark */
    check_normal("a\n\u0e48b", TEXT_KEEP_NEWLINES, "a\nb");
    /* A zero-width space between a base and its mark is not a space. */
    check_normal("ก\u200b\u0e48", 0, "ก\u0e48");
}

static void thainorm_removes_controls_and_bad_bytes(void **state)
{
    (void)state;
    check_normal("a\x01"
                 "b\x7f"
                 "c\xc2\x9b"
                 "d",
                 0, "abcd");
    check_normal("\x1b[31mred", 0, "[31mred");
    check_normal("a\xff"
                 "b\xe0\xb8",
                 0, "ab");
    check_normal("\xe0\xb8"
                 "ก",
                 0, "ก");
}

static void thainorm_newlines_only_kept_when_asked(void **state)
{
    (void)state;
    check_normal("a\nb", 0, "a b");
    check_normal("a\nb", TEXT_KEEP_NEWLINES, "a\nb");
    check_normal("a\r\nb", TEXT_KEEP_NEWLINES, "a\nb");
    check_normal("a\rb", TEXT_KEEP_NEWLINES, "a\nb");
    check_normal("a\r\n\r\nb", TEXT_KEEP_NEWLINES, "a\n\nb");
    check_normal("\n\n a  \n  b  \n\n", TEXT_KEEP_NEWLINES, "a\n  b");
    check_normal("a\tb", TEXT_KEEP_NEWLINES, "a b");
}

static void thainorm_trims_and_collapses_spaces(void **state)
{
    (void)state;
    check_normal("  สมชาย   ใจดี  ", 0, "สมชาย ใจดี");
    check_normal("a\t\t b", 0, "a b");
    check_normal("a\u00a0\u3000b", 0, "a b");
    check_normal("   ", 0, "");
    check_normal("", 0, "");
    check_normal("๑๒๓", 0, "๑๒๓"); /* Thai digits are stored as typed */
}

static void thainorm_composes_accented_latin(void **state)
{
    (void)state;
    check_normal("Jose\u0301", 0, "José");
    check_normal("E\u0300", 0, "È");
    check_normal("x\u0301", 0, "x\u0301");
}

static void thainorm_search_key_folds_digits_case_and_spaces(void **state)
{
    (void)state;
    check_key("  Somchai   ใจดี ", "somchai ใจดี");
    check_key("หมู่ ๑๒", "หมู่ 12");
    check_key("ABC\tDEF\nGHI", "abc def ghi");
    check_key("ÉCOLE", "École"); /* only ASCII letters are folded */
}

/* Strings typed differently that a reader cannot tell apart must be found by one key. */
static void thainorm_search_key_same_for_lookalikes(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"น้ำใจ", "น\u0e4d\u0e49\u0e32ใจ"},
        {"น้ำใจ", "น\u0e49\u0e4d\u0e32ใจ"},
        {"กำลัง", "ก\u0e4d\u0e32ลัง"},
        {"แก้ว", "เเก้ว"},
        {"ที่นี่", "ท\u0e48\u0e35น\u0e48\u0e35"},
        {"ที่นี่", "ท\u0e35\u0e48\u0e48น\u0e35\u0e48"},
        {"สมชาย ใจดี", "สม\u200bชาย\u00a0\u00a0ใจดี"},
        {"สมชาย", "\ufeffสมชาย\u200d"},
        {"บ้าน ๑๒", "บ้าน 12"},
        {"José", "Jose\u0301"},
        {"SOMCHAI", "somchai"},
        {"ผู้ใหญ่", "ผ\u0e49\u0e39ใหญ\u0e48"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char *a = text_search_key(pairs[i][0]);
        char *b = text_search_key(pairs[i][1]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    /* And strings that differ stay apart. */
    char *a = text_search_key("ข่า");
    char *b = text_search_key("ข้า");
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void thainorm_digits_only_reads_thai_digits(void **state)
{
    (void)state;
    char *d = text_digits_only("08-1234-5678");
    assert_string_equal(d, "0812345678");
    free(d);
    d = text_digits_only("โทร ๐๘๑ ๒๓๔ 5678");
    assert_string_equal(d, "0812345678");
    free(d);
    d = text_digits_only("ไม่มี\xff");
    assert_string_equal(d, "");
    free(d);
}

static void thainorm_input_check_finds_wtt_errors(void **state)
{
    (void)state;
    assert_int_equal(thai_input_invalid_at("ก\u0e48\u0e48"), 6); /* second tone mark */
    assert_int_equal(thai_input_invalid_at("ก\u0e48\u0e49"), 6); /* two different tones */
    assert_int_equal(thai_input_invalid_at("ก\u0e48\u0e34"), 6); /* tone before vowel */
    assert_int_equal(thai_input_invalid_at("\u0e48ก"), 0);       /* mark with no base */
    assert_int_equal(thai_input_invalid_at("ab \u0e48"), 3);     /* mark after a space */
    assert_int_equal(thai_input_invalid_at("中\u0e48"), 3);      /* mark after non-Thai */
    assert_int_equal(thai_input_invalid_at("ก\u0e33\u0e48"), 6); /* tone after SARA AM */
}

static void thainorm_input_check_accepts_good_text(void **state)
{
    (void)state;
    assert_int_equal(thai_input_invalid_at("ก\u0e34\u0e48"), -1);
    assert_int_equal(thai_input_invalid_at("น้ำใจ ผู้ใหญ่บ้าน ที่นี่ก็ได้"), -1);
    assert_int_equal(thai_input_invalid_at("hello, world!"), -1);
    assert_int_equal(thai_input_invalid_at("中文 José"), -1);
    assert_int_equal(thai_input_invalid_at(""), -1);
}

const struct CMUnitTest thainorm_tests[] = {
    cmocka_unit_test(thainorm_joins_nikhahit_and_sara_aa_into_sara_am),
    cmocka_unit_test(thainorm_puts_tone_mark_after_vowel_mark),
    cmocka_unit_test(thainorm_removes_doubled_marks),
    cmocka_unit_test(thainorm_makes_two_sara_e_one_sara_ae),
    cmocka_unit_test(thainorm_removes_zero_width_and_baseless_marks),
    cmocka_unit_test(thainorm_removes_controls_and_bad_bytes),
    cmocka_unit_test(thainorm_newlines_only_kept_when_asked),
    cmocka_unit_test(thainorm_trims_and_collapses_spaces),
    cmocka_unit_test(thainorm_composes_accented_latin),
    cmocka_unit_test(thainorm_search_key_folds_digits_case_and_spaces),
    cmocka_unit_test(thainorm_search_key_same_for_lookalikes),
    cmocka_unit_test(thainorm_digits_only_reads_thai_digits),
    cmocka_unit_test(thainorm_input_check_finds_wtt_errors),
    cmocka_unit_test(thainorm_input_check_accepts_good_text),
};
const size_t thainorm_tests_count = sizeof thainorm_tests / sizeof thainorm_tests[0];
