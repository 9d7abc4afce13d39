/* An event's breakout groups (b on the event's detail): each group with its count,
 * facilitator and room; Enter lists its people, where m moves one to another group. Groups are
 * made, renamed, given a facilitator and a room, and everyone is put in groups by a rule or
 * balanced into N groups, after a question; u undoes a whole assignment. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "groups.h"
#include "messages.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The questions this screen asks on the status line. */
enum {
    Q_ADD = 1,
    Q_RENAME,
    Q_FACILITATOR,
    Q_ROOM,
    Q_DELETE,
    Q_RULE,
    Q_RULE_SURE,
    Q_BALANCE_N,
    Q_BALANCE_HOW,
    Q_MOVE
};

/* The most people of one group listed. */
enum { PEOPLE_MAX = 5000, HEAD_ROWS = 2 };

struct groups_state {
    long long event_id;
    char *title;
    struct event_group *groups;
    size_t n;
    long long ungrouped; /* people in no group */
    /* A group's people (Enter on a group), else people is NULL. */
    char *open_group;
    struct record **people;
    size_t npeople;
    long long cursor, top;
    enum group_rule rule; /* chosen, waiting for "sure?" */
    int balance;          /* N typed, waiting for how */
};

static void people_clear(struct groups_state *st)
{
    list_free(st->people, st->npeople);
    st->people = NULL;
    st->npeople = 0;
    free(st->open_group);
    st->open_group = NULL;
}

static size_t rows_of(const struct groups_state *st)
{
    return st->open_group ? st->npeople : st->n;
}

