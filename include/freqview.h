/* What a frequency table shows, with no curses: a value as a person reads it, and bars of
 * eighth blocks (or # where the terminal has no Unicode). Shared by the screens' F and the
 * reports' chart column. */
#ifndef KHAI_FREQVIEW_H
#define KHAI_FREQVIEW_H
#include "freq.h"

#include <stdbool.h>

/* The value of a frequency row as the list shows it: a choice's label in the interface's
 * language, a date in the Thai style, a reference's name, "(none)" for no value. malloc'd. */
char *freqview_label(enum kind k, enum field_id f, const struct freq_row *r);
/* A bar of value out of max in width columns: eighth blocks, or # in ASCII (rounded to whole
 * columns). malloc'd. */
char *freqview_bar(long long value, long long max, int width, bool ascii);
/* Whether bars are drawn in ASCII: the locale's character set is not UTF-8. */
bool freqview_ascii(void);

#endif
