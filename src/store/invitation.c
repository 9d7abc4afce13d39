/* Organisations invited to an event: the history of their answers and the counts the turnout
 * and the report show. The history table is written by triggers (schema/006), so every
 * writer (a save, the bulk write, an import) keeps it alike. */
#include "messages.h"
#include "invitation.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char *column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return xstrdup(t ? (const char *)t : "");
}

int invitation_history(struct db *db, long long invitation_id, struct invitation_change **out,
                       size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT status, reason, at, who FROM invitation_history WHERE "
                                  "invitation_id = ?1 ORDER BY id",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, invitation_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        struct invitation_change *c = &(*out)[(*n)++];
        c->status = column_text(st, 0);
        c->reason = column_text(st, 1);
        c->at = column_text(st, 2);
        c->who = column_text(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        invitation_history_free(*out, *n);
        *out = NULL;
        *n = 0;
        *err = db_error(db, "cannot read the invitation's history");
        return -1;
    }
    return 0;
}

void invitation_history_free(struct invitation_change *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].status);
        free(h[i].reason);
        free(h[i].at);
        free(h[i].who);
    }
    free(h);
}

/* An organisation came when someone who came for it, or one of its members, attended. Two
 * lookups from the event's attendees: with "member_id IN (the organisation's members)" in one
 * EXISTS, SQLite made the list again for each attendee (8 million instructions for an event
 * of 24 people and 3 invitations). */
#define ORG_CAME                                                                                   \
    "(EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = i.event_id AND a.org_id = i.org_id "   \
    "AND a.status = 'attended' AND a.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM affiliations "   \
    "f JOIN attendance a ON a.event_id = i.event_id AND a.member_id = f.member_id WHERE "          \
    "f.org_id = i.org_id AND a.status = 'attended' AND a.deleted_at IS NULL))"

int invitation_counts(struct db *db, long long event_id, struct invitation_counts *out, char **err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT count(*), count(*) FILTER (WHERE status = 'invited'), count(*) FILTER (WHERE "
        "status = 'confirmed'), count(*) FILTER (WHERE status = 'cancelled'), count(*) FILTER "
        "(WHERE status = 'declined'), count(*) FILTER (WHERE came), count(*) FILTER (WHERE came "
        "AND status = 'confirmed') FROM (SELECT i.status, " ORG_CAME " AS came FROM invitations "
        "i WHERE i.event_id = ?1 AND i.deleted_at IS NULL)",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->invited = sqlite3_column_int64(st, 0);
        for (int s = 0; s < INVITATION_STATUSES; s++)
            out->status[s] = sqlite3_column_int64(st, 1 + s);
        out->came = sqlite3_column_int64(st, 1 + INVITATION_STATUSES);
        out->confirmed_came = sqlite3_column_int64(st, 2 + INVITATION_STATUSES);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count the invitations");
        return -1;
    }
    return 0;
}

int invitation_set_changed_at(struct db *db, long long invitation_id, const char *stamp, char **err)
{
    static const char *const sql[] = {
        "UPDATE invitations SET status_at = ?2 WHERE id = ?1",
        "UPDATE invitation_history SET at = ?2 WHERE id = (SELECT max(id) FROM "
        "invitation_history WHERE invitation_id = ?1)",
    };
    for (size_t i = 0; i < 2; i++)
        if (db_run_id_text(db, sql[i], invitation_id, stamp, N_("cannot import"), err) != 0)
            return -1;
    return 0;
}
