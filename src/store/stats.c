/* Summaries computed from attendance: turnout against target, quotas and organisations. */
#include "invitation.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static int summary_counts(struct db *db, long long event_id, struct event_summary *s, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT coalesce((SELECT target FROM events WHERE id = ?1), 0), "
        "count(*) FILTER (WHERE status = 'invited'), count(*) FILTER (WHERE status = "
        "'confirmed'), count(*) FILTER (WHERE status = 'attended'), count(*) FILTER (WHERE "
        "status = 'absent'), count(*) FILTER (WHERE status = 'cancelled'), count(DISTINCT "
        "org_id) FILTER (WHERE status = 'attended') FROM attendance WHERE event_id = ?1 AND "
        "deleted_at IS NULL",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long *out[] = {&s->target, &s->invited,   &s->confirmed,    &s->attended,
                            &s->absent, &s->cancelled, &s->organisations};
        for (int i = 0; i < 7; i++)
            *out[i] = sqlite3_column_int64(st, i);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count attendance");
        return -1;
    }
    return 0;
}

/* The places of those who came against the event's targets for them. A subdistrict is told
 * apart by its district and province: two provinces each have a ตำบลในเมือง. */
static int summary_coverage(struct db *db, long long event_id, struct event_summary *s, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT coalesce(target_orgs, 0), coalesce(target_subdistricts, 0), "
        "coalesce(target_districts, 0), coalesce(target_provinces, 0) FROM events WHERE id = ?1",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long *out[] = {&s->target_orgs, &s->target_subdistricts, &s->target_districts,
                            &s->target_provinces};
        for (int i = 0; i < 4; i++)
            *out[i] = sqlite3_column_int64(st, i);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot count attendance");
        return -1;
    }
    st = db_prepare(db,
                    "SELECT count(DISTINCT coalesce(m.province, '') || '/' || m.district || '/' "
                    "|| m.subdistrict) FILTER (WHERE m.subdistrict <> ''), count(DISTINCT "
                    "coalesce(m.province, '') || '/' || m.district) FILTER (WHERE m.district <> "
                    "''), count(DISTINCT m.province) FROM attendance a JOIN members m ON m.id = "
                    "a.member_id WHERE a.event_id = ?1 AND a.status = 'attended' AND "
                    "a.deleted_at IS NULL",
                    err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->subdistricts = sqlite3_column_int64(st, 0);
        s->districts = sqlite3_column_int64(st, 1);
        s->provinces = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot count attendance");
        return -1;
    }
    return 0;
}

/* Quota categories first, in their order, then categories people came under without one. */
static int summary_categories(struct db *db, long long event_id, struct event_summary *s,
                              char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT category, max(target), sum(attended) FROM (SELECT category, target, 0 AS "
        "attended, position FROM event_quotas WHERE event_id = ?1 UNION ALL SELECT category, 0, "
        "1, 1000000 FROM attendance WHERE event_id = ?1 AND status = 'attended' AND deleted_at "
        "IS NULL AND category <> '') GROUP BY category ORDER BY min(position), category COLLATE "
        "thai",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        s->categories = xrealloc(s->categories, sizeof *s->categories * (s->ncategories + 1));
        struct category_count *c = &s->categories[s->ncategories++];
        c->category = xstrdup((const char *)sqlite3_column_text(st, 0));
        c->target = sqlite3_column_int64(st, 1);
        c->attended = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot count attendance");
        return -1;
    }
    return 0;
}

int event_summary(struct db *db, long long event_id, struct event_summary *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (summary_counts(db, event_id, out, err) != 0 ||
        summary_coverage(db, event_id, out, err) != 0 ||
        invitation_counts(db, event_id, &out->invitations, err) != 0 ||
        summary_categories(db, event_id, out, err) != 0) {
        event_summary_free(out);
        return -1;
    }
    return 0;
}

void event_summary_free(struct event_summary *s)
{
    for (size_t i = 0; i < s->ncategories; i++)
        free(s->categories[i].category);
    free(s->categories);
    memset(s, 0, sizeof *s);
}

int model_counts(struct db *db, long long counts[KIND_COUNT], char **err)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        struct list_query q = {.kind = (enum kind)k};
        if (list_count(db, &q, &counts[k], err) != 0) return -1;
    }
    return 0;
}
