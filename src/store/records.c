/* Records of every kind: loading, saving with validation and lost-update detection,
 * soft delete and restore, each write in one transaction with its audit row. */
#include "honorific.h"
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "thaidate.h"
#include "thainorm.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Members are shown as Thai names are written: a Thai title glued to the given name
 * (นางสาวจิราพร คงทอง), a Latin one followed by a space (Dr. John Smith). */
#define MEMBER_NAME(m)                                                                             \
    "(CASE WHEN " m ".title = '' THEN '' WHEN " m ".title GLOB '[A-Za-z]*' THEN " m                \
    ".title || ' ' ELSE " m ".title END || " m ".given_name || CASE WHEN " m                       \
    ".family_name <> '' THEN ' ' || " m ".family_name ELSE '' END)"

#define COMMON(a) a ".id, " a ".version, " a ".updated_at, " a ".updated_by, " a ".deleted_at, "

/* The columns of a member that `list --tsv` prints, in fields.def order. */
#define MEMBER_PRINTED                                                                             \
    "m.id, m.title, m.given_name, m.family_name, m.nickname, m.gender, (SELECT "                   \
    "group_concat(phone, '; ') FROM (SELECT phone FROM member_phones WHERE member_id = m.id "      \
    "ORDER BY position)), m.email, m.line_id, m.facebook, m.sort_province, m.district, "           \
    "m.subdistrict, m.position, (SELECT group_concat(name, '; ') FROM (SELECT o.name FROM "        \
    "affiliations a JOIN organisations o ON o.id = a.org_id WHERE a.member_id = m.id ORDER BY "    \
    "a.position)), (SELECT group_concat(name, '; ') FROM (SELECT t.name FROM member_tags x JOIN "  \
    "tags t ON t.id = x.tag_id WHERE x.member_id = m.id ORDER BY t.name COLLATE thai)), m.notes"

static const char member_select[] = "SELECT " COMMON("m") MEMBER_PRINTED
    ", m.skills, m.active, m.street, m.postcode, m.birthday, "
    "(SELECT group_concat(org_id) FROM (SELECT org_id FROM affiliations "
    "WHERE member_id = m.id ORDER BY position)) FROM members m";
/* A listing's: the extra fields NULL and no organisation ids, a second walk of the member's
 * affiliations that a --tsv row never shows (a sixth of the statement's work per row). */
static const char member_list_select[] =
    "SELECT " COMMON("m") MEMBER_PRINTED ", NULL, NULL, NULL, NULL, NULL FROM members m";

static const char org_select[] =
    "SELECT " COMMON("o") "o.id, o.name, o.short_name, o.kind, (SELECT name FROM organisations "
                          "WHERE id = o.parent_id), (SELECT name_th FROM provinces WHERE code = "
                          "o.province), o.phone, "
                          "o.email, o.line_group, o.facebook, o.website, o.focus, o.notes, (SELECT "
                          "group_concat(name, "
                          "'; ') FROM (SELECT t.name FROM org_tags x JOIN tags t ON t.id = "
                          "x.tag_id WHERE x.org_id = "
                          "o.id ORDER BY t.name COLLATE thai)), o.parent_id FROM organisations o";

static const char event_select[] = "SELECT " COMMON(
    "e") "e.id, e.title, e.kind, e.start_date, e.end_date, e.start_time, "
         "e.end_time, e.venue, (SELECT name_th FROM provinces WHERE code = e.province), (SELECT "
         "name "
         "FROM organisations WHERE id = e.host_id), (SELECT group_concat(name, '; ') FROM (SELECT "
         "o.name FROM event_partners p JOIN organisations o ON o.id = p.org_id WHERE p.event_id = "
         "e.id ORDER BY p.position)), e.target, e.status, e.notes, e.target_orgs, "
         "e.target_subdistricts, e.target_districts, e.target_provinces, (SELECT title FROM "
         "series WHERE id = e.series_id), (SELECT "
         "group_concat(category "
         "|| "
         "'=' || target, '; ') FROM (SELECT category, target FROM event_quotas WHERE event_id = "
         "e.id "
         "ORDER BY position)), NULLIF(e.recurrence_months, 0), e.agenda, e.minutes, e.host_id, "
         "(SELECT group_concat(org_id) FROM (SELECT org_id FROM event_partners WHERE event_id = "
         "e.id "
         "ORDER BY position)), e.series_id FROM events e";

