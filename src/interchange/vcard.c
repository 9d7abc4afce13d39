/* vCard: reading 2.1, 3.0 and 4.0 files (folding, quoted-printable, charsets such as Thai
 * Windows-874, RFC 6868 parameters) into contacts, writing contacts as 3.0 or 4.0, and
 * importing and exporting members through the model. The reader is a pure function over a
 * buffer, so it is fuzzed and tested without a database. */
#include "vcard.h"
#include "db.h"
#include "encoding.h"
#include "export.h"
#include "honorific.h"
#include "ical.h"
#include "import.h"
#include "messages.h"
#include "model.h"
#include "phone.h"
#include "outfile.h"
#include "stored.h"
#include "strbuf.h"
#include "thainorm.h"
#include "uid.h"
#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- Small helpers ---- */

static bool starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* A copy of s[0..n) without leading and trailing spaces and tabs. */
static char *trim_copy(const char *s, size_t n)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static void set_text(char **field, char *value)
{
    free(*field);
    *field = value;
}

void vcard_list_add(struct vcard_list *l, const char *s)
{
    l->items = xrealloc(l->items, sizeof *l->items * (l->n + 1));
    l->items[l->n++] = xstrdup(s);
}

static bool list_has(const struct vcard_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], s) == 0) return true;
    return false;
}

static void vlist_free(struct vcard_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

/* ---- Charsets ---- */

/* One iconv descriptor, reopened only when the charset changes: most files use one. */
struct converter {
    iconv_t cd;
    char *from; /* NULL: none open */
};

static void converter_close(struct converter *cv)
{
    if (cv->from) iconv_close(cv->cd);
    free(cv->from);
    cv->from = NULL;
}

/* Charset names come from the file: only plain names go to iconv. */
static bool charset_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 40) return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              strchr("-_.:", *p)))
            return false;
    return true;
}

static bool is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
}

enum convert_result { CONVERT_OK, CONVERT_UNKNOWN, CONVERT_BAD };

/* Converts in[0..len) from charset to UTF-8 into *out (malloc'd, NUL-terminated). */
static enum convert_result convert(struct converter *cv, const char *charset, const char *in,
                                   size_t len, char **out, size_t *outlen)
{
    const char *name = encoding_iconv_name(charset);
    if (!cv->from || strcasecmp(cv->from, name) != 0) {
        converter_close(cv);
        cv->cd = iconv_open("UTF-8", name);
        if (cv->cd == (iconv_t)-1) return CONVERT_UNKNOWN;
        cv->from = xstrdup(name);
    }
    iconv(cv->cd, NULL, NULL, NULL, NULL);
    size_t cap = len * 3 + 16, used = 0;
    char *buf = xmalloc(cap), *src = (char *)in;
    size_t left = len;
    for (;;) {
        char *dst = buf + used;
        size_t room = cap - used - 8; /* slack for the final shift sequence and NUL */
        size_t rc =
            left ? iconv(cv->cd, &src, &left, &dst, &room) : iconv(cv->cd, NULL, NULL, &dst, &room);
        used = (size_t)(dst - buf);
        if (rc != (size_t)-1 && left == 0 && src == NULL) break;
        if (rc != (size_t)-1 && left == 0) {
            src = NULL; /* all read: now flush any shift state */
            continue;
        }
        if (rc == (size_t)-1 && errno == E2BIG) {
            cap *= 2;
            buf = xrealloc(buf, cap);
            continue;
        }
        free(buf);
        return CONVERT_BAD;
    }
    buf[used] = '\0';
    *out = buf;
    *outlen = used;
    return CONVERT_OK;
}

/* ---- Pure value helpers ---- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

char *vcard_qp_decode(const char *s, size_t len, size_t *outlen)
{
    char *out = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (s[i] == '=' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
            (lo = hex_value(s[i + 2])) >= 0) {
            out[n++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    *outlen = n;
    return out;
}

char *vcard_param_unescape(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = s; *p; p++) {
        if (*p == '^' && (p[1] == 'n' || p[1] == 'N')) {
            sb_addc(&sb, '\n');
            p++;
        } else if (*p == '^' && p[1] == '^') {
            sb_addc(&sb, '^');
            p++;
        } else if (*p == '^' && p[1] == '\'') {
            sb_addc(&sb, '"');
            p++;
        } else {
            sb_addc(&sb, *p);
        }
    }
    return sb_take(&sb);
}

/* Splits at separators not escaped by a backslash, keeping the escapes: components are
 * split again at commas before they are unescaped. */
static size_t split_raw(const char *value, char sep, char ***parts)
{
    char **out = NULL;
    size_t n = 0;
    const char *start = value;
    for (const char *p = value;; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p == '\0' || (sep && *p == sep)) {
            out = xrealloc(out, sizeof *out * (n + 1));
            out[n++] = xstrndup(start, (size_t)(p - start));
            if (!*p) break;
            start = p + 1;
        }
    }
    *parts = out;
    return n;
}

static char *unescape(const char *s, bool legacy)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = s; *p; p++) {
        char c = p[1];
        if (*p == '\\' && (c == '\\' || c == ';' || (!legacy && c == ','))) {
            sb_addc(&sb, c);
            p++;
        } else if (*p == '\\' && !legacy && (c == 'n' || c == 'N')) {
            sb_addc(&sb, '\n');
            p++;
        } else {
            sb_addc(&sb, *p);
        }
    }
    return sb_take(&sb);
}

size_t vcard_split(const char *value, char sep, bool legacy, char ***parts)
{
    size_t n = split_raw(value, sep, parts);
    for (size_t i = 0; i < n; i++)
        set_text(&(*parts)[i], unescape((*parts)[i], legacy));
    return n;
}

const char *vcard_param(const struct vcard_prop *p, const char *name)
{
    for (size_t i = 0; i < p->nparams; i++)
        if (strcmp(p->params[i].name, name) == 0) return p->params[i].value;
    return NULL;
}

bool vcard_has_type(const struct vcard_prop *p, const char *type)
{
    size_t tlen = strlen(type);
    for (size_t i = 0; i < p->nparams; i++) {
        if (strcmp(p->params[i].name, "TYPE") != 0) continue;
        for (const char *v = p->params[i].value; *v;) {
            size_t n = strcspn(v, ",");
            if (n == tlen && strncasecmp(v, type, n) == 0) return true;
            v += n + (v[n] == ',');
        }
    }
    return false;
}

int vcard_prop_line(const struct vcard *c, const char *name)
{
    for (size_t i = 0; i < c->nprops; i++)
        if (strcmp(c->props[i].name, name) == 0) return c->props[i].line;
    return c->line;
}

/* ---- Content lines ---- */

static void prop_free(struct vcard_prop *p)
{
    free(p->group);
    free(p->name);
    for (size_t i = 0; i < p->nparams; i++) {
        free(p->params[i].name);
        free(p->params[i].value);
    }
    free(p->params);
    free(p->value);
    memset(p, 0, sizeof *p);
}

static void add_param(struct vcard_prop *p, char *name, char *value)
{
    p->params = xrealloc(p->params, sizeof *p->params * (p->nparams + 1));
    p->params[p->nparams].name = name;
    p->params[p->nparams].value = value;
    p->nparams++;
}

static void upcase(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
}

static bool name_ok(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return false;
    return true;
}

/* A 2.1 bare parameter (;CELL;QUOTED-PRINTABLE) names its value only. */
static const char *bare_param_name(const char *value)
{
    static const char *const encodings[] = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", NULL};
    for (int i = 0; encodings[i]; i++)
        if (strcasecmp(value, encodings[i]) == 0) return "ENCODING";
    return "TYPE";
}

/* Reads one parameter's value list at *pp (after '='): quoted or bare, comma-separated. */
static int read_param_value(const char **pp, struct strbuf *value, char **why)
{
    const char *p = *pp;
    for (;;) {
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) {
                *why = xstrdup(_("a parameter's opening quote is never closed"));
                return -1;
            }
            sb_addn(value, p + 1, (size_t)(close - p - 1));
            p = close + 1;
        } else {
            size_t n = strcspn(p, ",;:");
            sb_addn(value, p, n);
            p += n;
        }
        if (*p != ',') break;
        sb_addc(value, ',');
        p++;
    }
    *pp = p;
    return 0;
}

static int read_param(const char **pp, bool legacy, struct vcard_prop *prop, char **why)
{
    const char *p = *pp;
    size_t n = strcspn(p, "=;:");
    char *name = trim_copy(p, n);
    upcase(name);
    p += n;
    struct strbuf value = STRBUF_INIT;
    if (*p == '=') {
        p++;
        if (read_param_value(&p, &value, why) != 0) {
            free(name);
            sb_free(&value);
            return -1;
        }
    } else {
        sb_add(&value, name);
        set_text(&name, xstrdup(bare_param_name(name)));
    }
    char *v = sb_take(&value);
    if (!legacy) set_text(&v, vcard_param_unescape(v));
    add_param(prop, name, v);
    *pp = p;
    return 0;
}

