/* Reading and writing dates and times the way Thai civil-society networks write them. */
#include "thaidate.h"
#include "calendar.h"
#include "messages.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Nobody writes a date or time this long; refusing longer input bounds all the work below
 * and lets every buffer live on the stack. */
#define MAX_INPUT 512
#define MAX_TOKENS 48

static const struct date no_date = {0, 0, 0};

/* ---- The calendar ---- */

/* Years stop at 9999 so that the stored YYYY-MM-DD form always sorts as text. */
bool date_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= calendar_days_in_month(year, month);
}

int date_cmp(struct date a, struct date b)
{
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    if (a.month != b.month) return a.month < b.month ? -1 : 1;
    if (a.day != b.day) return a.day < b.day ? -1 : 1;
    return 0;
}

struct date date_today(void)
{
    time_t now = time(NULL);
    struct tm local;
    if (now == (time_t)-1 || !localtime_r(&now, &local)) return no_date;
    return (struct date){local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

/* An invalid date, or a result outside years 1-9999, gives no date. */
struct date date_add_months(struct date d, int n)
{
    if (!date_valid(d.year, d.month, d.day)) return no_date;
    long long months = (long long)d.year * 12 + (d.month - 1) + n;
    if (months < 12 || months > 9999LL * 12 + 11) return no_date;
    struct date r = {(int)(months / 12), (int)(months % 12) + 1, d.day};
    int last = calendar_days_in_month(r.year, r.month);
    if (r.day > last) r.day = last;
    return r;
}

/* ---- Names ---- */

static const char *const thai_month_abbr[12] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                                "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};
static const char *const thai_month_names[12] = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",    "เมษายน",
                                                 "พฤษภาคม", "มิถุนายน",  "กรกฎาคม",  "สิงหาคม",
                                                 "กันยายน",  "ตุลาคม",   "พฤศจิกายน", "ธันวาคม"};
static const char *const english_month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
static const char *const thai_weekday_names[7] = {"อาทิตย์",  "จันทร์", "อังคาร", "พุธ",
                                                  "พฤหัสบดี", "ศุกร์",  "เสาร์"};
static const char *const english_weekday_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
static const char *const english_month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* What the tokenizer turns the input into. */
enum tok_kind {
    T_END,
    T_NUM,
    T_SLASH,
    T_DOT,
    T_COLON,
    T_DASH,
    T_MONTH,   /* value 1-12 */
    T_WEEKDAY, /* value 0 = Sunday */
    T_ERA_BE,  /* พ.ศ. */
    T_ERA_CE,  /* ค.ศ. */
    T_OCLOCK,  /* น. after a time */
    T_AMPM,    /* AM (value 0) or PM (value 1) after a time, as spreadsheets write it */
    T_FILLER   /* วัน, ที่ ...: carry no meaning, dropped */
};

struct token {
    enum tok_kind kind;
    int value;  /* for T_NUM only the first 9 digits count; see digits */
    int digits; /* how many digits were written, however many */
};

static const struct token no_token = {T_END, 0, 0};

struct word {
    const char *text;
    enum tok_kind kind;
    int value;
};

/* Thai words with their dots taken out, so that ก.ค., กค. and ก.ค all read as กค. */
static const struct word thai_words[] = {
    {"มกราคม", T_MONTH, 1},    {"มค", T_MONTH, 1},         /* January */
    {"กุมภาพันธ์", T_MONTH, 2},   {"กพ", T_MONTH, 2},         /* February */
    {"กุมภาพันธ", T_MONTH, 2},                               /* ... its final mark often lost */
    {"มีนาคม", T_MONTH, 3},     {"มีค", T_MONTH, 3},         /* March */
    {"เมษายน", T_MONTH, 4},    {"เมย", T_MONTH, 4},        /* April */
    {"พฤษภาคม", T_MONTH, 5},   {"พค", T_MONTH, 5},         /* May */
    {"มิถุนายน", T_MONTH, 6},    {"มิย", T_MONTH, 6},         /* June */
    {"กรกฎาคม", T_MONTH, 7},   {"กค", T_MONTH, 7},         /* July */
    {"กรกฏาคม", T_MONTH, 7},                               /* ... and its common misspelling */
    {"สิงหาคม", T_MONTH, 8},    {"สค", T_MONTH, 8},         /* August */
    {"กันยายน", T_MONTH, 9},    {"กย", T_MONTH, 9},         /* September */
    {"ตุลาคม", T_MONTH, 10},    {"ตค", T_MONTH, 10},        /* October */
    {"พฤศจิกายน", T_MONTH, 11}, {"พย", T_MONTH, 11},        /* November */
    {"ธันวาคม", T_MONTH, 12},   {"ธค", T_MONTH, 12},        /* December */
    {"อาทิตย์", T_WEEKDAY, 0},                               /* Sunday */
    {"จันทร์", T_WEEKDAY, 1},                                /* Monday */
    {"อังคาร", T_WEEKDAY, 2},                               /* Tuesday */
    {"พุธ", T_WEEKDAY, 3},                                  /* Wednesday */
    {"พฤหัสบดี", T_WEEKDAY, 4},  {"พฤหัส", T_WEEKDAY, 4},     /* Thursday */
    {"ศุกร์", T_WEEKDAY, 5},                                 /* Friday */
    {"เสาร์", T_WEEKDAY, 6},                                /* Saturday */
    {"พศ", T_ERA_BE, 0},       {"พุทธศักราช", T_ERA_BE, 0},  /* Buddhist Era */
    {"คศ", T_ERA_CE, 0},       {"คริสต์ศักราช", T_ERA_CE, 0}, /* Christian Era */
    {"วัน", T_FILLER, 0},       {"ที่", T_FILLER, 0}, /* day, the (วันพุธที่ 21) */
    {"ระหว่าง", T_FILLER, 0},   {"เวลา", T_FILLER, 0},  /* between, at time */
    {"ถึง", T_DASH, 0},         {"จนถึง", T_DASH, 0},    /* to, until */
    {"น", T_OCLOCK, 0},        {"นาฬิกา", T_OCLOCK, 0}, /* o'clock */
    {"ก่อนเที่ยง", T_AMPM, 0},    {"หลังเที่ยง", T_AMPM, 1}, /* AM, PM as Thai Excel writes them */
};

/* English words, lower case with dots taken out. */
static const struct word english_words[] = {
    {"jan", T_MONTH, 1},        {"january", T_MONTH, 1},    {"feb", T_MONTH, 2},
    {"february", T_MONTH, 2},   {"mar", T_MONTH, 3},        {"march", T_MONTH, 3},
    {"apr", T_MONTH, 4},        {"april", T_MONTH, 4},      {"may", T_MONTH, 5},
    {"jun", T_MONTH, 6},        {"june", T_MONTH, 6},       {"jul", T_MONTH, 7},
    {"july", T_MONTH, 7},       {"aug", T_MONTH, 8},        {"august", T_MONTH, 8},
    {"sep", T_MONTH, 9},        {"sept", T_MONTH, 9},       {"september", T_MONTH, 9},
    {"oct", T_MONTH, 10},       {"october", T_MONTH, 10},   {"nov", T_MONTH, 11},
    {"november", T_MONTH, 11},  {"dec", T_MONTH, 12},       {"december", T_MONTH, 12},
    {"sun", T_WEEKDAY, 0},      {"sunday", T_WEEKDAY, 0},   {"mon", T_WEEKDAY, 1},
    {"monday", T_WEEKDAY, 1},   {"tue", T_WEEKDAY, 2},      {"tues", T_WEEKDAY, 2},
    {"tuesday", T_WEEKDAY, 2},  {"wed", T_WEEKDAY, 3},      {"wednesday", T_WEEKDAY, 3},
    {"thu", T_WEEKDAY, 4},      {"thur", T_WEEKDAY, 4},     {"thurs", T_WEEKDAY, 4},
    {"thursday", T_WEEKDAY, 4}, {"fri", T_WEEKDAY, 5},      {"friday", T_WEEKDAY, 5},
    {"sat", T_WEEKDAY, 6},      {"saturday", T_WEEKDAY, 6}, {"be", T_ERA_BE, 0},
    {"ad", T_ERA_CE, 0},        {"ce", T_ERA_CE, 0},        {"to", T_DASH, 0},
    {"am", T_AMPM, 0},          {"pm", T_AMPM, 1},
};

/* ---- Error messages ---- */

/* Drops a UTF-8 sequence that truncation cut in half at the end of s. */
static void drop_cut_character(char *s)
{
    size_t len = strlen(s), start = len;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0) return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (start - 1) < need) s[start - 1] = '\0';
}

