/* Terminal display of UTF-8 text: widths, sanitising, cluster-safe truncation and wrapping. */
#include "text.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

struct range {
    uint32_t first, last;
};

/* zero_width_ranges, wide_ranges and unprintable_ranges: glibc's wcwidth() as a table, made
 * by tools/gen_widths.py, so that khai measures text as ncursesw draws it in any locale. */
#include "text_widths.h"

#define SARA_AM 0x0E33u
#define ELLIPSIS "\xE2\x80\xA6"

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    if (cp < r[0].first || cp > r[n - 1].last) return false;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].first)
            hi = mid;
        else if (cp > r[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

#define IN_TABLE(cp, table) in_ranges(cp, table, sizeof table / sizeof table[0])

static int width_from_tables(uint32_t cp)
{
    if (IN_TABLE(cp, zero_width_ranges)) return 0;
    if (IN_TABLE(cp, wide_ranges)) return 2;
    if (IN_TABLE(cp, unprintable_ranges)) return -1;
    return 1;
}

/* The Thai block's widths, read once from the tables: nearly every character of a Thai
 * table cell is one of these, and three binary searches each made printing a 63,000-row
 * report spend most of its time here. */
enum { THAI_FIRST = 0x0E00, THAI_LAST = 0x0E7F };

static int thai_width(uint32_t cp)
{
    static signed char widths[THAI_LAST - THAI_FIRST + 1];
    static bool filled;
    if (!filled) {
        for (uint32_t c = THAI_FIRST; c <= THAI_LAST; c++)
            widths[c - THAI_FIRST] = (signed char)width_from_tables(c);
        filled = true;
    }
    return widths[cp - THAI_FIRST];
}

int text_cp_width(uint32_t cp)
{
    /* NUL too, which glibc gives 0: no C string holds it, and a control is never drawn raw */
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return -1;
    if (cp < 0x7F) return 1;
    if (cp >= THAI_FIRST && cp <= THAI_LAST) return thai_width(cp);
    return width_from_tables(cp);
}

/* One input character as it will be shown: the bytes that replace it and their width. */
struct shown {
    char bytes[8];
    size_t len;
    size_t used; /* input bytes it stands for */
    uint32_t cp; /* what it is, for word breaking: U+FFFD when replaced by a placeholder */
    int width;
};

static void show_as(struct shown *g, const char *text, int width, uint32_t cp)
{
    g->len = strlen(text);
    memcpy(g->bytes, text, g->len);
    g->width = width;
    g->cp = cp;
}

static bool is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Reads the character at s (len > 0) into *g, replacing anything a terminal would obey. */
static void read_shown(const char *s, size_t len, struct shown *g)
{
    uint32_t cp;
    g->used = utf8_decode(s, len, &cp);
    if (cp == '\t') {
        show_as(g, " ", 1, ' ');
    } else if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
        show_as(g, "\xE2\x86\xB5", 1, 0x21B5);
    } else if (cp < 0x20 || cp == 0x7F) {
        char caret[3] = {'^', (char)(cp == 0x7F ? '?' : cp + 0x40), '\0'};
        show_as(g, caret, 2, UTF8_REPLACEMENT);
    } else if (cp >= 0x80 && cp < 0xA0) {
        static const char hex[] = "0123456789ABCDEF";
        char code[5] = {'<', hex[cp >> 4], hex[cp & 0xF], '>', '\0'};
        show_as(g, code, 4, UTF8_REPLACEMENT);
    } else if (cp == UTF8_REPLACEMENT || is_bidi_control(cp) ||
               (g->width = text_cp_width(cp)) < 0) {
        /* what glibc cannot print (a code point newer than its Unicode, a noncharacter)
         * ncursesw draws as a blank cell: shown as one U+FFFD instead */
        show_as(g, "\xEF\xBF\xBD", 1, UTF8_REPLACEMENT);
    } else {
        memcpy(g->bytes, s, g->used);
        g->len = g->used;
        g->cp = cp;
    }
}

/* Bytes of zero-width characters at the start of s: with no base they would draw on
 * whatever the terminal shows before them. */
static size_t baseless_marks(const char *s, size_t len)
{
    size_t off = 0;
    while (off < len) {
        struct shown g;
        read_shown(s + off, len - off, &g);
        if (g.width != 0) break;
        off += g.used;
    }
    return off;
}

/* Input bytes of the cluster at s: one character, the zero-width marks after it and a SARA
 * AM (with its own marks), which must never be separated. *width gets its columns. */
static size_t cluster_at(const char *s, size_t len, int *width)
{
    struct shown g;
    read_shown(s, len, &g);
    size_t off = g.used;
    int w = g.width;
    bool took_am = false;
    while (off < len) {
        read_shown(s + off, len - off, &g);
        if (g.cp == SARA_AM && !took_am)
            took_am = true;
        else if (g.width != 0)
            break;
        w += g.width;
        off += g.used;
    }
    *width = w;
    return off;
}

/* At most this many zero-width marks stay on one character, as a curses cell holds (Thai
 * needs two: a vowel and a tone mark); a name with a thousand marks would otherwise pile
 * them into one cell the terminal may draw over its neighbours. */
enum { MAX_MARKS = 4 };

static void add_shown(struct strbuf *sb, const char *s, size_t len)
{
    size_t off = 0;
    int marks = 0;
    while (off < len) {
        struct shown g;
        read_shown(s + off, len - off, &g);
        marks = g.width == 0 ? marks + 1 : 0;
        if (marks <= MAX_MARKS) sb_addn(sb, g.bytes, g.len);
        off += g.used;
    }
}

size_t text_width(const char *s)
{
    size_t len = strlen(s), off = 0, cols = 0;
    while (off < len) {
        struct shown g;
        read_shown(s + off, len - off, &g);
        cols += (size_t)g.width;
        off += g.used;
    }
    return cols;
}

char *text_sanitize(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    size_t len = strlen(s);
    size_t start = baseless_marks(s, len);
    add_shown(&sb, s + start, len - start);
    return sb_take(&sb);
}

/* text_truncate of s, whose width is known: *shown gets the width of what it returns. */
static char *truncate_known(const char *s, size_t width, size_t cols, size_t *shown)
{
    *shown = width;
    if (width <= cols) return text_sanitize(s);
    *shown = 0;
    if (cols == 0) return xstrdup("");
    struct strbuf sb = STRBUF_INIT;
    size_t len = strlen(s);
    size_t off = baseless_marks(s, len), used = 0;
    while (off < len) {
        int w;
        size_t n = cluster_at(s + off, len - off, &w);
        if (used + (size_t)w > cols - 1) break;
        add_shown(&sb, s + off, n);
        used += (size_t)w;
        off += n;
    }
    sb_add(&sb, ELLIPSIS);
    *shown = used + 1;
    return sb_take(&sb);
}

char *text_truncate(const char *s, size_t cols)
{
    size_t shown;
    return truncate_known(s, text_width(s), cols, &shown);
}

char *text_fit(const char *s, size_t cols)
{
    size_t w;
    char *cut = truncate_known(s, text_width(s), cols, &w);
    if (w >= cols) return cut;
    struct strbuf sb = STRBUF_INIT;
    sb_add(&sb, cut);
    free(cut);
    for (; w < cols; w++)
        sb_addc(&sb, ' ');
    return sb_take(&sb);
}

/* ---- Wrapping ---- */

static ThBrk *breaker;
static bool breaker_tried;

static void free_breaker(void)
{
    th_brk_delete(breaker);
    breaker = NULL;
}

/* libthai's dictionary breaker, loaded on first use; NULL when the dictionary is missing,
 * and then lines break at spaces only. */
static ThBrk *thai_breaker(void)
{
    if (!breaker_tried) {
        breaker_tried = true;
        breaker = th_brk_new(NULL);
        if (breaker) atexit(free_breaker);
    }
    return breaker;
}

size_t text_word_breaks(const char *s, size_t len, size_t *at, size_t max)
{
    ThBrk *brk = thai_breaker();
    if (!brk || len == 0 || max == 0) return 0;
    wchar_t *wide = xmalloc((len + 1) * sizeof *wide);
    size_t *offset = xmalloc((len + 1) * sizeof *offset); /* byte offset of each character */
    size_t nw = 0;
    for (size_t off = 0; off < len;) {
        uint32_t cp;
        offset[nw] = off;
        off += utf8_decode(s + off, len - off, &cp);
        wide[nw++] = (wchar_t)cp;
    }
    wide[nw] = L'\0';
    int *pos = xmalloc(nw * sizeof *pos);
    int found = th_brk_wc_find_breaks(brk, wide, pos, nw);
    size_t n = 0;
    for (int k = 0; k < found && n < max; k++)
        if (pos[k] > 0 && (size_t)pos[k] < nw) at[n++] = offset[pos[k]];
    free(pos);
    free(offset);
    free(wide);
    return n;
}

struct wrap_cluster {
    const char *s;
    size_t len;
    int width;
    bool space;
    bool break_before;
};

struct cluster_list {
    struct wrap_cluster *c;
    size_t n;
    size_t first_word; /* index of the first cluster that is not a space */
};

/* Splits s into clusters, each marked where a line may break before it: after spaces that
 * follow a word (leading spaces stay with the first word as indentation). */
static struct cluster_list split_clusters(const char *s, size_t len)
{
    struct cluster_list list = {xmalloc((len + 1) * sizeof *list.c), 0, 0};
    size_t off = baseless_marks(s, len);
    bool seen_word = false;
    while (off < len) {
        struct wrap_cluster *c = &list.c[list.n++];
        c->s = s + off;
        c->len = cluster_at(s + off, len - off, &c->width);
        c->space = *c->s == ' ' || *c->s == '\t';
        c->break_before = seen_word && !c->space && list.c[list.n - 2].space;
        if (!c->space && !seen_word) {
            seen_word = true;
            list.first_word = list.n - 1;
        }
        off += c->len;
    }
    return list;
}

/* Marks the clusters before which libthai finds a Thai word boundary. */
static void mark_thai_breaks(struct cluster_list *list)
{
    ThBrk *brk = thai_breaker();
    if (!brk || list->n < 2) return;
    size_t chars = 0;
    for (size_t i = 0; i < list->n; i++)
        chars += list->c[i].len;
    wchar_t *wide = xmalloc((chars + 1) * sizeof *wide);
    size_t *owner = xmalloc((chars + 1) * sizeof *owner); /* cluster starting at char, or n */
    size_t nw = 0;
    for (size_t i = 0; i < list->n; i++) {
        const struct wrap_cluster *c = &list->c[i];
        for (size_t off = 0; off < c->len;) {
            struct shown g;
            read_shown(c->s + off, c->len - off, &g);
            owner[nw] = off == 0 ? i : list->n;
            wide[nw++] = (wchar_t)g.cp;
            off += g.used;
        }
    }
    wide[nw] = L'\0';
    int *pos = xmalloc(nw * sizeof *pos);
    int found = th_brk_wc_find_breaks(brk, wide, pos, nw);
    for (int k = 0; k < found; k++) {
        size_t at = (size_t)pos[k];
        if (at >= nw || owner[at] >= list->n) continue;
        struct wrap_cluster *c = &list->c[owner[at]];
        if (owner[at] > list->first_word && !c->space) c->break_before = true;
    }
    free(pos);
    free(owner);
    free(wide);
}

struct line_builder {
    struct strbuf text;
    size_t width; /* including trailing spaces */
    size_t kept;  /* bytes up to the last non-space cluster */
    size_t count; /* clusters added */
    char **lines;
    size_t n, cap;
};

static void add_cluster(struct line_builder *lb, const struct wrap_cluster *c)
{
    add_shown(&lb->text, c->s, c->len);
    lb->width += (size_t)c->width;
    lb->count++;
    if (!c->space) lb->kept = lb->text.len;
}

static void end_line(struct line_builder *lb)
{
    if (lb->n == lb->cap) {
        lb->cap = lb->cap ? lb->cap * 2 : 8;
        lb->lines = xrealloc(lb->lines, (lb->cap + 1) * sizeof *lb->lines);
    }
    lb->lines[lb->n++] = xstrndup(sb_str(&lb->text), lb->kept);
    sb_reset(&lb->text);
    lb->width = lb->kept = lb->count = 0;
}

/* Width of the clusters [from, to) without the spaces at their end. */
static size_t word_width(const struct cluster_list *list, size_t from, size_t to)
{
    while (to > from && list->c[to - 1].space)
        to--;
    size_t w = 0;
    for (size_t i = from; i < to; i++)
        w += (size_t)list->c[i].width;
    return w;
}

/* Puts a word too wide for any line on as many lines as it takes, cluster by cluster. */
static void add_broken_word(struct line_builder *lb, const struct cluster_list *list, size_t from,
                            size_t to, size_t cols)
{
    for (size_t i = from; i < to; i++) {
        const struct wrap_cluster *c = &list->c[i];
        if (lb->count > 0 && lb->width + (size_t)c->width > cols) end_line(lb);
        if (lb->count == 0 && c->space) continue;
        add_cluster(lb, c);
    }
}

static void wrap_paragraph(struct line_builder *lb, const char *s, size_t len, size_t cols)
{
    struct cluster_list list = split_clusters(s, len);
    /* A paragraph that fits is one line whatever its words: libthai's dictionary, 30 million
     * instructions to load (10 ms, half of a `khai show`), is read only for one that does
     * not. */
    if (word_width(&list, 0, list.n) > cols) mark_thai_breaks(&list);
    size_t first_line = lb->n;
    size_t i = 0;
    while (i < list.n) {
        size_t end = i + 1;
        while (end < list.n && !list.c[end].break_before)
            end++;
        size_t from = i;
        if (lb->n > first_line && lb->count == 0)
            while (from < end && list.c[from].space)
                from++;
        if (lb->width + word_width(&list, from, end) <= cols) {
            for (size_t k = from; k < end; k++)
                add_cluster(lb, &list.c[k]);
        } else if (lb->count > 0) {
            end_line(lb);
            continue;
        } else {
            add_broken_word(lb, &list, from, end, cols);
        }
        i = end;
    }
    end_line(lb);
    free(list.c);
}

size_t text_wrap(const char *s, size_t cols, char ***lines)
{
    struct line_builder lb = {STRBUF_INIT, 0, 0, 0, NULL, 0, 0};
    if (cols == 0) cols = 1;
    size_t len = strlen(s);
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(s + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t plen = end - start;
        if (nl && plen > 0 && s[end - 1] == '\r') plen--;
        wrap_paragraph(&lb, s + start, plen, cols);
        start = end + 1;
    }
    sb_free(&lb.text);
    if (!lb.lines) lb.lines = xmalloc(sizeof *lb.lines);
    lb.lines[lb.n] = NULL;
    *lines = lb.lines;
    return lb.n;
}
