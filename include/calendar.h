/* Calendar arithmetic: month lengths, weekdays, adding days, the Buddhist Era, a month as a
 * grid of weeks, and the names a calendar shows. Pure: no curses, no database, no clock. */
#ifndef KHAI_CALENDAR_H
#define KHAI_CALENDAR_H
#include "thaidate.h"

#include <stdbool.h>

/* The Buddhist Era counts 543 years more than the Christian Era: 2567 BE is 2024 CE. */
enum { BE_OFFSET = 543 };

/* Leap years of the proleptic Gregorian calendar, years in the Christian Era. */
bool calendar_is_leap(int year);
/* The same for a year of the Buddhist Era: 2567 is a leap year, 2566 is not. */
bool calendar_is_leap_be(int be_year);
/* 28-31; 0 for a month outside 1-12. */
int calendar_days_in_month(int year, int month);

/* Days since 1 January of year 1 (a Monday); the date of such a number. */
long calendar_day_number(struct date d);
struct date calendar_from_day_number(long n);
/* 0 = Sunday ... 6 = Saturday. */
int calendar_weekday(struct date d);
/* n days (weeks) later, or earlier for n < 0; no date (year 0) for an invalid date or a
 * result outside years 1-9999. Months are date_add_months in thaidate.h. */
struct date calendar_add_days(struct date d, long n);
struct date calendar_add_weeks(struct date d, long n);
/* The k-th meeting after first of a series that repeats every months months, or every weeks
 * weeks: counted from first, so a month end stays at its month's end (31 Jan + 1 month is 28
 * or 29 Feb, + 2 months 31 Mar). No date (year 0) when the series has no rhythm or for k < 1. */
struct date calendar_nth_meeting(struct date first, int months, int weeks, int k);

/* Days from a to b (negative when b comes first). */
long calendar_days_between(struct date a, struct date b);

/* A month as a printed calendar shows it: weeks as rows, weekdays as columns starting from
 * first_weekday (0 = Sunday, as Thai calendars do; 1 = Monday). */
enum { CALENDAR_MAX_WEEKS = 6 };
struct month_grid {
    int year, month;                /* Christian Era */
    int first_weekday;              /* the weekday of column 0 */
    int weeks;                      /* rows used: 4-6 */
    int day[CALENDAR_MAX_WEEKS][7]; /* the day of the month, 0 for a cell outside it */
};
/* False (and an empty grid) for an invalid month. */
bool calendar_month_grid(int year, int month, int first_weekday, struct month_grid *g);

/* Names in the interface's language (the catalogue): "July" or "กรกฎาคม"; "Su" or "อา";
 * "Wednesday" or "วันพุธ". NULL outside 1-12 or 0-6. */
const char *calendar_month_name(int month);
const char *calendar_weekday_initial(int weekday);
const char *calendar_weekday_name(int weekday);
/* "July 2010" in English, "กรกฎาคม 2553" (Buddhist Era) in Thai, into buf. */
void calendar_month_title(int year, int month, char *buf, size_t n);

#endif
