/* Check-in at the door: the door list query (members matching what was typed, with their
 * status at the event, best first), and checking in or adding people through the model so
 * that every write is validated, audited and undoable. SQL here only reads; bound
 * parameters only. */
#include "checkin.h"
#include "eventdays.h"
#include "honorific.h"
#include "identity.h"
#include "messages.h"
#include "store_internal.h"
#include "phone.h"
#include "strbuf.h"
#include "thainorm.h"
#include "timestamp.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_TERMS = 4 };

/* Every door-list query gives these columns, from members m and their attendance row a. */
#define MATCH_COLUMNS                                                                              \
    "m.id, CASE WHEN m.title = '' THEN '' WHEN m.title GLOB '[A-Za-z]*' THEN m.title || ' ' "      \
    "ELSE m.title END || m.given_name || CASE WHEN m.family_name <> '' THEN ' ' || "               \
    "m.family_name ELSE '' END, m.nickname, coalesce((SELECT name FROM organisations WHERE id "    \
    "= a.org_id), (SELECT o.name FROM affiliations f JOIN organisations o ON o.id = f.org_id "     \
    "WHERE f.member_id = m.id AND o.deleted_at IS NULL ORDER BY f.position LIMIT 1), ''), "        \
    "coalesce((SELECT phone FROM member_phones WHERE member_id = m.id ORDER BY position LIMIT "    \
    "1), ''), coalesce(a.status, ''), CASE WHEN a.status = 'attended' THEN "                       \
    "coalesce(a.checked_in_at, '') ELSE '' END, m.district, coalesce((SELECT name_th FROM "        \
    "provinces WHERE code = m.province), '')"

/* How well the first word :t fits: 0 whole name or phone, 1 start of a name or either end of
 * a phone (people read out their last digits), 2 anywhere. Phones are looked at only when
 * the word is digits (:p), names compared without lower() copies: this runs for every match
 * of a one-letter word in a roster of 100,000. */
#define MATCH_RANK                                                                                 \
    "CASE WHEN m.given_name = :t COLLATE NOCASE OR m.nickname = :t COLLATE NOCASE OR "             \
    "m.family_name = :t COLLATE NOCASE OR (:p IS NOT NULL AND EXISTS (SELECT 1 FROM "              \
    "member_phones p WHERE p.member_id = m.id AND p.phone = :p)) THEN 0 WHEN "                     \
    "substr(m.given_name, 1, length(:t)) = :t COLLATE NOCASE OR substr(m.nickname, 1, "            \
    "length(:t)) = :t COLLATE NOCASE OR substr(m.family_name, 1, length(:t)) = :t COLLATE "        \
    "NOCASE OR (:p IS NOT NULL AND EXISTS (SELECT 1 FROM member_phones p WHERE p.member_id = "     \
    "m.id AND (substr(p.phone, -length(:p)) = :p OR substr(p.phone, 1, length(:p)) = :p))) "       \
    "THEN 1 ELSE 2 END"

/* The best ids first, with only cheap sort keys; the columns shown are computed afterwards
 * for the few rows kept, not for every one of thousands of matches of a short word. Among
 * equal matches the person at the door is most likely someone expected (invited, confirmed),
 * least likely someone already in: Enter should take the likeliest. */
#define SEARCH_BEST(FILTER)                                                                        \
    "SELECT " MATCH_COLUMNS " FROM (SELECT m.id AS mid, " MATCH_RANK " AS rank, CASE WHEN "        \
    "a.status IN ('invited', 'confirmed') THEN 0 WHEN a.status = 'attended' THEN 2 ELSE 1 END "    \
    "AS likely FROM members m LEFT JOIN attendance a ON a.event_id = :event AND a.member_id = "    \
    "m.id AND a.deleted_at IS NULL WHERE m.deleted_at IS NULL" FILTER                              \
    " AND (:s1 IS NULL OR instr(m.search_key, :s1) > 0) AND (:s2 IS NULL OR instr(m.search_key, "  \
    ":s2) > 0) AND (:s3 IS NULL OR instr(m.search_key, :s3) > 0) AND (:s4 IS NULL OR "             \
    "instr(m.search_key, :s4) > 0) ORDER BY rank, likely, m.given_name COLLATE thai, "             \
    "m.family_name COLLATE thai, m.id LIMIT :limit) best JOIN members m ON m.id = best.mid LEFT "  \
    "JOIN attendance a ON a.event_id = :event AND a.member_id = m.id AND a.deleted_at IS NULL "    \
    "ORDER BY best.rank, best.likely, m.given_name COLLATE thai, m.family_name COLLATE thai, "     \
    "m.id"

