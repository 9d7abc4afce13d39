/* End-to-end tests of the khai command line: every command run as a real process against its
 * own database, checked through what it prints (mostly `list --tsv`) and its exit status. */
#include "test_support.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------- */
/* Running khai                                                                             */
/* ---------------------------------------------------------------------------------------- */

/* The last command run, for failure messages. */
static char *last_cmd;

static void remember(const char *cmd)
{
    free(last_cmd);
    last_cmd = xstrdup(cmd);
}

/* A database path of the test's own, removed first so reruns start empty. */
static char *db_for(const char *test_name) __attribute__((returns_nonnull));
static char *db_for(const char *test_name)
{
    char *file = xasprintf("%s.db", test_name);
    char *path = test_path(file);
    free(file);
    char *cmd = xasprintf("rm -f '%s' '%s-wal' '%s-shm' '%s-journal'", path, path, path, path);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    return path;
}
#define DB() db_for(__func__)

/* Runs `khai --db DB ARGS`. */
static void vrun(struct run_result *r, const char *db, const char *fmt, va_list ap)
{
    char *args = xvasprintf(fmt, ap);
    char *cmd = db ? xasprintf("--db '%s' %s", db, args) : xstrdup(args);
    remember(cmd);
    khai_run(r, NULL, "%s", cmd);
    free(cmd);
    free(args);
}

static void run(struct run_result *r, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run(struct run_result *r, const char *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrun(r, db, fmt, ap);
    va_end(ap);
}

static void report(const struct run_result *r, const char *why)
{
    fprintf(stderr, "%s\n  command: khai %s\n  exit: %d\n  stdout: [%s]\n  stderr: [%s]\n", why,
            last_cmd ? last_cmd : "?", r->status, r->out, r->err);
}

#define expect_status(r, want)                                                                     \
    do {                                                                                           \
        if ((r)->status != (want)) report((r), "unexpected exit status");                          \
        assert_int_equal((r)->status, (want));                                                     \
    } while (0)

/* Runs a command that must succeed; returns its stdout (free it). */
static char *ok(const char *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *ok(const char *db, const char *fmt, ...)
{
    struct run_result r;
    va_list ap;
    va_start(ap, fmt);
    vrun(&r, db, fmt, ap);
    va_end(ap);
    expect_status(&r, 0);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

/* Runs a command that must fail with exit status want, print nothing on stdout and say why on
 * stderr; returns the stderr (free it). */
static char *fails(int want, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *fails(int want, const char *db, const char *fmt, ...)
{
    struct run_result r;
    va_list ap;
    va_start(ap, fmt);
    vrun(&r, db, fmt, ap);
    va_end(ap);
    expect_status(&r, want);
    if (*r.out) report(&r, "an error printed on stdout");
    assert_string_equal(r.out, "");
    if (!*r.err) report(&r, "an error without a message");
    assert_true(*r.err != '\0');
    char *err = r.err;
    r.err = NULL;
    run_result_free(&r);
    return err;
}

/* Asserts that a failure message mentions each of the given strings (NULL-terminated). */
static void expect_error(int want, const char *db, const char *args, ...)
{
    char *err = fails(want, db, "%s", args);
    va_list ap;
    va_start(ap, args);
    for (const char *s; (s = va_arg(ap, const char *));)
        assert_contains(err, s);
    va_end(ap);
    free(err);
}

/* `khai add ...` must succeed and print only the new id. */
static long long add(const char *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static long long add(const char *db, const char *fmt, ...)
{
    struct run_result r;
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    run(&r, db, "add %s", args);
    free(args);
    expect_status(&r, 0);
    char *end;
    long long id = strtoll(r.out, &end, 10);
    if (id <= 0 || strcmp(end, "\n") != 0) report(&r, "add should print the new id alone");
    assert_true(id > 0);
    assert_string_equal(end, "\n");
    run_result_free(&r);
    return id;
}

/* Runs khai with environment changes: env_args is given to env(1) before the binary, e.g.
 * "-u KHAI_DB XDG_DATA_HOME=/tmp/x". No --db is added. stdin is /dev/null, and a khai that
 * hangs is killed after 30 seconds (exit status 124 or 137). */
static void run_env(struct run_result *r, const char *env_args, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run_env(struct run_result *r, const char *env_args, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args = xvasprintf(fmt, ap);
    va_end(ap);
    char *out = test_path("env-stdout.txt"), *err = test_path("env-stderr.txt");
    char *cmd = xasprintf("cd '%s' && timeout -k 5 30 env %s '%s' %s </dev/null >'%s' 2>'%s'",
                          test_tmpdir(), env_args, test_khai_bin(), args, out, err);
    char *shown = xasprintf("(env %s) %s", env_args, args);
    remember(shown);
    free(shown);
    int status = system(cmd);
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r->out = test_read_file(out);
    r->err = test_read_file(err);
    if (!r->out) r->out = xstrdup("");
    if (!r->err) r->err = xstrdup("");
    free(cmd);
    free(args);
    free(out);
    free(err);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Reading TSV                                                                              */
/* ---------------------------------------------------------------------------------------- */

/* Splits s at sep into a NULL-terminated array of fresh strings. */
static char **split(const char *s, char sep, size_t *n)
{
    size_t cap = 8, count = 0;
    char **parts = xmalloc(cap * sizeof *parts);
    for (const char *p = s;;) {
        const char *e = strchr(p, sep);
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (count + 2 > cap) {
            cap *= 2;
            parts = xrealloc(parts, cap * sizeof *parts);
        }
        parts[count++] = xstrndup(p, len);
        if (!e) break;
        p = e + 1;
    }
    parts[count] = NULL;
    if (n) *n = count;
    return parts;
}

static void split_free(char **parts)
{
    for (size_t i = 0; parts && parts[i]; i++)
        free(parts[i]);
    free(parts);
}

/* The lines of output, without the empty string after the final newline. */
static char **lines_of(const char *text, size_t *n)
{
    size_t count;
    char **lines = split(text, '\n', &count);
    if (count && lines[count - 1][0] == '\0') {
        free(lines[count - 1]);
        lines[--count] = NULL;
    }
    *n = count;
    return lines;
}

static int column_index(const char *header, const char *col)
{
    size_t n;
    char **names = split(header, '\t', &n);
    int found = -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], col) == 0) found = (int)i;
    split_free(names);
    if (found < 0) fprintf(stderr, "no column [%s] in TSV header [%s]\n", col, header);
    assert_true(found >= 0);
    return found;
}

/* The value of column col in the row whose column key equals val; NULL when no row does. */
static char *tsv_get(const char *tsv, const char *key, const char *val, const char *col)
{
    size_t nlines;
    char **lines = lines_of(tsv, &nlines);
    assert_true(nlines >= 1);
    int ki = column_index(lines[0], key), ci = column_index(lines[0], col);
    char *found = NULL;
    for (size_t i = 1; i < nlines && !found; i++) {
        size_t nf;
        char **f = split(lines[i], '\t', &nf);
        if ((size_t)ki < nf && (size_t)ci < nf && strcmp(f[ki], val) == 0) found = xstrdup(f[ci]);
        split_free(f);
    }
    split_free(lines);
    return found;
}

/* Column col of every row, in order, joined by "|". */
static char *tsv_column(const char *tsv, const char *col)
{
    size_t nlines;
    char **lines = lines_of(tsv, &nlines);
    assert_true(nlines >= 1);
    int ci = column_index(lines[0], col);
    size_t cap = 64, len = 0;
    char *out = xmalloc(cap);
    out[0] = '\0';
    for (size_t i = 1; i < nlines; i++) {
        size_t nf;
        char **f = split(lines[i], '\t', &nf);
        const char *v = (size_t)ci < nf ? f[ci] : "?";
        size_t need = len + strlen(v) + 2;
        if (need > cap) {
            cap = need * 2;
            out = xrealloc(out, cap);
        }
        len += (size_t)sprintf(out + len, "%s%s", i > 1 ? "|" : "", v);
        split_free(f);
    }
    split_free(lines);
    return out;
}

/* `khai list KIND --tsv [EXTRA]`. */
static char *tsv(const char *db, const char *kind_and_options)
{
    return ok(db, "list %s --tsv", kind_and_options);
}

/* Asserts the value of one field of one record, through `list --tsv`. */
static void expect_field(const char *db, const char *kind, long long id, const char *col,
                         const char *want)
{
    char *list = tsv(db, kind);
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%lld", id);
    char *got = tsv_get(list, "id", idbuf, col);
    if (!got || strcmp(got, want) != 0)
        fprintf(stderr, "%s %lld %s: got [%s], wanted [%s]\nlist:\n%s\n", kind, id, col,
                got ? got : "(no such row)", want, list);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    free(list);
}

/* Asserts the whole order of one column of `list KIND_AND_OPTIONS --tsv`. */
static void expect_column(const char *db, const char *kind_and_options, const char *col,
                          const char *want)
{
    char *list = tsv(db, kind_and_options);
    char *got = tsv_column(list, col);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "list %s, column %s:\n  got    [%s]\n  wanted [%s]\n", kind_and_options,
                col, got, want);
    assert_string_equal(got, want);
    free(got);
    free(list);
}

static int count_rows(const char *db, const char *kind_and_options)
{
    char *list = tsv(db, kind_and_options);
    size_t n;
    char **lines = lines_of(list, &n);
    split_free(lines);
    free(list);
    assert_true(n >= 1);
    return (int)n - 1;
}

/* ---------------------------------------------------------------------------------------- */
/* Display width, computed independently of khai                                            */
/* ---------------------------------------------------------------------------------------- */

/* Decodes one UTF-8 sequence; returns its length (1 for a bad byte). */
static int utf8_next(const char *s, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80) {
        *cp = ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
        return 2;
    }
    if ((u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
        *cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
        return 3;
    }
    if ((u[0] & 0xf8) == 0xf0 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80 &&
        (u[3] & 0xc0) == 0x80) {
        *cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) | ((u[2] & 0x3fu) << 6) |
              (u[3] & 0x3fu);
        return 4;
    }
    *cp = 0xfffd;
    return 1;
}

/* Thai above and below vowels and tone marks take no column; CJK takes two. */
static int cp_width(unsigned cp)
{
    if (cp == 0x0e31 || (cp >= 0x0e34 && cp <= 0x0e3a) || (cp >= 0x0e47 && cp <= 0x0e4e)) return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

static int width_n(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n && s[i];) {
        unsigned cp;
        i += (size_t)utf8_next(s + i, &cp);
        w += cp_width(cp);
    }
    return w;
}

static int display_width(const char *s)
{
    return width_n(s, strlen(s));
}

/* The display column where needle starts in line, or -1. */
static int column_of(const char *line, const char *needle)
{
    const char *p = strstr(line, needle);
    return p ? width_n(line, (size_t)(p - line)) : -1;
}

/* The character that starts at display column col: a code point, ' ' past the end of the
 * line, or -1 when col falls inside a wide character. */
static long char_at(const char *line, int col)
{
    int c = 0;
    for (const char *p = line; *p;) {
        unsigned cp;
        p += utf8_next(p, &cp);
        int w = cp_width(cp);
        if (w == 0) continue;
        if (c == col) return (long)cp;
        if (c > col) return -1;
        c += w;
    }
    return ' ';
}

/* Where the header's columns start: after every run of two or more spaces. */
static int header_starts(const char *header, int *starts, int max)
{
    int n = 0, col = 0, spaces = 0;
    for (const char *p = header; *p;) {
        unsigned cp;
        p += utf8_next(p, &cp);
        if (cp == ' ') {
            spaces++;
        } else {
            if (spaces >= 2 && col > spaces && n < max) starts[n++] = col;
            spaces = 0;
        }
        col += cp_width(cp);
    }
    return n;
}

/* Checks a table: every line at most max_width columns, and in every row the two columns
 * before each column start (as the header shows them) are the gap, blank. */
static void expect_aligned_table(const char *out, int max_width, size_t want_rows)
{
    size_t n;
    char **lines = lines_of(out, &n);
    if (n != want_rows + 1)
        fprintf(stderr, "table with %zu lines, wanted a header and %zu rows:\n%s\n", n, want_rows,
                out);
    assert_int_equal(n, want_rows + 1);
    int starts[16];
    int nstarts = header_starts(lines[0], starts, 16);
    assert_true(nstarts >= 3);
    for (size_t i = 0; i < n; i++) {
        int w = display_width(lines[i]);
        if (w > max_width)
            fprintf(stderr, "line %zu is %d columns wide (limit %d):\n[%s]\n", i, w, max_width,
                    lines[i]);
        assert_true(w <= max_width);
        assert_null(strchr(lines[i], '\t'));
        for (int s = 0; s < nstarts && i > 0; s++) {
            long gap1 = char_at(lines[i], starts[s] - 2), gap2 = char_at(lines[i], starts[s] - 1);
            if (gap1 != ' ' || gap2 != ' ')
                fprintf(stderr, "row %zu runs into the column at %d:\n[%s]\n[%s]\n", i, starts[s],
                        lines[0], lines[i]);
            assert_true(gap1 == ' ' && gap2 == ' ');
        }
    }
    split_free(lines);
}

/* ---------------------------------------------------------------------------------------- */
/* Version, help, usage errors                                                              */
/* ---------------------------------------------------------------------------------------- */

static const char *const commands[] = {"list",    "show", "add",   "edit",  "delete",
                                       "restore", "demo", "check", "backup"};

static void cli_version_prints_version(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "--version");
    expect_status(&r, 0);
    assert_true(strncmp(r.out, "khai ", 5) == 0);
    assert_true(r.out[5] >= '0' && r.out[5] <= '9');
    assert_non_null(strchr(r.out, '.'));
    assert_string_equal(r.err, "");
    run_result_free(&r);
}

static void cli_help_lists_every_command(void **state)
{
    (void)state;
    const char *const forms[] = {"--help", "help", "-h"};
    for (size_t f = 0; f < 3; f++) {
        struct run_result r;
        run(&r, NULL, "%s", forms[f]);
        expect_status(&r, 0);
        assert_string_equal(r.err, "");
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            char *usage = xasprintf("khai %s", commands[i]);
            assert_contains(r.out, usage);
            free(usage);
        }
        assert_contains(r.out, "khai --version");
        assert_contains(r.out, "--db");
        assert_contains(r.out, "KHAI_DB");
        assert_contains(r.out, "XDG_DATA_HOME");
        run_result_free(&r);
    }
}

