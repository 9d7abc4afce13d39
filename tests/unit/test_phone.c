/* Tests of reading and grouping Thai telephone numbers. */
#include "test_support.h"
#include "phone.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct phone_case {
    const char *in;
    enum phone_kind kind;
    const char *digits; /* "" when invalid */
};

typedef enum phone_kind (*normalizer)(const char *, char *, size_t);

static void check_phones(normalizer fn, const char *fn_name, const struct phone_case *cases,
                         size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char out[16];
        memset(out, 'z', sizeof out);
        enum phone_kind kind = fn(cases[i].in, out, sizeof out);
        if (kind != cases[i].kind || strcmp(out, cases[i].digits) != 0) {
            print_error("%s(\"%s\"): got %d \"%.16s\", want %d \"%s\"\n", fn_name, cases[i].in,
                        (int)kind, out, (int)cases[i].kind, cases[i].digits);
            fail();
        }
    }
}

#define CHECK_STRICT(cases)                                                                        \
    check_phones(phone_normalize, "phone_normalize", cases, sizeof cases / sizeof cases[0])
#define CHECK_LENIENT(cases)                                                                       \
    check_phones(phone_normalize_lenient, "phone_normalize_lenient", cases,                        \
                 sizeof cases / sizeof cases[0])

static void phone_reads_typed_forms(void **state)
{
    (void)state;
    static const struct phone_case cases[] = {
        {"081-234-5678", PHONE_MOBILE, "0812345678"},
        {"๐๘๑ ๒๓๔ ๕๖๗๘", PHONE_MOBILE, "0812345678"},
        {"๐๘๑-234-๕๖๗๘", PHONE_MOBILE, "0812345678"},
        {"0812345678", PHONE_MOBILE, "0812345678"},
        {"+66 81 234 5678", PHONE_MOBILE, "0812345678"},
        {"+66812345678", PHONE_MOBILE, "0812345678"},
        {"+66 (0)81 234 5678", PHONE_MOBILE, "0812345678"},
        {"(+66) 2 123 4567", PHONE_LANDLINE, "021234567"},
        {"(02) 123 4567", PHONE_LANDLINE, "021234567"},
        {"02-123-4567", PHONE_LANDLINE, "021234567"},
        {"053-123-456", PHONE_LANDLINE, "053123456"},
        {"  061.234.5678 ", PHONE_MOBILE, "0612345678"},
        {"091\u2013234\u20135678", PHONE_MOBILE, "0912345678"},
        {"081\u00A0234\u200B5678", PHONE_MOBILE, "0812345678"},
        {"073 123 456", PHONE_LANDLINE, "073123456"},
        {"044-123-456", PHONE_LANDLINE, "044123456"},
    };
    CHECK_STRICT(cases);
}

/* An extension is read past and dropped: the stored number is the line itself. */
static void phone_drops_extension(void **state)
{
    (void)state;
    static const struct phone_case cases[] = {
        {"02-123-4567 ต่อ 12", PHONE_LANDLINE, "021234567"},
        {"02-123-4567ต่อ๑๒", PHONE_LANDLINE, "021234567"},
        {"02-123-4567 ext. 305", PHONE_LANDLINE, "021234567"},
        {"02-123-4567 x12", PHONE_LANDLINE, "021234567"},
        {"02-123-4567 #12", PHONE_LANDLINE, "021234567"},
        {"02-123-4567 ต่อ", PHONE_INVALID, ""},
        {"02-123-4567 ต่อ 1234567", PHONE_INVALID, ""},
        {"02-123-4567 ต่อ ฝ่ายบัญชี", PHONE_INVALID, ""},
        {"ต่อ 12", PHONE_INVALID, ""},
    };
    CHECK_STRICT(cases);
}

