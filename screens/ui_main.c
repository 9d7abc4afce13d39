/* The running interface: terminal set-up, the main loop, the tab bar and the status line.
 * Handlers only change state and return flags; this loop alone draws, and only what is
 * dirty, so an idle khai sends nothing and a keystroke sends little. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "messages.h"
#include "settings.h"
#include "strbuf.h"
#include "utf8.h"
#include "text.h"
#include "tui.h"
#include "ui.h"
#include "xalloc.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { POLL_MS = 1000 };

static const enum kind tab_kinds[UI_TABS] = {KIND_MEMBER, KIND_ORG, KIND_EVENT, KIND_TASK};
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

int ui_read_key(int timeout_ms)
{
    wint_t ch;
    timeout(timeout_ms);
    int rc = get_wch(&ch);
    if (rc == ERR) return -1;
    return rc == KEY_CODE_YES ? UI_FN((int)ch) : (int)ch;
}

struct screen *ui_top(struct ui *ui)
{
    return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

void ui_push(struct ui *ui, struct screen *s)
{
    if (ui->depth == UI_MAX_DEPTH) {
        ui_message(ui, true, "%s", T(ui, "too many screens open", "เปิดหน้าจอซ้อนกันมากเกินไป"));
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

static void draw_tabs(struct ui *ui)
{
    int x = 0;
    for (int t = 0; t < UI_TABS && x < ui->cols; t++) {
        const struct kind_info *ki = kind_info(tab_kinds[t]);
        char *label = xasprintf(" %d %s (%lld) ", t + 1, ui->thai ? ki->th : ki->en,
                                ui->counts[tab_kinds[t]]);
        int w = (int)text_width(label);
        if (w > ui->cols - x) w = ui->cols - x;
        ui_draw_text(0, x, w, label, t == ui->tab ? A_REVERSE | A_BOLD : A_NORMAL);
        x += w;
        free(label);
    }
    if (x < ui->cols) ui_clear_line(0, x);
    ui->tabs_dirty = false;
}

static void draw_status(struct ui *ui)
{
    struct screen *s = ui_top(ui);
    char *hints = s && s->ops->hints ? s->ops->hints(s, ui) : xstrdup("");
    const char *text = ui->message ? ui->message : hints;
    int attr = ui->message && ui->message_error ? A_REVERSE | A_BOLD : A_NORMAL;
    ui_draw_text(ui->rows - 1, 0, ui->cols - 1, text, attr);
    free(hints);
    ui->status_dirty = false;
}

static void place_cursor(struct ui *ui)
{
    struct screen *s = ui_top(ui);
    int y = -1, x = -1;
    if (s && s->ops->cursor) s->ops->cursor(s, ui, &y, &x);
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
        tab_screens[ui->tab] = list_screen_new(ui, tab_kinds[ui->tab]);
    else if (tab_screens[ui->tab]->ops->reload)
        tab_screens[ui->tab]->ops->reload(tab_screens[ui->tab], ui);
    ui_push(ui, tab_screens[ui->tab]);
    ui->tabs_dirty = true;
}

/* Keys no screen took: tabs, help, redraw, quit. Returns UI_QUIT or a draw request. */
static int global_key(struct ui *ui, int key)
{
    enum action a = ui_action_for(CTX_GLOBAL | (ui->depth == 1 ? CTX_LIST : 0), key);
    switch (a) {
    case A_QUIT:
        return ui->depth == 1 ? UI_QUIT : UI_HANDLED;
    case A_TAB_1:
    case A_TAB_2:
    case A_TAB_3:
    case A_TAB_4:
        switch_tab(ui, (int)(a - A_TAB_1));
        return UI_FULL;
    case A_TAB_NEXT:
    case A_TAB_PREV:
        switch_tab(ui, ui->tab + (a == A_TAB_NEXT ? 1 : -1));
        return UI_FULL;
    case A_HELP:
        ui_push(ui, help_screen_new(ui));
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
    enum action a = ui_action_for(s->ops->contexts, key);
    int r = s->ops->key(s, ui, key, a);
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

bool ui_confirm(struct ui *ui, const char *question)
{
    char *q = xasprintf("%s %s", question, T(ui, "(y/n)", "(y = ใช่ / n = ไม่)"));
    ui_draw_text(ui->rows - 1, 0, ui->cols - 1, q, A_REVERSE | A_BOLD);
    free(q);
    refresh();
    int key = ui_read_key(-1);
    ui->status_dirty = true;
    return key == 'y' || key == 'Y' || key == 0x0E43 /* ใ */ || key == 0x0E0A /* ช */;
}

char *ui_prompt(struct ui *ui, const char *label, const char *initial)
{
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, initial ? initial : "");
    ui->status_dirty = true;
    for (;;) {
        char *line = xasprintf("%s %s", label, sb_str(&sb));
        int w = (int)text_width(line);
        ui_draw_text(ui->rows - 1, 0, ui->cols - 1, line, A_BOLD);
        free(line);
        curs_set(1);
        move(ui->rows - 1, w < ui->cols - 1 ? w : ui->cols - 1);
        refresh();
        int key = ui_read_key(-1);
        if (key == UI_ESC) {
            sb_free(&sb);
            return NULL;
        }
        if (key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER)) return sb_take(&sb);
        if (key == UI_FN(KEY_BACKSPACE) || key == 127 || key == 8) {
            sb_drop_codepoint(&sb);
        } else if (key == UI_CTRL('u')) {
            sb_reset(&sb); /* as in a shell: clear the line */
        } else if (key >= 32 && key < 0x110000) {
            sb_add_codepoint(&sb, (uint32_t)key);
        }
    }
}

