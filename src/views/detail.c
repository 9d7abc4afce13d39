/* The detail of one record: the fields worth showing and the sections of what links to it.
 * The one place that knows what a member, organisation, event or task links to. */
#include "detail.h"
#include "identity.h"
#include "affiliation.h"
#include "goalview.h"
#include "invitation.h"
#include "series.h"
#include "timestamp.h"
#include "messages.h"
#include "text.h"
#include "views.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void add_field(struct detail *d, const struct record *r, int fi)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    char *v = view_value(r, fi, DATE_THAI);
    if (!*v && (f->flags & (FIELD_EXTRA | FIELD_QUIET))) {
        free(v);
        return;
    }
    d->fields = xrealloc(d->fields, sizeof *d->fields * (d->nfields + 1));
    d->fields[d->nfields++] =
        (struct detail_field){f, v, f->type == FT_DATE && *v ? r->values[fi] : NULL};
}

static struct detail_section *add_section(struct detail *d, const char *title)
{
    d->sections = xrealloc(d->sections, sizeof *d->sections * (d->nsections + 1));
    struct detail_section *s = &d->sections[d->nsections++];
    *s = (struct detail_section){title, false, 0, NULL, 0};
    return s;
}

/* A section found empty is dropped again: only sections with something in them stay. */
static void drop_if_empty(struct detail *d)
{
    if (d->nsections && d->sections[d->nsections - 1].total == 0) {
        free(d->sections[d->nsections - 1].links);
        d->nsections--;
    }
}

/* Takes ownership of name, role, note and org. */
static void add_link(struct detail_section *s, enum kind k, long long id, char *name, char *role,
                     char *note, char *org)
{
    s->links = xrealloc(s->links, sizeof *s->links * (s->n + 1));
    s->links[s->n++] = (struct detail_link){k, id, name, role, note, org};
}

/* The field as a person reads it; "" for F_NONE. */
static char *field_text(const struct record *r, enum field_id field)
{
    return field == F_NONE ? xstrdup("") : view_value(r, field_pos(field), DATE_THAI);
}

/* The records a reference field of r points to (host, partners, parent, owner...). */
static void add_refs(struct detail *d, struct db *db, const struct record *r, enum field_id field,
                     enum kind k, const char *title)
{
    const long long *ids;
    size_t n = record_refs(r, field, &ids);
    struct detail_section *s = add_section(d, title);
    for (size_t i = 0; i < n; i++) {
        struct record *o = NULL;
        char *err = NULL;
        if (record_load(db, k, ids[i], &o, &err) == 0)
            add_link(s, k, ids[i], record_display_name(o), xstrdup(""), xstrdup(""), xstrdup(""));
        free(err);
        record_free(&o);
    }
    s->total = (long long)s->n;
    drop_if_empty(d);
}

static int add_affiliations(struct detail *d, struct db *db, long long member_id, char **err)
{
    struct affiliation *list;
    size_t n;
    if (affiliation_list(db, member_id, &list, &n, err) != 0) return -1;
    struct detail_section *s = add_section(d, _("Organisations"));
    for (size_t i = 0; i < n; i++)
        add_link(s, KIND_ORG, list[i].org_id, xstrdup(list[i].org_name),
                 affiliation_describe(&list[i]), xstrdup(""), xstrdup(""));
    s->total = (long long)n;
    drop_if_empty(d);
    affiliation_list_free(list, n);
    return 0;
}

/* One linked record of a listing: attendance rows link to the event (a member's) or to the
 * member (an event's participants). */
static void add_row(struct detail_section *s, const struct list_query *q, const struct record *r)
{
    if (q->kind == KIND_ATTENDANCE && q->member_id)
        add_link(s, KIND_EVENT, atoll(record_get(r, F_ATTENDANCE_EVENT_ID)),
                 xstrdup(record_get(r, F_ATTENDANCE_EVENT_TITLE)), xstrdup(""),
                 field_text(r, F_ATTENDANCE_STATUS), xstrdup(""));
    else if (q->kind == KIND_ATTENDANCE)
        add_link(s, KIND_MEMBER, atoll(record_get(r, F_ATTENDANCE_MEMBER_ID)),
                 xstrdup(record_get(r, F_ATTENDANCE_MEMBER_NAME)), xstrdup(""),
                 field_text(r, F_ATTENDANCE_STATUS),
                 xstrdup(record_get(r, F_ATTENDANCE_ORGANISATION)));
    else
        add_link(s, q->kind, r->id, record_display_name(r), xstrdup(""),
                 field_text(r, q->kind == KIND_EVENT  ? F_EVENT_START_DATE
                               : q->kind == KIND_TASK ? F_TASK_STATUS
                                                      : F_NONE),
                 xstrdup(""));
}

