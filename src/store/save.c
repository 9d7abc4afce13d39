/* Saving, deleting and restoring records: one transaction each, with lost-update detection
 * and an audit row of what changed. */
#include "messages.h"
#include "store_internal.h"
#include "strbuf.h"
#include "thaidate.h"
#include "thainorm.h"
#include "timestamp.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct save {
    struct db *db;
    struct record *r;
    const struct kind_info *ki;
    struct record *old; /* the row as it is now, for updates */
    struct stored vals[MAX_FIELDS];
    char now[32];
    bool owners_given; /* a task's list of owners is written whole */
};

static struct stored *val(struct save *s, enum field_id f)
{
    return &s->vals[field_pos(f)];
}

static bool stored_empty(const struct stored *v)
{
    return (!v->text || !*v->text) && !v->has_num && v->n == 0;
}

/* A failure the store reported in words (the database's, a load's): about no one field. */
static int failed(struct model_error *e, char *text)
{
    return model_error_take(e, F_NONE, text);
}

static int changed_error(const struct save *s, struct model_error *e)
{
    char when[64], id[32];
    timestamp_local(s->old->updated_at, when, sizeof when);
    snprintf(id, sizeof id, "%lld", s->r->id);
    char *name = record_display_name(s->old);
    model_error_set(e, F_NONE,
                    N_("%s %s (%s) was changed by %s at %s since you read it: nothing was saved; "
                       "reload it and make your change again"),
                    kind_noun(s->r->kind), id, name, s->old->updated_by, when, NULL);
    free(name);
    return -1;
}

/* The start of the task's event (its event_id is checked before its due date): a date typed
 * without a year for a task of a meeting on 11 พ.ค. 2554 is read against that day. */
static bool event_date(struct save *s, struct date *d)
{
    const struct stored *event = val(s, F_TASK_EVENT_ID);
    if (!event->has_num) return false;
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(s->db, "SELECT start_date FROM events WHERE id = ?1", &err);
    free(err);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, event->num);
    bool found = sqlite3_step(st) == SQLITE_ROW &&
                 date_from_iso((const char *)sqlite3_column_text(st, 0), d) == 0;
    sqlite3_reset(st);
    return found;
}

/* Fields the user did not change keep their stored references; everything else is checked
 * afresh, so a save never writes a value that would not pass today's rules. */
static int store_fields(struct save *s, struct model_error *e)
{
    struct refs *refs = s->r->refs;
    for (int i = 0; i < s->ki->nfields; i++) {
        const struct field *f = &s->ki->fields[i];
        if (f->type == FT_ID || f->type == FT_DERIVED) continue;
        if (field_is_ref(f->type) && refs->resolved[i]) {
            struct stored *v = &s->vals[i];
            if (f->type == FT_ORGS || f->type == FT_OWNERS) {
                v->ids = xmalloc(sizeof(long long) * (refs->n[i] ? refs->n[i] : 1));
                if (refs->n[i]) memcpy(v->ids, refs->ids[i], sizeof(long long) * refs->n[i]);
                v->n = refs->n[i];
            } else if (refs->n[i]) {
                v->num = refs->ids[i][0];
                v->has_num = true;
            }
            continue;
        }
        enum field_id id = field_id(s->r->kind, i);
        struct date ref;
        bool dated = id == F_TASK_DUE_DATE && event_date(s, &ref);
        if (field_check_dated(s->db, id, s->r->values[i], dated ? &ref : NULL, &s->vals[i], e) != 0)
            return -1;
        if ((f->flags & FIELD_REQUIRED) && stored_empty(&s->vals[i]))
            return model_error_set(e, id, N_("required"), NULL);
    }
    return 0;
}

static void set_text(struct stored *v, const char *text)
{
    free(v->text);
    v->text = text ? xstrdup(text) : NULL;
}

