/* The database as the rest of khai sees it: opening and upgrading it, transactions, checks,
 * backups and change polling. SQLite itself stays behind this header: prepared statements
 * and the connection handle are private to the store layer (src/store/store_internal.h). */
#ifndef KHAI_DB_H
#define KHAI_DB_H
#include <stdbool.h>

struct db;

/* Where the database lives when neither --db nor KHAI_DB says:
 * $XDG_DATA_HOME/khai/khai.db, else ~/.local/share/khai/khai.db. malloc'd. */
char *db_default_path(void);

/* Opens (creating it and its directory when missing) and upgrades the database at path.
 * A database from a newer khai is refused and left untouched. Returns 0, or -1 with *err
 * set to a malloc'd message naming the file. */
int db_open(const char *path, struct db **out, char **err);
/* The same for a command that only reads: a missing or empty file is not created but named
 * in *err as no khai database. Both refuse, untouched, an SQLite file that is not khai's. */
int db_open_existing(const char *path, struct db **out, char **err);
void db_close(struct db **db);
/* Makes the database of a team: dir (created when missing) given to Unix group group with the
 * setgid bit (mode 2770), and dir/khai.db in it, mode 0660, whose -wal and -shm files SQLite
 * makes with the same mode, so that everyone in the group can read and write and nobody else
 * can. *path is the database's path (malloc'd). Returns 0, or -1 with *err. */
int db_init_shared(const char *dir, const char *group, char **path, char **err);
/* Opens an existing database for `khai check` only: read-only, with no upgrade, so that a
 * damaged or older file can be checked as it is. Returns 0; 1 with *err when there is no
 * khai database to check (none there, or another program's); -1 with *err when the file
 * cannot be read as a database (damaged). */
int db_open_for_check(const char *path, struct db **out, char **err);
/* Why the database was opened read-only (the file or its directory is not writable for this
 * user: it is shown, and every write fails with this reason), or NULL. */
const char *db_read_only(const struct db *db);

/* How long a write waits for another session's write to finish (default 5 s). */
void db_set_busy_timeout(struct db *db, int ms);
const char *db_path(const struct db *db);
/* The Unix login of whoever runs khai (from the password database, never the environment). */
const char *db_user(const struct db *db);
/* The schema version this khai writes (the highest migration). */
int db_schema_version(void);
/* The version of the SQLite library khai runs on, for --version. */
const char *db_engine_version(void);

/* Write transactions take the write lock at once (BEGIN IMMEDIATE), so two khai sessions
 * never deadlock upgrading a read lock; a busy database is retried for a few seconds.
 * They nest: inside an open transaction, begin/commit/rollback act on a savepoint, so a
 * caller can wrap many record_save()s into one all-or-nothing write. */
int db_begin(struct db *db, char **err);
int db_commit(struct db *db, char **err);
void db_rollback(struct db *db);

/* Runs SQLite's integrity and foreign-key checks; each problem is one malloc'd line in
 * *report (joined by newlines), NULL when all is well. Returns 0 when clean, 1 when only
 * references are broken (rows pointing at rows that are gone), 2 when the file is damaged,
 * -1 on error (a file too damaged to check is damaged too). */
int db_check(struct db *db, char **report, char **err);
/* The same, with SQLite's quick check in place of the full integrity check unless full. */
int db_check_depth(struct db *db, bool full, char **report, char **err);

/* Copies the open database with SQLite's online backup to path (for `khai backup` the
 * temporary file of an outfile, put in place only once this succeeded), and reads the copy
 * back with SQLite's quick check. */
int db_backup(struct db *db, const char *path, char **err);

/* Changes whenever another connection commits: the screens poll it for live refresh. */
long long db_data_version(struct db *db);

/* The current time as stored (UTC, ISO 8601 with seconds and Z). */
void db_now(char buf[32]);

#endif
