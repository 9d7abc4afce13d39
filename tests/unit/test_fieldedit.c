/* Tests of the form's line-editing logic without curses or readline: key bytes, scrolling
 * windows, multi-line text, the WTT check of a key, completion decisions and previews. */
#include "fieldedit.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void fieldedit_maps_keys_to_readline_bytes(void **state)
{
    (void)state;
    assert_string_equal(fe_key_bytes(FE_LEFT), "\x02");
    assert_string_equal(fe_key_bytes(FE_RIGHT), "\x06");
    assert_string_equal(fe_key_bytes(FE_HOME), "\x01");
    assert_string_equal(fe_key_bytes(FE_END), "\x05");
    assert_string_equal(fe_key_bytes(FE_BACKSPACE), "\x7f");
    assert_string_equal(fe_key_bytes(FE_DELETE), "\x04");
    assert_string_equal(fe_key_bytes(FE_WORD_LEFT), "\033b");
    assert_string_equal(fe_key_bytes(FE_WORD_RIGHT), "\033f");
}

static void fieldedit_encodes_typed_characters(void **state)
{
    (void)state;
    char out[FE_MAX_BYTES];
    assert_int_equal(fe_char_bytes('a', false, out), 1);
    assert_memory_equal(out, "a", 1);
    assert_int_equal(fe_char_bytes(0x0E01, false, out), 3); /* ก */
    assert_memory_equal(out, "\xe0\xb8\x81", 3);
    assert_int_equal(fe_char_bytes('b', true, out), 2); /* Alt-b */
    assert_memory_equal(out, "\033b", 2);
    assert_int_equal(fe_char_bytes(0x0B, false, out), 1); /* C-k passes as it is */
    assert_int_equal(out[0], 0x0B);
    assert_int_equal(fe_char_bytes(-1, false, out), 0);
    assert_int_equal(fe_char_bytes(0xD800, false, out), 0);
    assert_int_equal(fe_char_bytes(0x110000, false, out), 0);
}

static void fieldedit_short_line_is_not_scrolled(void **state)
{
    (void)state;
    const char *line = "abc";
    size_t first = 2;
    assert_int_equal(fe_hscroll(line, 3, 3, 10, &first), 3);
    assert_int_equal(first, 0);
    assert_int_equal(fe_hscroll(line, 3, 1, 10, &first), 1);
    assert_int_equal(first, 0);
}

static void fieldedit_long_line_follows_the_cursor(void **state)
{
    (void)state;
    const char *line = "abcdefghijklmnopqrstuvwxyz";
    size_t len = strlen(line), first = 0;
    /* At the end nothing follows the cursor: it may use the last column. */
    assert_int_equal(fe_hscroll(line, len, len, 10, &first), 9);
    assert_int_equal(first, len - 9);
    /* Back inside the window: the window stays. */
    assert_int_equal(fe_hscroll(line, len, len - 3, 10, &first), 6);
    assert_int_equal(first, len - 9);
    /* Left of the window: it follows, the cursor at its first column. */
    assert_int_equal(fe_hscroll(line, len, 12, 10, &first), 0);
    assert_int_equal(first, 12);
    /* Once the cursor fits from the start, the line shows from its start. */
    assert_int_equal(fe_hscroll(line, len, 5, 10, &first), 5);
    assert_int_equal(first, 0);
    /* With text after the cut, the cursor keeps off the last column (the "…"). */
    assert_int_equal(fe_hscroll(line, len, 14, 10, &first), 8);
    assert_int_equal(first, 6);
    /* Home brings the start back. */
    assert_int_equal(fe_hscroll(line, len, 0, 10, &first), 0);
    assert_int_equal(first, 0);
}

static void fieldedit_scrolling_never_splits_a_thai_cluster(void **state)
{
    (void)state;
    /* ก่ is one column of two code points (6 bytes): a window starts on a consonant. */
    const char *line = "ก่ก่ก่ก่ก่ก่ก่ก่";
    size_t len = strlen(line), first = 0;
    int col = fe_hscroll(line, len, len, 4, &first);
    assert_int_equal(col, 3);
    assert_int_equal(first % 6, 0);
    assert_int_equal(first, len - 18);
    col = fe_hscroll(line, len, 24, 4, &first);
    assert_int_equal(first, 24);
    assert_int_equal(col, 0);
    first = 27; /* inside a cluster: moved to its consonant */
    col = fe_hscroll(line, len, 36, 4, &first);
    assert_int_equal(first, 24);
    assert_int_equal(col, 2);
}

