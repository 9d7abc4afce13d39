/* The check-in screen at the door of an event: a live counter, one search line whose best
 * matches show as you type, Enter checks the highlighted person in, and a short inline form
 * adds someone who is not in the roster yet. Other sessions' check-ins appear within the
 * poll interval. Keystrokes redraw only the input line and the rows that changed; an idle
 * screen sends nothing. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "checkin.h"
#include "eventdays.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "quota.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ROWS = 64, NCOLS = 5, GAP = 2, ORG_CHOICES = 8 };
enum { F_NAME, F_ORG, F_PHONE, F_COUNT };

struct checkin_state {
    long long event_id;
    char *title;
    char *counter; /* as drawn */
    struct strbuf input;
    /* Matches of the input, or the latest check-ins when it is empty. */
    struct checkin_match *rows;
    size_t nrows;
    int cursor;
    int widths[NCOLS];
    int layout_cols, layout_slots; /* the terminal size the layout and rows were made for */
    int name_cols; /* the widest name with what tells namesakes apart, 0 when none */
    /* The inline form for someone not found. */
    bool form;
    int field;
    struct strbuf values[F_COUNT];
    char **orgs; /* organisations starting with what was typed */
    size_t norgs;
    bool org_is_new;   /* what was typed names no organisation: saving adds one */
    char **categories; /* the event's quota categories, while the question is open */
    size_t ncategories;
    /* What to repaint. */
    bool all_dirty, counter_dirty, input_dirty, form_dirty;
    int header_shown;              /* which header line is on screen, -1 none */
    unsigned long long dirty_rows; /* a bit per row */
};

static const struct table_col columns[NCOLS] = {
    {NULL, 14, 0, false}, /* name */
    {NULL, 6, 12, false}, /* nickname */
    {NULL, 8, 0, false},  /* organisation */
    {NULL, 5, 5, false},  /* last phone digits */
    {NULL, 7, 10, false}, /* ✓ 09:12, status, or — */
};

static int counter_y(const struct ui *ui)
{
    return ui->body_top;
}
static int input_y(const struct ui *ui)
{
    return ui->body_top + 1;
}
static int header_y(const struct ui *ui)
{
    return ui->body_top + 2;
}
static int rows_y(const struct ui *ui)
{
    return ui->body_top + 3;
}

static int row_slots(const struct ui *ui)
{
    int n = ui->body_rows - 3;
    return n < 0 ? 0 : n > MAX_ROWS ? MAX_ROWS : n;
}

static const char *prompt(const struct ui *ui)
{
    (void)ui;
    return _("Name, nickname or phone: ");
}

/* The form's labels, padded to one width so the values line up in Thai too. malloc'd. */
static char *person_label(int f)
{
    static const char *const labels[F_COUNT] = {N_("Full name: "), N_("Organisation: "),
                                                N_("Phone: ")};
    size_t w = 0;
    for (int i = 0; i < F_COUNT; i++)
        w = text_width(_(labels[i])) > w ? text_width(_(labels[i])) : w;
    return text_fit(_(labels[f]), w);
}

/* ---------------------------------------------------------------------------------------- */
/* Fetching                                                                                 */
/* ---------------------------------------------------------------------------------------- */

static void mark_row(struct checkin_state *st, int i)
{
    if (i >= 0 && i < MAX_ROWS) st->dirty_rows |= 1ULL << i;
}

/* "name (what tells them apart)" for a namesake in the same organisation, else the name.
 * malloc'd. */
static char *name_cell(const struct checkin_match *m)
{
    return *m->apart ? xasprintf("%s (%s)", m->name, m->apart) : xstrdup(m->name);
}

/* Namesakes among the rows: the name column is laid out again for their longer names. */
static void fit_names(struct checkin_state *st, const struct checkin_match *rows, size_t n)
{
    int widest = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*rows[i].apart) continue;
        char *cell = name_cell(&rows[i]);
        int w = (int)text_width(cell);
        widest = w > widest ? w : widest;
        free(cell);
    }
    if (widest == st->name_cols) return;
    st->name_cols = widest;
    st->layout_cols = -1; /* the next draw lays out and repaints everything */
}

