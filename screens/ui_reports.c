/* The Reports tab: the goals with their bars at the top, then the year's totals (events held,
 * attendances, people, organisations, subdistricts and provinces reached), the members by
 * province and the year's events. Enter drills down to what stands behind a number: a goal's
 * people or events, a province's members, an event's report and a subdistrict's attendees,
 * each a screen of its own that Esc or q closes; Enter on a person, an organisation or an
 * event there opens its detail. A report is read when it opens and when the data changes, and
 * drawn once: a move repaints the two rows it touches, and nothing is sent while idle. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "goal.h"
#include "goalview.h"
#include "messages.h"
#include "report.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many people or events a drill-down lists: the first ones, with how many there are. */
enum { DRILL_ROWS = 500 };

/* What a report screen shows, and what Enter on a line opens. */
enum view { V_ROOT, V_GOAL, V_PROVINCE, V_EVENT, V_SUBDISTRICT };

enum line_kind {
    L_HEADING, /* a section's title */
    L_TEXT,    /* a sentence (a goal's progress, "no goals yet") */
    L_NUMBER,  /* a label, a count (against a target), a bar */
};

enum drill {
    D_NONE,
    D_GOAL,        /* id: the goal */
    D_PROVINCE,    /* key: its code, "" for none */
    D_EVENT,       /* id: the event's report */
    D_SUBDISTRICT, /* key: the subdistrict, id: the event */
    D_RECORD,      /* kind, id: a record's detail */
};

struct rline {
    enum line_kind kind;
    char *label;
    long long count, target; /* target 0: none */
    long long scale;         /* the bar's full length when there is no target */
    bool plain;              /* a name alone: no count, no bar (a province's members) */
    char *note;              /* after the bar: a goal's due or reached date */
    enum drill drill;
    enum kind rec_kind;
    long long id;
    char *key;
};

struct reports_state {
    enum view view;
    long long id; /* the goal or event shown */
    char *key;    /* the province or subdistrict shown */
    int year;     /* the root's period: this calendar year */
    struct rline *lines;
    size_t n;
    long long cursor, top;
    bool all_dirty;
    long long dirty[2]; /* lines to repaint, -1 for none */
    bool stale;         /* the data changed while another screen was on top */
    /* The tab just opened: the goals are drawn first, the year's totals, the provinces and
     * the events below them right after (they are read in as long again on 100,000 members),
     * so the first screen does not wait for the long list. */
    bool goals_only, rest_pending;
};

/* --- the lines ------------------------------------------------------------------------ */

static struct rline *add_line(struct reports_state *st, enum line_kind kind, char *label)
{
    st->lines = xrealloc(st->lines, sizeof *st->lines * (st->n + 1));
    struct rline *l = &st->lines[st->n++];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->label = label;
    return l;
}

static struct rline *add_number(struct reports_state *st, char *label, long long count,
                                long long target, long long scale)
{
    struct rline *l = add_line(st, L_NUMBER, label);
    l->count = count;
    l->target = target;
    l->scale = scale;
    return l;
}

static void clear_lines(struct reports_state *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->lines[i].label);
        free(st->lines[i].note);
        free(st->lines[i].key);
    }
    free(st->lines);
    st->lines = NULL;
    st->n = 0;
}

static long long table_max(const struct report_table *t)
{
    long long max = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].count > max) max = t->rows[i].count;
    return max;
}

/* A goal's line: its count against its target, and the date it was or will be reached. */
static void goal_line(struct reports_state *st, const struct goal_progress *g)
{
    struct rline *l = add_number(st, xstrdup(g->title), g->actual, g->target, 0);
    char d[64];
    if (g->reached) {
        goal_date_text(g->reached_on, d, sizeof d);
        l->note = xstrdup(d);
    } else if (g->has_projection) {
        goal_date_text(g->projected, d, sizeof d);
        l->note = xasprintf("≈ %s%s", d, g->on_track ? "" : "!");
    }
    l->drill = D_GOAL;
    l->id = g->id;
}

