/* Tests of the workbook cells: number formats that show dates (Buddhist Era ones too), Excel's
 * serial dates with its false 29 February 1900, the text of number cells, cell references, and
 * the CSV protection of digits a spreadsheet would make a number of. */
#include "test_support.h"
#include "csv.h"
#include "xlsx_read.h"

#include <stdlib.h>
#include <string.h>

static void xlsx_format_kinds_of_built_in_ids(void **state)
{
    (void)state;
    assert_int_equal(xlsx_format_kind(0, NULL), XLSX_NUMBER);  /* General */
    assert_int_equal(xlsx_format_kind(1, NULL), XLSX_NUMBER);  /* 0 */
    assert_int_equal(xlsx_format_kind(49, NULL), XLSX_NUMBER); /* @ */
    assert_int_equal(xlsx_format_kind(14, NULL), XLSX_DATE);   /* m/d/yyyy */
    assert_int_equal(xlsx_format_kind(17, NULL), XLSX_DATE);   /* mmm-yy */
    assert_int_equal(xlsx_format_kind(18, NULL), XLSX_TIME);   /* h:mm AM/PM */
    assert_int_equal(xlsx_format_kind(21, NULL), XLSX_TIME);   /* h:mm:ss */
    assert_int_equal(xlsx_format_kind(22, NULL), XLSX_DATETIME);
    assert_int_equal(xlsx_format_kind(45, NULL), XLSX_TIME);
    assert_int_equal(xlsx_format_kind(71, NULL), XLSX_DATE);     /* ว/ด/ปปปป */
    assert_int_equal(xlsx_format_kind(76, NULL), XLSX_TIME);     /* ช:นน:ทท */
    assert_int_equal(xlsx_format_kind(77, NULL), XLSX_DATETIME); /* ว/ด/ปปปป ช:นน */
    assert_int_equal(xlsx_format_kind(81, NULL), XLSX_DATE);     /* d/m/bb */
    assert_int_equal(xlsx_format_kind(59, NULL), XLSX_NUMBER);   /* t0: Thai digits */
}

static void xlsx_format_kinds_of_codes(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        enum xlsx_format kind;
    } cases[] = {
        {"General", XLSX_NUMBER},
        {"0", XLSX_NUMBER},
        {"0.00E+00", XLSX_NUMBER},
        {"#,##0.00 \"บาท\"", XLSX_NUMBER},
        {"[$฿-41E]#,##0.00", XLSX_NUMBER},
        {"[Red]0.00;[Blue]-0.00", XLSX_NUMBER},
        {"@", XLSX_NUMBER},
        {"0\" days\"", XLSX_NUMBER},
        {"yyyy-mm-dd", XLSX_DATE},
        {"d/m/yyyy", XLSX_DATE},
        {"[$-107041E]d mmm yyyy", XLSX_DATE},
        {"[$-th-TH,107]d mmm yyyy", XLSX_DATE},
        {"[$-th-TH,107]d/m/yyyy", XLSX_DATE},
        {"[$-D07041E]d mmmm bbbb", XLSX_DATE},
        {"[$-1010000]d/m/yyyy;@", XLSX_DATE},
        {"dd\\ mmm\\ yy", XLSX_DATE},
        {"d mmm bbbb", XLSX_DATE},
        {"mmm-yy", XLSX_DATE},
        {"ว/ด/ปปปป", XLSX_DATE},
        {"hh:mm", XLSX_TIME},
        {"HH:MM:SS\\ AM/PM", XLSX_TIME},
        {"h:mm AM/PM", XLSX_TIME},
        {"[h]:mm:ss", XLSX_TIME},
        {"mm:ss", XLSX_TIME},
        {"ช:นน", XLSX_TIME},
        {"yyyy-mm-dd hh:mm", XLSX_DATETIME},
        {"[$-107041E]d/m/yyyy h:mm", XLSX_DATETIME},
        {"\"วันที่\" d", XLSX_DATE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum xlsx_format got = xlsx_format_kind(164, cases[i].code);
        if (got != cases[i].kind)
            fail_msg("[%s]: got %d, want %d", cases[i].code, got, cases[i].kind);
    }
}

