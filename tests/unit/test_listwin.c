/* Tests of the scrolling-list arithmetic. */
#include "listwin.h"
#include "test_support.h"

static void listwin_moving_inside_the_view_repaints_two_rows(void **state)
{
    (void)state;
    struct listwin lw = {.count = 100, .height = 10};
    struct listwin_delta d = listwin_move(&lw, 1);
    assert_int_equal(d.change, LW_ROWS);
    assert_int_equal(d.old_cursor, 0);
    assert_int_equal(lw.cursor, 1);
    assert_int_equal(lw.top, 0);
}

static void listwin_moving_past_the_bottom_scrolls_one_line(void **state)
{
    (void)state;
    struct listwin lw = {.count = 100, .height = 10, .cursor = 9};
    struct listwin_delta d = listwin_move(&lw, 1);
    assert_int_equal(d.change, LW_SCROLL);
    assert_int_equal(d.scroll, 1);
    assert_int_equal(lw.top, 1);
    assert_int_equal(lw.cursor, 10);
    d = listwin_move(&lw, -1);
    assert_int_equal(d.change, LW_ROWS);
    lw.cursor = 1;
    d = listwin_move(&lw, -1);
    assert_int_equal(d.change, LW_SCROLL);
    assert_int_equal(d.scroll, -1);
    assert_int_equal(lw.top, 0);
}

static void listwin_stops_at_both_ends(void **state)
{
    (void)state;
    struct listwin lw = {.count = 5, .height = 10};
    assert_int_equal(listwin_move(&lw, -1).change, LW_NONE);
    assert_int_equal(lw.cursor, 0);
    listwin_goto(&lw, 1000);
    assert_int_equal(lw.cursor, 4);
    assert_int_equal(lw.top, 0);
    assert_int_equal(listwin_move(&lw, 1).change, LW_NONE);
}

static void listwin_page_down_moves_view_and_cursor(void **state)
{
    (void)state;
    struct listwin lw = {.count = 100, .height = 10, .cursor = 3};
    struct listwin_delta d = listwin_move(&lw, 10);
    assert_int_equal(d.change, LW_ALL);
    assert_int_equal(lw.top, 10);
    assert_int_equal(lw.cursor, 13);
    listwin_move(&lw, 1000);
    assert_int_equal(lw.top, 90);
    assert_int_equal(lw.cursor, 99);
    d = listwin_move(&lw, 10);
    assert_int_equal(d.change, LW_NONE);
    d = listwin_move(&lw, -10);
    assert_int_equal(lw.top, 80);
    assert_int_equal(lw.cursor, 89);
}

static void listwin_end_and_home_jump(void **state)
{
    (void)state;
    struct listwin lw = {.count = 100000, .height = 20};
    struct listwin_delta d = listwin_goto(&lw, lw.count - 1);
    assert_int_equal(d.change, LW_ALL);
    assert_int_equal(lw.top, 100000 - 20);
    d = listwin_goto(&lw, 0);
    assert_int_equal(d.change, LW_ALL);
    assert_int_equal(lw.top, 0);
}

static void listwin_clamps_after_the_list_shrinks(void **state)
{
    (void)state;
    struct listwin lw = {.count = 100, .height = 10, .top = 90, .cursor = 95};
    lw.count = 3;
    listwin_clamp(&lw);
    assert_int_equal(lw.top, 0);
    assert_int_equal(lw.cursor, 2);
    lw.count = 0;
    listwin_clamp(&lw);
    assert_int_equal(lw.cursor, 0);
    assert_int_equal(listwin_move(&lw, 1).change, LW_NONE);
    lw.count = 50;
    lw.height = 0;
    listwin_clamp(&lw);
    assert_int_equal(lw.height, 1);
}

const struct CMUnitTest listwin_tests[] = {
    cmocka_unit_test(listwin_moving_inside_the_view_repaints_two_rows),
    cmocka_unit_test(listwin_moving_past_the_bottom_scrolls_one_line),
    cmocka_unit_test(listwin_stops_at_both_ends),
    cmocka_unit_test(listwin_page_down_moves_view_and_cursor),
    cmocka_unit_test(listwin_end_and_home_jump),
    cmocka_unit_test(listwin_clamps_after_the_list_shrinks),
};
const size_t listwin_tests_count = sizeof listwin_tests / sizeof listwin_tests[0];