static void phone_rejects_what_is_not_a_thai_number(void **state)
{
    (void)state;
    static const struct phone_case cases[] = {
        {"", PHONE_INVALID, ""},
        {"   ", PHONE_INVALID, ""},
        {"08l-234-5678", PHONE_INVALID, ""},
        {"O81-234-5678", PHONE_INVALID, ""},
        {"081-234-567", PHONE_INVALID, ""},
        {"081-234-56789", PHONE_INVALID, ""},
        {"08123456789", PHONE_INVALID, ""},
        {"66812345678", PHONE_INVALID, ""},
        {"812345678", PHONE_INVALID, ""},
        {"0212345678", PHONE_INVALID, ""},
        {"061234567", PHONE_INVALID, ""},
        {"011234567", PHONE_INVALID, ""},
        {"0112345678", PHONE_INVALID, ""},
        {"1669", PHONE_INVALID, ""},
        {"+1 212 555 0100", PHONE_INVALID, ""},
        {"+6", PHONE_INVALID, ""},
        {"+", PHONE_INVALID, ""},
        {"081+2345678", PHONE_INVALID, ""},
        {"++66812345678", PHONE_INVALID, ""},
        {"081-234-5678, 089-123-4567", PHONE_INVALID, ""},
        {"0812345678901234567890", PHONE_INVALID, ""},
        {"081-234-5678 โทร", PHONE_INVALID, ""},
    };
    CHECK_STRICT(cases);
    char out[4] = "abc";
    assert_int_equal(phone_normalize(NULL, out, sizeof out), PHONE_INVALID);
    assert_string_equal(out, "");
}

static void phone_lenient_restores_dropped_digits(void **state)
{
    (void)state;
    static const struct phone_case cases[] = {
        {"812345678", PHONE_MOBILE, "0812345678"},
        {"612345678", PHONE_MOBILE, "0612345678"},
        {"912345678", PHONE_MOBILE, "0912345678"},
        {"21234567", PHONE_LANDLINE, "021234567"},
        {"53123456", PHONE_LANDLINE, "053123456"},
        {"66812345678", PHONE_MOBILE, "0812345678"},
        {"6621234567", PHONE_LANDLINE, "021234567"},
        {"081-234-5678", PHONE_MOBILE, "0812345678"},
        {"+66 81 234 5678", PHONE_MOBILE, "0812345678"},
        {"12345678", PHONE_INVALID, ""},
        {"61234567", PHONE_INVALID, ""},
        {"712345678", PHONE_INVALID, ""},
        {"6681234567", PHONE_INVALID, ""},
        {"08l-234-5678", PHONE_INVALID, ""},
        {"", PHONE_INVALID, ""},
    };
    CHECK_LENIENT(cases);
}

static void phone_never_overflows_a_small_buffer(void **state)
{
    (void)state;
    char out[10];
    memset(out, 'z', sizeof out);
    /* ten digits and the terminator need eleven bytes */
    assert_int_equal(phone_normalize("081-234-5678", out, 10), PHONE_INVALID);
    assert_string_equal(out, "");
    assert_int_equal(phone_normalize("02-123-4567", out, 10), PHONE_LANDLINE);
    assert_string_equal(out, "021234567");
    assert_int_equal(phone_normalize_lenient("812345678", out, 1), PHONE_INVALID);
    assert_string_equal(out, "");
    assert_int_equal(phone_normalize("0812345678", NULL, 0), PHONE_INVALID);
}

static void phone_formats_for_display(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"0812345678", "081-234-5678"},
        {"0612345678", "061-234-5678"},
        {"021234567", "02-123-4567"},
        {"053123456", "053-123-456"},
        {"073123456", "073-123-456"},
        {"12345", "12345"},
        {"081234567", "081234567"},
        {"08123456789", "08123456789"},
        {"", ""},
        {"081-234-5678", "081-234-5678"},
        {"0a12345678", "0a12345678"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[16];
        phone_format(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
}

static void phone_format_truncates_safely(void **state)
{
    (void)state;
    char out[8];
    memset(out, 'z', sizeof out);
    phone_format("0812345678", out, 5);
    assert_string_equal(out, "081-");
    assert_int_equal(out[5], 'z');
    phone_format("a long string that is not a number", out, sizeof out);
    assert_string_equal(out, "a long ");
    phone_format("0812345678", out, 0);
    phone_format(NULL, out, sizeof out);
    assert_string_equal(out, "");
}

static void phone_round_trips_through_format(void **state)
{
    (void)state;
    static const char *const inputs[] = {"+66 81 234 5678", "02 123 4567", "๐๕๓๑๒๓๔๕๖"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char digits[16], shown[16], again[16];
        assert_int_not_equal(phone_normalize(inputs[i], digits, sizeof digits), PHONE_INVALID);
        phone_format(digits, shown, sizeof shown);
        assert_int_not_equal(phone_normalize(shown, again, sizeof again), PHONE_INVALID);
        assert_string_equal(digits, again);
    }
}

/* Random mixtures of digits, separators, markers and stray bytes, each in a heap block of
 * exactly its length so that ASan catches a read past the end. */
static void phone_survives_random_input(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "0",        "8",        "6",      "2",      "+", "66", "-",    " ", "(",
        ")",        "๐",        "๙",      "ต่อ",     "ต่", "x",  "ext",  "#", "\xE0",
        "\xE0\xB9", "\xE2\x80", "\u00A0", "\u2013", "l", "12", "5678",
    };
    uint32_t seed = 777;
    char buf[64];
    for (int round = 0; round < 5000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)(seed >> 16) % 12;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t n = strlen(p);
            if (len + n >= sizeof buf) break;
            memcpy(buf + len, p, n);
            len += n;
        }
        char *s = malloc(len + 1);
        assert_non_null(s);
        memcpy(s, buf, len);
        s[len] = '\0';
        char out[16], shown[16];
        enum phone_kind kind = phone_normalize(s, out, sizeof out);
        if (kind == PHONE_INVALID)
            assert_string_equal(out, "");
        else
            assert_int_equal(strlen(out), kind == PHONE_MOBILE ? 10 : 9);
        (void)phone_normalize_lenient(s, out, sizeof out);
        phone_format(out, shown, sizeof shown);
        phone_format(s, shown, sizeof shown);
        char *digits = phone_search_digits(s);
        if (digits) assert_int_equal(strspn(digits, "0123456789"), strlen(digits));
        free(digits);
        free(s);
    }
}

