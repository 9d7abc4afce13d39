/* F in a list: the frequency table of the current column (like visidata's Shift-F): each
 * value among the rows the list shows, how many have it and a bar, largest first; Enter
 * filters the list by the highlighted value, Esc goes back. Counted by the store. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "freqview.h"
#include "listwin.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

enum { COUNT_COLS = 7, PERCENT_COLS = 5, MIN_BAR = 8 };

struct freq_state {
    struct list_query q; /* the list's query: its strings belong to the list below */
    enum field_id field;
    char *header; /* the column's header */
    struct freq_table t;
    char **labels; /* each row's value as the list shows it */
    long long max;
    struct listwin lw;
    bool all_dirty;
    long long dirty[2];
    freq_chosen_fn *chosen;
    void *ctx;
};

static void load(struct freq_state *st, struct ui *ui)
{
    for (size_t i = 0; i < st->t.n; i++)
        free(st->labels[i]);
    free(st->labels);
    freq_table_free(&st->t);
    char *err = NULL;
    if (list_frequency(ui->db, &st->q, st->field, &st->t, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    }
    st->labels = xcalloc(st->t.n + 1, sizeof *st->labels);
    st->max = 0;
    for (size_t i = 0; i < st->t.n; i++) {
        st->labels[i] = freqview_label(st->q.kind, st->field, &st->t.rows[i]);
        if (st->t.rows[i].count > st->max) st->max = st->t.rows[i].count;
    }
    st->lw.count = (long long)st->t.n;
    st->lw.height = ui->body_rows - 1;
    listwin_clamp(&st->lw);
    st->all_dirty = true;
}

/* The widths of label, count, percent and bar for the terminal's width. */
static void widths(const struct ui *ui, int w[4])
{
    w[1] = COUNT_COLS;
    w[2] = PERCENT_COLS;
    int rest = ui->cols - 1 - w[1] - w[2] - 3;
    w[0] = rest / 2 > 12 ? rest / 2 : 12;
    w[3] = rest - w[0] > MIN_BAR ? rest - w[0] : MIN_BAR;
    if (w[0] + w[3] > rest) w[0] = rest - w[3] > 4 ? rest - w[3] : 4;
}

static void draw_cells(struct ui *ui, int y, const char *cells[4], int attr)
{
    int w[4], x = 1;
    widths(ui, w);
    for (int c = 0; c < 4; c++) {
        const char *text = cells[c] ? cells[c] : "";
        bool right = c == 1 || c == 2;
        int pad = right ? w[c] - (int)text_width(text) : 0;
        if (pad < 0) pad = 0;
        if (pad) ui_draw_text(y, x, pad, "", A_NORMAL);
        ui_draw_text(y, x + pad, w[c] - pad, text, c == 0 ? attr : (int)A_NORMAL);
        x += w[c];
        if (c < 3 && x < ui->cols) ui_draw_text(y, x++, 1, " ", A_NORMAL);
    }
    if (x < ui->cols) ui_clear_line(y, x);
}

static void draw_row(struct freq_state *st, struct ui *ui, long long i)
{
    if (i < st->lw.top || i >= st->lw.top + st->lw.height) return;
    int y = ui->body_top + 1 + (int)(i - st->lw.top);
    if (i >= (long long)st->t.n) {
        ui_clear_line(y, 0);
        return;
    }
    bool current = i == st->lw.cursor;
    int w[4];
    widths(ui, w);
    const struct freq_row *r = &st->t.rows[i];
    char count[32], pct[16];
    snprintf(count, sizeof count, "%lld", r->count);
    long long of = st->t.rows_counted;
    snprintf(pct, sizeof pct, "%lld%%", of > 0 ? (r->count * 100 + of / 2) / of : 0);
    char *bar = freqview_bar(r->count, st->max, w[3], freqview_ascii());
    const char *cells[4] = {st->labels[i], count, pct, bar};
    ui_draw_text(y, 0, 1, current ? ">" : " ", current ? A_BOLD : A_NORMAL);
    draw_cells(ui, y, cells, current ? A_REVERSE : A_NORMAL);
    free(bar);
}

static void freq_draw(struct screen *s, struct ui *ui, bool full)
{
    struct freq_state *st = s->state;
    if (st->lw.height != ui->body_rows - 1) {
        st->lw.height = ui->body_rows - 1;
        listwin_clamp(&st->lw);
        full = true;
    }
    if (full || st->all_dirty) {
        const char *heads[4] = {st->header, _("Count"), "%", ""};
        ui_draw_text(ui->body_top, 0, 1, " ", A_NORMAL);
        draw_cells(ui, ui->body_top, heads, A_BOLD | A_UNDERLINE);
        for (int i = 0; i < st->lw.height; i++)
            draw_row(st, ui, st->lw.top + i);
        if (st->t.n == 0)
            ui_draw_text(ui->body_top + 2, 1, ui->cols - 2, _("Nothing to count."), A_NORMAL);
    } else {
        for (int i = 0; i < 2; i++)
            if (st->dirty[i] >= 0) draw_row(st, ui, st->dirty[i]);
    }
    st->all_dirty = false;
    st->dirty[0] = st->dirty[1] = -1;
}

static int moved(struct freq_state *st, struct listwin_delta d)
{
    if (d.change == LW_NONE) return UI_HANDLED;
    if (d.change == LW_ROWS) {
        /* keys typed ahead are handled before one draw: the row drawn as the cursor is the
         * first move's */
        if (st->dirty[0] < 0) st->dirty[0] = d.old_cursor;
        st->dirty[1] = st->lw.cursor;
    } else {
        st->all_dirty = true;
    }
    return UI_DIRTY;
}

static int freq_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct freq_state *st = s->state;
    switch (a) {
    case A_UP:
        return moved(st, listwin_move(&st->lw, -1));
    case A_DOWN:
        return moved(st, listwin_move(&st->lw, 1));
    case A_PAGE_UP:
        return moved(st, listwin_move(&st->lw, -st->lw.height));
    case A_PAGE_DOWN:
        return moved(st, listwin_move(&st->lw, st->lw.height));
    case A_HOME:
        return moved(st, listwin_goto(&st->lw, 0));
    case A_END:
        return moved(st, listwin_goto(&st->lw, st->lw.count - 1));
    case A_OPEN:
        if (st->t.n == 0) return UI_HANDLED;
        st->chosen(st->ctx, ui, st->field, st->t.rows[st->lw.cursor].value,
                   st->labels[st->lw.cursor]);
        return UI_POP;
    case A_BACK:
        return UI_POP;
    default:
        return a == A_HELP ? UI_UNHANDLED : UI_HANDLED;
    }
}

