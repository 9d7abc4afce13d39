/* Breakout groups of an event ("กลุ่ม 1 อำเภอชะอวด", "กลุ่มภาคีสนับสนุน"), each with an
 * optional facilitator (a member) and room, and putting people in them: by hand, or by a rule
 * for the whole event in one transaction that undo takes back as one step. A person's group
 * is the attendance field F_ATTENDANCE_GROUP, the group's name: a name typed there that the
 * event has no group of yet makes one. */
#ifndef KHAI_GROUPS_H
#define KHAI_GROUPS_H
#include <stdbool.h>
#include <stddef.h>

struct db;
struct undo_log;

struct event_group {
    long long id;
    char *name;
    long long facilitator_id; /* 0 when none */
    char *facilitator;        /* their name, "" when none */
    char *room;               /* "" when none */
    long long count;          /* people in it, but those cancelled or absent */
};

/* The event's groups in the order they were made. */
int groups_list(struct db *db, long long event_id, struct event_group **out, size_t *n, char **err);
void groups_free(struct event_group *g, size_t n);
/* How many of the event's people (but those cancelled or absent) are in no group. */
int groups_ungrouped(struct db *db, long long event_id, long long *count, char **err);

/* The people in a group are listed with list_query.group (model.h). */

/* Makes an empty group; fails when the event has one of that name. */
int group_create(struct db *db, long long event_id, const char *name, char **err);
/* Renames a group; its people follow. Fails when there is no such group or the new name is
 * another group's. */
int group_rename(struct db *db, long long event_id, const char *from, const char *to, char **err);
/* Sets the facilitator (a member: id, full name or phone; "" for none) and the room. */
int group_set_facilitator(struct db *db, long long event_id, const char *name, const char *member,
                          char **err);
int group_set_room(struct db *db, long long event_id, const char *name, const char *room,
                   char **err);
/* Deletes a group nobody is in (undo it by making it again). */
int group_delete(struct db *db, long long event_id, const char *name, char **err);

/* The rules that put a whole event's people in groups. */
enum group_rule {
    GROUP_BY_PROVINCE, /* the member's province: a group each */
    GROUP_BY_DISTRICT,
    GROUP_BY_SUBDISTRICT,
    GROUP_BY_ORGANISATION, /* the organisation they come for */
    GROUP_BY_CATEGORY,     /* their quota category at the event */
    GROUP_BALANCE,         /* n groups of sizes that differ by at most one (see below) */
    GROUP_RULES
};

/* "province", "district", "subdistrict", "organisation" (or "org"), "category": -1 when
 * none. */
int group_rule_from_name(const char *name);
extern const char *const group_rule_names[GROUP_RULES];

struct group_plan {
    enum group_rule rule;
    int n;          /* GROUP_BALANCE: how many groups, 1 to 500 */
    bool keep_orgs; /* GROUP_BALANCE: the people of one organisation stay together */
};

/* What an assignment did. */
struct group_outcome {
    long long moved;    /* people whose group changed */
    long long placed;   /* people the rule placed */
    long long unplaced; /* people the rule had no value for (no province): left as they were */
    long long groups;   /* groups the people were put in */
};

/* Puts the event's people (every one on its list but those cancelled or absent) in groups by
 * the plan, in one transaction; the change goes onto undo (when not NULL) as one step.
 *
 * By a field, each distinct value is a group of that name (made when new); people without a
 * value keep the group they had. Balance uses the event's first n groups in their order and
 * makes the missing ones ("กลุ่ม 1", "กลุ่ม 2", ...: "Group N" in the interface's language):
 * people are taken in the order of their organisation's name (Thai order), then their own
 * name, then id. Without keep_orgs they are dealt out in turn, so the people of one
 * organisation are spread over the groups; with keep_orgs each organisation (largest first,
 * ties by name; someone without one is alone) goes whole into the group with fewest people so
 * far (the first such). The same list gives the same groups every time. */
int groups_assign(struct db *db, struct undo_log *undo, long long event_id,
                  const struct group_plan *plan, struct group_outcome *out, char **err);

/* Puts members (ids) of the event's list in the group called name (made when new; "" takes
 * them out of their group), in one transaction, onto undo as one step. Fails, writing
 * nothing, naming a member who is not on the event's list. */
int groups_set(struct db *db, struct undo_log *undo, long long event_id, const char *name,
               const long long *members, size_t n, struct group_outcome *out, char **err);

/* What an assignment changed, for undo (undo.c): */
struct group_move {
    long long attendance_id;
    char *from, *to;
    long long version; /* the row's version the move left */
};
struct group_moves {
    long long event_id;
    struct group_move *v;
    size_t n;
};
/* Puts every moved person back in the group they had, in one transaction; fails, writing
 * nothing, when someone changed one of the rows since. Each move's version becomes the one
 * the undo left, which older changes of the same rows on the undo log must expect. */
int groups_undo(struct db *db, struct group_moves *m, char **err);
void group_moves_free(struct group_moves *m);

#endif
