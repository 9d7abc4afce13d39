/* Shared by the command-line modules: the parsed invocation and helpers. */
#ifndef KHAI_CLI_INTERNAL_H
#define KHAI_CLI_INTERNAL_H
#include "db.h"
#include "model.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses: scripts rely on them. */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

struct cli {
    int argc; /* the command's own arguments, global options removed */
    char **argv;
    const char *db_path; /* --db, else KHAI_DB, else the default */
};

/* Opens the database named by the invocation; prints the error and returns NULL on failure. */
struct db *cli_open(const struct cli *cli);
/* The same for a command that only reads (list, show, export, check, ...): it never creates
 * a database; a missing one is named as missing. */
struct db *cli_open_existing(const struct cli *cli);
/* Prints "khai: MESSAGE" to stderr and frees message; returns EXIT_ERROR. */
int cli_fail(char *message);
/* Prints a usage error and the command's usage line; returns EXIT_USAGE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parses a record id; false when not a positive whole number. */
bool cli_parse_id(const char *s, long long *id);
/* True when argv[i] is --help or -h. */
bool cli_wants_help(int argc, char **argv);
void cli_print_help(const char *command);
/* The value of option name at argv[*i], given as NAME VALUE (*i moves past it) or
 * NAME=VALUE; NULL when argv[*i] is not it, or with *rc = EXIT_USAGE when the value is
 * missing. */
const char *cli_option(const struct cli *cli, int *i, const char *name, int *rc);

struct strbuf;
/* Appends v as a --tsv cell: backslash, tab, newline and control characters escaped, and
 * when standard output is a terminal sanitised (C1 and bidi controls made visible). */
void cli_tsv_value(struct strbuf *sb, const char *v);

int cmd_list(const struct cli *cli);
int cmd_show(const struct cli *cli);
/* khai report goals: in cli_goal.c, called by cmd_report with the arguments after goals. */
int cmd_report_goals(const struct cli *cli);
int cmd_add(const struct cli *cli);
int cmd_edit(const struct cli *cli);
int cmd_delete(const struct cli *cli);
int cmd_restore(const struct cli *cli);
int cmd_checkin(const struct cli *cli);
int cmd_affiliation(const struct cli *cli);
int cmd_groups(const struct cli *cli);
int cmd_calendar(const struct cli *cli);
int cmd_agenda(const struct cli *cli);
int cmd_next(const struct cli *cli);
int cmd_import(const struct cli *cli);
int cmd_export(const struct cli *cli);
int cmd_print(const struct cli *cli);
/* khai print report event|members|events ...: argv[0] is "report". */
int cmd_print_report(const struct cli *cli);
int cmd_report(const struct cli *cli);
int cmd_duplicates(const struct cli *cli);
int cmd_merge(const struct cli *cli);
int cmd_unmerge(const struct cli *cli);
int cmd_me(const struct cli *cli);
/* Before a new member is added: refuses (printing why, EXIT_ERROR) one with the phone, e-mail
 * or LINE ID of a member unless force; *namesake is a member with the same name, 0 none.
 * EXIT_OK to go on. */
int cli_identity_check(struct db *db, const struct record *r, bool force, long long *namesake);
/* After: warns on standard error that added has namesake's name, and how to join them. */
void cli_identity_warn(struct db *db, long long namesake, long long added);
/* The badge layouts --layout takes, a line each, for the help of print. */
void cli_print_layouts(FILE *out);

#endif
