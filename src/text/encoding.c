/* Reading and writing the encodings Thai offices use, through glibc iconv. Decoding never
 * guesses silently past a bad byte: it says where the file stopped making sense. */
#include "encoding.h"
#include "messages.h"
#include "utf8.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    enum text_encoding enc;
} names[] = {
    {"auto", ENC_AUTO},         {"utf8", ENC_UTF8},     {"utf8bom", ENC_UTF8_BOM},
    {"utf8sig", ENC_UTF8_BOM},  {"utf16", ENC_UTF16LE}, {"utf16le", ENC_UTF16LE},
    {"utf16be", ENC_UTF16BE},   {"cp874", ENC_CP874},   {"windows874", ENC_CP874},
    {"ibm874", ENC_CP874},      {"tis620", ENC_TIS620}, {"thai", ENC_CP874},
    {"xwindows874", ENC_CP874}, {"ms874", ENC_CP874},
};

/* iconv's names; CP874 is the superset Thai Windows writes. */
static const char *iconv_name(enum text_encoding e)
{
    switch (e) {
    case ENC_UTF16LE:
        return "UTF-16LE";
    case ENC_UTF16BE:
        return "UTF-16BE";
    case ENC_CP874:
        return "CP874";
    case ENC_TIS620:
        return "TIS-620";
    default:
        return "UTF-8";
    }
}

bool encoding_from_name(const char *name, enum text_encoding *out)
{
    char key[32];
    size_t n = 0;
    for (const char *p = name; *p && n + 1 < sizeof key; p++)
        if (*p != '-' && *p != '_' && *p != ' ') key[n++] = (char)tolower((unsigned char)*p);
    key[n] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(key, names[i].name) == 0) {
            *out = names[i].enc;
            return true;
        }
    }
    return false;
}

const char *encoding_iconv_name(const char *charset)
{
    enum text_encoding e;
    if (encoding_from_name(charset, &e) && e != ENC_AUTO && e != ENC_UTF8_BOM) return iconv_name(e);
    return charset;
}

const char *encoding_label(enum text_encoding e)
{
    switch (e) {
    case ENC_UTF8_BOM:
        return _("UTF-8 with BOM");
    case ENC_UTF16LE:
        return "UTF-16LE";
    case ENC_UTF16BE:
        return "UTF-16BE";
    case ENC_CP874:
        return "Windows-874";
    case ENC_TIS620:
        return "TIS-620";
    default:
        return "UTF-8";
    }
}

const char *encoding_bom(enum text_encoding e, size_t *n)
{
    switch (e) {
    case ENC_UTF8_BOM:
        *n = 3;
        return "\xEF\xBB\xBF";
    case ENC_UTF16LE:
        *n = 2;
        return "\xFF\xFE";
    case ENC_UTF16BE:
        *n = 2;
        return "\xFE\xFF";
    default:
        *n = 0;
        return "";
    }
}

