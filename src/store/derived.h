/* Derived data built set-wise after a bulk fill of a new, empty database (the demo): reach,
 * sort keys, live counts, groups, task owners and invitation history, which the schema's
 * insert triggers otherwise build one row at a time. */
#ifndef KHAI_DERIVED_H
#define KHAI_DERIVED_H
#include "db.h"

struct derived;

/* Inside the open transaction, drops the insert triggers that derived_build replaces and the
 * non-unique indexes of members, attendance and affiliations, keeping their SQL text as
 * sqlite_master has it. The tables they feed must be empty (a new file): derived_build
 * computes them from every row. */
int derived_suspend(struct db *db, struct derived **out, char **err);
/* Fills the derived data from every row, set-wise, and creates the dropped indexes and
 * triggers again from their own SQL. Frees *d either way. */
int derived_build(struct db *db, struct derived **d, char **err);
/* Forgets the dropped triggers (the caller rolls the transaction back, which restores them). */
void derived_free(struct derived **d);

#endif
