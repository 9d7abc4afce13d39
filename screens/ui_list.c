/* The one list widget behind Members, Organisations, Events and Tasks: it fetches only the
 * rows it shows, searches as you type, and redraws only the rows a key changed. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "freq.h"
#include "listwin.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "ui.h"
#include "utf8.h"
#include "views.h"
#include "xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLS = 8, MARK_COLS = 1 };

/* A search the list showed, kept while the user types on from it: Backspace goes back to it
 * without a query (at 1,000,000 members a count of one letter's first 10,000 matches costs
 * 60-100 ms). Kept only while the data, the order and the filters stay as they were. */
struct shown_search {
    char *text;
    long long count;
    bool capped;
    struct record **rows;
    size_t nrows;
    long long rows_start;
};
enum { TRAIL_MAX = 8 };
/* The questions a list asks. */
enum { Q_DELETE, Q_FILTER, Q_PROVINCE, Q_ORG, Q_TAG, Q_STATUS };

struct list_state {
    enum kind kind;
    struct list_query q;
    struct strbuf search; /* what the user typed after / */
    bool searching;
    int sort;
    struct listwin lw;
    struct record **rows; /* a window of rows from rows_start */
    size_t nrows;
    long long rows_start;
    int widths[MAX_COLS];
    int ncols;
    int layout_cols; /* terminal width the widths were made for */
    bool all_dirty;
    long long dirty[2];                       /* rows to repaint, -1 for none */
    char *province, *tag, *status, *org_name; /* filters, as typed */
    long long deleting;                       /* the record a delete question is about */
    int col;                                  /* the current column (F counts it) */
    char *freq_value, *freq_shown;            /* the value chosen in a frequency table */
    bool stale;    /* the search changed: query before the next draw or move */
    bool capped;   /* lw.count is COUNT_CAP + 1: there are more */
    char *queried; /* the search that count and rows belong to, NULL for none */
    struct shown_search trail[TRAIL_MAX]; /* the searches before it, shortest first: each is
                                             a prefix of the next */
    int ntrail;
    char today[16];
};

static int list_height(const struct ui *ui)
{
    return ui->body_rows - 1; /* below the column headers */
}

static void free_rows(struct list_state *st)
{
    list_free(st->rows, st->nrows);
    st->rows = NULL;
    st->nrows = 0;
}

/* While the user types a search, counts stop here ("1000+ found"): a count of every match
 * of one letter would read every member on each key, and at 1,000,000 members even counting
 * to 10,000 cost a two-letter search 80-120 ms (to 1,000: 13-16 ms). The whole count is
 * made when it matters (End, a page down to the cap). */
enum { COUNT_CAP = 1000 };

/* Takes a page of rows into the window, before or after what it holds, keeping at most
 * WINDOW_PAGES pages. */
enum { WINDOW_PAGES = 6 };

static void window_take(struct list_state *st, struct record **rows, size_t n, bool before,
                        int height)
{
    size_t keep = (size_t)height * WINDOW_PAGES;
    struct record **all = xmalloc(sizeof *all * (st->nrows + n + 1));
    struct record **first = before ? rows : st->rows, **second = before ? st->rows : rows;
    size_t nfirst = before ? n : st->nrows, nsecond = before ? st->nrows : n;
    if (nfirst) memcpy(all, first, sizeof *all * nfirst);
    if (nsecond) memcpy(all + nfirst, second, sizeof *all * nsecond);
    if (before) st->rows_start -= (long long)n;
    size_t total = st->nrows + n;
    free(st->rows);
    free(rows);
    st->rows = all;
    st->nrows = total;
    if (total <= keep) return;
    size_t drop = total - keep;
    if (before) { /* the far end is the last rows */
        for (size_t i = keep; i < total; i++)
            record_free(&all[i]);
    } else {
        for (size_t i = 0; i < drop; i++)
            record_free(&all[i]);
        memmove(all, all + drop, sizeof *all * keep);
        st->rows_start += (long long)drop;
    }
    st->nrows = keep;
}

static bool count_capped(const struct list_state *st)
{
    return st->capped && st->lw.count > COUNT_CAP;
}

/* Fetches the rows around index. Moves by a page or two and End are walks of an index from a
 * row already shown (paging by key); only a jump into the middle of a long list counts rows
 * from the start (OFFSET). */
