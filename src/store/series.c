/* Meeting series: a series' meetings and carried tasks, the next meeting and its undo. The
 * meetings of a series are read by events_by_series, the moves of a task by its index in
 * task_carries (schema/012-series.sql). */
#include "series.h"
#include "calendar.h"
#include "messages.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *column_text(sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    return xstrdup(v ? v : "");
}

static struct date column_date(sqlite3_stmt *st, int col)
{
    struct date d = {0, 0, 0};
    date_from_iso((const char *)sqlite3_column_text(st, col), &d);
    return d;
}

static const char meetings_sql[] =
    "SELECT e.id, e.start_date, e.title, e.status, coalesce(e.target, 0), (SELECT count(*) FROM "
    "attendance a WHERE a.event_id = e.id AND a.status = 'attended' AND a.deleted_at IS NULL) "
    "FROM events e WHERE e.series_id = ?1 AND e.deleted_at IS NULL ORDER BY e.start_date, e.id";

static const char carried_sql[] =
    "SELECT t.id, t.title, t.status, count(*) FROM task_carries c JOIN tasks t ON t.id = "
    "c.task_id WHERE c.to_event_id IN (SELECT id FROM events WHERE series_id = ?1) AND "
    "t.deleted_at IS NULL GROUP BY t.id HAVING count(*) > 1 ORDER BY count(*) DESC, t.id";

static int read_meetings(struct db *db, long long series_id, struct series_overview *o, char **err)
{
    sqlite3_stmt *st = db_prepare(db, meetings_sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, series_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        o->meetings = xrealloc(o->meetings, sizeof *o->meetings * (o->nmeetings + 1));
        o->meetings[o->nmeetings++] = (struct series_meeting){
            sqlite3_column_int64(st, 0), column_date(st, 1),          column_text(st, 2),
            column_text(st, 3),          sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5)};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the series");
        return -1;
    }
    return 0;
}

static int read_carried(struct db *db, long long series_id, struct series_overview *o, char **err)
{
    sqlite3_stmt *st = db_prepare(db, carried_sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, series_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        o->carried = xrealloc(o->carried, sizeof *o->carried * (o->ncarried + 1));
        o->carried[o->ncarried++] =
            (struct series_carried){sqlite3_column_int64(st, 0), column_text(st, 1),
                                    column_text(st, 2), sqlite3_column_int64(st, 3)};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the series");
        return -1;
    }
    return 0;
}

int series_overview(struct db *db, long long series_id, struct series_overview *out, char **err)
{
    *out = (struct series_overview){0};
    if (read_meetings(db, series_id, out, err) != 0 || read_carried(db, series_id, out, err) != 0) {
        series_overview_free(out);
        return -1;
    }
    return 0;
}

void series_overview_free(struct series_overview *o)
{
    for (size_t i = 0; i < o->nmeetings; i++) {
        free(o->meetings[i].title);
        free(o->meetings[i].status);
    }
    for (size_t i = 0; i < o->ncarried; i++) {
        free(o->carried[i].title);
        free(o->carried[i].status);
    }
    free(o->meetings);
    free(o->carried);
    *o = (struct series_overview){0};
}

/* ---- The next meeting ---- */

/* A series' rhythm and its first and latest live meetings. */
struct rhythm {
    int months, weeks;
    struct date first, latest;
};

static int series_rhythm(struct db *db, long long series_id, struct rhythm *r, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT every_months, every_weeks, (SELECT min(start_date) FROM events WHERE series_id = "
        "?1 AND deleted_at IS NULL), (SELECT max(start_date) FROM events WHERE series_id = ?1 AND "
        "deleted_at IS NULL) FROM series WHERE id = ?1",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, series_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *r = (struct rhythm){sqlite3_column_int(st, 0), sqlite3_column_int(st, 1),
                             column_date(st, 2), column_date(st, 3)};
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        *err = db_error(db, "cannot read the series");
        return -1;
    }
    return 0;
}

/* The first date of the rhythm, counted from the first meeting, after the latest: a series
 * that met on 31 Aug and then 28 Feb meets next on 31 Aug again. */
