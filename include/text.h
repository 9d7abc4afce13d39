/* Display text: terminal column widths of UTF-8 (Thai-aware), sanitising, cluster-safe
 * truncation and padding, and word wrapping (libthai's dictionary breaker for Thai).
 * Independent of the locale: works where no Thai locale is generated. No curses here. */
#ifndef KHAI_TEXT_H
#define KHAI_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* Columns one code point takes, as glibc's wcwidth() gives them in a UTF-8 locale (which
 * ncursesw draws with), whatever the locale khai runs in: 0 for Thai above/below vowels and
 * tone marks (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E), other combining marks (Myanmar and
 * Shan vowel signs and tones among them) and zero-width characters; 1 for SARA AM (U+0E33)
 * and ordinary characters; 2 for East Asian wide and fullwidth characters and emoji; -1 for
 * control characters (C0 with NUL, DEL, C1) and what glibc cannot print (surrogates,
 * noncharacters, code points its Unicode has not assigned). The table is made by
 * tools/gen_widths.py; a unit test compares it with wcwidth() for every code point. */
int text_cp_width(uint32_t cp);

/* Display columns of s, counting each control character or bad byte as the width of the
 * placeholder text_sanitize() would show for it. */
size_t text_width(const char *s);

/* A copy of s that is safe to print to a terminal: C0 controls shown as ^X (ESC as ^[),
 * DEL as ^?, C1 controls as <XX> hex, tab as one space, newline (and U+2028, U+2029) as
 * U+21B5, invalid bytes as U+FFFD, bidirectional overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) and other code points text_cp_width() calls unprintable as U+FFFD, a zero-width
 * mark with no base character before it (at the start) dropped, and more than 4 zero-width marks on
 * one character cut to 4. */
char *text_sanitize(const char *s);

/* Sanitises s and cuts it to at most cols columns without splitting a base character from
 * its zero-width marks (or from a following SARA AM); when anything was cut the result ends
 * with U+2026 "…" (which counts in cols). Never pads. */
char *text_truncate(const char *s, size_t cols);

/* text_truncate() then pads with spaces to exactly cols columns: a table cell. */
char *text_fit(const char *s, size_t cols);

/* The byte offsets in s[0, len) where libthai's dictionary breaker ends a Thai word (never 0
 * or len), in order, at most max of them; returns how many. None when libthai's dictionary
 * is not installed. */
size_t text_word_breaks(const char *s, size_t len, size_t *at, size_t max);

/* Wraps sanitised s into lines of at most cols columns, breaking at spaces and at Thai word
 * boundaries found by libthai (Thai writes no spaces between words); a word wider than cols
 * is broken at a cluster boundary (a single cluster wider than cols gets a line of its own).
 * Existing newlines (LF or CRLF) start new lines; a final newline adds no empty line, and ""
 * gives no lines. Spaces at a break are dropped. Returns the line count; *lines gets a
 * malloc'd, NULL-terminated array of malloc'd strings (free with strings_free). */
size_t text_wrap(const char *s, size_t cols, char ***lines);

#endif
