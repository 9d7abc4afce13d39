/* The running interface: terminal set-up, the main loop, the tab bar and the status line.
 * Handlers only change state and return flags; this loop alone draws, and only what is
 * dirty, so an idle khai sends nothing and a keystroke sends little. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "draft.h"
#include "messages.h"
#include "settings.h"
#include "strbuf.h"
#include "utf8.h"
#include "text.h"
#include "tui.h"
#include "ui.h"
#include "views.h"
#include "xalloc.h"

#include "thaidate.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { POLL_MS = 1000 };
/* What ui_read_key returns when khai must end: its terminal is gone, or a signal came. */
enum { READ_TIMEOUT = -1, READ_END = -2 };
/* The main loop's own question (screens number theirs from 0). */
enum { Q_REOPEN_DRAFT = -100 };

/* The signal that asks khai to end (SIGHUP when an SSH link drops, SIGTERM, SIGINT), set by
 * the handler and acted on by the main loop, which keeps drafts and restores the terminal. */
static volatile sig_atomic_t ending_signal;

static void note_signal(int sig)
{
    ending_signal = sig;
}

/* Without SA_RESTART, so that a signal interrupts the wait for a key. SIGHUP that was ignored
 * when khai started (nohup) stays ignored: a closed terminal is then found by its reads. */
static void catch_ending_signals(void)
{
    static const int sigs[] = {SIGHUP, SIGTERM, SIGINT};
    struct sigaction sa = {0};
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

#if !defined(__SANITIZE_ADDRESS__)
/* A crash still gives the terminal back (the drafts are at most a second behind). Not under
 * AddressSanitizer, whose own report of the crash matters more. */
static void crashed(int sig)
{
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void restore_terminal_on_crash(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], crashed);
}
#else
static void restore_terminal_on_crash(void) {}
#endif

