/* The schema migrations compiled into khai (generated from schema/NNN-name.sql). */
#ifndef KHAI_SCHEMA_H
#define KHAI_SCHEMA_H

struct migration {
    int version;      /* NNN of the file name: becomes PRAGMA user_version once applied */
    const char *name; /* the file name, for messages */
    const char *sql;
};

extern const struct migration schema_migrations[];
extern const int schema_migration_count;

#endif
