/* The model: the kinds of record khai keeps, their fields, and loading, saving, deleting,
 * restoring and listing them. This is the whole API the command line and the screens use;
 * none of it exposes SQL. */
#ifndef KHAI_MODEL_H
#define KHAI_MODEL_H
#include <stdbool.h>
#include <stddef.h>

struct db;

enum kind {
    KIND_MEMBER,
    KIND_ORG,
    KIND_EVENT,
    KIND_TASK,
    KIND_ATTENDANCE,
    KIND_INVITATION, /* an organisation invited to an event, and its answer */
    KIND_SERIES,     /* a series of meetings, every N months or weeks (series.h) */
    KIND_GOAL,       /* a programme's goal: a target number of something khai counts */
    KIND_COUNT
};

enum field_type {
    FT_ID,        /* the record's id: read-only */
    FT_TEXT,      /* one line of text */
    FT_MULTILINE, /* notes, agenda, minutes: newlines kept */
    FT_CHOICE,    /* one of the field's choices: key, English or Thai label accepted */
    FT_DATE,      /* any form the date reader accepts; stored ISO 8601 */
    FT_TIME,      /* HH:MM */
    FT_INT,       /* a whole number >= 0 */
    FT_BOOL,      /* yes/no */
    FT_PHONES,    /* several Thai phone numbers */
    FT_EMAIL,
    FT_PROVINCE, /* Thai or English name or ISO code; shown in Thai */
    FT_ORG,      /* one organisation: id or name */
    FT_ORGS,     /* several organisations */
    FT_MEMBER,   /* one member: id, full name or phone */
    FT_OWNERS,   /* several members and organisations (a task's owners) */
    FT_EVENT,    /* one event: id */
    FT_SERIES,   /* one series of meetings: id or title */
    FT_TAGS,     /* several tags */
    FT_QUOTAS,   /* per-category targets: "category=number; ..." */
    FT_DERIVED   /* shown, never set (e.g. attendance member_name) */
};

enum field_flags {
    FIELD_REQUIRED = 1,
    FIELD_EXTRA = 2,    /* not one of the fixed export columns */
    FIELD_READONLY = 4, /* set by khai (ids, derived values, check-in time) */
    FIELD_QUIET = 8,    /* a detail leaves it out while it is empty (the coverage targets) */
};

/* Labels are shown as the catalogue's translation of the English (field_label,
 * kind_label, choice_label); the Thai kept here is what input accepts in Thai whatever the
 * interface's language (`--status ตอบรับ`, a Thai column header), and a test keeps it equal to the
 * catalogue's translation. */
struct choice {
    const char *key;      /* as stored and exported */
    const char *en;       /* English label, marked NC_("choice", ...) */
    const char *th_alias; /* the Thai label, accepted as input */
};

struct field {
    const char *name;     /* column name in --tsv, CSV and `--NAME` options (with - for _) */
    const char *en;       /* English label, marked NC_(kind name, ...) in fields.def */
    const char *th_alias; /* the Thai label, accepted as a Thai column header */
    enum field_type type;
    unsigned flags;
    const struct choice *choices; /* FT_CHOICE: terminated by a NULL key */
    enum kind kind;
};

/* The position of each field in its kind's table (fields.def), and each kind's count. */
enum member_field {
#define MEMBER(ID, ...) FI_MEMBER_##ID,
#include "fields.def"
    FI_MEMBER_COUNT
};
enum org_field {
#define ORG(ID, ...) FI_ORG_##ID,
#include "fields.def"
    FI_ORG_COUNT
};
enum event_field {
#define EVENT(ID, ...) FI_EVENT_##ID,
#include "fields.def"
    FI_EVENT_COUNT
};
enum attendance_field {
#define ATTENDANCE(ID, ...) FI_ATTENDANCE_##ID,
#include "fields.def"
    FI_ATTENDANCE_COUNT
};
enum task_field {
#define TASK(ID, ...) FI_TASK_##ID,
#include "fields.def"
    FI_TASK_COUNT
};
enum invitation_field {
#define INVITATION(ID, ...) FI_INVITATION_##ID,
#include "fields.def"
    FI_INVITATION_COUNT
};
enum goal_field {
#define GOAL(ID, ...) FI_GOAL_##ID,
#include "fields.def"
    FI_GOAL_COUNT
};

enum series_field {
#define SERIES(ID, ...) FI_SERIES_##ID,
#include "fields.def"
    FI_SERIES_COUNT
};

