/* "Did you mean": organisations whose name or short name differs from what was typed only in
 * ways people slip (ฎ for ฏ, ฑ for ท, a tone mark missing or extra, spaces, dots, hyphens,
 * letter case). Found through an index on that normalised key, never by a scan of the names,
 * so it costs the same with 100,000 organisations as with 40. */
#ifndef KHAI_SUGGEST_H
#define KHAI_SUGGEST_H
#include <stddef.h>

#include "model.h"

struct org_suggestion {
    long long id;
    char *name;
    char *short_name; /* "" when none */
};

enum { ORG_SUGGEST_MAX = 5 };

/* Live organisations whose key equals the key of input (an exact name included), best first
 * (the name's key before the short name's, then in Thai order), at most ORG_SUGGEST_MAX.
 * Returns 0 with *out (free with org_suggestions_free) and *n, or -1 with *err. */
int org_suggest(struct db *db, const char *input, struct org_suggestion **out, size_t *n,
                char **err);
void org_suggestions_free(struct org_suggestion *s, size_t n);

/* "did you mean มูลนิธิชุมชนไท (id 3)?" for the suggestions in the interface's language, or
 * NULL when there are none. malloc'd. */
char *org_suggest_text(const struct org_suggestion *s, size_t n);

/* Makes an organisation called name (the name as typed, normalised) and sets *id. Returns 0,
 * or -1 with *err. */
int org_create_named(struct db *db, const char *name, long long *id, char **err);

/* An organisation a record names in a field it changed (host, partners, organisations, parent,
 * owner_org, ...) that khai does not have: what the form offers to create. */
struct missing_org {
    enum field_id field;
    char *name; /* as typed, normalised */
};
/* Every such name of r's changed fields, in field order. Returns 0 with *out (free with
 * missing_orgs_free) and *n, or -1 with *err. */
int record_missing_orgs(struct db *db, const struct record *r, struct missing_org **out, size_t *n,
                        char **err);
void missing_orgs_free(struct missing_org *m, size_t n);

#endif