static void expect_serial(double serial, bool date1904, int y, int m, int d, int secs)
{
    struct date got;
    int s = -1;
    if (!xlsx_serial_date(serial, date1904, &got, &s)) fail_msg("serial %f: no date", serial);
    if (got.year != y || got.month != m || got.day != d || s != secs)
        fail_msg("serial %f: got %04d-%02d-%02d +%d s, want %04d-%02d-%02d +%d s", serial, got.year,
                 got.month, got.day, s, y, m, d, secs);
}

static void xlsx_serial_dates_count_as_excel_does(void **state)
{
    (void)state;
    expect_serial(1, false, 1900, 1, 1, 0);
    expect_serial(59, false, 1900, 2, 28, 0);
    expect_serial(60, false, 1900, 2, 29, 0); /* the leap day that never was */
    expect_serial(61, false, 1900, 3, 1, 0);
    expect_serial(25569, false, 1970, 1, 1, 0);
    expect_serial(40380, false, 2010, 7, 21, 0); /* 21 ก.ค. 2553 */
    expect_serial(45658.375, false, 2025, 1, 1, 9 * 3600);
    expect_serial(40380.99999999, false, 2010, 7, 22, 0); /* rounds to the next midnight */
    expect_serial(0.5, false, 1899, 12, 31, 12 * 3600);
    expect_serial(0, true, 1904, 1, 1, 0);
    expect_serial(38918, true, 2010, 7, 21, 0); /* the 1904 system: 1462 days less */
    struct date d;
    int s;
    assert_false(xlsx_serial_date(-1, false, &d, &s));
    assert_false(xlsx_serial_date(3e6, false, &d, &s));
    assert_false(xlsx_serial_date(0.0 / 0.0, false, &d, &s));
}

static void expect_text(double v, enum xlsx_format f, const char *want)
{
    char buf[64];
    xlsx_number_text(v, f, false, buf, sizeof buf);
    if (strcmp(buf, want) != 0) fail_msg("%.17g as %d: got \"%s\", want \"%s\"", v, f, buf, want);
}

static void xlsx_number_cells_as_text(void **state)
{
    (void)state;
    expect_text(812345678, XLSX_NUMBER, "812345678"); /* a phone that lost its 0: no ".0" */
    expect_text(40, XLSX_NUMBER, "40");
    expect_text(-5, XLSX_NUMBER, "-5");
    expect_text(-0.0, XLSX_NUMBER, "0");
    expect_text(3.25, XLSX_NUMBER, "3.25");
    expect_text(0.1 + 0.2, XLSX_NUMBER, "0.3");
    expect_text(1234567890123.0, XLSX_NUMBER, "1234567890123");
    expect_text(1e20, XLSX_NUMBER, "1e+20");
    expect_text(40380, XLSX_DATE, "2010-07-21");
    expect_text(40380.5, XLSX_DATE, "2010-07-21");
    expect_text(40380.5, XLSX_DATETIME, "2010-07-21 12:00");
    expect_text(40380, XLSX_DATETIME, "2010-07-21");
    expect_text(0.375, XLSX_TIME, "09:00");
    expect_text(0.6875, XLSX_TIME, "16:30");
    expect_text(9.0 / 24 + 15.0 / 86400, XLSX_TIME, "09:00:15");
    expect_text(60, XLSX_DATE, "1900-02-29"); /* left for the date reader to refuse by name */
    expect_text(-3, XLSX_DATE, "-3");         /* no date: the number as it is */
}

