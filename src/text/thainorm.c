/* One stored form for text typed in different ways, search keys, and WTT input checks. */
#include "thainorm.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thctype.h>
#include <thai/thinp.h>

#define SARA_E 0x0E40u
#define SARA_AE 0x0E41u
#define SARA_AA 0x0E32u
#define SARA_AM 0x0E33u
#define NIKHAHIT 0x0E4Du
#define MAX_MARKS 8

struct cps {
    uint32_t *v;
    size_t n;
};

/* Above and below vowels: in WTT order they come straight after the consonant. */
static bool is_vowel_mark(uint32_t c)
{
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A);
}

/* Tone marks and the other signs written above, after any vowel mark. */
static bool is_sign_mark(uint32_t c)
{
    return c >= 0x0E47 && c <= 0x0E4E;
}

static bool is_thai_mark(uint32_t c)
{
    return is_vowel_mark(c) || is_sign_mark(c);
}

static bool is_zero_width(uint32_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

static bool is_control(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

static bool is_space_like(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool is_line_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* Latin-1 letters that are a base letter plus one combining mark, so that "e" U+0301 is
 * stored as the "é" it looks like. Marks: ` grave, ' acute, ^ circumflex, ~ tilde,
 * : diaeresis, o ring, , cedilla. */
static const char latin1_base[] =
    "AAAAAA?CEEEEIIII?NOOOOO??UUUUY??aaaaaa?ceeeeiiii?nooooo??uuuuy?y";
static const char latin1_mark[] =
    "`'^~:o?,`'^:`'^:?~`'^~:??`'^:'??`'^~:o?,`'^:`'^:?~`'^~:??`'^:'?:";

static char mark_symbol(uint32_t mark)
{
    switch (mark) {
    case 0x0300:
        return '`';
    case 0x0301:
        return '\'';
    case 0x0302:
        return '^';
    case 0x0303:
        return '~';
    case 0x0308:
        return ':';
    case 0x030A:
        return 'o';
    case 0x0327:
        return ',';
    default:
        return 0;
    }
}

/* The Latin-1 letter that base + mark compose to, or 0. */
static uint32_t compose_latin1(uint32_t base, uint32_t mark)
{
    char sym = mark_symbol(mark);
    bool letter = (base >= 'A' && base <= 'Z') || (base >= 'a' && base <= 'z');
    if (!sym || !letter) return 0;
    for (size_t i = 0; i < sizeof latin1_base - 1; i++)
        if (latin1_base[i] == (char)base && latin1_mark[i] == sym) return 0xC0 + (uint32_t)i;
    return 0;
}

static void push(struct cps *out, uint32_t c)
{
    out->v[out->n++] = c;
}

/* Decodes s, dropping bad bytes, zero-width characters and controls; every kind of space
 * becomes ' ' and every line break '\n' (or ' ' unless newlines are kept). */
static struct cps decode_clean(const char *s, int flags)
{
    size_t len = strlen(s);
    struct cps out = {xmalloc((len + 1) * sizeof *out.v), 0};
    size_t off = 0;
    while (off < len) {
        uint32_t c;
        size_t n = utf8_decode(s + off, len - off, &c);
        bool bad = c == UTF8_REPLACEMENT && n == 1;
        bool crlf = c == '\r' && off + 1 < len && s[off + 1] == '\n';
        off += n;
        if (bad || crlf || is_zero_width(c)) continue;
        if (is_line_break(c))
            push(&out, (flags & TEXT_KEEP_NEWLINES) ? '\n' : ' ');
        else if (is_space_like(c))
            push(&out, ' ');
        else if (!is_control(c))
            push(&out, c);
    }
    return out;
}

static void add_unique(uint32_t *set, size_t *n, uint32_t c)
{
    for (size_t i = 0; i < *n; i++)
        if (set[i] == c) return;
    if (*n < MAX_MARKS) set[(*n)++] = c;
}

static bool remove_mark(uint32_t *set, size_t *n, uint32_t c)
{
    for (size_t i = 0; i < *n; i++) {
        if (set[i] == c) {
            memmove(set + i, set + i + 1, (*n - i - 1) * sizeof *set);
            (*n)--;
            return true;
        }
    }
    return false;
}

/* Copies the marks that follow a base character at in->v[i] in WTT order: vowel marks,
 * then tone marks and signs, then SARA AM (also when typed as NIKHAHIT + SARA AA), each
 * once. Returns the index after them. */
static size_t take_marks(const struct cps *in, size_t i, struct cps *out)
{
    uint32_t vowels[MAX_MARKS], signs[MAX_MARKS];
    size_t nv = 0, ns = 0;
    bool am = false;
    for (; i < in->n; i++) {
        uint32_t c = in->v[i];
        if (c == SARA_AM) {
            am = true;
        } else if (c == NIKHAHIT && i + 1 < in->n && in->v[i + 1] == SARA_AA) {
            am = true;
            i++;
        } else if (is_vowel_mark(c)) {
            add_unique(vowels, &nv, c);
        } else if (is_sign_mark(c)) {
            add_unique(signs, &ns, c);
        } else {
            break;
        }
    }
    /* NIKHAHIT, tone mark, SARA AA: the tone was typed in the middle of the SARA AM. */
    if (!am && i < in->n && in->v[i] == SARA_AA && remove_mark(signs, &ns, NIKHAHIT)) {
        am = true;
        i++;
    }
    for (size_t k = 0; k < nv; k++)
        push(out, vowels[k]);
    for (size_t k = 0; k < ns; k++)
        push(out, signs[k]);
    if (am) push(out, SARA_AM);
    return i;
}

/* Fixes the order and spelling of marks; marks with no base character are dropped. */
static struct cps fix_clusters(const struct cps *in)
{
    struct cps out = {xmalloc((in->n + 1) * sizeof *out.v), 0};
    size_t i = 0;
    while (i < in->n) {
        uint32_t c = in->v[i++];
        if (is_thai_mark(c)) continue;
        if (c == SARA_E && i < in->n && in->v[i] == SARA_E) {
            c = SARA_AE;
            i++;
        }
        uint32_t composed = i < in->n ? compose_latin1(c, in->v[i]) : 0;
        if (composed) {
            c = composed;
            i++;
        }
        push(&out, c);
        if (c != ' ' && c != '\n') i = take_marks(in, i, &out);
    }
    return out;
}

static void add_cp(struct strbuf *sb, uint32_t c)
{
    char buf[4];
    sb_addn(sb, buf, utf8_encode(c, buf));
}

/* Encodes cps, trimming white space at both ends and at line ends; runs of spaces become
 * one unless the text has several lines (where they may be indentation). */
static char *encode_trimmed(const struct cps *in, int flags)
{
    bool multiline = flags & TEXT_KEEP_NEWLINES;
    struct strbuf sb = STRBUF_INIT;
    size_t spaces = 0, newlines = 0;
    for (size_t i = 0; i < in->n; i++) {
        uint32_t c = in->v[i];
        if (c == ' ') {
            spaces++;
        } else if (c == '\n') {
            spaces = 0;
            newlines++;
        } else {
            if (sb.len > 0) {
                for (; newlines > 0; newlines--)
                    sb_addc(&sb, '\n');
                for (; spaces > 0; spaces--)
                    sb_addc(&sb, ' ');
            }
            spaces = newlines = 0;
            add_cp(&sb, c);
        }
        if (!multiline && spaces > 1) spaces = 1;
    }
    return sb_take(&sb);
}

char *text_normalize(const char *s, int flags)
{
    struct cps raw = decode_clean(s, flags);
    struct cps fixed = fix_clusters(&raw);
    char *out = encode_trimmed(&fixed, flags);
    free(raw.v);
    free(fixed.v);
    return out;
}

char *text_search_key(const char *s)
{
    char *norm = text_normalize(s, 0);
    struct strbuf sb = STRBUF_INIT;
    size_t len = strlen(norm), off = 0;
    while (off < len) {
        uint32_t c;
        off += utf8_decode(norm + off, len - off, &c);
        if (c >= 0x0E50 && c <= 0x0E59)
            c = '0' + (c - 0x0E50);
        else if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        add_cp(&sb, c);
    }
    free(norm);
    return sb_take(&sb);
}

char *text_digits_only(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    size_t len = strlen(s), off = 0;
    while (off < len) {
        uint32_t c;
        off += utf8_decode(s + off, len - off, &c);
        if (c >= '0' && c <= '9')
            sb_addc(&sb, (char)c);
        else if (c >= 0x0E50 && c <= 0x0E59)
            sb_addc(&sb, (char)('0' + (c - 0x0E50)));
    }
    return sb_take(&sb);
}

/* The TIS-620 byte for c; anything TIS-620 lacks reads as '?', a neutral non-Thai
 * character after which a Thai mark is still refused. */
static thchar_t tis620_of(uint32_t c)
{
    if (c >= 0x01 && c < 0x80) return (thchar_t)c;
    if (c >= 0x0E01 && c <= 0x0E5B) return (thchar_t)(c - 0x0E00 + 0xA0);
    return '?';
}

long thai_input_invalid_at(const char *s)
{
    size_t len = strlen(s), off = 0;
    thchar_t prev = 0;
    while (off < len) {
        uint32_t c;
        size_t n = utf8_decode(s + off, len - off, &c);
        thchar_t cur = tis620_of(c);
        if (!th_isaccept(prev, cur, ISC_STRICT)) return (long)off;
        prev = cur;
        off += n;
    }
    return -1;
}
