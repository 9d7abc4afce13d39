/* Reading .xlsx workbooks: libzip opens the archive, libxml2's streaming reader walks each part
 * (so memory grows with the cells that hold something, not with the XML), and the cells of one
 * sheet come out as text. Every part is read through a counter: a part that unpacks to more
 * than MAX_PART bytes (a zip bomb) is refused whatever its header claims. */
#include "xlsx_read.h"
#include "xlsx_module.h"
#include "calendar.h"
#include "messages.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <libxml/xmlreader.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* A roster of 200,000 people is about 150 MB of sheet XML. */
#define MAX_PART ((zip_uint64_t)256 << 20)
enum { MAX_CELL_BYTES = XLSX_MAX_CELL_CHARS * 4 };

/* An old .xls (OLE2 compound file) or an encrypted workbook begins so. */
static const char ole2_magic[8] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/* ------------------------------------------------------------------------------------------
 * The archive and its XML parts */

struct book {
    const char *label;
    zip_t *zip;
    char *err;
    /* from the workbook */
    bool date1904;
    char *workbook_dir; /* "xl/" */
    /* styles: the kind of each cell format (the s attribute of a cell) */
    unsigned char *xf_kind;
    size_t nxf;
    /* numFmt ids and codes defined in the file */
    int *fmt_id;
    char **fmt_code;
    size_t nfmt;
};

static void fail(struct book *b, char *msg)
{
    if (!b->err)
        b->err = msg;
    else
        free(msg);
}

/* A part as libxml2 reads it: through the counter. */
struct part {
    struct book *b;
    const char *name;
    zip_file_t *file;
    zip_uint64_t read;
    bool too_big, broken;
    char *xml_error;
    int xml_line;
    xmlTextReaderPtr r;
};

static int part_read(void *ctx, char *buf, int len)
{
    struct part *p = ctx;
    zip_int64_t n = zip_fread(p->file, buf, (zip_uint64_t)len);
    if (n < 0) {
        p->broken = true;
        return -1;
    }
    p->read += (zip_uint64_t)n;
    if (p->read > MAX_PART) {
        p->too_big = true;
        return -1;
    }
    return (int)n;
}

static int part_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static void part_error(void *ctx, xmlErrorPtr e)
{
    struct part *p = ctx;
    if (p->xml_error || !e) return;
    char *msg = xstrdup(e->message ? e->message : "");
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    p->xml_error = msg;
    p->xml_line = e->line;
}

static char *too_big(struct book *b, const char *name, zip_uint64_t size)
{
    return xasprintf(_("%s: %s unpacks to %llu MB, more than the %llu MB khai reads from one "
                       "part of a workbook: refused"),
                     b->label, name, (unsigned long long)(size >> 20),
                     (unsigned long long)(MAX_PART >> 20));
}

/* Opens a part for reading. Returns 1 when opened, 0 when the workbook has no such part, -1
 * with b->err. */
static int part_open(struct book *b, const char *name, struct part *p)
{
    memset(p, 0, sizeof *p);
    p->b = b;
    p->name = name;
    zip_int64_t at = zip_name_locate(b->zip, name, ZIP_FL_NOCASE);
    if (at < 0) return 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(b->zip, (zip_uint64_t)at, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > MAX_PART) {
        fail(b, too_big(b, name, st.size));
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        fail(b, xasprintf(_("%s is encrypted with a password: open it in Excel or LibreOffice "
                            "and save a copy without the password as .xlsx or CSV"),
                          b->label));
        return -1;
    }
    p->file = zip_fopen_index(b->zip, (zip_uint64_t)at, 0);
    if (!p->file) {
        fail(b,
             xasprintf(_("%s: %s cannot be unpacked: %s"), b->label, name, zip_strerror(b->zip)));
        return -1;
    }
    /* No network, no DTD, no entity substitution: a workbook's XML needs none of them. */
    p->r = xmlReaderForIO(part_read, part_close, p, name, NULL, XML_PARSE_NONET);
    if (!p->r) {
        zip_fclose(p->file);
        fail(b, xasprintf(_("%s: %s cannot be read"), b->label, name));
        return -1;
    }
    xmlTextReaderSetStructuredErrorHandler(p->r, part_error, p);
    return 1;
}

