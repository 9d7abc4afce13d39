/* The SQLite store: opening with the right pragmas, numbered migrations, statement cache. */
#include "store_internal.h"
#include "collate.h"
#include "grams.h"
#include "messages.h"
#include "schema.h"
#include "settings.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

enum { BUSY_TIMEOUT_MS = 5000, STMT_CACHE_SIZE = 256 };

/* Statements are found by their text, never by the address of the string: two equal texts
 * share one statement, and a composed string freed and reallocated at the same address with
 * other text does not find the old one. The hash only makes the search quick; the text
 * decides. */
struct cached_stmt {
    uint32_t hash;
    char *sql; /* a copy */
    sqlite3_stmt *stmt;
};

struct db {
    sqlite3 *handle;
    char *path;
    char *user;
    struct cached_stmt cache[STMT_CACHE_SIZE];
    int ncached;
    int depth;      /* open db_begin()s: inner ones are savepoints */
    char *readonly; /* why khai can only read here (malloc'd), or NULL */
    bool checking;  /* opened by khai check, which need not suggest itself */
};

char *db_default_path(void)
{
    return settings_xdg_path("XDG_DATA_HOME", ".local/share", "khai.db");
}

/* mkdir -p for the directory holding path. */
static int make_parent_dirs(const char *path, char **err)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) goto fail;
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) goto fail;
    free(dir);
    return 0;
fail:
    *err = xasprintf(_("cannot create directory %s: %s"), dir, strerror(errno));
    free(dir);
    return -1;
}

static char *login_name(void)
{
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name && *pw->pw_name) return xstrdup(pw->pw_name);
    return xasprintf("uid%ld", (long)getuid());
}

char *db_error(struct db *db, const char *context)
{
    int code = sqlite3_extended_errcode(db->handle) & 0xff;
    const char *why = sqlite3_errmsg(db->handle);
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        why = _("the database is busy: another khai is writing to it; try again in a moment");
        break;
    case SQLITE_FULL:
        why = _("the disk is full; nothing was written");
        break;
    case SQLITE_READONLY:
        why = db->readonly ? db->readonly : _("the database file is read-only for you");
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        why = db->checking ? _("the file is not a database or is damaged")
                           : _("the file is not a khai database or is damaged (try `khai check`)");
        break;
    default:
        break;
    }
    return xasprintf("%s: %s (%s)", _(context), why, db->path);
}

/* context is marked N_() at the call: db_error translates it. */
static int exec(struct db *db, const char *sql, const char *context, char **err)
{
    if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    *err = db_error(db, context);
    return -1;
}

int db_schema_version(void)
{
    return schema_migrations[schema_migration_count - 1].version;
}

const char *db_engine_version(void)
{
    return sqlite3_libversion();
}

static int read_user_version(struct db *db, int *version, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        *err = db_error(db, "cannot read the database");
        return -1;
    }
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot read the database");
        return -1;
    }
    return 0;
}

/* Each migration and its version bump commit together, so a failure leaves the database at
 * the previous version, whole. */
static int apply_migration(struct db *db, const struct migration *m, char **err)
{
    if (exec(db, "BEGIN IMMEDIATE", N_("cannot upgrade the database"), err) != 0) return -1;
    char *bump = xasprintf("PRAGMA user_version = %d", m->version);
    int rc = sqlite3_exec(db->handle, m->sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->handle, bump, NULL, NULL, NULL);
    free(bump);
    if (rc != SQLITE_OK) {
        char *ctx = xasprintf(_("cannot apply migration %s"), m->name);
        *err = db_error(db, ctx);
        free(ctx);
        sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return exec(db, "COMMIT", N_("cannot upgrade the database"), err);
}

static int migrate(struct db *db, char **err)
{
    int version;
    if (read_user_version(db, &version, err) != 0) return -1;
    if (version > db_schema_version()) {
        *err = xasprintf(_("%s was written by a newer khai (schema version %d; this khai knows up "
                           "to %d): it was left untouched; use a newer khai"),
                         db->path, version, db_schema_version());
        return -1;
    }
    for (int i = 0; i < schema_migration_count; i++)
        if (schema_migrations[i].version > version &&
            apply_migration(db, &schema_migrations[i], err) != 0)
            return -1;
    return 0;
}

static int configure(struct db *db, char **err)
{
    sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db->handle, 1);
    if (sqlite3_create_collation(db->handle, "thai", SQLITE_UTF8, NULL, thai_collate_sqlite) !=
        SQLITE_OK) {
        *err = db_error(db, "cannot register the Thai collation");
        return -1;
    }
    if (grams_register(db->handle) != SQLITE_OK) {
        *err = db_error(db, "cannot register the search tokenizer");
        return -1;
    }
    return exec(db, "PRAGMA foreign_keys = ON", N_("cannot configure the database"), err);
}