/* A range given as the start (24-25 มี.ค. 2552, 13.30-17.30 น.) sets the end too. */
static void take_range_end(struct save *s, enum field_id start, enum field_id end)
{
    struct stored *from = val(s, start), *to = val(s, end);
    if (from->n && (!s->r->changed[field_pos(end)] || stored_empty(to)))
        set_text(to, from->items[0]);
}

static int event_rules(struct save *s, struct model_error *e)
{
    take_range_end(s, F_EVENT_START_DATE, F_EVENT_END_DATE);
    take_range_end(s, F_EVENT_START_TIME, F_EVENT_END_TIME);
    struct stored *start = val(s, F_EVENT_START_DATE), *end = val(s, F_EVENT_END_DATE);
    if (stored_empty(end)) set_text(end, start->text);
    if (strcmp(end->text, start->text) < 0)
        return model_error_set(e, F_EVENT_END_DATE, N_("%s is before the start date %s"), end->text,
                               start->text, NULL);
    return 0;
}

static bool has_owner(const struct stored *owners, long long owner)
{
    for (size_t i = 0; i < owners->n; i++)
        if (owners->ids[i] == owner) return true;
    return false;
}

static void put_first(struct stored *owners, long long owner)
{
    owners->ids = xrealloc(owners->ids, sizeof *owners->ids * (owners->n + 1));
    memmove(owners->ids + 1, owners->ids, sizeof *owners->ids * owners->n);
    owners->ids[0] = owner;
    owners->n++;
}

/* The first member and the first organisation of the list, as owner and owner_org. */
static void first_owners(struct stored *owners, struct stored *member, struct stored *org)
{
    stored_free(member);
    stored_free(org);
    for (size_t i = 0; i < owners->n; i++) {
        struct stored *to = owners->ids[i] > 0 ? member : org;
        if (!to->has_num) {
            to->num = owners->ids[i] > 0 ? owners->ids[i] : -owners->ids[i];
            to->has_num = true;
        }
    }
}

/* A list of owners given replaces the list, with an owner or owner_org given beside it put
 * first; owner or owner_org given alone changes the list's first member or organisation, which
 * the database's triggers do (schema/013-tasks.sql), as for imports. */
static void task_owner_rules(struct save *s)
{
    struct stored *owners = val(s, F_TASK_OWNERS), *member = val(s, F_TASK_OWNER),
                  *org = val(s, F_TASK_OWNER_ORG);
    s->owners_given = s->r->changed[field_pos(F_TASK_OWNERS)];
    if (!s->owners_given) return;
    if (s->r->changed[field_pos(F_TASK_OWNER_ORG)] && org->has_num && !has_owner(owners, -org->num))
        put_first(owners, -org->num);
    if (s->r->changed[field_pos(F_TASK_OWNER)] && member->has_num &&
        !has_owner(owners, member->num))
        put_first(owners, member->num);
    first_owners(owners, member, org);
}

static int task_rules(struct save *s)
{
    task_owner_rules(s);
    struct stored *done = val(s, F_TASK_DONE_DATE);
    if (strcmp(val(s, F_TASK_STATUS)->text, "done") == 0 && stored_empty(done)) {
        char buf[32];
        date_format(date_today(), DATE_ISO, buf, sizeof buf);
        set_text(done, buf);
    }
    return 0;
}

