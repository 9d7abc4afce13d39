/* Thai dictionary order (the Royal Institute dictionary's) for names, as an SQLite collation. */
#include "collate.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Strings are compared level by level, each level only when all before it tie: letters
 * and digits, then marks, then spaces and punctuation, then letter case, then bytes. */
enum level { PRIMARY, SECONDARY, TERTIARY, CASING };

/* A character's weight at each level; 0 where that level ignores it. */
struct weight {
    uint32_t at[4];
};

enum {
    P_DIGIT = 0x100,            /* + digit value: Arabic and Thai digits alike */
    P_LATIN = 0x200,            /* + letter index, case folded */
    P_THAI = 0x300,             /* + offset in the Thai block, which is in dictionary order */
    P_NIKHAHIT = P_THAI + 0x2F, /* between HO NOKHUK and SARA A */
    P_OTHER = 0x10000,          /* + code point: any other script after Thai */
    S_PLAIN = 1,
    S_THAI_DIGIT = 2,
    S_THAI_MARK = 3,      /* + rank in thai_mark_rank */
    S_ACCENT = 0x100,     /* + code point of the accented letter in lower case */
    S_COMBINING = 0x1000, /* + code point of a combining mark */
    T_PLAIN = 1,
    T_SPACE = 2,
    T_PUNCT = 0x100, /* + code point */
    C_PLAIN = 1,
    C_UPPER = 2,
    C_LAKKHANGYAO = 3,
};

/* Marks that do not change a word's place in the dictionary, from least to most weight:
 * YAMAKKAN, PHINTHU, THANTHAKHAT, MAITAIKHU, then the four tone marks. */
static const uint32_t thai_mark_rank[] = {0x0E4E, 0x0E3A, 0x0E4C, 0x0E47,
                                          0x0E48, 0x0E49, 0x0E4A, 0x0E4B};

/* The base letters of U+00C0-U+00FF ('?' where there is none), so that accented Latin
 * sorts with its letter. */
static const char latin1_base[] =
    "AAAAAA?CEEEEIIII?NOOOOO??UUUUY??aaaaaa?ceeeeiiii?nooooo??uuuuy?y";

static void set_weight(struct weight *w, uint32_t p, uint32_t s, uint32_t t, uint32_t c)
{
    w->at[PRIMARY] = p;
    w->at[SECONDARY] = s;
    w->at[TERTIARY] = t;
    w->at[CASING] = c;
}

static void weigh_letter(struct weight *w, uint32_t primary, bool upper)
{
    set_weight(w, primary, S_PLAIN, T_PLAIN, upper ? C_UPPER : C_PLAIN);
}

