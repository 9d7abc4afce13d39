/* Tests of Thai date and time reading and writing. */
#include "test_support.h"
#include "thaidate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A fixed "today" (Thursday 1 July 2010) so the tests do not depend on the clock. */
static const struct date today = {2010, 7, 1};

static struct date ymd(int year, int month, int day)
{
    return (struct date){year, month, day};
}

static void fail_date(const char *input, const char *why, struct date got)
{
    fail_msg("[%s]: %s (got %04d-%02d-%02d)", input, why, got.year, got.month, got.day);
}

/* Asserts that s reads as the range want_start..want_end, given today. */
static void expect_range_from(const char *s, struct date from, struct date want_start,
                              struct date want_end)
{
    struct date start = {-1, -1, -1}, end = {-1, -1, -1};
    char err[200] = "untouched";
    if (date_parse(s, from, &start, &end, err, sizeof err) != 0)
        fail_msg("[%s] did not read: %s", s, err);
    if (date_cmp(start, want_start) != 0) fail_date(s, "wrong start", start);
    if (date_cmp(end, want_end) != 0) fail_date(s, "wrong end", end);
    assert_string_equal(err, "");
}

static void expect_range(const char *s, struct date want_start, struct date want_end)
{
    expect_range_from(s, today, want_start, want_end);
}

static void expect_date(const char *s, struct date want)
{
    expect_range(s, want, want);
}

/* Asserts that s is refused with exactly the message want. */
static void expect_date_error(const char *s, const char *want)
{
    struct date start = {-1, -1, -1}, end = {-1, -1, -1};
    char err[300] = "";
    if (date_parse(s, today, &start, &end, err, sizeof err) == 0)
        fail_date(s, "was read but should not be", start);
    assert_string_equal(err, want);
    assert_int_equal(start.year, 0);
    assert_int_equal(end.year, 0);
}

/* Asserts that s is refused with a message that quotes it. */
static void expect_date_refused(const char *s)
{
    struct date start, end;
    size_t errlen = strlen(s) + 100;
    char *err = malloc(errlen), *quoted = malloc(strlen(s) + 3);
    if (date_parse(s, today, &start, &end, err, errlen) == 0)
        fail_date(s, "was read but should not be", start);
    sprintf(quoted, "\"%s\"", s);
    assert_contains(err, quoted);
    free(quoted);
    free(err);
}

static void date_reads_numeric_forms(void **state)
{
    (void)state;
    expect_date("21/7/2553", ymd(2010, 7, 21));
    expect_date("21/07/2010", ymd(2010, 7, 21));
    expect_date("2010-07-21", ymd(2010, 7, 21));
    expect_date("21-07-2010", ymd(2010, 7, 21));
    expect_date("21.07.2553", ymd(2010, 7, 21));
    expect_date("2010/07/21", ymd(2010, 7, 21));
    expect_date("2553-07-21", ymd(2010, 7, 21));
    expect_date("21/7/53", ymd(2010, 7, 21));
    /* Ambiguous to an American reader, but the networks always write day first. */
    expect_date("1/2/2010", ymd(2010, 2, 1));
}

static void date_reads_thai_abbreviations(void **state)
{
    (void)state;
    expect_date("21 ก.ค. 53", ymd(2010, 7, 21));
    expect_date("21 ก.ค.2553", ymd(2010, 7, 21));
    expect_date("21 ก.ค. 2553", ymd(2010, 7, 21));
    expect_date("21 กค. 2553", ymd(2010, 7, 21));
    expect_date("21 ก.ค 2553", ymd(2010, 7, 21));
    expect_date("21 กค 2553", ymd(2010, 7, 21));
    expect_date("21ก.ค.2553", ymd(2010, 7, 21));

    static const char *const dotted[12] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                           "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};
    static const char *const undotted[12] = {"มค", "กพ", "มีค", "เมย", "พค", "มิย",
                                             "กค", "สค", "กย", "ตค",  "พย", "ธค"};
    char s[64];
    for (int m = 1; m <= 12; m++) {
        snprintf(s, sizeof s, "5 %s 2553", dotted[m - 1]);
        expect_date(s, ymd(2010, m, 5));
        snprintf(s, sizeof s, "5 %s. 2553", undotted[m - 1]);
        expect_date(s, ymd(2010, m, 5));
        snprintf(s, sizeof s, "5 %s 53", undotted[m - 1]);
        expect_date(s, ymd(2010, m, 5));
    }
}

