/* Tests of the page arithmetic of printing: paper sizes, rows per page, pages per section
 * and the label grids. */
#include "paper.h"
#include "test_support.h"

static void paper_sizes_and_names(void **state)
{
    (void)state;
    assert_int_equal(paper_from_name("a4"), PAPER_A4);
    assert_int_equal(paper_from_name("A4"), PAPER_A4);
    assert_int_equal(paper_from_name("Letter"), PAPER_LETTER);
    assert_int_equal(paper_from_name("legal"), -1);
    assert_int_equal(paper_from_name(NULL), -1);
    assert_true(paper_size(PAPER_A4)->width == 210.0 && paper_size(PAPER_A4)->height == 297.0);
    assert_true(paper_size(PAPER_LETTER)->width == 215.9);
    assert_string_equal(paper_size(PAPER_LETTER)->name, "letter");
}

static void paper_rows_per_page_count_whole_rows(void **state)
{
    (void)state;
    assert_int_equal(rows_per_page(200, 10), 20);
    assert_int_equal(rows_per_page(199.99, 10), 19);
    assert_int_equal(rows_per_page(0.1 * 3 * 100, 0.1 * 3 * 5), 20); /* rounding kept out */
    assert_int_equal(rows_per_page(5, 10), 1);                       /* a page always holds one */
    assert_int_equal(rows_per_page(-4, 10), 1);
}

static void paper_section_pages_round_up(void **state)
{
    (void)state;
    assert_int_equal(section_pages(0, 22), 1); /* an empty section still shows its table */
    assert_int_equal(section_pages(1, 22), 1);
    assert_int_equal(section_pages(22, 22), 1);
    assert_int_equal(section_pages(23, 22), 2);
    assert_int_equal(section_pages(300, 22), 14);
    assert_int_equal(section_pages(100, 21), 5);
    assert_int_equal(section_pages(5, 0), 5);
}

static void paper_label_layouts_fit_a4_without_overlap(void **state)
{
    (void)state;
    size_t n;
    const struct label_layout *l = label_layouts(&n);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(label_layout_find(l[i].name), &l[i]);
        assert_true(l[i].pitch_x >= l[i].width && l[i].pitch_y >= l[i].height);
        double x, y;
        label_origin(&l[i], labels_per_sheet(&l[i]) - 1, &x, &y);
        assert_true(x + l[i].width <= 210.0 + 1e-9 && y + l[i].height <= 297.0 + 1e-9);
        label_origin(&l[i], 0, &x, &y);
        assert_true(x >= 0 && y >= 0);
    }
    assert_null(label_layout_find("9x9"));
    assert_null(label_layout_find(NULL));
}

static void paper_labels_go_row_by_row_and_sheet_by_sheet(void **state)
{
    (void)state;
    const struct label_layout *l = label_layout_find("2x4");
    assert_non_null(l);
    assert_int_equal(labels_per_sheet(l), 8);
    double x, y;
    label_origin(l, 0, &x, &y);
    assert_true(x == 4.65 && y == 13.1);
    label_origin(l, 1, &x, &y); /* to the right */
    assert_true(x == 4.65 + 101.6 && y == 13.1);
    label_origin(l, 2, &x, &y); /* the next row */
    assert_true(x == 4.65 && y == 13.1 + 67.7);
    label_origin(l, 8, &x, &y); /* the first of the next sheet */
    assert_true(x == 4.65 && y == 13.1);
    const struct label_layout *small = label_layout_find("3X8");
    assert_non_null(small);
    assert_int_equal(labels_per_sheet(small), 24);
    assert_int_equal(label_sheets(small, 0), 1);
    assert_int_equal(label_sheets(small, 24), 1);
    assert_int_equal(label_sheets(small, 25), 2);
    assert_int_equal(label_sheets(small, 300), 13);
}

const struct CMUnitTest paper_tests[] = {
    cmocka_unit_test(paper_sizes_and_names),
    cmocka_unit_test(paper_rows_per_page_count_whole_rows),
    cmocka_unit_test(paper_section_pages_round_up),
    cmocka_unit_test(paper_label_layouts_fit_a4_without_overlap),
    cmocka_unit_test(paper_labels_go_row_by_row_and_sheet_by_sheet),
};
const size_t paper_tests_count = sizeof paper_tests / sizeof paper_tests[0];
