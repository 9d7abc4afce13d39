/* The sign-in sheet (ใบลงทะเบียน) as Thai offices make it: the event at the top of every page,
 * then numbered rows with name, organisation, phone and room to sign, in sections (everyone,
 * or one breakout group each, and the walk-ins) that each start on a new page. */
#include "print_internal.h"
#include "messages.h"
#include "strbuf.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Millimetres. A row is tall enough to sign in; the signature column a hand's width. */
enum { NCOLUMNS = 5 };
static const double margin_x = 15, margin_top = 12, margin_bottom = 10, footer = 7;
static const double row_height = 10, head_height = 9, gap = 3;
static const double column_share[NCOLUMNS] = {0.07, 0.31, 0.26, 0.15, 0.21};

static const struct pdf_style kicker_style = {16, 0, true, PDF_CENTRE, 1};
static const struct pdf_style title_style = {15, 12, true, PDF_CENTRE, 2};
static const struct pdf_style line_style = {12, 10, false, PDF_CENTRE, 2};
static const struct pdf_style heading_style = {13, 11, true, PDF_LEFT, 1};
static const struct pdf_style column_style = {11, 9, true, PDF_CENTRE, 1};
static const struct pdf_style number_style = {11, 9, false, PDF_CENTRE, 1};
static const struct pdf_style name_style = {12, 10, false, PDF_LEFT, 2};
static const struct pdf_style org_style = {11, 9.5, false, PDF_LEFT, 2};
static const struct pdf_style phone_style = {11, 8, false, PDF_LEFT, 1};
static const struct pdf_style footer_style = {9, 0, false, PDF_LEFT, 1};
static const struct pdf_style page_style = {9, 0, false, PDF_RIGHT, 1};

/* Everyone, a breakout group or the walk-ins: a heading and rows, from a new page. */
struct section {
    const char *group; /* the breakout group ("" none); NULL: everyone, or the walk-ins */
    size_t first;      /* index of its first person in the roster */
    int people, blank; /* rows of people, then blank rows */
};

struct sheet {
    struct pdf *pdf;
    const struct roster *roster;
    double width, height; /* of the paper */
    char *header[5];      /* kicker, title, when, where, host: NULL when there is none */
    double header_height;
    bool headings;
    double column_x[NCOLUMNS + 1];
    int per_page, page, pages;
    char printed[64]; /* today */
};

/* 09.00 as Thai documents write a time, 09:00 in English. malloc'd. */
static char *time_text(const char *hhmm)
{
    char *t = xstrdup(hhmm);
    if (messages_thai())
        for (char *c = t; (c = strchr(c, ':'));)
            *c = '.';
    return t;
}

/* The days followed by the time, when the event has one. */
static char *with_time(char *days, const struct record *ev)
{
    const char *start = record_get(ev, F_EVENT_START_TIME), *end = record_get(ev, F_EVENT_END_TIME);
    if (!*start) return days;
    char *s = time_text(start), *e = time_text(end);
    char *when =
        *e ? xasprintf(_("%s, %s to %s"), days, s, e) : xasprintf(_("%s, from %s"), days, s);
    free(s);
    free(e);
    free(days);
    return when;
}

static void long_date(const char *iso, char *buf, size_t n)
{
    struct date d = {0, 0, 0};
    date_from_iso(iso, &d);
    if (messages_thai()) {
        date_format(d, DATE_THAI_LONG, buf, n);
        return;
    }
    char ce[96];
    date_format(d, DATE_CE_LONG, ce, sizeof ce);
    snprintf(buf, n, _("%s (B.E. %d)"), ce, d.year + 543);
}

/* "วันพุธที่ 21 กรกฎาคม พ.ศ. 2553 เวลา 09.00-16.30 น." */
static char *event_when(const struct record *ev)
{
    char start[160], end[160];
    long_date(record_get(ev, F_EVENT_START_DATE), start, sizeof start);
    const char *end_iso = record_get(ev, F_EVENT_END_DATE);
    if (!*end_iso || strcmp(end_iso, record_get(ev, F_EVENT_START_DATE)) == 0)
        return with_time(xstrdup(start), ev);
    long_date(end_iso, end, sizeof end);
    return with_time(xasprintf(_("%s to %s"), start, end), ev);
}

