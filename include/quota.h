/* Quotas that cannot be met as written: a sum of quotas above the people target (the
 * conference's 800 + 400 + 100 + 50 + 100 = 1,450 against 1,200), a quota category nobody on
 * the event's list has while others on it have categories with no quota (a misspelling:
 * "ผู้บริหาร อปท" against "ผู้บริหาร อปท."), and a category past the ninth, which check-in's
 * one-key choice cannot offer. Warnings, not errors: the event is saved all the same. */
#ifndef KHAI_QUOTA_H
#define KHAI_QUOTA_H
#include <stddef.h>

struct db;

/* Check-in offers the quota categories on the keys 1 to 9. */
enum { QUOTA_KEYS = 9 };

/* The warnings about one event (event_id > 0) or every live event (0), each a malloc'd line in
 * the interface's language naming the event ("event 3 (ประชุมวิชาการ): the quotas add up to
 * 1450, more than the target of 1200 people"); free with quota_warnings_free. Lines hold data
 * (titles, categories): show them through the sanitising output path. */
int quota_warnings(struct db *db, long long event_id, char ***lines, size_t *n, char **err);
void quota_warnings_free(char **lines, size_t n);

/* The event's quota categories in their order (at most QUOTA_KEYS), for check-in's question:
 * a malloc'd array of malloc'd strings. */
int quota_categories(struct db *db, long long event_id, char ***names, size_t *n, char **err);

#endif