/* A new database is created here, mode 0600 whatever the umask: SQLite gives its -wal and
 * -shm files the database file's mode, so they are the owner's only too. */
static int create_owner_only(const char *path, char **err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) return 0;
    if (fd < 0) {
        *err = xasprintf(_("cannot create %s: %s"), path, strerror(errno));
        return -1;
    }
    (void)fchmod(fd, 0600);
    close(fd);
    return 0;
}

/* A database khai never wrote (user_version 0) that holds tables is someone else's: it is
 * left as it is rather than given khai's tables and switched to WAL. */
static int refuse_foreign(struct db *db, char **err)
{
    int version;
    if (read_user_version(db, &version, err) != 0) return -1;
    if (version != 0) return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->handle, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) !=
        SQLITE_OK) {
        *err = db_error(db, "cannot read the database");
        return -1;
    }
    int tables = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (tables == 0) return 0;
    *err = xasprintf(_("%s is an SQLite database but not khai's: it was left untouched (give "
                       "--db the path of a khai database)"),
                     db->path);
    return -1;
}

/* The directory path is in: "/" for a file at the root, "." for a bare name. malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    return slash == path ? xstrdup("/") : xasprintf("%.*s", (int)(slash - path), path);
}

/* Why this user can only read the database at path (malloc'd), or NULL when they can write:
 * SQLite needs to write the file and, for its -wal and -shm files, the directory. */
static char *why_read_only(const char *path)
{
    if (access(path, F_OK) != 0) return NULL; /* to be created: its directory will say */
    if (access(path, W_OK) != 0)
        return xasprintf(_("%s is read-only for you: khai shows it but cannot change it"), path);
    char *dir = dir_of(path);
    char *why = NULL;
    if (access(dir, W_OK) != 0)
        why = xasprintf(_("the directory %s is read-only for you: khai shows the database but "
                          "cannot change it"),
                        dir);
    free(dir);
    return why;
}

/* A reader who cannot write opens read-only, so that SQLite never makes -wal or -shm files of
 * theirs that would lock the owners of a shared database out of writing. It cannot upgrade
 * an older database either: that is left to someone who can write. */
static int open_read_only(struct db *db, char **err)
{
    int version;
    if (configure(db, err) != 0 || refuse_foreign(db, err) != 0 ||
        read_user_version(db, &version, err) != 0)
        return -1;
    if (version == db_schema_version()) return 0;
    *err = version > db_schema_version()
               ? xasprintf(_("%s was written by a newer khai (schema version %d; this khai knows "
                             "up to %d): it was left untouched; use a newer khai"),
                           db->path, version, db_schema_version())
               : xasprintf(_("%s needs upgrading by someone who can write it: %s"), db->path,
                           db->readonly);
    return -1;
}

char *db_file_uri(const char *path, const char *query)
{
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
            sb_addf(&sb, "%%%02X", *p);
        else
            sb_addc(&sb, (char)*p);
    }
    sb_addf(&sb, "?%s", query);
    return sb_take(&sb);
}

/* SQLite reads a WAL database read-only through its -wal and -shm files, and cannot make them
 * in a directory the reader cannot write: with no -wal there, it is read as it is. */
static int open_read_only_handle(struct db *db, char **err)
{
    /* A -wal file with nothing in it holds nothing the database file lacks. */
    char *wal = xasprintf("%s-wal", db->path);
    struct stat st;
    bool writing = stat(wal, &st) == 0 && st.st_size > 0;
    free(wal);
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    int rc;
    if (writing) {
        rc = sqlite3_open_v2(db->path, &db->handle, flags, NULL);
    } else {
        char *uri = db_file_uri(db->path, "immutable=1");
        rc = sqlite3_open_v2(uri, &db->handle, flags | SQLITE_OPEN_URI, NULL);
        free(uri);
    }
    if (rc == SQLITE_OK) return 0;
    *err = db_error(db, "cannot open the database");
    return -1;
}