/* Another session changed data: count again. */
static int freq_reload(struct screen *s, struct ui *ui)
{
    load(s->state, ui);
    return UI_DIRTY;
}

static char *freq_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct freq_state *st = s->state;
    static const enum action which[] = {A_OPEN, A_BACK, A_HELP};
    char *keys = ui_key_hints(CTX_FREQ, which, 3);
    char *hints =
        xasprintf(P_("%s: %zu value in %lld rows  %s", "%s: %zu values in %lld rows  %s", st->t.n),
                  st->header, st->t.n, st->t.rows_counted, keys);
    free(keys);
    return hints;
}

static void freq_close(struct screen *s)
{
    struct freq_state *st = s->state;
    for (size_t i = 0; i < st->t.n; i++)
        free(st->labels[i]);
    free(st->labels);
    freq_table_free(&st->t);
    free(st->header);
    free(st);
}

static const struct screen_ops freq_ops = {
    .name = "frequency",
    .contexts = CTX_FREQ,
    .draw = freq_draw,
    .key = freq_key,
    .reload = freq_reload,
    .hints = freq_hints,
    .close = freq_close,
};

struct screen *freq_screen_new(struct ui *ui, const struct list_query *q, enum field_id f,
                               const char *header, freq_chosen_fn *chosen, void *ctx)
{
    struct freq_state *st = xcalloc(1, sizeof *st);
    st->q = *q;
    st->field = f;
    st->header = xstrdup(header);
    st->chosen = chosen;
    st->ctx = ctx;
    st->dirty[0] = st->dirty[1] = -1;
    load(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &freq_ops;
    s->state = st;
    return s;
}
