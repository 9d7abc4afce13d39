/* Thai telephone numbers: reading the ways people type them, and grouping them for display. */
#include "phone.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More digits than any Thai number has, with room for +66 and a stray zero. */
enum { MAX_DIGITS = 15 };

/* The digits read from an input, before they are checked against the numbering plan. */
struct digits {
    char d[MAX_DIGITS + 1];
    size_t len;
    bool international; /* typed with a leading + */
};

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The digit value of the ASCII or Thai digit (๐-๙) at s, setting *n to its byte length;
 * -1 when s holds no digit. Reads no byte past a NUL. */
static int digit_at(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= '0' && u[0] <= '9') {
        *n = 1;
        return u[0] - '0';
    }
    if (u[0] == 0xE0 && u[1] == 0xB9 && u[2] >= 0x90 && u[2] <= 0x99) {
        *n = 3;
        return u[2] - 0x90;
    }
    return -1;
}

/* Byte length of a separator people put between digit groups at s, else 0: spaces (also
 * no-break and zero-width ones), hyphens and dashes, dots and brackets. */
static size_t separator_at(const char *s)
{
    static const char *const wide[] = {
        "\u00A0", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u2010",
        "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\u202F",
    };
    if (*s && strchr(" \t-.()", *s)) return 1;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (starts_with(s, wide[i])) return strlen(wide[i]);
    return 0;
}

/* Byte length of an extension marker at s ("ต่อ", "ext", "ext.", "x", "#"), else 0. */
static size_t extension_marker_at(const char *s)
{
    static const char *const markers[] = {"ต่อ",   "ext.", "ext", "Ext.", "Ext",
                                          "EXT.", "EXT",  "x",   "X",    "#"};
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (starts_with(s, markers[i])) return strlen(markers[i]);
    return 0;
}

/* True when s, after an extension marker, is an extension: 1 to 6 digits amid separators and
 * nothing else. */
static bool is_extension(const char *s)
{
    size_t count = 0, n;
    while (*s) {
        if (digit_at(s, &n) >= 0)
            count++;
        else if ((n = separator_at(s)) == 0)
            return false;
        s += n;
    }
    return count >= 1 && count <= 6;
}

/* Collects the digits of in. False when in holds anything other than digits, separators, one
 * + before the first digit and, at the end, an extension. The extension is dropped: the
 * stored number names the line, and a caller that needs the extension keeps the text typed. */
static bool read_digits(const char *in, struct digits *out)
{
    memset(out, 0, sizeof *out);
    const char *s = in;
    while (*s) {
        size_t n;
        int v = digit_at(s, &n);
        if (v >= 0) {
            if (out->len == MAX_DIGITS) return false;
            out->d[out->len++] = (char)('0' + v);
        } else if (*s == '+' && out->len == 0 && !out->international) {
            out->international = true;
            n = 1;
        } else if ((n = separator_at(s)) == 0) {
            size_t marker = extension_marker_at(s);
            return marker && out->len > 0 && is_extension(s + marker);
        }
        s += n;
    }
    return true;
}

static enum phone_kind kind_of(const char *d, size_t len)
{
    if (len == 10 && d[0] == '0' && (d[1] == '6' || d[1] == '8' || d[1] == '9'))
        return PHONE_MOBILE;
    if (len == 9 && d[0] == '0' && d[1] && strchr("23457", d[1])) return PHONE_LANDLINE;
    return PHONE_INVALID;
}

/* The national number for digits typed after +66: the leading zero restored, or kept when
 * it was typed as in "+66 (0)81 ...". */
static void from_international(struct digits *g)
{
    if (g->len < 2 || g->d[0] != '6' || g->d[1] != '6') {
        g->len = 0;
        return;
    }
    size_t skip = g->len > 2 && g->d[2] == '0' ? 3 : 2;
    memmove(g->d + 1, g->d + skip, g->len - skip);
    g->d[0] = '0';
    g->len = g->len - skip + 1;
}

/* Writes the national number into out when it fits; the kind, or PHONE_INVALID with out
 * empty. */
