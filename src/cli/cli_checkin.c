/* `khai checkin EVENT_ID`: check-in at the door without curses, for the slowest links. A
 * Readline prompt (history, Tab completes member and organisation names) when stdin is a
 * terminal; plain lines otherwise, so scripts and tests can pipe a session in. */
#include "checkin.h"
#include "cli_internal.h"
#include "eventdays.h"
#include "messages.h"
#include "quota.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "thainorm.h"
#include "xalloc.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

enum { SHOWN_MAX = 10, COMPLETIONS = 50 };

struct session {
    struct db *db;
    long long event_id;
    bool tty;
    bool failed; /* some line failed: the exit status says so */
    struct undo_log *undo;
    struct checkin_match *shown; /* the numbered list on screen (and one more, unshown) */
    size_t nshown, nfetched;
};

/* Readline calls back without context: what Tab completes, and from where. */
static struct db *complete_db;
static enum { COMPLETE_NOTHING, COMPLETE_MEMBERS, COMPLETE_ORGS } complete_what;

static char *complete_next(const char *text, int state)
{
    static char **names;
    static size_t n, next;
    if (state == 0) {
        strings_free(names, n);
        names = NULL;
        n = next = 0;
        char *err = NULL;
        int rc = complete_what == COMPLETE_ORGS
                     ? checkin_org_names(complete_db, text, COMPLETIONS, &names, &n, &err)
                     : checkin_member_names(complete_db, text, COMPLETIONS, &names, &n, &err);
        if (rc != 0) free(err);
    }
    if (next < n) return xstrdup(names[next++]);
    strings_free(names, n);
    names = NULL;
    n = next = 0;
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never file names */
    if (complete_what == COMPLETE_NOTHING) return NULL;
    return rl_completion_matches(text, complete_next);
}

