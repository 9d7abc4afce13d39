/* PDF pages through cairo, text through pango: HarfBuzz shapes the Thai, libthai breaks the
 * lines, and the TLWG font Laksaman (the face of Thai official documents) draws it. The only
 * file that calls pango, cairo or fontconfig, built on its own as the printing module
 * (lib/khai/pdf.so) that pdf_load.c loads when something is printed: linked into khai, their
 * 34 libraries cost every command about 5 ms of start-up and 5 MB. It exports one table,
 * khai_pdf_module, and speaks no message: the loader words its errors. Everything is measured in
 * millimetres: the page is scaled from points, and pango's resolution is set so that a font size is
 * still in points. */
#include "print_internal.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#define FONT_FAMILY "Laksaman"
#define PT_PER_MM (72.0 / 25.4)

struct pdf {
    FILE *out;
    int write_errno; /* errno of the first write that failed, else 0 */
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fonts;
    PangoContext *context;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    struct pdf *p = closure;
    if (p->write_errno) return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, length, p->out) != length) {
        p->write_errno = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static struct pdf *module_open(FILE *out, double width, double height, const char *title,
                               const char **why)
{
    struct pdf *p = calloc(1, sizeof *p);
    if (!p) {
        *why = cairo_status_to_string(CAIRO_STATUS_NO_MEMORY);
        return NULL;
    }
    p->out = out;
    p->surface =
        cairo_pdf_surface_create_for_stream(write_out, p, width * PT_PER_MM, height * PT_PER_MM);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        *why = cairo_status_to_string(cairo_surface_status(p->surface));
        cairo_surface_destroy(p->surface);
        free(p);
        return NULL;
    }
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "khai " KHAI_VERSION);
    p->cr = cairo_create(p->surface);
    cairo_scale(p->cr, PT_PER_MM, PT_PER_MM);
    /* A font map of our own, so that closing the document frees every font it loaded. */
    p->fonts = pango_cairo_font_map_new();
    p->context = pango_font_map_create_context(p->fonts);
    pango_cairo_context_set_resolution(p->context, 25.4); /* 1 pt = 25.4/72 mm */
    /* Glyphs rounded to whole units would be rounded to whole millimetres. */
    pango_context_set_round_glyph_positions(p->context, FALSE);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(p->context, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(p->cr, p->context);
    return p;
}

static void module_next_page(struct pdf *p)
{
    cairo_show_page(p->cr);
}

static int module_close(struct pdf *p, int *write_errno, const char **why)
{
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surface);
    cairo_status_t status = cairo_surface_status(p->surface);
    cairo_surface_destroy(p->surface);
    g_object_unref(p->context);
    g_object_unref(p->fonts);
    /* What cairo and fontconfig keep for the life of the process: freed, so that a PDF
     * printed from the screens leaves nothing behind and the leak checker sees no leak. */
    cairo_debug_reset_static_data();
    FcFini();
    int rc = 0;
    if (p->write_errno) {
        *write_errno = p->write_errno;
        rc = -1;
    } else if (status != CAIRO_STATUS_SUCCESS) {
        *why = cairo_status_to_string(status);
        rc = -1;
    }
    free(p);
    return rc;
}

static PangoLayout *layout_new(struct pdf *p, const char *text, double width)
{
    PangoLayout *l = pango_layout_new(p->context);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    if (width > 0) pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    return l;
}

static void layout_font(PangoLayout *l, double size, bool bold)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FONT_FAMILY);
    pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
}

static double layout_height(PangoLayout *l)
{
    int h;
    pango_layout_get_size(l, NULL, &h);
    return (double)h / PANGO_SCALE;
}

/* The size, lines and cut that make text fit the box, tried in that order: one line in the
 * largest size that fits, then up to s->lines lines, then the smallest size cut with "…". */