/* Only one row per person and event exists, even deleted: adding someone again revives it. */
static int attendance_existing(struct save *s, struct model_error *e)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(s->db,
                                  "SELECT id, deleted_at IS NOT NULL FROM attendance WHERE "
                                  "event_id = ? AND member_id = ? AND id <> ?",
                                  &err);
    if (!st) return failed(e, err);
    sqlite3_bind_int64(st, 1, val(s, F_ATTENDANCE_EVENT_ID)->num);
    sqlite3_bind_int64(st, 2, val(s, F_ATTENDANCE_MEMBER_ID)->num);
    sqlite3_bind_int64(st, 3, s->r->id);
    long long id = 0;
    bool deleted = false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        deleted = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (id && !deleted) {
        char member[32], event[32], row[32];
        snprintf(member, sizeof member, "%lld", val(s, F_ATTENDANCE_MEMBER_ID)->num);
        snprintf(event, sizeof event, "%lld", val(s, F_ATTENDANCE_EVENT_ID)->num);
        snprintf(row, sizeof row, "%lld", id);
        return model_error_set(e, F_NONE,
                               N_("member %s is already on the list of event %s (attendance %s)"),
                               member, event, row, NULL);
    }
    if (id && !s->r->id) {
        if (record_load(s->db, KIND_ATTENDANCE, id, &s->old, &err) != 0) return failed(e, err);
        s->r->id = id;
        s->r->version = s->old->version;
    }
    return 0;
}

/* Who comes usually represents their (first) organisation: the turnout counts it. */
static int attendance_default_org(struct save *s, struct model_error *e)
{
    struct stored *org = val(s, F_ATTENDANCE_ORGANISATION);
    if (org->has_num) return 0;
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(s->db,
                                  "SELECT org_id FROM affiliations WHERE member_id = ? ORDER BY "
                                  "position LIMIT 1",
                                  &err);
    if (!st) return failed(e, err);
    sqlite3_bind_int64(st, 1, val(s, F_ATTENDANCE_MEMBER_ID)->num);
    if (sqlite3_step(st) == SQLITE_ROW) {
        org->num = sqlite3_column_int64(st, 0);
        org->has_num = true;
    }
    sqlite3_reset(st);
    return 0;
}

static int attendance_rules(struct save *s, struct model_error *e)
{
    if (attendance_existing(s, e) != 0 || attendance_default_org(s, e) != 0) return -1;
    struct stored *at = val(s, F_ATTENDANCE_CHECKED_IN_AT),
                  *by = val(s, F_ATTENDANCE_CHECKED_IN_BY);
    bool came = strcmp(val(s, F_ATTENDANCE_STATUS)->text, "attended") == 0;
    bool came_before = s->old && !s->old->deleted_at &&
                       strcmp(record_get(s->old, F_ATTENDANCE_STATUS), "attended") == 0;
    if (attendance_days_rule(s->db, val(s, F_ATTENDANCE_EVENT_ID)->num, came && !came_before,
                             val(s, F_ATTENDANCE_DAYS),
                             &s->r->changed[field_pos(F_ATTENDANCE_DAYS)], e) != 0)
        return -1;
    if (!came) return 0;
    /* A revived (deleted) row is a new arrival: it gets a new time. */
    const char *was =
        s->old && !s->old->deleted_at ? record_get(s->old, F_ATTENDANCE_CHECKED_IN_AT) : "";
    if (*was) {
        set_text(at, was);
        set_text(by, record_get(s->old, F_ATTENDANCE_CHECKED_IN_BY));
    } else {
        set_text(at, s->now);
        set_text(by, db_user(s->db));
    }
    return 0;
}