static void poll_other_sessions(struct ui *ui)
{
    long long v = db_data_version(ui->db);
    if (v == ui->data_version) return;
    ui->data_version = v;
    if (refresh_screens(ui))
        draw(ui, false);
    else if (ui->tabs_dirty)
        draw(ui, false);
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
    ui->color = has_colors() && !getenv("NO_COLOR");
    if (ui->color) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_RED, -1);
    }
    measure(ui);
}

int tui_run(const char *db_path, bool thai)
{
    const char *fallback = messages_ensure_utf8();
    if (fallback && !*fallback) {
        fprintf(stderr, "khai: %s\n",
                _("no UTF-8 locale is available, so Thai cannot be shown. Install one (e.g. "
                  "`apt-get install locales` and generate C.UTF-8 or th_TH.UTF-8) and set "
                  "LANG=C.UTF-8."));
        return 1;
    }
    struct ui ui = {.thai = thai, .tab = 0};
    char *err = NULL;
    if (db_open(db_path, &ui.db, &err) != 0) {
        fprintf(stderr, "khai: %s\n", err);
        free(err);
        return 1;
    }
    ui.undo = undo_new();
    start_curses(&ui);
    update_counts(&ui);
    ui.data_version = db_data_version(ui.db);
    switch_tab(&ui, 0);
    if (fallback)
        ui_message(&ui, false,
                   T(&ui, "LANG is not UTF-8 here: using %s (set LANG=%s in your shell)",
                     "LANG ไม่ใช่ UTF-8: ใช้ %s แทน (ตั้ง LANG=%s และ lang = th ในไฟล์ตั้งค่า)"),
                   fallback, fallback);
    draw(&ui, true);
    for (;;) {
        int key = ui_read_key(POLL_MS);
        if (key < 0) {
            poll_other_sessions(&ui);
            continue;
        }
        int r = handle_key(&ui, key);
        if (r & UI_QUIT) break;
        /* Typed-ahead keys are handled before anything is drawn. */
        if (r & UI_FULL)
            draw(&ui, true);
        else
            draw(&ui, false);
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
    undo_free(&ui.undo);
    db_close(&ui.db);
    return 0;
}
