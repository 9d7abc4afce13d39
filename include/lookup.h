/* What importers and exporters ask of the store beyond records and lists: finding a record
 * again by the names and keys a sheet gives, through the indexes (the model's own lookups read
 * every row, which a sheet of thousands of rows cannot afford). */
#ifndef KHAI_LOOKUP_H
#define KHAI_LOOKUP_H
#include <stdbool.h>

#include "model.h"

struct province_row {
    char *code, *name, *region; /* TH-50, เชียงใหม่, north */
};

/* Every province, by code. *rows is malloc'd (free with province_rows_free). */
int province_rows(struct db *db, struct province_row **rows, int *n, char **err);
void province_rows_free(struct province_row *rows, int n);

/* Members in the table, deleted ones too. */
int member_rows_count(struct db *db, long long *n, char **err);

/* Whether any organisation, deleted or live, has this name (names are unique). */
bool org_name_taken(struct db *db, const char *name);
/* Live organisations with this name or (non-empty) short name. -1 on error. */
long long org_name_count(struct db *db, const char *name, char **err);

/* Calls fn with what tells a live member from another (given and family name, e-mail; then
 * each phone, in id and position order): phone is NULL in the first pass, the rest NULL in
 * the second. */
int member_keys_each(struct db *db,
                     void (*fn)(void *ctx, long long id, const char *given, const char *family,
                                const char *email, const char *phone),
                     void *ctx, char **err);
/* The same of one live member: phones joined by ";" (malloc'd strings). Returns 1 when the
 * member exists, 0 when not. */
int member_keys_of(struct db *db, long long id, char **given, char **family, char **email,
                   char **phones);

/* The lowest live member id with this phone (digits), e-mail (lower case) or given and family
 * name; 0 when none, -1 on error. */
long long member_by_phone(struct db *db, const char *phone, char **err);
long long member_by_email(struct db *db, const char *email, char **err);
long long member_by_names(struct db *db, const char *given, const char *family, char **err);

/* Live members a name means as the model finds one (given and family name, or the nickname
 * of someone without a family name): how many, and the lowest id. */
int member_name_matches(struct db *db, const char *given, const char *family, long long *first,
                        long long *count, char **err);
/* Whether member id has this given name and family name; an empty family matches any when
 * any_family is set. */
bool member_is_named(struct db *db, long long id, const char *given, const char *family,
                     bool any_family);

/* The name of a live organisation ("name\tshort name"), event ("title\tstart date") or task
 * (title) with this id, or NULL. malloc'd. */
char *record_name_of(struct db *db, enum kind k, long long id);
/* The lowest live organisation of this name, event of this title (and start date, when
 * second is not NULL) or task of this title and event (second: its id or NULL); 0 when none,
 * -1 on error. */
long long record_by_name(struct db *db, enum kind k, const char *name, const char *second,
                         char **err);

/* Live events called title on the day iso ("" any day): how many (up to 9) and the first. */
int events_titled(struct db *db, const char *title, const char *iso, long long *first, int *n,
                  char **err);
/* Whether event id is called title. */
bool event_is_titled(struct db *db, long long id, const char *title);

/* The live attendance row of member at event, 0 when none, -1 on error. */
long long attendance_of(struct db *db, long long event, long long member, char **err);
/* When a sheet of a past event says someone came but not when: 1 and the event's start (its
 * start time, else 00:00, local time) as a stored timestamp in out, when the event ended
 * before today; 0 for an event of today or later (its check-ins happen now), -1 on error. */
int event_past_start(struct db *db, long long event, char out[32], char **err);

/* The live invitation of org to event, 0 when none, -1 on error. */
long long invitation_of(struct db *db, long long event, long long org, char **err);
/* Keeps when someone checked in (an import of an export), for an attended row. */
int attendance_set_checked_in(struct db *db, long long id, const char *stamp, char **err);

/* Calls fn for every live record of kind k in id order, a page at a time from where the last
 * page ended (list_each's pages by offset grow slower with every page on 100,000 members).
 * Stops early and returns fn's value when fn returns non-zero. */
int record_each(struct db *db, enum kind k, int (*fn)(const struct record *r, void *ctx), void *ctx,
                char **err);

#endif
