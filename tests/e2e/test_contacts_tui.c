/* End-to-end test of contacts in the screens: what an iPhone's vCard brought (street,
 * postcode, birthday, the honorific from FN) shows in the member's detail, in tmux. */
#include "test_support.h"
#include "tmux_driver.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void contacts_tui_detail_shows_what_a_phone_gave(void **state)
{
    (void)state;
    if (!tm_available()) skip();
    char *db = test_fresh_db_path(__func__);
    const char *src = getenv("KHAI_SRC");
    free(khai_ok(db, "import vcard '%s/tests/data/vcard/iphone-30.vcf'", src && *src ? src : "."));
    struct tm_session *s = tm_start("contacts", 80, 30, NULL, db, "--lang en");
    free(tm_expect(s, "นางสาวจิราพร คงทอง"));
    tm_keys(s, "/");
    tm_type(s, "จิราพร");
    free(tm_expect(s, "Search: จิราพร"));
    tm_keys(s, "Enter");
    tm_keys(s, "Enter");
    char *screen = tm_expect(s, "Street address");
    assert_contains(screen, "Title           นางสาว");
    assert_contains(screen, "99/1 หมู่ 3 ถ.ห้วยแก้ว");
    assert_contains(screen, "Postcode");
    assert_contains(screen, "50200");
    assert_contains(screen, "15 มี.ค. 2528");
    assert_contains(screen, "jiraporn.k");
    free(screen);
    tm_keys(s, "q");
    free(tm_expect_gone(s, "Street address"));
    tm_quit_ok(s);
    free(db);
}

const struct CMUnitTest contacts_tui_tests[] = {
    cmocka_unit_test(contacts_tui_detail_shows_what_a_phone_gave),
};
const size_t contacts_tui_tests_count = sizeof contacts_tui_tests / sizeof contacts_tui_tests[0];