static int add_query(struct detail *d, struct db *db, const struct list_query *q, int limit,
                     const char *title, char **err)
{
    long long total;
    struct record **rows;
    size_t n;
    if (list_count(db, q, &total, err) != 0 || list_fetch(db, q, 0, limit, &rows, &n, err) != 0)
        return -1;
    struct detail_section *s = add_section(d, title);
    for (size_t i = 0; i < n; i++)
        add_row(s, q, rows[i]);
    s->total = total;
    drop_if_empty(d);
    list_free(rows, n);
    return 0;
}

/* Members the rule of identity.h calls the same or probably the same person: the screens
 * merge them from here. */
static int add_duplicates(struct detail *d, struct db *db, const struct record *r, char **err)
{
    if (r->deleted_at) return 0;
    struct identity p;
    identity_of_record(db, r, &p);
    struct identity_match *m;
    size_t n;
    int rc = identity_find(db, &p, r->id, &m, &n, err);
    identity_free(&p);
    if (rc != 0) return -1;
    struct detail_section *s = add_section(d, _("Probably the same person"));
    s->duplicates = true;
    for (size_t i = 0; i < n && m[i].judgement.verdict >= IDENTITY_PROBABLE; i++) {
        add_link(s, KIND_MEMBER, m[i].id, xstrdup(m[i].name), xstrdup(""), xstrdup(m[i].reason),
                 xstrdup(""));
        s->total++;
    }
    drop_if_empty(d);
    identity_matches_free(m, n);
    return 0;
}

static int member_links(struct detail *d, struct db *db, const struct record *r, int limit,
                        char **err)
{
    struct list_query events = {.kind = KIND_ATTENDANCE, .member_id = r->id, .sort = "time"};
    struct list_query tasks = {.kind = KIND_TASK, .member_id = r->id};
    if (add_duplicates(d, db, r, err) != 0 || add_affiliations(d, db, r->id, err) != 0 ||
        add_query(d, db, &events, limit, _("Events"), err) != 0)
        return -1;
    return add_query(d, db, &tasks, limit, _("Tasks"), err);
}

static int org_links(struct detail *d, struct db *db, const struct record *r, int limit, char **err)
{
    struct list_query subs = {.kind = KIND_ORG, .org_id = r->id};
    struct list_query members = {.kind = KIND_MEMBER, .org_id = r->id};
    struct list_query events = {.kind = KIND_EVENT, .org_id = r->id};
    add_refs(d, db, r, F_ORG_PARENT, KIND_ORG, _("Part of"));
    if (add_query(d, db, &subs, limit, _("Sub-organisations"), err) != 0 ||
        add_query(d, db, &members, limit, _("Members"), err) != 0)
        return -1;
    return add_query(d, db, &events, limit, _("Events"), err);
}

/* An event's invited organisations: the status and reason of each, opened by the invitation. */
static int add_invitations(struct detail *d, struct db *db, long long event_id, int limit,
                           char **err)
{
    struct list_query q = {.kind = KIND_INVITATION, .event_id = event_id};
    long long total;
    struct record **rows;
    size_t n;
    if (list_count(db, &q, &total, err) != 0 || list_fetch(db, &q, 0, limit, &rows, &n, err) != 0)
        return -1;
    struct detail_section *s = add_section(d, _("Invited organisations"));
    for (size_t i = 0; i < n; i++)
        add_link(s, KIND_INVITATION, rows[i]->id,
                 xstrdup(record_get(rows[i], F_INVITATION_ORGANISATION)), xstrdup(""),
                 field_text(rows[i], F_INVITATION_STATUS),
                 xstrdup(record_get(rows[i], F_INVITATION_REASON)));
    s->total = total;
    drop_if_empty(d);
    list_free(rows, n);
    return 0;
}

