/* End-to-end tests of the screens: the real khai binary (the ASan build under test) runs in
 * a detached tmux session at 80x24, keys go in with send-keys, and the tests assert on what
 * capture-pane shows and, after the screens changed data, on what `khai list ... --tsv`
 * says. Every wait polls the screen until the expected text appears (tests/tmux_driver.c),
 * and every session that ends is checked to end with status 0 and a clean standard error
 * (so sanitizer reports from the screens fail the test that caused them). */
#include "db.h"
#include "store_internal.h"
#include "test_support.h"
#include "text.h"
#include "tmux_driver.h"
#include "ui.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

/* Home and End as an xterm sends them, matching TERM=xterm-256color (tmux's own Home and
 * End keys send \e[1~ and \e[4~, which xterm's terminfo does not know: see
 * tui_home_end_as_tmux_sends_them). */
#define XTERM_HOME "\033OH"
#define XTERM_END "\033OF"

/* ---------------------------------------------------------------------------------------- */
/* Data prepared with the command line                                                      */
/* ---------------------------------------------------------------------------------------- */

/* A path for a fresh database named after the test (nothing is created). */
static char *fresh_db(const char *test_name)
{
    char *file = xasprintf("%s.db", test_name);
    char *path = test_path(file);
    free(file);
    char *cmd = xasprintf("rm -f '%s' '%s-wal' '%s-shm' '%s-journal'", path, path, path, path);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    return path;
}

/* Runs `khai --db DB ARGS`, which must succeed; its standard output (malloc'd). */
static char *cli(const char *db, const char *args)
{
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' %s", db, args);
    if (r.status != 0) fail_msg("khai %s: status %d\n%s%s", args, r.status, r.out, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

static void cli_quiet(const char *db, const char *args)
{
    free(cli(db, args));
}

/* The demo data: 300 members, 40 organisations, 30 events, 100 tasks. */
static char *demo_db(const char *test_name)
{
    char *db = fresh_db(test_name);
    cli_quiet(db, "demo");
    return db;
}
#define DEMO() demo_db(__func__)

/* A small roster: organisation 1 (มพช.), event 1 with a target of 70 hosted by it, and
 * members 1 นายสมชาย ใจดี (of มพช.), 2 นางสมศรี มีสุข, 3 นายประเสริฐ ทองดี (of มพช.). */
static char *roster_db(const char *test_name)
{
    char *db = fresh_db(test_name);
    static const char *const adds[] = {
        "add org --name 'มูลนิธิเพื่อนชุมชน' --short-name 'มพช.'",
        "add event --title 'เวทีสมัชชา' --start-date 2567-03-24 --target 70 --host 'มพช.'",
        "add member --name 'นายสมชาย ใจดี' --nickname ชาย --phone 081-555-0101 "
        "--organisations 'มพช.'",
        "add member --name 'นางสมศรี มีสุข' --nickname ศรี --phone 089-111-2222",
        "add member --name 'นายประเสริฐ ทองดี' --phone 086-333-4444 --organisations 'มพช.'",
    };
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++)
        cli_quiet(db, adds[i]);
    return db;
}
#define ROSTER() roster_db(__func__)

/* ---------------------------------------------------------------------------------------- */
/* Tab-separated output of `khai list`                                                      */
/* ---------------------------------------------------------------------------------------- */

/* Field col (0-based) of a tab-separated line, malloc'd. */
static char *tsv_cell(const char *line, int col)
{
    const char *p = line;
    for (int i = 0; i < col; i++) {
        p = strpbrk(p, "\t\n");
        if (!p || *p == '\n') return xstrdup("");
        p++;
    }
    size_t n = strcspn(p, "\t\n");
    return xstrndup(p, n);
}

static int tsv_column(const char *tsv, const char *name)
{
    for (int c = 0;; c++) {
        char *cell = tsv_cell(tsv, c);
        bool end = !*cell, same = strcmp(cell, name) == 0;
        free(cell);
        if (same) return c;
        if (end) fail_msg("no column %s in\n%s", name, tsv);
    }
}

/* The line (after the header) whose column key holds value, or NULL. Points into tsv. */
static const char *tsv_row(const char *tsv, const char *key, const char *value)
{
    int c = tsv_column(tsv, key);
    const char *line = strchr(tsv, '\n');
    while (line && line[1]) {
        line++;
        char *cell = tsv_cell(line, c);
        bool same = strcmp(cell, value) == 0;
        free(cell);
        if (same) return line;
        line = strchr(line, '\n');
    }
    return NULL;
}

/* Column name of the row whose key column holds value; fails when there is no such row. */
static char *tsv_get(const char *tsv, const char *key, const char *value, const char *name)
{
    const char *row = tsv_row(tsv, key, value);
    if (!row) fail_msg("no row with %s = %s in\n%s", key, value, tsv);
    return tsv_cell(row, tsv_column(tsv, name));
}

static int tsv_count(const char *tsv)
{
    int n = 0;
    for (const char *p = tsv; *p; p++)
        n += *p == '\n';
    return n > 0 ? n - 1 : 0;
}

/* The ids (first column) of a listing, in order; returns how many. */
static int tsv_ids(const char *tsv, long long *ids, int max)
{
    int n = 0;
    const char *line = strchr(tsv, '\n');
    while (line && line[1] && n < max) {
        ids[n++] = atoll(line + 1);
        line = strchr(line + 1, '\n');
    }
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Reading a list screen                                                                    */
/* ---------------------------------------------------------------------------------------- */

/* A list row: a mark (">" cursor, "!" overdue, " "), then the id right-aligned in six
 * columns. Returns the id, or 0 when line is no list row. */
static long long row_id(const char *line, char *mark)
{
    if (!line[0] || !strchr("> !", line[0])) return 0;
    const char *p = line + 1;
    p += strspn(p, " ");
    if (p - line > 7 || *p < '0' || *p > '9') return 0;
    long long id = atoll(p);
    p += strspn(p, "0123456789");
    if (*p != ' ' && *p) return 0;
    if (mark) *mark = line[0];
    return id;
}

/* The ids of the list rows shown (rows 2 .. the line above the status line). */
static int screen_ids(const char *screen, long long *ids, int max)
{
    int n = 0, lines = tm_lines(screen);
    for (int y = 2; y < lines - 1 && n < max; y++) {
        char *line = tm_line(screen, y);
        long long id = row_id(line, NULL);
        free(line);
        if (id) ids[n++] = id;
    }
    return n;
}

/* The id on the cursor row (marked ">"), or 0. */
static long long cursor_id(const char *screen)
{
    int lines = tm_lines(screen);
    for (int y = 2; y < lines - 1; y++) {
        char *line = tm_line(screen, y);
        char mark = 0;
        long long id = row_id(line, &mark);
        free(line);
        if (id && mark == '>') return id;
    }
    return 0;
}

/* The mark in front of the row of id, or 0 when it is not shown. */
static char row_mark(const char *screen, long long want)
{
    int lines = tm_lines(screen);
    for (int y = 2; y < lines - 1; y++) {
        char *line = tm_line(screen, y);
        char mark = 0;
        long long id = row_id(line, &mark);
        free(line);
        if (id == want) return mark;
    }
    return 0;
}

/* The first line starting with prefix (a form's label), or "" (malloc'd). */
static char *line_starting(const char *screen, const char *prefix)
{
    int lines = tm_lines(screen);
    for (int y = 0; y < lines; y++) {
        char *line = tm_line(screen, y);
        if (strncmp(line, prefix, strlen(prefix)) == 0) return line;
        free(line);
    }
    return xstrdup("");
}

static bool cursor_is(const char *screen, const void *arg)
{
    return cursor_id(screen) == *(const long long *)arg;
}

/* Waits until the cursor row is the row of id. */
static char *expect_cursor(struct tm_session *s, long long id)
{
    bool ok;
    char *screen = tm_wait_until(s, false, tm_timeout_ms(), cursor_is, &id, &ok);
    if (!ok) {
        char *why =
            xasprintf("expected the cursor on id %lld (it is on %lld)", id, cursor_id(screen));
        tm_print_screen(s, why, screen);
        free(why);
        free(screen);
        fail_msg("cursor not on %lld", id);
    }
    return screen;
}

struct ids_arg {
    const long long *ids;
    int n;
};

static bool ids_are(const char *screen, const void *arg)
{
    const struct ids_arg *a = arg;
    long long got[64];
    int n = screen_ids(screen, got, 64);
    if (n != a->n) return false;
    for (int i = 0; i < n; i++)
        if (got[i] != a->ids[i]) return false;
    return true;
}

/* Waits until the rows shown are exactly ids, in that order. */
static char *expect_ids(struct tm_session *s, const long long *ids, int n)
{
    struct ids_arg a = {ids, n};
    bool ok;
    char *screen = tm_wait_until(s, false, tm_timeout_ms(), ids_are, &a, &ok);
    if (!ok) {
        long long got[64];
        int m = screen_ids(screen, got, 64);
        fprintf(stderr, "expected %d rows:", n);
        for (int i = 0; i < n; i++)
            fprintf(stderr, " %lld", ids[i]);
        fprintf(stderr, "\ngot %d rows:", m);
        for (int i = 0; i < m; i++)
            fprintf(stderr, " %lld", got[i]);
        fputc('\n', stderr);
        tm_print_screen(s, "rows differ", screen);
        free(screen);
        fail_msg("the list shows other rows than `khai list`");
    }
    return screen;
}

/* The rows `khai list KIND ARGS --tsv` gives, at most a screenful. */
static int listed_ids(const char *db, const char *kind_args, long long *ids, int max)
{
    char *args = xasprintf("list %s --tsv", kind_args);
    char *tsv = cli(db, args);
    int n = tsv_ids(tsv, ids, max);
    free(tsv);
    free(args);
    return n;
}

static int widest(const char *screen);

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

static struct tm_session *start(const char *name, const char *env, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, COLS, ROWS, env, db, args);
}

/* Rows of data a list shows at 80x24: between the column headers and the status line. */
enum { PAGE = ROWS - 3 };

/* ---------------------------------------------------------------------------------------- */
/* Tabs, lists, details, help                                                               */
/* ---------------------------------------------------------------------------------------- */

static void tui_tabs_show_counts_and_switch(void **state)
{
    (void)state;
    char *db = DEMO();
    static const char *const kinds[4] = {"members", "orgs", "events", "tasks"};
    static const char *const labels[4] = {"Members", "Organisations", "Events", "Tasks"};
    static const char *const headers[4][2] = {
        {"Name", "Nickname"}, {"Name", "Short"}, {"Start date", "Title"}, {"Due", "Task"}};
    char *tab[4];
    long long first[4];
    for (int t = 0; t < 4; t++) {
        char *args = xasprintf("list %s --tsv", kinds[t]);
        char *tsv = cli(db, args);
        tab[t] = xasprintf(" %d %s (%d) ", t + 1, labels[t], tsv_count(tsv));
        tsv_ids(tsv, &first[t], 1);
        free(tsv);
        free(args);
    }
    struct tm_session *s = start("tabs", NULL, db, "");
    char *screen = tm_expect(s, "Members (");
    /* capture-pane drops trailing blanks: the bar gets its last one back. */
    char *line = tm_line(screen, 0);
    char *bar = xasprintf("%s ", line);
    for (int t = 0; t < 4; t++)
        assert_contains(bar, tab[t]);
    free(bar);
    free(line);
    free(screen);

    for (int t = 3; t >= 0; t--) {
        char key[2] = {(char)('1' + t), 0};
        tm_keys(s, key);
        /* The current tab is drawn in reverse video. */
        /* (capture-pane drops the last tab's trailing blank here too) */
        char *selected = xasprintf("7m%.*s", (int)strlen(tab[t]) - 1, tab[t]);
        free(tm_expect_attrs(s, selected));
        free(selected);
        screen = expect_cursor(s, first[t]);
        char *header = tm_line(screen, 1);
        assert_contains(header, "ID");
        assert_contains(header, headers[t][0]);
        assert_contains(header, headers[t][1]);
        free(header);
        free(screen);
    }
    /* Tab and Shift-Tab go round, through the Calendar and Reports, the last tab. */
    tm_keys(s, "BTab");
    free(tm_expect_attrs(s, "7m 6 Reports"));
    tm_keys(s, "BTab");
    free(tm_expect_attrs(s, "7m 5 Calendar"));
    tm_keys(s, "BTab");
    free(expect_cursor(s, first[3]));
    free(tm_expect_attrs(s, "7m 4 Tasks"));
    tm_keys(s, "Tab Tab Tab");
    free(tm_expect_attrs(s, "7m 1 Members"));
    free(expect_cursor(s, first[0]));
    tm_quit_ok(s);
    for (int t = 0; t < 4; t++)
        free(tab[t]);
    free(db);
}

static void tui_member_detail_and_back(void **state)
{
    (void)state;
    char *db = DEMO();
    char *tsv = cli(db, "list members --search จิราพร --tsv");
    assert_int_equal(tsv_count(tsv), 1);
    char *given = tsv_get(tsv, "id", "3", "given_name");
    char *family = tsv_get(tsv, "id", "3", "family_name");
    char *nick = tsv_get(tsv, "id", "3", "nickname");
    char *orgs = tsv_get(tsv, "id", "3", "organisations");
    orgs[strcspn(orgs, ";")] = '\0';
    long long first;
    listed_ids(db, "members", &first, 1);

    struct tm_session *s = start("member", NULL, db, "");
    tm_keys(s, "/");
    tm_type(s, "จิราพร");
    expect_and_free(s, "Search: จิราพร");
    free(expect_cursor(s, 3));
    tm_keys(s, "Enter"); /* ends the search, keeping it */
    expect_and_free(s, "[จิราพร]");
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Given name");
    char *line = line_starting(screen, " Given name");
    assert_contains(line, given);
    free(line);
    line = line_starting(screen, " Family name");
    assert_contains(line, family);
    free(line);
    line = line_starting(screen, " Nickname");
    assert_contains(line, nick);
    free(line);
    assert_contains(screen, "Organisations (");
    assert_contains(screen, orgs);
    assert_contains(screen, "q/Esc back");
    free(screen);

    /* q goes back to the list (the search still on), Esc there clears the search. */
    tm_keys(s, "q");
    expect_and_free(s, "[จิราพร]");
    free(expect_cursor(s, 3));
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[จิราพร]"));
    free(expect_cursor(s, first));
    /* Esc leaves a detail too. */
    tm_keys(s, "Enter");
    expect_and_free(s, "q/Esc back");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "q/Esc back"));
    free(expect_cursor(s, first));
    tm_quit_ok(s);
    free(given);
    free(family);
    free(nick);
    free(orgs);
    free(tsv);
    free(db);
}

