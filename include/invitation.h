/* Organisations invited to an event: how they answered and when ("confirmed on 10 July,
 * cancelled on 23 July: floods"), and how many came. The invitations themselves are records
 * of KIND_INVITATION (model.h); this is what the model keeps beside them. */
#ifndef KHAI_INVITATION_H
#define KHAI_INVITATION_H
#include "model.h"

#include <stddef.h>

/* One answer an invitation had, oldest first. */
struct invitation_change {
    char *status; /* a key of invitation_status_keys */
    char *reason; /* "" when none */
    char *at;     /* stored UTC timestamp */
    char *who;    /* Unix login */
};

/* Every status and reason the invitation had, oldest first. */
int invitation_history(struct db *db, long long invitation_id, struct invitation_change **out,
                       size_t *n, char **err);
void invitation_history_free(struct invitation_change *h, size_t n);

/* How the organisations invited to the event answered, and how many came. */
int invitation_counts(struct db *db, long long event_id, struct invitation_counts *out, char **err);

/* An import of an export keeps when an invitation it adds last changed (a time as khai
 * writes it, 2024-07-10T09:30:00Z), which a save sets to now. */
int invitation_set_changed_at(struct db *db, long long invitation_id, const char *stamp,
                              char **err);

#endif