static const char attendance_select[] =
    "SELECT " COMMON("a") "a.event_id, (SELECT title FROM events WHERE id = a.event_id), "
                          "a.member_id, (SELECT " MEMBER_NAME(
                              "m") " FROM members m WHERE m.id = a.member_id), "
                                   "(SELECT name FROM organisations WHERE id = a.org_id), "
                                   "a.category, a.role, a.status, "
                                   "a.reason, a.breakout, a.checked_in_at, a.checked_in_by, "
                                   "(SELECT group_concat(day, '; ') FROM (SELECT day FROM "
                                   "attendance_days WHERE attendance_id = a.id ORDER BY day)), "
                                   "a.event_id, a.member_id, a.org_id "
                                   "FROM attendance a";

static const char task_select[] =
    "SELECT " COMMON("t") "t.id, t.title, t.event_id, (SELECT " MEMBER_NAME(
        "m") " FROM members "
             "m WHERE m.id = t.owner_id), (SELECT name FROM organisations WHERE id = "
             "t.owner_org_id), "
             "t.due_date, t.status, t.priority, t.notes, (SELECT "
             "group_concat(name, '; ') FROM (SELECT coalesce((SELECT " MEMBER_NAME(
                 "m") " FROM members m WHERE m.id = x.member_id), (SELECT name FROM "
                      "organisations WHERE id = x.org_id)) AS name FROM task_owners x WHERE "
                      "x.task_id = t.id ORDER BY x.position)), t.done_date, t.event_id, "
                      "t.owner_id, "
                      "t.owner_org_id, (SELECT group_concat(owner) FROM (SELECT "
                      "coalesce(member_id, -org_id) AS owner FROM task_owners WHERE task_id = "
                      "t.id ORDER BY position)) FROM tasks t";

static const char invitation_select[] =
    "SELECT " COMMON("i") "i.id, i.event_id, (SELECT title FROM events WHERE id = i.event_id), "
                          "i.org_id, (SELECT name FROM organisations WHERE id = i.org_id), "
                          "i.status, i.reason, i.status_at, i.event_id, i.org_id "
                          "FROM invitations i";

static const char goal_select[] =
    "SELECT " COMMON("g") "g.id, g.title, g.target, g.due_date, g.measure, g.tag, (SELECT name "
                          "FROM organisations WHERE id = g.org_id), g.event_id, g.series_id, "
                          "g.from_date, g.to_date, g.value, g.notes, g.org_id, g.event_id "
                          "FROM goals g";

/* The province's Thai name, which the province sort order reads from the row
 * (schema/015-speed.sql). */
#define SORT_PROVINCE "coalesce((SELECT name_th FROM provinces WHERE code = :province), '')"

static const char member_insert[] =
    "INSERT INTO members (title, given_name, family_name, nickname, gender, email, line_id, "
    "facebook, province, district, subdistrict, position, skills, notes, active, street, postcode, "
    "birthday, search_key, created_at, updated_at, updated_by, sort_province) VALUES (:title, "
    ":given_name, :family_name, :nickname, :gender, :email, :line_id, :facebook, :province, "
    ":district, :subdistrict, :position, :skills, :notes, coalesce(:active, 1), "
    "coalesce(:street, ''), coalesce(:postcode, ''), :birthday, :search_key, :now, :now, "
    ":user, " SORT_PROVINCE ")";
static const char member_update[] =
    "UPDATE members SET title = :title, given_name = :given_name, family_name = :family_name, "
    "nickname = :nickname, gender = :gender, email = :email, line_id = :line_id, facebook = "
    ":facebook, province = :province, district = :district, subdistrict = :subdistrict, "
    "position = :position, skills = :skills, notes = :notes, active = coalesce(:active, 1), "
    "street = coalesce(:street, ''), postcode = coalesce(:postcode, ''), birthday = :birthday, "
    "search_key = :search_key, updated_at = :now, updated_by = :user, version = version + 1, "
    "sort_province = " SORT_PROVINCE " WHERE id = :id AND version = :version";

static const char org_insert[] =
    "INSERT INTO organisations (name, short_name, kind, parent_id, province, phone, email, "
    "line_group, facebook, website, focus, notes, search_key, created_at, updated_at, "
    "updated_by, sort_province) VALUES (:name, :short_name, coalesce(nullif(:kind, ''), "
    "'other'), :parent, :province, :phone, :email, :line_group, :facebook, :website, :focus, "
    ":notes, :search_key, :now, :now, :user, " SORT_PROVINCE ")";