/* Writes `what: "input"` into err, cut at a character boundary when it does not fit. */
static void set_error(char *err, size_t errlen, const char *what, const char *input)
{
    if (!err || errlen == 0) return;
    int n = snprintf(err, errlen, "%s: \"%s\"", what, input ? input : "");
    if (n < 0)
        err[0] = '\0';
    else if ((size_t)n >= errlen)
        drop_cut_character(err);
}

static void clear_error(char *err, size_t errlen)
{
    if (err && errlen > 0) err[0] = '\0';
}

/* ---- Tolerance: one plain spelling for the many ways the same text arrives ---- */

enum { KEEP = -1, DROP = 0 };

/* The ASCII byte a character stands for here, DROP for invisible ones, or KEEP. */
static int plain_form(long cp)
{
    if (cp >= 0x0E50 && cp <= 0x0E59) /* Thai digits */
        return '0' + (int)(cp - 0x0E50);
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
        (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return ' ';
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
        return DROP;
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 ||
        cp == 0xFF0D || cp == '~')
        return '-';
    return KEEP;
}

/* Copies s into out (MAX_INPUT + 1 bytes) in plain form; false when s is too long. The
 * result is never longer than s, since every replacement is a single byte or nothing. */
static bool plain_copy(const char *s, char *out)
{
    size_t len = 0;
    while (len <= MAX_INPUT && s[len])
        len++;
    if (len > MAX_INPUT) return false;
    size_t n = 0;
    for (size_t at = 0; at < len;) {
        uint32_t cp;
        size_t used = utf8_decode(s + at, len - at, &cp);
        /* A malformed byte decodes as U+FFFD, which plain_form keeps as it was. */
        int plain = plain_form((long)cp);
        if (plain == KEEP) {
            memcpy(out + n, s + at, used);
            n += used;
        } else if (plain != DROP) {
            out[n++] = (char)plain;
        }
        at += used;
    }
    out[n] = '\0';
    return true;
}

