/* Tests of Thai dictionary order: its rules, agreement with libthai, and a total order. */
#include "test_support.h"
#include "collate.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#include <thai/thcoll.h>

static int cmp(const char *a, const char *b)
{
    return thai_collate(a, strlen(a), b, strlen(b));
}

static void assert_sorted(const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(cmp(words[i], words[i]), 0);
        for (size_t j = i + 1; j < n; j++) {
            if (cmp(words[i], words[j]) >= 0 || cmp(words[j], words[i]) <= 0)
                fail_msg("expected \"%s\" before \"%s\"", words[i], words[j]);
        }
    }
}

#define ASSERT_SORTED(...)                                                                         \
    do {                                                                                           \
        static const char *const words_[] = {__VA_ARGS__};                                         \
        assert_sorted(words_, sizeof words_ / sizeof words_[0]);                                   \
    } while (0)

static void collate_leading_vowel_sorts_under_consonant(void **state)
{
    (void)state;
    ASSERT_SORTED("กา", "เก", "ขา");
    ASSERT_SORTED("ก", "กก", "กข", "กฮ", "กะ", "กา", "กำ", "กิ", "กู", "เก", "แก", "โก", "ใก", "ไก",
                  "ข");
    ASSERT_SORTED("เกา", "เกิด", "แก", "แกง", "โกง", "ใกล้", "ไก่", "ขัน");
    ASSERT_SORTED("ไก่", "ขาว", "เขียว", "คน", "เงิน", "จาน", "ฮา");
    /* A leading vowel alone weighs as itself, after every consonant; the shared "เ" must not
     * be skipped as if it were done with. */
    ASSERT_SORTED("เก", "เข", "เฮ", "เ", "เเ");
    ASSERT_SORTED("xเก", "xเ");
    ASSERT_SORTED("a เก", "a เ-ข", "a เ1");
}

static void collate_consonants_in_dictionary_order(void **state)
{
    (void)state;
    ASSERT_SORTED("กร", "ขร", "ฃร", "คร", "ฅร", "ฆร", "งร", "จร", "ชร", "ญร", "ณร", "ดร", "นร",
                  "บร", "ปร", "ผร", "พร", "มร", "ยร", "รร", "ฤร", "ลร", "ฦร", "วร", "ศร", "สร",
                  "หร", "ฬร", "อร", "ฮร");
    /* Words that go on with a consonant come before those with a vowel. */
    ASSERT_SORTED("กรม", "กลาง", "กะทิ", "กัน", "การ", "กำไร", "กิน", "กีฬา", "กุ้ง", "กู");
}

static void collate_tone_marks_differ_only_secondarily(void **state)
{
    (void)state;
    ASSERT_SORTED("ขา", "ข่า", "ข้า", "ขาก");
    ASSERT_SORTED("กา", "ก่า", "ก้า", "ก๊า", "ก๋า", "กาก");
    ASSERT_SORTED("เก", "เก่", "เกา");
    ASSERT_SORTED("กัน", "กั้น", "กันต์", "กับ");
    ASSERT_SORTED("ปา", "ป่า", "ป้า", "ปาก", "ป่าไม้");
}

static void collate_latin_before_thai_digits_before_letters(void **state)
{
    (void)state;
    ASSERT_SORTED("007", "123", "9", "abc", "Zebra", "กา");
    ASSERT_SORTED("๑", "2", "a", "ก");
    ASSERT_SORTED("ก1", "ก๑", "ก2", "กก");
    ASSERT_SORTED("1ก", "a1", "ab", "กa", "กข");
}

static void collate_latin_case_insensitive_first(void **state)
{
    (void)state;
    ASSERT_SORTED("apple", "Banana", "cherry", "DATE");
    ASSERT_SORTED("anna", "Anna", "ANNA", "annb", "Annb");
    ASSERT_SORTED("mcdonald", "McDonald", "mcdonalds");
}

