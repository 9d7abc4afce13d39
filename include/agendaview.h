/* How an agenda item reads, for the command line and the screens alike. */
#ifndef KHAI_AGENDAVIEW_H
#define KHAI_AGENDAVIEW_H
#include "agenda.h"

/* "13:30-17:30 ประชุมเครือข่าย (#2)", "task: ส่งรายชื่อ (#1)", "ประชุมประจำปี (next meeting
 * after #2)", an event not planned with its status: what follows the date. malloc'd. */
char *agenda_item_text(const struct agenda_item *it);
/* "21 ก.ค. 2553", or "30 มิ.ย. 2553 - 2 ก.ค. 2553" for an item of several days. malloc'd. */
char *agenda_item_dates(const struct agenda_item *it);
/* "วันพุธ 21 ก.ค. 2553", "Wednesday 21 ก.ค. 2553": a day's heading. malloc'd. */
char *agenda_day_heading(struct date d);

#endif