static void fieldedit_form_scrolls_to_keep_the_field_visible(void **state)
{
    (void)state;
    /* A field below the view brings it in at the bottom, with its notes. */
    assert_int_equal(fe_vscroll(0, 10, 12, 2, 30), 4);
    /* Above the view: at the top. */
    assert_int_equal(fe_vscroll(8, 10, 3, 1, 30), 3);
    /* Inside: no move. */
    assert_int_equal(fe_vscroll(2, 10, 5, 3, 30), 2);
    /* Taller than the view: its first rows. */
    assert_int_equal(fe_vscroll(0, 4, 6, 9, 30), 6);
    /* Never past the end, never before the start. */
    assert_int_equal(fe_vscroll(25, 10, 28, 1, 30), 20);
    assert_int_equal(fe_vscroll(5, 10, 0, 1, 3), 0);
}

static void fieldedit_splits_multiline_text_into_lines(void **state)
{
    (void)state;
    const char *s = "วาระที่ 1\nวาระที่ 2\n";
    assert_int_equal(fe_line_count(""), 1);
    assert_int_equal(fe_line_count(s), 3);
    size_t start, end;
    fe_line_bounds(s, 1, &start, &end);
    assert_int_equal(start, strlen("วาระที่ 1\n"));
    assert_int_equal(end, strlen("วาระที่ 1\nวาระที่ 2"));
    fe_line_bounds(s, 2, &start, &end);
    assert_int_equal(start, strlen(s));
    assert_int_equal(end, strlen(s));
    assert_int_equal(fe_line_at(s, 0), 0);
    assert_int_equal(fe_line_at(s, strlen("วาระที่ 1")), 0);
    assert_int_equal(fe_line_at(s, strlen("วาระที่ 1\n")), 1);
    assert_int_equal(fe_line_at(s, strlen(s)), 2);
}

static void fieldedit_refuses_impossible_thai_sequences(void **state)
{
    (void)state;
    assert_false(fe_thai_insert_ok("ก\u0e48", 6, "\u0e48"));  /* a second tone mark */
    assert_false(fe_thai_insert_ok("ก\u0e48", 6, "\u0e49"));  /* another tone mark */
    assert_false(fe_thai_insert_ok("", 0, "\u0e34"));         /* a vowel mark with no base */
    assert_false(fe_thai_insert_ok("ab ", 3, "\u0e48"));      /* after a space */
    assert_false(fe_thai_insert_ok("ก\u0e48", 6, "\u0e34"));  /* a vowel after the tone */
    assert_false(fe_thai_insert_ok("กา", 3, "\u0e48\u0e48")); /* two at once */
    /* The cluster before the cursor counts, however many marks it has. */
    assert_false(fe_thai_insert_ok("ที\u0e48", 9, "\u0e49"));
}

static void fieldedit_accepts_possible_thai_sequences(void **state)
{
    (void)state;
    assert_true(fe_thai_insert_ok("ก", 3, "\u0e48"));
    assert_true(fe_thai_insert_ok("ก\u0e34", 6, "\u0e48")); /* tone after the vowel mark */
    assert_true(fe_thai_insert_ok("กา", 3, "\u0e48"));      /* between ก and า: ก่า */
    assert_true(fe_thai_insert_ok("ก\u0e48", 3, "ข"));      /* a consonant before a mark */
    assert_true(fe_thai_insert_ok("", 0, "ก"));
    assert_true(fe_thai_insert_ok("abc", 1, "x"));
    /* A fault already in the text before the cursor is not this key's. */
    assert_true(fe_thai_insert_ok("ก\u0e48\u0e48", 9, "a"));
}

static void fieldedit_finds_the_word_to_complete(void **state)
{
    (void)state;
    const char *orgs = "มูลนิธิเด็ก;  สมาคม";
    assert_int_equal(fe_word_start(orgs, strlen(orgs), true), strlen("มูลนิธิเด็ก;  "));
    assert_int_equal(fe_word_start(orgs, strlen(orgs), false), 0);
    assert_int_equal(fe_word_start("a, b", 4, true), 3);
    assert_int_equal(fe_word_start("  x", 3, false), 2);
    /* Only what is before the cursor counts. */
    assert_int_equal(fe_word_start("a; b", 1, true), 0);
}

static void fieldedit_tab_completes_only_when_it_changes_something(void **state)
{
    (void)state;
    char *two[] = {"เชียงราย", "เชียงใหม่"};
    char *one[] = {"Bangkok"};
    assert_true(fe_should_complete("เชียง", two, 2));
    assert_true(fe_should_complete("เชียงใหม่", two, 2));  /* another candidate still differs */
    assert_false(fe_should_complete("bangkok", one, 1)); /* complete already, case aside */
    assert_false(fe_should_complete("", two, 2));        /* nothing typed: move on */
    assert_false(fe_should_complete("ไม่มี", NULL, 0));    /* nothing to complete to */
}