static void collate_spaces_and_punctuation_count_last(void **state)
{
    (void)state;
    ASSERT_SORTED("กข", "ก ข", "ก-ข", "กค");
    ASSERT_SORTED("ab", "a b", "a\u00a0b", "a-b", "abc");
    ASSERT_SORTED("ab", "a\u3000b", "a.b", "a\u2014b", "abc");
    ASSERT_SORTED("สมชาติ", "สมชาย", "สม ชาย", "สมชายใจดี ", "สมชาย ใจดี");
}

static void collate_other_scripts_after_thai_in_code_point_order(void **state)
{
    (void)state;
    ASSERT_SORTED("zz", "ไก", "ฮ", "Ω", "中", "文");
    ASSERT_SORTED("กก", "ก中", "ก文");
    /* Accented Latin sorts with its letter, the accent a secondary difference. */
    ASSERT_SORTED("Jose", "José", "Josef", "Josf", "Zoe", "กา");
    ASSERT_SORTED("resume", "résumé", "Résumé", "resumes");
}

static void collate_equal_only_when_bytes_equal(void **state)
{
    (void)state;
    /* Control characters and zero-width spaces weigh nothing, yet the strings differ. */
    const char *twins[][2] = {
        {"ab", "a\x01"
               "b"},
        {"สมชาย", "สม\u200bชาย"},
        {"ก่ิ", "กิ่"},
        {"a\xff", "a\xfe"},
        {"", "\x01"},
    };
    for (size_t i = 0; i < sizeof twins / sizeof twins[0]; i++) {
        int r = cmp(twins[i][0], twins[i][1]);
        assert_int_not_equal(r, 0);
        assert_int_equal(cmp(twins[i][1], twins[i][0]), -r);
    }
    assert_int_equal(cmp("", ""), 0);
    assert_int_equal(cmp("สมชาย", "สมชาย"), 0);
    /* The lengths are obeyed, so strings need no terminator. */
    assert_int_equal(thai_collate("กาxx", 6, "กายy", 6), 0);
    assert_true(thai_collate("กาย", 6, "กาย", 9) < 0);
    assert_int_equal(thai_collate(NULL, 0, NULL, 0), 0);
    assert_true(thai_collate(NULL, 0, "a", 1) < 0);
}

static void collate_sqlite_callback_agrees(void **state)
{
    (void)state;
    const char *a = "เก", *b = "ขา";
    assert_true(thai_collate_sqlite(NULL, (int)strlen(a), a, (int)strlen(b), b) < 0);
    assert_true(thai_collate_sqlite(NULL, (int)strlen(b), b, (int)strlen(a), a) > 0);
    assert_int_equal(thai_collate_sqlite(NULL, 3, "abc", 3, "abd"),
                     thai_collate("abc", 3, "abd", 3));
    assert_int_equal(thai_collate_sqlite(NULL, 0, "", 0, ""), 0);
}

/* A small deterministic generator, so failures can be reproduced. */
static uint64_t rng_state;

static uint32_t rng(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)((rng_state >> 33) % n);
}

static const uint32_t consonants[] = {0x0E01, 0x0E02, 0x0E04, 0x0E07, 0x0E19,
                                      0x0E21, 0x0E23, 0x0E24, 0x0E2D, 0x0E2E};
static const uint32_t vowels[] = {0x0E30, 0x0E31, 0x0E32, 0x0E33, 0x0E34, 0x0E38, 0x0E4D, 0x0E45};
static const uint32_t marks[] = {0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E47, 0x0E4C, 0x0E3A, 0x0E4E};
static const uint32_t leading[] = {0x0E40, 0x0E41, 0x0E42, 0x0E43, 0x0E44};
static const uint32_t latin[] = {'a', 'B', 'b', 'A', 'z', '1', '2', 0x0E51, 0x0E52, ' '};
static const uint32_t others[] = {0x4E2D, 0xE9, 0xC9, 0x0301, 0x200B, 0x01, '-', 0xA0, 0x3A9};

#define PICK(arr) (arr)[rng(sizeof(arr) / sizeof(arr)[0])]

