/* The help screen, generated from the one table of actions and keys. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "messages.h"
#include "strbuf.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct help_state {
    char **lines;
    size_t n;
    long long top;
};

static const struct {
    unsigned context;
    const char *title;
} sections[] = {
    {CTX_LIST, N_("Lists")},
    {CTX_EVENTS, N_("Events")},
    {CTX_TASKS, N_("Tasks")},
    {CTX_DETAIL, N_("Details")},
    {CTX_CALENDAR, N_("Calendar")},
    {CTX_REPORTS, N_("Reports")},
    {CTX_FILTER, N_("Filters (f in a list)")},
    {CTX_FREQ, N_("Frequency table (F in a list)")},
    {CTX_CONFIRM | CTX_PROMPT, N_("Questions on the status line")},
    {CTX_FORM, N_("Forms")},
    {CTX_SAME_PERSON, N_("Forms: a new member who may be someone khai has")},
    {CTX_NEW_ORG, N_("Forms: an organisation khai does not have (did you mean...?)")},
    {CTX_CHECKIN, N_("Check-in")},
    {CTX_NEW_PERSON, N_("Check-in: a new person")},
    {CTX_CATEGORY, N_("Check-in: a walk-in's quota category (named on the status line)")},
    {CTX_ANSWER, N_("An invitation's answer (Enter on an invited organisation)")},
    {CTX_PARTICIPANTS, N_("Participants (P on an event)")},
    {CTX_CHANGE_FIELD, N_("Participants: what ; changes in the marked rows")},
    {CTX_CHANGE_STATUS, N_("Participants: the status ; sets")},
    {CTX_NEXT_MEETING, N_("The next meeting of a series (N on an event)")},
    {CTX_GROUPS, N_("Breakout groups (b on an event)")},
    {CTX_GROUP_RULE, N_("Breakout groups: the rule (p)")},
    {CTX_GROUP_BALANCE, N_("Breakout groups: how to balance (n)")},
};

static void add_line(struct help_state *st, char *line)
{
    st->lines = xrealloc(st->lines, sizeof *st->lines * (st->n + 1));
    st->lines[st->n++] = line;
}

/* The sections of the contexts asked for, each listing its actions from the table. */
static void build(struct help_state *st, unsigned contexts)
{
    add_line(st, xstrdup(contexts == CTX_FORM ? _("Form keys (q or Esc closes this help)")
                                              : _("khai keys (q or Esc closes this help)")));
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        if (!(sections[s].context & contexts)) continue;
        add_line(st, xstrdup(""));
        add_line(st, xstrdup(_(sections[s].title)));
        for (int i = 0; i < ui_action_count; i++) {
            const struct action_def *a = &ui_actions[i];
            if (!(a->contexts & sections[s].context)) continue;
            char *key = text_fit(a->key_name, 12);
            add_line(st, xasprintf("  %s %s", key, _(a->help ? a->help : a->label)));
            free(key);
        }
    }
}

static void help_draw(struct screen *s, struct ui *ui, bool full)
{
    (void)full;
    struct help_state *st = s->state;
    for (int y = 0; y < ui->body_rows; y++) {
        long long i = st->top + y;
        if (i < (long long)st->n)
            ui_draw_text(ui->body_top + y, 0, ui->cols, st->lines[i], i == 0 ? A_BOLD : A_NORMAL);
        else
            ui_clear_line(ui->body_top + y, 0);
    }
}

static int help_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct help_state *st = s->state;
    long long max_top = (long long)st->n - ui->body_rows;
    long long top = st->top;
    switch (a) {
    case A_BACK:
        return UI_POP;
    case A_UP:
        top--;
        break;
    case A_DOWN:
        top++;
        break;
    case A_PAGE_UP:
        top -= ui->body_rows;
        break;
    case A_PAGE_DOWN:
        top += ui->body_rows;
        break;
    case A_HOME:
        top = 0;
        break;
    case A_END:
        top = max_top;
        break;
    default:
        return a == A_HELP ? UI_HANDLED : UI_UNHANDLED;
    }
    if (top > max_top) top = max_top;
    if (top < 0) top = 0;
    if (top == st->top) return UI_HANDLED;
    st->top = top;
    return UI_DIRTY;
}

static char *help_hints(struct screen *s, struct ui *ui)
{
    (void)s;
    (void)ui;
    return xasprintf("%s %s  %s %s", ui_key_name(CTX_HELP, A_UP), _("scroll"),
                     ui_key_name(CTX_HELP, A_BACK), _("back"));
}

static void help_close(struct screen *s)
{
    struct help_state *st = s->state;
    for (size_t i = 0; i < st->n; i++)
        free(st->lines[i]);
    free(st->lines);
    free(st);
}

static const struct screen_ops help_ops = {
    .name = "help",
    .contexts = CTX_HELP,
    .draw = help_draw,
    .key = help_key,
    .hints = help_hints,
    .close = help_close,
};

struct screen *help_screen_new(struct ui *ui, unsigned contexts)
{
    (void)ui;
    struct help_state *st = xcalloc(1, sizeof *st);
    build(st, contexts);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &help_ops;
    s->state = st;
    return s;
}
