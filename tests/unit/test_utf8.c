/* Tests of UTF-8 decoding, encoding and validation, above all on malformed input. */
#include "test_support.h"
#include "utf8.h"

#include <string.h>

static void check_decode(const char *s, size_t len, uint32_t want_cp, size_t want_used)
{
    uint32_t cp = 0;
    size_t used = utf8_decode(s, len, &cp);
    assert_int_equal(cp, want_cp);
    assert_int_equal(used, want_used);
}

static void utf8_decodes_each_length(void **state)
{
    (void)state;
    check_decode("A", 1, 'A', 1);
    check_decode("\xC3\xA9", 2, 0xE9, 2);
    check_decode("\xE0\xB8\x81", 3, 0x0E01, 3); /* ก */
    check_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4);
    check_decode("\xEF\xBF\xBD", 3, UTF8_REPLACEMENT, 3);
    /* Only the first character is read even when more bytes follow. */
    check_decode("\xE0\xB8\x81\xE0\xB8\x82", 6, 0x0E01, 3);
}

static void utf8_malformed_input_reads_one_byte_as_replacement(void **state)
{
    (void)state;
    check_decode("\x80", 1, UTF8_REPLACEMENT, 1);             /* lone continuation */
    check_decode("\xFF", 1, UTF8_REPLACEMENT, 1);             /* never valid */
    check_decode("\xF5\x80\x80\x80", 4, UTF8_REPLACEMENT, 1); /* beyond U+10FFFF */
    check_decode("\xF4\x90\x80\x80", 4, UTF8_REPLACEMENT, 1); /* U+110000 */
    check_decode("\xC0\x80", 2, UTF8_REPLACEMENT, 1);         /* overlong NUL */
    check_decode("\xC1\xBF", 2, UTF8_REPLACEMENT, 1);         /* overlong */
    check_decode("\xE0\x80\xAF", 3, UTF8_REPLACEMENT, 1);     /* overlong '/' */
    check_decode("\xF0\x8F\xBF\xBF", 4, UTF8_REPLACEMENT, 1); /* overlong U+FFFF */
    check_decode("\xED\xA0\x80", 3, UTF8_REPLACEMENT, 1);     /* surrogate U+D800 */
    check_decode("\xED\xBF\xBF", 3, UTF8_REPLACEMENT, 1);     /* surrogate U+DFFF */
    check_decode("\xE0\xB8", 2, UTF8_REPLACEMENT, 1);         /* cut short by len */
    check_decode("\xE0\xB8\x81", 2, UTF8_REPLACEMENT, 1);     /* len says only 2 */
    check_decode("\xE0\xB8"
                 "A",
                 3, UTF8_REPLACEMENT, 1); /* ASCII in the middle */
    /* The byte after a bad lead byte is read on its own next time. */
    check_decode("\xE0"
                 "A",
                 2, UTF8_REPLACEMENT, 1);
    check_decode("A", 1, 'A', 1);
    /* The largest and the smallest code points of each length are accepted. */
    check_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
    check_decode("\xC2\x80", 2, 0x80, 2);
    check_decode("\xE0\xA0\x80", 3, 0x800, 3);
    check_decode("\xF0\x90\x80\x80", 4, 0x10000, 4);
    check_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);
    check_decode("\xEE\x80\x80", 3, 0xE000, 3);
}

static void utf8_encodes_and_round_trips_every_code_point(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(utf8_encode(0x0E33, buf), 3);
    assert_memory_equal(buf, "\xE0\xB8\xB3", 3);
    assert_int_equal(utf8_encode(0x7F, buf), 1);
    assert_int_equal(utf8_encode(0x80, buf), 2);
    assert_int_equal(utf8_encode(0x7FF, buf), 2);
    assert_int_equal(utf8_encode(0x800, buf), 3);
    assert_int_equal(utf8_encode(0xFFFF, buf), 3);
    assert_int_equal(utf8_encode(0x10000, buf), 4);
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        size_t n = utf8_encode(cp, buf);
        uint32_t back;
        assert_int_equal(utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cp);
    }
}

static void utf8_encodes_impossible_code_points_as_replacement(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(utf8_encode(0xD800, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    assert_int_equal(utf8_encode(0x110000, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
}

static void utf8_valid_reports_first_bad_offset(void **state)
{
    (void)state;
    size_t bad = 99;
    const char *thai = "สวัสดี abc \xEF\xBF\xBD";
    assert_true(utf8_valid(thai, strlen(thai), &bad));
    assert_int_equal(bad, 99); /* untouched when valid */
    assert_true(utf8_valid("", 0, NULL));
    assert_false(utf8_valid("ab\xFF"
                            "cd",
                            5, &bad));
    assert_int_equal(bad, 2);
    assert_false(utf8_valid("ก\xE0\xB8", 5, &bad)); /* truncated second ก */
    assert_int_equal(bad, 3);
    assert_false(utf8_valid("\xED\xA0\x80", 3, &bad));
    assert_int_equal(bad, 0);
    assert_false(utf8_valid("x\xC0\x80", 3, NULL));
    /* The length is obeyed: a good string cut inside a character is bad. */
    assert_false(utf8_valid("ก", 2, &bad));
    assert_int_equal(bad, 0);
}

const struct CMUnitTest utf8_tests[] = {
    cmocka_unit_test(utf8_decodes_each_length),
    cmocka_unit_test(utf8_malformed_input_reads_one_byte_as_replacement),
    cmocka_unit_test(utf8_encodes_and_round_trips_every_code_point),
    cmocka_unit_test(utf8_encodes_impossible_code_points_as_replacement),
    cmocka_unit_test(utf8_valid_reports_first_bad_offset),
};
const size_t utf8_tests_count = sizeof utf8_tests / sizeof utf8_tests[0];