static void load_people(struct groups_state *st, struct ui *ui)
{
    list_free(st->people, st->npeople);
    st->people = NULL;
    st->npeople = 0;
    struct list_query q = {
        .kind = KIND_ATTENDANCE, .event_id = st->event_id, .group = st->open_group, .sort = "name"};
    char *err = NULL;
    if (list_fetch(ui->db, &q, 0, PEOPLE_MAX, &st->people, &st->npeople, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    }
}

static void load(struct groups_state *st, struct ui *ui)
{
    groups_free(st->groups, st->n);
    st->groups = NULL;
    st->n = 0;
    char *err = NULL;
    if (groups_list(ui->db, st->event_id, &st->groups, &st->n, &err) != 0 ||
        groups_ungrouped(ui->db, st->event_id, &st->ungrouped, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    }
    if (st->open_group) load_people(st, ui);
    long long rows = (long long)rows_of(st);
    if (st->cursor >= rows) st->cursor = rows - 1;
    if (st->cursor < 0) st->cursor = 0;
}

/* The highlighted group, or NULL. */
static const struct event_group *current(const struct groups_state *st)
{
    if (st->open_group || st->cursor < 0 || (size_t)st->cursor >= st->n) return NULL;
    return &st->groups[st->cursor];
}

/* ---- drawing ---- */

enum { W_COUNT = 7 };

static void draw_row(struct ui *ui, int y, bool chosen, const char *const *cells, const int *w,
                     int ncells, int attr)
{
    ui_draw_text(y, 0, 1, chosen ? ">" : " ", A_BOLD);
    int x = 1;
    for (int i = 0; i < ncells && x < ui->cols; i++) {
        int cols = i == ncells - 1 || x + w[i] > ui->cols ? ui->cols - x : w[i];
        ui_draw_text(y, x, cols, cells[i], attr | (chosen ? A_REVERSE : 0));
        x += cols;
    }
}

static void draw_groups(struct groups_state *st, struct ui *ui, int y, int bottom)
{
    int rest = ui->cols - 1 - W_COUNT;
    int w[4] = {rest * 2 / 5, rest * 2 / 5, rest - 2 * (rest * 2 / 5), W_COUNT};
    const char *head[] = {_("Group"), _("Facilitator"), _("Room"), _("People")};
    draw_row(ui, y++, false, head, w, 4, A_BOLD);
    int top = y;
    for (long long i = st->top; (size_t)i < st->n && y < bottom; i++) {
        const struct event_group *g = &st->groups[i];
        char count[32];
        snprintf(count, sizeof count, "%6lld", g->count);
        const char *cells[] = {g->name, g->facilitator, g->room, count};
        draw_row(ui, y++, i == st->cursor, cells, w, 4, A_NORMAL);
    }
    if (st->n > 0 && st->ungrouped > 0 && (size_t)st->top + (size_t)(y - top) >= st->n &&
        y < bottom) {
        char count[32];
        snprintf(count, sizeof count, "%6lld", st->ungrouped);
        const char *cells[] = {_("(in no group)"), "", "", count};
        draw_row(ui, y++, false, cells, w, 4, A_DIM);
    }
    if (st->n == 0 && y < bottom)
        ui_draw_text(y++, 0, ui->cols,
                     _("  No groups yet: a makes one, p puts everyone in groups by a rule, n "
                       "balances them into N groups."),
                     A_NORMAL);
    while (y < bottom)
        ui_clear_line(y++, 0);
}

static void draw_people(struct groups_state *st, struct ui *ui, int y, int bottom)
{
    int w[3] = {(ui->cols - 1) * 2 / 5, (ui->cols - 1) * 2 / 5, 0};
    w[2] = ui->cols - 1 - w[0] - w[1];
    const char *head[] = {_("Name"), _("Organisation"), _("Status")};
    draw_row(ui, y++, false, head, w, 3, A_BOLD);
    const struct field *status = field_info(F_ATTENDANCE_STATUS);
    for (long long i = st->top; (size_t)i < st->npeople && y < bottom; i++) {
        const struct record *r = st->people[i];
        const char *cells[] = {record_get(r, F_ATTENDANCE_MEMBER_NAME),
                               record_get(r, F_ATTENDANCE_ORGANISATION),
                               choice_label(status, record_get(r, F_ATTENDANCE_STATUS))};
        draw_row(ui, y++, i == st->cursor, cells, w, 3, A_NORMAL);
    }
    while (y < bottom)
        ui_clear_line(y++, 0);
}

static void groups_draw(struct screen *s, struct ui *ui, bool full)
{
    (void)full;
    struct groups_state *st = s->state;
    int y = ui->body_top, bottom = ui->body_top + ui->body_rows;
    char *title = st->open_group ? xasprintf(P_("%s: %zu person", "%s: %zu people", st->npeople),
                                             st->open_group, st->npeople)
                                 : xasprintf(_("Breakout groups of %s"), st->title);
    ui_draw_text(y++, 0, ui->cols, title, A_BOLD);
    free(title);
    if (st->open_group)
        draw_people(st, ui, y, bottom);
    else
        draw_groups(st, ui, y, bottom);
}

/* ---- keys ---- */

static int move_to(struct groups_state *st, struct ui *ui, long long row)
{
    long long rows = (long long)rows_of(st), view = ui->body_rows - HEAD_ROWS;
    if (row >= rows) row = rows - 1;
    if (row < 0) row = 0;
    st->cursor = row;
    if (view < 1) view = 1;
    if (st->cursor < st->top) st->top = st->cursor;
    if (st->cursor >= st->top + view) st->top = st->cursor - view + 1;
    return UI_DIRTY;
}

/* Says what a change did, or why it failed, and refreshes every screen. */
static int done(struct ui *ui, int rc, char *err, const char *said)
{
    if (rc != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    ui_message(ui, false, "%s", said);
    ui_data_changed(ui);
    return UI_DIRTY;
}

static int open_row(struct groups_state *st, struct ui *ui)
{
    if (st->open_group) {
        if (st->cursor < 0 || (size_t)st->cursor >= st->npeople) return UI_HANDLED;
        const long long *ids;
        if (!record_refs(st->people[st->cursor], F_ATTENDANCE_MEMBER_ID, &ids)) return UI_HANDLED;
        ui_push(ui, detail_screen_new(ui, KIND_MEMBER, ids[0]));
        return UI_FULL;
    }
    const struct event_group *g = current(st);
    if (!g) return UI_HANDLED;
    st->open_group = xstrdup(g->name);
    st->cursor = st->top = 0;
    load_people(st, ui);
    return UI_DIRTY;
}

static int ask_about_group(struct groups_state *st, struct ui *ui, int question)
{
    const struct event_group *g = current(st);
    if (!g) return UI_HANDLED;
    switch (question) {
    case Q_RENAME:
        return ui_ask_line(ui, Q_RENAME, _("New name:"), g->name);
    case Q_FACILITATOR:
        return ui_ask_line(ui, Q_FACILITATOR, _("Facilitator (member id, name or phone):"),
                           g->facilitator);
    case Q_ROOM:
        return ui_ask_line(ui, Q_ROOM, _("Room:"), g->room);
    default: {
        char *q = xasprintf(_("Delete group %s? (y/n)"), g->name);
        int r = ui_ask_confirm(ui, Q_DELETE, q);
        free(q);
        return r;
    }
    }
}

static int groups_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct groups_state *st = s->state;
    long long page = ui->body_rows - HEAD_ROWS;
    switch (a) {
    case A_UP:
        return move_to(st, ui, st->cursor - 1);
    case A_DOWN:
        return move_to(st, ui, st->cursor + 1);
    case A_PAGE_UP:
        return move_to(st, ui, st->cursor - page);
    case A_PAGE_DOWN:
        return move_to(st, ui, st->cursor + page);
    case A_HOME:
        return move_to(st, ui, 0);
    case A_END:
        return move_to(st, ui, (long long)rows_of(st) - 1);
    case A_OPEN:
        return open_row(st, ui);
    case A_BACK:
        if (!st->open_group) return UI_POP;
        for (size_t i = 0; i < st->n; i++)
            if (strcmp(st->groups[i].name, st->open_group) == 0) st->cursor = (long long)i;
        people_clear(st);
        st->top = 0;
        return move_to(st, ui, st->cursor);
    case A_UNDO:
        return ui_undo(ui);
    case A_GROUP_ADD:
        return ui_ask_line(ui, Q_ADD, _("New group:"), NULL);
    case A_GROUP_RENAME:
        return ask_about_group(st, ui, Q_RENAME);
    case A_GROUP_FACILITATOR:
        return ask_about_group(st, ui, Q_FACILITATOR);
    case A_GROUP_ROOM:
        return ask_about_group(st, ui, Q_ROOM);
    case A_GROUP_DELETE:
        return ask_about_group(st, ui, Q_DELETE);
    case A_GROUP_RULE:
        return ui_ask_choice(ui, Q_RULE, _("Put everyone in groups by:"), CTX_GROUP_RULE);
    case A_GROUP_BALANCE:
        return ui_ask_line(ui, Q_BALANCE_N, _("Balance into how many groups:"), NULL);
    case A_GROUP_MOVE:
        if (!st->open_group || (size_t)st->cursor >= st->npeople) return UI_HANDLED;
        return ui_ask_line(ui, Q_MOVE, _("Move to group (empty: no group):"), NULL);
    default:
        return UI_UNHANDLED;
    }
}

/* ---- answers ---- */

static int rule_chosen(struct groups_state *st, struct ui *ui, const struct ui_answer *a)
{
    static const struct {
        enum action action;
        enum group_rule rule;
        const char *label;
    } rules[] = {{A_RULE_PROVINCE, GROUP_BY_PROVINCE, N_("province")},
                 {A_RULE_DISTRICT, GROUP_BY_DISTRICT, N_("district")},
                 {A_RULE_SUBDISTRICT, GROUP_BY_SUBDISTRICT, N_("subdistrict")},
                 {A_RULE_ORGANISATION, GROUP_BY_ORGANISATION, N_("organisation")},
                 {A_RULE_CATEGORY, GROUP_BY_CATEGORY, N_("category")}};
    for (size_t i = 0; a->given && i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].action != a->action) continue;
        st->rule = rules[i].rule;
        char *q = xasprintf(_("Put everyone in a group for each %s? Those without one keep their "
                              "group (y/n; u undoes)"),
                            _(rules[i].label));
        int r = ui_ask_confirm(ui, Q_RULE_SURE, q);
        free(q);
        return r;
    }
    return UI_DIRTY;
}