/* Closes the part; rc is what reading it came to (-1 when xmlTextReaderRead failed). */
static int part_finish(struct part *p, int rc)
{
    struct book *b = p->b;
    if (p->r) xmlFreeTextReader(p->r);
    if (p->file) zip_fclose(p->file);
    if (rc < 0 && p->too_big)
        fail(b, too_big(b, p->name, p->read));
    else if (rc < 0 && p->broken)
        fail(b,
             xasprintf(_("%s: %s is damaged: the archive cannot be unpacked"), b->label, p->name));
    else if (rc < 0)
        fail(b, xasprintf(_("%s: %s line %d is not well-formed XML: %s"), b->label, p->name,
                          p->xml_line, p->xml_error ? p->xml_error : "?"));
    free(p->xml_error);
    return rc < 0 || b->err ? -1 : 0;
}

static bool same(const char *name, const char *want)
{
    return name && strcmp(name, want) == 0;
}

static int node_type(struct part *p)
{
    return xmlTextReaderNodeType(p->r);
}

static const char *local(struct part *p)
{
    return (const char *)xmlTextReaderConstLocalName(p->r);
}

/* An attribute by its local name in any namespace (r:id is in the relationships namespace,
 * whose name differs between transitional and strict files). malloc'd or NULL. */
static char *attr(struct part *p, const char *name)
{
    char *value = NULL;
    while (!value && xmlTextReaderMoveToNextAttribute(p->r) == 1)
        if (same((const char *)xmlTextReaderConstLocalName(p->r), name))
            value = xstrdup((const char *)xmlTextReaderConstValue(p->r));
    xmlTextReaderMoveToElement(p->r);
    return value;
}

static long attr_long(struct part *p, const char *name, long fallback)
{
    char *v = attr(p, name);
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : fallback;
    if (v && (end == v || *end)) n = fallback;
    free(v);
    return n;
}

static bool is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static void add_text(struct part *p, struct strbuf *sb)
{
    const xmlChar *v = xmlTextReaderConstValue(p->r);
    if (v) sb_add(sb, (const char *)v);
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ for a carriage return). */
static char *unescape(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = s; *p;) {
        unsigned cp;
        int used = 0;
        if (p[0] == '_' && p[1] == 'x' && sscanf(p + 2, "%4x%n", &cp, &used) == 1 && used == 4 &&
            p[6] == '_' && strspn(p + 2, "0123456789abcdefABCDEF") >= 4) {
            if (cp) sb_add_codepoint(&sb, cp);
            p += 7;
        } else {
            sb_addc(&sb, *p++);
        }
    }
    return sb_take(&sb);
}

/* ------------------------------------------------------------------------------------------
 * The package: where the workbook is, its relationships, its sheets. */

struct rel {
    char *id, *type, *target;
};

struct rels {
    struct rel *r;
    size_t n;
};

static void rels_free(struct rels *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->r[i].id);
        free(rs->r[i].type);
        free(rs->r[i].target);
    }
    free(rs->r);
}

static int read_rels(struct book *b, const char *name, struct rels *rs)
{
    struct part p;
    int rc = part_open(b, name, &p);
    if (rc <= 0) return rc;
    while ((rc = xmlTextReaderRead(p.r)) == 1) {
        if (node_type(&p) != XML_READER_TYPE_ELEMENT || !same(local(&p), "Relationship")) continue;
        rs->r = xrealloc(rs->r, sizeof *rs->r * (rs->n + 1));
        rs->r[rs->n++] = (struct rel){attr(&p, "Id"), attr(&p, "Type"), attr(&p, "Target")};
    }
    return part_finish(&p, rc);
}

static const struct rel *rel_by_type(const struct rels *rs, const char *suffix)
{
    for (size_t i = 0; i < rs->n; i++) {
        const char *t = rs->r[i].type;
        size_t lt = t ? strlen(t) : 0, ls = strlen(suffix);
        if (lt >= ls && strcmp(t + lt - ls, suffix) == 0 && rs->r[i].target) return &rs->r[i];
    }
    return NULL;
}

