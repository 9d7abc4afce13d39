/* CSV export: the fixed columns of each kind (the field table's non-extra fields, in order),
 * in UTF-8 with a byte-order mark by default so that Excel shows Thai, or in Windows-874 for
 * old Thai Excel. Phone numbers go out grouped (081-234-5678): Excel keeps such a cell as
 * text, so the leading zero survives, and any CSV reader sees the number as written. */
#include "export.h"
#include "csv.h"
#include "encoding.h"
#include "honorific.h"
#include "lookup.h"
#include "messages.h"
#include "strbuf.h"
#include "tasks.h"
#include "thaidate.h"
#include "utf8.h"
#include "xalloc.h"
#include "xlsx_write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Whether the name of each organisation or member id finds it again on import. */
struct names_ok {
    signed char *by_id; /* 0 not checked, 1 the name finds it, -1 it does not */
    size_t n;
};

struct export
{
    struct db *db;
    enum kind kind;
    const struct kind_info *ki;
    FILE *out;
    enum text_encoding enc;
    bool thai_dates;
    long line; /* of the output, the header being line 1 */
    char *err;
    struct names_ok orgs, members;
    struct xlsx_book *book; /* an .xlsx export */
};

static int output_encoding(const char *name, enum text_encoding *enc, char **err)
{
    *enc = ENC_UTF8_BOM;
    if (!name || !*name) return 0;
    if (encoding_from_name(name, enc) &&
        (*enc == ENC_UTF8_BOM || *enc == ENC_UTF8 || *enc == ENC_CP874 || *enc == ENC_TIS620))
        return 0;
    *err = xasprintf(_("--encoding for CSV is utf-8-bom (the default, for Excel), utf-8 or "
                       "cp874, not \"%s\""),
                     name);
    return -1;
}

/* What the model does to find a member by name (the name split, then the given and family
 * name, or a nickname of someone with no family name), asked of the indexes: the model's own
 * lookup reads every member, once per task owner. */
static bool member_name_finds(struct db *db, const char *name, long long id)
{
    struct person_name pn;
    if (name_split(name, &pn) != 0) return false;
    const char *given = pn.given, *family = pn.family ? pn.family : "";
    long long first, count;
    char *err = NULL;
    bool ok = member_is_named(db, id, given, family, false) &&
              member_name_matches(db, given, family, &first, &count, &err) == 0 && count == 1;
    free(err);
    person_name_free(&pn);
    return ok;
}

/* True when importing name finds the record id again. */
static bool name_finds(struct export *x, enum field_type type, const char *name, long long id)
{
    struct names_ok *ok = type == FT_MEMBER ? &x->members : &x->orgs;
    if (id <= 0 || id > (1LL << 26)) return true;
    if ((size_t)id >= ok->n) {
        size_t n = ok->n ? ok->n : 1024;
        while (n <= (size_t)id)
            n *= 2;
        ok->by_id = xrealloc(ok->by_id, n);
        memset(ok->by_id + ok->n, 0, n - ok->n);
        ok->n = n;
    }
    if (!ok->by_id[id]) {
        long long found = 0;
        char *err = NULL;
        if (type == FT_MEMBER)
            ok->by_id[id] = member_name_finds(x->db, name, id) ? 1 : -1;
        else
            ok->by_id[id] =
                model_find(x->db, type, name, &found, &err) == 0 && found == id ? 1 : -1;
        free(err);
    }
    return ok->by_id[id] > 0;
}

/* Whether an item of a list (organisations, or a task's owners: members and, negative,
 * organisations) can go out by name: reading the name back finds the same record. An
 * organisation among a task's owners has no id form, so a namesake one stays named and the
 * import then says which ones match. */
static bool item_named(struct export *x, enum field_type type, const char *name, long long id)
{
    if (type == FT_ORGS) return name_finds(x, FT_ORG, name, id);
    char *err = NULL;
    long long found = 0;
    bool named = id < 0 || (owner_find(x->db, name, &found, &err) == 0 && found == id);
    free(err);
    return named;
}

/* References are written by name, except where a namesake would make the import pick another
 * record: there the id goes out instead (a task's owner as #id), which the import reads as
 * well. */
