/* `khai report event|members|events`: the store's report counts as aligned tables with a bar
 * chart column and a total row, or as --tsv / --csv (a header row, then one row a line, no
 * chart). */
#include "cli_internal.h"
#include "eventdays.h"
#include "csv.h"
#include "messages.h"
#include "report.h"
#include "reportprint.h"
#include "print.h"
#include "outfile.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "thaidate.h"
#include "timestamp.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_COLS = 9, BAR_WIDTH = 16 };
enum output {
    OUT_TABLE,
    OUT_TSV,
    OUT_CSV,
    OUT_PDF /* khai print report: the sheets are kept for print_report */
};

struct sheet;
/* What `khai print report` collects: the title, what is counted, the sheets in order. */
struct paper_doc {
    char *title, *subtitle;
    struct sheet *sheets;
    size_t n;
};

struct report_opts {
    enum output out;
    bool ascii, totals;
    int by; /* a report_key, -1 for none */
    const char *id, *from, *to, *org, *series;
    struct paper_doc *doc; /* OUT_PDF */
    bool quiet;            /* no warnings on standard error: the screens are on the terminal */
};

/* Tables for people (the terminal, paper) rather than for scripts. */
static bool human(const struct report_opts *o)
{
    return o->out == OUT_TABLE || o->out == OUT_PDF;
}

/* The lines of one report: cells by column, and for the chart the number each line draws. */
struct sheet {
    int ncols;
    const char *names[MAX_COLS]; /* --tsv and --csv header: identifiers, not translated */
    struct table_col cols[MAX_COLS];
    char **cells;    /* nrows * ncols, NULL for empty */
    long long *bars; /* NO_BAR, or TABLE_ONLY: a heading or total --tsv leaves out */
    size_t nrows;
};

enum { NO_BAR = -1, TABLE_ONLY = -2, HEADING = -3 };

static void sheet_col(struct sheet *s, const char *name, const char *header, int min, int max,
                      bool right)
{
    s->names[s->ncols] = name;
    s->cols[s->ncols++] = (struct table_col){header, min, max, right};
}

/* Adds a line; cells are copied; bar is the number it draws, or NO_BAR or TABLE_ONLY. A
 * column with no header is left out of the table (an identifier for scripts). */
static void sheet_row(struct sheet *s, const char *const *cells, long long bar)
{
    s->cells = xrealloc(s->cells, sizeof *s->cells * (s->nrows + 1) * (size_t)s->ncols);
    s->bars = xrealloc(s->bars, sizeof *s->bars * (s->nrows + 1));
    for (int c = 0; c < s->ncols; c++)
        s->cells[s->nrows * (size_t)s->ncols + (size_t)c] = cells[c] ? xstrdup(cells[c]) : NULL;
    s->bars[s->nrows] = bar;
    s->nrows++;
}

static void sheet_free(struct sheet *s)
{
    for (size_t i = 0; i < s->nrows * (size_t)s->ncols; i++)
        free(s->cells[i]);
    free(s->cells);
    free(s->bars);
}

static bool wants_ascii(const struct report_opts *o)
{
    return o->ascii || !messages_user_utf8();
}

/* A bar of value out of max in width columns: eighth blocks, or # in ASCII. */
static char *bar_text(long long value, long long max, int width, bool ascii)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    struct strbuf sb = STRBUF_INIT;
    long long units = max > 0 ? (value * width * 8 + max / 2) / max : 0;
    if (ascii) units = (units + 4) / 8 * 8;
    for (long long i = 0; i < units / 8; i++)
        sb_add(&sb, ascii ? "#" : "█");
    if (!ascii) sb_add(&sb, eighths[units % 8]);
    return sb_take(&sb);
}

static void print_machine(const struct sheet *s, enum output out)
{
    struct strbuf line = STRBUF_INIT;
    for (int c = 0; c < s->ncols; c++) {
        if (c) sb_addc(&line, out == OUT_TSV ? '\t' : ',');
        if (out == OUT_TSV)
            cli_tsv_value(&line, s->names[c]);
        else
            csv_write_field(&line, s->names[c], ',');
    }
    puts(sb_str(&line));
    for (size_t r = 0; r < s->nrows; r++) {
        if (s->bars[r] == TABLE_ONLY || s->bars[r] == HEADING) continue;
        sb_reset(&line);
        for (int c = 0; c < s->ncols; c++) {
            const char *v = s->cells[r * (size_t)s->ncols + (size_t)c];
            /* The table indents the lines under a heading; data has no indentation. */
            while (v && strcmp(s->names[c], "label") == 0 && *v == ' ')
                v++;
            if (c) sb_addc(&line, out == OUT_TSV ? '\t' : ',');
            if (out == OUT_TSV)
                cli_tsv_value(&line, v ? v : "");
            else
                csv_write_field(&line, v ? v : "", ',');
        }
        puts(sb_str(&line));
    }
    sb_free(&line);
}