/* ---- Tokens ---- */

struct tokens {
    struct token t[MAX_TOKENS];
    size_t n; /* t[n] is always T_END */
};

static bool push_token(struct tokens *ts, enum tok_kind kind, int value, int digits)
{
    if (kind == T_FILLER) return true;
    if (ts->n + 1 >= MAX_TOKENS) /* keep the last slot for T_END */
        return false;
    ts->t[ts->n++] = (struct token){kind, value, digits};
    return true;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character of the Thai block (U+0E00-U+0E7F), which UTF-8 writes as E0 B8/B9 xx. */
static bool is_thai_at(const unsigned char *p)
{
    return p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9) && (p[2] & 0xC0) == 0x80;
}

/* Thai is written without spaces (วันพุธที่21), so a run of Thai letters is cut into the
 * longest known words from the left. */
static bool split_thai_run(const char *letters, size_t len, struct tokens *ts)
{
    size_t i = 0;
    while (i < len) {
        const struct word *best = NULL;
        size_t best_len = 0;
        for (size_t w = 0; w < sizeof thai_words / sizeof thai_words[0]; w++) {
            size_t wlen = strlen(thai_words[w].text);
            if (wlen > best_len && wlen <= len - i &&
                memcmp(letters + i, thai_words[w].text, wlen) == 0) {
                best = &thai_words[w];
                best_len = wlen;
            }
        }
        if (!best || !push_token(ts, best->kind, best->value, 0)) return false;
        i += best_len;
    }
    return true;
}

