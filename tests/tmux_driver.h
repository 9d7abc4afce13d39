/* Drives the real khai binary in a detached tmux session, for the end-to-end tests of the
 * screens: start it at a fixed size, send keys, read the screen back with capture-pane and
 * wait (by polling, never by fixed sleeps) until it shows what a test expects.
 *
 * Every session lives on this test process's own tmux server (`tmux -L khai-test-<pid>`,
 * started with no configuration file), never on anyone else's; tm_stop_all() kills that
 * server and waits until it is gone. */
#ifndef KHAI_TMUX_DRIVER_H
#define KHAI_TMUX_DRIVER_H
#include <stdbool.h>

/* How long a wait lasts unless told otherwise: $KHAI_TUI_TIMEOUT_MS, else 5000. */
int tm_timeout_ms(void);

/* Whether tmux can be run at all (tests skip when it cannot). */
bool tm_available(void);

struct tm_session;

/* Starts `$KHAI_BIN --db DB ARGS` in a new detached session of cols x rows, in a hermetic
 * environment (LANG=C.UTF-8, TERM=xterm-256color, ESCDELAY=25, no NO_COLOR, no user config
 * or inputrc, drafts in the test directory's state/) plus env ("NAME=VALUE ..." added last, so it
 * may override TERM or LANG; may be NULL). khai's standard error goes to a file and its exit status
 * is recorded when it ends. Waits until khai has drawn its status line. */
struct tm_session *tm_start(const char *name, int cols, int rows, const char *env, const char *db,
                            const char *args);

/* tmux key names separated by spaces ("Down Down Enter", "C-s", "Escape"). */
void tm_keys(struct tm_session *s, const char *keys);
/* Literal text, Thai included (send-keys -l). */
void tm_type(struct tm_session *s, const char *text);
/* Changes the window size (resize-window). */
void tm_resize(struct tm_session *s, int cols, int rows);

/* The visible screen, one line per row (trailing blanks dropped by tmux); with attrs, with
 * the SGR sequences of the cells' attributes (capture-pane -e). malloc'd. */
char *tm_capture(struct tm_session *s, bool attrs);
/* Line y (0-based) of a captured screen, without its newline. malloc'd ("" past the end). */
char *tm_line(const char *screen, int y);
/* Number of lines in a captured screen. */
int tm_lines(const char *screen);

/* Waits until the screen (with attrs: the attributed capture) contains text; returns the
 * screen it saw last (malloc'd), and *found says whether text was there. */
char *tm_wait_text(struct tm_session *s, const char *text, bool attrs, int timeout_ms, bool *found);
/* Waits until the screen no longer contains text. */
char *tm_wait_gone(struct tm_session *s, const char *text, int timeout_ms, bool *gone);
/* Waits until line y of the screen contains text. */
char *tm_wait_line(struct tm_session *s, int y, const char *text, int timeout_ms, bool *found);

/* Waits until ok(screen, arg) holds (polling capture-pane, with attrs: capture-pane -e);
 * returns the screen it saw last (malloc'd), and *met says whether ok held. Stops early when
 * khai has ended. */
typedef bool (*tm_screen_test)(const char *screen, const void *arg);
char *tm_wait_until(struct tm_session *s, bool attrs, int timeout_ms, tm_screen_test ok,
                    const void *arg, bool *met);
/* Prints a screen (and khai's standard error when it has ended) to standard error, for a
 * failing test. */
void tm_print_screen(struct tm_session *s, const char *why, const char *screen);

/* The same, failing the test (with the screen printed) when the wait times out. They return
 * the screen that matched (malloc'd). */
char *tm_expect(struct tm_session *s, const char *text);
char *tm_expect_attrs(struct tm_session *s, const char *text);
char *tm_expect_gone(struct tm_session *s, const char *text);
char *tm_expect_line(struct tm_session *s, int y, const char *text);
/* Asserts text is not on the screen right now (after an expect made the screen settle). */
void tm_refute(struct tm_session *s, const char *text);

/* Waits for khai to end: its exit status, or -1 when it did not end in time. */
int tm_wait_exit(struct tm_session *s, int timeout_ms);
/* What khai wrote to its standard error (sanitizer reports). malloc'd, "" when nothing. */
char *tm_stderr(struct tm_session *s);
/* Sends q and asserts khai ends with status 0 and a clean standard error. */
void tm_quit_ok(struct tm_session *s);

/* Where the terminal's cursor is, 0-based; false when tmux cannot say. */
bool tm_cursor(struct tm_session *s, int *x, int *y);

/* khai's process id (the child of the pane's shell), or -1. */
int tm_pid(struct tm_session *s);
/* Closes the session's terminal as a dropped SSH link does (the pane's pty goes away). khai's
 * exit status is then not recorded: wait for its process to end instead. */
void tm_close_terminal(struct tm_session *s);

/* Kills this process's tmux server (every session), waits until it is gone, and frees every
 * session. Safe to call when nothing runs. */
void tm_stop_all(void);

#endif
