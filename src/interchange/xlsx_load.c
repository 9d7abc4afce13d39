/* Loads the workbook module (xlsx_module.h) the first time a workbook is read or written, and
 * passes the calls through to it; where it is found: module.h ($KHAI_XLSX_MODULE overrides).
 * Built with KHAI_XLSX_STATIC (the fuzzer), the module is linked in and nothing is loaded. */
#include "messages.h"
#include "module.h"
#include "xalloc.h"
#include "xlsx_module.h"

#include <stdlib.h>

#ifdef KHAI_XLSX_STATIC
extern const struct xlsx_module khai_xlsx_module;
static const struct xlsx_module *load_module(char **err)
{
    (void)err;
    return &khai_xlsx_module;
}
#else
static const struct xlsx_module *module;

static const struct xlsx_module *load_module(char **err)
{
    if (module) return module;
    struct module_failure f;
    module = module_load("xlsx.so", "KHAI_XLSX_MODULE", XLSX_MODULE_SYMBOL, XLSX_MODULE_ABI, &f);
    if (module) return module;
    if (f.reason)
        *err = xasprintf(_("workbooks are not available: cannot load %s (%s); reinstall khai "
                           "or set KHAI_XLSX_MODULE to its xlsx.so, or use CSV"),
                         f.path, f.reason);
    else
        *err = xasprintf(_("workbooks are not available: %s is not the workbook module of this "
                           "khai; reinstall khai, or use CSV"),
                         f.path);
    module_failure_free(&f);
    return NULL;
}
#endif

int xlsx_read(const char *label, const void *data, size_t len, const char *sheet_name,
              struct xlsx_sheet *out, char **err)
{
    const struct xlsx_module *m = load_module(err);
    if (!m) {
        *out = (struct xlsx_sheet){0};
        return -1;
    }
    return m->read(label, data, len, sheet_name, out, err);
}

struct xlsx_book *xlsx_book_new(const char *path, const char *sheet_name,
                                const struct xlsx_column *columns, size_t n, enum xlsx_dates dates,
                                char **err)
{
    const struct xlsx_module *m = load_module(err);
    return m ? m->book_new(path, sheet_name, columns, n, dates, err) : NULL;
}

int xlsx_book_row(struct xlsx_book *b, const char *const *cells, char **err)
{
    return load_module(err)->book_row(b, cells, err);
}

int xlsx_book_close(struct xlsx_book **b, int status, char **err)
{
    return load_module(err)->book_close(b, status, err);
}
