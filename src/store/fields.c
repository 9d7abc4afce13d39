/* Checking and normalising field input into the form it is stored in, one rule per type. */
#include "honorific.h"
#include "messages.h"
#include "store_internal.h"
#include "phone.h"
#include "strbuf.h"
#include "suggest.h"
#include "thaidate.h"
#include "thainorm.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void stored_free(struct stored *s)
{
    free(s->text);
    free(s->ids);
    for (size_t i = 0; i < s->n && s->items; i++)
        free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

bool field_is_ref(enum field_type t)
{
    return t == FT_ORG || t == FT_ORGS || t == FT_MEMBER || t == FT_EVENT || t == FT_OWNERS ||
           t == FT_SERIES;
}

/* msgid quotes the input once. */
static int field_error(struct model_error *e, enum field_id id, const char *input,
                       const char *msgid)
{
    return model_error_set(e, id, msgid, input, NULL);
}

/* Splits "a; b, c" into trimmed, normalised, non-empty items. */
static char **split_items(const char *input, size_t *n)
{
    char **items = NULL;
    *n = 0;
    const char *p = input;
    while (*p) {
        size_t len = strcspn(p, ";,\n");
        char *raw = xstrndup(p, len);
        char *item = text_normalize(raw, 0);
        free(raw);
        if (*item) {
            items = xrealloc(items, sizeof *items * (*n + 1));
            items[(*n)++] = item;
        } else {
            free(item);
        }
        p += len;
        if (*p) p++;
    }
    return items;
}

static bool parse_whole_number(const char *s, long long *out)
{
    char *digits = text_digits_only(s);
    bool ok = *digits && strlen(digits) < 16;
    for (const char *p = s; ok && *p; p++)
        if (*p == '-' || *p == '.') ok = false;
    if (ok) *out = strtoll(digits, NULL, 10);
    free(digits);
    return ok;
}

static bool looks_like_id(const char *s)
{
    if (*s == '#') s++;
    if (!*s || strlen(s) > 12) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

static int store_choice(enum field_id id, const char *input, struct stored *out,
                        struct model_error *e)
{
    const struct field *f = field_info(id);
    for (const struct choice *c = f->choices; c->key; c++) {
        if (strcasecmp(input, c->key) == 0 || strcasecmp(input, c->en) == 0 ||
            strcmp(input, c->th_alias) == 0) {
            out->text = xstrdup(c->key);
            return 0;
        }
    }
    struct strbuf sb = STRBUF_INIT;
    for (const struct choice *c = f->choices; c->key; c++)
        sb_addf(&sb, "%s%s", c == f->choices ? "" : ", ", c->key);
    model_error_set(e, id, N_("\"%s\" is not one of %s"), input, sb_str(&sb), NULL);
    sb_free(&sb);
    return -1;
}

static int store_date(enum field_id id, const char *input, const struct date *ref,
                      struct stored *out, struct model_error *e)
{
    struct date start, end;
    char why[256];
    if (date_parse(input, ref ? *ref : date_today(), &start, &end, why, sizeof why) != 0)
        return model_error_take(e, id, xstrdup(why));
    char buf[32];
    date_format(start, DATE_ISO, buf, sizeof buf);
    out->text = xstrdup(buf);
    if (date_cmp(start, end) != 0) { /* a range: the caller may use the end */
        date_format(end, DATE_ISO, buf, sizeof buf);
        out->items = xmalloc(sizeof *out->items);
        out->items[0] = xstrdup(buf);
        out->n = 1;
    }
    return 0;
}

static int store_time(enum field_id id, const char *input, struct stored *out,
                      struct model_error *e)
{
    int start, end;
    char why[256];
    if (time_parse(input, &start, &end, why, sizeof why) != 0)
        return model_error_take(e, id, xstrdup(why));
    char buf[16];
    time_format(start, buf, sizeof buf);
    out->text = xstrdup(buf);
    if (end >= 0) {
        time_format(end, buf, sizeof buf);
        out->items = xmalloc(sizeof *out->items);
        out->items[0] = xstrdup(buf);
        out->n = 1;
    }
    return 0;
}

static int store_bool(enum field_id id, const char *input, struct stored *out,
                      struct model_error *e)
{
    static const char *const yes[] = {"1", "yes", "y", "true", "ใช่", "active", NULL};
    static const char *const no[] = {"0", "no", "n", "false", "ไม่", "inactive", NULL};
    out->has_num = true;
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(input, yes[i]) == 0) return out->num = 1, 0;
    for (int i = 0; no[i]; i++)
        if (strcasecmp(input, no[i]) == 0) return out->num = 0, 0;
    return field_error(e, id, input, N_("expected yes or no: \"%s\""));
}

static int store_phones(enum field_id id, const char *input, struct stored *out,
                        struct model_error *e)
{
    size_t n;
    char **items = split_items(input, &n);
    for (size_t i = 0; i < n; i++) {
        char digits[32];
        if (phone_normalize(items[i], digits, sizeof digits) == PHONE_INVALID) {
            int rc = field_error(e, id, items[i],
                                 N_("not a Thai phone number (mobile 0XX-XXX-XXXX, landline "
                                    "0X-XXX-XXXX): \"%s\""));
            for (size_t j = 0; j < n; j++)
                free(items[j]);
            free(items);
            return rc;
        }
        free(items[i]);
        items[i] = xstrdup(digits);
    }
    out->items = items;
    out->n = n;
    return 0;
}

static int store_email(enum field_id id, const char *input, struct stored *out,
                       struct model_error *e)
{
    const char *at = strchr(input, '@');
    bool ok = at && at != input && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
              input[strlen(input) - 1] != '.' && !strpbrk(input, " \t<>,;\"");
    if (!ok) return field_error(e, id, input, N_("not an e-mail address: \"%s\""));
    out->text = xstrdup(input);
    return 0;
}

static int store_province(struct db *db, enum field_id id, const char *input, struct stored *out,
                          struct model_error *e)
{
    char *name = province_lookup(db, input);
    if (!name) return field_error(e, id, input, N_("no such province: \"%s\""));
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT code FROM provinces WHERE name_th = ?", &err);
    if (!st) {
        free(name);
        return model_error_take(e, F_NONE, err);
    }
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        out->text = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    free(name);
    return out->text ? 0 : field_error(e, id, input, N_("no such province: \"%s\""));
}

/* Finds ids by a query taking one or two text parameters (key2 NULL: one); returns how many
 * matched (ids up to 8). */
static int find_ids_by(struct db *db, const char *sql, const char *key, const char *key2,
                       long long ids[8], struct model_error *e)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(db, sql, &err);
    if (!st) return model_error_take(e, F_NONE, err);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    if (key2) sqlite3_bind_text(st, 2, key2, -1, SQLITE_TRANSIENT);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n < 8) ids[n] = sqlite3_column_int64(st, 0);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return model_error_take(e, F_NONE, db_error(db, "cannot look up a reference"));
    return n;
}

