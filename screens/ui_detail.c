/* The detail screen: every field of a record and what is linked to it; links open with
 * Enter, q or Esc goes back. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "affiliation.h"
#include "detail.h"
#include "merge.h"
#include "messages.h"
#include "outfile.h"
#include "print.h"
#include "reportprint.h"
#include "strbuf.h"
#include "text.h"
#include "thaidate.h"
#include "ui.h"
#include "views.h"
#include "xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { LINKED_ROWS = 200 };

struct dline {
    char *text;
    int attr;
    enum kind link_kind;
    long long link_id; /* 0: not a link */
    bool duplicate;    /* a member who is probably the same person: m merges them */
};

struct detail_state {
    enum kind kind;
    long long id;
    struct record *r;
    struct dline *lines;
    size_t n;
    long long top, cursor; /* cursor: index of the selected link line, -1 when none */
    long long role_org;    /* r: the organisation whose role is asked for */
    char *role, *since;    /* r: the answers so far */
    long long merge_other; /* m: the member asked about */
    long long invitation;  /* Enter on an invited organisation: the invitation answered */
    const char *answer;    /* its new status key, once chosen */
    struct date next_date; /* N: the next meeting's date */
};

/* The questions r asks in turn, m's, then those of an invitation's answer. */
enum { Q_ROLE, Q_SINCE, Q_UNTIL, Q_MERGE, Q_ANSWER, Q_REASON, Q_NEXT_DATE, Q_NEXT };

static void add(struct detail_state *st, char *text, int attr, enum kind k, long long id)
{
    st->lines = xrealloc(st->lines, sizeof *st->lines * (st->n + 1));
    st->lines[st->n++] = (struct dline){text, attr, k, id, false};
}

static void clear_lines(struct detail_state *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->lines[i].text);
    free(st->lines);
    st->lines = NULL;
    st->n = 0;
}

static void add_fields(struct detail_state *st, struct ui *ui, const struct detail *d)
{
    int label_cols = detail_label_width(d);
    for (size_t i = 0; i < d->nfields; i++) {
        char *label = text_fit(field_label(d->fields[i].field), (size_t)label_cols);
        char **wrapped;
        int width = ui->cols - label_cols - 3;
        size_t n = text_wrap(d->fields[i].value, (size_t)(width > 10 ? width : 10), &wrapped);
        for (size_t l = 0; l < (n ? n : 1); l++)
            add(st,
                xasprintf("%*s%s  %s", l ? label_cols : 0, "", l ? "" : label, n ? wrapped[l] : ""),
                A_NORMAL, 0, 0);
        strings_free(wrapped, n);
        free(label);
    }
}

static void add_heading(struct detail_state *st, const char *text, long long count)
{
    add(st, xstrdup(""), A_NORMAL, 0, 0);
    add(st, xasprintf("%s (%lld)", text, count), A_BOLD, 0, 0);
}

/* "  name  (role)  [status]  organisation": each part only when there is one. */
static void add_link_line(struct detail_state *st, const struct detail_link *l)
{
    struct strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "  %s", l->name);
    if (*l->role) sb_addf(&sb, "  (%s)", l->role);
    if (*l->note) sb_addf(&sb, "  [%s]", l->note);
    if (*l->org) sb_addf(&sb, "  %s", l->org);
    add(st, sb_take(&sb), A_NORMAL, l->kind, l->id);
}

static void add_section(struct detail_state *st, const struct detail_section *s)
{
    add_heading(st, s->title, s->total);
    for (size_t i = 0; i < s->n; i++) {
        add_link_line(st, &s->links[i]);
        st->lines[st->n - 1].duplicate = s->duplicates;
    }
    if ((long long)s->n < s->total)
        add(st, xasprintf("  ... %lld %s", s->total - (long long)s->n, _("more")), A_NORMAL, 0, 0);
}

