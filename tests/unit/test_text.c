/* Tests of display text: widths, sanitising, truncation, table cells and wrapping. */
#include "strbuf.h"
#include "test_support.h"
#include "xalloc.h"
#include "text.h"
#include "utf8.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Strings that have broken column layouts: marks, SARA AM, wide characters, escapes, C1
 * controls, bad bytes and marks with nothing before them. */
static const char *const tricky[] = {
    "",
    "a",
    "น้ำใจ",
    "สวัสดีครับ",
    "กำลังใจ ผู้ใหญ่บ้าน",
    "ที่นี่ก็ได้",
    "\xE0\xB9\x88\xE0\xB9\x89", /* only tone marks */
    "\xE0\xB9\x88"
    "ก", /* a mark with no base */
    "中文字",
    "a中b文",
    "한국어",
    "ＡＢ",
    "😀x😀",
    "e\xCC\x81te\xCC\x81", /* combining acute */
    "a\x1B[31mred\x1B[0m",
    "\xC2\x9B"
    "31m",
    "bad\xFF\xFE"
    "bytes",
    "tab\there\nnew",
    "\x7F\x01\x02",
    "zw\xE2\x80\x8Bsp\xEF\xBB\xBF",
    "\xE2\x80\xAE"
    "evil", /* RIGHT-TO-LEFT OVERRIDE */
    "ก้้้้้้้้",    /* a stack of marks on one base */
    "ำำ",
    "ၸၢႆးသၢမ်",                    /* Shan, with marks glibc draws in no cell of their own */
    "\xCD\xB8x\xF0\x9F\xAB\xA8", /* U+0378 and U+1FAE8, which glibc 2.36 cannot print */
};
#define TRICKY_COUNT (sizeof tricky / sizeof tricky[0])

static void text_cp_width_follows_thai_rules(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width(0x0E01), 1); /* ก */
    assert_int_equal(text_cp_width(0x0E32), 1); /* า */
    assert_int_equal(text_cp_width(0x0E33), 1); /* ำ takes its own column */
    assert_int_equal(text_cp_width(0x0E40), 1); /* เ */
    assert_int_equal(text_cp_width(0x0E31), 0);
    for (uint32_t cp = 0x0E34; cp <= 0x0E3A; cp++)
        assert_int_equal(text_cp_width(cp), 0);
    for (uint32_t cp = 0x0E47; cp <= 0x0E4E; cp++)
        assert_int_equal(text_cp_width(cp), 0);
    assert_int_equal(text_cp_width(0x0E4F), 1);
    assert_int_equal(text_cp_width(0x0E50), 1); /* ๐ */
}

static void text_cp_width_of_other_scripts_and_controls(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width('a'), 1);
    assert_int_equal(text_cp_width(0xE9), 1);
    assert_int_equal(text_cp_width(0x0301), 0);
    assert_int_equal(text_cp_width(0x200B), 0);
    assert_int_equal(text_cp_width(0x200D), 0);
    assert_int_equal(text_cp_width(0x2060), 0);
    assert_int_equal(text_cp_width(0xFEFF), 0);
    assert_int_equal(text_cp_width(0x4E2D), 2); /* 中 */
    assert_int_equal(text_cp_width(0xAC00), 2); /* 가 */
    assert_int_equal(text_cp_width(0xFF21), 2); /* Ａ */
    assert_int_equal(text_cp_width(0x3000), 2);
    assert_int_equal(text_cp_width(0x1F600), 2);
    assert_int_equal(text_cp_width(0x20000), 2);
    assert_int_equal(text_cp_width(0x2026), 1); /* … */
    assert_int_equal(text_cp_width(0xFFFD), 1);
    assert_int_equal(text_cp_width(0), -1);
    assert_int_equal(text_cp_width(0x1B), -1);
    assert_int_equal(text_cp_width(0x7F), -1);
    assert_int_equal(text_cp_width(0x80), -1);
    assert_int_equal(text_cp_width(0x9B), -1);
    assert_int_equal(text_cp_width(0x9F), -1);
    assert_int_equal(text_cp_width(0xA0), 1);
}