static void date_reads_full_month_names(void **state)
{
    (void)state;
    static const char *const names[12] = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",    "เมษายน",
                                          "พฤษภาคม", "มิถุนายน",  "กรกฎาคม",  "สิงหาคม",
                                          "กันยายน",  "ตุลาคม",   "พฤศจิกายน", "ธันวาคม"};
    char s[64];
    for (int m = 1; m <= 12; m++) {
        snprintf(s, sizeof s, "5 %s 2553", names[m - 1]);
        expect_date(s, ymd(2010, m, 5));
    }
    expect_date("21 กรกฎาคม 2553", ymd(2010, 7, 21));
    expect_date("21 กรกฏาคม 2553", ymd(2010, 7, 21)); /* the usual misspelling */
    expect_date("1 กุมภาพันธ 2553", ymd(2010, 2, 1));   /* final mark lost */
}

static void date_reads_thai_digits(void **state)
{
    (void)state;
    expect_date("๒๑ ก.ค.๕๓", ymd(2010, 7, 21));
    expect_date("๒๑/๗/๒๕๕๓", ymd(2010, 7, 21));
    expect_date("๒๑ กรกฎาคม ๒๕๕๓", ymd(2010, 7, 21));
}

static void date_reads_weekday_prefix(void **state)
{
    (void)state;
    expect_date("วันพุธที่ 21 กรกฎาคม 2553", ymd(2010, 7, 21));
    expect_date("วันพุธ 21 กรกฎาคม 2553", ymd(2010, 7, 21));
    expect_date("พุธที่ 21 กรกฎาคม 2553", ymd(2010, 7, 21));
    expect_date("พุธ 21 ก.ค. 53", ymd(2010, 7, 21));
    expect_date("วัน พุธ ที่ 21 ก.ค. 53", ymd(2010, 7, 21));
    expect_date("วันพุธที่21กรกฎาคม2553", ymd(2010, 7, 21));
    expect_date("วันที่ 21 กรกฎาคม 2553", ymd(2010, 7, 21));
    expect_date("วันพฤหัสบดีที่ 22 ก.ค. 2553", ymd(2010, 7, 22));
    expect_date("วันพฤหัสที่ 22 ก.ค. 2553", ymd(2010, 7, 22));
    expect_date("Wednesday, 21 July 2010", ymd(2010, 7, 21));
    expect_date("Wed 21 Jul 2010", ymd(2010, 7, 21));
}

static void date_rejects_contradicting_weekday(void **state)
{
    (void)state;
    expect_date_error("วันจันทร์ที่ 21 กรกฎาคม 2553",
                      "weekday does not match the date: \"วันจันทร์ที่ 21 กรกฎาคม 2553\"");
    expect_date_error("Friday 21 July 2010",
                      "weekday does not match the date: \"Friday 21 July 2010\"");
    expect_date_refused("วันจันทร์ที่ 21 - วันพฤหัสบดีที่ 22 ก.ค. 2553");
    expect_date_refused("วันพุธที่ 21 - วันศุกร์ที่ 22 ก.ค. 2553");
    expect_range("วันพุธที่ 21 - วันพฤหัสบดีที่ 22 ก.ค. 2553", ymd(2010, 7, 21), ymd(2010, 7, 22));
    expect_date_refused("วันพุธวันพฤหัส 21 ก.ค. 2553"); /* two weekdays for one date */
}

static void date_reads_explicit_era(void **state)
{
    (void)state;
    expect_date("24 กันยายน พ.ศ. 2553", ymd(2010, 9, 24));
    expect_date("24 กันยายน พ.ศ.2553", ymd(2010, 9, 24));
    expect_date("24 ก.ย. พศ 53", ymd(2010, 9, 24));
    expect_date("21 ก.ค. ค.ศ. 2010", ymd(2010, 7, 21));
    expect_date("21 ก.ค.ค.ศ.2010", ymd(2010, 7, 21));
    expect_date("21 July AD 2010", ymd(2010, 7, 21));
    expect_date("21 July B.E. 2553", ymd(2010, 7, 21));
    /* An explicit era is believed even where the bare number would be read the other way. */
    expect_date("1 ม.ค. ค.ศ. 2500", ymd(2500, 1, 1));
    expect_date("1 ม.ค. พ.ศ. 2000", ymd(1457, 1, 1));
    expect_date_refused("21 ก.ค. พ.ศ.");
    expect_date_refused("21 ก.ค. ค.ศ. 10");
}