/* One invitation per organisation and event, even deleted: inviting it again revives it. */
static int invitation_rules(struct save *s, struct model_error *e)
{
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(s->db,
                                  "SELECT id, deleted_at IS NOT NULL, (SELECT name FROM "
                                  "organisations WHERE id = org_id) FROM invitations WHERE "
                                  "event_id = ? AND org_id = ? AND id <> ?",
                                  &err);
    if (!st) return failed(e, err);
    sqlite3_bind_int64(st, 1, val(s, F_INVITATION_EVENT_ID)->num);
    sqlite3_bind_int64(st, 2, val(s, F_INVITATION_ORGANISATION)->num);
    sqlite3_bind_int64(st, 3, s->r->id);
    long long id = 0;
    bool deleted = false;
    char *name = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        deleted = sqlite3_column_int(st, 1);
        name = xstrdup((const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    if (id && (!deleted || s->r->id)) {
        char event[32], row[32];
        snprintf(event, sizeof event, "%lld", val(s, F_INVITATION_EVENT_ID)->num);
        snprintf(row, sizeof row, "%lld", id);
        model_error_set(e, F_INVITATION_ORGANISATION,
                        N_("%s is already invited to event %s (invitation %s)"), name, event, row,
                        NULL);
        free(name);
        return -1;
    }
    free(name);
    /* A reason says why an organisation cancelled or declined: it goes when the answer turns
     * back to invited or confirmed, unless a new one is given with it. */
    const char *status = val(s, F_INVITATION_STATUS)->text;
    bool answered = !*status || strcmp(status, "invited") == 0 || strcmp(status, "confirmed") == 0;
    if (s->old && answered && !s->r->changed[field_pos(F_INVITATION_REASON)] &&
        strcmp(record_get(s->old, F_INVITATION_STATUS), *status ? status : "invited") != 0)
        set_text(val(s, F_INVITATION_REASON), "");
    if (id) {
        if (record_load(s->db, KIND_INVITATION, id, &s->old, &err) != 0) return failed(e, err);
        s->r->id = id;
        s->r->version = s->old->version;
    }
    return 0;
}

static int org_rules(struct save *s, struct model_error *e)
{
    struct stored *parent = val(s, F_ORG_PARENT);
    if (!parent->has_num || !s->r->id) return 0;
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(
        s->db,
        "WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT o.parent_id, depth + 1 "
        "FROM organisations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL AND depth < "
        "1000) SELECT 1 FROM up WHERE id = ?2",
        &err);
    if (!st) return failed(e, err);
    sqlite3_bind_int64(st, 1, parent->num);
    sqlite3_bind_int64(st, 2, s->r->id);
    bool loop = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    if (loop) {
        char id[32];
        snprintf(id, sizeof id, "%lld", s->r->id);
        return model_error_set(e, F_ORG_PARENT,
                               N_("organisation %s cannot be under itself or under one of its "
                                  "own sub-organisations"),
                               id, NULL);
    }
    return 0;
}

/* A series repeats by months or by weeks, not both. */
static int series_rules(struct save *s, struct model_error *e)
{
    const struct stored *months = val(s, F_SERIES_EVERY_MONTHS),
                        *weeks = val(s, F_SERIES_EVERY_WEEKS);
    if (months->has_num && months->num > 0 && weeks->has_num && weeks->num > 0)
        return model_error_set(e, F_SERIES_EVERY_WEEKS,
                               N_("a series repeats every N months or every N weeks, not both"),
                               NULL);
    return 0;
}

/* The fields a goal's measure takes: members by tag or organisation; the attendance measures
 * by event, series or period; a manual goal only its value. */
static bool goal_takes(const char *measure, enum field_id f)
{
    bool members = strcmp(measure, "members") == 0, manual = strcmp(measure, "manual") == 0;
    switch (f) {
    case F_GOAL_TAG:
    case F_GOAL_ORGANISATION:
        return members;
    case F_GOAL_VALUE:
        return manual;
    default:
        return !members && !manual;
    }
}

static int goal_series_exists(struct save *s, struct model_error *e)
{
    struct stored *series = val(s, F_GOAL_SERIES_ID);
    if (!series->has_num) return 0;
    char *err = NULL;
    sqlite3_stmt *st =
        db_prepare(s->db, "SELECT 1 FROM series WHERE id = ? AND deleted_at IS NULL", &err);
    if (!st) return failed(e, err);
    sqlite3_bind_int64(st, 1, series->num);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    if (found) return 0;
    char id[32];
    snprintf(id, sizeof id, "%lld", series->num);
    return model_error_set(e, F_GOAL_SERIES_ID, N_("no series with id %s"), id, NULL);
}

/* "Due 2026" or "to March" mean the end of the year or month. */
static void take_own_end(struct stored *v)
{
    if (v->n) set_text(v, v->items[0]);
}

static int goal_rules(struct save *s, struct model_error *e)
{
    static const enum field_id options[] = {F_GOAL_TAG,       F_GOAL_ORGANISATION, F_GOAL_EVENT_ID,
                                            F_GOAL_SERIES_ID, F_GOAL_FROM,         F_GOAL_TO,
                                            F_GOAL_VALUE};
    take_range_end(s, F_GOAL_FROM, F_GOAL_TO);
    take_own_end(val(s, F_GOAL_DUE_DATE));
    take_own_end(val(s, F_GOAL_TO));
    const char *measure = val(s, F_GOAL_MEASURE)->text;
    if (val(s, F_GOAL_TARGET)->num <= 0)
        return model_error_set(e, F_GOAL_TARGET, N_("a goal's target is a number above 0"), NULL);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (!stored_empty(val(s, options[i])) && !goal_takes(measure, options[i]))
            return model_error_set(e, options[i], N_("a goal that counts %s does not take %s"),
                                   measure, field_info(options[i])->name, NULL);
    if (strcmp(measure, "manual") == 0 && stored_empty(val(s, F_GOAL_VALUE)))
        return model_error_set(
            e, F_GOAL_VALUE, N_("a manual goal needs its value, the number reached so far"), NULL);
    bool event = !stored_empty(val(s, F_GOAL_EVENT_ID));
    if (event && !stored_empty(val(s, F_GOAL_SERIES_ID)))
        return model_error_set(e, F_GOAL_SERIES_ID,
                               N_("a goal counts one event or one series, not both"), NULL);
    if (event && (!stored_empty(val(s, F_GOAL_FROM)) || !stored_empty(val(s, F_GOAL_TO))))
        return model_error_set(
            e, F_GOAL_FROM, N_("a goal of one event takes no period: the event is its date"), NULL);
    const struct stored *from = val(s, F_GOAL_FROM), *to = val(s, F_GOAL_TO);
    if (from->text && to->text && strcmp(to->text, from->text) < 0)
        return model_error_set(e, F_GOAL_TO, N_("%s is before the start date %s"), to->text,
                               from->text, NULL);
    return goal_series_exists(s, e);
}

static int kind_rules(struct save *s, struct model_error *e)
{
    switch (s->r->kind) {
    case KIND_EVENT:
        return event_rules(s, e);
    case KIND_TASK:
        return task_rules(s);
    case KIND_ATTENDANCE:
        return attendance_rules(s, e);
    case KIND_ORG:
        return org_rules(s, e);
    case KIND_INVITATION:
        return invitation_rules(s, e);
    case KIND_SERIES:
        return series_rules(s, e);
    case KIND_GOAL:
        return goal_rules(s, e);
    default:
        return 0;
    }
}

static char *join_items(const struct stored *v)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < v->n; i++)
        sb_addf(&sb, "%s%s", i ? LIST_SEPARATOR : "", v->items[i]);
    return sb_take(&sb);
}

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *text)
{
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx > 0) sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
}

