/* Column-aligned text tables for the command line: widths from the terminal, every cell
 * sanitised and fitted with the Thai-aware width rules, so columns line up whatever the
 * data holds. */
#ifndef KHAI_TABLE_H
#define KHAI_TABLE_H
#include <stdbool.h>
#include <stdio.h>

struct table_col {
    const char *header;
    int min;    /* columns it needs */
    int max;    /* columns it can use; 0 = takes a share of what is left */
    bool right; /* numbers align right */
};

/* The width to lay out for: the terminal's when out is one, else $COLUMNS, else 80. */
int table_width(FILE *out);

/* Fills widths[] so that the columns and two-space gaps fit total; returns how many of the
 * columns fit (those that do not, from the right, are left out). */
int table_layout(const struct table_col *cols, int ncols, int total, int *widths);

/* Prints one row of cells (NULL is empty) fitted to widths, trailing spaces trimmed. */
void table_row(FILE *out, const struct table_col *cols, const char *const *cells, const int *widths,
               int ncols);

/* Prints text sanitised for the terminal (control characters shown, never sent raw). */
void print_safe(FILE *out, const char *text);
/* The same for len bytes of lines (LF or CRLF; a NUL byte ends a line too): each line
 * sanitised, each followed by a newline. */
void print_safe_lines(FILE *out, const char *text, size_t len);

#endif