static void date_reads_english_months(void **state)
{
    (void)state;
    expect_date("21 Jul 2010", ymd(2010, 7, 21));
    expect_date("21 July 2010", ymd(2010, 7, 21));
    expect_date("21 JULY 2553", ymd(2010, 7, 21));
    expect_date("21 jul. 2010", ymd(2010, 7, 21));
    expect_date("Jul 21, 2010", ymd(2010, 7, 21));
    expect_date("July 21 2010", ymd(2010, 7, 21));
    static const char *const abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const full[12] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    char s[64];
    for (int m = 1; m <= 12; m++) {
        snprintf(s, sizeof s, "5 %s 2010", abbr[m - 1]);
        expect_date(s, ymd(2010, m, 5));
        snprintf(s, sizeof s, "5 %s 2010", full[m - 1]);
        expect_date(s, ymd(2010, m, 5));
    }
    expect_date("5 Sept 2010", ymd(2010, 9, 5));
}

static void date_applies_year_rules(void **state)
{
    (void)state;
    expect_date("1/1/2400", ymd(1857, 1, 1)); /* >= 2400: Buddhist Era */
    expect_date("1/1/2399", ymd(2399, 1, 1)); /* 1000-2399: Christian Era */
    expect_date("1/1/1000", ymd(1000, 1, 1));
    expect_date("1/1/53", ymd(2010, 1, 1)); /* two digits: Buddhist Era */
    expect_date("1/1/00", ymd(1957, 1, 1));
    expect_date("1/1/99", ymd(2056, 1, 1));
    expect_date_error("1/1/999", "no such date: \"1/1/999\"");
    expect_date_error("1/1/0999", "no such date: \"1/1/0999\"");
    expect_date_error("1/1/5", "no such date: \"1/1/5\"");
    expect_date_error("1/1/25530", "no such date: \"1/1/25530\"");
}

static void date_without_year_is_next_occurrence(void **state)
{
    (void)state;
    expect_range_from("17 พค.", ymd(2024, 3, 1), ymd(2024, 5, 17), ymd(2024, 5, 17));
    expect_range_from("17 พค.", ymd(2024, 5, 17), ymd(2024, 5, 17), ymd(2024, 5, 17));
    expect_range_from("17 พค.", ymd(2024, 5, 18), ymd(2025, 5, 17), ymd(2025, 5, 17));
    expect_range_from("17/5", ymd(2024, 5, 18), ymd(2025, 5, 17), ymd(2025, 5, 17));
    expect_range_from("29 ก.พ.", ymd(2025, 1, 1), ymd(2028, 2, 29), ymd(2028, 2, 29));
    expect_range_from("1 Jan", ymd(2024, 12, 31), ymd(2025, 1, 1), ymd(2025, 1, 1));
    /* A range with no year is the first one that has not yet ended. */
    expect_range_from("24-25 มีค.", ymd(2024, 3, 25), ymd(2024, 3, 24), ymd(2024, 3, 25));
    expect_range_from("24-25 มีค.", ymd(2024, 3, 26), ymd(2025, 3, 24), ymd(2025, 3, 25));
    expect_range_from("28 ธ.ค. - 3 ม.ค.", ymd(2024, 12, 1), ymd(2024, 12, 28), ymd(2025, 1, 3));
    expect_range_from("28 ธ.ค. - 3 ม.ค.", ymd(2025, 1, 2), ymd(2024, 12, 28), ymd(2025, 1, 3));
    expect_range_from("28 ธ.ค. 2567 - 3 ม.ค.", ymd(2020, 1, 1), ymd(2024, 12, 28), ymd(2025, 1, 3));
    /* No valid today: the clock's today is used, so the date is never in the past. */
    struct date start, end;
    assert_int_equal(date_parse("17 พค.", ymd(0, 0, 0), &start, &end, NULL, 0), 0);
    assert_true(date_cmp(start, date_today()) >= 0);
    assert_int_equal(start.month, 5);
    assert_int_equal(start.day, 17);
    expect_date_error("30 ก.พ.", "no such date: \"30 ก.พ.\"");
}