/* The table with a chart column drawn to the largest bar of the sheet. */
static void print_table(const struct sheet *s, const struct report_opts *o)
{
    long long max = 0;
    for (size_t r = 0; r < s->nrows; r++)
        if (s->bars[r] > max) max = s->bars[r];
    struct table_col cols[MAX_COLS + 1];
    int shown[MAX_COLS], n = 0, widths[MAX_COLS + 1];
    for (int c = 0; c < s->ncols; c++)
        if (s->cols[c].header) {
            shown[n] = c;
            cols[n++] = s->cols[c];
        }
    cols[n] = (struct table_col){"", 4, BAR_WIDTH, false};
    int fit = table_layout(cols, n + 1, table_width(stdout), widths);
    const char *cells[MAX_COLS + 1];
    for (int c = 0; c <= n; c++)
        cells[c] = cols[c].header;
    table_row(stdout, cols, cells, widths, fit);
    for (size_t r = 0; r < s->nrows; r++) {
        if (s->bars[r] == HEADING) {
            /* A section's heading is a line of its own, as wide as it needs. */
            print_safe(stdout, s->cells[r * (size_t)s->ncols + (size_t)shown[0]]);
            putchar('\n');
            continue;
        }
        for (int c = 0; c < n; c++)
            cells[c] = s->cells[r * (size_t)s->ncols + (size_t)shown[c]];
        char *bar = s->bars[r] >= 0 && fit > n
                        ? bar_text(s->bars[r], max, widths[n], wants_ascii(o))
                        : NULL;
        cells[n] = bar;
        table_row(stdout, cols, cells, widths, fit);
        free(bar);
    }
}

/* On paper: the sheet is moved into the document (s is left empty). */
static void sheet_keep(struct sheet *s, struct paper_doc *doc)
{
    doc->sheets = xrealloc(doc->sheets, sizeof *doc->sheets * (doc->n + 1));
    doc->sheets[doc->n++] = *s;
    memset(s, 0, sizeof *s);
}

static void sheet_print(struct sheet *s, const struct report_opts *o)
{
    if (o->out == OUT_PDF)
        sheet_keep(s, o->doc);
    else if (o->out == OUT_TABLE)
        print_table(s, o);
    else
        print_machine(s, o->out);
}

static char *number(long long n)
{
    return xasprintf("%lld", n);
}

static char *percent(long long n, long long of)
{
    return of > 0 ? xasprintf("%lld%%", (n * 100 + of / 2) / of) : NULL;
}

/* What a group is called: its label, a translated choice for keys that are choices, or
 * "(none)" for the group of those with no value. */
static const char *group_label(const struct report_row *r, enum field_id choice)
{
    if (!*r->key && !*r->label) return _("(none)");
    if (choice != F_NONE) return choice_label(field_info(choice), r->key);
    return *r->label ? r->label : r->key;
}

static enum field_id key_choice(int key)
{
    switch (key) {
    case REPORT_BY_ROLE:
        return F_ATTENDANCE_ROLE;
    case REPORT_BY_STATUS:
        return F_ATTENDANCE_STATUS;
    case REPORT_BY_GENDER:
        return F_MEMBER_GENDER;
    default:
        return F_NONE;
    }
}

/* The heading of the column a key groups on. */
static const char *key_header(int key)
{
    static const char *const headers[REPORT_KEYS] = {
        [REPORT_BY_ORGANISATION] = N_("Organisation"),
        [REPORT_BY_PROVINCE] = N_("Province"),
        [REPORT_BY_DISTRICT] = N_("District"),
        [REPORT_BY_SUBDISTRICT] = N_("Subdistrict"),
        [REPORT_BY_CATEGORY] = N_("Category"),
        [REPORT_BY_GROUP] = N_("Breakout group"),
        [REPORT_BY_ROLE] = N_("Role"),
        [REPORT_BY_STATUS] = N_("Status"),
        [REPORT_BY_REASON] = N_("Reason"),
        [REPORT_BY_TAG] = N_("Tag"),
        [REPORT_BY_SKILL] = N_("Skill"),
        [REPORT_BY_GENDER] = N_("Gender"),
        [REPORT_BY_JOINED] = N_("Month joined"),
        [REPORT_BY_DAY] = N_("Day"),
    };
    return _(headers[key]);
}

/* --- khai report event ID ------------------------------------------------------------- */

