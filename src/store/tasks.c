/* Who "me" is, an owner named on the command line, and overdue tasks. */
#include "messages.h"
#include "store_internal.h"
#include "tasks.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* One item of a task's owners, read as a save reads the list. */
int owner_find(struct db *db, const char *input, long long *owner, char **err)
{
    struct stored out = {0};
    struct model_error e = {.field = F_NONE};
    int rc = field_check(db, F_TASK_OWNERS, input, &out, &e);
    if (rc == 0 && out.n != 1) {
        model_error_set(&e, F_TASK_OWNERS, N_("expected one member or organisation: \"%s\""), input,
                        NULL);
        rc = -1;
    }
    if (rc == 0)
        *owner = out.ids[0];
    else
        *err = model_error_message(&e);
    model_error_clear(&e);
    stored_free(&out);
    return rc;
}

int me_set(struct db *db, const char *login, long long member_id, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT OR REPLACE INTO login_members (login, member_id) VALUES (?1, ?2)", err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, member_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save who you are");
        return -1;
    }
    return 0;
}

int me_get(struct db *db, const char *login, long long *member_id, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT l.member_id FROM login_members l JOIN members m ON "
                                  "m.id = l.member_id WHERE l.login = ?1 AND m.deleted_at IS NULL",
                                  err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *member_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE) return 1;
    *err = db_error(db, "cannot read who you are");
    return -1;
}

bool task_overdue(const struct record *task, const char *today_iso)
{
    if (task->kind != KIND_TASK) return false;
    const char *due = record_get(task, F_TASK_DUE_DATE), *status = record_get(task, F_TASK_STATUS);
    return *due && strcmp(due, today_iso) < 0 &&
           (strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0);
}