static void date_reads_ranges(void **state)
{
    (void)state;
    expect_range("24-25 มีค. 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("24–25 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("24 – 25 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("24—25 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("24 ถึง 25 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("ระหว่างวันที่ 24 - 25 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
    expect_range("30 เม.ย. - 2 พ.ค. 2553", ymd(2010, 4, 30), ymd(2010, 5, 2));
    expect_range("28 ธ.ค. 2552 - 3 ม.ค. 2553", ymd(2009, 12, 28), ymd(2010, 1, 3));
    expect_range("28 ธ.ค. - 3 ม.ค. 2553", ymd(2009, 12, 28), ymd(2010, 1, 3));
    expect_range("1/3/2553-5/3/2553", ymd(2010, 3, 1), ymd(2010, 3, 5));
    expect_range("1/3/2553 - 5/3/2553", ymd(2010, 3, 1), ymd(2010, 3, 5));
    expect_range("1-5/3/2553", ymd(2010, 3, 1), ymd(2010, 3, 5));
    expect_range("2010-03-01 - 2010-03-05", ymd(2010, 3, 1), ymd(2010, 3, 5));
    expect_range("2010-03-01-2010-03-05", ymd(2010, 3, 1), ymd(2010, 3, 5));
    expect_range("21 - 21 ก.ค. 2553", ymd(2010, 7, 21), ymd(2010, 7, 21));
}

static void date_rejects_reversed_range(void **state)
{
    (void)state;
    expect_date_error("25-24 มีค. 2552", "date range ends before it starts: \"25-24 มีค. 2552\"");
    expect_date_error("5/3/2553-1/3/2553",
                      "date range ends before it starts: \"5/3/2553-1/3/2553\"");
    expect_date_refused("3 ม.ค. 2553 - 28 ธ.ค. 2552");
    expect_date_refused("5 มี.ค. - 3 มี.ค. 2553");
}

static void date_rejects_impossible_dates(void **state)
{
    (void)state;
    expect_date_error("31 ก.พ. 2567", "no such date: \"31 ก.พ. 2567\"");
    expect_date_error("29 ก.พ. 2566", "no such date: \"29 ก.พ. 2566\"");
    expect_date_error("32/1/2553", "no such date: \"32/1/2553\"");
    expect_date_error("21/13/2553", "no such date: \"21/13/2553\"");
    expect_date_error("2010-13-01", "no such date: \"2010-13-01\"");
    expect_date_error("0/1/2553", "no such date: \"0/1/2553\"");
    expect_date_error("31 เม.ย. 2553", "no such date: \"31 เม.ย. 2553\"");
    expect_date_error("7/21/2010", "no such date: \"7/21/2010\""); /* month first */
    expect_date_refused("30 ก.พ. - 3 มี.ค. 2553");
}

static void date_accepts_leap_days(void **state)
{
    (void)state;
    expect_date("29 ก.พ. 2567", ymd(2024, 2, 29));
    expect_date("29/2/2000", ymd(2000, 2, 29));
    expect_date_refused("29/2/1900");
    assert_true(date_valid(2024, 2, 29));
    assert_false(date_valid(2023, 2, 29));
    assert_false(date_valid(2100, 2, 29));
    assert_true(date_valid(2000, 2, 29));
    assert_false(date_valid(0, 1, 1));
    assert_false(date_valid(2010, 0, 1));
    assert_false(date_valid(2010, 12, 32));
    assert_false(date_valid(10000, 1, 1));
}

static void date_rejects_garbage(void **state)
{
    (void)state;
    expect_date_error("hello", "not a date: \"hello\"");
    expect_date_error("", "not a date: \"\"");
    expect_date_error("   ", "not a date: \"   \"");
    expect_date_error("21", "not a date: \"21\"");
    expect_date_error("ก.ค. 2553", "not a date: \"ก.ค. 2553\"");
    expect_date_refused("21 ก.ค. 2553 xyz");
    expect_date_refused("21 ก.ค. 2553 2554");
    expect_date_refused("21 กข. 2553");
    expect_date_refused("21 ก.ค. 2553 -");
    expect_date_refused("- 21 ก.ค. 2553");
    expect_date_refused("24-25");
    expect_date_refused("21 ก.ค. - 25");
    expect_date_refused("21.7");
    expect_date_refused("21/7/2553/1");
    expect_date_refused("21/07-2010");
    expect_date_refused("1 - 2 - 3 ก.ค. 2553");
    expect_date_refused("วันพุธ");
    expect_date_refused("13.30 น.");
    expect_date_refused("21 ก.ค. 2553 (พุธ)");
    expect_date_refused("21 Julyy 2010");
}

static void date_tolerates_spacing(void **state)
{
    (void)state;
    expect_date("  21 ก.ค. 2553  ", ymd(2010, 7, 21));
    expect_date("\t21/7/2553\n", ymd(2010, 7, 21));
    expect_date("21\u00a0ก.ค.\u00a02553", ymd(2010, 7, 21));   /* NBSP */
    expect_date("21 ก.\u200bค. 25\u200b53", ymd(2010, 7, 21)); /* zero-width space */
    expect_date("\ufeff21 ก.ค. 2553", ymd(2010, 7, 21));       /* byte order mark */
    expect_date("21 กรก\u200bฎาคม 2553", ymd(2010, 7, 21));    /* ZWSP inside a word */
    expect_range("24\u00a0–\u00a025 มีนาคม 2552", ymd(2009, 3, 24), ymd(2009, 3, 25));
}

static void date_survives_hostile_input(void **state)
{
    (void)state;
    expect_date_error("99999999999999999999/1/2553",
                      "no such date: \"99999999999999999999/1/2553\"");
    expect_date_refused("1/99999999999999999999/2553");
    expect_date_refused("1/1/99999999999999999999");
    expect_date_refused("2147483648/1/2553");
    expect_date_refused("\xff\xfe 21/7/2553");
    expect_date_refused("21/7/2553 \xe0\xb8");    /* cut-off Thai character at the end */
    expect_date_refused("21 \xe0\xb8\x81\xe0");   /* and again, shorter */
    expect_date_refused("\xed\xa0\x80 1/1/2553"); /* encoded surrogate */
    expect_date_refused("\xc0\xaf 1/1/2553");     /* overlong slash */

    /* Far more than the parser reads, and far more tokens than it keeps. */
    size_t big = 100000;
    char *s = malloc(big + 1);
    memset(s, '9', big);
    s[big] = '\0';
    expect_date_refused(s);
    for (size_t i = 0; i + 2 < big; i += 2) {
        s[i] = '1';
        s[i + 1] = '/';
    }
    expect_date_refused(s);
    free(s);
    char many[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(many, "1 - ");
    strcat(many, "1 ก.ค.");
    expect_date_refused(many);
    char thai[513] = "";
    for (int i = 0; i < 170; i++)
        strcat(thai, "ก");
    expect_date_refused(thai);

    /* No room, or nowhere, for the message. */
    struct date start, end;
    assert_int_equal(date_parse("nonsense", today, &start, &end, NULL, 0), -1);
    assert_int_equal(date_parse("nonsense", today, &start, &end, NULL, 100), -1);
    char err[8] = "xxxxxxx";
    assert_int_equal(date_parse("nonsense", today, &start, &end, err, 0), -1);
    assert_string_equal(err, "xxxxxxx");
    assert_int_equal(date_parse(NULL, today, &start, &end, err, sizeof err), -1);
    assert_int_equal(date_parse("21/7/2553", today, NULL, NULL, NULL, 0), 0);
    assert_int_equal(date_parse("bad", today, NULL, NULL, err, 1), -1);
    assert_string_equal(err, "");

    /* A message cut short never ends inside a Thai character. */
    for (size_t n = 1; n <= 40; n++) {
        char small[40];
        assert_int_equal(date_parse("31 ก.พ. 2567", today, &start, &end, small, n), -1);
        size_t len = strlen(small);
        assert_true(len < n);
        assert_true(strncmp(small, "no such date: \"31 ก.พ. 2567\"", len) == 0);
        if (len > 0) {
            unsigned char last = (unsigned char)small[len - 1];
            assert_true(last < 0xC0); /* not a lead byte left dangling */
        }
        if (len >= 3 && (unsigned char)small[len - 2] >= 0xE0)
            fail_msg("cut Thai character at n=%zu", n);
    }
}

static void date_formats_styles(void **state)
{
    (void)state;
    char buf[160];
    date_format(ymd(2010, 7, 21), DATE_THAI, buf, sizeof buf);
    assert_string_equal(buf, "21 ก.ค. 2553");
    date_format(ymd(2010, 7, 21), DATE_ISO, buf, sizeof buf);
    assert_string_equal(buf, "2010-07-21");
    date_format(ymd(2010, 7, 21), DATE_CE, buf, sizeof buf);
    assert_string_equal(buf, "21 Jul 2010");
    date_format(ymd(2009, 1, 5), DATE_THAI, buf, sizeof buf);
    assert_string_equal(buf, "5 ม.ค. 2552");
    /* Printed sheets write the date out: weekday, full month, the era named. */
    date_format(ymd(2010, 7, 21), DATE_THAI_LONG, buf, sizeof buf);
    assert_string_equal(buf, "วันพุธที่ 21 กรกฎาคม พ.ศ. 2553");
    date_format(ymd(2010, 7, 21), DATE_CE_LONG, buf, sizeof buf);
    assert_string_equal(buf, "Wednesday 21 July 2010");
    date_format(ymd(2024, 2, 29), DATE_THAI_LONG, buf, sizeof buf);
    assert_string_equal(buf, "วันพฤหัสบดีที่ 29 กุมภาพันธ์ พ.ศ. 2567");
    date_format(ymd(999, 1, 5), DATE_ISO, buf, sizeof buf);
    assert_string_equal(buf, "0999-01-05");
    strcpy(buf, "junk");
    date_format(ymd(0, 0, 0), DATE_THAI, buf, sizeof buf);
    assert_string_equal(buf, "");
    strcpy(buf, "junk");
    date_format(ymd(2023, 2, 29), DATE_ISO, buf, sizeof buf);
    assert_string_equal(buf, "");
    date_format(ymd(2010, 7, 21), DATE_ISO, NULL, 0);
    date_format(ymd(2010, 7, 21), DATE_ISO, buf, 0);
    date_format(ymd(2010, 7, 21), DATE_THAI, buf, 6); /* "21 ก" would need 7 bytes */
    assert_string_equal(buf, "21 ");

    /* Every month's Thai and English form reads back as the same date. */
    for (int m = 1; m <= 12; m++) {
        struct date d = ymd(2024, m, 28), start, end;
        for (int style = DATE_THAI; style <= DATE_CE; style++) {
            date_format(d, (enum date_style)style, buf, sizeof buf);
            assert_int_equal(date_parse(buf, today, &start, &end, NULL, 0), 0);
            assert_int_equal(date_cmp(start, d), 0);
        }
    }
}

static void date_from_iso_is_strict(void **state)
{
    (void)state;
    struct date d = {0, 0, 0};
    assert_int_equal(date_from_iso("2010-07-21", &d), 0);
    assert_int_equal(date_cmp(d, ymd(2010, 7, 21)), 0);
    assert_int_equal(date_from_iso("2024-02-29", NULL), 0);
    assert_int_equal(date_from_iso("2023-02-29", &d), -1);
    assert_int_equal(date_from_iso("2010-7-21", &d), -1);
    assert_int_equal(date_from_iso("2010-07-21 ", &d), -1);
    assert_int_equal(date_from_iso(" 2010-07-21", &d), -1);
    assert_int_equal(date_from_iso("2010/07/21", &d), -1);
    assert_int_equal(date_from_iso("2010-07", &d), -1);
    assert_int_equal(date_from_iso("", &d), -1);
    assert_int_equal(date_from_iso("0000-01-01", &d), -1);
    assert_int_equal(date_from_iso("2010-13-01", &d), -1);
    assert_int_equal(date_from_iso(NULL, &d), -1);
    assert_int_equal(date_cmp(d, ymd(2010, 7, 21)), 0); /* untouched by failures */
}

static void date_cmp_orders(void **state)
{
    (void)state;
    assert_true(date_cmp(ymd(2010, 7, 21), ymd(2010, 7, 22)) < 0);
    assert_true(date_cmp(ymd(2010, 8, 1), ymd(2010, 7, 31)) > 0);
    assert_true(date_cmp(ymd(2009, 12, 31), ymd(2010, 1, 1)) < 0);
    assert_int_equal(date_cmp(ymd(2010, 7, 21), ymd(2010, 7, 21)), 0);
}

static void date_today_is_local_date(void **state)
{
    (void)state;
    time_t before = time(NULL);
    struct date d = date_today();
    time_t after = time(NULL);
    struct tm a, b;
    localtime_r(&before, &a);
    localtime_r(&after, &b);
    assert_true(date_valid(d.year, d.month, d.day));
    bool matches_before =
        d.year == a.tm_year + 1900 && d.month == a.tm_mon + 1 && d.day == a.tm_mday;
    bool matches_after =
        d.year == b.tm_year + 1900 && d.month == b.tm_mon + 1 && d.day == b.tm_mday;
    assert_true(matches_before || matches_after);
}

static void date_add_months_clamps(void **state)
{
    (void)state;
    assert_int_equal(date_cmp(date_add_months(ymd(2023, 1, 31), 1), ymd(2023, 2, 28)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2024, 3, 31), 1), ymd(2024, 4, 30)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2010, 7, 21), 0), ymd(2010, 7, 21)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2010, 11, 15), 3), ymd(2011, 2, 15)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2010, 1, 15), -1), ymd(2009, 12, 15)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2010, 3, 31), -13), ymd(2009, 2, 28)), 0);
    assert_int_equal(date_cmp(date_add_months(ymd(2010, 7, 21), 24), ymd(2012, 7, 21)), 0);
    assert_int_equal(date_add_months(ymd(0, 0, 0), 1).year, 0);
    assert_int_equal(date_add_months(ymd(9999, 12, 1), 1).year, 0);
    assert_int_equal(date_add_months(ymd(1, 1, 1), -1).year, 0);
    assert_int_equal(date_add_months(ymd(2010, 7, 21), 2147483647).year, 0);
    assert_int_equal(date_add_months(ymd(2010, 7, 21), -2147483647 - 1).year, 0);
}

