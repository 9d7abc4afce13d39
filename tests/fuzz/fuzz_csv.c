/* libFuzzer target for the CSV reader and the encoding detection in front of it: any bytes
 * must decode or be refused cleanly, parse without reading out of bounds, and every record
 * parsed must read back the same after the writer quotes it. */
#include "csv.h"
#include "encoding.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes rec with the writer and reads it back: the fields must come back unchanged. */
static void check_round_trip(const struct csv_record *rec, char delim)
{
    struct strbuf sb = STRBUF_INIT;
    csv_write_record(&sb, (const char *const *)rec->fields, rec->n, delim);
    struct csv_reader r;
    struct csv_record back = CSV_RECORD_INIT;
    char *err = NULL;
    csv_reader_init(&r, sb_str(&sb), sb.len, delim);
    if (csv_read(&r, &back, &err) != 1 || back.n != rec->n) abort();
    for (size_t i = 0; i < rec->n; i++)
        if (strcmp(back.fields[i], rec->fields[i]) != 0) abort();
    if (csv_read(&r, &back, &err) != 0) abort();
    csv_record_free(&back);
    sb_free(&sb);
}

static void parse(const char *text, size_t len, char delim, size_t skip, int check)
{
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    char *err = NULL;
    csv_reader_init(&r, text, len, delim);
    r.pos = skip;
    long last_line = 0;
    int rc;
    while ((rc = csv_read(&r, &rec, &err)) == 1) {
        if (rec.line <= last_line || rec.start >= rec.end || rec.end > len) abort();
        last_line = rec.line;
        csv_record_blank(&rec);
        if (check) check_round_trip(&rec, delim);
    }
    free(err);
    csv_record_free(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    /* The parser on raw bytes, with each delimiter it detects. */
    static const char delims[] = {',', ';', '\t'};
    for (size_t i = 0; i < sizeof delims; i++)
        parse(bytes, size, delims[i], 0, memchr(bytes, '\0', size) == NULL);
    /* What the import does: decode, detect the delimiter, read every record. */
    char *text = NULL, *err = NULL;
    size_t len;
    enum text_encoding found;
    if (encoding_decode(bytes, size, ENC_AUTO, &text, &len, &found, &err) != 0) {
        if (!err || text) abort();
        free(err);
        return 0;
    }
    if (strlen(text) != len) abort(); /* a NUL must have been refused */
    size_t skip;
    char delim = csv_detect_delimiter(text, len, &skip);
    if (skip > len) abort();
    parse(text, len, delim, skip, 1);
    /* And back into the encoding it came in, as the rejects file is written. */
    struct strbuf out = STRBUF_INIT;
    size_t bad;
    if (encoding_encode(text, len, found, &out, &bad) != 0) abort();
    sb_free(&out);
    free(text);
    return 0;
}
