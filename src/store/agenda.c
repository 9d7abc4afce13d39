/* The agenda of a date range: events, due tasks and the next meetings of recurring events.
 * Each query is shaped for an index: events by start date (events_by_date) and, for those
 * that began before the range, by end date (events_by_end_date); tasks by status and due date
 * (tasks_by_due); recurring events by their partial index (events_recurring). */
#include "agenda.h"
#include "calendar.h"
#include "store_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENT_COLUMNS "id, start_date, end_date, start_time, end_time, title, status"

/* Events that start in the range, and events that started before it and reach into it. */
static const char *const events_sql[] = {
    "SELECT " EVENT_COLUMNS " FROM events WHERE start_date BETWEEN ?1 AND ?2 AND deleted_at IS "
    "NULL",
    "SELECT " EVENT_COLUMNS " FROM events WHERE end_date >= ?1 AND start_date < ?1 AND "
    "deleted_at IS NULL",
};

static const char *const tasks_sql =
    "SELECT id, due_date, due_date, '', '', title, status FROM tasks WHERE status IN ('open', "
    "'in_progress') AND due_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL";

/* In the partial index's order, so that it is the index read: the series are sorted in C. */
static const char *const recurring_sql =
    "SELECT " EVENT_COLUMNS ", recurrence_months FROM events WHERE recurrence_months > 0 AND "
    "deleted_at IS NULL AND series_id IS NULL ORDER BY title, start_date";

/* The latest meeting of each series that has a rhythm, and its first, which the rhythm is
 * counted from as khai next counts it (events_by_series finds both). */
static const char *const series_sql =
    "SELECT e.id, e.start_date, e.end_date, e.start_time, e.end_time, e.title, e.status, "
    "s.every_months, s.every_weeks, (SELECT min(start_date) FROM events WHERE series_id = s.id "
    "AND deleted_at IS NULL) FROM series s JOIN events e ON e.id = (SELECT id FROM events "
    "WHERE series_id = s.id AND deleted_at IS NULL ORDER BY start_date DESC, id DESC LIMIT 1) "
    "WHERE s.deleted_at IS NULL AND (s.every_months > 0 OR s.every_weeks > 0)";

static struct date column_date(sqlite3_stmt *st, int col)
{
    struct date d = {0, 0, 0};
    date_from_iso((const char *)sqlite3_column_text(st, col), &d);
    return d;
}

static void column_copy(sqlite3_stmt *st, int col, char *buf, size_t n)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    buf[0] = '\0';
    if (v) strncat(buf, v, n - 1);
}

static char *column_text(sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    return xstrdup(v ? v : "");
}

/* Room for one more: the array doubles at each power of two (an agenda at 1,000,000 members
 * holds thousands of items, and a realloc for each copied them again and again). */
static void *grow(void *array, size_t size, size_t n)
{
    return n && (n & (n - 1)) ? array : xrealloc(array, size * (n ? 2 * n : 1));
}

static struct agenda_item *add_item(struct agenda *a)
{
    a->items = grow(a->items, sizeof *a->items, a->n);
    struct agenda_item *it = &a->items[a->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* An item from a row of EVENT_COLUMNS. */
static void item_from_row(sqlite3_stmt *st, enum agenda_what what, struct agenda_item *it)
{
    it->what = what;
    it->id = sqlite3_column_int64(st, 0);
    it->start = column_date(st, 1);
    it->end = column_date(st, 2);
    column_copy(st, 3, it->start_time, sizeof it->start_time);
    column_copy(st, 4, it->end_time, sizeof it->end_time);
    it->title = column_text(st, 5);
    it->status = column_text(st, 6);
}

static int read_rows(struct db *db, const char *sql, const char *from, const char *to,
                     enum agenda_what what, struct agenda *a, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        item_from_row(st, what, add_item(a));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the agenda");
        return -1;
    }
    return 0;
}

/* Adds the meetings every `months` months (or `weeks` weeks) counted from origin that come
 * after the meeting it, fall on or after today and cover a day of from..to. */
static void add_next_meetings(const struct agenda_item *it, struct date origin, int months,
                              int weeks, struct date from, struct date to, struct date today,
                              struct agenda *a)
{
    long length = calendar_days_between(it->start, it->end);
    for (int k = 1;; k++) {
        struct date start = calendar_nth_meeting(origin, months, weeks, k);
        if (start.year == 0 || date_cmp(start, to) > 0) return;
        if (date_cmp(start, it->start) <= 0 || date_cmp(start, today) < 0) continue;
        /* the end only matters for a meeting that starts before the range (most do not) */
        struct date end = length ? calendar_add_days(start, length) : start;
        if (end.year == 0 || date_cmp(end, from) < 0) continue;
        struct agenda_item *next = add_item(a);
        *next = *it;
        next->what = AGENDA_NEXT_MEETING;
        next->start = start;
        next->end = end;
        next->title = xstrdup(it->title);
        next->status = xstrdup("planned");
    }
}

/* A recurring meeting and the series it belongs to. */
struct series_row {
    struct agenda_item item;
    int months;
    char *key; /* the recurrence and the title without its digits */
};

/* Meetings of one series are numbered in their titles (ครั้งที่ 8/2568, ครั้งที่ 9/2568):
 * the title without its digits, ASCII or Thai, and the recurrence name the series. */
static char *series_key(const char *title, int months)
{
    size_t len = strlen(title);
    char *key = xmalloc(len + 16);
    char *out = key + snprintf(key, 16, "%d\t", months);
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        if (*p >= '0' && *p <= '9') continue;
        if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) { /* ๐-๙ */
            p += 2;
            continue;
        }
        *out++ = (char)*p;
    }
    *out = '\0';
    return key;
}