/* Words of three or more characters narrow through the trigram index first: a full scan of
 * a large roster on every keystroke would be felt at the door. */
static const char search_sql[] = SEARCH_BEST("");
static const char search_fts_sql[] =
    SEARCH_BEST(" AND m.id IN (SELECT rowid FROM members_fts WHERE members_fts MATCH :fts)");

static const char recent_sql[] =
    "SELECT " MATCH_COLUMNS " FROM attendance a JOIN members m ON m.id = a.member_id WHERE "
    "a.event_id = :event AND a.status = 'attended' AND a.deleted_at IS NULL ORDER BY "
    "a.checked_in_at DESC, a.id DESC LIMIT :limit";

struct terms {
    char *key[MAX_TERMS];
    int n;
    char *fts; /* the long words as an FTS5 query of quoted phrases, or NULL */
};

static size_t codepoints(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
    }
    return n;
}

/* A word of digits (ASCII or Thai) and phone punctuation is phone digits: 081-234 and
 * ๐๘๑-๒๓๔ find 0812345678. */
static char *word_key(const char *word)
{
    char *digits = phone_search_digits(word);
    return digits ? digits : text_search_key(word);
}

/* "นางสาวจิราพร" searches as "จิราพร": the search key keeps the title apart from the name. */
static char *without_title(const char *text)
{
    char *norm = text_normalize(text, 0);
    struct person_name pn;
    if (name_split(norm, &pn) != 0) return norm;
    if (pn.title && pn.given) {
        free(norm);
        norm = xasprintf("%s%s%s", pn.given, pn.family ? " " : "", pn.family ? pn.family : "");
    }
    person_name_free(&pn);
    return norm;
}

static void add_fts_phrase(struct strbuf *fts, const char *key)
{
    sb_add(fts, fts->len ? " \"" : "\"");
    for (const char *p = key; *p; p++)
        if (*p == '"')
            sb_add(fts, "\"\"");
        else
            sb_addc(fts, *p);
    sb_addc(fts, '"');
}

static void terms_parse(const char *text, struct terms *t)
{
    memset(t, 0, sizeof *t);
    /* a phone read out in groups (081 234, ๐๘๑ ๒๓๔) is one run of digits */
    char *phone = phone_search_digits(text);
    char *clean = phone ? phone : without_title(text ? text : "");
    struct strbuf fts = STRBUF_INIT;
    char *save = NULL;
    for (char *w = strtok_r(clean, " ", &save); w && t->n < MAX_TERMS;
         w = strtok_r(NULL, " ", &save)) {
        char *k = word_key(w);
        if (!*k) {
            free(k);
            continue;
        }
        if (codepoints(k) >= 3) add_fts_phrase(&fts, k);
        t->key[t->n++] = k;
    }
    free(clean);
    t->fts = fts.len ? sb_take(&fts) : NULL;
    sb_free(&fts);
}

static void terms_free(struct terms *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->key[i]);
    free(t->fts);
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx > 0 && value)
        sqlite3_bind_text(st, idx, value, -1, SQLITE_TRANSIENT);
    else if (idx > 0)
        sqlite3_bind_null(st, idx);
}

static void bind_int(sqlite3_stmt *st, const char *name, long long value)
{
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx > 0) sqlite3_bind_int64(st, idx, value);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

/* Steps a statement made with MATCH_COLUMNS to the end, collecting its rows. */
static int collect(struct db *db, sqlite3_stmt *st, struct checkin_match **out, size_t *n,
                   char **err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, sizeof **out * cap);
        }
        struct checkin_match *m = &(*out)[(*n)++];
        m->member_id = sqlite3_column_int64(st, 0);
        m->name = column_dup(st, 1);
        m->nickname = column_dup(st, 2);
        m->organisation = column_dup(st, 3);
        m->phone = column_dup(st, 4);
        m->status = column_dup(st, 5);
        m->checked_in_at = column_dup(st, 6);
        m->district = column_dup(st, 7);
        m->province = column_dup(st, 8);
        m->apart = NULL;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot search the door list");
        checkin_matches_free(*out, *n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

static bool namesakes(const struct checkin_match *a, const struct checkin_match *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->organisation, b->organisation) == 0;
}

