/* The Calendar tab: a month with the days that hold events, tasks due or the next meetings
 * of recurring events marked, and under it the chosen day's list. Arrows move by day and
 * week, PgUp/PgDn by month; Enter goes into the day's list, and on an item opens it. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "agenda.h"
#include "agendaview.h"
#include "calendar.h"
#include "messages.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* A day's cell: the day right-aligned in three columns, then * when it holds something. */
enum { CELL = 4, GRID_WIDTH = 7 * CELL, FIRST_WEEKDAY = 0 /* Sunday, as Thai calendars */ };

struct calendar_state {
    struct date day;        /* the chosen day */
    struct month_grid grid; /* its month */
    bool busy[31];          /* the days of that month that hold something: the marks */
    struct agenda meetings; /* the next meetings of the months around the chosen one: */
    struct date meetings_from, meetings_to; /* computed once for these, not for each month */
    struct agenda items; /* what covers the chosen day (a month at 1,000,000 members holds
                            4,000 items: only the day's are read) */
    bool in_list;        /* Enter was pressed: Up and Down move in the day's list */
    int row;             /* the chosen item of the day's list */
    int top;             /* the first item of the day's list in view */
};

static void load_failed(struct ui *ui, char *err)
{
    ui_message(ui, true, "%s", err);
    free(err);
}

/* What covers the chosen day, read again. */
static void load_day(struct calendar_state *st, struct ui *ui)
{
    agenda_free(&st->items);
    char *err = NULL;
    if (agenda_day(ui->db, st->day, &st->meetings, &st->items, &err) != 0) load_failed(ui, err);
}

/* Series' next meetings from a year around first..last: reading every series is most of a
 * month's cost at 1,000,000 members, so paging through months reuses them. */
enum { MEETING_MONTHS = 6 };

static void load_meetings(struct calendar_state *st, struct ui *ui, struct date first)
{
    agenda_free(&st->meetings);
    st->meetings_from = date_add_months(first, -MEETING_MONTHS);
    st->meetings_to = calendar_add_days(date_add_months(first, MEETING_MONTHS + 1), -1);
    char *err = NULL;
    if (agenda_meetings(ui->db, st->meetings_from, st->meetings_to, date_today(), &st->meetings,
                        &err) != 0) {
        st->meetings_from = st->meetings_to = (struct date){0, 0, 0}; /* read again next time */
        load_failed(ui, err);
    }
}

/* The month of st->day (its marks) and the day, read again; fresh: the meetings too (the data
 * changed). */
static void load_month(struct calendar_state *st, struct ui *ui, bool fresh)
{
    calendar_month_grid(st->day.year, st->day.month, FIRST_WEEKDAY, &st->grid);
    struct date first = {st->day.year, st->day.month, 1};
    struct date last = {st->day.year, st->day.month,
                        calendar_days_in_month(st->day.year, st->day.month)};
    if (fresh || st->meetings_from.year == 0 || date_cmp(first, st->meetings_from) < 0 ||
        date_cmp(last, st->meetings_to) > 0)
        load_meetings(st, ui, first);
    char *err = NULL;
    if (agenda_busy_days(ui->db, first, last, &st->meetings, st->busy, &err) != 0)
        load_failed(ui, err);
    load_day(st, ui);
}

/* text right-aligned in cols columns at y, x. */
static void draw_right(int y, int x, int cols, const char *text, int attr)
{
    int pad = cols - (int)text_width(text);
    if (pad > 0) ui_draw_text(y, x, pad, "", A_NORMAL);
    ui_draw_text(y, x + (pad > 0 ? pad : 0), cols - (pad > 0 ? pad : 0), text, attr);
}

static void draw_grid(struct calendar_state *st, struct ui *ui)
{
    int y = ui->body_top;
    char title[96];
    calendar_month_title(st->grid.year, st->grid.month, title, sizeof title);
    ui_clear_line(y, 0);
    draw_right(y, 0, (GRID_WIDTH + (int)text_width(title)) / 2, title, A_BOLD);
    ui_clear_line(++y, 0);
    for (int col = 0; col < 7; col++)
        draw_right(y, col * CELL, CELL - 1, calendar_weekday_initial((FIRST_WEEKDAY + col) % 7),
                   A_NORMAL);
    struct date today = date_today();
    for (int week = 0; week < CALENDAR_MAX_WEEKS; week++) {
        ui_clear_line(++y, 0);
        for (int col = 0; col < 7 && week < st->grid.weeks; col++) {
            int day = st->grid.day[week][col];
            if (!day) continue;
            struct date d = {st->grid.year, st->grid.month, day};
            char cell[8];
            snprintf(cell, sizeof cell, "%d", day);
            int attr = date_cmp(d, today) == 0 ? A_BOLD | A_UNDERLINE : A_NORMAL;
            if (day == st->day.day) attr |= A_REVERSE;
            draw_right(y, col * CELL, CELL - 1, cell, attr);
            if (st->busy[day - 1]) ui_draw_text(y, col * CELL + CELL - 1, 1, "*", A_BOLD);
        }
    }
}

/* The chosen day's heading and list, from row y to the bottom of the body. */
static void draw_day(struct calendar_state *st, struct ui *ui, int y)
{
    int bottom = ui->body_top + ui->body_rows;
    char *heading = agenda_day_heading(st->day);
    if (y < bottom) ui_draw_text(y++, 0, ui->cols, heading, A_BOLD);
    free(heading);
    int n = (int)st->items.n;
    int rows = bottom - y;
    if (st->row >= st->top + rows) st->top = st->row - rows + 1;
    if (st->row < st->top) st->top = st->row;
    if (n == 0 && y < bottom) {
        char *nothing = xasprintf("  %s", _("Nothing on this day."));
        ui_draw_text(y++, 0, ui->cols, nothing, A_NORMAL);
        free(nothing);
    }
    for (int i = st->top; i < n && y < bottom; i++) {
        char *text = agenda_item_text(&st->items.items[i]);
        bool chosen = st->in_list && i == st->row;
        char *line = xasprintf("%s %s", chosen ? ">" : " ", text); /* > as in a detail */
        ui_draw_text(y++, 0, ui->cols, line, chosen ? A_REVERSE : A_NORMAL);
        free(line);
        free(text);
    }
    while (y < bottom)
        ui_clear_line(y++, 0);
}

