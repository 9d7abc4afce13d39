/* Who is the same person (identity.h): the rule, and finding the members it relates to
 * someone through the indexes on phones, e-mail, LINE ID and names. */
#include "identity.h"
#include "map.h"
#include "messages.h"
#include "phone.h"
#include "store_internal.h"
#include "strbuf.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { WEIGHT_KEY = 10, WEIGHT_NAME = 5, WEIGHT_PLACE = 1, MAX_CANDIDATES = 50 };

void identity_init(struct identity *p)
{
    memset(p, 0, sizeof *p);
}

void identity_free(struct identity *p)
{
    free(p->given);
    free(p->family);
    strings_free(p->phones, p->nphones);
    free(p->email);
    free(p->line_id);
    free(p->province);
    free(p->subdistrict);
    identity_init(p);
}

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s - 'A' + 'a');
}

static bool has_phone(const struct identity *p, const char *digits)
{
    for (size_t i = 0; i < p->nphones; i++)
        if (strcmp(p->phones[i], digits) == 0) return true;
    return false;
}

static void add_phones(struct identity *p, const char *value)
{
    for (const char *s = value; *s;) {
        size_t len = strcspn(s, ";,\n");
        char *item = xstrndup(s, len), digits[32];
        if (phone_normalize_lenient(item, digits, sizeof digits) != PHONE_INVALID &&
            !has_phone(p, digits)) {
            p->phones = xrealloc(p->phones, sizeof *p->phones * (p->nphones + 1));
            p->phones[p->nphones++] = xstrdup(digits);
        }
        free(item);
        s += len + (s[len] != '\0');
    }
}

/* A subdistrict as sheets write it: "ตำบลบางจาก", "ต.บางจาก" and "บางจาก" are one place. */
static char *subdistrict_key(const char *value)
{
    char *norm = text_normalize(value, 0);
    static const char *const prefixes[] = {"ตำบล", "ต.", "แขวง"};
    const char *s = norm;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0 && s[strlen(prefixes[i])]) {
            s += strlen(prefixes[i]);
            break;
        }
    while (*s == ' ')
        s++;
    char *key = xstrdup(s);
    free(norm);
    return key;
}

static void replace(char **slot, char *value)
{
    free(*slot);
    *slot = value;
}

void identity_set(struct identity *p, enum field_id f, const char *value)
{
    if (!value) value = "";
    char *norm;
    switch (f) {
    case F_MEMBER_GIVEN_NAME:
        replace(&p->given, text_normalize(value, 0));
        break;
    case F_MEMBER_FAMILY_NAME:
        replace(&p->family, text_normalize(value, 0));
        break;
    case F_MEMBER_PHONE:
        strings_free(p->phones, p->nphones);
        p->phones = NULL;
        p->nphones = 0;
        add_phones(p, value);
        break;
    case F_MEMBER_EMAIL:
    case F_MEMBER_LINE_ID:
        norm = text_normalize(value, 0);
        ascii_lower(norm);
        if (f == F_MEMBER_LINE_ID && *norm == '@') memmove(norm, norm + 1, strlen(norm));
        replace(f == F_MEMBER_EMAIL ? &p->email : &p->line_id, norm);
        break;
    case F_MEMBER_PROVINCE:
        replace(&p->province, text_normalize(value, 0));
        break;
    case F_MEMBER_SUBDISTRICT:
        replace(&p->subdistrict, subdistrict_key(value));
        break;
    default:
        break;
    }
}

/* The code of a province given in any accepted form, "" when none. */
static char *province_code(struct db *db, const char *input)
{
    char *name = *input ? province_lookup(db, input) : NULL, *err = NULL, *code = NULL;
    sqlite3_stmt *st =
        name ? db_prepare(db, "SELECT code FROM provinces WHERE name_th = ?1", &err) : NULL;
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            code = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
    }
    free(err);
    free(name);
    return code ? code : xstrdup("");
}

void identity_of_record(struct db *db, const struct record *r, struct identity *out)
{
    static const enum field_id fields[] = {F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME,
                                           F_MEMBER_PHONE,      F_MEMBER_EMAIL,
                                           F_MEMBER_LINE_ID,    F_MEMBER_SUBDISTRICT};
    identity_init(out);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        identity_set(out, fields[i], record_get(r, fields[i]));
    out->province = province_code(db, record_get(r, F_MEMBER_PROVINCE));
}

/* ---- the rule ---- */

static bool filled(const char *s)
{
    return s && *s;
}

enum agreement { NEITHER, AGREE, CONFLICT };

static enum agreement compare_text(const char *a, const char *b)
{
    if (!filled(a) || !filled(b)) return NEITHER;
    return strcmp(a, b) == 0 ? AGREE : CONFLICT;
}