/* A target as a name in the archive: absolute ("/xl/x.xml") or relative to dir. */
static char *part_name(const char *dir, const char *target)
{
    if (target[0] == '/') return xstrdup(target + 1);
    while (strncmp(target, "./", 2) == 0)
        target += 2;
    return xasprintf("%s%s", dir, target);
}

struct sheet_ref {
    char *name, *rid;
};

static int read_workbook(struct book *b, const char *name, struct sheet_ref **sheets, size_t *n)
{
    struct part p;
    int rc = part_open(b, name, &p);
    if (rc == 0) {
        fail(b, xasprintf(_("%s is a zip archive but not an Excel workbook (it has no %s): save "
                            "the sheet as .xlsx or CSV"),
                          b->label, name));
        return -1;
    }
    if (rc < 0) return -1;
    while ((rc = xmlTextReaderRead(p.r)) == 1) {
        if (node_type(&p) != XML_READER_TYPE_ELEMENT) continue;
        if (same(local(&p), "workbookPr")) {
            char *v = attr(&p, "date1904");
            b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            free(v);
        } else if (same(local(&p), "sheet")) {
            *sheets = xrealloc(*sheets, sizeof **sheets * (*n + 1));
            (*sheets)[(*n)++] = (struct sheet_ref){attr(&p, "name"), attr(&p, "id")};
        }
    }
    return part_finish(&p, rc);
}

/* ------------------------------------------------------------------------------------------
 * Styles: which cell formats show dates. */

static const char *custom_code(const struct book *b, long id)
{
    for (size_t i = 0; i < b->nfmt; i++)
        if (b->fmt_id[i] == id) return b->fmt_code[i];
    return NULL;
}

