/* CSV as RFC 4180 defines it and as spreadsheets write it: reading records from UTF-8 text in
 * memory, guessing the delimiter, and writing fields. Pure: no files, no database. */
#ifndef KHAI_CSV_H
#define KHAI_CSV_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct csv_reader {
    const char *text;
    size_t len;
    size_t pos;
    char delim;
    long line; /* physical line of pos, from 1 */
};

/* One record. Fields are NUL-terminated copies; a field holding a NUL byte is cut there. */
struct csv_record {
    char **fields;
    size_t n;
    size_t cap;
    long line;         /* physical line where the record starts */
    size_t start, end; /* its bytes in the text, end past its line break */
};

#define CSV_RECORD_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0, 0, 0, 0                                                                        \
    }

void csv_reader_init(struct csv_reader *r, const char *text, size_t len, char delim);

/* What a record may hold: khai's widest sheet has about 30 columns, and no field it reads
 * is longer than notes (64 KiB); a file past these is refused at once. */
enum { CSV_MAX_FIELDS = 1000, CSV_MAX_FIELD_BYTES = 1 << 20 };

/* Reads the next record into rec (reusing its storage). Quoted fields may hold delimiters,
 * doubled quotes and line breaks; records end at LF, CRLF or a lone CR. Text after a closing
 * quote is kept, as spreadsheets do. Returns 1 for a record, 0 at the end, or -1 with *err
 * when a quoted field is never closed (it names the line where it opened), or a record has
 * more than CSV_MAX_FIELDS fields or one longer than CSV_MAX_FIELD_BYTES. */
int csv_read(struct csv_reader *r, struct csv_record *rec, char **err);
void csv_record_free(struct csv_record *rec);

/* True when every field of rec is empty or white space: the blank lines and ",,,," rows
 * spreadsheets leave at the end of a sheet. */
bool csv_record_blank(const struct csv_record *rec);

/* The delimiter of text: Excel's "sep=X" first line when there is one (*skip gets its
 * length, to be skipped), else whichever of comma, semicolon and tab occurs most often
 * outside quotes in the first line (comma when none does). */
char csv_detect_delimiter(const char *text, size_t len, size_t *skip);

/* A spreadsheet runs a cell that begins with = + - @ tab or carriage return as a formula
 * (=HYPERLINK(...), +cmd|...): following OWASP, such a value is exported with a leading '
 * (a phone +66..., a negative number -5 too). So that export -> import gives back the same
 * bytes, a value that begins with quotes before one of those gets one ' more, and import
 * takes exactly one ' off again. csv_guarded says whether v needs the ' on export;
 * csv_unguarded is v without it on import (a pointer into v). */
bool csv_guarded(const char *v);
const char *csv_unguarded(const char *v);

/* Digits a spreadsheet would turn into a number, losing a leading zero (a LINE ID 0812345678)
 * or the digits past its display (a 13-digit ID shown as 1.23457E+12): a string of 2 or more
 * ASCII digits that starts with 0 or has 12 or more. Export writes such a value as
 * ="0812345678", a formula whose value is the text, which Excel, LibreOffice and Google
 * Sheets keep as text; csv_unprotected gives back what is inside ="..." (malloc'd), or NULL
 * when v is not written so. */
bool csv_at_risk(const char *v);
char *csv_unprotected(const char *v);

/* Appends a value as export writes it: guarded with ' (csv_guarded), or protected with ="..."
 * (csv_at_risk), then quoted as needed. */
void csv_write_cell(struct strbuf *sb, const char *value, char delim);

/* Appends field, quoted when it holds the delimiter, a quote or a line break. */
void csv_write_field(struct strbuf *sb, const char *field, char delim);
/* Appends a whole record ending in CRLF. */
void csv_write_record(struct strbuf *sb, const char *const *fields, size_t n, char delim);

#endif