/* [group.]NAME *(;param) : value */
static int parse_content_line(const char *s, bool legacy, struct vcard_prop *prop, char **why)
{
    size_t n = strcspn(s, ";:");
    if (!s[n]) {
        *why = xstrdup(_("no ':' between the property name and its value"));
        return -1;
    }
    char *name = trim_copy(s, n);
    char *dot = strchr(name, '.');
    if (dot) {
        prop->group = xstrndup(name, (size_t)(dot - name));
        set_text(&name, xstrdup(dot + 1));
    }
    upcase(name);
    prop->name = name;
    if (!name_ok(name)) {
        *why = xstrdup(_("a line that does not start with a property name"));
        return -1;
    }
    const char *p = s + n;
    while (*p == ';') {
        p++;
        if (read_param(&p, legacy, prop, why) != 0) return -1;
    }
    if (*p != ':') {
        *why = xstrdup(_("no ':' between the property name and its value"));
        return -1;
    }
    prop->value = xstrdup(p + 1);
    return 0;
}

/* ---- The reader ---- */

struct parser {
    const char *text;
    size_t len;
    size_t pos;          /* start of the next physical line */
    int lineno;          /* number of the last physical line read */
    const char *charset; /* for values without CHARSET; NULL: decided per card */
    struct converter cv;
    struct vcard_file *out;
};

struct pline {
    const char *s;
    size_t n;
    int line;
};

static bool next_physical(struct parser *p, struct pline *l)
{
    if (p->pos >= p->len) return false;
    const char *s = p->text + p->pos;
    size_t rest = p->len - p->pos, n = 0;
    while (n < rest && s[n] != '\n' && s[n] != '\r')
        n++;
    size_t eol = n < rest ? 1 : 0;
    if (n + 1 < rest && s[n] == '\r' && s[n + 1] == '\n') eol = 2;
    l->s = s;
    l->n = n;
    l->line = ++p->lineno;
    p->pos += n + eol;
    return true;
}

/* True when the name and parameters (before the first ':') ask for quoted-printable, whose
 * soft line breaks must be joined before anything else is read. */
static bool head_says_qp(const char *s, size_t len)
{
    static const char qp[] = "QUOTED-PRINTABLE";
    size_t head = 0;
    while (head < len && s[head] != ':')
        head++;
    for (size_t i = 0; i + sizeof qp - 1 <= head; i++)
        if (strncasecmp(s + i, qp, sizeof qp - 1) == 0) return true;
    return false;
}

/* One logical line: a physical line, its quoted-printable soft breaks and folds joined. */
static bool next_logical(struct parser *p, bool legacy, struct strbuf *out, int *line)
{
    struct pline l;
    if (!next_physical(p, &l)) return false;
    sb_reset(out);
    sb_addn(out, l.s, l.n);
    *line = l.line;
    bool qp = head_says_qp(l.s, l.n);
    for (;;) {
        if (qp && out->len && out->s[out->len - 1] == '=' && p->pos < p->len) {
            out->s[--out->len] = '\0';
            next_physical(p, &l);
            sb_addn(out, l.s, l.n);
        } else if (p->pos < p->len && is_space(p->text[p->pos])) {
            next_physical(p, &l);
            /* RFC 822 (2.1) folds at white space and keeps it; 3.0 and 4.0 insert one. */
            sb_addn(out, l.s + !legacy, l.n - !legacy);
        } else {
            return true;
        }
    }
}

/* Keeps the problem on the earliest line: values are decoded after the card is read. */
static void card_fail(struct vcard *c, int line, char *why)
{
    if (c->error && c->error_line <= line) {
        free(why);
        return;
    }
    free(c->error);
    c->error = why;
    c->error_line = line;
}

static size_t new_card(struct parser *p, int line, size_t begin, const char *version)
{
    struct vcard_file *f = p->out;
    f->cards = xrealloc(f->cards, sizeof *f->cards * (f->n + 1));
    struct vcard *c = &f->cards[f->n];
    memset(c, 0, sizeof *c);
    c->version = version ? xstrdup(version) : NULL;
    c->line = line;
    c->begin = c->end = begin;
    return f->n++;
}

static bool is_marker(const char *s, const char *marker)
{
    size_t n = strlen(marker);
    if (strncasecmp(s, marker, n) != 0) return false;
    for (s += n; *s; s++)
        if (!is_space(*s)) return false;
    return true;
}

static bool is_blank(const char *s)
{
    while (is_space(*s))
        s++;
    return !*s;
}

/* bytes in charset (resolved: never NULL) as UTF-8, or NULL with *why. */
static char *to_utf8(struct parser *p, const char *charset, const char *bytes, size_t len,
                     char **why)
{
    if (memchr(bytes, '\0', len)) {
        *why = xstrdup(_("a NUL byte in the value"));
        return NULL;
    }
    size_t bad = 0;
    if (is_utf8_name(charset)) {
        if (utf8_valid(bytes, len, &bad)) return xstrndup(bytes, len);
        *why = xasprintf(_("not valid UTF-8 (byte %zu of the value)"), bad + 1);
        return NULL;
    }
    if (!charset_name_ok(charset)) {
        *why = xstrdup(_("an unknown CHARSET"));
        return NULL;
    }
    char *out;
    size_t outlen;
    enum convert_result rc = convert(&p->cv, charset, bytes, len, &out, &outlen);
    if (rc == CONVERT_UNKNOWN) {
        *why = xasprintf(_("unknown CHARSET \"%s\""), charset);
        return NULL;
    }
    if (rc == CONVERT_BAD || memchr(out, '\0', outlen) || !utf8_valid(out, outlen, NULL)) {
        if (rc == CONVERT_OK) free(out);
        *why = xasprintf(_("the value is not valid %s"), charset);
        return NULL;
    }
    return out;
}

static bool is_binary(const struct vcard_prop *prop)
{
    const char *enc = vcard_param(prop, "ENCODING");
    return enc && (strcasecmp(enc, "B") == 0 || strcasecmp(enc, "BASE64") == 0);
}

/* The value's bytes once its ENCODING is undone (malloc'd). */
static char *value_bytes(const struct vcard_prop *prop, size_t *len)
{
    const char *enc = vcard_param(prop, "ENCODING");
    *len = strlen(prop->value);
    if (enc && strcasecmp(enc, "QUOTED-PRINTABLE") == 0)
        return vcard_qp_decode(prop->value, *len, len);
    return xstrndup(prop->value, *len);
}

static int decode_value(struct parser *p, struct vcard_prop *prop, const char *fallback, char **why)
{
    for (size_t i = 0; i < prop->nparams; i++) {
        char *v = prop->params[i].value;
        if (utf8_valid(v, strlen(v), NULL)) continue;
        char *text = to_utf8(p, fallback, v, strlen(v), why);
        if (!text) return -1;
        set_text(&prop->params[i].value, text);
    }
    if (is_binary(prop)) return 0; /* photos and keys: kept as they are, khai reads none */
    const char *charset = vcard_param(prop, "CHARSET");
    size_t len;
    char *bytes = value_bytes(prop, &len);
    char *text = to_utf8(p, charset ? charset : fallback, bytes, len, why);
    free(bytes);
    if (!text) return -1;
    set_text(&prop->value, text);
    return 0;
}

/* The charset of the card's values that name none: the file's when --encoding gave one,
 * else UTF-8 when every such value (and parameter) is valid UTF-8 and Thai Windows-874
 * (what Thai address books wrote before UTF-8) when any is not. Decided per card, since
 * a few Thai words in Windows-874 can happen to be valid UTF-8 on their own. */
static const char *card_charset(const struct parser *p, const struct vcard *c)
{
    if (p->charset) return p->charset;
    for (size_t i = 0; i < c->nprops; i++) {
        const struct vcard_prop *prop = &c->props[i];
        for (size_t j = 0; j < prop->nparams; j++)
            if (!utf8_valid(prop->params[j].value, strlen(prop->params[j].value), NULL))
                return "CP874";
        if (vcard_param(prop, "CHARSET") || is_binary(prop)) continue;
        size_t len;
        char *bytes = value_bytes(prop, &len);
        bool ok = utf8_valid(bytes, len, NULL);
        free(bytes);
        if (!ok) return "CP874";
    }
    return "UTF-8";
}

/* Decodes every value of a card once its last line is read. */
static void finish_card(struct parser *p, struct vcard *c)
{
    const char *fallback = card_charset(p, c);
    size_t kept = 0;
    for (size_t i = 0; i < c->nprops; i++) {
        char *why = NULL;
        if (decode_value(p, &c->props[i], fallback, &why) != 0) {
            card_fail(c, c->props[i].line, xasprintf("%s: %s", c->props[i].name, why));
            free(why);
            prop_free(&c->props[i]);
            continue;
        }
        c->props[kept++] = c->props[i];
    }
    c->nprops = kept;
}

