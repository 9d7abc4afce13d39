/* The event's report (`khai report event ID`) printed as a PDF, for the screens' key on an
 * event: the same tables as the command line, with the bars drawn as vector graphics. */
#ifndef KHAI_REPORTPRINT_H
#define KHAI_REPORTPRINT_H
#include "db.h"
#include "paper.h"

#include <stdio.h>

/* Returns 0, or -1 with *err; *pages (when not NULL) is set to the pages printed. */
int report_print_event(struct db *db, long long event_id, enum paper paper, FILE *out, int *pages,
                       char **err);

#endif
