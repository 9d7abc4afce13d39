/* Name badges on sheets of labels: the event's title at the top, the nickname large (what
 * people call each other by), the full name, the organisation, and the breakout group at
 * the foot. Blank badges at the end have a line to write a name on. */
#include "print_internal.h"
#include "messages.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Sizes in points for a label 67.7 mm high (L7165), scaled to the label, never below the
 * floor: small labels still print legibly. */
struct badge_font {
    double size, floor;
    bool bold;
    int lines;
};
static const struct badge_font title_font = {9, 6, false, 1};
static const struct badge_font nickname_font = {30, 12, true, 1};
static const struct badge_font name_font = {14, 7, false, 2};
static const struct badge_font org_font = {11, 6, false, 2};
static const struct badge_font group_font = {11, 6, true, 1};
static const double design_height = 67.7;

struct badge {
    struct pdf *pdf;
    const struct label_layout *layout;
    const char *title;
    double pad, gap;
};

static struct pdf_style badge_style(const struct badge *b, const struct badge_font *f)
{
    double size = f->size * b->layout->height / design_height;
    if (size < f->floor) size = f->floor;
    return (struct pdf_style){size, size * 0.6 > f->floor ? size * 0.6 : f->floor, f->bold,
                              PDF_CENTRE, f->lines};
}

/* The nickname (else the given name), full name and organisation, centred together in the
 * box from y down h. */
static void draw_person(const struct badge *b, double x, double y, double w, double h,
                        const struct attendee *a)
{
    const char *big = *a->nickname ? a->nickname : a->given;
    const char *texts[3] = {big, a->name, a->organisation};
    const struct badge_font *fonts[3] = {&nickname_font, &name_font, &org_font};
    struct pdf_style styles[3];
    double heights[3], total = 0;
    for (int i = 0; i < 3; i++) {
        styles[i] = badge_style(b, fonts[i]);
        heights[i] = pdf_text_height(b->pdf, w, texts[i], &styles[i]);
        total += heights[i] + (i ? b->gap : 0);
    }
    double at = y + (h > total ? (h - total) / 2 : 0);
    for (int i = 0; i < 3; i++) {
        pdf_text(b->pdf, x, at, w, heights[i], texts[i], &styles[i]);
        at += heights[i] + b->gap;
    }
}

static void draw_badge(const struct badge *b, double x, double y, const struct attendee *a)
{
    const struct label_layout *l = b->layout;
    if (l->cut) pdf_box(b->pdf, x, y, l->width, l->height, -1, 0.3, 0.6);
    double ix = x + b->pad, iw = l->width - 2 * b->pad;
    struct pdf_style title = badge_style(b, &title_font), group = badge_style(b, &group_font);
    double top = y + b->pad;
    top += pdf_text(b->pdf, ix, top, iw, 0, b->title, &title) + b->gap;
    double bottom = y + l->height - b->pad, gh = 0;
    char *g = a && *a->group
                  ? xasprintf("%s: %s", field_label(field_info(F_ATTENDANCE_GROUP)), a->group)
                  : NULL;
    if (g) gh = pdf_text_height(b->pdf, iw, g, &group);
    double person = bottom - top - (g ? gh + b->gap : 0);
    if (a)
        draw_person(b, ix, top, iw, person, a);
    else /* a walk-in writes their name on the line */
        pdf_line(b->pdf, ix + iw * 0.1, top + person * 0.6, ix + iw * 0.9, top + person * 0.6, 0.5,
                 0.5);
    if (g) pdf_text(b->pdf, ix, bottom - gh, iw, gh, g, &group);
    free(g);
}

int print_badges(struct db *db, long long event_id, const struct print_options *o, FILE *out,
                 int *pages, char **err)
{
    size_t nlayouts;
    const struct label_layout *l = o->layout ? o->layout : &label_layouts(&nlayouts)[0];
    struct roster r;
    if (roster_load(db, event_id, o->order, &r, err) != 0) return -1;
    const struct paper_size *a4 = paper_size(PAPER_A4);
    char *title = xasprintf(_("Name badges: %s"), record_get(r.event, F_EVENT_TITLE));
    struct badge b = {.layout = l,
                      .title = record_get(r.event, F_EVENT_TITLE),
                      .pad = l->height * 0.07,
                      .gap = l->height * 0.02};
    b.pdf = pdf_open(out, a4->width, a4->height, title, err);
    free(title);
    if (!b.pdf) {
        roster_free(&r);
        return -1;
    }
    int labels = (int)r.n + o->blank, sheets = label_sheets(l, labels);
    if (labels == 0) /* an empty sheet of labels would only waste one */
        pdf_text(b.pdf, 20, 20, 170, 0, _("No one to print a badge for."),
                 &(struct pdf_style){12, 0, false, PDF_LEFT, 0});
    for (int i = 0; i < labels; i++) {
        if (i > 0 && i % labels_per_sheet(l) == 0) pdf_next_page(b.pdf);
        double x, y;
        label_origin(l, i, &x, &y);
        draw_badge(&b, x, y, i < (int)r.n ? &r.people[i] : NULL);
    }
    roster_free(&r);
    if (pages) *pages = sheets;
    return pdf_close(b.pdf, err);
}