static int fetch_window(struct list_state *st, struct ui *ui, long long index)
{
    int h = st->lw.height > 0 ? st->lw.height : 1;
    struct record **rows;
    size_t n;
    char *err = NULL;
    long long end = st->rows_start + (long long)st->nrows;
    int rc;
    if (st->nrows && index >= end && index < end + 2LL * h) {
        rc = list_fetch_from(ui->db, &st->q, st->rows[st->nrows - 1]->id, LIST_AFTER,
                             (int)(index - end) + 2 * h, &rows, &n, &err);
        if (rc == 0) window_take(st, rows, n, false, h);
    } else if (st->nrows && index < st->rows_start && index >= st->rows_start - 2LL * h) {
        rc = list_fetch_from(ui->db, &st->q, st->rows[0]->id, LIST_BEFORE,
                             (int)(st->rows_start - index) + 2 * h, &rows, &n, &err);
        if (rc == 0) window_take(st, rows, n, true, h);
    } else if (index < 3LL * h || (index >= st->lw.count - 3LL * h && !count_capped(st))) {
        /* the first or the last pages: from the start or back from the end */
        bool last = index >= 3LL * h;
        rc = list_fetch_from(ui->db, &st->q, 0, last ? LIST_BEFORE : LIST_AFTER, 3 * h, &rows, &n,
                             &err);
        if (rc == 0) {
            free_rows(st);
            st->rows = rows;
            st->nrows = n;
            st->rows_start = last ? st->lw.count - (long long)n : 0;
        }
    } else {
        long long start = index - h > 0 ? index - h : 0;
        rc = list_fetch(ui->db, &st->q, start, 3 * h, &rows, &n, &err);
        if (rc == 0) {
            free_rows(st);
            st->rows = rows;
            st->nrows = n;
            st->rows_start = start;
        }
    }
    if (rc != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return -1;
    }
    return 0;
}

static struct record *row_at(struct list_state *st, struct ui *ui, long long index)
{
    if (index < 0 || index >= st->lw.count) return NULL;
    if (index < st->rows_start || index >= st->rows_start + (long long)st->nrows)
        if (fetch_window(st, ui, index) != 0) return NULL;
    long long i = index - st->rows_start;
    return i >= 0 && i < (long long)st->nrows ? st->rows[i] : NULL;
}