static void check_sanitized(const char *in, const char *want);

/* khai's widths are glibc's: the screens draw with ncursesw, which asks wcwidth(), so a
 * width khai counts otherwise shifts the rest of the row. Compared for every code point
 * under C.UTF-8 (all glibc UTF-8 locales share one width table). The one deliberate
 * difference: NUL, which glibc gives 0 and khai -1 (a control, never drawn raw; no C string
 * holds it). Where glibc says -1 (unprintable) khai says -1 too, and its sanitiser shows a
 * U+FFFD in the one cell ncursesw would leave blank. */
static void text_cp_width_agrees_with_glibc_wcwidth(void **state)
{
    (void)state;
    char *was = xstrdup(setlocale(LC_CTYPE, NULL));
    assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
    long differences = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        int khai = text_cp_width(cp), glibc = wcwidth((wchar_t)cp);
        if (khai == glibc || (cp == 0 && khai == -1 && glibc == 0)) continue;
        if (differences++ < 20)
            print_error("U+%04X: khai %d, wcwidth %d\n", (unsigned)cp, khai, glibc);
    }
    setlocale(LC_CTYPE, was);
    free(was);
    if (differences) print_error("%ld code points differ from wcwidth()\n", differences);
    assert_int_equal(differences, 0);
}

/* A Shan or Burmese name in a northern network: vowel signs and tones above and below take no
 * cell; the spacing vowels and visarga take one, as glibc says. */
static void text_width_of_myanmar_and_shan_names(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width(0x1000), 1);  /* က */
    assert_int_equal(text_cp_width(0x102D), 0);  /* ိ */
    assert_int_equal(text_cp_width(0x1031), 1);  /* ေ, written before the consonant */
    assert_int_equal(text_cp_width(0x103A), 0);  /* ် asat */
    assert_int_equal(text_cp_width(0x1038), 1);  /* း visarga */
    assert_int_equal(text_cp_width(0x1082), 0);  /* Shan medial wa */
    assert_int_equal(text_cp_width(0x1085), 0);  /* Shan vowel sign e above */
    assert_int_equal(text_cp_width(0x1086), 0);  /* Shan final y */
    assert_int_equal(text_cp_width(0x1087), 1);  /* Shan tone 2, spacing */
    assert_int_equal(text_cp_width(0x109D), 0);  /* Aiton ai */
    assert_int_equal(text_cp_width(0x1058), 0);  /* Mon vocalic l */
    assert_int_equal(text_cp_width(0xA9E5), 0);  /* Shan saw */
    assert_int_equal(text_width("ၸၢႆးသၢမ်"), 6);   /* a Shan name: ႆ and ် take no cell */
    assert_int_equal(text_width("မောင်မောင်"), 8); /* ေ and ာ take a cell each */
    assert_int_equal(text_width("စိုင်းဆိုင်"), 5);
}

static void text_shows_what_glibc_cannot_print_as_one_replacement(void **state)
{
    (void)state;
    check_sanitized("a\xCD\xB8"
                    "b",
                    "a\xEF\xBF\xBD"
                    "b");                                /* U+0378, unassigned */
    check_sanitized("\xEF\xBF\xBEx", "\xEF\xBF\xBDx");   /* U+FFFE, a noncharacter */
    check_sanitized("\xF0\x9F\xAB\xA8", "\xEF\xBF\xBD"); /* U+1FAE8, newer than glibc 2.36 */
    assert_int_equal(text_width("a\xCD\xB8"
                                "b"),
                     3);
    assert_int_equal(text_cp_width(0x0378), -1);
    assert_int_equal(text_cp_width(0xE000), 1); /* private use is printable */
}

/* libthai's dictionary ends the words of "พี่ปิยะชีพ" after พี่ (9 bytes) and none inside a word
 * it knows whole. */