static int root_goals(struct reports_state *st, struct ui *ui, char **err)
{
    struct goal_progress *g;
    size_t n;
    if (goals_progress(ui->db, date_today(), &g, &n, err) != 0) return -1;
    add_line(st, L_HEADING, xasprintf("%s (%zu)", _("Goals"), n));
    for (size_t i = 0; i < n; i++)
        goal_line(st, &g[i]);
    if (!n) add_line(st, L_TEXT, xstrdup(_("  No goals yet: a adds one.")));
    goals_progress_free(g, n);
    return 0;
}

static int root_provinces(struct reports_state *st, struct ui *ui, char **err)
{
    struct report_table t;
    if (report_members_by(ui->db, REPORT_BY_PROVINCE, &t, err) != 0) return -1;
    add_line(st, L_HEADING, xstrdup(_("Members by province")));
    long long max = table_max(&t);
    for (size_t i = 0; i < t.n; i++) {
        const struct report_row *r = &t.rows[i];
        struct rline *l =
            add_number(st, xstrdup(*r->label ? r->label : _("(none)")), r->count, 0, max);
        l->drill = D_PROVINCE;
        l->key = xstrdup(r->key);
    }
    report_table_free(&t);
    return 0;
}

/* The year's totals, the members by province, then the year's events, each opening its
 * report: the long list last. */
static int root_events(struct reports_state *st, struct ui *ui, char **err)
{
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", st->year);
    snprintf(to, sizeof to, "%04d-12-31", st->year);
    struct events_filter f = {.from = from, .to = to};
    struct events_report r;
    if (report_events(ui->db, &f, &r, err) != 0) return -1;
    int be = messages_thai() ? st->year + 543 : st->year;
    add_line(st, L_HEADING, xasprintf(_("Events of %d ([ and ] change the year)"), be));
    long long max = r.attendances;
    add_number(st, xstrdup(_("Events held")), r.held, 0, (long long)r.events.n);
    add_number(st, xstrdup(_("Attendances")), r.attendances, 0, max);
    add_number(st, xstrdup(_("People reached (each once)")), r.people, 0, max);
    add_number(st, xstrdup(_("Organisations")), r.organisations, 0, max);
    add_number(st, xstrdup(_("Subdistricts")), r.subdistricts, 0, max);
    add_number(st, xstrdup(_("Provinces")), r.provinces, 0, max);
    if (root_provinces(st, ui, err) != 0) {
        events_report_free(&r);
        return -1;
    }
    add_line(st, L_HEADING, xasprintf("%s (%zu)", _("Events"), r.events.n));
    long long most = table_max(&r.events);
    for (size_t i = 0; i < r.events.n; i++) {
        const struct report_row *e = &r.events.rows[i];
        struct date d;
        char date[64] = "";
        if (date_from_iso(r.dates[i], &d) == 0) goal_date_text(d, date, sizeof date);
        struct rline *l =
            add_number(st, xasprintf("%s  %s", date, e->label), e->count, e->target, most);
        l->drill = D_EVENT;
        l->id = atoll(e->key);
    }
    events_report_free(&r);
    return 0;
}

/* Rows of people, organisations or events, each opening its record. */
static void record_lines(struct reports_state *st, const struct report_table *t, enum kind k,
                         long long total)
{
    long long max = table_max(t);
    for (size_t i = 0; i < t->n; i++) {
        struct rline *l = add_number(st, xstrdup(t->rows[i].label), t->rows[i].count, 0, max);
        l->plain = max == 0;
        if (k != KIND_COUNT) {
            l->drill = D_RECORD;
            l->rec_kind = k;
            l->id = atoll(t->rows[i].key);
        }
    }
    if (total > (long long)t->n)
        add_line(st, L_TEXT,
                 xasprintf(_("  ... the first %zu of %lld"), t->n, total)); /* DRILL_ROWS */
}

static int goal_view(struct reports_state *st, struct ui *ui, char **err)
{
    struct goal_progress g;
    if (goal_progress(ui->db, st->id, date_today(), &g, err) != 0) return -1;
    add_line(st, L_HEADING, xstrdup(g.title));
    char **lines;
    size_t n = goal_progress_lines(&g, &lines);
    for (size_t i = 0; i < n; i++) { /* whole sentences, wrapped to the screen */
        char **parts;
        size_t np = text_wrap(lines[i], (size_t)(ui->cols > 24 ? ui->cols - 4 : 20), &parts);
        for (size_t p = 0; p < np; p++)
            add_line(st, L_TEXT, xasprintf(p ? "    %s" : "  %s", parts[p]));
        strings_free(parts, np);
    }
    strings_free(lines, n);
    goal_progress_free(&g);
    struct report_table t;
    enum kind k;
    long long total;
    if (goal_drill(ui->db, st->id, DRILL_ROWS, &k, &t, &total, err) != 0) return -1;
    static const char *const titles[] = {N_("Members"), N_("People who came"), N_("Events"),
                                         N_("Organisations"), N_("Subdistricts")};
    if (g.measure != GOAL_MANUAL) add_line(st, L_HEADING, xstrdup(_(titles[g.measure])));
    record_lines(st, &t, k, total);
    report_table_free(&t);
    return 0;
}

