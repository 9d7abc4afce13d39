/* Who is the same person: one scored rule, like CiviCRM's dedupe rules, that import, `add
 * member`, check-in, `khai duplicates` and the screens all apply (README "Who is the same
 * person").
 *
 *   - an identical phone, e-mail or LINE ID: the same person;
 *   - the same given and family name, and a non-empty phone, e-mail, LINE ID, province or
 *     subdistrict that conflicts: a different person;
 *   - the same given and family name and nothing that conflicts: probably the same person,
 *     which nothing merges silently.
 *
 * Each agreement scores (10 an identical phone, e-mail or LINE ID; 5 the name; 1 each the
 * province and the subdistrict): matches are ordered by it. */
#ifndef KHAI_IDENTITY_H
#define KHAI_IDENTITY_H
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* What tells one person from another, in the forms the rule compares. */
struct identity {
    char *given, *family; /* normalised text */
    char **phones;        /* national digits */
    size_t nphones;
    char *email;       /* trimmed, lower case */
    char *line_id;     /* trimmed, lower case, without a leading @ */
    char *province;    /* the province's code (TH-50) */
    char *subdistrict; /* normalised, without ตำบล, ต. or แขวง before it */
};

void identity_init(struct identity *p);
void identity_free(struct identity *p);
/* Sets one of the fields above (F_MEMBER_GIVEN_NAME, _FAMILY_NAME, _PHONE, _EMAIL, _LINE_ID,
 * _PROVINCE, _SUBDISTRICT) from a value as typed: phones are split at ";", "," and line
 * breaks and read in any form (Thai digits, +66, a dropped leading zero); a province is taken
 * as given (identity_of_record turns a name into its code); other fields are ignored. */
void identity_set(struct identity *p, enum field_id f, const char *value);
/* The identity of a member record, typed or loaded (its display values). */
void identity_of_record(struct db *db, const struct record *r, struct identity *out);

enum identity_verdict {
    IDENTITY_UNRELATED, /* nothing identical and not the same name */
    IDENTITY_DIFFERENT, /* the same name, but a non-empty value conflicts */
    IDENTITY_PROBABLE,  /* the same name and nothing that conflicts */
    IDENTITY_SAME,      /* an identical phone, e-mail or LINE ID */
};

struct identity_judgement {
    enum identity_verdict verdict;
    /* SAME: the key found identical (F_MEMBER_PHONE, F_MEMBER_EMAIL, F_MEMBER_LINE_ID);
     * DIFFERENT: the first field that conflicts; otherwise F_NONE. */
    enum field_id field;
    int score;
    bool same_province, same_subdistrict;
};

struct identity_judgement identity_compare(const struct identity *a, const struct identity *b);
/* The judgement in words of the interface's language: "same phone", "same name, no phone",
 * "same name, another province". malloc'd. */
char *identity_reason(const struct identity_judgement *j);
/* The verdict as a word for --tsv: same, probable, different, unrelated. */
const char *identity_verdict_key(enum identity_verdict v);

/* A live member the rule relates to someone. */
struct identity_match {
    long long id;
    char *name; /* the member's display name */
    struct identity_judgement judgement;
    char *reason; /* identity_reason */
};

/* The live members (but exclude) that share a phone, e-mail or LINE ID with p or have its
 * given and family name, judged against p, best first: same, probable, different; then the
 * higher score, the lower id. Each lookup is one of an index's. Free with
 * identity_matches_free. */
int identity_find(struct db *db, const struct identity *p, long long exclude,
                  struct identity_match **out, size_t *n, char **err);
void identity_matches_free(struct identity_match *m, size_t n);

/* The first match that is at least as good as verdict, or NULL. */
const struct identity_match *identity_best(const struct identity_match *m, size_t n,
                                           enum identity_verdict at_least);

/* Two live members the rule calls the same or probably the same person: a < b. */
struct identity_pair {
    long long a, b;
    char *name_a, *name_b;
    struct identity_judgement judgement;
    char *reason;
};

/* Every such pair in the database, ordered by a then b: members who share a phone, e-mail or
 * LINE ID (kept apart with --force, or from before this rule), and namesakes with nothing
 * that tells them apart. Free with identity_pairs_free. */
int identity_duplicates(struct db *db, struct identity_pair **out, size_t *n, char **err);
void identity_pairs_free(struct identity_pair *p, size_t n);

#endif