#define FIELDS_MAX2(a, b) ((int)(a) > (int)(b) ? (int)(a) : (int)(b))
/* The most fields a kind has: the one bound for arrays of a record's fields. */
enum {
    MAX_FIELDS = FIELDS_MAX2(FIELDS_MAX2(FIELDS_MAX2(FI_MEMBER_COUNT, FI_ORG_COUNT),
                                         FIELDS_MAX2(FI_EVENT_COUNT, FI_ATTENDANCE_COUNT)),
                             FIELDS_MAX2(FIELDS_MAX2(FI_TASK_COUNT, FI_INVITATION_COUNT),
                                         FIELDS_MAX2(FI_SERIES_COUNT, FI_GOAL_COUNT)))
};

/* A field of a kind, F_EVENT_START_DATE: the kind and the field's position in one number, so
 * a misspelt field does not compile and a field of the wrong kind is caught where it is used.
 * String names (field_index) are for the edges only: options, CSV and TSV headers. */
#define FIELD_ID(kind, index) ((kind) << 8 | (index))
_Static_assert(MAX_FIELDS <= 256, "a field's position fits in FIELD_ID's low byte");
enum field_id {
    F_FULL_NAME = -2, /* not a field: a member's title, given and family name in one */
    F_NONE = -1,      /* no field: ends lists of fields; an error about the whole record */
#define MEMBER(ID, ...) F_MEMBER_##ID = FIELD_ID(KIND_MEMBER, FI_MEMBER_##ID),
#define ORG(ID, ...) F_ORG_##ID = FIELD_ID(KIND_ORG, FI_ORG_##ID),
#define EVENT(ID, ...) F_EVENT_##ID = FIELD_ID(KIND_EVENT, FI_EVENT_##ID),
#define ATTENDANCE(ID, ...) F_ATTENDANCE_##ID = FIELD_ID(KIND_ATTENDANCE, FI_ATTENDANCE_##ID),
#define TASK(ID, ...) F_TASK_##ID = FIELD_ID(KIND_TASK, FI_TASK_##ID),
#define INVITATION(ID, ...) F_INVITATION_##ID = FIELD_ID(KIND_INVITATION, FI_INVITATION_##ID),
#define SERIES(ID, ...) F_SERIES_##ID = FIELD_ID(KIND_SERIES, FI_SERIES_##ID),
#define GOAL(ID, ...) F_GOAL_##ID = FIELD_ID(KIND_GOAL, FI_GOAL_##ID),
#include "fields.def"
};

static inline enum kind field_kind(enum field_id f)
{
    return (enum kind)(f >> 8);
}
/* The field's position in kind_info(field_kind(f))->fields. */
static inline int field_pos(enum field_id f)
{
    return (int)(f & 0xff);
}
static inline enum field_id field_id(enum kind k, int pos)
{
    return (enum field_id)FIELD_ID(k, pos);
}

struct kind_info {
    enum kind kind;
    const char *name;   /* member */
    const char *plural; /* members */
    const char *en;     /* Members, marked NC_("kind", ...): shown as kind_label() */
    const struct field *fields;
    int nfields;
};

/* Several values in one field (phones, organisations, partners, tags) are joined by this. */
#define LIST_SEPARATOR "; "

const struct kind_info *kind_info(enum kind k);
/* member, members, org, orgs, organisation(s), event(s), task(s), attendance; -1 if unknown. */
int kind_from_name(const char *name);
/* The kind as a word in a sentence, in the interface's language: "member", "สมาชิก". */
const char *kind_noun(enum kind k);
/* Index of the field named name ('-' and '_' alike), or -1: for names read at the edges
 * (options, CSV and TSV headers); code names fields by identifier. */
int field_index(const struct kind_info *ki, const char *name);
/* The field an identifier names. */
const struct field *field_info(enum field_id f);
/* Labels in the interface's language: a field's, a kind's (Members), a choice key's (the key
 * itself when unknown). */
const char *field_label(const struct field *f);
const char *kind_label(enum kind k);
const char *choice_label(const struct field *f, const char *key);

/* Why the model refused something, as a value: which field, what message, with what
 * arguments. Each interface renders it in its language and places it (the form at the
 * field, the command line as "field: message"). */
enum { MODEL_ERROR_ARGS = 4 };
struct model_error {
    enum field_id field; /* the field at fault, F_FULL_NAME, or F_NONE for the whole record */
    const char *msgid;   /* English printf format taking only %s, marked N_(); NULL: text */
    char *args[MODEL_ERROR_ARGS]; /* its arguments, malloc'd */
    char *text;                   /* a reason already in words (the database's), or NULL */
};

/* Sets e (clearing what it held) to msgid with up to MODEL_ERROR_ARGS string arguments,
 * ended by NULL. Returns -1, for `return model_error_set(...)`. */
int model_error_set(struct model_error *e, enum field_id field, const char *msgid, ...)
    __attribute__((sentinel));
