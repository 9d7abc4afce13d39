/* RFC 4180 CSV: a reader that tracks the physical line each record starts on (so errors can
 * point into the sheet) and a writer that quotes only what needs quoting. */
#include "csv.h"
#include "messages.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void csv_reader_init(struct csv_reader *r, const char *text, size_t len, char delim)
{
    r->text = text;
    r->len = len;
    r->pos = 0;
    r->delim = delim;
    r->line = 1;
}

static void record_clear(struct csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++)
        free(rec->fields[i]);
    rec->n = 0;
}

void csv_record_free(struct csv_record *rec)
{
    record_clear(rec);
    free(rec->fields);
    rec->fields = NULL;
    rec->cap = 0;
}

static void record_push(struct csv_record *rec, struct strbuf *field)
{
    if (rec->n == rec->cap) {
        rec->cap = rec->cap ? rec->cap * 2 : 16;
        rec->fields = xrealloc(rec->fields, sizeof *rec->fields * rec->cap);
    }
    rec->fields[rec->n++] = sb_take(field);
}

static bool at_line_end(const struct csv_reader *r)
{
    return r->pos >= r->len || r->text[r->pos] == '\n' || r->text[r->pos] == '\r';
}

/* Appends bytes up to the next delimiter or line break. */
static void read_unquoted(struct csv_reader *r, struct strbuf *field)
{
    size_t from = r->pos;
    while (!at_line_end(r) && r->text[r->pos] != r->delim)
        r->pos++;
    sb_addn(field, r->text + from, r->pos - from);
}

/* Reads a quoted field from just after its opening quote; false when it never closes. Line
 * breaks inside are kept as written and counted, so later records know their line. */
static bool read_quoted(struct csv_reader *r, struct strbuf *field)
{
    for (;;) {
        size_t from = r->pos;
        while (r->pos < r->len && r->text[r->pos] != '"') {
            char c = r->text[r->pos];
            bool crlf = c == '\r' && r->pos + 1 < r->len && r->text[r->pos + 1] == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) r->line++;
            r->pos++;
        }
        sb_addn(field, r->text + from, r->pos - from);
        if (r->pos >= r->len) return false;
        r->pos++; /* the quote */
        if (r->pos < r->len && r->text[r->pos] == '"') {
            sb_addc(field, '"');
            r->pos++;
            continue;
        }
        return true;
    }
}

static void skip_line_break(struct csv_reader *r)
{
    if (r->pos >= r->len) return;
    if (r->text[r->pos] == '\r' && r->pos + 1 < r->len && r->text[r->pos + 1] == '\n') r->pos++;
    r->pos++;
    r->line++;
}

int csv_read(struct csv_reader *r, struct csv_record *rec, char **err)
{
    record_clear(rec);
    if (r->pos >= r->len) return 0;
    rec->line = r->line;
    rec->start = r->pos;
    struct strbuf field = STRBUF_INIT;
    for (;;) {
        if (r->pos < r->len && r->text[r->pos] == '"') {
            long opened = r->line;
            r->pos++;
            if (!read_quoted(r, &field)) {
                sb_free(&field);
                *err = xasprintf(_("line %ld: a quoted field opened here is never closed (a \" "
                                   "is missing)"),
                                 opened);
                return -1;
            }
        }
        /* Unquoted text, or what follows a closing quote: kept, as Excel does. */
        read_unquoted(r, &field);
        if (rec->n == CSV_MAX_FIELDS || field.len > CSV_MAX_FIELD_BYTES) {
            /* A hostile or broken file: one line now, not a million later. */
            bool wide = rec->n == CSV_MAX_FIELDS;
            sb_free(&field);
            *err = wide ? xasprintf(_("line %ld: more than %d columns; this is not a sheet of "
                                      "people or events"),
                                    rec->line, CSV_MAX_FIELDS)
                        : xasprintf(_("line %ld: a field longer than %d MiB"), rec->line,
                                    CSV_MAX_FIELD_BYTES >> 20);
            return -1;
        }
        record_push(rec, &field);
        if (r->pos < r->len && r->text[r->pos] == r->delim) {
            r->pos++;
            continue;
        }
        skip_line_break(r);
        break;
    }
    rec->end = r->pos;
    return 1;
}

bool csv_record_blank(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++)
        if (rec->fields[i][strspn(rec->fields[i], " \t\r\n")] != '\0') return false;
    return true;
}

/* Excel reads and writes "sep=;" as a first line naming the delimiter. */
static size_t sep_line(const char *text, size_t len, char *delim)
{
    if (len < 5 || (strncmp(text, "sep=", 4) != 0 && strncmp(text, "SEP=", 4) != 0) ||
        strchr("\r\n\"", text[4]))
        return 0;
    size_t n = 5;
    if (n < len && text[n] == '\r') n++;
    if (n < len && text[n] == '\n') n++;
    if (n < len && n == 5) return 0; /* "sep=X" followed by more text is a header, not the marker */
    *delim = text[4];
    return n;
}

char csv_detect_delimiter(const char *text, size_t len, size_t *skip)
{
    char delim = ',';
    *skip = sep_line(text, len, &delim);
    if (*skip) return delim;
    size_t count[3] = {0, 0, 0};
    static const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        for (int k = 0; k < 3 && !quoted; k++)
            count[k] += c == candidates[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best]) best = k;
    return candidates[best];
}

bool csv_guarded(const char *v)
{
    while (*v == '\'')
        v++;
    return *v && strchr("=+-@\t\r", *v);
}

const char *csv_unguarded(const char *v)
{
    return v[0] == '\'' && csv_guarded(v + 1) ? v + 1 : v;
}

void csv_write_field(struct strbuf *sb, const char *field, char delim)
{
    if (!strpbrk(field, "\"\r\n") && !strchr(field, delim)) {
        sb_add(sb, field);
        return;
    }
    sb_addc(sb, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"') sb_addc(sb, '"');
        sb_addc(sb, *p);
    }
    sb_addc(sb, '"');
}

void csv_write_record(struct strbuf *sb, const char *const *fields, size_t n, char delim)
{
    for (size_t i = 0; i < n; i++) {
        if (i) sb_addc(sb, delim);
        csv_write_field(sb, fields[i] ? fields[i] : "", delim);
    }
    sb_add(sb, "\r\n");
}

bool csv_at_risk(const char *v)
{
    size_t n = strspn(v, "0123456789");
    return n >= 2 && v[n] == '\0' && (v[0] == '0' || n >= 12);
}

char *csv_unprotected(const char *v)
{
    size_t len = strlen(v);
    if (len < 3 || v[0] != '=' || v[1] != '"' || v[len - 1] != '"') return NULL;
    if (memchr(v + 2, '"', len - 3)) return NULL;
    return xstrndup(v + 2, len - 3);
}

void csv_write_cell(struct strbuf *sb, const char *value, char delim)
{
    char *v = csv_guarded(value)   ? xasprintf("'%s", value)
              : csv_at_risk(value) ? xasprintf("=\"%s\"", value)
                                   : xstrdup(value);
    csv_write_field(sb, v, delim);
    free(v);
}
