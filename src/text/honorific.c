/* Splitting a Thai (or English) full name into honorific title, given name and family name. */
#include "honorific.h"
#include "strbuf.h"
#include "text.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * How a title is recognised. Thai often writes the title glued to the name ("นายสมชาย"),
 * and many Thai given names begin with letters that also spell a title ("อรุณ", "นาฏยา",
 * "คุณากร"), so what decides is how safe it is to cut a title off the front of a word:
 *
 * - An abbreviation ending in "." (or "ฯ", as in พลฯ) is always a title, glued or not:
 *   names never contain a dot. So "อ.บวร" is อ. + บวร, while "อรุณ" has no title.
 * - A listed long word title (นาย, นาง, นางสาว, ผู้ใหญ่, กำนัน, ปลัด, พระ, ranks spelled
 *   out, ...) is cut off a glued name only when what is left could start a name: a Thai
 *   consonant or leading vowel (not ะ ั า ำ ิ ี ... or a tone mark), not a consonant silenced
 *   by ์, and at least two characters. The longest title that leaves such a name wins, so
 *   "นางสาวจิราพร" is นางสาว + จิราพร but "นางสาวิตรี" is นาง + สาวิตรี, and "นายิกา" has no
 *   title at all.
 * - An informal title (คุณ, พี่, น้อง, ครู, หมอ, ป้า, ลุง, คุณหมอ, ...) counts when a space
 *   and a name follow it, and glued to a name as the networks write it ("พี่ปิยะชีพ",
 *   "หมอแมน") when libthai's dictionary breaker ends a word right after it and what is left
 *   could start a name (as for word titles). So "คุณวุฒิ", "คุณธรรม", "หมอก", "พี่น้อง" (one
 *   word in the dictionary) and "คุณากร" (คุณ + ากร: no name starts with า) stay whole. Where
 *   the dictionary reads the title into a longer word ("หมอขวัญ|เรือน", "คุณสมบัติ"), or
 *   libthai's dictionary is not installed, the glued name stays whole: a name wrongly kept
 *   whole can still be found, a name wrongly cut loses its first letters.
 * - A few short titles (อา, ตา, นายก) count only when a space and a name follow them: too
 *   many names begin with them ("อารีย์", "อานนท์", "ตาล"), and "นายกมล" is นาย + กมล rather
 *   than นายก + มล. On its own such a word is the name (it is also a common nickname).
 * - English titles (Mr, Mrs, Ms, Miss, Dr, Prof; any case) may be glued only with their dot,
 *   so "Drew" keeps its letters.
 * - Titles combine: after the first, further abbreviations follow with or without a space
 *   ("ผศ. ดร.", "พ.ต.อ.ดร."), a rank may take the feminine suffix หญิง ("ร.ต.อ.หญิง"), and
 *   ว่าที่ ("acting") is a title only in front of a rank. The title is returned as typed,
 *   minus the spaces between Thai parts ("ผศ. ดร." -> "ผศ.ดร."); a space is kept after a
 *   whole-word title and around English ones ("Prof. Dr.").
 *
 * A string that is nothing but a title ("นาย", "ผศ.ดร.") has no given name. The given name is
 * the first word after the titles, the family name all the words after it ("ณ อยุธยา").
 * Known limitation: a given name that really starts with a glued word title, such as
 * "พระพาย", is split (พระ + พาย).
 */
enum title_kind {
    TITLE_ABBREV,   /* ends in "." or "ฯ" */
    TITLE_RANK,     /* a rank, abbreviated or spelled out: may take the suffix หญิง */
    TITLE_WORD,     /* long enough to be cut off a glued name */
    TITLE_INFORMAL, /* before a space, or glued where libthai's dictionary ends a word */
    TITLE_SPACED,   /* a title only when a space and a name follow */
    TITLE_PREFIX,   /* ว่าที่: a title only in front of a rank */
};

struct title {
    const char *text;
    enum title_kind kind;
};