static bool read_thai_run(const unsigned char **pp, struct tokens *ts)
{
    char letters[MAX_INPUT + 1];
    size_t n = 0;
    const unsigned char *p = *pp;
    while (*p == '.' || is_thai_at(p)) {
        if (*p == '.') {
            p++;
            continue;
        }
        memcpy(letters + n, p, 3);
        n += 3;
        p += 3;
    }
    *pp = p;
    return split_thai_run(letters, n, ts);
}

static bool read_english_word(const unsigned char **pp, struct tokens *ts)
{
    char word[16];
    size_t n = 0;
    bool too_long = false;
    const unsigned char *p = *pp;
    for (; *p == '.' || is_letter(*p); p++) {
        if (*p == '.') continue;
        if (n + 1 < sizeof word)
            word[n++] = (char)(*p | 0x20); /* ASCII lower case, whatever the locale */
        else
            too_long = true;
    }
    word[n] = '\0';
    *pp = p;
    if (too_long) return false;
    for (size_t w = 0; w < sizeof english_words / sizeof english_words[0]; w++)
        if (strcmp(word, english_words[w].text) == 0)
            return push_token(ts, english_words[w].kind, english_words[w].value, 0);
    return false;
}

static bool read_number(const unsigned char **pp, struct tokens *ts)
{
    int value = 0, digits = 0;
    const unsigned char *p = *pp;
    for (; is_digit(*p); p++, digits++)
        if (digits < 9) /* more cannot overflow an int; digits tells the caller */
            value = value * 10 + (*p - '0');
    *pp = p;
    return push_token(ts, T_NUM, value, digits);
}

static enum tok_kind punctuation_kind(unsigned char c)
{
    switch (c) {
    case '/':
        return T_SLASH;
    case '.':
        return T_DOT;
    case ':':
        return T_COLON;
    case '-':
        return T_DASH;
    default:
        return T_END;
    }
}

/* Splits plain text into tokens; false on anything not understood. */
static bool tokenize(const char *text, struct tokens *ts)
{
    const unsigned char *p = (const unsigned char *)text;
    bool ok = true;
    ts->n = 0;
    while (ok && *p) {
        if (*p == ' ' || *p == ',') {
            p++;
        } else if (is_digit(*p)) {
            ok = read_number(&p, ts);
        } else if (is_thai_at(p)) {
            ok = read_thai_run(&p, ts);
        } else if (is_letter(*p)) {
            ok = read_english_word(&p, ts);
        } else if (punctuation_kind(*p) != T_END) {
            ok = push_token(ts, punctuation_kind(*p), 0, 0);
            p++;
        } else {
            ok = false;
        }
    }
    ts->t[ts->n] = no_token;
    return ok;
}

struct cursor {
    const struct tokens *ts;
    size_t i;
};

static enum tok_kind peek(const struct cursor *c, size_t ahead)
{
    size_t j = c->i + ahead;
    return j < c->ts->n ? c->ts->t[j].kind : T_END;
}

static struct token take(struct cursor *c)
{
    struct token t = c->ts->t[c->i];
    if (c->i < c->ts->n) c->i++;
    return t;
}

/* Reads the text into tokens with the cursor at the first. */
static bool start_reading(const char *s, struct tokens *ts, struct cursor *c)
{
    char text[MAX_INPUT + 1];
    c->ts = ts;
    c->i = 0;
    ts->n = 0;
    ts->t[0] = no_token;
    return s && plain_copy(s, text) && tokenize(text, ts);
}

/* ---- Dates as written ---- */

/* The pieces of one date as written, before their numbers are checked. */
struct written_date {
    struct token day, month, year; /* kind T_END: not written */
    enum tok_kind era;             /* T_ERA_BE, T_ERA_CE or T_END */
    int weekday;                   /* -1: not written */
};

/* [พ.ศ.|ค.ศ.] [year] after a month. */
static bool read_year_part(struct cursor *c, struct written_date *w)
{
    if (peek(c, 0) == T_ERA_BE || peek(c, 0) == T_ERA_CE) {
        w->era = take(c).kind;
        if (peek(c, 0) != T_NUM) return false;
    }
    if (peek(c, 0) == T_NUM) w->year = take(c);
    return true;
}

