/* Drafts of forms on disk (see draft.h). A session is the file session-PID.lock, locked with
 * flock for as long as khai runs: the kernel drops the lock when the process ends, even by
 * kill -9, so a draft-PID.txt whose lock can be taken is an orphan. The file format is lines
 * of NAME<TAB>VALUE with \\, \t and \n escaped, under a header naming the database, the kind,
 * the record and the time. A draft left under a process id that a new session was given
 * again is renamed orphan-PID-TIME.txt, which no session owns. */
#include "draft.h"
#include "settings.h"
#include "strbuf.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DRAFT_MAGIC "khai-draft 1"
enum { MAX_DRAFT_BYTES = 1 << 20 };

static char *session_dir;
static int session_lock = -1;
static bool frozen;

static char *state_dir(void)
{
    return settings_xdg_path("XDG_STATE_HOME", ".local/state", "drafts");
}

/* mkdir -p, each new directory 0700. */
static int make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0700) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

static char *session_file(const char *dir, long pid, const char *ext)
{
    return xasprintf("%s/%s-%ld.%s", dir, strcmp(ext, "lock") == 0 ? "session" : "draft", pid, ext);
}

int draft_session_begin(char **err)
{
    if (session_dir) return 0;
    char *dir = state_dir();
    struct stat st;
    if (make_dirs(dir) != 0 || lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != getuid()) {
        *err = xasprintf("%s: %s", dir, errno ? strerror(errno) : "not a directory of yours");
        free(dir);
        return -1;
    }
    chmod(dir, 0700);
    char *lock = session_file(dir, (long)getpid(), "lock");
    int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        *err = xasprintf("%s: %s", lock, strerror(errno));
        if (fd >= 0) close(fd);
        free(lock);
        free(dir);
        return -1;
    }
    free(lock);
    session_dir = dir;
    session_lock = fd;
    /* A draft under our process id is a dead session's whose id the system gave us again:
     * set it aside as an orphan before our own drafts take its name. */
    char *mine = session_file(dir, (long)getpid(), "txt");
    char *aside = xasprintf("%s/orphan-%ld-%lld.txt", dir, (long)getpid(), (long long)time(NULL));
    if (access(mine, F_OK) == 0) rename(mine, aside);
    free(aside);
    free(mine);
    return 0;
}

void draft_freeze(void)
{
    frozen = true;
}

void draft_drop(void)
{
    if (!session_dir || frozen) return;
    char *path = session_file(session_dir, (long)getpid(), "txt");
    unlink(path);
    free(path);
}

void draft_session_end(void)
{
    if (!session_dir) return;
    draft_drop(); /* unless frozen: then it waits for the next khai */
    char *lock = session_file(session_dir, (long)getpid(), "lock");
    unlink(lock);
    free(lock);
    close(session_lock);
    session_lock = -1;
    frozen = false;
    free(session_dir);
    session_dir = NULL;
}

static void put_escaped(struct strbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            sb_add(b, "\\\\");
        else if (*s == '\t')
            sb_add(b, "\\t");
        else if (*s == '\n')
            sb_add(b, "\\n");
        else
            sb_addn(b, s, 1);
    }
}