static struct date rhythm_next(const struct rhythm *r)
{
    struct date d = {0, 0, 0};
    for (int k = 1; k < 100000; k++) {
        d = calendar_nth_meeting(r->first, r->months, r->weeks, k);
        if (d.year == 0 || date_cmp(d, r->latest) > 0) return d;
    }
    return (struct date){0, 0, 0};
}

static long long series_of(const struct record *event)
{
    const long long *ids;
    return record_refs(event, F_EVENT_SERIES, &ids) ? ids[0] : 0;
}

int series_next_of(struct db *db, long long event_id, long long *series_id, struct date *next,
                   char **err)
{
    struct record *e = NULL;
    *series_id = 0;
    *next = (struct date){0, 0, 0};
    if (record_load(db, KIND_EVENT, event_id, &e, err) != 0) return -1;
    struct rhythm r = {atoi(record_get(e, F_EVENT_RECURRENCE)), 0, {0, 0, 0}, {0, 0, 0}};
    date_from_iso(record_get(e, F_EVENT_START_DATE), &r.first);
    r.latest = r.first;
    *series_id = series_of(e);
    record_free(&e);
    if (*series_id && series_rhythm(db, *series_id, &r, err) != 0) return -1;
    *next = rhythm_next(&r);
    return 0;
}

/* A series is named by its meetings' title without their count: "ประชุมเครือข่าย ครั้งที่
 * 8/2568" is "ประชุมเครือข่าย". malloc'd. */
static char *series_title(const char *title)
{
    const char *m = strstr(title, "ครั้งที่");
    size_t len = m ? (size_t)(m - title) : strlen(title);
    while (len && title[len - 1] == ' ')
        len--;
    return len ? xstrndup(title, len) : xstrdup(title);
}

/* The series the event belongs to, made for it (titled as the event, repeating as its
 * recurrence says) when it has none. */
static int ensure_series(struct db *db, struct record *event, long long *series_id, char **err)
{
    *series_id = series_of(event);
    if (*series_id) return 0;
    struct record *s = record_new(KIND_SERIES);
    char *title = series_title(record_get(event, F_EVENT_TITLE));
    record_set(s, F_SERIES_TITLE, title);
    free(title);
    record_set(s, F_SERIES_EVERY_MONTHS, record_get(event, F_EVENT_RECURRENCE));
    int rc = record_save(db, s, err);
    *series_id = s->id;
    record_free(&s);
    if (rc != 0) return -1;
    char id[32];
    snprintf(id, sizeof id, "%lld", *series_id);
    record_set(event, F_EVENT_SERIES, id);
    return record_save(db, event, err);
}

/* "ประชุมเครือข่าย ครั้งที่ 8" becomes "... ครั้งที่ 9": the count after ครั้งที่ or "No." goes
 * up by one; other titles stay as they are. malloc'd. */
static char *next_title(const char *title)
{
    static const char *const markers[] = {"ครั้งที่", "No.", "#", NULL};
    for (int i = 0; markers[i]; i++) {
        const char *m = strstr(title, markers[i]);
        if (!m) continue;
        const char *p = m + strlen(markers[i]);
        while (*p == ' ')
            p++;
        if (*p < '0' || *p > '9') continue;
        char *end;
        long n = strtol(p, &end, 10);
        if (end - p > 6) continue;
        return xasprintf("%.*s%ld%s", (int)(p - title), title, n + 1, end);
    }
    return xstrdup(title);
}

