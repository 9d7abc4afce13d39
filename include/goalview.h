/* How a goal's progress reads, for `khai show goal`, `khai report goals` and the screens
 * alike: a bar against the target, the pace so far, the projection. No curses. */
#ifndef KHAI_GOALVIEW_H
#define KHAI_GOALVIEW_H
#include "goal.h"

#include <stdbool.h>
#include <stddef.h>

/* A bar of actual against target in width columns (full at or above the target): eighth
 * blocks, or # in ASCII. malloc'd. */
char *goal_bar(long long actual, long long target, int width, bool ascii);
/* The pace so far as a person says it: "25 a week", "3 a month", "" when none. malloc'd. */
char *goal_pace_text(const struct goal_progress *g);
/* A date as the interface writes it (Thai: 31 ธ.ค. 2569; English: 31 Dec 2026). */
void goal_date_text(struct date d, char *buf, size_t n);
/* The progress in whole sentences, a malloc'd line each (free with strings_free): the count
 * against the target, the pace, the date it was or will be reached and whether that is by
 * the due date. */
size_t goal_progress_lines(const struct goal_progress *g, char ***lines);

#endif
