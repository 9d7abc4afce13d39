/* List columns of each kind and the readable text of their cells. */
#include "views.h"
#include "messages.h"
#include "timestamp.h"
#include "xalloc.h"

#include <string.h>

/* Ends each list of columns. */
#define VIEW_END ((enum field_id) - 2)

static const struct view_col member_view[] = {{F_MEMBER_ID, 2, 6, true},
                                              {VIEW_NAME, 14, 0, false},
                                              {F_MEMBER_NICKNAME, 4, 10, false},
                                              {F_MEMBER_PHONE, 12, 12, false},
                                              {F_MEMBER_PROVINCE, 6, 12, false},
                                              {F_MEMBER_ORGANISATIONS, 8, 0, false},
                                              {VIEW_END, 0, 0, false}};
static const struct view_col org_view[] = {
    {F_ORG_ID, 2, 6, true},     {F_ORG_NAME, 14, 0, false},     {F_ORG_SHORT_NAME, 4, 10, false},
    {F_ORG_KIND, 6, 14, false}, {F_ORG_PROVINCE, 6, 12, false}, {F_ORG_PARENT, 8, 0, false},
    {VIEW_END, 0, 0, false}};
static const struct view_col event_view[] = {
    {F_EVENT_ID, 2, 6, true},      {F_EVENT_START_DATE, 11, 12, false},
    {F_EVENT_TITLE, 14, 0, false}, {F_EVENT_PROVINCE, 6, 12, false},
    {F_EVENT_TARGET, 4, 6, true},  {F_EVENT_STATUS, 7, 9, false},
    {VIEW_END, 0, 0, false}};
static const struct view_col task_view[] = {
    {F_TASK_ID, 2, 6, true},      {F_TASK_DUE_DATE, 11, 13, false}, {F_TASK_TITLE, 14, 0, false},
    {F_TASK_OWNERS, 8, 0, false}, {F_TASK_STATUS, 6, 11, false},    {F_TASK_PRIORITY, 6, 8, false},
    {VIEW_END, 0, 0, false}};
static const struct view_col attendance_view[] = {{F_ATTENDANCE_MEMBER_ID, 2, 6, true},
                                                  {F_ATTENDANCE_MEMBER_NAME, 14, 0, false},
                                                  {F_ATTENDANCE_ORGANISATION, 8, 0, false},
                                                  {F_ATTENDANCE_CATEGORY, 6, 14, false},
                                                  {F_ATTENDANCE_STATUS, 6, 10, false},
                                                  {F_ATTENDANCE_CHECKED_IN_AT, 5, 16, false},
                                                  {VIEW_END, 0, 0, false}};

static const struct view_col invitation_view[] = {{F_INVITATION_ID, 2, 6, true},
                                                  {F_INVITATION_ORGANISATION, 14, 0, false},
                                                  {F_INVITATION_STATUS, 6, 10, false},
                                                  {F_INVITATION_REASON, 8, 0, false},
                                                  {F_INVITATION_UPDATED_AT, 5, 16, false},
                                                  {F_INVITATION_EVENT_TITLE, 8, 0, false},
                                                  {VIEW_END, 0, 0, false}};

static const struct view_col series_view[] = {{F_SERIES_ID, 2, 6, true},
                                              {F_SERIES_TITLE, 14, 0, false},
                                              {F_SERIES_EVERY_MONTHS, 14, 14, true},
                                              {F_SERIES_EVERY_WEEKS, 13, 13, true},
                                              {F_SERIES_MEETINGS, 4, 8, true},
                                              {F_SERIES_LAST_DATE, 11, 12, false},
                                              {VIEW_END, 0, 0, false}};

static const struct view_col goal_view[] = {
    {F_GOAL_ID, 2, 6, true},     {F_GOAL_TITLE, 14, 0, false},    {F_GOAL_MEASURE, 6, 12, false},
    {F_GOAL_TARGET, 4, 8, true}, {F_GOAL_DUE_DATE, 6, 12, false}, {VIEW_END, 0, 0, false}};

static const struct view_col *const views[KIND_COUNT] = {
    [KIND_MEMBER] = member_view,         [KIND_ORG] = org_view,
    [KIND_EVENT] = event_view,           [KIND_TASK] = task_view,
    [KIND_ATTENDANCE] = attendance_view, [KIND_INVITATION] = invitation_view,
    [KIND_SERIES] = series_view,         [KIND_GOAL] = goal_view,
};

const struct view_col *view_columns(enum kind k)
{
    return views[k];
}

int view_column_count(enum kind k)
{
    int n = 0;
    while (views[k][n].field != VIEW_END)
        n++;
    return n;
}

const char *view_header(enum kind k, const struct view_col *c)
{
    (void)k;
    return c->field == VIEW_NAME ? _("Name") : field_label(field_info(c->field));
}

char *view_value(const struct record *r, int fi, enum date_style dates)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    const char *v = r->values[fi];
    char buf[64];
    if ((f->type == FT_DATE || field_id(r->kind, fi) == F_SERIES_LAST_DATE) && *v) {
        struct date d;
        if (date_from_iso(v, &d) == 0) {
            date_format(d, dates, buf, sizeof buf);
            return xstrdup(buf);
        }
    }
    if ((field_id(r->kind, fi) == F_ATTENDANCE_CHECKED_IN_AT ||
         field_id(r->kind, fi) == F_INVITATION_UPDATED_AT) &&
        *v) {
        timestamp_local(v, buf, sizeof buf);
        return xstrdup(buf);
    }
    if (f->type == FT_CHOICE) return xstrdup(choice_label(f, v));
    return xstrdup(v);
}

char *view_cell(const struct record *r, const struct view_col *c, enum date_style dates)
{
    if (c->field == VIEW_NAME) return record_display_name(r);
    return view_value(r, field_pos(c->field), dates);
}
