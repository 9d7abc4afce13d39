/* Writing a sheet as an .xlsx workbook with libxlsxwriter, the only code that calls it: a bold
 * header row that stays in view, an autofilter, columns as wide as their Thai text shows, and
 * each cell in the type a spreadsheet should keep it in (text that keeps its leading zeros,
 * real dates shown in the Buddhist Era or ISO, times, whole numbers). */
#ifndef KHAI_XLSX_WRITE_H
#define KHAI_XLSX_WRITE_H
#include <stdbool.h>
#include <stddef.h>

enum xlsx_type {
    XLSX_TEXT,    /* a text cell, whatever it looks like (0812345678 stays so) */
    XLSX_INTEGER, /* a number cell when the text is a whole number, else text */
    XLSX_DAY,     /* YYYY-MM-DD as a date cell, else text */
    XLSX_CLOCK,   /* HH:MM as a time cell, else text */
};

enum xlsx_dates {
    XLSX_DATES_THAI, /* 21 ก.ค. 2553: Excel's Buddhist calendar, [$-107041E]d mmm yyyy */
    XLSX_DATES_ISO,  /* 2010-07-21 */
};

struct xlsx_column {
    const char *name; /* the header */
    enum xlsx_type type;
};

struct xlsx_book;

/* Starts a workbook of one sheet (sheet_name) to be written at path, with the header row of
 * columns (n of them, kept by pointer until xlsx_book_close). NULL with *err. */
struct xlsx_book *xlsx_book_new(const char *path, const char *sheet_name,
                                const struct xlsx_column *columns, size_t n, enum xlsx_dates dates,
                                char **err);
/* Adds a row of n cells in the columns' order ("" or NULL: an empty cell). Returns 0, or -1
 * with *err naming the column (a text longer than a cell holds, too many rows). */
int xlsx_book_row(struct xlsx_book *b, const char *const *cells, char **err);
/* Sets the widths and the filter and writes the file (status 0), or only frees everything
 * (status != 0). Returns status, or -1 with *err. Clears *b. */
int xlsx_book_close(struct xlsx_book **b, int status, char **err);

#endif