/* Whether the number just read starts d/m[/y], d.m.y or y-m-d (a lone dash after a number
 * is a range instead: 24-25 มี.ค.). */
static bool numeric_date_follows(const struct cursor *c)
{
    enum tok_kind sep = peek(c, 0);
    if (sep == T_SLASH || sep == T_DOT) return peek(c, 1) == T_NUM;
    return sep == T_DASH && peek(c, 1) == T_NUM && peek(c, 2) == T_DASH && peek(c, 3) == T_NUM;
}

/* The rest of an all-number date after its first number. Day first unless the first number
 * has three or more digits (a year: 2010-07-21); d/m may leave out the year. */
static bool read_numeric_date(struct cursor *c, struct written_date *w, struct token first)
{
    enum tok_kind sep = take(c).kind;
    struct token second = take(c), third = no_token;
    if (peek(c, 0) == sep && peek(c, 1) == T_NUM) {
        take(c);
        third = take(c);
    } else if (sep != T_SLASH) {
        return false;
    }
    if (third.kind == T_NUM && first.digits >= 3) {
        w->year = first;
        w->month = second;
        w->day = third;
    } else {
        w->day = first;
        w->month = second;
        w->year = third;
    }
    return true;
}

/* One date of a range: [weekday] day month [era] [year], day/month[/year], year-month-day,
 * month day [year] (English order), or a bare day (only before a dash). */
static bool read_written_date(struct cursor *c, struct written_date *w)
{
    *w = (struct written_date){no_token, no_token, no_token, T_END, -1};
    while (peek(c, 0) == T_WEEKDAY) {
        int weekday = take(c).value;
        if (w->weekday >= 0 && w->weekday != weekday) return false;
        w->weekday = weekday;
    }
    if (peek(c, 0) == T_MONTH) {
        w->month = take(c);
        /* A longer number after the month is a year with no day (ก.ค. 2553): not a date. */
        if (peek(c, 0) != T_NUM || c->ts->t[c->i].digits > 2) return false;
        w->day = take(c);
        return read_year_part(c, w);
    }
    if (peek(c, 0) != T_NUM) return false;
    struct token first = take(c);
    if (numeric_date_follows(c)) return read_numeric_date(c, w, first);
    w->day = first;
    if (peek(c, 0) == T_MONTH) {
        w->month = take(c);
        return read_year_part(c, w);
    }
    return true;
}

/* ---- Dates checked ---- */

/* A date with its numbers checked; month and year are 0 when not written. */
struct partial_date {
    int day, month, year, weekday;
};

/* Years >= 2400 are Buddhist Era, 1000-2399 Christian Era, two digits Buddhist Era (53 is
 * 2553); พ.ศ. or ค.ศ. written before the year says which outright. */
static bool read_year(struct token t, enum tok_kind era, int *year)
{
    *year = 0;
    if (t.kind == T_END) return true;
    if (t.digits != 2 && t.digits != 4) return false;
    int y = t.value;
    if (era == T_ERA_CE) {
        if (t.digits != 4) return false;
    } else if (t.digits == 2) {
        y = 2500 + y - 543;
    } else if (era == T_ERA_BE || y >= 2400) {
        y -= 543;
    } else if (y < 1000) {
        return false;
    }
    *year = y;
    return y >= 1 && y <= 9999;
}

/* False when the numbers cannot be a date in any year (32/1, month 13, 30 ก.พ.). */
static bool check_written_date(const struct written_date *w, struct partial_date *d)
{
    d->weekday = w->weekday;
    d->day = w->day.value;
    d->month = 0;
    if (w->day.digits > 2 || d->day < 1 || d->day > 31) return false;
    if (w->month.kind == T_MONTH) {
        d->month = w->month.value;
    } else if (w->month.kind == T_NUM) {
        if (w->month.digits > 2 || w->month.value < 1 || w->month.value > 12) return false;
        d->month = w->month.value;
    }
    if (d->month && d->day > calendar_days_in_month(2000, d->month)) /* 2000 was a leap year */
        return false;
    return read_year(w->year, w->era, &d->year);
}

enum outcome { READ_OK, NOT_READABLE, IMPOSSIBLE, REVERSED, WRONG_WEEKDAY };