static const char org_update[] =
    "UPDATE organisations SET name = :name, short_name = :short_name, kind = "
    "coalesce(nullif(:kind, ''), 'other'), parent_id = :parent, province = :province, phone = "
    ":phone, email = :email, line_group = :line_group, facebook = :facebook, website = "
    ":website, focus = :focus, notes = :notes, search_key = :search_key, updated_at = :now, "
    "updated_by = :user, version = version + 1, sort_province = " SORT_PROVINCE
    " WHERE id = :id AND version = :version";

static const char event_insert[] =
    "INSERT INTO events (title, kind, start_date, end_date, start_time, end_time, venue, "
    "province, host_id, target, status, recurrence_months, agenda, minutes, notes, target_orgs, "
    "target_subdistricts, target_districts, target_provinces, series_id, search_key, "
    "created_at, updated_at, updated_by) VALUES (:title, coalesce(nullif(:kind, ''), 'meeting'), "
    ":start_date, :end_date, :start_time, :end_time, :venue, :province, :host, :target, "
    "coalesce(nullif(:status, ''), 'planned'), coalesce(:recurrence, 0), :agenda, :minutes, "
    ":notes, :target_orgs, :target_subdistricts, :target_districts, :target_provinces, "
    ":series, :search_key, :now, :now, :user)";
static const char event_update[] =
    "UPDATE events SET title = :title, kind = coalesce(nullif(:kind, ''), 'meeting'), "
    "start_date = :start_date, end_date = :end_date, start_time = :start_time, end_time = "
    ":end_time, venue = :venue, province = :province, host_id = :host, target = :target, "
    "status = coalesce(nullif(:status, ''), 'planned'), recurrence_months = "
    "coalesce(:recurrence, 0), agenda = :agenda, minutes = :minutes, notes = :notes, "
    "target_orgs = :target_orgs, target_subdistricts = :target_subdistricts, target_districts "
    "= :target_districts, target_provinces = :target_provinces, series_id = :series, "
    "search_key = :search_key, "
    "updated_at = :now, updated_by = :user, version = version + 1 WHERE id = :id AND version = "
    ":version";

static const char attendance_insert[] =
    "INSERT INTO attendance (event_id, member_id, org_id, category, role, status, reason, "
    "breakout, checked_in_at, checked_in_by, created_at, updated_at, updated_by) VALUES "
    "(:event_id, :member_id, :organisation, :category, coalesce(nullif(:role, ''), "
    "'participant'), coalesce(nullif(:status, ''), 'invited'), :reason, :group, "
    ":checked_in_at, :checked_in_by, :now, :now, :user)";
static const char attendance_update[] =
    "UPDATE attendance SET event_id = :event_id, member_id = :member_id, org_id = "
    ":organisation, category = :category, role = coalesce(nullif(:role, ''), 'participant'), "
    "status = coalesce(nullif(:status, ''), 'invited'), reason = :reason, breakout = :group, "
    "checked_in_at = :checked_in_at, checked_in_by = :checked_in_by, updated_at = :now, "
    "updated_by = :user, version = version + 1, deleted_at = NULL WHERE id = :id AND version = "
    ":version";

static const char task_insert[] =
    "INSERT INTO tasks (title, event_id, owner_id, owner_org_id, due_date, status, priority, "
    "notes, done_date, search_key, created_at, updated_at, updated_by) VALUES (:title, "
    ":event_id, :owner, :owner_org, :due_date, coalesce(nullif(:status, ''), 'open'), "
    "coalesce(nullif(:priority, ''), 'normal'), :notes, :done_date, :search_key, :now, :now, "
    ":user)";
static const char task_update[] =
    "UPDATE tasks SET title = :title, event_id = :event_id, owner_id = :owner, owner_org_id = "
    ":owner_org, due_date = :due_date, status = coalesce(nullif(:status, ''), 'open'), priority "
    "= coalesce(nullif(:priority, ''), 'normal'), notes = :notes, done_date = :done_date, "
    "search_key = :search_key, updated_at = :now, updated_by = :user, version = version + 1 "
    "WHERE id = :id AND version = :version";

/* status_at moves only when the answer changes: the history trigger records it then. */
#define INVITATION_STATUS "coalesce(nullif(:status, ''), 'invited')"
static const char invitation_insert[] =
    "INSERT INTO invitations (event_id, org_id, status, reason, status_at, created_at, "
    "updated_at, updated_by) VALUES (:event_id, :organisation, " INVITATION_STATUS
    ", :reason, :now, :now, :now, :user)";
