/* Check-in at the door of an event: finding people as the coordinator types (with whether
 * they are already in), checking them in or adding someone new, each change through the
 * model and onto the session's undo log. Shared by the check-in screen and `khai checkin`. */
#ifndef KHAI_CHECKIN_H
#define KHAI_CHECKIN_H
#include "model.h"
#include "undo.h"

#include <stdbool.h>
#include <stddef.h>

/* One person as the door list shows them. */
struct checkin_match {
    long long member_id;
    char *name;          /* title, given and family name as Thai names are written */
    char *nickname;      /* "" when none */
    char *organisation;  /* the one they come for, else their first; "" when none */
    char *phone;         /* digits of their first phone, "" when none */
    char *status;        /* attendance status at the event; "" when not on its list */
    char *checked_in_at; /* stored UTC timestamp; "" unless checked in */
    char *district;      /* "" when none */
    char *province;      /* Thai name, "" when none */
    /* When another match has the same name and organisation: what tells this one apart
     * (district, province, the last digits of the phone, and the member id when even those
     * are the same), in the interface's language, e.g. "อ.ชะอวด จ.นครศรีธรรมราช โทร …5678";
     * else "". Lists show it beside the name, so the wrong namesake is not checked in. */
    char *apart;
};

/* Members whose names, nickname, organisations or phone digits contain every word of text,
 * best first: a word that is the whole given name, nickname, family name or phone, then one
 * that starts one of them (or ends the phone: the last digits), then the rest; among equal
 * matches people expected at the event (invited, confirmed) first and those already checked
 * in last. A title typed before the name ("นางสาวจิราพร") is
 * ignored. Up to limit matches in a malloc'd array (free with checkin_matches_free). */
int checkin_search(struct db *db, long long event_id, const char *text, int limit,
                   struct checkin_match **out, size_t *n, char **err);

/* The latest check-ins at the event, newest first. */
int checkin_recent(struct db *db, long long event_id, int limit, struct checkin_match **out,
                   size_t *n, char **err);

void checkin_matches_free(struct checkin_match *m, size_t n);

/* Whether two matches show the same thing (for redrawing only rows that changed). */
bool checkin_match_same(const struct checkin_match *a, const struct checkin_match *b);

/* A stored check-in time as local "09:12", or "13/2 09:12" on another day. */
void checkin_time(const char *stored, char *buf, size_t n);
/* "✓ 09:12" when checked in, else the status at the event, or "—" when not on its list.
 * malloc'd. */
char *checkin_status_text(const struct checkin_match *m);

/* What a check-in did. */
enum { CHECKIN_DONE = 0, CHECKIN_ALREADY = 1 };

struct checkin_result {
    long long member_id;
    long long attendance_id;
    char *name;          /* the member's display name */
    char *checked_in_at; /* stored UTC timestamp */
    char *checked_in_by; /* Unix login */
    /* When checkin_new_member refuses: the part of the person at fault (F_FULL_NAME,
     * F_MEMBER_PHONE, F_MEMBER_ORGANISATIONS), else F_NONE. A form puts the cursor there. */
    enum field_id failed;
    /* checkin_new_member: the person was found by the rule of identity.h (their phone is a
     * member's) and checked in instead of added: true. */
    bool found;
    /* checkin_new_member: a member with the same name who may be the same person (nothing
     * tells them apart), 0 when none; the one added is someone new all the same. */
    long long namesake;
};

void checkin_result_free(struct checkin_result *res);

/* Checks a member in at an event: creates their attendance row (with the organisation they
 * come for: their first), or turns an existing invited/confirmed/absent/cancelled row into
 * attended. The change goes onto undo (when not NULL), so undo_last takes it back. Returns
 * CHECKIN_DONE, CHECKIN_ALREADY when they are already checked in (also when another session
 * did it a moment ago: res says when and by whom, nothing is written), or -1 with *err. */
int checkin_member(struct db *db, struct undo_log *undo, long long event_id, long long member_id,
                   struct checkin_result *res, char **err);

/* Someone who is not in the roster yet, as typed at the door. */
struct checkin_person {
    const char *full_name;    /* split by the honorific rules */
    const char *organisation; /* name, short name or empty; created when unknown */
    const char *phone;        /* any accepted form, or empty */
    const char *category;     /* the quota category they come under, or NULL */
};

/* Adds the person (and their organisation when no organisation has that name or short name)
 * and checks them in. Someone whose phone is a member's is that member (identity.h): they are
 * checked in, nobody is added, and res->found says so. Refuses, writing nothing, a name with
 * no given name and a phone that is not a Thai number. Each record added goes onto undo.
 * Returns CHECKIN_DONE (or CHECKIN_ALREADY for a found member checked in already), or -1
 * with *err. */
int checkin_new_member(struct db *db, struct undo_log *undo, long long event_id,
                       const struct checkin_person *p, struct checkin_result *res, char **err);

/* Up to limit organisation names starting with prefix (name or short name, Latin letters in
 * any case), in Thai order: completion. A malloc'd array of malloc'd strings. */
int checkin_org_names(struct db *db, const char *prefix, int limit, char ***names, size_t *n,
                      char **err);
/* The organisation a name or short name typed in the form means (as checkin_new_member
 * resolves it), or *id = 0 when it would be added as new. */
int checkin_org_find(struct db *db, const char *name, long long *id, char **err);
/* Up to limit "given family" names and nicknames of members starting with prefix. */
int checkin_member_names(struct db *db, const char *prefix, int limit, char ***names, size_t *n,
                         char **err);

/* The door counter: "attended 12 / 300 · 8 organisations" (Thai: "มาแล้ว 12 / 300 คน ·
 * 8 องค์กร"); without a target, no "/ N". malloc'd. */
char *checkin_counter(const struct event_summary *s);

#endif