static enum agreement compare_phones(const struct identity *a, const struct identity *b)
{
    if (!a->nphones || !b->nphones) return NEITHER;
    for (size_t i = 0; i < a->nphones; i++)
        if (has_phone(b, a->phones[i])) return AGREE;
    return CONFLICT;
}

static bool same_name(const struct identity *a, const struct identity *b)
{
    return filled(a->given) && filled(b->given) && strcmp(a->given, b->given) == 0 &&
           strcmp(a->family ? a->family : "", b->family ? b->family : "") == 0;
}

struct identity_judgement identity_compare(const struct identity *a, const struct identity *b)
{
    struct identity_judgement j = {IDENTITY_UNRELATED, F_NONE, 0, false, false};
    /* The keys in the order a match counts, then what tells namesakes apart. */
    const enum field_id fields[] = {F_MEMBER_PHONE, F_MEMBER_EMAIL, F_MEMBER_LINE_ID,
                                    F_MEMBER_PROVINCE, F_MEMBER_SUBDISTRICT};
    const enum agreement how[] = {compare_phones(a, b), compare_text(a->email, b->email),
                                  compare_text(a->line_id, b->line_id),
                                  compare_text(a->province, b->province),
                                  compare_text(a->subdistrict, b->subdistrict)};
    j.same_province = how[3] == AGREE;
    j.same_subdistrict = how[4] == AGREE;
    bool name = same_name(a, b);
    j.score = (name ? WEIGHT_NAME : 0) + (j.same_province + j.same_subdistrict) * WEIGHT_PLACE;
    for (int i = 0; i < 3; i++) {
        if (how[i] != AGREE) continue;
        j.score += WEIGHT_KEY;
        if (j.verdict != IDENTITY_SAME) j.field = fields[i];
        j.verdict = IDENTITY_SAME;
    }
    if (j.verdict == IDENTITY_SAME || !name) return j;
    j.verdict = IDENTITY_PROBABLE;
    for (int i = 0; i < 5 && j.verdict == IDENTITY_PROBABLE; i++)
        if (how[i] == CONFLICT) {
            j.verdict = IDENTITY_DIFFERENT;
            j.field = fields[i];
        }
    return j;
}

static const char *same_key_words(enum field_id f)
{
    switch (f) {
    case F_MEMBER_PHONE:
        return _("same phone");
    case F_MEMBER_EMAIL:
        return _("same e-mail");
    default:
        return _("same LINE ID");
    }
}

static const char *conflict_words(enum field_id f)
{
    switch (f) {
    case F_MEMBER_PHONE:
        return _("same name, another phone");
    case F_MEMBER_EMAIL:
        return _("same name, another e-mail");
    case F_MEMBER_LINE_ID:
        return _("same name, another LINE ID");
    case F_MEMBER_PROVINCE:
        return _("same name, another province");
    default:
        return _("same name, another subdistrict");
    }
}

char *identity_reason(const struct identity_judgement *j)
{
    switch (j->verdict) {
    case IDENTITY_SAME:
        return xstrdup(same_key_words(j->field));
    case IDENTITY_DIFFERENT:
        return xstrdup(conflict_words(j->field));
    case IDENTITY_PROBABLE:
        /* Two phones would be the same or conflict: a probable match always lacks one. */
        if (j->same_subdistrict) return xstrdup(_("same name and subdistrict, no phone"));
        if (j->same_province) return xstrdup(_("same name and province, no phone"));
        return xstrdup(_("same name, no phone"));
    default:
        return xstrdup(_("unrelated"));
    }
}

const char *identity_verdict_key(enum identity_verdict v)
{
    static const char *const keys[] = {"unrelated", "different", "probable", "same"};
    return keys[v];
}

/* ---- finding members through the indexes ---- */

static char *column_dup(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

/* A live member's identity and display name; 1 when found, 0 when not, -1 on error. */
static int load_identity(struct db *db, long long id, struct identity *p, char **name, char **err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT title, given_name, family_name, email, line_id, coalesce(province, ''), "
        "subdistrict, (SELECT group_concat(phone, ';') FROM member_phones WHERE member_id = m.id) "
        "FROM members m WHERE id = ?1 AND deleted_at IS NULL",
        err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        identity_init(p);
        static const enum field_id cols[] = {
            F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME, F_MEMBER_EMAIL, F_MEMBER_LINE_ID,
            F_MEMBER_PROVINCE,   F_MEMBER_SUBDISTRICT, F_MEMBER_PHONE};
        for (int i = 0; i < 7; i++)
            identity_set(p, cols[i], (const char *)sqlite3_column_text(st, i + 1));
        static const enum field_id named[] = {F_MEMBER_TITLE, F_MEMBER_GIVEN_NAME,
                                              F_MEMBER_FAMILY_NAME};
        struct record *r = record_new(KIND_MEMBER);
        for (int i = 0; i < 3; i++)
            record_set(r, named[i], (const char *)sqlite3_column_text(st, i));
        *name = record_display_name(r);
        record_free(&r);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return rc == SQLITE_ROW;
}

struct candidates {
    long long ids[MAX_CANDIDATES];
    size_t n;
};

static void candidate_add(struct candidates *c, long long id, long long exclude)
{
    if (id == exclude || c->n == MAX_CANDIDATES) return;
    for (size_t i = 0; i < c->n; i++)
        if (c->ids[i] == id) return;
    c->ids[c->n++] = id;
}

/* Every id sql gives for the text parameters a (and b). */
static int collect(struct db *db, const char *sql, const char *a, const char *b,
                   struct candidates *c, long long exclude, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b) sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        candidate_add(c, sqlite3_column_int64(st, 0), exclude);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return 0;
}

