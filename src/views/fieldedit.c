/* The line-editing logic of the form that needs neither curses nor readline: key bytes,
 * scrolling windows, multi-line bookkeeping, the WTT check of a key, completion decisions and
 * field previews. Kept here so that it is unit-tested without a terminal. */
#include "fieldedit.h"
#include "honorific.h"
#include "messages.h"
#include "strbuf.h"
#include "text.h"
#include "thainorm.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *fe_key_bytes(enum fe_key k)
{
    switch (k) {
    case FE_LEFT:
        return "\x02";
    case FE_RIGHT:
        return "\x06";
    case FE_HOME:
        return "\x01";
    case FE_END:
        return "\x05";
    case FE_BACKSPACE:
        return "\x7f";
    case FE_DELETE:
        return "\x04";
    case FE_WORD_LEFT:
        return "\033b";
    case FE_WORD_RIGHT:
        return "\033f";
    }
    return "";
}

size_t fe_char_bytes(long cp, bool meta, char out[FE_MAX_BYTES])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    size_t n = 0;
    if (meta) out[n++] = '\033';
    return n + utf8_encode((uint32_t)cp, out + n);
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *next)
{
    uint32_t cp;
    *next = i + utf8_decode(s + i, len - i, &cp);
    return cp;
}

/* Thai above and below vowels and tone marks take no column: they belong to the character
 * before them, and a window or a check never starts on one. */
static bool is_mark(uint32_t cp)
{
    return text_cp_width(cp) == 0;
}

static size_t prev_cp(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
        ;
    return i;
}

static size_t cluster_start(const char *s, size_t len, size_t i)
{
    size_t next;
    while (i > 0 && i < len && is_mark(cp_at(s, len, i, &next)))
        i = prev_cp(s, i);
    return i;
}

static size_t next_cluster(const char *s, size_t len, size_t i)
{
    size_t next;
    cp_at(s, len, i, &next);
    while (next < len) {
        size_t after;
        if (!is_mark(cp_at(s, len, next, &after))) break;
        next = after;
    }
    return next;
}

static int span_width(const char *s, size_t from, size_t to)
{
    char *part = xstrndup(s + from, to - from);
    int w = (int)text_width(part);
    free(part);
    return w;
}

/* The cursor shows when it is on screen and, if the line is cut, not on the "…". */
static bool cursor_fits(const char *line, size_t len, size_t point, int cols, size_t first)
{
    int cursor = span_width(line, first, point);
    if (span_width(line, first, len) <= cols) return cursor <= cols - 1;
    return cursor <= cols - 2;
}

int fe_hscroll(const char *line, size_t len, size_t point, int cols, size_t *first)
{
    if (point > len) point = len;
    if (cols <= 0) {
        *first = 0;
        return 0;
    }
    /* Whatever fits from the start is shown from the start, so a short line never stays
     * scrolled after deleting. */
    if (cursor_fits(line, len, point, cols, 0)) *first = 0;
    if (*first > point) *first = cluster_start(line, len, point);
    *first = cluster_start(line, len, *first);
    while (*first < point && !cursor_fits(line, len, point, cols, *first))
        *first = next_cluster(line, len, *first);
    return span_width(line, *first, point);
}

int fe_vscroll(int top, int height, int first, int count, int total)
{
    if (height <= 0) return 0;
    if (count > height) count = height;
    if (first < top) top = first;
    if (first + count > top + height) top = first + count - height;
    if (top > total - height) top = total - height;
    return top < 0 ? 0 : top;
}

