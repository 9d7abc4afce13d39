/* Stored timestamps (UTC, ISO 8601 with Z) shown in local time. */
#ifndef KHAI_TIMESTAMP_H
#define KHAI_TIMESTAMP_H
#include <stddef.h>

/* "2026-11-21T05:30:00Z" as local "2026-11-21 12:30"; anything unreadable is copied. */
void timestamp_local(const char *iso, char *buf, size_t n);

#endif
