/* The tmux driver behind the screen tests: see tmux_driver.h. */
#include "tmux_driver.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { POLL_MS = 40, SETTLE_MS = 25, ESC_SETTLE_MS = 150, MAX_SESSIONS = 16 };

struct tm_session {
    char *name;
    char *status_file; /* khai's exit status, written when it ends */
    char *err_file;    /* khai's standard error */
    int cols, rows;
};

static struct tm_session *sessions[MAX_SESSIONS];
static int nsessions;
static char socket_name[64];
static unsigned serial;

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int tm_timeout_ms(void)
{
    const char *v = getenv("KHAI_TUI_TIMEOUT_MS");
    int ms = v ? atoi(v) : 0;
    return ms > 0 ? ms : 5000;
}

/* s in single quotes for /bin/sh. malloc'd. */
static char *shq(const char *s)
{
    size_t n = 3;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    char *out = xmalloc(n), *o = out;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static const char *sock(void)
{
    if (!*socket_name) snprintf(socket_name, sizeof socket_name, "khai-test-%ld", (long)getpid());
    return socket_name;
}

/* Runs `tmux -L OURS ARGS` (ARGS already quoted for the shell); its exit status. */
static int tmux_run(const char *args)
{
    char *cmd = xasprintf("env -u TMUX tmux -f /dev/null -L %s %s >/dev/null 2>&1", sock(), args);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

bool tm_available(void)
{
    return system("tmux -V >/dev/null 2>&1") == 0;
}

static char *read_command(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p) return xstrdup("");
    size_t cap = 8192, len = 0, n;
    char *buf = xmalloc(cap);
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    pclose(p);
    buf[len] = '\0';
    return buf;
}

char *tm_capture(struct tm_session *s, bool attrs)
{
    char *target = shq(s->name);
    char *cmd =
        xasprintf("env -u TMUX tmux -f /dev/null -L %s capture-pane -p %s -t %s 2>/dev/null",
                  sock(), attrs ? "-e" : "", target);
    char *screen = read_command(cmd);
    free(cmd);
    free(target);
    return screen;
}

char *tm_line(const char *screen, int y)
{
    const char *p = screen;
    for (int i = 0; i < y && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return xstrdup("");
    const char *end = strchr(p, '\n');
    return end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
}

int tm_lines(const char *screen)
{
    int n = 0;
    for (const char *p = screen; *p; p++)
        n += *p == '\n';
    return n;
}

static bool exited(struct tm_session *s)
{
    return access(s->status_file, F_OK) == 0;
}

void tm_print_screen(struct tm_session *s, const char *why, const char *screen)
{
    fprintf(stderr, "---- %s (session %s, %dx%d) ----\n%s---- end of screen ----\n", why, s->name,
            s->cols, s->rows, screen);
    if (exited(s)) {
        char *err = tm_stderr(s);
        char *st = test_read_file(s->status_file);
        fprintf(stderr, "khai has exited with status %s, standard error:\n%s\n", st ? st : "?",
                err);
        free(st);
        free(err);
    }
}

struct tm_session *tm_start(const char *name, int cols, int rows, const char *env, const char *db,
                            const char *args)
{
    if (nsessions == MAX_SESSIONS) fail_msg("too many tmux sessions");
    struct tm_session *s = xcalloc(1, sizeof *s);
    s->name = xasprintf("%s-%u", name, ++serial);
    char *base = xasprintf("%s.status", s->name);
    s->status_file = test_path(base);
    free(base);
    base = xasprintf("%s.err", s->name);
    s->err_file = test_path(base);
    free(base);
    s->cols = cols;
    s->rows = rows;
    sessions[nsessions++] = s;
    if (nsessions == 1 && serial == 1) atexit(tm_stop_all);
    unlink(s->status_file);

    char *config = test_path("config");
    /* Drafts of forms go to the test's own directory, never the user's. */
    char *state = test_path("state");
    char *qstate = shq(state);
    free(state);
    char *qconfig = shq(config), *qbin = shq(test_khai_bin()), *qdb = shq(db);
    char *qerr = shq(s->err_file), *qstatus = shq(s->status_file);
    char *qtmp = xasprintf("%s.tmp", qstatus);
    /* The status is written whole (rename), so a reader never sees half of it. */
    char *inner = xasprintf(
        "env -u NO_COLOR -u LC_ALL -u LC_MESSAGES -u LC_CTYPE -u LANGUAGE -u COLUMNS -u LINES "
        "-u KHAI_DB LANG=C.UTF-8 TERM=xterm-256color ESCDELAY=25 INPUTRC=/dev/null "
        "XDG_CONFIG_HOME=%s XDG_STATE_HOME=%s %s %s --db %s %s 2>%s; echo $? >%s && mv %s %s",
        qconfig, qstate, env ? env : "", qbin, qdb, args ? args : "", qerr, qtmp, qtmp, qstatus);
    char *qinner = shq(inner), *qname = shq(s->name);
    char *targs = xasprintf("new-session -d -x %d -y %d -s %s %s", cols, rows, qname, qinner);
    int rc = tmux_run(targs);
    free(targs);
    free(qname);
    free(qinner);
    free(inner);
    free(qtmp);
    free(qstatus);
    free(qerr);
    free(qdb);
    free(qbin);
    free(qconfig);
    free(qstate);
    free(config);
    if (rc != 0) fail_msg("tmux new-session failed for %s", s->name);

    /* Started when something is drawn on the last line (every screen has a status line). */
    long long end = now_ms() + tm_timeout_ms();
    for (;;) {
        char *screen = tm_capture(s, false);
        char *last = tm_line(screen, rows - 1);
        bool drawn = strspn(last, " ") < strlen(last);
        free(last);
        if (drawn) {
            free(screen);
            return s;
        }
        if (exited(s) || now_ms() > end) {
            tm_print_screen(s, "khai did not start", screen);
            free(screen);
            fail_msg("khai did not start in %s", s->name);
        }
        free(screen);
        sleep_ms(POLL_MS);
    }
}

static void send(struct tm_session *s, const char *flags, const char *what)
{
    char *target = shq(s->name);
    char *args = xasprintf("send-keys -t %s %s %s", target, flags, what);
    if (tmux_run(args) != 0) fail_msg("tmux send-keys %s %s failed (has khai ended?)", flags, what);
    free(args);
    free(target);
}

void tm_keys(struct tm_session *s, const char *keys)
{
    char *copy = xstrdup(keys), *save = NULL;
    char *batch = xcalloc(1, strlen(keys) * 4 + 8);
    size_t len = 0;
    for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
        char *q = shq(k);
        len += (size_t)sprintf(batch + len, "%s ", q);
        free(q);
        /* curses reads ESC with a key right behind it as Alt-key: Esc goes alone, and the
         * next key only after a pause. */
        if (strcmp(k, "Escape") == 0) {
            send(s, "", batch);
            len = 0;
            batch[0] = '\0';
            sleep_ms(ESC_SETTLE_MS);
        }
    }
    if (len) send(s, "", batch);
    free(batch);
    free(copy);
}

void tm_type(struct tm_session *s, const char *text)
{
    char *q = shq(text);
    send(s, "-l", q);
    free(q);
}

void tm_resize(struct tm_session *s, int cols, int rows)
{
    char *target = shq(s->name);
    char *args = xasprintf("resize-window -t %s -x %d -y %d", target, cols, rows);
    if (tmux_run(args) != 0) fail_msg("tmux resize-window failed");
    free(args);
    free(target);
    s->cols = cols;
    s->rows = rows;
}

char *tm_wait_until(struct tm_session *s, bool attrs, int timeout_ms, tm_screen_test ok,
                    const void *arg, bool *met)
{
    long long end = now_ms() + timeout_ms;
    char *screen = tm_capture(s, attrs);
    for (;;) {
        /* A frame can reach tmux in pieces when the machine is loaded: a screen counts only
         * once a second capture a moment later agrees, so no test reads half a frame. */
        while (ok(screen, arg)) {
            sleep_ms(SETTLE_MS);
            char *again = tm_capture(s, attrs);
            bool same = strcmp(again, screen) == 0;
            free(screen);
            screen = again;
            if (same || now_ms() > end) { /* a screen that never rests counts as it is */
                *met = true;
                return screen;
            }
        }
        if (now_ms() > end || exited(s)) {
            *met = false;
            return screen;
        }
        free(screen);
        sleep_ms(POLL_MS);
        screen = tm_capture(s, attrs);
    }
}

static bool has_text(const char *screen, const void *text)
{
    return strstr(screen, text) != NULL;
}

static bool lacks_text(const char *screen, const void *text)
{
    return strstr(screen, text) == NULL;
}

struct line_arg {
    int y;
    const char *text;
};

static bool line_has(const char *screen, const void *arg)
{
    const struct line_arg *la = arg;
    char *line = tm_line(screen, la->y);
    bool yes = strstr(line, la->text) != NULL;
    free(line);
    return yes;
}

char *tm_wait_text(struct tm_session *s, const char *text, bool attrs, int timeout_ms, bool *found)
{
    return tm_wait_until(s, attrs, timeout_ms, has_text, text, found);
}

char *tm_wait_gone(struct tm_session *s, const char *text, int timeout_ms, bool *gone)
{
    return tm_wait_until(s, false, timeout_ms, lacks_text, text, gone);
}

char *tm_wait_line(struct tm_session *s, int y, const char *text, int timeout_ms, bool *found)
{
    struct line_arg la = {y, text};
    return tm_wait_until(s, false, timeout_ms, line_has, &la, found);
}

char *tm_expect(struct tm_session *s, const char *text)
{
    bool found;
    char *screen = tm_wait_text(s, text, false, tm_timeout_ms(), &found);
    if (!found) {
        char *why = xasprintf("expected [%s] on the screen", text);
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("timed out waiting for [%s]", text);
    }
    return screen;
}

char *tm_expect_attrs(struct tm_session *s, const char *text)
{
    bool found;
    char *screen = tm_wait_text(s, text, true, tm_timeout_ms(), &found);
    if (!found) {
        char *why = xasprintf("expected [%s] in the attributed screen", text);
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("timed out waiting for [%s] (with attributes)", text);
    }
    return screen;
}

char *tm_expect_gone(struct tm_session *s, const char *text)
{
    bool gone;
    char *screen = tm_wait_gone(s, text, tm_timeout_ms(), &gone);
    if (!gone) {
        char *why = xasprintf("expected [%s] to leave the screen", text);
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("timed out waiting for [%s] to go", text);
    }
    return screen;
}

char *tm_expect_line(struct tm_session *s, int y, const char *text)
{
    bool found;
    char *screen = tm_wait_line(s, y, text, tm_timeout_ms(), &found);
    if (!found) {
        char *why = xasprintf("expected [%s] on line %d", text, y);
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("timed out waiting for [%s] on line %d", text, y);
    }
    return screen;
}

void tm_refute(struct tm_session *s, const char *text)
{
    char *screen = tm_capture(s, false);
    if (strstr(screen, text)) {
        char *why = xasprintf("did not expect [%s] on the screen", text);
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("[%s] is on the screen", text);
    }
    free(screen);
}

int tm_wait_exit(struct tm_session *s, int timeout_ms)
{
    long long end = now_ms() + timeout_ms;
    while (!exited(s)) {
        if (now_ms() > end) return -1;
        sleep_ms(POLL_MS);
    }
    char *st = test_read_file(s->status_file);
    int status = st ? atoi(st) : -1;
    free(st);
    return status;
}

char *tm_stderr(struct tm_session *s)
{
    char *err = test_read_file(s->err_file);
    return err ? err : xstrdup("");
}

void tm_quit_ok(struct tm_session *s)
{
    char *before = tm_capture(s, false);
    tm_keys(s, "q");
    int status = tm_wait_exit(s, tm_timeout_ms());
    char *err = tm_stderr(s);
    if (status != 0 || *err) {
        tm_print_screen(s, "the screen when q was pressed", before);
        fprintf(stderr, "khai's standard error:\n%s\n", err);
        free(before);
        free(err);
        if (status < 0) fail_msg("khai did not quit on q");
        fail_msg("khai quit with status %d and %zu bytes on standard error", status, strlen(err));
    }
    free(before);
    free(err);
}

void tm_stop_all(void)
{
    if (*socket_name) {
        tmux_run("kill-server");
        /* Gone when no server answers on our socket. */
        long long end = now_ms() + 3000;
        while (tmux_run("list-sessions") == 0 && now_ms() < end)
            sleep_ms(20);
        /* The server may leave its socket behind: remove ours. */
        const char *dir = getenv("TMUX_TMPDIR");
        char *path =
            xasprintf("%s/tmux-%ld/%s", dir && *dir ? dir : "/tmp", (long)getuid(), socket_name);
        unlink(path);
        free(path);
    }
    for (int i = 0; i < nsessions; i++) {
        free(sessions[i]->name);
        free(sessions[i]->status_file);
        free(sessions[i]->err_file);
        free(sessions[i]);
        sessions[i] = NULL;
    }
    nsessions = 0;
}

bool tm_cursor(struct tm_session *s, int *x, int *y)
{
    char *qname = shq(s->name);
    char *cmd = xasprintf("env -u TMUX tmux -f /dev/null -L %s display-message -p -t %s "
                          "'#{cursor_x} #{cursor_y}' 2>/dev/null",
                          sock(), qname);
    char *out = read_command(cmd);
    bool ok = sscanf(out, "%d %d", x, y) == 2;
    free(out);
    free(cmd);
    free(qname);
    return ok;
}

int tm_pid(struct tm_session *s)
{
    char *qname = shq(s->name);
    char *cmd = xasprintf("env -u TMUX tmux -f /dev/null -L %s display-message -p -t %s "
                          "'#{pane_pid}' 2>/dev/null",
                          sock(), qname);
    char *out = read_command(cmd);
    int shell = atoi(out);
    free(out);
    free(cmd);
    free(qname);
    if (shell <= 0) return -1;
    /* The pane runs a shell whose child (env, which execs) is khai. */
    cmd = xasprintf("pgrep -P %d 2>/dev/null", shell);
    long long end = now_ms() + tm_timeout_ms();
    int pid = -1;
    while (pid <= 0 && now_ms() < end) {
        out = read_command(cmd);
        pid = atoi(out);
        free(out);
        if (pid <= 0) sleep_ms(POLL_MS);
    }
    free(cmd);
    return pid;
}

void tm_close_terminal(struct tm_session *s)
{
    char *qname = shq(s->name);
    char *args = xasprintf("kill-session -t %s", qname);
    tmux_run(args);
    free(args);
    free(qname);
}
