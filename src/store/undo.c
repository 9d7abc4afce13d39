/* The session's undo log: each entry knows how to put one change back. */
#include "undo.h"
#include "bulk.h"
#include "db.h"
#include "groups.h"
#include "merge.h"
#include "messages.h"
#include "series.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum undo_op {
    UNDO_ADDED,
    UNDO_EDITED,
    UNDO_DELETED,
    UNDO_MERGED,
    UNDO_BULK,
    UNDO_NEXT_MEETING,
    UNDO_GROUPS
};

struct undo_entry {
    enum undo_op op;
    struct record *before;     /* as it was (edited, deleted) */
    struct record *after;      /* as the change left it: its version tells whether others wrote */
    long long merge_id;        /* UNDO_MERGED: before is OTHER, after is KEEP */
    struct bulk_edit bulk;     /* UNDO_BULK: the records of a bulk edit (before and after unset) */
    struct group_moves *moves; /* UNDO_GROUPS: who moved from which group to which */
};

struct undo_log {
    struct undo_entry *entries;
    size_t n, cap;
};

struct undo_log *undo_new(void)
{
    return xcalloc(1, sizeof(struct undo_log));
}

static void entry_free(struct undo_entry *e)
{
    record_free(&e->before);
    record_free(&e->after);
    bulk_edit_free(&e->bulk);
    group_moves_free(e->moves);
    free(e->moves);
    e->moves = NULL;
}

void undo_free(struct undo_log **logp)
{
    struct undo_log *log = *logp;
    if (!log) return;
    for (size_t i = 0; i < log->n; i++)
        entry_free(&log->entries[i]);
    free(log->entries);
    free(log);
    *logp = NULL;
}

bool undo_empty(const struct undo_log *log)
{
    return log->n == 0;
}

static void push(struct undo_log *log, enum undo_op op, const struct record *before,
                 const struct record *after)
{
    if (log->n == log->cap) {
        log->cap = log->cap ? log->cap * 2 : 16;
        log->entries = xrealloc(log->entries, sizeof *log->entries * log->cap);
    }
    log->entries[log->n++] = (struct undo_entry){
        op, before ? record_copy(before) : NULL, after ? record_copy(after) : NULL, 0, {0}, NULL};
}

void undo_record_added(struct undo_log *log, const struct record *after)
{
    push(log, UNDO_ADDED, NULL, after);
}

void undo_record_edited(struct undo_log *log, const struct record *before,
                        const struct record *after)
{
    push(log, UNDO_EDITED, before, after);
}

void undo_record_deleted(struct undo_log *log, const struct record *before)
{
    push(log, UNDO_DELETED, before, NULL);
}

void undo_member_merged(struct undo_log *log, long long merge_id, const struct record *keep,
                        const struct record *other)
{
    push(log, UNDO_MERGED, other, keep);
    log->entries[log->n - 1].merge_id = merge_id;
}

void undo_bulk_edited(struct undo_log *log, struct bulk_edit *e)
{
    push(log, UNDO_BULK, NULL, NULL);
    log->entries[log->n - 1].bulk = *e;
    memset(e, 0, sizeof *e);
}

void undo_next_meeting(struct undo_log *log, const struct record *made)
{
    push(log, UNDO_NEXT_MEETING, NULL, made);
}

void undo_groups_moved(struct undo_log *log, struct group_moves *moves)
{
    push(log, UNDO_GROUPS, NULL, NULL);
    struct group_moves *own = xmalloc(sizeof *own);
    *own = *moves;
    *moves = (struct group_moves){0};
    log->entries[log->n - 1].moves = own;
}

/* Where an older entry keeps the version it left row (k, id), which an undo of a newer change
 * to that row must update: NULL when the entry did not touch the row or left nothing to
 * expect (a deletion). found says whether it touched the row at all. */
static long long *older_version(struct undo_entry *older, enum kind k, long long id, bool *found)
{
    *found = false;
    if (older->op == UNDO_BULK) {
        for (size_t j = 0; j < older->bulk.n; j++)
            if (older->bulk.after[j]->kind == k && older->bulk.after[j]->id == id) {
                *found = true;
                return &older->bulk.after[j]->version;
            }
        return NULL;
    }
    if (older->op == UNDO_GROUPS) {
        for (size_t j = 0; k == KIND_ATTENDANCE && j < older->moves->n; j++)
            if (older->moves->v[j].attendance_id == id) {
                *found = true;
                return &older->moves->v[j].version;
            }
        return NULL;
    }
    const struct record *o = older->after ? older->after : older->before;
    *found = o && o->kind == k && o->id == id;
    return *found && older->after ? &older->after->version : NULL;
}

/* Undoing bumps a row's version; the next older change to the same row must expect the
 * version this session itself just wrote, not the one it saw back then. */