struct search_case {
    const char *in;
    const char *digits; /* NULL when the text is not a phone search */
};

/* A phone typed with Thai digits and a hyphen searches the same digits as one typed with
 * ASCII digits: the door's search for ๐๘๑-๒๓๔ must find the member 081-234 finds. */
static void phone_search_digits_reads_fragments_in_any_digits(void **state)
{
    (void)state;
    static const struct search_case cases[] = {
        {"081-234", "081234"},
        {"๐๘๑-๒๓๔", "081234"},
        {"๐๗๔-๘๗๗๙", "0748779"},
        {"๐๘๑ ๒๓๔", "081234"},
        {"081 234", "081234"},
        {"๐๘๑-234", "081234"},
        {"(๐๒) ๑๒๓", "02123"},
        {"081\u2013234", "081234"},
        {"๐๘๑\u00A0๒๓๔", "081234"},
        {"5678", "5678"},
        {"๕๖๗๘", "5678"},
        {"081.234.5", "0812345"},
        {"081-234-5678", "0812345678"},
        {"๐๘๑-๒๓๔-๕๖๗๘", "0812345678"},
        {"+66 81 234 5678", "0812345678"},
        {"+๖๖ ๘๑ ๒๓๔ ๕๖๗๘", "0812345678"},
        {"+66 81 234", "081234"},
        {"+66 (0)81 234", "081234"},
        {"66 81 234", "081234"},
        {"66812", "66812"},
        {"123", "123"},
        /* not a phone: too few digits, letters, or a + in the middle */
        {"12", NULL},
        {"๐๘", NULL},
        {"0-8", NULL},
        {"", NULL},
        {"สมชาย", NULL},
        {"ก๐๘๑๒๓๔", NULL},
        {"081-234ก", NULL},
        {"abc123", NULL},
        {"081+234", NULL},
        {"081/234", NULL},
        {"--", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = phone_search_digits(cases[i].in);
        bool same = got && cases[i].digits ? strcmp(got, cases[i].digits) == 0
                                           : got == NULL && cases[i].digits == NULL;
        if (!same) {
            print_error("phone_search_digits(\"%s\"): got %s%s%s, want %s%s%s\n", cases[i].in,
                        got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
                        cases[i].digits ? "\"" : "", cases[i].digits ? cases[i].digits : "NULL",
                        cases[i].digits ? "\"" : "");
            fail();
        }
        free(got);
    }
    assert_null(phone_search_digits(NULL));
}

const struct CMUnitTest phone_tests[] = {
    cmocka_unit_test(phone_reads_typed_forms),
    cmocka_unit_test(phone_drops_extension),
    cmocka_unit_test(phone_rejects_what_is_not_a_thai_number),
    cmocka_unit_test(phone_lenient_restores_dropped_digits),
    cmocka_unit_test(phone_never_overflows_a_small_buffer),
    cmocka_unit_test(phone_formats_for_display),
    cmocka_unit_test(phone_format_truncates_safely),
    cmocka_unit_test(phone_round_trips_through_format),
    cmocka_unit_test(phone_survives_random_input),
    cmocka_unit_test(phone_search_digits_reads_fragments_in_any_digits),
};
const size_t phone_tests_count = sizeof phone_tests / sizeof phone_tests[0];