static int read_styles(struct book *b, const char *name)
{
    struct part p;
    int rc = part_open(b, name, &p);
    if (rc <= 0) return rc;
    bool in_xfs = false;
    while ((rc = xmlTextReaderRead(p.r)) == 1) {
        int type = node_type(&p);
        const char *l = local(&p);
        if (type == XML_READER_TYPE_END_ELEMENT && same(l, "cellXfs")) in_xfs = false;
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (same(l, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(p.r);
        } else if (same(l, "numFmt")) {
            b->fmt_id = xrealloc(b->fmt_id, sizeof *b->fmt_id * (b->nfmt + 1));
            b->fmt_code = xrealloc(b->fmt_code, sizeof *b->fmt_code * (b->nfmt + 1));
            b->fmt_id[b->nfmt] = (int)attr_long(&p, "numFmtId", -1);
            char *code = attr(&p, "formatCode");
            b->fmt_code[b->nfmt++] = code ? code : xstrdup("");
        } else if (in_xfs && same(l, "xf")) {
            long id = attr_long(&p, "numFmtId", 0);
            b->xf_kind = xrealloc(b->xf_kind, b->nxf + 1);
            b->xf_kind[b->nxf++] = (unsigned char)xlsx_format_kind((int)id, custom_code(b, id));
        }
    }
    return part_finish(&p, rc);
}

/* ------------------------------------------------------------------------------------------
 * Shared strings: the text of each <si>, its phonetic runs (<rPh>) left out. */

static int string_too_long(struct book *b, const char *where)
{
    fail(b, xasprintf(_("%s: %s holds a text longer than the %d characters a spreadsheet cell "
                        "can hold: refused"),
                      b->label, where, XLSX_MAX_CELL_CHARS));
    return -1;
}

static int read_strings(struct book *b, const char *name, struct xlsx_sheet *s)
{
    struct part p;
    int rc = part_open(b, name, &p);
    if (rc <= 0) return rc;
    struct strbuf sb = STRBUF_INIT;
    int in_t = 0, in_rph = 0;
    bool in_si = false;
    while ((rc = xmlTextReaderRead(p.r)) == 1) {
        int type = node_type(&p);
        const char *l = local(&p);
        bool element = type == XML_READER_TYPE_ELEMENT, end = type == XML_READER_TYPE_END_ELEMENT;
        bool empty = element && xmlTextReaderIsEmptyElement(p.r);
        bool done = false;
        if (element && same(l, "si")) {
            sb_reset(&sb);
            in_t = in_rph = 0;
            in_si = !empty;
            done = empty;
        } else if (element && in_si && !empty) {
            in_t += same(l, "t");
            in_rph += same(l, "rPh");
        } else if (end && same(l, "si")) {
            in_si = false;
            done = true;
        } else if (end && in_si) {
            in_t -= in_t && same(l, "t");
            in_rph -= in_rph && same(l, "rPh");
        } else if (is_text_node(type) && in_si && in_t && !in_rph) {
            add_text(&p, &sb);
            if (sb.len > MAX_CELL_BYTES) {
                rc = string_too_long(b, name);
                break;
            }
        }
        if (!done) continue;
        size_t n = s->nstrings;
        if (n == 0 || (n & (n - 1)) == 0)
            s->strings = xrealloc(s->strings, sizeof *s->strings * (n ? n * 2 : 1));
        s->strings[s->nstrings++] = unescape(sb_str(&sb));
    }
    sb_free(&sb);
    return part_finish(&p, rc);
}

/* ------------------------------------------------------------------------------------------
 * The sheet */

struct cell_state {
    char ref[16];
    unsigned col;
    long row;
    char *type; /* the t attribute: s, str, inlineStr, b, e, d, n (NULL) */
    long style;
    struct strbuf value, inline_text;
    int in_v, in_is_t, in_rph;
};

static char *cell_where(const struct book *b, const struct xlsx_sheet *s, const char *ref)
{
    (void)b;
    return xasprintf(_("sheet \"%s\" cell %s"), s->name, ref);
}

static int cell_fail(struct book *b, const struct xlsx_sheet *s, const char *ref, const char *why)
{
    char *where = cell_where(b, s, ref);
    fail(b, xasprintf("%s: %s: %s", b->label, where, why));
    free(where);
    return -1;
}

static enum xlsx_format style_kind(const struct book *b, long style)
{
    return style >= 0 && (size_t)style < b->nxf ? (enum xlsx_format)b->xf_kind[style] : XLSX_NUMBER;
}

static char *number_cell(const struct book *b, struct cell_state *c)
{
    const char *v = sb_str(&c->value);
    locale_t old = xlsx_numeric_c() ? uselocale(xlsx_numeric_c()) : (locale_t)0;
    char *end = NULL;
    double d = strtod(v, &end);
    if (old) uselocale(old);
    while (end && (*end == ' ' || *end == '\n' || *end == '\t' || *end == '\r'))
        end++;
    if (!end || end == v || *end) return xstrdup(v); /* not a number: kept as written */
    char buf[64];
    xlsx_number_text(d, style_kind(b, c->style), b->date1904, buf, sizeof buf);
    return xstrdup(buf);
}

/* An ISO 8601 date cell (t="d", as strict files write them): 2010-07-21T09:30:00. */
static char *iso_cell(const char *v)
{
    char *copy = xstrdup(v);
    char *t = strchr(copy, 'T');
    if (t && (strcmp(t, "T00:00:00") == 0 || strcmp(t, "T00:00") == 0 || t[1] == '\0'))
        *t = '\0';
    else if (t)
        *t = ' ';
    return copy;
}

/* The cell's text, or NULL for an empty cell; -1 with b->err for a broken one. */
static int cell_text(struct book *b, struct xlsx_sheet *s, struct cell_state *c,
                     struct xlsx_cell *out)
{
    const char *t = c->type ? c->type : "n";
    out->col = c->col;
    out->shared = false;
    out->text = NULL;
    if (strcmp(t, "s") == 0) {
        if (!c->value.len) return 0;
        char *end;
        long i = strtol(sb_str(&c->value), &end, 10);
        if (*end || i < 0 || (size_t)i >= s->nstrings) {
            char *why = xasprintf(_("shared string %s does not exist"), sb_str(&c->value));
            cell_fail(b, s, c->ref, why);
            free(why);
            return -1;
        }
        out->shared = true;
        out->text = s->strings[i];
    } else if (strcmp(t, "inlineStr") == 0) {
        out->text = unescape(sb_str(&c->inline_text));
    } else if (strcmp(t, "b") == 0) {
        out->text =
            c->value.len ? xstrdup(strcmp(sb_str(&c->value), "0") ? "TRUE" : "FALSE") : NULL;
    } else if (strcmp(t, "d") == 0) {
        out->text = iso_cell(sb_str(&c->value));
    } else if (strcmp(t, "str") == 0 || strcmp(t, "e") == 0) {
        out->text = unescape(sb_str(&c->value));
    } else {
        out->text = c->value.len ? number_cell(b, c) : NULL;
    }
    if (out->text && !*out->text) {
        if (!out->shared) free(out->text);
        out->text = NULL;
    }
    return 0;
}

static void row_add_cell(struct xlsx_row *row, struct xlsx_cell cell)
{
    size_t n = row->n;
    if (n == 0 || (n & (n - 1)) == 0)
        row->cells = xrealloc(row->cells, sizeof *row->cells * (n ? n * 2 : 1));
    row->cells[row->n++] = cell;
}

static void sheet_add_row(struct xlsx_sheet *s, struct xlsx_row *row)
{
    size_t n = s->nrows;
    if (n == 0 || (n & (n - 1)) == 0)
        s->rows = xrealloc(s->rows, sizeof *s->rows * (n ? n * 2 : 1));
    s->rows[s->nrows++] = *row;
    memset(row, 0, sizeof *row);
}

static void cells_free(struct xlsx_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!cells[i].shared) free(cells[i].text);
    free(cells);
}

