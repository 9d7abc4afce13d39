/* UTF-8 decoding and encoding, tolerant of bad input. */
#ifndef KHAI_UTF8_H
#define KHAI_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at s (len > 0 bytes available) into *cp and returns the bytes it
 * used (1..4). A malformed, overlong or surrogate sequence gives *cp = UTF8_REPLACEMENT and
 * returns 1, so callers always make progress. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out and returns the byte count (1..4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* True when s[0..len) is valid UTF-8; otherwise *bad (if not NULL) gets the offset of the
 * first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

#endif