/* The first day/month on or after from; the search spans eight years so 29 ก.พ. finds a
 * leap year. */
static bool first_on_or_after(int day, int month, struct date from, struct date *out)
{
    for (int y = from.year; y <= from.year + 8; y++) {
        struct date d = {y, month, day};
        if (date_valid(y, month, day) && date_cmp(d, from) >= 0) {
            *out = d;
            return true;
        }
    }
    return false;
}

static bool exact_date(struct partial_date p, struct date *out)
{
    if (!date_valid(p.year, p.month, p.day)) return false;
    *out = (struct date){p.year, p.month, p.day};
    return true;
}

/* A contradicting weekday (วันจันทร์ที่ 21 ก.ค. 2553 was a Wednesday) is an error: the
 * writer got the day or the weekday wrong, and guessing which would hide it. */
static bool weekday_agrees(struct partial_date p, struct date d)
{
    return p.weekday < 0 || calendar_weekday(d) == p.weekday;
}

static enum outcome resolve_single(struct partial_date a, struct date today, struct date *start)
{
    bool found = a.year ? exact_date(a, start) : first_on_or_after(a.day, a.month, today, start);
    if (!found) return IMPOSSIBLE;
    return weekday_agrees(a, *start) ? READ_OK : WRONG_WEEKDAY;
}

/* The start takes the end's month when it has none (24-25 มี.ค.) and the end's year when it
 * has none, a year earlier when its month comes later (28 ธ.ค. - 3 ม.ค. 2553). With no year
 * at all the range is the first whose end is on or after today; an end with no year after a
 * start with one is the first such day on or after the start. */
static enum outcome resolve_range(struct partial_date a, struct partial_date b, struct date today,
                                  struct date *start, struct date *end)
{
    bool month_shared = a.month == 0;
    if (month_shared) a.month = b.month;
    if (a.year && !b.year) {
        if (!exact_date(a, start) || !first_on_or_after(b.day, b.month, *start, end))
            return IMPOSSIBLE;
    } else {
        bool found = b.year ? exact_date(b, end) : first_on_or_after(b.day, b.month, today, end);
        if (!found) return IMPOSSIBLE;
        if (!a.year) a.year = end->year - (!month_shared && a.month > b.month ? 1 : 0);
        if (!exact_date(a, start)) return IMPOSSIBLE;
    }
    if (date_cmp(*end, *start) < 0) return REVERSED;
    if (!weekday_agrees(a, *start) || !weekday_agrees(b, *end)) return WRONG_WEEKDAY;
    return READ_OK;
}

static enum outcome read_date_range(const char *s, struct date today, struct date *start,
                                    struct date *end)
{
    struct tokens ts;
    struct cursor c;
    struct written_date wa, wb = {no_token, no_token, no_token, T_END, -1};
    if (!start_reading(s, &ts, &c) || !read_written_date(&c, &wa)) return NOT_READABLE;
    bool range = peek(&c, 0) == T_DASH;
    if (range) {
        take(&c);
        if (!read_written_date(&c, &wb) || wb.month.kind == T_END) return NOT_READABLE;
    } else if (wa.month.kind == T_END) {
        return NOT_READABLE;
    }
    if (peek(&c, 0) != T_END) return NOT_READABLE;

    struct partial_date a = {0, 0, 0, -1}, b = a;
    if (!check_written_date(&wa, &a) || (range && !check_written_date(&wb, &b))) return IMPOSSIBLE;
    if (!date_valid(today.year, today.month, today.day)) today = date_today();
    if (!range) {
        enum outcome r = resolve_single(a, today, start);
        *end = *start;
        return r;
    }
    return resolve_range(a, b, today, start, end);
}

