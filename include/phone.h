/* Thai telephone numbers: one canonical form for storage and search, grouped for display. */
#ifndef KHAI_PHONE_H
#define KHAI_PHONE_H
#include <stddef.h>

enum phone_kind { PHONE_INVALID, PHONE_MOBILE, PHONE_LANDLINE };

/* Reads 081-234-5678, ๐๘๑ ๒๓๔ ๕๖๗๘, 0812345678, +66 81 234 5678, (02) 123 4567 alike into
 * national digits ("0812345678") in out (at least 16 bytes). Mobile: 10 digits starting
 * 06, 08 or 09; landline: 9 digits starting 02-05 or 07. Returns the kind; PHONE_INVALID
 * leaves out empty. */
enum phone_kind phone_normalize(const char *in, char *out, size_t outlen);

/* Like phone_normalize, but also restores a leading zero that a spreadsheet dropped
 * (812345678 -> 0812345678) when the digits can only be a Thai number. */
enum phone_kind phone_normalize_lenient(const char *in, char *out, size_t outlen);

/* The phone digits a search means, for matching stored numbers: text made only of ASCII or
 * Thai digits, the separators phone_normalize() reads (spaces, hyphens and dashes, dots,
 * brackets) and a + before the first digit, with at least 3 digits. A whole number in any
 * form gives its national digits ("+66 81 234 5678" -> "0812345678"), a fragment its digits
 * ("081-234", "๐๘๑-๒๓๔" and "081 234" -> "081234"; "+66 81 234" -> "081234"). NULL for
 * anything else: a word with letters, fewer than 3 digits. Returns a malloc'd string. */
char *phone_search_digits(const char *text);

/* Grouped for display: 081-234-5678 (mobile), 02-123-4567 (Bangkok), 053-123-456 (other
 * landlines). Writes into out (at least 16 bytes); digits that are not a valid number are
 * copied unchanged. */
void phone_format(const char *digits, char *out, size_t outlen);

#endif