static int province_view(struct reports_state *st, struct ui *ui, char **err)
{
    struct report_table t;
    long long total;
    if (drill_province_members(ui->db, st->key, DRILL_ROWS, &t, &total, err) != 0) return -1;
    char *name = *st->key ? province_lookup(ui->db, st->key) : NULL;
    add_line(st, L_HEADING, xasprintf(_("Members in %s (%lld)"), name ? name : _("(none)"), total));
    free(name);
    record_lines(st, &t, KIND_MEMBER, total);
    report_table_free(&t);
    return 0;
}

/* An event's report: people and coverage against its targets, then its subdistricts. */
static int event_view(struct reports_state *st, struct ui *ui, char **err)
{
    struct record *ev = NULL;
    if (record_load(ui->db, KIND_EVENT, st->id, &ev, err) != 0) return -1;
    add_line(st, L_HEADING, xstrdup(record_get(ev, F_EVENT_TITLE)));
    record_free(&ev);
    struct event_report r;
    if (event_report(ui->db, st->id, &r, err) != 0) return -1;
    long long came = r.status[REPORT_ATTENDED];
    struct rline *l = add_number(st, xstrdup(_("People who came")), came, r.target, came);
    l->drill = D_RECORD; /* the event's detail lists them */
    l->rec_kind = KIND_EVENT;
    l->id = st->id;
    add_number(st, xstrdup(_("Organisations represented")), r.organisations, r.target_orgs, came);
    add_number(st, xstrdup(_("Subdistricts")), r.subdistricts, r.target_subdistricts, came);
    add_number(st, xstrdup(_("Districts")), r.districts, r.target_districts, came);
    add_number(st, xstrdup(_("Provinces")), r.provinces, r.target_provinces, came);
    event_report_free(&r);
    struct report_table t;
    if (report_event_by(ui->db, st->id, REPORT_BY_SUBDISTRICT, &t, err) != 0) return -1;
    add_line(st, L_HEADING, xstrdup(_("Who came, by subdistrict")));
    long long max = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.rows[i].status[REPORT_ATTENDED] > max) max = t.rows[i].status[REPORT_ATTENDED];
    long long nowhere = 0; /* those with no subdistrict, in whatever province: one line */
    for (size_t i = 0; i < t.n; i++) {
        const struct report_row *row = &t.rows[i];
        if (!*row->label) nowhere += row->status[REPORT_ATTENDED];
        if (!*row->label || !row->status[REPORT_ATTENDED]) continue;
        l = add_number(st, xstrdup(row->label), row->status[REPORT_ATTENDED], 0, max);
        l->drill = D_SUBDISTRICT;
        l->key = xstrdup(row->key);
        l->id = st->id;
    }
    if (nowhere) add_number(st, xstrdup(_("(none)")), nowhere, 0, max > nowhere ? max : nowhere);
    report_table_free(&t);
    return 0;
}

static int subdistrict_view(struct reports_state *st, struct ui *ui, char **err)
{
    struct report_table t;
    long long total;
    if (drill_subdistrict_attendees(ui->db, st->id, st->key, DRILL_ROWS, &t, &total, err) != 0)
        return -1;
    const char *place = strrchr(st->key, '/');
    add_line(st, L_HEADING,
             xasprintf(_("Who came from %s (%lld)"), place ? place + 1 : st->key, total));
    record_lines(st, &t, KIND_MEMBER, total);
    report_table_free(&t);
    return 0;
}

static bool selectable(const struct rline *l)
{
    return l->drill != D_NONE;
}