static void add_turnout(struct detail_state *st, const struct event_summary *s)
{
    char **lines;
    size_t n = detail_turnout_lines(s, &lines);
    add(st, xstrdup(""), A_NORMAL, 0, 0);
    for (size_t i = 0; i < n; i++)
        add(st, lines[i], i == 0 ? A_BOLD : A_NORMAL, 0, 0); /* add takes the line */
    free(lines);
}

static long long first_link(const struct detail_state *st, long long from, int step)
{
    for (long long i = from; i >= 0 && i < (long long)st->n; i += step)
        if (st->lines[i].link_id) return i;
    return -1;
}

static int build(struct detail_state *st, struct ui *ui)
{
    clear_lines(st);
    record_free(&st->r);
    char *err = NULL;
    if (record_load(ui->db, st->kind, st->id, &st->r, &err) != 0) {
        add(st, err, A_BOLD, 0, 0);
        return -1;
    }
    char *name = record_display_name(st->r);
    add(st, xasprintf("%s%s", name, st->r->deleted_at ? _("  (deleted)") : ""), A_BOLD, 0, 0);
    free(name);
    struct detail d;
    if (detail_build(ui->db, st->r, LINKED_ROWS, &d, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    }
    add_fields(st, ui, &d);
    if (d.has_turnout) add_turnout(st, &d.turnout);
    if (d.nprogress) add(st, xstrdup(""), A_NORMAL, 0, 0);
    for (size_t i = 0; i < d.nprogress; i++)
        add(st, xstrdup(d.progress[i]), i == 0 ? A_BOLD : A_NORMAL, 0, 0);
    for (size_t i = 0; i < d.nsections; i++)
        add_section(st, &d.sections[i]);
    if (d.nhistory) add_heading(st, _("History"), (long long)d.nhistory);
    for (size_t i = 0; i < d.nhistory; i++)
        add(st, xasprintf("  %s", d.history[i]), A_NORMAL, 0, 0);
    detail_free(&d);
    if (st->cursor >= (long long)st->n || (st->cursor >= 0 && !st->lines[st->cursor].link_id))
        st->cursor = first_link(st, 0, 1);
    return 0;
}

static void detail_draw(struct screen *s, struct ui *ui, bool full)
{
    (void)full;
    struct detail_state *st = s->state;
    for (int y = 0; y < ui->body_rows; y++) {
        long long i = st->top + y;
        int row = ui->body_top + y;
        if (i >= (long long)st->n) {
            ui_clear_line(row, 0);
            continue;
        }
        bool selected = i == st->cursor;
        ui_draw_text(row, 0, 1, selected ? ">" : " ", A_BOLD);
        ui_draw_text(row, 1, ui->cols - 1, st->lines[i].text,
                     st->lines[i].attr | (selected ? A_REVERSE : 0));
    }
}

static void keep_visible(struct detail_state *st, struct ui *ui)
{
    if (st->cursor < 0) return;
    if (st->cursor < st->top) st->top = st->cursor;
    if (st->cursor >= st->top + ui->body_rows) st->top = st->cursor - ui->body_rows + 1;
}

static int scroll_by(struct detail_state *st, struct ui *ui, long long delta)
{
    long long max_top = (long long)st->n - ui->body_rows;
    st->top += delta;
    if (st->top > max_top) st->top = max_top;
    if (st->top < 0) st->top = 0;
    if (st->cursor >= 0 && (st->cursor < st->top || st->cursor >= st->top + ui->body_rows)) {
        long long c = first_link(st, st->top, 1);
        if (c >= 0 && c < st->top + ui->body_rows) st->cursor = c;
    }
    return UI_DIRTY;
}

static int move_link(struct detail_state *st, struct ui *ui, int step)
{
    /* Nothing selected yet: the first link in view (or beyond it) in the direction moved. */
    long long from = st->cursor >= 0 ? st->cursor + step
                     : step > 0      ? st->top
                                     : st->top + ui->body_rows - 1;
    long long next = first_link(st, from, step);
    if (next < 0) return scroll_by(st, ui, step);
    st->cursor = next;
    keep_visible(st, ui);
    return UI_DIRTY;
}

/* The member's affiliation with org, from a fresh list (free with affiliation_list_free), or
 * NULL. */
static const struct affiliation *find_affiliation(struct detail_state *st, struct ui *ui,
                                                  long long org, struct affiliation **list,
                                                  size_t *n)
{
    char *err = NULL;
    *list = NULL;
    *n = 0;
    if (affiliation_list(ui->db, st->id, list, n, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return NULL;
    }
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].org_id == org) return &(*list)[i];
    return NULL;
}

