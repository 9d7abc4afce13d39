/* A string-keyed hash map of ids: open addressing with linear probing, FNV-1a hashes. */
#include "map.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static struct map_entry *map_slot(const struct map *m, const char *key)
{
    size_t i = (size_t)hash_key(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void map_grow(struct map *m)
{
    struct map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) *map_slot(m, old.slots[i].key) = old.slots[i];
    free(old.slots);
}

long long map_get(const struct map *m, const char *key)
{
    if (!m->cap) return 0;
    const struct map_entry *e = map_slot(m, key);
    return e->key ? e->value : 0;
}

void map_set(struct map *m, const char *key, long long value)
{
    if ((m->n + 1) * 10 >= m->cap * 7) map_grow(m);
    struct map_entry *e = map_slot(m, key);
    if (!e->key) {
        e->key = xstrdup(key);
        m->n++;
    }
    e->value = value;
}

void map_free(struct map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