static const char *last_digits(const char *phone)
{
    size_t n = strlen(phone);
    return n > 4 ? phone + n - 4 : phone;
}

/* Whether district, province and phone digits are the same for a and b. */
static bool look_alike(const struct checkin_match *a, const struct checkin_match *b)
{
    return strcmp(a->district, b->district) == 0 && strcmp(a->province, b->province) == 0 &&
           strcmp(last_digits(a->phone), last_digits(b->phone)) == 0;
}

/* Adds one part (taken) after a space. */
static void add_part(struct strbuf *sb, char *part)
{
    sb_addf(sb, "%s%s", sb->len ? " " : "", part);
    free(part);
}

/* "อ.ชะอวด จ.นครศรีธรรมราช โทร …5678", with the member id when a namesake looks alike. */
static char *apart_text(const struct checkin_match *m, bool alike)
{
    struct strbuf sb = STRBUF_INIT;
    if (*m->district) add_part(&sb, xasprintf(_("district %s"), m->district));
    if (*m->province) add_part(&sb, xasprintf(_("province %s"), m->province));
    if (*m->phone) add_part(&sb, xasprintf(_("phone …%s"), last_digits(m->phone)));
    if (alike) add_part(&sb, xasprintf(_("member %lld"), m->member_id));
    return sb_take(&sb);
}

/* Fills each match's apart: only for those who share their name and organisation with
 * another match. */
static void tell_apart(struct checkin_match *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool shared = false, alike = false;
        for (size_t j = 0; j < n; j++) {
            if (j == i || !namesakes(&m[i], &m[j])) continue;
            shared = true;
            alike = alike || look_alike(&m[i], &m[j]);
        }
        m[i].apart = shared ? apart_text(&m[i], alike) : xstrdup("");
    }
}

int checkin_search(struct db *db, long long event_id, const char *text, int limit,
                   struct checkin_match **out, size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    struct terms t;
    terms_parse(text, &t);
    if (t.n == 0 || limit <= 0) {
        terms_free(&t);
        return 0;
    }
    sqlite3_stmt *st = db_prepare(db, t.fts ? search_fts_sql : search_sql, err);
    if (!st) {
        terms_free(&t);
        return -1;
    }
    bind_int(st, ":event", event_id);
    bind_int(st, ":limit", limit);
    bind_text(st, ":t", t.key[0]);
    bind_text(st, ":p", strspn(t.key[0], "0123456789") == strlen(t.key[0]) ? t.key[0] : NULL);
    bind_text(st, ":fts", t.fts);
    static const char *const names[MAX_TERMS] = {":s1", ":s2", ":s3", ":s4"};
    for (int i = 0; i < MAX_TERMS; i++)
        bind_text(st, names[i], i < t.n ? t.key[i] : NULL);
    int rc = collect(db, st, out, n, err);
    terms_free(&t);
    if (rc == 0) tell_apart(*out, *n);
    return rc;
}

int checkin_recent(struct db *db, long long event_id, int limit, struct checkin_match **out,
                   size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, recent_sql, err);
    if (!st) return -1;
    bind_int(st, ":event", event_id);
    bind_int(st, ":limit", limit);
    if (collect(db, st, out, n, err) != 0) return -1;
    tell_apart(*out, *n);
    return 0;
}

void checkin_matches_free(struct checkin_match *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].name);
        free(m[i].nickname);
        free(m[i].organisation);
        free(m[i].phone);
        free(m[i].status);
        free(m[i].checked_in_at);
        free(m[i].district);
        free(m[i].province);
        free(m[i].apart);
    }
    free(m);
}

bool checkin_match_same(const struct checkin_match *a, const struct checkin_match *b)
{
    return a->member_id == b->member_id && strcmp(a->name, b->name) == 0 &&
           strcmp(a->nickname, b->nickname) == 0 && strcmp(a->organisation, b->organisation) == 0 &&
           strcmp(a->phone, b->phone) == 0 && strcmp(a->status, b->status) == 0 &&
           strcmp(a->checked_in_at, b->checked_in_at) == 0 && strcmp(a->apart, b->apart) == 0;
}