/* <c r="B7" t="s" s="3">: where the cell is and how to read it. */
static int cell_begin(struct book *b, struct xlsx_sheet *s, struct part *p, struct cell_state *c,
                      long row, unsigned next_col)
{
    char *ref = attr(p, "r");
    long r = row;
    c->col = next_col;
    if (ref && !xlsx_cell_ref(ref, &c->col, &r)) {
        snprintf(c->ref, sizeof c->ref, "%.10s", ref);
        free(ref);
        return cell_fail(b, s, c->ref, _("not a cell of a spreadsheet"));
    }
    free(ref);
    if (c->col >= XLSX_MAX_COLUMNS) {
        snprintf(c->ref, sizeof c->ref, "?%ld", row);
        return cell_fail(b, s, c->ref, _("not a cell of a spreadsheet"));
    }
    char col[8];
    xlsx_column_name(c->col, col, sizeof col);
    snprintf(c->ref, sizeof c->ref, "%s%ld", col, row);
    free(c->type);
    c->type = attr(p, "t");
    c->style = attr_long(p, "s", 0);
    sb_reset(&c->value);
    sb_reset(&c->inline_text);
    c->in_v = c->in_is_t = c->in_rph = 0;
    return 0;
}

struct sheet_walk {
    struct xlsx_row row;
    long next_row;
    unsigned next_col;
    bool in_row, in_cell;
    struct cell_state c;
};

static int on_element(struct book *b, struct xlsx_sheet *s, struct part *p, struct sheet_walk *w)
{
    const char *l = local(p);
    bool empty = xmlTextReaderIsEmptyElement(p->r);
    if (same(l, "row")) {
        long r = attr_long(p, "r", w->next_row);
        if (r < 1 || r > XLSX_MAX_ROWS) {
            char ref[24];
            snprintf(ref, sizeof ref, "%ld", r);
            return cell_fail(b, s, ref, _("not a row of a spreadsheet"));
        }
        w->row.number = r;
        w->next_row = r + 1;
        w->next_col = 0;
        w->in_row = !empty;
    } else if (same(l, "c") && w->in_row) {
        if (cell_begin(b, s, p, &w->c, w->row.number, w->next_col) != 0) return -1;
        w->next_col = w->c.col + 1;
        w->in_cell = !empty;
    } else if (w->in_cell && !empty) {
        w->c.in_v += same(l, "v");
        w->c.in_is_t += same(l, "t");
        w->c.in_rph += same(l, "rPh");
    }
    return 0;
}

static int on_end(struct book *b, struct xlsx_sheet *s, struct part *p, struct sheet_walk *w)
{
    const char *l = local(p);
    if (same(l, "row") && w->in_row) {
        w->in_row = false;
        if (w->row.n) sheet_add_row(s, &w->row);
    } else if (same(l, "c") && w->in_cell) {
        w->in_cell = false;
        struct xlsx_cell cell;
        if (cell_text(b, s, &w->c, &cell) != 0) return -1;
        if (cell.text) row_add_cell(&w->row, cell);
    } else if (w->in_cell) {
        w->c.in_v -= w->c.in_v && same(l, "v");
        w->c.in_is_t -= w->c.in_is_t && same(l, "t");
        w->c.in_rph -= w->c.in_rph && same(l, "rPh");
    }
    return 0;
}