static void xlsx_cell_references(void **state)
{
    (void)state;
    unsigned col;
    long row;
    assert_true(xlsx_cell_ref("A1", &col, &row));
    assert_int_equal(col, 0);
    assert_int_equal(row, 1);
    assert_true(xlsx_cell_ref("AB12", &col, &row));
    assert_int_equal(col, 27);
    assert_int_equal(row, 12);
    assert_true(xlsx_cell_ref("XFD1048576", &col, &row));
    assert_int_equal(col, 16383);
    assert_false(xlsx_cell_ref("XFE1", &col, &row));
    assert_false(xlsx_cell_ref("A1048577", &col, &row));
    assert_false(xlsx_cell_ref("A0", &col, &row));
    assert_false(xlsx_cell_ref("ABCD1", &col, &row));
    assert_false(xlsx_cell_ref("1", &col, &row));
    assert_false(xlsx_cell_ref("A", &col, &row));
    assert_false(xlsx_cell_ref("A1x", &col, &row));
    assert_false(xlsx_cell_ref("", &col, &row));
    char name[8];
    xlsx_column_name(0, name, sizeof name);
    assert_string_equal(name, "A");
    xlsx_column_name(25, name, sizeof name);
    assert_string_equal(name, "Z");
    xlsx_column_name(26, name, sizeof name);
    assert_string_equal(name, "AA");
    xlsx_column_name(16383, name, sizeof name);
    assert_string_equal(name, "XFD");
}

static void xlsx_workbooks_are_told_from_text(void **state)
{
    (void)state;
    assert_true(xlsx_is_workbook("PK\x03\x04rest", 8));
    assert_true(xlsx_is_workbook("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
    assert_false(xlsx_is_workbook("PK", 2));
    assert_false(xlsx_is_workbook("name,phone\n", 11));
}

static void xlsx_hostile_bytes_are_refused(void **state)
{
    (void)state;
    struct xlsx_sheet s;
    char *err = NULL;
    assert_int_equal(xlsx_read("x.xlsx", "PK\x03\x04junkjunkjunk", 16, NULL, &s, &err), -1);
    assert_contains(err, "x.xlsx is not a readable .xlsx workbook");
    free(err);
    err = NULL;
    assert_int_equal(
        xlsx_read("old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", 17, NULL, &s, &err), -1);
    assert_contains(err, "old.xls is an old Excel workbook (.xls");
    free(err);
}

/* Digits a spreadsheet would make a number of go out as ="..." and come back as they were. */
static void csv_protects_digits(void **state)
{
    (void)state;
    assert_true(csv_at_risk("0812345678"));
    assert_true(csv_at_risk("00"));
    assert_true(csv_at_risk("1234567890123"));
    assert_true(csv_at_risk("123456789012"));
    assert_false(csv_at_risk("12345678901"));
    assert_false(csv_at_risk("0"));
    assert_false(csv_at_risk("812345678"));
    assert_false(csv_at_risk("081-234-5678"));
    assert_false(csv_at_risk("somchai01"));
    assert_false(csv_at_risk(""));
    char *v = csv_unprotected("=\"0812345678\"");
    assert_string_equal(v, "0812345678");
    free(v);
    assert_null(csv_unprotected("0812345678"));
    assert_null(csv_unprotected("=\"a\"b\""));
    assert_null(csv_unprotected("=\""));
    assert_null(csv_unprotected("'=\"0812\""));
    struct strbuf sb = STRBUF_INIT;
    csv_write_cell(&sb, "0891234567", ',');
    sb_addc(&sb, ',');
    csv_write_cell(&sb, "=1+2", ',');
    sb_addc(&sb, ',');
    csv_write_cell(&sb, "somchai", ',');
    assert_string_equal(sb_str(&sb), "\"=\"\"0891234567\"\"\",'=1+2,somchai");
    sb_free(&sb);
}

const struct CMUnitTest xlsx_tests[] = {
    cmocka_unit_test(xlsx_format_kinds_of_built_in_ids),
    cmocka_unit_test(xlsx_format_kinds_of_codes),
    cmocka_unit_test(xlsx_serial_dates_count_as_excel_does),
    cmocka_unit_test(xlsx_number_cells_as_text),
    cmocka_unit_test(xlsx_cell_references),
    cmocka_unit_test(xlsx_workbooks_are_told_from_text),
    cmocka_unit_test(xlsx_hostile_bytes_are_refused),
    cmocka_unit_test(csv_protects_digits),
};
const size_t xlsx_tests_count = sizeof xlsx_tests / sizeof xlsx_tests[0];