void checkin_time(const char *stored, char *buf, size_t n)
{
    char local[32], today[16];
    timestamp_local(stored, local, sizeof local);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    int y, mo, d, h, mi;
    if (sscanf(local, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5) {
        snprintf(buf, n, "%s", local);
        return;
    }
    if (strncmp(local, today, 10) == 0)
        snprintf(buf, n, "%02d:%02d", h, mi);
    else
        snprintf(buf, n, "%d/%d %02d:%02d", d, mo, h, mi);
}

void checkin_result_free(struct checkin_result *res)
{
    free(res->name);
    free(res->checked_in_at);
    free(res->checked_in_by);
    *res = (struct checkin_result){.failed = F_NONE};
}

/* The member's live attendance row at the event, or NULL. */
static int find_row(struct db *db, long long event_id, long long member_id, struct record **row,
                    char **err)
{
    struct list_query q = {.kind = KIND_ATTENDANCE, .event_id = event_id, .member_id = member_id};
    struct record **rows;
    size_t n;
    *row = NULL;
    if (list_fetch(db, &q, 0, 1, &rows, &n, err) != 0) return -1;
    if (n) *row = record_copy(rows[0]);
    list_free(rows, n);
    return 0;
}

/* Looks up one id with a query taking one parameter; 0 when there is none. */
static int lookup_id(struct db *db, const char *sql, long long num, const char *text, long long *id,
                     char **err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, num);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = db_error(db, "cannot look up");
        return -1;
    }
    return 0;
}

/* The organisation someone comes for, unless the row says: their first live one. */
static int first_org(struct db *db, long long member_id, long long *org_id, char **err)
{
    return lookup_id(db,
                     "SELECT f.org_id FROM affiliations f JOIN organisations o ON o.id = "
                     "f.org_id WHERE f.member_id = ?1 AND o.deleted_at IS NULL ORDER BY "
                     "f.position LIMIT 1",
                     member_id, NULL, org_id, err);
}

static void fill_result(struct checkin_result *res, const struct record *row)
{
    res->attendance_id = row->id;
    free(res->checked_in_at);
    free(res->checked_in_by);
    res->checked_in_at = xstrdup(record_get(row, F_ATTENDANCE_CHECKED_IN_AT));
    res->checked_in_by = xstrdup(record_get(row, F_ATTENDANCE_CHECKED_IN_BY));
}

static void set_id(struct record *r, enum field_id field, long long id)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", id);
    record_set(r, field, buf);
}

/* At a multi-day event a check-in records its day (eventdays.h) beside the days before. */
static void add_checkin_day(struct db *db, struct record *r, long long event_id)
{
    char day[11];
    const char *days = record_get(r, F_ATTENDANCE_DAYS);
    if (!checkin_day_for(db, event_id, day, NULL) || strstr(days, day)) return;
    char *more = *days ? xasprintf("%s" LIST_SEPARATOR "%s", days, day) : xstrdup(day);
    record_set(r, F_ATTENDANCE_DAYS, more);
    free(more);
}

/* Whether someone checked in at a multi-day event came on the check-in's day already: on
 * another day of it, they are checked in again for this one. */
static bool came_today(struct db *db, const struct record *row, long long event_id)
{
    char day[11];
    return !checkin_day_for(db, event_id, day, NULL) ||
           strstr(record_get(row, F_ATTENDANCE_DAYS), day) != NULL;
}

/* Writes the check-in: a new row, or the existing one set to attended. */
static int write_checkin(struct db *db, struct undo_log *undo, long long event_id,
                         long long member_id, const char *category, const struct record *row,
                         struct checkin_result *res, char **err)
{
    struct record *r = row ? record_copy(row) : record_new(KIND_ATTENDANCE);
    if (!row) {
        set_id(r, F_ATTENDANCE_EVENT_ID, event_id);
        set_id(r, F_ATTENDANCE_MEMBER_ID, member_id);
    }
    record_set(r, F_ATTENDANCE_STATUS, "attended");
    if (category && *category) record_set(r, F_ATTENDANCE_CATEGORY, category);
    add_checkin_day(db, r, event_id);
    long long org = 0;
    int rc = -1;
    if (!*record_get(r, F_ATTENDANCE_ORGANISATION) && first_org(db, member_id, &org, err) != 0)
        goto done;
    if (org) set_id(r, F_ATTENDANCE_ORGANISATION, org);
    if (record_save(db, r, err) != 0) goto done;
    if (undo && row)
        undo_record_edited(undo, row, r);
    else if (undo)
        undo_record_added(undo, r);
    fill_result(res, r);
    rc = CHECKIN_DONE;
done:
    record_free(&r);
    return rc;
}

static bool attended(const struct record *row)
{
    return row && strcmp(record_get(row, F_ATTENDANCE_STATUS), "attended") == 0;
}

