/* Who a record is outside this database: the UIDs of exported vCards and iCalendar
 * components, and the UIDs other programs gave the contacts khai imported. */
#ifndef KHAI_UID_H
#define KHAI_UID_H
#include <stdbool.h>

#include "model.h"

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" and its NUL. */
enum { UID_SIZE = 37 };

/* This database's identity: 16 random bytes made once (schema/014-contacts.sql). */
struct db_identity {
    unsigned char seed[16];
};

/* Reads the identity. Returns 0, or -1 with *err. */
int db_identity_read(struct db *db, struct db_identity *out, char **err);

/* The UUID of record id of kind k in this database: a version-8 UUID (RFC 9562) whose 66 bits
 * of the database's seed tell databases apart and whose last 7 bytes are the kind and the
 * id, so the same record has the same UID in every export and in no other database. */
void record_uid(const struct db_identity *d, enum kind k, long long id, char out[UID_SIZE]);

/* The kind and id of a UID this database gave (as record_uid writes it, alone, or after
 * "urn:uuid:", in any case). False for every other UID. */
bool record_uid_parse(const struct db_identity *d, const char *uid, enum kind *k, long long *id);

/* The member another program's UID was imported with (or the one that member was merged
 * into): 1 and *id (a live member), 0 when none, -1 with *err. */
int member_uid_find(struct db *db, const char *uid, long long *id, char **err);

/* Keeps uid as one of member id's UIDs (moved from whoever had it). 0, or -1 with *err. */
int member_uid_keep(struct db *db, long long id, const char *uid, char **err);

/* 1 when member id carries other programs' UIDs and uid is none of them: a card with that
 * UID is someone else, however alike; 0 otherwise; -1 with *err. */
int member_uid_conflicts(struct db *db, long long id, const char *uid, char **err);

#endif
