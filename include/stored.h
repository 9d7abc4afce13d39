/* A field's value in the form the store writes it, and the check that makes one from user
 * input. Importers check rows with field_store exactly as a save would and hand the stored
 * values to the bulk write (bulk.h); the SQL that writes them stays in the store. */
#ifndef KHAI_STORED_H
#define KHAI_STORED_H
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct stored {
    char *text;    /* text, ISO date, HH:MM, province code, choice key; NULL for SQL NULL */
    long long num; /* FT_INT, FT_BOOL, and the id of FT_ORG / FT_MEMBER / FT_EVENT */
    bool has_num;
    long long *ids; /* FT_ORGS; FT_OWNERS: a member's id, or minus an organisation's */
    char **items;   /* FT_PHONES (digits), FT_TAGS, FT_QUOTAS ("category\tnumber") */
    size_t n;       /* count of ids or items */
};

void stored_free(struct stored *s);

/* Checks and normalises input for field fi of kind k into *out. Returns 0, or -1 with *err
 * naming the field and quoting the input (model_error_text). */
int field_store(struct db *db, enum kind k, int fi, const char *input, struct stored *out,
                char **err);

/* Reference fields: organisations, members, events. */
bool field_is_ref(enum field_type t);

#endif