static void measure_cols(struct sheet *s)
{
    sheet_col(s, "section", NULL, 0, 0, false);
    sheet_col(s, "key", NULL, 0, 0, false);
    sheet_col(s, "label", "", 14, 0, false);
    sheet_col(s, "count", _("Count"), 5, 8, true);
    sheet_col(s, "target", _("Target"), 6, 8, true);
    sheet_col(s, "percent", "%", 4, 5, true);
}

static void measure(struct sheet *s, const char *section, const char *key, const char *label,
                    long long count, long long target)
{
    char *c = number(count), *t = target > 0 ? number(target) : NULL, *p = percent(count, target);
    const char *cells[] = {section, key, label, c, t, p};
    sheet_row(s, cells, count);
    free(c);
    free(t);
    free(p);
}

static void heading(struct sheet *s, const char *text)
{
    const char *cells[] = {NULL, NULL, text, NULL, NULL, NULL};
    sheet_row(s, cells, HEADING);
}

static void measure_rows(struct sheet *s, const char *section, const char *title,
                         const struct report_table *t, enum field_id choice)
{
    if (!t->n) return;
    heading(s, title);
    for (size_t i = 0; i < t->n; i++) {
        char *label = xasprintf("  %s", group_label(&t->rows[i], choice));
        measure(s, section, t->rows[i].key, label, t->rows[i].count, t->rows[i].target);
        free(label);
    }
}

static bool has_groups(const struct report_table *t)
{
    return t->n > 1 || (t->n == 1 && *t->rows[0].key);
}

/* "23 Jul 2024" (Thai: "23 ก.ค. 2567") of a stored UTC timestamp, in local time. */
static void answer_date(const char *at, char *buf, size_t n)
{
    char local[64];
    struct date d;
    timestamp_local(at, local, sizeof local); /* "2024-07-23 14:05" */
    local[10] = '\0';
    if (date_from_iso(local, &d) == 0)
        date_format(d, messages_thai() ? DATE_THAI : DATE_CE, buf, n);
    else
        snprintf(buf, n, "%s", local);
}

/* Organisations invited against those that came, their answers, and who cancelled or
 * declined and why. */
static void invitation_sheet(struct sheet *s, const struct event_report *r)
{
    const struct invitation_counts *c = &r->invitations;
    if (!c->invited) return;
    const struct field *status = field_info(F_INVITATION_STATUS);
    heading(s, _("Organisations invited"));
    measure(s, "invitations", "invited", _("  Invited"), c->invited, 0);
    for (int st = INVITATION_CONFIRMED; st < INVITATION_STATUSES; st++) {
        char *label = xasprintf("  %s", choice_label(status, invitation_status_keys[st]));
        measure(s, "invitations", invitation_status_keys[st], label, c->status[st], 0);
        free(label);
    }
    measure(s, "invitations", "no_answer", _("  No answer yet"), c->status[INVITATION_INVITED], 0);
    measure(s, "invitations", "came", _("  Came, of those invited"), c->came, c->invited);
    measure(s, "invitations", "confirmed_came", _("  Came, of those that confirmed"),
            c->confirmed_came, c->status[INVITATION_CONFIRMED]);
    if (r->invitation_reasons.n) heading(s, _("Why organisations cancelled or declined"));
    for (size_t i = 0; i < r->invitation_reasons.n; i++) {
        const struct report_row *row = &r->invitation_reasons.rows[i];
        char *label = xasprintf("  %s: %s", choice_label(status, row->key),
                                *row->label ? row->label : _("(none)"));
        measure(s, "invitation_reason", row->key, label, row->count, 0);
        free(label);
    }
    if (r->nwithdrawn) heading(s, _("Who cancelled or declined"));
    for (size_t i = 0; i < r->nwithdrawn; i++) {
        const struct invitation_answer *a = &r->withdrawn[i];
        char when[64];
        answer_date(a->at, when, sizeof when);
        char *label = *a->reason ? xasprintf(_("  %s: %s %s: %s"), a->organisation,
                                             choice_label(status, a->status), when, a->reason)
                                 : xasprintf(_("  %s: %s %s"), a->organisation,
                                             choice_label(status, a->status), when);
        measure(s, "invitation_withdrawn", a->org_id, label, 1, 0);
        free(label);
    }
}

/* A multi-day event's count of each day, and of the people who came on any day. */
static void day_sheet(struct sheet *s, const struct event_day_counts *d, long long target)
{
    if (d->n < 2) return;
    heading(s, _("Each day"));
    for (size_t i = 0; i < d->n; i++) {
        struct date day;
        char shown[64];
        if (date_from_iso(d->days[i].day, &day) != 0) continue;
        date_format(day, messages_thai() ? DATE_THAI : DATE_CE, shown, sizeof shown);
        char *label = xasprintf("  %s", shown);
        measure(s, "day", d->days[i].day, label, d->days[i].came, target);
        free(label);
    }
    measure(s, "day", "any", _("  Came on any day"), d->any_day, target);
    if (d->unrecorded) measure(s, "day", "unrecorded", _("  Day not recorded"), d->unrecorded, 0);
}

