/* Salvaging a damaged database into a new one: every row that can still be read, table by
 * table, into a freshly made khai database, whose search index the rows rebuild as they go.
 * For when `khai check` finds damage and there is no recent backup: the SQLite shell cannot
 * do it (Debian's has no .recover, and cannot read khai's Thai indexes). */
#ifndef KHAI_RECOVER_H
#define KHAI_RECOVER_H
#include <stdbool.h>
#include <stddef.h>

struct recovered_table {
    char *name;
    long long rows; /* copied */
    bool damaged;   /* some of its rows could not be read */
};

struct recovery {
    struct recovered_table *tables;
    size_t n;
    long long broken_links; /* rows that point at a row that was lost */
};

/* Makes a new khai database at fresh (which must not exist) and copies into it what can be
 * read of damaged. Returns 0 (see r), or -1 with *err when nothing could be read (the
 * file's first page or its schema is gone) or fresh could not be made. */
int db_recover(const char *damaged, const char *fresh, struct recovery *r, char **err);
void recovery_free(struct recovery *r);

#endif