/* Where a decoding stopped: the line counts the line breaks decoded before it. */
static char *failure(const char *what, const char *data, size_t at, const char *decoded,
                     size_t decoded_len)
{
    long line = 1;
    size_t line_start = 0; /* in the decoded text */
    for (size_t i = 0; i < decoded_len; i++) {
        if (decoded[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    size_t in_line = 1;
    for (size_t i = line_start; i < decoded_len; i++)
        in_line += ((unsigned char)decoded[i] & 0xC0) != 0x80;
    return xasprintf(_("%s: line %ld, character %zu of the line, byte %zu of the file (0x%02X)"),
                     what, line, in_line, at + 1, (unsigned char)data[at]);
}

/* Converts data[from..len) to UTF-8 with iconv. On failure *fail is the offset (in data) of
 * the first byte that is not valid in the encoding (len when the file ends in the middle of a
 * character), and out holds what came before it. */
static int iconv_decode(const char *data, size_t from, size_t len, enum text_encoding e,
                        struct strbuf *out, size_t *fail)
{
    iconv_t cd = iconv_open("UTF-8", iconv_name(e));
    if (cd == (iconv_t)-1) {
        *fail = from;
        return -1;
    }
    size_t cap = (len - from) * 3 + 16;
    char *buf = xmalloc(cap);
    char *in = (char *)data + from, *o = buf;
    size_t inleft = len - from, oleft = cap;
    size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
    bool truncated = rc == (size_t)-1 && errno == EINVAL;
    iconv_close(cd);
    sb_addn(out, buf, (size_t)(o - buf));
    free(buf);
    if (rc == (size_t)-1 || inleft) {
        *fail = truncated ? len : (size_t)(in - data);
        return -1;
    }
    return 0;
}

static bool has_multibyte(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return true;
    return false;
}

static int refuse_workbook(const char *data, size_t len, char **err)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        *err = xstrdup(_("this is a spreadsheet workbook (.xlsx or .ods), not CSV: in Excel "
                         "choose File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\""));
        return -1;
    }
    if (len >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0) {
        *err = xstrdup(_("this is an Excel 97-2003 workbook (.xls), not CSV: in Excel choose "
                         "File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\""));
        return -1;
    }
    return 0;
}

/* NUL bytes only occur in UTF-16 (in the high byte of ASCII characters): when they all fall
 * on one parity the file is UTF-16 without a byte-order mark. */
static enum text_encoding guess_utf16(const char *data, size_t len)
{
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\0') *(i % 2 ? &odd : &even) += 1;
    if (odd + even == 0) return ENC_AUTO;
    if (odd * 10 >= (odd + even) * 9) return ENC_UTF16LE;
    if (even * 10 >= (odd + even) * 9) return ENC_UTF16BE;
    return ENC_AUTO;
}

static int decode_utf8(const char *data, size_t from, size_t len, struct strbuf *out, char **err)
{
    size_t bad;
    if (!utf8_valid(data + from, len - from, &bad)) {
        *err = failure(_("not valid UTF-8"), data, from + bad, data + from, bad);
        return -1;
    }
    sb_addn(out, data + from, len - from);
    return 0;
}

static int decode_as(const char *data, size_t len, enum text_encoding e, struct strbuf *out,
                     char **err)
{
    size_t from = 0, bom;
    if (e == ENC_UTF8 || e == ENC_UTF8_BOM) {
        encoding_bom(ENC_UTF8_BOM, &bom);
        from = len >= bom && memcmp(data, "\xEF\xBB\xBF", bom) == 0 ? bom : 0;
        return decode_utf8(data, from, len, out, err);
    }
    if (e == ENC_UTF16LE || e == ENC_UTF16BE)
        from = len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)
                   ? 2
                   : 0;
    size_t fail;
    if (iconv_decode(data, from, len, e, out, &fail) != 0) {
        char *what = xasprintf(_("not valid %s"), encoding_label(e));
        *err = fail < len ? failure(what, data, fail, sb_str(out), out->len)
                          : xasprintf(_("%s: the file ends in the middle of a character"), what);
        free(what);
        return -1;
    }
    return 0;
}

/* Neither UTF-8 nor Windows-874: report where the likelier of the two failed. A file with
 * valid UTF-8 sequences before its first bad byte was meant to be UTF-8. */
static char *neither(const char *data, size_t len)
{
    size_t bad = 0;
    utf8_valid(data, len, &bad);
    struct strbuf cp874 = STRBUF_INIT;
    size_t fail = 0;
    iconv_decode(data, 0, len, ENC_CP874, &cp874, &fail);
    char *msg;
    if (has_multibyte(data, bad) || fail >= len)
        msg = failure(_("neither UTF-8 nor Windows-874 (Thai Excel) text; not valid UTF-8"), data,
                      bad, data, bad);
    else
        msg = failure(_("neither UTF-8 nor Windows-874 (Thai Excel) text; not valid Windows-874"),
                      data, fail, sb_str(&cp874), cp874.len);
    sb_free(&cp874);
    char *full = xasprintf(_("%s; give --encoding when you know the file's encoding"), msg);
    free(msg);
    return full;
}

