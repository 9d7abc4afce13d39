/* libFuzzer target for the workbook reader: any bytes are read as an .xlsx workbook (first
 * sheet, and a sheet by name); a read either fails with one line naming the file, or gives
 * rows in ascending column order with non-empty cells of valid row numbers. No database. */
#include "xlsx_read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (ok) return;
    fprintf(stderr, "fuzz_xlsx: %s\n", what);
    abort();
}

static void read_one(const uint8_t *data, size_t size, const char *sheet)
{
    struct xlsx_sheet s;
    char *err = NULL;
    if (xlsx_read("fuzz.xlsx", data, size, sheet, &s, &err) != 0) {
        check(err && strncmp(err, "fuzz.xlsx", 9) == 0 && !strchr(err, '\n'),
              "an error that does not name the file on one line");
        free(err);
        return;
    }
    for (size_t i = 0; i < s.nrows; i++) {
        const struct xlsx_row *row = &s.rows[i];
        check(row->number >= 1 && row->number <= XLSX_MAX_ROWS, "a row number out of range");
        for (size_t j = 0; j < row->n; j++) {
            check(row->cells[j].col < XLSX_MAX_COLUMNS, "a column out of range");
            check(row->cells[j].text && *row->cells[j].text, "an empty cell kept");
        }
    }
    xlsx_sheet_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_one(data, size, NULL);
    read_one(data, size, "Sheet1");
    return 0;
}