/* A team's database (group-writable, see db_init_shared) keeps its -wal and -shm files when
 * the last writer closes it, so that a member who may only read can read it (SQLite cannot
 * make them in a directory that reader cannot write). */
static void keep_wal_when_shared(struct db *db)
{
    struct stat st;
    if (stat(db->path, &st) != 0 || !(st.st_mode & S_IWGRP)) return;
    int on = 1;
    sqlite3_file_control(db->handle, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

/* Whether the last failure was the disk's: full, or an I/O error making a file on it. */
static bool disk_full(struct db *db)
{
    int code = sqlite3_extended_errcode(db->handle) & 0xff;
    if (code != SQLITE_FULL && code != SQLITE_IOERR) return false;
    struct statvfs fs;
    char *dir = dir_of(db->path);
    bool full = statvfs(dir, &fs) == 0 && fs.f_bavail == 0;
    free(dir);
    return full;
}

static int open_at(const char *path, bool create, struct db **out, char **err)
{
    *out = NULL;
    struct db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    db->user = login_name();
    db->readonly = why_read_only(path);
    if (create && !db->readonly &&
        (make_parent_dirs(path, err) != 0 || create_owner_only(path, err) != 0)) {
        db_close(&db);
        return -1;
    }
    if (db->readonly
            ? open_read_only_handle(db, err) != 0
            : sqlite3_open_v2(path, &db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                              NULL) != SQLITE_OK) {
        if (!db->readonly) *err = db_error(db, "cannot open the database");
        db_close(&db);
        return -1;
    }
    /* The version is checked before WAL is switched on: a newer khai's file stays untouched. */
    int rc =
        db->readonly ? open_read_only(db, err)
        : configure(db, err) != 0 || refuse_foreign(db, err) != 0 || migrate(db, err) != 0 ||
                exec(db, "PRAGMA journal_mode = WAL", N_("cannot configure the database"), err) != 0
            ? -1
            : 0;
    if (rc != 0 && !db->readonly && disk_full(db)) {
        /* A full disk: SQLite cannot make the -shm file it reads through, but the database
         * can still be shown, read as it is when nobody is writing it. */
        sqlite3_close(db->handle);
        db->handle = NULL;
        free(*err);
        *err = NULL;
        db->readonly = xasprintf(_("the disk is full: khai shows %s but cannot change it until "
                                   "space is freed"),
                                 path);
        rc = open_read_only_handle(db, err) != 0 ? -1 : open_read_only(db, err);
    }
    if (rc != 0) {
        db_close(&db);
        return -1;
    }
    if (!db->readonly) keep_wal_when_shared(db);
    *out = db;
    return 0;
}

int db_open_for_check(const char *path, struct db **out, char **err)
{
    struct stat st;
    *out = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        *err = xasprintf(_("there is no khai database at %s (give --db the path of one; khai "
                           "creates one when you add, import or start the screens)"),
                         path);
        return 1;
    }
    struct db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    db->user = login_name();
    db->readonly = xstrdup(_("khai check only reads"));
    db->checking = true;
    int rc = 0;
    if (open_read_only_handle(db, err) != 0) {
        rc = -1;
    } else if (configure(db, err) != 0) {
        rc = -1;
    } else if (refuse_foreign(db, err) != 0) {
        /* Another program's database is left alone; one that cannot be read is damaged. */
        int code = sqlite3_extended_errcode(db->handle) & 0xff;
        rc = code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? -1 : 1;
    }
    if (rc != 0) {
        db_close(&db);
        return rc;
    }
    *out = db;
    return 0;
}

const char *db_read_only(const struct db *db)
{
    return db->readonly;
}

/* The directory of a team's database: the group's, setgid so that every file made in it is
 * the group's too, and closed to everyone else. */
static int make_shared_dir(const char *dir, gid_t gid, char **err)
{
    if (mkdir(dir, 0770) != 0 && errno != EEXIST) {
        *err = xasprintf(_("cannot create directory %s: %s"), dir, strerror(errno));
        return -1;
    }
    struct stat st;
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *err = xasprintf(_("%s is not a directory"), dir);
        return -1;
    }
    if (chown(dir, (uid_t)-1, gid) != 0 || chmod(dir, 02770) != 0) {
        *err = xasprintf(_("cannot give %s to the group: %s"), dir, strerror(errno));
        return -1;
    }
    return 0;
}

