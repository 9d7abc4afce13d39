/* The words of the calendar and the agenda, shared by `khai calendar`, `khai agenda` and the
 * Calendar screen. */
#include "agendaview.h"
#include "calendar.h"
#include "messages.h"
#include "model.h"
#include "strbuf.h"
#include "xalloc.h"

#include <string.h>

char *agenda_item_text(const struct agenda_item *it)
{
    struct strbuf sb = STRBUF_INIT;
    if (*it->start_time) {
        sb_add(&sb, it->start_time);
        if (*it->end_time) sb_addf(&sb, "-%s", it->end_time);
        sb_addc(&sb, ' ');
    }
    switch (it->what) {
    case AGENDA_EVENT:
        sb_addf(&sb, "%s (#%lld)", it->title, it->id);
        if (strcmp(it->status, "planned") != 0)
            sb_addf(&sb, " [%s]", choice_label(field_info(F_EVENT_STATUS), it->status));
        break;
    case AGENDA_TASK:
        sb_addf(&sb, _("task: %s (#%lld)"), it->title, it->id);
        break;
    case AGENDA_NEXT_MEETING:
        sb_addf(&sb, _("%s (next meeting after #%lld)"), it->title, it->id);
        break;
    }
    return sb_take(&sb);
}

char *agenda_item_dates(const struct agenda_item *it)
{
    char start[64], end[64];
    date_format(it->start, DATE_THAI, start, sizeof start);
    if (date_cmp(it->start, it->end) == 0) return xstrdup(start);
    date_format(it->end, DATE_THAI, end, sizeof end);
    return xasprintf("%s - %s", start, end);
}

char *agenda_day_heading(struct date d)
{
    char buf[64];
    date_format(d, DATE_THAI, buf, sizeof buf);
    return xasprintf("%s %s", calendar_weekday_name(calendar_weekday(d)), buf);
}