static int on_text(struct book *b, struct xlsx_sheet *s, struct part *p, struct sheet_walk *w)
{
    if (!w->in_cell) return 0;
    struct strbuf *into = w->c.in_v                      ? &w->c.value
                          : w->c.in_is_t && !w->c.in_rph ? &w->c.inline_text
                                                         : NULL;
    if (!into) return 0;
    add_text(p, into);
    if (into->len > MAX_CELL_BYTES) {
        char *where = cell_where(b, s, w->c.ref);
        string_too_long(b, where);
        free(where);
        return -1;
    }
    return 0;
}

static int read_sheet(struct book *b, const char *name, struct xlsx_sheet *s)
{
    struct part p;
    int rc = part_open(b, name, &p);
    if (rc == 0)
        fail(b, xasprintf(_("%s: sheet \"%s\" is missing from the workbook (%s)"), b->label,
                          s->name, name));
    if (rc <= 0) return -1;
    struct sheet_walk w = {.next_row = 1};
    while ((rc = xmlTextReaderRead(p.r)) == 1) {
        int type = node_type(&p), step = 0;
        if (type == XML_READER_TYPE_ELEMENT)
            step = on_element(b, s, &p, &w);
        else if (type == XML_READER_TYPE_END_ELEMENT)
            step = on_end(b, s, &p, &w);
        else if (is_text_node(type))
            step = on_text(b, s, &p, &w);
        if (step != 0) break;
    }
    cells_free(w.row.cells, w.row.n);
    free(w.c.type);
    sb_free(&w.c.value);
    sb_free(&w.c.inline_text);
    return part_finish(&p, rc);
}

/* ------------------------------------------------------------------------------------------
 * The whole workbook */

/* What the OLE2 container holds: a password-protected .xlsx, or an old binary .xls. */
static char *ole2_refusal(const char *label, const unsigned char *data, size_t len)
{
    static const char stream[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
    size_t n = sizeof stream - 1, limit = len < ((size_t)1 << 20) ? len : (size_t)1 << 20;
    for (size_t i = 0; i + n <= limit; i++)
        if (memcmp(data + i, stream, n) == 0)
            return xasprintf(_("%s is encrypted with a password: open it in Excel or LibreOffice "
                               "and save a copy without the password as .xlsx or CSV"),
                             label);
    return xasprintf(_("%s is an old Excel workbook (.xls, Excel 97-2003), which khai cannot "
                       "read: open it in Excel or LibreOffice and save it as .xlsx or CSV"),
                     label);
}

/* An OpenDocument file names its type in a first entry called mimetype. */
static bool is_opendocument(zip_t *zip)
{
    zip_file_t *f = zip_fopen(zip, "mimetype", 0);
    if (!f) return false;
    char buf[64] = "";
    zip_int64_t n = zip_fread(f, buf, sizeof buf - 1);
    zip_fclose(f);
    return n > 0 && strncmp(buf, "application/vnd.oasis.opendocument", 34) == 0;
}

static char *dir_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    return slash ? xstrndup(name, (size_t)(slash - name + 1)) : xstrdup("");
}

static char *sheet_list(const struct sheet_ref *sheets, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%s\"%s\"", i ? ", " : "", sheets[i].name ? sheets[i].name : "");
    return sb_take(&sb);
}

