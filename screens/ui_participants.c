/* An event's participants (P on an event): each row's attendance id, name, organisation,
 * status, category, role, group and reason, a page at a time found by key (participants.h),
 * so an event of thousands scrolls as fast at its end as at its start. Enter edits one row in
 * the form; Space marks rows and ; sets one field on every marked row at once, as mutt's tag
 * and ; do, after a yes, in one transaction that u undoes as one step (bulk.h, undo.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "bulk.h"
#include "messages.h"
#include "participants.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NCOLS = 8, MARK_COLS = 1, TOP_LINES = 2 };
/* The questions this screen asks. */
enum { Q_FIELD, Q_STATUS, Q_VALUE, Q_APPLY, Q_REMOVE };

/* The columns after the mark: id, name, organisation, status, category, role, group, reason. */
static const struct table_col columns[NCOLS] = {
    {NULL, 2, 6, true},   {NULL, 14, 0, false}, {NULL, 8, 0, false},  {NULL, 6, 12, false},
    {NULL, 6, 14, false}, {NULL, 6, 12, false}, {NULL, 5, 16, false}, {NULL, 5, 0, false},
};

struct participants_state {
    long long event_id;
    char *title;
    long long count;
    struct participant *rows; /* the page shown, in list order */
    size_t n;
    int cursor; /* index into rows */
    int widths[NCOLS];
    int ncols;
    int layout_cols, height; /* what the layout and the page were made for */
    bool all_dirty;
    int dirty[2]; /* rows to repaint, -1 for none */
    /* The marked attendance ids, sorted. */
    long long *marked;
    size_t nmarked, capmarked;
    /* The change ; is asking about, and the row d is asking about. */
    enum field_id field;
    char *value;
    long long removing;
};

static int page_height(const struct ui *ui)
{
    int h = ui->body_rows - TOP_LINES;
    return h > 1 ? h : 1;
}

/* ---- marks: a sorted set of attendance ids ---- */

