/* Frequency tables of a list's column (F in the screens, like visidata's Shift-F): each value
 * of the column among the rows the list shows, how many rows have it, largest first. Counted
 * by SQL (GROUP BY over the list's own search and filters), from fixed fragments per column. */
#ifndef KHAI_FREQ_H
#define KHAI_FREQ_H
#include "db.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>

/* The list columns that show the display name have no field of their own: F_NONE. A
 * multi-valued column (a member's organisations, phones or tags) counts each value, so a
 * member of two organisations is in two rows. */
struct freq_row {
    char *value; /* as stored: a choice key, a province code, an id, an ISO date; "" for none */
    char *label; /* what a reference is called (an organisation's or province's name) */
    long long count;
};

struct freq_table {
    struct freq_row *rows;
    size_t n;
    long long rows_counted; /* the list's rows the table was made from */
};

/* Whether the list of kind k can count field f (F_NONE: the name column). */
bool freq_supported(enum kind k, enum field_id f);

/* The frequency table of field f over the rows q lists (its search and filters, and a
 * frequency filter already on it), by count, then the label in Thai order, "" last among
 * equals. Returns 0, or -1 with *err. */
int list_frequency(struct db *db, const struct list_query *q, enum field_id f,
                   struct freq_table *out, char **err);
void freq_table_free(struct freq_table *t);

#endif