static void cli_help_command_for_every_command(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        struct run_result a, b;
        run(&a, NULL, "help %s", commands[i]);
        expect_status(&a, 0);
        assert_string_equal(a.err, "");
        char *usage = xasprintf("usage: khai %s", commands[i]);
        assert_contains(a.out, usage);
        free(usage);
        /* More than the usage line: an explanation follows. */
        size_t nl = 0;
        for (const char *p = a.out; *p; p++)
            nl += *p == '\n';
        assert_true(nl >= 3);
        run(&b, NULL, "%s --help", commands[i]);
        expect_status(&b, 0);
        assert_string_equal(b.out, a.out);
        run_result_free(&a);
        run_result_free(&b);
    }
    char *out = ok(NULL, "help version");
    assert_contains(out, "khai --version");
    free(out);
    /* What the help says about the contract. */
    out = ok(NULL, "help list");
    assert_contains(out, "--tsv");
    assert_contains(out, "--search");
    assert_contains(out, "--sort");
    assert_contains(out, "--event");
    assert_contains(out, "--limit");
    assert_contains(out, "--deleted");
    free(out);
    out = ok(NULL, "help add");
    assert_contains(out, "--name");
    free(out);
    /* --help after other arguments, and on a kind, still helps and touches no database. */
    char *db = DB();
    out = ok(db, "add member --given-name x --help");
    assert_contains(out, "usage: khai add");
    free(out);
    out = ok(db, "list members --help");
    assert_contains(out, "usage: khai list");
    free(out);
    assert_false(file_exists(db));
    free(db);
}

static void cli_help_unknown_command_is_usage_error(void **state)
{
    (void)state;
    char *err = fails(2, NULL, "help frobnicate");
    assert_contains(err, "frobnicate");
    free(err);
}

/* With no command khai starts its screens; when it has no terminal (here stdin is /dev/null
 * and stdout a file) it must say so and fail at once, not hang or crash. */
static void cli_no_command_explains_and_fails(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    run_env(&r, "-u KHAI_DB TERM=xterm", "--db '%s'", db);
    if (r.status == 0 || r.status >= 124)
        report(&r, "no command without a terminal should fail cleanly and at once "
                   "(124/137: killed after hanging for 30 s)");
    assert_true(r.status != 0 && r.status < 124);
    assert_true(strlen(r.err) > 20);
    assert_contains(r.err, "khai");
    assert_null(strstr(r.err, "AddressSanitizer"));
    assert_null(strstr(r.err, "runtime error"));
    run_result_free(&r);
    free(db);
}

static void cli_unknown_command_is_usage_error(void **state)
{
    (void)state;
    char *db = DB();
    char *err = fails(2, db, "frobnicate");
    assert_contains(err, "frobnicate");
    free(err);
    err = fails(2, db, "--frobnicate");
    assert_contains(err, "frobnicate");
    free(err);
    free(db);
}

static void cli_unknown_kind_is_usage_error(void **state)
{
    (void)state;
    char *db = DB();
    const char *const cmds[] = {"list widgets",        "add widget --name x", "show widget 1",
                                "edit widget 1 --x y", "delete widget 1",     "restore widget 1"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *err = fails(2, db, "%s", cmds[i]);
        assert_contains(err, "widget");
        free(err);
    }
    free(db);
}

static void cli_unknown_option_is_usage_error(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "member --given-name 'สมชาย'");
    const char *const cmds[] = {"list members --frob x",
                                "list members --frob",
                                "add member --given-name a --frob x",
                                "add org --name a --frob x",
                                "add event --title a --start-date 2024-01-01 --frob x",
                                "add task --title a --frob x",
                                "edit member 1 --frob x",
                                "delete member 1 --frob",
                                "demo --frob",
                                "check --frob"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *err = fails(2, db, "%s", cmds[i]);
        assert_contains(err, "frob");
        free(err);
    }
    /* Nothing was written by the refused commands. */
    assert_int_equal(count_rows(db, "members"), 1);
    assert_int_equal(count_rows(db, "orgs"), 0);
    assert_int_equal(count_rows(db, "events"), 0);
    assert_int_equal(count_rows(db, "tasks"), 0);
    expect_field(db, "members", id, "given_name", "สมชาย");
    free(db);
}

static void cli_bad_option_values_are_usage_errors(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "member --given-name a");
    const char *const cmds[] = {"list members --sort bogus",
                                "list members --limit x",
                                "list members --limit -1",
                                "list members extra",
                                "demo --size enormous",
                                "show member",
                                "show member abc",
                                "delete member",
                                "edit member abc --nickname x",
                                "backup",
                                "--lang xx list members",
                                "add member --given-name",
                                "backup --frob x y",
                                "list"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *err = fails(2, db, "%s", cmds[i]);
        free(err);
    }
    /* --db without a value. */
    char *err = fails(2, NULL, "--db");
    free(err);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* The TSV contract                                                                         */
/* ---------------------------------------------------------------------------------------- */

