/* A string-keyed hash map of ids (long long), for caches of names and keys. 0 means absent,
 * so setting 0 forgets a key. */
#ifndef KHAI_MAP_H
#define KHAI_MAP_H
#include <stddef.h>

struct map_entry {
    char *key;
    long long value;
};

struct map {
    struct map_entry *slots;
    size_t cap, n;
};

long long map_get(const struct map *m, const char *key);
void map_set(struct map *m, const char *key, long long value);
void map_free(struct map *m);

#endif