static void text_word_breaks_finds_thai_word_ends(void **state)
{
    (void)state;
    size_t at[8];
    const char *s = "พี่ปิยะชีพ";
    size_t n = text_word_breaks(s, strlen(s), at, 8);
    assert_true(n >= 1);
    assert_int_equal(at[0], strlen("พี่"));
    for (size_t i = 0; i < n; i++)
        assert_true(at[i] > 0 && at[i] < strlen(s));
    const char *word = "คุณวุฒิ";
    assert_int_equal(text_word_breaks(word, strlen(word), at, 8), 0);
    assert_int_equal(text_word_breaks("", 0, at, 8), 0);
    assert_int_equal(text_word_breaks(s, strlen(s), at, 0), 0);
    /* only the first len bytes are read */
    assert_int_equal(text_word_breaks("คุณวุฒิ abc", strlen("คุณวุฒิ"), at, 8), 0);
}

static void text_width_counts_thai_cells(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("สวัสดี"), 4);
    assert_int_equal(text_width("น้ำใจ"), 4);
    assert_int_equal(text_width("ผู้ใหญ่บ้าน"), 7);
    assert_int_equal(text_width("中文 ab"), 7);
    assert_int_equal(text_width("e\xCC\x81"), 1);
    /* Placeholders: ^[ is two columns, <9B> four, U+FFFD one. */
    assert_int_equal(text_width("\x1B[31m"), 6);
    assert_int_equal(text_width("\xC2\x9B"), 4);
    assert_int_equal(text_width("\xFF"), 1);
}

static void text_width_of_raw_equals_width_of_sanitised(void **state)
{
    (void)state;
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        char *clean = text_sanitize(tricky[i]);
        assert_int_equal(text_width(tricky[i]), text_width(clean));
        /* Sanitising what is already safe changes nothing. */
        char *again = text_sanitize(clean);
        assert_string_equal(again, clean);
        free(again);
        free(clean);
    }
}

static void check_sanitized(const char *in, const char *want)
{
    char *got = text_sanitize(in);
    assert_string_equal(got, want);
    free(got);
}

static void text_sanitize_shows_escapes_as_text(void **state)
{
    (void)state;
    check_sanitized("สมชาย\x1B[31m", "สมชาย^[[31m");
    check_sanitized("\x1B]0;title\x07", "^[]0;title^G");
    check_sanitized("a\xC2\x9B"
                    "31mb",
                    "a<9B>31mb");
    check_sanitized("\xC2\x80\xC2\x9F", "<80><9F>");
    check_sanitized("x\xFFy", "x\xEF\xBF\xBDy");
    check_sanitized("\xE0\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD");
    check_sanitized("a\tb", "a b");
    check_sanitized("a\nb", "a\xE2\x86\xB5"
                            "b");
    check_sanitized("a\rb", "a^Mb");
    check_sanitized("\x7F", "^?");
    check_sanitized("\x01", "^A");
    check_sanitized("\xE2\x80\xAE"
                    "abc\xE2\x81\xA6",
                    "\xEF\xBF\xBD"
                    "abc\xEF\xBF\xBD");
    check_sanitized("สวัสดี", "สวัสดี");
    check_sanitized("中文", "中文");
}

static void text_sanitize_drops_marks_with_no_base(void **state)
{
    (void)state;
    check_sanitized("\xE0\xB9\x88"
                    "ก",
                    "ก");
    check_sanitized("\xE0\xB9\x88\xE0\xB8\xB4\xE2\x80\x8B"
                    "ab",
                    "ab");
    check_sanitized("\xCC\x81"
                    "e",
                    "e");
    /* A mark after a base character stays, even after a space. */
    check_sanitized("ก\xE0\xB9\x88", "ก\xE0\xB9\x88");
    check_sanitized("a \xE0\xB9\x88", "a \xE0\xB9\x88");
    check_sanitized("\xE0\xB9\x88", "");
}

/* No byte that a terminal obeys may survive: C0, DEL, or a C1 control in UTF-8. */
static bool terminal_safe(const char *s)
{
    size_t len = strlen(s);
    if (!utf8_valid(s, len, NULL)) return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x20 || b == 0x7F) return false;
        if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0) return false;
    }
    return true;
}

