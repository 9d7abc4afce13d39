/* Dates and times as Thai networks write them: Buddhist Era, Thai month names and digits. */
#ifndef KHAI_THAIDATE_H
#define KHAI_THAIDATE_H
#include <stdbool.h>
#include <stddef.h>

/* A calendar date in the Christian Era (proleptic Gregorian). year == 0: no date. */
struct date {
    int year, month, day;
};

enum date_style {
    DATE_THAI,      /* 21 ก.ค. 2553 (Buddhist Era, abbreviated month) */
    DATE_ISO,       /* 2010-07-21 */
    DATE_CE,        /* 21 Jul 2010 */
    DATE_THAI_LONG, /* วันพุธที่ 21 กรกฎาคม พ.ศ. 2553, as letters and printed sheets write it */
    DATE_CE_LONG    /* Wednesday 21 July 2010 */
};

bool date_valid(int year, int month, int day);
int date_cmp(struct date a, struct date b);
/* Today in local time. */
struct date date_today(void);
/* The same day n months later (clamped to the month's last day). */
struct date date_add_months(struct date d, int n);

/* Reads a date or a date range in any form the networks write: 21/7/2553, 21/07/2010,
 * 2010-07-21, 21 ก.ค. 53, 21 ก.ค.2553, ๒๑ ก.ค.๕๓, 21 กรกฎาคม 2553, วันพุธที่ 21 กรกฎาคม 2553,
 * 24 กันยายน พ.ศ. 2553, month abbreviations with or without dots (ก.ค., กค.), English month
 * names, a day and month with no year (17 พค.: the first such date on or after today), and
 * ranges (24-25 มีค. 2552, 24–25 มีนาคม 2552, 30 เม.ย. - 2 พ.ค. 2553). Years >= 2400 are
 * Buddhist Era, two-digit years are Buddhist Era (53 = 2553). *end is set to *start when the
 * input is a single date. Returns 0, or -1 with err holding a message that quotes the input
 * (e.g. an impossible date: 31 ก.พ. 2567). */
int date_parse(const char *s, struct date today, struct date *start, struct date *end, char *err,
               size_t errlen);

/* Reads a month of a year: 2553-07, 2010-07, 07/2553, ก.ค. 2553, กรกฎาคม 2553, July 2010,
 * with the year rules of date_parse. Returns 0, or -1 with err quoting the input. */
int month_parse(const char *s, int *year, int *month, char *err, size_t errlen);

/* Strict YYYY-MM-DD (as stored); returns 0 or -1. */
int date_from_iso(const char *s, struct date *d);

/* Writes d in the given style into buf ("" for no date). */
void date_format(struct date d, enum date_style style, char *buf, size_t n);

/* Reads a time or time range: 13.30 น., 13:30, 9.00, 13.30 – 17.30 น., 13:30-17:30, Thai
 * digits too, and as spreadsheets write times: 09:00:00, 09:00:00 AM, 9:00 PM, 9:00 หลังเที่ยง
 * (seconds are dropped). Minutes since midnight; *end_min = -1 when no range. Returns 0, or -1
 * with err quoting the input. */
int time_parse(const char *s, int *start_min, int *end_min, char *err, size_t errlen);
/* HH:MM, or "" for minutes < 0. */
void time_format(int minutes, char *buf, size_t n);

#endif