static void tui_org_detail_lists_members_and_events(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("org", NULL, db, "");
    tm_keys(s, "2");
    free(expect_cursor(s, 1));
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Members (2)");
    assert_contains(screen, "มูลนิธิเพื่อนชุมชน");
    char *line = line_starting(screen, " Short name");
    assert_contains(line, "มพช.");
    free(line);
    assert_contains(screen, "นายสมชาย ใจดี");
    assert_contains(screen, "นายประเสริฐ ทองดี");
    assert_contains(screen, "Events (1)");
    assert_contains(screen, "เวทีสมัชชา");
    free(screen);
    tm_keys(s, "q");
    free(tm_expect(s, " 2 Organisations (1) "));
    free(expect_cursor(s, 1));
    tm_quit_ok(s);
    free(db);
}

static void tui_event_detail_shows_turnout(void **state)
{
    (void)state;
    char *db = ROSTER();
    cli_quiet(db, "add attendance --event-id 1 --member-id 2 --status attended");
    cli_quiet(db, "add attendance --event-id 1 --member-id 1 --status invited");
    struct tm_session *s = start("event", NULL, db, "");
    tm_keys(s, "3");
    free(expect_cursor(s, 1));
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Turnout:");
    assert_contains(screen, "เวทีสมัชชา");
    assert_contains(screen, "Turnout: 1 attended of a target of 70 (1%), from 0 organisations");
    assert_contains(screen, "invited 1");
    assert_contains(screen, "c check-in");
    free(screen);
    /* The participants are below the fields: a page down shows them. */
    tm_keys(s, "NPage");
    screen = tm_expect(s, "Participants (2)");
    assert_contains(screen, "นางสมศรี มีสุข  [attended]");
    assert_contains(screen, "นายสมชาย ใจดี  [invited]");
    free(screen);
    /* Check-in opens from the event's detail; Esc on its empty line comes back. */
    tm_keys(s, "c");
    expect_and_free(s, "attended 1 / 70 · 0 organisations");
    tm_keys(s, "Escape");
    expect_and_free(s, "Turnout:");
    tm_keys(s, "q");
    free(expect_cursor(s, 1));
    tm_quit_ok(s);
    free(db);
}

/* p on an event (its detail or the events list) prints its sign-in sheet to a new file where
 * khai was started, never over an earlier one, and the status line says where. */