static int find_ids(struct db *db, const char *sql, const char *key, long long ids[8],
                    struct model_error *e)
{
    return find_ids_by(db, sql, key, NULL, ids, e);
}

/* What a reference names, in the words of its two errors. */
struct what {
    const char *none;    /* the input */
    const char *several; /* how many, the input, their ids */
};
static const struct what an_org = {N_("no organisation \"%s\""),
                                   N_("%s organisations match \"%s\" (ids %s): give the id")},
                         a_member = {N_("no member \"%s\""),
                                     N_("%s members match \"%s\" (ids %s): give the id")},
                         a_phone = {N_("no member with phone \"%s\""),
                                    N_("%s members have the phone \"%s\" (ids %s): give the id")},
                         an_event = {N_("no event \"%s\""),
                                     N_("%s events match \"%s\" (ids %s): give the id")},
                         a_series = {N_("no series \"%s\""),
                                     N_("%s series match \"%s\" (ids %s): give the id")};

static int one_id(enum field_id id, const char *input, const struct what *what, int n,
                  const long long ids[8], long long *out, struct model_error *e)
{
    if (n < 0) return -1;
    if (n == 0) return model_error_set(e, id, what->none, input, NULL);
    if (n > 1) {
        struct strbuf sb = STRBUF_INIT;
        for (int i = 0; i < n && i < 8; i++)
            sb_addf(&sb, "%s%lld", i ? ", " : "", ids[i]);
        if (n > 8) sb_add(&sb, ", ...");
        char count[16];
        snprintf(count, sizeof count, "%d", n);
        model_error_set(e, id, what->several, count, input, sb_str(&sb), NULL);
        sb_free(&sb);
        return -1;
    }
    *out = ids[0];
    return 0;
}

