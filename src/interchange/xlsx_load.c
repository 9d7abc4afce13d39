/* Loads the workbook module (xlsx_module.h) the first time a workbook is read or written, and
 * passes the calls through to it. Where it is: $KHAI_XLSX_MODULE when set (and then only
 * there), else beside the running binary as a build leaves it, else as make install puts it.
 * Built with KHAI_XLSX_STATIC (the fuzzer), the module is linked in and nothing is loaded. */
#include "messages.h"
#include "selfpath.h"
#include "xalloc.h"
#include "xlsx_module.h"

#include <dlfcn.h>
#include <stdlib.h>

#ifndef KHAI_MODULEDIR
#define KHAI_MODULEDIR "/usr/local/lib/khai"
#endif

#ifdef KHAI_XLSX_STATIC
extern const struct xlsx_module khai_xlsx_module;
static const struct xlsx_module *load_module(char **err)
{
    (void)err;
    return &khai_xlsx_module;
}
#else
static const struct xlsx_module *module;

static char *module_path(void)
{
    const char *env = getenv("KHAI_XLSX_MODULE");
    if (env && *env) return xstrdup(env);
    static const char *const beside[] = {"/build/lib/khai/xlsx.so", "/lib/khai/xlsx.so",
                                         "/../lib/khai/xlsx.so"};
    char *dir = self_dir();
    char *found = self_find(dir, beside, (int)(sizeof beside / sizeof beside[0]));
    free(dir);
    return found ? found : xstrdup(KHAI_MODULEDIR "/xlsx.so");
}

static const struct xlsx_module *load_module(char **err)
{
    if (module) return module;
    char *path = module_path();
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const struct xlsx_module *m = handle ? dlsym(handle, XLSX_MODULE_SYMBOL) : NULL;
    if (!handle)
        *err = xasprintf(_("workbooks are not available: cannot load %s (%s); reinstall khai "
                           "or set KHAI_XLSX_MODULE to its xlsx.so, or use CSV"),
                         path, dlerror());
    else if (!m || m->abi != XLSX_MODULE_ABI)
        *err = xasprintf(_("workbooks are not available: %s is not the workbook module of this "
                           "khai; reinstall khai, or use CSV"),
                         path);
    if (handle && (!m || m->abi != XLSX_MODULE_ABI)) {
        dlclose(handle);
        m = NULL;
    }
    free(path);
    module = m;
    return module;
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