static void tui_p_prints_the_sign_in_sheet(void **state)
{
    (void)state;
    char *db = ROSTER();
    cli_quiet(db, "add attendance --event-id 1 --member-id 2 --status confirmed");
    char *dir = test_path("printed");
    char *cmd = xasprintf("rm -rf '%s' && mkdir '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *in_dir = xasprintf("sh -c 'cd %s && exec \"$0\" \"$@\"'", dir);
    struct tm_session *s = start("print", in_dir, db, "");
    tm_keys(s, "3");
    free(expect_cursor(s, 1));
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Turnout:");
    assert_contains(screen, "p print");
    free(screen);
    tm_keys(s, "p");
    expect_and_free(s, "sign-in sheet printed to");
    tm_keys(s, "q");
    free(expect_cursor(s, 1));
    tm_keys(s, "p");
    expect_and_free(s, "signin-event1-2.pdf");
    tm_quit_ok(s);
    for (int i = 0; i < 2; i++) {
        char *pdf = xasprintf("%s/%s", dir, i ? "signin-event1-2.pdf" : "signin-event1.pdf");
        char *text = xasprintf("pdftotext -raw '%s' - | grep -c 'นางสมศรี มีสุข'", pdf);
        FILE *p = popen(text, "r");
        char line[16] = "";
        assert_non_null(fgets(line, sizeof line, p));
        pclose(p);
        assert_string_equal(line, "1\n");
        free(text);
        free(pdf);
    }
    free(in_dir);
    free(dir);
    free(db);
}

static void tui_task_detail_shows_event_and_owner(void **state)
{
    (void)state;
    char *db = ROSTER();
    cli_quiet(db, "add task --title 'จองห้องประชุม' --event-id 1 --owner 1 --due-date 2567-03-01");
    struct tm_session *s = start("task", NULL, db, "");
    tm_keys(s, "4");
    free(tm_expect(s, "จองห้องประชุม"));
    free(expect_cursor(s, 1));
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Owners (1)");
    char *line = line_starting(screen, " Task");
    assert_contains(line, "จองห้องประชุม");
    free(line);
    line = line_starting(screen, " Due");
    assert_contains(line, "1 มี.ค. 2567");
    free(line);
    assert_contains(screen, "Event (1)");
    assert_contains(screen, "เวทีสมัชชา");
    assert_contains(screen, "นายสมชาย ใจดี");
    free(screen);
    tm_keys(s, "q");
    free(expect_cursor(s, 1));
    tm_quit_ok(s);
    free(db);
}

/* A member of one organisation: the detail's only link is that organisation. */
static void tui_detail_link_opens_with_enter(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("link", NULL, db, "");
    tm_keys(s, "/");
    tm_type(s, "ประเสริฐ");
    free(expect_cursor(s, 3));
    tm_keys(s, "Enter Enter");
    expect_and_free(s, "Organisations (1)");
    /* Down reaches the link (wherever the highlight starts), Enter opens it. */
    tm_keys(s, "j");
    bool found;
    char *screen = tm_wait_text(s, ">  มูลนิธิเพื่อนชุมชน", false, 1500, &found);
    if (!found) tm_print_screen(s, "no link highlighted after j", screen);
    free(screen);
    tm_keys(s, "Enter");
    screen = tm_expect(s, "Members (2)");
    char *line = line_starting(screen, " Short name");
    assert_contains(line, "มพช.");
    free(line);
    free(screen);
    /* q goes back one level: to the member. */
    tm_keys(s, "q");
    expect_and_free(s, "Organisations (1)");
    tm_keys(s, "q");
    free(expect_cursor(s, 3));
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[ประเสริฐ]"));
    tm_quit_ok(s);
    free(db);
}

/* r on an organisation in a member's detail asks for the role and dates and saves them. */
static void tui_member_role_at_an_organisation(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("role", NULL, db, "");
    tm_keys(s, "/");
    tm_type(s, "ประเสริฐ");
    free(expect_cursor(s, 3));
    tm_keys(s, "Enter Enter");
    expect_and_free(s, "Organisations (1)");
    tm_keys(s, "j");
    free(tm_expect(s, ">  มูลนิธิเพื่อนชุมชน"));
    tm_keys(s, "r");
    expect_and_free(s, "Role:");
    tm_type(s, "เหรัญญิก");
    tm_keys(s, "Enter");
    expect_and_free(s, "Since:");
    tm_type(s, "1/1/2565");
    tm_keys(s, "Enter");
    expect_and_free(s, "Until:");
    tm_keys(s, "Enter");
    expect_and_free(s, "มูลนิธิเพื่อนชุมชน  (เหรัญญิก, 1 ม.ค. 2565 – )");
    char *out = cli(db, "affiliation 3");
    assert_contains(out, "เหรัญญิก, 1 ม.ค. 2565");
    free(out);
    /* Esc at a question changes nothing. */
    tm_keys(s, "r");
    expect_and_free(s, "Role:");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Role:"));
    out = cli(db, "affiliation 3");
    assert_contains(out, "เหรัญญิก");
    free(out);
    tm_keys(s, "q");
    free(expect_cursor(s, 3));
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[ประเสริฐ]"));
    tm_quit_ok(s);
    free(db);
}

static bool differs(const char *screen, const void *before)
{
    return strcmp(screen, before) != 0;
}

/* Every help page from the one open now (paging down until the page stops changing),
 * joined. malloc'd. */
static char *all_help_pages(struct tm_session *s, const char *title)
{
    char *page = tm_expect(s, title);
    char *all = xstrdup(page);
    for (int i = 0; i < 40; i++) {
        tm_keys(s, "NPage");
        bool moved;
        char *next = tm_wait_until(s, false, 1000, differs, page, &moved);
        free(page);
        page = next;
        if (!moved) break;
        char *joined = xasprintf("%s%s", all, page);
        free(all);
        all = joined;
    }
    free(page);
    return all;
}

/* Fails unless the help pages show every action of the contexts: its key and words. */
static void expect_actions_in_help(const char *all, unsigned contexts)
{
    for (int i = 0; i < ui_action_count; i++) {
        const struct action_def *a = &ui_actions[i];
        if (!(a->contexts & contexts)) continue;
        const char *words = a->help ? a->help : a->label;
        char *key = text_fit(a->key_name, 12);
        char *want =
            xasprintf("  %s %.*s", key, (int)(strlen(words) < 40 ? strlen(words) : 40), words);
        if (!strstr(all, want)) {
            fprintf(stderr, "help pages:\n%s\n", all);
            fail_msg("help lacks [%s]", want);
        }
        free(want);
        free(key);
    }
}

/* The help screen is made from the action table: every action's key and words are on it. */
static void tui_help_shows_every_action(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("help", NULL, db, "");
    tm_keys(s, "?");
    char *all = all_help_pages(s, "khai keys (q or Esc closes this help)");
    static const char *const sections[] = {"\nLists\n",   "\nEvents\n", "\nTasks\n",
                                           "\nDetails\n", "\nForms\n",  "\nCheck-in\n"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        assert_contains(all, sections[i]);
    expect_actions_in_help(all, UI_ALL_CONTEXTS);
    free(all);
    tm_keys(s, "q");
    free(tm_expect_gone(s, "khai keys"));
    expect_and_free(s, "? help  q quit");
    tm_keys(s, "?");
    expect_and_free(s, "khai keys");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "khai keys"));

    /* F1 in a form: the form's keys, from the same table; q goes back to the form. */
    tm_keys(s, "a");
    expect_and_free(s, "New member");
    tm_type(s, "นายทดสอบ");
    tm_keys(s, "F1");
    all = all_help_pages(s, "Form keys (q or Esc closes this help)");
    assert_contains(all, "\nForms\n");
    assert_null(strstr(all, "\nLists\n"));
    expect_actions_in_help(all, CTX_FORM);
    free(all);
    tm_keys(s, "q");
    char *screen = tm_expect(s, "New member");
    assert_contains(screen, "นายทดสอบ");
    free(screen);
    tm_keys(s, "Escape");
    expect_and_free(s, "Discard your changes? (y/n)");
    tm_keys(s, "y");
    free(tm_expect_gone(s, "New member"));
    tm_quit_ok(s);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Searching, moving, paging, sorting, filtering                                            */
/* ---------------------------------------------------------------------------------------- */

static void tui_search_thai_substring_phone_digits_esc_clears(void **state)
{
    (void)state;
    char *db = DEMO();
    long long all[PAGE], want[PAGE];
    int nall = listed_ids(db, "members", all, PAGE);
    assert_int_equal(nall, PAGE);
    struct tm_session *s = start("search", NULL, db, "");
    free(expect_ids(s, all, nall));

    /* A Thai substring from the middle of a given name. */
    tm_keys(s, "/");
    tm_type(s, "ราพร");
    expect_and_free(s, "Search: ราพร");
    int n = listed_ids(db, "members --search ราพร", want, PAGE);
    assert_true(n >= 1);
    char *screen = expect_ids(s, want, n);
    assert_contains(screen, "จิราพร");
    free(screen);
    /* Enter ends the typing; the status line keeps the search and says how many it found. */
    tm_keys(s, "Enter");
    char *found = xasprintf("[ราพร] %d found", n);
    expect_and_free(s, found);
    free(found);
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[ราพร]"));
    free(expect_ids(s, all, nall));

    /* Phone digits, typed without the dashes the numbers are shown with. */
    tm_keys(s, "/");
    tm_type(s, "4946579");
    expect_and_free(s, "Search: 4946579");
    n = listed_ids(db, "members --search 4946579", want, PAGE);
    assert_int_equal(n, 1);
    screen = expect_ids(s, want, n);
    assert_contains(screen, "083-494-657");
    free(screen);
    /* Backspace widens the search again, as you type. */
    tm_keys(s, "BSpace BSpace BSpace");
    expect_and_free(s, "Search: 4946\n");
    n = listed_ids(db, "members --search 4946", want, PAGE);
    free(expect_ids(s, want, n));
    /* Nothing matches: the list says so. */
    tm_type(s, "999999");
    expect_and_free(s, "Nothing matches.");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Search:"));
    free(expect_ids(s, all, nall));
    tm_refute(s, "Nothing matches.");
    tm_quit_ok(s);
    free(db);
}

static void tui_moving_and_paging(void **state)
{
    (void)state;
    char *db = DEMO();
    long long ids[400];
    int n = listed_ids(db, "members", ids, 400);
    assert_true(n > 3 * PAGE);
    struct tm_session *s = start("move", NULL, db, "");
    free(expect_ids(s, ids, PAGE));
    free(expect_cursor(s, ids[0]));
    tm_keys(s, "Up"); /* nothing above the first row */
    tm_keys(s, "Down");
    free(expect_cursor(s, ids[1]));
    tm_keys(s, "j j");
    free(expect_cursor(s, ids[3]));
    tm_keys(s, "k");
    free(expect_cursor(s, ids[2]));
    /* A page moves the view and the highlight together. */
    tm_keys(s, "NPage");
    free(expect_cursor(s, ids[PAGE + 2]));
    free(expect_ids(s, ids + PAGE, PAGE));
    tm_keys(s, "Space"); /* Space pages down too */
    free(expect_cursor(s, ids[2 * PAGE + 2]));
    free(expect_ids(s, ids + 2 * PAGE, PAGE));
    tm_keys(s, "PPage");
    free(expect_cursor(s, ids[PAGE + 2]));
    free(expect_ids(s, ids + PAGE, PAGE));
    /* Moving down past the bottom row scrolls by one. */
    for (int i = PAGE + 2; i < 2 * PAGE; i++)
        tm_keys(s, "Down");
    free(expect_cursor(s, ids[2 * PAGE]));
    free(expect_ids(s, ids + PAGE + 1, PAGE));
    tm_type(s, XTERM_END);
    free(expect_cursor(s, ids[n - 1]));
    free(expect_ids(s, ids + n - PAGE, PAGE));
    tm_type(s, XTERM_HOME);
    free(expect_cursor(s, ids[0]));
    free(expect_ids(s, ids, PAGE));
    tm_keys(s, "G");
    free(expect_cursor(s, ids[n - 1]));
    tm_keys(s, "g");
    free(expect_cursor(s, ids[0]));
    tm_quit_ok(s);
    free(db);
}

/* tmux's Home and End keys send \e[1~ and \e[4~ (as the Linux console, PuTTY and rxvt do),
 * which the xterm-256color terminfo does not list: they must still go to the first and last
 * row, and never fall apart into keys of their own ("4" is the Tasks tab). */
static void tui_home_end_as_tmux_sends_them(void **state)
{
    (void)state;
    char *db = DEMO();
    long long ids[400];
    int n = listed_ids(db, "members", ids, 400);
    struct tm_session *s = start("homeend", NULL, db, "");
    free(expect_cursor(s, ids[0]));
    tm_keys(s, "End");
    bool ok;
    char *screen = tm_wait_until(s, false, 2000, cursor_is, &ids[n - 1], &ok);
    if (!ok) {
        tm_print_screen(s, "after End (\\e[4~)", screen);
        free(screen);
        fail_msg("End did not go to the last row");
    }
    char *header = tm_line(screen, 1);
    assert_contains(header, "Nickname"); /* still the members */
    free(header);
    free(screen);
    tm_keys(s, "Home");
    free(expect_cursor(s, ids[0]));
    tm_quit_ok(s);
    free(db);
}

/* The rows on screen are a run of want, in its order; returns where the run starts, or -1. */
static int run_in(const char *screen, const long long *want, int n)
{
    long long got[64];
    int m = screen_ids(screen, got, 64);
    for (int start = 0; m > 0 && start + m <= n; start++)
        if (memcmp(want + start, got, sizeof got[0] * (size_t)m) == 0) return start;
    return -1;
}

struct run_arg {
    const long long *want;
    int n;
    int below; /* the run must start before this row */
};

static bool run_above(const char *screen, const void *arg)
{
    const struct run_arg *a = arg;
    int at = run_in(screen, a->want, a->n);
    return at >= 0 && at < a->below;
}

/* End and pages back up in province order are pages by key (the sort key kept in the row):
 * they show the rows `khai list` gives, in its order, however far from the top. */
static void tui_end_and_pages_up_in_province_order(void **state)
{
    (void)state;
    char *db = DEMO();
    static long long want[400];
    int n = listed_ids(db, "members --sort province", want, 400);
    assert_true(n > 200);
    struct tm_session *s = start("provend", NULL, db, "");
    for (int i = 0; i < 3; i++)
        tm_keys(s, "s");
    expect_and_free(s, "sorted by: province");
    tm_keys(s, "End");
    char *screen = expect_cursor(s, want[n - 1]);
    int at = run_in(screen, want, n);
    free(screen);
    assert_true(at > 0);
    /* eight pages up: past the rows fetched with End, so fetched again before them */
    for (int i = 0; i < 8; i++)
        tm_keys(s, "PageUp");
    struct run_arg a = {want, n, at - 100};
    bool ok;
    screen = tm_wait_until(s, false, tm_timeout_ms(), run_above, &a, &ok);
    if (!ok) {
        tm_print_screen(s, "after End and eight pages up", screen);
        free(screen);
        fail_msg("the rows are not a run of `khai list --sort province` far above the end");
    }
    free(screen);
    tm_quit_ok(s);
    free(db);
}

/* Another order, or a search cleared, is another list: the cursor goes to its top instead of
 * staying at a row number that now stands on someone unrelated (and that, deep in a long list,
 * would be read by walking every row before it). */
static void tui_another_order_or_a_cleared_search_starts_at_the_top(void **state)
{
    (void)state;
    char *db = DEMO();
    long long want[PAGE];
    struct tm_session *s = start("sorttop", NULL, db, "");
    int n = listed_ids(db, "members", want, PAGE);
    assert_true(n > 4);
    tm_keys(s, "Down Down Down");
    free(expect_cursor(s, want[3]));
    tm_keys(s, "s");
    expect_and_free(s, "sorted by: family");
    n = listed_ids(db, "members --sort family", want, PAGE);
    free(expect_cursor(s, want[0]));
    /* End in what a search found, then Esc: the whole list again, from its top. */
    tm_keys(s, "/");
    tm_type(s, "สม");
    tm_keys(s, "Enter End");
    expect_and_free(s, "found");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "found"));
    free(expect_cursor(s, want[0]));
    tm_quit_ok(s);
    free(db);
}