static long long next_selectable(const struct reports_state *st, long long from, int step)
{
    for (long long i = from; i >= 0 && i < (long long)st->n; i += step)
        if (selectable(&st->lines[i])) return i;
    return -1;
}

/* Reads the report again, keeping the cursor on a line that can be opened. */
static void build(struct reports_state *st, struct ui *ui)
{
    clear_lines(st);
    char *err = NULL;
    int rc;
    switch (st->view) {
    case V_ROOT:
        rc = root_goals(st, ui, &err);
        if (rc == 0 && !st->goals_only) rc = root_events(st, ui, &err);
        st->rest_pending = st->goals_only;
        st->goals_only = false;
        break;
    case V_GOAL:
        rc = goal_view(st, ui, &err);
        break;
    case V_PROVINCE:
        rc = province_view(st, ui, &err);
        break;
    case V_EVENT:
        rc = event_view(st, ui, &err);
        break;
    default:
        rc = subdistrict_view(st, ui, &err);
        break;
    }
    if (rc != 0) {
        add_line(st, L_TEXT, err ? err : xstrdup(""));
        err = NULL;
    }
    free(err);
    if (st->cursor >= (long long)st->n || st->cursor < 0 || !selectable(&st->lines[st->cursor]))
        st->cursor = next_selectable(st, st->cursor > 0 ? st->cursor : 0, 1);
    if (st->cursor < 0) st->cursor = next_selectable(st, (long long)st->n - 1, -1);
    st->all_dirty = true;
}

/* --- drawing --------------------------------------------------------------------------- */

/* Columns right of the label: the count (against a target), the percentage, the bar, the
 * note; narrower terminals drop the note first. */
enum { COUNT_COLS = 11, PERCENT_COLS = 5, BAR_COLS = 10, NOTE_COLS = 15 };

static void draw_right(int y, int x, int cols, const char *text, int attr)
{
    int pad = cols - (int)text_width(text);
    if (pad > 0) ui_draw_text(y, x, pad, "", attr);
    ui_draw_text(y, x + (pad > 0 ? pad : 0), cols - (pad > 0 ? pad : 0), text, attr);
}

static void draw_number(const struct rline *l, int y, int cols, int attr)
{
    int note = cols >= 70 ? NOTE_COLS + 1 : 0;
    int label = cols - 2 - (COUNT_COLS + 1) - (PERCENT_COLS + 1) - (BAR_COLS + 1) - note;
    if (label < 8) label = 8;
    int x = 2;
    ui_draw_text(y, x, label, l->label, attr);
    x += label;
    char count[48], percent[16] = "";
    if (l->target > 0) {
        snprintf(count, sizeof count, "%lld/%lld", l->count, l->target);
        snprintf(percent, sizeof percent, "%lld%%", l->count * 100 / l->target);
    } else {
        snprintf(count, sizeof count, "%lld", l->count);
    }
    draw_right(y, x, COUNT_COLS + 1, count, attr);
    x += COUNT_COLS + 1;
    draw_right(y, x, PERCENT_COLS + 1, percent, attr);
    x += PERCENT_COLS + 1;
    ui_draw_text(y, x++, 1, "", attr);
    char *bar = goal_bar(l->count, l->target > 0 ? l->target : l->scale, BAR_COLS, false);
    ui_draw_text(y, x, BAR_COLS, bar, attr);
    free(bar);
    x += BAR_COLS;
    if (note) {
        ui_draw_text(y, x++, 1, "", attr);
        ui_draw_text(y, x, cols - x, l->note ? l->note : "", attr);
    }
}

static void draw_line(struct reports_state *st, struct ui *ui, long long i)
{
    int y = ui->body_top + (int)(i - st->top);
    if (i < st->top || y >= ui->body_top + ui->body_rows) return;
    if (i >= (long long)st->n) {
        ui_clear_line(y, 0);
        return;
    }
    const struct rline *l = &st->lines[i];
    bool chosen = i == st->cursor;
    int attr = chosen ? A_REVERSE : A_NORMAL;
    if (l->kind == L_HEADING) {
        ui_draw_text(y, 0, ui->cols, l->label, A_BOLD);
        return;
    }
    ui_draw_text(y, 0, 2, chosen ? ">" : "", attr);
    if (l->kind == L_TEXT || l->plain)
        ui_draw_text(y, 2, ui->cols - 2, l->label, attr);
    else
        draw_number(l, y, ui->cols, attr);
}