static void set_version(struct vcard *c, const char *value, int line)
{
    char *v = trim_copy(value, strlen(value));
    if (strcmp(v, "2.1") != 0 && strcmp(v, "3.0") != 0 && strcmp(v, "4.0") != 0) {
        /* Quoted only when it is short, printable text: it came from the file. */
        bool show = strlen(v) <= 16 && utf8_valid(v, strlen(v), NULL) && !strpbrk(v, "\"\\");
        for (const char *q = v; show && *q; q++)
            show = (unsigned char)*q >= 0x20 && *q != 0x7F;
        card_fail(c, line,
                  show ? xasprintf(_("unsupported vCard version \"%s\" (khai reads 2.1, 3.0 and "
                                     "4.0)"),
                                   v)
                       : xstrdup(_("unsupported vCard version (khai reads 2.1, 3.0 and 4.0)")));
        free(v);
        return;
    }
    set_text(&c->version, v);
}

static void add_property(struct vcard *c, const char *s, int line)
{
    struct vcard_prop prop = {0};
    char *why = NULL;
    bool legacy = strcmp(c->version, "2.1") == 0;
    if (parse_content_line(s, legacy, &prop, &why) != 0) {
        card_fail(c, line, why);
        prop_free(&prop);
        return;
    }
    prop.line = line;
    if (strcmp(prop.name, "VERSION") == 0) {
        set_version(c, prop.value, line);
        prop_free(&prop);
        return;
    }
    c->props = xrealloc(c->props, sizeof *c->props * (c->nprops + 1));
    c->props[c->nprops++] = prop;
}

/* Card boundaries: BEGIN:VCARD ... END:VCARD; anything else outside a card is one error
 * entry per run of such lines. */
static void parse_cards(struct parser *p)
{
    struct strbuf line = STRBUF_INIT;
    struct vcard_file *f = p->out;
    long cur = -1, stray = -1;
    int lineno = 0;
    for (;;) {
        size_t start = p->pos;
        bool legacy = cur >= 0 && strcmp(f->cards[cur].version, "2.1") == 0;
        if (!next_logical(p, legacy, &line, &lineno)) break;
        const char *s = sb_str(&line);
        if (strlen(s) != line.len) {
            if (cur >= 0) card_fail(&f->cards[cur], lineno, xstrdup(_("a NUL byte in the line")));
            continue;
        }
        if (is_blank(s)) continue;
        if (is_marker(s, "BEGIN:VCARD")) {
            if (cur >= 0) {
                card_fail(&f->cards[cur], lineno, xstrdup(_("BEGIN:VCARD before END:VCARD")));
                f->cards[cur].end = start;
                finish_card(p, &f->cards[cur]);
            }
            cur = (long)new_card(p, lineno, start, "");
            stray = -1;
        } else if (cur < 0) {
            if (stray < 0) {
                stray = (long)new_card(p, lineno, start, NULL);
                f->cards[stray].error = xstrdup(_("text outside BEGIN:VCARD ... END:VCARD"));
                f->cards[stray].error_line = lineno;
            }
            f->cards[stray].end = p->pos;
        } else if (is_marker(s, "END:VCARD")) {
            f->cards[cur].end = p->pos;
            finish_card(p, &f->cards[cur]);
            cur = -1;
        } else if (!f->cards[cur].error) {
            add_property(&f->cards[cur], s, lineno);
        }
    }
    if (cur >= 0) {
        card_fail(&f->cards[cur], lineno, xstrdup(_("no END:VCARD at the end of the file")));
        f->cards[cur].end = p->len;
        finish_card(p, &f->cards[cur]);
    }
    for (size_t i = 0; i < f->n; i++)
        if (f->cards[i].version && !*f->cards[i].version)
            set_text(&f->cards[i].version, xstrdup("3.0"));
    sb_free(&line);
}

/* The whole input as UTF-8 when it is UTF-16 (a byte-order mark, --encoding utf-16, or
 * ASCII text with every other byte NUL), else a copy without any UTF-8 byte-order mark. */
static int read_text(struct parser *p, const char *buf, size_t len, const char **charset,
                     char **err)
{
    const unsigned char *u = (const unsigned char *)buf;
    bool le = len >= 2 && u[0] == 0xFF && u[1] == 0xFE,
         be = len >= 2 && u[0] == 0xFE && u[1] == 0xFF;
    size_t skip = le || be ? 2 : 0;
    /* No mark and no --encoding: "B\0E\0" (or "\0B\0E") is UTF-16 all the same. */
    bool sniff_le = !*charset && !skip && len >= 4 && u[0] && !u[1] && u[2] && !u[3],
         sniff_be = !*charset && !skip && len >= 4 && !u[0] && u[1] && !u[2] && u[3];
    struct vcard_file *f = p->out;
    if (le || be || sniff_le || sniff_be || (*charset && starts_with_ci(*charset, "UTF-16"))) {
        const char *from = le || sniff_le                        ? "UTF-16LE"
                           : be || sniff_be                      ? "UTF-16BE"
                           : strcasecmp(*charset, "UTF-16") == 0 ? "UTF-16LE"
                                                                 : *charset;
        if (convert(&p->cv, from, buf + skip, len - skip, &f->text, &f->len) != CONVERT_OK) {
            *err = xstrdup(_("the file is not valid UTF-16"));
            return -1;
        }
        *charset = "UTF-8";
        return 0;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        buf += 3, len -= 3;
        if (!*charset) *charset = "UTF-8";
    }
    f->text = xmalloc(len + 1);
    memcpy(f->text, buf, len);
    f->text[len] = '\0';
    f->len = len;
    return 0;
}

int vcard_parse(const char *buf, size_t len, const char *charset, struct vcard_file *out,
                char **err)
{
    memset(out, 0, sizeof *out);
    struct parser p = {0};
    p.out = out;
    const char *cs = charset && *charset && strcasecmp(charset, "auto") != 0 ? charset : NULL;
    if (cs && !charset_name_ok(cs)) {
        *err = xstrdup(_("unknown encoding"));
        return -1;
    }
    if (read_text(&p, buf, len, &cs, err) != 0) {
        converter_close(&p.cv);
        return -1;
    }
    if (cs && !is_utf8_name(cs)) {
        char *probe;
        size_t n;
        if (convert(&p.cv, cs, "", 0, &probe, &n) != CONVERT_OK) {
            *err = xasprintf(_("unknown encoding \"%s\""), cs);
            converter_close(&p.cv);
            vcard_file_free(out);
            return -1;
        }
        free(probe);
    }
    p.text = out->text;
    p.len = out->len;
    p.charset = cs;
    parse_cards(&p);
    converter_close(&p.cv);
    return 0;
}

void vcard_file_free(struct vcard_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        struct vcard *c = &f->cards[i];
        for (size_t j = 0; j < c->nprops; j++)
            prop_free(&c->props[j]);
        free(c->props);
        free(c->version);
        free(c->error);
    }
    free(f->cards);
    free(f->text);
    memset(f, 0, sizeof *f);
}

/* ---- Contacts ---- */

void vcard_contact_init(struct vcard_contact *c)
{
    memset(c, 0, sizeof *c);
    char **texts[] = {&c->title,    &c->given,    &c->family,  &c->full_name, &c->nickname,
                      &c->gender,   &c->position, &c->line_id, &c->facebook,  &c->subdistrict,
                      &c->district, &c->province, &c->street,  &c->postcode,  &c->birthday,
                      &c->uid,      &c->rev,      &c->notes};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        *texts[i] = xstrdup("");
}

void vcard_contact_free(struct vcard_contact *c)
{
    char *texts[] = {c->title,    c->given,    c->family,  c->full_name, c->nickname,
                     c->gender,   c->position, c->line_id, c->facebook,  c->subdistrict,
                     c->district, c->province, c->street,  c->postcode,  c->birthday,
                     c->uid,      c->rev,      c->notes};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        free(texts[i]);
    vlist_free(&c->phones);
    vlist_free(&c->emails);
    vlist_free(&c->orgs);
    vlist_free(&c->tags);
    vlist_free(&c->dropped);
    memset(c, 0, sizeof *c);
}

/* The items of a list value (3.0 and 4.0 separate them by unescaped commas; 2.1 has no
 * lists) trimmed and joined by glue. */
static char *joined_items(const char *raw, bool legacy, const char *glue)
{
    char **items;
    size_t m = vcard_split(raw, legacy ? 0 : ',', legacy, &items);
    struct strbuf sb = STRBUF_INIT;
    for (size_t j = 0; j < m; j++) {
        char *item = trim_copy(items[j], strlen(items[j]));
        if (*item) sb_addf(&sb, "%s%s", sb.len ? glue : "", item);
        free(item);
    }
    strings_free(items, m);
    return sb_take(&sb);
}

/* Component i of a structured value (N, ADR, ORG), its list items joined by glue (given
 * names "Mary,Ann"; an unescaped comma in an ORG comes back as ", "). "" when absent. */
static char *component(const struct vcard_prop *p, size_t i, bool legacy, const char *glue)
{
    char **parts;
    size_t n = split_raw(p->value, ';', &parts);
    char *out = i < n ? joined_items(parts[i], legacy, glue) : xstrdup("");
    strings_free(parts, n);
    return out;
}

