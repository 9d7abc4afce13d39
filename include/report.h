/* Reports: counts of attendance and members grouped by what a network's report asks about
 * (coverage of subdistricts, quotas, organisations, the people reached in a period). The
 * counting is done by SQL in the store; these are the plain results. */
#ifndef KHAI_REPORT_H
#define KHAI_REPORT_H
#include "db.h"
#include "model.h"
#include "thaidate.h"

#include <stdbool.h>
#include <stddef.h>

/* The attendance statuses, in the order of the status counts below. */
enum {
    REPORT_INVITED,
    REPORT_CONFIRMED,
    REPORT_ATTENDED,
    REPORT_ABSENT,
    REPORT_CANCELLED,
    REPORT_STATUSES
};
/* The status keys, in that order ("invited", ...). */
extern const char *const report_status_keys[REPORT_STATUSES];

/* One line of a report: a group and its counts. */
struct report_row {
    char *key;   /* the value grouped on as stored (a choice key, a province code, an id) or "" */
    char *label; /* what it is called: an organisation's or province's name, a tag, a group */
    long long count;                   /* the row's number (attended, members, total) */
    long long target;                  /* a quota or target; 0 when none */
    long long status[REPORT_STATUSES]; /* by attendance status (report_event_by) */
    long long running;                 /* the running total (members joined by month) */
};

struct report_table {
    struct report_row *rows;
    size_t n;
    long long each_once; /* report_members_by organisation: report_members_total, read with it */
};
void report_table_free(struct report_table *t);

/* An invited organisation that cancelled or declined, and why. */
struct invitation_answer {
    char *org_id; /* as text, like a report row's key */
    char *organisation;
    char *status; /* cancelled or declined */
    char *reason; /* "" when none was given */
    char *at;     /* when it answered so: a stored UTC timestamp */
};

/* What one event's report shows. Coverage counts distinct places of the members who
 * attended: a subdistrict is told apart by its district and province too. */
struct event_report {
    long long target; /* people; 0 when none */
    long long status[REPORT_STATUSES];
    long long organisations, subdistricts, districts, provinces;
    /* the event's targets for them; 0 when none */
    long long target_orgs, target_subdistricts, target_districts, target_provinces;
    struct invitation_counts invitations;   /* invited, their answers, how many came */
    struct report_table invitation_reasons; /* cancelled or declined per reason; key the status */
    struct invitation_answer *withdrawn;    /* who cancelled or declined, by name */
    size_t nwithdrawn;
    long long quota_sum;        /* the quotas added up; 0 when there are none */
    long long outside_quotas;   /* attended under no quota category (only when there are quotas) */
    struct report_table quotas; /* each quota category: count attended, target its quota */
    struct report_table categories; /* attended categories that are no quota's */
    struct report_table groups;     /* attended per breakout group, "" for none */
    struct report_table roles;      /* attended per role (key the choice key) */
    struct report_table reasons;    /* absent or cancelled per reason; key the status */
};

int event_report(struct db *db, long long event_id, struct event_report *out, char **err);
void event_report_free(struct event_report *r);

/* What report_event_by and report_members_by group on. */
enum report_key {
    REPORT_BY_ORGANISATION,
    REPORT_BY_PROVINCE,
    REPORT_BY_DISTRICT,
    REPORT_BY_SUBDISTRICT,
    REPORT_BY_CATEGORY,
    REPORT_BY_GROUP,
    REPORT_BY_ROLE,
    REPORT_BY_STATUS,
    REPORT_BY_REASON,
    REPORT_BY_TAG,
    REPORT_BY_SKILL,
    REPORT_BY_GENDER,
    REPORT_BY_JOINED,
    REPORT_BY_DAY, /* the days of a multi-day event (eventdays.h); "" for none recorded */
    REPORT_KEYS
};
/* The key's name on the command line ("organisation"), and back (-1 for none). */
const char *report_key_name(enum report_key k);
int report_key_from_name(const char *name);
/* Whether an event's report, or the members' report, can group on k. */
bool report_key_for_event(enum report_key k);
bool report_key_for_members(enum report_key k);

/* One row per group of the event's attendance rows with the count of each status; count is
 * the total. Largest first, then by label. */
int report_event_by(struct db *db, long long event_id, enum report_key key,
                    struct report_table *out, char **err);
/* The total row of report_event_by: the event's attendance rows each counted once, by status
 * (a person with two tags is in two of the tag rows, and once here). */
int report_event_total(struct db *db, long long event_id, struct report_row *out, char **err);

/* One row per group of live members with their count; an organisation counts the members of
 * its sub-organisations too (each member once); joined is by month (key YYYY-MM) of when
 * the member was added, in order, with the running total. */
int report_members_by(struct db *db, enum report_key key, struct report_table *out, char **err);
/* The members report_members_by counts, each once: all live members for most keys (those
 * with none are a row of their own); for skill those with a skill, for organisation those in
 * a live organisation. */
int report_members_total(struct db *db, enum report_key key, long long *n, char **err);

/* Which events report_events takes: each bound optional. */
struct events_filter {
    const char *from, *to; /* ISO dates, NULL for open */
    long long org_id;      /* hosted by or partnered with this organisation; 0 for any */
    long long series_id;   /* in this series of meetings; 0 for any */
};

struct events_report {
    struct report_table events; /* key the id, label the title, count attended, target */
    char **dates;               /* each event's start date, ISO, parallel to events */
    long long held, attendances, people, organisations, subdistricts, provinces;
};

/* The events in the period and the totals a funder asks for: a person or place counts once
 * however many of the events they came to. */
int report_events(struct db *db, const struct events_filter *f, struct events_report *out,
                  char **err);
void events_report_free(struct events_report *r);

#endif
