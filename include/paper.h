/* The arithmetic of printed pages, apart from cairo so it can be unit-tested: paper sizes, how
 * many rows of a sign-in sheet fit a page, how many pages a section of rows takes, and where
 * each label of a sheet of labels is. Lengths are in millimetres. */
#ifndef KHAI_PAPER_H
#define KHAI_PAPER_H
#include <stddef.h>

enum paper { PAPER_A4, PAPER_LETTER };

struct paper_size {
    const char *name; /* a4, letter: as --paper takes it */
    double width, height;
};

const struct paper_size *paper_size(enum paper p);
/* a4 or letter (any case), or -1. */
int paper_from_name(const char *name);

/* How many rows of height row fit in height; at least 1, so a page always makes progress. */
int rows_per_page(double height, double row);
/* The pages a section of rows takes when it starts on a new page and a page holds per_page
 * rows; a section with no rows still takes one page (its heading and empty table show). */
int section_pages(int rows, int per_page);

/* A sheet of labels (or of cards to cut out): columns x rows labels of one size. */
struct label_layout {
    const char *name;        /* 2x4: as --layout takes it */
    const char *description; /* marked N_(): what it fits, translated where shown */
    int columns, rows;
    double width, height;    /* one label */
    double left, top;        /* the first label's corner from the sheet's */
    double pitch_x, pitch_y; /* from one label's corner to the next one's */
    int cut;                 /* 1: cards cut from plain paper, so their edges are drawn */
};

/* Every layout, the default first. */
const struct label_layout *label_layouts(size_t *n);
/* The layout of that name, or NULL. */
const struct label_layout *label_layout_find(const char *name);
int labels_per_sheet(const struct label_layout *l);
/* The sheets labels take; no labels still take one (empty) sheet. */
int label_sheets(const struct label_layout *l, int labels);
/* The corner of the label-th label on its sheet (0 the first, row by row, left to right). */
void label_origin(const struct label_layout *l, int label, double *x, double *y);

#endif