static enum text_encoding detect(const char *data, size_t len)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) return ENC_UTF8_BOM;
    if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0) return ENC_UTF16LE;
    if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0) return ENC_UTF16BE;
    enum text_encoding wide = guess_utf16(data, len);
    if (wide != ENC_AUTO) return wide;
    if (utf8_valid(data, len, NULL)) return ENC_UTF8;
    return ENC_CP874;
}

/* A NUL in the decoded text would cut fields short without a word: refuse it. */
static int refuse_nul(const char *text, size_t len, char **err)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul) return 0;
    long line = 1;
    for (const char *p = text; p < nul; p++)
        line += *p == '\n';
    *err = xasprintf(_("line %ld holds a NUL character: this is not a text file, or not in the "
                       "encoding given"),
                     line);
    return -1;
}

int encoding_decode(const char *data, size_t len, enum text_encoding want, char **out,
                    size_t *outlen, enum text_encoding *found, char **err)
{
    *out = NULL;
    *outlen = 0;
    if (refuse_workbook(data, len, err) != 0) return -1;
    enum text_encoding e = want == ENC_AUTO ? detect(data, len) : want;
    if ((e == ENC_UTF16LE || e == ENC_UTF16BE) && len >= 2) {
        if (memcmp(data, "\xFF\xFE", 2) == 0)
            e = ENC_UTF16LE;
        else if (memcmp(data, "\xFE\xFF", 2) == 0)
            e = ENC_UTF16BE;
    }
    if (e == ENC_UTF8 && want == ENC_UTF8 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        e = ENC_UTF8_BOM;
    struct strbuf text = STRBUF_INIT;
    int rc;
    if (want == ENC_AUTO && e == ENC_CP874) {
        size_t fail;
        rc = iconv_decode(data, 0, len, ENC_CP874, &text, &fail);
        if (rc != 0) *err = neither(data, len);
    } else {
        rc = decode_as(data, len, e, &text, err);
    }
    if (rc == 0 && refuse_nul(sb_str(&text), text.len, err) != 0) rc = -1;
    if (rc != 0) {
        sb_free(&text);
        return -1;
    }
    *outlen = text.len;
    *out = sb_take(&text);
    *found = e;
    return 0;
}

/* One conversion descriptor per target encoding, kept: an export encodes row by row. */
static iconv_t encoder(enum text_encoding e)
{
    static iconv_t cds[ENC_TIS620 + 1];
    static bool opened[ENC_TIS620 + 1];
    if (!opened[e]) {
        cds[e] = iconv_open(iconv_name(e), "UTF-8");
        opened[e] = true;
    }
    if (cds[e] != (iconv_t)-1) iconv(cds[e], NULL, NULL, NULL, NULL);
    return cds[e];
}

int encoding_encode(const char *text, size_t len, enum text_encoding e, struct strbuf *out,
                    size_t *bad)
{
    if (e == ENC_UTF8 || e == ENC_UTF8_BOM || e == ENC_AUTO) {
        sb_addn(out, text, len);
        return 0;
    }
    iconv_t cd = encoder(e);
    if (cd == (iconv_t)-1) {
        *bad = 0;
        return -1;
    }
    size_t cap = len * 2 + 16;
    char *buf = xmalloc(cap);
    char *in = (char *)text, *o = buf;
    size_t inleft = len, oleft = cap;
    size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
    if (rc != (size_t)-1) rc = iconv(cd, NULL, NULL, &o, &oleft);
    sb_addn(out, buf, (size_t)(o - buf));
    free(buf);
    if (rc == (size_t)-1 || inleft) {
        *bad = (size_t)(in - text);
        return -1;
    }
    return 0;
}