int db_init_shared(const char *dir, const char *group, char **path, char **err)
{
    *path = NULL;
    struct group *g = getgrnam(group);
    if (!g) {
        *err = xasprintf(_("there is no Unix group \"%s\" (make it with groupadd, and add the "
                           "team with usermod -aG)"),
                         group);
        return -1;
    }
    if (make_shared_dir(dir, g->gr_gid, err) != 0) return -1;
    char *db_file = xasprintf("%s/khai.db", dir);
    if (access(db_file, F_OK) == 0) {
        *err = xasprintf(_("%s exists already: it was left as it is"), db_file);
        free(db_file);
        return -1;
    }
    /* 0660 whatever the umask: SQLite gives the -wal and -shm files the same mode. */
    int fd = open(db_file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);
    if (fd < 0 || fchown(fd, (uid_t)-1, g->gr_gid) != 0 || fchmod(fd, 0660) != 0) {
        *err = xasprintf(_("cannot create %s: %s"), db_file, strerror(errno));
        if (fd >= 0) close(fd);
        free(db_file);
        return -1;
    }
    close(fd);
    struct db *db;
    if (open_at(db_file, false, &db, err) != 0) {
        free(db_file);
        return -1;
    }
    db_close(&db);
    *path = db_file;
    return 0;
}

int db_open(const char *path, struct db **out, char **err)
{
    return open_at(path, true, out, err);
}

/* An empty file (what a killed backup or `touch` leaves) is not a khai database either. */
int db_open_existing(const char *path, struct db **out, char **err)
{
    struct stat st;
    *out = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        *err = xasprintf(_("there is no khai database at %s (give --db the path of one; khai "
                           "creates one when you add, import or start the screens)"),
                         path);
        return -1;
    }
    return open_at(path, false, out, err);
}

void db_close(struct db **dbp)
{
    struct db *db = *dbp;
    if (!db) return;
    for (int i = 0; i < db->ncached; i++) {
        sqlite3_finalize(db->cache[i].stmt);
        free(db->cache[i].sql);
    }
    sqlite3_close(db->handle);
    free(db->path);
    free(db->user);
    free(db->readonly);
    free(db);
    *dbp = NULL;
}

sqlite3 *db_handle(struct db *db)
{
    return db->handle;
}
const char *db_path(const struct db *db)
{
    return db->path;
}
const char *db_user(const struct db *db)
{
    return db->user;
}

/* FNV-1a over the text. */
static uint32_t sql_hash(const char *sql)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, char **err)
{
    uint32_t hash = sql_hash(sql);
    for (int i = 0; i < db->ncached; i++) {
        if (db->cache[i].hash == hash && strcmp(db->cache[i].sql, sql) == 0) {
            sqlite3_reset(db->cache[i].stmt);
            sqlite3_clear_bindings(db->cache[i].stmt);
            return db->cache[i].stmt;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK) {
        *err = db_error(db, "internal error preparing a query");
        return NULL;
    }
    if (db->ncached == STMT_CACHE_SIZE) {
        /* Full: drop the oldest; callers never hold a statement across another prepare of
         * 256 different queries. */
        sqlite3_finalize(db->cache[0].stmt);
        free(db->cache[0].sql);
        memmove(db->cache, db->cache + 1, sizeof db->cache[0] * (STMT_CACHE_SIZE - 1));
        db->ncached--;
    }
    db->cache[db->ncached].hash = hash;
    db->cache[db->ncached].sql = xstrdup(sql);
    db->cache[db->ncached].stmt = st;
    db->ncached++;
    return st;
}

/* An import wraps thousands of saves in one transaction: a save inside it becomes a
 * savepoint, so one bad row can be undone alone and the whole stays all-or-nothing. */
int db_run_id_text(struct db *db, const char *sql, long long id, const char *text,
                   const char *context, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, context);
    return -1;
}

