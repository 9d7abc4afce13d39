/* Tests of the growable string. */
#include "test_support.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

static void strbuf_appends_and_takes(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    assert_string_equal(sb_str(&sb), "");
    sb_add(&sb, "ข่าย");
    sb_addc(&sb, ' ');
    sb_addf(&sb, "%d-%s", 42, "x");
    assert_string_equal(sb_str(&sb), "ข่าย 42-x");
    for (int i = 0; i < 1000; i++)
        sb_addc(&sb, 'a');
    assert_int_equal(sb.len, strlen("ข่าย 42-x") + 1000);
    char *s = sb_take(&sb);
    assert_null(sb.s);
    assert_int_equal(strlen(s), strlen("ข่าย 42-x") + 1000);
    free(s);
    sb_free(&sb);
}

const struct CMUnitTest strbuf_tests[] = {
    cmocka_unit_test(strbuf_appends_and_takes),
};
const size_t strbuf_tests_count = sizeof strbuf_tests / sizeof strbuf_tests[0];