static void event_sheet(struct sheet *s, const struct event_report *r,
                        const struct event_day_counts *days)
{
    measure(s, "people", "", _("People who came"), r->status[REPORT_ATTENDED], r->target);
    day_sheet(s, days, r->target);
    measure(s, "organisations", "", _("Organisations represented"), r->organisations,
            r->target_orgs);
    measure(s, "subdistricts", "", _("Subdistricts"), r->subdistricts, r->target_subdistricts);
    measure(s, "districts", "", _("Districts"), r->districts, r->target_districts);
    measure(s, "provinces", "", _("Provinces"), r->provinces, r->target_provinces);
    heading(s, _("Attendance status"));
    for (int st = 0; st < REPORT_STATUSES; st++) {
        char *label = xasprintf(
            "  %s", choice_label(field_info(F_ATTENDANCE_STATUS), report_status_keys[st]));
        measure(s, "status", report_status_keys[st], label, r->status[st], 0);
        free(label);
    }
    measure_rows(s, "quota", _("Quotas"), &r->quotas, F_NONE);
    if (r->quotas.n)
        measure(s, "quota", "", _("  Not in a quota category"), r->outside_quotas, 0);
    else
        measure_rows(s, "category", _("Categories"), &r->categories, F_NONE);
    if (has_groups(&r->groups)) measure_rows(s, "group", _("Breakout groups"), &r->groups, F_NONE);
    measure_rows(s, "role", _("Roles"), &r->roles, F_ATTENDANCE_ROLE);
    invitation_sheet(s, r);
    if (!r->reasons.n) return;
    heading(s, _("Reasons for absence and cancellation"));
    for (size_t i = 0; i < r->reasons.n; i++) {
        const struct report_row *row = &r->reasons.rows[i];
        char *label = xasprintf("  %s: %s", choice_label(field_info(F_ATTENDANCE_STATUS), row->key),
                                *row->label ? row->label : _("(none)"));
        measure(s, "reason", row->key, label, row->count, 0);
        free(label);
    }
}

/* The quotas a sum above the people target: the conference's 1,450 against 1,200. */
static void warn_quotas(const struct event_report *r)
{
    if (r->target > 0 && r->quota_sum > r->target)
        fprintf(stderr,
                _("khai: warning: the quotas add up to %lld, more than the target of "
                  "%lld people\n"),
                r->quota_sum, r->target);
}

static int event_title(struct db *db, long long id, char **title, char **err)
{
    struct record *rec = NULL;
    int rc = record_load(db, KIND_EVENT, id, &rec, err);
    if (rc != 0) return -1;
    char date[64] = "";
    struct date d;
    if (date_from_iso(record_get(rec, F_EVENT_START_DATE), &d) == 0)
        date_format(d, messages_thai() ? DATE_THAI : DATE_CE, date, sizeof date);
    *title = xasprintf("%s, %s", record_get(rec, F_EVENT_TITLE), date);
    record_free(&rec);
    return 0;
}

static void by_cols(struct sheet *s, const char *label)
{
    sheet_col(s, "key", NULL, 0, 0, false);
    sheet_col(s, "label", label, 12, 0, false);
}

static void print_event_by(const struct report_table *t, const struct report_row *total, int key,
                           const struct report_opts *o)
{
    struct sheet s = {0};
    by_cols(&s, key_header(key));
    for (int st = 0; st < REPORT_STATUSES; st++)
        sheet_col(&s, report_status_keys[st],
                  choice_label(field_info(F_ATTENDANCE_STATUS), report_status_keys[st]), 6, 9,
                  true);
    sheet_col(&s, "total", _("Total"), 5, 7, true);
    for (size_t i = 0; i < t->n; i++) {
        char *n[REPORT_STATUSES + 1];
        for (int st = 0; st <= REPORT_STATUSES; st++)
            n[st] = number(st < REPORT_STATUSES ? t->rows[i].status[st] : t->rows[i].count);
        const char *cells[] = {t->rows[i].key, group_label(&t->rows[i], key_choice(key)),
                               n[0],           n[1],
                               n[2],           n[3],
                               n[4],           n[5]};
        sheet_row(&s, cells, t->rows[i].count);
        for (int st = 0; st <= REPORT_STATUSES; st++)
            free(n[st]);
    }
    /* Each attendance row once: a person with two tags is in two rows above. */
    char *n[REPORT_STATUSES + 1];
    for (int st = 0; st <= REPORT_STATUSES; st++)
        n[st] = number(st < REPORT_STATUSES ? total->status[st] : total->count);
    const char *cells[] = {NULL, _("Total"), n[0], n[1], n[2], n[3], n[4], n[5]};
    sheet_row(&s, cells, TABLE_ONLY);
    for (int st = 0; st <= REPORT_STATUSES; st++)
        free(n[st]);
    sheet_print(&s, o);
    sheet_free(&s);
}