static const struct title thai_titles[] = {
    {"นาย", TITLE_WORD},
    {"นาง", TITLE_WORD},
    {"นางสาว", TITLE_WORD},
    {"น.ส.", TITLE_ABBREV},
    {"นส.", TITLE_ABBREV},
    {"เด็กชาย", TITLE_WORD},
    {"เด็กหญิง", TITLE_WORD},
    {"ด.ช.", TITLE_ABBREV},
    {"ด.ญ.", TITLE_ABBREV},
    /* academic and professional */
    {"ดร.", TITLE_ABBREV},
    {"ศ.", TITLE_ABBREV},
    {"รศ.", TITLE_ABBREV},
    {"ผศ.", TITLE_ABBREV},
    {"อ.", TITLE_ABBREV},
    {"อาจารย์", TITLE_WORD},
    {"นพ.", TITLE_ABBREV},
    {"พญ.", TITLE_ABBREV},
    {"ทพ.", TITLE_ABBREV},
    {"ทญ.", TITLE_ABBREV},
    {"ภก.", TITLE_ABBREV},
    {"ภญ.", TITLE_ABBREV},
    {"น.สพ.", TITLE_ABBREV},
    {"สพ.ญ.", TITLE_ABBREV},
    {"นายแพทย์", TITLE_WORD},
    {"แพทย์หญิง", TITLE_WORD},
    /* royal and conferred */
    {"ม.จ.", TITLE_ABBREV},
    {"ม.ร.ว.", TITLE_ABBREV},
    {"ม.ล.", TITLE_ABBREV},
    {"หม่อมเจ้า", TITLE_WORD},
    {"หม่อมราชวงศ์", TITLE_WORD},
    {"หม่อมหลวง", TITLE_WORD},
    {"คุณหญิง", TITLE_WORD},
    {"ท่านผู้หญิง", TITLE_WORD},
    /* religious */
    {"พระ", TITLE_WORD},
    {"พระครู", TITLE_WORD},
    {"พระมหา", TITLE_WORD},
    {"พระอธิการ", TITLE_WORD},
    {"พระปลัด", TITLE_WORD},
    {"พระสมุห์", TITLE_WORD},
    {"พระใบฎีกา", TITLE_WORD},
    {"เจ้าอธิการ", TITLE_WORD},
    {"หลวงพ่อ", TITLE_WORD},
    {"หลวงพี่", TITLE_WORD},
    {"หลวงตา", TITLE_WORD},
    {"ครูบา", TITLE_WORD},
    {"สามเณร", TITLE_WORD},
    {"แม่ชี", TITLE_WORD},
    /* local government and office */
    {"ผู้ใหญ่", TITLE_WORD},
    {"ผู้ใหญ่บ้าน", TITLE_WORD},
    {"ผู้ช่วยผู้ใหญ่บ้าน", TITLE_WORD},
    {"กำนัน", TITLE_WORD},
    {"ปลัด", TITLE_WORD},
    {"พ่อหลวง", TITLE_WORD},
    {"ส.ส.", TITLE_ABBREV},
    {"ส.ว.", TITLE_ABBREV},
    /* informal: spaced, or glued where the dictionary ends a word */
    {"คุณ", TITLE_INFORMAL},
    {"พี่", TITLE_INFORMAL},
    {"น้อง", TITLE_INFORMAL},
    {"ครู", TITLE_INFORMAL},
    {"หมอ", TITLE_INFORMAL},
    {"ท่าน", TITLE_INFORMAL},
    {"ป้า", TITLE_INFORMAL},
    {"ลุง", TITLE_INFORMAL},
    {"น้า", TITLE_INFORMAL},
    {"ยาย", TITLE_INFORMAL},
    {"แม่", TITLE_INFORMAL},
    {"พ่อ", TITLE_INFORMAL},
    {"เจ๊", TITLE_INFORMAL},
    {"เฮีย", TITLE_INFORMAL},
    {"คุณหมอ", TITLE_INFORMAL},
    {"คุณครู", TITLE_INFORMAL},
    {"คุณป้า", TITLE_INFORMAL},
    {"คุณลุง", TITLE_INFORMAL},
    {"คุณน้า", TITLE_INFORMAL},
    {"คุณอา", TITLE_INFORMAL},
    {"คุณยาย", TITLE_INFORMAL},
    {"คุณตา", TITLE_INFORMAL},
    {"คุณพ่อ", TITLE_INFORMAL},
    {"คุณแม่", TITLE_INFORMAL},
    {"พี่หมอ", TITLE_INFORMAL},
    /* only before a space */
    {"นายก", TITLE_SPACED},
    {"อา", TITLE_SPACED},
    {"ตา", TITLE_SPACED},
    /* army */
    {"ว่าที่", TITLE_PREFIX},
    {"พล.อ.", TITLE_RANK},
    {"พล.ท.", TITLE_RANK},
    {"พล.ต.", TITLE_RANK},
    {"พ.อ.", TITLE_RANK},
    {"พ.ท.", TITLE_RANK},
    {"พ.ต.", TITLE_RANK},
    {"ร.อ.", TITLE_RANK},
    {"ร.ท.", TITLE_RANK},
    {"ร.ต.", TITLE_RANK},
    {"จ.ส.อ.", TITLE_RANK},
    {"จ.ส.ท.", TITLE_RANK},
    {"จ.ส.ต.", TITLE_RANK},
    {"ส.อ.", TITLE_RANK},
    {"ส.ท.", TITLE_RANK},
    {"ส.ต.", TITLE_RANK},
    {"พลฯ", TITLE_RANK},
    {"พลเอก", TITLE_RANK},
    {"พลโท", TITLE_RANK},
    {"พลตรี", TITLE_RANK},
    {"พันเอก", TITLE_RANK},
    {"พันโท", TITLE_RANK},
    {"พันตรี", TITLE_RANK},
    {"ร้อยเอก", TITLE_RANK},
    {"ร้อยโท", TITLE_RANK},
    {"ร้อยตรี", TITLE_RANK},
    {"จ่าสิบเอก", TITLE_RANK},
    {"จ่าสิบโท", TITLE_RANK},
    {"จ่าสิบตรี", TITLE_RANK},
    {"สิบเอก", TITLE_RANK},
    {"สิบโท", TITLE_RANK},
    {"สิบตรี", TITLE_RANK},
    {"พลทหาร", TITLE_RANK},
    /* police */
    {"พล.ต.อ.", TITLE_RANK},
    {"พล.ต.ท.", TITLE_RANK},
    {"พล.ต.ต.", TITLE_RANK},
    {"พ.ต.อ.", TITLE_RANK},
    {"พ.ต.ท.", TITLE_RANK},
    {"พ.ต.ต.", TITLE_RANK},
    {"ร.ต.อ.", TITLE_RANK},
    {"ร.ต.ท.", TITLE_RANK},
    {"ร.ต.ต.", TITLE_RANK},
    {"ด.ต.", TITLE_RANK},
    {"ส.ต.อ.", TITLE_RANK},
    {"ส.ต.ท.", TITLE_RANK},
    {"ส.ต.ต.", TITLE_RANK},
    {"พลตำรวจเอก", TITLE_RANK},
    {"พลตำรวจโท", TITLE_RANK},
    {"พลตำรวจตรี", TITLE_RANK},
    {"พันตำรวจเอก", TITLE_RANK},
    {"พันตำรวจโท", TITLE_RANK},
    {"พันตำรวจตรี", TITLE_RANK},
    {"ร้อยตำรวจเอก", TITLE_RANK},
    {"ร้อยตำรวจโท", TITLE_RANK},
    {"ร้อยตำรวจตรี", TITLE_RANK},
    {"ดาบตำรวจ", TITLE_RANK},
    {"จ่าสิบตำรวจ", TITLE_RANK},
    {"สิบตำรวจเอก", TITLE_RANK},
    {"สิบตำรวจโท", TITLE_RANK},
    {"สิบตำรวจตรี", TITLE_RANK},
    {"พลตำรวจ", TITLE_RANK},
    /* navy and air force */
    {"พล.ร.อ.", TITLE_RANK},
    {"พล.ร.ท.", TITLE_RANK},
    {"พล.ร.ต.", TITLE_RANK},
    {"พล.อ.อ.", TITLE_RANK},
    {"พล.อ.ท.", TITLE_RANK},
    {"พล.อ.ต.", TITLE_RANK},
    {"น.อ.", TITLE_RANK},
    {"น.ท.", TITLE_RANK},
    {"น.ต.", TITLE_RANK},
    {"พ.จ.อ.", TITLE_RANK},
    {"พ.จ.ท.", TITLE_RANK},
    {"พ.จ.ต.", TITLE_RANK},
    {"พ.อ.อ.", TITLE_RANK},
    {"พ.อ.ท.", TITLE_RANK},
    {"พ.อ.ต.", TITLE_RANK},
    {"จ.อ.", TITLE_RANK},
    {"จ.ท.", TITLE_RANK},
    {"จ.ต.", TITLE_RANK},
    {"พลเรือเอก", TITLE_RANK},
    {"พลเรือโท", TITLE_RANK},
    {"พลเรือตรี", TITLE_RANK},
    {"นาวาเอก", TITLE_RANK},
    {"นาวาโท", TITLE_RANK},
    {"นาวาตรี", TITLE_RANK},
    {"เรือเอก", TITLE_RANK},
    {"เรือโท", TITLE_RANK},
    {"เรือตรี", TITLE_RANK},
    {"พลอากาศเอก", TITLE_RANK},
    {"พลอากาศโท", TITLE_RANK},
    {"พลอากาศตรี", TITLE_RANK},
    {"นาวาอากาศเอก", TITLE_RANK},
    {"นาวาอากาศโท", TITLE_RANK},
    {"นาวาอากาศตรี", TITLE_RANK},
    {"เรืออากาศเอก", TITLE_RANK},
    {"เรืออากาศโท", TITLE_RANK},
    {"เรืออากาศตรี", TITLE_RANK},
};