/* The whole value unescaped and trimmed (FN, TITLE, NOTE, X-LINE). */
static char *text_value(const struct vcard_prop *p, bool legacy)
{
    char *v = unescape(p->value, legacy);
    char *t = trim_copy(v, strlen(v));
    free(v);
    return t;
}

static void set_once(char **field, char *value)
{
    if (**field || !*value)
        free(value);
    else
        set_text(field, value);
}

/* Google puts everyone in its group "myContacts": not a tag anyone gave. */
static bool is_system_group(const char *item)
{
    return strcasecmp(item, "myContacts") == 0 || strcasecmp(item, "* myContacts") == 0;
}

static void read_list(struct vcard_list *l, const struct vcard_prop *p, bool legacy)
{
    char **items;
    size_t n = vcard_split(p->value, legacy ? 0 : ',', legacy, &items);
    for (size_t i = 0; i < n; i++) {
        char *item = trim_copy(items[i], strlen(items[i]));
        if (*item && !is_system_group(item) && !list_has(l, item)) vcard_list_add(l, item);
        free(item);
    }
    strings_free(items, n);
}

/* A TEL as written: a tel: URI loses its scheme and URI parameters (;ext=...). */
static void read_phone(struct vcard_contact *c, const struct vcard_prop *p)
{
    const char *v = p->value;
    while (is_space(*v))
        v++;
    const char *kind = vcard_param(p, "VALUE");
    bool uri = starts_with_ci(v, "tel:") || (kind && strcasecmp(kind, "uri") == 0);
    if (starts_with_ci(v, "tel:")) v += 4;
    char *phone = uri ? trim_copy(v, strcspn(v, ";")) : unescape(v, false);
    set_text(&phone, trim_copy(phone, strlen(phone)));
    if (*phone && !list_has(&c->phones, phone)) vcard_list_add(&c->phones, phone);
    free(phone);
}

static void read_gender(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    char *sex = component(p, 0, legacy, " ");
    const char *key = "";
    if (strcasecmp(sex, "F") == 0 || strcasecmp(sex, "female") == 0 || strcmp(sex, "หญิง") == 0)
        key = "female";
    else if (strcasecmp(sex, "M") == 0 || strcasecmp(sex, "male") == 0 || strcmp(sex, "ชาย") == 0)
        key = "male";
    else if (strcasecmp(sex, "O") == 0 || strcasecmp(sex, "other") == 0)
        key = "other";
    set_once(&c->gender, xstrdup(key));
    free(sex);
}

static void drop(struct vcard_contact *c, const char *name)
{
    if (!list_has(&c->dropped, name)) vcard_list_add(&c->dropped, name);
}

/* The first address with something in it: its street, extended address (the subdistrict),
 * locality (the district), region (the province) and postal code. Later ones are dropped. */
static void read_address(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    if (*c->subdistrict || *c->district || *c->province || *c->street || *c->postcode) {
        drop(c, p->name);
        return;
    }
    set_text(&c->subdistrict, component(p, 1, legacy, ", "));
    set_text(&c->street, component(p, 2, legacy, ", "));
    set_text(&c->district, component(p, 3, legacy, ", "));
    set_text(&c->province, component(p, 4, legacy, ", "));
    set_text(&c->postcode, component(p, 5, legacy, ", "));
}

static void read_name(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    if (*c->given || *c->family || *c->title) return;
    set_text(&c->family, component(p, 0, legacy, " "));
    set_text(&c->given, component(p, 1, legacy, " "));
    set_text(&c->title, component(p, 3, legacy, " "));
}

static void read_note(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    char *note = text_value(p, legacy);
    if (*note) set_text(&c->notes, *c->notes ? xasprintf("%s\n%s", c->notes, note) : xstrdup(note));
    free(note);
}

/* An account's name in a URI: after "~" in a LINE link (https://line.me/ti/p/~somchai), else
 * after the last "/" of a web address, else after the scheme (line:somchai, x-apple:somchai,
 * xmpp:...). */
static char *account_of(const char *uri)
{
    while (is_space(*uri))
        uri++;
    const char *tilde = strstr(uri, "/~");
    const char *id = uri;
    if (tilde)
        id = tilde + 2;
    else if (starts_with_ci(uri, "http://") || starts_with_ci(uri, "https://")) {
        const char *path = strchr(strstr(uri, "//") + 2, '/');
        id = path ? path + 1 : "";
        const char *last;
        while ((last = strchr(id, '/')) && last[1])
            id = last + 1;
    } else if (strchr(uri, ':'))
        id = strchr(uri, ':') + 1;
    while (*id == '/')
        id++;
    return trim_copy(id, strcspn(id, "/?#"));
}

static bool is_service(const struct vcard_prop *p, const char *service)
{
    const char *kind = vcard_param(p, "X-SERVICE-TYPE");
    return (kind && strcasecmp(kind, service) == 0) || vcard_has_type(p, service);
}

/* IMPP;X-SERVICE-TYPE=Line:x-apple:somchai (iPhone), IMPP:line:somchai (khai, Android). */
static void read_impp(struct vcard_contact *c, const struct vcard_prop *p)
{
    if (!starts_with_ci(p->value, "line:") && !is_service(p, "line")) {
        drop(c, p->name);
        return;
    }
    set_once(&c->line_id, account_of(p->value));
}

/* Google writes a web address's colon escaped (https\://...), which no vCard version asks. */
static char *url_value(const struct vcard_prop *p, bool legacy)
{
    char *url = text_value(p, legacy);
    char *colon = strstr(url, "\\:");
    if (colon) memmove(colon, colon + 1, strlen(colon));
    return url;
}

/* X-SOCIALPROFILE;TYPE=facebook;X-USER=somchai.j:http://www.facebook.com/somchai.j keeps the
 * address; TYPE=line the account (X-USER when given). */
static void read_social(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    const char *user = vcard_param(p, "X-USER");
    if (vcard_has_type(p, "facebook")) {
        char *v = url_value(p, legacy);
        if (starts_with_ci(v, "x-apple:") && user) set_text(&v, xstrdup(user));
        set_once(&c->facebook, v);
    } else if (vcard_has_type(p, "line")) {
        set_once(&c->line_id, user && *user ? xstrdup(user) : account_of(p->value));
    } else {
        drop(c, p->name);
    }
}

static void read_url(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    char *url = url_value(p, legacy);
    if (strstr(url, "facebook.com/") || strstr(url, "fb.com/"))
        set_once(&c->facebook, url);
    else {
        drop(c, p->name);
        free(url);
    }
}

/* BDAY as an ISO date: 1985-03-15, 19850315, 1985-03-15T00:00:00Z; a date without its year
 * (--0315, --03-15, or Apple's 1604-03-15 with X-APPLE-OMIT-YEAR=1604) as "--03-15".
 * Anything else is kept as written, for the import to read or report. */
static void read_birthday(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    char *v = text_value(p, legacy);
    char digits[16];
    size_t n = 0;
    const char *at = v;
    bool yearless = strncmp(v, "--", 2) == 0;
    if (yearless) at += 2;
    for (; *at && *at != 'T' && n < sizeof digits - 1; at++)
        if (*at >= '0' && *at <= '9')
            digits[n++] = *at;
        else if (*at != '-')
            break;
    digits[n] = '\0';
    const char *omit = vcard_param(p, "X-APPLE-OMIT-YEAR");
    bool whole = (*at == '\0' || *at == 'T');
    if (whole && yearless && n == 4)
        set_text(&v, xasprintf("--%.2s-%.2s", digits, digits + 2));
    else if (whole && n == 8 && omit && strncmp(omit, digits, 4) == 0)
        set_text(&v, xasprintf("--%.2s-%.2s", digits + 4, digits + 6));
    else if (whole && n == 8)
        set_text(&v, xasprintf("%.4s-%.2s-%.2s", digits, digits + 4, digits + 6));
    set_once(&c->birthday, v);
}

/* What a card says about itself or the file, used or not needed: never reported. */
static bool is_structural(const char *n)
{
    return strcmp(n, "VERSION") == 0 || strcmp(n, "PRODID") == 0 || strcmp(n, "REV") == 0 ||
           strcmp(n, "BEGIN") == 0 || strcmp(n, "END") == 0;
}