static char *event_where(const struct record *ev)
{
    const char *venue = record_get(ev, F_EVENT_VENUE), *province = record_get(ev, F_EVENT_PROVINCE);
    if (*venue && *province && !strstr(venue, province))
        return xasprintf(_("Venue: %s, %s province"), venue, province);
    if (*venue) return xasprintf(_("Venue: %s"), venue);
    if (*province) return xasprintf(_("%s province"), province);
    return NULL;
}

static void header_init(struct sheet *s)
{
    const struct record *ev = s->roster->event;
    const char *host = record_get(ev, F_EVENT_HOST);
    s->header[0] = xstrdup(_("Sign-in sheet"));
    s->header[1] = xstrdup(record_get(ev, F_EVENT_TITLE));
    s->header[2] = event_when(ev);
    s->header[3] = event_where(ev);
    s->header[4] = *host ? xasprintf(_("Organised by %s"), host) : NULL;
}

static const struct pdf_style *header_style(int i)
{
    return i == 0 ? &kicker_style : i == 1 ? &title_style : &line_style;
}

static double draw_header(struct sheet *s, bool draw)
{
    double y = margin_top, w = s->width - 2 * margin_x;
    for (int i = 0; i < 5; i++) {
        if (!s->header[i]) continue;
        const struct pdf_style *st = header_style(i);
        double h = draw ? pdf_text(s->pdf, margin_x, y, w, 0, s->header[i], st)
                        : pdf_text_height(s->pdf, w, s->header[i], st);
        y += h + (i == 0 ? 1.5 : 0.5);
    }
    return y - margin_top + gap;
}

static void draw_columns(struct sheet *s, double y)
{
    const char *labels[NCOLUMNS] = {
        _("No."),
        field_label(field_info(F_ATTENDANCE_MEMBER_NAME)),
        field_label(field_info(F_ATTENDANCE_ORGANISATION)),
        field_label(field_info(F_MEMBER_PHONE)),
        _("Signature"),
    };
    pdf_box(s->pdf, s->column_x[0], y, s->column_x[NCOLUMNS] - s->column_x[0], head_height, 0.88, 0,
            0);
    for (int c = 0; c < NCOLUMNS; c++)
        pdf_text(s->pdf, s->column_x[c] + 1, y, s->column_x[c + 1] - s->column_x[c] - 2,
                 head_height, labels[c], &column_style);
}

static void draw_row(struct sheet *s, double y, int number, const struct attendee *a)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    const double *x = s->column_x, pad = 1.5;
    pdf_text(s->pdf, x[0], y, x[1] - x[0], row_height, num, &number_style);
    if (!a) return;
    pdf_text(s->pdf, x[1] + pad, y, x[2] - x[1] - 2 * pad, row_height, a->name, &name_style);
    pdf_text(s->pdf, x[2] + pad, y, x[3] - x[2] - 2 * pad, row_height, a->organisation, &org_style);
    pdf_text(s->pdf, x[3] + pad, y, x[4] - x[3] - 2 * pad, row_height, a->phone, &phone_style);
}

/* The grid over the table: a rule under each row, the columns from top to bottom. */
static void draw_grid(struct sheet *s, double top, int rows)
{
    const double *x = s->column_x;
    double bottom = top + head_height + rows * row_height;
    pdf_line(s->pdf, x[0], top, x[NCOLUMNS], top, 0.8, 0);
    for (int r = 0; r <= rows; r++) {
        double y = top + head_height + r * row_height;
        pdf_line(s->pdf, x[0], y, x[NCOLUMNS], y, r == 0 || r == rows ? 0.8 : 0.4, 0);
    }
    for (int c = 0; c <= NCOLUMNS; c++)
        pdf_line(s->pdf, x[c], top, x[c], bottom, c == 0 || c == NCOLUMNS ? 0.8 : 0.4, 0);
}

static void draw_footer(struct sheet *s)
{
    double y = s->height - margin_bottom - footer, w = s->width - 2 * margin_x;
    char *printed = xasprintf(_("printed %s by khai"), s->printed);
    char *page = xasprintf(_("page %d of %d"), s->page, s->pages);
    pdf_text(s->pdf, margin_x, y, w / 2, footer, printed, &footer_style);
    pdf_text(s->pdf, margin_x + w / 2, y, w / 2, footer, page, &page_style);
    free(printed);
    free(page);
}