/* Whether the terminal is gone: its reads fail (EIO) or it has hung up. */
static bool terminal_gone(int read_errno)
{
    if (read_errno == EIO || read_errno == EBADF) return true;
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* The kinds of the list tabs; the last tab is the calendar. */
static const enum kind tab_kinds[UI_TAB_CALENDAR] = {KIND_MEMBER, KIND_ORG, KIND_EVENT, KIND_TASK};
static struct screen *tab_screens[UI_TABS];

void ui_draw_text(int y, int x, int cols, const char *text, int attr)
{
    if (cols <= 0) return;
    char *fitted = text_fit(text ? text : "", (size_t)cols);
    attrset(attr);
    mvaddstr(y, x, fitted);
    attrset(A_NORMAL);
    free(fitted);
}

void ui_clear_line(int y, int x)
{
    move(y, x);
    clrtoeol();
}

/* Reads one key (Unicode, or UI_FN(curses key)); READ_TIMEOUT, or READ_END when khai must end
 * (a signal, or a terminal that is gone: without this a closed terminal whose SIGHUP was
 * ignored would make every read fail at once, and khai spin). Only this loop reads keys. */
static int ui_read_key(int timeout_ms)
{
    wint_t ch;
    timeout(timeout_ms);
    errno = 0;
    int rc = get_wch(&ch);
    if (ending_signal) return READ_END;
    if (rc == ERR) return terminal_gone(errno) ? READ_END : READ_TIMEOUT;
    return rc == KEY_CODE_YES ? UI_FN((int)ch) : (int)ch;
}

struct screen *ui_top(struct ui *ui)
{
    return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

void ui_push(struct ui *ui, struct screen *s)
{
    if (ui->depth == UI_MAX_DEPTH) {
        ui_message(ui, true, "%s", _("too many screens open"));
        if (s->ops->close) s->ops->close(s);
        free(s);
        return;
    }
    ui->stack[ui->depth++] = s;
}

static void screen_free(struct screen *s)
{
    if (s->ops->close) s->ops->close(s);
    free(s);
}

void ui_replace(struct ui *ui, struct screen *s)
{
    screen_free(ui->stack[ui->depth - 1]);
    ui->stack[ui->depth - 1] = s;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
    va_list ap;
    free(ui->message);
    va_start(ap, fmt);
    ui->message = xvasprintf(fmt, ap);
    va_end(ap);
    ui->message_error = error;
    ui->status_dirty = true;
}

static void update_counts(struct ui *ui)
{
    char *err = NULL;
    long long counts[KIND_COUNT];
    if (model_counts(ui->db, counts, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return;
    }
    if (memcmp(counts, ui->counts, sizeof counts) != 0) {
        memcpy(ui->counts, counts, sizeof counts);
        ui->tabs_dirty = true;
    }
}

static bool refresh_screens(struct ui *ui)
{
    bool dirty = false;
    for (int i = 0; i < ui->depth; i++)
        if (ui->stack[i]->ops->reload && (ui->stack[i]->ops->reload(ui->stack[i], ui) & UI_DIRTY))
            dirty = true;
    update_counts(ui);
    return dirty;
}

void ui_data_changed(struct ui *ui)
{
    refresh_screens(ui);
    ui->data_version = db_data_version(ui->db);
}

int ui_undo(struct ui *ui)
{
    char *done = NULL, *err = NULL;
    if (undo_last(ui->db, ui->undo, &done, &err) == 0) {
        ui_message(ui, false, "%s", done);
        ui_data_changed(ui);
    } else {
        ui_message(ui, true, "%s", err);
    }
    free(done);
    free(err);
    return UI_DIRTY;
}

/* How the tab labels are written, the first that fits: " 1 Members (120) " with a space after
 * each; no space after; the Calendar and Reports tabs shortened ("5 Cal.", "6 Rep."), so
 * that the lists' counts still fit 80 columns; the count on the current tab only; none. */
enum tab_style { TABS_SPACED, TABS_TIGHT, TABS_SHORT, TABS_ONE_COUNT, TABS_NO_COUNTS };

static char *tab_label(const struct ui *ui, int t, enum tab_style style)
{
    const char *after = style == TABS_SPACED ? " " : "";
    bool count = style < TABS_ONE_COUNT || (style == TABS_ONE_COUNT && t == ui->tab);
    bool shorter = style == TABS_SHORT && t != ui->tab;
    if (t == UI_TAB_CALENDAR)
        return xasprintf(" %d %s%s", t + 1, shorter ? _("Cal.") : _("Calendar"), after);
    if (t == UI_TAB_REPORTS) /* the last: no space after it */
        return xasprintf(" %d %s", t + 1, shorter ? _("Rep.") : _("Reports"));
    return count ? xasprintf(" %d %s (%lld)%s", t + 1, kind_label(tab_kinds[t]),
                             ui->counts[tab_kinds[t]], after)
                 : xasprintf(" %d %s%s", t + 1, kind_label(tab_kinds[t]), after);
}

static enum tab_style tab_style(const struct ui *ui)
{
    for (int style = TABS_SPACED; style < TABS_NO_COUNTS; style++) {
        int w = 0;
        for (int t = 0; t < UI_TABS; t++) {
            char *label = tab_label(ui, t, (enum tab_style)style);
            w += (int)text_width(label);
            free(label);
        }
        if (w <= ui->cols) return (enum tab_style)style;
    }
    return TABS_NO_COUNTS;
}

static void draw_tabs(struct ui *ui)
{
    int x = 0;
    enum tab_style style = tab_style(ui);
    for (int t = 0; t < UI_TABS && x < ui->cols; t++) {
        char *label = tab_label(ui, t, style);
        int w = (int)text_width(label);
        if (w > ui->cols - x) w = ui->cols - x;
        ui_draw_text(0, x, w, label, t == ui->tab ? A_REVERSE | A_BOLD : A_NORMAL);
        x += w;
        free(label);
    }
    if (x < ui->cols) ui_clear_line(0, x);
    ui->tabs_dirty = false;
}

/* The open question as the status line shows it: "Delete member 2 "..."? (y/n)", "Filter
 * by: p province  o organisation ...", "Province: ลำพู". malloc'd. */
static char *question_text(const struct ui_question *q)
{
    if (q->context == CTX_CONFIRM) {
        char *answers = xasprintf(_("(%s/%s)"), ui_key_name(CTX_CONFIRM, A_YES),
                                  ui_key_name(CTX_CONFIRM, A_NO));
        char *text = xasprintf("%s %s", q->text, answers);
        free(answers);
        return text;
    }
    if (q->context == CTX_PROMPT) return xasprintf("%s %s", q->text, sb_str(&q->line));
    if (q->context == CTX_CATEGORY) return xstrdup(q->text); /* it names its own keys */
    char *keys = ui_key_hints(q->context, NULL, -1);
    char *text = xasprintf("%s %s", q->text, keys);
    free(keys);
    return text;
}

static void draw_status(struct ui *ui)
{
    struct screen *s = ui_top(ui);
    char *text;
    int attr = A_NORMAL;
    if (ui->question) {
        text = question_text(ui->question);
        attr = ui->question->context == CTX_CONFIRM ? A_REVERSE | A_BOLD : A_BOLD;
    } else if (ui->message) {
        text = xstrdup(ui->message);
        attr = ui->message_error ? A_REVERSE | A_BOLD : A_NORMAL;
    } else {
        text = s && s->ops->hints ? s->ops->hints(s, ui) : xstrdup("");
    }
    ui_draw_text(ui->rows - 1, 0, ui->cols - 1, text, attr);
    free(text);
    ui->status_dirty = false;
}

static void place_cursor(struct ui *ui)
{
    struct screen *s = ui_top(ui);
    int y = -1, x = -1;
    if (ui->question && ui->question->context == CTX_PROMPT) {
        char *text = question_text(ui->question);
        y = ui->rows - 1;
        x = (int)text_width(text);
        if (x > ui->cols - 1) x = ui->cols - 1;
        free(text);
    } else if (s && s->ops->cursor) {
        s->ops->cursor(s, ui, &y, &x);
    }
    if (y >= 0) {
        curs_set(1);
        move(y, x);
    } else {
        curs_set(0);
        move(ui->rows - 1, ui->cols - 1);
    }
}

static void draw(struct ui *ui, bool full)
{
    if (full) {
        erase();
        ui->tabs_dirty = ui->status_dirty = true;
    }
    if (ui->tabs_dirty) draw_tabs(ui);
    struct screen *s = ui_top(ui);
    if (s) s->ops->draw(s, ui, full);
    if (ui->status_dirty) draw_status(ui);
    place_cursor(ui);
    refresh();
}

static void measure(struct ui *ui)
{
    getmaxyx(stdscr, ui->rows, ui->cols);
    ui->body_top = 1;
    ui->body_rows = ui->rows - 2 > 1 ? ui->rows - 2 : 1;
}

static void switch_tab(struct ui *ui, int tab)
{
    while (ui->depth > 0) {
        struct screen *s = ui->stack[--ui->depth];
        bool is_tab = false;
        for (int t = 0; t < UI_TABS; t++)
            is_tab = is_tab || s == tab_screens[t];
        if (!is_tab) screen_free(s);
    }
    ui->tab = (tab + UI_TABS) % UI_TABS;
    if (!tab_screens[ui->tab])
        tab_screens[ui->tab] = ui->tab == UI_TAB_CALENDAR ? calendar_screen_new(ui)
                               : ui->tab == UI_TAB_REPORTS
                                   ? reports_screen_new(ui)
                                   : list_screen_new(ui, tab_kinds[ui->tab]);
    else if (tab_screens[ui->tab]->ops->reload)
        tab_screens[ui->tab]->ops->reload(tab_screens[ui->tab], ui);
    ui_push(ui, tab_screens[ui->tab]);
    ui->tabs_dirty = true;
}

/* Keys no screen took: tabs, help, redraw, quit. Returns UI_QUIT or a draw request. */
static int global_key(struct ui *ui, int key)
{
    enum action a = ui_action_for(CTX_GLOBAL | (ui->depth == 1 ? CTX_LIST : 0), key);
    /* `?` opens the help on every screen whose keys list it (a detail, however deep), when
     * the screen itself let the key through. */
    if (a == A_NONE && ui->depth > 0 && ui_action_for(ui_top(ui)->ops->contexts, key) == A_HELP)
        a = A_HELP;
    switch (a) {
    case A_QUIT:
        return ui->depth == 1 ? UI_QUIT : UI_HANDLED;
    case A_TAB_1:
    case A_TAB_2:
    case A_TAB_3:
    case A_TAB_4:
    case A_TAB_5:
    case A_TAB_6:
        switch_tab(ui, (int)(a - A_TAB_1));
        return UI_FULL;
    case A_TAB_NEXT:
    case A_TAB_PREV:
        switch_tab(ui, ui->tab + (a == A_TAB_NEXT ? 1 : -1));
        return UI_FULL;
    case A_HELP:
        ui_push(ui, help_screen_new(ui, UI_ALL_CONTEXTS));
        return UI_FULL;
    case A_REDRAW:
        clearok(curscr, TRUE);
        return UI_FULL;
    case A_UNDO:
        return ui_undo(ui);
    default:
        return UI_HANDLED;
    }
}

/* ---- questions on the status line: states of this loop, never loops of their own ---- */

static void question_free(struct ui_question **q)
{
    if (!*q) return;
    free((*q)->text);
    sb_free(&(*q)->line);
    free(*q);
    *q = NULL;
}

static struct ui_question *ask(struct ui *ui, unsigned context, int id, const char *text)
{
    question_free(&ui->question);
    struct ui_question *q = xcalloc(1, sizeof *q);
    *q = (struct ui_question){context, id, xstrdup(text), STRBUF_INIT};
    ui->question = q;
    ui->status_dirty = true;
    return q;
}

int ui_ask_confirm(struct ui *ui, int id, const char *question)
{
    ask(ui, CTX_CONFIRM, id, question);
    return UI_DIRTY;
}

int ui_ask_line(struct ui *ui, int id, const char *label, const char *initial)
{
    sb_add(&ask(ui, CTX_PROMPT, id, label)->line, initial ? initial : "");
    return UI_DIRTY;
}

int ui_ask_choice(struct ui *ui, int id, const char *label, unsigned context)
{
    ask(ui, context, id, label);
    return UI_DIRTY;
}

/* Edits the line of a prompt; true when the key ends it (Enter or Esc). */
static bool prompt_key(struct ui_question *q, int key, enum action a)
{
    switch (a) {
    case A_ACCEPT:
    case A_CANCEL:
        return true;
    case A_ERASE:
        sb_drop_codepoint(&q->line);
        return false;
    case A_CLEAR_LINE:
        sb_reset(&q->line); /* as in a shell: clear the line */
        return false;
    default:
        if (key >= 32 && key < 0x110000 && key != 127) sb_add_codepoint(&q->line, (uint32_t)key);
        return false;
    }
}

/* ---- drafts a session that ended left behind ---- */

/* "Open the unsaved new member typed at 14:02? (n: discard)" malloc'd. */
static char *draft_question(const struct draft *d)
{
    int k = kind_from_name(d->kind);
    const char *noun = k >= 0 ? kind_noun((enum kind)k) : d->kind;
    struct tm tm;
    time_t now = time(NULL);
    struct tm today;
    localtime_r(&d->saved, &tm);
    localtime_r(&now, &today);
    char when[64];
    snprintf(when, sizeof when, "%02d:%02d", tm.tm_hour, tm.tm_min);
    if (tm.tm_year != today.tm_year || tm.tm_yday != today.tm_yday) {
        char date[40];
        date_format((struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
                    messages_thai() ? DATE_THAI : DATE_ISO, date, sizeof date);
        snprintf(when, sizeof when, "%s %02d:%02d", date, tm.tm_hour, tm.tm_min);
    }
    if (d->id == 0)
        return xasprintf(_("Open the unsaved new %s typed at %s? (n: discard)"), noun, when);
    return xasprintf(_("Open your unsaved changes to %s %lld typed at %s? (n: discard)"), noun,
                     d->id, when);
}

/* Asks about the next draft left behind, if any. */
static void offer_next_draft(struct ui *ui)
{
    if (ui->next_draft >= ui->ndrafts) return;
    char *q = draft_question(&ui->drafts[ui->next_draft]);
    ui_ask_confirm(ui, Q_REOPEN_DRAFT, q);
    free(q);
}

/* y reopens the draft's form with what was typed; n throws the draft away. */
static int draft_answer(struct ui *ui, bool yes)
{
    const struct draft *d = &ui->drafts[ui->next_draft++];
    int r = UI_DIRTY;
    if (yes) {
        char *err = NULL;
        struct screen *form = form_screen_from_draft(ui, d, &err);
        if (!form) {
            ui_message(ui, true, "%s", err);
            free(err);
            return r; /* kept: the next khai asks again */
        }
        ui_push(ui, form);
        r = UI_FULL;
    } else {
        ui_message(ui, false, "%s", _("Draft thrown away."));
    }
    draft_remove(d);
    if (!yes) offer_next_draft(ui);
    return r;
}

/* A key while a question is open: it answers (the top screen hears the answer and may ask
 * the next question) or edits the line. Returns flags as a screen's key handler does. */
static int question_key(struct ui *ui, int key)
{
    struct ui_question *q = ui->question;
    enum action a = ui_action_for(q->context, key);
    if (a == A_REDRAW) {
        clearok(curscr, TRUE);
        return UI_FULL;
    }
    if (q->context == CTX_PROMPT && !prompt_key(q, key, a)) return UI_HANDLED;
    struct ui_answer answer = {a != A_NONE, a, sb_str(&q->line)};
    if (q->context == CTX_CONFIRM) answer.given = a == A_YES;
    if (q->context == CTX_PROMPT) answer.given = a == A_ACCEPT;
    ui->question = NULL;
    struct screen *s = ui_top(ui);
    int r = q->id == Q_REOPEN_DRAFT ? draft_answer(ui, answer.given)
            : s->ops->answer        ? s->ops->answer(s, ui, q->id, &answer)
                                    : UI_HANDLED;
    question_free(&q);
    return r | UI_DIRTY;
}

static int handle_key(struct ui *ui, int key)
{
    if (key == UI_FN(KEY_RESIZE)) {
        measure(ui);
        return UI_FULL;
    }
    if (ui->message) {
        free(ui->message);
        ui->message = NULL;
        ui->status_dirty = true;
    }
    struct screen *s = ui_top(ui);
    int r = ui->question ? question_key(ui, key)
                         : s->ops->key(s, ui, key, ui_action_for(s->ops->contexts, key));
    if (r & UI_POP) {
        ui->depth--;
        screen_free(s);
        if (ui->depth == 0) return UI_QUIT;
        r |= UI_FULL;
    }
    if (r & UI_UNHANDLED) r = (r & ~UI_UNHANDLED) | global_key(ui, key);
    ui->status_dirty = true;
    return r;
}

/* The main loop reads every key; for a screen that takes Alt keys, an Esc followed at once
 * by another key is that key with Alt (a second Esc is one Esc). */
static int meta_key(struct ui *ui, int key)
{
    struct screen *s = ui_top(ui);
    if (key != UI_ESC || ui->question || !s || !s->ops->meta_keys) return key;
    int next = ui_read_key(0);
    return next >= 0 && next != UI_ESC ? UI_META(next) : UI_ESC;
}

/* Every open screen keeps what was typed in it (idle: only what changed). */
static void keep_drafts(struct ui *ui, bool now)
{
    for (int i = 0; i < ui->depth; i++)
        if (ui->stack[i]->ops->keep) ui->stack[i]->ops->keep(ui->stack[i], ui, now);
}

static void poll_other_sessions(struct ui *ui)
{
    ui_timing_begin();
    long long v = db_data_version(ui->db);
    if (v == ui->data_version) return;
    ui->data_version = v;
    if (refresh_screens(ui))
        draw(ui, false);
    else if (ui->tabs_dirty)
        draw(ui, false);
    ui_timing_end("external");
}

static void start_curses(struct ui *ui)
{
    if (!getenv("ESCDELAY")) set_escdelay(25);
    initscr();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Home and End as tmux, screen, PuTTY, rxvt and the Linux console send them, which the
     * xterm entry does not list: unknown, they would arrive as Esc [ 1 ~ and switch tabs. */
    static const struct {
        const char *seq;
        int key;
    } keys[] = {{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
                {"\033[8~", KEY_END},  {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
                {"\033OH", KEY_HOME},  {"\033OF", KEY_END}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (key_defined(keys[i].seq) == 0) define_key(keys[i].seq, keys[i].key);
    idlok(stdscr, TRUE);
    idcok(stdscr, TRUE);
    catch_ending_signals();
    restore_terminal_on_crash();
    ui->color = has_colors() && !getenv("NO_COLOR");
    if (ui->color) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_RED, -1);
    }
    measure(ui);
}

int tui_run(const char *db_path)
{
    const char *fallback = messages_ensure_utf8();
    if (fallback && !*fallback) {
        fprintf(stderr, "khai: %s\n",
                _("no UTF-8 locale is available, so Thai cannot be shown. Install one (e.g. "
                  "`apt-get install locales` and generate C.UTF-8 or th_TH.UTF-8) and set "
                  "LANG=C.UTF-8."));
        return 1;
    }
    struct ui ui = {.tab = 0};
    char *err = NULL;
    if (db_open(db_path, &ui.db, &err) != 0) {
        fprintf(stderr, "khai: %s\n", err);
        free(err);
        return 1;
    }
    ui.undo = undo_new();
    ui_timing_open();
    start_curses(&ui);
    update_counts(&ui);
    ui.data_version = db_data_version(ui.db);
    switch_tab(&ui, 0);
    if (fallback)
        ui_message(&ui, false, _("LANG is not UTF-8 here: using %s (set LANG=%s in your shell)"),
                   fallback, fallback);
    if (db_read_only(ui.db)) ui_message(&ui, true, "%s", db_read_only(ui.db));
    char *draft_err = NULL;
    if (draft_session_begin(&draft_err) == 0) {
        ui.ndrafts = draft_orphans(db_path, &ui.drafts);
        offer_next_draft(&ui);
    } else {
        ui_message(&ui, true, _("what you type in forms is not kept as a draft: %s"), draft_err);
        free(draft_err);
    }
    draw(&ui, true);
    ui_timing_end("startup");
    int status = 0;
    int pending = READ_TIMEOUT, owed = 0;
    for (;;) {
        int key = pending != READ_TIMEOUT ? pending : ui_read_key(POLL_MS);
        pending = READ_TIMEOUT;
        if (key == READ_END) {
            /* An SSH link that dropped, a closed terminal, kill: keep what was typed and give
             * the terminal back. */
            keep_drafts(&ui, true);
            draft_freeze();
            status = 128 + (ending_signal ? (int)ending_signal : SIGHUP);
            break;
        }
        if (key == READ_TIMEOUT) {
            keep_drafts(&ui, false);
            poll_other_sessions(&ui);
            continue;
        }
        ui_timing_begin();
        ui_timing_key();
        int r = handle_key(&ui, meta_key(&ui, key));
        if (r & UI_QUIT) break;
        /* Typed-ahead keys (a paste, typing faster than a query) are all handled before
         * anything is drawn, so that a search queries once for them all. */
        owed |= r;
        if ((pending = ui_read_key(0)) != READ_TIMEOUT) continue;
        draw(&ui, (owed & UI_FULL) != 0);
        ui_timing_end("keys");
        owed = 0;
    }
    endwin();
    while (ui.depth > 0) {
        struct screen *s = ui.stack[--ui.depth];
        bool is_tab = false;
        for (int t = 0; t < UI_TABS; t++)
            is_tab = is_tab || s == tab_screens[t];
        if (!is_tab) screen_free(s);
    }
    for (int t = 0; t < UI_TABS; t++)
        if (tab_screens[t]) {
            screen_free(tab_screens[t]);
            tab_screens[t] = NULL;
        }
    free(ui.message);
    question_free(&ui.question);
    draft_list_free(ui.drafts, ui.ndrafts);
    draft_session_end();
    undo_free(&ui.undo);
    db_close(&ui.db);
    ui_timing_close();
    return status;
}