/* Random Thai and Latin text, as UTF-8 and (for libthai) as TIS-620 with two NULs: a
 * leading vowel is always followed by its consonant, as in real words. */
static void random_word(char *utf8, unsigned char *tis, bool with_others)
{
    size_t u = 0, t = 0;
    for (uint32_t i = 0, n = 1 + rng(6); i < n; i++) {
        uint32_t seq[2], m = 0, kind = rng(with_others ? 12 : 10);
        if (kind < 4) {
            seq[m++] = PICK(consonants);
        } else if (kind < 6) {
            seq[m++] = PICK(leading);
            seq[m++] = PICK(consonants);
        } else if (kind < 7) {
            seq[m++] = PICK(vowels);
        } else if (kind < 8) {
            seq[m++] = PICK(marks);
        } else if (kind < 10) {
            seq[m++] = PICK(latin);
        } else {
            seq[m++] = PICK(others);
        }
        for (uint32_t k = 0; k < m; k++) {
            u += utf8_encode(seq[k], utf8 + u);
            tis[t++] = (unsigned char)(seq[k] < 0x80 ? seq[k] : seq[k] - 0x0E00 + 0xA0);
        }
    }
    utf8[u] = '\0';
    tis[t] = tis[t + 1] = '\0';
}

/* libthai's th_strcoll implements the Royal Institute order over TIS-620; on text it can
 * represent, both must agree wherever it sees a difference. */
static void collate_agrees_with_libthai_th_strcoll(void **state)
{
    (void)state;
    rng_state = 20240601;
    char a[64], b[64];
    unsigned char ta[32], tb[32];
    for (int i = 0; i < 20000; i++) {
        random_word(a, ta, false);
        random_word(b, tb, false);
        int want = th_strcoll(ta, tb);
        int got = cmp(a, b);
        if (want != 0 && (want < 0) != (got < 0))
            fail_msg("\"%s\" vs \"%s\": th_strcoll %d, thai_collate %d", a, b, want, got);
    }
}

static int qsort_cmp(const void *x, const void *y)
{
    return cmp(*(const char *const *)x, *(const char *const *)y);
}

/* An index is corrupt unless the order is antisymmetric and transitive. */
static void collate_is_a_consistent_total_order(void **state)
{
    (void)state;
    enum { N = 80 };
    rng_state = 7;
    static char store[N][64];
    const char *w[N];
    unsigned char tis[32];
    for (int i = 0; i < N; i++) {
        random_word(store[i], tis, true);
        w[i] = store[i];
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            int r = cmp(w[i], w[j]);
            assert_int_equal(r, -cmp(w[j], w[i]));
            assert_true((r == 0) == (strcmp(w[i], w[j]) == 0));
            for (int k = 0; k < N; k++)
                if (r < 0 && cmp(w[j], w[k]) < 0) assert_true(cmp(w[i], w[k]) < 0);
        }
    }
    qsort(w, N, sizeof w[0], qsort_cmp);
    for (int i = 0; i + 1 < N; i++)
        assert_true(cmp(w[i], w[i + 1]) <= 0);
}

const struct CMUnitTest collate_tests[] = {
    cmocka_unit_test(collate_leading_vowel_sorts_under_consonant),
    cmocka_unit_test(collate_consonants_in_dictionary_order),
    cmocka_unit_test(collate_tone_marks_differ_only_secondarily),
    cmocka_unit_test(collate_latin_before_thai_digits_before_letters),
    cmocka_unit_test(collate_latin_case_insensitive_first),
    cmocka_unit_test(collate_spaces_and_punctuation_count_last),
    cmocka_unit_test(collate_other_scripts_after_thai_in_code_point_order),
    cmocka_unit_test(collate_equal_only_when_bytes_equal),
    cmocka_unit_test(collate_sqlite_callback_agrees),
    cmocka_unit_test(collate_agrees_with_libthai_th_strcoll),
    cmocka_unit_test(collate_is_a_consistent_total_order),
};
const size_t collate_tests_count = sizeof collate_tests / sizeof collate_tests[0];
