/* Calendar arithmetic in the proleptic Gregorian calendar, and a month laid out in weeks. */
#include "calendar.h"
#include "messages.h"

#include <stdio.h>
#include <string.h>

static const struct date no_date = {0, 0, 0};

bool calendar_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool calendar_is_leap_be(int be_year)
{
    return calendar_is_leap(be_year - BE_OFFSET);
}

int calendar_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && calendar_is_leap(year)) return 29;
    return days[month - 1];
}

/* Days before 1 January of year y (y >= 1). */
static long days_before_year(long y)
{
    y -= 1;
    return y * 365 + y / 4 - y / 100 + y / 400;
}

long calendar_day_number(struct date d)
{
    long n = days_before_year(d.year);
    for (int m = 1; m < d.month; m++)
        n += calendar_days_in_month(d.year, m);
    return n + d.day - 1;
}

/* Day 0 is 1 January of year 1; day 3652058 is 31 December 9999. */
struct date calendar_from_day_number(long n)
{
    if (n < 0 || n > days_before_year(10000) - 1) return no_date;
    /* 400 years are exactly 146097 days: the estimate is at most one year off. */
    int year = (int)(n * 400 / 146097) + 1;
    while (year > 1 && days_before_year(year) > n)
        year--;
    while (days_before_year(year + 1) <= n)
        year++;
    long left = n - days_before_year(year);
    int month = 1;
    while (left >= calendar_days_in_month(year, month))
        left -= calendar_days_in_month(year, month++);
    return (struct date){year, month, (int)left + 1};
}

struct date calendar_nth_meeting(struct date first, int months, int weeks, int k)
{
    if (k < 1) return no_date;
    if (months > 0) return date_add_months(first, months * k);
    if (weeks > 0) return calendar_add_days(first, 7L * weeks * k);
    return no_date;
}

int calendar_weekday(struct date d)
{
    return (int)((calendar_day_number(d) + 1) % 7);
}

struct date calendar_add_days(struct date d, long n)
{
    if (!date_valid(d.year, d.month, d.day)) return no_date;
    return calendar_from_day_number(calendar_day_number(d) + n);
}

struct date calendar_add_weeks(struct date d, long n)
{
    return calendar_add_days(d, n * 7);
}

long calendar_days_between(struct date a, struct date b)
{
    return calendar_day_number(b) - calendar_day_number(a);
}

bool calendar_month_grid(int year, int month, int first_weekday, struct month_grid *g)
{
    memset(g, 0, sizeof *g);
    if (!date_valid(year, month, 1) || first_weekday < 0 || first_weekday > 6) return false;
    g->year = year;
    g->month = month;
    g->first_weekday = first_weekday;
    int column = (calendar_weekday((struct date){year, month, 1}) - first_weekday + 7) % 7;
    int last = calendar_days_in_month(year, month);
    for (int day = 1; day <= last; day++) {
        int cell = column + day - 1;
        g->day[cell / 7][cell % 7] = day;
        g->weeks = cell / 7 + 1;
    }
    return true;
}

/* ---- Names ---- */

static const char *const month_names[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

/* Two letters as cal prints them; in Thai the initials of a Thai calendar (อา จ อ พ พฤ ศ ส). */
static const char *const weekday_initials[7] = {
    N_("Su"), N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"),
};

static const char *const weekday_names[7] = {
    N_("Sunday"),   N_("Monday"), N_("Tuesday"),  N_("Wednesday"),
    N_("Thursday"), N_("Friday"), N_("Saturday"),
};

const char *calendar_month_name(int month)
{
    return month >= 1 && month <= 12 ? _(month_names[month - 1]) : NULL;
}

const char *calendar_weekday_initial(int weekday)
{
    return weekday >= 0 && weekday <= 6 ? _(weekday_initials[weekday]) : NULL;
}

const char *calendar_weekday_name(int weekday)
{
    return weekday >= 0 && weekday <= 6 ? _(weekday_names[weekday]) : NULL;
}

void calendar_month_title(int year, int month, char *buf, size_t n)
{
    if (!buf || n == 0) return;
    const char *name = calendar_month_name(month);
    if (!name) {
        buf[0] = '\0';
        return;
    }
    /* Thai readers count years in the Buddhist Era. */
    snprintf(buf, n, "%s %d", name, messages_thai() ? year + BE_OFFSET : year);
}