static int checkin_as(struct db *db, struct undo_log *undo, long long event_id, long long member_id,
                      const char *category, struct checkin_result *res, char **err)
{
    *res = (struct checkin_result){.failed = F_NONE};
    res->member_id = member_id;
    struct record *m = NULL, *row = NULL;
    if (record_load(db, KIND_MEMBER, member_id, &m, err) != 0) return -1;
    res->name = record_display_name(m);
    int rc = -1;
    if (m->deleted_at)
        *err = xasprintf(_("member %lld (%s) was deleted"), member_id, res->name);
    else if (find_row(db, event_id, member_id, &row, err) == 0)
        rc = attended(row) && came_today(db, row, event_id)
                 ? CHECKIN_ALREADY
                 : write_checkin(db, undo, event_id, member_id, category, row, res, err);
    /* Another session may have checked them in since we looked: say so, not "changed by". */
    if (rc < 0 && !m->deleted_at) {
        record_free(&row);
        char *again = NULL;
        if (find_row(db, event_id, member_id, &row, &again) == 0 && attended(row) &&
            came_today(db, row, event_id)) {
            free(*err);
            *err = NULL;
            rc = CHECKIN_ALREADY;
        }
        free(again);
    }
    if (rc == CHECKIN_ALREADY) fill_result(res, row);
    record_free(&row);
    record_free(&m);
    return rc;
}

int checkin_member(struct db *db, struct undo_log *undo, long long event_id, long long member_id,
                   struct checkin_result *res, char **err)
{
    return checkin_as(db, undo, event_id, member_id, NULL, res, err);
}

/* An organisation of that name or short name, or 0. */
static int find_org(struct db *db, const char *name, long long *id, char **err)
{
    return lookup_id(db,
                     "SELECT id FROM organisations WHERE deleted_at IS NULL AND (name = ?1 "
                     "COLLATE NOCASE OR (short_name <> '' AND short_name = ?1 COLLATE NOCASE)) "
                     "ORDER BY name = ?1 COLLATE NOCASE DESC, id LIMIT 1",
                     0, name, id, err);
}

int checkin_org_find(struct db *db, const char *name, long long *id, char **err)
{
    char *norm = text_normalize(name ? name : "", 0);
    *id = 0;
    int rc = *norm ? find_org(db, norm, id, err) : 0;
    free(norm);
    return rc;
}

/* Resolves the organisation by name, creating it when unknown (*created then holds it). */
static int resolve_org(struct db *db, const char *input, long long *id, struct record **created,
                       char **err)
{
    char *name = text_normalize(input ? input : "", 0);
    *created = NULL;
    int rc = checkin_org_find(db, name, id, err);
    if (rc == 0 && *name && !*id) {
        struct record *org = record_new(KIND_ORG);
        record_set(org, F_ORG_NAME, name);
        rc = record_save(db, org, err);
        if (rc == 0) {
            *id = org->id;
            *created = org;
        } else {
            record_free(&org);
        }
    }
    free(name);
    return rc;
}

/* The phone in stored digits, refused when invalid. */
static int check_phone(const char *input, char digits[32], char **err)
{
    digits[0] = '\0';
    if (!input || !*input) return 0;
    if (phone_normalize(input, digits, 32) == PHONE_INVALID) {
        *err = xasprintf(_("phone: \"%s\" is not a Thai phone number (e.g. 081-234-5678)"), input);
        return -1;
    }
    return 0;
}

/* The member the person at the door is by the rule (their phone), else 0 and, in *namesake, a
 * member with their name and nothing that tells them apart. */
static int known_person(struct db *db, const struct record *m, long long *id, long long *namesake,
                        char **err)
{
    struct identity p;
    identity_init(&p);
    identity_set(&p, F_MEMBER_GIVEN_NAME, record_get(m, F_MEMBER_GIVEN_NAME));
    identity_set(&p, F_MEMBER_FAMILY_NAME, record_get(m, F_MEMBER_FAMILY_NAME));
    identity_set(&p, F_MEMBER_PHONE, record_get(m, F_MEMBER_PHONE));
    struct identity_match *found;
    size_t n;
    int rc = identity_find(db, &p, 0, &found, &n, err);
    identity_free(&p);
    if (rc != 0) return -1;
    const struct identity_match *same = identity_best(found, n, IDENTITY_SAME),
                                *probable = identity_best(found, n, IDENTITY_PROBABLE);
    *id = same ? same->id : 0;
    *namesake = !same && probable ? probable->id : 0;
    identity_matches_free(found, n);
    return 0;
}

