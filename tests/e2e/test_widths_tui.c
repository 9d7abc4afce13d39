/* End-to-end tests that rows holding Shan and Burmese names stay aligned, on the screens
 * (tmux, which places characters by glibc's wcwidth as ncursesw does) and in the command
 * line's table: khai must count each mark's columns as the terminal draws them. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* Names from a northern network: Shan (ၼၢင်းၵႅဝ် has the vowel sign ႅ U+1085 and ၸၢႆး the
 * final ႆ U+1086, which take no cell), Burmese with spacing vowels (ေ, ာ), and Thai. */
static const struct {
    const char *given, *family, *phone, *shown;
} people[] = {
    {"ၼၢင်းၵႅဝ်", "ၸိုင်ႈ", "081-111-1111", "081-111-1111"},
    {"ၸၢႆးသၢမ်", "ၶုၼ်ႁွမ်", "081-222-2222", "081-222-2222"},
    {"မောင်မောင်", "ကျော်", "081-333-3333", "081-333-3333"},
    {"สมชาย", "ใจดี", "081-444-4444", "081-444-4444"},
};
enum { PEOPLE = sizeof people / sizeof people[0] };

static char *northern_db(const char *name)
{
    char *db = test_fresh_db_path(name);
    for (size_t i = 0; i < PEOPLE; i++)
        free(khai_ok(db,
                     "add member --given-name '%s' --family-name '%s' --nickname 'ต้น' "
                     "--phone %s",
                     people[i].given, people[i].family, people[i].phone));
    return db;
}

/* Columns s takes by glibc's wcswidth (the tests run under C.UTF-8), as tmux draws it. */
static int display_width(const char *s)
{
    size_t n = mbstowcs(NULL, s, 0);
    assert_true(n != (size_t)-1);
    wchar_t *wide = xmalloc((n + 1) * sizeof *wide);
    mbstowcs(wide, s, n + 1);
    int cols = wcswidth(wide, n);
    free(wide);
    assert_true(cols >= 0);
    return cols;
}

/* The terminal column where needle starts in line, or -1 when needle is not there. */
static int column_of(const char *line, const char *needle)
{
    const char *at = strstr(line, needle);
    if (!at) return -1;
    char *prefix = xstrndup(line, (size_t)(at - line));
    int cols = display_width(prefix);
    free(prefix);
    return cols;
}

/* Every person's phone starts in the column of the "Phone" heading, in each line of out. */
static void expect_phones_aligned(const char *out, const char *where)
{
    int heading = -1, found = 0;
    char *copy = xstrdup(out);
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        if (heading < 0) heading = column_of(line, "Phone");
        for (size_t i = 0; i < PEOPLE; i++) {
            int col = column_of(line, people[i].shown);
            if (col < 0) continue;
            found++;
            if (col != heading)
                fail_msg("%s: %s's phone at column %d, the Phone heading at %d:\n%s", where,
                         people[i].given, col, heading, out);
        }
    }
    free(copy);
    if (heading < 0 || found != PEOPLE) fail_msg("%s: not every row shown:\n%s", where, out);
}

/* Every row's phone starts under the Phone heading, and a Shan name too long for its column
 * is cut with "…" in the column's last cell, right before the space that precedes the
 * nickname: khai counting its marks ႅ and ႆ as a cell each would cut it short and leave the
 * "…" further left. */
static void widths_tui_shan_and_burmese_rows_stay_aligned(void **state)
{
    (void)state;
    if (!tm_available()) skip();
    char *db = northern_db("widths_tui_cut");
    free(khai_ok(db, "add member --given-name 'ၼၢင်းၶမ်းလႅင်းၵႅဝ်မိူင်း' --family-name 'ၸိုင်ႈတႆး' "
                     "--nickname 'ลอง' --phone 089-555-5555"));
    struct tm_session *s = tm_start("widths_cut", 80, 24, NULL, db, "");
    char *screen = tm_expect(s, "089-555-5555");
    expect_phones_aligned(screen, "the members list");
    char *header = tm_line(screen, 1);
    int nickname = column_of(header, "Nickname");
    assert_true(nickname > 0);
    bool seen = false;
    for (int y = 2; y < tm_lines(screen); y++) {
        char *line = tm_line(screen, y);
        if (strstr(line, "089-555-5555")) {
            seen = true;
            int ellipsis = column_of(line, "…");
            if (ellipsis != nickname - 2 || column_of(line, "ลอง") != nickname) {
                tm_print_screen(s, "the cut name", screen);
                fail_msg("\"…\" at column %d, the nickname at %d: want %d and %d", ellipsis,
                         column_of(line, "ลอง"), nickname - 2, nickname);
            }
        }
        free(line);
    }
    assert_true(seen);
    free(header);
    free(screen);
    tm_quit_ok(s);
    tm_stop_all();
    free(db);
}

/* Typing a Shan name in a form puts the cursor right after what was typed, where the
 * terminal drew its last letter, not a cell further for each mark. */
static void widths_tui_form_cursor_follows_a_shan_name(void **state)
{
    (void)state;
    if (!tm_available()) skip();
    char *db = northern_db("widths_tui_form");
    struct tm_session *s = tm_start("widths_form", 80, 24, NULL, db, "");
    tm_keys(s, "a");
    free(tm_expect(s, "New member"));
    const char *typed = "ၼၢင်းၵႅဝ် ၸၢႆး";
    tm_type(s, typed);
    char *screen = tm_expect(s, typed);
    int want = -1, row = -1;
    for (int y = 0; y < tm_lines(screen) && want < 0; y++) {
        char *line = tm_line(screen, y);
        int at = column_of(line, typed);
        if (at >= 0) {
            want = at + display_width(typed);
            row = y;
        }
        free(line);
    }
    free(screen);
    assert_true(want > 0);
    int x = -1, y = -1;
    long long tries = tm_timeout_ms() / 40;
    while (tries-- > 0 && (!tm_cursor(s, &x, &y) || x != want || y != row))
        usleep(40 * 1000);
    if (x != want || y != row)
        fail_msg("the cursor is at column %d row %d, after the name is column %d row %d", x, y,
                 want, row);
    tm_keys(s, "Escape");
    free(tm_expect(s, "iscard"));
    tm_keys(s, "y");
    free(tm_expect_gone(s, "New member"));
    tm_quit_ok(s);
    tm_stop_all();
    free(db);
}

static void widths_cli_shan_and_burmese_rows_stay_aligned(void **state)
{
    (void)state;
    char *db = northern_db("widths_cli");
    char *out = khai_ok(db, "--lang en list members --sort id");
    expect_phones_aligned(out, "list members");
    free(out);
    free(db);
}

const struct CMUnitTest widths_tui_tests[] = {
    cmocka_unit_test(widths_tui_shan_and_burmese_rows_stay_aligned),
    cmocka_unit_test(widths_tui_form_cursor_follows_a_shan_name),
    cmocka_unit_test(widths_cli_shan_and_burmese_rows_stay_aligned),
};
const size_t widths_tui_tests_count = sizeof widths_tui_tests / sizeof widths_tui_tests[0];