/* r asks for role, since and until in turn (role_answered); Esc at any of them changes
 * nothing. */
static int edit_role(struct detail_state *st, struct ui *ui)
{
    if (st->kind != KIND_MEMBER || st->cursor < 0 || st->lines[st->cursor].link_kind != KIND_ORG)
        return UI_UNHANDLED;
    struct affiliation *list;
    size_t n;
    st->role_org = st->lines[st->cursor].link_id;
    const struct affiliation *a = find_affiliation(st, ui, st->role_org, &list, &n);
    if (a) ui_ask_line(ui, Q_ROLE, _("Role:"), a->role);
    affiliation_list_free(list, n);
    return UI_DIRTY;
}

static void forget_role(struct detail_state *st)
{
    free(st->role);
    free(st->since);
    st->role = st->since = NULL;
}

static int role_answered(struct detail_state *st, struct ui *ui, int question, const char *text)
{
    struct affiliation *list;
    size_t n;
    char *err = NULL;
    const struct affiliation *a = find_affiliation(st, ui, st->role_org, &list, &n);
    if (!a || !text) {
        forget_role(st);
    } else if (question == Q_ROLE) {
        st->role = xstrdup(text);
        ui_ask_line(ui, Q_SINCE, _("Since:"), a->since);
    } else if (question == Q_SINCE) {
        st->since = xstrdup(text);
        ui_ask_line(ui, Q_UNTIL, _("Until:"), a->until);
    } else if (affiliation_set(ui->db, st->id, a->org_name, st->role, st->since, text, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        forget_role(st);
    } else {
        ui_message(ui, false, "%s", _("Saved"));
        forget_role(st);
        ui_data_changed(ui);
    }
    affiliation_list_free(list, n);
    return UI_DIRTY;
}

/* m on a member who is probably the same person: asks before merging them into this one. */
/* The one member listed as probably the same person, when there is just one: m needs no
 * moving to it. -1 otherwise. */
static long long only_duplicate(const struct detail_state *st)
{
    long long found = -1;
    for (size_t i = 0; i < st->n; i++) {
        if (!st->lines[i].duplicate) continue;
        if (found >= 0) return -1;
        found = (long long)i;
    }
    return found;
}

static int ask_merge(struct detail_state *st, struct ui *ui)
{
    if (st->kind == KIND_MEMBER && (st->cursor < 0 || !st->lines[st->cursor].duplicate) &&
        only_duplicate(st) >= 0)
        st->cursor = only_duplicate(st);
    if (st->kind != KIND_MEMBER || st->cursor < 0 || !st->lines[st->cursor].duplicate) {
        if (st->kind == KIND_MEMBER)
            ui_message(ui, true, "%s",
                       _("m merges a member listed under \"Probably the same person\": move to "
                         "one first"));
        return st->kind == KIND_MEMBER ? UI_DIRTY : UI_UNHANDLED;
    }
    st->merge_other = st->lines[st->cursor].link_id;
    struct record *other = NULL;
    char *err = NULL, *name = NULL, *mine = record_display_name(st->r);
    if (record_load(ui->db, KIND_MEMBER, st->merge_other, &other, &err) == 0)
        name = record_display_name(other);
    free(err);
    char *q = xasprintf(_("Merge member %lld %s into this member %lld %s? Their attendance, "
                          "organisations and tasks move here; u undoes"),
                        st->merge_other, name ? name : "", st->id, mine);
    ui_ask_confirm(ui, Q_MERGE, q);
    free(q);
    free(name);
    free(mine);
    record_free(&other);
    return UI_DIRTY;
}

static int merge_answered(struct detail_state *st, struct ui *ui, bool yes)
{
    if (!yes) return UI_DIRTY;
    struct record *keep = NULL, *other = NULL;
    char *err = NULL;
    struct merge_result res;
    if (record_load(ui->db, KIND_MEMBER, st->id, &keep, &err) != 0 ||
        record_load(ui->db, KIND_MEMBER, st->merge_other, &other, &err) != 0 ||
        member_merge(ui->db, st->id, st->merge_other, NULL, &res, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    } else {
        undo_member_merged(ui->undo, res.merge_id, keep, other);
        ui_message(ui, false, _("Merged member %lld into this one (u undoes)"), st->merge_other);
        ui_data_changed(ui);
    }
    record_free(&keep);
    record_free(&other);
    return UI_DIRTY;
}

/* Enter on an invited organisation: its answer with one key, then (when it cancelled or
 * declined) the reason, on the status line. */
static int ask_answer(struct detail_state *st, struct ui *ui)
{
    st->invitation = st->lines[st->cursor].link_id;
    st->answer = NULL;
    return ui_ask_choice(ui, Q_ANSWER, _("Answer:"), CTX_ANSWER);
}

static int save_answer(struct detail_state *st, struct ui *ui, const char *reason)
{
    struct record *r = NULL, *before = NULL;
    char *err = NULL;
    int rc = record_load(ui->db, KIND_INVITATION, st->invitation, &r, &err);
    if (rc == 0) {
        before = record_copy(r);
        record_set(r, F_INVITATION_STATUS, st->answer);
        if (reason) record_set(r, F_INVITATION_REASON, reason);
        rc = record_save(ui->db, r, &err);
    }
    if (rc != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    } else {
        undo_record_edited(ui->undo, before, r);
        ui_message(ui, false, "%s", _("Saved"));
        ui_data_changed(ui);
    }
    record_free(&r);
    record_free(&before);
    st->invitation = 0;
    return UI_DIRTY;
}

static int answer_chosen(struct detail_state *st, struct ui *ui, const struct ui_answer *a)
{
    static const struct {
        enum action action;
        const char *status;
        bool why;
    } answers[] = {{A_INVITE_INVITED, "invited", false},
                   {A_INVITE_CONFIRMED, "confirmed", false},
                   {A_INVITE_CANCELLED, "cancelled", true},
                   {A_INVITE_DECLINED, "declined", true}};
    for (size_t i = 0; a->given && i < sizeof answers / sizeof answers[0]; i++) {
        if (answers[i].action != a->action) continue;
        st->answer = answers[i].status;
        if (!answers[i].why) return save_answer(st, ui, NULL);
        struct record *r = NULL;
        char *err = NULL;
        if (record_load(ui->db, KIND_INVITATION, st->invitation, &r, &err) != 0) {
            free(err);
            return UI_DIRTY;
        }
        int res = ui_ask_line(ui, Q_REASON, _("Reason:"), record_get(r, F_INVITATION_REASON));
        record_free(&r);
        return res;
    }
    st->invitation = 0;
    return UI_DIRTY;
}

static int detail_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    struct detail_state *st = s->state;
    if (question == Q_MERGE) return merge_answered(st, ui, a->given);
    if (question == Q_ANSWER) return answer_chosen(st, ui, a);
    if (question == Q_NEXT_DATE)
        return a->given ? ui_next_meeting_date(ui, a->text, Q_NEXT_DATE, Q_NEXT, &st->next_date)
                        : UI_DIRTY;
    if (question == Q_NEXT)
        return a->given
                   ? ui_next_meeting_make(ui, st->id, st->next_date, a->action == A_NEXT_INVITE)
                   : UI_DIRTY;
    if (question == Q_REASON) {
        if (a->given) return save_answer(st, ui, a->text);
        st->invitation = 0;
        return UI_DIRTY;
    }
    return role_answered(st, ui, question, a->given ? a->text : NULL);
}

static int detail_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    (void)key;
    struct detail_state *st = s->state;
    char id[32];
    switch (a) {
    case A_BACK:
        return UI_POP;
    case A_UP:
        return move_link(st, ui, -1);
    case A_DOWN:
        return move_link(st, ui, 1);
    case A_PAGE_UP:
        return scroll_by(st, ui, -ui->body_rows);
    case A_PAGE_DOWN:
        return scroll_by(st, ui, ui->body_rows);
    case A_HOME:
        return scroll_by(st, ui, -(long long)st->n);
    case A_END:
        return scroll_by(st, ui, (long long)st->n);
    case A_OPEN:
        if (st->cursor < 0) return UI_HANDLED;
        if (st->lines[st->cursor].link_kind == KIND_INVITATION) return ask_answer(st, ui);
        ui_push(ui, detail_screen_new(ui, st->lines[st->cursor].link_kind,
                                      st->lines[st->cursor].link_id));
        return UI_FULL;
    case A_ROLE:
        return edit_role(st, ui);
    case A_MERGE:
        return ask_merge(st, ui);
    case A_UNDO: /* the global keys of a detail do not include u: its hints promise it */
        return ui_undo(ui);
    case A_EDIT:
        if (!st->r || st->r->deleted_at) return UI_HANDLED;
        ui_push(ui, form_screen_new(ui, record_copy(st->r)));
        return UI_FULL;
    case A_CHECKIN:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, checkin_screen_new(ui, st->id));
        return UI_FULL;
    case A_PRINT:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        return ui_print_signin(ui, st->id);
    case A_PARTICIPANTS:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, participants_screen_new(ui, st->id));
        return UI_FULL;
    case A_PRINT_REPORT:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        return ui_print_report(ui, st->id);
    case A_GROUPS:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, groups_screen_new(ui, st->id));
        return UI_FULL;
    case A_INVITE: {
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        struct record *inv = record_new(KIND_INVITATION);
        snprintf(id, sizeof id, "%lld", st->id);
        record_set(inv, F_INVITATION_EVENT_ID, id);
        ui_push(ui, form_screen_new(ui, inv));
        return UI_FULL;
    }
    case A_SERIES_LIST:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, list_screen_new(ui, KIND_SERIES));
        return UI_FULL;
    case A_NEXT_MEETING:
        if (st->kind != KIND_EVENT || !st->r || st->r->deleted_at) return UI_UNHANDLED;
        return ui_next_meeting_start(ui, st->id, Q_NEXT_DATE, Q_NEXT, &st->next_date);
    case A_ADD_TASK: {
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        struct record *task = record_new(KIND_TASK);
        snprintf(id, sizeof id, "%lld", st->id);
        record_set(task, F_TASK_EVENT_ID, id);
        ui_push(ui, form_screen_new(ui, task));
        return UI_FULL;
    }
    default:
        return UI_UNHANDLED;
    }
}

