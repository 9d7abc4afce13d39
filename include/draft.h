/* Drafts: what a user was typing in a form, kept on disk as it is typed, so that an SSH link
 * that drops, a closed terminal, a kill or a crash loses nothing. Each running khai is a
 * session that holds a lock while it runs and keeps at most one draft (one form is open at a
 * time); a draft whose session is no longer running is an orphan, and the next khai on the
 * same database offers to reopen it.
 *
 * Files live in $XDG_STATE_HOME/khai/drafts (~/.local/state/khai/drafts), the directory mode
 * 0700 and every file 0600: a draft holds personal data. A draft is written whole to a
 * temporary file and renamed into place, so a crash half-way leaves the last whole one. */
#ifndef KHAI_DRAFT_H
#define KHAI_DRAFT_H
#include <stddef.h>
#include <time.h>

struct draft {
    char *path;   /* its file */
    char *db;     /* the database it belongs to, as an absolute path */
    char *kind;   /* the kind's name as the command line spells it: member, org, ... */
    long long id; /* the record being edited; 0 for a new one */
    time_t saved; /* when it was last written */
    size_t n;
    char **names;  /* field names as the command line spells them (and "full_name") */
    char **values; /* what was typed in each */
};

/* Starts this process's session: makes the directory and takes the session's lock, which
 * the system lets go of however the process ends. Returns 0, or -1 with *err; without a
 * session khai works but keeps no drafts. */
int draft_session_begin(char **err);
/* Ends it: removes the session's draft (it was saved or given up) and its lock. */
void draft_session_end(void);

/* Writes the session's draft (replacing the one before): what was typed into the n fields
 * named of a record of kind (id 0: a new one) of database db. Returns 0, or -1 with *err. */
int draft_keep(const char *db, const char *kind, long long id, size_t n, const char *const *names,
               const char *const *values, char **err);
/* Removes the session's draft, when there is one. */
void draft_drop(void);
/* From now on the session's draft stays as it is, whatever is kept or dropped: khai is
 * ending because its terminal went away or a signal came, and closes its screens. */
void draft_freeze(void);

/* The orphaned drafts of database db (any path to it), newest first, in *out (free with
 * draft_list_free). Drafts of sessions still running are not orphans. Returns how many. */
size_t draft_orphans(const char *db, struct draft **out);
void draft_list_free(struct draft *list, size_t n);
/* Removes an orphan's file (it was reopened or thrown away). */
void draft_remove(const struct draft *d);

/* The value of field name in d, or NULL. */
const char *draft_value(const struct draft *d, const char *name);

#endif
