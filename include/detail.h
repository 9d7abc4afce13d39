/* What the detail of one record shows, for `khai show` and the detail screen alike: its
 * fields as a person reads them and the sections of records linked to it (a member's
 * organisations, events and tasks; an event's host, partners, participants and tasks...).
 * Built through the model's API only; each interface lays it out its own way. */
#ifndef KHAI_DETAIL_H
#define KHAI_DETAIL_H
#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* One field worth showing (empty extra fields are left out). */
struct detail_field {
    const struct field *field;
    char *value;     /* as a person reads it: Thai dates, choice labels */
    const char *iso; /* a date field's stored form (2024-03-24), else NULL */
};

/* One linked record: opening it opens (kind, id). */
struct detail_link {
    enum kind kind;
    long long id;
    char *name; /* the linked record's display name (an event's title) */
    char *role; /* a member's role and dates at an organisation, "" */
    char *note; /* a status or an event's date, "" */
    char *org;  /* a participant's organisation, "" */
};

struct detail_section {
    const char *title; /* translated */
    bool duplicates;   /* a member's: members who are (probably) the same person */
    long long total;   /* how many are linked: more than n when the section was cut */
    struct detail_link *links;
    size_t n;
};

struct detail {
    struct detail_field *fields;
    size_t nfields;
    bool has_turnout; /* events: the turnout summary */
    struct event_summary turnout;
    struct detail_section *sections; /* only sections with something in them */
    size_t nsections;
    /* invitations: each answer it had, oldest first, a line each ("10 Jul 2024 09:30
     * confirmed (somchai)"); lines hold data: show them through the sanitising path */
    char **history;
    size_t nhistory;
    /* goals: the progress, pace and projection, a line each (goal_progress_lines) */
    char **progress;
    size_t nprogress;
};

/* The detail of a loaded record, with at most limit links per section. On an error the
 * detail holds what was found before it, and -1 is returned with *err set. */
int detail_build(struct db *db, const struct record *r, int limit, struct detail *d, char **err);
void detail_free(struct detail *d);

/* The turnout summary as both interfaces show it, one malloc'd line each (free with
 * strings_free): the headline "Turnout: 24 attended of a target of 40 (60%), from 17
 * organisations", the other statuses, then each quota category against its quota. Lines
 * hold data (category names): show them through the sanitising output path. */
size_t detail_turnout_lines(const struct event_summary *s, char ***lines);

/* The widest field label of the detail, in columns. */
int detail_label_width(const struct detail *d);

#endif