static int report_event_cmd(struct db *db, const struct report_opts *o)
{
    long long id;
    if (!o->id || !cli_parse_id(o->id, &id))
        return cli_usage("report", _("report event takes an event id, not \"%s\""),
                         o->id ? o->id : "");
    if (o->by >= 0 && !report_key_for_event(o->by))
        return cli_usage("report", _("an event's report cannot group by \"%s\""),
                         report_key_name(o->by));
    char *err = NULL, *title = NULL;
    if (event_title(db, id, &title, &err) != 0) return cli_fail(err);
    if (o->out == OUT_PDF) {
        o->doc->title = xstrdup(title);
        o->doc->subtitle = o->by >= 0 ? xasprintf(_("Attendance by %s"), key_header(o->by))
                                      : xstrdup(_("Event report"));
    } else if (o->out == OUT_TABLE) {
        /* Within the table's width, cut between clusters. */
        char *fitted = text_fit(title, (size_t)table_width(stdout));
        print_safe(stdout, fitted);
        free(fitted);
        puts("\n");
    }
    free(title);
    if (o->by >= 0) {
        struct report_table t;
        struct report_row total;
        if (report_event_total(db, id, &total, &err) != 0 ||
            report_event_by(db, id, o->by, &t, &err) != 0)
            return cli_fail(err);
        print_event_by(&t, &total, o->by, o);
        report_table_free(&t);
        return EXIT_OK;
    }
    struct event_report r;
    if (event_report(db, id, &r, &err) != 0) return cli_fail(err);
    struct event_day_counts days;
    if (event_day_counts(db, id, &days, &err) != 0) {
        event_report_free(&r);
        return cli_fail(err);
    }
    struct sheet s = {0};
    measure_cols(&s);
    event_sheet(&s, &r, &days);
    sheet_print(&s, o);
    sheet_free(&s);
    if (!o->quiet) warn_quotas(&r);
    event_report_free(&r);
    event_day_counts_free(&days);
    return EXIT_OK;
}

/* --- khai report members --by KEY ------------------------------------------------------ */

static int report_members_cmd(struct db *db, const struct report_opts *o)
{
    if (o->by < 0) return cli_usage("report", _("report members needs --by KEY"));
    if (!report_key_for_members(o->by))
        return cli_usage("report", _("the members' report cannot group by \"%s\""),
                         report_key_name(o->by));
    struct report_table t;
    char *err = NULL;
    if (report_members_by(db, o->by, &t, &err) != 0) return cli_fail(err);
    if (o->out == OUT_PDF) {
        o->doc->title = xstrdup(_("Members"));
        o->doc->subtitle = xasprintf(_("Members by %s"), key_header(o->by));
    }
    bool joined = o->by == REPORT_BY_JOINED;
    struct sheet s = {0};
    by_cols(&s, key_header(o->by));
    sheet_col(&s, "members", _("Members"), 7, 9, true);
    if (joined) sheet_col(&s, "running_total", _("Running total"), 7, 13, true);
    /* The organisations' total comes with the rows: it is the same walk of the affiliations. */
    long long total = t.each_once;
    if (o->by != REPORT_BY_ORGANISATION && report_members_total(db, o->by, &total, &err) != 0) {
        report_table_free(&t);
        return cli_fail(err);
    }
    for (size_t i = 0; i < t.n; i++) {
        char *n = number(t.rows[i].count), *run = number(t.rows[i].running);
        const char *cells[] = {t.rows[i].key, group_label(&t.rows[i], key_choice(o->by)), n, run};
        sheet_row(&s, cells, t.rows[i].count);
        free(n);
        free(run);
    }
    /* A member with two tags is in two rows: the total counts each member once. */
    bool several =
        o->by == REPORT_BY_TAG || o->by == REPORT_BY_SKILL || o->by == REPORT_BY_ORGANISATION;
    char *n = number(total);
    const char *cells[] = {NULL, several ? _("Members, each once") : _("Total"), n, NULL};
    sheet_row(&s, cells, TABLE_ONLY);
    free(n);
    sheet_print(&s, o);
    sheet_free(&s);
    report_table_free(&t);
    return EXIT_OK;
}

/* --- khai report events [--from DATE] [--to DATE] [--org ORG] [--series ID] [--totals] ---- */