static void text_sanitize_output_is_always_terminal_safe(void **state)
{
    (void)state;
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        char *clean = text_sanitize(tricky[i]);
        assert_true(terminal_safe(clean));
        free(clean);
        for (size_t cols = 0; cols < 12; cols++) {
            char *cell = text_fit(tricky[i], cols);
            assert_true(terminal_safe(cell));
            free(cell);
        }
    }
    /* Every single byte value, alone and after a Thai letter. */
    for (int b = 1; b < 256; b++) {
        char in[5] = {(char)0xE0, (char)0xB8, (char)0x81, (char)b, 0};
        char *clean = text_sanitize(in);
        assert_true(terminal_safe(clean));
        free(clean);
        clean = text_sanitize(in + 3);
        assert_true(terminal_safe(clean));
        free(clean);
    }
}

static void check_truncated(const char *in, size_t cols, const char *want)
{
    char *got = text_truncate(in, cols);
    assert_string_equal(got, want);
    assert_true(text_width(got) <= cols);
    free(got);
}

static void text_truncate_keeps_marks_with_their_base(void **state)
{
    (void)state;
    check_truncated("น้ำใจ", 4, "น้ำใจ");
    check_truncated("น้ำใจ", 3, "น้ำ…");
    /* น้ำ is one cluster two columns wide: with one column left for it, none of it shows. */
    check_truncated("น้ำใจ", 2, "…");
    check_truncated("น้ำใจ", 1, "…");
    check_truncated("น้ำใจ", 0, "");
    check_truncated("ที่นี่ก็ได้", 3, "ที่นี่…");
    check_truncated("ผู้ใหญ่บ้าน", 5, "ผู้ใหญ่…");
    check_truncated("e\xCC\x81"
                    "tude",
                    2, "e\xCC\x81…");
}

static void text_truncate_cuts_at_columns_with_ellipsis(void **state)
{
    (void)state;
    check_truncated("abcdef", 6, "abcdef");
    check_truncated("abcdef", 5, "abcd…");
    check_truncated("abcdef", 1, "…");
    check_truncated("", 0, "");
    check_truncated("中文字", 4, "中…");
    check_truncated("中文字", 5, "中文…");
    check_truncated("a\x1B[31m", 3, "a…"); /* ^[ is never split */
    check_truncated("a\x1B[31m", 4, "a^[…");
    check_truncated("\xC2\x9Bxyz", 4, "…"); /* nor <9B> */
}

/* Never a base letter without the zero-width marks that followed it in the input. */
static void text_truncate_never_leaves_a_bare_base(void **state)
{
    (void)state;
    const char *s = "น้ำใจดี ผู้ใหญ่ที่นี่";
    for (size_t cols = 1; cols < 25; cols++) {
        char *cut = text_truncate(s, cols);
        size_t len = strlen(cut);
        const char *ellipsis = "…";
        if (len >= 3 && strcmp(cut + len - 3, ellipsis) == 0) len -= 3;
        /* What precedes the ellipsis is a prefix of s that ends where a new cluster starts. */
        assert_memory_equal(cut, s, len);
        uint32_t next;
        if (s[len]) {
            utf8_decode(s + len, strlen(s + len), &next);
            assert_true(text_cp_width(next) > 0);
            assert_int_not_equal(next, 0x0E33);
        }
        free(cut);
    }
}

static void text_fit_pads_to_exact_width(void **state)
{
    (void)state;
    char *cell = text_fit("中文字", 4);
    assert_string_equal(cell, "中… ");
    free(cell);
    cell = text_fit("中文", 3);
    assert_string_equal(cell, "中…");
    free(cell);
    /* 中 does not fit in the one column left before the ellipsis: a space fills it. */
    cell = text_fit("中文", 2);
    assert_string_equal(cell, "… ");
    free(cell);
    cell = text_fit("a中", 2);
    assert_string_equal(cell, "a…");
    free(cell);
    cell = text_fit("a中文", 3);
    assert_string_equal(cell, "a… ");
    free(cell);
    cell = text_fit("ab", 5);
    assert_string_equal(cell, "ab   ");
    free(cell);
    cell = text_fit("น้ำใจ", 2);
    assert_string_equal(cell, "… ");
    free(cell);
    cell = text_fit("\xE0\xB9\x88\xE0\xB9\x89", 2);
    assert_string_equal(cell, "  ");
    free(cell);
}

