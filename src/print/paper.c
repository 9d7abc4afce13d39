/* Paper sizes, rows per page and label grids: the numbers a printed page is laid out by. */
#include "paper.h"
#include "messages.h"

#include <strings.h>

static const struct paper_size papers[] = {
    [PAPER_A4] = {"a4", 210.0, 297.0},
    [PAPER_LETTER] = {"letter", 215.9, 279.4},
};

const struct paper_size *paper_size(enum paper p)
{
    return &papers[p == PAPER_LETTER ? PAPER_LETTER : PAPER_A4];
}

int paper_from_name(const char *name)
{
    for (int i = 0; i < (int)(sizeof papers / sizeof papers[0]); i++)
        if (name && strcasecmp(name, papers[i].name) == 0) return i;
    return -1;
}

int rows_per_page(double height, double row)
{
    /* A hair of tolerance: 200 mm holds 20 rows of 10 mm however the sum was rounded. */
    int n = row > 0 && height > 0 ? (int)(height / row + 1e-9) : 1;
    return n < 1 ? 1 : n;
}

int section_pages(int rows, int per_page)
{
    if (per_page < 1) per_page = 1;
    return rows <= 0 ? 1 : (rows + per_page - 1) / per_page;
}

/* A4 sheets as offices buy them: Avery/Zweckform L7165 and L7159 sticky labels, and
 * business-card-sized badges cut from plain paper for the clip-on holders. */
static const struct label_layout layouts[] = {
    {"2x4", N_("8 labels of 99.1 x 67.7 mm (Avery L7165)"), 2, 4, 99.1, 67.7, 4.65, 13.1, 101.6,
     67.7, 0},
    {"2x5", N_("10 cards of 85 x 54 mm for badge holders, cut from plain paper"), 2, 5, 85.0, 54.0,
     20.0, 13.5, 85.0, 54.0, 1},
    {"3x8", N_("24 labels of 63.5 x 33.9 mm (Avery L7159)"), 3, 8, 63.5, 33.9, 7.25, 12.9, 66.0,
     33.9, 0},
};

const struct label_layout *label_layouts(size_t *n)
{
    *n = sizeof layouts / sizeof layouts[0];
    return layouts;
}

const struct label_layout *label_layout_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof layouts / sizeof layouts[0]; i++)
        if (strcasecmp(name, layouts[i].name) == 0) return &layouts[i];
    return NULL;
}

int labels_per_sheet(const struct label_layout *l)
{
    return l->columns * l->rows;
}

int label_sheets(const struct label_layout *l, int labels)
{
    return section_pages(labels, labels_per_sheet(l));
}

void label_origin(const struct label_layout *l, int label, double *x, double *y)
{
    int on_sheet = label % labels_per_sheet(l);
    *x = l->left + (on_sheet % l->columns) * l->pitch_x;
    *y = l->top + (on_sheet / l->columns) * l->pitch_y;
}
