/* Reports on paper for a funder: the report's tables with their bar charts drawn as filled
 * rectangles (vector graphics), Thai shaped by the printing module, page numbers at the foot.
 * The layout is run twice: once to count the pages ("page 2 of 3"), once to draw. */
#include "print_internal.h"
#include "messages.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Millimetres. */
static const double margin_x = 15, margin_top = 14, margin_bottom = 10, footer = 7;
static const double row_height = 6.5, head_height = 8, gap = 6, bar_width = 45, bar_height = 3.6;

static const struct pdf_style title_style = {16, 12, true, PDF_LEFT, 2};
static const struct pdf_style subtitle_style = {12, 10, false, PDF_LEFT, 2};
static const struct pdf_style header_style = {10.5, 8, true, PDF_LEFT, 1};
static const struct pdf_style header_right = {10.5, 8, true, PDF_RIGHT, 1};
static const struct pdf_style cell_style = {10.5, 8, false, PDF_LEFT, 1};
static const struct pdf_style cell_right = {10.5, 8, false, PDF_RIGHT, 1};
static const struct pdf_style bold_style = {10.5, 8, true, PDF_LEFT, 1};
static const struct pdf_style bold_right = {10.5, 8, true, PDF_RIGHT, 1};
static const struct pdf_style footer_style = {9, 0, false, PDF_LEFT, 1};
static const struct pdf_style page_style = {9, 0, false, PDF_RIGHT, 1};

struct layout {
    struct pdf *pdf;
    bool draw; /* false: counting the pages */
    const struct print_report *r;
    double width, height, y, top; /* top: below the title */
    int page, pages;
    char printed[64];
};

static double content_width(const struct layout *l)
{
    return l->width - 2 * margin_x;
}

static double bottom(const struct layout *l)
{
    return l->height - margin_bottom - footer;
}

static void draw_footer(struct layout *l)
{
    double y = bottom(l), w = content_width(l);
    char *printed = xasprintf(_("printed %s by khai"), l->printed);
    char *page = xasprintf(_("page %d of %d"), l->page, l->pages);
    pdf_text(l->pdf, margin_x, y, w / 2, footer, printed, &footer_style);
    pdf_text(l->pdf, margin_x + w / 2, y, w / 2, footer, page, &page_style);
    free(printed);
    free(page);
}

/* The title (and subtitle) at the top of a page; its height. */
static double draw_title(struct layout *l)
{
    double w = content_width(l), y = margin_top;
    y += l->draw ? pdf_text(l->pdf, margin_x, y, w, 0, l->r->title, &title_style)
                 : pdf_text_height(l->pdf, w, l->r->title, &title_style);
    if (l->r->subtitle)
        y += 1 + (l->draw ? pdf_text(l->pdf, margin_x, y, w, 0, l->r->subtitle, &subtitle_style)
                          : pdf_text_height(l->pdf, w, l->r->subtitle, &subtitle_style));
    return y + 4 - margin_top;
}

static void new_page(struct layout *l)
{
    if (l->draw && l->page > 0) {
        draw_footer(l);
        pdf_next_page(l->pdf);
    }
    l->page++;
    l->y = margin_top + draw_title(l);
}

/* Where each text column starts, and the bar column's start; the last is the right edge. */
static void columns(const struct layout *l, const struct print_table *t, double *x)
{
    double total = 0, w = content_width(l) - bar_width - 2;
    for (int c = 0; c < t->ncols; c++)
        total += t->share[c] > 0 ? t->share[c] : 1;
    x[0] = margin_x;
    for (int c = 0; c < t->ncols; c++)
        x[c + 1] = x[c] + w * (t->share[c] > 0 ? t->share[c] : 1) / total;
    x[t->ncols + 1] = l->width - margin_x;
}

static void draw_header_row(struct layout *l, const struct print_table *t, const double *x)
{
    if (l->draw) {
        for (int c = 0; c < t->ncols; c++)
            pdf_text(l->pdf, x[c] + 1, l->y, x[c + 1] - x[c] - 2, head_height, t->headers[c],
                     t->right[c] ? &header_right : &header_style);
        pdf_line(l->pdf, margin_x, l->y + head_height, l->width - margin_x, l->y + head_height, 0.8,
                 0);
    }
    l->y += head_height + 0.5;
}

static long long largest_bar(const struct print_table *t)
{
    long long max = 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (t->kinds[i] == PRINT_LINE_ROW && t->bars[i] > max) max = t->bars[i];
    return max;
}

static void draw_line(struct layout *l, const struct print_table *t, const double *x, size_t i,
                      long long max)
{
    const char *const *cells = t->cells + i * (size_t)t->ncols;
    enum print_line_kind kind = t->kinds[i];
    if (!l->draw) return;
    if (kind == PRINT_LINE_HEADING) {
        pdf_text(l->pdf, x[0] + 1, l->y, x[t->ncols] - x[0] - 2, row_height, cells[0], &bold_style);
        return;
    }
    if (kind == PRINT_LINE_TOTAL)
        pdf_line(l->pdf, margin_x, l->y, l->width - margin_x, l->y, 0.6, 0);
    bool bold = kind == PRINT_LINE_TOTAL;
    for (int c = 0; c < t->ncols; c++)
        if (cells[c] && *cells[c])
            pdf_text(l->pdf, x[c] + 1, l->y, x[c + 1] - x[c] - 2, row_height, cells[c],
                     t->right[c] ? (bold ? &bold_right : &cell_right)
                                 : (bold ? &bold_style : &cell_style));
    if (kind == PRINT_LINE_ROW && t->bars[i] > 0 && max > 0) {
        double len = (bar_width - 2) * (double)t->bars[i] / (double)max;
        pdf_box(l->pdf, x[t->ncols] + 2, l->y + (row_height - bar_height) / 2, len, bar_height,
                0.35, 0, 0);
    }
}

static void lay_table(struct layout *l, const struct print_table *t)
{
    double x[PRINT_MAX_COLUMNS + 2];
    columns(l, t, x);
    long long max = largest_bar(t);
    /* A table starts on a new page unless its header and two lines fit. */
    if (l->y + head_height + 2 * row_height > bottom(l)) new_page(l);
    draw_header_row(l, t, x);
    for (size_t i = 0; i < t->nrows; i++) {
        if (l->y + row_height > bottom(l)) {
            new_page(l);
            draw_header_row(l, t, x);
        }
        draw_line(l, t, x, i, max);
        l->y += row_height;
    }
    l->y += gap;
}

static void lay_out(struct layout *l)
{
    l->page = 0;
    new_page(l);
    for (size_t i = 0; i < l->r->ntables; i++)
        lay_table(l, &l->r->tables[i]);
    if (l->draw) draw_footer(l);
}

int print_report(const struct print_report *r, enum paper paper, FILE *out, int *pages, char **err)
{
    const struct paper_size *size = paper_size(paper);
    struct layout l = {.r = r, .width = size->width, .height = size->height};
    date_format(date_today(), messages_thai() ? DATE_THAI : DATE_CE, l.printed, sizeof l.printed);
    l.pdf = pdf_open(out, size->width, size->height, r->title, err);
    if (!l.pdf) return -1;
    lay_out(&l); /* counting */
    l.pages = l.page;
    l.draw = true;
    lay_out(&l);
    if (pages) *pages = l.pages;
    return pdf_close(l.pdf, err);
}