static bool sorted_message(const char *screen, const void *arg)
{
    (void)arg;
    return strstr(screen, "sorted by: ") != NULL;
}

static void tui_sort_and_filter_match_the_command_line(void **state)
{
    (void)state;
    char *db = DEMO();
    long long want[PAGE];
    struct tm_session *s = start("sort", NULL, db, "");
    tm_keys(s, "s");
    bool ok;
    char *screen = tm_wait_until(s, false, tm_timeout_ms(), sorted_message, NULL, &ok);
    if (!ok) {
        tm_print_screen(s, "no sort message", screen);
        fail_msg("s did not say how the list is sorted");
    }
    char *status = tm_line(screen, ROWS - 1);
    char *key = xstrdup(strstr(status, "sorted by: ") + strlen("sorted by: "));
    key[strcspn(key, " ")] = '\0';
    free(status);
    free(screen);
    char *args = xasprintf("members --sort %s", key);
    int n = listed_ids(db, args, want, PAGE);
    free(args);
    free(expect_ids(s, want, n));
    free(expect_cursor(s, want[0]));

    /* f p: a province, through the status-line prompt. */
    tm_keys(s, "f");
    expect_and_free(s, "Filter by: p province");
    tm_keys(s, "p");
    expect_and_free(s, "Province:");
    tm_type(s, "ลำพูน");
    tm_keys(s, "Enter");
    expect_and_free(s, "[ลำพูน]");
    args = xasprintf("members --sort %s --province ลำพูน", key);
    n = listed_ids(db, args, want, PAGE);
    free(args);
    assert_true(n >= 1 && n < PAGE);
    free(expect_ids(s, want, n));
    /* f c clears it. */
    tm_keys(s, "f");
    expect_and_free(s, "Filter by:");
    tm_keys(s, "c");
    free(tm_expect_gone(s, "[ลำพูน]"));
    args = xasprintf("members --sort %s", key);
    n = listed_ids(db, args, want, PAGE);
    free(args);
    free(expect_ids(s, want, n));
    tm_quit_ok(s);
    free(key);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Forms, delete and undo                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* Starts khai on db with the form for a new member open. */
static struct tm_session *start_new_member(const char *name, const char *db)
{
    struct tm_session *s = start(name, NULL, db, "");
    tm_keys(s, "a");
    expect_and_free(s, "New member");
    return s;
}

static void tui_add_member_splits_glued_honorific(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("add", NULL, db, "");
    expect_and_free(s, " 1 Members (3) ");
    tm_keys(s, "a");
    expect_and_free(s, "New member");
    tm_type(s, "นางสาวจิราพร คงทอง");
    expect_and_free(s, "นางสาว | จิราพร | คงทอง");
    tm_keys(s, "Down");
    char *screen = tm_expect(s, ">Title");
    char *line = line_starting(screen, ">Title");
    assert_contains(line, "นางสาว");
    free(line);
    line = line_starting(screen, " Given name");
    assert_contains(line, "จิราพร");
    free(line);
    line = line_starting(screen, " Family name");
    assert_contains(line, "คงทอง");
    free(line);
    free(screen);
    /* Title, given, family, nickname, gender, phone. */
    tm_keys(s, "Down Down Down Down Down");
    expect_and_free(s, ">Phone");
    tm_type(s, "0812345678");
    expect_and_free(s, "0812345678");
    tm_keys(s, "C-s");
    expect_and_free(s, " 1 Members (4) ");
    screen = tm_expect(s, "นางสาวจิราพร คงทอง");
    assert_contains(screen, "Saved member 4");
    tm_refute(s, "New member");
    free(screen);
    tm_quit_ok(s);

    char *tsv = cli(db, "list members --tsv");
    assert_int_equal(tsv_count(tsv), 4);
    char *v = tsv_get(tsv, "given_name", "จิราพร", "title");
    assert_string_equal(v, "นางสาว");
    free(v);
    v = tsv_get(tsv, "given_name", "จิราพร", "family_name");
    assert_string_equal(v, "คงทอง");
    free(v);
    v = tsv_get(tsv, "given_name", "จิราพร", "phone");
    assert_string_equal(v, "081-234-5678");
    free(v);
    free(tsv);
    free(db);
}

static void tui_add_member_with_f2(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start_new_member("f2", db);
    tm_type(s, "ดร.อเนก นาคะบุตร");
    expect_and_free(s, "ดร. | อเนก | นาคะบุตร");
    tm_keys(s, "F2");
    expect_and_free(s, " 1 Members (4) ");
    tm_quit_ok(s);
    char *tsv = cli(db, "list members --tsv");
    char *v = tsv_get(tsv, "given_name", "อเนก", "title");
    assert_string_equal(v, "ดร.");
    free(v);
    free(tsv);
    free(db);
}

static void tui_edit_member_field(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("edit", NULL, db, "");
    tm_keys(s, "/");
    tm_type(s, "สมศรี");
    free(expect_cursor(s, 2));
    tm_keys(s, "Enter e");
    char *screen = tm_expect(s, "Edit member 2");
    assert_contains(screen, "นางสมศรี มีสุข");
    free(screen);
    /* Full name, title, given name, family name, nickname; Shift-Tab goes back one. */
    tm_keys(s, "Down Down Down Down");
    free(tm_expect(s, ">Nickname"));
    tm_keys(s, "BTab");
    free(tm_expect(s, ">Family name"));
    tm_keys(s, "Tab");
    screen = tm_expect(s, ">Nickname");
    char *line = line_starting(screen, ">Nickname");
    assert_contains(line, "ศรี");
    free(line);
    free(screen);
    tm_keys(s, "C-u");
    tm_type(s, "ป้าศรี");
    tm_keys(s, "C-s");
    expect_and_free(s, "Saved member 2");
    screen = tm_expect(s, "ป้าศรี");
    tm_refute(s, "Edit member");
    free(screen);
    /* The detail shows it too, and e there edits the same record. */
    tm_keys(s, "Enter");
    screen = tm_expect(s, "Given name");
    line = line_starting(screen, " Nickname");
    assert_contains(line, "ป้าศรี");
    free(line);
    free(screen);
    tm_keys(s, "e");
    expect_and_free(s, "Edit member 2");
    tm_keys(s, "Escape"); /* unchanged: closes without asking */
    free(tm_expect_gone(s, "Edit member"));
    tm_refute(s, "Discard");
    tm_keys(s, "q");
    free(expect_cursor(s, 2));
    char *tsv = cli(db, "list members --tsv");
    char *v = tsv_get(tsv, "id", "2", "nickname");
    assert_string_equal(v, "ป้าศรี");
    free(v);
    free(tsv);
    /* u undoes the edit. */
    tm_keys(s, "u");
    free(tm_expect_gone(s, "ป้าศรี"));
    tsv = cli(db, "list members --tsv");
    v = tsv_get(tsv, "id", "2", "nickname");
    assert_string_equal(v, "ศรี");
    free(v);
    free(tsv);
    /* ...and the edit again, for what follows. */
    tm_keys(s, "e");
    expect_and_free(s, "Edit member 2");
    tm_keys(s, "Down Down Down Down");
    free(tm_expect(s, ">Nickname"));
    tm_keys(s, "C-u");
    tm_type(s, "ป้าศรี");
    tm_keys(s, "C-s");
    expect_and_free(s, "Saved member 2");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[สมศรี]"));
    tm_quit_ok(s);

    tsv = cli(db, "list members --tsv");
    v = tsv_get(tsv, "id", "2", "nickname");
    assert_string_equal(v, "ป้าศรี");
    free(v);
    v = tsv_get(tsv, "id", "2", "given_name");
    assert_string_equal(v, "สมศรี");
    free(v);
    free(tsv);
    free(db);
}

/* With --lang th a refused save says why in Thai, under the field it is about, and the
 * cursor goes there. */
static void tui_form_error_in_thai_at_its_field(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("form-error-th", NULL, db, "--lang th");
    tm_keys(s, "/");
    tm_type(s, "สมศรี");
    free(expect_cursor(s, 2));
    tm_keys(s, "Enter e");
    expect_and_free(s, "แก้ไขสมาชิก 2");
    tm_keys(s, "Down Down Down Down Down Down");
    free(tm_expect(s, ">โทรศัพท์"));
    tm_keys(s, "C-u");
    tm_type(s, "12345");
    tm_keys(s, "Up");
    free(tm_expect(s, ">เพศ"));
    tm_keys(s, "C-s");
    char *screen = tm_expect(s, "โทรศัพท์: ไม่ใช่เบอร์โทรศัพท์ไทย");
    int at = -1;
    for (int y = 0; y < 40 && at < 0; y++) {
        char *line = tm_line(screen, y);
        if (strncmp(line, ">โทรศัพท์", strlen(">โทรศัพท์")) == 0) at = y;
        free(line);
    }
    assert_true(at >= 0); /* the cursor moved to the phone */
    char *under = tm_line(screen, at + 1);
    assert_contains(under, "ไม่ใช่เบอร์โทรศัพท์ไทย");
    free(under);
    free(screen);
    tm_keys(s, "C-u");
    tm_type(s, "089-111-2223");
    tm_keys(s, "C-s");
    free(tm_expect_gone(s, "แก้ไขสมาชิก 2"));
    tm_quit_ok(s);
    char *tsv = cli(db, "list members --tsv");
    char *v = tsv_get(tsv, "id", "2", "phone");
    assert_string_equal(v, "089-111-2223");
    free(v);
    free(tsv);
    free(db);
}

/* Alt-b arrives as Esc, b: the main loop hands the form Alt keys, and Readline moves a word. */
static void tui_form_alt_keys_move_by_word(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start_new_member("alt", db);
    tm_type(s, "abc def");
    expect_and_free(s, "abc def");
    tm_keys(s, "M-b");
    tm_type(s, "X");
    expect_and_free(s, "abc Xdef");
    tm_keys(s, "C-e M-b M-d");
    free(tm_expect_gone(s, "Xdef"));
    expect_and_free(s, "abc");
    tm_keys(s, "Escape");
    expect_and_free(s, "Discard your changes? (y/n)");
    tm_keys(s, "y");
    free(tm_expect_gone(s, "New member"));
    tm_quit_ok(s);
    free(db);
}

static void tui_form_escape_asks_before_discarding(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start_new_member("discard", db);
    tm_type(s, "นายทดสอบ ระบบ");
    expect_and_free(s, "นายทดสอบ ระบบ");
    tm_keys(s, "Escape");
    expect_and_free(s, "Discard your changes? (y/n)");
    tm_keys(s, "n");
    free(tm_expect_gone(s, "Discard your changes?"));
    char *screen = tm_expect(s, "New member");
    assert_contains(screen, "นายทดสอบ ระบบ");
    free(screen);
    tm_keys(s, "Escape");
    expect_and_free(s, "Discard your changes? (y/n)");
    tm_keys(s, "y");
    free(tm_expect_gone(s, "New member"));
    expect_and_free(s, " 1 Members (3) ");
    tm_refute(s, "ทดสอบ");
    tm_quit_ok(s);
    char *tsv = cli(db, "list members --tsv");
    assert_int_equal(tsv_count(tsv), 3);
    free(tsv);
    free(db);
}

/* Starts khai on the roster with the members list searched down to member 2, สมศรี. */
static struct tm_session *start_at_somsri(const char *name, const char *db)
{
    struct tm_session *s = start(name, NULL, db, "");
    tm_keys(s, "/");
    tm_type(s, "สมศรี");
    free(expect_cursor(s, 2));
    tm_keys(s, "Enter");
    expect_and_free(s, "[สมศรี]");
    return s;
}

static void tui_delete_names_the_record_and_undo_brings_it_back(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start_at_somsri("delete", db);
    tm_keys(s, "d");
    expect_and_free(s, "Delete member 2 \"นางสมศรี มีสุข\"? (y/n)");
    tm_keys(s, "n");
    expect_and_free(s, "Not deleted.");
    free(expect_cursor(s, 2));
    char *tsv = cli(db, "list members --tsv");
    assert_non_null(tsv_row(tsv, "id", "2"));
    free(tsv);

    tm_keys(s, "d");
    expect_and_free(s, "Delete member 2 \"นางสมศรี มีสุข\"? (y/n)");
    tm_keys(s, "y");
    expect_and_free(s, "Deleted: u undoes");
    expect_and_free(s, " 1 Members (2) ");
    expect_and_free(s, "Nothing matches.");
    tsv = cli(db, "list members --tsv");
    assert_null(tsv_row(tsv, "id", "2"));
    free(tsv);
    tsv = cli(db, "list members --deleted --tsv");
    assert_non_null(tsv_row(tsv, "id", "2"));
    free(tsv);

    tm_keys(s, "u");
    expect_and_free(s, " 1 Members (3) ");
    free(expect_cursor(s, 2));
    tsv = cli(db, "list members --tsv");
    assert_non_null(tsv_row(tsv, "id", "2"));
    free(tsv);

    /* D shows what was deleted; Enter restores. */
    tm_keys(s, "d");
    expect_and_free(s, "(y/n)");
    tm_keys(s, "y");
    expect_and_free(s, " 1 Members (2) ");
    tm_keys(s, "D");
    expect_and_free(s, "Deleted records: Enter restores");
    free(expect_cursor(s, 2));
    tm_keys(s, "Enter");
    expect_and_free(s, "Restored 2");
    expect_and_free(s, " 1 Members (3) ");
    tm_keys(s, "D");
    expect_and_free(s, "Current records");
    free(expect_cursor(s, 2));
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "[สมศรี]"));
    tm_quit_ok(s);
    tsv = cli(db, "list members --tsv");
    assert_int_equal(tsv_count(tsv), 3);
    free(tsv);
    free(db);
}