static int assign(struct groups_state *st, struct ui *ui, const struct group_plan *plan)
{
    struct group_outcome o;
    char *err = NULL;
    int rc = groups_assign(ui->db, ui->undo, st->event_id, plan, &o, &err);
    char *said = NULL;
    if (rc == 0)
        said = xasprintf(
            P_("moved %lld person (u undoes)", "moved %lld people (u undoes)", o.moved), o.moved);
    int r = done(ui, rc, err, said);
    free(said);
    return r;
}

static int balance_number(struct groups_state *st, struct ui *ui, const char *text)
{
    char *end = NULL;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < 1 || n > 500) {
        ui_message(ui, true, _("a number of groups from 1 to 500, not \"%s\""), text);
        return UI_DIRTY;
    }
    st->balance = (int)n;
    char *q = xasprintf(_("%d groups:"), st->balance);
    int r = ui_ask_choice(ui, Q_BALANCE_HOW, q, CTX_GROUP_BALANCE);
    free(q);
    return r;
}

static int group_answer(struct groups_state *st, struct ui *ui, int question, const char *text)
{
    const struct event_group *g = current(st);
    char *err = NULL;
    switch (question) {
    case Q_ADD:
        return done(ui, group_create(ui->db, st->event_id, text, &err), err, _("Saved"));
    case Q_RENAME:
        return g ? done(ui, group_rename(ui->db, st->event_id, g->name, text, &err), err,
                        _("Saved"))
                 : UI_DIRTY;
    case Q_FACILITATOR:
        return g ? done(ui, group_set_facilitator(ui->db, st->event_id, g->name, text, &err), err,
                        _("Saved"))
                 : UI_DIRTY;
    case Q_ROOM:
        return g ? done(ui, group_set_room(ui->db, st->event_id, g->name, text, &err), err,
                        _("Saved"))
                 : UI_DIRTY;
    case Q_BALANCE_N:
        return balance_number(st, ui, text);
    default:
        return UI_DIRTY;
    }
}