static void adopt_version(struct undo_log *log, enum kind k, long long id, long long version)
{
    for (size_t i = log->n - 1; i-- > 0;) {
        bool found;
        long long *v = older_version(&log->entries[i], k, id, &found);
        if (!found) continue;
        if (v) *v = version;
        break;
    }
}

/* The versions an undone assignment left, for the older changes of the same rows. */
static void adopt_group_versions(struct undo_log *log, const struct group_moves *m)
{
    for (size_t k = 0; k < m->n; k++)
        adopt_version(log, KIND_ATTENDANCE, m->v[k].attendance_id, m->v[k].version);
}

/* A whole assignment of groups, put back in one transaction. */
static int undo_groups(struct db *db, struct undo_log *log, char **done, char **err)
{
    struct undo_entry *e = &log->entries[log->n - 1];
    if (groups_undo(db, e->moves, err) != 0) return -1;
    adopt_group_versions(log, e->moves);
    *done = xasprintf(P_("undid the groups of %zu person at event %lld",
                         "undid the groups of %zu people at event %lld", e->moves->n),
                      e->moves->n, e->moves->event_id);
    entry_free(e);
    log->n--;
    return 0;
}

/* Puts every editable field back as it was, over the current version of the row, so the
 * save's own check refuses when someone else has changed it since this session did. */
static int revert_edit(struct db *db, const struct record *before, const struct record *after,
                       char **err)
{
    struct record *back = record_copy(before);
    const struct kind_info *ki = kind_info(back->kind);
    back->version = after->version;
    for (int i = 0; i < ki->nfields; i++)
        back->changed[i] = !(ki->fields[i].flags & FIELD_READONLY);
    int rc = record_save(db, back, err);
    record_free(&back);
    return rc;
}

/* The version the undo left row r at, for the older changes of the same row. */
static void adopt_own_version(struct db *db, struct undo_log *log, const struct record *r)
{
    struct record *now = NULL;
    char *err = NULL;
    if (record_load(db, r->kind, r->id, &now, &err) != 0) {
        free(err);
        return;
    }
    adopt_version(log, r->kind, r->id, now->version);
    record_free(&now);
}

/* Puts back every record of a bulk edit in one transaction, or none of them. */
static int revert_bulk(struct db *db, struct undo_log *log, const struct bulk_edit *b, char **err)
{
    if (db_begin(db, err) != 0) return -1;
    for (size_t i = 0; i < b->n; i++)
        if (revert_edit(db, b->before[i], b->after[i], err) != 0) {
            db_rollback(db);
            return -1;
        }
    if (db_commit(db, err) != 0) return -1;
    for (size_t i = 0; i < b->n; i++)
        adopt_own_version(db, log, b->after[i]);
    return 0;
}

static int undo_bulk(struct db *db, struct undo_log *log, char **done, char **err)
{
    struct undo_entry *e = &log->entries[log->n - 1];
    if (revert_bulk(db, log, &e->bulk, err) != 0) return -1;
    *done =
        xasprintf(P_("undid changing %zu %s record", "undid changing %zu %s records", e->bulk.n),
                  e->bulk.n, kind_noun(e->bulk.kind));
    entry_free(e);
    log->n--;
    return 0;
}

int undo_last(struct db *db, struct undo_log *log, char **done, char **err)
{
    *done = NULL;
    if (log->n == 0) {
        *err = xstrdup(_("nothing to undo"));
        return -1;
    }
    struct undo_entry *e = &log->entries[log->n - 1];
    if (e->op == UNDO_BULK) return undo_bulk(db, log, done, err);
    if (e->op == UNDO_GROUPS) return undo_groups(db, log, done, err);
    const struct record *r = e->before ? e->before : e->after;
    int rc;
    const char *said; /* what undo_last says it undid: the kind, the id, the name */
    switch (e->op) {
    case UNDO_ADDED:
        rc = record_delete(db, r->kind, r->id, err);
        said = _("undid adding %s %lld (%s)");
        break;
    case UNDO_DELETED:
        rc = record_restore(db, r->kind, r->id, err);
        said = _("undid deleting %s %lld (%s)");
        break;
    case UNDO_MERGED:
        rc = member_unmerge(db, e->merge_id, NULL, NULL, err);
        said = _("undid merging %s %lld (%s)");
        break;
    case UNDO_NEXT_MEETING:
        rc = series_next_meeting_undo(db, r->id, err);
        said = _("undid making the next meeting, %s %lld (%s)");
        break;
    default:
        rc = revert_edit(db, e->before, e->after, err);
        said = _("undid editing %s %lld (%s)");
        break;
    }
    if (rc != 0) return -1;
    adopt_own_version(db, log, r);
    char *name = record_display_name(r);
    *done = xasprintf(said, kind_noun(r->kind), r->id, name);
    free(name);
    entry_free(e);
    log->n--;
    return 0;
}