static void weigh_mark(struct weight *w, uint32_t secondary)
{
    set_weight(w, 0, secondary, T_PLAIN, C_PLAIN);
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static void weigh_punct(struct weight *w, uint32_t cp)
{
    set_weight(w, 0, 0, is_space(cp) ? T_SPACE : T_PUNCT + cp, 0);
}

static void weigh_ascii(uint32_t cp, struct weight *w)
{
    if (cp >= '0' && cp <= '9')
        weigh_letter(w, P_DIGIT + (cp - '0'), false);
    else if (cp >= 'a' && cp <= 'z')
        weigh_letter(w, P_LATIN + (cp - 'a'), false);
    else if (cp >= 'A' && cp <= 'Z')
        weigh_letter(w, P_LATIN + (cp - 'A'), true);
    else if (cp >= 0x20 && cp < 0x7F)
        weigh_punct(w, cp);
}

static bool is_thai_consonant(uint32_t cp)
{
    return cp >= 0x0E01 && cp <= 0x0E2E;
}

static bool is_leading_vowel(uint32_t cp)
{
    return cp >= 0x0E40 && cp <= 0x0E44;
}

static void weigh_thai(uint32_t cp, struct weight *w)
{
    if (is_thai_consonant(cp) || (cp >= 0x0E30 && cp <= 0x0E39) || is_leading_vowel(cp)) {
        weigh_letter(w, P_THAI + (cp - 0x0E00), false);
    } else if (cp == 0x0E45) {
        set_weight(w, P_THAI + 0x32, S_PLAIN, T_PLAIN, C_LAKKHANGYAO);
    } else if (cp == 0x0E4D) {
        weigh_letter(w, P_NIKHAHIT, false);
    } else if (cp >= 0x0E50 && cp <= 0x0E59) {
        set_weight(w, P_DIGIT + (cp - 0x0E50), S_THAI_DIGIT, T_PLAIN, C_PLAIN);
    } else if (cp == 0x0E2F || cp == 0x0E3F || cp == 0x0E46 || cp == 0x0E4F || cp == 0x0E5A ||
               cp == 0x0E5B) {
        weigh_punct(w, cp);
    } else {
        for (size_t i = 0; i < sizeof thai_mark_rank / sizeof thai_mark_rank[0]; i++) {
            if (thai_mark_rank[i] == cp) {
                weigh_mark(w, S_THAI_MARK + (uint32_t)i);
                return;
            }
        }
        weigh_letter(w, P_OTHER + cp, false);
    }
}

static void weigh_latin1(uint32_t cp, struct weight *w)
{
    char base = latin1_base[cp - 0xC0];
    if (cp == 0xD7 || cp == 0xF7) {
        weigh_punct(w, cp);
    } else if (base == '?') {
        weigh_letter(w, P_OTHER + cp, false);
    } else {
        bool upper = base >= 'A' && base <= 'Z';
        uint32_t lower = upper ? cp + 0x20 : cp;
        uint32_t letter = (uint32_t)(upper ? base - 'A' : base - 'a');
        set_weight(w, P_LATIN + letter, S_ACCENT + lower, T_PLAIN, upper ? C_UPPER : C_PLAIN);
    }
}

/* Format characters that neither show nor mean anything for order. */
static bool is_invisible(uint32_t cp)
{
    return cp < 0xA0 || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

static bool is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

static bool is_space_or_punct(uint32_t cp)
{
    return (cp >= 0xA0 && cp < 0xC0) || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x205F) ||
           (cp >= 0x3000 && cp <= 0x3003);
}

static void weigh(uint32_t cp, struct weight *w)
{
    memset(w, 0, sizeof *w);
    if (cp < 0x80)
        weigh_ascii(cp, w);
    else if (cp >= 0x0E00 && cp <= 0x0E7F)
        weigh_thai(cp, w);
    else if (is_invisible(cp))
        return;
    else if (cp >= 0xC0 && cp <= 0xFF)
        weigh_latin1(cp, w);
    else if (is_combining(cp))
        weigh_mark(w, S_COMBINING + cp);
    else if (is_space_or_punct(cp))
        weigh_punct(w, cp);
    else
        weigh_letter(w, P_OTHER + cp, false);
}

struct cursor {
    const char *p, *end;
    uint32_t held; /* a leading vowel's weight, due after its consonant's */
};

static uint32_t next_cp(struct cursor *c)
{
    unsigned char b = (unsigned char)*c->p;
    if (b < 0x80) {
        c->p++;
        return b;
    }
    uint32_t cp;
    c->p += utf8_decode(c->p, (size_t)(c->end - c->p), &cp);
    return cp;
}

/* The primary weight of the consonant after a leading vowel, moving past it; 0 (and not
 * moving) when the next letter is not a consonant. */
static uint32_t take_consonant(struct cursor *c)
{
    const char *start = c->p;
    while (c->p < c->end) {
        uint32_t cp = next_cp(c);
        struct weight w;
        weigh(cp, &w);
        if (!w.at[PRIMARY]) continue;
        if (is_thai_consonant(cp)) return w.at[PRIMARY];
        break;
    }
    c->p = start;
    return 0;
}

/* The next primary weight, with a leading vowel (เ แ โ ใ ไ) counted after the consonant it
 * is written before, as the dictionary files เก under ก; 0 at the end. */
static uint32_t next_primary(struct cursor *c)
{
    if (c->held) {
        uint32_t w = c->held;
        c->held = 0;
        return w;
    }
    while (c->p < c->end) {
        uint32_t cp = next_cp(c);
        struct weight w;
        weigh(cp, &w);
        if (!w.at[PRIMARY]) continue;
        if (is_leading_vowel(cp)) {
            uint32_t consonant = take_consonant(c);
            if (consonant) {
                c->held = w.at[PRIMARY];
                return consonant;
            }
        }
        return w.at[PRIMARY];
    }
    return 0;
}

static uint32_t next_at_level(struct cursor *c, enum level level)
{
    if (level == PRIMARY) return next_primary(c);
    while (c->p < c->end) {
        struct weight w;
        weigh(next_cp(c), &w);
        if (w.at[level]) return w.at[level];
    }
    return 0;
}

static int compare_level(const char *a, size_t alen, const char *b, size_t blen, enum level level)
{
    struct cursor ca = {a, a + alen, 0}, cb = {b, b + blen, 0};
    for (;;) {
        uint32_t wa = next_at_level(&ca, level), wb = next_at_level(&cb, level);
        if (wa != wb) return wa < wb ? -1 : 1;
        if (!wa) return 0;
    }
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t shorter = alen < blen ? alen : blen;
    int r = shorter ? memcmp(a, b, shorter) : 0;
    if (r) return r < 0 ? -1 : 1;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static bool starts_char(const char *s, size_t len, size_t i)
{
    return i >= len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* The offset of the last leading vowel (U+0E40-U+0E44, bytes E0 B9 80-84) in s[0..n), or n. */
static size_t last_leading_vowel(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = n; i >= 3; i--)
        if (u[i - 3] == 0xE0 && u[i - 2] == 0xB9 && u[i - 1] >= 0x80 && u[i - 1] <= 0x84)
            return i - 3;
    return n;
}

static bool has_letter(const char *s, size_t from, size_t to)
{
    struct cursor c = {s + from, s + to, 0};
    while (c.p < c.end) {
        struct weight w;
        weigh(next_cp(&c), &w);
        if (w.at[PRIMARY]) return true;
    }
    return false;
}

/* How much of a prefix of n bytes shared by a and b both may skip before comparing: weights
 * depend on nothing before them, except that a leading vowel weighs after the consonant that
 * follows it. So the cut is at a character start in both strings and not between a leading
 * vowel and its consonant. */
static size_t skippable(const char *a, size_t alen, const char *b, size_t blen, size_t n)
{
    while (n > 0 && !(starts_char(a, alen, n) && starts_char(b, blen, n)))
        n--;
    size_t vowel = last_leading_vowel(a, n);
    if (vowel < n && !has_letter(a, vowel + 3, n)) return vowel;
    return n;
}

int thai_collate(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t shorter = alen < blen ? alen : blen, same = 0;
    while (same < shorter && a[same] == b[same])
        same++;
    if (same == alen && same == blen) return 0;
    size_t skip = skippable(a, alen, b, blen, same);
    if (skip) {
        a += skip;
        b += skip;
        alen -= skip;
        blen -= skip;
    }
    for (enum level l = PRIMARY; l <= CASING; l++) {
        int r = compare_level(a, alen, b, blen, l);
        if (r) return r;
    }
    return compare_bytes(a, alen, b, blen);
}

int thai_collate_sqlite(void *unused, int alen, const void *a, int blen, const void *b)
{
    (void)unused;
    return thai_collate(a, alen > 0 ? (size_t)alen : 0, b, blen > 0 ? (size_t)blen : 0);
}
