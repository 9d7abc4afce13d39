/* End-to-end tests in tmux of an event's participants (P on an event): the list with each
 * row's attendance id, status and group, moving past a page, Space marking rows, ; setting a
 * status and a group on the marked rows after a yes, u undoing each as one step, Enter
 * editing one row, d taking one off, the same in Thai; and check-in showing what tells two
 * namesakes of one organisation apart. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 100, ROWS = 16, PEOPLE = 14 };

/* Event 1 with PEOPLE participants ผู้เข้าร่วม01 ... (attendance ids 1 ...), all invited. */
static char *event_of_people(const char *name)
{
    char *db = test_fresh_db_path(name);
    char *members = test_path("participants-members.csv");
    char *rows = test_path("participants-attendance.csv");
    FILE *m = fopen(members, "w"), *a = fopen(rows, "w");
    assert_non_null(m);
    assert_non_null(a);
    fputs("given_name,family_name\n", m);
    fputs("event_id,member_id,status\n", a);
    for (int i = 1; i <= PEOPLE; i++) {
        fprintf(m, "ผู้เข้าร่วม%02d,ใจดี\n", i);
        fprintf(a, "1,%d,invited\n", i);
    }
    fclose(m);
    fclose(a);
    free(khai_ok(db, "add event --title 'เวทีนคร' --start-date 2567-07-25"));
    free(khai_ok(db, "import members '%s'", members));
    free(khai_ok(db, "import attendance '%s'", rows));
    free(members);
    free(rows);
    return db;
}

static struct tm_session *start_sized(const char *name, int cols, const char *db, const char *args)
{
    if (!tm_available()) skip();
    return tm_start(name, cols, ROWS, NULL, db, args);
}

static struct tm_session *start(const char *name, const char *db, const char *args)
{
    return start_sized(name, COLS, db, args);
}

static void expect_and_free(struct tm_session *s, const char *text)
{
    free(tm_expect(s, text));
}

/* The line of `list attendance --event 1 --tsv` for a member id's row. */
static char *tsv_row(const char *db, int member)
{
    char *out = khai_ok(db, "list attendance --event 1 --tsv");
    char *want = xasprintf("\n1\tเวทีนคร\t%d\t", member);
    char *at = strstr(out, want);
    if (!at) fail_msg("no row of member %d in:\n%s", member, out);
    at++;
    char *row = xstrndup(at, strcspn(at, "\n"));
    free(want);
    free(out);
    return row;
}

static void expect_row(const char *db, int member, const char *text)
{
    char *row = tsv_row(db, member);
    assert_contains(row, text);
    free(row);
}

static void refute_row(const char *db, int member, const char *text)
{
    char *row = tsv_row(db, member);
    if (strstr(row, text)) fail_msg("row of member %d has \"%s\": %s", member, text, row);
    free(row);
}

static void open_participants(struct tm_session *s, const char *hint)
{
    tm_keys(s, "3");
    expect_and_free(s, "เวทีนคร");
    tm_keys(s, "Enter");
    expect_and_free(s, hint);
    tm_keys(s, "P");
}

