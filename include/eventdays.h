/* Events that last several days (a conference of 24-25 มี.ค. 2552): the days each person
 * came, what a check-in records, and the count of each day. The days of a person are the
 * attendance field F_ATTENDANCE_DAYS ("2009-03-24; 2009-03-25"), kept one row a day beside
 * their one attendance row. */
#ifndef KHAI_EVENTDAYS_H
#define KHAI_EVENTDAYS_H
#include <stdbool.h>
#include <stddef.h>

struct db;

/* The most days an event can have whose days are counted: a year. */
enum { EVENT_DAYS_MAX = 366 };

/* The event's days from its start to its end date, ISO (YYYY-MM-DD): one for a one-day
 * event. *days is a malloc'd array of malloc'd strings. */
int event_days(struct db *db, long long event_id, char ***days, size_t *n, char **err);
void event_days_free(char **days, size_t n);

/* Reads a day of the event typed in any date form (24 มี.ค. 2552, 2009-03-24, 24/3/2552)
 * into day (ISO). Fails with *err when it is not a date or not one of the event's days. */
int event_day_parse(struct db *db, long long event_id, const char *input, char day[11], char **err);

/* The day check-ins record from now on, for every event: ISO, or NULL for the default
 * (today when today is a day of the event, else the event's first day). */
void checkin_day_choose(const char *day);
/* The day a check-in at the event records now: "" (and false) for a one-day event, whose
 * day is the event's. */
bool checkin_day_for(struct db *db, long long event_id, char day[11], char **err);

/* How many came each day of a multi-day event. */
struct day_count {
    char day[11]; /* ISO */
    long long came;
};
struct event_day_counts {
    struct day_count *days; /* each day of the event, in order, those with nobody too */
    size_t n;
    long long any_day;    /* people who came on at least one day (attended) */
    long long unrecorded; /* of those, people with no day recorded */
};
int event_day_counts(struct db *db, long long event_id, struct event_day_counts *out, char **err);
void event_day_counts_free(struct event_day_counts *c);

#endif
