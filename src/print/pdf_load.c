/* Loads the printing module (pdf.c built as lib/khai/pdf.so) the first time something is
 * printed, and passes the page calls through to it. khai links neither pango nor cairo, so a
 * command that prints nothing starts without loading them.
 *
 * Where the module is found: module.h ($KHAI_PRINT_MODULE overrides). */
#include "messages.h"
#include "print_internal.h"
#include "module.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct pdf_module *module;

/* Loads the module once. Returns it, or NULL with *err. */
static const struct pdf_module *load_module(char **err)
{
    if (module) return module;
    struct module_failure f;
    module = module_load("pdf.so", "KHAI_PRINT_MODULE", PDF_MODULE_SYMBOL, PDF_MODULE_ABI, &f);
    if (module) return module;
    if (f.reason)
        *err = xasprintf(_("printing is not available: cannot load %s (%s); reinstall khai "
                           "or set KHAI_PRINT_MODULE to its pdf.so"),
                         f.path, f.reason);
    else
        *err = xasprintf(_("printing is not available: %s is not the printing module of this "
                           "khai; reinstall khai"),
                         f.path);
    module_failure_free(&f);
    return NULL;
}

struct pdf *pdf_open(FILE *out, double width, double height, const char *title, char **err)
{
    const struct pdf_module *m = load_module(err);
    if (!m) return NULL;
    const char *why = "";
    struct pdf *p = m->open(out, width, height, title, &why);
    if (!p) *err = xasprintf(_("cannot make a PDF: %s"), why);
    return p;
}

void pdf_next_page(struct pdf *p)
{
    module->next_page(p);
}

int pdf_close(struct pdf *p, char **err)
{
    int write_errno = 0;
    const char *why = "";
    if (module->close(p, &write_errno, &why) == 0) return 0;
    if (write_errno)
        *err = xasprintf(_("cannot write the PDF: %s"), strerror(write_errno));
    else
        *err = xasprintf(_("cannot make a PDF: %s"), why);
    return -1;
}

double pdf_text(struct pdf *p, double x, double y, double w, double h, const char *text,
                const struct pdf_style *s)
{
    return module->text(p, x, y, w, h, text, s);
}

double pdf_text_height(struct pdf *p, double w, const char *text, const struct pdf_style *s)
{
    return module->text_height(p, w, text, s);
}

void pdf_line(struct pdf *p, double x0, double y0, double x1, double y1, double width, double grey)
{
    module->line(p, x0, y0, x1, y1, width, grey);
}

void pdf_box(struct pdf *p, double x, double y, double w, double h, double fill, double width,
             double grey)
{
    module->box(p, x, y, w, h, fill, width, grey);
}
