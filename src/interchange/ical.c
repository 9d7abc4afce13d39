/* Events and follow-up tasks as an iCalendar file (RFC 5545) that calendar apps import:
 * VEVENT with attendees and monthly recurrence, VTODO for tasks, and the content-line
 * writing (folding, escaping) that the vCard writer shares. Data comes only through the
 * model API. */
#include "db.h"
#include "export.h"
#include "ical.h"
#include "uid.h"
#include "messages.h"
#include "model.h"
#include "strbuf.h"
#include "thaidate.h"
#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KHAI_VERSION
#define KHAI_VERSION "dev"
#endif

/* ---- Content lines ---- */

static bool is_utf8_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* A Thai vowel or tone mark written above or below its consonant (and SARA AM), or a
 * combining accent: folding before one would leave a lone mark in the raw file. */
static bool is_mark(const char *s, size_t len)
{
    uint32_t cp;
    utf8_decode(s, len, &cp);
    return cp == 0x0E31 || (cp >= 0x0E33 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
           (cp >= 0x0300 && cp <= 0x036F);
}

/* Where to fold when the octets from pos on do not fit in room: never inside a UTF-8
 * sequence (some readers check each physical line on its own), and not before a mark
 * unless a run of marks leaves no other place. */
static size_t fold_point(const char *line, size_t len, size_t pos, size_t room)
{
    size_t cut = pos + room;
    while (cut > pos + 1 && is_utf8_continuation((unsigned char)line[cut]))
        cut--;
    size_t at_char = cut;
    while (cut > pos + 1 && is_mark(line + cut, len - cut)) {
        cut--;
        while (cut > pos + 1 && is_utf8_continuation((unsigned char)line[cut]))
            cut--;
    }
    return cut > pos + 1 ? cut : at_char;
}

void ical_add_line(struct strbuf *out, const char *line)
{
    size_t len = strlen(line), pos = 0;
    bool first = true;
    while (len - pos > (first ? ICAL_LINE_OCTETS : ICAL_LINE_OCTETS - 1u)) {
        size_t cut = fold_point(line, len, pos, first ? ICAL_LINE_OCTETS : ICAL_LINE_OCTETS - 1u);
        if (!first) sb_addc(out, ' ');
        sb_addn(out, line + pos, cut - pos);
        sb_add(out, "\r\n");
        pos = cut;
        first = false;
    }
    if (!first) sb_addc(out, ' ');
    sb_addn(out, line + pos, len - pos);
    sb_add(out, "\r\n");
}

void ical_escape_text(struct strbuf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            sb_addc(out, '\\');
            sb_addc(out, *p);
        } else if (c == '\r' || c == '\n') {
            sb_add(out, "\\n");
            if (c == '\r' && p[1] == '\n') p++;
        } else if (c >= 0x20 && c != 0x7F) {
            sb_addc(out, *p);
        } else if (c == '\t') {
            sb_addc(out, *p);
        }
    }
}

void ical_param_value(struct strbuf *out, const char *s)
{
    bool quote = strpbrk(s, ":;,") != NULL;
    if (quote) sb_addc(out, '"');
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '^') {
            sb_add(out, "^^");
        } else if (c == '"') {
            sb_add(out, "^'");
        } else if (c == '\r' || c == '\n') {
            sb_add(out, "^n");
            if (c == '\r' && p[1] == '\n') p++;
        } else if ((c >= 0x20 && c != 0x7F) || c == '\t') {
            sb_addc(out, *p);
        }
    }
    if (quote) sb_addc(out, '"');
}

struct date ical_next_day(struct date d)
{
    if (date_valid(d.year, d.month, d.day + 1))
        d.day++;
    else if (d.month < 12)
        d.month++, d.day = 1;
    else
        d.year++, d.month = 1, d.day = 1;
    return d;
}

bool ical_utc_stamp(const char *iso, char out[17])
{
    /* YYYY-MM-DDTHH:MM:SSZ: digits where the pattern has 9. */
    static const char pattern[] = "9999-99-99T99:99:99Z";
    if (strlen(iso) != sizeof pattern - 1) return false;
    for (size_t i = 0; pattern[i]; i++)
        if (pattern[i] == '9' ? !(iso[i] >= '0' && iso[i] <= '9') : iso[i] != pattern[i])
            return false;
    snprintf(out, 17, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11, iso + 14,
             iso + 17);
    return true;
}

/* ---- Properties ---- */