static void read_prop(struct vcard_contact *c, const struct vcard_prop *p, bool legacy)
{
    const char *n = p->name;
    if (strcmp(n, "N") == 0)
        read_name(c, p, legacy);
    else if (strcmp(n, "FN") == 0)
        set_once(&c->full_name, text_value(p, legacy));
    else if (strcmp(n, "NICKNAME") == 0)
        set_once(&c->nickname, joined_items(p->value, legacy, ", "));
    else if (strcmp(n, "GENDER") == 0 || strcmp(n, "X-GENDER") == 0)
        read_gender(c, p, legacy);
    else if (strcmp(n, "ORG") == 0) {
        char *org = component(p, 0, legacy, ", ");
        if (*org && !list_has(&c->orgs, org)) vcard_list_add(&c->orgs, org);
        free(org);
    } else if (strcmp(n, "TITLE") == 0)
        set_once(&c->position, text_value(p, legacy));
    else if (strcmp(n, "TEL") == 0)
        read_phone(c, p);
    else if (strcmp(n, "EMAIL") == 0) {
        char *email = text_value(p, legacy);
        if (*email && !list_has(&c->emails, email)) vcard_list_add(&c->emails, email);
        free(email);
    } else if (strcmp(n, "X-LINE") == 0 || strcmp(n, "X-LINE-ID") == 0)
        set_once(&c->line_id, text_value(p, legacy));
    else if (strcmp(n, "IMPP") == 0)
        read_impp(c, p);
    else if (strcmp(n, "X-SOCIALPROFILE") == 0)
        read_social(c, p, legacy);
    else if (strcmp(n, "URL") == 0)
        read_url(c, p, legacy);
    else if (strcmp(n, "ADR") == 0)
        read_address(c, p, legacy);
    else if (strcmp(n, "NOTE") == 0)
        read_note(c, p, legacy);
    else if (strcmp(n, "CATEGORIES") == 0)
        read_list(&c->tags, p, legacy);
    else if (strcmp(n, "BDAY") == 0)
        read_birthday(c, p, legacy);
    else if (strcmp(n, "UID") == 0)
        set_once(&c->uid, text_value(p, legacy));
    else if (!is_structural(n))
        drop(c, n);
}

int vcard_contact_read(const struct vcard *card, struct vcard_contact *c, char **err, int *line)
{
    vcard_contact_init(c);
    bool legacy = card->version && strcmp(card->version, "2.1") == 0;
    for (size_t i = 0; i < card->nprops; i++)
        if (!is_binary(&card->props[i])) /* photos and keys: not text */
            read_prop(c, &card->props[i], legacy);
        else
            drop(c, card->props[i].name);
    if (!*c->given && !*c->family && !*c->full_name) {
        *err = xstrdup(_("no name: the card has no N or FN"));
        *line = card->line;
        vcard_contact_free(c);
        return -1;
    }
    return 0;
}

/* ---- The writer ---- */

static void add_text_prop(struct strbuf *out, const char *head, const char *value)
{
    if (!*value) return;
    struct strbuf line = STRBUF_INIT;
    sb_add(&line, head);
    ical_escape_text(&line, value);
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

static void write_name(struct strbuf *out, const struct vcard_contact *c)
{
    struct strbuf line = STRBUF_INIT;
    sb_add(&line, "N:");
    ical_escape_text(&line, c->family);
    sb_addc(&line, ';');
    ical_escape_text(&line, c->given);
    sb_add(&line, ";;");
    ical_escape_text(&line, c->title);
    sb_addc(&line, ';');
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
    if (*c->full_name) {
        add_text_prop(out, "FN:", c->full_name);
        return;
    }
    char *fn = xasprintf("%s%s%s%s", c->title, c->given, *c->family ? " " : "", c->family);
    add_text_prop(out, "FN:", fn);
    free(fn);
}

/* 3.0: grouped national digits as khai shows them; 4.0: a tel: URI in E.164. A number that
 * is not Thai is written as it was. */
static void write_phone(struct strbuf *out, const char *phone, enum vcard_version v)
{
    char digits[32], grouped[32];
    enum phone_kind kind = phone_normalize(phone, digits, sizeof digits);
    struct strbuf line = STRBUF_INIT;
    if (kind == PHONE_INVALID) {
        sb_add(&line, v == VCARD_40 ? "TEL;VALUE=text:" : "TEL:");
        ical_escape_text(&line, phone);
    } else if (v == VCARD_40) {
        sb_addf(&line, "TEL;VALUE=uri;TYPE=%s:tel:+66%s", kind == PHONE_MOBILE ? "cell" : "voice",
                digits + 1);
    } else {
        phone_format(digits, grouped, sizeof grouped);
        sb_addf(&line, "TEL;TYPE=%s:%s", kind == PHONE_MOBILE ? "CELL" : "VOICE", grouped);
    }
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

/* IMPP takes a URI: only an ID made of URI-safe characters goes there (X-LINE has all). */
static bool uri_safe(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("-._~@", *s)))
            return false;
    return true;
}

static void write_address(struct strbuf *out, const struct vcard_contact *c)
{
    if (!*c->subdistrict && !*c->district && !*c->province && !*c->street && !*c->postcode) return;
    struct strbuf line = STRBUF_INIT;
    sb_add(&line, "ADR:;");
    ical_escape_text(&line, c->subdistrict);
    sb_addc(&line, ';');
    ical_escape_text(&line, c->street);
    sb_addc(&line, ';');
    ical_escape_text(&line, c->district);
    sb_addc(&line, ';');
    ical_escape_text(&line, c->province);
    sb_addc(&line, ';');
    ical_escape_text(&line, c->postcode);
    sb_addc(&line, ';');
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

static void write_categories(struct strbuf *out, const struct vcard_list *tags)
{
    if (!tags->n) return;
    struct strbuf line = STRBUF_INIT;
    sb_add(&line, "CATEGORIES:");
    for (size_t i = 0; i < tags->n; i++) {
        if (i) sb_addc(&line, ',');
        ical_escape_text(&line, tags->items[i]);
    }
    ical_add_line(out, sb_str(&line));
    sb_free(&line);
}

static void write_gender(struct strbuf *out, const char *gender)
{
    if (strcmp(gender, "female") == 0)
        ical_add_line(out, "GENDER:F");
    else if (strcmp(gender, "male") == 0)
        ical_add_line(out, "GENDER:M");
    else if (strcmp(gender, "other") == 0)
        ical_add_line(out, "GENDER:O");
}

/* 3.0 writes a date 1985-03-15, 4.0 19850315; a date without its year is not written. */
static void write_birthday(struct strbuf *out, const char *iso, enum vcard_version v)
{
    if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') return;
    char *line = v == VCARD_40 ? xasprintf("BDAY:%.4s%.2s%.2s", iso, iso + 5, iso + 8)
                               : xasprintf("BDAY:%s", iso);
    ical_add_line(out, line);
    free(line);
}

void vcard_write(struct strbuf *out, const struct vcard_contact *c, enum vcard_version v)
{
    ical_add_line(out, "BEGIN:VCARD");
    ical_add_line(out, v == VCARD_40 ? "VERSION:4.0" : "VERSION:3.0");
    write_name(out, c);
    add_text_prop(out, "NICKNAME:", c->nickname);
    if (v == VCARD_40) write_gender(out, c->gender);
    for (size_t i = 0; i < c->orgs.n; i++)
        add_text_prop(out, "ORG:", c->orgs.items[i]);
    add_text_prop(out, "TITLE:", c->position);
    for (size_t i = 0; i < c->phones.n; i++)
        write_phone(out, c->phones.items[i], v);
    for (size_t i = 0; i < c->emails.n; i++)
        add_text_prop(out, v == VCARD_40 ? "EMAIL:" : "EMAIL;TYPE=INTERNET:", c->emails.items[i]);
    add_text_prop(out, "X-LINE:", c->line_id);
    if (*c->line_id && uri_safe(c->line_id)) {
        char *impp = xasprintf("IMPP:line:%s", c->line_id);
        ical_add_line(out, impp);
        free(impp);
    }
    add_text_prop(out, "X-SOCIALPROFILE;TYPE=facebook:", c->facebook);
    write_address(out, c);
    write_birthday(out, c->birthday, v);
    add_text_prop(out, "NOTE:", c->notes);
    write_categories(out, &c->tags);
    add_text_prop(out, "UID:", c->uid);
    add_text_prop(out, "REV:", c->rev);
    ical_add_line(out, "END:VCARD");
}

/* ---- Export of members ---- */

/* Items of a field joined by LIST_SEPARATOR. */
static void add_joined(struct vcard_list *l, const char *joined)
{
    size_t sep = strlen(LIST_SEPARATOR);
    while (*joined) {
        const char *end = strstr(joined, LIST_SEPARATOR);
        size_t n = end ? (size_t)(end - joined) : strlen(joined);
        char *item = trim_copy(joined, n);
        if (*item) vcard_list_add(l, item);
        free(item);
        joined += n + (end ? sep : 0);
    }
}

/* Items joined by LIST_SEPARATOR, as list fields are set. */
static char *joined(const struct vcard_list *l)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < l->n; i++)
        sb_addf(&sb, "%s%s", i ? LIST_SEPARATOR : "", l->items[i]);
    return sb_take(&sb);
}