static int move_person(struct groups_state *st, struct ui *ui, const char *text)
{
    if (!st->open_group || (size_t)st->cursor >= st->npeople) return UI_DIRTY;
    const long long *ids;
    if (!record_refs(st->people[st->cursor], F_ATTENDANCE_MEMBER_ID, &ids)) return UI_DIRTY;
    long long member = ids[0];
    char *err = NULL;
    int rc = groups_set(ui->db, ui->undo, st->event_id, text, &member, 1, NULL, &err);
    return done(ui, rc, err, _("Moved (u undoes)"));
}

static int groups_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    struct groups_state *st = s->state;
    char *err = NULL;
    switch (question) {
    case Q_RULE:
        return rule_chosen(st, ui, a);
    case Q_RULE_SURE: {
        if (!a->given) return UI_DIRTY;
        struct group_plan plan = {st->rule, 0, false};
        return assign(st, ui, &plan);
    }
    case Q_BALANCE_HOW: {
        if (!a->given || (a->action != A_BALANCE_KEEP && a->action != A_BALANCE_SPREAD))
            return UI_DIRTY;
        struct group_plan plan = {GROUP_BALANCE, st->balance, a->action == A_BALANCE_KEEP};
        return assign(st, ui, &plan);
    }
    case Q_DELETE: {
        const struct event_group *g = current(st);
        if (!a->given || !g) return UI_DIRTY;
        return done(ui, group_delete(ui->db, st->event_id, g->name, &err), err, _("Deleted"));
    }
    case Q_MOVE:
        return a->given ? move_person(st, ui, a->text) : UI_DIRTY;
    default:
        return a->given ? group_answer(st, ui, question, a->text) : UI_DIRTY;
    }
}

static int groups_reload(struct screen *s, struct ui *ui)
{
    load(s->state, ui);
    return UI_DIRTY;
}

static char *groups_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct groups_state *st = s->state;
    static const enum action groups[] = {
        A_OPEN,       A_GROUP_ADD,  A_GROUP_RENAME,  A_GROUP_FACILITATOR,
        A_GROUP_ROOM, A_GROUP_RULE, A_GROUP_BALANCE, A_UNDO,
        A_BACK};
    static const enum action people[] = {A_OPEN, A_GROUP_MOVE, A_UNDO, A_BACK};
    return st->open_group ? ui_key_hints(CTX_GROUPS, people, 4)
                          : ui_key_hints(CTX_GROUPS, groups, 9);
}

static void groups_close(struct screen *s)
{
    struct groups_state *st = s->state;
    people_clear(st);
    groups_free(st->groups, st->n);
    free(st->title);
    free(st);
}

static const struct screen_ops groups_ops = {
    .name = "groups",
    .contexts = CTX_GROUPS,
    .draw = groups_draw,
    .key = groups_key,
    .reload = groups_reload,
    .hints = groups_hints,
    .answer = groups_answer,
    .close = groups_close,
};

struct screen *groups_screen_new(struct ui *ui, long long event_id)
{
    struct groups_state *st = xcalloc(1, sizeof *st);
    st->event_id = event_id;
    struct record *ev = NULL;
    char *err = NULL;
    if (record_load(ui->db, KIND_EVENT, event_id, &ev, &err) == 0)
        st->title = record_display_name(ev);
    else
        st->title = err, err = NULL;
    record_free(&ev);
    load(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &groups_ops;
    s->state = st;
    return s;
}