/* NAME:value with the value written as given (URIs, dates, enumerations). */
static void prop_raw(struct strbuf *out, const char *name, const char *value)
{
    struct strbuf line = STRBUF_INIT;
    sb_addf(&line, "%s:%s", name, value);
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

/* NAME:value as escaped TEXT; nothing when the value is empty. */
static void prop_text(struct strbuf *out, const char *name, const char *value)
{
    if (!*value) return;
    struct strbuf line = STRBUF_INIT;
    sb_addf(&line, "%s:", name);
    ical_escape_text(&line, value);
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

enum { BASIC_DATE = 16 };

/* "20261121": the basic form iCalendar writes dates in. */
static void basic_day(struct date d, char out[BASIC_DATE])
{
    char iso[32];
    date_format(d, DATE_ISO, iso, sizeof iso);
    size_t n = 0;
    for (const char *p = iso; *p && n + 1 < BASIC_DATE; p++)
        if (*p != '-') out[n++] = *p;
    out[n] = '\0';
}

/* A stored ISO date in basic form; false when the stored date is unreadable. */
static bool basic_date(const char *iso, struct date *d, char out[BASIC_DATE])
{
    if (date_from_iso(iso, d) != 0) return false;
    basic_day(*d, out);
    return true;
}

/* "HHMM00" for a stored HH:MM. */
static bool basic_time(const char *hhmm, char out[7])
{
    if (strlen(hhmm) != 5 || hhmm[2] != ':') return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && !(hhmm[i] >= '0' && hhmm[i] <= '9')) return false;
    snprintf(out, 7, "%.2s%.2s00", hhmm, hhmm + 3);
    return true;
}

/* DTSTAMP is when the record was last changed, so an unchanged database exports the same
 * file twice (RFC 5545 3.8.7.2: without METHOD, the last revision in the calendar store). */
static void prop_stamp(struct strbuf *out, const struct record *r)
{
    char stamp[17], now[32];
    if (!r->updated_at || !ical_utc_stamp(r->updated_at, stamp)) {
        db_now(now);
        if (!ical_utc_stamp(now, stamp)) snprintf(stamp, sizeof stamp, "19700101T000000Z");
    }
    prop_raw(out, "DTSTAMP", stamp);
    if (r->version > 1) {
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", r->version - 1);
        prop_raw(out, "SEQUENCE", seq);
    }
}

/* ---- Export ---- */

struct ical_export {
    struct db *db;
    struct db_identity identity; /* UIDs: uid.h */
    struct strbuf body;          /* components, written after the VTIMEZONE they may need */
    bool timed;                  /* some event has a time: the file needs Asia/Bangkok */
    char *err;
};

static const char tzid[] = "Asia/Bangkok";

/* Thailand keeps UTC+7 all year and has had no daylight saving since 1920. */
static void add_timezone(struct strbuf *out)
{
    static const char *const lines[] = {"BEGIN:VTIMEZONE",
                                        "TZID:Asia/Bangkok",
                                        "X-LIC-LOCATION:Asia/Bangkok",
                                        "BEGIN:STANDARD",
                                        "DTSTART:19700101T000000",
                                        "TZOFFSETFROM:+0700",
                                        "TZOFFSETTO:+0700",
                                        "TZNAME:ICT",
                                        "END:STANDARD",
                                        "END:VTIMEZONE",
                                        NULL};
    for (int i = 0; lines[i]; i++)
        ical_add_line(out, lines[i]);
}

/* mailto: when the member or organisation has an e-mail address, else the record's UID as a
 * URN (the member's is the one of its vCard), so a calendar can tell attendees apart. */
static char *cal_address(struct ical_export *x, enum kind k, long long id)
{
    struct db *db = x->db;
    struct record *r = NULL;
    char *err = NULL, *addr = NULL;
    if (id > 0 && record_load(db, k, id, &r, &err) == 0 &&
        *record_get(r, k == KIND_ORG ? F_ORG_EMAIL : F_MEMBER_EMAIL))
        addr = xasprintf("mailto:%s", record_get(r, k == KIND_ORG ? F_ORG_EMAIL : F_MEMBER_EMAIL));
    else {
        char uid[UID_SIZE];
        record_uid(&x->identity, k, id, uid);
        addr = xasprintf("urn:uuid:%s", uid);
    }
    record_free(&r);
    free(err);
    return addr;
}

static long long first_ref(const struct record *r, enum field_id field)
{
    const long long *ids;
    return record_refs(r, field, &ids) > 0 ? ids[0] : 0;
}

/* NAME;CN=...;extra:address for an attendee or organiser. */
static void prop_person(struct strbuf *out, struct ical_export *x, const char *name,
                        const char *params, const char *cn, enum kind k, long long id)
{
    struct strbuf line = STRBUF_INIT;
    sb_add(&line, name);
    if (*cn) {
        sb_add(&line, ";CN=");
        ical_param_value(&line, cn);
    }
    sb_add(&line, params);
    char *addr = cal_address(x, k, id);
    sb_addf(&line, ":%s", addr);
    free(addr);
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

static const char *partstat(const char *status)
{
    if (strcmp(status, "confirmed") == 0 || strcmp(status, "attended") == 0) return "ACCEPTED";
    if (strcmp(status, "absent") == 0 || strcmp(status, "cancelled") == 0) return "DECLINED";
    return "NEEDS-ACTION";
}

/* Organisers and facilitators chair an event; observers are optional; everyone else takes
 * part (REQ-PARTICIPANT, the default, so left out). */
static const char *attendee_role(const char *role)
{
    if (strcmp(role, "organiser") == 0 || strcmp(role, "facilitator") == 0) return ";ROLE=CHAIR";
    if (strcmp(role, "observer") == 0) return ";ROLE=OPT-PARTICIPANT";
    return "";
}

static int add_attendee(const struct record *a, void *ctx)
{
    struct ical_export *x = ctx;
    char params[80];
    snprintf(params, sizeof params, "%s;PARTSTAT=%s",
             attendee_role(record_get(a, F_ATTENDANCE_ROLE)),
             partstat(record_get(a, F_ATTENDANCE_STATUS)));
    prop_person(&x->body, x, "ATTENDEE", params, record_get(a, F_ATTENDANCE_MEMBER_NAME),
                KIND_MEMBER, first_ref(a, F_ATTENDANCE_MEMBER_ID));
    return 0;
}

/* A line built from a format: DTSTART and DTEND take a few pieces each. */
static void prop_fmt(struct strbuf *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void prop_fmt(struct strbuf *out, const char *fmt, ...)
{
    char line[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ical_add_line(out, line);
}

/* Local Bangkok times. An end before the start (bad data) is left out rather than written
 * invalid; several days with no end time last until the end of the last day. */
static void timed_event(struct ical_export *x, const char *sd, const char *st, struct date end,
                        const char *ed, const char *end_time)
{
    char et[7], after[BASIC_DATE];
    x->timed = true;
    prop_fmt(&x->body, "DTSTART;TZID=%s:%sT%s", tzid, sd, st);
    if (basic_time(end_time, et)) {
        if (strcmp(ed, sd) > 0 || strcmp(et, st) > 0)
            prop_fmt(&x->body, "DTEND;TZID=%s:%sT%s", tzid, ed, et);
    } else if (strcmp(ed, sd) > 0) {
        basic_day(ical_next_day(end), after);
        prop_fmt(&x->body, "DTEND;TZID=%s:%sT000000", tzid, after);
    }
}

/* DTSTART and DTEND: timed when the event has a start time, else all-day dates with an
 * exclusive end (the day after the last day). */
static void event_times(struct ical_export *x, const struct record *e)
{
    struct date start, end;
    char sd[BASIC_DATE], ed[BASIC_DATE], after[BASIC_DATE], st[7];
    if (!basic_date(record_get(e, F_EVENT_START_DATE), &start, sd)) return;
    if (!basic_date(record_get(e, F_EVENT_END_DATE), &end, ed) || date_cmp(end, start) < 0)
        end = start, memcpy(ed, sd, sizeof ed);
    if (basic_time(record_get(e, F_EVENT_START_TIME), st)) {
        timed_event(x, sd, st, end, ed, record_get(e, F_EVENT_END_TIME));
        return;
    }
    basic_day(ical_next_day(end), after);
    prop_fmt(&x->body, "DTSTART;VALUE=DATE:%s", sd);
    prop_fmt(&x->body, "DTEND;VALUE=DATE:%s", after);
}

static void event_location(struct strbuf *out, const struct record *e)
{
    const char *venue = record_get(e, F_EVENT_VENUE), *province = record_get(e, F_EVENT_PROVINCE);
    char *where = xasprintf("%s%s%s", venue, *venue && *province ? ", " : "", province);
    prop_text(out, "LOCATION", where);
    free(where);
}

/* The notes, then the agenda under its Thai label (the networks' calendars are Thai). */
static void event_description(struct strbuf *out, const struct record *e)
{
    const char *notes = record_get(e, F_EVENT_NOTES), *agenda = record_get(e, F_EVENT_AGENDA);
    const char *label = field_info(F_EVENT_AGENDA)->th_alias;
    char *text = *agenda ? xasprintf("%s%s%s:\n%s", notes, *notes ? "\n\n" : "", label, agenda)
                         : xstrdup(notes);
    prop_text(out, "DESCRIPTION", text);
    free(text);
}

/* khai's "planned" means scheduled, not provisional: TENTATIVE would grey out every coming
 * meeting in the networks' phone calendars. */
static const char *event_status(const char *status)
{
    return strcmp(status, "cancelled") == 0 ? "CANCELLED" : "CONFIRMED";
}

static int write_event(struct ical_export *x, const struct record *e)
{
    struct strbuf *b = &x->body;
    char uid[UID_SIZE];
    record_uid(&x->identity, KIND_EVENT, e->id, uid);
    ical_add_line(b, "BEGIN:VEVENT");
    prop_raw(b, "UID", uid);
    prop_stamp(b, e);
    event_times(x, e);
    prop_text(b, "SUMMARY", record_get(e, F_EVENT_TITLE));
    event_location(b, e);
    event_description(b, e);
    prop_raw(b, "STATUS", event_status(record_get(e, F_EVENT_STATUS)));
    const char *every = record_get(e, F_EVENT_RECURRENCE);
    if (*every && strspn(every, "0123456789") == strlen(every) && strcmp(every, "0") != 0) {
        char rule[64];
        snprintf(rule, sizeof rule, "FREQ=MONTHLY;INTERVAL=%s", every);
        prop_raw(b, "RRULE", rule);
    }
    long long host = first_ref(e, F_EVENT_HOST);
    if (host) prop_person(b, x, "ORGANIZER", "", record_get(e, F_EVENT_HOST), KIND_ORG, host);
    struct list_query q = {.kind = KIND_ATTENDANCE, .event_id = e->id, .sort = "name"};
    if (list_each(x->db, &q, add_attendee, x, &x->err) != 0) return -1;
    ical_add_line(b, "END:VEVENT");
    return 0;
}

static const char *todo_status(const char *status)
{
    if (strcmp(status, "in_progress") == 0) return "IN-PROCESS";
    if (strcmp(status, "done") == 0) return "COMPLETED";
    if (strcmp(status, "cancelled") == 0) return "CANCELLED";
    return "NEEDS-ACTION";
}

static const char *todo_priority(const char *priority)
{
    if (strcmp(priority, "urgent") == 0) return "1";
    if (strcmp(priority, "high") == 0) return "3";
    if (strcmp(priority, "low") == 0) return "9";
    return "5";
}

/* COMPLETED must be a UTC date-time but khai keeps the day only: noon in Bangkok (05:00 UTC)
 * shows the same day in every time zone from UTC-5 to UTC+14. Without a done date, the
 * time the task was last changed. */
static void todo_completed(struct strbuf *out, const struct record *t)
{
    struct date d;
    char day[BASIC_DATE], stamp[32];
    if (basic_date(record_get(t, F_TASK_DONE_DATE), &d, day)) {
        snprintf(stamp, sizeof stamp, "%sT050000Z", day);
        prop_raw(out, "COMPLETED", stamp);
    } else if (t->updated_at && ical_utc_stamp(t->updated_at, stamp)) {
        prop_raw(out, "COMPLETED", stamp);
    }
}

static int write_task(const struct record *t, void *ctx)
{
    struct ical_export *x = ctx;
    struct strbuf *b = &x->body;
    char uid[UID_SIZE], day[BASIC_DATE];
    struct date due;
    record_uid(&x->identity, KIND_TASK, t->id, uid);
    ical_add_line(b, "BEGIN:VTODO");
    prop_raw(b, "UID", uid);
    prop_stamp(b, t);
    prop_text(b, "SUMMARY", record_get(t, F_TASK_TITLE));
    prop_text(b, "DESCRIPTION", record_get(t, F_TASK_NOTES));
    if (basic_date(record_get(t, F_TASK_DUE_DATE), &due, day)) prop_raw(b, "DUE;VALUE=DATE", day);
    const char *status = record_get(t, F_TASK_STATUS);
    prop_raw(b, "STATUS", todo_status(status));
    prop_raw(b, "PRIORITY", todo_priority(record_get(t, F_TASK_PRIORITY)));
    if (strcmp(status, "done") == 0) todo_completed(b, t);
    long long event = first_ref(t, F_TASK_EVENT_ID);
    if (event) {
        record_uid(&x->identity, KIND_EVENT, event, uid);
        prop_raw(b, "RELATED-TO", uid);
    }
    long long owner = first_ref(t, F_TASK_OWNER), org = first_ref(t, F_TASK_OWNER_ORG);
    if (owner) prop_person(b, x, "ATTENDEE", "", record_get(t, F_TASK_OWNER), KIND_MEMBER, owner);
    if (org)
        prop_person(b, x, "ATTENDEE", ";CUTYPE=GROUP", record_get(t, F_TASK_OWNER_ORG), KIND_ORG,
                    org);
    ical_add_line(b, "END:VTODO");
    return 0;
}

struct event_rows {
    struct record **rows;
    size_t n, cap;
};

static int keep_event(const struct record *e, void *ctx)
{
    struct event_rows *ev = ctx;
    if (ev->n == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 64;
        ev->rows = xrealloc(ev->rows, sizeof *ev->rows * ev->cap);
    }
    ev->rows[ev->n++] = record_copy(e);
    return 0;
}

/* The events to export, oldest first (the list's date order is newest first). */
static int collect_events(struct db *db, const struct export_options *opt, struct event_rows *ev,
                          char **err)
{
    if (opt && opt->event_id) {
        struct record *r = NULL;
        if (record_load(db, KIND_EVENT, opt->event_id, &r, err) != 0) return -1;
        if (r->deleted_at) {
            *err = xasprintf(_("event %lld is deleted"), opt->event_id);
            record_free(&r);
            return -1;
        }
        ev->rows = xmalloc(sizeof *ev->rows);
        ev->rows[ev->n++] = r;
        return 0;
    }
    struct list_query q = {.kind = KIND_EVENT, .search = opt ? opt->search : NULL};
    if (list_each(db, &q, keep_event, ev, err) != 0) return -1;
    for (size_t i = 0; i < ev->n / 2; i++) {
        struct record *tmp = ev->rows[i];
        ev->rows[i] = ev->rows[ev->n - 1 - i];
        ev->rows[ev->n - 1 - i] = tmp;
    }
    return 0;
}

static int write_components(struct ical_export *x, const struct export_options *opt)
{
    struct event_rows ev = {NULL, 0, 0};
    int rc = collect_events(x->db, opt, &ev, &x->err);
    for (size_t i = 0; rc == 0 && i < ev.n; i++)
        rc = write_event(x, ev.rows[i]);
    list_free(ev.rows, ev.n);
    if (rc != 0) return -1;
    struct list_query q = {.kind = KIND_TASK,
                           .event_id = opt ? opt->event_id : 0,
                           .search = opt ? opt->search : NULL,
                           .sort = "due"};
    return list_each(x->db, &q, write_task, x, &x->err) != 0 ? -1 : 0;
}

int export_ical(struct db *db, FILE *out, const struct export_options *opt, char **err)
{
    struct ical_export x = {db, {{0}}, STRBUF_INIT, false, NULL};
    if (db_identity_read(db, &x.identity, err) != 0) return -1;
    if (write_components(&x, opt) != 0) {
        *err = x.err ? x.err : xstrdup(_("cannot read the events"));
        sb_free(&x.body);
        return -1;
    }
    struct strbuf all = STRBUF_INIT;
    ical_add_line(&all, "BEGIN:VCALENDAR");
    ical_add_line(&all, "VERSION:2.0");
    ical_add_line(&all, "PRODID:-//khai//khai " KHAI_VERSION "//TH");
    ical_add_line(&all, "CALSCALE:GREGORIAN");
    /* RFC 5545 wants at least one component: an empty export still carries the zone. */
    if (x.timed || x.body.len == 0) add_timezone(&all);
    sb_addn(&all, sb_str(&x.body), x.body.len);
    ical_add_line(&all, "END:VCALENDAR");
    sb_free(&x.body);
    bool ok = fwrite(sb_str(&all), 1, all.len, out) == all.len && fflush(out) == 0;
    sb_free(&all);
    if (!ok) {
        *err = xasprintf(_("cannot write the calendar: %s"), strerror(errno));
        return -1;
    }
    return 0;
}