static PangoLayout *fitted(struct pdf *p, double w, double h, const char *text,
                           const struct pdf_style *s)
{
    static const PangoAlignment aligns[] = {[PDF_LEFT] = PANGO_ALIGN_LEFT,
                                            [PDF_CENTRE] = PANGO_ALIGN_CENTER,
                                            [PDF_RIGHT] = PANGO_ALIGN_RIGHT};
    PangoLayout *l = layout_new(p, text, w);
    pango_layout_set_alignment(l, aligns[s->align]);
    double min = s->min_size > 0 && s->min_size < s->size ? s->min_size : s->size;
    for (int pass = 0; pass < 2; pass++) {
        int lines = pass == 0 ? 1 : s->lines;
        /* On several lines it may shrink further: small is better than cut. */
        double smallest = pass == 0 || min < 7 ? min : 7;
        for (double size = s->size; size >= smallest - 1e-9; size -= 0.5) {
            layout_font(l, size, s->bold);
            bool fits = (lines == 0 || pango_layout_get_line_count(l) <= lines) &&
                        (h <= 0 || layout_height(l) <= h);
            if (fits) return l;
        }
        if (s->lines == 1) break;
    }
    layout_font(l, s->lines == 1 || min < 7 ? min : 7, s->bold);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(l, s->lines > 0 ? -s->lines : (int)(h * PANGO_SCALE));
    return l;
}

/* Text extractors (pdftotext, copying from a viewer) read a PDF glyph by glyph and guess the
 * spaces from the gaps: a Thai tone mark that the font moves left over ป ฝ ฟ leaves a gap
 * after it, and "ป่า" came back as "ป่ า". One cluster for the whole run makes cairo write its
 * text once (as ActualText) for its glyphs, so the text comes back exactly as it was. The
 * glyphs and their positions stay as HarfBuzz placed them. */
static void one_cluster_per_run(PangoLayout *l)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run(it);
        if (!run) continue;
        PangoGlyphString *g = run->glyphs;
        for (int i = 1; i < g->num_glyphs; i++)
            g->log_clusters[i] = g->log_clusters[0];
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
    one_cluster_per_run(l);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

static double module_text(struct pdf *p, double x, double y, double w, double h, const char *text,
                          const struct pdf_style *s)
{
    if (!text || !*text) return 0;
    PangoLayout *l = fitted(p, w, h, text, s);
    double used = layout_height(l);
    show(p, l, x, h > 0 ? y + (h - used) / 2 : y);
    g_object_unref(l);
    return used;
}

static double module_text_height(struct pdf *p, double w, const char *text,
                                 const struct pdf_style *s)
{
    if (!text || !*text) return 0;
    PangoLayout *l = fitted(p, w, 0, text, s);
    double used = layout_height(l);
    g_object_unref(l);
    return used;
}

static void module_line(struct pdf *p, double x0, double y0, double x1, double y1, double width,
                        double grey)
{
    cairo_set_source_rgb(p->cr, grey, grey, grey);
    cairo_set_line_width(p->cr, width / PT_PER_MM);
    cairo_move_to(p->cr, x0, y0);
    cairo_line_to(p->cr, x1, y1);
    cairo_stroke(p->cr);
}

static void module_box(struct pdf *p, double x, double y, double w, double h, double fill,
                       double width, double grey)
{
    cairo_rectangle(p->cr, x, y, w, h);
    if (fill >= 0) {
        cairo_set_source_rgb(p->cr, fill, fill, fill);
        cairo_fill_preserve(p->cr);
    }
    if (width > 0) {
        cairo_set_source_rgb(p->cr, grey, grey, grey);
        cairo_set_line_width(p->cr, width / PT_PER_MM);
        cairo_stroke(p->cr);
    }
    cairo_new_path(p->cr);
}

/* The one symbol the module exports (it is built with hidden visibility). */
__attribute__((visibility("default"))) extern const struct pdf_module khai_pdf_module;
const struct pdf_module khai_pdf_module = {
    .abi = PDF_MODULE_ABI,
    .open = module_open,
    .next_page = module_next_page,
    .close = module_close,
    .text = module_text,
    .text_height = module_text_height,
    .line = module_line,
    .box = module_box,
};