/* Asserts that s reads as the given minutes (end -1: no range). */
static void expect_time(const char *s, int want_start, int want_end)
{
    int start = -2, end = -2;
    char err[200] = "untouched";
    if (time_parse(s, &start, &end, err, sizeof err) != 0)
        fail_msg("[%s] did not read: %s", s, err);
    if (start != want_start || end != want_end)
        fail_msg("[%s]: got %d-%d, want %d-%d", s, start, end, want_start, want_end);
    assert_string_equal(err, "");
}

static void expect_time_error(const char *s, const char *want)
{
    int start = -2, end = -2;
    char err[300] = "";
    if (time_parse(s, &start, &end, err, sizeof err) == 0)
        fail_msg("[%s] was read as %d-%d but should not be", s, start, end);
    assert_string_equal(err, want);
    assert_int_equal(start, -1);
    assert_int_equal(end, -1);
}

static void time_reads_forms(void **state)
{
    (void)state;
    expect_time("13.30 น.", 13 * 60 + 30, -1);
    expect_time("13:30", 13 * 60 + 30, -1);
    expect_time("9.00", 9 * 60, -1);
    expect_time("09.00", 9 * 60, -1);
    expect_time("๑๓.๓๐ น.", 13 * 60 + 30, -1);
    expect_time("13.30น.", 13 * 60 + 30, -1);
    expect_time("13.30 น", 13 * 60 + 30, -1);
    expect_time("เวลา 13.30 น.", 13 * 60 + 30, -1);
    expect_time("13.30 นาฬิกา", 13 * 60 + 30, -1);
    expect_time("9 น.", 9 * 60, -1);
    expect_time("0:00", 0, -1);
    expect_time("23:59", 23 * 60 + 59, -1);
    expect_time("  13:30  ", 13 * 60 + 30, -1);
}