/* "10 Jul 2024 09:30  confirmed (somchai)", "23 Jul 2024 14:05  cancelled: floods (somchai)". */
static int invitation_links(struct detail *d, struct db *db, const struct record *r, char **err)
{
    struct invitation_change *h;
    size_t n;
    add_refs(d, db, r, F_INVITATION_EVENT_ID, KIND_EVENT, _("Event"));
    add_refs(d, db, r, F_INVITATION_ORGANISATION, KIND_ORG, _("Organisation"));
    if (invitation_history(db, r->id, &h, &n, err) != 0) return -1;
    const struct field *status = field_info(F_INVITATION_STATUS);
    for (size_t i = 0; i < n; i++) {
        char when[64];
        timestamp_local(h[i].at, when, sizeof when);
        char *line =
            *h[i].reason
                ? xasprintf(_("%s  %s: %s (%s)"), when, choice_label(status, h[i].status),
                            h[i].reason, h[i].who)
                : xasprintf(_("%s  %s (%s)"), when, choice_label(status, h[i].status), h[i].who);
        d->history = xrealloc(d->history, sizeof *d->history * (d->nhistory + 1));
        d->history[d->nhistory++] = line;
    }
    invitation_history_free(h, n);
    return 0;
}

static int event_links(struct detail *d, struct db *db, const struct record *r, int limit,
                       char **err)
{
    struct list_query people = {.kind = KIND_ATTENDANCE, .event_id = r->id, .sort = "name"};
    struct list_query tasks = {.kind = KIND_TASK, .event_id = r->id};
    if (event_summary(db, r->id, &d->turnout, err) != 0) return -1;
    d->has_turnout = true;
    add_refs(d, db, r, F_EVENT_HOST, KIND_ORG, _("Host"));
    add_refs(d, db, r, F_EVENT_PARTNERS, KIND_ORG, _("Partners"));
    add_refs(d, db, r, F_EVENT_SERIES, KIND_SERIES, _("Series"));
    if (add_invitations(d, db, r->id, limit, err) != 0 ||
        add_query(d, db, &people, limit, _("Participants"), err) != 0)
        return -1;
    return add_query(d, db, &tasks, limit, _("Tasks"), err);
}

/* A task's owners, members and organisations in the order given: each opens with Enter. */
static void add_owners(struct detail *d, struct db *db, const struct record *r)
{
    const long long *ids;
    size_t n = record_refs(r, F_TASK_OWNERS, &ids);
    struct detail_section *s = add_section(d, _("Owners"));
    for (size_t i = 0; i < n; i++) {
        enum kind k = ids[i] > 0 ? KIND_MEMBER : KIND_ORG;
        long long id = ids[i] > 0 ? ids[i] : -ids[i];
        struct record *o = NULL;
        char *err = NULL;
        if (record_load(db, k, id, &o, &err) == 0)
            add_link(s, k, id, record_display_name(o), xstrdup(""), xstrdup(""), xstrdup(""));
        free(err);
        record_free(&o);
    }
    s->total = (long long)s->n;
    drop_if_empty(d);
}

/* The meetings a task was carried from, oldest first, each with its date. */
static int add_carried_from(struct detail *d, struct db *db, long long task_id, char **err)
{
    long long *events;
    size_t n;
    if (series_task_carried_from(db, task_id, &events, &n, err) != 0) return -1;
    struct detail_section *s = add_section(d, _("Carried over from"));
    for (size_t i = 0; i < n; i++) {
        struct record *e = NULL;
        char *why = NULL;
        if (record_load(db, KIND_EVENT, events[i], &e, &why) == 0)
            add_link(s, KIND_EVENT, events[i], record_display_name(e), xstrdup(""),
                     field_text(e, F_EVENT_START_DATE), xstrdup(""));
        free(why);
        record_free(&e);
    }
    s->total = (long long)s->n;
    drop_if_empty(d);
    free(events);
    return 0;
}