static int compare_series(const void *pa, const void *pb)
{
    const struct series_row *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c) return c;
    c = date_cmp(a->item.start, b->item.start);
    return c ? c : (a->item.id > b->item.id) - (a->item.id < b->item.id);
}

static int read_series(struct db *db, struct series_row **rows, size_t *n, char **err)
{
    sqlite3_stmt *st = db_prepare(db, recurring_sql, err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *rows = grow(*rows, sizeof **rows, *n);
        struct series_row *r = &(*rows)[(*n)++];
        item_from_row(st, AGENDA_EVENT, &r->item);
        r->months = sqlite3_column_int(st, 7);
        r->key = series_key(r->item.title, r->months);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the agenda");
        return -1;
    }
    return 0;
}

/* Only the latest meeting of each series repeats, unless it was cancelled. */
static int read_next_meetings(struct db *db, struct date from, struct date to, struct date today,
                              struct agenda *a, char **err)
{
    struct series_row *rows = NULL;
    size_t n = 0;
    int rc = read_series(db, &rows, &n, err);
    if (rc == 0 && n) qsort(rows, n, sizeof *rows, compare_series);
    for (size_t i = 0; i < n; i++) {
        bool latest = i + 1 == n || strcmp(rows[i].key, rows[i + 1].key) != 0;
        if (rc == 0 && latest && strcmp(rows[i].item.status, "cancelled") != 0)
            add_next_meetings(&rows[i].item, rows[i].item.start, rows[i].months, 0, from, to, today,
                              a);
        free(rows[i].item.title);
        free(rows[i].item.status);
        free(rows[i].key);
    }
    free(rows);
    return rc;
}

/* The next meetings of the series that have a rhythm, unless their latest was cancelled. */
static int read_series_meetings(struct db *db, struct date from, struct date to, struct date today,
                                struct agenda *a, char **err)
{
    sqlite3_stmt *st = db_prepare(db, series_sql, err);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct agenda_item last;
        item_from_row(st, AGENDA_EVENT, &last);
        if (strcmp(last.status, "cancelled") != 0)
            add_next_meetings(&last, column_date(st, 9), sqlite3_column_int(st, 7),
                              sqlite3_column_int(st, 8), from, to, today, a);
        free(last.title);
        free(last.status);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read the agenda");
        return -1;
    }
    return 0;
}

static int compare_items(const void *pa, const void *pb)
{
    const struct agenda_item *a = pa, *b = pb;
    int c = date_cmp(a->start, b->start);
    if (c) return c;
    bool a_task = a->what == AGENDA_TASK, b_task = b->what == AGENDA_TASK;
    if (a_task != b_task) return a_task ? 1 : -1;
    c = strcmp(a->start_time, b->start_time);
    if (c) return c;
    if (a->what != b->what) return a->what < b->what ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

int agenda_between(struct db *db, struct date from, struct date to, struct date today,
                   struct agenda *out, char **err)
{
    *out = (struct agenda){NULL, 0};
    char first[16], last[16];
    date_format(from, DATE_ISO, first, sizeof first);
    date_format(to, DATE_ISO, last, sizeof last);
    int rc = 0;
    for (size_t i = 0; i < sizeof events_sql / sizeof events_sql[0] && rc == 0; i++)
        rc = read_rows(db, events_sql[i], first, last, AGENDA_EVENT, out, err);
    if (rc == 0) rc = read_rows(db, tasks_sql, first, last, AGENDA_TASK, out, err);
    if (rc == 0) rc = read_next_meetings(db, from, to, today, out, err);
    if (rc == 0) rc = read_series_meetings(db, from, to, today, out, err);
    if (rc != 0) {
        agenda_free(out);
        return -1;
    }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, compare_items);
    return 0;
}

