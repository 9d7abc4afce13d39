/* The import and export commands: CSV sheets in and out, and vCard and iCalendar through the
 * same two commands. */
#include "cli_internal.h"
#include "encoding.h"
#include "export.h"
#include "import.h"
#include "messages.h"
#include "outfile.h"
#include "table.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum format { FORMAT_CSV, FORMAT_VCARD, FORMAT_ICAL, FORMAT_XLSX };

struct io_args {
    enum format format;
    enum kind kind;
    const char *file;        /* import: the file read */
    const char *output;      /* export: -o FILE; NULL (or -o -): standard output */
    bool force;              /* export: replace an existing FILE */
    const char *event;       /* export: --event as given */
    const char *format_name; /* export: --format csv|xlsx as given */
    const char *dates;       /* export: --dates thai|iso as given */
    struct import_options in;
    struct export_options out;
};

static int parse_what(const char *command, const char *what, struct io_args *a)
{
    bool exporting = strcmp(command, "export") == 0;
    a->format = FORMAT_CSV;
    if (what &&
        (strcmp(what, "vcard") == 0 || strcmp(what, "vcards") == 0 || strcmp(what, "vcf") == 0)) {
        a->format = FORMAT_VCARD;
        return EXIT_OK;
    }
    if (exporting && what &&
        (strcmp(what, "ical") == 0 || strcmp(what, "ics") == 0 || strcmp(what, "icalendar") == 0)) {
        a->format = FORMAT_ICAL;
        return EXIT_OK;
    }
    int k = what ? kind_from_name(what) : -1;
    /* Series are few and made by hand (khai add series, khai next): exported, not imported;
     * an import of events sets their series by the series column. */
    if (k == KIND_SERIES && !exporting) k = -1;
    if (k < 0)
        return cli_usage(command,
                         exporting ? _("expected members, orgs, events, attendance, tasks, "
                                       "invitations, goals, vcard or ical, not \"%s\"")
                                   : _("expected members, orgs, events, attendance, tasks, "
                                       "invitations, goals or vcard, not \"%s\""),
                         what ? what : "");
    a->kind = (enum kind)k;
    return EXIT_OK;
}

static int parse_option(const char *command, const struct cli *cli, int *i, struct io_args *a)
{
    bool importing = strcmp(command, "import") == 0;
    const char *arg = cli->argv[*i], *v;
    int rc = EXIT_OK;
    if (importing && strcmp(arg, "--skip-bad") == 0)
        a->in.skip_bad = true;
    else if (importing && strcmp(arg, "--dry-run") == 0)
        a->in.dry_run = true;
    else if (importing && strcmp(arg, "--overwrite-status") == 0)
        a->in.overwrite_status = true;
    else if (importing && (v = cli_option(cli, i, "--merge", &rc))) {
        if (strcmp(v, "probable") != 0 && strcmp(v, "never") != 0)
            return cli_usage(command, _("--merge is probable or never, not \"%s\""), v);
        a->in.merge_probable = strcmp(v, "probable") == 0;
    } else if (!importing && strcmp(arg, "--force") == 0)
        a->force = true;
    else if (!importing && strcmp(arg, "--thai-dates") == 0)
        a->out.thai_dates = true;
    else if (importing && (v = cli_option(cli, i, "--sheet", &rc)))
        a->in.sheet = v;
    else if ((v = cli_option(cli, i, "--encoding", &rc)))
        a->in.encoding = a->out.encoding = v;
    else if (!importing &&
             ((v = cli_option(cli, i, "-o", &rc)) || (v = cli_option(cli, i, "--output", &rc))))
        a->output = strcmp(v, "-") == 0 ? NULL : v;
    else if (!importing && (v = cli_option(cli, i, "--format", &rc)))
        a->format_name = v;
    else if (!importing && (v = cli_option(cli, i, "--dates", &rc)))
        a->dates = v;
    else if (!importing && (v = cli_option(cli, i, "--event", &rc)))
        a->event = v;
    else if (!importing && (v = cli_option(cli, i, "--search", &rc)))
        a->out.search = v;
    else if (!importing && (v = cli_option(cli, i, "--version", &rc)))
        a->out.vcard_version = v;
    else if (rc == EXIT_OK && importing && (arg[0] != '-' || strcmp(arg, "-") == 0) && !a->file)
        a->file = arg;
    else if (rc == EXIT_OK)
        return cli_usage(command, _("unexpected argument \"%s\""), arg);
    if (rc != EXIT_OK) return cli_usage(command, _("%s needs a value"), arg);
    return EXIT_OK;
}