/* As LibreOffice and Excel write times into CSV: with seconds, AM and PM. */
static void time_reads_spreadsheet_forms(void **state)
{
    (void)state;
    expect_time("09:00:00", 9 * 60, -1);
    expect_time("13:30:59", 13 * 60 + 30, -1);
    expect_time("09:00:00 AM", 9 * 60, -1);
    expect_time("9:00 AM", 9 * 60, -1);
    expect_time("9:00 PM", 21 * 60, -1);
    expect_time("9:00PM", 21 * 60, -1);
    expect_time("9:30 p.m.", 21 * 60 + 30, -1);
    expect_time("09:15:00 pm", 21 * 60 + 15, -1);
    expect_time("12:00 AM", 0, -1);
    expect_time("12:30 AM", 30, -1);
    expect_time("12:00 PM", 12 * 60, -1);
    expect_time("12:45:00 PM", 12 * 60 + 45, -1);
    expect_time("9 AM", 9 * 60, -1);
    expect_time("09.00 น.", 9 * 60, -1);
    expect_time("9:00 ก่อนเที่ยง", 9 * 60, -1);
    expect_time("1:30 หลังเที่ยง", 13 * 60 + 30, -1);
    expect_time("9:00 AM - 5:00 PM", 9 * 60, 17 * 60);
    expect_time("09:00:00-16:30:00", 9 * 60, 16 * 60 + 30);
    expect_time_error("13:00 PM", "no such time: \"13:00 PM\"");
    expect_time_error("0:30 AM", "no such time: \"0:30 AM\"");
    expect_time_error("9:00:60", "no such time: \"9:00:60\"");
    expect_time_error("9:00:5", "no such time: \"9:00:5\"");
    expect_time_error("9:00:00:00", "not a time: \"9:00:00:00\"");
    expect_time_error("AM", "not a time: \"AM\"");
    expect_time_error("9:00 AM PM", "not a time: \"9:00 AM PM\"");
}