static const char invitation_update[] =
    "UPDATE invitations SET event_id = :event_id, org_id = :organisation, status "
    "= " INVITATION_STATUS
    ", reason = :reason, status_at = CASE WHEN status IS NOT " INVITATION_STATUS
    " OR reason IS NOT :reason THEN :now ELSE status_at END, updated_at = :now, updated_by = "
    ":user, version = version + 1, deleted_at = NULL WHERE id = :id AND version = :version";

/* A series lists how many meetings it has and when the last one was. */
static const char series_select[] =
    "SELECT " COMMON("s") "s.id, s.title, NULLIF(s.every_months, 0), NULLIF(s.every_weeks, 0), "
                          "s.notes, (SELECT count(*) FROM events WHERE series_id = s.id AND "
                          "deleted_at IS NULL), (SELECT max(start_date) FROM events WHERE "
                          "series_id = s.id AND deleted_at IS NULL) FROM series s";
static const char series_insert[] =
    "INSERT INTO series (title, every_months, every_weeks, notes, search_key, created_at, "
    "updated_at, updated_by) VALUES (:title, coalesce(:every_months, 0), coalesce(:every_weeks, "
    "0), :notes, :search_key, :now, :now, :user)";
static const char series_update[] =
    "UPDATE series SET title = :title, every_months = coalesce(:every_months, 0), every_weeks = "
    "coalesce(:every_weeks, 0), notes = :notes, search_key = :search_key, updated_at = :now, "
    "updated_by = :user, version = version + 1 WHERE id = :id AND version = :version";
static const char goal_insert[] =
    "INSERT INTO goals (title, target, due_date, measure, tag, org_id, event_id, series_id, "
    "from_date, to_date, value, notes, search_key, created_at, updated_at, updated_by) VALUES "
    "(:title, :target, :due_date, :measure, :tag, :organisation, :event_id, :series_id, :from, "
    ":to, :value, :notes, :search_key, :now, :now, :user)";
static const char goal_update[] =
    "UPDATE goals SET title = :title, target = :target, due_date = :due_date, measure = "
    ":measure, tag = :tag, org_id = :organisation, event_id = :event_id, series_id = "
    ":series_id, from_date = :from, to_date = :to, value = :value, notes = :notes, search_key = "
    ":search_key, updated_at = :now, updated_by = :user, version = version + 1 WHERE id = :id "
    "AND version = :version";

struct kind_sql {
    const char *table;
    const char *alias;
    const char *select;
    const char *insert;
    const char *update;
};

static const struct kind_sql kind_sql[KIND_COUNT] = {
    [KIND_MEMBER] = {"members", "m", member_select, member_insert, member_update},
    [KIND_ORG] = {"organisations", "o", org_select, org_insert, org_update},
    [KIND_EVENT] = {"events", "e", event_select, event_insert, event_update},
    [KIND_TASK] = {"tasks", "t", task_select, task_insert, task_update},
    [KIND_ATTENDANCE] = {"attendance", "a", attendance_select, attendance_insert,
                         attendance_update},
    [KIND_INVITATION] = {"invitations", "i", invitation_select, invitation_insert,
                         invitation_update},
    [KIND_SERIES] = {"series", "s", series_select, series_insert, series_update},
    [KIND_GOAL] = {"goals", "g", goal_select, goal_insert, goal_update},
};

const char *kind_select_sql(enum kind k)
{
    return kind_sql[k].select;
}
const char *kind_list_select_sql(enum kind k)
{
    return k == KIND_MEMBER ? member_list_select : kind_sql[k].select;
}
const char *kind_alias(enum kind k)
{
    return kind_sql[k].alias;
}
const char *kind_table(enum kind k)
{
    return kind_sql[k].table;
}
const char *kind_insert_sql(enum kind k)
{
    return kind_sql[k].insert;
}
const char *kind_update_sql(enum kind k)
{
    return kind_sql[k].update;
}

const char *kind_delete_sql(enum kind k, bool deleted)
{
    static char *sql[KIND_COUNT][2];
    if (!sql[k][deleted])
        sql[k][deleted] = xasprintf("UPDATE %s SET deleted_at = ?1, updated_at = ?2, updated_by "
                                    "= ?3, version = version + 1 WHERE id = ?4",
                                    kind_sql[k].table);
    return sql[k][deleted];
}