static char *reference(struct export *x, const struct record *r, int fi)
{
    const struct field *f = &x->ki->fields[fi];
    const long long *ids;
    size_t n = record_refs(r, field_id(r->kind, fi), &ids);
    if (f->type == FT_MEMBER || f->type == FT_ORG)
        return n && !name_finds(x, f->type, r->values[fi], ids[0]) ? xasprintf("%lld", ids[0])
                                                                   : xstrdup(r->values[fi]);
    struct strbuf sb = STRBUF_INIT;
    const char *p = r->values[fi];
    for (size_t i = 0; i < n && *p; i++) {
        const char *sep = strstr(p, LIST_SEPARATOR);
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        char *name = xstrndup(p, len);
        sb_add(&sb, i ? LIST_SEPARATOR : "");
        if (item_named(x, f->type, name, ids[i]))
            sb_add(&sb, name);
        else
            sb_addf(&sb, f->type == FT_ORGS ? "%lld" : "#%lld", ids[i]);
        free(name);
        p += len + (p[len] ? strlen(LIST_SEPARATOR) : 0);
    }
    return sb_take(&sb);
}

static char *cell_value(struct export *x, const struct record *r, int fi)
{
    const char *v = r->values[fi];
    enum field_type t = x->ki->fields[fi].type;
    if ((t == FT_ORG || t == FT_ORGS || t == FT_MEMBER || t == FT_OWNERS) && *v)
        return reference(x, r, fi);
    struct date d;
    if (x->ki->fields[fi].type == FT_DATE && x->thai_dates && date_from_iso(v, &d) == 0) {
        char buf[64];
        date_format(d, DATE_THAI, buf, sizeof buf);
        return xstrdup(buf);
    }
    return xstrdup(v);
}

/* No value from the data becomes a live formula in the spreadsheet that opens it, and no
 * digits a spreadsheet would make a number of lose their leading zero (a LINE ID 0812345678):
 * they go out as ="0812345678". */
static char *cell(struct export *x, const struct record *r, int fi)
{
    char *v = cell_value(x, r, fi);
    char *out = csv_guarded(v)   ? xasprintf("'%s", v)
                : csv_at_risk(v) ? xasprintf("=\"%s\"", v)
                                 : NULL;
    if (!out) return v;
    free(v);
    return out;
}

static char *which_record(const struct record *r)
{
    if (r->kind == KIND_ATTENDANCE)
        return xasprintf(_("attendance of member %s at event %s"),
                         record_get(r, F_ATTENDANCE_MEMBER_ID),
                         record_get(r, F_ATTENDANCE_EVENT_ID));
    if (r->kind == KIND_INVITATION)
        return xasprintf(_("invitation of %s to event %s"),
                         record_get(r, F_INVITATION_ORGANISATION),
                         record_get(r, F_INVITATION_EVENT_ID));
    return xasprintf("%s %lld", kind_noun(r->kind), r->id);
}

/* Names the row, the field and the character an encoding cannot hold. */
static char *unencodable(const struct export *x, const struct record *r, char **cells,
                         const int *fis, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct strbuf scratch = STRBUF_INIT;
        size_t bad;
        int rc = encoding_encode(cells[i], strlen(cells[i]), x->enc, &scratch, &bad);
        sb_free(&scratch);
        if (rc == 0) continue;
        uint32_t cp;
        size_t len = utf8_decode(cells[i] + bad, strlen(cells[i] + bad), &cp);
        char *what = which_record(r);
        char *msg = xasprintf(_("line %ld (%s): %s \"%s\" holds \"%.*s\" (U+%04X), which %s "
                                "cannot hold: export with --encoding utf-8-bom instead"),
                              x->line, what, x->ki->fields[fis[i]].name, cells[i], (int)len,
                              cells[i] + bad, (unsigned)cp, encoding_label(x->enc));
        free(what);
        return msg;
    }
    return xasprintf(_("line %ld: cannot be encoded in %s"), x->line, encoding_label(x->enc));
}

static int write_line(struct export *x, const char *const *cells, size_t n, size_t *bad)
{
    struct strbuf line = STRBUF_INIT, out = STRBUF_INIT;
    csv_write_record(&line, cells, n, ',');
    int rc = encoding_encode(sb_str(&line), line.len, x->enc, &out, bad);
    if (rc == 0 && fwrite(sb_str(&out), 1, out.len, x->out) != out.len) rc = -2;
    sb_free(&line);
    sb_free(&out);
    return rc;
}

static int write_row(const struct record *r, void *ctx)
{
    struct export *x = ctx;
    char *cells[MAX_FIELDS] = {0};
    int fis[MAX_FIELDS] = {0};
    size_t n = 0, bad;
    for (int fi = 0; fi < x->ki->nfields; fi++) {
        if (x->ki->fields[fi].flags & FIELD_EXTRA) continue;
        fis[n] = fi;
        cells[n++] = cell(x, r, fi);
    }
    x->line++;
    int rc = write_line(x, (const char *const *)cells, n, &bad);
    if (rc == -1)
        x->err = unencodable(x, r, cells, fis, n);
    else if (rc == -2)
        x->err = xasprintf(_("cannot write: %s"), strerror(errno));
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    return rc ? 1 : 0;
}