static int parse_day(const char *option, const char *v, bool end, char iso[11])
{
    struct date start, last;
    char why[256];
    if (date_parse(v, date_today(), &start, &last, why, sizeof why) != 0)
        return cli_usage("report", "%s: %s", option, why);
    struct date d = end ? last : start;
    snprintf(iso, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
    return EXIT_OK;
}

static void print_totals(const struct events_report *r, const struct report_opts *o)
{
    const struct {
        const char *name, *label;
        long long value;
    } rows[] = {
        {"events", _("Events held"), r->held},
        {"attendances", _("Attendances"), r->attendances},
        {"people", _("People reached (each once)"), r->people},
        {"organisations", _("Organisations"), r->organisations},
        {"subdistricts", _("Subdistricts"), r->subdistricts},
        {"provinces", _("Provinces"), r->provinces},
    };
    /* --tsv and --csv: measure<TAB>value, the names; the table: the labels. */
    bool table = human(o);
    struct sheet s = {0};
    sheet_col(&s, "measure", table ? _("Totals") : NULL, 14, 0, false);
    sheet_col(&s, "value", "", 7, 9, true);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *n = number(rows[i].value);
        const char *cells[] = {table ? rows[i].label : rows[i].name, n};
        sheet_row(&s, cells, NO_BAR);
        free(n);
    }
    sheet_print(&s, o);
    sheet_free(&s);
}

static void print_events(const struct events_report *r, const struct report_opts *o)
{
    struct sheet s = {0};
    sheet_col(&s, "id", _("ID"), 3, 6, true);
    sheet_col(&s, "start_date", _("Date"), 10, 12, false);
    sheet_col(&s, "title", _("Event"), 12, 0, false);
    sheet_col(&s, "target", _("Target"), 6, 7, true);
    sheet_col(&s, "attended", _("Came"), 4, 6, true);
    sheet_col(&s, "percent", "%", 4, 5, true);
    long long target = 0, came = 0;
    for (size_t i = 0; i < r->events.n; i++) {
        const struct report_row *e = &r->events.rows[i];
        char date[64];
        struct date d;
        snprintf(date, sizeof date, "%s", r->dates[i]);
        if (human(o) && date_from_iso(r->dates[i], &d) == 0)
            date_format(d, messages_thai() ? DATE_THAI : DATE_CE, date, sizeof date);
        char *t = e->target > 0 ? number(e->target) : NULL, *c = number(e->count),
             *p = percent(e->count, e->target);
        const char *cells[] = {e->key, date, e->label, t, c, p};
        sheet_row(&s, cells, e->count);
        target += e->target;
        came += e->count;
        free(t);
        free(c);
        free(p);
    }
    char *t = number(target), *c = number(came);
    const char *cells[] = {NULL, NULL, _("Total"), t, c, NULL};
    sheet_row(&s, cells, TABLE_ONLY);
    free(t);
    free(c);
    sheet_print(&s, o);
    sheet_free(&s);
}

/* "From 1 Apr 2024 to 31 Mar 2025" of the period's ISO ends (NULL: open); NULL for all. */
static char *period(const char *from, const char *to)
{
    char a[64] = "", b[64] = "";
    struct date d;
    enum date_style style = messages_thai() ? DATE_THAI : DATE_CE;
    if (from && date_from_iso(from, &d) == 0) date_format(d, style, a, sizeof a);
    if (to && date_from_iso(to, &d) == 0) date_format(d, style, b, sizeof b);
    if (*a && *b) return xasprintf(_("From %s to %s"), a, b);
    if (*a) return xasprintf(_("From %s"), a);
    if (*b) return xasprintf(_("Until %s"), b);
    return NULL;
}

static int report_events_cmd(struct db *db, const struct report_opts *o)
{
    char from[11], to[11];
    struct events_filter f = {0};
    int rc = EXIT_OK;
    if (o->from && (rc = parse_day("--from", o->from, false, from)) == EXIT_OK) f.from = from;
    if (rc == EXIT_OK && o->to && (rc = parse_day("--to", o->to, true, to)) == EXIT_OK) f.to = to;
    if (rc != EXIT_OK) return rc;
    char *err = NULL;
    if (o->org && model_find(db, FT_ORG, o->org, &f.org_id, &err) != 0) return cli_fail(err);
    if (o->series && !cli_parse_id(o->series, &f.series_id))
        return cli_usage("report", _("--series takes a series id, not \"%s\""), o->series);
    struct events_report r;
    if (report_events(db, &f, &r, &err) != 0) return cli_fail(err);
    if (o->out == OUT_PDF) {
        o->doc->title = xstrdup(_("Events and the people they reached"));
        o->doc->subtitle = period(f.from, f.to);
    }
    if (!o->totals) print_events(&r, o);
    if (!o->totals && o->out == OUT_TABLE) putchar('\n');
    if (o->totals || human(o)) print_totals(&r, o);
    events_report_free(&r);
    return EXIT_OK;
}

