/* Text encodings of the files coordinators exchange: UTF-8 with or without a byte-order mark,
 * UTF-16 (Excel's "Unicode text") and Windows-874 / TIS-620 (what Thai Excel saves as CSV).
 * Detection, decoding to UTF-8 with the place where decoding failed, and encoding back. */
#ifndef KHAI_ENCODING_H
#define KHAI_ENCODING_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum text_encoding {
    ENC_AUTO = -1,
    ENC_UTF8,
    ENC_UTF8_BOM,
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_CP874, /* Windows-874: TIS-620 plus a few punctuation marks (ellipsis, quotes) */
    ENC_TIS620,
};

/* An input encoding as the user names it: auto, utf-8, utf-8-bom, cp874, windows-874,
 * tis-620, utf-16, utf-16le, utf-16be (case and '-'/'_' ignored). Returns false when unknown. */
bool encoding_from_name(const char *name, enum text_encoding *out);

/* How people know it: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-874", "TIS-620". */
const char *encoding_label(enum text_encoding e);
/* The iconv name for a charset however a file or option spells it (cp874, windows-874,
 * x-windows-874, TIS620, utf8 ...); a name khai does not know is given back as it is. */
const char *encoding_iconv_name(const char *charset);

/* The byte-order mark written at the start of a file in e ("" when none); *n its length. */
const char *encoding_bom(enum text_encoding e, size_t *n);

/* Decodes a whole file's bytes into UTF-8 (malloc'd, NUL-terminated, no byte-order mark).
 * With ENC_AUTO the encoding is detected: a byte-order mark, else valid UTF-8, else
 * Windows-874; forced UTF-16 without a mark is read little-endian. *found gets the encoding.
 * Returns 0, or -1 with *err saying what the bytes are not and the line and byte where
 * decoding failed (a spreadsheet workbook or a NUL byte is refused with its own message). */
int encoding_decode(const char *data, size_t len, enum text_encoding want, char **out,
                    size_t *outlen, enum text_encoding *found, char **err);

/* Appends UTF-8 text encoded in e (no byte-order mark). Returns 0, or -1 with *bad set to the
 * byte offset in text of the first character e cannot hold; nothing is ever replaced by '?'. */
int encoding_encode(const char *text, size_t len, enum text_encoding e, struct strbuf *out,
                    size_t *bad);

#endif