static int write_header(struct export *x)
{
    const char *names[MAX_FIELDS];
    size_t n = 0, nbom, bad;
    for (int fi = 0; fi < x->ki->nfields; fi++)
        if (!(x->ki->fields[fi].flags & FIELD_EXTRA)) names[n++] = x->ki->fields[fi].name;
    const char *bom = encoding_bom(x->enc, &nbom);
    x->line = 1;
    if (fwrite(bom, 1, nbom, x->out) != nbom || write_line(x, names, n, &bad) != 0) {
        x->err = xasprintf(_("cannot write: %s"), strerror(errno));
        return -1;
    }
    return 0;
}

static int each_record(struct export *x, const struct export_options *opt,
                       int (*row)(const struct record *, void *), char **err)
{
    enum kind k = x->kind;
    if (opt && opt->event_id && k != KIND_ATTENDANCE && k != KIND_TASK && k != KIND_INVITATION) {
        *err = xstrdup(_("--event goes with attendance, tasks and invitations"));
        return -1;
    }
    int rc;
    if (opt && ((opt->search && *opt->search) || opt->event_id)) {
        struct list_query q = {
            .kind = k, .sort = "id", .search = opt->search, .event_id = opt->event_id};
        rc = list_each(x->db, &q, row, x, err);
    } else {
        rc = record_each(x->db, k, row, x, err);
    }
    free(x->orgs.by_id);
    free(x->members.by_id);
    if (rc > 0) {
        *err = x->err;
        return -1;
    }
    if (rc < 0) free(x->err);
    return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------------------------------
 * .xlsx: the same columns and values, each cell in its type (no ' or ="..." needed: a text
 * cell is never a formula and never a number). */

static enum xlsx_type column_type(enum field_type t)
{
    switch (t) {
    case FT_DATE:
        return XLSX_DAY;
    case FT_TIME:
        return XLSX_CLOCK;
    case FT_ID:
    case FT_INT:
    case FT_EVENT:
        return XLSX_INTEGER;
    default:
        return XLSX_TEXT;
    }
}

static int xlsx_row(const struct record *r, void *ctx)
{
    struct export *x = ctx;
    char *cells[MAX_FIELDS] = {0};
    size_t n = 0;
    for (int fi = 0; fi < x->ki->nfields; fi++)
        if (!(x->ki->fields[fi].flags & FIELD_EXTRA)) cells[n++] = cell_value(x, r, fi);
    char *why = NULL;
    int rc = xlsx_book_row(x->book, (const char *const *)cells, &why);
    if (rc != 0) {
        char *what = which_record(r);
        x->err = xasprintf("%s: %s", what, why);
        free(what);
        free(why);
    }
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    return rc ? 1 : 0;
}

int export_xlsx(struct db *db, enum kind k, const char *path, const struct export_options *opt,
                char **err)
{
    struct export x = {.db = db, .kind = k, .ki = kind_info(k)};
    struct xlsx_column cols[MAX_FIELDS];
    size_t n = 0;
    for (int fi = 0; fi < x.ki->nfields; fi++) {
        const struct field *f = &x.ki->fields[fi];
        if (!(f->flags & FIELD_EXTRA))
            cols[n++] = (struct xlsx_column){f->name, column_type(f->type)};
    }
    enum xlsx_dates dates = opt && opt->iso_dates ? XLSX_DATES_ISO : XLSX_DATES_THAI;
    x.book = xlsx_book_new(path, kind_info(k)->plural, cols, n, dates, err);
    if (!x.book) return -1;
    int rc = each_record(&x, opt, xlsx_row, err);
    return xlsx_book_close(&x.book, rc, err);
}

int export_csv(struct db *db, enum kind k, FILE *out, const struct export_options *opt, char **err)
{
    struct export x = {
        .db = db, .kind = k, .ki = kind_info(k), .out = out, .thai_dates = opt && opt->thai_dates};
    if (output_encoding(opt ? opt->encoding : NULL, &x.enc, err) != 0) return -1;
    if (opt && opt->event_id && k != KIND_ATTENDANCE && k != KIND_TASK && k != KIND_INVITATION) {
        *err = xstrdup(_("--event goes with attendance, tasks and invitations"));
        return -1;
    }
    if (write_header(&x) != 0) {
        *err = x.err;
        return -1;
    }
    if (each_record(&x, opt, write_row, err) != 0) return -1;
    if (fflush(out) != 0 || ferror(out)) {
        *err = xasprintf(_("cannot write: %s"), strerror(errno));
        return -1;
    }
    return 0;
}
