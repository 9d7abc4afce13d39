/* Bringing records in from files: CSV sheets (from Thai Excel too) and vCards. An import is
 * one transaction: it writes everything or nothing. */
#ifndef KHAI_IMPORT_H
#define KHAI_IMPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct import_options {
    const char *encoding; /* "auto" (NULL), "utf-8", "cp874", "tis-620", "utf-16" */
    bool skip_bad;        /* write the good rows; bad ones go to FILE.rejects.csv */
    bool dry_run;         /* check and report, write nothing */
    /* A row that is probably someone khai knows (the same name, nothing that conflicts) or
     * an earlier row of the file: joined to them (true, --merge probable), or added as a new
     * person (false, the default); reported either way. */
    bool merge_probable;
    /* Attendance: a row's status may lower the one recorded (attended to confirmed, ...). */
    bool overwrite_status;
    const char *sheet; /* a workbook's sheet by name (NULL: the first) */
};

/* Every data row is counted once: added, updated (an existing record changed), merged (about
 * the same person or record as an earlier row of the file), rejected, or unchanged (an
 * existing record the row did not change: a line of the report says how many). */
struct import_report {
    long added, updated, merged, rejected;
    long orgs_created;
    char **messages; /* "FILE:LINE: reason", notes on unknown columns, created orgs */
    size_t nmessages;
    char *rejects_path; /* set when --skip-bad wrote rejected rows */
};

void import_report_add(struct import_report *rep, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void import_report_free(struct import_report *rep);

/* Imports a CSV file, or a sheet of an .xlsx workbook (known by its content, whatever its
 * name), of members, orgs, events, attendance or tasks. Returns 0 when it
 * wrote (or, dry run, would write) the file; -1 with *err when nothing was written (bad
 * rows without skip_bad: the report lists them; a file that cannot be read or decoded:
 * *err names the line and byte). */
int import_csv(struct db *db, enum kind k, const char *path, const struct import_options *opt,
               struct import_report *rep, char **err);

/* Imports vCard 2.1, 3.0 and 4.0 contacts as members (the same rule as CSV: identity.h). */
int import_vcard(struct db *db, const char *path, const struct import_options *opt,
                 struct import_report *rep, char **err);

/* The live member a new one is by the rule of identity.h: 1 and *id the same person (an
 * identical phone, e-mail or LINE ID), 2 and *id probably the same person (the same name and
 * nothing that conflicts), 0 when nobody, -1 on error. */
int member_find_duplicate(struct db *db, const struct record *r, long long *id, char **err);

/* The name the rejected rows are written beside (as NAME.rejects.csv, NAME.rejects-2.csv
 * when that exists, ...): the file read, or "stdin" in the current directory when the file
 * was standard input ("-"). */
const char *import_rejects_base(const char *path);

#endif
