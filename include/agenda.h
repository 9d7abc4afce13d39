/* The agenda: what falls on the days of a date range, in date order, for the calendar and
 * `khai agenda`. Events (several days long ones on every day they cover), open tasks by their
 * due date, and the next meetings of recurring events before anyone creates them. */
#ifndef KHAI_AGENDA_H
#define KHAI_AGENDA_H
#include "thaidate.h"

#include <stdbool.h>
#include <stddef.h>

struct db;

enum agenda_what {
    AGENDA_EVENT,
    AGENDA_TASK,         /* an open or in-progress task, on its due date */
    AGENDA_NEXT_MEETING, /* computed, not stored: a coming meeting of a recurring event */
};

struct agenda_item {
    enum agenda_what what;
    long long id;           /* the event or task; for a next meeting, the meeting it repeats */
    struct date start, end; /* a task's due date is both */
    char start_time[8];     /* HH:MM, or "" */
    char end_time[8];
    char *title;
    char *status; /* as stored: planned, held, cancelled; open, in_progress */
};

struct agenda {
    struct agenda_item *items;
    size_t n;
};

/* Everything that covers a day from from to to (inclusive), sorted by start date, then
 * events before tasks, start time and id. The next meetings of a recurring event (every N
 * months from its start date) are those on or after today. Only the latest meeting of a
 * series repeats, unless it was cancelled, so a next meeting that was created is not shown
 * twice; with no series stored, a series is the recurring events with the same recurrence
 * and the same title once its digits are taken out (ครั้งที่ 8/2568, ครั้งที่ 9/2568). */
int agenda_between(struct db *db, struct date from, struct date to, struct date today,
                   struct agenda *out, char **err);
void agenda_free(struct agenda *a);

/* The calendar reads a month once and a day at a time (a month at 1,000,000 members holds
 * 4,000 items). The meetings agenda_between computes rather than reads (the next meetings of
 * recurring events and of series) that cover a day of from..to. */
int agenda_meetings(struct db *db, struct date from, struct date to, struct date today,
                    struct agenda *out, char **err);
/* Which days of from..to hold anything agenda_between would list, given the range's meetings
 * (agenda_meetings): busy[i] for the day i days after from (busy holds a bool for each day).
 * A day's tasks are probed, not read. */
int agenda_busy_days(struct db *db, struct date from, struct date to, const struct agenda *meetings,
                     bool *busy, char **err);
/* What agenda_between lists for the one day, with its meetings taken from meetings (of a
 * range holding the day) instead of computed again. */
int agenda_day(struct db *db, struct date day, const struct agenda *meetings, struct agenda *out,
               char **err);

/* Whether the item falls on day d. */
bool agenda_covers(const struct agenda_item *item, struct date d);

#endif