static void time_reads_ranges(void **state)
{
    (void)state;
    expect_time("13.30 – 17.30 น.", 13 * 60 + 30, 17 * 60 + 30);
    expect_time("13:30-17:30", 13 * 60 + 30, 17 * 60 + 30);
    expect_time("08.30-12.00", 8 * 60 + 30, 12 * 60);
    expect_time("08.30 น. - 12.00 น.", 8 * 60 + 30, 12 * 60);
    expect_time("๐๘.๓๐–๑๒.๐๐ น.", 8 * 60 + 30, 12 * 60);
    expect_time("13.30 ถึง 17.30 น.", 13 * 60 + 30, 17 * 60 + 30);
    expect_time("9-12 น.", 9 * 60, 12 * 60);
    expect_time("18.00-24.00 น.", 18 * 60, 24 * 60);
    expect_time("13:30-13:30", 13 * 60 + 30, 13 * 60 + 30);
}

static void time_rejects_bad_input(void **state)
{
    (void)state;
    expect_time_error("25:00", "no such time: \"25:00\"");
    expect_time_error("13.75", "no such time: \"13.75\"");
    expect_time_error("24:00", "no such time: \"24:00\"");
    expect_time_error("24:30", "no such time: \"24:30\"");
    expect_time_error("13.5", "no such time: \"13.5\"");
    expect_time_error("130.00", "no such time: \"130.00\"");
    expect_time_error("17:30-13:30", "time range ends before it starts: \"17:30-13:30\"");
    expect_time_error("", "not a time: \"\"");
    expect_time_error("13", "not a time: \"13\"");
    expect_time_error("lunch", "not a time: \"lunch\"");
    expect_time_error("13:30-", "not a time: \"13:30-\"");
    expect_time_error("13:30 17:30", "not a time: \"13:30 17:30\"");
    expect_time_error("13:", "not a time: \"13:\"");
    expect_time_error("21 ก.ค. 2553", "not a time: \"21 ก.ค. 2553\"");
    expect_time_error("99999999999999999999:00", "no such time: \"99999999999999999999:00\"");
    expect_time_error("13:99999999999999999999", "no such time: \"13:99999999999999999999\"");
    int start, end;
    char err[4] = "xxx";
    assert_int_equal(time_parse("25:00", &start, &end, NULL, 0), -1);
    assert_int_equal(time_parse("25:00", &start, &end, err, 0), -1);
    assert_string_equal(err, "xxx");
    assert_int_equal(time_parse(NULL, &start, &end, err, sizeof err), -1);
    assert_int_equal(time_parse("13:30", NULL, NULL, NULL, 0), 0);
    assert_int_equal(time_parse("\xe0\xb9", &start, &end, err, sizeof err), -1);
}

