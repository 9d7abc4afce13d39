/* Goals: how far each has come. "At least 1,600 volunteer leaders by the end of the year":
 * the count so far, the pace so far, the date the goal was reached or will be at that pace.
 * The counting is done by SQL in the store; these are the plain results. */
#ifndef KHAI_GOAL_H
#define KHAI_GOAL_H
#include "db.h"
#include "model.h"
#include "report.h"
#include "thaidate.h"

#include <stdbool.h>
#include <stddef.h>

/* What a goal counts, in the order of the measure field's choices. */
enum goal_measure {
    GOAL_MEMBERS,       /* live members, with a tag and/or of an organisation and those under it */
    GOAL_PEOPLE,        /* distinct people who attended, at an event, a series or in a period */
    GOAL_ATTENDANCES,   /* attendances (a person at three events counts three times) */
    GOAL_ORGANISATIONS, /* distinct organisations represented by those who came */
    GOAL_SUBDISTRICTS,  /* distinct subdistricts those who came live in */
    GOAL_MANUAL,        /* the number typed in the goal's value */
    GOAL_MEASURES
};
/* The measure keys, in that order ("members", ...); goal_measure_from_key: -1 for none. */
extern const char *const goal_measure_keys[GOAL_MEASURES];
int goal_measure_from_key(const char *key);

struct goal_progress {
    long long id;
    char *title;
    enum goal_measure measure;
    long long target, actual;
    bool has_due;
    struct date due;
    /* When the count started: the goal's from date, else the first thing it counts (the
     * goal's creation for a manual goal); has_start false when nothing is counted yet. */
    bool has_start;
    struct date start;
    /* The date the count reached the target: the date of the event where it crossed, the day
     * the member who crossed it was added, the last change of a manual value. */
    bool reached;
    struct date reached_on;
    /* The pace so far: what was counted per day from start to today; 0 when none. */
    double per_day;
    /* Not yet reached: the date it will be at that pace (has_projection false when the pace
     * is 0), and whether that is by the due date (true when there is none). */
    bool has_projection;
    struct date projected;
    bool on_track;
};

/* The progress of one goal as of today. Returns 0, 1 when there is no such live goal (with
 * *err), -1 on error. */
int goal_progress(struct db *db, long long id, struct date today, struct goal_progress *out,
                  char **err);
/* Every live goal, due first (those with no due date last). */
int goals_progress(struct db *db, struct date today, struct goal_progress **out, size_t *n,
                   char **err);
void goal_progress_free(struct goal_progress *g);
void goals_progress_free(struct goal_progress *g, size_t n);

/* The percentage of the target reached, rounded down (a goal at 99.6% is not yet done). */
long long goal_percent(const struct goal_progress *g);

/* What stands behind a goal's number, at most limit rows: the members or people (key the
 * member id, label the name, count their attendances), the events (key the id, label the
 * title, count who came), the organisations (key the id), the subdistricts (key
 * "province/district/subdistrict", label the place; *kind KIND_COUNT: no record to open).
 * *total is how many there are. A manual goal has none. */
int goal_drill(struct db *db, long long id, int limit, enum kind *kind, struct report_table *out,
               long long *total, char **err);

/* The live members of a province (its ISO code), at most limit, in Thai order of names;
 * key the id, label the name. */
int drill_province_members(struct db *db, const char *province, int limit, struct report_table *out,
                           long long *total, char **err);
/* Those who attended the event and live in the subdistrict (a key as report_event_by
 * SUBDISTRICT gives it: "province/district/subdistrict"), at most limit. */
int drill_subdistrict_attendees(struct db *db, long long event_id, const char *subdistrict,
                                int limit, struct report_table *out, long long *total, char **err);

#endif
