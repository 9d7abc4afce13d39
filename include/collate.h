/* Thai dictionary order for names, usable as an SQLite collation. */
#ifndef KHAI_COLLATE_H
#define KHAI_COLLATE_H
#include <stddef.h>

/* Compares two UTF-8 strings in Thai dictionary order: leading vowels (เ แ โ ใ ไ) sort
 * under the consonant that follows them, tone marks and other marks are a secondary
 * difference only, Latin (case-insensitive first) sorts before Thai, digits before letters.
 * Equal only when the strings are equal byte for byte (a final tie-break), so it is a total
 * order. Returns <0, 0 or >0. */
int thai_collate(const char *a, size_t alen, const char *b, size_t blen);

/* The same with the callback signature of an SQLite collation (void *, int, const void *, int,
 * const void *), so the store can register it. */
int thai_collate_sqlite(void *unused, int alen, const void *a, int blen, const void *b);

#endif