/* A question on the status line is a state of the main loop, not a loop of its own: while
 * it waits, another process's changes show, a resize redraws, and the answer still works. */
static void tui_delete_question_keeps_refreshing(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start_at_somsri("ask-live", db);
    tm_keys(s, "d");
    const char *question = "Delete member 2 \"นางสมศรี มีสุข\"? (y/n)";
    expect_and_free(s, question);
    cli_quiet(db, "add member --name 'นายใหม่ มาแล้ว'");
    cli_quiet(db, "edit member 2 --nickname ศรีใหม่");
    expect_and_free(s, " 1 Members (4) ");
    char *screen = tm_expect(s, "ศรีใหม่");
    char *status = tm_line(screen, ROWS - 1);
    assert_contains(status, question);
    free(status);
    free(screen);
    /* Resized, the question moves to the new last line. */
    tm_resize(s, 100, 30);
    screen = tm_expect_line(s, 29, question);
    assert_int_equal(tm_lines(screen), 30);
    assert_true(widest(screen) <= 100);
    assert_contains(screen, "ศรีใหม่");
    free(screen);
    tm_keys(s, "n");
    expect_and_free(s, "Not deleted.");
    char *tsv = cli(db, "list members --tsv");
    assert_non_null(tsv_row(tsv, "id", "2"));
    free(tsv);
    /* y still deletes the member asked about. */
    tm_keys(s, "d");
    expect_and_free(s, question);
    cli_quiet(db, "add member --name 'นายอีก คนหนึ่ง'");
    expect_and_free(s, " 1 Members (5) ");
    tm_keys(s, "y");
    expect_and_free(s, "Deleted: u undoes");
    expect_and_free(s, " 1 Members (4) ");
    tsv = cli(db, "list members --tsv");
    assert_null(tsv_row(tsv, "id", "2"));
    free(tsv);
    tm_keys(s, "Escape");
    tm_quit_ok(s);
    free(db);
}