static enum phone_kind store(const struct digits *g, char *out, size_t outlen)
{
    enum phone_kind kind = kind_of(g->d, g->len);
    if (kind != PHONE_INVALID && outlen > g->len) {
        memcpy(out, g->d, g->len);
        out[g->len] = '\0';
        return kind;
    }
    if (out && outlen > 0) out[0] = '\0';
    return PHONE_INVALID;
}

enum phone_kind phone_normalize(const char *in, char *out, size_t outlen)
{
    struct digits g;
    if (!in || !read_digits(in, &g))
        g.len = 0;
    else if (g.international)
        from_international(&g);
    return store(&g, out, outlen);
}

/* Spreadsheets store phone numbers as numbers, losing the leading zero (812345678) or the
 * plus of an international number (66812345678). Restores them when nothing else fits. */
static void restore_dropped(struct digits *g)
{
    const char *d = g->d;
    bool mobile_start = d[0] == '6' || d[0] == '8' || d[0] == '9';
    bool landline_start = d[0] && strchr("23457", d[0]);
    if ((g->len == 9 && mobile_start) || (g->len == 8 && landline_start)) {
        memmove(g->d + 1, g->d, g->len);
        g->d[0] = '0';
        g->len++;
        return;
    }
    if (g->len >= 10 && d[0] == '6' && d[1] == '6') {
        struct digits national = *g;
        from_international(&national);
        if (kind_of(national.d, national.len) != PHONE_INVALID) *g = national;
    }
}

enum phone_kind phone_normalize_lenient(const char *in, char *out, size_t outlen)
{
    struct digits g;
    if (!in || !read_digits(in, &g))
        g.len = 0;
    else if (g.international)
        from_international(&g);
    else if (kind_of(g.d, g.len) == PHONE_INVALID)
        restore_dropped(&g);
    return store(&g, out, outlen);
}

void phone_format(const char *digits, char *out, size_t outlen)
{
    if (!out || outlen == 0) return;
    if (!digits) digits = "";
    size_t len = strlen(digits);
    bool all_digits = strspn(digits, "0123456789") == len;
    enum phone_kind kind = all_digits ? kind_of(digits, len) : PHONE_INVALID;
    const char *d = digits;
    if (kind == PHONE_MOBILE)
        snprintf(out, outlen, "%.3s-%.3s-%.4s", d, d + 3, d + 6);
    else if (kind == PHONE_LANDLINE && d[1] == '2')
        snprintf(out, outlen, "%.2s-%.3s-%.4s", d, d + 2, d + 5);
    else if (kind == PHONE_LANDLINE)
        snprintf(out, outlen, "%.3s-%.3s-%.3s", d, d + 3, d + 6);
    else
        snprintf(out, outlen, "%s", digits);
}

/* Digits typed after +66 (or 66 at the start of a spaced number) read as national digits:
 * 66 becomes 0, and a 0 typed after it, as in +66 (0)81, is dropped. */
static void national_fragment(char *d, size_t *len)
{
    if (*len < 3 || d[0] != '6' || d[1] != '6') return;
    size_t skip = d[2] == '0' ? 3 : 2;
    memmove(d + 1, d + skip, *len - skip + 1);
    d[0] = '0';
    *len = *len - skip + 1;
}

char *phone_search_digits(const char *text)
{
    if (!text) return NULL;
    char whole[MAX_DIGITS + 1];
    if (phone_normalize(text, whole, sizeof whole) != PHONE_INVALID) return xstrdup(whole);
    char *d = xmalloc(strlen(text) + 1);
    size_t len = 0;
    bool plus = false, spaced = false;
    for (const char *s = text; *s;) {
        size_t n;
        int v = digit_at(s, &n);
        if (v >= 0) {
            d[len++] = (char)('0' + v);
        } else if (*s == '+' && len == 0 && !plus) {
            plus = true;
            n = 1;
        } else if ((n = separator_at(s)) != 0) {
            spaced = spaced || *s == ' ';
        } else {
            free(d);
            return NULL;
        }
        s += n;
    }
    d[len] = '\0';
    if (len < 3) {
        free(d);
        return NULL;
    }
    if (plus || (spaced && strncmp(text, "66", 2) == 0)) national_fragment(d, &len);
    return d;
}
