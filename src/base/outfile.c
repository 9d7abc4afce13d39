/* Writing a file the user named (an export, a PDF): into a temporary file beside it, renamed
 * into place only once all of it is written, so a failure half-way leaves no half-written
 * file where a good one was expected; without a name, the same temporary way to standard
 * output. */
#include "outfile.h"
#include "messages.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *outfile_fresh_name(const char *dir, const char *stem, const char *ext)
{
    struct stat st;
    char *path = xasprintf("%s/%s.%s", dir, stem, ext);
    for (int n = 2; stat(path, &st) == 0; n++) {
        free(path);
        path = xasprintf("%s/%s-%d.%s", dir, stem, n, ext);
    }
    return path;
}

static char *exists_error(const char *path)
{
    return xasprintf(_("%s exists: give --force to replace it"), path);
}

FILE *outfile_open(struct outfile *o, char **err)
{
    o->tmp_path = NULL;
    if (!o->path) {
        o->f = tmpfile();
        if (!o->f) *err = xasprintf(_("cannot create a temporary file: %s"), strerror(errno));
        return o->f;
    }
    struct stat st;
    if (!o->force && stat(o->path, &st) == 0) {
        *err = exists_error(o->path);
        return o->f = NULL;
    }
    o->tmp_path = xasprintf("%s.XXXXXX", o->path);
    int fd = mkstemp(o->tmp_path);
    o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!o->f) {
        *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp_path);
        }
        free(o->tmp_path);
        o->tmp_path = NULL;
        return NULL;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return o->f;
}

static int copy_to_stdout(FILE *f, char **err)
{
    char buf[1 << 16];
    size_t n;
    rewind(f);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, stdout) != n) break;
    if (ferror(f) || fflush(stdout) != 0 || ferror(stdout)) {
        *err = xasprintf(_("cannot write: %s"), strerror(errno));
        return -1;
    }
    return 0;
}

/* Without --force a file that appeared meanwhile is not replaced: link() refuses to, where
 * rename() would not; a file system without hard links gets the rename. */
static int put_in_place(const struct outfile *o, char **err)
{
    if (!o->force && link(o->tmp_path, o->path) == 0) return unlink(o->tmp_path), 0;
    if (!o->force && errno == EEXIST) {
        *err = exists_error(o->path);
        return -1;
    }
    if (rename(o->tmp_path, o->path) != 0) {
        *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
        return -1;
    }
    return 0;
}

int outfile_close(struct outfile *o, int status, char **err)
{
    if (status == 0 && !o->path) status = copy_to_stdout(o->f, err);
    if (fclose(o->f) != 0 && status == 0) {
        *err = xasprintf(_("cannot write %s: %s"), o->path ? o->path : _("standard output"),
                         strerror(errno));
        status = -1;
    }
    o->f = NULL;
    if (o->tmp_path && status == 0) status = put_in_place(o, err);
    if (o->tmp_path && status != 0) unlink(o->tmp_path);
    free(o->tmp_path);
    o->tmp_path = NULL;
    return status;
}
