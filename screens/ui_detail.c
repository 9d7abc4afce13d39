/* The detail screen: every field of a record and what is linked to it; links open with
 * Enter, q or Esc goes back. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "affiliation.h"
#include "text.h"
#include "ui.h"
#include "views.h"
#include "xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINKED_ROWS = 200 };

struct dline {
    char *text;
    int attr;
    enum kind link_kind;
    long long link_id; /* 0: not a link */
};

struct detail_state {
    enum kind kind;
    long long id;
    struct record *r;
    struct dline *lines;
    size_t n;
    long long top, cursor; /* cursor: index of the selected link line, -1 when none */
};

static void add(struct detail_state *st, char *text, int attr, enum kind k, long long id)
{
    st->lines = xrealloc(st->lines, sizeof *st->lines * (st->n + 1));
    st->lines[st->n++] = (struct dline){text, attr, k, id};
}

static void clear_lines(struct detail_state *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->lines[i].text);
    free(st->lines);
    st->lines = NULL;
    st->n = 0;
}

static void add_fields(struct detail_state *st, struct ui *ui)
{
    const struct kind_info *ki = kind_info(st->kind);
    int label_cols = 0;
    for (int i = 0; i < ki->nfields; i++) {
        int w = (int)text_width(ui->thai ? ki->fields[i].th : ki->fields[i].en);
        label_cols = w > label_cols ? w : label_cols;
    }
    for (int i = 0; i < ki->nfields; i++) {
        char *v = view_value(st->r, i, DATE_THAI, ui->thai);
        if (*v || !(ki->fields[i].flags & FIELD_EXTRA)) {
            char *label =
                text_fit(ui->thai ? ki->fields[i].th : ki->fields[i].en, (size_t)label_cols);
            char **wrapped;
            int width = ui->cols - label_cols - 3;
            size_t n = text_wrap(v, (size_t)(width > 10 ? width : 10), &wrapped);
            for (size_t l = 0; l < (n ? n : 1); l++)
                add(st,
                    xasprintf("%*s%s  %s", l ? label_cols : 0, "", l ? "" : label,
                              n ? wrapped[l] : ""),
                    A_NORMAL, 0, 0);
            strings_free(wrapped, n);
            free(label);
        }
        free(v);
    }
}

static void add_heading(struct detail_state *st, const char *text, long long count)
{
    add(st, xstrdup(""), A_NORMAL, 0, 0);
    add(st, xasprintf("%s (%lld)", text, count), A_BOLD, 0, 0);
}

static void add_refs(struct detail_state *st, struct ui *ui, const char *field, enum kind k,
                     const char *heading)
{
    const long long *ids;
    size_t n = record_refs(st->r, field, &ids);
    if (n == 0) return;
    add_heading(st, heading, (long long)n);
    for (size_t i = 0; i < n; i++) {
        struct record *o = NULL;
        char *err = NULL;
        if (record_load(ui->db, k, ids[i], &o, &err) == 0) {
            char *name = record_display_name(o);
            add(st, xasprintf("  %s", name), A_NORMAL, k, ids[i]);
            free(name);
        }
        free(err);
        record_free(&o);
    }
}

