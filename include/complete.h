/* Completion candidates for form fields: values already in the database that start with what
 * the user typed (organisation names, provinces, member names, tags, districts, venues...).
 * Part of the model API: the screens ask here and never see SQL. */
#ifndef KHAI_COMPLETE_H
#define KHAI_COMPLETE_H
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct db;

/* True when complete_values() has a source for the field: fields of type FT_ORG,
 * FT_ORGS, FT_PROVINCE, FT_MEMBER, FT_TAGS, and the FT_TEXT fields district, subdistrict,
 * position, venue and category. */
bool complete_has_source(enum field_id field);

/* Up to limit stored values for the field that start with prefix (normalised first; ASCII
 * case ignored), in Thai dictionary order: organisation names (a short name matching gives
 * its organisation's name), provinces by Thai name (an English prefix matches too), live
 * members as "given family", tags, and the distinct values already used in the text fields
 * above. An empty prefix gives the first limit values. *out is a malloc'd array of malloc'd
 * strings (free with strings_free); *n is 0 for a field with no source. Returns 0, or -1
 * with *err set. */
int complete_values(struct db *db, enum field_id field, const char *prefix, int limit, char ***out,
                    size_t *n, char **err);

#endif