void bind_stored(sqlite3_stmt *st, int idx, const struct field *f, const struct stored *v)
{
    if (f->type == FT_PHONES) {
        char *joined = join_items(v);
        sqlite3_bind_text(st, idx, joined, -1, SQLITE_TRANSIENT);
        free(joined);
    } else if (v->has_num) {
        sqlite3_bind_int64(st, idx, v->num);
    } else if (v->text) {
        sqlite3_bind_text(st, idx, v->text, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, idx);
    }
}

static void bind_field(sqlite3_stmt *st, const struct field *f, const struct stored *v)
{
    char param[64];
    snprintf(param, sizeof param, ":%s", f->name);
    int idx = sqlite3_bind_parameter_index(st, param);
    if (idx > 0) bind_stored(st, idx, f, v);
}

void bind_record(struct db *db, sqlite3_stmt *st, enum kind k, const struct stored *vals,
                 const char *key, const char *now)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < ki->nfields; i++)
        bind_field(st, &ki->fields[i], &vals[i]);
    bind_named_text(st, ":search_key", key);
    bind_named_text(st, ":now", now);
    bind_named_text(st, ":user", db_user(db));
}

static int write_row(struct save *s, struct model_error *e)
{
    const char *sql = s->r->id ? kind_update_sql(s->r->kind) : kind_insert_sql(s->r->kind);
    char *err = NULL;
    sqlite3_stmt *st = db_prepare(s->db, sql, &err);
    if (!st) return failed(e, err);
    char *key = s->r->kind == KIND_MEMBER
                    ? member_search_key(s->db, s->vals, org_search_key_of, s->db)
                    : record_search_key(s->db, s->r->kind, s->vals);
    bind_record(s->db, st, s->r->kind, s->vals, key, s->now);
    free(key);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), s->r->id);
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":version"), s->r->version);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return failed(e, db_error(s->db, "cannot save"));
    if (s->r->id && sqlite3_changes(db_handle(s->db)) == 0) return changed_error(s, e);
    if (!s->r->id) s->r->id = sqlite3_last_insert_rowid(db_handle(s->db));
    return 0;
}