/* Matched without regard to ASCII case, each with an optional dot. */
static const char *const english_titles[] = {"mr", "mrs", "ms", "miss", "dr", "prof"};

static const char female_suffix[] = "หญิง";

/* One title part found in the text: how many bytes it covers and how it may be used. */
struct part {
    size_t len;
    enum title_kind kind;
    bool abbreviated; /* ends in a dot (or ฯ): safe to glue and to combine */
    bool english;
};

static bool is_space_or_end(char c)
{
    return c == ' ' || c == '\0';
}

/* The Thai code point (U+0E00-U+0E7F) that s starts with, or 0. Reads no byte past a NUL. */
static uint32_t thai_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] != 0xE0 || (u[1] != 0xB8 && u[1] != 0xB9) || u[2] < 0x80 || u[2] > 0xBF) return 0;
    return 0x0E00u + (uint32_t)(u[1] - 0xB8) * 64u + (uint32_t)(u[2] - 0x80);
}

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Past the UTF-8 character at s (which is not at the end). */
static const char *next_char(const char *s)
{
    s++;
    while (((unsigned char)*s & 0xC0) == 0x80)
        s++;
    return s;
}

/* True when s begins the way a name can: a Thai consonant or leading vowel (เ แ โ ใ ไ) or a
 * Latin letter. A following vowel, tone mark, digit or punctuation cannot start a name. */
