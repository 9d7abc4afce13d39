/* Writing iCalendar (RFC 5545) content lines: folding, TEXT escaping and parameter values.
 * vCard 3.0 and 4.0 (RFC 2426, RFC 6350) fold and escape the same way, so the vCard writer
 * uses these too. Pure functions over strings: no database. */
#ifndef KHAI_ICAL_H
#define KHAI_ICAL_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"
#include "thaidate.h"

/* The longest a content line may be, in octets, not counting its CRLF. */
enum { ICAL_LINE_OCTETS = 75 };

/* Appends line (one unfolded content line, without CRLF) to out, folded so that no line is
 * longer than ICAL_LINE_OCTETS octets: each continuation starts with one space, and a fold is
 * never placed inside a UTF-8 sequence. Every line ends with CRLF. */
void ical_add_line(struct strbuf *out, const char *line);

/* Appends s as a TEXT value: backslash, semicolon and comma escaped with a backslash, a line
 * break (LF, CRLF or CR) written as \n, other control characters but tab dropped. */
void ical_escape_text(struct strbuf *out, const char *s);

/* Appends s as a parameter value: RFC 6868 caret escapes (^n for a line break, ^^ for ^, ^'
 * for a double quote), control characters dropped, and the whole in double quotes when it
 * holds a colon, semicolon or comma. */
void ical_param_value(struct strbuf *out, const char *s);

/* The day after d (d must be a valid date). */
struct date ical_next_day(struct date d);

/* "2026-11-21T05:30:00Z" (as khai stores timestamps) as "20261121T053000Z". Returns false,
 * leaving out untouched, when iso is not in that form. out has room for 17 bytes. */
bool ical_utc_stamp(const char *iso, char out[17]);

#endif