/* Sets e to a reason already in words; takes text (malloc'd). Returns -1. */
int model_error_take(struct model_error *e, enum field_id field, char *text);
void model_error_clear(struct model_error *e);
/* The reason in the interface's language, without the field. malloc'd. */
char *model_error_message(const struct model_error *e);
/* "field: reason" as the command line and import reports say it: the field by its name
 * (given_name, as options and columns name it) in English, by its label in Thai. malloc'd. */
char *model_error_text(const struct model_error *e);
/* The label of the field an error names, in the interface's language; NULL for F_NONE. */
const char *model_error_field_label(const struct model_error *e);

/* One record of any kind. values[i] is the display form of field i ("" when empty): dates
 * ISO 8601, phones grouped, provinces and organisations by name, choices by key. */
struct record {
    enum kind kind;
    long long id;      /* 0 for a record not yet saved */
    long long version; /* as read: a save fails when the row changed since */
    char **values;
    bool *changed; /* set by record_set: what a save must validate and write */
    char *updated_at;
    char *updated_by;
    char *deleted_at; /* NULL unless deleted */
    void *refs;       /* resolved ids of reference fields: private to the model */
};

struct record *record_new(enum kind k);
void record_free(struct record **r);
struct record *record_copy(const struct record *r);
/* Sets a field from user input (any accepted form); checked and normalised on save. The
 * field must be of the record's kind (abort otherwise: a bug, not an input error). */
void record_set(struct record *r, enum field_id f, const char *value);
/* The same for a field named at the edges (an option, a column header): -1 for an unknown
 * name. */
int record_set_named(struct record *r, const char *name, const char *value);
/* The display value of a field ("" for empty). */
const char *record_get(const struct record *r, enum field_id f);
/* "นางสาวจิราพร คงทอง" for members, the name/title for other kinds. malloc'd. */
char *record_display_name(const struct record *r);

/* The ids a loaded record's reference field points to (organisations, host, parent, owner,
 * event, member); 0 when none or not resolved. */
size_t record_refs(const struct record *r, enum field_id f, const long long **ids);

/* Sets title, given_name and family_name from a full name split by the honorific rules.
 * Fails with *err (model_error_text of an F_FULL_NAME error). */
int record_set_full_name(struct record *r, const char *full, char **err);

/* Loads one record (deleted ones too: deleted_at says so). Returns 0, 1 when there is no
 * such record (with *err saying so), -1 on error. */
int record_load(struct db *db, enum kind k, long long id, struct record **out, char **err);

/* Checks and normalises every changed field, then inserts (id 0) or updates the record in
 * one transaction with its audit row. An update fails with "changed by X at T" when the row
 * was changed since it was read. On success r holds the stored values, id and version. On
 * failure nothing is written and *why names the field and the reason (clear it with
 * model_error_clear). */
int record_save_why(struct db *db, struct record *r, struct model_error *why);
/* The same with the error rendered: *err is model_error_text of it. */
int record_save(struct db *db, struct record *r, char **err);
/* Saves an edit of as_read (r: a copy of it with fields set) even when someone else changed
 * the record since it was read, as long as they changed none of the fields r changes: then
 * r's changes go on top of theirs. When they did change one of them, fails as
 * record_save_why does ("changed by X at T"). On success r holds what was stored and *base
 * (when base is not NULL) the record as it was just before: what an undo puts back. */
int record_save_from(struct db *db, const struct record *as_read, struct record *r,
                     struct record **base, struct model_error *why);

/* Soft delete and restore, audited; fails with a message for a missing record. */
int record_delete(struct db *db, enum kind k, long long id, char **err);
int record_restore(struct db *db, enum kind k, long long id, char **err);

/* What to list. Unset filters (NULL or 0) do not filter. */
struct list_query {
    enum kind kind;
    const char *search;   /* substrings of names, nicknames, organisations, phone digits */
    const char *sort;     /* per kind: members given (default), family, nickname, province,
                             org; orgs name; events -date (newest first, default), date
                             (oldest first), title; tasks due, title */
    long long event_id;   /* attendance and tasks of one event */
    long long member_id;  /* attendance and tasks of one member */
    long long org_id;     /* members of, sub-organisations of, events hosted by */
    const char *province; /* any accepted province form */
    const char *tag;
    const char *status; /* events, tasks, attendance */
    const char *group;  /* attendance in the breakout group of this name (groups.h) */
    bool deleted;       /* list deleted records instead of live ones */
    long long owner;    /* tasks one of whose owners is this member (> 0) or organisation (< 0) */
    bool overdue;       /* tasks open or in progress whose due date has passed */
    /* Only rows whose freq_field (F_NONE: the name column) has freq_value ("" for none): a
     * value chosen in a frequency table (freq.h). Off when freq_value is NULL. */
    enum field_id freq_field;
    const char *freq_value;
};