static int resolve_by_id(struct db *db, const char *sql, enum field_id id, const char *input,
                         const struct what *what, long long *out, struct model_error *e)
{
    long long ids[8];
    const char *digits = *input == '#' ? input + 1 : input;
    return one_id(id, input, what, find_ids(db, sql, digits, ids, e), ids, out, e);
}

static int resolve_org(struct db *db, enum field_id id, const char *input, long long *out,
                       struct model_error *e)
{
    long long ids[8];
    if (looks_like_id(input))
        return resolve_by_id(db,
                             "SELECT id FROM organisations WHERE id = CAST(?1 AS INTEGER) AND "
                             "deleted_at IS NULL",
                             id, input, &an_org, out, e);
    int n = find_ids(db,
                     "SELECT id FROM organisations WHERE deleted_at IS NULL AND (name = ?1 OR "
                     "(short_name = ?1 AND short_name <> '')) ORDER BY name = ?1 DESC, id",
                     input, ids, e);
    return one_id(id, input, &an_org, n, ids, out, e);
}

/* A series by its id or its whole title. */
static int resolve_series(struct db *db, enum field_id id, const char *input, long long *out,
                          struct model_error *e)
{
    long long ids[8];
    if (looks_like_id(input))
        return resolve_by_id(db,
                             "SELECT id FROM series WHERE id = CAST(?1 AS INTEGER) AND "
                             "deleted_at IS NULL",
                             id, input, &a_series, out, e);
    int n =
        find_ids(db, "SELECT id FROM series WHERE deleted_at IS NULL AND title = ?1 ORDER BY id",
                 input, ids, e);
    return one_id(id, input, &a_series, n, ids, out, e);
}

/* Members named given and family (read through the name index: the COLLATE thai terms pick
 * the index, the plain ones keep the match exact), or with that nickname and no family name.
 * A name without a family name, as networks write their people (พี่ปิยะชีพ), also finds one
 * whose family name is set, when no one matches exactly. */
static int find_named(struct db *db, const char *given, const char *family, long long ids[8],
                      struct model_error *e)
{
    static const char *const sql[] = {
        "SELECT id FROM members WHERE deleted_at IS NULL AND given_name = ?1 COLLATE thai AND "
        "family_name = ?2 COLLATE thai AND given_name = ?1 AND family_name = ?2 UNION SELECT id "
        "FROM members WHERE deleted_at IS NULL AND ?2 = '' AND nickname = ?1 COLLATE thai AND "
        "nickname = ?1 AND family_name = '' ORDER BY 1",
        "SELECT id FROM members WHERE deleted_at IS NULL AND given_name = ?1 COLLATE thai AND "
        "given_name = ?1 ORDER BY id"};
    int n = find_ids_by(db, sql[0], given, family, ids, e);
    if (n == 0 && *family == '\0') n = find_ids_by(db, sql[1], given, NULL, ids, e);
    return n;
}

static int resolve_member(struct db *db, enum field_id id, const char *input, long long *out,
                          struct model_error *e)
{
    long long ids[8];
    char phone[32];
    if (looks_like_id(input) && strlen(input) < 8)
        return resolve_by_id(db,
                             "SELECT id FROM members WHERE id = CAST(?1 AS INTEGER) AND "
                             "deleted_at IS NULL",
                             id, input, &a_member, out, e);
    if (phone_normalize(input, phone, sizeof phone) != PHONE_INVALID) {
        int n = find_ids(db,
                         "SELECT DISTINCT p.member_id FROM member_phones p JOIN members m ON "
                         "m.id = p.member_id WHERE p.phone = ?1 AND m.deleted_at IS NULL",
                         phone, ids, e);
        return one_id(id, input, &a_phone, n, ids, out, e);
    }
    struct person_name pn;
    if (name_split(input, &pn) != 0)
        return field_error(e, id, input, N_("not a member id, phone or name: \"%s\""));
    int n = find_named(db, pn.given, pn.family ? pn.family : "", ids, e);
    person_name_free(&pn);
    return one_id(id, input, &a_member, n, ids, out, e);
}

static int store_ref(struct db *db, enum field_type type, enum field_id id, const char *input,
                     struct stored *out, struct model_error *e)
{
    out->has_num = true;
    switch (type) {
    case FT_ORG:
        return resolve_org(db, id, input, &out->num, e);
    case FT_MEMBER:
        return resolve_member(db, id, input, &out->num, e);
    case FT_SERIES:
        return resolve_series(db, id, input, &out->num, e);
    default:
        if (!looks_like_id(input))
            return field_error(e, id, input, N_("expected an event id: \"%s\""));
        return resolve_by_id(db,
                             "SELECT id FROM events WHERE id = CAST(?1 AS INTEGER) AND "
                             "deleted_at IS NULL",
                             id, input, &an_event, &out->num, e);
    }
}

