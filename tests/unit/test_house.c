/* Tests of the house rules that the compiler cannot check alone: the store alone speaks SQL,
 * nothing in src/ includes curses, every message has its Thai translation, and the
 * interface language switches the catalogue without a Thai locale installed. */
#include "fieldedit.h"
#include "messages.h"
#include "model.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static const char *source_dir(void)
{
    const char *src = getenv("KHAI_SRC");
    return src && *src ? src : ".";
}

/* Runs a checker script of tools/ and returns its exit status; what it printed is in the
 * test log. */
static int run_tool(const char *script)
{
    char *cmd = xasprintf("sh '%s/tools/%s' 2>&1", source_dir(), script);
    int status = system(cmd);
    free(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void only_the_store_speaks_sql(void **state)
{
    (void)state;
    assert_int_equal(run_tool("check_layers.sh"), 0);
}

static void every_message_has_a_thai_translation(void **state)
{
    (void)state;
    assert_int_equal(run_tool("check_po.sh"), 0);
}

static const char *const no_locale =
    "no UTF-8 locale is available, so Thai cannot be shown. Install one (e.g. `apt-get install "
    "locales` and generate C.UTF-8 or th_TH.UTF-8) and set LANG=C.UTF-8.";

static void thai_is_spoken_without_a_thai_locale(void **state)
{
    (void)state;
    char *saved = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
    setenv("LANG", "C.UTF-8", 1);
    messages_init(true);
    assert_true(messages_thai());
    assert_non_null(messages_catalogue_dir());
    assert_contains(_(no_locale), "ภาษาไทย");
    messages_init(false);
    assert_false(messages_thai());
    assert_string_equal(_(no_locale), no_locale);
    if (saved)
        setenv("LANG", saved, 1);
    else
        unsetenv("LANG");
    free(saved);
}

/* The Thai an input accepts (a choice, a column header) is the catalogue's Thai label, so the
 * two cannot drift apart; the English is the source's. */
static void thai_aliases_are_the_catalogues_translations(void **state)
{
    (void)state;
    char *saved = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
    setenv("LANG", "C.UTF-8", 1);
    for (int thai = 1; thai >= 0; thai--) {
        messages_init(thai);
        for (int k = 0; k < KIND_COUNT; k++) {
            const struct kind_info *ki = kind_info(k);
            for (int i = 0; i < ki->nfields; i++) {
                const struct field *f = &ki->fields[i];
                assert_string_equal(field_label(f), thai ? f->th_alias : f->en);
                for (const struct choice *c = f->choices; c && c->key; c++)
                    assert_string_equal(choice_label(f, c->key), thai ? c->th_alias : c->en);
            }
        }
        struct field yes_no = {.choices = fe_bool_choices};
        for (const struct choice *c = fe_bool_choices; c->key; c++)
            assert_string_equal(choice_label(&yes_no, c->key), thai ? c->th_alias : c->en);
        assert_string_equal(kind_label(KIND_TASK), thai ? "งานติดตาม" : "Tasks");
        assert_string_equal(kind_label(KIND_ORG), thai ? "องค์กร" : "Organisations");
    }
    if (saved)
        setenv("LANG", saved, 1);
    else
        unsetenv("LANG");
    free(saved);
}

/* A packager's flags reach every compile and link of the release build, after khai's own,
 * and the install directories follow BINDIR, MANDIR and DESTDIR. */
static void the_build_honours_the_callers_flags(void **state)
{
    (void)state;
    char *out = test_path("make-n.out");
    char *cmd = xasprintf("make -s -n -B -C '%s' khai install CFLAGS='-O2 -DKHAI_PACKAGER_C' "
                          "CPPFLAGS=-DKHAI_PACKAGER_CPP LDFLAGS=-Wl,-z,now BINDIR=/opt/b "
                          "MANDIR=/opt/m DESTDIR=/tmp/d >'%s' 2>&1",
                          source_dir(), out);
    assert_int_equal(system(cmd), 0);
    char *said = test_read_file(out);
    assert_non_null(said);
    int compiles = 0, with_c = 0, with_cpp = 0, links = 0, with_ld = 0;
    for (char *line = strtok(said, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, " -c -o build/rel/")) {
            compiles++;
            with_c += strstr(line, "-DKHAI_PACKAGER_C") != NULL;
            with_cpp += strstr(line, "-DKHAI_PACKAGER_CPP") != NULL;
        }
        if (strstr(line, "-o khai ") || strstr(line, "-shared -o build/lib/")) {
            links++;
            with_ld += strstr(line, "-Wl,-z,now") != NULL;
        }
    }
    assert_true(compiles > 50);
    assert_int_equal(with_c, compiles);
    assert_int_equal(with_cpp, compiles);
    assert_int_equal(links, 3); /* khai, the printing and the workbook modules */
    assert_int_equal(with_ld, links);
    free(said);
    said = test_read_file(out);
    assert_contains(said, "/tmp/d/opt/b/khai");
    assert_contains(said, "/tmp/d/opt/m/man1/khai.1");
    free(said);
    free(cmd);
    free(out);
}

const struct CMUnitTest house_tests[] = {
    cmocka_unit_test(the_build_honours_the_callers_flags),
    cmocka_unit_test(thai_aliases_are_the_catalogues_translations),
    cmocka_unit_test(only_the_store_speaks_sql),
    cmocka_unit_test(every_message_has_a_thai_translation),
    cmocka_unit_test(thai_is_spoken_without_a_thai_locale),
};
const size_t house_tests_count = sizeof house_tests / sizeof house_tests[0];