/* --- options ---------------------------------------------------------------------------- */

static int read_option(const struct cli *cli, int *i, struct report_opts *o)
{
    const char *a = cli->argv[*i];
    int rc = EXIT_OK;
    const char *v;
    if (strcmp(a, "--tsv") == 0 || strcmp(a, "--csv") == 0)
        o->out = a[2] == 't' ? OUT_TSV : OUT_CSV;
    else if (strcmp(a, "--ascii") == 0)
        o->ascii = true;
    else if (strcmp(a, "--totals") == 0)
        o->totals = true;
    else if ((v = cli_option(cli, i, "--by", &rc))) {
        o->by = report_key_from_name(v);
        if (o->by < 0)
            return cli_usage("report",
                             _("--by takes organisation, province, district, "
                               "subdistrict, category, group, role, status, reason, "
                               "tag, skill, gender, joined or day, not \"%s\""),
                             v);
    } else if ((v = cli_option(cli, i, "--from", &rc)))
        o->from = v;
    else if ((v = cli_option(cli, i, "--to", &rc)))
        o->to = v;
    else if ((v = cli_option(cli, i, "--org", &rc)))
        o->org = v;
    else if ((v = cli_option(cli, i, "--series", &rc)))
        o->series = v;
    else if (rc != EXIT_OK)
        return cli_usage("report", _("%s needs a value"), a);
    else if (a[0] == '-')
        return cli_usage("report", _("unknown option \"%s\""), a);
    else if (!o->id)
        o->id = a;
    else
        return cli_usage("report", _("unexpected argument \"%s\""), a);
    return EXIT_OK;
}

int cmd_report(const struct cli *cli)
{
    if (cli->argc == 0)
        return cli_usage("report", _("report what: event, members, events or goals?"));
    const char *what = cli->argv[0];
    struct cli rest = *cli;
    rest.argc--;
    rest.argv++;
    if (strcmp(what, "goals") == 0) return cmd_report_goals(&rest);
    struct report_opts o = {.by = -1};
    for (int i = 0; i < rest.argc; i++) {
        int rc = read_option(&rest, &i, &o);
        if (rc != EXIT_OK) return rc;
    }
    bool event = strcmp(what, "event") == 0, members = strcmp(what, "members") == 0,
         events = strcmp(what, "events") == 0;
    if (!event && !members && !events)
        return cli_usage("report", _("report what: event, members, events or goals, not \"%s\""),
                         what);
    if (!event && o.id) return cli_usage("report", _("unexpected argument \"%s\""), o.id);
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    int rc = event     ? report_event_cmd(db, &o)
             : members ? report_members_cmd(db, &o)
                       : report_events_cmd(db, &o);
    db_close(&db);
    return rc;
}

/* --- khai print report ... : the same reports on paper ------------------------------------ */

static void paper_doc_free(struct paper_doc *d)
{
    for (size_t i = 0; i < d->n; i++)
        sheet_free(&d->sheets[i]);
    free(d->sheets);
    free(d->title);
    free(d->subtitle);
    memset(d, 0, sizeof *d);
}

/* A sheet as print_report takes it: the columns the table shows, each line's kind and bar.
 * The arrays are the caller's to free (cells point into the sheet). */
static void paper_table(const struct sheet *s, struct print_table *t)
{
    memset(t, 0, sizeof *t);
    int shown[MAX_COLS];
    for (int c = 0; c < s->ncols && t->ncols < PRINT_MAX_COLUMNS; c++)
        if (s->cols[c].header) {
            shown[t->ncols] = c;
            t->headers[t->ncols] = s->cols[c].header;
            t->right[t->ncols] = s->cols[c].right;
            t->share[t->ncols] = s->cols[c].max ? s->cols[c].max : 3.0 * s->cols[c].min;
            t->ncols++;
        }
    t->nrows = s->nrows;
    const char **cells = xcalloc(s->nrows * (size_t)t->ncols + 1, sizeof *cells);
    long long *bars = xcalloc(s->nrows + 1, sizeof *bars);
    enum print_line_kind *kinds = xcalloc(s->nrows + 1, sizeof *kinds);
    for (size_t r = 0; r < s->nrows; r++) {
        for (int c = 0; c < t->ncols; c++)
            cells[r * (size_t)t->ncols + (size_t)c] =
                s->cells[r * (size_t)s->ncols + (size_t)shown[c]];
        kinds[r] = s->bars[r] == HEADING      ? PRINT_LINE_HEADING
                   : s->bars[r] == TABLE_ONLY ? PRINT_LINE_TOTAL
                                              : PRINT_LINE_ROW;
        bars[r] = s->bars[r] >= 0 ? s->bars[r] : -1;
    }
    t->cells = cells;
    t->bars = bars;
    t->kinds = kinds;
}

