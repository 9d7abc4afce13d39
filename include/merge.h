/* Joining two members who are one person, and taking the join back: `khai merge`, `khai
 * unmerge`, and m and u on a member's detail in the screens. A merge is one transaction that
 * records what it moved (member_merges), so it can be undone whole. */
#ifndef KHAI_MERGE_H
#define KHAI_MERGE_H
#include <stdbool.h>

#include "model.h"

/* Which field's value wins where KEEP and OTHER both have one and they differ. Phones never
 * conflict (OTHER's become KEEP's extra phones), nor notes (joined), organisations and tags
 * (OTHER's are added). Elsewhere KEEP's value wins unless take_other[field position]. */
struct merge_options {
    bool take_other[MAX_FIELDS];
};

/* What a merge did, for the report. */
struct merge_result {
    long long merge_id;
    int fields;       /* KEEP's fields that changed */
    int attendance;   /* attendance rows moved to KEEP, or joined with KEEP's at one event */
    int affiliations; /* organisations added to KEEP */
    int tags;
    int tasks;
};

/* Merges member other into member keep: KEEP's empty fields take OTHER's values, OTHER's
 * phones are added, conflicts go as opt says (NULL: KEEP's); OTHER's attendance, affiliations
 * (with role and dates), tags and tasks move to KEEP; where both were on one event's list,
 * KEEP's row keeps the better status (attended, then confirmed, absent or cancelled, then
 * invited) and its check-in time, and OTHER's row is deleted. OTHER is then deleted (soft),
 * and the audit records each change. Returns 0, or -1 with *err, writing nothing. */
int member_merge(struct db *db, long long keep, long long other, const struct merge_options *opt,
                 struct merge_result *res, char **err);

/* The latest merge of other into someone that was not undone: its id, 0 when none, -1 on
 * error. */
long long member_merge_last(struct db *db, long long other, char **err);

/* Undoes merge merge_id: OTHER is restored with everything that moved, and KEEP's fields are
 * put back. Refuses, writing nothing, when KEEP was changed since the merge or it was undone
 * already. *keep and *other (may be NULL) say whom it was about. */
int member_unmerge(struct db *db, long long merge_id, long long *keep, long long *other,
                   char **err);

/* How much an attendance status says someone came: attended 3; confirmed, absent and
 * cancelled 2; invited 1; anything else 0. A merge keeps the higher, and an import never
 * lowers a status unless asked to (--overwrite-status). */
int attendance_status_rank(const char *status);

#endif
