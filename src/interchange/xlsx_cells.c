/* The arithmetic of .xlsx cells, apart from the libraries that read and write workbooks (it
 * stays in khai, which the unit tests and the fuzzer use without the workbook module): what
 * a workbook's first bytes look like, number formats (dates in any calendar, times), Excel's
 * serial dates, a number cell as khai writes its text, and cell references. */
#include "xlsx_read.h"
#include "xlsx_module.h"
#include "calendar.h"
#include "strbuf.h"
#include "xalloc.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char ole2_magic[8] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool xlsx_is_workbook(const void *data, size_t len)
{
    return len >= 4 &&
           (memcmp(data, "PK\x03\x04", 4) == 0 || (len >= 8 && memcmp(data, ole2_magic, 8) == 0));
}

/* ------------------------------------------------------------------------------------------
 * Cells */

/* The first section of a format code (up to ';') with what carries no date or time letter
 * taken out: [colours], [$-107041E] locales, "quoted text", \escaped and _x *x characters,
 * General, AM/PM. Elapsed-time brackets ([h]:mm) keep their letters. */
static void format_letters(const char *code, struct strbuf *out)
{
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '[') {
            const char *end = strchr(p, ']');
            if (!end) return;
            if (strspn(p + 1, "hHmMsS") == (size_t)(end - p - 1)) sb_addn(out, p + 1, end - p - 1);
            p = end;
        } else if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            if (!end) return;
            p = end;
        } else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
            p++;
        } else if (strncasecmp(p, "general", 7) == 0) {
            p += 6;
        } else if (strncasecmp(p, "am/pm", 5) == 0) {
            p += 4;
        } else if (strncasecmp(p, "a/p", 3) == 0) {
            p += 2;
        } else {
            sb_addc(out, *p);
        }
    }
}

/* Thai Excel writes its own letters: ว day, ด month, ป year, ช hour, น minute, ท second. */
static bool has_thai(const char *s, const char *letter)
{
    return strstr(s, letter) != NULL;
}

static enum xlsx_format custom_kind(const char *code)
{
    struct strbuf sb = STRBUF_INIT;
    format_letters(code, &sb);
    const char *s = sb_str(&sb);
    bool digits = strpbrk(s, "0#?") != NULL;
    bool date = strpbrk(s, "dDyYbBgG") || (!digits && strpbrk(s, "eE")) || has_thai(s, "ว") ||
                has_thai(s, "ป");
    bool time = strpbrk(s, "hHsS") || has_thai(s, "ช") || has_thai(s, "ท");
    bool month = strpbrk(s, "mM") || has_thai(s, "ด");
    sb_free(&sb);
    if (date && time) return XLSX_DATETIME;
    if (date || (month && !time)) return XLSX_DATE;
    return time ? XLSX_TIME : XLSX_NUMBER;
}

enum xlsx_format xlsx_format_kind(int id, const char *code)
{
    if (code) return custom_kind(code);
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58) || (id >= 71 && id <= 74) || id == 81)
        return XLSX_DATE;
    if (id == 22 || id == 77) return XLSX_DATETIME;
    if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47) || id == 75 ||
        id == 76 || (id >= 78 && id <= 80))
        return XLSX_TIME;
    return XLSX_NUMBER;
}

bool xlsx_serial_date(double serial, bool date1904, struct date *d, int *seconds)
{
    if (!(serial >= 0 && serial < 2958466.0)) return false; /* NaN too; 2958466 is 10000-01-01 */
    long days = (long)floor(serial);
    long secs = lround((serial - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    *seconds = (int)secs;
    if (date1904) {
        *d = calendar_add_days((struct date){1904, 1, 1}, days);
    } else if (days == 60) {
        *d = (struct date){1900, 2, 29}; /* Lotus 1-2-3's leap day, which Excel keeps */
    } else {
        /* Serials before the false leap day count from 31 December 1899. */
        *d = calendar_add_days((struct date){1899, 12, days < 60 ? 31 : 30}, days);
    }
    return d->year > 0 && d->year <= 9999;
}

/* Spreadsheets write numbers with a point whatever the locale, and so does khai: numbers are
 * read and written in the C locale's numeric rules. */
locale_t xlsx_numeric_c(void)
{
    static locale_t c;
    if (!c) c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    return c;
}

static void plain_number(double v, char *buf, size_t n)
{
    locale_t old = xlsx_numeric_c() ? uselocale(xlsx_numeric_c()) : (locale_t)0;
    if (fabs(v) < 1e15 && v == trunc(v))
        snprintf(buf, n, "%.0f", v == 0 ? 0.0 : v);
    else
        snprintf(buf, n, "%.15g", v);
    if (old) uselocale(old);
}

static void clock_text(int secs, char *buf, size_t n)
{
    if (secs % 60)
        snprintf(buf, n, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
    else
        snprintf(buf, n, "%02d:%02d", secs / 3600, secs / 60 % 60);
}

void xlsx_number_text(double v, enum xlsx_format f, bool date1904, char *buf, size_t n)
{
    struct date d;
    int secs;
    if (f == XLSX_NUMBER || !xlsx_serial_date(v, date1904, &d, &secs)) {
        plain_number(v, buf, n);
        return;
    }
    char day[16], clock[16];
    snprintf(day, sizeof day, "%04d-%02d-%02d", d.year, d.month, d.day);
    clock_text(secs, clock, sizeof clock);
    if (f == XLSX_TIME)
        snprintf(buf, n, "%s", clock);
    else if (f == XLSX_DATE || secs == 0)
        snprintf(buf, n, "%s", day);
    else
        snprintf(buf, n, "%s %s", day, clock);
}

bool xlsx_cell_ref(const char *ref, unsigned *col, long *row)
{
    unsigned c = 0;
    long r = 0;
    size_t i = 0;
    for (; (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'); i++) {
        if (i >= 3) return false;
        c = c * 26 + (unsigned)((ref[i] | 0x20) - 'a' + 1);
    }
    size_t letters = i;
    for (; ref[i] >= '0' && ref[i] <= '9'; i++) {
        if (i - letters >= 7) return false;
        r = r * 10 + (ref[i] - '0');
    }
    if (letters == 0 || i == letters || ref[i] || c > XLSX_MAX_COLUMNS || r < 1 ||
        r > XLSX_MAX_ROWS)
        return false;
    *col = c - 1;
    *row = r;
    return true;
}

void xlsx_column_name(unsigned col, char *buf, size_t n)
{
    char tmp[8];
    size_t len = 0;
    for (unsigned c = col + 1; c > 0 && len < sizeof tmp; c = (c - 1) / 26)
        tmp[len++] = (char)('A' + (c - 1) % 26);
    size_t i = 0;
    for (; i < len && i + 1 < n; i++)
        buf[i] = tmp[len - 1 - i];
    if (n) buf[i] = '\0';
}

void xlsx_sheet_free(struct xlsx_sheet *s)
{
    for (size_t i = 0; i < s->nrows; i++) {
        for (size_t j = 0; j < s->rows[i].n; j++)
            if (!s->rows[i].cells[j].shared) free(s->rows[i].cells[j].text);
        free(s->rows[i].cells);
    }
    free(s->rows);
    for (size_t i = 0; i < s->nstrings; i++)
        free(s->strings[i]);
    free(s->strings);
    free(s->name);
    memset(s, 0, sizeof *s);
}