static void time_format_pads(void **state)
{
    (void)state;
    char buf[16];
    time_format(13 * 60 + 30, buf, sizeof buf);
    assert_string_equal(buf, "13:30");
    time_format(9 * 60 + 5, buf, sizeof buf);
    assert_string_equal(buf, "09:05");
    time_format(0, buf, sizeof buf);
    assert_string_equal(buf, "00:00");
    time_format(24 * 60, buf, sizeof buf);
    assert_string_equal(buf, "24:00");
    strcpy(buf, "junk");
    time_format(-1, buf, sizeof buf);
    assert_string_equal(buf, "");
    time_format(13 * 60, buf, 3);
    assert_string_equal(buf, "13");
    time_format(13 * 60, NULL, 0);
}

const struct CMUnitTest thaidate_tests[] = {
    cmocka_unit_test(date_reads_numeric_forms),
    cmocka_unit_test(date_reads_thai_abbreviations),
    cmocka_unit_test(date_reads_full_month_names),
    cmocka_unit_test(date_reads_thai_digits),
    cmocka_unit_test(date_reads_weekday_prefix),
    cmocka_unit_test(date_rejects_contradicting_weekday),
    cmocka_unit_test(date_reads_explicit_era),
    cmocka_unit_test(date_reads_english_months),
    cmocka_unit_test(date_applies_year_rules),
    cmocka_unit_test(date_without_year_is_next_occurrence),
    cmocka_unit_test(date_reads_ranges),
    cmocka_unit_test(date_rejects_reversed_range),
    cmocka_unit_test(date_rejects_impossible_dates),
    cmocka_unit_test(date_accepts_leap_days),
    cmocka_unit_test(date_rejects_garbage),
    cmocka_unit_test(date_tolerates_spacing),
    cmocka_unit_test(date_survives_hostile_input),
    cmocka_unit_test(date_formats_styles),
    cmocka_unit_test(date_from_iso_is_strict),
    cmocka_unit_test(date_cmp_orders),
    cmocka_unit_test(date_today_is_local_date),
    cmocka_unit_test(date_add_months_clamps),
    cmocka_unit_test(time_reads_forms),
    cmocka_unit_test(time_reads_spreadsheet_forms),
    cmocka_unit_test(time_reads_ranges),
    cmocka_unit_test(time_rejects_bad_input),
    cmocka_unit_test(time_format_pads),
};
const size_t thaidate_tests_count = sizeof thaidate_tests / sizeof thaidate_tests[0];
