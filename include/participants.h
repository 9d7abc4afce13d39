/* An event's participants as the screens list them: a page at a time in name order, each
 * page found from the row before or after it (by key, never by OFFSET), so moving through the
 * list of an event of thousands costs the same at its end as at its start. */
#ifndef KHAI_PARTICIPANTS_H
#define KHAI_PARTICIPANTS_H
#include <stdbool.h>
#include <stddef.h>

struct db;

/* One attendance row with what the list shows. Values are stored forms ("confirmed"):
 * show choices with choice_label. */
struct participant {
    long long id; /* the attendance row: `khai edit attendance ID` */
    long long member_id;
    long long version;
    char *name;         /* title, given and family name */
    char *organisation; /* the one they come for, else their first; "" */
    char *status, *category, *role, *group, *reason;
    char *given, *family; /* the sort key, with id */
};

/* Where a page starts, from a row already shown (NULL: the start or the end of the list). */
enum participants_from {
    PARTICIPANTS_AT,     /* at row and after it (a refresh in place); NULL: the first page */
    PARTICIPANTS_AFTER,  /* after row; NULL: the first page */
    PARTICIPANTS_BEFORE, /* the limit rows just before row, in list order; NULL: the last page */
};

/* Up to limit live participants of the event from row, in name order (given name, family
 * name, then id), into a malloc'd array (free with participants_free). */
int participants_page(struct db *db, long long event_id, const struct participant *row,
                      enum participants_from from, int limit, struct participant **out, size_t *n,
                      char **err);
void participants_free(struct participant *p, size_t n);

/* How many live participants the event has. */
int participants_count(struct db *db, long long event_id, long long *count, char **err);

/* The attendance ids of all the event's live participants (marking every row). malloc'd. */
int participants_ids(struct db *db, long long event_id, long long **ids, size_t *n, char **err);

#endif