/* A member's organisations with role and dates; r on one sets them. */
static void add_affiliations(struct detail_state *st, struct ui *ui)
{
    struct affiliation *list;
    size_t n;
    char *err = NULL;
    if (affiliation_list(ui->db, st->id, &list, &n, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return;
    }
    if (n) add_heading(st, T(ui, "Organisations", "หน่วยงาน"), (long long)n);
    for (size_t i = 0; i < n; i++) {
        char *about = affiliation_describe(&list[i]);
        add(st,
            xasprintf("  %s%s%s%s", list[i].org_name, *about ? "  (" : "", about,
                      *about ? ")" : ""),
            A_NORMAL, KIND_ORG, list[i].org_id);
        free(about);
    }
    affiliation_list_free(list, n);
}

/* One line per linked record; attendance lines link to the event or the member. */
static void add_query(struct detail_state *st, struct ui *ui, const struct list_query *q,
                      const char *heading)
{
    long long total;
    struct record **rows;
    size_t n;
    char *err = NULL;
    if (list_count(ui->db, q, &total, &err) != 0 ||
        list_fetch(ui->db, q, 0, LINKED_ROWS, &rows, &n, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return;
    }
    if (total == 0) {
        list_free(rows, n);
        return;
    }
    add_heading(st, heading, total);
    for (size_t i = 0; i < n; i++) {
        struct record *r = rows[i];
        if (q->kind == KIND_ATTENDANCE) {
            bool by_member = q->member_id != 0;
            const char *f = by_member ? "status" : "status";
            int fi = field_index(kind_info(KIND_ATTENDANCE), f);
            char *status = view_value(r, fi, DATE_THAI, ui->thai);
            const char *org = record_get(r, "organisation");
            add(st,
                xasprintf("  %s  [%s]%s%s",
                          record_get(r, by_member ? "event_title" : "member_name"), status,
                          *org && !by_member ? "  " : "", by_member ? "" : org),
                A_NORMAL, by_member ? KIND_EVENT : KIND_MEMBER,
                atoll(record_get(r, by_member ? "event_id" : "member_id")));
            free(status);
        } else {
            char *name = record_display_name(r);
            add(st, xasprintf("  %s", name), A_NORMAL, q->kind, r->id);
            free(name);
        }
    }
    if ((long long)n < total)
        add(st, xasprintf("  ... %lld %s", total - (long long)n, T(ui, "more", "รายการ")), A_NORMAL,
            0, 0);
    list_free(rows, n);
}

static void add_event_summary(struct detail_state *st, struct ui *ui)
{
    struct event_summary s;
    char *err = NULL;
    if (event_summary(ui->db, st->id, &s, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return;
    }
    add(st, xstrdup(""), A_NORMAL, 0, 0);
    char target[64] = "";
    if (s.target)
        snprintf(target, sizeof target, T(ui, " of a target of %lld", " จากเป้าหมาย %lld"),
                 s.target);
    add(st,
        xasprintf(T(ui, "Turnout: %lld attended%s, from %lld organisations",
                    "มาร่วม %lld คน%s จาก %lld องค์กร"),
                  s.attended, target, s.organisations),
        A_BOLD, 0, 0);
    add(st,
        xasprintf(T(ui, "  invited %lld, confirmed %lld, absent %lld, cancelled %lld",
                    "  เชิญ %lld ตอบรับ %lld ไม่มา %lld ยกเลิก %lld"),
                  s.invited, s.confirmed, s.absent, s.cancelled),
        A_NORMAL, 0, 0);
    for (size_t i = 0; i < s.ncategories; i++) {
        struct category_count *c = &s.categories[i];
        if (c->target)
            add(st, xasprintf("  %s: %lld / %lld", c->category, c->attended, c->target), A_NORMAL,
                0, 0);
        else
            add(st, xasprintf("  %s: %lld", c->category, c->attended), A_NORMAL, 0, 0);
    }
    event_summary_free(&s);
}

static void add_links(struct detail_state *st, struct ui *ui)
{
    struct list_query q;
    switch (st->kind) {
    case KIND_MEMBER:
        add_affiliations(st, ui);
        q = (struct list_query){.kind = KIND_ATTENDANCE, .member_id = st->id, .sort = "time"};
        add_query(st, ui, &q, T(ui, "Events", "กิจกรรม"));
        q = (struct list_query){.kind = KIND_TASK, .member_id = st->id};
        add_query(st, ui, &q, T(ui, "Tasks", "งานติดตาม"));
        break;
    case KIND_ORG:
        add_refs(st, ui, "parent", KIND_ORG, T(ui, "Part of", "สังกัด"));
        q = (struct list_query){.kind = KIND_ORG, .org_id = st->id};
        add_query(st, ui, &q, T(ui, "Sub-organisations", "องค์กรย่อย"));
        q = (struct list_query){.kind = KIND_MEMBER, .org_id = st->id};
        add_query(st, ui, &q, T(ui, "Members", "สมาชิก"));
        q = (struct list_query){.kind = KIND_EVENT, .org_id = st->id};
        add_query(st, ui, &q, T(ui, "Events", "กิจกรรม"));
        break;
    case KIND_EVENT:
        add_event_summary(st, ui);
        add_refs(st, ui, "host", KIND_ORG, T(ui, "Host", "ผู้จัด"));
        add_refs(st, ui, "partners", KIND_ORG, T(ui, "Partners", "ภาคี"));
        q = (struct list_query){.kind = KIND_ATTENDANCE, .event_id = st->id, .sort = "name"};
        add_query(st, ui, &q, T(ui, "Participants", "ผู้เข้าร่วม"));
        q = (struct list_query){.kind = KIND_TASK, .event_id = st->id};
        add_query(st, ui, &q, T(ui, "Tasks", "งานติดตาม"));
        break;
    case KIND_TASK:
        add_refs(st, ui, "event_id", KIND_EVENT, T(ui, "Event", "กิจกรรม"));
        add_refs(st, ui, "owner", KIND_MEMBER, T(ui, "Owner", "ผู้รับผิดชอบ"));
        add_refs(st, ui, "owner_org", KIND_ORG, T(ui, "Owner organisation", "หน่วยงานรับผิดชอบ"));
        break;
    default:
        break;
    }
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
    add(st, xasprintf("%s%s", name, st->r->deleted_at ? T(ui, "  (deleted)", "  (ถูกลบ)") : ""),
        A_BOLD, 0, 0);
    free(name);
    add_fields(st, ui);
    add_links(st, ui);
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

/* Asks for role, since and until on the status line; Esc at any question changes nothing. */
static int edit_role(struct detail_state *st, struct ui *ui)
{
    if (st->kind != KIND_MEMBER || st->cursor < 0 || st->lines[st->cursor].link_kind != KIND_ORG)
        return UI_UNHANDLED;
    long long org = st->lines[st->cursor].link_id;
    struct affiliation *list;
    size_t n;
    char *err = NULL;
    if (affiliation_list(ui->db, st->id, &list, &n, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    const struct affiliation *a = NULL;
    for (size_t i = 0; i < n; i++)
        if (list[i].org_id == org) a = &list[i];
    char *role = a ? ui_prompt(ui, T(ui, "Role:", "บทบาท:"), a->role) : NULL;
    char *since = role ? ui_prompt(ui, T(ui, "Since:", "ตั้งแต่:"), a->since) : NULL;
    char *until = since ? ui_prompt(ui, T(ui, "Until:", "ถึง:"), a->until) : NULL;
    if (until && affiliation_set(ui->db, st->id, a->org_name, role, since, until, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
    } else if (until) {
        ui_message(ui, false, "%s", T(ui, "Saved", "บันทึกแล้ว"));
        ui_data_changed(ui);
    }
    free(role);
    free(since);
    free(until);
    affiliation_list_free(list, n);
    return UI_DIRTY;
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
        ui_push(ui, detail_screen_new(ui, st->lines[st->cursor].link_kind,
                                      st->lines[st->cursor].link_id));
        return UI_FULL;
    case A_ROLE:
        return edit_role(st, ui);
    case A_EDIT:
        if (!st->r || st->r->deleted_at) return UI_HANDLED;
        ui_push(ui, form_screen_new(ui, record_copy(st->r)));
        return UI_FULL;
    case A_CHECKIN:
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        ui_push(ui, checkin_screen_new(ui, st->id));
        return UI_FULL;
    case A_ADD_TASK: {
        if (st->kind != KIND_EVENT) return UI_UNHANDLED;
        struct record *task = record_new(KIND_TASK);
        snprintf(id, sizeof id, "%lld", st->id);
        record_set(task, "event_id", id);
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
    struct detail_state *st = s->state;
    static const enum action common[] = {A_OPEN, A_EDIT, A_UNDO, A_BACK};
    static const enum action members[] = {A_OPEN, A_ROLE, A_EDIT, A_UNDO, A_BACK};
    if (st->kind == KIND_MEMBER) return ui_key_hints(s->ops->contexts, ui->thai, members, 5);
    static const enum action events[] = {A_OPEN, A_CHECKIN, A_ADD_TASK, A_EDIT, A_BACK};
    bool ev = st->kind == KIND_EVENT;
    return ui_key_hints(s->ops->contexts, ui->thai, ev ? events : common, ev ? 5 : 4);
}

static void detail_close(struct screen *s)
{
    struct detail_state *st = s->state;
    clear_lines(st);
    record_free(&st->r);
    free(st);
}

static const struct screen_ops detail_ops = {
    .name = "detail",
    .contexts = CTX_DETAIL,
    .draw = detail_draw,
    .key = detail_key,
    .reload = detail_refresh,
    .hints = detail_hints,
    .close = detail_close,
};

static const struct screen_ops event_detail_ops = {
    .name = "event",
    .contexts = CTX_DETAIL | CTX_EVENTS,
    .draw = detail_draw,
    .key = detail_key,
    .reload = detail_refresh,
    .hints = detail_hints,
    .close = detail_close,
};

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