static void readline_setup(struct session *s)
{
    messages_ensure_utf8(); /* Readline needs a UTF-8 locale to edit Thai */
    complete_db = s->db;
    rl_readline_name = "khai";
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = ""; /* names have spaces: complete the whole line */
    rl_completion_append_character = '\0';
    rl_sort_completion_matches = 0; /* keep the Thai order the store gives */
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* One line of input (malloc'd, trimmed copy), or NULL at end of input. */
static char *read_line(struct session *s, const char *prompt)
{
    char *line = NULL;
    if (s->tty) {
        line = readline(prompt);
        if (line && *trim(line)) add_history(line);
    } else {
        size_t cap = 0;
        if (getline(&line, &cap, stdin) < 0) {
            free(line);
            return NULL;
        }
    }
    if (!line) return NULL;
    char *copy = xstrdup(trim(line));
    free(line);
    return copy;
}

static void forget_shown(struct session *s)
{
    checkin_matches_free(s->shown, s->nfetched);
    s->shown = NULL;
    s->nshown = s->nfetched = 0;
}

static void print_counter(struct session *s)
{
    struct event_summary sum;
    char *err = NULL;
    if (event_summary(s->db, s->event_id, &sum, &err) != 0) {
        cli_fail(err);
        s->failed = true;
        return;
    }
    char *text = checkin_counter(&sum);
    printf("%s\n", text);
    free(text);
    event_summary_free(&sum);
}

static void print_help(void)
{
    fputs(_("Type part of a name, nickname or phone number (the last digits do). One match is "
            "checked in at once;\nseveral are listed: type the number. `new` adds someone "
            "not found, `undo` takes back the last\ncheck-in, Tab completes names, an empty "
            "line or Ctrl-D ends.\n"),
          stdout);
}

static void print_matches(struct session *s, bool more)
{
    static const struct table_col cols[] = {
        {NULL, 3, 3, true},  {NULL, 16, 0, false}, {NULL, 6, 12, false},
        {NULL, 8, 0, false}, {NULL, 5, 5, false},  {NULL, 7, 11, false},
    };
    enum { NCOLS = sizeof cols / sizeof cols[0] };
    int widths[NCOLS];
    table_layout(cols, NCOLS, table_width(stdout), widths);
    for (size_t i = 0; i < s->nshown; i++) {
        const struct checkin_match *m = &s->shown[i];
        size_t plen = strlen(m->phone);
        char *num = xasprintf("%zu.", i + 1);
        char *phone = xasprintf("%s", plen > 4 ? m->phone + plen - 4 : m->phone);
        char *status = checkin_status_text(m);
        const char *cells[NCOLS] = {num, m->name, m->nickname, m->organisation, phone, status};
        table_row(stdout, cols, cells, widths, NCOLS);
        /* a namesake in the same organisation: what tells them apart, on a line of its own
         * so that no column cuts it */
        if (*m->apart) {
            fputs("     ", stdout);
            print_safe(stdout, m->apart);
            putchar('\n');
        }
        free(num);
        free(phone);
        free(status);
    }
    if (more) puts(_("   ... more: type more of the name to narrow the list"));
}

static void report_checkin(struct session *s, int rc, struct checkin_result *res, char *err)
{
    char when[32] = "";
    if (rc >= 0 && res->checked_in_at && *res->checked_in_at)
        checkin_time(res->checked_in_at, when, sizeof when);
    if (rc == CHECKIN_DONE) {
        char *said =
            res->found ? xasprintf(_("✓ %s (member %lld, by their phone) checked in at %s: not "
                                     "added again"),
                                   res->name, res->member_id, when)
            : res->namesake
                ? xasprintf(_("✓ %s added and checked in at %s; member %lld has the same name: "
                              "they may be one person"),
                            res->name, when, res->namesake)
                : xasprintf(_("✓ %s checked in at %s"), res->name, when);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
        print_counter(s);
    } else if (rc == CHECKIN_ALREADY) {
        char *said = xasprintf(_("%s is already checked in (at %s by %s): not checked in twice"),
                               res->name, when, res->checked_in_by);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    } else {
        cli_fail(err);
        err = NULL;
        s->failed = true;
    }
    free(err);
}

static void check_in(struct session *s, long long member_id)
{
    struct checkin_result res;
    char *err = NULL;
    int rc = checkin_member(s->db, s->undo, s->event_id, member_id, &res, &err);
    report_checkin(s, rc, &res, err);
    checkin_result_free(&res);
    forget_shown(s);
}

static void search(struct session *s, const char *text)
{
    struct checkin_match *m;
    size_t n;
    char *err = NULL;
    forget_shown(s);
    if (checkin_search(s->db, s->event_id, text, SHOWN_MAX + 1, &m, &n, &err) != 0) {
        cli_fail(err);
        s->failed = true;
        return;
    }
    if (n == 1) {
        long long id = m[0].member_id;
        checkin_matches_free(m, n);
        check_in(s, id);
        return;
    }
    if (n == 0) {
        char *said = xasprintf(_("Nobody matches \"%s\": type less of the name, or `new` to add "
                                 "them"),
                               text);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
        return;
    }
    s->shown = m;
    s->nfetched = n;
    s->nshown = n > SHOWN_MAX ? SHOWN_MAX : n;
    print_matches(s, n > SHOWN_MAX);
}

/* A number of one or two digits picks from the list; longer numbers are phone digits. */
static bool pick(struct session *s, const char *line)
{
    size_t len = strlen(line);
    if (!s->nshown || len == 0 || len > 2 || strspn(line, "0123456789") != len) return false;
    long n = strtol(line, NULL, 10);
    if (n < 1 || (size_t)n > s->nshown) {
        printf(_("Type a number from the list: 1-%zu\n"), s->nshown);
        return true;
    }
    check_in(s, s->shown[n - 1].member_id);
    return true;
}

/* At an event with quotas, the quota category a walk-in comes under, chosen with one key (at a
 * terminal Readline returns after that key; from a pipe a line's first digit counts). NULL for
 * none: no quotas, or a key that is no category's. */
static char *ask_category(struct session *s)
{
    char **names, *err = NULL;
    size_t n;
    if (quota_categories(s->db, s->event_id, &names, &n, &err) != 0) {
        cli_fail(err);
        return NULL;
    }
    if (n == 0) return NULL;
    struct strbuf prompt = STRBUF_INIT;
    sb_add(&prompt, _("Category:"));
    for (size_t i = 0; i < n; i++)
        sb_addf(&prompt, "  %zu %s", i + 1, names[i]);
    sb_addf(&prompt, "  %s ", _("(another key: none)"));
    char *safe = text_sanitize(sb_str(&prompt));
    if (s->tty) rl_num_chars_to_read = 1;
    char *key = read_line(s, safe);
    rl_num_chars_to_read = 0;
    char *digits = key ? text_digits_only(key) : NULL;
    char *chosen = NULL;
    if (digits && *digits && digits[0] >= '1' && (size_t)(digits[0] - '0') <= n)
        chosen = xstrdup(names[digits[0] - '1']);
    free(digits);
    free(key);
    free(safe);
    sb_free(&prompt);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return chosen;
}

static void add_new(struct session *s)
{
    forget_shown(s);
    complete_what = COMPLETE_NOTHING;
    char *name = read_line(s, _("Full name: "));
    if (!name || !*name) {
        puts(_("Not added."));
        free(name);
        complete_what = COMPLETE_MEMBERS;
        return;
    }
    complete_what = COMPLETE_ORGS;
    char *org = read_line(s, _("Organisation (Tab completes): "));
    complete_what = COMPLETE_NOTHING;
    char *phone = read_line(s, _("Phone: "));
    char *category = ask_category(s);
    complete_what = COMPLETE_MEMBERS;
    struct checkin_person p = {name, org ? org : "", phone ? phone : "", category};
    struct checkin_result res;
    char *err = NULL;
    int rc = checkin_new_member(s->db, s->undo, s->event_id, &p, &res, &err);
    report_checkin(s, rc, &res, err);
    checkin_result_free(&res);
    free(name);
    free(org);
    free(phone);
    free(category);
}

static void undo(struct session *s)
{
    char *done = NULL, *err = NULL;
    forget_shown(s);
    if (undo_last(s->db, s->undo, &done, &err) != 0) {
        fputs(_("Cannot undo: "), stdout);
        print_safe(stdout, err);
        putchar('\n');
        free(err);
        return;
    }
    print_safe(stdout, done);
    putchar('\n');
    free(done);
    print_counter(s);
}

/* Handles one line; false when the session ends. */
static bool handle_line(struct session *s, const char *line)
{
    if (!*line) return false;
    if (strcmp(line, "undo") == 0)
        undo(s);
    else if (strcmp(line, "new") == 0)
        add_new(s);
    else if (strcmp(line, "help") == 0 || strcmp(line, "?") == 0)
        print_help();
    else if (!pick(s, line))
        search(s, line);
    fflush(stdout);
    return true;
}

static int load_event(struct session *s)
{
    struct record *ev = NULL;
    char *err = NULL;
    if (record_load(s->db, KIND_EVENT, s->event_id, &ev, &err) != 0) return cli_fail(err);
    int rc = EXIT_OK;
    if (ev->deleted_at) {
        rc = cli_fail(xasprintf(_("event %lld was deleted (`khai restore event %lld` brings it "
                                  "back)"),
                                s->event_id, s->event_id));
    } else {
        char *said = xasprintf(_("Check-in: %s (%s)"), record_get(ev, F_EVENT_TITLE),
                               record_get(ev, F_EVENT_START_DATE));
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
    record_free(&ev);
    return rc;
}

/* At a multi-day event: the day check-ins record (--day, else today or its first day). */
static int checkin_day(struct session *s, const char *input)
{
    char day[11], *err = NULL;
    if (input && event_day_parse(s->db, s->event_id, input, day, &err) != 0) return cli_fail(err);
    checkin_day_choose(input ? day : NULL);
    if (!checkin_day_for(s->db, s->event_id, day, &err)) {
        free(err);
        if (input)
            return cli_fail(xasprintf(_("event %lld lasts one day: --day is for events "
                                        "of several days"),
                                      s->event_id));
        return EXIT_OK;
    }
    struct date d;
    char shown[64];
    date_from_iso(day, &d);
    date_format(d, messages_thai() ? DATE_THAI : DATE_CE, shown, sizeof shown);
    printf(_("Recording the day: %s\n"), shown);
    return EXIT_OK;
}

static void run_session(struct session *s)
{
    if (s->tty) {
        readline_setup(s);
        print_help();
    }
    print_counter(s);
    fflush(stdout);
    complete_what = COMPLETE_MEMBERS;
    for (;;) {
        char *line = read_line(s, "> ");
        if (!line && s->tty) putchar('\n'); /* Ctrl-D: the shell's prompt on a line of its own */
        bool go_on = line && handle_line(s, line);
        free(line);
        if (!go_on) break;
    }
    complete_what = COMPLETE_NOTHING;
    forget_shown(s);
}

int cmd_checkin(const struct cli *cli)
{
    struct session s = {.tty = isatty(STDIN_FILENO)};
    const char *day = NULL;
    int i = 1, rc = EXIT_OK;
    if (cli->argc == 3) day = cli_option(cli, &i, "--day", &rc);
    if (rc != EXIT_OK) return rc;
    if (cli->argc != (day ? 3 : 1))
        return cli_usage("checkin", _("checkin takes one EVENT_ID [--day DATE]"));
    if (!cli_parse_id(cli->argv[0], &s.event_id))
        return cli_usage("checkin", _("\"%s\" is not an event id"), cli->argv[0]);
    s.db = cli_open(cli);
    if (!s.db) return EXIT_ERROR;
    rc = load_event(&s);
    if (rc == EXIT_OK) rc = checkin_day(&s, day);
    if (rc == EXIT_OK) {
        s.undo = undo_new();
        run_session(&s);
        undo_free(&s.undo);
        rc = s.failed ? EXIT_ERROR : EXIT_OK;
    }
    db_close(&s.db);
    return rc;
}
