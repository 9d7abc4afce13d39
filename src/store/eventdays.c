/* The days a person came to an event that lasts several days: checked and written with
 * their attendance row, chosen at check-in, and counted for the event's report. */
#include "calendar.h"
#include "eventdays.h"
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "thaidate.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static char chosen_day[11]; /* checkin_day_choose: "" for the default */

/* The event's first and last day. */
static int event_span(struct db *db, long long event_id, struct date *start, struct date *end,
                      char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT start_date, coalesce(nullif(end_date, ''), start_date) FROM events WHERE id = ?1",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = -1;
    if (sqlite3_step(st) == SQLITE_ROW &&
        date_from_iso((const char *)sqlite3_column_text(st, 0), start) == 0 &&
        date_from_iso((const char *)sqlite3_column_text(st, 1), end) == 0)
        rc = 0;
    else
        *err = xasprintf(_("no event %lld"), event_id);
    sqlite3_reset(st);
    if (rc == 0 && calendar_days_between(*start, *end) >= EVENT_DAYS_MAX) *end = *start;
    return rc;
}

static void iso(struct date d, char out[11])
{
    char buf[32];
    date_format(d, DATE_ISO, buf, sizeof buf);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int event_days(struct db *db, long long event_id, char ***days, size_t *n, char **err)
{
    *days = NULL;
    *n = 0;
    struct date start, end;
    if (event_span(db, event_id, &start, &end, err) != 0) return -1;
    long count = calendar_days_between(start, end) + 1;
    *days = xcalloc((size_t)count, sizeof **days);
    for (long i = 0; i < count; i++) {
        char buf[11];
        iso(calendar_add_days(start, i), buf);
        (*days)[(*n)++] = xstrdup(buf);
    }
    return 0;
}

void event_days_free(char **days, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(days[i]);
    free(days);
}

static bool within(struct date d, struct date start, struct date end)
{
    return date_cmp(d, start) >= 0 && date_cmp(d, end) <= 0;
}

static char *span_text(struct date start, struct date end)
{
    char a[64], b[64];
    date_format(start, DATE_THAI, a, sizeof a);
    date_format(end, DATE_THAI, b, sizeof b);
    return xasprintf("%s – %s", a, b);
}

int event_day_parse(struct db *db, long long event_id, const char *input, char day[11], char **err)
{
    struct date start, end, d, to;
    char why[256];
    if (event_span(db, event_id, &start, &end, err) != 0) return -1;
    if (date_parse(input, date_today(), &d, &to, why, sizeof why) != 0) {
        *err = xstrdup(why);
        return -1;
    }
    if (date_cmp(d, to) != 0 || !within(d, start, end)) {
        char *span = span_text(start, end);
        *err = xasprintf(_("\"%s\" is not a day of event %lld (%s)"), input, event_id, span);
        free(span);
        return -1;
    }
    iso(d, day);
    return 0;
}

void checkin_day_choose(const char *day)
{
    size_t n = day ? strnlen(day, 10) : 0;
    memcpy(chosen_day, day ? day : "", n);
    chosen_day[n] = '\0';
}

bool checkin_day_for(struct db *db, long long event_id, char day[11], char **err)
{
    struct date start, end, today = date_today();
    day[0] = '\0';
    char *why = NULL;
    if (event_span(db, event_id, &start, &end, &why) != 0) {
        if (err)
            *err = why;
        else
            free(why);
        return false;
    }
    if (date_cmp(start, end) == 0) return false;
    struct date d;
    if (chosen_day[0] && date_from_iso(chosen_day, &d) == 0 && within(d, start, end))
        iso(d, day);
    else
        iso(within(today, start, end) ? today : start, day);
    return true;
}

/* ------------------------------------------------------------------------------------------
 * Checking and writing a row's days */

static int compare_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds each day of the range typed in item (one date, or 24-25 มี.ค. 2552) that is a day of
 * the event; an item outside the event fails naming it. */
static int add_item(const char *item, struct date start, struct date end, char ***days, size_t *n,
                    struct model_error *e)
{
    struct date from, to;
    char why[256];
    if (date_parse(item, date_today(), &from, &to, why, sizeof why) != 0)
        return model_error_take(e, F_ATTENDANCE_DAYS, xstrdup(why));
    if (!within(from, start, end) || !within(to, start, end)) {
        char *span = span_text(start, end);
        model_error_set(e, F_ATTENDANCE_DAYS, N_("\"%s\" is not a day of the event (%s)"), item,
                        span, NULL);
        free(span);
        return -1;
    }
    for (struct date d = from; date_cmp(d, to) <= 0; d = calendar_add_days(d, 1)) {
        char buf[11];
        iso(d, buf);
        *days = xrealloc(*days, sizeof **days * (*n + 1));
        (*days)[(*n)++] = xstrdup(buf);
    }
    return 0;
}

/* "24/3/2552, 25 มี.ค. 2552" → "2009-03-24; 2009-03-25": sorted, each day once. */
static int normalise_days(const char *text, struct date start, struct date end, char **out,
                          struct model_error *e)
{
    char **days = NULL;
    size_t n = 0;
    int rc = 0;
    for (const char *p = text; rc == 0 && *p;) {
        size_t len = strcspn(p, ";,\n");
        char *item = xstrndup(p, len);
        char *s = item;
        while (*s == ' ' || *s == '\t')
            s++;
        for (size_t k = strlen(s); k && (s[k - 1] == ' ' || s[k - 1] == '\t'); k--)
            s[k - 1] = '\0';
        if (*s) rc = add_item(s, start, end, &days, &n, e);
        free(item);
        p += len;
        if (*p) p++;
    }
    if (rc == 0) {
        if (n) qsort(days, n, sizeof *days, compare_text);
        struct strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < n; i++)
            if (i == 0 || strcmp(days[i], days[i - 1]) != 0)
                sb_addf(&sb, "%s%s", sb.len ? LIST_SEPARATOR : "", days[i]);
        *out = sb_take(&sb);
    }
    event_days_free(days, n);
    return rc;
}