/* One probe a day: a month at 1,000,000 members holds some 3,000 open tasks, which the month's
 * marks need not read one by one (tasks_by_due finds the first of a day). */
static const char *const task_on_day_sql =
    "SELECT 1 FROM tasks WHERE status IN ('open', 'in_progress') AND due_date = ?1 AND "
    "deleted_at IS NULL LIMIT 1";

static void mark_days(const struct agenda *a, struct date from, long ndays, bool *busy)
{
    for (size_t i = 0; i < a->n; i++) {
        long first = calendar_days_between(from, a->items[i].start);
        long last = calendar_days_between(from, a->items[i].end);
        for (long d = first < 0 ? 0 : first; d <= last && d < ndays; d++)
            busy[d] = true;
    }
}

static int mark_task_days(struct db *db, struct date from, long ndays, bool *busy, char **err)
{
    sqlite3_stmt *st = db_prepare(db, task_on_day_sql, err);
    if (!st) return -1;
    for (long d = 0; d < ndays; d++) {
        if (busy[d]) continue;
        char day[16];
        date_format(calendar_add_days(from, d), DATE_ISO, day, sizeof day);
        sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            *err = db_error(db, "cannot read the agenda");
            return -1;
        }
        busy[d] = rc == SQLITE_ROW;
    }
    return 0;
}

int agenda_meetings(struct db *db, struct date from, struct date to, struct date today,
                    struct agenda *out, char **err)
{
    *out = (struct agenda){NULL, 0};
    int rc = read_next_meetings(db, from, to, today, out, err);
    if (rc == 0) rc = read_series_meetings(db, from, to, today, out, err);
    if (rc != 0) agenda_free(out);
    return rc;
}

int agenda_busy_days(struct db *db, struct date from, struct date to, const struct agenda *meetings,
                     bool *busy, char **err)
{
    long ndays = calendar_days_between(from, to) + 1;
    if (ndays <= 0) return 0;
    memset(busy, 0, sizeof *busy * (size_t)ndays);
    struct agenda a = {NULL, 0};
    char first[16], last[16];
    date_format(from, DATE_ISO, first, sizeof first);
    date_format(to, DATE_ISO, last, sizeof last);
    int rc = 0;
    for (size_t i = 0; i < sizeof events_sql / sizeof events_sql[0] && rc == 0; i++)
        rc = read_rows(db, events_sql[i], first, last, AGENDA_EVENT, &a, err);
    if (rc == 0) mark_days(&a, from, ndays, busy);
    agenda_free(&a);
    mark_days(meetings, from, ndays, busy);
    return rc == 0 ? mark_task_days(db, from, ndays, busy, err) : -1;
}

int agenda_day(struct db *db, struct date day, const struct agenda *meetings, struct agenda *out,
               char **err)
{
    *out = (struct agenda){NULL, 0};
    char iso[16];
    date_format(day, DATE_ISO, iso, sizeof iso);
    int rc = 0;
    for (size_t i = 0; i < sizeof events_sql / sizeof events_sql[0] && rc == 0; i++)
        rc = read_rows(db, events_sql[i], iso, iso, AGENDA_EVENT, out, err);
    if (rc == 0) rc = read_rows(db, tasks_sql, iso, iso, AGENDA_TASK, out, err);
    if (rc != 0) {
        agenda_free(out);
        return -1;
    }
    for (size_t i = 0; i < meetings->n; i++)
        if (agenda_covers(&meetings->items[i], day)) {
            struct agenda_item *it = add_item(out);
            *it = meetings->items[i];
            it->title = xstrdup(it->title);
            it->status = xstrdup(it->status);
        }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, compare_items);
    return 0;
}

void agenda_free(struct agenda *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->items[i].title);
        free(a->items[i].status);
    }
    free(a->items);
    *a = (struct agenda){NULL, 0};
}

bool agenda_covers(const struct agenda_item *item, struct date d)
{
    return date_cmp(item->start, d) <= 0 && date_cmp(d, item->end) <= 0;
}
