/* Printing an event's papers as PDF: the sign-in sheet (ใบลงทะเบียน) and name badges. Thai is
 * shaped by HarfBuzz and broken into lines by libthai through pango and cairo, in the TLWG
 * font Laksaman, so marks and the tails of ญ ฐ sit where they belong. Who is printed: the
 * event's invited, confirmed and attended people (not the absent or cancelled). */
#ifndef KHAI_PRINT_H
#define KHAI_PRINT_H
#include "paper.h"

#include <stdio.h>

struct db;

enum print_order {
    PRINT_BY_NAME, /* Thai dictionary order of given name, then family name */
    PRINT_BY_GROUP /* by breakout group (each on its own pages), then by name */
};

struct print_options {
    enum paper paper; /* sign-in sheets; badges follow their layout */
    enum print_order order;
    int blank;                         /* blank rows or badges at the end, for walk-ins */
    const struct label_layout *layout; /* badges; NULL: the first of label_layouts() */
};

/* Writes the event's sign-in sheet as a PDF to out: the event's title, date in the Buddhist
 * Era, time, venue and host at the top of each page; numbered rows with name, organisation,
 * phone and a column to sign in; "page 2 of 7" at the foot. *pages (when not NULL) is set to
 * the number of pages. Returns 0, or -1 with *err (no such event, a write that failed). */
int print_signin(struct db *db, long long event_id, const struct print_options *o, FILE *out,
                 int *pages, char **err);

/* Writes name badges for the same people to out: the nickname large, the full name, the
 * organisation and the group, on sheets of o->layout. */
int print_badges(struct db *db, long long event_id, const struct print_options *o, FILE *out,
                 int *pages, char **err);

#endif