int attendance_days_rule(struct db *db, long long event_id, bool arriving, struct stored *days,
                         bool *changed, struct model_error *e)
{
    const char *text = days->text ? days->text : "";
    if (!*text && !arriving) return 0;
    struct date start, end;
    char *err = NULL;
    if (event_span(db, event_id, &start, &end, &err) != 0)
        return model_error_take(e, F_ATTENDANCE_EVENT_ID, err);
    char *norm = NULL;
    if (normalise_days(text, start, end, &norm, e) != 0) return -1;
    /* Someone marked as come during a multi-day event came today. */
    struct date today = date_today();
    if (!*norm && arriving && date_cmp(start, end) != 0 && within(today, start, end)) {
        free(norm);
        norm = xmalloc(11);
        iso(today, norm);
    }
    if (strcmp(norm, text) != 0) *changed = true;
    free(days->text);
    days->text = norm;
    return 0;
}

int write_attendance_days(struct db *db, long long attendance_id, const struct stored *days,
                          char **err)
{
    sqlite3_stmt *del = db_prepare(db, "DELETE FROM attendance_days WHERE attendance_id = ?1", err);
    if (!del) return -1;
    sqlite3_bind_int64(del, 1, attendance_id);
    int rc = sqlite3_step(del);
    sqlite3_reset(del);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot save");
        return -1;
    }
    const char *p = days->text ? days->text : "";
    while (*p) {
        size_t len = strcspn(p, "; ");
        if (len) {
            sqlite3_stmt *st = db_prepare(
                db, "INSERT OR IGNORE INTO attendance_days (attendance_id, day) VALUES (?1, ?2)",
                err);
            if (!st) return -1;
            sqlite3_bind_int64(st, 1, attendance_id);
            sqlite3_bind_text(st, 2, p, (int)len, SQLITE_TRANSIENT);
            rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE) {
                *err = db_error(db, "cannot save");
                return -1;
            }
        }
        p += len;
        while (*p == ';' || *p == ' ')
            p++;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Counting */

static int count_days(struct db *db, long long event_id, struct event_day_counts *out, char **err)
{
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT d.day, count(*) FROM attendance a JOIN attendance_days "
                                  "d ON d.attendance_id = a.id WHERE a.event_id = ?1 AND "
                                  "a.status = 'attended' AND a.deleted_at IS NULL GROUP BY d.day",
                                  err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *day = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; i < out->n; i++)
            if (strcmp(out->days[i].day, day) == 0) out->days[i].came = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) *err = db_error(db, "cannot read the attendance");
    return rc == SQLITE_DONE ? 0 : -1;
}

static int count_people(struct db *db, long long event_id, struct event_day_counts *out, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM attendance_days d WHERE "
        "d.attendance_id = a.id)), 0) FROM attendance a WHERE a.event_id = ?1 AND a.status = "
        "'attended' AND a.deleted_at IS NULL",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->any_day = sqlite3_column_int64(st, 0);
        out->unrecorded = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) *err = db_error(db, "cannot read the attendance");
    return rc == SQLITE_ROW ? 0 : -1;
}

int event_day_counts(struct db *db, long long event_id, struct event_day_counts *out, char **err)
{
    *out = (struct event_day_counts){0};
    char **days;
    size_t n;
    if (event_days(db, event_id, &days, &n, err) != 0) return -1;
    out->days = xcalloc(n ? n : 1, sizeof *out->days);
    for (size_t i = 0; i < n; i++)
        memcpy(out->days[i].day, days[i], 11);
    out->n = n;
    event_days_free(days, n);
    if (count_days(db, event_id, out, err) != 0 || count_people(db, event_id, out, err) != 0) {
        event_day_counts_free(out);
        return -1;
    }
    return 0;
}

void event_day_counts_free(struct event_day_counts *c)
{
    free(c->days);
    *c = (struct event_day_counts){0};
}
