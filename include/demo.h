/* Realistic synthetic data for trying khai and for benchmarks. */
#ifndef KHAI_DEMO_H
#define KHAI_DEMO_H
#include <stdio.h>

struct db;

enum demo_size { DEMO_SMALL, DEMO_LARGE, DEMO_HUGE };

/* Fills an empty database: Thai names with tone marks and leading vowels, organisations in
 * a network hierarchy across provinces, events with targets, quotas and attendance, and
 * follow-up tasks. small: a few hundred members; large: 100,000 members, 2,000
 * organisations, 5,000 events, 300,000 attendance rows and 20,000 tasks; huge: ten times
 * large (1,000,000 members), for measuring khai at the size of a national network. Deterministic
 * for a given size (all but the created/updated times, which are the time of the fill); event and
 * task statuses are as of 15 November 2026. One transaction: on failure nothing is written.
 * Progress lines ("members: 25000") go to progress when it is not NULL. Refuses a database that
 * already holds members. */
int demo_fill(struct db *db, enum demo_size size, FILE *progress, char **err);
/* The same fill with the schema's triggers building the derived data row by row, as every
 * other write does: the reference the tests hold demo_fill's set-wise build to. */
int demo_fill_row_by_row(struct db *db, enum demo_size size, FILE *progress, char **err);

#endif