static void cli_tsv_headers_are_the_contract_columns(void **state)
{
    (void)state;
    char *db = test_empty_db_path(__func__);
    const struct {
        const char *kind, *header;
    } want[] = {
        {"members", "id\ttitle\tgiven_name\tfamily_name\tnickname\tgender\tphone\temail\tline_id\t"
                    "facebook\tprovince\tdistrict\tsubdistrict\tposition\torganisations\ttags\t"
                    "notes\n"},
        {"orgs", "id\tname\tshort_name\tkind\tparent\tprovince\tphone\temail\tline_group\t"
                 "facebook\twebsite\tfocus\tnotes\n"},
        {"events", "id\ttitle\tkind\tstart_date\tend_date\tstart_time\tend_time\tvenue\t"
                   "province\thost\tpartners\ttarget\tstatus\tnotes\ttarget_orgs\t"
                   "target_subdistricts\ttarget_districts\ttarget_provinces\n"},
        {"attendance", "event_id\tevent_title\tmember_id\tmember_name\torganisation\tcategory\t"
                       "role\tstatus\treason\tgroup\tchecked_in_at\tdays\n"},
        {"tasks",
         "id\ttitle\tevent_id\towner\towner_org\tdue_date\tstatus\tpriority\tnotes\towners\n"},
        {"invitations", "id\tevent_id\tevent_title\torg_id\torganisation\tstatus\treason\t"
                        "updated_at\n"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char *out = tsv(db, want[i].kind);
        assert_string_equal(out, want[i].header);
        free(out);
    }
    free(db);
}

static void cli_every_column_is_an_option_with_dashes(void **state)
{
    (void)state;
    char *db = DB();
    long long org = add(db, "org --name 'เครือข่ายสลัมสี่ภาค' --short-name 'สสภ.' --kind network "
                            "--province 'Bangkok' --phone '02-123-4567' --email 'net@example.org' "
                            "--line-group 'ไลน์เครือข่าย' --facebook 'slum4' --website "
                            "'https://example.org' --focus 'ที่อยู่อาศัย' --notes 'บันทึกองค์กร'");
    char *list = tsv(db, "orgs");
    assert_contains(list, "\tเครือข่ายสลัมสี่ภาค\tสสภ.\tnetwork\t\tกรุงเทพมหานคร\t02-123-4567\t"
                          "net@example.org\tไลน์เครือข่าย\tslum4\thttps://example.org\t"
                          "ที่อยู่อาศัย\tบันทึกองค์กร\n");
    free(list);
    long long child = add(db, "org --name 'กลุ่มออมทรัพย์' --parent 'สสภ.'");
    expect_field(db, "orgs", child, "parent", "เครือข่ายสลัมสี่ภาค");

    long long m = add(db, "member --title 'นางสาว' --given-name 'จิราพร' --family-name 'คงทอง' "
                          "--nickname 'แป้ง' --gender female --phone 0812345678 --email "
                          "'jira@example.org' --line-id 'jira_line' --facebook 'jira.fb' "
                          "--province 'TH-50' --district 'เมือง' --subdistrict 'ช้างเผือก' "
                          "--position 'ผู้ประสานงาน' --organisations 'สสภ.; กลุ่มออมทรัพย์' "
                          "--tags 'แกนนำ; เยาวชน' --notes 'บันทึก'");
    list = tsv(db, "members");
    char *row = xasprintf("%lld\tนางสาว\tจิราพร\tคงทอง\tแป้ง\tfemale\t081-234-5678\t"
                          "jira@example.org\tjira_line\tjira.fb\tเชียงใหม่\tเมือง\tช้างเผือก\t"
                          "ผู้ประสานงาน\tเครือข่ายสลัมสี่ภาค; กลุ่มออมทรัพย์\tแกนนำ; เยาวชน\tบันทึก\n",
                          m);
    assert_contains(list, row);
    free(row);
    free(list);

    long long ev = add(db, "event --title 'เวทีสาธารณะ' --kind forum --start-date '1 ก.พ. 2567' "
                           "--end-date '2 ก.พ. 2567' --start-time '9.00' --end-time '16.30 น.' "
                           "--venue 'ศาลากลางบ้าน' --province 'Nan' --host 'สสภ.' --partners "
                           "'กลุ่มออมทรัพย์; สสภ.' --target 50 --status held --notes 'สรุปผล' "
                           "--target-orgs 12 --target-subdistricts 55 --target-districts 7 "
                           "--target-provinces 2");
    list = tsv(db, "events");
    row = xasprintf("%lld\tเวทีสาธารณะ\tforum\t2024-02-01\t2024-02-02\t09:00\t16:30\tศาลากลางบ้าน\t"
                    "น่าน\tเครือข่ายสลัมสี่ภาค\tกลุ่มออมทรัพย์; เครือข่ายสลัมสี่ภาค\t50\theld\tสรุปผล\t"
                    "12\t55\t7\t2\n",
                    ev);
    assert_contains(list, row);
    free(row);
    free(list);

    long long task = add(db,
                         "task --title 'ส่งรายงาน' --event-id %lld --owner 'นางสาวจิราพร คงทอง' "
                         "--owner-org 'กลุ่มออมทรัพย์' --due-date '3/2/2567' --status "
                         "in_progress --priority urgent --notes 'ด่วน'",
                         ev);
    list = tsv(db, "tasks");
    row = xasprintf("%lld\tส่งรายงาน\t%lld\tนางสาวจิราพร คงทอง\tกลุ่มออมทรัพย์\t2024-02-03\t"
                    "in_progress\turgent\tด่วน\tนางสาวจิราพร คงทอง; กลุ่มออมทรัพย์\n",
                    task, ev);
    assert_contains(list, row);
    free(row);
    free(list);

    add(db,
        "attendance --event-id %lld --member-id %lld --organisation 'สสภ.' --category "
        "'แกนนำ' --role speaker --status attended --reason 'มาแทน' --group 'กลุ่ม 1'",
        ev, m);
    list = tsv(db, "attendance");
    row = xasprintf("%lld\tเวทีสาธารณะ\t%lld\tนางสาวจิราพร คงทอง\tเครือข่ายสลัมสี่ภาค\tแกนนำ\t"
                    "speaker\tattended\tมาแทน\tกลุ่ม 1\t",
                    ev, m);
    assert_contains(list, row);
    free(row);
    /* checked_in_at is an ISO 8601 time. */
    char *ms = xasprintf("%lld", m);
    char *when = tsv_get(list, "member_id", ms, "checked_in_at");
    free(ms);
    assert_non_null(when);
    assert_true(strlen(when) >= 16 && when[4] == '-' && when[7] == '-' && when[10] == 'T' &&
                when[13] == ':');
    free(when);
    free(list);

    long long inv =
        add(db, "invitation --event %lld --org 'สสภ.' --status ปฏิเสธ --reason 'น้ำท่วม'", ev);
    list = tsv(db, "invitations");
    row =
        xasprintf("%lld\t%lld\tเวทีสาธารณะ\t%lld\tเครือข่ายสลัมสี่ภาค\tdeclined\tน้ำท่วม\t", inv, ev, org);
    assert_contains(list, row);
    free(row);
    free(list);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Members: names, phones, e-mail, provinces, organisations                                 */
/* ---------------------------------------------------------------------------------------- */

static void cli_add_member_splits_glued_honorifics(void **state)
{
    (void)state;
    char *db = DB();
    const struct {
        const char *full, *title, *given, *family;
    } names[] = {
        {"นางสาวจิราพร คงทอง", "นางสาว", "จิราพร", "คงทอง"},
        {"ผู้ใหญ่โกเมศว์ ทองบุญชู", "ผู้ใหญ่", "โกเมศว์", "ทองบุญชู"},
        {"ดร.อเนก นาคะบุตร", "ดร.", "อเนก", "นาคะบุตร"},
        {"อ.บวร", "อ.", "บวร", ""},
        {"รศ.ดร.กนกวรรณ มะโนรมย์", "รศ.ดร.", "กนกวรรณ", "มะโนรมย์"},
        {"สมบัติ ใจกล้า", "", "สมบัติ", "ใจกล้า"},
    };
    long long ids[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ids[i] = add(db, "member --name '%s'", names[i].full);
        for (size_t j = 0; j < i; j++)
            assert_true(ids[j] != ids[i]);
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        expect_field(db, "members", ids[i], "title", names[i].title);
        expect_field(db, "members", ids[i], "given_name", names[i].given);
        expect_field(db, "members", ids[i], "family_name", names[i].family);
    }
    free(db);
}

static void cli_add_member_needs_a_given_name(void **state)
{
    (void)state;
    char *db = DB();
    expect_error(1, db, "add member --nickname 'แป้ง'", "given_name", NULL);
    assert_int_equal(count_rows(db, "members"), 0);
    free(db);
}

static void cli_phone_forms_are_one_number(void **state)
{
    (void)state;
    char *db = DB();
    const char *const forms[] = {"081-234-5678",    "๐๘๑ ๒๓๔ ๕๖๗๘", "0812345678",
                                 "+66 81 234 5678", "+66812345678", "081 234 5678"};
    /* One number in every form: a second member with it needs --force. */
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        long long id =
            add(db, "member --given-name 'ทดสอบ' --phone '%s'%s", forms[i], i ? " --force" : "");
        expect_field(db, "members", id, "phone", "081-234-5678");
    }
    long long land = add(db, "member --given-name 'บ้าน' --phone '02 123 4567'");
    expect_field(db, "members", land, "phone", "02-123-4567");
    long long two =
        add(db, "member --given-name 'สองเบอร์' --phone '๐๘๙ ๑๑๑ ๒๒๒๒; 021234567' --force");
    expect_field(db, "members", two, "phone", "089-111-2222; 02-123-4567");
    /* Editing in another form gives the same stored number. */
    char *out = ok(db, "edit member %lld --phone '+66 89 111 2222'", two);
    free(out);
    expect_field(db, "members", two, "phone", "089-111-2222");
    free(db);
}

static void cli_invalid_phone_rejected_naming_the_field(void **state)
{
    (void)state;
    char *db = DB();
    const char *const bad[] = {"12345", "081-234-567", "abc", "0812345678901"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *args = xasprintf("add member --given-name 'ทดสอบ' --phone '%s'", bad[i]);
        char *quoted = xasprintf("\"%s\"", bad[i]);
        expect_error(1, db, args, "phone", quoted, NULL);
        free(quoted);
        free(args);
    }
    assert_int_equal(count_rows(db, "members"), 0);
    /* An edit to a bad phone fails and keeps the old one. */
    long long id = add(db, "member --given-name 'ทดสอบ' --phone 0812345678");
    char *args = xasprintf("edit member %lld --phone 'not a phone'", id);
    expect_error(1, db, args, "phone", NULL);
    free(args);
    expect_field(db, "members", id, "phone", "081-234-5678");
    free(db);
}

static void cli_email_is_validated(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "member --given-name 'ทดสอบ' --email 'Somchai.K@Example.org'");
    expect_field(db, "members", id, "email", "Somchai.K@Example.org");
    const char *const bad[] = {"nope", "a@b", "@example.org", "a b@example.org", "a@@example.org"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *args = xasprintf("add member --given-name 'ทดสอบ' --email '%s'", bad[i]);
        char *quoted = xasprintf("\"%s\"", bad[i]);
        expect_error(1, db, args, "email", quoted, NULL);
        free(quoted);
        free(args);
    }
    assert_int_equal(count_rows(db, "members"), 1);
    char *args = xasprintf("add org --name 'องค์กร' --email 'nope'");
    expect_error(1, db, args, "email", NULL);
    free(args);
    free(db);
}