static int detail_refresh(struct screen *s, struct ui *ui)
{
    struct detail_state *st = s->state;
    build(st, ui);
    return UI_DIRTY;
}

static char *detail_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    struct detail_state *st = s->state;
    static const enum action common[] = {A_OPEN, A_EDIT, A_UNDO, A_BACK};
    static const enum action members[] = {A_OPEN, A_ROLE, A_EDIT, A_UNDO, A_BACK};
    static const enum action namesake[] = {A_OPEN, A_MERGE, A_EDIT, A_UNDO, A_BACK};
    bool on_duplicate =
        st->cursor >= 0 && st->cursor < (long long)st->n && st->lines[st->cursor].duplicate;
    if (st->kind == KIND_MEMBER)
        return ui_key_hints(s->ops->contexts, on_duplicate ? namesake : members, 5);
    /* t (new task) is in help: the status line of 80 columns holds these. */
    static const enum action events[] = {A_OPEN,  A_PARTICIPANTS, A_CHECKIN, A_INVITE,
                                         A_PRINT, A_EDIT,         A_BACK};
    bool ev = st->kind == KIND_EVENT;
    return ui_key_hints(s->ops->contexts, ev ? events : common, ev ? 7 : 4);
}

static void detail_close(struct screen *s)
{
    struct detail_state *st = s->state;
    clear_lines(st);
    record_free(&st->r);
    forget_role(st);
    free(st);
}