/* Sort keys a kind accepts, NULL-terminated. */
const char *const *list_sort_keys(enum kind k);

/* Number of records the query matches. */
int list_count(struct db *db, const struct list_query *q, long long *count, char **err);

/* Up to limit records from offset, in the query's order: lists fetch only the window they
 * show. *rows is a malloc'd array of records (free with list_free). */
int list_fetch(struct db *db, const struct list_query *q, long long offset, int limit,
               struct record ***rows, size_t *n, char **err);
void list_free(struct record **rows, size_t n);

/* The same counted no further than cap (cap 0: all): a count that is cap shows as "cap+"
 * while the user types, and costs no more than finding cap rows. */
int list_count_upto(struct db *db, const struct list_query *q, long long cap, long long *count,
                    char **err);

/* Paging by key: up to limit records after the record with id mark in the query's order
 * (LIST_AFTER), from it (LIST_AT) or before it (LIST_BEFORE); mark 0 is the start (or, with
 * LIST_BEFORE, the end: the last limit records). Rows come in the query's order. Each page is
 * an index walk from the mark however deep it lies (OFFSET re-walks every earlier row). The
 * mark may be a deleted row: its key still marks the place. Returns 0, -1 with *err, or 1
 * with *err when there is no record mark. */
enum list_from { LIST_AFTER, LIST_AT, LIST_BEFORE };
int list_fetch_from(struct db *db, const struct list_query *q, long long mark, enum list_from from,
                    int limit, struct record ***rows, size_t *n, char **err);

/* Calls fn for every matching record in order, reading them with one statement: exports and
 * --tsv. Stops early and returns fn's value when fn returns non-zero. list_each_range skips
 * offset records first and stops after limit (0: no limit). */
int list_each(struct db *db, const struct list_query *q,
              int (*fn)(const struct record *r, void *ctx), void *ctx, char **err);
int list_each_range(struct db *db, const struct list_query *q, long long offset, long long limit,
                    int (*fn)(const struct record *r, void *ctx), void *ctx, char **err);
/* The same rows as list_each_range, each as the values a record of it would hold (in field
 * order, "" for none), borrowed for the call: without a record made and freed a row, for the
 * --tsv listings of every row. The extra fields (FIELD_EXTRA) may be empty. */
int list_each_values(struct db *db, const struct list_query *q, long long offset, long long limit,
                     int (*fn)(const char *const *values, void *ctx), void *ctx, char **err);

/* Finds one organisation (id, name or short name), member (id, full name or phone) or event
 * (id) from user input, as the reference fields do. Returns 0, or -1 with *err saying why
 * (no match, or several: give the id). */
int model_find(struct db *db, enum field_type type, const char *input, long long *id, char **err);

/* The province's Thai name for any accepted form (Thai, English, ISO code, with or without
 * จ. / จังหวัด), or NULL. malloc'd. */
char *province_lookup(struct db *db, const char *input);

/* How an event went: "how many came against our target of 70, from how many organisations?" */
struct category_count {
    char *category;
    long long target; /* the quota, 0 when none */
    long long attended;
};

/* The statuses of an invitation, in the order of invitation_counts.status. */
enum invitation_status {
    INVITATION_INVITED, /* no answer yet */
    INVITATION_CONFIRMED,
    INVITATION_CANCELLED,
    INVITATION_DECLINED,
    INVITATION_STATUSES
};
/* The status keys, in that order ("invited", ...). */
extern const char *const invitation_status_keys[INVITATION_STATUSES];

/* How the organisations invited to an event answered, and how many came: an organisation came
 * when at least one of its people (who came for it, or one of its members) attended. */
struct invitation_counts {
    long long invited; /* every live invitation, whatever its answer */
    long long status[INVITATION_STATUSES];
    long long came;           /* invited organisations that came, whatever they answered */
    long long confirmed_came; /* of the confirmed ones, those that came */
};

struct event_summary {
    long long target; /* 0 when none */
    long long invited, confirmed, attended, absent, cancelled;
    long long organisations; /* distinct organisations represented among those who came */
    /* Coverage: the distinct places of those who came (a subdistrict told apart by its
     * district and province), and the event's targets for them, 0 when none. */
    long long subdistricts, districts, provinces;
    long long target_orgs, target_subdistricts, target_districts, target_provinces;
    struct invitation_counts invitations;
    struct category_count *categories;
    size_t ncategories;
};

int event_summary(struct db *db, long long event_id, struct event_summary *out, char **err);
void event_summary_free(struct event_summary *s);

/* Counts of live records of each kind, for tab bars and the empty-database hint. */
int model_counts(struct db *db, long long counts[KIND_COUNT], char **err);
#endif