static int find_candidates(struct db *db, const struct identity *p, long long exclude,
                           struct candidates *c, char **err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < p->nphones; i++)
        rc = collect(db,
                     "SELECT p.member_id FROM member_phones p JOIN members m ON m.id = "
                     "p.member_id WHERE p.phone = ?1 AND m.deleted_at IS NULL LIMIT 50",
                     p->phones[i], NULL, c, exclude, err);
    if (rc == 0 && filled(p->email))
        rc = collect(db,
                     "SELECT id FROM members WHERE lower(email) = ?1 AND deleted_at IS NULL AND "
                     "email <> '' LIMIT 50",
                     p->email, NULL, c, exclude, err);
    if (rc == 0 && filled(p->line_id))
        rc = collect(db,
                     "SELECT id FROM members WHERE lower(ltrim(line_id, '@')) = ?1 AND "
                     "deleted_at IS NULL AND line_id <> '' LIMIT 50",
                     p->line_id, NULL, c, exclude, err);
    if (rc == 0 && filled(p->given))
        rc = collect(db,
                     "SELECT id FROM members WHERE given_name = ?1 COLLATE thai AND family_name = "
                     "?2 COLLATE thai AND given_name = ?1 AND family_name = ?2 AND deleted_at IS "
                     "NULL LIMIT 50",
                     p->given, p->family ? p->family : "", c, exclude, err);
    return rc;
}

static int match_order(const void *x, const void *y)
{
    const struct identity_match *a = x, *b = y;
    if (a->judgement.verdict != b->judgement.verdict)
        return (int)b->judgement.verdict - (int)a->judgement.verdict;
    if (a->judgement.score != b->judgement.score) return b->judgement.score - a->judgement.score;
    return (a->id > b->id) - (a->id < b->id);
}

int identity_find(struct db *db, const struct identity *p, long long exclude,
                  struct identity_match **out, size_t *n, char **err)
{
    struct candidates c = {.n = 0};
    *out = NULL;
    *n = 0;
    if (find_candidates(db, p, exclude, &c, err) != 0) return -1;
    for (size_t i = 0; i < c.n; i++) {
        struct identity other;
        char *name = NULL;
        int found = load_identity(db, c.ids[i], &other, &name, err);
        if (found < 0) {
            identity_matches_free(*out, *n);
            *out = NULL;
            *n = 0;
            return -1;
        }
        if (!found) continue;
        struct identity_judgement j = identity_compare(p, &other);
        identity_free(&other);
        if (j.verdict == IDENTITY_UNRELATED) {
            free(name);
            continue;
        }
        *out = xrealloc(*out, sizeof **out * (*n + 1));
        (*out)[(*n)++] = (struct identity_match){c.ids[i], name, j, identity_reason(&j)};
    }
    if (*n > 1) qsort(*out, *n, sizeof **out, match_order);
    return 0;
}

void identity_matches_free(struct identity_match *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].name);
        free(m[i].reason);
    }
    free(m);
}

const struct identity_match *identity_best(const struct identity_match *m, size_t n,
                                           enum identity_verdict at_least)
{
    return n && m[0].judgement.verdict >= at_least ? &m[0] : NULL;
}

/* ---- every duplicate in the database ---- */

struct pairs {
    struct identity_pair *p;
    size_t n;
    struct map seen;
};

