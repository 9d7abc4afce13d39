/* Writing a file the user named without leaking it or clobbering another: see outfile.h.
 * Without a name, the same temporary way to standard output. */
#include "outfile.h"
#include "messages.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_NUMBERED = 1000 };

char *outfile_fresh_name(const char *dir, const char *stem, const char *ext)
{
    struct stat st;
    char *path = xasprintf("%s/%s.%s", dir, stem, ext);
    for (int n = 2; lstat(path, &st) == 0; n++) {
        free(path);
        path = xasprintf("%s/%s-%d.%s", dir, stem, n, ext);
    }
    return path;
}

static char *exists_error(const char *path)
{
    return xasprintf(_("%s exists: give --force to replace it"), path);
}

/* The umask may only take bits away: fchmod makes it exactly 0600 (umask 0277 included). */
static void owner_only(int fd)
{
    (void)fchmod(fd, 0600);
}

int outfile_begin(struct outfile *o, char **err)
{
    struct stat st;
    o->tmp_path = NULL;
    o->fd = -1;
    if (!o->force && lstat(o->path, &st) == 0) {
        *err = exists_error(o->path);
        return -1;
    }
    o->tmp_path = xasprintf("%s.XXXXXX", o->path);
    o->fd = mkstemp(o->tmp_path);
    if (o->fd < 0) {
        *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
        free(o->tmp_path);
        o->tmp_path = NULL;
        return -1;
    }
    owner_only(o->fd);
    return 0;
}

/* The directory's entry for the new name reaches the disk too. */
static void sync_directory(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir ? 1 : 0] = '\0';
    else
        strcpy(dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Without --force a file that appeared meanwhile is not replaced: link() refuses to, where
 * rename() would not; a file system without hard links gets the rename. */
static int put_in_place(const struct outfile *o, char **err)
{
    if (!o->force && link(o->tmp_path, o->path) == 0) {
        unlink(o->tmp_path);
        return 0;
    }
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

int outfile_finish(struct outfile *o, int status, char **err)
{
    if (o->fd >= 0) {
        if (status == 0 && fsync(o->fd) != 0 && errno != EINVAL) {
            *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
            status = -1;
        }
        if (close(o->fd) != 0 && status == 0) {
            *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
            status = -1;
        }
        o->fd = -1;
    }
    if (o->tmp_path && status == 0) status = put_in_place(o, err);
    if (o->tmp_path && status != 0) unlink(o->tmp_path);
    if (o->tmp_path && status == 0) sync_directory(o->path);
    free(o->tmp_path);
    o->tmp_path = NULL;
    return status;
}

FILE *outfile_open(struct outfile *o, char **err)
{
    o->fd = -1;
    o->tmp_path = NULL;
    if (!o->path) {
        o->f = tmpfile();
        if (!o->f) *err = xasprintf(_("cannot create a temporary file: %s"), strerror(errno));
        return o->f;
    }
    if (outfile_begin(o, err) != 0) return o->f = NULL;
    /* The FILE writes through a copy of the descriptor: fclose() flushes and closes the copy,
     * and outfile_finish() syncs and closes its own. */
    int fd = dup(o->fd);
    o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!o->f) {
        *err = xasprintf(_("cannot write %s: %s"), o->path, strerror(errno));
        if (fd >= 0) close(fd);
        outfile_finish(o, -1, err);
    }
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

int outfile_close(struct outfile *o, int status, char **err)
{
    if (status == 0 && !o->path) status = copy_to_stdout(o->f, err);
    if (fclose(o->f) != 0 && status == 0) {
        *err = xasprintf(_("cannot write %s: %s"), o->path ? o->path : _("standard output"),
                         strerror(errno));
        status = -1;
    }
    o->f = NULL;
    return o->path ? outfile_finish(o, status, err) : status;
}

int outfile_create_new(const char *base, const char *suffix, char **path, char **err)
{
    for (int n = 1; n <= MAX_NUMBERED; n++) {
        char *p = n == 1 ? xasprintf("%s%s", base, suffix) : xasprintf("%s-%d%s", base, n, suffix);
        int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            owner_only(fd);
            *path = p;
            return fd;
        }
        if (errno != EEXIST && errno != ELOOP) {
            *err = xasprintf(_("cannot write %s: %s"), p, strerror(errno));
            free(p);
            return -1;
        }
        free(p);
    }
    *err = xasprintf(_("cannot write %s%s: %d files of that name exist already"), base, suffix,
                     MAX_NUMBERED);
    return -1;
}
