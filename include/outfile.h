/* Files khai writes for the user (exports, PDFs, backups, rejected rows) hold people's
 * personal data: they are created 0600 whatever the umask, never written through a
 * symbolic link, and never put over an existing file unless the user said --force. A file
 * the user named is written through a temporary file beside it, synced to disk and put in
 * place only once all of it is written: a failure half-way leaves no half-written file where
 * a good one was expected. */
#ifndef KHAI_OUTFILE_H
#define KHAI_OUTFILE_H
#include <stdbool.h>
#include <stdio.h>

struct outfile {
    const char *path; /* NULL: standard output (the commands take -o - as that) */
    bool force;       /* replace an existing file; else refuse to */
    char *tmp_path;
    int fd; /* the temporary file's, between outfile_begin and outfile_finish */
    FILE *f;
};

/* Opens the temporary file to write; NULL with *err (path exists and not force, cannot
 * write there). */
FILE *outfile_open(struct outfile *o, char **err);
/* Closes it and, when status is 0, puts it in place (or copies it to standard output).
 * Returns status, or -1 with *err when that failed. */
int outfile_close(struct outfile *o, int status, char **err);

/* The same without a FILE, for a writer that opens o->tmp_path itself (a backup): creates
 * the temporary file (mode 0600) and sets o->fd; -1 with *err (naming the file) when path
 * exists (a dangling symbolic link too) and not force, or nothing can be written there. */
int outfile_begin(struct outfile *o, char **err);
/* When status is 0: syncs the temporary file and puts it at path (without force an
 * existing file is never replaced, even one that appeared meanwhile). Else, or when that
 * fails, removes it. Closes o->fd. Returns status, or -1 with *err. */
int outfile_finish(struct outfile *o, int status, char **err);

/* Creates a new file, mode 0600, never through a symbolic link and never over an existing
 * file: at BASE + SUFFIX, else BASE-2 + SUFFIX, BASE-3 + SUFFIX, ... Returns the open file
 * descriptor and the name chosen in *path (malloc'd), or -1 with *err. */
int outfile_create_new(const char *base, const char *suffix, char **path, char **err);

/* DIR/STEM.EXT, or DIR/STEM-2.EXT, -3 ... the first that does not exist yet. malloc'd. */
char *outfile_fresh_name(const char *dir, const char *stem, const char *ext);

#endif