static int task_links(struct detail *d, struct db *db, const struct record *r, char **err)
{
    add_refs(d, db, r, F_TASK_EVENT_ID, KIND_EVENT, _("Event"));
    add_owners(d, db, r);
    return add_carried_from(d, db, r->id, err);
}

/* "24 of 40 (60%)", "24 came" with no target. malloc'd. */
static char *turnout_text(long long attended, long long target)
{
    if (target <= 0) return xasprintf(_("%lld came"), attended);
    return xasprintf(_("%lld of %lld (%lld%%)"), attended, target, attended * 100 / target);
}

/* A series' meetings with their turnout against target, and its tasks carried more than
 * once. */
static int series_links(struct detail *d, struct db *db, const struct record *r, char **err)
{
    struct series_overview o;
    if (series_overview(db, r->id, &o, err) != 0) return -1;
    struct detail_section *s = add_section(d, _("Meetings"));
    for (size_t i = 0; i < o.nmeetings; i++) {
        const struct series_meeting *m = &o.meetings[i];
        char when[64];
        date_format(m->start, DATE_THAI, when, sizeof when);
        char *note =
            strcmp(m->status, "planned") == 0
                ? xstrdup(when)
                : xasprintf("%s, %s", when, choice_label(field_info(F_EVENT_STATUS), m->status));
        add_link(s, KIND_EVENT, m->event_id, xstrdup(m->title), xstrdup(""), note,
                 turnout_text(m->attended, m->target));
    }
    s->total = (long long)s->n;
    drop_if_empty(d);
    s = add_section(d, _("Tasks carried over more than once"));
    for (size_t i = 0; i < o.ncarried; i++) {
        const struct series_carried *c = &o.carried[i];
        add_link(s, KIND_TASK, c->task_id, xstrdup(c->title), xstrdup(""),
                 xstrdup(choice_label(field_info(F_TASK_STATUS), c->status)),
                 xasprintf(P_("carried %lld time", "carried %lld times", c->times), c->times));
    }
    s->total = (long long)s->n;
    drop_if_empty(d);
    series_overview_free(&o);
    return 0;
}

/* A goal: how far it has come, and what it counts at or among. A deleted goal counts nothing. */
static int goal_links(struct detail *d, struct db *db, const struct record *r, char **err)
{
    struct goal_progress p;
    int rc = r->deleted_at ? 1 : goal_progress(db, r->id, date_today(), &p, err);
    if (rc == 0) {
        d->nprogress = goal_progress_lines(&p, &d->progress);
        goal_progress_free(&p);
    }
    add_refs(d, db, r, F_GOAL_ORGANISATION, KIND_ORG, _("Organisation"));
    add_refs(d, db, r, F_GOAL_EVENT_ID, KIND_EVENT, _("Event"));
    return rc < 0 ? -1 : 0;
}

int detail_build(struct db *db, const struct record *r, int limit, struct detail *d, char **err)
{
    *d = (struct detail){0};
    const struct kind_info *ki = kind_info(r->kind);
    for (int i = 0; i < ki->nfields; i++)
        add_field(d, r, i);
    switch (r->kind) {
    case KIND_MEMBER:
        return member_links(d, db, r, limit, err);
    case KIND_ORG:
        return org_links(d, db, r, limit, err);
    case KIND_EVENT:
        return event_links(d, db, r, limit, err);
    case KIND_TASK:
        return task_links(d, db, r, err);
    case KIND_INVITATION:
        return invitation_links(d, db, r, err);
    case KIND_SERIES:
        return series_links(d, db, r, err);
    case KIND_GOAL:
        return goal_links(d, db, r, err);
    default:
        return 0;
    }
}

int detail_label_width(const struct detail *d)
{
    int w = 0;
    for (size_t i = 0; i < d->nfields; i++) {
        int lw = (int)text_width(field_label(d->fields[i].field));
        w = lw > w ? lw : w;
    }
    return w;
}