static int paper_write(const struct paper_doc *d, enum paper paper, FILE *out, int *pages,
                       char **err)
{
    struct print_table *tables = xcalloc(d->n + 1, sizeof *tables);
    for (size_t i = 0; i < d->n; i++)
        paper_table(&d->sheets[i], &tables[i]);
    struct print_report r = {d->title ? d->title : "", d->subtitle, tables, d->n};
    int rc = print_report(&r, paper, out, pages, err);
    for (size_t i = 0; i < d->n; i++) {
        free((void *)tables[i].cells);
        free((void *)tables[i].bars);
        free((void *)tables[i].kinds);
    }
    free(tables);
    return rc;
}

int report_print_event(struct db *db, long long event_id, enum paper paper, FILE *out, int *pages,
                       char **err)
{
    struct paper_doc doc = {0};
    char id[32];
    snprintf(id, sizeof id, "%lld", event_id);
    struct report_opts o = {.out = OUT_PDF, .by = -1, .id = id, .doc = &doc, .quiet = true};
    /* The command's own failures are worded for the terminal: here the title is loaded
     * first so that an event that is gone is an error for the caller to show. */
    char *title = NULL;
    if (event_title(db, event_id, &title, err) != 0) return -1;
    free(title);
    int rc = report_event_cmd(db, &o) == EXIT_OK ? paper_write(&doc, paper, out, pages, err) : -1;
    if (rc != 0 && !*err) *err = xstrdup(_("cannot make the report"));
    paper_doc_free(&doc);
    return rc;
}

/* Reads the options print adds to the report's: -o FILE, --force, --paper. */
static int print_option(const struct cli *cli, int *i, struct outfile *file, enum paper *paper,
                        bool *taken)
{
    int rc = EXIT_OK;
    const char *v;
    *taken = true;
    if (strcmp(cli->argv[*i], "--force") == 0)
        file->force = true;
    else if ((v = cli_option(cli, i, "-o", &rc)) || (v = cli_option(cli, i, "--output", &rc)))
        file->path = strcmp(v, "-") == 0 ? NULL : v;
    else if ((v = cli_option(cli, i, "--paper", &rc))) {
        int p = paper_from_name(v);
        if (p < 0) return cli_usage("print", _("--paper is a4 or letter, not \"%s\""), v);
        *paper = (enum paper)p;
    } else
        *taken = false;
    if (rc != EXIT_OK) return cli_usage("print", _("%s needs a value"), cli->argv[*i]);
    return EXIT_OK;
}

int cmd_print_report(const struct cli *cli)
{
    /* argv: report WHAT [options] */
    const char *what = cli->argc > 1 ? cli->argv[1] : "";
    bool event = strcmp(what, "event") == 0, members = strcmp(what, "members") == 0,
         events = strcmp(what, "events") == 0;
    if (!event && !members && !events)
        return cli_usage("print", _("report what: event, members or events, not \"%s\""), what);
    struct paper_doc doc = {0};
    struct report_opts o = {.out = OUT_PDF, .by = -1, .doc = &doc};
    struct outfile file = {0};
    enum paper paper = PAPER_A4;
    struct cli rest = *cli;
    rest.argc -= 2;
    rest.argv += 2;
    for (int i = 0; i < rest.argc; i++) {
        bool taken;
        int rc = print_option(&rest, &i, &file, &paper, &taken);
        if (rc == EXIT_OK && !taken) rc = read_option(&rest, &i, &o);
        if (rc != EXIT_OK) return rc;
    }
    if (o.ascii || o.out != OUT_PDF)
        return cli_usage("print", _("a printed report draws its own bars: no --tsv, --csv or "
                                    "--ascii"));
    if (!event && o.id) return cli_usage("print", _("unexpected argument \"%s\""), o.id);
    if (!file.path && isatty(STDOUT_FILENO))
        return cli_usage("print", _("a PDF is not for the terminal: give -o FILE.pdf"));
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    int rc = event     ? report_event_cmd(db, &o)
             : members ? report_members_cmd(db, &o)
                       : report_events_cmd(db, &o);
    db_close(&db);
    if (rc != EXIT_OK) {
        paper_doc_free(&doc);
        return rc;
    }
    char *err = NULL;
    FILE *f = outfile_open(&file, &err);
    int pages = 0, status = f ? paper_write(&doc, paper, f, &pages, &err) : -1;
    if (f) status = outfile_close(&file, status, &err);
    paper_doc_free(&doc);
    if (status != 0) return cli_fail(err);
    if (file.path) {
        char *said = xasprintf(P_("printed %d page to %s", "printed %d pages to %s", pages), pages,
                               file.path);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
    return EXIT_OK;
}