/* Judges each two of a group of members that share a key or a name. */
static int judge_group(struct db *db, const long long *ids, size_t n, struct pairs *out, char **err)
{
    struct identity *who = xcalloc(n, sizeof *who);
    char **names = xcalloc(n, sizeof *names);
    bool *live = xcalloc(n, sizeof *live);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int found = load_identity(db, ids[i], &who[i], &names[i], err);
        rc = found < 0 ? -1 : 0;
        live[i] = found > 0;
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t k = i + 1; live[i] && k < n; k++) {
            if (!live[k]) continue;
            struct identity_judgement j = identity_compare(&who[i], &who[k]);
            if (j.verdict < IDENTITY_PROBABLE) continue;
            size_t a = ids[i] < ids[k] ? i : k, b = a == i ? k : i;
            char *key = xasprintf("%lld:%lld", ids[a], ids[b]);
            if (!map_get(&out->seen, key)) {
                map_set(&out->seen, key, 1);
                out->p = xrealloc(out->p, sizeof *out->p * (out->n + 1));
                out->p[out->n++] = (struct identity_pair){
                    ids[a], ids[b], xstrdup(names[a]), xstrdup(names[b]), j, identity_reason(&j)};
            }
            free(key);
        }
    for (size_t i = 0; i < n; i++) {
        if (live[i]) identity_free(&who[i]);
        free(names[i]);
    }
    free(who);
    free(names);
    free(live);
    return rc;
}

/* The groups sql gives as rows of (group key, member id), ordered by the key. */
static int each_group(struct db *db, const char *sql, struct pairs *out, char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    char *group = NULL;
    long long *ids = NULL;
    size_t n = 0;
    int rc = 0, step;
    /* A group is judged once its rows are read: the statement is reset before the loads. */
    struct {
        char *key;
        long long id;
    } *rows = NULL;
    size_t nrows = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        rows = xrealloc(rows, sizeof *rows * (nrows + 1));
        rows[nrows].key = column_dup(st, 0);
        rows[nrows++].id = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i <= nrows; i++) {
        if (i == nrows || !group || strcmp(group, rows[i].key) != 0) {
            if (n > 1) rc = judge_group(db, ids, n, out, err);
            n = 0;
            group = i < nrows ? rows[i].key : NULL;
        }
        if (i == nrows) break;
        ids = xrealloc(ids, sizeof *ids * (n + 1));
        ids[n++] = rows[i].id;
    }
    for (size_t i = 0; i < nrows; i++)
        free(rows[i].key);
    free(rows);
    free(ids);
    return rc;
}

static int pair_order(const void *x, const void *y)
{
    const struct identity_pair *a = x, *b = y;
    if (a->a != b->a) return (a->a > b->a) - (a->a < b->a);
    return (a->b > b->b) - (a->b < b->b);
}

int identity_duplicates(struct db *db, struct identity_pair **out, size_t *n, char **err)
{
    /* Groups of two or more live members with one name, phone, e-mail or LINE ID. */
    static const char *const groups[] = {
        "SELECT given_name || char(9) || family_name, id FROM members m WHERE deleted_at IS NULL "
        "AND EXISTS (SELECT 1 FROM members o WHERE o.given_name = m.given_name COLLATE thai AND "
        "o.family_name = m.family_name COLLATE thai AND o.given_name = m.given_name AND "
        "o.family_name = m.family_name AND o.deleted_at IS NULL AND o.id <> m.id) ORDER BY 1, 2",
        "SELECT p.phone, p.member_id FROM member_phones p JOIN members m ON m.id = p.member_id "
        "WHERE m.deleted_at IS NULL AND EXISTS (SELECT 1 FROM member_phones q JOIN members o ON "
        "o.id = q.member_id WHERE q.phone = p.phone AND q.member_id <> p.member_id AND "
        "o.deleted_at IS NULL) ORDER BY 1, 2",
        "SELECT lower(email), id FROM members m WHERE deleted_at IS NULL AND email <> '' AND "
        "EXISTS (SELECT 1 FROM members o WHERE lower(o.email) = lower(m.email) AND o.deleted_at "
        "IS NULL AND o.email <> '' AND o.id <> m.id) ORDER BY 1, 2",
        "SELECT lower(ltrim(line_id, '@')), id FROM members m WHERE deleted_at IS NULL AND "
        "line_id <> '' AND EXISTS (SELECT 1 FROM members o WHERE lower(ltrim(o.line_id, '@')) = "
        "lower(ltrim(m.line_id, '@')) AND o.deleted_at IS NULL AND o.line_id <> '' AND o.id <> "
        "m.id) ORDER BY 1, 2",
    };
    struct pairs p = {NULL, 0, {0}};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof groups / sizeof groups[0]; i++)
        rc = each_group(db, groups[i], &p, err);
    map_free(&p.seen);
    if (rc != 0) {
        identity_pairs_free(p.p, p.n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    if (p.n > 1) qsort(p.p, p.n, sizeof *p.p, pair_order);
    *out = p.p;
    *n = p.n;
    return 0;
}

void identity_pairs_free(struct identity_pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].name_a);
        free(p[i].name_b);
        free(p[i].reason);
    }
    free(p);
}