/* The new meeting: the last one's fields on the new date, planned, with no notes. */
static struct record *next_event(const struct record *last, struct date date, long long series_id)
{
    struct record *e = record_copy(last);
    const struct kind_info *ki = kind_info(KIND_EVENT);
    e->id = 0;
    e->version = 0;
    free(e->deleted_at);
    e->deleted_at = NULL;
    for (int i = 0; i < ki->nfields; i++)
        e->changed[i] = !(ki->fields[i].flags & FIELD_READONLY);
    char iso[16], id[32];
    struct date start = {0, 0, 0}, end = {0, 0, 0};
    date_from_iso(record_get(last, F_EVENT_START_DATE), &start);
    bool has_end = date_from_iso(record_get(last, F_EVENT_END_DATE), &end) == 0;
    char *title = next_title(record_get(last, F_EVENT_TITLE));
    record_set(e, F_EVENT_TITLE, title);
    free(title);
    date_format(date, DATE_ISO, iso, sizeof iso);
    record_set(e, F_EVENT_START_DATE, iso);
    date_format(calendar_add_days(date, calendar_days_between(start, end)), DATE_ISO, iso,
                sizeof iso);
    record_set(e, F_EVENT_END_DATE, has_end ? iso : "");
    record_set(e, F_EVENT_STATUS, "planned");
    record_set(e, F_EVENT_NOTES, "");
    record_set(e, F_EVENT_AGENDA, "");
    record_set(e, F_EVENT_MINUTES, "");
    snprintf(id, sizeof id, "%lld", series_id);
    record_set(e, F_EVENT_SERIES, id);
    return e;
}

/* Reads a column of ids from a query taking one id. */
static int read_ids(struct db *db, const char *sql, long long id, long long **ids, size_t *n,
                    char **err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, sizeof **ids * (*n + 1));
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *err = db_error(db, "cannot read the series");
        return -1;
    }
    return 0;
}

/* Moves a task to another event (audited as an edit of the task). */
static int move_task(struct db *db, long long task_id, long long event_id, char **err)
{
    struct record *t = NULL;
    if (record_load(db, KIND_TASK, task_id, &t, err) != 0) return -1;
    char id[32];
    snprintf(id, sizeof id, "%lld", event_id);
    record_set(t, F_TASK_EVENT_ID, id);
    int rc = record_save(db, t, err);
    record_free(&t);
    return rc;
}

static int carry_tasks(struct db *db, long long from, long long to, size_t *carried, char **err)
{
    long long *ids;
    size_t n;
    if (read_ids(db,
                 "SELECT id FROM tasks WHERE event_id = ?1 AND status IN ('open', 'in_progress') "
                 "AND deleted_at IS NULL ORDER BY id",
                 from, &ids, &n, err) != 0)
        return -1;
    char now[32];
    db_now(now);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = move_task(db, ids[i], to, err);
        sqlite3_stmt *st =
            rc ? NULL
               : db_prepare(db,
                            "INSERT INTO task_carries (task_id, from_event_id, to_event_id, "
                            "carried_at, carried_by) VALUES (?1, ?2, ?3, ?4, ?5)",
                            err);
        if (!st) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_int64(st, 2, from);
        sqlite3_bind_int64(st, 3, to);
        sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, db_user(db), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) {
            *err = db_error(db, "cannot carry a task over");
            rc = -1;
        }
        sqlite3_reset(st);
    }
    free(ids);
    *carried = rc == 0 ? n : 0;
    return rc;
}

/* The people who attended from are invited to to, each for the organisation, in the category
 * and role they came in. */
static int invite_attendees(struct db *db, long long from, long long to, size_t *invited,
                            char **err)
{
    struct list_query q = {.kind = KIND_ATTENDANCE, .event_id = from, .status = "attended"};
    struct record **rows;
    size_t n;
    *invited = 0;
    if (list_fetch(db, &q, 0, 1 << 30, &rows, &n, err) != 0) return -1;
    char event[32];
    snprintf(event, sizeof event, "%lld", to);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct record *a = record_copy(rows[i]);
        const struct kind_info *ki = kind_info(KIND_ATTENDANCE);
        a->id = 0;
        a->version = 0;
        for (int f = 0; f < ki->nfields; f++)
            a->changed[f] = !(ki->fields[f].flags & FIELD_READONLY);
        record_set(a, F_ATTENDANCE_EVENT_ID, event);
        record_set(a, F_ATTENDANCE_STATUS, "invited");
        record_set(a, F_ATTENDANCE_REASON, "");
        record_set(a, F_ATTENDANCE_GROUP, ""); /* each meeting makes its own groups */
        rc = record_save(db, a, err);
        record_free(&a);
    }
    list_free(rows, n);
    *invited = rc == 0 ? n : 0;
    return rc;
}