/* A record whose values are still NULL: the caller fills every one. */
static struct record *record_blank(enum kind k)
{
    const struct kind_info *ki = kind_info(k);
    struct record *r = xcalloc(1, sizeof *r);
    r->kind = k;
    r->values = xcalloc((size_t)ki->nfields, sizeof *r->values);
    r->changed = xcalloc((size_t)ki->nfields, sizeof *r->changed);
    r->refs = xcalloc(1, sizeof(struct refs));
    return r;
}

struct record *record_new(enum kind k)
{
    struct record *r = record_blank(k);
    for (int i = 0; i < kind_info(k)->nfields; i++)
        r->values[i] = xstrdup("");
    return r;
}

static void refs_clear(struct refs *refs, int fi)
{
    free(refs->ids[fi]);
    refs->ids[fi] = NULL;
    refs->n[fi] = 0;
    refs->resolved[fi] = false;
}

void record_free(struct record **rp)
{
    struct record *r = *rp;
    if (!r) return;
    int n = kind_info(r->kind)->nfields;
    for (int i = 0; i < n; i++) {
        free(r->values[i]);
        refs_clear(r->refs, i);
    }
    free(r->values);
    free(r->changed);
    free(r->refs);
    free(r->updated_at);
    free(r->updated_by);
    free(r->deleted_at);
    free(r);
    *rp = NULL;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

struct record *record_copy(const struct record *r)
{
    struct record *c = record_new(r->kind);
    const struct refs *from = r->refs;
    struct refs *to = c->refs;
    c->id = r->id;
    c->version = r->version;
    for (int i = 0; i < kind_info(r->kind)->nfields; i++) {
        free(c->values[i]);
        c->values[i] = xstrdup(r->values[i]);
        c->changed[i] = r->changed[i];
        to->resolved[i] = from->resolved[i];
        if (from->n[i]) {
            to->ids[i] = xmalloc(sizeof(long long) * from->n[i]);
            memcpy(to->ids[i], from->ids[i], sizeof(long long) * from->n[i]);
            to->n[i] = from->n[i];
        }
    }
    c->updated_at = dup_or_null(r->updated_at);
    c->updated_by = dup_or_null(r->updated_by);
    c->deleted_at = dup_or_null(r->deleted_at);
    return c;
}

/* A field of another kind is a bug in the caller: stop before reading past the record. */
static int pos_in(const struct record *r, enum field_id f)
{
    if (field_kind(f) != r->kind || field_pos(f) >= kind_info(r->kind)->nfields) {
        fprintf(stderr, "khai: internal error: field %d used on a %s\n", (int)f,
                kind_info(r->kind)->name);
        abort();
    }
    return field_pos(f);
}

static void set_at(struct record *r, int fi, const char *value)
{
    free(r->values[fi]);
    r->values[fi] = xstrdup(value ? value : "");
    r->changed[fi] = true;
    refs_clear(r->refs, fi);
}

void record_set(struct record *r, enum field_id f, const char *value)
{
    set_at(r, pos_in(r, f), value);
}

int record_set_named(struct record *r, const char *name, const char *value)
{
    int fi = field_index(kind_info(r->kind), name);
    if (fi < 0) return -1;
    set_at(r, fi, value);
    return 0;
}

const char *record_get(const struct record *r, enum field_id f)
{
    return r->values[pos_in(r, f)];
}

char *record_display_name(const struct record *r)
{
    switch (r->kind) {
    case KIND_MEMBER: {
        const char *title = record_get(r, F_MEMBER_TITLE),
                   *family = record_get(r, F_MEMBER_FAMILY_NAME);
        bool latin = (*title >= 'A' && *title <= 'Z') || (*title >= 'a' && *title <= 'z');
        return xasprintf("%s%s%s%s%s", title, latin ? " " : "", record_get(r, F_MEMBER_GIVEN_NAME),
                         *family ? " " : "", family);
    }
    case KIND_ORG:
        return xstrdup(record_get(r, F_ORG_NAME));
    case KIND_ATTENDANCE:
        return xstrdup(record_get(r, F_ATTENDANCE_MEMBER_NAME));
    case KIND_EVENT:
        return xstrdup(record_get(r, F_EVENT_TITLE));
    case KIND_INVITATION:
        return xstrdup(record_get(r, F_INVITATION_ORGANISATION));
    case KIND_SERIES:
        return xstrdup(record_get(r, F_SERIES_TITLE));
    case KIND_GOAL:
        return xstrdup(record_get(r, F_GOAL_TITLE));
    default:
        return xstrdup(record_get(r, F_TASK_TITLE));
    }
}

int record_set_full_name(struct record *r, const char *full, char **err)
{
    struct person_name pn;
    if (name_split(full, &pn) != 0) {
        struct model_error e = {.field = F_NONE};
        model_error_set(&e, F_FULL_NAME, N_("no given name in \"%s\""), full, NULL);
        *err = model_error_text(&e);
        model_error_clear(&e);
        return -1;
    }
    record_set(r, F_MEMBER_TITLE, pn.title);
    record_set(r, F_MEMBER_GIVEN_NAME, pn.given);
    record_set(r, F_MEMBER_FAMILY_NAME, pn.family);
    person_name_free(&pn);
    return 0;
}

static void parse_ids(struct refs *refs, int fi, const char *text)
{
    refs_clear(refs, fi);
    refs->resolved[fi] = true;
    if (!text || !*text) return;
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ',';
    refs->ids[fi] = xmalloc(sizeof(long long) * n);
    const char *p = text;
    while (*p) {
        refs->ids[fi][refs->n[fi]++] = strtoll(p, (char **)&p, 10);
        if (*p == ',') p++;
    }
}

struct record *record_from_row(sqlite3_stmt *st, enum kind k)
{
    const struct kind_info *ki = kind_info(k);
    /* a listing makes one a row: no empty strings made only to be replaced */
    struct record *r = record_blank(k);
    r->id = sqlite3_column_int64(st, 0);
    r->version = sqlite3_column_int64(st, 1);
    r->updated_at = dup_or_null((const char *)sqlite3_column_text(st, 2));
    r->updated_by = dup_or_null((const char *)sqlite3_column_text(st, 3));
    r->deleted_at = dup_or_null((const char *)sqlite3_column_text(st, 4));
    int col = 5;
    for (int i = 0; i < ki->nfields; i++, col++) {
        r->values[i] = field_display(&ki->fields[i], (const char *)sqlite3_column_text(st, col));
    }
    for (int i = 0; i < ki->nfields; i++)
        if (field_is_ref(ki->fields[i].type))
            parse_ids(r->refs, i, (const char *)sqlite3_column_text(st, col++));
    return r;
}

void row_values(sqlite3_stmt *st, enum kind k, const char **values, struct strbuf *scratch)
{
    const struct kind_info *ki = kind_info(k);
    size_t at[MAX_ROW_FIELDS];
    sb_reset(scratch);
    for (int i = 0; i < ki->nfields && i < MAX_ROW_FIELDS; i++) {
        const struct field *f = &ki->fields[i];
        const char *raw = (const char *)sqlite3_column_text(st, 5 + i);
        at[i] = SIZE_MAX;
        if (!raw)
            values[i] = "";
        else if (f->type == FT_BOOL)
            values[i] = strcmp(raw, "0") == 0 ? "no" : "yes";
        else if (f->type != FT_PHONES)
            values[i] = raw;
        else {
            /* placed once scratch has stopped growing */
            at[i] = scratch->len;
            phones_display(scratch, raw);
            sb_addc(scratch, '\0');
        }
    }
    for (int i = 0; i < ki->nfields && i < MAX_ROW_FIELDS; i++)
        if (at[i] != SIZE_MAX) values[i] = scratch->s + at[i];
}

int record_load(struct db *db, enum kind k, long long id, struct record **out, char **err)
{
    static char *sql[KIND_COUNT];
    *out = NULL;
    if (!sql[k]) sql[k] = xasprintf("%s WHERE %s.id = ?", kind_sql[k].select, kind_sql[k].alias);
    sqlite3_stmt *st = db_prepare(db, sql[k], err);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = record_from_row(st, k);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc != SQLITE_DONE) {
        *err = db_error(db, "cannot read");
        return -1;
    }
    char num[32];
    snprintf(num, sizeof num, "%lld", id);
    *err = xasprintf(_("no %s with id %s"), kind_noun(k), num);
    return 1;
}

size_t record_refs(const struct record *r, enum field_id f, const long long **ids)
{
    const struct refs *refs = r->refs;
    int fi = pos_in(r, f);
    *ids = NULL;
    if (!refs->resolved[fi]) return 0;
    *ids = refs->ids[fi];
    return refs->n[fi];
}