static const struct screen_ops detail_ops = {
    .name = "detail",
    .contexts = CTX_DETAIL,
    .draw = detail_draw,
    .key = detail_key,
    .reload = detail_refresh,
    .hints = detail_hints,
    .answer = detail_answer,
    .close = detail_close,
};

static const struct screen_ops event_detail_ops = {
    .name = "event",
    .contexts = CTX_DETAIL | CTX_EVENTS,
    .draw = detail_draw,
    .key = detail_key,
    .reload = detail_refresh,
    .hints = detail_hints,
    .answer = detail_answer,
    .close = detail_close,
};

/* Where a printed sheet goes: where khai was started when it may write there, else home. */
static char *print_dir(void)
{
    char *cwd = getcwd(NULL, 0);
    if (cwd && access(cwd, W_OK) == 0) return cwd;
    free(cwd);
    const char *home = getenv("HOME");
    return xstrdup(home && *home ? home : "/tmp");
}

/* What the screens print of an event, on A4. */
typedef int print_fn(struct db *db, long long event_id, FILE *out, int *pages, char **err);

static int print_signin_a4(struct db *db, long long event_id, FILE *out, int *pages, char **err)
{
    struct print_options opts = {.paper = PAPER_A4};
    return print_signin(db, event_id, &opts, out, pages, err);
}

