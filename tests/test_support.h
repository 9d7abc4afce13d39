/* Shared by every test file: cmocka, the test group registry, and helpers that run the khai binary.
 */
#ifndef KHAI_TEST_SUPPORT_H
#define KHAI_TEST_SUPPORT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model.h"

struct db;

/* A field and its value, for making records in tests; {F_NONE, NULL} ends a list, and
 * F_FULL_NAME sets a member's title, given and family name from one full name. */
struct field_value {
    enum field_id field;
    const char *value;
};
/* Not a field: a member's title, given and family name, split from one full name. */
#define F_FULL_NAME ((enum field_id) - 2)

/* Sets the fields of r; fails the test when a full name cannot be split. */
void test_set_fields(struct record *r, const struct field_value *fv);
/* Saves a new record of kind k with these fields and returns its id; fails the test when it
 * cannot be saved. */
long long test_add(struct db *db, enum kind k, const struct field_value *fv);

struct test_group {
    const char *name;
    const struct CMUnitTest *tests;
    const size_t *count;
};

extern const struct test_group test_groups[];
extern const size_t test_group_count;

/* What one run of the khai binary printed and returned. */
struct run_result {
    int status; /* exit status, or 128+signal */
    char *out;
    char *err;
};

/* Runs `$KHAI_BIN ARGS` through /bin/sh (so ARGS may quote), with stdin_text (or nothing) on
 * standard input, in the test's temporary directory. */
void khai_run(struct run_result *r, const char *stdin_text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same with a command in front of the binary (runuser -u USER --, env --ignore-signal=HUP)
 * and nothing on standard input. */
void khai_run_prefixed(struct run_result *r, const char *prefix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void run_result_free(struct run_result *r);
/* Runs `$KHAI_BIN --db 'DB' ARGS`, which must exit 0 (else the test fails showing what it
 * printed); returns its standard output. */
char *khai_ok(const char *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A per-process scratch directory, removed at exit. */
const char *test_tmpdir(void);
/* A fresh path inside it (nothing is created): free() it. */
char *test_path(const char *name);
/* Reads a whole file into a NUL-terminated allocation, or NULL. */
char *test_read_file(const char *path);
/* A new, empty khai database of that name in the scratch directory; fails the test when it
 * cannot be opened. Close it with db_close(). */
struct db *test_fresh_db(const char *name);
/* The path NAME.db in the scratch directory, with whatever an earlier run left there (the
 * file, its -wal and -shm) removed, for the khai binary to create: free() it. */
char *test_fresh_db_path(const char *name);
/* The same path with an empty khai database made there, for a command that only reads
 * (list, check, backup), which never creates one: free() it. */
char *test_empty_db_path(const char *name);
/* The first column of the one row sql gives (a count, a setting): fails the test when there
 * is no row. For tests that look at what the store wrote. */
long long test_scalar(struct db *db, const char *sql);
/* Takes db back to the schema version an older khai left (each later migration's tables,
 * columns, indexes and triggers dropped), for the tests of upgrading. */
void test_downgrade(struct db *db, int version);
/* Path to the khai binary under test. */
const char *test_khai_bin(void);

/* Asserts that haystack contains needle, printing both when it does not. */
#define assert_contains(haystack, needle) assert_true(test_contains((haystack), (needle)))
int test_contains(const char *haystack, const char *needle);

#endif