/* An invalid today means "use the clock". On error *start and *end are set to no date. */
int date_parse(const char *s, struct date today, struct date *start, struct date *end, char *err,
               size_t errlen)
{
    static const char *const messages[] = {
        [NOT_READABLE] = N_("not a date"),
        [IMPOSSIBLE] = N_("no such date"),
        [REVERSED] = N_("date range ends before it starts"),
        [WRONG_WEEKDAY] = N_("weekday does not match the date"),
    };
    struct date a = no_date, b = no_date;
    enum outcome r = read_date_range(s, today, &a, &b);
    if (r != READ_OK) {
        a = b = no_date;
        set_error(err, errlen, _(messages[r]), s);
    } else {
        clear_error(err, errlen);
    }
    if (start) *start = a;
    if (end) *end = b;
    return r == READ_OK ? 0 : -1;
}

/* ---- Months ---- */

/* [month] [พ.ศ.|ค.ศ.] year (ก.ค. 2553, July 2010), year-month or year/month (2553-07),
 * month/year (07/2553). */
static bool read_written_month(struct cursor *c, struct token *month, struct token *year,
                               enum tok_kind *era)
{
    *era = T_END;
    if (peek(c, 0) == T_MONTH) {
        *month = take(c);
        if (peek(c, 0) == T_ERA_BE || peek(c, 0) == T_ERA_CE) *era = take(c).kind;
        if (peek(c, 0) != T_NUM) return false;
        *year = take(c);
    } else if (peek(c, 0) == T_NUM) {
        struct token first = take(c);
        enum tok_kind sep = take(c).kind;
        if ((sep != T_DASH && sep != T_SLASH && sep != T_DOT) || peek(c, 0) != T_NUM) return false;
        struct token second = take(c);
        bool year_first = first.digits >= 3;
        *year = year_first ? first : second;
        *month = year_first ? second : first;
    } else {
        return false;
    }
    return peek(c, 0) == T_END;
}

static enum outcome read_month(const char *s, int *year, int *month)
{
    struct tokens ts;
    struct cursor c;
    struct token m = no_token, y = no_token;
    enum tok_kind era;
    if (!start_reading(s, &ts, &c) || !read_written_month(&c, &m, &y, &era)) return NOT_READABLE;
    if (m.kind == T_NUM && (m.digits > 2 || m.value < 1 || m.value > 12)) return IMPOSSIBLE;
    if (!read_year(y, era, year)) return IMPOSSIBLE;
    *month = m.value;
    return READ_OK;
}

int month_parse(const char *s, int *year, int *month, char *err, size_t errlen)
{
    int y = 0, m = 0;
    enum outcome r = read_month(s, &y, &m);
    if (r != READ_OK) {
        y = m = 0;
        set_error(err, errlen, r == NOT_READABLE ? _("not a month") : _("no such month"), s);
    } else {
        clear_error(err, errlen);
    }
    if (year) *year = y;
    if (month) *month = m;
    return r == READ_OK ? 0 : -1;
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int date_from_iso(const char *s, struct date *d)
{
    if (!s) return -1;
    /* Checked one byte at a time, so a short string stops at its NUL. */
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !is_digit((unsigned char)s[i])) return -1;
    }
    if (s[10] != '\0') return -1;
    struct date r = {digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2)};
    if (!date_valid(r.year, r.month, r.day)) return -1;
    if (d) *d = r;
    return 0;
}

void date_format(struct date d, enum date_style style, char *buf, size_t n)
{
    if (!buf || n == 0) return;
    buf[0] = '\0';
    if (!date_valid(d.year, d.month, d.day)) return;
    int written = 0;
    switch (style) {
    case DATE_THAI:
        written = snprintf(buf, n, "%d %s %d", d.day, thai_month_abbr[d.month - 1], d.year + 543);
        break;
    case DATE_ISO:
        written = snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
        break;
    case DATE_CE:
        written = snprintf(buf, n, "%d %s %d", d.day, english_month_abbr[d.month - 1], d.year);
        break;
    case DATE_THAI_LONG:
        written = snprintf(buf, n, "วัน%sที่ %d %s พ.ศ. %d", thai_weekday_names[calendar_weekday(d)],
                           d.day, thai_month_names[d.month - 1], d.year + 543);
        break;
    case DATE_CE_LONG:
        written = snprintf(buf, n, "%s %d %s %d", english_weekday_names[calendar_weekday(d)], d.day,
                           english_month_names[d.month - 1], d.year);
        break;
    }
    if (written < 0)
        buf[0] = '\0';
    else if ((size_t)written >= n)
        drop_cut_character(buf);
}