int db_begin(struct db *db, char **err)
{
    const char *sql = db->depth ? "SAVEPOINT khai" : "BEGIN IMMEDIATE";
    if (exec(db, sql, N_("cannot start writing"), err) != 0) return -1;
    db->depth++;
    return 0;
}

int db_commit(struct db *db, char **err)
{
    if (db->depth == 0) {
        *err = xstrdup(_("internal error: commit without a transaction"));
        return -1;
    }
    const char *sql = db->depth > 1 ? "RELEASE khai" : "COMMIT";
    if (exec(db, sql, N_("cannot save"), err) == 0) {
        db->depth--;
        return 0;
    }
    db_rollback(db);
    return -1;
}

void db_rollback(struct db *db)
{
    if (db->depth > 1) {
        sqlite3_exec(db->handle, "ROLLBACK TO khai; RELEASE khai", NULL, NULL, NULL);
        db->depth--;
        return;
    }
    if (!sqlite3_get_autocommit(db->handle)) sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
    db->depth = 0;
}

struct strbuf_lines {
    char *text;
    size_t len;
};

static void lines_add(struct strbuf_lines *l, const char *line)
{
    size_t n = strlen(line);
    l->text = xrealloc(l->text, l->len + n + 2);
    memcpy(l->text + l->len, line, n);
    l->len += n;
    l->text[l->len++] = '\n';
    l->text[l->len] = '\0';
}

/* Each row not "ok" becomes a line: its values joined by spaces, put into format (one %s)
 * when one is given. */
static int collect_rows(struct db *db, const char *sql, const char *format,
                        struct strbuf_lines *lines, char **err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK) {
        *err = db_error(db, "cannot check the database");
        return -1;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int ncol = sqlite3_column_count(st);
        char *line = xstrdup("");
        for (int c = 0; c < ncol; c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            char *next = xasprintf("%s%s%s", line, c ? " " : "", v ? v : "NULL");
            free(line);
            line = next;
        }
        if (strcmp(line, "ok") != 0 && format) {
            char *said = xasprintf(format, line);
            lines_add(lines, said);
            free(said);
        } else if (strcmp(line, "ok") != 0) {
            lines_add(lines, line);
        }
        free(line);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot check the database");
        return -1;
    }
    return 0;
}

/* Whether some row of table has a value in column "from" that no row of parent has in "to".
 * Each distinct value is looked up once, in order, read from the child's index on the
 * column where it has one: PRAGMA foreign_key_check looks every row up instead (9,000,000
 * lookups for the attendance of the huge demo, 8.8 s of the check's 13 s). The names come
 * from the schema, quoted, never from what a user typed. Returns 1, 0, or -1 on error. */
static int reference_broken(struct db *db, const char *table, const char *from, const char *parent,
                            const char *to)
{
    char *sql = sqlite3_mprintf("SELECT 1 FROM (SELECT DISTINCT \"%w\" AS v FROM \"%w\" "
                                "WHERE \"%w\" IS NOT NULL) WHERE NOT EXISTS "
                                "(SELECT 1 FROM \"%w\" WHERE \"%w\" = v) LIMIT 1",
                                from, table, from, parent, to);
    sqlite3_stmt *st = NULL;
    int rc = sql ? sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The tables with a broken reference, or whose references the quick test cannot judge (a key
 * of several columns, or one naming no column): each then gets PRAGMA foreign_key_check,
 * which names the rows. */
static int tables_to_check(struct db *db, struct strbuf_lines *tables, char **err)
{
    static const char sql[] =
        "SELECT m.name, f.\"table\", f.\"from\", f.\"to\", (SELECT count(*) FROM "
        "pragma_foreign_key_list(m.name) g WHERE g.id = f.id) FROM sqlite_schema m, "
        "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK) {
        *err = db_error(db, "cannot check the database");
        return -1;
    }
    char *last = NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *parent = (const char *)sqlite3_column_text(st, 1);
        const char *from = (const char *)sqlite3_column_text(st, 2);
        const char *to = (const char *)sqlite3_column_text(st, 3);
        if (last && strcmp(last, t) == 0) continue; /* already listed */
        int broken =
            to && sqlite3_column_int(st, 4) == 1 ? reference_broken(db, t, from, parent, to) : 1;
        if (broken < 0) break;
        if (broken) {
            lines_add(tables, t);
            free(last);
            last = xstrdup(t);
        }
    }
    free(last);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot check the database");
        return -1;
    }
    return 0;
}