/* The property that keeps table columns straight. */
static void text_fit_width_is_exact_for_every_tricky_string(void **state)
{
    (void)state;
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        for (size_t cols = 1; cols <= 24; cols++) {
            char *cell = text_fit(tricky[i], cols);
            assert_int_equal(text_width(cell), cols);
            /* Whatever fits is shown whole, without an ellipsis. */
            if (text_width(tricky[i]) <= cols) {
                char *clean = text_sanitize(tricky[i]);
                assert_memory_equal(cell, clean, strlen(clean));
                free(clean);
            } else {
                assert_non_null(strstr(cell, "…"));
            }
            free(cell);
        }
    }
}

struct wrapped {
    char **lines;
    size_t n;
};

static struct wrapped wrap(const char *s, size_t cols)
{
    struct wrapped w;
    w.n = text_wrap(s, cols, &w.lines);
    assert_non_null(w.lines);
    assert_null(w.lines[w.n]);
    return w;
}

static void check_lines(struct wrapped w, const char *const *want, size_t n)
{
    assert_int_equal(w.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(w.lines[i], want[i]);
    strings_free(w.lines, w.n);
}

static void text_wrap_breaks_at_spaces(void **state)
{
    (void)state;
    const char *a[] = {"hello", "world"};
    check_lines(wrap("hello world", 5), a, 2);
    const char *b[] = {"hello world"};
    check_lines(wrap("hello world", 11), b, 1);
    const char *c[] = {"a b c", "d"};
    check_lines(wrap("a b c d", 5), c, 2);
    const char *d[] = {"one", "two"};
    check_lines(wrap("one      two", 4), d, 2); /* spaces at the break vanish */
    const char *e[] = {"  indented", "text"};
    check_lines(wrap("  indented text", 10), e, 2);
    /* Indentation before a word too long for the line is dropped, not left on a line alone. */
    const char *f[] = {"abcde", "f"};
    check_lines(wrap("   abcdef", 5), f, 2);
}

static void text_wrap_breaks_long_words_at_clusters(void **state)
{
    (void)state;
    const char *a[] = {"abcd", "efgh", "ij"};
    check_lines(wrap("abcdefghij", 4), a, 3);
    const char *b[] = {"中文", "字"};
    check_lines(wrap("中文字", 5), b, 2);
    /* A wide character in a one-column line still gets a line of its own. */
    const char *c[] = {"中", "文"};
    check_lines(wrap("中文", 1), c, 2);
    const char *d[] = {"e\xCC\x81"
                       "e\xCC\x81",
                       "e\xCC\x81"};
    check_lines(wrap("e\xCC\x81"
                     "e\xCC\x81"
                     "e\xCC\x81",
                     2),
                d, 2);
}

static void text_wrap_breaks_thai_between_words(void **state)
{
    (void)state;
    /* Thai puts no spaces between words; libthai's dictionary finds ภาษา|ไทย|ง่าย|นิดเดียว. */
    const char *a[] = {"ภาษาไทย", "ง่าย", "นิดเดียว"};
    check_lines(wrap("ภาษาไทยง่ายนิดเดียว", 8), a, 3);
    const char *b[] = {"สวัสดีครับ ผม", "ชื่อสมชาย"};
    check_lines(wrap("สวัสดีครับ ผมชื่อสมชาย", 10), b, 2);
    const char *c[] = {"hello", "สวัสดี"};
    check_lines(wrap("helloสวัสดี", 6), c, 2);
}

/* Lines put back together give the text again, never split inside a cluster, never too
 * wide, never starting with a mark. */
static void text_wrap_loses_nothing_and_fits(void **state)
{
    (void)state;
    const char *s = "กำลังใจจากผู้ใหญ่บ้านที่นี่ก็ได้ น้ำใจงามมากครับ เครือข่ายภาคประชาสังคม";
    for (size_t cols = 2; cols < 30; cols++) {
        struct wrapped w = wrap(s, cols);
        size_t at = 0;
        for (size_t i = 0; i < w.n; i++) {
            assert_true(text_width(w.lines[i]) <= cols);
            assert_true(w.lines[i][0] != '\0');
            uint32_t first;
            utf8_decode(w.lines[i], strlen(w.lines[i]), &first);
            assert_true(text_cp_width(first) > 0);
            assert_int_not_equal(first, 0x0E33);
            if (s[at] == ' ') at++;
            size_t len = strlen(w.lines[i]);
            assert_memory_equal(w.lines[i], s + at, len);
            at += len;
        }
        assert_int_equal(at, strlen(s));
        strings_free(w.lines, w.n);
    }
}

static void text_wrap_keeps_newlines_and_sanitises(void **state)
{
    (void)state;
    const char *a[] = {"a", "", "b"};
    check_lines(wrap("a\n\nb", 10), a, 3);
    const char *b[] = {"a", "b"};
    check_lines(wrap("a\r\nb\n", 10), b, 2);
    const char *c[] = {"^[[31mred"};
    check_lines(wrap("\x1B[31mred", 20), c, 1);
    const char *d[] = {"ก"};
    check_lines(wrap("\xE0\xB9\x88"
                     "ก",
                     20),
                d, 1);
    const char *e[] = {"x", "ก"};
    check_lines(wrap("x\n\xE0\xB9\x88"
                     "ก",
                     20),
                e, 2);
    struct wrapped none = wrap("", 10);
    assert_int_equal(none.n, 0);
    strings_free(none.lines, none.n);
    const char *f[] = {"a", "b"};
    check_lines(wrap("a b", 0), f, 2); /* zero columns wraps as one */
}

/* A pile of combining marks keeps 4 on its character (a Thai vowel and tone mark keep both). */
static void text_sanitize_caps_marks_on_one_character(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, "ก");
    for (int i = 0; i < 1000; i++)
        sb_add(&sb, "\u0E34");
    sb_add(&sb, "ข\u0E35\u0E48");
    char *safe = text_sanitize(sb_str(&sb));
    assert_string_equal(safe, "ก\u0E34\u0E34\u0E34\u0E34ข\u0E35\u0E48");
    assert_int_equal(text_width(safe), 2);
    free(safe);
    sb_free(&sb);
}