static void contact_from_member(const struct db_identity *d, const struct record *r,
                                struct vcard_contact *c)
{
    vcard_contact_init(c);
    char uid[UID_SIZE], rev[17];
    record_uid(d, KIND_MEMBER, r->id, uid);
    set_text(&c->uid, xasprintf("urn:uuid:%s", uid));
    if (r->updated_at && ical_utc_stamp(r->updated_at, rev)) set_text(&c->rev, xstrdup(rev));
    set_text(&c->street, xstrdup(record_get(r, F_MEMBER_STREET)));
    set_text(&c->postcode, xstrdup(record_get(r, F_MEMBER_POSTCODE)));
    set_text(&c->birthday, xstrdup(record_get(r, F_MEMBER_BIRTHDAY)));
    set_text(&c->title, xstrdup(record_get(r, F_MEMBER_TITLE)));
    set_text(&c->given, xstrdup(record_get(r, F_MEMBER_GIVEN_NAME)));
    set_text(&c->family, xstrdup(record_get(r, F_MEMBER_FAMILY_NAME)));
    set_text(&c->full_name, record_display_name(r));
    set_text(&c->nickname, xstrdup(record_get(r, F_MEMBER_NICKNAME)));
    set_text(&c->gender, xstrdup(record_get(r, F_MEMBER_GENDER)));
    set_text(&c->position, xstrdup(record_get(r, F_MEMBER_POSITION)));
    set_text(&c->line_id, xstrdup(record_get(r, F_MEMBER_LINE_ID)));
    set_text(&c->facebook, xstrdup(record_get(r, F_MEMBER_FACEBOOK)));
    set_text(&c->subdistrict, xstrdup(record_get(r, F_MEMBER_SUBDISTRICT)));
    set_text(&c->district, xstrdup(record_get(r, F_MEMBER_DISTRICT)));
    set_text(&c->province, xstrdup(record_get(r, F_MEMBER_PROVINCE)));
    set_text(&c->notes, xstrdup(record_get(r, F_MEMBER_NOTES)));
    add_joined(&c->phones, record_get(r, F_MEMBER_PHONE));
    add_joined(&c->orgs, record_get(r, F_MEMBER_ORGANISATIONS));
    add_joined(&c->tags, record_get(r, F_MEMBER_TAGS));
    if (*record_get(r, F_MEMBER_EMAIL)) vcard_list_add(&c->emails, record_get(r, F_MEMBER_EMAIL));
}

struct vcard_export {
    FILE *out;
    enum vcard_version version;
    struct db_identity identity;
};

static int export_member(const struct record *r, void *ctx)
{
    struct vcard_export *x = ctx;
    struct vcard_contact c;
    contact_from_member(&x->identity, r, &c);
    struct strbuf sb = STRBUF_INIT;
    vcard_write(&sb, &c, x->version);
    vcard_contact_free(&c);
    bool ok = fwrite(sb_str(&sb), 1, sb.len, x->out) == sb.len;
    sb_free(&sb);
    return ok ? 0 : 1;
}

