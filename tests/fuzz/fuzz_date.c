/* libFuzzer target for the date and time readers (date_parse, time_parse): any text must
 * give a valid date (start not after end) or an error message that fits its buffer, and a
 * date read must read back the same from its ISO and Thai forms. */
#include "thaidate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what, const char *input)
{
    if (ok) return;
    fprintf(stderr, "fuzz_date: %s for input [%s]\n", what, input);
    abort();
}

static void same_date_from(const char *text, struct date want, const char *input)
{
    struct date start, end, today = {2024, 5, 17};
    char err[256];
    check(date_parse(text, today, &start, &end, err, sizeof err) == 0,
          "a formatted date does not read back", input);
    check(date_cmp(start, want) == 0 && date_cmp(end, want) == 0,
          "a formatted date reads back different", input);
}

static void dates(const char *s, size_t errlen)
{
    struct date start, end, today = {2024, 5, 17};
    char err[256];
    memset(err, 'x', sizeof err);
    if (date_parse(s, today, &start, &end, err, errlen) != 0) {
        check(memchr(err, '\0', errlen) != NULL, "error message not terminated", s);
        return;
    }
    check(date_valid(start.year, start.month, start.day), "invalid start date", s);
    check(date_valid(end.year, end.month, end.day), "invalid end date", s);
    check(date_cmp(start, end) <= 0, "start after end", s);
    char buf[64];
    date_format(start, DATE_ISO, buf, sizeof buf);
    struct date iso;
    check(date_from_iso(buf, &iso) == 0 && date_cmp(iso, start) == 0, "ISO round trip", s);
    if (start.year >= 1900 && start.year <= 2400) {
        date_format(start, DATE_THAI, buf, sizeof buf);
        same_date_from(buf, start, s);
    }
}

static void times(const char *s, size_t errlen)
{
    int start, end;
    char err[256];
    memset(err, 'x', sizeof err);
    if (time_parse(s, &start, &end, err, errlen) != 0) {
        check(memchr(err, '\0', errlen) != NULL, "error message not terminated", s);
        return;
    }
    check(start >= 0 && start <= 24 * 60, "start time out of range", s);
    check(end == -1 || (end >= 0 && end <= 24 * 60), "end time out of range", s);
    char buf[16];
    time_format(start, buf, sizeof buf);
    int again, none;
    check(time_parse(buf, &again, &none, err, sizeof err) == 0 && again == start, "time round trip",
          s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    /* A short error buffer too: messages quote the input and must be cut safely. */
    size_t errlen = size % 48 + 1;
    dates(s, 256);
    dates(s, errlen);
    times(s, 256);
    times(s, errlen);
    free(s);
    return 0;
}