static void draw_page(struct sheet *s, const struct section *sec, int from, int rows)
{
    if (s->page > 0) pdf_next_page(s->pdf);
    s->page++;
    double y = margin_top + draw_header(s, true);
    if (s->headings) {
        char *name =
            !sec->group ? xstrdup(_("Walk-ins"))
            : *sec->group
                ? xasprintf("%s: %s", field_label(field_info(F_ATTENDANCE_GROUP)), sec->group)
                : xstrdup(_("No group"));
        char *h = from == 0 ? name : xasprintf(_("%s (continued)"), name);
        if (h != name) free(name);
        pdf_text(s->pdf, margin_x, y, s->width - 2 * margin_x, 8, h, &heading_style);
        free(h);
        y += 8;
    }
    draw_columns(s, y);
    for (int i = 0; i < rows; i++) {
        int n = from + i;
        const struct attendee *a = n < sec->people ? &s->roster->people[sec->first + n] : NULL;
        draw_row(s, y + head_height + i * row_height, n + 1, a);
    }
    draw_grid(s, y, rows);
    draw_footer(s);
}

/* Everyone in one section, or a section per group (then the walk-ins' own). */
static struct section *plan_sections(const struct roster *r, const struct print_options *o,
                                     size_t *n)
{
    struct section *secs = xcalloc(r->n + 2, sizeof *secs);
    *n = 0;
    if (o->order != PRINT_BY_GROUP) {
        secs[(*n)++] = (struct section){NULL, 0, (int)r->n, o->blank};
        return secs;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (*n == 0 || strcmp(r->people[i].group, r->people[secs[*n - 1].first].group) != 0) {
            secs[(*n)++] = (struct section){r->people[i].group, i, 0, 0};
        }
        secs[*n - 1].people++;
    }
    if (o->blank > 0 || *n == 0) secs[(*n)++] = (struct section){NULL, r->n, 0, o->blank};
    return secs;
}

static void sheet_layout(struct sheet *s)
{
    double x = margin_x, table = s->width - 2 * margin_x;
    for (int c = 0; c < NCOLUMNS; c++) {
        s->column_x[c] = x;
        x += table * column_share[c];
    }
    s->column_x[NCOLUMNS] = s->width - margin_x;
    header_init(s);
    s->header_height = draw_header(s, false);
    double rows = s->height - margin_top - margin_bottom - footer - s->header_height -
                  (s->headings ? 8 : 0) - head_height;
    s->per_page = rows_per_page(rows, row_height);
    date_format(date_today(), messages_thai() ? DATE_THAI : DATE_CE, s->printed, sizeof s->printed);
}

int print_signin(struct db *db, long long event_id, const struct print_options *o, FILE *out,
                 int *pages, char **err)
{
    struct roster r;
    if (roster_load(db, event_id, o->order, &r, err) != 0) return -1;
    const struct paper_size *paper = paper_size(o->paper);
    char *title = xasprintf(_("Sign-in sheet: %s"), record_get(r.event, F_EVENT_TITLE));
    struct sheet s = {.roster = &r, .width = paper->width, .height = paper->height};
    s.pdf = pdf_open(out, paper->width, paper->height, title, err);
    free(title);
    if (!s.pdf) {
        roster_free(&r);
        return -1;
    }
    size_t nsec;
    struct section *secs = plan_sections(&r, o, &nsec);
    s.headings = o->order == PRINT_BY_GROUP;
    sheet_layout(&s);
    for (size_t i = 0; i < nsec; i++)
        s.pages += section_pages(secs[i].people + secs[i].blank, s.per_page);
    for (size_t i = 0; i < nsec; i++) {
        int rows = secs[i].people + secs[i].blank, from = 0;
        do {
            int on_page = rows - from < s.per_page ? rows - from : s.per_page;
            draw_page(&s, &secs[i], from, on_page);
            from += on_page;
        } while (from < rows);
    }
    free(secs);
    for (int i = 0; i < 5; i++)
        free(s.header[i]);
    roster_free(&r);
    if (pages) *pages = s.pages;
    return pdf_close(s.pdf, err);
}
