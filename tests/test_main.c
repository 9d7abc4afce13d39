/* Runs every test group as one cmocka run, so `make test` ends with a single summary line.
 * KHAI_TEST=PATTERN runs only the tests whose names match the glob PATTERN. */
#include "test_support.h"
#include "xalloc.h"

#include <locale.h>
#include <stdlib.h>

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    size_t total = 0;
    for (size_t g = 0; g < test_group_count; g++)
        total += *test_groups[g].count;
    struct CMUnitTest *all = xcalloc(total, sizeof *all);
    size_t n = 0;
    for (size_t g = 0; g < test_group_count; g++)
        for (size_t i = 0; i < *test_groups[g].count; i++)
            all[n++] = test_groups[g].tests[i];
    const char *filter = getenv("KHAI_TEST");
    if (filter && *filter) cmocka_set_test_filter(filter);
    int failed = _cmocka_run_group_tests("khai", all, n, NULL, NULL);
    free(all);
    return failed ? 1 : 0;
}