static int make_next(struct db *db, long long event_id, struct date date, bool invite,
                     struct next_meeting *out, char **err)
{
    struct record *last = NULL, *e = NULL;
    int rc = -1;
    if (record_load(db, KIND_EVENT, event_id, &last, err) != 0) goto done;
    if (last->deleted_at) {
        char id[32];
        snprintf(id, sizeof id, "%lld", event_id);
        *err = xasprintf(_("%s %s was deleted: restore it first"), kind_noun(KIND_EVENT), id);
        goto done;
    }
    if (ensure_series(db, last, &out->series_id, err) != 0) goto done;
    if (date.year == 0) {
        struct rhythm r;
        if (series_rhythm(db, out->series_id, &r, err) != 0) goto done;
        date = rhythm_next(&r);
        if (date.year == 0) {
            *err = xstrdup(_("the series repeats on no fixed rhythm: give the date of the next "
                             "meeting"));
            goto done;
        }
    }
    e = next_event(last, date, out->series_id);
    if (record_save(db, e, err) != 0) goto done;
    out->event_id = e->id;
    out->date = date;
    if (carry_tasks(db, event_id, e->id, &out->tasks_carried, err) != 0 ||
        (invite && invite_attendees(db, event_id, e->id, &out->invited, err) != 0))
        goto done;
    rc = 0;
done:
    record_free(&last);
    record_free(&e);
    return rc;
}

int series_next_meeting(struct db *db, long long event_id, struct date date, bool invite,
                        struct next_meeting *out, char **err)
{
    *out = (struct next_meeting){0};
    if (db_begin(db, err) != 0) return -1;
    if (make_next(db, event_id, date, invite, out, err) != 0 || db_commit(db, err) != 0) {
        db_rollback(db);
        *out = (struct next_meeting){0};
        return -1;
    }
    return 0;
}

static int forget_carry(struct db *db, long long carry_id, char **err)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM task_carries WHERE id = ?1", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, carry_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = db_error(db, "cannot undo carrying a task over");
    return -1;
}

/* The tasks carried to the meeting go back to where they came from. */
static int uncarry_tasks(struct db *db, long long event_id, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT id, task_id, from_event_id FROM task_carries WHERE to_event_id = ?1", err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    long long(*moves)[3] = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        moves = xrealloc(moves, sizeof *moves * (n + 1));
        for (int c = 0; c < 3; c++)
            moves[n][c] = sqlite3_column_int64(st, c);
        n++;
    }
    sqlite3_reset(st);
    rc = rc == SQLITE_DONE ? 0 : -1;
    if (rc != 0) *err = db_error(db, "cannot read the series");
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = move_task(db, moves[i][1], moves[i][2], err);
        if (rc == 0) rc = forget_carry(db, moves[i][0], err);
    }
    free(moves);
    return rc;
}

static int undo_next(struct db *db, long long event_id, char **err)
{
    long long *people;
    size_t n;
    if (uncarry_tasks(db, event_id, err) != 0 ||
        read_ids(db,
                 "SELECT id FROM attendance WHERE event_id = ?1 AND deleted_at IS NULL ORDER BY id",
                 event_id, &people, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = record_delete(db, KIND_ATTENDANCE, people[i], err);
    free(people);
    return rc == 0 ? record_delete(db, KIND_EVENT, event_id, err) : -1;
}

int series_next_meeting_undo(struct db *db, long long new_event_id, char **err)
{
    if (db_begin(db, err) != 0) return -1;
    if (undo_next(db, new_event_id, err) != 0 || db_commit(db, err) != 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int series_task_carried_from(struct db *db, long long task_id, long long **events, size_t *n,
                             char **err)
{
    return read_ids(db,
                    "SELECT from_event_id FROM task_carries WHERE task_id = ?1 ORDER BY "
                    "carried_at, id",
                    task_id, events, n, err);
}
