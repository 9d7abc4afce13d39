/* Private to src/print/: who is printed (the roster) and drawing text and lines on PDF pages
 * (the one place pango and cairo are called). */
#ifndef KHAI_PRINT_INTERNAL_H
#define KHAI_PRINT_INTERNAL_H
#include "model.h"
#include "print.h"

#include <stdbool.h>
#include <stdio.h>

/* ---- The roster: the event and the people printed, in print order (roster.c) ---- */

struct attendee {
    char *name; /* title, given and family name as Thai names are written */
    char *given, *family;
    char *nickname;     /* "" when none */
    char *organisation; /* the one they come for, else their first; "" when none */
    char *phone;        /* their first phone, grouped (081-234-5678); "" when none */
    char *group;        /* breakout group; "" when none */
    long long member_id;
};

struct roster {
    struct record *event;
    struct attendee *people;
    size_t n;
};

/* Loads the event and its invited, confirmed and attended people, sorted in Thai dictionary
 * order (by group first with PRINT_BY_GROUP, people with no group last). Returns 0, or -1
 * with *err. */
int roster_load(struct db *db, long long event_id, enum print_order order, struct roster *r,
                char **err);
void roster_free(struct roster *r);

/* ---- Pages (pdf_load.c, drawn by the module pdf.c). Lengths in millimetres from the page's
 * top left corner. ---- */

struct pdf;

enum pdf_align { PDF_LEFT, PDF_CENTRE, PDF_RIGHT };

struct pdf_style {
    double size;     /* points */
    double min_size; /* shrink down to this before wrapping or cutting; 0: size */
    bool bold;
    enum pdf_align align;
    int lines; /* at most this many lines (the last cut with …); 0: as many as it takes */
};

/* A document of pages of that size written to out as it goes. The first call loads the
 * printing module (pango and cairo are loaded only by the commands that print, so that every
 * other command starts without their 30-odd libraries). NULL with *err on failure. */
struct pdf *pdf_open(FILE *out, double width, double height, const char *title, char **err);
/* Ends the page and starts the next one. */
void pdf_next_page(struct pdf *p);
/* Finishes the document and frees everything pango, cairo and fontconfig hold. Returns 0, or
 * -1 with *err when writing failed. */
int pdf_close(struct pdf *p, char **err);

/* Draws text in the box (x, y, w, h), centred vertically, in the largest size from s->size
 * down to s->min_size that fits on one line, else on up to s->lines lines; h <= 0: from y
 * down, as tall as it takes. Returns the height drawn. */
double pdf_text(struct pdf *p, double x, double y, double w, double h, const char *text,
                const struct pdf_style *s);
/* The height pdf_text would draw text at in a box w wide and as tall as it takes. */
double pdf_text_height(struct pdf *p, double w, const char *text, const struct pdf_style *s);

/* A line from (x0, y0) to (x1, y1), width in points; grey 0 is black, 1 white. */
void pdf_line(struct pdf *p, double x0, double y0, double x1, double y1, double width, double grey);
/* A rectangle filled with grey fill (< 0: not filled) and outlined width points wide (0: no
 * outline) in grey. */
void pdf_box(struct pdf *p, double x, double y, double w, double h, double fill, double width,
             double grey);

/* ---- The printing module: what pdf.c (built as a shared object, the only code that calls
 * pango, cairo and fontconfig) gives the loader. It holds no messages and allocates with
 * malloc, so that everything a user reads is translated in khai itself. ---- */

#define PDF_MODULE_ABI 1
#define PDF_MODULE_SYMBOL "khai_pdf_module"

struct pdf_module {
    int abi; /* PDF_MODULE_ABI: a module from another build of khai is refused */
    /* NULL on failure with *why: cairo's description of what failed. */
    struct pdf *(*open)(FILE *out, double width, double height, const char *title,
                        const char **why);
    void (*next_page)(struct pdf *p);
    /* 0, or -1 with *write_errno (a write that failed) or *why (cairo's description). */
    int (*close)(struct pdf *p, int *write_errno, const char **why);
    double (*text)(struct pdf *p, double x, double y, double w, double h, const char *text,
                   const struct pdf_style *s);
    double (*text_height)(struct pdf *p, double w, const char *text, const struct pdf_style *s);
    void (*line)(struct pdf *p, double x0, double y0, double x1, double y1, double width,
                 double grey);
    void (*box)(struct pdf *p, double x, double y, double w, double h, double fill, double width,
                double grey);
};

#endif