const struct CMUnitTest text_tests[] = {
    cmocka_unit_test(text_sanitize_caps_marks_on_one_character),
    cmocka_unit_test(text_cp_width_follows_thai_rules),
    cmocka_unit_test(text_cp_width_of_other_scripts_and_controls),
    cmocka_unit_test(text_cp_width_agrees_with_glibc_wcwidth),
    cmocka_unit_test(text_width_of_myanmar_and_shan_names),
    cmocka_unit_test(text_shows_what_glibc_cannot_print_as_one_replacement),
    cmocka_unit_test(text_word_breaks_finds_thai_word_ends),
    cmocka_unit_test(text_width_counts_thai_cells),
    cmocka_unit_test(text_width_of_raw_equals_width_of_sanitised),
    cmocka_unit_test(text_sanitize_shows_escapes_as_text),
    cmocka_unit_test(text_sanitize_drops_marks_with_no_base),
    cmocka_unit_test(text_sanitize_output_is_always_terminal_safe),
    cmocka_unit_test(text_truncate_keeps_marks_with_their_base),
    cmocka_unit_test(text_truncate_cuts_at_columns_with_ellipsis),
    cmocka_unit_test(text_truncate_never_leaves_a_bare_base),
    cmocka_unit_test(text_fit_pads_to_exact_width),
    cmocka_unit_test(text_fit_width_is_exact_for_every_tricky_string),
    cmocka_unit_test(text_wrap_breaks_at_spaces),
    cmocka_unit_test(text_wrap_breaks_long_words_at_clusters),
    cmocka_unit_test(text_wrap_breaks_thai_between_words),
    cmocka_unit_test(text_wrap_loses_nothing_and_fits),
    cmocka_unit_test(text_wrap_keeps_newlines_and_sanitises),
};
const size_t text_tests_count = sizeof text_tests / sizeof text_tests[0];