int checkin_new_member(struct db *db, struct undo_log *undo, long long event_id,
                       const struct checkin_person *p, struct checkin_result *res, char **err)
{
    *res = (struct checkin_result){.failed = F_NONE};
    struct record *m = record_new(KIND_MEMBER), *org = NULL;
    char digits[32];
    long long org_id = 0;
    int rc = -1;
    res->failed = F_FULL_NAME;
    if (record_set_full_name(m, p->full_name ? p->full_name : "", err) != 0) goto done;
    res->failed = F_MEMBER_PHONE;
    if (check_phone(p->phone, digits, err) != 0) goto done;
    record_set(m, F_MEMBER_PHONE, digits);
    long long known = 0, namesake = 0;
    res->failed = F_NONE;
    if (known_person(db, m, &known, &namesake, err) != 0) goto done;
    if (known) {
        rc = checkin_member(db, undo, event_id, known, res, err);
        res->found = rc >= 0;
        goto done;
    }
    res->failed = F_MEMBER_ORGANISATIONS;
    if (resolve_org(db, p->organisation, &org_id, &org, err) != 0) goto done;
    if (org_id) set_id(m, F_MEMBER_ORGANISATIONS, org_id);
    struct model_error why = {.field = F_NONE};
    if (record_save_why(db, m, &why) != 0) {
        res->failed = why.field;
        *err = model_error_text(&why);
        model_error_clear(&why);
        /* Nothing of a failed add should stay behind. */
        char *ignored = NULL;
        if (org && record_delete(db, KIND_ORG, org->id, &ignored) != 0) free(ignored);
        goto done;
    }
    res->failed = F_NONE;
    if (undo && org) undo_record_added(undo, org);
    if (undo) undo_record_added(undo, m);
    rc = checkin_as(db, undo, event_id, m->id, p->category, res, err);
    res->namesake = namesake;
done:
    record_free(&org);
    record_free(&m);
    return rc;
}

static int collect_names(struct db *db, const char *sql, const char *prefix, int limit,
                         char ***names, size_t *n, char **err)
{
    *names = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(db, sql, err);
    if (!st) return -1;
    char *norm = text_normalize(prefix ? prefix : "", 0);
    sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, limit);
    free(norm);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *names = xrealloc(*names, sizeof **names * (*n + 1));
        (*names)[(*n)++] = column_dup(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot complete");
        strings_free(*names, *n);
        *names = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

int checkin_org_names(struct db *db, const char *prefix, int limit, char ***names, size_t *n,
                      char **err)
{
    return collect_names(db,
                         "SELECT name FROM organisations WHERE deleted_at IS NULL AND "
                         "substr(lower(name), 1, length(?1)) = lower(?1) ORDER BY name COLLATE "
                         "thai, id LIMIT ?2",
                         prefix, limit, names, n, err);
}

int checkin_member_names(struct db *db, const char *prefix, int limit, char ***names, size_t *n,
                         char **err)
{
    return collect_names(
        db,
        "SELECT DISTINCT name FROM (SELECT given_name || CASE WHEN family_name <> '' THEN ' ' || "
        "family_name ELSE '' END AS name FROM members WHERE deleted_at IS NULL UNION ALL SELECT "
        "nickname FROM members WHERE deleted_at IS NULL AND nickname <> '') WHERE "
        "substr(lower(name), 1, length(?1)) = lower(?1) ORDER BY name COLLATE thai LIMIT ?2",
        prefix, limit, names, n, err);
}

char *checkin_counter(const struct event_summary *s)
{
    if (s->target)
        return xasprintf(P_("attended %lld / %lld · %lld organisation",
                            "attended %lld / %lld · %lld organisations", s->organisations),
                         s->attended, s->target, s->organisations);
    return xasprintf(P_("attended %lld · %lld organisation", "attended %lld · %lld organisations",
                        s->organisations),
                     s->attended, s->organisations);
}

char *checkin_status_text(const struct checkin_match *m)
{
    if (*m->checked_in_at) {
        char t[32];
        checkin_time(m->checked_in_at, t, sizeof t);
        return xasprintf("✓ %s", t);
    }
    if (!*m->status) return xstrdup("—");
    return xstrdup(choice_label(field_info(F_ATTENDANCE_STATUS), m->status));
}