/* PRAGMA foreign_key_check's lines for the tables tables_to_check found. */
static int check_references(struct db *db, struct strbuf_lines *lines, char **err)
{
    struct strbuf_lines tables = {NULL, 0};
    int rc = tables_to_check(db, &tables, err);
    for (char *t = tables.text; rc == 0 && t && *t;) {
        char *end = strchr(t, '\n');
        *end = '\0';
        char *sql = sqlite3_mprintf("PRAGMA foreign_key_check(\"%w\")", t);
        rc = collect_rows(db, sql,
                          _("broken reference (table, row, the table it refers to, key): %s"),
                          lines, err);
        sqlite3_free(sql);
        t = end + 1;
    }
    free(tables.text);
    return rc;
}

static int check_all(struct db *db, bool full, char **report, char **err);

int db_check(struct db *db, char **report, char **err)
{
    return db_check_depth(db, true, report, err);
}

/* PRAGMA quick_check reads every page and checks each b-tree, but not that each index holds
 * exactly its table's rows, which is most of integrity_check's time (over 150 s at 1,000,000
 * members, where quick_check takes seconds). */
int db_check_depth(struct db *db, bool full, char **report, char **err)
{
    *report = NULL;
    /* The file mapped into memory: the check reads every page once, and the lookups of its
     * references jump around; read() of one 4 KB page at a time cost 23 s of system time at
     * 1,000,000 members. SQLite caps the size (2 GB); pages past it are read as before. */
    sqlite3_exec(db->handle, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
    int rc = check_all(db, full, report, err);
    sqlite3_exec(db->handle, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
    return rc;
}

static int check_all(struct db *db, bool full, char **report, char **err)
{
    struct strbuf_lines lines = {NULL, 0};
    if (collect_rows(db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check", NULL, &lines,
                     err) != 0) {
        free(lines.text);
        return -1;
    }
    bool damaged = lines.len > 0;
    if (check_references(db, &lines, err) != 0 ||
        collect_rows(db,
                     "SELECT id FROM organisations o "
                     "WHERE EXISTS (WITH RECURSIVE up(id, depth) AS (SELECT o.parent_id, 1 "
                     "UNION ALL SELECT p.parent_id, depth + 1 FROM organisations p JOIN up ON "
                     "p.id = up.id WHERE depth < 100) SELECT 1 FROM up WHERE id = o.id)",
                     _("organisation %s is its own ancestor"), &lines, err) != 0) {
        free(lines.text);
        return -1;
    }
    if (lines.text && lines.len && lines.text[lines.len - 1] == '\n')
        lines.text[lines.len - 1] = '\0';
    *report = lines.text;
    return damaged ? 2 : lines.text ? 1 : 0;
}

/* The copy is read back before it is trusted: 0 when SQLite's quick check finds it whole. */
static int backup_is_whole(sqlite3 *dest)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(dest, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW &&
                     strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0
                 ? 0
                 : -1;
    sqlite3_finalize(st);
    return rc;
}

int db_backup(struct db *db, const char *path, char **err)
{
    sqlite3 *dest;
    if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        *err = xasprintf(_("cannot create %s: %s"), path, sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->handle, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE) {
        *err = xasprintf(_("cannot back up to %s: %s"), path, sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return -1;
    }
    /* The check reads the indexes, which sort in Thai. */
    sqlite3_create_collation(dest, "thai", SQLITE_UTF8, NULL, thai_collate_sqlite);
    rc = backup_is_whole(dest);
    if (rc != 0)
        *err =
            xasprintf(_("the backup in %s did not pass its check: %s"), path, sqlite3_errmsg(dest));
    sqlite3_close(dest);
    return rc;
}

long long db_data_version(struct db *db)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db->handle, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

void db_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void db_set_busy_timeout(struct db *db, int ms)
{
    sqlite3_busy_timeout(db->handle, ms);
}
