/* Writing a file the user named (an export, a PDF) through a temporary file beside it, put
 * in place only once all of it is written: a failure half-way leaves no half-written file
 * where a good one was expected, and an existing file is replaced only when asked. */
#ifndef KHAI_OUTFILE_H
#define KHAI_OUTFILE_H
#include <stdbool.h>
#include <stdio.h>

struct outfile {
    const char *path; /* NULL: standard output */
    bool force;       /* replace an existing file; else refuse to */
    char *tmp_path;
    FILE *f;
};

/* Opens the temporary file to write; NULL with *err (path exists and not force, cannot
 * write there). */
FILE *outfile_open(struct outfile *o, char **err);
/* Closes it and, when status is 0, puts it in place (or copies it to standard output).
 * Returns status, or -1 with *err when that failed. */
int outfile_close(struct outfile *o, int status, char **err);

/* DIR/STEM.EXT, or DIR/STEM-2.EXT, -3 ... the first that does not exist yet. malloc'd. */
char *outfile_fresh_name(const char *dir, const char *stem, const char *ext);

#endif