static bool starts_name(const char *s)
{
    uint32_t cp = thai_at(s);
    if (cp) return (cp >= 0x0E01 && cp <= 0x0E2E) || (cp >= 0x0E40 && cp <= 0x0E44);
    return is_ascii_letter(*s);
}

/* Stricter, for the name left after cutting off a glued word title: it must also be at least
 * two characters long and its first consonant must not be silenced by ์ (U+0E4C). */
static bool starts_glued_name(const char *s)
{
    if (!starts_name(s)) return false;
    const char *second = next_char(s);
    return !is_space_or_end(*second) && thai_at(second) != 0x0E4C;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* True when the word s begins is a listed title and nothing more: "คุณหมอ" alone is a name
 * (or a nickname), not คุณ + หมอ. The short titles that are common nicknames (ตา, อา) are
 * names here: "พี่ตา" is พี่ + ตา. */
static bool is_bare_title(const char *s)
{
    for (size_t i = 0; i < sizeof thai_titles / sizeof thai_titles[0]; i++) {
        size_t n = strlen(thai_titles[i].text);
        if (thai_titles[i].kind != TITLE_SPACED && starts_with(s, thai_titles[i].text) &&
            is_space_or_end(s[n]))
            return true;
    }
    return false;
}

/* True when libthai's dictionary, reading the word s begins (up to a space), ends a word
 * after its first n bytes: "พี่|ปิยะ|ชีพ" after พี่, but not "คุณวุฒิ" after คุณ. */
static bool word_ends_after(const char *s, size_t n)
{
    size_t at[16];
    size_t found = text_word_breaks(s, strcspn(s, " "), at, sizeof at / sizeof at[0]);
    for (size_t i = 0; i < found && at[i] <= n; i++)
        if (at[i] == n) return true;
    return false;
}

/* The English title at s, with its dot if typed, or a part of len 0. */
static struct part english_at(const char *s)
{
    struct part best = {0};
    for (size_t i = 0; i < sizeof english_titles / sizeof english_titles[0]; i++) {
        const char *t = english_titles[i];
        size_t n = 0;
        while (t[n] && ascii_lower(s[n]) == t[n])
            n++;
        if (t[n] || n <= best.len) continue;
        struct part p = {n, TITLE_WORD, s[n] == '.', true};
        if (p.abbreviated) p.len++;
        /* without its dot it must stand alone, so "Drew" is not Dr + ew */
        if (p.abbreviated || is_space_or_end(s[n])) best = p;
    }
    return best;
}

static bool find_part(const char *s, const struct part *prev, bool whole, struct part *out);

/* Whether candidate c, found at s after prev (NULL for the first part), is a title here.
 * whole: s is meant to be titles only (name_is_title), so glued text after c is left for
 * the caller to judge. */
static bool part_fits(const char *s, const struct part *c, const struct part *prev, bool whole)
{
    if (prev && prev->kind == TITLE_PREFIX && c->kind != TITLE_RANK) return false;
    if (prev && prev->kind != TITLE_PREFIX && !c->abbreviated && !c->english) return false;
    const char *rest = s + c->len;
    if (c->kind == TITLE_PREFIX) {
        struct part rank;
        return find_part(*rest == ' ' ? rest + 1 : rest, c, whole, &rank);
    }
    if (c->kind == TITLE_SPACED || c->kind == TITLE_INFORMAL) {
        if (*rest == ' ' || (whole && *rest == '\0')) return true;
        return c->kind == TITLE_INFORMAL && starts_glued_name(rest) && !is_bare_title(rest) &&
               word_ends_after(s, c->len);
    }
    if (is_space_or_end(*rest) || whole) return true;
    return c->abbreviated ? starts_name(rest) : starts_glued_name(rest);
}

/* A rank followed by หญิง (a woman officer) takes it into the title. */
static void take_female_suffix(const char *s, struct part *p, bool whole)
{
    const char *rest = s + p->len;
    if (p->kind != TITLE_RANK || !starts_with(rest, female_suffix)) return;
    const char *after = rest + strlen(female_suffix);
    if (whole || is_space_or_end(*after) || starts_glued_name(after))
        p->len += strlen(female_suffix);
}

/* The longest title part at s that fits; false when there is none. */
static bool find_part(const char *s, const struct part *prev, bool whole, struct part *out)
{
    struct part best = english_at(s);
    if (best.len && !part_fits(s, &best, prev, whole)) best.len = 0;
    for (size_t i = 0; i < sizeof thai_titles / sizeof thai_titles[0]; i++) {
        const struct title *t = &thai_titles[i];
        size_t n = strlen(t->text);
        if (n <= best.len || !starts_with(s, t->text)) continue;
        const char *last = t->text + n - 1;
        bool abbreviated = *last == '.' || (n >= 3 && thai_at(last - 2) == 0x0E2F);
        struct part c = {n, t->kind, abbreviated, false};
        if (part_fits(s, &c, prev, whole)) best = c;
    }
    if (!best.len) return false;
    take_female_suffix(s, &best, whole);
    *out = best;
    return true;
}

/* Thai parts join without a space ("ผศ.ดร.", "ว่าที่ร.ต."); a whole-word title or an
 * English one keeps its space. */
static bool space_between(const struct part *prev, const struct part *next)
{
    if (prev->english || next->english) return true;
    return prev->kind != TITLE_PREFIX && !prev->abbreviated;
}

/* Reads the titles at the start of s into *title (NULL when none) and returns the byte
 * offset where they end. */
static size_t read_titles(const char *s, bool whole, char **title)
{
    struct strbuf sb = STRBUF_INIT;
    struct part prev = {0};
    bool any = false;
    size_t end = 0;
    for (;;) {
        size_t at = any && s[end] == ' ' ? end + 1 : end;
        struct part p;
        if (!find_part(s + at, any ? &prev : NULL, whole, &p)) break;
        if (any && space_between(&prev, &p)) sb_addc(&sb, ' ');
        sb_addn(&sb, s + at, p.len);
        end = at + p.len;
        prev = p;
        any = true;
    }
    *title = any ? sb_take(&sb) : NULL;
    sb_free(&sb);
    return end;
}

int name_split(const char *full, struct person_name *out)
{
    out->title = out->given = out->family = NULL;
    if (!full) return -1;
    char *s = text_normalize(full, 0);
    char *title;
    const char *rest = s + read_titles(s, false, &title);
    if (*rest == ' ') rest++;
    if (!*rest) {
        free(title);
        free(s);
        return -1;
    }
    const char *gap = strchr(rest, ' ');
    out->title = title;
    out->given = gap ? xstrndup(rest, (size_t)(gap - rest)) : xstrdup(rest);
    out->family = gap ? xstrdup(gap + 1) : NULL;
    free(s);
    return 0;
}

void person_name_free(struct person_name *n)
{
    if (!n) return;
    free(n->title);
    free(n->given);
    free(n->family);
    n->title = n->given = n->family = NULL;
}

bool name_is_title(const char *s)
{
    if (!s) return false;
    char *clean = text_normalize(s, 0);
    char *title;
    size_t end = read_titles(clean, true, &title);
    bool whole = title && clean[end] == '\0';
    free(title);
    free(clean);
    return whole;
}