/* The cursor's line in view, scrolling by whole pages' worth of lines as needed. */
static bool scroll_to_cursor(struct reports_state *st, struct ui *ui)
{
    long long top = st->top;
    if (st->cursor >= 0 && st->cursor < st->top) st->top = st->cursor;
    if (st->cursor >= st->top + ui->body_rows) st->top = st->cursor - ui->body_rows + 1;
    /* the heading above the first line that opens, in view */
    if (st->cursor >= 0 && st->top == st->cursor && st->top > 0 &&
        st->lines[st->top - 1].kind == L_HEADING)
        st->top--;
    return st->top != top;
}

/* The rest of the root under the goals already on the terminal: the lines are added below
 * them, so what is shown stays where it is and only the new lines are drawn. */
static void add_rest(struct reports_state *st, struct ui *ui)
{
    st->rest_pending = false;
    refresh();
    size_t shown = st->n;
    char *err = NULL;
    if (root_events(st, ui, &err) != 0) {
        add_line(st, L_TEXT, err ? err : xstrdup(""));
        err = NULL;
    }
    free(err);
    /* no goals: the cursor goes to the first line that can be opened among the new ones */
    if (st->cursor < 0) st->cursor = next_selectable(st, (long long)shown, 1);
    for (long long i = (long long)shown; i < st->top + ui->body_rows; i++)
        draw_line(st, ui, i);
}

static void reports_draw(struct screen *s, struct ui *ui, bool full)
{
    struct reports_state *st = s->state;
    if (st->stale) { /* back on top after the data changed under a drill-down or a form */
        st->stale = false;
        build(st, ui);
    }
    if (scroll_to_cursor(st, ui)) st->all_dirty = true;
    if (full || st->all_dirty) {
        for (long long i = st->top; i < st->top + ui->body_rows; i++)
            draw_line(st, ui, i);
    } else {
        for (int d = 0; d < 2; d++)
            if (st->dirty[d] >= 0) draw_line(st, ui, st->dirty[d]);
    }
    st->all_dirty = false;
    st->dirty[0] = st->dirty[1] = -1;
    if (st->rest_pending) add_rest(st, ui);
}

/* --- keys -------------------------------------------------------------------------------- */

static struct screen *reports_screen(struct ui *ui, enum view v, long long id, const char *key);

static int move_to(struct reports_state *st, long long line)
{
    if (line < 0 || line == st->cursor) return UI_HANDLED;
    /* keys typed ahead are handled before one draw: the line drawn as the cursor is the first
     * move's */
    if (st->dirty[0] < 0) st->dirty[0] = st->cursor;
    st->dirty[1] = line;
    st->cursor = line;
    return UI_DIRTY;
}

static int page(struct reports_state *st, struct ui *ui, int step)
{
    long long to = st->cursor + step * (ui->body_rows - 1);
    if (to < 0) to = 0;
    if (to >= (long long)st->n) to = (long long)st->n - 1;
    long long line = next_selectable(st, to, step);
    if (line < 0) line = next_selectable(st, to, -step);
    return move_to(st, line);
}

static int open_line(struct reports_state *st, struct ui *ui)
{
    if (st->cursor < 0) return UI_HANDLED;
    const struct rline *l = &st->lines[st->cursor];
    static const enum view views[] = {[D_GOAL] = V_GOAL,
                                      [D_PROVINCE] = V_PROVINCE,
                                      [D_EVENT] = V_EVENT,
                                      [D_SUBDISTRICT] = V_SUBDISTRICT};
    switch (l->drill) {
    case D_NONE:
        return UI_HANDLED;
    case D_RECORD:
        ui_push(ui, detail_screen_new(ui, l->rec_kind, l->id));
        return UI_FULL;
    default:
        ui_push(ui, reports_screen(ui, views[l->drill], l->id, l->key));
        return UI_FULL;
    }
}

/* The goal under the cursor, or the one a goal's screen shows; 0 for none. */
static long long current_goal(const struct reports_state *st)
{
    if (st->view == V_GOAL) return st->id;
    if (st->cursor >= 0 && st->lines[st->cursor].drill == D_GOAL) return st->lines[st->cursor].id;
    return 0;
}