static int print_report_a4(struct db *db, long long event_id, FILE *out, int *pages, char **err)
{
    return report_print_event(db, event_id, PAPER_A4, out, pages, err);
}

/* Prints into a new file, stem plus the event's id, in print_dir: its path (free() it), or
 * NULL when it failed, which the status line then says. */
static char *print_event_file(struct ui *ui, long long event_id, const char *stem_prefix,
                              print_fn *print, int *pages)
{
    char *dir = print_dir(), *stem = xasprintf("%s%lld", stem_prefix, event_id);
    char *path = outfile_fresh_name(dir, stem, "pdf"), *err = NULL;
    struct outfile o = {.path = path};
    *pages = 0;
    FILE *f = outfile_open(&o, &err);
    int status = f ? print(ui->db, event_id, f, pages, &err) : -1;
    if (f) status = outfile_close(&o, status, &err);
    if (status != 0) {
        ui_message(ui, true, "%s", err ? err : _("unknown error"));
        free(path);
        path = NULL;
    }
    free(err);
    free(stem);
    free(dir);
    return path;
}

int ui_print_signin(struct ui *ui, long long event_id)
{
    int pages;
    char *path = print_event_file(ui, event_id, "signin-event", print_signin_a4, &pages);
    if (path)
        ui_message(ui, false,
                   P_("sign-in sheet printed to %s (%d page)",
                      "sign-in sheet printed to %s (%d pages)", pages),
                   path, pages);
    free(path);
    return UI_DIRTY;
}

int ui_print_report(struct ui *ui, long long event_id)
{
    int pages;
    char *path = print_event_file(ui, event_id, "report-event", print_report_a4, &pages);
    if (path)
        ui_message(ui, false,
                   P_("event report printed to %s (%d page)",
                      "event report printed to %s (%d pages)", pages),
                   path, pages);
    free(path);
    return UI_DIRTY;
}

struct screen *detail_screen_new(struct ui *ui, enum kind k, long long id)
{
    struct detail_state *st = xcalloc(1, sizeof *st);
    st->kind = k;
    st->id = id;
    st->cursor = -1;
    build(st, ui);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = k == KIND_EVENT ? &event_detail_ops : &detail_ops;
    s->state = st;
    return s;
}