/* The stored record, re-read after writing, replaces the caller's copy. */
static void adopt(struct record *r, struct record *fresh)
{
    struct record tmp = *r;
    *r = *fresh;
    *fresh = tmp;
}

/* The steps after the fields are checked, which report in words. */
static int write_all(struct save *s, struct record **fresh, struct model_error *e)
{
    char *err = NULL;
    struct db *db = s->db;
    struct record *r = s->r;
    if (write_links(db, r->kind, r->id, r->changed, s->vals, &err) != 0 ||
        (s->owners_given && write_task_owners(db, r->id, val(s, F_TASK_OWNERS), &err) != 0) ||
        record_load(db, r->kind, r->id, fresh, &err) != 0 ||
        audit_write(db, s->old ? "update" : "insert", s->old, *fresh, s->now, &err) != 0 ||
        db_commit(db, &err) != 0)
        return failed(e, err);
    return 0;
}

/* The row as it is now, which an update must not have lost. */
static int check_current(struct save *s, struct model_error *e)
{
    char *err = NULL, id[32];
    if (record_load(s->db, s->r->kind, s->r->id, &s->old, &err) != 0) return failed(e, err);
    snprintf(id, sizeof id, "%lld", s->r->id);
    if (s->old->deleted_at)
        return model_error_set(e, F_NONE, N_("%s %s was deleted: restore it first"),
                               kind_noun(s->r->kind), id, NULL);
    if (s->old->version != s->r->version) return changed_error(s, e);
    return 0;
}

int record_save(struct db *db, struct record *r, char **err)
{
    struct model_error e = {.field = F_NONE};
    int rc = record_save_why(db, r, &e);
    if (rc != 0) *err = model_error_text(&e);
    model_error_clear(&e);
    return rc;
}

int record_save_why(struct db *db, struct record *r, struct model_error *e)
{
    struct save s = {.db = db, .r = r, .ki = kind_info(r->kind)};
    struct record *fresh = NULL;
    long long original_id = r->id, original_version = r->version;
    db_now(s.now);
    char *err = NULL;
    if (db_begin(db, &err) != 0) return failed(e, err);
    int rc = -1;
    if ((r->id && check_current(&s, e) != 0) || store_fields(&s, e) != 0 ||
        kind_rules(&s, e) != 0 || write_row(&s, e) != 0 || write_all(&s, &fresh, e) != 0)
        goto done;
    adopt(r, fresh);
    memset(r->changed, 0, sizeof *r->changed * (size_t)s.ki->nfields);
    rc = 0;
done:
    if (rc != 0) {
        db_rollback(db);
        r->id = original_id;
        r->version = original_version;
    }
    for (int i = 0; i < s.ki->nfields; i++)
        stored_free(&s.vals[i]);
    record_free(&s.old);
    record_free(&fresh);
    return rc;
}