static void participants_tui_mark_change_undo_and_edit(void **state)
{
    (void)state;
    char *db = event_of_people("participants-tui.db");
    struct tm_session *s = start("participants", db, "--lang en");
    open_participants(s, "P participants");
    char *screen = tm_expect(s, "เวทีนคร: 14 participants");
    assert_contains(screen, "ID Name");
    assert_contains(screen, "Breakout group");
    assert_contains(screen, ">     1 ผู้เข้าร่วม01 ใจดี");
    assert_contains(screen, "Space mark  ; change marked");
    free(screen);

    /* Moving past the page brings the next rows, found by key. */
    tm_keys(s, "End");
    screen = tm_expect(s, ">    14 ผู้เข้าร่วม14 ใจดี");
    assert_null(strstr(screen, "ผู้เข้าร่วม01"));
    free(screen);
    tm_keys(s, "Home");
    expect_and_free(s, ">     1 ผู้เข้าร่วม01");
    /* A page holds 12 rows: the 12th Down scrolls by one. */
    for (int i = 0; i < 12; i++)
        tm_keys(s, "Down");
    screen = tm_expect(s, ">    13 ผู้เข้าร่วม13");
    assert_contains(screen, "     2 ผู้เข้าร่วม02");
    assert_null(strstr(screen, "ผู้เข้าร่วม01"));
    free(screen);
    tm_keys(s, "Home");
    expect_and_free(s, ">     1 ผู้เข้าร่วม01");

    /* Space marks and moves on; the status line counts. ; with nothing marked says how. */
    tm_keys(s, "\\;");
    expect_and_free(s, "No rows are marked: Space marks one, t marks all.");
    tm_keys(s, "Space Space Space");
    screen = tm_expect(s, "3 marked  Space mark");
    assert_contains(screen, "*     1 ผู้เข้าร่วม01");
    assert_contains(screen, "*     3 ผู้เข้าร่วม03");
    assert_contains(screen, ">     4 ผู้เข้าร่วม04");
    free(screen);

    /* ; s c: confirm the three, after a yes. */
    tm_keys(s, "\\;");
    expect_and_free(s, "Change in 3 marked rows: s status  c category  r role  g group  w reason");
    tm_keys(s, "s");
    expect_and_free(s, "Status: i invited  c confirmed  a attended  n absent  x cancelled");
    tm_keys(s, "c");
    expect_and_free(s, "Set Status to \"confirmed\" for 3 people? (u undoes)");
    tm_keys(s, "y");
    expect_and_free(s, "Status set for 3 people: u undoes");
    expect_and_free(s, "*     3 ผู้เข้าร่วม03 ใจดี              confirmed");
    expect_row(db, 3, "\tconfirmed\t");
    expect_row(db, 4, "\tinvited\t");

    /* ; g: move them to a group; n at the question changes nothing. */
    tm_keys(s, "\\; g");
    expect_and_free(s, "Breakout group:");
    tm_type(s, "กลุ่ม 3");
    tm_keys(s, "Enter");
    expect_and_free(s, "Set Breakout group to \"กลุ่ม 3\" for 3 people?");
    tm_keys(s, "n");
    expect_and_free(s, "Nothing changed.");
    tm_keys(s, "\\; g");
    expect_and_free(s, "Breakout group:");
    tm_type(s, "กลุ่ม 3");
    tm_keys(s, "Enter y");
    expect_and_free(s, "Breakout group set for 3 people");
    expect_and_free(s, "confirmed                   participant  กลุ่ม 3");
    expect_row(db, 1, "\tกลุ่ม 3\t");

    /* u takes back the group of all three at once, then their status. */
    tm_keys(s, "u");
    expect_and_free(s, "undid changing 3 attendance records");
    free(tm_expect_gone(s, "กลุ่ม 3"));
    refute_row(db, 2, "กลุ่ม 3");
    expect_row(db, 2, "\tconfirmed\t");
    tm_keys(s, "u");
    expect_and_free(s, "undid changing 3 attendance records");
    free(tm_expect_gone(s, "confirmed"));
    expect_row(db, 1, "\tinvited\t");

    /* T unmarks all. */
    tm_keys(s, "T");
    free(tm_expect_gone(s, "3 marked"));

    /* Enter edits one row in the form: its group is the field before the days attended, the
     * last. */
    tm_keys(s, "Home Enter");
    expect_and_free(s, "Edit attendance 1");
    tm_keys(s, "NPage Up");
    tm_type(s, "กลุ่ม 1");
    tm_keys(s, "C-s");
    expect_and_free(s, "participant  กลุ่ม 1");
    expect_and_free(s, "14 participants");
    expect_row(db, 1, "\tกลุ่ม 1\t");
    tm_keys(s, "q");
    expect_and_free(s, "P participants");
    tm_keys(s, "q");
    tm_quit_ok(s);
    free(db);
}