/* The filter chooser and the line it asks for keep the screen live too. */
static void tui_filter_chooser_keeps_refreshing(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("filter-live", NULL, db, "");
    expect_and_free(s, " 1 Members (3) ");
    tm_keys(s, "f");
    const char *chooser = "Filter by: p province  o organisation  t tag  s status  c clear";
    expect_and_free(s, chooser);
    cli_quiet(db, "add member --name 'นายใหม่ มาแล้ว' --organisations 'มพช.'");
    expect_and_free(s, " 1 Members (4) ");
    char *screen = tm_expect(s, "นายใหม่ มาแล้ว");
    char *status = tm_line(screen, ROWS - 1);
    assert_contains(status, chooser);
    free(status);
    free(screen);
    tm_resize(s, 90, 20);
    free(tm_expect_line(s, 19, chooser));
    tm_keys(s, "o");
    free(tm_expect_line(s, 19, "Organisation:"));
    cli_quiet(db, "edit member 1 --nickname ชายใหม่");
    screen = tm_expect(s, "ชายใหม่");
    status = tm_line(screen, 19);
    assert_contains(status, "Organisation:");
    free(status);
    free(screen);
    tm_type(s, "มพช.");
    free(tm_expect_line(s, 19, "Organisation: มพช."));
    tm_keys(s, "Enter");
    expect_and_free(s, "[มพช.]");
    long long want[PAGE];
    int n = listed_ids(db, "members --org 1", want, PAGE);
    assert_int_equal(n, 3);
    free(expect_ids(s, want, n));
    /* Any other key leaves the chooser and the filters as they are. */
    tm_keys(s, "f");
    free(tm_expect_line(s, 19, "Filter by:"));
    tm_keys(s, "z");
    free(tm_expect_gone(s, "Filter by:"));
    free(expect_ids(s, want, n));
    tm_resize(s, 80, 24);
    free(tm_expect_line(s, 23, "[มพช.]"));
    tm_quit_ok(s);
    free(db);
}

static void tui_task_done_with_x(void **state)
{
    (void)state;
    char *db = ROSTER();
    cli_quiet(db, "add task --title 'ส่งรายงาน' --due-date 2566-01-05 --status open");
    struct tm_session *s = start("done", NULL, db, "");
    tm_keys(s, "4");
    char *screen = tm_expect(s, "ส่งรายงาน");
    char *line = line_starting(screen, ">");
    assert_contains(line, "open");
    free(line);
    free(screen);
    tm_keys(s, "x");
    free(tm_expect_line(s, 2, "done"));
    char *tsv = cli(db, "list tasks --tsv");
    char *v = tsv_get(tsv, "id", "1", "status");
    assert_string_equal(v, "done");
    free(v);
    free(tsv);
    tm_keys(s, "u");
    free(tm_expect_line(s, 2, "open"));
    tsv = cli(db, "list tasks --tsv");
    v = tsv_get(tsv, "id", "1", "status");
    assert_string_equal(v, "open");
    free(v);
    free(tsv);
    tm_quit_ok(s);
    free(db);
}

/* t on an event (in the list or its detail) opens a task form for that event. */
static void tui_new_task_from_event(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("task", NULL, db, "");
    tm_keys(s, "3");
    free(expect_cursor(s, 1));
    tm_keys(s, "t");
    char *screen = tm_expect(s, "New task");
    char *line = line_starting(screen, " Event");
    assert_contains(line, "1");
    free(line);
    free(screen);
    tm_type(s, "ส่งรายงานการประชุม");
    tm_keys(s, "C-s");
    expect_and_free(s, "Saved task 1");
    expect_and_free(s, " 4 Tasks (1)");
    tm_keys(s, "Enter");
    expect_and_free(s, "Turnout:");
    tm_keys(s, "t");
    expect_and_free(s, "New task");
    tm_type(s, "จองรถตู้");
    tm_keys(s, "F2");
    expect_and_free(s, "Saved task 2");
    free(tm_expect_gone(s, "New task"));
    /* The event's detail lists its tasks (below its fields). */
    tm_keys(s, "NPage");
    screen = tm_expect(s, "Tasks (2)");
    assert_contains(screen, "ส่งรายงานการประชุม");
    assert_contains(screen, "จองรถตู้");
    free(screen);
    tm_keys(s, "q");
    free(expect_cursor(s, 1));
    tm_quit_ok(s);
    char *tsv = cli(db, "list tasks --tsv");
    assert_int_equal(tsv_count(tsv), 2);
    char *v = tsv_get(tsv, "title", "ส่งรายงานการประชุม", "event_id");
    assert_string_equal(v, "1");
    free(v);
    v = tsv_get(tsv, "title", "จองรถตู้", "event_id");
    assert_string_equal(v, "1");
    free(v);
    free(tsv);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Check-in                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* Whether `list attendance --event 1` says member_id attended. */
static bool attended(const char *db, const char *member_id)
{
    char *tsv = cli(db, "list attendance --event 1 --tsv");
    const char *row = tsv_row(tsv, "member_id", member_id);
    bool yes = false;
    if (row) {
        char *st = tsv_cell(row, tsv_column(tsv, "status"));
        yes = strcmp(st, "attended") == 0;
        free(st);
    }
    free(tsv);
    return yes;
}

/* Rows for member_id in `list attendance --event 1`. */
static int attendance_rows(const char *db, const char *member_id)
{
    char *tsv = cli(db, "list attendance --event 1 --tsv");
    int c = tsv_column(tsv, "member_id"), n = 0;
    const char *line = strchr(tsv, '\n');
    while (line && line[1]) {
        line++;
        char *cell = tsv_cell(line, c);
        n += strcmp(cell, member_id) == 0;
        free(cell);
        line = strchr(line, '\n');
    }
    free(tsv);
    return n;
}

static struct tm_session *open_checkin(const char *name, const char *db)
{
    struct tm_session *s = start(name, NULL, db, "");
    tm_keys(s, "3");
    free(expect_cursor(s, 1));
    tm_keys(s, "c");
    expect_and_free(s, "Name, nickname or phone:");
    return s;
}

/* Esc clears the line when it holds something, and leaves when it is empty. */
static void leave_checkin(struct tm_session *s)
{
    tm_keys(s, "Escape");
    bool gone;
    char *screen = tm_wait_gone(s, "Name, nickname or phone:", 1000, &gone);
    free(screen);
    if (!gone) {
        free(tm_expect(s, "Name, nickname or phone:\n"));
        tm_keys(s, "Escape");
        free(tm_expect_gone(s, "Name, nickname or phone:"));
    }
}

static void tui_checkin_counter_and_undo(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = open_checkin("checkin", db);
    char *screen = tm_expect(s, "attended 0 / 70 · 0 organisations");
    assert_contains(screen, "เวทีสมัชชา");
    free(screen);
    tm_type(s, "สมชาย");
    screen = tm_expect(s, ">นายสมชาย ใจดี");
    tm_refute(s, "สมศรี");
    free(screen);
    tm_keys(s, "Enter");
    expect_and_free(s, "✓ นายสมชาย ใจดี checked in at");
    expect_and_free(s, "attended 1 / 70 · 1 organisation");
    assert_true(attended(db, "1"));
    /* The line is cleared for the next person; the latest check-in is listed. */
    screen = tm_expect(s, "Latest check-ins:");
    assert_contains(screen, "นายสมชาย ใจดี");
    free(screen);

    tm_keys(s, "C-z");
    expect_and_free(s, "attended 0 / 70 · 0 organisations");
    assert_false(attended(db, "1"));
    /* Esc with an empty line goes back to the events. */
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Name, nickname or phone:"));
    free(expect_cursor(s, 1));
    tm_quit_ok(s);
    free(db);
}

static void tui_checkin_by_phone_and_esc_clears_the_line(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = open_checkin("phone", db);
    tm_type(s, "0891112222");
    expect_and_free(s, ">นางสมศรี มีสุข");
    tm_keys(s, "Escape"); /* clears the line, stays */
    expect_and_free(s, "Type part of a name, nickname or phone number.");
    tm_refute(s, "สมศรี");
    tm_type(s, "ศรี");
    expect_and_free(s, ">นางสมศรี มีสุข");
    tm_keys(s, "Enter");
    expect_and_free(s, "attended 1 / 70 · 0 organisations");
    assert_true(attended(db, "2"));
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Name, nickname or phone:"));
    tm_quit_ok(s);
    free(db);
}

static void tui_checkin_new_person(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = open_checkin("newperson", db);
    tm_type(s, "นางมาลี ดีใจ");
    expect_and_free(s, "Nobody matches: Enter or Ctrl-N adds a new person.");
    tm_keys(s, "C-n");
    char *screen = tm_expect(s, "New person: they are added and checked in.");
    char *line = line_starting(screen, "Full name:");
    assert_contains(line, "นางมาลี ดีใจ");
    free(line);
    free(screen);
    tm_type(s, "มพช.");
    tm_keys(s, "Enter");
    tm_type(s, "0898887777");
    expect_and_free(s, "0898887777");
    tm_keys(s, "Enter");
    expect_and_free(s, "✓ นางมาลี ดีใจ added and checked in at");
    expect_and_free(s, "attended 1 / 70 · 1 organisation");
    expect_and_free(s, " 1 Members (4) ");
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Name, nickname or phone:"));
    tm_quit_ok(s);
    char *tsv = cli(db, "list members --tsv");
    char *v = tsv_get(tsv, "given_name", "มาลี", "phone");
    assert_string_equal(v, "089-888-7777");
    free(v);
    v = tsv_get(tsv, "given_name", "มาลี", "id");
    assert_true(attended(db, v));
    free(v);
    free(tsv);
    free(db);
}

/* Two doors of one event on one database: each sees the other's check-ins within the poll
 * interval, and one person entered at both is checked in once. */
static void tui_checkin_two_sessions(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *a = open_checkin("doorA", db);
    struct tm_session *b = open_checkin("doorB", db);
    expect_and_free(b, "attended 0 / 70 · 0 organisations");

    tm_type(a, "สมชาย");
    expect_and_free(a, ">นายสมชาย ใจดี");
    tm_keys(a, "Enter");
    expect_and_free(a, "attended 1 / 70 · 1 organisation");
    bool seen;
    char *screen = tm_wait_text(b, "attended 1 / 70 · 1 organisation", false, 2500, &seen);
    if (!seen) {
        tm_print_screen(b, "the other door after 2.5 s", screen);
        fail_msg("a check-in at one door did not reach the other within 2.5 s");
    }
    /* The other door lists it among the latest check-ins too. */
    free(screen);
    expect_and_free(b, "Latest check-ins:");
    expect_and_free(b, "นายสมชาย ใจดี");

    /* Both doors take the same person at once. */
    tm_type(a, "ประเสริฐ");
    tm_type(b, "ประเสริฐ");
    expect_and_free(a, ">นายประเสริฐ ทองดี");
    expect_and_free(b, ">นายประเสริฐ ทองดี");
    tm_keys(a, "Enter");
    tm_keys(b, "Enter");
    expect_and_free(a, "attended 2 / 70 · 1 organisation");
    expect_and_free(b, "attended 2 / 70 · 1 organisation");
    assert_int_equal(attendance_rows(db, "3"), 1);
    assert_true(attended(db, "3"));
    /* One of them was told the person was already in. */
    bool told_a, told_b;
    char *sa = tm_wait_text(a, "is already checked in", false, 500, &told_a);
    char *sb = tm_wait_text(b, "is already checked in", false, 500, &told_b);
    if (told_a == told_b) {
        tm_print_screen(a, "door A", sa);
        tm_print_screen(b, "door B", sb);
        fail_msg("exactly one door should say the person is already checked in");
    }
    free(sa);
    free(sb);
    /* Stays that way after another poll. */
    expect_and_free(a, "attended 2 / 70");
    leave_checkin(a);
    leave_checkin(b);
    tm_quit_ok(a);
    tm_quit_ok(b);
    char *tsv = cli(db, "list attendance --event 1 --status attended --tsv");
    assert_int_equal(tsv_count(tsv), 2);
    free(tsv);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Terminal: size, colour, hostile data, language, first run                                */
/* ---------------------------------------------------------------------------------------- */

/* The widest line of a screen, in columns. */
static int widest(const char *screen)
{
    int w = 0, lines = tm_lines(screen);
    for (int y = 0; y < lines; y++) {
        char *line = tm_line(screen, y);
        int lw = (int)text_width(line);
        w = lw > w ? lw : w;
        free(line);
    }
    return w;
}

static void tui_resize_redraws_to_the_new_size(void **state)
{
    (void)state;
    char *db = DEMO();
    long long ids[400];
    int n = listed_ids(db, "members", ids, 400);
    assert_true(n > 40);
    struct tm_session *s = start("resize", NULL, db, "");
    free(expect_ids(s, ids, PAGE));

    tm_resize(s, 100, 30);
    /* The status line moves to the new last row and the list grows by six rows. */
    char *screen = tm_expect_line(s, 29, "Enter open");
    free(screen);
    screen = expect_ids(s, ids, 30 - 3);
    assert_int_equal(tm_lines(screen), 30);
    assert_true(widest(screen) <= 100);
    char *bar = tm_line(screen, 0);
    assert_contains(bar, " 4 Tasks (100)");
    free(bar);
    free(screen);
    /* Moving still works in the new size. */
    tm_keys(s, "G");
    free(expect_cursor(s, ids[n - 1]));
    tm_keys(s, "g");
    free(expect_cursor(s, ids[0]));

    tm_resize(s, 60, 15);
    free(tm_expect_line(s, 14, "Enter open"));
    screen = expect_ids(s, ids, 15 - 3);
    assert_true(widest(screen) <= 60);
    free(screen);

    /* Ctrl-L redraws the same screen. */
    tm_keys(s, "C-l");
    free(expect_ids(s, ids, 15 - 3));
    tm_resize(s, 80, 24);
    free(expect_ids(s, ids, PAGE));
    free(tm_expect_line(s, 23, "Enter open"));
    tm_quit_ok(s);
    free(db);
}

/* Tasks 1 and 2 overdue (open, in progress), 3 due in the future, 4 overdue but done. */
static char *tasks_db(const char *test_name)
{
    char *db = roster_db(test_name);
    cli_quiet(db, "add task --title 'งานเก่า' --due-date 2566-01-05 --status open");
    cli_quiet(db, "add task --title 'งานค้าง' --due-date 2566-02-01 --status in_progress");
    cli_quiet(db, "add task --title 'งานใหม่' --due-date 2099-12-31 --status open");
    cli_quiet(db, "add task --title 'งานเสร็จ' --due-date 2566-01-20 --status done");
    return db;
}

static void check_overdue_marks(struct tm_session *s)
{
    tm_keys(s, "4");
    char *screen = tm_expect(s, "งานใหม่");
    /* Sorted by due date: 1 (under the cursor), 4, 2, 3. */
    assert_int_equal(cursor_id(screen), 1);
    assert_int_equal(row_mark(screen, 2), '!');
    assert_int_equal(row_mark(screen, 3), ' ');
    assert_int_equal(row_mark(screen, 4), ' ');
    free(screen);
    tm_keys(s, "G");
    screen = expect_cursor(s, 3);
    assert_int_equal(row_mark(screen, 1), '!');
    assert_int_equal(row_mark(screen, 2), '!');
    assert_int_equal(row_mark(screen, 4), ' ');
    free(screen);
}

/* Whether an attributed capture sets any colour (SGR 30-37, 90-97, 38;...). */
static bool has_colour(const char *screen)
{
    for (const char *p = strstr(screen, "\033["); p; p = strstr(p + 1, "\033[")) {
        const char *q = p + 2;
        while (*q && *q != 'm') {
            int v = atoi(q);
            if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97) || v == 38) return true;
            q += strspn(q, "0123456789");
            if (*q == ';')
                q++;
            else
                break;
        }
    }
    return false;
}