static size_t mark_pos(const struct participants_state *st, long long id, bool *found)
{
    size_t lo = 0, hi = st->nmarked;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st->marked[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < st->nmarked && st->marked[lo] == id;
    return lo;
}

static bool is_marked(const struct participants_state *st, long long id)
{
    bool found;
    mark_pos(st, id, &found);
    return found;
}

static void toggle_mark(struct participants_state *st, long long id)
{
    bool found;
    size_t at = mark_pos(st, id, &found);
    if (found) {
        memmove(&st->marked[at], &st->marked[at + 1], sizeof *st->marked * (st->nmarked - at - 1));
        st->nmarked--;
        return;
    }
    if (st->nmarked == st->capmarked) {
        st->capmarked = st->capmarked ? st->capmarked * 2 : 64;
        st->marked = xrealloc(st->marked, sizeof *st->marked * st->capmarked);
    }
    memmove(&st->marked[at + 1], &st->marked[at], sizeof *st->marked * (st->nmarked - at));
    st->marked[at] = id;
    st->nmarked++;
}

/* Takes ids (sorted by the store) as the marks. */
static void set_marks(struct participants_state *st, long long *ids, size_t n)
{
    free(st->marked);
    st->marked = ids;
    st->nmarked = st->capmarked = n;
}

/* Keeps only the marks of rows still on the list (someone removed one meanwhile). */
static void prune_marks(struct participants_state *st, struct ui *ui)
{
    if (!st->nmarked) return;
    long long *ids;
    size_t n, kept = 0;
    char *err = NULL;
    if (participants_ids(ui->db, st->event_id, &ids, &n, &err) != 0) {
        free(err);
        return;
    }
    for (size_t i = 0; i < st->nmarked; i++) {
        long long *hit = NULL;
        for (size_t lo = 0, hi = n; lo < hi && !hit;) {
            size_t mid = (lo + hi) / 2;
            if (ids[mid] == st->marked[i])
                hit = &ids[mid];
            else if (ids[mid] < st->marked[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (hit) st->marked[kept++] = st->marked[i];
    }
    st->nmarked = kept;
    free(ids);
}

/* ---- fetching pages ---- */

static void show_error(struct ui *ui, char *err)
{
    ui_message(ui, true, "%s", err);
    free(err);
}

/* A page from row (see participants_page); NULL with n 0 on an error (said). */
static struct participant *fetch(struct participants_state *st, struct ui *ui,
                                 const struct participant *row, enum participants_from from,
                                 int limit, size_t *n)
{
    struct participant *page;
    char *err = NULL;
    if (participants_page(ui->db, st->event_id, row, from, limit, &page, n, &err) != 0) {
        show_error(ui, err);
        *n = 0;
        return NULL;
    }
    return page;
}

static void adopt(struct participants_state *st, struct participant *page, size_t n, int cursor)
{
    participants_free(st->rows, st->n);
    st->rows = page;
    st->n = n;
    st->cursor = n == 0 ? 0 : cursor < 0 ? 0 : cursor >= (int)n ? (int)n - 1 : cursor;
    st->all_dirty = true;
}

static void first_page(struct participants_state *st, struct ui *ui)
{
    size_t n;
    struct participant *page = fetch(st, ui, NULL, PARTICIPANTS_AT, st->height, &n);
    adopt(st, page, n, 0);
}

static void last_page(struct participants_state *st, struct ui *ui)
{
    size_t n;
    struct participant *page = fetch(st, ui, NULL, PARTICIPANTS_BEFORE, st->height, &n);
    adopt(st, page, n, (int)n - 1);
}

static void count(struct participants_state *st, struct ui *ui)
{
    char *err = NULL;
    if (participants_count(ui->db, st->event_id, &st->count, &err) != 0) show_error(ui, err);
}

/* The page from its first row again (after a change, a resize), the highlight kept on the
 * same participant where they still are; a page left short by removals is filled from the
 * end of the list. */
static void refetch(struct participants_state *st, struct ui *ui)
{
    long long on = st->n ? st->rows[st->cursor].id : 0;
    int old_cursor = st->cursor;
    size_t n;
    struct participant *page = st->n ? fetch(st, ui, &st->rows[0], PARTICIPANTS_AT, st->height, &n)
                                     : fetch(st, ui, NULL, PARTICIPANTS_AT, st->height, &n);
    count(st, ui);
    if ((long long)n < st->count && (int)n < st->height) {
        participants_free(page, n);
        page = fetch(st, ui, NULL, PARTICIPANTS_BEFORE, st->height, &n);
    }
    int cursor = old_cursor;
    for (size_t i = 0; i < n; i++)
        if (page[i].id == on) cursor = (int)i;
    adopt(st, page, n, cursor);
}

/* ---- drawing ---- */

static void layout(struct participants_state *st, struct ui *ui)
{
    /* table_layout leaves two columns between cells; the screen uses one. */
    st->ncols = table_layout(columns, NCOLS, ui->cols - MARK_COLS + NCOLS - 1, st->widths);
    st->layout_cols = ui->cols;
}

static const char *header(int c)
{
    static const enum field_id fields[NCOLS] = {
        F_NONE,
        F_ATTENDANCE_MEMBER_NAME,
        F_ATTENDANCE_ORGANISATION,
        F_ATTENDANCE_STATUS,
        F_ATTENDANCE_CATEGORY,
        F_ATTENDANCE_ROLE,
        F_ATTENDANCE_GROUP,
        F_ATTENDANCE_REASON,
    };
    return c == 0 ? _("ID") : field_label(field_info(fields[c]));
}

static void draw_cells(struct participants_state *st, struct ui *ui, int y, const char **cells,
                       int attr0)
{
    int x = MARK_COLS;
    for (int c = 0; c < st->ncols; c++) {
        int attr = c == 0 ? attr0 : (int)A_NORMAL;
        if (columns[c].right) {
            int pad = st->widths[c] - (int)text_width(cells[c]);
            pad = pad > 0 ? pad : 0;
            ui_draw_text(y, x, pad, "", A_NORMAL);
            ui_draw_text(y, x + pad, st->widths[c] - pad, cells[c], attr);
        } else {
            ui_draw_text(y, x, st->widths[c], cells[c], attr);
        }
        x += st->widths[c];
        if (c + 1 < st->ncols) ui_draw_text(y, x++, 1, " ", A_NORMAL);
    }
    if (x < ui->cols) ui_clear_line(y, x);
}

static void draw_top(struct participants_state *st, struct ui *ui)
{
    char *line = xasprintf(P_("%s: %lld participant", "%s: %lld participants", st->count),
                           st->title, st->count);
    ui_draw_text(ui->body_top, 0, ui->cols, line, A_BOLD);
    free(line);
    const char *cells[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        cells[c] = header(c);
    ui_draw_text(ui->body_top + 1, 0, MARK_COLS, " ", A_NORMAL);
    draw_cells(st, ui, ui->body_top + 1, cells, A_BOLD | A_UNDERLINE);
}

static void draw_row(struct participants_state *st, struct ui *ui, int i)
{
    int y = ui->body_top + TOP_LINES + i;
    if (i < 0 || i >= st->height) return;
    if (i >= (int)st->n) {
        ui_clear_line(y, 0);
        return;
    }
    const struct participant *p = &st->rows[i];
    bool current = i == st->cursor, marked = is_marked(st, p->id);
    char id[32];
    snprintf(id, sizeof id, "%lld", p->id);
    const char *cells[NCOLS] = {
        id,
        p->name,
        p->organisation,
        choice_label(field_info(F_ATTENDANCE_STATUS), p->status),
        p->category,
        choice_label(field_info(F_ATTENDANCE_ROLE), p->role),
        p->group,
        p->reason,
    };
    /* The mark column: * for a marked row, > for the highlight (both: the highlight's
     * reverse video over a *). */
    ui_draw_text(y, 0, MARK_COLS,
                 marked    ? "*"
                 : current ? ">"
                           : " ",
                 marked || current ? A_BOLD : A_NORMAL);
    draw_cells(st, ui, y, cells, current ? A_REVERSE : A_NORMAL);
}

static void draw_empty(struct ui *ui)
{
    ui_draw_text(ui->body_top + TOP_LINES, 1, ui->cols - 1,
                 _("Nobody is on this event's list yet: a adds a participant."), A_NORMAL);
}

static void participants_draw(struct screen *s, struct ui *ui, bool full)
{
    struct participants_state *st = s->state;
    if (st->layout_cols != ui->cols || st->height != page_height(ui)) {
        layout(st, ui);
        st->height = page_height(ui);
        refetch(st, ui);
        full = true;
    }
    if (full || st->all_dirty) {
        draw_top(st, ui);
        for (int i = 0; i < st->height; i++)
            draw_row(st, ui, i);
        if (st->n == 0) draw_empty(ui);
    } else {
        for (int i = 0; i < 2; i++)
            if (st->dirty[i] >= 0) draw_row(st, ui, st->dirty[i]);
    }
    st->all_dirty = false;
    st->dirty[0] = st->dirty[1] = -1;
}

/* ---- moving ---- */

/* Row i is to be repainted. Keys typed ahead are all handled before one draw (ui_main.c), so
 * the rows of several keys add up; past two, the page is repainted. */
static void add_dirty(struct participants_state *st, int i)
{
    if (st->all_dirty || st->dirty[0] == i || st->dirty[1] == i) return;
    if (st->dirty[0] < 0)
        st->dirty[0] = i;
    else if (st->dirty[1] < 0)
        st->dirty[1] = i;
    else
        st->all_dirty = true;
}

static int moved(struct participants_state *st, int old)
{
    add_dirty(st, old);
    add_dirty(st, st->cursor);
    return UI_DIRTY;
}

/* One row down; at the bottom of the page the page moves by the one row after it. */
static int down(struct participants_state *st, struct ui *ui)
{
    int old = st->cursor;
    if (st->cursor + 1 < (int)st->n) {
        st->cursor++;
        return moved(st, old);
    }
    if (!st->n) return UI_HANDLED;
    size_t n;
    struct participant *next = fetch(st, ui, &st->rows[st->n - 1], PARTICIPANTS_AFTER, 1, &n);
    if (n == 0) {
        participants_free(next, n);
        return UI_HANDLED;
    }
    size_t keep = (int)st->n < st->height ? st->n : st->n - 1;
    struct participant *page = xcalloc(keep + 1, sizeof *page);
    memcpy(page, &st->rows[st->n - keep], sizeof *page * keep);
    page[keep] = next[0];
    if (keep < st->n)
        participants_free(st->rows, 1); /* the row scrolled off (rows[0]) */
    else
        free(st->rows);
    free(next);
    st->rows = page;
    st->n = keep + 1;
    st->cursor = (int)st->n - 1;
    st->all_dirty = true;
    return UI_DIRTY;
}

/* One row up; at the top of the page the page moves by the one row before it. */
static int up(struct participants_state *st, struct ui *ui)
{
    int old = st->cursor;
    if (st->cursor > 0) {
        st->cursor--;
        return moved(st, old);
    }
    if (!st->n) return UI_HANDLED;
    size_t n;
    struct participant *prev = fetch(st, ui, &st->rows[0], PARTICIPANTS_BEFORE, 1, &n);
    if (n == 0) {
        participants_free(prev, n);
        return UI_HANDLED;
    }
    size_t keep = (int)st->n < st->height ? st->n : st->n - 1;
    struct participant *page = xcalloc(keep + 1, sizeof *page);
    page[0] = prev[0];
    memcpy(&page[1], st->rows, sizeof *page * keep);
    struct participant *gone = NULL; /* the row scrolled off the bottom */
    if (keep < st->n) {
        gone = xcalloc(1, sizeof *gone);
        *gone = st->rows[keep];
    }
    participants_free(gone, gone ? 1 : 0);
    free(st->rows);
    free(prev);
    st->rows = page;
    st->n = keep + 1;
    st->cursor = 0;
    st->all_dirty = true;
    return UI_DIRTY;
}

static int page_down(struct participants_state *st, struct ui *ui)
{
    if (!st->n) return UI_HANDLED;
    size_t n;
    struct participant *page =
        fetch(st, ui, &st->rows[st->n - 1], PARTICIPANTS_AFTER, st->height, &n);
    if ((int)n == st->height) {
        adopt(st, page, n, st->cursor);
        return UI_DIRTY;
    }
    participants_free(page, n);
    if (n == 0) {
        int old = st->cursor;
        st->cursor = (int)st->n - 1;
        return moved(st, old);
    }
    last_page(st, ui);
    return UI_DIRTY;
}

static int page_up(struct participants_state *st, struct ui *ui)
{
    if (!st->n) return UI_HANDLED;
    size_t n;
    struct participant *page = fetch(st, ui, &st->rows[0], PARTICIPANTS_BEFORE, st->height, &n);
    if ((int)n == st->height) {
        adopt(st, page, n, st->cursor);
        return UI_DIRTY;
    }
    participants_free(page, n);
    first_page(st, ui);
    return UI_DIRTY;
}

/* ---- marking ---- */

static int mark_current(struct participants_state *st, struct ui *ui)
{
    if (!st->n) return UI_HANDLED;
    toggle_mark(st, st->rows[st->cursor].id);
    add_dirty(st, st->cursor);
    int r = down(st, ui);
    if (!(r & UI_DIRTY)) return UI_DIRTY; /* the last row: it stays highlighted */
    return r;
}

static int mark_all(struct participants_state *st, struct ui *ui)
{
    long long *ids;
    size_t n;
    char *err = NULL;
    if (participants_ids(ui->db, st->event_id, &ids, &n, &err) != 0) {
        show_error(ui, err);
        return UI_DIRTY;
    }
    set_marks(st, ids, n);
    st->all_dirty = true;
    return UI_DIRTY;
}

static int mark_none(struct participants_state *st)
{
    st->nmarked = 0;
    st->all_dirty = true;
    return UI_DIRTY;
}

/* ---- ; : one field on every marked row ---- */

static int ask_change(struct participants_state *st, struct ui *ui)
{
    if (!st->nmarked) {
        ui_message(ui, true, "%s", _("No rows are marked: Space marks one, t marks all."));
        return UI_DIRTY;
    }
    char *label = xasprintf(
        P_("Change in %zu marked row:", "Change in %zu marked rows:", st->nmarked), st->nmarked);
    ui_ask_choice(ui, Q_FIELD, label, CTX_CHANGE_FIELD);
    free(label);
    return UI_DIRTY;
}

static int field_chosen(struct participants_state *st, struct ui *ui, const struct ui_answer *a)
{
    static const struct {
        enum action action;
        enum field_id field;
    } fields[] = {{A_SET_STATUS, F_ATTENDANCE_STATUS},
                  {A_SET_CATEGORY, F_ATTENDANCE_CATEGORY},
                  {A_SET_ROLE, F_ATTENDANCE_ROLE},
                  {A_SET_GROUP, F_ATTENDANCE_GROUP},
                  {A_SET_REASON, F_ATTENDANCE_REASON}};
    for (size_t i = 0; a->given && i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i].action != a->action) continue;
        st->field = fields[i].field;
        if (st->field == F_ATTENDANCE_STATUS)
            return ui_ask_choice(ui, Q_STATUS, _("Status:"), CTX_CHANGE_STATUS);
        char *label = xasprintf("%s:", field_label(field_info(st->field)));
        ui_ask_line(ui, Q_VALUE, label, NULL);
        free(label);
        return UI_DIRTY;
    }
    return UI_DIRTY;
}

/* "Set Status to Confirmed for 20 people? (u undoes)" */
static int ask_apply(struct participants_state *st, struct ui *ui, const char *value)
{
    free(st->value);
    st->value = xstrdup(value);
    const struct field *f = field_info(st->field);
    const char *shown = f->type == FT_CHOICE ? choice_label(f, value) : value;
    char *q = xasprintf(P_("Set %s to \"%s\" for %zu person? (u undoes)",
                           "Set %s to \"%s\" for %zu people? (u undoes)", st->nmarked),
                        field_label(f), shown, st->nmarked);
    ui_ask_confirm(ui, Q_APPLY, q);
    free(q);
    return UI_DIRTY;
}

static int status_chosen(struct participants_state *st, struct ui *ui, const struct ui_answer *a)
{
    static const struct {
        enum action action;
        const char *status;
    } statuses[] = {{A_STATUS_INVITED, "invited"},
                    {A_STATUS_CONFIRMED, "confirmed"},
                    {A_STATUS_ATTENDED, "attended"},
                    {A_STATUS_ABSENT, "absent"},
                    {A_STATUS_CANCELLED, "cancelled"}};
    for (size_t i = 0; a->given && i < sizeof statuses / sizeof statuses[0]; i++)
        if (statuses[i].action == a->action) return ask_apply(st, ui, statuses[i].status);
    return UI_DIRTY;
}

static int apply(struct participants_state *st, struct ui *ui)
{
    struct record *changes = record_new(KIND_ATTENDANCE);
    record_set(changes, st->field, st->value);
    struct bulk_edit done = {0};
    char *err = NULL;
    if (bulk_edit_records(ui->db, changes, st->marked, st->nmarked, &done, &err) != 0) {
        show_error(ui, err);
    } else {
        const struct field *f = field_info(st->field);
        ui_message(ui, false,
                   P_("%s set for %zu person: u undoes", "%s set for %zu people: u undoes", done.n),
                   field_label(f), done.n);
        undo_bulk_edited(ui->undo, &done);
        ui_data_changed(ui);
    }
    bulk_edit_free(&done);
    record_free(&changes);
    return UI_DIRTY;
}

/* ---- one row: edit, add, remove ---- */

static int edit_current(struct participants_state *st, struct ui *ui)
{
    if (!st->n) return UI_HANDLED;
    struct record *r = NULL;
    char *err = NULL;
    if (record_load(ui->db, KIND_ATTENDANCE, st->rows[st->cursor].id, &r, &err) != 0) {
        show_error(ui, err);
        return UI_DIRTY;
    }
    ui_push(ui, form_screen_new(ui, r));
    return UI_FULL;
}

static int add_participant(struct participants_state *st, struct ui *ui)
{
    struct record *r = record_new(KIND_ATTENDANCE);
    char id[32];
    snprintf(id, sizeof id, "%lld", st->event_id);
    record_set(r, F_ATTENDANCE_EVENT_ID, id);
    ui_push(ui, form_screen_new(ui, r));
    return UI_FULL;
}

static int ask_remove(struct participants_state *st, struct ui *ui)
{
    if (!st->n) return UI_HANDLED;
    const struct participant *p = &st->rows[st->cursor];
    st->removing = p->id;
    char *q = xasprintf(_("Take %s off this event's list? (u undoes)"), p->name);
    ui_ask_confirm(ui, Q_REMOVE, q);
    free(q);
    return UI_DIRTY;
}

static int remove_answered(struct participants_state *st, struct ui *ui, bool yes)
{
    struct record *before = NULL;
    char *err = NULL;
    if (!yes) return UI_DIRTY;
    if (record_load(ui->db, KIND_ATTENDANCE, st->removing, &before, &err) != 0 ||
        record_delete(ui->db, KIND_ATTENDANCE, st->removing, &err) != 0) {
        show_error(ui, err);
    } else {
        undo_record_deleted(ui->undo, before);
        ui_message(ui, false, "%s", _("Taken off the list: u undoes"));
        ui_data_changed(ui);
    }
    record_free(&before);
    return UI_DIRTY;
}

static int participants_answer(struct screen *s, struct ui *ui, int question,
                               const struct ui_answer *a)
{
    struct participants_state *st = s->state;
    switch (question) {
    case Q_FIELD:
        return field_chosen(st, ui, a);
    case Q_STATUS:
        return status_chosen(st, ui, a);
    case Q_VALUE:
        return a->given ? ask_apply(st, ui, a->text) : UI_DIRTY;
    case Q_APPLY:
        if (a->given) return apply(st, ui);
        ui_message(ui, false, "%s", _("Nothing changed."));
        return UI_DIRTY;
    default:
        return remove_answered(st, ui, a->given);
    }
}

static int participants_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct participants_state *st = s->state;
    switch (a) {
    case A_UP:
        return up(st, ui);
    case A_DOWN:
        return down(st, ui);
    case A_PAGE_UP:
        return page_up(st, ui);
    case A_PAGE_DOWN:
        return page_down(st, ui);
    case A_HOME:
        first_page(st, ui);
        return UI_DIRTY;
    case A_END:
        last_page(st, ui);
        return UI_DIRTY;
    case A_MARK:
        return mark_current(st, ui);
    case A_MARK_ALL:
        return mark_all(st, ui);
    case A_MARK_NONE:
        return mark_none(st);
    case A_CHANGE_MARKED:
        return ask_change(st, ui);
    case A_OPEN:
        return edit_current(st, ui);
    case A_ADD:
        return add_participant(st, ui);
    case A_DELETE:
        return ask_remove(st, ui);
    case A_UNDO:
        return ui_undo(ui);
    case A_HELP: /* this list's keys and its questions' */
        ui_push(ui, help_screen_new(ui, CTX_PARTICIPANTS | CTX_CHANGE_FIELD | CTX_CHANGE_STATUS));
        return UI_FULL;
    case A_BACK:
        return UI_POP;
    default:
        return UI_UNHANDLED;
    }
}

static int participants_reload(struct screen *s, struct ui *ui)
{
    struct participants_state *st = s->state;
    refetch(st, ui);
    prune_marks(st, ui);
    return UI_DIRTY;
}

static char *participants_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct participants_state *st = s->state;
    static const enum action which[] = {A_MARK,      A_CHANGE_MARKED, A_OPEN, A_MARK_ALL,
                                        A_MARK_NONE, A_UNDO,          A_HELP, A_BACK};
    char *keys = ui_key_hints(s->ops->contexts, which, sizeof which / sizeof which[0]);
    char *hints = st->nmarked ? xasprintf(P_("%zu marked  %s", "%zu marked  %s", st->nmarked),
                                          st->nmarked, keys)
                              : xstrdup(keys);
    free(keys);
    return hints;
}

static void participants_close(struct screen *s)
{
    struct participants_state *st = s->state;
    participants_free(st->rows, st->n);
    free(st->marked);
    free(st->title);
    free(st->value);
    free(st);
}

static const struct screen_ops participants_ops = {
    .name = "participants",
    .contexts = CTX_PARTICIPANTS,
    .draw = participants_draw,
    .key = participants_key,
    .reload = participants_reload,
    .hints = participants_hints,
    .answer = participants_answer,
    .close = participants_close,
};

struct screen *participants_screen_new(struct ui *ui, long long event_id)
{
    struct participants_state *st = xcalloc(1, sizeof *st);
    st->event_id = event_id;
    st->dirty[0] = st->dirty[1] = -1;
    struct record *ev = NULL;
    char *err = NULL;
    if (record_load(ui->db, KIND_EVENT, event_id, &ev, &err) == 0)
        st->title = record_display_name(ev);
    else
        free(err);
    if (!st->title) st->title = xstrdup("");
    record_free(&ev);
    layout(st, ui);
    st->height = page_height(ui);
    count(st, ui);
    first_page(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &participants_ops;
    s->state = st;
    return s;
}
