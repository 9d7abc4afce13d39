/* End-to-end tests in tmux of an event's breakout groups (b on its detail): the list with
 * count, facilitator and room, a rule chosen with one key after a question, balance, Enter on
 * a group for its people and m to move one, and u undoing a whole assignment; in Thai too. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 80, ROWS = 24 };

/* Four people of two provinces at one event. */
static char *event_with_people(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'มูลนิธิ ก'"));
    free(khai_ok(db, "add event --title 'เวทีเปิดตัวนครศรีฯ' --start-date 2567-07-10"));
    static const char *const people[][2] = {{"นายหนึ่ง ใจดี", "ตรัง"},
                                            {"นางสอง มีสุข", "ตรัง"},
                                            {"นายสาม แกร่ง", "สงขลา"},
                                            {"นางสี่ เด่น", "นครศรีธรรมราช"}};
    for (int i = 0; i < 4; i++) {
        free(khai_ok(db, "add member --name '%s' --province %s --organisations 'มูลนิธิ ก'",
                     people[i][0], people[i][1]));
        free(khai_ok(db, "add attendance --event-id 1 --member-id %d --status confirmed", i + 1));
    }
    return db;
}

/* The groups view of event 1; hint is how the detail's status line offers it. */
static struct tm_session *open_groups(const char *name, const char *db, const char *lang,
                                      const char *hint)
{
    if (!tm_available()) skip();
    struct tm_session *s = tm_start(name, COLS, ROWS, NULL, db, lang);
    tm_keys(s, "3");
    free(tm_expect(s, "เวทีเปิดตัวนครศรีฯ"));
    tm_keys(s, "Enter");
    free(tm_expect(s, hint));
    tm_keys(s, "b");
    return s;
}

static void groups_tui_rule_people_move_and_undo(void **state)
{
    (void)state;
    char *db = event_with_people("groups-tui.db");
    struct tm_session *s = open_groups("groups", db, "--lang en", "c check-in");
    char *screen = tm_expect(s, "Breakout groups of เวทีเปิดตัวนครศรีฯ");
    assert_contains(screen, "No groups yet");
    assert_contains(screen, "p by rule");
    free(screen);
    /* p: the rule with one key, then a question; n at the question changes nothing. */
    tm_keys(s, "p");
    free(tm_expect(s, "Put everyone in groups by: p province"));
    tm_keys(s, "p");
    free(tm_expect(s, "for each province?"));
    tm_keys(s, "n");
    tm_refute(s, "ตรัง");
    tm_keys(s, "p");
    free(tm_expect(s, "Put everyone in groups by:"));
    tm_keys(s, "p");
    free(tm_expect(s, "for each province?"));
    tm_keys(s, "y");
    screen = tm_expect(s, "moved 4 people (u undoes)");
    assert_contains(screen, ">ตรัง");
    assert_contains(screen, "สงขลา");
    free(screen);
    free(tm_expect_line(s, 3, "ตรัง"));
    screen = tm_capture(s, false);
    char *line = tm_line(screen, 3);
    assert_contains(line, "2");
    free(line);
    free(screen);
    /* Facilitator and room of the highlighted group. */
    tm_keys(s, "f");
    free(tm_expect(s, "Facilitator (member id, name or phone):"));
    tm_type(s, "3");
    tm_keys(s, "Enter");
    tm_keys(s, "w");
    free(tm_expect(s, "Room:"));
    tm_type(s, "ห้อง 301");
    tm_keys(s, "Enter");
    screen = tm_expect(s, "ห้อง 301");
    assert_contains(screen, "นายสาม แกร่ง");
    free(screen);
    /* Enter: the group's people; m moves one to a new group. */
    tm_keys(s, "Enter");
    screen = tm_expect(s, "ตรัง: 2 people");
    assert_contains(screen, "นางสอง มีสุข");
    assert_contains(screen, "นายหนึ่ง ใจดี");
    free(screen);
    tm_keys(s, "m");
    free(tm_expect(s, "Move to group"));
    tm_type(s, "กลุ่มภาคีสนับสนุน");
    tm_keys(s, "Enter");
    free(tm_expect(s, "ตรัง: 1 person"));
    tm_keys(s, "Escape");
    free(tm_expect(s, "กลุ่มภาคีสนับสนุน"));
    /* n: balance into 2, keeping organisations together: all four in one group. */
    tm_keys(s, "n");
    free(tm_expect(s, "Balance into how many groups:"));
    tm_type(s, "2");
    tm_keys(s, "Enter");
    free(tm_expect(s, "2 groups: k keep organisations together  s spread organisations"));
    tm_keys(s, "s");
    free(tm_expect(s, "(u undoes)"));
    char *out = khai_ok(db, "groups 1 --tsv");
    assert_contains(out, "ตรัง\t3\tนายสาม แกร่ง\tห้อง 301\t2\n");
    free(out);
    /* u undoes the whole balance in one step, then the move. */
    tm_keys(s, "u");
    free(tm_expect(s, "undid the groups of"));
    out = khai_ok(db, "list attendance --event 1 --group กลุ่มภาคีสนับสนุน --tsv");
    assert_contains(out, "นางสอง มีสุข");
    free(out);
    tm_keys(s, "q");
    free(tm_expect(s, "c check-in"));
    tm_keys(s, "q");
    tm_quit_ok(s);
    free(db);
}

