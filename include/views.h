/* How each kind of record is shown in a list: its columns and the readable text of a cell.
 * Shared by the command line's tables and the screens' lists. */
#ifndef KHAI_VIEWS_H
#define KHAI_VIEWS_H
#include "model.h"
#include "thaidate.h"

/* The display name ("นางสาวจิราพร คงทอง"), shown where a column would show a field. */
#define VIEW_NAME F_NONE

struct view_col {
    enum field_id field; /* or VIEW_NAME */
    int min, max;        /* columns; max 0 = takes a share of what is left */
    bool right;          /* numbers align right */
};

/* The list columns of a kind: view_column_count of them. */
const struct view_col *view_columns(enum kind k);
int view_column_count(enum kind k);
/* The column's header in the interface's language. */
const char *view_header(enum kind k, const struct view_col *c);
/* The value of field fi as a person reads it: dates in the given style, check-in times in
 * local time, choices as labels in the interface's language. malloc'd. */
char *view_value(const struct record *r, int fi, enum date_style dates);
/* The text of one cell. malloc'd. */
char *view_cell(const struct record *r, const struct view_col *c, enum date_style dates);

#endif