static int store_orgs(struct db *db, enum field_id id, const char *input, struct stored *out,
                      struct model_error *e)
{
    size_t n;
    char **items = split_items(input, &n);
    int rc = 0;
    out->ids = xcalloc(n ? n : 1, sizeof *out->ids);
    for (size_t i = 0; i < n; i++) {
        long long org;
        if (rc == 0 && resolve_org(db, id, items[i], &org, e) != 0) rc = -1;
        bool seen = false;
        for (size_t j = 0; rc == 0 && j < out->n; j++)
            seen = seen || out->ids[j] == org;
        if (rc == 0 && !seen) out->ids[out->n++] = org;
        free(items[i]);
    }
    free(items);
    return rc;
}

/* One owner of a task: a member by id, phone or name, or an organisation by name or short
 * name. Members come as their id, organisations as minus theirs. */
static int resolve_owner(struct db *db, enum field_id id, const char *input, long long *out,
                         struct model_error *e)
{
    long long ids[8];
    if (!looks_like_id(input)) {
        int n = find_ids(db,
                         "SELECT id FROM organisations WHERE deleted_at IS NULL AND (name = ?1 OR "
                         "(short_name = ?1 AND short_name <> '')) ORDER BY name = ?1 DESC, id",
                         input, ids, e);
        if (n < 0) return -1;
        if (n > 0) {
            long long org;
            if (one_id(id, input, &an_org, n, ids, &org, e) != 0) return -1;
            *out = -org;
            return 0;
        }
    }
    return resolve_member(db, id, input, out, e);
}

static int store_owners(struct db *db, enum field_id id, const char *input, struct stored *out,
                        struct model_error *e)
{
    size_t n;
    char **items = split_items(input, &n);
    int rc = 0;
    out->ids = xcalloc(n ? n : 1, sizeof *out->ids);
    for (size_t i = 0; i < n; i++) {
        long long owner = 0;
        if (rc == 0 && resolve_owner(db, id, items[i], &owner, e) != 0) rc = -1;
        bool seen = false;
        for (size_t j = 0; rc == 0 && j < out->n; j++)
            seen = seen || out->ids[j] == owner;
        if (rc == 0 && !seen) out->ids[out->n++] = owner;
        free(items[i]);
    }
    free(items);
    return rc;
}

int record_missing_orgs(struct db *db, const struct record *r, struct missing_org **out, size_t *n,
                        char **err)
{
    *out = NULL;
    *n = 0;
    const struct kind_info *ki = kind_info(r->kind);
    for (int fi = 0; fi < ki->nfields; fi++) {
        enum field_type t = ki->fields[fi].type;
        if (!r->changed[fi] || (t != FT_ORG && t != FT_ORGS)) continue;
        size_t count;
        char **items = split_items(r->values[fi], &count);
        if (t == FT_ORG && count > 1) { /* one organisation: its name may hold a comma */
            for (size_t i = 0; i < count; i++)
                free(items[i]);
            free(items);
            items = xmalloc(sizeof *items);
            items[0] = text_normalize(r->values[fi], 0);
            count = *items[0] ? 1 : 0;
        }
        for (size_t i = 0; i < count; i++) {
            long long ids[8];
            struct model_error e = {.field = F_NONE};
            int found = looks_like_id(items[i])
                            ? 1
                            : find_ids(db,
                                       "SELECT id FROM organisations WHERE deleted_at IS NULL AND "
                                       "(name = ?1 OR (short_name = ?1 AND short_name <> ''))",
                                       items[i], ids, &e);
            if (found < 0) {
                *err = model_error_message(&e);
                model_error_clear(&e);
                for (size_t j = i; j < count; j++)
                    free(items[j]);
                free(items);
                return -1;
            }
            if (found == 0) {
                *out = xrealloc(*out, sizeof **out * (*n + 1));
                (*out)[(*n)++] = (struct missing_org){field_id(r->kind, fi), items[i]};
            } else {
                free(items[i]);
            }
        }
        free(items);
    }
    return 0;
}

void missing_orgs_free(struct missing_org *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(m[i].name);
    free(m);
}