void detail_free(struct detail *d)
{
    for (size_t i = 0; i < d->nfields; i++)
        free(d->fields[i].value);
    free(d->fields);
    for (size_t s = 0; s < d->nsections; s++) {
        for (size_t i = 0; i < d->sections[s].n; i++) {
            struct detail_link *l = &d->sections[s].links[i];
            free(l->name);
            free(l->role);
            free(l->note);
            free(l->org);
        }
        free(d->sections[s].links);
    }
    free(d->sections);
    for (size_t i = 0; i < d->nhistory; i++)
        free(d->history[i]);
    free(d->history);
    for (size_t i = 0; i < d->nprogress; i++)
        free(d->progress[i]);
    free(d->progress);
    if (d->has_turnout) event_summary_free(&d->turnout);
    *d = (struct detail){0};
}

static void push_line(char ***lines, size_t *n, char *line)
{
    *lines = xrealloc(*lines, sizeof **lines * (*n + 1));
    (*lines)[(*n)++] = line;
}

/* One whole sentence per case, so that a translation never glues fragments together. */
static char *turnout_headline(const struct event_summary *s)
{
    if (!s->target)
        return xasprintf(P_("Turnout: %lld attended, from %lld organisation",
                            "Turnout: %lld attended, from %lld organisations", s->organisations),
                         s->attended, s->organisations);
    return xasprintf(P_("Turnout: %lld attended of a target of %lld (%lld%%), from %lld "
                        "organisation",
                        "Turnout: %lld attended of a target of %lld (%lld%%), from %lld "
                        "organisations",
                        s->organisations),
                     s->attended, s->target, s->attended * 100 / s->target, s->organisations);
}

static long long percent_of(long long n, long long of)
{
    return of > 0 ? n * 100 / of : 0;
}

/* Each place counted against its target when the event has one; places nobody came from
 * and no target asks for are left out. */
static void coverage_lines(const struct event_summary *s, char ***lines, size_t *n)
{
    if (s->target_orgs)
        push_line(lines, n,
                  xasprintf(_("  Organisations: %lld of a target of %lld (%lld%%)"),
                            s->organisations, s->target_orgs,
                            percent_of(s->organisations, s->target_orgs)));
    const struct {
        const char *with, *without;
        long long count, target;
    } places[] = {
        {N_("  Subdistricts: %lld of a target of %lld (%lld%%)"), N_("  Subdistricts: %lld"),
         s->subdistricts, s->target_subdistricts},
        {N_("  Districts: %lld of a target of %lld (%lld%%)"), N_("  Districts: %lld"),
         s->districts, s->target_districts},
        {N_("  Provinces: %lld of a target of %lld (%lld%%)"), N_("  Provinces: %lld"),
         s->provinces, s->target_provinces},
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        if (places[i].target)
            push_line(lines, n,
                      xasprintf(_(places[i].with), places[i].count, places[i].target,
                                percent_of(places[i].count, places[i].target)));
        else if (places[i].count)
            push_line(lines, n, xasprintf(_(places[i].without), places[i].count));
    }
}

static void invitation_lines(const struct invitation_counts *c, char ***lines, size_t *n)
{
    if (!c->invited) return;
    push_line(lines, n,
              xasprintf(_("  Organisations invited: %lld (confirmed %lld, no answer %lld, "
                          "cancelled %lld, declined %lld)"),
                        c->invited, c->status[INVITATION_CONFIRMED], c->status[INVITATION_INVITED],
                        c->status[INVITATION_CANCELLED], c->status[INVITATION_DECLINED]));
    push_line(lines, n,
              xasprintf(_("  Organisations that came: %lld, %lld of the %lld that confirmed"),
                        c->came, c->confirmed_came, c->status[INVITATION_CONFIRMED]));
}

size_t detail_turnout_lines(const struct event_summary *s, char ***lines)
{
    size_t n = 0;
    *lines = NULL;
    push_line(lines, &n, turnout_headline(s));
    push_line(lines, &n,
              xasprintf(_("  invited %lld, confirmed %lld, absent %lld, cancelled %lld"),
                        s->invited, s->confirmed, s->absent, s->cancelled));
    coverage_lines(s, lines, &n);
    invitation_lines(&s->invitations, lines, &n);
    for (size_t i = 0; i < s->ncategories; i++) {
        const struct category_count *c = &s->categories[i];
        push_line(lines, &n,
                  c->target
                      ? xasprintf(_("  %s: %lld of %lld"), c->category, c->attended, c->target)
                      : xasprintf("  %s: %lld", c->category, c->attended));
    }
    return n;
}