int fe_line_count(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

void fe_line_bounds(const char *s, int i, size_t *start, size_t *end)
{
    size_t pos = 0;
    for (int line = 0; line < i && s[pos]; pos++)
        if (s[pos] == '\n') line++;
    *start = pos;
    *end = pos + strcspn(s + pos, "\n");
}

int fe_line_at(const char *s, size_t point)
{
    int line = 0;
    for (size_t i = 0; i < point && s[i]; i++)
        line += s[i] == '\n';
    return line;
}

bool fe_thai_insert_ok(const char *line, size_t point, const char *ins)
{
    size_t len = strlen(line);
    if (point > len) point = len;
    /* libthai checks pairs of neighbours, and after the start of a string only a base
     * character is accepted: so begin at the base of the cluster before the cursor. */
    size_t from = point;
    size_t next;
    if (from > 0) {
        from = prev_cp(line, from);
        while (from > 0 && is_mark(cp_at(line, len, from, &next)))
            from = prev_cp(line, from);
    }
    size_t after = point;
    if (after < len) cp_at(line, len, point, &after);
    struct strbuf sb = STRBUF_INIT;
    sb_addn(&sb, line + from, point - from);
    sb_add(&sb, ins);
    sb_addn(&sb, line + point, after - point);
    long bad = thai_input_invalid_at(sb_str(&sb));
    sb_free(&sb);
    /* A fault already in the text before the cursor is not this key's doing. */
    return bad < 0 || (size_t)bad < point - from;
}

size_t fe_word_start(const char *line, size_t point, bool list)
{
    size_t start = 0;
    if (list)
        for (size_t i = 0; i < point && line[i]; i++)
            if (line[i] == ';' || line[i] == ',') start = i + 1;
    while (start < point && line[start] == ' ')
        start++;
    return start;
}

bool fe_should_complete(const char *word, char *const *cands, size_t n)
{
    if (!word || !*word) return false;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cands[i], word) != 0) return true;
    return false;
}

const struct choice fe_bool_choices[] = {
    {"yes", NC_("choice", "yes"), "ใช่"}, {"no", NC_("choice", "no"), "ไม่"}, {NULL, NULL, NULL}};

static bool starts_with(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static void add_unique(char ***out, size_t *n, const char *v)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*out)[i], v) == 0) return;
    *out = xrealloc(*out, sizeof **out * (*n + 1));
    (*out)[(*n)++] = xstrdup(v);
}

size_t fe_choice_matches(const struct choice *choices, bool thai, const char *prefix, char ***out)
{
    size_t n = 0;
    *out = NULL;
    for (int pass = 0; pass < 3; pass++) {
        if (pass > 0 && !*prefix) break;
        for (const struct choice *c = choices; c && c->key; c++) {
            const char *v = pass == 0   ? (thai ? c->th_alias : c->en)
                            : pass == 1 ? c->key
                                        : (thai ? c->en : c->th_alias);
            if (starts_with(v, prefix)) add_unique(out, &n, v);
        }
    }
    return n;
}

char *fe_name_preview(const char *full)
{
    struct person_name pn;
    if (name_split(full, &pn) != 0) return NULL;
    char *s = xasprintf("→ %s | %s | %s", pn.title ? pn.title : "-", pn.given,
                        pn.family ? pn.family : "-");
    person_name_free(&pn);
    return s;
}

static bool blank(const char *text)
{
    char *norm = text_normalize(text ? text : "", 0);
    bool empty = !*norm;
    free(norm);
    return empty;
}

char *fe_date_preview(const char *text, struct date today, bool *error)
{
    return fe_date_preview_in(text, today, DATE_THAI, error);
}

char *fe_date_preview_in(const char *text, struct date today, enum date_style style, bool *error)
{
    *error = false;
    if (blank(text)) return NULL;
    struct date start, end;
    char why[256];
    if (date_parse(text, today, &start, &end, why, sizeof why) != 0) {
        *error = true;
        return xstrdup(why);
    }
    char a[64], b[64];
    date_format(start, style, a, sizeof a);
    if (date_cmp(start, end) == 0) return xasprintf("→ %s", a);
    date_format(end, style, b, sizeof b);
    return xasprintf("→ %s – %s", a, b);
}

char *fe_time_preview(const char *text, bool *error)
{
    *error = false;
    if (blank(text)) return NULL;
    int start, end;
    char why[256];
    if (time_parse(text, &start, &end, why, sizeof why) != 0) {
        *error = true;
        return xstrdup(why);
    }
    char a[16], b[16];
    time_format(start, a, sizeof a);
    if (end < 0) return xasprintf("→ %s", a);
    time_format(end, b, sizeof b);
    return xasprintf("→ %s–%s", a, b);
}
