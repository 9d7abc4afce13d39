/* A member's place in an organisation: role and since/until dates, beyond the list of
 * organisations a member record holds. */
#ifndef KHAI_AFFILIATION_H
#define KHAI_AFFILIATION_H
#include <stddef.h>

struct db;

struct affiliation {
    long long org_id;
    char *org_name;
    char *role;  /* "" when none */
    char *since; /* ISO 8601, "" when none */
    char *until;
};

/* The member's organisations in their order, with roles and dates. */
int affiliation_list(struct db *db, long long member_id, struct affiliation **out, size_t *n,
                     char **err);
void affiliation_list_free(struct affiliation *list, size_t n);

/* Sets the role and dates of a member at an organisation (id, name or short name), adding
 * the organisation to the member's when it is not there yet. NULL leaves a value as it is,
 * "" clears it; dates take any form the date reader accepts. One transaction, audited. */
int affiliation_set(struct db *db, long long member_id, const char *org, const char *role,
                    const char *since, const char *until, char **err);

/* "ผู้ประสานงาน, 21 ก.ค. 2553 – 30 ก.ย. 2556" for display ("" when nothing is known). */
char *affiliation_describe(const struct affiliation *a);

#endif