/* Always UTF-8: vCard 3.0 and 4.0 know no other charset, so opt->encoding is not used. */
int export_vcard(struct db *db, FILE *out, const struct export_options *opt, char **err)
{
    const char *version = opt && opt->vcard_version ? opt->vcard_version : "3.0";
    struct vcard_export x = {out, VCARD_30, {{0}}};
    if (strcmp(version, "4.0") == 0 || strcmp(version, "4") == 0)
        x.version = VCARD_40;
    else if (strcmp(version, "3.0") != 0 && strcmp(version, "3") != 0) {
        *err = xasprintf(_("vCard version \"%s\": khai writes 3.0 or 4.0"), version);
        return -1;
    }
    if (db_identity_read(db, &x.identity, err) != 0) return -1;
    struct list_query q = {.kind = KIND_MEMBER, .search = opt ? opt->search : NULL};
    char *lerr = NULL;
    int rc = list_each(db, &q, export_member, &x, &lerr);
    if (rc == 0 && fflush(out) != 0) rc = 1;
    if (rc < 0) {
        *err = lerr ? lerr : xstrdup(_("cannot list the members"));
        return -1;
    }
    free(lerr);
    if (rc > 0) {
        *err = xasprintf(_("cannot write the vCards: %s"), strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- Import of members ---- */

struct vcard_import {
    struct db *db;
    const char *path;
    const struct import_options *opt;
    struct import_report *rep;
    long long *added; /* ids this import created: a later card matching one is merged */
    size_t nadded;
    struct vcard_list notes; /* what a card's import left out, reported when it is written */
    long orgs_created;       /* by the card being imported */
    struct strbuf rejects;
    struct db_identity identity;
    struct vcard_list dropped; /* names of the properties left out, and in how many cards */
    long *dropped_cards;
};

enum outcome { ADDED, UPDATED, MERGED };

static void note(struct vcard_import *x, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Something a card's import left out or did, reported only when the card is written. */
static void note(struct vcard_import *x, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    char *full = xasprintf("%s:%d: %s", x->path, line, msg);
    vcard_list_add(&x->notes, full);
    free(full);
    free(msg);
}

static void reject(struct vcard_import *x, const struct vcard_file *f, const struct vcard *c,
                   int line, const char *why)
{
    import_report_add(x->rep, "%s:%d: %s", x->path, line, why);
    x->rep->rejected++;
    if (c->version) /* a card, not stray text: it goes to the rejects file to be fixed */
        sb_addn(&x->rejects, f->text + c->begin, c->end - c->begin);
}

/* The line of the first property called name whose value holds value. */
static int value_line(const struct vcard *card, const char *name, const char *value)
{
    for (size_t i = 0; i < card->nprops; i++)
        if (strcmp(card->props[i].name, name) == 0 && strstr(card->props[i].value, value))
            return card->props[i].line;
    return vcard_prop_line(card, name);
}

/* An iPhone keeps the honorific only in FN (FN:นางสาวจิราพร คงทอง, N:คงทอง;จิราพร;;;): the
 * title FN starts with is taken when N has none and FN's names are N's. */
static void title_from_fn(struct record *r, const struct vcard_contact *c)
{
    if (*record_get(r, F_MEMBER_TITLE) || !*c->full_name) return;
    struct person_name pn = {NULL, NULL, NULL};
    if (name_split(c->full_name, &pn) == 0 && pn.title) {
        char *given = text_normalize(record_get(r, F_MEMBER_GIVEN_NAME), 0);
        if (pn.given && strcmp(pn.given, given) == 0) record_set(r, F_MEMBER_TITLE, pn.title);
        free(given);
    }
    person_name_free(&pn);
}

/* N wins when it has a given name; a title glued to it (N:;นางสาวจิราพร;;;) or a whole name
 * in it (N:;สมชาย ใจดี;;;) is split as an FN would be. An FN alone is split by the
 * honorific rules. */
static int set_names(struct record *r, const struct vcard_contact *c, char **err)
{
    if (!*c->given) {
        if (*c->full_name) return record_set_full_name(r, c->full_name, err);
        *err = xstrdup(_("N has no given name and there is no FN"));
        return -1;
    }
    struct person_name pn = {NULL, NULL, NULL};
    bool split = !*c->title && name_split(c->given, &pn) == 0;
    record_set(r, F_MEMBER_TITLE, split && pn.title ? pn.title : c->title);
    if (split && !*c->family) {
        record_set(r, F_MEMBER_GIVEN_NAME, pn.given);
        record_set(r, F_MEMBER_FAMILY_NAME, pn.family);
    } else if (split && pn.title) { /* the title off, the rest of the given names kept */
        char *given =
            xasprintf("%s%s%s", pn.given, pn.family ? " " : "", pn.family ? pn.family : "");
        record_set(r, F_MEMBER_GIVEN_NAME, given);
        record_set(r, F_MEMBER_FAMILY_NAME, c->family);
        free(given);
    } else {
        record_set(r, F_MEMBER_GIVEN_NAME, c->given);
        record_set(r, F_MEMBER_FAMILY_NAME, c->family);
    }
    person_name_free(&pn);
    title_from_fn(r, c);
    return 0;
}

static void set_if(struct record *r, enum field_id field, const char *value)
{
    if (*value) record_set(r, field, value);
}

/* Thai numbers only: khai cannot keep another country's, so those are left out, noted. */
static void set_phones(struct vcard_import *x, const struct vcard *card, struct record *r,
                       const struct vcard_contact *c)
{
    struct vcard_list numbers = {NULL, 0};
    for (size_t i = 0; i < c->phones.n; i++) {
        char digits[32];
        if (phone_normalize(c->phones.items[i], digits, sizeof digits) == PHONE_INVALID) {
            note(x, value_line(card, "TEL", c->phones.items[i]),
                 _("phone \"%s\" is not a Thai number: left out"), c->phones.items[i]);
            continue;
        }
        if (!list_has(&numbers, digits)) vcard_list_add(&numbers, digits);
    }
    char *all = joined(&numbers);
    set_if(r, F_MEMBER_PHONE, all);
    free(all);
    vlist_free(&numbers);
}

/* District and subdistrict as written (with or without อำเภอ/ตำบล, as khai keeps them); the
 * province only when it is a Thai one. */
static void set_place(struct vcard_import *x, const struct vcard *card, struct record *r,
                      const struct vcard_contact *c)
{
    set_if(r, F_MEMBER_DISTRICT, c->district);
    set_if(r, F_MEMBER_SUBDISTRICT, c->subdistrict);
    if (!*c->province) return;
    char *name = province_lookup(x->db, c->province);
    if (name)
        record_set(r, F_MEMBER_PROVINCE, name);
    else
        note(x, vcard_prop_line(card, "ADR"), _("province \"%s\" is not a Thai province: left out"),
             c->province);
    free(name);
}

/* A birthday khai can keep: a whole date (a year in the Buddhist Era is read as such). */
static void set_birthday(struct vcard_import *x, const struct vcard *card, struct record *r,
                         const struct vcard_contact *c)
{
    if (!*c->birthday) return;
    if (strncmp(c->birthday, "--", 2) == 0) {
        note(x, vcard_prop_line(card, "BDAY"), _("birthday %s has no year: left out"), c->birthday);
        return;
    }
    struct stored v = {0};
    char *err = NULL;
    if (field_store(x->db, KIND_MEMBER, field_pos(F_MEMBER_BIRTHDAY), c->birthday, &v, &err) == 0)
        record_set(r, F_MEMBER_BIRTHDAY, v.text ? v.text : "");
    else
        note(x, vcard_prop_line(card, "BDAY"), _("birthday \"%s\" is not a date: left out"),
             c->birthday);
    stored_free(&v);
    free(err);
}

/* The member record a contact describes (organisations are set by ensure_orgs). */
static int fill_member(struct vcard_import *x, const struct vcard *card, struct record *r,
                       const struct vcard_contact *c, char **err)
{
    if (set_names(r, c, err) != 0) return -1;
    set_if(r, F_MEMBER_NICKNAME, c->nickname);
    set_if(r, F_MEMBER_GENDER, c->gender);
    set_if(r, F_MEMBER_POSITION, c->position);
    set_if(r, F_MEMBER_LINE_ID, c->line_id);
    set_if(r, F_MEMBER_FACEBOOK, c->facebook);
    set_if(r, F_MEMBER_NOTES, c->notes);
    set_if(r, F_MEMBER_STREET, c->street);
    set_if(r, F_MEMBER_POSTCODE, c->postcode);
    set_birthday(x, card, r, c);
    set_phones(x, card, r, c);
    set_place(x, card, r, c);
    if (c->emails.n) record_set(r, F_MEMBER_EMAIL, c->emails.items[0]);
    for (size_t i = 1; i < c->emails.n; i++)
        note(x, value_line(card, "EMAIL", c->emails.items[i]),
             _("e-mail %s left out: khai keeps one"), c->emails.items[i]);
    char *tags = joined(&c->tags);
    set_if(r, F_MEMBER_TAGS, tags);
    free(tags);
    return 0;
}

struct org_match {
    const char *name; /* normalised */
    int count;
};

static int count_org(const struct record *o, void *ctx)
{
    struct org_match *m = ctx;
    if (strcmp(record_get(o, F_ORG_NAME), m->name) == 0 ||
        strcmp(record_get(o, F_ORG_SHORT_NAME), m->name) == 0)
        m->count++;
    return 0;
}

/* The id of the organisation called name, created when there is none. Returns 1 when it was
 * created, 0 when found, -1 with *err (several match, or it cannot be saved). */
static int org_id(struct vcard_import *x, const char *name, long long *id, char **err)
{
    char *ferr = NULL;
    if (model_find(x->db, FT_ORG, name, id, &ferr) == 0) return 0;
    char *norm = text_normalize(name, 0);
    struct org_match m = {norm, 0};
    struct list_query q = {.kind = KIND_ORG, .search = norm};
    int rc = list_each(x->db, &q, count_org, &m, err);
    if (rc == 0 && m.count > 0) { /* there is one, but model_find could not pick it */
        *err = ferr;
        ferr = NULL;
        rc = -1;
    } else if (rc == 0) {
        struct record *o = record_new(KIND_ORG);
        record_set(o, F_ORG_NAME, name);
        rc = record_save(x->db, o, err) == 0 ? 1 : -1;
        *id = o->id;
        record_free(&o);
    }
    free(ferr);
    free(norm);
    return rc;
}

/* Organisations are named by id (#12) so that a name holding a comma stays one name. */
static int ensure_orgs(struct vcard_import *x, const struct vcard *card, struct record *r,
                       const struct vcard_contact *c, char **err)
{
    struct strbuf ids = STRBUF_INIT;
    for (size_t i = 0; i < c->orgs.n; i++) {
        long long id;
        int rc = org_id(x, c->orgs.items[i], &id, err);
        if (rc < 0) {
            sb_free(&ids);
            return -1;
        }
        x->orgs_created += rc;
        if (rc == 1)
            note(x, value_line(card, "ORG", c->orgs.items[i]), _("created organisation \"%s\""),
                 c->orgs.items[i]);
        sb_addf(&ids, "%s#%lld", ids.len ? LIST_SEPARATOR : "", id);
    }
    set_if(r, F_MEMBER_ORGANISATIONS, sb_str(&ids));
    sb_free(&ids);
    return 0;
}

/* A list field of a stored member in the form an import sets it: phones as digits (they are
 * shown grouped), organisations as #ids (they are shown by name), tags as they are. */
static void stored_items(const struct record *old, enum field_id field, struct vcard_list *items)
{
    if (field == F_MEMBER_ORGANISATIONS) {
        const long long *ids;
        size_t n = record_refs(old, field, &ids);
        for (size_t i = 0; i < n; i++) {
            char id[32];
            snprintf(id, sizeof id, "#%lld", ids[i]);
            vcard_list_add(items, id);
        }
        return;
    }
    add_joined(items, record_get(old, field));
    for (size_t i = 0; i < items->n && field == F_MEMBER_PHONE; i++) {
        char digits[32];
        if (phone_normalize(items->items[i], digits, sizeof digits) != PHONE_INVALID)
            set_text(&items->items[i], xstrdup(digits));
    }
}

/* Adds the card's phones, organisations or tags to the member's. */
static bool merge_list(struct record *old, const struct record *fresh, enum field_id field)
{
    struct vcard_list items = {NULL, 0}, more = {NULL, 0};
    stored_items(old, field, &items);
    char *before = joined(&items);
    add_joined(&more, record_get(fresh, field));
    for (size_t i = 0; i < more.n; i++)
        if (!list_has(&items, more.items[i])) vcard_list_add(&items, more.items[i]);
    char *after = joined(&items);
    bool changed = strcmp(before, after) != 0;
    if (changed) record_set(old, field, after);
    free(before);
    free(after);
    vlist_free(&items);
    vlist_free(&more);
    return changed;
}

/* Replaces a one-value field, compared in stored form so that an unchanged card changes
 * nothing. */
static bool merge_text(struct record *old, enum field_id field, const char *value, int flags)
{
    char *norm = text_normalize(value, flags);
    bool changed = *norm && strcmp(norm, record_get(old, field)) != 0;
    if (changed) record_set(old, field, norm);
    free(norm);
    return changed;
}

/* Copies what the card says into the existing member: one-value fields are replaced,
 * phones, organisations and tags are added to. Returns whether anything changed. */
static bool merge_member(struct record *old, const struct record *fresh)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    bool changed = false;
    for (int i = 0; i < ki->nfields; i++) {
        const struct field *f = &ki->fields[i];
        if (!fresh->changed[i] || !*fresh->values[i]) continue;
        if (f->type == FT_PHONES || f->type == FT_ORGS || f->type == FT_TAGS)
            changed |= merge_list(old, fresh, field_id(KIND_MEMBER, i));
        else
            changed |= merge_text(old, field_id(KIND_MEMBER, i), fresh->values[i],
                                  f->type == FT_MULTILINE ? TEXT_KEEP_NEWLINES : 0);
    }
    return changed;
}

static bool was_added(const struct vcard_import *x, long long id)
{
    for (size_t i = 0; i < x->nadded; i++)
        if (x->added[i] == id) return true;
    return false;
}

/* The live member a card's UID names: one this database exported (its id is in the UID), or
 * one imported before with that UID. 1 and *id, 0 when none, -1 with *err. */
static int member_by_uid(struct vcard_import *x, const char *uid, long long *id, char **err)
{
    enum kind k;
    struct record *old = NULL;
    if (record_uid_parse(&x->identity, uid, &k, id)) {
        char *lerr = NULL;
        bool live = k == KIND_MEMBER && record_load(x->db, KIND_MEMBER, *id, &old, &lerr) == 0 &&
                    !old->deleted_at;
        record_free(&old);
        free(lerr);
        return live;
    }
    return member_uid_find(x->db, uid, id, err);
}

/* The member the rule of identity.h finds, unless the card's UID says it is someone else:
 * that member came with another UID. */
static int member_by_rule(struct vcard_import *x, struct record *r, const char *uid, int line,
                          long long *id, char **err)
{
    int found = member_find_duplicate(x->db, r, id, err);
    if (found <= 0 || !*uid) return found;
    int other = member_uid_conflicts(x->db, *id, uid, err);
    if (other < 0) return -1;
    if (other) {
        char *name = record_display_name(r);
        note(x, line, _("not member %lld %s, who came with another UID: added as someone else"),
             *id, name);
        free(name);
        return 0;
    }
    return found;
}

/* Adds the member, or updates the live member it is: the one its UID names, else the one the
 * rule of identity.h finds (the same phone, e-mail or LINE ID; a probable one with --merge
 * probable). A UID from another program is kept with the member. */
static int save_member(struct vcard_import *x, struct record *r, const char *uid, int line,
                       enum outcome *how, char **err)
{
    long long id;
    int found = *uid ? member_by_uid(x, uid, &id, err) : 0;
    if (found == 0) found = member_by_rule(x, r, uid, line, &id, err);
    if (found < 0) return -1;
    if (found == 2) {
        char *name = record_display_name(r);
        note(x, line, _("probably member %lld %s (same name, nothing that conflicts)%s"), id, name,
             x->opt->merge_probable ? _(": joined") : "");
        free(name);
        if (!x->opt->merge_probable) found = 0;
    }
    int rc = 0;
    if (found == 0) {
        if (record_save(x->db, r, err) != 0) return -1;
        x->added = xrealloc(x->added, sizeof *x->added * (x->nadded + 1));
        x->added[x->nadded++] = r->id;
        id = r->id;
        *how = ADDED;
    } else {
        struct record *old = NULL;
        if (record_load(x->db, KIND_MEMBER, id, &old, err) != 0) return -1;
        rc = merge_member(old, r) ? record_save(x->db, old, err) : 0;
        record_free(&old);
        *how = was_added(x, id) ? MERGED : UPDATED;
    }
    enum kind k;
    long long own;
    if (rc == 0 && *uid && !record_uid_parse(&x->identity, uid, &k, &own))
        rc = member_uid_keep(x->db, id, uid, err);
    return rc;
}

/* Which property a save error is about ("email: ..." -> EMAIL), for its line number. */
static int error_line(const struct vcard *card, const char *err)
{
    static const char *const map[][2] = {{"title", "N"},           {"given_name", "N"},
                                         {"family_name", "N"},     {"name", "FN"},
                                         {"nickname", "NICKNAME"}, {"gender", "GENDER"},
                                         {"phone", "TEL"},         {"email", "EMAIL"},
                                         {"line_id", "X-LINE"},    {"facebook", "X-SOCIALPROFILE"},
                                         {"province", "ADR"},      {"district", "ADR"},
                                         {"subdistrict", "ADR"},   {"position", "TITLE"},
                                         {"organisations", "ORG"}, {"organisation", "ORG"},
                                         {"tags", "CATEGORIES"},   {"notes", "NOTE"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        size_t n = strlen(map[i][0]);
        if (strncmp(err, map[i][0], n) == 0 && err[n] == ':')
            return vcard_prop_line(card, map[i][1]);
    }
    return card->line;
}

static void count(struct import_report *rep, enum outcome how)
{
    if (how == ADDED)
        rep->added++;
    else if (how == UPDATED)
        rep->updated++;
    else
        rep->merged++;
}

static void count_dropped(struct vcard_import *x, const struct vcard_contact *c)
{
    for (size_t i = 0; i < c->dropped.n; i++) {
        size_t at = 0;
        while (at < x->dropped.n && strcmp(x->dropped.items[at], c->dropped.items[i]) != 0)
            at++;
        if (at == x->dropped.n) {
            vcard_list_add(&x->dropped, c->dropped.items[i]);
            x->dropped_cards = xrealloc(x->dropped_cards, sizeof *x->dropped_cards * x->dropped.n);
            x->dropped_cards[at] = 0;
        }
        x->dropped_cards[at]++;
    }
}

/* One line naming every property left out and how many cards had it: "PHOTO (12)". */
static void report_dropped(struct vcard_import *x)
{
    if (!x->dropped.n) return;
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < x->dropped.n; i++)
        sb_addf(&sb, "%s%s (%ld)", i ? ", " : "", x->dropped.items[i], x->dropped_cards[i]);
    import_report_add(x->rep, _("%s: left out, not kept by khai (cards that had it): %s"), x->path,
                      sb_str(&sb));
    sb_free(&sb);
}

/* Writes one card as a member inside its own savepoint, so a bad card leaves nothing (not
 * even the organisations it created) behind. Returns 0, or 1 when the card was rejected. */
static int import_card(struct vcard_import *x, const struct vcard_file *f, const struct vcard *card)
{
    if (card->error) {
        reject(x, f, card, card->error_line, card->error);
        return 1;
    }
    struct vcard_contact c;
    char *err = NULL;
    int line = card->line;
    if (vcard_contact_read(card, &c, &err, &line) != 0) {
        reject(x, f, card, line, err);
        free(err);
        return 1;
    }
    count_dropped(x, &c);
    vlist_free(&x->notes);
    x->orgs_created = 0;
    struct record *r = record_new(KIND_MEMBER);
    enum outcome how = ADDED;
    int rc = fill_member(x, card, r, &c, &err);
    if (rc == 0 && (rc = db_begin(x->db, &err)) == 0) {
        rc = ensure_orgs(x, card, r, &c, &err);
        if (rc == 0) rc = save_member(x, r, c.uid, card->line, &how, &err);
        if (rc == 0)
            rc = db_commit(x->db, &err);
        else
            db_rollback(x->db);
    }
    if (rc == 0) {
        count(x->rep, how);
        x->rep->orgs_created += x->orgs_created;
        for (size_t i = 0; i < x->notes.n; i++)
            import_report_add(x->rep, "%s", x->notes.items[i]);
    } else {
        reject(x, f, card, error_line(card, err ? err : ""), err ? err : _("cannot be saved"));
    }
    free(err);
    record_free(&r);
    vcard_contact_free(&c);
    return rc == 0 ? 0 : 1;
}

/* "-" is standard input. */
static char *read_file(const char *path, size_t *len, char **err)
{
    bool std = strcmp(path, "-") == 0;
    FILE *in = std ? stdin : fopen(path, "rb");
    if (!in) {
        *err = xasprintf("%s: %s", path, strerror(errno));
        return NULL;
    }
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        sb_addn(&sb, chunk, n);
    bool bad = ferror(in);
    if (!std) fclose(in);
    if (bad) {
        *err = xasprintf(_("%s: cannot read the file"), path);
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb_take(&sb);
}

/* The rejected cards as they were written, to fix and import again. */
static int write_rejects(struct vcard_import *x, char **err)
{
    char *path = NULL, *why = NULL;
    char *base = xasprintf("%s.rejects", import_rejects_base(x->path));
    int fd = outfile_create_new(base, ".vcf", &path, &why);
    free(base);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool ok = out && fwrite(sb_str(&x->rejects), 1, x->rejects.len, out) == x->rejects.len;
    if (out && fclose(out) != 0) ok = false;
    if (!out && fd >= 0) close(fd);
    if (!ok) {
        *err = why ? why
                   : xasprintf(_("%s: cannot write the rejected cards: %s"), path, strerror(errno));
        if (path && !why) unlink(path);
        free(path);
        return -1;
    }
    x->rep->rejects_path = path;
    return 0;
}

static int import_cards(struct vcard_import *x, const struct vcard_file *f, char **err)
{
    for (size_t i = 0; i < f->n; i++)
        import_card(x, f, &f->cards[i]);
    report_dropped(x);
    if (x->rep->rejected && !x->opt->skip_bad) {
        *err = xasprintf(_("%s: %ld of %zu vCards are bad: nothing imported"), x->path,
                         x->rep->rejected, f->n);
        return -1;
    }
    if (x->rep->rejected && x->rejects.len && !x->opt->dry_run) return write_rejects(x, err);
    return 0;
}

int import_vcard(struct db *db, const char *path, const struct import_options *opt,
                 struct import_report *rep, char **err)
{
    static const struct import_options defaults = {NULL, false, false, false, false, NULL};
    size_t len = 0;
    char *buf = read_file(path, &len, err);
    if (!buf) return -1;
    struct vcard_file f;
    if (!opt) opt = &defaults;
    int rc = vcard_parse(buf, len, opt->encoding, &f, err);
    free(buf);
    if (rc != 0) {
        set_text(err, xasprintf("%s: %s", path, *err));
        return -1;
    }
    if (f.n == 0) {
        *err = xasprintf(_("%s: no vCards in the file"), path);
        vcard_file_free(&f);
        return -1;
    }
    struct vcard_import x = {db,        path, opt,         rep,   NULL,      0,
                             {NULL, 0}, 0,    STRBUF_INIT, {{0}}, {NULL, 0}, NULL};
    rc = db_identity_read(db, &x.identity, err);
    if (rc == 0) rc = db_begin(db, err);
    if (rc == 0) {
        rc = import_cards(&x, &f, err);
        if (rc == 0 && !opt->dry_run)
            rc = db_commit(db, err);
        else
            db_rollback(db); /* a dry run, or bad cards: nothing is written */
    }
    free(x.added);
    free(x.dropped_cards);
    vlist_free(&x.dropped);
    vlist_free(&x.notes);
    sb_free(&x.rejects);
    vcard_file_free(&f);
    return rc;
}
