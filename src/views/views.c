/* List columns of each kind and the readable text of their cells. */
#include "views.h"
#include "messages.h"
#include "timestamp.h"
#include "xalloc.h"

#include <string.h>

static const struct view_col member_view[] = {
    {"id", 2, 6, true},       {"*name", 14, 0, false},    {"nickname", 4, 10, false},
    {"phone", 12, 12, false}, {"province", 6, 12, false}, {"organisations", 8, 0, false},
    {NULL, 0, 0, false}};
static const struct view_col org_view[] = {{"id", 2, 6, true},           {"name", 14, 0, false},
                                           {"short_name", 4, 10, false}, {"kind", 6, 14, false},
                                           {"province", 6, 12, false},   {"parent", 8, 0, false},
                                           {NULL, 0, 0, false}};
static const struct view_col event_view[] = {{"id", 2, 6, true},      {"start_date", 11, 12, false},
                                             {"title", 14, 0, false}, {"province", 6, 12, false},
                                             {"target", 4, 6, true},  {"status", 7, 9, false},
                                             {NULL, 0, 0, false}};
static const struct view_col task_view[] = {{"id", 2, 6, true},       {"due_date", 11, 12, false},
                                            {"title", 14, 0, false},  {"owner", 8, 0, false},
                                            {"status", 6, 11, false}, {"priority", 6, 8, false},
                                            {NULL, 0, 0, false}};
static const struct view_col attendance_view[] = {
    {"member_id", 2, 6, true},  {"member_name", 14, 0, false}, {"organisation", 8, 0, false},
    {"category", 6, 14, false}, {"status", 6, 10, false},      {"checked_in_at", 5, 16, false},
    {NULL, 0, 0, false}};

static const struct view_col *const views[KIND_COUNT] = {
    [KIND_MEMBER] = member_view,         [KIND_ORG] = org_view,
    [KIND_EVENT] = event_view,           [KIND_TASK] = task_view,
    [KIND_ATTENDANCE] = attendance_view,
};

const struct view_col *view_columns(enum kind k)
{
    return views[k];
}

int view_column_count(enum kind k)
{
    int n = 0;
    while (views[k][n].field)
        n++;
    return n;
}

/* The field table holds both languages: the one switch between them. */
const char *view_field_label(const struct field *f)
{
    return messages_thai() ? f->th : f->en;
}

const char *view_kind_label(const struct kind_info *ki)
{
    return messages_thai() ? ki->th : ki->en;
}

const char *view_kind_noun(const struct kind_info *ki)
{
    return messages_thai() ? ki->th : ki->name;
}

const char *view_header(enum kind k, const struct view_col *c, bool thai)
{
    const struct kind_info *ki = kind_info(k);
    int fi = field_index(ki, c->field);
    if (fi < 0) return thai ? "ชื่อ-สกุล" : "Name";
    return thai ? ki->fields[fi].th : ki->fields[fi].en;
}

char *view_value(const struct record *r, int fi, enum date_style dates, bool thai)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    const char *v = r->values[fi];
    char buf[64];
    if (f->type == FT_DATE && *v) {
        struct date d;
        if (date_from_iso(v, &d) == 0) {
            date_format(d, dates, buf, sizeof buf);
            return xstrdup(buf);
        }
    }
    if (strcmp(f->name, "checked_in_at") == 0 && *v) {
        timestamp_local(v, buf, sizeof buf);
        return xstrdup(buf);
    }
    if (f->type == FT_CHOICE) return xstrdup(choice_label(f, v, thai));
    return xstrdup(v);
}

char *view_cell(const struct record *r, const struct view_col *c, enum date_style dates, bool thai)
{
    if (strcmp(c->field, "*name") == 0) return record_display_name(r);
    return view_value(r, field_index(kind_info(r->kind), c->field), dates, thai);
}