/* Undoes put_escaped in place. */
static void unescape(char *s)
{
    char *w = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int draft_keep(const char *db, const char *kind, long long id, size_t n, const char *const *names,
               const char *const *values, char **err)
{
    if (frozen) return 0;
    if (!session_dir) {
        *err = xstrdup("no session");
        return -1;
    }
    struct strbuf b = STRBUF_INIT;
    sb_addf(&b, "%s\ndb\t", DRAFT_MAGIC);
    put_escaped(&b, db);
    sb_addf(&b, "\nkind\t%s\nid\t%lld\nsaved\t%lld\n", kind, id, (long long)time(NULL));
    for (size_t i = 0; i < n; i++) {
        sb_add(&b, "field\t");
        put_escaped(&b, names[i]);
        sb_add(&b, "\t");
        put_escaped(&b, values[i]);
        sb_add(&b, "\n");
    }
    char *path = session_file(session_dir, (long)getpid(), "txt");
    char *tmp = xasprintf("%s.tmp", path);
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    int rc = fd >= 0 && write_all(fd, sb_str(&b), b.len) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (fd >= 0 && close(fd) != 0) rc = -1;
    if (rc == 0 && rename(tmp, path) != 0) rc = -1;
    if (rc != 0) {
        *err = xasprintf("%s: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(path);
    sb_free(&b);
    return rc;
}

static void add_field(struct draft *d, const char *name, const char *value)
{
    d->names = xrealloc(d->names, sizeof *d->names * (d->n + 1));
    d->values = xrealloc(d->values, sizeof *d->values * (d->n + 1));
    d->names[d->n] = xstrdup(name);
    d->values[d->n] = xstrdup(value);
    d->n++;
}

static void draft_clear(struct draft *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->names[i]);
        free(d->values[i]);
    }
    free(d->names);
    free(d->values);
    free(d->path);
    free(d->db);
    free(d->kind);
    memset(d, 0, sizeof *d);
}

/* Reads one line of a draft into d. */
static void read_line(struct draft *d, char *line)
{
    char *tab = strchr(line, '\t');
    if (!tab) return;
    *tab++ = '\0';
    if (strcmp(line, "field") == 0) {
        char *value = strchr(tab, '\t');
        if (!value) return;
        *value++ = '\0';
        unescape(tab);
        unescape(value);
        add_field(d, tab, value);
        return;
    }
    unescape(tab);
    if (strcmp(line, "db") == 0 && !d->db) d->db = xstrdup(tab);
    if (strcmp(line, "kind") == 0 && !d->kind) d->kind = xstrdup(tab);
    if (strcmp(line, "id") == 0) d->id = atoll(tab);
    if (strcmp(line, "saved") == 0) d->saved = (time_t)atoll(tab);
}

/* Reads the draft at path; 0, or -1 when it is not a whole draft of ours. */
static int draft_read(const char *path, struct draft *d)
{
    memset(d, 0, sizeof *d);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid() ||
        st.st_size > MAX_DRAFT_BYTES) {
        close(fd);
        return -1;
    }
    FILE *f = fdopen(fd, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ours = false;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n') line[--len] = '\0';
        if (!ours) {
            ours = strcmp(line, DRAFT_MAGIC) == 0;
            if (!ours) break;
            continue;
        }
        read_line(d, line);
    }
    free(line);
    fclose(f);
    if (!ours || !d->db || !d->kind) {
        draft_clear(d);
        return -1;
    }
    d->path = xstrdup(path);
    return 0;
}

/* Whether the session of process pid has ended: its lock can be taken (or is gone). */
static bool session_ended(const char *dir, long pid)
{
    if (session_dir && pid == (long)getpid()) return false;
    char *lock = session_file(dir, pid, "lock");
    int fd = open(lock, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    bool ended = fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (fd >= 0 && ended) unlink(lock);
    if (fd >= 0) close(fd);
    free(lock);
    return ended;
}

static bool same_db(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    if (!realpath(a, ra) || !realpath(b, rb)) return strcmp(a, b) == 0;
    return strcmp(ra, rb) == 0;
}

static int newest_first(const void *a, const void *b)
{
    const struct draft *x = a, *y = b;
    return x->saved < y->saved ? 1 : x->saved > y->saved ? -1 : 0;
}

size_t draft_orphans(const char *db, struct draft **out)
{
    *out = NULL;
    char *dir = session_dir ? xstrdup(session_dir) : state_dir();
    DIR *dh = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh))) {
        long pid;
        char tail[8];
        bool orphan = strncmp(e->d_name, "orphan-", 7) == 0 &&
                      strcmp(e->d_name + strlen(e->d_name) - 4, ".txt") == 0;
        if (!orphan &&
            (sscanf(e->d_name, "draft-%ld.%7s", &pid, tail) != 2 || strcmp(tail, "txt") != 0))
            continue;
        if (!orphan && !session_ended(dir, pid)) continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct draft d;
        if (draft_read(path, &d) == 0 && same_db(d.db, db)) {
            *out = xrealloc(*out, sizeof **out * (n + 1));
            (*out)[n++] = d;
        } else if (d.path) {
            draft_clear(&d);
        }
        free(path);
    }
    if (dh) closedir(dh);
    free(dir);
    if (n > 1) qsort(*out, n, sizeof **out, newest_first);
    return n;
}

void draft_list_free(struct draft *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        draft_clear(&list[i]);
    free(list);
}

void draft_remove(const struct draft *d)
{
    if (d->path) unlink(d->path);
}

const char *draft_value(const struct draft *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->names[i], name) == 0) return d->values[i];
    return NULL;
}