/* The encodings each direction knows; vCard and iCalendar files are always written in UTF-8. */
static int check_encoding(const char *command, const struct io_args *a)
{
    const char *name = a->in.encoding;
    enum text_encoding e;
    if (!name) return EXIT_OK;
    if (strcmp(command, "import") == 0) {
        if (!encoding_from_name(name, &e))
            return cli_usage(command,
                             _("--encoding is auto, utf-8, cp874, tis-620 or utf-16, not "
                               "\"%s\""),
                             name);
        return EXIT_OK;
    }
    if (a->format != FORMAT_CSV)
        return cli_usage(command, _("--encoding goes with CSV exports (vCard and iCalendar are "
                                    "always UTF-8)"));
    if (!encoding_from_name(name, &e) ||
        (e != ENC_UTF8_BOM && e != ENC_UTF8 && e != ENC_CP874 && e != ENC_TIS620))
        return cli_usage(command, _("--encoding is utf-8-bom, utf-8 or cp874, not \"%s\""), name);
    return EXIT_OK;
}

static int check_event(const char *command, const struct io_args *a)
{
    if (a->event && a->format == FORMAT_CSV && a->kind != KIND_ATTENDANCE && a->kind != KIND_TASK &&
        a->kind != KIND_INVITATION)
        return cli_usage(command, _("--event goes with attendance, tasks and invitations"));
    return EXIT_OK;
}