/* ---- Times ---- */

struct written_time {
    struct token hour, minute, second; /* kind T_END: not written */
    int ampm;                          /* -1 none, 0 AM, 1 PM */
};

/* hour[(.|:)minute[(.|:)second]] [น.|AM|PM]: LibreOffice and Excel write 09:00:00 AM. */
static bool read_written_time(struct cursor *c, struct written_time *t, bool *oclock)
{
    if (peek(c, 0) != T_NUM) return false;
    t->hour = take(c);
    t->minute = t->second = no_token;
    t->ampm = -1;
    for (int part = 0; part < 2 && (peek(c, 0) == T_DOT || peek(c, 0) == T_COLON); part++) {
        take(c);
        if (peek(c, 0) != T_NUM) return false;
        *(part == 0 ? &t->minute : &t->second) = take(c);
    }
    if (peek(c, 0) == T_OCLOCK) {
        take(c);
        *oclock = true;
    } else if (peek(c, 0) == T_AMPM) {
        t->ampm = take(c).value;
        *oclock = true; /* 9 AM is a time as 9 น. is */
    }
    return true;
}

/* Minutes since midnight (seconds are dropped: khai keeps minutes). 24.00 is allowed only as
 * the end of a range (until midnight); with AM or PM the hour is 1-12 (12 AM is midnight). */
static bool check_written_time(struct written_time t, bool is_end, int *minutes)
{
    int hour = t.hour.value, minute = 0;
    if (t.hour.digits > 2) return false;
    if (t.minute.kind == T_NUM) {
        if (t.minute.digits != 2) return false;
        minute = t.minute.value;
    }
    if (t.second.kind == T_NUM && (t.second.digits != 2 || t.second.value > 59)) return false;
    if (t.ampm >= 0) {
        if (hour < 1 || hour > 12) return false;
        hour = hour % 12 + (t.ampm ? 12 : 0);
    }
    if (minute > 59 || (hour > 23 && !(is_end && hour == 24 && minute == 0))) return false;
    *minutes = hour * 60 + minute;
    return true;
}

static enum outcome read_time_range(const char *s, int *start, int *end)
{
    struct tokens ts;
    struct cursor c;
    struct written_time a = {no_token, no_token, no_token, -1}, b = a;
    bool oclock = false, range = false;
    if (!start_reading(s, &ts, &c) || !read_written_time(&c, &a, &oclock)) return NOT_READABLE;
    if (peek(&c, 0) == T_DASH) {
        take(&c);
        range = true;
        if (!read_written_time(&c, &b, &oclock)) return NOT_READABLE;
    }
    if (peek(&c, 0) != T_END) return NOT_READABLE;
    /* A bare hour is a time only with น. (9 น.); alone it is just a number. */
    if (!oclock && (a.minute.kind == T_END || (range && b.minute.kind == T_END)))
        return NOT_READABLE;
    if (!check_written_time(a, false, start) || (range && !check_written_time(b, true, end)))
        return IMPOSSIBLE;
    if (range && *end < *start) return REVERSED;
    return READ_OK;
}

int time_parse(const char *s, int *start_min, int *end_min, char *err, size_t errlen)
{
    static const char *const messages[] = {
        [NOT_READABLE] = N_("not a time"),
        [IMPOSSIBLE] = N_("no such time"),
        [REVERSED] = N_("time range ends before it starts"),
        [WRONG_WEEKDAY] = N_("not a time"),
    };
    int a = -1, b = -1;
    enum outcome r = read_time_range(s, &a, &b);
    if (r != READ_OK) {
        a = b = -1;
        set_error(err, errlen, _(messages[r]), s);
    } else {
        clear_error(err, errlen);
    }
    if (start_min) *start_min = a;
    if (end_min) *end_min = b;
    return r == READ_OK ? 0 : -1;
}

void time_format(int minutes, char *buf, size_t n)
{
    if (!buf || n == 0) return;
    buf[0] = '\0';
    if (minutes >= 0) snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}
