/* Stored UTC timestamps converted for people, who read local time. */
#include "timestamp.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void timestamp_local(const char *iso, char *buf, size_t n)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    snprintf(buf, n, "%s", iso ? iso : "");
    const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
    if (!end || *end) return;
    time_t t = timegm(&tm);
    localtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}
