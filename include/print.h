/* Printing an event's papers as PDF: the sign-in sheet (ใบลงทะเบียน) and name badges. Thai is
 * shaped by HarfBuzz and broken into lines by libthai through pango and cairo, in the TLWG
 * font Laksaman, so marks and the tails of ญ ฐ sit where they belong. Who is printed: the
 * event's invited, confirmed and attended people (not the absent or cancelled). */
#ifndef KHAI_PRINT_H
#define KHAI_PRINT_H
#include "paper.h"

#include <stdbool.h>
#include <stddef.h>
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

/* A report (report.h) laid out for paper: tables of text columns, each line with a bar drawn
 * as a filled rectangle (vector graphics, not characters) after them. */
enum print_line_kind {
    PRINT_LINE_ROW,     /* a line of the table; its bar when bar >= 0 */
    PRINT_LINE_HEADING, /* a section's heading: the first column's text across the table */
    PRINT_LINE_TOTAL,   /* the total row: bold, under a rule, no bar */
};

enum { PRINT_MAX_COLUMNS = 10 };

struct print_table {
    int ncols;
    const char *headers[PRINT_MAX_COLUMNS];
    bool right[PRINT_MAX_COLUMNS];   /* numbers align right */
    double share[PRINT_MAX_COLUMNS]; /* relative widths of the text columns */
    size_t nrows;
    const char *const *cells;          /* nrows * ncols; NULL: empty */
    const long long *bars;             /* per line: the bar's value, < 0 none */
    const enum print_line_kind *kinds; /* per line */
};

struct print_report {
    const char *title;    /* the report's title, at the top of every page */
    const char *subtitle; /* what it counts ("Attendance by province"); NULL none */
    const struct print_table *tables;
    size_t ntables;
};

/* Writes the report as a PDF to out: the title on every page, each table with its header
 * row (again on every page it continues on), bars to the largest of the table, "page 2 of 3"
 * at the foot. Returns 0, or -1 with *err. */
int print_report(const struct print_report *r, enum paper paper, FILE *out, int *pages, char **err);

#endif