static int store_quotas(enum field_id id, const char *input, struct stored *out,
                        struct model_error *e)
{
    size_t n;
    char **items = split_items(input, &n);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *eq = strrchr(items[i], '=');
        if (!eq) eq = strrchr(items[i], ':');
        long long target;
        if (rc == 0 && (!eq || eq == items[i] || !parse_whole_number(eq + 1, &target)))
            rc = field_error(e, id, items[i], N_("expected category=number: \"%s\""));
        if (rc == 0) {
            *eq = '\0';
            char *category = text_normalize(items[i], 0);
            free(items[i]);
            items[i] = xasprintf("%s\t%lld", category, target);
            free(category);
        }
    }
    if (rc != 0) {
        for (size_t i = 0; i < n; i++)
            free(items[i]);
        free(items);
        return rc;
    }
    out->items = items;
    out->n = n;
    return 0;
}

/* Bounds on what one field holds, so that a pasted book or a hostile file cannot fill the
 * database or every screen: a name, a title or a venue is a line, notes are pages. In
 * characters, as a user counts them. */
enum { MAX_LINE_CHARS = 500, MAX_LIST_CHARS = 4000, MAX_NOTES_BYTES = 64 * 1024 };

static bool too_long(enum field_id id, const struct field *f, const char *value,
                     struct model_error *e)
{
    size_t bytes = strlen(value);
    if (f->type == FT_MULTILINE) {
        if (bytes <= MAX_NOTES_BYTES) return false;
        char size[32];
        snprintf(size, sizeof size, "%zu", bytes / 1024);
        model_error_set(e, id, N_("too long: %s KiB (at most 64 KiB)"), size, NULL);
        return true;
    }
    bool list = f->type == FT_ORGS || f->type == FT_TAGS || f->type == FT_PHONES ||
                f->type == FT_QUOTAS || f->type == FT_OWNERS;
    size_t max = list ? MAX_LIST_CHARS : MAX_LINE_CHARS;
    if (bytes <= max) return false; /* no more characters than bytes */
    size_t chars = 0;
    for (const char *c = value; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80; /* lead bytes: one a character */
    if (chars <= max) return false;
    char count[32], most[32];
    snprintf(count, sizeof count, "%zu", chars);
    snprintf(most, sizeof most, "%zu", max);
    model_error_set(e, id, N_("too long: %s characters (at most %s)"), count, most, NULL);
    return true;
}

int field_check(struct db *db, enum field_id id, const char *input, struct stored *out,
                struct model_error *e)
{
    return field_check_dated(db, id, input, NULL, out, e);
}

/* An empty input is always accepted here: required fields are checked by the caller. */
int field_check_dated(struct db *db, enum field_id id, const char *input, const struct date *ref,
                      struct stored *out, struct model_error *e)
{
    const struct field *f = field_info(id);
    memset(out, 0, sizeof *out);
    char *norm =
        text_normalize(input ? input : "", f->type == FT_MULTILINE ? TEXT_KEEP_NEWLINES : 0);
    int rc = 0;
    if (!*norm) {
        out->text = f->type == FT_TEXT || f->type == FT_MULTILINE || f->type == FT_TIME ||
                            f->type == FT_CHOICE || f->type == FT_EMAIL
                        ? xstrdup("")
                        : NULL;
        free(norm);
        return 0;
    }
    if (too_long(id, f, norm, e)) {
        free(norm);
        return -1;
    }
    switch (f->type) {
    case FT_TEXT:
    case FT_MULTILINE:
        out->text = norm;
        norm = NULL;
        break;
    case FT_CHOICE:
        rc = store_choice(id, norm, out, e);
        break;
    case FT_DATE:
        rc = store_date(id, norm, ref, out, e);
        break;
    case FT_TIME:
        rc = store_time(id, norm, out, e);
        break;
    case FT_INT:
        out->has_num = parse_whole_number(norm, &out->num);
        if (!out->has_num) rc = field_error(e, id, norm, N_("expected a whole number: \"%s\""));
        break;
    case FT_BOOL:
        rc = store_bool(id, norm, out, e);
        break;
    case FT_PHONES:
        rc = store_phones(id, norm, out, e);
        break;
    case FT_EMAIL:
        rc = store_email(id, norm, out, e);
        break;
    case FT_PROVINCE:
        rc = store_province(db, id, norm, out, e);
        break;
    case FT_ORG:
    case FT_MEMBER:
    case FT_EVENT:
    case FT_SERIES:
        rc = store_ref(db, f->type, id, norm, out, e);
        break;
    case FT_ORGS:
        rc = store_orgs(db, id, norm, out, e);
        break;
    case FT_OWNERS:
        rc = store_owners(db, id, norm, out, e);
        break;
    case FT_TAGS:
        out->items = split_items(norm, &out->n);
        break;
    case FT_QUOTAS:
        rc = store_quotas(id, norm, out, e);
        break;
    case FT_ID:
    case FT_DERIVED:
        break;
    }
    free(norm);
    if (rc != 0) stored_free(out);
    return rc;
}

int field_store(struct db *db, enum kind k, int fi, const char *input, struct stored *out,
                char **err)
{
    struct model_error e = {.field = F_NONE};
    int rc = field_check(db, field_id(k, fi), input, out, &e);
    if (rc != 0) *err = model_error_text(&e);
    model_error_clear(&e);
    return rc;
}

/* Stored phones are national digits joined by "; ": each is grouped as it is read, without
 * the copy and normalisation an item typed by hand needs (a listing's every row has some). */
void phones_display(struct strbuf *sb, const char *raw)
{
    bool first = true;
    for (const char *p = raw; *p;) {
        size_t len = strcspn(p, ";,\n"), lead = strspn(p, " ");
        size_t digits = strspn(p + lead, "0123456789"), trail = strspn(p + lead + digits, " ");
        char grouped[32];
        if (lead + digits + trail == len) {
            if (digits) {
                char item[32];
                snprintf(item, sizeof item, "%.*s", (int)(digits < 31 ? digits : 31), p + lead);
                if (digits < 31)
                    phone_format(item, grouped, sizeof grouped);
                else
                    snprintf(grouped, sizeof grouped, "%s", item);
                sb_add(sb, first ? "" : LIST_SEPARATOR);
                sb_add(sb, grouped);
                first = false;
            }
        } else {
            char *one = xstrndup(p, len), *item = text_normalize(one, 0);
            if (*item) {
                phone_format(item, grouped, sizeof grouped);
                sb_add(sb, first ? "" : LIST_SEPARATOR);
                sb_add(sb, grouped);
                first = false;
            }
            free(item);
            free(one);
        }
        p += len;
        if (*p) p++;
    }
}

char *field_display(const struct field *f, const char *raw)
{
    if (!raw) return xstrdup("");
    if (f->type == FT_BOOL) return xstrdup(strcmp(raw, "0") == 0 ? "no" : "yes");
    if (f->type != FT_PHONES) return xstrdup(raw);
    struct strbuf sb = STRBUF_INIT;
    phones_display(&sb, raw);
    return sb_take(&sb);
}

char *province_lookup(struct db *db, const char *input)
{
    char *norm = text_normalize(input, 0);
    const char *key = norm;
    static const char *const prefixes[] = {"จังหวัด", "จ.", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0) key += strlen(prefixes[i]);
    while (*key == ' ')
        key++;
    if (strcmp(key, "กทม.") == 0 || strcmp(key, "กทม") == 0 || strcmp(key, "กรุงเทพ") == 0 ||
        strcmp(key, "กรุงเทพฯ") == 0)
        key = "กรุงเทพมหานคร";
    char *err = NULL, *name = NULL;
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT name_th FROM provinces WHERE name_th = ?1 OR name_en = ?1 COLLATE NOCASE OR "
        "code = upper(?1) OR code = 'TH-' || ?1 OR replace(name_en, ' ', '') = "
        "replace(?1, ' ', '') COLLATE NOCASE",
        &err);
    if (st) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            name = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
    }
    free(err);
    free(norm);
    return name;
}

/* The error names what was looked for: "organisation: no organisation ...". */
int model_find(struct db *db, enum field_type type, const char *input, long long *id, char **err)
{
    const char *what = type == FT_ORG      ? N_("organisation")
                       : type == FT_MEMBER ? N_("member")
                       : type == FT_SERIES ? N_("series")
                                           : N_("event");
    struct stored out = {0};
    struct model_error e = {.field = F_NONE};
    char *norm = text_normalize(input, 0);
    int rc = store_ref(db, type, F_NONE, norm, &out, &e);
    free(norm);
    if (rc != 0) {
        char *why = model_error_message(&e);
        *err = xasprintf("%s: %s", _(what), why);
        free(why);
    }
    model_error_clear(&e);
    *id = out.num;
    stored_free(&out);
    return rc;
}