static void cli_province_by_thai_english_and_iso(void **state)
{
    (void)state;
    char *db = DB();
    const char *const forms[] = {"เชียงใหม่", "Chiang Mai", "TH-50", "จ.เชียงใหม่", "จังหวัดเชียงใหม่"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        long long id = add(db, "member --given-name 'ทดสอบ' --province '%s'", forms[i]);
        expect_field(db, "members", id, "province", "เชียงใหม่");
    }
    long long bkk = add(db, "member --given-name 'กรุงเทพ' --province 'Bangkok'");
    expect_field(db, "members", bkk, "province", "กรุงเทพมหานคร");
    long long bkk2 = add(db, "member --given-name 'กรุงเทพ' --province 'TH-10'");
    expect_field(db, "members", bkk2, "province", "กรุงเทพมหานคร");
    expect_error(1, db, "add member --given-name 'ทดสอบ' --province 'Atlantis'", "province",
                 "Atlantis", NULL);
    expect_error(1, db, "add member --given-name 'ทดสอบ' --province 'TH-99'", "province", NULL);
    assert_int_equal(count_rows(db, "members"), 7);
    /* Filtering by province takes the same forms. */
    assert_int_equal(count_rows(db, "members --province 'Chiang Mai'"), 5);
    assert_int_equal(count_rows(db, "members --province TH-50"), 5);
    assert_int_equal(count_rows(db, "members --province 'กรุงเทพมหานคร'"), 2);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Organisations                                                                            */
/* ---------------------------------------------------------------------------------------- */

static void cli_org_parent_hierarchy(void **state)
{
    (void)state;
    char *db = DB();
    long long net = add(db, "org --name 'เครือข่ายสลัมสี่ภาค' --short-name 'สสภ.' --kind network");
    long long a = add(db, "org --name 'กลุ่มออมทรัพย์บ้านมั่นคง' --parent 'สสภ.'");
    long long b = add(db, "org --name 'กลุ่มเยาวชน' --parent %lld", net);
    long long c = add(db, "org --name 'กลุ่มย่อยริมคลอง' --parent 'กลุ่มออมทรัพย์บ้านมั่นคง'");
    expect_field(db, "orgs", net, "parent", "");
    expect_field(db, "orgs", a, "parent", "เครือข่ายสลัมสี่ภาค");
    expect_field(db, "orgs", b, "parent", "เครือข่ายสลัมสี่ภาค");
    expect_field(db, "orgs", c, "parent", "กลุ่มออมทรัพย์บ้านมั่นคง");
    /* Sub-organisations of the network. */
    char *opt = xasprintf("orgs --org %lld --sort id", net);
    char *ids = xasprintf("%lld|%lld", a, b);
    expect_column(db, opt, "id", ids);
    free(ids);
    free(opt);
    /* show org names its sub-organisations. */
    char *out = ok(db, "show org %lld", net);
    assert_contains(out, "กลุ่มออมทรัพย์บ้านมั่นคง");
    assert_contains(out, "กลุ่มเยาวชน");
    free(out);
    expect_error(1, db, "add org --name 'ลอย' --parent 'ไม่มีองค์กรนี้'", "parent", "ไม่มีองค์กรนี้", NULL);
    free(db);
}

static void cli_org_parent_loop_refused(void **state)
{
    (void)state;
    char *db = DB();
    long long a = add(db, "org --name 'องค์กรเอ'");
    long long b = add(db, "org --name 'องค์กรบี'");
    char *out = ok(db, "edit org %lld --parent 'องค์กรบี'", a);
    free(out);
    expect_field(db, "orgs", a, "parent", "องค์กรบี");
    /* B under A would make a loop. */
    char *args = xasprintf("edit org %lld --parent 'องค์กรเอ'", b);
    expect_error(1, db, args, "parent", NULL);
    free(args);
    expect_field(db, "orgs", b, "parent", "");
    /* A longer loop: C under A, then B under C. */
    long long c = add(db, "org --name 'องค์กรซี' --parent %lld", a);
    args = xasprintf("edit org %lld --parent %lld", b, c);
    expect_error(1, db, args, "parent", NULL);
    free(args);
    expect_field(db, "orgs", b, "parent", "");
    /* An organisation under itself. */
    args = xasprintf("edit org %lld --parent %lld", a, a);
    expect_error(1, db, args, "parent", NULL);
    free(args);
    expect_field(db, "orgs", a, "parent", "องค์กรบี");
    out = ok(db, "check");
    free(out);
    free(db);
}

static void cli_member_organisations_by_name_and_short_name(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'มูลนิธิชุมชนไท' --short-name 'มชท.'");
    add(db, "org --name 'Foo Group' --short-name 'FG'");
    long long m1 = add(db, "member --given-name 'สมชาย' --organisations 'มชท.; Foo Group'");
    long long m2 = add(db, "member --given-name 'สมหญิง' --organisations 'มูลนิธิชุมชนไท'");
    long long m3 = add(db, "member --given-name 'สมศรี' --organisations 'FG'");
    expect_field(db, "members", m1, "organisations", "มูลนิธิชุมชนไท; Foo Group");
    expect_field(db, "members", m2, "organisations", "มูลนิธิชุมชนไท");
    expect_field(db, "members", m3, "organisations", "Foo Group");
    expect_error(1, db, "add member --given-name 'สมปอง' --organisations 'ไม่มีองค์กรนี้'",
                 "organisations", "ไม่มีองค์กรนี้", NULL);
    expect_error(1, db, "add member --given-name 'สมปอง' --organisations 'มชท.; ไม่มีองค์กรนี้'",
                 "ไม่มีองค์กรนี้", NULL);
    assert_int_equal(count_rows(db, "members"), 3);
    /* Members of an organisation, by its short name. */
    char *ids = xasprintf("%lld|%lld", m1, m2);
    expect_column(db, "members --org 'มชท.' --sort id", "id", ids);
    free(ids);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Events: Thai dates and times                                                             */
/* ---------------------------------------------------------------------------------------- */

static void cli_event_dates_in_thai_forms(void **state)
{
    (void)state;
    char *db = DB();
    const char *const forms[] = {
        "21/7/2553",       "21 ก.ค. 53", "2010-07-21", "๒๑ ก.ค.๕๓",   "21 ก.ค. 2553",
        "21 กรกฎาคม 2553", "๒๑/๗/๒๕๕๓",  "21/07/2010", "21 Jul 2010", "วันพุธที่ 21 กรกฎาคม พ.ศ. 2553",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        long long id = add(db, "event --title 'เวที %zu' --start-date '%s'", i, forms[i]);
        expect_field(db, "events", id, "start_date", "2010-07-21");
    }
    free(db);
}

static void cli_event_date_range_sets_both_dates(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "event --title 'สัมมนา' --start-date '24-25 มี.ค. 2552'");
    expect_field(db, "events", id, "start_date", "2009-03-24");
    expect_field(db, "events", id, "end_date", "2009-03-25");
    id = add(db, "event --title 'ลงพื้นที่' --start-date '30 มิ.ย. - 2 ก.ค. 2567'");
    expect_field(db, "events", id, "start_date", "2024-06-30");
    expect_field(db, "events", id, "end_date", "2024-07-02");
    /* edit with a range moves both dates. */
    char *out = ok(db, "edit event %lld --start-date '๑-๓ ส.ค. ๒๕๖๗'", id);
    free(out);
    expect_field(db, "events", id, "start_date", "2024-08-01");
    expect_field(db, "events", id, "end_date", "2024-08-03");
    free(db);
}

static void cli_event_time_range_sets_both_times(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "event --title 'ประชุม' --start-date '5 มี.ค. 2567' "
                           "--start-time '13.30 – 17.30 น.'");
    expect_field(db, "events", id, "start_time", "13:30");
    expect_field(db, "events", id, "end_time", "17:30");
    id = add(db, "event --title 'ประชุมเช้า' --start-date '6 มี.ค. 2567' --start-time '9.00 น.' "
                 "--end-time '12.00'");
    expect_field(db, "events", id, "start_time", "09:00");
    expect_field(db, "events", id, "end_time", "12:00");
    free(db);
}

static void cli_event_impossible_dates_rejected_quoting_input(void **state)
{
    (void)state;
    char *db = DB();
    expect_error(1, db, "add event --title 'เวที' --start-date '31 ก.พ. 2567'", "start_date",
                 "31 ก.พ. 2567", NULL);
    expect_error(1, db, "add event --title 'เวที' --start-date '29 ก.พ. 2566'", "start_date",
                 "29 ก.พ. 2566", NULL);
    expect_error(1, db, "add event --title 'เวที' --start-date '32/1/2567'", "32/1/2567", NULL);
    expect_error(1, db, "add task --title 'งาน' --due-date '31 เม.ย. 2567'", "31 เม.ย. 2567", NULL);
    assert_int_equal(count_rows(db, "events"), 0);
    assert_int_equal(count_rows(db, "tasks"), 0);
    /* 2567 (2024) is a leap year. */
    long long id = add(db, "event --title 'เวที' --start-date '29 ก.พ. 2567'");
    expect_field(db, "events", id, "start_date", "2024-02-29");
    /* An event needs a start date. */
    expect_error(1, db, "add event --title 'ไม่มีวัน'", "start_date", NULL);
    free(db);
}