static bool ends_with_xlsx(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* A sheet goes out as CSV, or as a workbook with --format xlsx or -o FILE.xlsx. */
static int choose_format(const char *command, struct io_args *a)
{
    const char *f = a->format_name;
    if (f && strcmp(f, "csv") != 0 && strcmp(f, "xlsx") != 0)
        return cli_usage(command, _("--format is csv or xlsx, not \"%s\""), f);
    bool xlsx = f ? strcmp(f, "xlsx") == 0 : ends_with_xlsx(a->output);
    if (f && a->format != FORMAT_CSV)
        return cli_usage(command, _("--format goes with members, orgs, events, attendance and "
                                    "tasks"));
    if (xlsx) a->format = FORMAT_XLSX;
    if (a->dates && a->format != FORMAT_XLSX)
        return cli_usage(command, _("--dates goes with .xlsx exports (CSV takes --thai-dates)"));
    if (a->dates && strcmp(a->dates, "thai") != 0 && strcmp(a->dates, "iso") != 0)
        return cli_usage(command, _("--dates is thai or iso, not \"%s\""), a->dates);
    a->out.iso_dates = a->dates && strcmp(a->dates, "iso") == 0;
    if (a->format == FORMAT_XLSX && (a->out.thai_dates || a->in.encoding))
        return cli_usage(command, _("--thai-dates and --encoding go with CSV: a workbook shows "
                                    "dates in the Buddhist Era unless --dates iso"));
    return EXIT_OK;
}

static int parse_args(const char *command, const struct cli *cli, struct io_args *a)
{
    memset(a, 0, sizeof *a);
    int rc = parse_what(command, cli->argc ? cli->argv[0] : NULL, a);
    for (int i = 1; rc == EXIT_OK && i < cli->argc; i++)
        rc = parse_option(command, cli, &i, a);
    if (rc != EXIT_OK) return rc;
    if (strcmp(command, "import") == 0 && !a->file)
        return cli_usage(command, _("import needs the FILE to read"));
    if (a->in.sheet && a->format == FORMAT_VCARD)
        return cli_usage(command, _("--sheet goes with .xlsx workbooks"));
    if (a->out.vcard_version && a->format != FORMAT_VCARD)
        return cli_usage(command, _("--version goes with vcard"));
    if (a->out.vcard_version && strcmp(a->out.vcard_version, "3.0") != 0 &&
        strcmp(a->out.vcard_version, "4.0") != 0)
        return cli_usage(command, _("--version is 3.0 or 4.0, not \"%s\""), a->out.vcard_version);
    if (a->out.thai_dates && a->format != FORMAT_CSV)
        return cli_usage(command, _("--thai-dates goes with CSV exports"));
    if (a->in.overwrite_status && (a->format != FORMAT_CSV || a->kind != KIND_ATTENDANCE))
        return cli_usage(command, _("--overwrite-status goes with attendance"));
    if (a->in.merge_probable && a->format == FORMAT_CSV && a->kind != KIND_MEMBER &&
        a->kind != KIND_ATTENDANCE)
        return cli_usage(command, _("--merge goes with members, attendance and vcard"));
    if (strcmp(command, "export") == 0 && (rc = choose_format(command, a)) != EXIT_OK) return rc;
    rc = check_event(command, a);
    return rc == EXIT_OK ? check_encoding(command, a) : rc;
}

static void print_report(const struct import_report *rep, const struct import_options *opt)
{
    for (size_t i = 0; i < rep->nmessages; i++) {
        print_safe(stderr, rep->messages[i]);
        fputc('\n', stderr);
    }
    printf(_("%ld added, %ld updated, %ld merged, %ld rejected"), rep->added, rep->updated,
           rep->merged, rep->rejected);
    printf("%s\n", opt->dry_run ? _(" (dry run: nothing was written)") : "");
    if (rep->rejects_path) {
        char *said = xasprintf(_("rejected rows, as they were, are in %s"), rep->rejects_path);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
}

int cmd_import(const struct cli *cli)
{
    struct io_args a;
    int rc = parse_args("import", cli, &a);
    if (rc != EXIT_OK) return rc;
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    struct import_report rep = {0};
    char *err = NULL;
    int status = a.format == FORMAT_VCARD ? import_vcard(db, a.file, &a.in, &rep, &err)
                                          : import_csv(db, a.kind, a.file, &a.in, &rep, &err);
    db_close(&db);
    if (status != 0) {
        for (size_t i = 0; i < rep.nmessages; i++) {
            print_safe(stderr, rep.messages[i]);
            fputc('\n', stderr);
        }
        import_report_free(&rep);
        return cli_fail(err);
    }
    print_report(&rep, &a.in);
    import_report_free(&rep);
    return EXIT_OK;
}

static int run_export(struct db *db, const struct io_args *a, FILE *out, char **err)
{
    switch (a->format) {
    case FORMAT_VCARD:
        return export_vcard(db, out, &a->out, err);
    case FORMAT_ICAL:
        return export_ical(db, out, &a->out, err);
    default:
        return export_csv(db, a->kind, out, &a->out, err);
    }
}

/* An export shown on a terminal is for reading: line by line through the sanitiser, so an
 * OSC 52 (clipboard) or OSC 0 (title) sequence someone stored is shown, never obeyed. */
static int export_to_terminal(struct db *db, const struct io_args *a, char **err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        *err = xasprintf(_("cannot create a temporary file: %s"), strerror(errno));
        return -1;
    }
    int status = run_export(db, a, m, err);
    fclose(m);
    if (status == 0) print_safe_lines(stdout, text, len);
    free(text);
    return status;
}

/* libxlsxwriter writes to a file by name: the temporary file outfile made (put in place when
 * whole), or one in $TMPDIR copied to standard output (never to a terminal: a workbook is not
 * for reading there). */
static int export_workbook(struct db *db, const struct io_args *a, char **err)
{
    if (!a->output && isatty(STDOUT_FILENO)) {
        *err = xstrdup(_("a workbook is not for a terminal: give -o FILE.xlsx"));
        return -1;
    }
    struct outfile o = {.path = a->output, .force = a->force};
    if (!a->output) {
        const char *dir = getenv("TMPDIR");
        o.path = outfile_fresh_name(dir && *dir ? dir : "/tmp", "khai-export", "xlsx");
    }
    if (outfile_begin(&o, err) != 0) {
        if (!a->output) free((char *)o.path);
        return -1;
    }
    int status = export_xlsx(db, a->kind, o.tmp_path, &a->out, err);
    status = outfile_finish(&o, status, err);
    if (!a->output) {
        FILE *f = status == 0 ? fopen(o.path, "rb") : NULL;
        if (f) {
            char buf[1 << 16];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                if (fwrite(buf, 1, n, stdout) != n) break;
            if (ferror(f) || fflush(stdout) != 0) {
                *err = xasprintf(_("cannot write: %s"), strerror(errno));
                status = -1;
            }
            fclose(f);
        }
        unlink(o.path);
        free((char *)o.path);
    }
    return status;
}

int cmd_export(const struct cli *cli)
{
    struct io_args a;
    int rc = parse_args("export", cli, &a);
    if (rc != EXIT_OK) return rc;
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    if (a.event && model_find(db, FT_EVENT, a.event, &a.out.event_id, &err) != 0) {
        db_close(&db);
        return cli_fail(err);
    }
    int status;
    if (a.format == FORMAT_XLSX) {
        status = export_workbook(db, &a, &err);
        db_close(&db);
    } else if (!a.output && isatty(STDOUT_FILENO)) {
        status = export_to_terminal(db, &a, &err);
        db_close(&db);
    } else {
        struct outfile o = {.path = a.output, .force = a.force};
        FILE *f = outfile_open(&o, &err);
        status = f ? run_export(db, &a, f, &err) : -1;
        db_close(&db);
        if (f) status = outfile_close(&o, status, &err);
    }
    if (status != 0) return cli_fail(err);
    if (a.output) {
        char *said = xasprintf(_("exported to %s"), a.output);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
    return EXIT_OK;
}
