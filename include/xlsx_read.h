/* Reading Office Open XML workbooks (.xlsx, as Excel, LibreOffice and Google Sheets save them)
 * as rows of cells in text, for the import: one sheet, with cells typed as dates given back as
 * dates. The only code that calls libzip and libxml2. A hostile file (a zip bomb, an old .xls,
 * an encrypted workbook, malformed XML) is refused with one line that names the file. */
#ifndef KHAI_XLSX_READ_H
#define KHAI_XLSX_READ_H
#include <stdbool.h>
#include <stddef.h>

#include "thaidate.h"

/* Excel's limits: 16,384 columns (A to XFD), 1,048,576 rows, 32,767 characters a cell. */
enum { XLSX_MAX_COLUMNS = 16384, XLSX_MAX_ROWS = 1048576, XLSX_MAX_CELL_CHARS = 32767 };

struct xlsx_cell {
    unsigned col; /* from 0 (column A) */
    bool shared;  /* text belongs to the shared strings table */
    char *text;   /* UTF-8, never empty */
};

/* A row with at least one cell that holds something; empty cells are left out. */
struct xlsx_row {
    long number; /* as the spreadsheet numbers it, from 1 */
    struct xlsx_cell *cells;
    size_t n;
};

struct xlsx_sheet {
    char *name;
    struct xlsx_row *rows;
    size_t nrows;
    char **strings; /* the workbook's shared strings */
    size_t nstrings;
};

/* True when data starts like a workbook (a zip archive, or the OLE2 container of .xls and of
 * password-protected .xlsx files), not like text. */
bool xlsx_is_workbook(const void *data, size_t len);

/* Reads the sheet called sheet_name (NULL: the first) of the workbook in data. label names
 * the file in messages. Returns 0, or -1 with *err (one line: the file, and the sheet or cell
 * where it applies). */
int xlsx_read(const char *label, const void *data, size_t len, const char *sheet_name,
              struct xlsx_sheet *out, char **err);
void xlsx_sheet_free(struct xlsx_sheet *s);

/* ---- Cells: pure conversions, tested on their own ---- */

/* What a number format shows a number as. */
enum xlsx_format { XLSX_NUMBER, XLSX_DATE, XLSX_TIME, XLSX_DATETIME };

/* The kind of number format id with format code code (NULL: a built-in format, by id).
 * Dates in any calendar count as dates: [$-107041E]d mmm yyyy and [$-th-TH,107]d/m/yyyy
 * show a date in the Buddhist Era, and Thai built-in formats (71-81) too. */
enum xlsx_format xlsx_format_kind(int id, const char *code);

/* The day and the seconds after midnight of a spreadsheet's serial number: days since 30
 * December 1899 (date1904: since 1 January 1904), with Excel's 29 February 1900 (serial 60),
 * which never was, kept as that so that the date reader refuses it by name. Returns false
 * for a serial that is no date (negative, or after the year 9999). */
bool xlsx_serial_date(double serial, bool date1904, struct date *d, int *seconds);

/* The text of a number cell shown in format f: 2010-07-21, 09:30 (09:30:15 with seconds),
 * 2010-07-21 09:30, or the number: integers without ".0" (812345678), others with up to 15
 * significant digits as spreadsheets show them (3.25). */
void xlsx_number_text(double v, enum xlsx_format f, bool date1904, char *buf, size_t n);

/* The column of a cell reference ("B7": 1) and its row (7); false when it is none. */
bool xlsx_cell_ref(const char *ref, unsigned *col, long *row);
/* The letters of a column: 0 is "A", 27 is "AB". buf holds at least 4 bytes. */
void xlsx_column_name(unsigned col, char *buf, size_t n);

#endif