static void participants_tui_speaks_thai_marks_all_and_removes(void **state)
{
    (void)state;
    char *db = event_of_people("participants-tui-th.db");
    struct tm_session *s = start("participants-th", db, "--lang th");
    open_participants(s, "P ผู้เข้าร่วม");
    expect_and_free(s, "เวทีนคร: ผู้เข้าร่วม 14 คน");
    tm_keys(s, "t");
    expect_and_free(s, "ทำเครื่องหมาย 14 แถว");
    tm_keys(s, "\\; s x");
    expect_and_free(s, "ตั้งสถานะเป็น \"ยกเลิก\" ให้ 14 คน?");
    tm_keys(s, "y");
    expect_and_free(s, "ตั้งสถานะให้ 14 คนแล้ว");
    expect_row(db, 14, "\tcancelled\t");
    /* d takes the highlighted one off the list, after a yes; u brings them back. */
    tm_keys(s, "d");
    expect_and_free(s, "เอา ผู้เข้าร่วม01 ใจดี ออกจากรายชื่อของงานนี้?");
    tm_keys(s, "y");
    expect_and_free(s, "เวทีนคร: ผู้เข้าร่วม 13 คน");
    tm_keys(s, "u");
    expect_and_free(s, "เวทีนคร: ผู้เข้าร่วม 14 คน");
    tm_keys(s, "u");
    expect_and_free(s, "ย้อนการแก้ 14 รายการ");
    expect_row(db, 14, "\tinvited\t");
    /* ? lists the keys of the list and of its questions. */
    tm_keys(s, "?");
    char *screen = tm_expect(s, "ผู้เข้าร่วม (P ที่งาน)");
    assert_contains(screen, "Space        ทำเครื่องหมายแถวนี้");
    free(screen);
    tm_keys(s, "q q q");
    tm_quit_ok(s);
    free(db);
}

/* Two นายรัฐภูมิ ทองดี of one organisation: the door list shows each one's district, province
 * and last phone digits beside the name. */
static void participants_tui_checkin_tells_namesakes_apart(void **state)
{
    (void)state;
    char *db = test_fresh_db_path("participants-namesakes.db");
    free(khai_ok(db, "add org --name 'เครือข่ายป่าชุมชน'"));
    free(khai_ok(db, "add event --title 'เวทีนคร' --start-date 2567-07-25"));
    free(khai_ok(db, "add member --name 'นายรัฐภูมิ ทองดี' --organisations เครือข่ายป่าชุมชน "
                     "--district ชะอวด --province นครศรีธรรมราช --phone 081-234-5678"));
    free(khai_ok(db, "add member --name 'นายรัฐภูมิ ทองดี' --organisations เครือข่ายป่าชุมชน "
                     "--district ทุ่งสง --province นครศรีธรรมราช --phone 089-765-4321"));
    struct tm_session *s = start_sized("namesakes", COLS, db, "--lang th");
    tm_keys(s, "3");
    expect_and_free(s, "เวทีนคร");
    tm_keys(s, "c");
    expect_and_free(s, "ชื่อ");
    tm_type(s, "รัฐภูมิ");
    char *screen = tm_expect(s, "นายรัฐภูมิ ทองดี (อ.ทุ่งสง จ.นครศรีธรรมราช โทร …4321)");
    assert_contains(screen, "นายรัฐภูมิ ทองดี (อ.ชะอวด จ.นครศรีธรรมราช โทร …5678)");
    free(screen);
    tm_keys(s, "Escape Escape");
    expect_and_free(s, "? วิธีใช้  q ออก");
    tm_quit_ok(s);
    free(db);
}

static int teardown(void **state)
{
    (void)state;
    tm_stop_all();
    return 0;
}

const struct CMUnitTest participants_tui_tests[] = {
    cmocka_unit_test_teardown(participants_tui_mark_change_undo_and_edit, teardown),
    cmocka_unit_test_teardown(participants_tui_speaks_thai_marks_all_and_removes, teardown),
    cmocka_unit_test_teardown(participants_tui_checkin_tells_namesakes_apart, teardown),
};
const size_t participants_tui_tests_count =
    sizeof participants_tui_tests / sizeof participants_tui_tests[0];