/* Counts what the list shows: up to the cap while a search is typed. */
static void count_rows(struct list_state *st, struct ui *ui, bool capped)
{
    char *err = NULL;
    st->capped = capped && st->q.search;
    if (list_count_upto(ui->db, &st->q, st->capped ? COUNT_CAP + 1 : 0, &st->lw.count, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        st->lw.count = 0;
    }
    if (!count_capped(st)) st->capped = false;
}

static void forget_search(struct shown_search *m)
{
    free(m->text);
    list_free(m->rows, m->nrows);
}

/* The order, a filter or the data changed: the searches shown before are no longer true. */
static void forget_searches(struct list_state *st)
{
    while (st->ntrail > 0)
        forget_search(&st->trail[--st->ntrail]);
}

static bool is_prefix(const char *prefix, const char *text)
{
    return strncmp(prefix, text, strlen(prefix)) == 0;
}

/* Typing on from the search shown keeps it in the trail (its rows move there). */
static void keep_search(struct list_state *st, const char *typed)
{
    if (!st->queried || !typed || strlen(st->queried) >= strlen(typed) ||
        !is_prefix(st->queried, typed) || st->ntrail == TRAIL_MAX)
        return;
    st->trail[st->ntrail++] = (struct shown_search){
        xstrdup(st->queried), st->lw.count, st->capped, st->rows, st->nrows, st->rows_start};
    st->rows = NULL;
    st->nrows = 0;
}

/* Backspace (or a paste that shortens the search) back to a search in the trail: its count and
 * rows come back. Searches in the trail that typed is not an extension of go. */
static bool recall_search(struct list_state *st, const char *typed)
{
    while (st->ntrail > 0 && (!typed || !is_prefix(st->trail[st->ntrail - 1].text, typed)))
        forget_search(&st->trail[--st->ntrail]);
    if (!st->ntrail || strcmp(st->trail[st->ntrail - 1].text, typed) != 0) return false;
    struct shown_search *m = &st->trail[--st->ntrail];
    free_rows(st);
    st->rows = m->rows;
    st->nrows = m->nrows;
    st->rows_start = m->rows_start;
    st->lw.count = m->count;
    st->capped = m->capped;
    free(m->text);
    return true;
}

/* Reads the list again for st->search; typing: the search changed as the user typed, and may
 * go back to one the trail holds. */
static void query(struct list_state *st, struct ui *ui, bool typing)
{
    st->stale = false;
    st->q.search = st->search.len ? sb_str(&st->search) : NULL;
    st->q.sort = list_sort_keys(st->kind)[st->sort];
    bool recalled = false;
    if (typing) {
        keep_search(st, st->q.search);
        recalled = recall_search(st, st->q.search);
    } else {
        forget_searches(st);
    }
    free(st->queried);
    st->queried = st->q.search ? xstrdup(st->q.search) : NULL;
    if (!recalled) count_rows(st, ui, true);
    st->lw.height = list_height(ui);
    listwin_clamp(&st->lw);
    if (!recalled) {
        free_rows(st);
        st->rows_start = -1;
    }
    st->all_dirty = true;
}

static void requery(struct list_state *st, struct ui *ui)
{
    query(st, ui, false);
}

/* The list is another one (a search cleared, another order, the deleted records): the cursor
 * goes to its top. Kept where it was, it would stand on an unrelated row, and a window in the
 * middle of a long list is read with OFFSET (a whole walk from the first row; at 1,000,000
 * members Esc after End in a search took 44 ms). */
static void restart(struct list_state *st, struct ui *ui)
{
    st->lw.cursor = st->lw.top = 0;
    requery(st, ui);
}

/* The whole count, before a move that goes past a capped one. */
static void uncap(struct list_state *st, struct ui *ui, long long to)
{
    if (!count_capped(st) || to < st->lw.count - 1) return;
    count_rows(st, ui, false);
    listwin_clamp(&st->lw);
    free_rows(st);
    st->rows_start = -1;
}

/* Keys typed ahead (a paste, or typing faster than a query) change the search without a
 * query each: the query runs once, before the list is next drawn or moved. */
static void fresh(struct list_state *st, struct ui *ui)
{
    if (st->stale) query(st, ui, true);
}

static void layout(struct list_state *st, struct ui *ui)
{
    const struct view_col *view = view_columns(st->kind);
    struct table_col cols[MAX_COLS];
    for (st->ncols = 0; st->ncols < view_column_count(st->kind); st->ncols++)
        cols[st->ncols] = (struct table_col){NULL, view[st->ncols].min, view[st->ncols].max,
                                             view[st->ncols].right};
    /* The layout leaves two columns between cells; the screen uses one, so it may lay out
     * that much wider. */
    st->ncols = table_layout(cols, st->ncols, ui->cols - MARK_COLS + st->ncols - 1, st->widths);
    st->layout_cols = ui->cols;
    if (st->col >= st->ncols) st->col = st->ncols - 1;
}

static bool task_overdue(const struct list_state *st, const struct record *r)
{
    if (st->kind != KIND_TASK) return false;
    const char *due = record_get(r, F_TASK_DUE_DATE), *status = record_get(r, F_TASK_STATUS);
    return *due && strcmp(due, st->today) < 0 &&
           (strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0);
}

static void draw_row(struct list_state *st, struct ui *ui, long long index)
{
    int y = ui->body_top + 1 + (int)(index - st->lw.top);
    if (index < st->lw.top || index >= st->lw.top + st->lw.height) return;
    struct record *r = row_at(st, ui, index);
    if (!r) {
        ui_clear_line(y, 0);
        return;
    }
    bool current = index == st->lw.cursor;
    bool overdue = task_overdue(st, r);
    /* The highlight is a marker and the id cell only: moving it repaints a few cells, not
     * two whole rows of Thai text. Overdue tasks carry "!" so monochrome shows them too. */
    ui_draw_text(y, 0, MARK_COLS, current ? ">" : overdue ? "!" : " ", current ? A_BOLD : A_NORMAL);
    int x = MARK_COLS;
    const struct view_col *view = view_columns(st->kind);
    for (int c = 0; c < st->ncols; c++) {
        char *cell = view_cell(r, &view[c], DATE_THAI);
        int attr = c == 0 && current ? A_REVERSE : A_NORMAL;
        if (overdue && c > 0) attr |= ui->color ? (int)COLOR_PAIR(1) | A_BOLD : A_BOLD;
        if (view[c].right) {
            int w = (int)text_width(cell);
            int pad = st->widths[c] - w > 0 ? st->widths[c] - w : 0;
            ui_draw_text(y, x, pad, "", A_NORMAL);
            ui_draw_text(y, x + pad, st->widths[c] - pad, cell, attr);
        } else {
            ui_draw_text(y, x, st->widths[c], cell, attr);
        }
        free(cell);
        x += st->widths[c];
        if (c + 1 < st->ncols) {
            ui_draw_text(y, x, 1, " ", A_NORMAL);
            x += 1;
        }
    }
    if (x < ui->cols) ui_clear_line(y, x);
}

static void draw_headers(struct list_state *st, struct ui *ui)
{
    const struct view_col *view = view_columns(st->kind);
    int x = MARK_COLS;
    ui_draw_text(ui->body_top, 0, MARK_COLS, " ", A_NORMAL);
    for (int c = 0; c < st->ncols; c++) {
        /* The current column's header is reversed: F counts that column. */
        ui_draw_text(ui->body_top, x, st->widths[c], view_header(st->kind, &view[c]),
                     A_BOLD | A_UNDERLINE | (c == st->col ? A_REVERSE : 0));
        x += st->widths[c];
        if (c + 1 < st->ncols) ui_draw_text(ui->body_top, x++, 1, " ", A_NORMAL);
    }
    if (x < ui->cols) ui_clear_line(ui->body_top, x);
}

static void draw_empty(struct list_state *st, struct ui *ui)
{
    const char *text;
    if (st->q.search || st->q.deleted || st->q.freq_value)
        text = _("Nothing matches.");
    else if (st->kind == KIND_MEMBER)
        text = _("No members yet. Press a to add the first member, or quit and run "
                 "`khai demo` to load demo data (`khai --help` lists every command).");
    else
        text = _("Nothing here yet. Press a to add one.");
    char **lines;
    size_t n = text_wrap(text, (size_t)(ui->cols > 4 ? ui->cols - 2 : 2), &lines);
    for (size_t i = 0; i < n && (int)i + 2 < ui->body_rows; i++)
        ui_draw_text(ui->body_top + 2 + (int)i, 1, ui->cols - 2, lines[i], A_NORMAL);
    strings_free(lines, n);
}

static void list_draw(struct screen *s, struct ui *ui, bool full)
{
    struct list_state *st = s->state;
    fresh(st, ui);
    if (st->layout_cols != ui->cols || st->lw.height != list_height(ui)) {
        layout(st, ui);
        st->lw.height = list_height(ui);
        listwin_clamp(&st->lw);
        full = true;
    }
    if (full || st->all_dirty) {
        draw_headers(st, ui);
        for (int i = 0; i < st->lw.height; i++)
            if (st->lw.top + i < st->lw.count)
                draw_row(st, ui, st->lw.top + i);
            else
                ui_clear_line(ui->body_top + 1 + i, 0);
        if (st->lw.count == 0) draw_empty(st, ui);
    } else {
        for (int i = 0; i < 2; i++)
            if (st->dirty[i] >= 0) draw_row(st, ui, st->dirty[i]);
    }
    st->all_dirty = false;
    st->dirty[0] = st->dirty[1] = -1;
}

static int apply_move(struct list_state *st, struct listwin_delta d)
{
    if (d.change == LW_NONE) return UI_HANDLED;
    if (d.change == LW_ROWS) {
        /* Moves typed ahead are drawn once: the row to clear is where the highlight was
         * last drawn, the first move's old row. */
        if (st->dirty[0] < 0) st->dirty[0] = d.old_cursor;
        st->dirty[1] = st->lw.cursor;
    } else {
        /* Whole view repainted into curses' buffer; with idlok curses turns a one-line
         * shift into a terminal scroll and sends only the new line. */
        st->all_dirty = true;
    }
    return UI_DIRTY;
}

static struct record *current(struct list_state *st, struct ui *ui)
{
    return row_at(st, ui, st->lw.cursor);
}

/* d asks first; the answer (delete_answered) deletes the record asked about, wherever
 * other sessions' changes have moved the cursor meanwhile. */
static int delete_current(struct list_state *st, struct ui *ui)
{
    struct record *r = current(st, ui);
    if (!r) return UI_HANDLED;
    char *name = record_display_name(r);
    char *question = xasprintf(_("Delete %s %lld \"%s\"?"), kind_noun(r->kind), r->id, name);
    free(name);
    st->deleting = r->id;
    ui_ask_confirm(ui, Q_DELETE, question);
    free(question);
    return UI_DIRTY;
}

static int delete_answered(struct list_state *st, struct ui *ui, bool yes)
{
    struct record *before = NULL;
    char *err = NULL;
    if (!yes) {
        ui_message(ui, false, "%s", _("Not deleted."));
    } else if (record_load(ui->db, st->kind, st->deleting, &before, &err) != 0 ||
               record_delete(ui->db, st->kind, st->deleting, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    } else {
        undo_record_deleted(ui->undo, before);
        ui_message(ui, false, "%s", _("Deleted: u undoes"));
        ui_data_changed(ui);
    }
    record_free(&before);
    return UI_DIRTY;
}

static int restore_current(struct list_state *st, struct ui *ui)
{
    struct record *r = current(st, ui);
    char *err = NULL;
    if (!r) return UI_HANDLED;
    if (record_restore(ui->db, r->kind, r->id, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    ui_message(ui, false, _("Restored %lld"), r->id);
    ui_data_changed(ui);
    return UI_DIRTY;
}

static int mark_done(struct list_state *st, struct ui *ui)
{
    struct record *r = current(st, ui);
    if (!r || st->kind != KIND_TASK) return UI_UNHANDLED;
    struct record *before = record_copy(r), *edit = record_copy(r);
    record_set(edit, F_TASK_STATUS,
               strcmp(record_get(r, F_TASK_STATUS), "done") == 0 ? "open" : "done");
    char *err = NULL;
    if (record_save(ui->db, edit, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    } else {
        undo_record_edited(ui->undo, before, edit);
        ui_data_changed(ui);
    }
    record_free(&before);
    record_free(&edit);
    return UI_DIRTY;
}

static int open_form(struct ui *ui, struct record *r)
{
    ui_push(ui, form_screen_new(ui, r));
    return UI_FULL;
}

static int edit_current(struct list_state *st, struct ui *ui)
{
    struct record *r = current(st, ui);
    return r ? open_form(ui, record_copy(r)) : UI_HANDLED;
}

static int new_task_for_event(struct list_state *st, struct ui *ui)
{
    struct record *ev = current(st, ui);
    if (!ev || st->kind != KIND_EVENT) return UI_UNHANDLED;
    struct record *task = record_new(KIND_TASK);
    char id[32];
    snprintf(id, sizeof id, "%lld", ev->id);
    record_set(task, F_TASK_EVENT_ID, id);
    return open_form(ui, task);
}

/* The search line edits as a status-line prompt does (CTX_PROMPT keys); a change queries
 * when the list is next drawn (fresh), once for all the keys typed ahead. */
static int search_key(struct list_state *st, int key)
{
    switch (ui_action_for(CTX_PROMPT, key)) {
    case A_CANCEL:
        st->searching = false;
        sb_reset(&st->search);
        break;
    case A_ACCEPT:
        st->searching = false;
        return UI_DIRTY;
    case A_ERASE:
        sb_drop_codepoint(&st->search);
        break;
    case A_CLEAR_LINE:
        sb_reset(&st->search);
        break;
    default:
        if (key < 32 || key >= 0x110000) return UI_HANDLED;
        sb_add_codepoint(&st->search, (uint32_t)key);
    }
    st->lw.cursor = st->lw.top = 0;
    st->stale = true;
    return UI_DIRTY;
}

static bool province_lookup_ok(struct ui *ui, const char *value)
{
    char *name = province_lookup(ui->db, value);
    if (!name) ui_message(ui, true, _("no such province: \"%s\""), value);
    free(name);
    return name != NULL;
}

/* Takes value (may be NULL: the filter is off). */
static void set_filter(char **slot, char *value)
{
    free(*slot);
    *slot = value && *value ? value : NULL;
    if (!*slot) free(value);
}

static void set_frequency_filter(struct list_state *st, enum field_id f, const char *value,
                                 const char *shown)
{
    free(st->freq_value);
    free(st->freq_shown);
    st->freq_value = value ? xstrdup(value) : NULL;
    struct view_col col = {f, 0, 0, false};
    st->freq_shown = shown ? xasprintf("%s: %s", view_header(st->kind, &col), shown) : NULL;
    st->q.freq_field = f;
    st->q.freq_value = st->freq_value;
}

/* f asks which filter (p, o, t, s, c: the CTX_FILTER actions), then its value. */
static int filter_chosen(struct list_state *st, struct ui *ui, enum action a)
{
    switch (a) {
    case A_FILTER_PROVINCE:
        return ui_ask_line(ui, Q_PROVINCE, _("Province:"), st->province);
    case A_FILTER_ORG:
        return ui_ask_line(ui, Q_ORG, _("Organisation:"), st->org_name);
    case A_FILTER_TAG:
        return ui_ask_line(ui, Q_TAG, _("Tag:"), st->tag);
    case A_FILTER_STATUS:
        return ui_ask_line(ui, Q_STATUS, _("Status:"), st->status);
    case A_FILTER_CLEAR:
        set_filter(&st->province, NULL);
        set_filter(&st->tag, NULL);
        set_filter(&st->status, NULL);
        set_filter(&st->org_name, NULL);
        st->q.org_id = 0;
        set_frequency_filter(st, F_NONE, NULL, NULL);
        return UI_DIRTY;
    default:
        return UI_HANDLED;
    }
}

/* The value typed for a filter; Esc (value NULL) takes the filter off. Returns false when
 * the value names nothing, leaving the filters as they were. */
static bool filter_typed(struct list_state *st, struct ui *ui, int question, const char *value)
{
    char *v = value ? xstrdup(value) : NULL;
    if (question == Q_PROVINCE) {
        if (v && *v && !province_lookup_ok(ui, v)) {
            free(v);
            return false;
        }
        set_filter(&st->province, v);
    } else if (question == Q_ORG) {
        st->q.org_id = 0;
        char *err = NULL;
        if (v && *v && model_find(ui->db, FT_ORG, v, &st->q.org_id, &err) != 0) {
            ui_message(ui, true, "%s", err);
            free(err);
            free(v);
            return false;
        }
        set_filter(&st->org_name, v);
    } else {
        set_filter(question == Q_TAG ? &st->tag : &st->status, v);
    }
    return true;
}

static int list_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    struct list_state *st = s->state;
    if (question == Q_DELETE) return delete_answered(st, ui, a->given);
    if (question == Q_FILTER) {
        int r = filter_chosen(st, ui, a->action);
        if (a->action != A_FILTER_CLEAR) return r;
    } else if (!filter_typed(st, ui, question, a->given ? a->text : NULL)) {
        return UI_DIRTY;
    }
    st->q.province = st->province;
    st->q.tag = st->tag;
    st->q.status = st->status;
    st->lw.cursor = st->lw.top = 0;
    requery(st, ui);
    return UI_DIRTY;
}

static int move_column(struct list_state *st, struct ui *ui, int by)
{
    int col = st->col + by;
    if (col < 0 || col >= st->ncols) return UI_HANDLED;
    st->col = col;
    const struct view_col *view = view_columns(st->kind);
    ui_message(ui, false, _("column: %s (F counts it)"), view_header(st->kind, &view[col]));
    st->all_dirty = true;
    return UI_DIRTY;
}

/* Enter in the frequency table: the list keeps only the rows with that value. */
static void frequency_chosen(void *ctx, struct ui *ui, enum field_id f, const char *value,
                             const char *shown)
{
    struct list_state *st = ctx;
    set_frequency_filter(st, f, value, shown);
    st->lw.cursor = st->lw.top = 0;
    requery(st, ui);
}

static int clear_frequency_filter(struct list_state *st, struct ui *ui)
{
    set_frequency_filter(st, F_NONE, NULL, NULL);
    st->lw.cursor = st->lw.top = 0;
    requery(st, ui);
    return UI_DIRTY;
}

static int open_frequency(struct list_state *st, struct ui *ui)
{
    const struct view_col *view = view_columns(st->kind);
    if (st->col < 0 || st->col >= st->ncols || !freq_supported(st->kind, view[st->col].field)) {
        ui_message(ui, true, "%s", _("this column has no frequency table"));
        return UI_DIRTY;
    }
    ui_push(ui, freq_screen_new(ui, &st->q, view[st->col].field,
                                view_header(st->kind, &view[st->col]), frequency_chosen, st));
    return UI_FULL;
}

static int list_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    struct list_state *st = s->state;
    if (st->searching) return search_key(st, key);
    fresh(st, ui);
    struct record *r;
    switch (a) {
    case A_UP:
        return apply_move(st, listwin_move(&st->lw, -1));
    case A_DOWN:
        uncap(st, ui, st->lw.cursor + st->lw.height);
        return apply_move(st, listwin_move(&st->lw, 1));
    case A_PAGE_UP:
        return apply_move(st, listwin_move(&st->lw, -st->lw.height));
    case A_PAGE_DOWN:
        uncap(st, ui, st->lw.cursor + 2LL * st->lw.height);
        return apply_move(st, listwin_move(&st->lw, st->lw.height));
    case A_HOME:
        return apply_move(st, listwin_goto(&st->lw, 0));
    case A_END:
        uncap(st, ui, st->lw.count - 1);
        return apply_move(st, listwin_goto(&st->lw, st->lw.count - 1));
    case A_SEARCH:
        st->searching = true;
        return UI_DIRTY;
    case A_SORT:
        st->sort = list_sort_keys(st->kind)[st->sort + 1] ? st->sort + 1 : 0;
        restart(st, ui);
        ui_message(ui, false, _("sorted by: %s"), list_sort_keys(st->kind)[st->sort]);
        return UI_DIRTY;
    case A_FILTER:
        return ui_ask_choice(ui, Q_FILTER, _("Filter by:"), CTX_FILTER);
    case A_COL_PREV:
    case A_COL_NEXT:
        return move_column(st, ui, a == A_COL_NEXT ? 1 : -1);
    case A_FREQ:
        return open_frequency(st, ui);
    case A_DELETED:
        st->q.deleted = !st->q.deleted;
        restart(st, ui);
        ui_message(ui, false, "%s",
                   st->q.deleted ? _("Deleted records: Enter restores, D goes back")
                                 : _("Current records"));
        return UI_DIRTY;
    case A_OPEN:
        if (st->q.deleted) return restore_current(st, ui);
        r = current(st, ui);
        if (!r) return UI_HANDLED;
        ui_push(ui, detail_screen_new(ui, st->kind, r->id));
        return UI_FULL;
    case A_ADD:
        return open_form(ui, record_new(st->kind));
    case A_EDIT:
        return edit_current(st, ui);
    case A_DELETE:
        return delete_current(st, ui);
    case A_DONE:
        return mark_done(st, ui);
    case A_ADD_TASK:
        return new_task_for_event(st, ui);
    case A_CHECKIN:
        r = current(st, ui);
        if (!r || st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, checkin_screen_new(ui, r->id));
        return UI_FULL;
    case A_PRINT:
        r = current(st, ui);
        if (!r || st->kind != KIND_EVENT) return UI_UNHANDLED;
        return ui_print_signin(ui, r->id);
    case A_PARTICIPANTS:
        r = current(st, ui);
        if (!r || st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, participants_screen_new(ui, r->id));
        return UI_FULL;
    case A_PRINT_REPORT:
        r = current(st, ui);
        if (!r || st->kind != KIND_EVENT) return UI_UNHANDLED;
        return ui_print_report(ui, r->id);
    case A_INVITE: {
        r = current(st, ui);
        if (!r || st->kind != KIND_EVENT) return UI_UNHANDLED;
        struct record *inv = record_new(KIND_INVITATION);
        char id[32];
        snprintf(id, sizeof id, "%lld", r->id);
        record_set(inv, F_INVITATION_EVENT_ID, id);
        ui_push(ui, form_screen_new(ui, inv));
        return UI_FULL;
    }
    case A_SERIES_LIST:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, list_screen_new(ui, KIND_SERIES));
        return UI_FULL;
    case A_QUIT: /* a list opened from another screen (the series) goes back */
        return ui->depth > 1 ? UI_POP : UI_UNHANDLED;
    case A_BACK:
        if (st->search.len) {
            sb_reset(&st->search);
            restart(st, ui);
            return UI_DIRTY;
        }
        if (st->freq_value) return clear_frequency_filter(st, ui);
        return ui->depth > 1 ? UI_POP : UI_UNHANDLED;
    default:
        if (key == UI_ESC && st->search.len) {
            sb_reset(&st->search);
            restart(st, ui);
            return UI_DIRTY;
        }
        if (key == UI_ESC && st->freq_value) return clear_frequency_filter(st, ui);
        return key == UI_ESC && ui->depth > 1 ? UI_POP : UI_UNHANDLED;
    }
}

/* Another session (or this one) changed data: repaint only rows whose version moved. */
/* The rows the window held, read again from the first of them (by key: no walk from the
 * start of the list, however deep the window is). */
static int reload_window(struct list_state *st, struct ui *ui, const struct record *first, size_t n,
                         long long start)
{
    struct record **rows;
    size_t got;
    char *err = NULL;
    int rc = list_fetch_from(ui->db, &st->q, first->id, LIST_AT, (int)n, &rows, &got, &err);
    free(err);
    if (rc != 0) return fetch_window(st, ui, start);
    free_rows(st);
    st->rows = rows;
    st->nrows = got;
    st->rows_start = start;
    return 0;
}

/* Another session (or this one) changed data: repaint only rows whose version moved. */
static int list_refresh(struct screen *s, struct ui *ui)
{
    struct list_state *st = s->state;
    long long old_count = st->lw.count;
    struct record **old = st->rows;
    size_t nold = st->nrows;
    long long old_start = st->rows_start;
    st->rows = NULL;
    st->nrows = 0;
    requery(st, ui);
    st->all_dirty = false;
    if (st->lw.count != old_count || !nold || reload_window(st, ui, old[0], nold, old_start) != 0 ||
        old_start != st->rows_start || nold != st->nrows) {
        st->all_dirty = true;
    } else {
        int marked = 0;
        for (size_t i = 0; i < nold; i++) {
            if (old[i]->id == st->rows[i]->id && old[i]->version == st->rows[i]->version) continue;
            if (marked < 2) st->dirty[marked] = st->rows_start + (long long)i;
            marked++;
        }
        if (marked > 2) st->all_dirty = true;
    }
    list_free(old, nold);
    return st->all_dirty || st->dirty[0] >= 0 ? UI_DIRTY : UI_HANDLED;
}

static void list_cursor(struct screen *s, struct ui *ui, int *y, int *x)
{
    struct list_state *st = s->state;
    if (!st->searching) return;
    char *prompt = xasprintf("%s %s", _("Search:"), sb_str(&st->search));
    *y = ui->rows - 1;
    *x = (int)text_width(prompt);
    if (*x >= ui->cols) *x = ui->cols - 1;
    free(prompt);
}

static char *list_hints(struct screen *s, struct ui *ui)
{
    struct list_state *st = s->state;
    fresh(st, ui);
    if (st->searching) return xasprintf("%s %s", _("Search:"), sb_str(&st->search));
    static const enum action common[] = {A_OPEN, A_SEARCH, A_ADD, A_EDIT, A_DELETE, A_SORT};
    static const enum action events[] = {A_OPEN, A_CHECKIN, A_SEARCH, A_ADD, A_EDIT, A_ADD_TASK};
    static const enum action tasks[] = {A_OPEN, A_DONE, A_SEARCH, A_ADD, A_EDIT, A_DELETE};
    const enum action *which = st->kind == KIND_EVENT  ? events
                               : st->kind == KIND_TASK ? tasks
                                                       : common;
    static const enum action last[] = {A_HELP, A_QUIT};
    char *keys = ui_key_hints(s->ops->contexts | CTX_EVENTS | CTX_TASKS, which, 6);
    char *help = ui_key_hints(s->ops->contexts, last, 2);
    struct strbuf sb = STRBUF_INIT;
    const char *filters[] = {st->search.len ? sb_str(&st->search) : NULL,
                             st->province,
                             st->org_name,
                             st->tag,
                             st->status,
                             st->freq_shown};
    bool filtered = false;
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        if (filters[i]) {
            sb_addf(&sb, "[%s] ", filters[i]);
            filtered = true;
        }
    /* A filtered list says how many it found: the tab shows the whole table. */
    if (count_capped(st))
        sb_addf(&sb, _("%d+ found  "), COUNT_CAP);
    else if (filtered || st->q.deleted)
        sb_addf(&sb, _("%lld found  "), st->lw.count);
    sb_addf(&sb, "%s  %s", keys, help);
    char *hints = sb_take(&sb);
    free(keys);
    free(help);
    return hints;
}

static void list_close(struct screen *s)
{
    struct list_state *st = s->state;
    free_rows(st);
    forget_searches(st);
    free(st->queried);
    sb_free(&st->search);
    free(st->province);
    free(st->tag);
    free(st->status);
    free(st->org_name);
    free(st->freq_value);
    free(st->freq_shown);
    free(st);
}

static const struct screen_ops list_ops = {
    .name = "list",
    .contexts = CTX_LIST,
    .draw = list_draw,
    .key = list_key,
    .reload = list_refresh,
    .cursor = list_cursor,
    .hints = list_hints,
    .answer = list_answer,
    .close = list_close,
};

static const struct screen_ops event_list_ops = {
    .name = "events",
    .contexts = CTX_LIST | CTX_EVENTS,
    .draw = list_draw,
    .key = list_key,
    .reload = list_refresh,
    .cursor = list_cursor,
    .hints = list_hints,
    .answer = list_answer,
    .close = list_close,
};

static const struct screen_ops task_list_ops = {
    .name = "tasks",
    .contexts = CTX_LIST | CTX_TASKS,
    .draw = list_draw,
    .key = list_key,
    .reload = list_refresh,
    .cursor = list_cursor,
    .hints = list_hints,
    .answer = list_answer,
    .close = list_close,
};

struct screen *list_screen_new(struct ui *ui, enum kind k)
{
    struct list_state *st = xcalloc(1, sizeof *st);
    st->kind = k;
    st->q.kind = k;
    st->dirty[0] = st->dirty[1] = -1;
    st->rows_start = -1;
    st->col = 1; /* the name, title or date: the id column counts each row once */
    date_format(date_today(), DATE_ISO, st->today, sizeof st->today);
    layout(st, ui);
    requery(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = k == KIND_EVENT ? &event_list_ops : k == KIND_TASK ? &task_list_ops : &list_ops;
    s->state = st;
    return s;
}
