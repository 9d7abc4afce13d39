/* Meeting series: the meetings of a series (KIND_SERIES in model.h) with their turnout,
 * "next meeting" (a new event made from the last one, with its open tasks carried over), and
 * where a carried task came from. */
#ifndef KHAI_SERIES_H
#define KHAI_SERIES_H
#include "thaidate.h"

#include <stdbool.h>
#include <stddef.h>

struct db;

/* One meeting of a series, in date order. */
struct series_meeting {
    long long event_id;
    struct date start;
    char *title;
    char *status; /* planned, held, cancelled */
    long long target, attended;
};

/* A task of the series' meetings that was carried from one meeting to the next. */
struct series_carried {
    long long task_id;
    char *title;
    char *status;
    long long times; /* how many times it was carried */
};

struct series_overview {
    struct series_meeting *meetings;
    size_t nmeetings;
    struct series_carried *carried; /* carried more than once, most carried first */
    size_t ncarried;
};

int series_overview(struct db *db, long long series_id, struct series_overview *out, char **err);
void series_overview_free(struct series_overview *o);

/* What the next meeting after event_id would be: the series it belongs to (0 when the event
 * is in none yet) and the date its rhythm gives after the series' latest meeting (year 0:
 * no rhythm, the date must be given). */
int series_next_of(struct db *db, long long event_id, long long *series_id, struct date *next,
                   char **err);

struct next_meeting {
    long long event_id;  /* the new event */
    long long series_id; /* its series (made for the event when it had none) */
    struct date date;
    size_t tasks_carried, invited;
};

/* Makes the next meeting after event_id in one transaction: a copy of it (host, partners,
 * venue, province, kind, times, targets and quotas; not its notes, agenda or minutes) on date
 * (year 0: the series' rhythm after its latest meeting), planned, in the event's series (one
 * is made, titled as the event, when it has none); its open tasks move to the new meeting,
 * each move recorded; with invite, the people who attended it are invited to the new one. */
int series_next_meeting(struct db *db, long long event_id, struct date date, bool invite,
                        struct next_meeting *out, char **err);
/* Undoes series_next_meeting: the carried tasks go back where they came from, the new
 * meeting and its invitations are deleted (restorable). */
int series_next_meeting_undo(struct db *db, long long new_event_id, char **err);

/* The meetings a task was carried from, oldest first (event ids). *events is malloc'd. */
int series_task_carried_from(struct db *db, long long task_id, long long **events, size_t *n,
                             char **err);

#endif
