/* Private to src/interchange/: the workbook module. xlsx_read.c and xlsx_write.c, the only
 * code that calls libzip, libxml2 and libxlsxwriter, are built on their own as
 * lib/khai/xlsx.so, which xlsx_load.c loads the first time a workbook is read or written:
 * linked into khai, those libraries (with ICU, libstdc++ and libcrypto behind them) cost
 * every command about 7 ms of start-up. The module's own functions are hidden; it calls
 * khai's (xalloc, strbuf, dates, widths, messages), which khai exports to it. */
#ifndef KHAI_XLSX_MODULE_H
#define KHAI_XLSX_MODULE_H
#include "xlsx_read.h"
#include "xlsx_write.h"

#define XLSX_MODULE_ABI 1
#define XLSX_MODULE_SYMBOL "khai_xlsx_module"

/* What xlsx_read(), xlsx_book_new(), xlsx_book_row() and xlsx_book_close() do, in the module. */
int xlsx_module_read(const char *label, const void *data, size_t len, const char *sheet_name,
                     struct xlsx_sheet *out, char **err);
struct xlsx_book *xlsx_module_book_new(const char *path, const char *sheet_name,
                                       const struct xlsx_column *columns, size_t n,
                                       enum xlsx_dates dates, char **err);
int xlsx_module_book_row(struct xlsx_book *b, const char *const *cells, char **err);
int xlsx_module_book_close(struct xlsx_book **b, int status, char **err);

/* The C locale for numbers (a decimal point whatever the user's locale), made once; in
 * xlsx_cells.c, in khai. */
#include <locale.h>
locale_t xlsx_numeric_c(void);

struct xlsx_module {
    int abi; /* XLSX_MODULE_ABI: a module of another build of khai is refused */
    int (*read)(const char *label, const void *data, size_t len, const char *sheet_name,
                struct xlsx_sheet *out, char **err);
    struct xlsx_book *(*book_new)(const char *path, const char *sheet_name,
                                  const struct xlsx_column *columns, size_t n,
                                  enum xlsx_dates dates, char **err);
    int (*book_row)(struct xlsx_book *b, const char *const *cells, char **err);
    int (*book_close)(struct xlsx_book **b, int status, char **err);
};

#endif
