/* What tasks need beside their records: who "me" is (a Unix login linked to a member, for
 * `list tasks --mine`), an owner named on the command line, and whether a task is overdue. */
#ifndef KHAI_TASKS_H
#define KHAI_TASKS_H
#include "model.h"

/* The owner input names, as one item of a task's owners: a member by id, phone or name (> 0:
 * the member's id) or an organisation by name or short name (< 0: minus its id). Returns 0, or
 * -1 with *err saying why. */
int owner_find(struct db *db, const char *input, long long *owner, char **err);

/* Links login to a member (replacing an earlier link). Returns 0, or -1 with *err. */
int me_set(struct db *db, const char *login, long long member_id, char **err);
/* The member login is linked to: 0 with *member_id, 1 when it is linked to nobody (or to a
 * deleted member), -1 with *err. */
int me_get(struct db *db, const char *login, long long *member_id, char **err);

/* Whether a loaded task is open or in progress with its due date before today_iso. */
bool task_overdue(const struct record *task, const char *today_iso);

#endif