static void calendar_draw(struct screen *s, struct ui *ui, bool full)
{
    (void)full;
    struct calendar_state *st = s->state;
    draw_grid(st, ui);
    int y = ui->body_top + 2 + CALENDAR_MAX_WEEKS;
    ui_clear_line(y++, 0);
    draw_day(st, ui, y);
}

/* Moves the chosen day, reading the month again when it changes. */
static int go_to(struct calendar_state *st, struct ui *ui, struct date d)
{
    if (d.year == 0) return UI_HANDLED;
    bool new_month = d.year != st->day.year || d.month != st->day.month;
    st->day = d;
    st->in_list = false;
    st->row = st->top = 0;
    if (new_month)
        load_month(st, ui, false);
    else
        load_day(st, ui);
    return UI_DIRTY;
}

static int open_item(struct calendar_state *st, struct ui *ui)
{
    if (st->row >= (int)st->items.n) return UI_HANDLED;
    const struct agenda_item *it = &st->items.items[st->row];
    ui_push(ui, detail_screen_new(ui, it->what == AGENDA_TASK ? KIND_TASK : KIND_EVENT, it->id));
    return UI_FULL;
}

static int list_key(struct calendar_state *st, struct ui *ui, enum action a)
{
    int n = (int)st->items.n;
    switch (a) {
    case A_UP:
        if (st->row > 0) st->row--;
        return UI_DIRTY;
    case A_DOWN:
        if (st->row + 1 < n) st->row++;
        return UI_DIRTY;
    case A_OPEN:
        return open_item(st, ui);
    case A_BACK:
        st->in_list = false;
        return UI_DIRTY;
    default:
        return UI_UNHANDLED;
    }
}

static int calendar_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct calendar_state *st = s->state;
    if (st->in_list) {
        int r = list_key(st, ui, a);
        if (!(r & UI_UNHANDLED)) return r;
    }
    switch (a) {
    case A_DAY_PREV:
        return go_to(st, ui, calendar_add_days(st->day, -1));
    case A_DAY_NEXT:
        return go_to(st, ui, calendar_add_days(st->day, 1));
    case A_UP:
        return go_to(st, ui, calendar_add_weeks(st->day, -1));
    case A_DOWN:
        return go_to(st, ui, calendar_add_weeks(st->day, 1));
    case A_PAGE_UP:
        return go_to(st, ui, date_add_months(st->day, -1));
    case A_PAGE_DOWN:
        return go_to(st, ui, date_add_months(st->day, 1));
    case A_TODAY:
        return go_to(st, ui, date_today());
    case A_GO_MONTH:
        return ui_ask_line(ui, 0, _("Month (2553-07, ก.ค. 2553, 2010-07):"), NULL);
    case A_OPEN:
        if (!st->items.n) {
            ui_message(ui, false, "%s", _("Nothing on this day."));
            return UI_DIRTY;
        }
        st->in_list = true;
        st->row = st->top = 0;
        return UI_DIRTY;
    default:
        return UI_UNHANDLED;
    }
}

/* The month typed after g: the same day of it (its last when shorter). */
static int calendar_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    (void)question;
    struct calendar_state *st = s->state;
    if (!a->given) return UI_DIRTY;
    int year, month;
    char why[256];
    if (month_parse(a->text, &year, &month, why, sizeof why) != 0) {
        ui_message(ui, true, "%s", why);
        return UI_DIRTY;
    }
    struct date d = {year, month, st->day.day};
    if (d.day > calendar_days_in_month(year, month)) d.day = calendar_days_in_month(year, month);
    st->in_list = false;
    return go_to(st, ui, d);
}

static int calendar_reload(struct screen *s, struct ui *ui)
{
    load_month(s->state, ui, true);
    return UI_DIRTY;
}

static char *calendar_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct calendar_state *st = s->state;
    static const enum action month[] = {A_DAY_NEXT, A_DOWN, A_PAGE_DOWN, A_OPEN};
    static const enum action day[] = {A_UP, A_DOWN, A_OPEN, A_BACK};
    static const enum action help[] = {A_HELP};
    char *keys = st->in_list ? ui_key_hints(CTX_CALENDAR, day, sizeof day / sizeof day[0])
                             : ui_key_hints(CTX_CALENDAR, month, sizeof month / sizeof month[0]);
    char *more = ui_key_hints(CTX_LIST, help, 1);
    char *hints = xasprintf("%s  %s", keys, more);
    free(keys);
    free(more);
    return hints;
}

static void calendar_close(struct screen *s)
{
    struct calendar_state *st = s->state;
    agenda_free(&st->items);
    agenda_free(&st->meetings);
    free(st);
}

static const struct screen_ops calendar_ops = {
    .name = "calendar",
    .contexts = CTX_CALENDAR,
    .draw = calendar_draw,
    .key = calendar_key,
    .reload = calendar_reload,
    .hints = calendar_hints,
    .answer = calendar_answer,
    .close = calendar_close,
};

struct screen *calendar_screen_new(struct ui *ui)
{
    struct calendar_state *st = xcalloc(1, sizeof *st);
    st->day = date_today();
    load_month(st, ui, true);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &calendar_ops;
    s->state = st;
    return s;
}
