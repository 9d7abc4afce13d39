/* "Next meeting" on an event's detail: the date (the series' rhythm, else asked), a question
 * with one key (make it, or make it and invite those who came), then the new meeting, which
 * opens; u undoes it as one step. */
#include "calendar.h"
#include "messages.h"
#include "series.h"
#include "ui.h"
#include "xalloc.h"

#include <stdlib.h>

static int ask_confirm(struct ui *ui, int q_confirm, struct date date)
{
    char when[64];
    date_format(date, DATE_THAI, when, sizeof when);
    char *label = xasprintf(_("Next meeting on %s, open tasks carried over:"), when);
    int rc = ui_ask_choice(ui, q_confirm, label, CTX_NEXT_MEETING);
    free(label);
    return rc;
}

int ui_next_meeting_start(struct ui *ui, long long event_id, int q_date, int q_confirm,
                          struct date *date)
{
    long long series;
    char *err = NULL;
    if (series_next_of(ui->db, event_id, &series, date, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    if (date->year == 0) return ui_ask_line(ui, q_date, _("Date of the next meeting:"), NULL);
    return ask_confirm(ui, q_confirm, *date);
}

int ui_next_meeting_date(struct ui *ui, const char *text, int q_date, int q_confirm,
                         struct date *date)
{
    char why[256];
    if (date_parse(text, date_today(), date, NULL, why, sizeof why) != 0) {
        ui_message(ui, true, "%s", why);
        return ui_ask_line(ui, q_date, _("Date of the next meeting:"), text);
    }
    return ask_confirm(ui, q_confirm, *date);
}

int ui_next_meeting_make(struct ui *ui, long long event_id, struct date date, bool invite)
{
    struct next_meeting m;
    char *err = NULL;
    struct record *made = NULL;
    if (series_next_meeting(ui->db, event_id, date, invite, &m, &err) != 0 ||
        record_load(ui->db, KIND_EVENT, m.event_id, &made, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return UI_DIRTY;
    }
    undo_next_meeting(ui->undo, made);
    record_free(&made);
    ui_data_changed(ui);
    ui_push(ui, detail_screen_new(ui, KIND_EVENT, m.event_id));
    if (invite)
        ui_message(ui, false,
                   P_("Next meeting made: %zu task carried over, %zu invited (u undoes)",
                      "Next meeting made: %zu tasks carried over, %zu invited (u undoes)",
                      m.tasks_carried),
                   m.tasks_carried, m.invited);
    else
        ui_message(ui, false,
                   P_("Next meeting made: %zu task carried over (u undoes)",
                      "Next meeting made: %zu tasks carried over (u undoes)", m.tasks_carried),
                   m.tasks_carried);
    return UI_FULL;
}