/* Takes fresh rows, marking only the slots whose content or highlight changed. */
static void adopt_rows(struct checkin_state *st, struct checkin_match *rows, size_t n,
                       int old_cursor)
{
    fit_names(st, rows, n);
    size_t most = n > st->nrows ? n : st->nrows;
    for (size_t i = 0; i < most; i++)
        if (i >= n || i >= st->nrows || !checkin_match_same(&rows[i], &st->rows[i]) ||
            ((int)i == old_cursor) != ((int)i == st->cursor))
            mark_row(st, (int)i);
    checkin_matches_free(st->rows, st->nrows);
    st->rows = rows;
    st->nrows = n;
}

/* Where the highlight goes in fresh rows: on the same person as before, wherever the new
 * order put them (another session's check-in reorders), so Enter never takes someone else. */
static int follow_cursor(const struct checkin_state *st, long long member_id,
                         const struct checkin_match *rows, size_t n)
{
    if (!st->input.len || n == 0) return -1;
    for (size_t i = 0; member_id && i < n; i++)
        if (rows[i].member_id == member_id) return (int)i;
    return 0;
}

/* Refetches the rows; keep_person: the highlight stays on whom it was on. */
static int refetch_rows(struct checkin_state *st, struct ui *ui, bool keep_person)
{
    struct checkin_match *rows;
    size_t n;
    char *err = NULL;
    int limit = row_slots(ui);
    int rc = st->input.len
                 ? checkin_search(ui->db, st->event_id, sb_str(&st->input), limit, &rows, &n, &err)
                 : checkin_recent(ui->db, st->event_id, limit, &rows, &n, &err);
    if (rc != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return -1;
    }
    int old_cursor = st->cursor;
    long long person = keep_person && st->cursor >= 0 && st->cursor < (int)st->nrows
                           ? st->rows[st->cursor].member_id
                           : 0;
    st->cursor = follow_cursor(st, person, rows, n);
    adopt_rows(st, rows, n, old_cursor);
    return 0;
}