static int edit_goal(struct reports_state *st, struct ui *ui)
{
    long long id = current_goal(st);
    if (!id) {
        ui_message(ui, false, "%s", _("Choose a goal to edit."));
        return UI_DIRTY;
    }
    struct record *r = NULL;
    char *err = NULL;
    if (record_load(ui->db, KIND_GOAL, id, &r, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    ui_push(ui, form_screen_new(ui, r));
    return UI_FULL;
}

static int change_year(struct reports_state *st, struct ui *ui, int step)
{
    if (st->view != V_ROOT) return UI_HANDLED;
    st->year += step;
    long long cursor = st->cursor;
    build(st, ui);
    st->cursor = cursor < (long long)st->n ? cursor : st->cursor;
    if (st->cursor >= 0 && !selectable(&st->lines[st->cursor]))
        st->cursor = next_selectable(st, 0, 1);
    return UI_DIRTY;
}

static int reports_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct reports_state *st = s->state;
    switch (a) {
    case A_UP:
        return move_to(st, next_selectable(st, st->cursor - 1, -1));
    case A_DOWN:
        return move_to(st, next_selectable(st, st->cursor + 1, 1));
    case A_PAGE_UP:
        return page(st, ui, -1);
    case A_PAGE_DOWN:
        return page(st, ui, 1);
    case A_HOME:
        return move_to(st, next_selectable(st, 0, 1));
    case A_END:
        return move_to(st, next_selectable(st, (long long)st->n - 1, -1));
    case A_OPEN:
        return open_line(st, ui);
    case A_BACK:
        return st->view == V_ROOT ? UI_UNHANDLED : UI_POP;
    case A_ADD:
        ui_push(ui, form_screen_new(ui, record_new(KIND_GOAL)));
        return UI_FULL;
    case A_EDIT:
        return edit_goal(st, ui);
    case A_GOALS:
        ui_push(ui, list_screen_new(ui, KIND_GOAL));
        return UI_FULL;
    case A_DAY_PREV:
    case A_DAY_NEXT:
        return change_year(st, ui, a == A_DAY_NEXT ? 1 : -1);
    default:
        return UI_UNHANDLED;
    }
}

/* Only the report on top is counted again at once: one under a drill-down or a form waits
 * until it is shown, so a check-in elsewhere does not recount every report on the stack. */
static int reports_reload(struct screen *s, struct ui *ui)
{
    struct reports_state *st = s->state;
    if (ui_top(ui) != s) {
        st->stale = true;
        return UI_HANDLED;
    }
    build(st, ui);
    return UI_DIRTY;
}

static char *reports_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct reports_state *st = s->state;
    static const enum action root[] = {A_OPEN, A_ADD, A_EDIT, A_GOALS, A_DAY_NEXT, A_HELP};
    /* the tab keys are the lists' (1-6, Tab), as on every tab */
    static const enum action drill[] = {A_OPEN, A_BACK, A_HELP};
    static const enum action goal[] = {A_OPEN, A_EDIT, A_BACK, A_HELP};
    const enum action *which = st->view == V_ROOT ? root : st->view == V_GOAL ? goal : drill;
    int n = st->view == V_ROOT ? 6 : st->view == V_GOAL ? 4 : 3;
    return ui_key_hints(CTX_REPORTS, which, n);
}

static void reports_close(struct screen *s)
{
    struct reports_state *st = s->state;
    clear_lines(st);
    free(st->key);
    free(st);
}

static const struct screen_ops reports_ops = {
    .name = "reports",
    .contexts = CTX_REPORTS,
    .draw = reports_draw,
    .key = reports_key,
    .reload = reports_reload,
    .hints = reports_hints,
    .close = reports_close,
};

static struct screen *reports_screen(struct ui *ui, enum view v, long long id, const char *key)
{
    struct reports_state *st = xcalloc(1, sizeof *st);
    st->view = v;
    st->id = id;
    st->key = xstrdup(key ? key : "");
    st->year = date_today().year;
    st->dirty[0] = st->dirty[1] = -1;
    st->goals_only = v == V_ROOT;
    build(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &reports_ops;
    s->state = st;
    return s;
}

struct screen *reports_screen_new(struct ui *ui)
{
    return reports_screen(ui, V_ROOT, 0, NULL);
}