static const struct choice sexes[] = {{"female", "female", "หญิง"},
                                      {"male", "male", "ชาย"},
                                      {"other", "other", "อื่น ๆ"},
                                      {NULL, NULL, NULL}};

static void fieldedit_matches_choice_keys_and_labels(void **state)
{
    (void)state;
    char **out;
    size_t n = fe_choice_matches(sexes, true, "ห", &out);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "หญิง");
    strings_free(out, n);
    n = fe_choice_matches(sexes, true, "", &out); /* only the user's language */
    assert_int_equal(n, 3);
    assert_string_equal(out[2], "อื่น ๆ");
    strings_free(out, n);
    n = fe_choice_matches(sexes, true, "F", &out); /* key and label alike: once */
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "female");
    strings_free(out, n);
    n = fe_choice_matches(sexes, false, "m", &out);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "male");
    strings_free(out, n);
    n = fe_choice_matches(fe_bool_choices, true, "ใ", &out);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "ใช่");
    strings_free(out, n);
    n = fe_choice_matches(sexes, false, "x", &out);
    assert_int_equal(n, 0);
    strings_free(out, n);
}

static void check_preview(char *got, const char *want)
{
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void fieldedit_previews_a_split_full_name(void **state)
{
    (void)state;
    check_preview(fe_name_preview("นางสาวจิราพร คงทอง"), "→ นางสาว | จิราพร | คงทอง");
    check_preview(fe_name_preview("สมชาย"), "→ - | สมชาย | -");
    /* an informal title glued as the networks write it, and a name that only looks so */
    check_preview(fe_name_preview("พี่ปิยะชีพ"), "→ พี่ | ปิยะชีพ | -");
    check_preview(fe_name_preview("คุณหมอแมน ศรีสุข"), "→ คุณหมอ | แมน | ศรีสุข");
    check_preview(fe_name_preview("คุณวุฒิ ศรีสุข"), "→ - | คุณวุฒิ | ศรีสุข");
    assert_null(fe_name_preview("นาย"));
}

static void fieldedit_previews_dates_and_times(void **state)
{
    (void)state;
    struct date today = {2024, 5, 1};
    bool error;
    check_preview(fe_date_preview("21/7/53", today, &error), "→ 21 ก.ค. 2553");
    assert_false(error);
    check_preview(fe_date_preview("2010-07-21", today, &error), "→ 21 ก.ค. 2553");
    char *range = fe_date_preview("24-25 มีค. 2552", today, &error);
    assert_false(error);
    assert_non_null(strstr(range, "24 "));
    assert_non_null(strstr(range, " – 25 "));
    free(range);
    char *bad = fe_date_preview("31 ก.พ. 2567", today, &error);
    assert_true(error);
    assert_non_null(bad);
    free(bad);
    assert_null(fe_date_preview("  ", today, &error));
    assert_false(error);
    check_preview(fe_time_preview("13.30 น.", &error), "→ 13:30");
    check_preview(fe_time_preview("13:30-17:30", &error), "→ 13:30–17:30");
    assert_false(error);
    bad = fe_time_preview("บ่ายโมง", &error);
    assert_true(error);
    free(bad);
    assert_null(fe_time_preview("", &error));
}

const struct CMUnitTest fieldedit_tests[] = {
    cmocka_unit_test(fieldedit_maps_keys_to_readline_bytes),
    cmocka_unit_test(fieldedit_encodes_typed_characters),
    cmocka_unit_test(fieldedit_short_line_is_not_scrolled),
    cmocka_unit_test(fieldedit_long_line_follows_the_cursor),
    cmocka_unit_test(fieldedit_scrolling_never_splits_a_thai_cluster),
    cmocka_unit_test(fieldedit_form_scrolls_to_keep_the_field_visible),
    cmocka_unit_test(fieldedit_splits_multiline_text_into_lines),
    cmocka_unit_test(fieldedit_refuses_impossible_thai_sequences),
    cmocka_unit_test(fieldedit_accepts_possible_thai_sequences),
    cmocka_unit_test(fieldedit_finds_the_word_to_complete),
    cmocka_unit_test(fieldedit_tab_completes_only_when_it_changes_something),
    cmocka_unit_test(fieldedit_matches_choice_keys_and_labels),
    cmocka_unit_test(fieldedit_previews_a_split_full_name),
    cmocka_unit_test(fieldedit_previews_dates_and_times),
};
const size_t fieldedit_tests_count = sizeof fieldedit_tests / sizeof fieldedit_tests[0];