static void cli_event_end_before_start_rejected(void **state)
{
    (void)state;
    char *db = DB();
    expect_error(1, db,
                 "add event --title 'เวที' --start-date '5 มี.ค. 2567' --end-date '1 มี.ค. 2567'",
                 "end_date", NULL);
    assert_int_equal(count_rows(db, "events"), 0);
    long long id = add(db, "event --title 'เวที' --start-date '5 มี.ค. 2567' --end-date "
                           "'6 มี.ค. 2567'");
    char *args = xasprintf("edit event %lld --end-date '4 มี.ค. 2567'", id);
    expect_error(1, db, args, "end_date", NULL);
    free(args);
    expect_field(db, "events", id, "end_date", "2024-03-06");
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Tasks and attendance                                                                     */
/* ---------------------------------------------------------------------------------------- */

static void cli_task_owner_by_name_and_phone_with_due_dates(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'มูลนิธิชุมชนไท' --short-name 'มชท.'");
    add(db, "member --name 'นางสาวจิราพร คงทอง' --phone 0812345678");
    add(db, "member --name 'นายสมชาย ใจดี' --phone '02-123-4567'");
    long long ev = add(db, "event --title 'เวที' --start-date '1 ก.ย. 2567'");
    long long t1 = add(db,
                       "task --title 'ส่งรายงาน' --owner 'นางสาวจิราพร คงทอง' --due-date "
                       "'30 ก.ย. 67' --event-id %lld",
                       ev);
    long long t2 = add(db, "task --title 'โทรหาภาคี' --owner '081-234-5678' --due-date "
                           "'๑ ต.ค. ๒๕๖๗' --owner-org 'มชท.' --priority high");
    long long t3 = add(db, "task --title 'จองห้อง' --owner '๐๒ ๑๒๓ ๔๕๖๗' --due-date 2024-10-15");
    expect_field(db, "tasks", t1, "owner", "นางสาวจิราพร คงทอง");
    expect_field(db, "tasks", t1, "due_date", "2024-09-30");
    char *evs = xasprintf("%lld", ev);
    expect_field(db, "tasks", t1, "event_id", evs);
    free(evs);
    expect_field(db, "tasks", t2, "owner", "นางสาวจิราพร คงทอง");
    expect_field(db, "tasks", t2, "due_date", "2024-10-01");
    expect_field(db, "tasks", t2, "owner_org", "มูลนิธิชุมชนไท");
    expect_field(db, "tasks", t2, "priority", "high");
    expect_field(db, "tasks", t3, "owner", "นายสมชาย ใจดี");
    expect_field(db, "tasks", t3, "due_date", "2024-10-15");
    /* Tasks of one event. */
    char *opt = xasprintf("tasks --event %lld", ev);
    char *ids = xasprintf("%lld", t1);
    expect_column(db, opt, "id", ids);
    free(ids);
    free(opt);
    expect_error(1, db, "add task --title 'x' --owner '0899999999'", "owner", NULL);
    expect_error(1, db, "add task --title 'x' --owner 'ไม่มีคนนี้ เลย'", "owner", NULL);
    expect_error(1, db, "add task --title 'x' --event-id 999", "event", NULL);
    assert_int_equal(count_rows(db, "tasks"), 3);
    free(db);
}

static void cli_attendance_add_duplicate_and_list_by_event(void **state)
{
    (void)state;
    char *db = DB();
    long long m1 = add(db, "member --name 'นางสาวจิราพร คงทอง'");
    long long m2 = add(db, "member --name 'นายสมชาย ใจดี' --phone 0891112222");
    long long e1 = add(db, "event --title 'เวทีหนึ่ง' --start-date '1 มี.ค. 2567'");
    long long e2 = add(db, "event --title 'เวทีสอง' --start-date '2 มี.ค. 2567'");
    add(db, "attendance --event-id %lld --member-id %lld --status attended", e1, m1);
    add(db, "attendance --event-id %lld --member-id 'นายสมชาย ใจดี'", e1);
    add(db, "attendance --event-id %lld --member-id %lld", e2, m1);
    /* The same member again, by id or by phone. */
    char *args = xasprintf("add attendance --event-id %lld --member-id %lld", e1, m1);
    expect_error(1, db, args, NULL);
    free(args);
    args = xasprintf("add attendance --event-id %lld --member-id 0891112222", e1);
    expect_error(1, db, args, NULL);
    free(args);
    assert_int_equal(count_rows(db, "attendance"), 3);
    char *opt = xasprintf("attendance --event %lld --sort id", e1);
    char *ids = xasprintf("%lld|%lld", m1, m2);
    expect_column(db, opt, "member_id", ids);
    expect_column(db, opt, "event_title", "เวทีหนึ่ง|เวทีหนึ่ง");
    free(ids);
    free(opt);
    opt = xasprintf("attendance --event %lld", e2);
    expect_column(db, opt, "member_name", "นางสาวจิราพร คงทอง");
    free(opt);
    char *list = tsv(db, "attendance");
    char *m1s = xasprintf("%lld", m1);
    char *status = tsv_get(list, "member_id", m1s, "status");
    assert_string_equal(status, "attended");
    free(status);
    free(m1s);
    free(list);
    /* The table view works too. */
    char *out = ok(db, "list attendance --event %lld", e1);
    assert_contains(out, "นายสมชาย ใจดี");
    assert_null(strstr(out, "เวทีสอง"));
    free(out);
    expect_error(1, db, "add attendance --event-id 999 --member-id 1", NULL);
    free(db);
}

static void cli_show_event_turnout_line(void **state)
{
    (void)state;
    char *db = DB();
    long long ev = add(db, "event --title 'เวทีสาธารณะ' --start-date '24 มี.ค. 2567' --target 70");
    const char *const people[] = {"นางสาวจิราพร คงทอง", "นายสมชาย ใจดี", "นางน้ำผึ้ง ศรีสุข"};
    const char *const statuses[] = {"attended", "attended", "confirmed"};
    for (size_t i = 0; i < 3; i++) {
        long long m = add(db, "member --name '%s'", people[i]);
        add(db, "attendance --event-id %lld --member-id %lld --status %s", ev, m, statuses[i]);
    }
    char *out = ok(db, "show event %lld", ev);
    assert_contains(out, "เวทีสาธารณะ");
    assert_contains(out, "2 attended of a target of 70");
    assert_contains(out, "2024-03-24");
    free(out);
    expect_error(1, db, "show event 999", "999", NULL);
    free(db);
}

/* show event names what the detail screen shows: host, partners and participants. */
static void cli_show_event_links_host_partners_participants(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'มูลนิธิเพื่อนชุมชน' --short-name 'มพช.'");
    add(db, "org --name 'เครือข่ายสลัมสี่ภาค'");
    long long ev = add(db, "event --title 'เวทีสาธารณะ' --start-date '24 มี.ค. 2567' --host 'มพช.' "
                           "--partners 'เครือข่ายสลัมสี่ภาค'");
    long long m = add(db, "member --name 'นายสมชาย ใจดี' --organisations 'มพช.'");
    add(db, "attendance --event-id %lld --member-id %lld --status attended", ev, m);
    char *out = ok(db, "show event %lld", ev);
    assert_contains(out, "\nHost (1):\n");
    assert_contains(out, "  มูลนิธิเพื่อนชุมชน\n");
    assert_contains(out, "\nPartners (1):\n");
    assert_contains(out, "  เครือข่ายสลัมสี่ภาค\n");
    assert_contains(out, "\nParticipants (1):\n");
    assert_contains(out, "นายสมชาย ใจดี  [attended]  มูลนิธิเพื่อนชุมชน");
    free(out);
    /* In Thai the headings are Thai. */
    out = ok(db, "--lang th show event %lld", ev);
    assert_contains(out, "\nผู้จัด (1):\n");
    assert_contains(out, "\nภาคี (1):\n");
    assert_contains(out, "\nผู้เข้าร่วม (1):\n");
    assert_contains(out, "นายสมชาย ใจดี  [มาแล้ว]");
    free(out);
    free(db);
}

/* show task and show org link what the detail screen links: event, owner, parent. */
static void cli_show_task_and_org_links(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'เครือข่ายสลัมสี่ภาค'");
    long long sub = add(db, "org --name 'กลุ่มเยาวชน' --parent 'เครือข่ายสลัมสี่ภาค'");
    long long ev = add(db, "event --title 'เวทีสาธารณะ' --start-date '24 มี.ค. 2567'");
    long long m = add(db, "member --name 'นายสมชาย ใจดี'");
    long long t = add(db, "task --title 'จองห้อง' --event-id %lld --owner %lld", ev, m);
    char *out = ok(db, "show task %lld", t);
    assert_contains(out, "\nEvent (1):\n");
    assert_contains(out, "  เวทีสาธารณะ\n");
    assert_contains(out, "\nOwners (1):\n");
    assert_contains(out, "  นายสมชาย ใจดี\n");
    free(out);
    out = ok(db, "show org %lld", sub);
    assert_contains(out, "\nPart of (1):\n");
    assert_contains(out, "  เครือข่ายสลัมสี่ภาค\n");
    free(out);
    free(db);
}

static void cli_show_member_and_org(void **state)
{
    (void)state;
    char *db = DB();
    long long org = add(db, "org --name 'มูลนิธิชุมชนไท' --short-name 'มชท.'");
    long long m = add(db, "member --name 'นางสาวจิราพร คงทอง' --nickname 'แป้ง' --phone "
                          "0812345678 --organisations 'มชท.'");
    long long ev = add(db, "event --title 'เวทีหนึ่ง' --start-date '1 มี.ค. 2567'");
    add(db, "attendance --event-id %lld --member-id %lld", ev, m);
    char *out = ok(db, "show member %lld", m);
    assert_contains(out, "จิราพร");
    assert_contains(out, "คงทอง");
    assert_contains(out, "แป้ง");
    assert_contains(out, "081-234-5678");
    assert_contains(out, "เวทีหนึ่ง");
    free(out);
    out = ok(db, "show org %lld", org);
    assert_contains(out, "มูลนิธิชุมชนไท");
    assert_contains(out, "จิราพร คงทอง");
    free(out);
    expect_error(1, db, "show member 999", "999", NULL);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Sorting                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* Titles chosen so that sorting by title would give another order. Expected orders checked
 * against libthai's th_strcoll: Latin first; under ก: กมล, กิตติ, เกศินี, ไก่ (leading vowels
 * sort under the consonant after them, after the consonant+vowel forms); then ข ... อ ฮ. */
static void add_sort_members(const char *db)
{
    const char *const names[] = {
        "ดร.เกศินี สายทอง", "นายขวัญ อินทร์แก้ว", "อ.ไก่ บุญมา",  "Ms. Anna Berg",
        "ผู้ใหญ่กมล ศรีสุข",   "นางสาวอรุณ แก้ว",  "นายฮาซัน มะ", "นางสาวกิตติ เอี่ยมสะอาด",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        add(db, "member --name '%s'", names[i]);
}

static void cli_members_sort_in_thai_dictionary_order(void **state)
{
    (void)state;
    char *db = DB();
    add_sort_members(db);
    const char *want = "Anna|กมล|กิตติ|เกศินี|ไก่|ขวัญ|อรุณ|ฮาซัน";
    expect_column(db, "members", "given_name", want);
    expect_column(db, "members --sort given", "given_name", want);
    /* The table shows the same order. */
    char *out = ok(db, "list members");
    int last = -1;
    const char *const order[] = {"Anna", "กมล", "กิตติ", "เกศินี", "ไก่", "ขวัญ", "อรุณ", "ฮาซัน"};
    for (size_t i = 0; i < 8; i++) {
        const char *p = strstr(out, order[i]);
        assert_non_null(p);
        assert_true((int)(p - out) > last);
        last = (int)(p - out);
    }
    free(out);
    free(db);
}

static void cli_members_sort_by_family_name(void **state)
{
    (void)state;
    char *db = DB();
    add_sort_members(db);
    expect_column(db, "members --sort family", "family_name",
                  "Berg|แก้ว|บุญมา|มะ|ศรีสุข|สายทอง|อินทร์แก้ว|เอี่ยมสะอาด");
    free(db);
}

static void cli_members_sort_by_nickname_province_and_org(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'ขบวนการประชาชน'");
    add(db, "org --name 'กลุ่มเกษตรกร'");
    long long a = add(db, "member --given-name 'หนึ่ง' --nickname 'ไข่' --province 'Nan' "
                          "--organisations 'ขบวนการประชาชน'");
    long long b = add(db, "member --given-name 'สอง' --nickname 'เก่ง' --province 'Krabi' "
                          "--organisations 'กลุ่มเกษตรกร'");
    long long c = add(db, "member --given-name 'สาม' --nickname 'กบ' --province 'Chiang Mai'");
    (void)a;
    (void)b;
    (void)c;
    expect_column(db, "members --sort nickname", "nickname", "กบ|เก่ง|ไข่");
    expect_column(db, "members --sort province", "province", "กระบี่|เชียงใหม่|น่าน");
    char *list = tsv(db, "members --sort org");
    char *col = tsv_column(list, "organisations");
    /* The two with organisations in organisation order (the one without may go either end). */
    const char *g = strstr(col, "กลุ่มเกษตรกร"), *k = strstr(col, "ขบวนการประชาชน");
    assert_non_null(g);
    assert_non_null(k);
    assert_true(g < k);
    free(col);
    free(list);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Search                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void add_search_members(const char *db)
{
    add(db, "org --name 'มูลนิธิชุมชนไท' --short-name 'มชท.'");
    add(db, "member --name 'นางสาวจิราพร คงทอง' --nickname 'แป้ง' --phone '081-234-5678' "
            "--organisations 'มชท.'");                              /* 1 */
    add(db, "member --name 'Mr. John Smith' --nickname 'Johnny'");  /* 2 */
    add(db, "member --name 'นายกำพล ศรีสุข' --nickname 'ต้น'");        /* 3 */
    add(db, "member --name 'นางน้ำผึ้ง ใจงาม' --phone '02-555-0199'"); /* 4 */
}

static void expect_search(const char *db, const char *query, const char *want_ids)
{
    char *opt = xasprintf("members --sort id --search '%s'", query);
    expect_column(db, opt, "id", want_ids);
    free(opt);
}

static void cli_search_thai_substrings(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    expect_search(db, "จิรา", "1");
    expect_search(db, "ราพ", "1");
    expect_search(db, "คงทอง", "1");
    expect_search(db, "จิราพร คงทอง", "1");
    expect_search(db, "ผึ้ง", "4");
    expect_search(db, "ไม่มีใคร", "");
    free(db);
}

static void cli_search_latin_ignores_case(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    expect_search(db, "john", "2");
    expect_search(db, "SMITH", "2");
    expect_search(db, "mItH", "2");
    expect_search(db, "zzz", "");
    free(db);
}

static void cli_search_one_and_two_characters(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    expect_search(db, "ก", "3");
    expect_search(db, "จ", "1|4");
    expect_search(db, "กำ", "3");
    expect_search(db, "สุ", "3");
    expect_search(db, "J", "2");
    expect_search(db, "Jo", "2");
    free(db);
}

static void cli_search_phone_digits(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    expect_search(db, "5678", "1");
    expect_search(db, "0812345678", "1");
    expect_search(db, "081-234-5678", "1");
    expect_search(db, "๕๖๗๘", "1");
    expect_search(db, "0199", "4");
    free(db);
}

static void cli_search_phone_in_international_form(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    /* The contract: these forms are the same number, and search by phone finds members. */
    expect_search(db, "+66 81 234 5678", "1");
    expect_search(db, "+66812345678", "1");
    free(db);
}

static void cli_search_nickname_and_organisation(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    expect_search(db, "แป้ง", "1");
    expect_search(db, "ต้น", "3");
    expect_search(db, "johnny", "2");
    expect_search(db, "ชุมชนไท", "1");
    expect_search(db, "มูลนิธิชุมชนไท", "1");
    expect_search(db, "มชท", "1");
    free(db);
}

static void cli_search_ignores_thai_normalisation_variants(void **state)
{
    (void)state;
    char *db = DB();
    add_search_members(db);
    /* Stored with SARA AM; typed as NIKHAHIT + SARA AA, in either order with the tone mark. */
    expect_search(db, "ก\u0e4d\u0e32", "3");
    expect_search(db, "ก\u0e4d\u0e32พล", "3");
    expect_search(db, "น\u0e49\u0e4d\u0e32", "4");
    expect_search(db, "น\u0e4d\u0e49\u0e32", "4");
    /* Tone mark typed before the vowel. */
    expect_search(db, "ผ\u0e49\u0e36ง", "4");
    /* Stored in a decomposed, tone-first form; found by the normal form. */
    long long id = add(db, "member --given-name 'น\u0e4d\u0e49\u0e32ใส' --family-name "
                           "'ผ\u0e49\u0e36งงาม'");
    char *ids = xasprintf("4|%lld", id);
    expect_search(db, "น้ำ", ids);
    expect_search(db, "ผึ้ง", ids);
    free(ids);
    ids = xasprintf("%lld", id);
    expect_search(db, "น้ำใส", ids);
    free(ids);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Edit, delete, restore                                                                    */
/* ---------------------------------------------------------------------------------------- */

/* A choice is accepted by its key, its English or its Thai label whatever the interface's
 * language: `--status ตอบรับ` works in English, `--status held` in Thai. */
static void cli_choices_accept_thai_and_english_in_either_language(void **state)
{
    (void)state;
    char *db = DB();
    long long a = add(db, "event --title 'เวที ก' --start-date 2567-01-01 --status จัดแล้ว");
    expect_field(db, "events", a, "status", "held");
    char *out = ok(db, "--lang th add event --title 'เวที ข' --start-date 2567-01-02 --status held");
    long long b = atoll(out);
    free(out);
    expect_field(db, "events", b, "status", "held");
    out = ok(db, "--lang th add event --title 'เวที ค' --start-date 2567-01-03 --status ยกเลิก");
    long long c = atoll(out);
    free(out);
    expect_field(db, "events", c, "status", "cancelled");
    long long m = add(db, "member --name 'นายสมชาย ใจดี'");
    add(db, "attendance --event-id %lld --member-id %lld --status ตอบรับ", a, m);
    char *list = tsv(db, "attendance");
    char *ms = xasprintf("%lld", m);
    char *v = tsv_get(list, "member_id", ms, "status");
    assert_string_equal(v, "confirmed");
    free(v);
    free(ms);
    free(list);
    free(db);
}

/* A refused field speaks the interface's language, the field named by its Thai label. */
static void cli_save_errors_in_the_interface_language(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "member --name 'นางสาวจิราพร คงทอง'");
    char *args = xasprintf("edit member %lld --phone 12345", id);
    expect_error(1, db, args, "khai: phone: not a Thai phone number", "\"12345\"", NULL);
    free(args);
    args = xasprintf("--lang th edit member %lld --phone 12345", id);
    expect_error(1, db, args, "khai: โทรศัพท์: ไม่ใช่เบอร์โทรศัพท์ไทย", "\"12345\"", NULL);
    free(args);
    args = xasprintf("--lang th edit member %lld --given-name ''", id);
    expect_error(1, db, args, "khai: ชื่อ: ต้องกรอก", NULL);
    free(args);
    expect_error(1, db, "--lang th add event --title ประชุม --start-date '31 ก.พ. 2567'",
                 "khai: วันที่เริ่ม: ", NULL);
    expect_error(1, db, "add event --title ประชุม --start-date '31 ก.พ. 2567'",
                 "khai: start_date: ", NULL);
    free(db);
}

static void cli_edit_changes_a_field_and_empty_clears(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "member --name 'นางสาวจิราพร คงทอง' --nickname 'แป้ง' --phone 0812345678 "
                           "--province 'Nan'");
    char *out = ok(db, "edit member %lld --nickname 'ปุ๋ย'", id);
    assert_contains(out, "จิราพร");
    free(out);
    expect_field(db, "members", id, "nickname", "ปุ๋ย");
    expect_field(db, "members", id, "phone", "081-234-5678");
    out = ok(db, "edit member %lld --phone '' --province=''", id);
    free(out);
    expect_field(db, "members", id, "phone", "");
    expect_field(db, "members", id, "province", "");
    expect_field(db, "members", id, "nickname", "ปุ๋ย");
    out = ok(db, "edit member %lld --name 'ดร.จิราพร มั่นคง'", id);
    free(out);
    expect_field(db, "members", id, "title", "ดร.");
    expect_field(db, "members", id, "family_name", "มั่นคง");
    /* A required field cannot be cleared. */
    char *args = xasprintf("edit member %lld --given-name ''", id);
    expect_error(1, db, args, "given_name", NULL);
    free(args);
    expect_field(db, "members", id, "given_name", "จิราพร");
    expect_error(1, db, "edit member 999 --nickname 'x'", "999", NULL);
    args = xasprintf("edit member %lld", id);
    expect_error(2, db, args, NULL);
    free(args);
    free(db);
}

static void cli_delete_hides_and_restore_brings_back(void **state)
{
    (void)state;
    char *db = DB();
    long long keep = add(db, "member --name 'นายสมชาย ใจดี'");
    long long id = add(db, "member --name 'นางสาวจิราพร คงทอง'");
    char *out = ok(db, "delete member %lld", id);
    assert_contains(out, "จิราพร");
    free(out);
    char *ks = xasprintf("%lld", keep), *is = xasprintf("%lld", id);
    expect_column(db, "members", "id", ks);
    expect_column(db, "members --deleted", "id", is);
    expect_search(db, "จิราพร", "");
    out = ok(db, "list members");
    assert_null(strstr(out, "จิราพร"));
    free(out);
    /* Deleting twice is an error; editing a deleted record says to restore it first. */
    char *args = xasprintf("delete member %lld", id);
    expect_error(1, db, args, NULL);
    free(args);
    args = xasprintf("edit member %lld --nickname 'แป้ง'", id);
    expect_error(1, db, args, "deleted", "restore it first", NULL);
    free(args);
    out = ok(db, "restore member %lld", id);
    assert_contains(out, "จิราพร");
    free(out);
    char *both = xasprintf("%lld|%lld", keep, id);
    expect_column(db, "members --sort id", "id", both);
    free(both);
    expect_column(db, "members --deleted", "id", "");
    expect_field(db, "members", id, "nickname", "");
    args = xasprintf("restore member %lld", id);
    expect_error(1, db, args, NULL);
    free(args);
    expect_error(1, db, "delete member 999", "999", NULL);
    expect_error(1, db, "restore member 999", "999", NULL);
    free(ks);
    free(is);
    free(db);
}

static void cli_delete_and_restore_other_kinds(void **state)
{
    (void)state;
    char *db = DB();
    long long org = add(db, "org --name 'องค์กรเอ'");
    long long ev = add(db, "event --title 'เวที' --start-date 2024-01-01");
    long long task = add(db, "task --title 'งาน'");
    const struct {
        const char *kind, *plural;
        long long id;
    } k[] = {{"org", "orgs", org}, {"event", "events", ev}, {"task", "tasks", task}};
    for (size_t i = 0; i < 3; i++) {
        char *out = ok(db, "delete %s %lld", k[i].kind, k[i].id);
        free(out);
        assert_int_equal(count_rows(db, k[i].plural), 0);
        char *opt = xasprintf("%s --deleted", k[i].plural);
        assert_int_equal(count_rows(db, opt), 1);
        free(opt);
        out = ok(db, "restore %s %lld", k[i].kind, k[i].id);
        free(out);
        assert_int_equal(count_rows(db, k[i].plural), 1);
    }
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Whole-database commands                                                                  */
/* ---------------------------------------------------------------------------------------- */

static void cli_check_passes_on_a_good_database(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'องค์กรเอ'");
    add(db, "member --given-name 'สมชาย' --organisations 'องค์กรเอ'");
    struct run_result r;
    run(&r, db, "check");
    expect_status(&r, 0);
    assert_contains(r.out, "ok");
    assert_string_equal(r.err, "");
    run_result_free(&r);
    run(&r, db, "check --full");
    expect_status(&r, 0);
    assert_contains(r.out, "ok");
    run_result_free(&r);
    run(&r, db, "check --fast");
    expect_status(&r, 2);
    assert_contains(r.err, "unexpected argument \"--fast\"");
    run_result_free(&r);
    free(db);
}

static void cli_backup_makes_a_readable_copy_and_refuses_existing(void **state)
{
    (void)state;
    char *db = DB();
    char *copy = db_for("cli_backup_copy");
    add(db, "member --name 'นางสาวจิราพร คงทอง' --phone 0812345678");
    char *out = ok(db, "backup '%s'", copy);
    free(out);
    assert_true(file_exists(copy));
    char *orig = tsv(db, "members"), *backed = tsv(copy, "members");
    assert_string_equal(backed, orig);
    assert_contains(backed, "จิราพร");
    free(orig);
    free(backed);
    out = ok(copy, "check");
    free(out);
    /* A second backup to the same file is refused and leaves it alone. */
    add(db, "member --given-name 'สมชาย'");
    char *before = test_read_file(copy);
    struct stat st1, st2;
    assert_int_equal(stat(copy, &st1), 0);
    assert_non_null(copy);
    char *args = xasprintf("backup '%s'", copy ? copy : "");
    expect_error(1, db, args, copy, NULL);
    free(args);
    assert_int_equal(stat(copy, &st2), 0);
    assert_int_equal(st1.st_size, st2.st_size);
    assert_true(st1.st_mtim.tv_sec == st2.st_mtim.tv_sec &&
                st1.st_mtim.tv_nsec == st2.st_mtim.tv_nsec);
    char *after = test_read_file(copy);
    assert_true(memcmp(before, after, (size_t)st1.st_size) == 0);
    free(before);
    free(after);
    assert_int_equal(count_rows(copy, "members"), 1);
    free(copy);
    free(db);
}

static void cli_backup_rejects_an_option_as_file(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "member --given-name 'สมชาย'");
    char *stray = test_path("--frob");
    unlink(stray);
    char *err = fails(2, db, "backup --frob");
    assert_contains(err, "--frob");
    free(err);
    bool created = file_exists(stray);
    unlink(stray);
    assert_false(created);
    free(stray);
    free(db);
}

static void cli_db_option_overrides_khai_db(void **state)
{
    (void)state;
    char *envdb = db_for("cli_db_option_env"), *flagdb = db_for("cli_db_option_flag");
    char *env = xasprintf("KHAI_DB='%s'", envdb);
    struct run_result r;
    run_env(&r, env, "add member --given-name 'จากตัวแปร'");
    expect_status(&r, 0);
    run_result_free(&r);
    assert_true(file_exists(envdb));
    run_env(&r, env, "--db '%s' add member --given-name 'จากตัวเลือก'", flagdb);
    expect_status(&r, 0);
    run_result_free(&r);
    run_env(&r, env, "list members --tsv --db='%s'", flagdb);
    expect_status(&r, 0);
    assert_contains(r.out, "จากตัวเลือก");
    assert_null(strstr(r.out, "จากตัวแปร"));
    run_result_free(&r);
    run_env(&r, env, "list members --tsv");
    expect_status(&r, 0);
    assert_contains(r.out, "จากตัวแปร");
    assert_null(strstr(r.out, "จากตัวเลือก"));
    run_result_free(&r);
    free(env);
    free(envdb);
    free(flagdb);
}

static void cli_default_db_under_xdg_data_home(void **state)
{
    (void)state;
    char *xdg = test_path("xdg-data"), *home = test_path("home");
    char *cmd = xasprintf("rm -rf '%s' '%s' && mkdir -p '%s' '%s'", xdg, home, xdg, home);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    /* XDG_DATA_HOME, created on first use. */
    char *env = xasprintf("-u KHAI_DB XDG_DATA_HOME='%s' HOME='%s'", xdg, home);
    struct run_result r;
    run_env(&r, env, "add member --given-name 'ในเอ็กซ์ดีจี'");
    expect_status(&r, 0);
    run_result_free(&r);
    char *path = xasprintf("%s/khai/khai.db", xdg);
    assert_true(file_exists(path));
    free(path);
    run_env(&r, env, "list members --tsv");
    expect_status(&r, 0);
    assert_contains(r.out, "ในเอ็กซ์ดีจี");
    run_result_free(&r);
    free(env);
    /* Without XDG_DATA_HOME: ~/.local/share/khai/khai.db. */
    env = xasprintf("-u KHAI_DB -u XDG_DATA_HOME HOME='%s'", home);
    run_env(&r, env, "add member --given-name 'ในบ้าน'");
    expect_status(&r, 0);
    run_result_free(&r);
    path = xasprintf("%s/.local/share/khai/khai.db", home);
    assert_true(file_exists(path));
    run_env(&r, env, "list members --tsv");
    expect_status(&r, 0);
    assert_contains(r.out, "ในบ้าน");
    assert_null(strstr(r.out, "ในเอ็กซ์ดีจี"));
    run_result_free(&r);
    free(env);
    /* KHAI_DB beats the default. */
    char *other = db_for("cli_default_db_khai_db");
    env = xasprintf("KHAI_DB='%s' XDG_DATA_HOME='%s' HOME='%s'", other, xdg, home);
    run_env(&r, env, "add member --given-name 'ในตัวแปร'");
    expect_status(&r, 0);
    run_result_free(&r);
    free(env);
    assert_int_equal(count_rows(other, "members"), 1);
    assert_int_equal(count_rows(path, "members"), 1);
    free(other);
    free(path);
    free(xdg);
    free(home);
}

static void cli_newer_schema_refused_and_untouched(void **state)
{
    (void)state;
    char *db = DB();
    char *cmd = xasprintf("sqlite3 '%s' 'PRAGMA user_version=999'", db);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    struct stat before, after;
    assert_int_equal(stat(db, &before), 0);
    char *bytes = test_read_file(db);
    assert_non_null(bytes);
    const char *const cmds[] = {"list members", "list members --tsv", "add member --given-name x",
                                "check",        "show member 1",      "demo --size small"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct run_result r;
        run(&r, db, "%s", cmds[i]);
        if (r.status == 0 || r.status >= 128) report(&r, "a newer database must be refused");
        assert_true(r.status != 0 && r.status < 128);
        assert_contains(r.err, "newer");
        run_result_free(&r);
    }
    assert_int_equal(stat(db, &after), 0);
    assert_int_equal(before.st_size, after.st_size);
    assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
                before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
    char *now = test_read_file(db);
    assert_true(memcmp(bytes, now, (size_t)before.st_size) == 0);
    free(now);
    free(bytes);
    char *wal = xasprintf("%s-wal", db), *journal = xasprintf("%s-journal", db);
    assert_false(file_exists(wal));
    assert_false(file_exists(journal));
    free(wal);
    free(journal);
    free(db);
}

static void cli_demo_small_then_list_and_check(void **state)
{
    (void)state;
    char *db = DB();
    struct run_result r;
    run(&r, db, "demo --size small");
    expect_status(&r, 0);
    run_result_free(&r);
    char *list = tsv(db, "members --limit 5");
    size_t n;
    char **lines = lines_of(list, &n);
    assert_int_equal(n, 6);
    split_free(lines);
    free(list);
    char *out = ok(db, "list members --limit 5");
    lines = lines_of(out, &n);
    assert_int_equal(n, 6);
    split_free(lines);
    free(out);
    assert_true(count_rows(db, "members") >= 100);
    assert_true(count_rows(db, "orgs") >= 1);
    assert_true(count_rows(db, "events") >= 1);
    out = ok(db, "check");
    assert_contains(out, "ok");
    free(out);
    free(db);
}

static void cli_demo_twice_refused(void **state)
{
    (void)state;
    char *db = DB();
    char *out = ok(db, "demo --size small");
    free(out);
    int members = count_rows(db, "members");
    char *err = fails(1, db, "demo --size small");
    free(err);
    assert_int_equal(count_rows(db, "members"), members);
    /* Nor into a database that already has people in it. */
    char *other = db_for("cli_demo_twice_refused_other");
    add(other, "member --given-name 'สมชาย'");
    err = fails(1, other, "demo");
    free(err);
    assert_int_equal(count_rows(other, "members"), 1);
    free(other);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */
/* Tables and terminal safety                                                               */
/* ---------------------------------------------------------------------------------------- */

static void add_table_members(const char *db)
{
    add(db, "org --name 'สมัชชาคนจน' --short-name 'สคจ.'");
    add(db, "org --name 'มูลนิธิเพื่อนหญิง'");
    add(db, "member --name 'นางสาวน้ำผึ้ง ศรีสุข' --nickname 'แป้ง' --phone 0812345678 "
            "--province 'เชียงใหม่' --organisations 'สคจ.'");
    add(db, "member --name 'นายกำพล ตั้งใจดี' --nickname 'ต้น' --phone 021234567 --province Nan "
            "--organisations 'มูลนิธิเพื่อนหญิง'");
    add(db, "member --name 'ผู้ใหญ่โกเมศว์ ทองบุญชู' --nickname 'ปุ๋ย' --province 'อุบลราชธานี' "
            "--phone 0899999999");
    add(db, "member --name 'นางสาวปิ่นมณี เลิศฤทธิ์' --nickname '王小明' --phone 0811111111 "
            "--province 'กรุงเทพมหานคร'");
    add(db, "member --name 'Mr. Alexander Montgomery-Smithson' --nickname 'Sandy' --phone "
            "0822222222 --province Phuket");
    add(db, "member --name 'นายสุรเชษฐ์ ชื่อยาวมากเป็นพิเศษเพื่อทดสอบการตัดคำในตาราง' --nickname "
            "'เชษฐ์ที่ชื่อเล่นยาวเกินไป' --phone 0833333333 --province 'ประจวบคีรีขันธ์'");
}

static void cli_table_columns_line_up_with_thai_marks(void **state)
{
    (void)state;
    char *db = DB();
    add_table_members(db);
    const char *const langs[] = {"en", "th"};
    for (size_t l = 0; l < 2; l++) {
        struct run_result r;
        run_env(&r, "COLUMNS=80", "--db '%s' --lang %s list members", db, langs[l]);
        expect_status(&r, 0);
        expect_aligned_table(r.out, 80, 6);
        /* Values that fit start exactly where their header does. */
        size_t n;
        char **lines = lines_of(r.out, &n);
        int starts[16];
        int ns = header_starts(lines[0], starts, 16);
        assert_true(ns >= 5);
        const char *const phones[] = {"081-234-5678", "02-123-4567",  "089-999-9999",
                                      "081-111-1111", "082-222-2222", "083-333-3333"};
        const char *const nicks[] = {"แป้ง", "ต้น", "ปุ๋ย", "王小明", "Sandy", NULL};
        const char *const provinces[] = {"เชียงใหม่",      "น่าน",  "อุบลราชธานี",
                                         "กรุงเทพมหานคร", "ภูเก็ต", NULL};
        for (size_t p = 0; p < 6; p++) {
            size_t row = 0;
            for (size_t i = 1; i < n; i++)
                if (strstr(lines[i], phones[p])) row = i;
            if (!row) fprintf(stderr, "no row with %s in:\n%s\n", phones[p], r.out);
            assert_true(row > 0);
            /* Columns: id, name, nickname, phone, province, organisations. */
            assert_int_equal(column_of(lines[row], phones[p]), starts[2]);
            if (nicks[p]) assert_int_equal(column_of(lines[row], nicks[p]), starts[1]);
            if (provinces[p]) assert_int_equal(column_of(lines[row], provinces[p]), starts[3]);
            /* The name starts where its header does. */
            assert_true(char_at(lines[row], starts[0]) != ' ');
            assert_true(char_at(lines[row], starts[0] - 1) == ' ');
        }
        split_free(lines);
        run_result_free(&r);
    }
    free(db);
}

static void cli_table_widens_with_columns(void **state)
{
    (void)state;
    char *db = DB();
    add_table_members(db);
    struct run_result r;
    run_env(&r, "COLUMNS=120", "--db '%s' list members", db);
    expect_status(&r, 0);
    expect_aligned_table(r.out, 120, 6);
    size_t n;
    char **lines = lines_of(r.out, &n);
    int widest = 0;
    for (size_t i = 0; i < n; i++)
        if (display_width(lines[i]) > widest) widest = display_width(lines[i]);
    assert_true(widest > 80);
    /* The long name has room now. */
    assert_contains(r.out, "Montgomery-Smithson");
    split_free(lines);
    run_result_free(&r);
    /* Without COLUMNS (not a terminal): 80. */
    run_env(&r, "-u COLUMNS", "--db '%s' list members", db);
    expect_status(&r, 0);
    expect_aligned_table(r.out, 80, 6);
    run_result_free(&r);
    free(db);
}

static void cli_table_fits_a_narrow_terminal(void **state)
{
    (void)state;
    char *db = DB();
    add_table_members(db);
    struct run_result r;
    run_env(&r, "COLUMNS=40", "--db '%s' list members", db);
    expect_status(&r, 0);
    expect_aligned_table(r.out, 40, 6);
    run_result_free(&r);
    free(db);
}

static void cli_other_tables_line_up(void **state)
{
    (void)state;
    char *db = DB();
    add(db, "org --name 'เครือข่ายสลัมสี่ภาค' --short-name 'สสภ.' --kind network --province 'ลำพูน'");
    add(db, "org --name 'กลุ่มออมทรัพย์บ้านมั่นคงริมคลองเปรมประชากร' --short-name 'ออมทรัพย์' "
            "--parent 'สสภ.'");
    add(db, "event --title 'ประชุมเชิงปฏิบัติการเรื่องสิทธิชุมชนกับการจัดการทรัพยากรธรรมชาติ' "
            "--start-date '24-25 มี.ค. 2552' --province 'ลำพูน' --target 120");
    add(db, "event --title 'เวที' --start-date '1 ม.ค. 2567' --status held");
    add(db, "member --name 'นางสาวน้ำผึ้ง ศรีสุข'");
    add(db, "task --title 'ส่งรายงานสรุปผลการประชุมให้ผู้สนับสนุน' --owner 'นางสาวน้ำผึ้ง ศรีสุข' "
            "--due-date '30 ก.ย. 2567'");
    add(db, "task --title 'จองห้อง' --due-date '1 ต.ค. 2567'");
    const struct {
        const char *kind;
        size_t rows;
    } k[] = {{"orgs", 2}, {"tasks", 2}};
    for (size_t i = 0; i < 2; i++) {
        struct run_result r;
        run_env(&r, "COLUMNS=80", "--db '%s' list %s", db, k[i].kind);
        expect_status(&r, 0);
        expect_aligned_table(r.out, 80, k[i].rows);
        run_result_free(&r);
    }
    /* Events have a right-aligned column: check only widths and the title column. */
    struct run_result r;
    run_env(&r, "COLUMNS=80", "--db '%s' list events", db);
    expect_status(&r, 0);
    size_t n;
    char **lines = lines_of(r.out, &n);
    assert_int_equal(n, 3);
    int title = column_of(lines[0], "Title");
    assert_true(title > 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(display_width(lines[i]) <= 80);
        if (i > 0)
            assert_int_equal(column_of(lines[i], strstr(lines[i], "ประชุม") ? "ประชุม" : "เวที"),
                             title);
    }
    split_free(lines);
    run_result_free(&r);
    free(db);
}

static bool has_raw_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) return true;
    return false;
}

static void cli_escape_sequences_never_printed_raw(void **state)
{
    (void)state;
    char *db = DB();
    /* Raw ESC, BEL and CR bytes inside single quotes reach khai unchanged. */
    long long id = add(db, "member --given-name 'Evil\x1b[31mRed' --family-name "
                           "'x\x1b]0;title\x07y' --nickname 'bad\rnick' --notes 'ok\x1b[2Jnotes'");
    add(db, "org --name 'Org\x1b[5mBlink'");
    add(db, "event --title 'Event\x1b[1mBold' --start-date 2024-01-01");
    const struct {
        const char *args, *shows;
    } cmds[] = {{"list members", "Evil"},       {"list members --tsv", "Evil"},
                {"show member 1", "Evil"},      {"list members --search Evil", "Evil"},
                {"list orgs", "Org"},           {"list orgs --tsv", "Org"},
                {"show org 1", "Org"},          {"list events", "Event"},
                {"list events --tsv", "Event"}, {"show event 1", "Event"}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *out = ok(db, "%s", cmds[i].args);
        if (has_raw_control(out))
            fprintf(stderr, "khai %s printed a raw control character:\n%s\n", cmds[i].args, out);
        assert_false(has_raw_control(out));
        assert_contains(out, cmds[i].shows);
        free(out);
    }
    const char *const changes[] = {"edit member %lld --nickname 'nick'", "delete member %lld",
                                   "restore member %lld"};
    for (size_t i = 0; i < 3; i++) {
        struct run_result r;
        char *args = xasprintf(changes[i], id);
        run(&r, db, "%s", args);
        free(args);
        expect_status(&r, 0);
        assert_false(has_raw_control(r.out));
        assert_false(has_raw_control(r.err));
        run_result_free(&r);
    }
    free(db);
}

static void cli_error_messages_do_not_echo_escape_sequences(void **state)
{
    (void)state;
    char *db = DB();
    const char *const cmds[] = {"add member --given-name a --email 'x\x1b[31m@'",
                                "add event --title a --start-date '31 \x1b[2J'", "'\x1b[31mfoo'",
                                "list members --sort '\x1b[31m'", "list '\x1b[31m'"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct run_result r;
        run(&r, db, "%s", cmds[i]);
        assert_true(r.status != 0);
        if (has_raw_control(r.err)) report(&r, "an error message echoed a raw control character");
        assert_false(has_raw_control(r.err));
        run_result_free(&r);
    }
    free(db);
}

static void cli_tsv_escapes_newlines_and_backslashes(void **state)
{
    (void)state;
    char *db = DB();
    long long id = add(db, "member --given-name 'สมชาย' --notes 'บรรทัดหนึ่ง\nบรรทัดสอง\\ท้าย' "
                           "--position 'a\tb'");
    char *list = tsv(db, "members");
    size_t n;
    char **lines = lines_of(list, &n);
    assert_int_equal(n, 2);
    size_t header_tabs = 0, row_tabs = 0;
    for (const char *p = lines[0]; *p; p++)
        header_tabs += *p == '\t';
    for (const char *p = lines[1]; *p; p++)
        row_tabs += *p == '\t';
    assert_int_equal(row_tabs, header_tabs);
    split_free(lines);
    free(list);
    expect_field(db, "members", id, "notes", "บรรทัดหนึ่ง\\nบรรทัดสอง\\\\ท้าย");
    /* A tab in data is either escaped or turned into a space, never a raw separator. */
    list = tsv(db, "members");
    char *ids = xasprintf("%lld", id);
    char *pos = tsv_get(list, "id", ids, "position");
    assert_non_null(pos);
    assert_true(strcmp(pos, "a\\tb") == 0 || strcmp(pos, "a b") == 0);
    free(pos);
    free(ids);
    free(list);
    free(db);
}

static void cli_list_limit_and_offset(void **state)
{
    (void)state;
    char *db = DB();
    for (int i = 0; i < 5; i++)
        add(db, "member --given-name 'คน%d'", i);
    assert_int_equal(count_rows(db, "members --limit 2"), 2);
    assert_int_equal(count_rows(db, "members --limit 10"), 5);
    expect_column(db, "members --sort id --limit 2 --offset 1", "id", "2|3");
    char *out = ok(db, "list members --limit 3");
    size_t n;
    char **lines = lines_of(out, &n);
    assert_int_equal(n, 4);
    split_free(lines);
    free(out);
    free(db);
}

/* ---------------------------------------------------------------------------------------- */

const struct CMUnitTest cli_tests[] = {
    cmocka_unit_test(cli_version_prints_version),
    cmocka_unit_test(cli_help_lists_every_command),
    cmocka_unit_test(cli_help_command_for_every_command),
    cmocka_unit_test(cli_help_unknown_command_is_usage_error),
    cmocka_unit_test(cli_no_command_explains_and_fails),
    cmocka_unit_test(cli_unknown_command_is_usage_error),
    cmocka_unit_test(cli_unknown_kind_is_usage_error),
    cmocka_unit_test(cli_unknown_option_is_usage_error),
    cmocka_unit_test(cli_bad_option_values_are_usage_errors),
    cmocka_unit_test(cli_tsv_headers_are_the_contract_columns),
    cmocka_unit_test(cli_every_column_is_an_option_with_dashes),
    cmocka_unit_test(cli_add_member_splits_glued_honorifics),
    cmocka_unit_test(cli_add_member_needs_a_given_name),
    cmocka_unit_test(cli_phone_forms_are_one_number),
    cmocka_unit_test(cli_invalid_phone_rejected_naming_the_field),
    cmocka_unit_test(cli_email_is_validated),
    cmocka_unit_test(cli_province_by_thai_english_and_iso),
    cmocka_unit_test(cli_org_parent_hierarchy),
    cmocka_unit_test(cli_org_parent_loop_refused),
    cmocka_unit_test(cli_member_organisations_by_name_and_short_name),
    cmocka_unit_test(cli_event_dates_in_thai_forms),
    cmocka_unit_test(cli_event_date_range_sets_both_dates),
    cmocka_unit_test(cli_event_time_range_sets_both_times),
    cmocka_unit_test(cli_event_impossible_dates_rejected_quoting_input),
    cmocka_unit_test(cli_event_end_before_start_rejected),
    cmocka_unit_test(cli_task_owner_by_name_and_phone_with_due_dates),
    cmocka_unit_test(cli_attendance_add_duplicate_and_list_by_event),
    cmocka_unit_test(cli_show_event_turnout_line),
    cmocka_unit_test(cli_show_event_links_host_partners_participants),
    cmocka_unit_test(cli_show_task_and_org_links),
    cmocka_unit_test(cli_show_member_and_org),
    cmocka_unit_test(cli_members_sort_in_thai_dictionary_order),
    cmocka_unit_test(cli_members_sort_by_family_name),
    cmocka_unit_test(cli_members_sort_by_nickname_province_and_org),
    cmocka_unit_test(cli_search_thai_substrings),
    cmocka_unit_test(cli_search_latin_ignores_case),
    cmocka_unit_test(cli_search_one_and_two_characters),
    cmocka_unit_test(cli_search_phone_digits),
    cmocka_unit_test(cli_search_phone_in_international_form),
    cmocka_unit_test(cli_search_nickname_and_organisation),
    cmocka_unit_test(cli_search_ignores_thai_normalisation_variants),
    cmocka_unit_test(cli_choices_accept_thai_and_english_in_either_language),
    cmocka_unit_test(cli_save_errors_in_the_interface_language),
    cmocka_unit_test(cli_edit_changes_a_field_and_empty_clears),
    cmocka_unit_test(cli_delete_hides_and_restore_brings_back),
    cmocka_unit_test(cli_delete_and_restore_other_kinds),
    cmocka_unit_test(cli_check_passes_on_a_good_database),
    cmocka_unit_test(cli_backup_makes_a_readable_copy_and_refuses_existing),
    cmocka_unit_test(cli_backup_rejects_an_option_as_file),
    cmocka_unit_test(cli_db_option_overrides_khai_db),
    cmocka_unit_test(cli_default_db_under_xdg_data_home),
    cmocka_unit_test(cli_newer_schema_refused_and_untouched),
    cmocka_unit_test(cli_demo_small_then_list_and_check),
    cmocka_unit_test(cli_demo_twice_refused),
    cmocka_unit_test(cli_table_columns_line_up_with_thai_marks),
    cmocka_unit_test(cli_table_widens_with_columns),
    cmocka_unit_test(cli_table_fits_a_narrow_terminal),
    cmocka_unit_test(cli_other_tables_line_up),
    cmocka_unit_test(cli_escape_sequences_never_printed_raw),
    cmocka_unit_test(cli_error_messages_do_not_echo_escape_sequences),
    cmocka_unit_test(cli_tsv_escapes_newlines_and_backslashes),
    cmocka_unit_test(cli_list_limit_and_offset),
};
const size_t cli_tests_count = sizeof cli_tests / sizeof cli_tests[0];