/* The part of the sheet the user asked for (or the first one). */
static char *choose_sheet(struct book *b, const struct sheet_ref *sheets, size_t n,
                          const struct rels *rels, const char *want, struct xlsx_sheet *out)
{
    if (n == 0) {
        fail(b, xasprintf(_("%s: the workbook has no sheets"), b->label));
        return NULL;
    }
    size_t at = 0;
    if (want) {
        for (at = 0; at < n; at++)
            if (sheets[at].name && strcmp(sheets[at].name, want) == 0) break;
        if (at == n) {
            char *list = sheet_list(sheets, n);
            fail(b, xasprintf(_("%s: no sheet \"%s\"; the workbook has %s"), b->label, want, list));
            free(list);
            return NULL;
        }
    }
    out->name = xstrdup(sheets[at].name ? sheets[at].name : "");
    for (size_t i = 0; sheets[at].rid && i < rels->n; i++)
        if (rels->r[i].id && rels->r[i].target && strcmp(rels->r[i].id, sheets[at].rid) == 0)
            return part_name(b->workbook_dir, rels->r[i].target);
    fail(b, xasprintf(_("%s: sheet \"%s\" is missing from the workbook"), b->label, out->name));
    return NULL;
}

static int read_book(struct book *b, const char *want, struct xlsx_sheet *out)
{
    struct rels package = {0}, rels = {0};
    struct sheet_ref *sheets = NULL;
    size_t nsheets = 0;
    char *workbook = NULL, *rels_name = NULL, *sheet = NULL;
    int rc = read_rels(b, "_rels/.rels", &package);
    if (rc >= 0) {
        const struct rel *main = rel_by_type(&package, "/officeDocument");
        workbook = main ? part_name("", main->target) : xstrdup("xl/workbook.xml");
        b->workbook_dir = dir_of(workbook);
        rels_name =
            xasprintf("%s_rels/%s.rels", b->workbook_dir, workbook + strlen(b->workbook_dir));
        rc = read_workbook(b, workbook, &sheets, &nsheets);
    }
    if (rc >= 0) rc = read_rels(b, rels_name, &rels);
    if (rc >= 0) sheet = choose_sheet(b, sheets, nsheets, &rels, want, out);
    if (sheet) {
        const struct rel *styles = rel_by_type(&rels, "/styles");
        const struct rel *strings = rel_by_type(&rels, "/sharedStrings");
        char *styles_name = styles ? part_name(b->workbook_dir, styles->target) : NULL;
        char *strings_name = strings ? part_name(b->workbook_dir, strings->target) : NULL;
        rc = styles_name ? read_styles(b, styles_name) : 0;
        if (rc >= 0 && strings_name) rc = read_strings(b, strings_name, out);
        if (rc >= 0) rc = read_sheet(b, sheet, out);
        free(styles_name);
        free(strings_name);
    }
    rels_free(&package);
    rels_free(&rels);
    for (size_t i = 0; i < nsheets; i++) {
        free(sheets[i].name);
        free(sheets[i].rid);
    }
    free(sheets);
    free(workbook);
    free(rels_name);
    free(sheet);
    return b->err ? -1 : 0;
}

static void book_free(struct book *b)
{
    free(b->workbook_dir);
    free(b->xf_kind);
    free(b->fmt_id);
    for (size_t i = 0; i < b->nfmt; i++)
        free(b->fmt_code[i]);
    free(b->fmt_code);
}

/* libxml2's messages, and the names in a file, may hold line breaks: an error is one line. */
static char *one_line(char *msg)
{
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    return msg;
}

int xlsx_module_read(const char *label, const void *data, size_t len, const char *sheet_name,
                     struct xlsx_sheet *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (len >= 8 && memcmp(data, ole2_magic, 8) == 0) {
        *err = ole2_refusal(label, data, len);
        return -1;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip) {
        *err = xasprintf(_("%s is not a readable .xlsx workbook (%s): open it in Excel or "
                           "LibreOffice and save it again as .xlsx or CSV"),
                         label, zip_error_strerror(&ze));
        if (src) zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    zip_error_fini(&ze);
    struct book b = {.label = label, .zip = zip};
    int rc;
    if (is_opendocument(zip)) {
        b.err = xasprintf(_("%s is an OpenDocument spreadsheet (.ods), which khai cannot read: "
                            "save it as .xlsx or CSV"),
                          label);
        rc = -1;
    } else {
        rc = read_book(&b, sheet_name, out);
    }
    zip_discard(zip);
    book_free(&b);
    if (rc != 0) {
        *err = one_line(b.err ? b.err : xasprintf(_("%s cannot be read"), label));
        xlsx_sheet_free(out);
        return -1;
    }
    return 0;
}