/* Whether someone else changed a field r changes since as_read was read: then saving r would
 * overwrite their value without the user having seen it. */
static bool changed_under(const struct record *as_read, const struct record *current,
                          const struct record *r, int nfields)
{
    for (int i = 0; i < nfields; i++)
        if (r->changed[i] && strcmp(as_read->values[i], current->values[i]) != 0) return true;
    return false;
}

/* current with r's changes on top: the record the user would have edited had they read it
 * now. */
static struct record *rebased(const struct record *current, const struct record *r, int nfields)
{
    struct record *m = record_copy(current);
    for (int i = 0; i < nfields; i++) {
        m->changed[i] = false;
        if (r->changed[i]) record_set(m, field_id(r->kind, i), r->values[i]);
    }
    return m;
}

int record_save_from(struct db *db, const struct record *as_read, struct record *r,
                     struct record **base, struct model_error *e)
{
    if (base) *base = NULL;
    if (!r->id || !as_read) return record_save_why(db, r, e);
    char *err = NULL;
    /* Read and write in one transaction, so nobody writes between the check and the save. */
    if (db_begin(db, &err) != 0) return failed(e, err);
    struct record *current = NULL;
    int nfields = kind_info(r->kind)->nfields;
    int rc;
    if (record_load(db, r->kind, r->id, &current, &err) != 0) {
        rc = failed(e, err);
    } else if (current->version == r->version || current->deleted_at ||
               changed_under(as_read, current, r, nfields)) {
        rc = record_save_why(db, r, e); /* saves, or says why not ("changed by X at T") */
        if (rc == 0 && base) *base = record_copy(as_read);
    } else {
        struct record *m = rebased(current, r, nfields);
        rc = record_save_why(db, m, e);
        if (rc == 0) adopt(r, m);
        if (rc == 0 && base) *base = record_copy(current);
        record_free(&m);
    }
    record_free(&current);
    if (rc == 0 && db_commit(db, &err) != 0) rc = failed(e, err);
    if (rc != 0) {
        db_rollback(db);
        if (base) record_free(base);
    }
    return rc;
}

static int set_deleted(struct db *db, enum kind k, long long id, bool deleted, char **err)
{
    struct record *old = NULL, *fresh = NULL;
    char now[32];
    db_now(now);
    if (db_begin(db, err) != 0) return -1;
    int rc = -1;
    if (record_load(db, k, id, &old, err) != 0) goto done;
    if ((old->deleted_at != NULL) == deleted) {
        char num[32];
        snprintf(num, sizeof num, "%lld", id);
        *err = xasprintf(deleted ? _("%s %s is already deleted") : _("%s %s is not deleted"),
                         kind_noun(k), num);
        goto done;
    }
    sqlite3_stmt *st = db_prepare(db, kind_delete_sql(k, deleted), err);
    if (!st) goto done;
    sqlite3_bind_text(st, 1, deleted ? now : NULL, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, id);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        *err = db_error(db, deleted ? "cannot delete" : "cannot restore");
        goto done;
    }
    if (record_load(db, k, id, &fresh, err) != 0 ||
        audit_write(db, deleted ? "delete" : "restore", old, fresh, now, err) != 0 ||
        db_commit(db, err) != 0)
        goto done;
    rc = 0;
done:
    if (rc != 0) db_rollback(db);
    record_free(&old);
    record_free(&fresh);
    return rc;
}

int record_delete(struct db *db, enum kind k, long long id, char **err)
{
    return set_deleted(db, k, id, true, err);
}

int record_restore(struct db *db, enum kind k, long long id, char **err)
{
    return set_deleted(db, k, id, false, err);
}
