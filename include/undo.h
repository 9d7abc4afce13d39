/* Undo of this session's changes (add, edit, delete, check-in, merge), newest first. The screens
 * record what they did; undoing goes through the model like any other change, so it is
 * audited and refuses to overwrite what someone else changed since. */
#ifndef KHAI_UNDO_H
#define KHAI_UNDO_H
#include "model.h"

struct undo_log;
struct bulk_edit;

struct undo_log *undo_new(void);
void undo_free(struct undo_log **log);
bool undo_empty(const struct undo_log *log);

/* Call after the change succeeded. after is the record as saved (created/edited). */
void undo_record_added(struct undo_log *log, const struct record *after);
void undo_record_edited(struct undo_log *log, const struct record *before,
                        const struct record *after);
void undo_record_deleted(struct undo_log *log, const struct record *before);
/* A merge (merge.h) of other into keep, as they were before it: undone with member_unmerge. */
void undo_member_merged(struct undo_log *log, long long merge_id, const struct record *keep,
                        const struct record *other);

/* A bulk edit (bulk.h), undone as one step: every record it changed is put back in one
 * transaction, or none is. Takes what e holds (e is left empty). */
void undo_bulk_edited(struct undo_log *log, struct bulk_edit *e);
/* A next meeting (series.h) made: undone with series_next_meeting_undo. */
void undo_next_meeting(struct undo_log *log, const struct record *made);
/* An assignment of breakout groups (groups.h): undo_last puts everyone back. Takes moves. */
struct group_moves;
void undo_groups_moved(struct undo_log *log, struct group_moves *moves);

/* Undoes the newest change. On success *done says what was undone (malloc'd, in the
 * interface's language). On failure the change stays on the log and *err says why. */
int undo_last(struct db *db, struct undo_log *log, char **done, char **err);

#endif
