/* Writing one sheet to an .xlsx workbook with libxlsxwriter. Cells are typed by their column:
 * text stays text (a phone or LINE ID keeps its leading zero), dates become real date cells
 * that Excel and LibreOffice show in the Buddhist Era, times become time cells. */
#include "xlsx_write.h"
#include "xlsx_module.h"
#include "calendar.h"
#include "messages.h"
#include "strbuf.h"
#include "text.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Excel's widths are in characters of its default font; a Thai name shows about as wide as
 * its display columns. Very long notes are not worth a screen-wide column. */
enum { MIN_WIDTH = 6, MAX_WIDTH = 60, MAX_CELL_CHARS = 32767, MAX_ROWS = 1048576 };

struct xlsx_book {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *date, *clock;
    const struct xlsx_column *cols;
    size_t ncols;
    size_t *width;
    lxw_row_t row; /* the last row written (0: the header) */
    char *path;
};

static char *lxw_failure(const char *path, lxw_error e)
{
    return xasprintf(_("cannot write %s: %s"), path, lxw_strerror(e));
}

/* The widest line of s, in display columns. */
static size_t shown_width(const char *s)
{
    size_t widest = 0;
    for (const char *p = s; p && *p;) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        size_t w = text_width(line);
        free(line);
        if (w > widest) widest = w;
        p += len + (p[len] == '\n');
    }
    return widest;
}

static void note_width(struct xlsx_book *b, size_t col, size_t w)
{
    if (w > b->width[col]) b->width[col] = w;
}

struct xlsx_book *xlsx_module_book_new(const char *path, const char *sheet_name,
                                       const struct xlsx_column *columns, size_t n,
                                       enum xlsx_dates dates, char **err)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        *err = xasprintf(_("cannot write %s"), path);
        return NULL;
    }
    struct xlsx_book *b = xcalloc(1, sizeof *b);
    b->wb = wb;
    b->path = xstrdup(path);
    b->ws = workbook_add_worksheet(wb, sheet_name);
    b->bold = workbook_add_format(wb);
    format_set_bold(b->bold);
    b->date = workbook_add_format(wb);
    /* 01: Western digits, 07: the Thai Buddhist calendar, 041E: Thai. Excel 2016 and later
     * also write this as [$-th-TH,107]; the number form is read by every Excel since 2007
     * and by LibreOffice. */
    format_set_num_format(b->date,
                          dates == XLSX_DATES_ISO ? "yyyy-mm-dd" : "[$-107041E]d mmm yyyy");
    b->clock = workbook_add_format(wb);
    format_set_num_format(b->clock, "hh:mm");
    b->cols = columns;
    b->ncols = n;
    b->width = xcalloc(n ? n : 1, sizeof *b->width);
    for (size_t i = 0; i < n; i++) {
        worksheet_write_string(b->ws, 0, (lxw_col_t)i, columns[i].name, b->bold);
        note_width(b, i, shown_width(columns[i].name) + 3); /* room for the filter's arrow */
        if (columns[i].type == XLSX_DAY) note_width(b, i, 12);
    }
    worksheet_freeze_panes(b->ws, 1, 0);
    return b;
}

/* Days since 30 December 1899 as Excel counts them (with its 29 February 1900), or -1 for a
 * date before 1 March 1900, which is written as text. */
static double excel_serial(struct date d)
{
    long n = calendar_days_between((struct date){1899, 12, 30}, d);
    return n >= 61 ? (double)n : -1;
}

static bool whole_number(const char *s, double *v)
{
    size_t n = strspn(s + (*s == '-'), "0123456789");
    if (n == 0 || n > 15 || s[(*s == '-') + n] || (n > 1 && s[*s == '-'] == '0')) return false;
    *v = strtod(s, NULL);
    return true;
}

static bool clock_time(const char *s, double *v)
{
    int minutes, end;
    char err[8];
    if (strlen(s) != 5 || time_parse(s, &minutes, &end, err, sizeof err) != 0 || end >= 0)
        return false;
    *v = minutes / 1440.0;
    return true;
}

static lxw_error write_cell(struct xlsx_book *b, size_t col, const char *v)
{
    lxw_col_t c = (lxw_col_t)col;
    double num;
    struct date d;
    switch (b->cols[col].type) {
    case XLSX_INTEGER:
        if (whole_number(v, &num)) return worksheet_write_number(b->ws, b->row, c, num, NULL);
        break;
    case XLSX_DAY:
        if (date_from_iso(v, &d) == 0 && (num = excel_serial(d)) > 0)
            return worksheet_write_number(b->ws, b->row, c, num, b->date);
        break;
    case XLSX_CLOCK:
        if (clock_time(v, &num)) return worksheet_write_number(b->ws, b->row, c, num, b->clock);
        break;
    case XLSX_TEXT:
        break;
    }
    return worksheet_write_string(b->ws, b->row, c, v, NULL);
}

int xlsx_module_book_row(struct xlsx_book *b, const char *const *cells, char **err)
{
    if (b->row + 1 >= MAX_ROWS) {
        *err = xasprintf(_("more than %d rows do not fit in a sheet: export a part (--search, "
                           "--event) or as CSV"),
                         MAX_ROWS - 1);
        return -1;
    }
    b->row++;
    for (size_t i = 0; i < b->ncols; i++) {
        const char *v = cells[i];
        if (!v || !*v) continue;
        lxw_error e = write_cell(b, i, v);
        if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
            *err = xasprintf(_("row %lu: %s is longer than the %d characters a spreadsheet "
                               "cell holds: export as CSV"),
                             (unsigned long)b->row + 1, b->cols[i].name, MAX_CELL_CHARS);
            return -1;
        }
        if (e != LXW_NO_ERROR) {
            *err = xasprintf(_("row %lu: %s: %s"), (unsigned long)b->row + 1, b->cols[i].name,
                             lxw_strerror(e));
            return -1;
        }
        if (b->cols[i].type != XLSX_DAY) note_width(b, i, shown_width(v));
    }
    return 0;
}

static void finish_sheet(struct xlsx_book *b)
{
    for (size_t i = 0; i < b->ncols; i++) {
        size_t w = b->width[i] + 2;
        w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
        worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, (double)w, NULL);
    }
    if (b->ncols) worksheet_autofilter(b->ws, 0, 0, b->row, (lxw_col_t)(b->ncols - 1));
}

int xlsx_module_book_close(struct xlsx_book **bp, int status, char **err)
{
    struct xlsx_book *b = *bp;
    if (!b) return status;
    *bp = NULL;
    if (status == 0) finish_sheet(b);
    /* workbook_close writes the file; there is no way to free a workbook without it, so a
     * failed export's file is written too, and removed by the caller's outfile. */
    lxw_error e = workbook_close(b->wb);
    if (status == 0 && e != LXW_NO_ERROR) {
        *err = lxw_failure(b->path, e);
        status = -1;
    }
    free(b->path);
    free(b->width);
    free(b);
    return status;
}
