/* Normalisation of stored Thai/Latin text and of search keys, and WTT input-sequence checks. */
#ifndef KHAI_THAINORM_H
#define KHAI_THAINORM_H
#include <stdbool.h>
#include <stddef.h>

enum { TEXT_KEEP_NEWLINES = 1 };

/* The form in which text is stored: invalid UTF-8 bytes dropped; U+0E4D U+0E32 joined into
 * SARA AM U+0E33; a tone mark typed before an above/below vowel put after it; doubled marks
 * removed; U+0E40 U+0E40 (เเ) made U+0E41 (แ); zero-width characters (U+200B, U+200C,
 * U+200D, U+2060, U+FEFF) removed; Thai marks with no base character removed; control
 * characters removed (newlines kept with TEXT_KEEP_NEWLINES; CRLF becomes LF; without it,
 * line breaks and tabs become spaces); every Unicode space made ' '; Latin letter + combining
 * accent composed into the Latin-1 letter (e + U+0301 -> é); leading and trailing white space
 * trimmed (also at line ends) and runs of spaces in single-line text made one space. Thai
 * digits are kept. Returns a malloc'd string. */
char *text_normalize(const char *s, int flags);

/* The key used for searching: text_normalize(), then Thai digits ๐-๙ read as 0-9, ASCII
 * letters lower-cased, every run of white space made one space. */
char *text_search_key(const char *s);

/* Only the digits of s (Thai digits read as 0-9), e.g. for phone search keys. */
char *text_digits_only(const char *s);

/* Byte offset of the first character of s that breaks the WTT 2.0 input-sequence rules
 * (libthai th_isaccept at strict level), e.g. a second tone mark; -1 when s is acceptable. */
long thai_input_invalid_at(const char *s);

#endif