static void groups_tui_in_thai(void **state)
{
    (void)state;
    char *db = event_with_people("groups-tui-th.db");
    free(khai_ok(db, "groups 1 --set 'กลุ่ม 1 อำเภอชะอวด' 1 2"));
    struct tm_session *s = open_groups("groups-th", db, "--lang th", "c ลงทะเบียน");
    char *screen = tm_expect(s, "กลุ่ม 1 อำเภอชะอวด");
    assert_contains(screen, "กลุ่มย่อยของ");
    /* The two not put in a group are counted on a row of their own. */
    char *line = tm_line(screen, 4);
    assert_contains(line, "(ยังไม่มีกลุ่ม)");
    assert_contains(line, "2");
    free(line);
    free(screen);
    tm_keys(s, "a");
    free(tm_expect(s, "กลุ่มใหม่:"));
    tm_type(s, "กลุ่มภาคีสนับสนุน");
    tm_keys(s, "Enter");
    free(tm_expect(s, "กลุ่มภาคีสนับสนุน"));
    tm_keys(s, "q");
    tm_keys(s, "q");
    tm_quit_ok(s);
    free(db);
}

/* Check-in at the conference of 24–25 มีนาคม 2552 (long past: it starts on its first day);
 * Ctrl-T moves to the second day, and the check-in records it. */
static void groups_tui_checkin_records_the_day(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("groups-tui-days.db");
    free(khai_ok(db, "add event --title 'สัมมนาวิชาการ' --start-date '24-25 มีนาคม 2552'"));
    free(khai_ok(db, "add member --name 'นายหนึ่ง สองวัน'"));
    if (!tm_available()) skip();
    struct tm_session *s = tm_start("groups-days", COLS, ROWS, NULL, db, "--lang en");
    tm_keys(s, "3");
    free(tm_expect(s, "สัมมนาวิชาการ"));
    tm_keys(s, "c");
    free(tm_expect(s, "สัมมนาวิชาการ · day 24 Mar 2009"));
    tm_keys(s, "C-t");
    free(tm_expect(s, "สัมมนาวิชาการ · day 25 Mar 2009"));
    tm_type(s, "สองวัน");
    free(tm_expect(s, "นายหนึ่ง สองวัน"));
    tm_keys(s, "Enter");
    free(tm_expect(s, "checked in"));
    char *out = khai_ok(db, "list attendance --event 1 --tsv");
    assert_contains(out, "\t2009-03-25\n");
    free(out);
    tm_keys(s, "Escape");
    tm_keys(s, "Escape");
    free(tm_expect(s, "3 Events"));
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest groups_tui_tests[] = {
    cmocka_unit_test(groups_tui_checkin_records_the_day),
    cmocka_unit_test(groups_tui_rule_people_move_and_undo),
    cmocka_unit_test(groups_tui_in_thai),
};
const size_t groups_tui_tests_count = sizeof groups_tui_tests / sizeof groups_tui_tests[0];
