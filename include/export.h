/* Getting records out: CSV for Excel, vCard for phones, iCalendar for calendars. */
#ifndef KHAI_EXPORT_H
#define KHAI_EXPORT_H
#include <stdbool.h>
#include <stdio.h>

#include "model.h"

struct export_options {
    const char *encoding;      /* "utf-8-bom" (NULL: default), "utf-8", "cp874" */
    bool thai_dates;           /* 21 ก.ค. 2553 instead of 2010-07-21 */
    long long event_id;        /* attendance of one event */
    const char *search;        /* limit like `list --search` */
    const char *vcard_version; /* "3.0" (NULL: default) or "4.0" */
    bool iso_dates;            /* .xlsx: dates shown 2010-07-21, not 21 ก.ค. 2553 */
};

/* Writes a header row of the kind's column names and one row per record. A character the
 * encoding cannot hold is an error naming the row; nothing is written silently wrong. */
int export_csv(struct db *db, enum kind k, FILE *out, const struct export_options *opt, char **err);
/* The same columns as a workbook written at path (a new file: the caller puts it in place):
 * phones, LINE IDs and every other text as text cells, dates as date cells shown in the
 * Buddhist Era (or ISO), times as time cells, ids and counts as numbers. */
int export_xlsx(struct db *db, enum kind k, const char *path, const struct export_options *opt,
                char **err);
/* Members as vCards (3.0 by default, or 4.0). */
int export_vcard(struct db *db, FILE *out, const struct export_options *opt, char **err);
/* Events as VEVENT and follow-up tasks as VTODO, valid RFC 5545. */
int export_ical(struct db *db, FILE *out, const struct export_options *opt, char **err);

#endif