static void refetch_counter(struct checkin_state *st, struct ui *ui)
{
    struct event_summary sum;
    char *err = NULL;
    if (event_summary(ui->db, st->event_id, &sum, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return;
    }
    char *text = checkin_counter(&sum);
    event_summary_free(&sum);
    if (st->counter && strcmp(text, st->counter) == 0) {
        free(text);
        return;
    }
    free(st->counter);
    st->counter = text;
    st->counter_dirty = true;
}

static void refetch_orgs(struct checkin_state *st, struct ui *ui)
{
    strings_free(st->orgs, st->norgs);
    st->orgs = NULL;
    st->norgs = 0;
    char *err = NULL;
    long long id = 0;
    const char *typed = sb_str(&st->values[F_ORG]);
    if (*typed &&
        (checkin_org_names(ui->db, typed, ORG_CHOICES, &st->orgs, &st->norgs, &err) != 0 ||
         checkin_org_find(ui->db, typed, &id, &err) != 0)) {
        ui_message(ui, true, "%s", err);
        free(err);
    }
    st->org_is_new = *typed && !id;
    st->form_dirty = true; /* the form, with the choices under it */
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* The name column widens for namesakes, whose name carries what tells them apart, up to half
 * the screen (the last phone digits, cut first, have their own column). */
static void layout(struct checkin_state *st, struct ui *ui)
{
    struct table_col cols[NCOLS];
    memcpy(cols, columns, sizeof cols);
    int most = (ui->cols - 1) / 2;
    cols[0].min = st->name_cols > most          ? most
                  : st->name_cols > cols[0].min ? st->name_cols
                                                : cols[0].min;
    table_layout(cols, NCOLS, ui->cols - 1, st->widths);
    st->layout_cols = ui->cols;
    st->layout_slots = row_slots(ui);
}

static void draw_counter(struct checkin_state *st, struct ui *ui)
{
    const char *counter = st->counter ? st->counter : "";
    int w = (int)text_width(counter);
    if (w > ui->cols) w = ui->cols;
    ui_draw_text(counter_y(ui), 0, w, counter, A_BOLD);
    char *title = xasprintf("  %s", st->title ? st->title : "");
    ui_draw_text(counter_y(ui), w, ui->cols - w, title, A_NORMAL);
    free(title);
}

/* A label, then text from where the label ends to the end of the line. */
static void draw_labelled(struct ui *ui, int y, const char *label, const char *text, int attr)
{
    int w = (int)text_width(label);
    if (w > ui->cols) w = ui->cols;
    ui_draw_text(y, 0, w, label, attr);
    ui_draw_text(y, w, ui->cols - w, text, A_NORMAL);
}

static void draw_input(struct checkin_state *st, struct ui *ui)
{
    draw_labelled(ui, input_y(ui), prompt(ui), sb_str(&st->input), st->form ? A_NORMAL : A_BOLD);
}

enum header { H_LATEST, H_START, H_NOBODY, H_MATCHES };

static enum header header_kind(const struct checkin_state *st)
{
    if (!st->input.len) return st->nrows ? H_LATEST : H_START;
    return st->nrows ? H_MATCHES : H_NOBODY;
}

static void draw_header(struct checkin_state *st, struct ui *ui)
{
    const char *text[] = {
        [H_LATEST] = _("Latest check-ins:"),
        [H_START] = _("Type part of a name, nickname or phone number."),
        [H_NOBODY] = _("Nobody matches: Enter or Ctrl-N adds a new person."),
        [H_MATCHES] = _("Enter checks in the highlighted person (Up/Down to choose)."),
    };
    st->header_shown = (int)header_kind(st);
    ui_draw_text(header_y(ui), 0, ui->cols, text[st->header_shown], A_UNDERLINE);
}

static void draw_row(struct checkin_state *st, struct ui *ui, int i)
{
    int y = rows_y(ui) + i;
    if (i >= (int)st->nrows) {
        ui_clear_line(y, 0);
        return;
    }
    const struct checkin_match *m = &st->rows[i];
    bool current = i == st->cursor;
    size_t plen = strlen(m->phone);
    char *status = checkin_status_text(m);
    /* A namesake in the same organisation carries what tells them apart beside the name. */
    char *name = name_cell(m);
    const char *cells[NCOLS] = {name, m->nickname, m->organisation,
                                plen > 4 ? m->phone + plen - 4 : m->phone, status};
    ui_draw_text(y, 0, 1, current ? ">" : " ", A_BOLD);
    int x = 1;
    for (int c = 0; c < NCOLS; c++) {
        int attr = (c == 0 && current) ? A_REVERSE : (c == 4 && *m->checked_in_at) ? A_BOLD : 0;
        ui_draw_text(y, x, st->widths[c], cells[c], attr);
        x += st->widths[c];
        if (c + 1 < NCOLS && x < ui->cols) {
            ui_draw_text(y, x, GAP, "", A_NORMAL);
            x += GAP;
        }
    }
    if (x < ui->cols) ui_clear_line(y, x);
    free(status);
    free(name);
}

static void draw_form(struct checkin_state *st, struct ui *ui)
{
    ui_draw_text(header_y(ui), 0, ui->cols, _("New person: they are added and checked in."),
                 A_UNDERLINE);
    int y = rows_y(ui), last = ui->body_top + ui->body_rows;
    for (int f = 0; f < F_COUNT && y < last; f++, y++) {
        char *label = person_label(f);
        draw_labelled(ui, y, label, sb_str(&st->values[f]), f == st->field ? A_BOLD : A_NORMAL);
        free(label);
    }
    if (y < last) ui_clear_line(y++, 0);
    if (st->field == F_ORG && st->org_is_new && y < last)
        ui_draw_text(y++, 2, ui->cols - 2,
                     _("(a new organisation: saving adds it; Tab completes a known one)"),
                     A_NORMAL);
    for (size_t i = 0; st->field == F_ORG && i < st->norgs && y < last; i++)
        ui_draw_text(y++, 2, ui->cols - 2, st->orgs[i], A_NORMAL);
    while (y < last)
        ui_clear_line(y++, 0);
}

static void draw_rows(struct checkin_state *st, struct ui *ui, bool all)
{
    int slots = row_slots(ui);
    for (int i = 0; i < slots; i++)
        if (all || (st->dirty_rows & (1ULL << i))) draw_row(st, ui, i);
    for (int y = rows_y(ui) + slots; all && y < ui->body_top + ui->body_rows; y++)
        ui_clear_line(y, 0);
}

static void checkin_draw(struct screen *s, struct ui *ui, bool full)
{
    struct checkin_state *st = s->state;
    if (st->layout_cols != ui->cols || st->layout_slots != row_slots(ui)) {
        /* Resized: a taller terminal has room for more matches. */
        layout(st, ui);
        if (!st->form) refetch_rows(st, ui, true);
        full = true;
    }
    full = full || st->all_dirty;
    if (full || st->counter_dirty) draw_counter(st, ui);
    if (full || st->input_dirty) draw_input(st, ui);
    if (st->form) {
        if (full || st->form_dirty || st->dirty_rows) draw_form(st, ui);
    } else {
        if (full || st->header_shown != (int)header_kind(st)) draw_header(st, ui);
        draw_rows(st, ui, full);
    }
    st->all_dirty = st->counter_dirty = st->input_dirty = st->form_dirty = false;
    st->dirty_rows = 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Keys                                                                                     */
/* ---------------------------------------------------------------------------------------- */

static bool is_text_key(int key)
{
    return key >= 32 && key < 0x110000 && key != 127;
}

static bool is_backspace(int key)
{
    return key == UI_FN(KEY_BACKSPACE) || key == 127 || key == 8;
}

static bool is_enter(int key)
{
    return key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER);
}

static int input_changed(struct checkin_state *st, struct ui *ui)
{
    st->input_dirty = true;
    refetch_rows(st, ui, false); /* new words: the best match is highlighted */
    return UI_DIRTY;
}

static int move_cursor(struct checkin_state *st, int by)
{
    int to = st->cursor + by;
    if (st->cursor < 0 || to < 0 || to >= (int)st->nrows) return UI_HANDLED;
    mark_row(st, st->cursor);
    mark_row(st, to);
    st->cursor = to;
    return UI_DIRTY;
}

/* After a check-in: the line is cleared for the next person and every screen refetches. */
static void after_write(struct checkin_state *st, struct ui *ui)
{
    sb_reset(&st->input);
    st->input_dirty = true;
    mark_row(st, st->cursor);
    st->cursor = -1;
    ui_data_changed(ui);
}

static void report(struct ui *ui, int rc, const struct checkin_result *res, char *err, bool added)
{
    char when[32] = "";
    if (rc >= 0 && res->checked_in_at && *res->checked_in_at)
        checkin_time(res->checked_in_at, when, sizeof when);
    if (rc == CHECKIN_DONE && res->found)
        ui_message(ui, false,
                   _("✓ %s (member %lld, by their phone) checked in at %s: not added "
                     "again"),
                   res->name, res->member_id, when);
    else if (rc == CHECKIN_DONE && added && res->namesake)
        ui_message(ui, false,
                   _("✓ %s added and checked in at %s; member %lld has the same name: they may "
                     "be one person"),
                   res->name, when, res->namesake);
    else if (rc == CHECKIN_DONE)
        ui_message(ui, false,
                   added ? _("✓ %s added and checked in at %s") : _("✓ %s checked in at %s"),
                   res->name, when);
    else if (rc == CHECKIN_ALREADY)
        ui_message(ui, true, _("%s is already checked in: at %s by %s"), res->name, when,
                   res->checked_in_by);
    else
        ui_message(ui, true, "%s", err);
    free(err);
}

static int check_in(struct checkin_state *st, struct ui *ui)
{
    if (st->cursor < 0 || st->cursor >= (int)st->nrows) return UI_HANDLED;
    struct checkin_result res;
    char *err = NULL;
    int rc =
        checkin_member(ui->db, ui->undo, st->event_id, st->rows[st->cursor].member_id, &res, &err);
    report(ui, rc, &res, err, false);
    checkin_result_free(&res);
    if (rc == CHECKIN_DONE) after_write(st, ui);
    return UI_DIRTY;
}

static bool all_digits(const char *s)
{
    bool any = false;
    for (; *s; s++) {
        if ((*s < '0' || *s > '9') && !strchr(" -+()", *s)) return false;
        any = any || (*s >= '0' && *s <= '9');
    }
    return any;
}

/* The form starts from what was typed: digits are the phone, anything else the name. */
static int open_form(struct checkin_state *st, struct ui *ui)
{
    for (int f = 0; f < F_COUNT; f++)
        sb_reset(&st->values[f]);
    const char *typed = sb_str(&st->input);
    bool phone = all_digits(typed);
    sb_add(&st->values[phone ? F_PHONE : F_NAME], typed);
    st->field = phone && *typed ? F_NAME : st->values[F_NAME].len ? F_ORG : F_NAME;
    st->form = true;
    refetch_orgs(st, ui);
    st->input_dirty = true;
    return UI_DIRTY;
}

static int close_form(struct checkin_state *st, struct ui *ui)
{
    st->form = false;
    strings_free(st->orgs, st->norgs);
    st->orgs = NULL;
    st->norgs = 0;
    st->all_dirty = true;
    refetch_rows(st, ui, false);
    return UI_DIRTY;
}

/* F1: letters, ? included, belong to the search line. */
static int help(struct ui *ui)
{
    ui_push(ui, help_screen_new(ui, UI_ALL_CONTEXTS));
    return UI_FULL;
}

/* The event's title, and at a multi-day event the day check-ins record. */
static void day_title(struct checkin_state *st, struct ui *ui, const char *title)
{
    char day[11];
    struct date d;
    char shown[64] = "";
    if (checkin_day_for(ui->db, st->event_id, day, NULL) && date_from_iso(day, &d) == 0)
        date_format(d, messages_thai() ? DATE_THAI : DATE_CE, shown, sizeof shown);
    free(st->title);
    st->title = *shown ? xasprintf(_("%s · day %s"), title, shown) : xstrdup(title);
}

/* Ctrl-T: check-ins record the event's next day (after its last, its first again). */
static int next_day(struct checkin_state *st, struct ui *ui)
{
    char day[11], **days = NULL, *err = NULL;
    size_t n = 0;
    if (!checkin_day_for(ui->db, st->event_id, day, NULL) ||
        event_days(ui->db, st->event_id, &days, &n, &err) != 0) {
        free(err);
        ui_message(ui, false, "%s", _("This event lasts one day."));
        return UI_DIRTY;
    }
    size_t at = 0;
    while (at < n && strcmp(days[at], day) != 0)
        at++;
    checkin_day_choose(days[(at + 1) % n]);
    event_days_free(days, n);
    struct record *ev = NULL;
    if (record_load(ui->db, KIND_EVENT, st->event_id, &ev, &err) == 0)
        day_title(st, ui, record_get(ev, F_EVENT_TITLE));
    free(err);
    record_free(&ev);
    st->counter_dirty = true;
    return UI_DIRTY;
}

static int search_key(struct checkin_state *st, struct ui *ui, int key, enum action a)
{
    if (is_text_key(key)) {
        sb_add_codepoint(&st->input, (uint32_t)key);
        return input_changed(st, ui);
    }
    enum action edit = ui_action_for(CTX_PROMPT, key);
    if (edit == A_ERASE || edit == A_CLEAR_LINE) {
        if (edit == A_ERASE)
            sb_drop_codepoint(&st->input);
        else
            sb_reset(&st->input);
        return input_changed(st, ui);
    }
    switch (a) {
    case A_UP:
        return move_cursor(st, -1);
    case A_DOWN:
        return move_cursor(st, 1);
    case A_OPEN:
        if (st->nrows && st->input.len) return check_in(st, ui);
        return st->input.len ? open_form(st, ui) : UI_HANDLED;
    case A_ADD:
        return open_form(st, ui);
    case A_UNDO:
        return ui_undo(ui);
    case A_BACK:
        if (key != UI_ESC) return UI_HANDLED;
        if (!st->input.len) return UI_POP;
        sb_reset(&st->input);
        return input_changed(st, ui);
    case A_HELP:
        return help(ui);
    case A_CHECKIN_DAY:
        return next_day(st, ui);
    default:
        return UI_UNHANDLED; /* redraw */
    }
}

/* Tab in the organisation field: the whole name when one fits, else what all share. */
static void complete_org(struct checkin_state *st)
{
    if (!st->norgs) return;
    size_t common = strlen(st->orgs[0]);
    for (size_t i = 1; i < st->norgs; i++) {
        size_t k = 0;
        while (k < common && st->orgs[i][k] == st->orgs[0][k])
            k++;
        common = k;
    }
    /* Never stop inside a UTF-8 sequence. */
    while (common && ((unsigned char)st->orgs[0][common] & 0xC0) == 0x80)
        common--;
    if (common > st->values[F_ORG].len) {
        sb_reset(&st->values[F_ORG]);
        sb_addn(&st->values[F_ORG], st->orgs[0], common);
    }
}

/* The line of the form that holds the part of the person the store refused. */
static int line_of(enum field_id failed)
{
    switch (failed) {
    case F_MEMBER_PHONE:
        return F_PHONE;
    case F_MEMBER_ORGANISATIONS:
        return F_ORG;
    case F_FULL_NAME:
    case F_MEMBER_TITLE:
    case F_MEMBER_GIVEN_NAME:
    case F_MEMBER_FAMILY_NAME:
        return F_NAME;
    default:
        return -1;
    }
}

/* The question check-in asks about a walk-in. */
enum { Q_CATEGORY = 1 };

static int add_person(struct checkin_state *st, struct ui *ui, const char *category);

/* At an event with quotas a walk-in is asked the quota category they come under, with one
 * key (1-9; any other: none); the answer adds them (checkin_answer). */
static int save_form(struct checkin_state *st, struct ui *ui)
{
    char *err = NULL;
    strings_free(st->categories, st->ncategories);
    st->categories = NULL;
    st->ncategories = 0;
    if (quota_categories(ui->db, st->event_id, &st->categories, &st->ncategories, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    if (!st->ncategories) return add_person(st, ui, NULL);
    struct strbuf label = STRBUF_INIT;
    sb_add(&label, _("Category:"));
    for (size_t i = 0; i < st->ncategories; i++)
        sb_addf(&label, "  %zu %s", i + 1, st->categories[i]);
    sb_addf(&label, "  %s", _("(another key: none)"));
    int r = ui_ask_choice(ui, Q_CATEGORY, sb_str(&label), CTX_CATEGORY);
    sb_free(&label);
    return r;
}

static int checkin_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    struct checkin_state *st = s->state;
    if (question != Q_CATEGORY || !st->form) return UI_HANDLED;
    size_t k = a->given ? (size_t)(a->action - A_CATEGORY_1) : st->ncategories;
    return add_person(st, ui, k < st->ncategories ? st->categories[k] : NULL);
}

static int add_person(struct checkin_state *st, struct ui *ui, const char *category)
{
    struct checkin_person p = {sb_str(&st->values[F_NAME]), sb_str(&st->values[F_ORG]),
                               sb_str(&st->values[F_PHONE]), category};
    struct checkin_result res;
    char *err = NULL;
    int rc = checkin_new_member(ui->db, ui->undo, st->event_id, &p, &res, &err);
    int bad = rc < 0 ? line_of(res.failed) : -1;
    report(ui, rc, &res, err, true);
    checkin_result_free(&res);
    if (rc < 0) {
        if (bad >= 0) st->field = bad;
        st->all_dirty = true;
        return UI_DIRTY;
    }
    st->form = false;
    strings_free(st->orgs, st->norgs);
    st->orgs = NULL;
    st->norgs = 0;
    st->all_dirty = true;
    after_write(st, ui);
    return UI_DIRTY;
}

static int move_field(struct checkin_state *st, struct ui *ui, int by)
{
    int to = st->field + by;
    if (to < 0 || to >= F_COUNT) return UI_HANDLED;
    st->field = to;
    refetch_orgs(st, ui);
    return UI_DIRTY;
}

/* Keys of the new-person form: the CTX_NEW_PERSON actions. */
static int form_key(struct checkin_state *st, struct ui *ui, int key, enum action a)
{
    struct strbuf *v = &st->values[st->field];
    if (is_text_key(key) || is_backspace(key)) {
        if (is_backspace(key))
            sb_drop_codepoint(v);
        else
            sb_add_codepoint(v, (uint32_t)key);
        if (st->field == F_ORG) refetch_orgs(st, ui);
        mark_row(st, st->field);
        return UI_DIRTY;
    }
    switch (a) {
    case A_COMPLETE:
        if (st->field != F_ORG || !st->norgs) return move_field(st, ui, 1);
        complete_org(st);
        refetch_orgs(st, ui);
        return UI_DIRTY;
    case A_SAVE:
        return save_form(st, ui);
    case A_NEXT_FIELD:
        if (is_enter(key) && st->field == F_COUNT - 1) return save_form(st, ui);
        return move_field(st, ui, 1);
    case A_PREV_FIELD:
        return move_field(st, ui, -1);
    case A_BACK:
        return close_form(st, ui);
    case A_HELP:
        return help(ui);
    default:
        return a == A_REDRAW ? UI_UNHANDLED : UI_HANDLED;
    }
}

static int checkin_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    struct checkin_state *st = s->state;
    return st->form ? form_key(st, ui, key, ui_action_for(CTX_NEW_PERSON, key))
                    : search_key(st, ui, key, a);
}

/* ---------------------------------------------------------------------------------------- */
/* The rest of the screen                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* This session or another changed data: refetch the counter and the rows shown. */
static int checkin_reload(struct screen *s, struct ui *ui)
{
    struct checkin_state *st = s->state;
    refetch_counter(st, ui);
    if (!st->form) refetch_rows(st, ui, true);
    bool dirty = st->counter_dirty || st->form_dirty || st->all_dirty || st->dirty_rows ||
                 st->input_dirty || (!st->form && st->header_shown != (int)header_kind(st));
    return dirty ? UI_DIRTY : UI_HANDLED;
}

static void checkin_cursor(struct screen *s, struct ui *ui, int *y, int *x)
{
    struct checkin_state *st = s->state;
    char *label = st->form ? person_label(st->field) : xstrdup(prompt(ui));
    const char *text = st->form ? sb_str(&st->values[st->field]) : sb_str(&st->input);
    *y = st->form ? rows_y(ui) + st->field : input_y(ui);
    *x = (int)(text_width(label) + text_width(text));
    free(label);
    if (*x >= ui->cols) *x = ui->cols - 1;
}

static char *checkin_hints(struct screen *s, struct ui *ui)
{
    struct checkin_state *st = s->state;
    (void)ui;
    static const enum action form[] = {A_NEXT_FIELD, A_COMPLETE, A_SAVE, A_BACK};
    if (st->form) return ui_key_hints(CTX_NEW_PERSON, form, 4);
    static const enum action which[] = {A_OPEN, A_ADD, A_UNDO, A_BACK};
    return ui_key_hints(CTX_CHECKIN, which, 4);
}

static void checkin_close(struct screen *s)
{
    struct checkin_state *st = s->state;
    checkin_day_choose(NULL);
    free(st->title);
    free(st->counter);
    sb_free(&st->input);
    for (int f = 0; f < F_COUNT; f++)
        sb_free(&st->values[f]);
    checkin_matches_free(st->rows, st->nrows);
    strings_free(st->orgs, st->norgs);
    strings_free(st->categories, st->ncategories);
    free(st);
}

static const struct screen_ops checkin_ops = {
    .name = "checkin",
    .contexts = CTX_CHECKIN,
    .draw = checkin_draw,
    .key = checkin_key,
    .reload = checkin_reload,
    .cursor = checkin_cursor,
    .hints = checkin_hints,
    .answer = checkin_answer,
    .close = checkin_close,
};

static char *event_title(struct ui *ui, long long event_id)
{
    struct record *ev = NULL;
    char *err = NULL;
    if (record_load(ui->db, KIND_EVENT, event_id, &ev, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return NULL;
    }
    checkin_day_choose(NULL); /* today, or the event's first day */
    struct checkin_state probe = {.event_id = event_id};
    day_title(&probe, ui, record_get(ev, F_EVENT_TITLE));
    char *title = probe.title;
    if (ev->deleted_at) ui_message(ui, true, "%s", _("This event was deleted."));
    record_free(&ev);
    return title;
}

struct screen *checkin_screen_new(struct ui *ui, long long event_id)
{
    struct checkin_state *st = xcalloc(1, sizeof *st);
    st->event_id = event_id;
    st->cursor = -1;
    st->header_shown = -1;
    st->title = event_title(ui, event_id);
    layout(st, ui);
    refetch_counter(st, ui);
    refetch_rows(st, ui, false);
    st->all_dirty = true;
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &checkin_ops;
    s->state = st;
    return s;
}