static void tui_overdue_tasks_marked_in_monochrome(void **state)
{
    (void)state;
    char *db = tasks_db(__func__);
    /* In colour the overdue rows are red as well... */
    struct tm_session *s = start("colour", NULL, db, "");
    check_overdue_marks(s);
    char *attrs = tm_capture(s, true);
    assert_true(has_colour(attrs));
    free(attrs);
    tm_quit_ok(s);

    /* ...with NO_COLOR there is no colour at all, and the ! still says it. */
    s = start("nocolor", "NO_COLOR=1", db, "");
    check_overdue_marks(s);
    attrs = tm_capture(s, true);
    if (has_colour(attrs)) {
        tm_print_screen(s, "colour with NO_COLOR", attrs);
        fail_msg("NO_COLOR set but the screen has colour");
    }
    free(attrs);
    tm_quit_ok(s);

    /* A terminal without colour. */
    s = start("vt100", "TERM=vt100", db, "");
    check_overdue_marks(s);
    tm_quit_ok(s);
    free(db);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Data that holds an escape sequence never reaches the terminal raw. */
static void tui_control_characters_shown_as_placeholders(void **state)
{
    (void)state;
    char *db = ROSTER();
    /* The command line cleans what it is given... */
    char *args = xasprintf("add member --given-name 'A\033[31mB' --family-name 'ทดสอบ'");
    cli_quiet(db, args);
    free(args);
    char *tsv = cli(db, "list members --tsv");
    assert_null(strchr(tsv, '\033'));
    free(tsv);
    /* ...so the raw sequence goes in as another program could write it. */
    struct db *handle = NULL;
    char *err = NULL;
    if (db_open(db, &handle, &err) != 0) fail_msg("%s", err);
    char *sqlerr = NULL;
    if (sqlite3_exec(db_handle(handle),
                     "UPDATE members SET given_name = 'A' || char(27) || '[31mB' || char(7), "
                     "nickname = 'x' || char(27) || ']0;pwned' || char(7) WHERE id = 4",
                     NULL, NULL, &sqlerr) != SQLITE_OK)
        fail_msg("%s", sqlerr);
    db_close(&handle);

    struct tm_session *s = start("escape", NULL, db, "");
    char *screen = tm_expect(s, "A^[[31mB^G");
    assert_contains(screen, "x^[]0;pwn"); /* cut to the nickname column */
    free(screen);
    char *attrs = tm_capture(s, true);
    /* Every "31m" is the placeholder's text, none an attribute tmux was sent. */
    if (count(attrs, "31m") != count(attrs, "^[[31m") || has_colour(attrs)) {
        tm_print_screen(s, "attributed screen", attrs);
        fail_msg("an escape sequence from the data reached the terminal");
    }
    free(attrs);
    tm_keys(s, "g Enter");
    screen = tm_expect(s, "Given name");
    char *line = line_starting(screen, " Given name");
    assert_contains(line, "A^[[31mB^G");
    free(line);
    line = line_starting(screen, " Nickname");
    assert_contains(line, "x^[]0;pwned^G");
    free(line);
    free(screen);
    attrs = tm_capture(s, true);
    assert_int_equal(count(attrs, "31m"), count(attrs, "^[[31m"));
    assert_false(has_colour(attrs));
    free(attrs);
    tm_keys(s, "q");
    free(tm_expect_gone(s, "Given name"));
    tm_quit_ok(s);
    free(db);
}

static void tui_empty_database_says_how_to_start(void **state)
{
    (void)state;
    char *db = fresh_db(__func__);
    struct tm_session *s = start("empty", NULL, db, "");
    char *screen = tm_expect(s, "No members yet.");
    assert_contains(screen, "Press a to add the first member");
    assert_contains(screen, "`khai demo`");
    assert_contains(screen, " 1 Members (0) ");
    free(screen);
    tm_keys(s, "2");
    expect_and_free(s, "Nothing here yet. Press a to add one.");
    tm_quit_ok(s);

    s = start("empty-th", NULL, db, "--lang th");
    screen = tm_expect(s, "ยังไม่มีสมาชิก");
    assert_contains(screen, "กด a เพื่อเพิ่มสมาชิกคนแรก");
    assert_contains(screen, "khai demo");
    free(screen);
    tm_quit_ok(s);
    free(db);
}

static void tui_thai_interface(void **state)
{
    (void)state;
    char *db = DEMO();
    struct tm_session *s = start("thai", NULL, db, "--lang th");
    char *screen = tm_expect(s, " 1 สมาชิก (300) ");
    char *bar = tm_line(screen, 0);
    assert_contains(bar, " 2 องค์กร (40) ");
    assert_contains(bar, " 3 กิจกรรม (30) ");
    assert_contains(bar, " 4 งานติดตาม (100)");
    free(bar);
    assert_contains(screen, "ชื่อ-สกุล");
    assert_contains(screen, "/ ค้นหา");
    assert_contains(screen, "q ออก");
    free(screen);
    /* Thai dates in the events list, Thai help. */
    tm_keys(s, "?");
    expect_and_free(s, "ปุ่มของ khai");
    tm_keys(s, "q 3 Enter");
    expect_and_free(s, "มาร่วม 0 คน");
    tm_keys(s, "q");
    free(tm_expect_gone(s, "มาร่วม"));
    tm_quit_ok(s);

    /* A Thai locale without --lang speaks Thai too. */
    s = start("thai-lang", "LANG=th_TH.UTF-8", db, "");
    free(tm_expect(s, " 1 สมาชิก (300) "));
    tm_quit_ok(s);
    free(db);
}

/* The first English sentence on a screen: two English words (two letters or more) in a row,
 * as "Nothing matches" or "sorted by". Key names (Ctrl-S, PgUp, Enter), identifiers and
 * numbers stand alone and pass. malloc'd, or NULL when there is none. */
static char *english_sentence(const char *screen)
{
    for (const char *p = screen; *p; p++) {
        if (p > screen && (isalnum((unsigned char)p[-1]) || strchr("-/_.@", p[-1]))) continue;
        size_t a = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        if (a < 2 || p[a] != ' ') continue;
        const char *q = p + a + 1;
        size_t b = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        if (b >= 2 && !isalnum((unsigned char)q[b]) && !strchr("-/_.@", q[b]))
            return xstrndup(p, a + 1 + b);
    }
    return NULL;
}

static void expect_all_thai(struct tm_session *s, const char *where, const char *screen)
{
    char *english = english_sentence(screen);
    if (english) {
        char *why = xasprintf("English on the Thai %s: [%s]", where, english);
        tm_print_screen(s, why, screen);
        free(why);
        free(english);
        fail_msg("the Thai %s shows English", where);
    }
}

/* One step of a walk through the Thai screens: type text and send keys (tmux key names),
 * then wait for expect and check the screen (all its pages when help) is Thai; with no
 * where, wait until expect is gone. */
struct thai_step {
    const char *keys, *type, *expect, *where;
    bool help;
};

static void thai_step(struct tm_session *s, const struct thai_step *st)
{
    if (st->type) tm_type(s, st->type);
    if (st->keys) tm_keys(s, st->keys);
    char *screen = !st->where ? tm_expect_gone(s, st->expect)
                   : st->help ? all_help_pages(s, st->expect)
                              : tm_expect(s, st->expect);
    if (st->where) expect_all_thai(s, st->where, screen);
    free(screen);
}

/* With --lang th no screen shows an English sentence: the lists, help, a form and its help,
 * a detail, a confirmation, the filter chooser, check-in and its new-person form, the
 * calendar. */
static void tui_thai_screens_have_no_english(void **state)
{
    (void)state;
    char *db = ROSTER(); /* Thai names only: the demo data has English ones */
    cli_quiet(db, "add task --title 'จองห้องประชุม' --event-id 1 --owner 1 --due-date 2567-03-01");
    static const struct thai_step steps[] = {
        {NULL, NULL, " 1 สมาชิก (3) ", "members list", false},
        {"2", NULL, "ชื่อย่อ", "organisations list", false},
        {"3", NULL, "c ลงทะเบียน", "events list", false},
        {"4", NULL, "x เสร็จ", "tasks list", false},
        {"5", NULL, "Right/l วันถัดไป", "calendar", false},
        {"Enter", NULL, "ปฏิทิน", "calendar day", false},
        {"1 ?", NULL, "ปุ่มของ khai", "help", true},
        {"q", NULL, "ปุ่มของ khai", NULL, false},
        {"Enter", NULL, "q/Esc กลับ", "member detail", false},
        {"q", NULL, "q/Esc กลับ", NULL, false},
        {"d", NULL, "(y = ใช่ / n = ไม่)", "delete question", false},
        {"n", NULL, "ไม่ได้ลบ", "answer", false},
        {"f", NULL, "กรองตาม: p จังหวัด", "filter chooser", false},
        {"p", NULL, "จังหวัด:", "filter prompt", false},
        {"Escape", NULL, "จังหวัด:", NULL, false},
        {"a", NULL, "เพิ่มสมาชิก", "form", false},
        {"F1", "นายทดสอบ ระบบ", "ปุ่มในแบบฟอร์ม", "form help", true},
        {"q", NULL, "ปุ่มในแบบฟอร์ม", NULL, false},
        {"Escape", NULL, "ยกเลิกสิ่งที่แก้ไขไว้ทั้งหมด? (y = ใช่ / n = ไม่)", "form question", false},
        {"y", NULL, "เพิ่มสมาชิก", NULL, false},
        {"3 c", NULL, "ชื่อ ชื่อเล่น หรือเบอร์โทร:", "check-in", false},
        {NULL, "ไม่มีใครชื่อนี้", "ไม่พบ: กด Enter", "check-in, nobody found", false},
        {"Enter", NULL, "คนใหม่: เพิ่มในทะเบียน", "check-in new person", false},
        {"Escape", NULL, "คนใหม่:", NULL, false},
        {"C-u Escape", NULL, "ชื่อ ชื่อเล่น หรือเบอร์โทร:", NULL, false},
    };
    struct tm_session *s = start("thai-all", NULL, db, "--lang th");
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        thai_step(s, &steps[i]);
    tm_quit_ok(s);
    free(db);
}

static void tui_q_quits_only_from_the_top_level(void **state)
{
    (void)state;
    char *db = ROSTER();
    struct tm_session *s = start("quit", NULL, db, "");
    tm_keys(s, "Enter");
    expect_and_free(s, "q/Esc back");
    tm_keys(s, "q");
    free(tm_expect_gone(s, "q/Esc back"));
    expect_and_free(s, "? help  q quit");
    /* While searching, q is a letter of the search. */
    tm_keys(s, "/ q");
    expect_and_free(s, "Search: q");
    assert_int_equal(tm_wait_exit(s, 300), -1);
    tm_keys(s, "Escape");
    free(tm_expect_gone(s, "Search:"));
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest tui_tests[] = {
    cmocka_unit_test_teardown(tui_tabs_show_counts_and_switch, teardown),
    cmocka_unit_test_teardown(tui_member_detail_and_back, teardown),
    cmocka_unit_test_teardown(tui_org_detail_lists_members_and_events, teardown),
    cmocka_unit_test_teardown(tui_event_detail_shows_turnout, teardown),
    cmocka_unit_test_teardown(tui_p_prints_the_sign_in_sheet, teardown),
    cmocka_unit_test_teardown(tui_task_detail_shows_event_and_owner, teardown),
    cmocka_unit_test_teardown(tui_detail_link_opens_with_enter, teardown),
    cmocka_unit_test_teardown(tui_member_role_at_an_organisation, teardown),
    cmocka_unit_test_teardown(tui_help_shows_every_action, teardown),
    cmocka_unit_test_teardown(tui_search_thai_substring_phone_digits_esc_clears, teardown),
    cmocka_unit_test_teardown(tui_moving_and_paging, teardown),
    cmocka_unit_test_teardown(tui_home_end_as_tmux_sends_them, teardown),
    cmocka_unit_test_teardown(tui_end_and_pages_up_in_province_order, teardown),
    cmocka_unit_test_teardown(tui_another_order_or_a_cleared_search_starts_at_the_top, teardown),
    cmocka_unit_test_teardown(tui_sort_and_filter_match_the_command_line, teardown),
    cmocka_unit_test_teardown(tui_add_member_splits_glued_honorific, teardown),
    cmocka_unit_test_teardown(tui_add_member_with_f2, teardown),
    cmocka_unit_test_teardown(tui_edit_member_field, teardown),
    cmocka_unit_test_teardown(tui_form_error_in_thai_at_its_field, teardown),
    cmocka_unit_test_teardown(tui_form_alt_keys_move_by_word, teardown),
    cmocka_unit_test_teardown(tui_form_escape_asks_before_discarding, teardown),
    cmocka_unit_test_teardown(tui_delete_names_the_record_and_undo_brings_it_back, teardown),
    cmocka_unit_test_teardown(tui_delete_question_keeps_refreshing, teardown),
    cmocka_unit_test_teardown(tui_filter_chooser_keeps_refreshing, teardown),
    cmocka_unit_test_teardown(tui_task_done_with_x, teardown),
    cmocka_unit_test_teardown(tui_new_task_from_event, teardown),
    cmocka_unit_test_teardown(tui_checkin_counter_and_undo, teardown),
    cmocka_unit_test_teardown(tui_checkin_by_phone_and_esc_clears_the_line, teardown),
    cmocka_unit_test_teardown(tui_checkin_new_person, teardown),
    cmocka_unit_test_teardown(tui_checkin_two_sessions, teardown),
    cmocka_unit_test_teardown(tui_resize_redraws_to_the_new_size, teardown),
    cmocka_unit_test_teardown(tui_overdue_tasks_marked_in_monochrome, teardown),
    cmocka_unit_test_teardown(tui_control_characters_shown_as_placeholders, teardown),
    cmocka_unit_test_teardown(tui_empty_database_says_how_to_start, teardown),
    cmocka_unit_test_teardown(tui_thai_interface, teardown),
    cmocka_unit_test_teardown(tui_thai_screens_have_no_english, teardown),
    cmocka_unit_test_teardown(tui_q_quits_only_from_the_top_level, teardown),
};
const size_t tui_tests_count = sizeof tui_tests / sizeof tui_tests[0];
