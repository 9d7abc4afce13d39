/* Who is printed for an event: its invited, confirmed and attended people with what the
 * sheet and the badges show of them, in Thai dictionary order. Through the model API. */
#include "print_internal.h"
#include "collate.h"
#include "messages.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The first of several values joined by LIST_SEPARATOR. */
static char *first_value(const char *list)
{
    const char *end = strstr(list, LIST_SEPARATOR);
    return end ? xstrndup(list, (size_t)(end - list)) : xstrdup(list);
}

static bool printed_status(const char *status)
{
    return strcmp(status, "invited") == 0 || strcmp(status, "confirmed") == 0 ||
           strcmp(status, "attended") == 0;
}

struct gather {
    struct db *db;
    struct roster *r;
    size_t cap;
    char **err;
};

static int add_attendee(const struct record *row, void *ctx)
{
    struct gather *g = ctx;
    const long long *ids;
    if (!printed_status(record_get(row, F_ATTENDANCE_STATUS)) ||
        record_refs(row, F_ATTENDANCE_MEMBER_ID, &ids) == 0)
        return 0;
    struct record *m;
    int rc = record_load(g->db, KIND_MEMBER, ids[0], &m, g->err);
    if (rc == 1) { /* gone between the two reads: nobody to print */
        free(*g->err);
        *g->err = NULL;
        return 0;
    }
    if (rc != 0) return -1;
    if (!m->deleted_at) {
        if (g->r->n == g->cap) {
            g->cap = g->cap ? g->cap * 2 : 64;
            g->r->people = xrealloc(g->r->people, g->cap * sizeof *g->r->people);
        }
        const char *org = record_get(row, F_ATTENDANCE_ORGANISATION);
        g->r->people[g->r->n++] = (struct attendee){
            .name = record_display_name(m),
            .given = xstrdup(record_get(m, F_MEMBER_GIVEN_NAME)),
            .family = xstrdup(record_get(m, F_MEMBER_FAMILY_NAME)),
            .nickname = xstrdup(record_get(m, F_MEMBER_NICKNAME)),
            .organisation = first_value(*org ? org : record_get(m, F_MEMBER_ORGANISATIONS)),
            .phone = first_value(record_get(m, F_MEMBER_PHONE)),
            .group = xstrdup(record_get(row, F_ATTENDANCE_GROUP)),
            .member_id = m->id,
        };
    }
    record_free(&m);
    return 0;
}

static int thai_cmp(const char *a, const char *b)
{
    return thai_collate(a, strlen(a), b, strlen(b));
}

static int by_name(const void *pa, const void *pb)
{
    const struct attendee *a = pa, *b = pb;
    int c = thai_cmp(a->given, b->given);
    if (!c) c = thai_cmp(a->family, b->family);
    return c ? c : (a->member_id > b->member_id) - (a->member_id < b->member_id);
}

static int by_group(const void *pa, const void *pb)
{
    const struct attendee *a = pa, *b = pb;
    if (!*a->group != !*b->group) return *a->group ? -1 : 1; /* no group last */
    int c = thai_cmp(a->group, b->group);
    return c ? c : by_name(pa, pb);
}

int roster_load(struct db *db, long long event_id, enum print_order order, struct roster *r,
                char **err)
{
    *r = (struct roster){0};
    int rc = record_load(db, KIND_EVENT, event_id, &r->event, err);
    if (rc == 0 && r->event->deleted_at) rc = 1;
    if (rc == 1) {
        free(*err);
        *err =
            xasprintf(_("there is no event %lld (`khai list events` shows their ids)"), event_id);
    }
    if (rc != 0) {
        roster_free(r);
        return -1;
    }
    struct list_query q = {.kind = KIND_ATTENDANCE, .event_id = event_id};
    struct gather g = {db, r, 0, err};
    if (list_each(db, &q, add_attendee, &g, err) != 0) {
        roster_free(r);
        return -1;
    }
    if (r->n)
        qsort(r->people, r->n, sizeof *r->people, order == PRINT_BY_GROUP ? by_group : by_name);
    return 0;
}

void roster_free(struct roster *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct attendee *a = &r->people[i];
        free(a->name);
        free(a->given);
        free(a->family);
        free(a->nickname);
        free(a->organisation);
        free(a->phone);
        free(a->group);
    }
    free(r->people);
    record_free(&r->event);
    *r = (struct roster){0};
}
