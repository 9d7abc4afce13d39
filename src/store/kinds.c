/* The kinds of record and their fields: one table drives the command line, exports,
 * forms and validation. Contract columns come first, in the documented order. */
#include "model.h"
#include "messages.h"

#include <string.h>

static const struct choice genders[] = {{"female", NC_("choice", "female"), "หญิง"},
                                        {"male", NC_("choice", "male"), "ชาย"},
                                        {"other", NC_("choice", "other"), "อื่น ๆ"},
                                        {NULL, NULL, NULL}};

static const struct choice org_kinds[] = {
    {"government", NC_("choice", "government agency"), "หน่วยงานรัฐ"},
    {"local_admin", NC_("choice", "local administration"), "องค์กรปกครองส่วนท้องถิ่น"},
    {"foundation", NC_("choice", "foundation"), "มูลนิธิ"},
    {"association", NC_("choice", "association"), "สมาคม"},
    {"community", NC_("choice", "community group"), "กลุ่มชุมชน"},
    {"network", NC_("choice", "network"), "เครือข่าย"},
    {"university", NC_("choice", "university"), "มหาวิทยาลัย"},
    {"school", NC_("choice", "school"), "โรงเรียน"},
    {"company", NC_("choice", "company"), "บริษัท"},
    {"media", NC_("choice", "media"), "สื่อ"},
    {"religious", NC_("choice", "religious"), "ศาสนา"},
    {"other", NC_("choice", "other"), "อื่น ๆ"},
    {NULL, NULL, NULL}};

static const struct choice event_kinds[] = {
    {"meeting", NC_("choice", "meeting"), "ประชุม"},
    {"workshop", NC_("choice", "workshop"), "ประชุมเชิงปฏิบัติการ"},
    {"training", NC_("choice", "training"), "อบรม"},
    {"forum", NC_("choice", "forum"), "เวที"},
    {"conference", NC_("choice", "conference"), "สัมมนา"},
    {"field_visit", NC_("choice", "field visit"), "ลงพื้นที่"},
    {"other", NC_("choice", "other"), "อื่น ๆ"},
    {NULL, NULL, NULL}};

static const struct choice event_statuses[] = {{"planned", NC_("choice", "planned"), "วางแผน"},
                                               {"held", NC_("choice", "held"), "จัดแล้ว"},
                                               {"cancelled", NC_("choice", "cancelled"), "ยกเลิก"},
                                               {NULL, NULL, NULL}};

static const struct choice roles[] = {{"participant", NC_("choice", "participant"), "ผู้เข้าร่วม"},
                                      {"speaker", NC_("choice", "speaker"), "วิทยากร"},
                                      {"facilitator", NC_("choice", "facilitator"), "กระบวนกร"},
                                      {"organiser", NC_("choice", "organiser"), "ผู้จัด"},
                                      {"observer", NC_("choice", "observer"), "ผู้สังเกตการณ์"},
                                      {"staff", NC_("choice", "staff"), "เจ้าหน้าที่"},
                                      {NULL, NULL, NULL}};

static const struct choice attendance_statuses[] = {
    {"invited", NC_("choice", "invited"), "เชิญแล้ว"},
    {"confirmed", NC_("choice", "confirmed"), "ตอบรับ"},
    {"attended", NC_("choice", "attended"), "มาแล้ว"},
    {"absent", NC_("choice", "absent"), "ไม่มา"},
    {"cancelled", NC_("choice", "cancelled"), "ยกเลิก"},
    {NULL, NULL, NULL}};

/* The same words as attendance's where they mean the same, so one translation serves both. */
static const struct choice invitation_statuses[] = {
    {"invited", NC_("choice", "invited"), "เชิญแล้ว"},
    {"confirmed", NC_("choice", "confirmed"), "ตอบรับ"},
    {"cancelled", NC_("choice", "cancelled"), "ยกเลิก"},
    {"declined", NC_("choice", "declined"), "ปฏิเสธ"},
    {NULL, NULL, NULL}};

const char *const invitation_status_keys[INVITATION_STATUSES] = {"invited", "confirmed",
                                                                 "cancelled", "declined"};

/* What a goal counts (goal.h has the same order). */
static const struct choice goal_measures[] = {
    {"members", NC_("choice", "members"), "สมาชิก"},
    {"people", NC_("choice", "people who came"), "คนที่มาร่วม"},
    {"attendances", NC_("choice", "attendances"), "ครั้งที่มาร่วม"},
    {"organisations", NC_("choice", "organisations reached"), "องค์กรที่มาร่วม"},
    {"subdistricts", NC_("choice", "subdistricts reached"), "ตำบลที่มาร่วม"},
    {"manual", NC_("choice", "a number typed in"), "ตัวเลขที่กรอกเอง"},
    {NULL, NULL, NULL}};

static const struct choice task_statuses[] = {
    {"open", NC_("choice", "open"), "ยังไม่เริ่ม"},
    {"in_progress", NC_("choice", "in progress"), "กำลังทำ"},
    {"done", NC_("choice", "done"), "เสร็จแล้ว"},
    {"cancelled", NC_("choice", "cancelled"), "ยกเลิก"},
    {NULL, NULL, NULL}};

static const struct choice priorities[] = {{"low", NC_("choice", "low"), "ต่ำ"},
                                           {"normal", NC_("choice", "normal"), "ปกติ"},
                                           {"high", NC_("choice", "high"), "สูง"},
                                           {"urgent", NC_("choice", "urgent"), "ด่วน"},
                                           {NULL, NULL, NULL}};

/* The tables are made from the one field list, in the order of the identifiers. */
#define FIELD_ROW(kind, ID, name, en, th, type, flags, choices)                                    \
    {name, en, th, type, flags, choices, kind},
static const struct field member_fields[] = {
#define MEMBER(...) FIELD_ROW(KIND_MEMBER, __VA_ARGS__)
#include "fields.def"
};
static const struct field org_fields[] = {
#define ORG(...) FIELD_ROW(KIND_ORG, __VA_ARGS__)
#include "fields.def"
};
static const struct field event_fields[] = {
#define EVENT(...) FIELD_ROW(KIND_EVENT, __VA_ARGS__)
#include "fields.def"
};
static const struct field attendance_fields[] = {
#define ATTENDANCE(...) FIELD_ROW(KIND_ATTENDANCE, __VA_ARGS__)
#include "fields.def"
};
static const struct field task_fields[] = {
#define TASK(...) FIELD_ROW(KIND_TASK, __VA_ARGS__)
#include "fields.def"
};
static const struct field invitation_fields[] = {
#define INVITATION(...) FIELD_ROW(KIND_INVITATION, __VA_ARGS__)
#include "fields.def"
};
static const struct field series_fields[] = {
#define SERIES(...) FIELD_ROW(KIND_SERIES, __VA_ARGS__)
#include "fields.def"
};
static const struct field goal_fields[] = {
#define GOAL(...) FIELD_ROW(KIND_GOAL, __VA_ARGS__)
#include "fields.def"
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
_Static_assert(COUNT(member_fields) == FI_MEMBER_COUNT && (int)FI_MEMBER_COUNT <= MAX_FIELDS,
               "member fields");
_Static_assert(COUNT(org_fields) == FI_ORG_COUNT && (int)FI_ORG_COUNT <= MAX_FIELDS, "org fields");
_Static_assert(COUNT(event_fields) == FI_EVENT_COUNT && (int)FI_EVENT_COUNT <= MAX_FIELDS,
               "event fields");
_Static_assert(COUNT(attendance_fields) == FI_ATTENDANCE_COUNT &&
                   (int)FI_ATTENDANCE_COUNT <= MAX_FIELDS,
               "attendance fields");
_Static_assert(COUNT(task_fields) == FI_TASK_COUNT && (int)FI_TASK_COUNT <= MAX_FIELDS,
               "task fields");
_Static_assert(COUNT(invitation_fields) == FI_INVITATION_COUNT &&
                   (int)FI_INVITATION_COUNT <= MAX_FIELDS,
               "invitation fields");
_Static_assert(COUNT(series_fields) == FI_SERIES_COUNT && (int)FI_SERIES_COUNT <= MAX_FIELDS,
               "series fields");
_Static_assert(COUNT(goal_fields) == FI_GOAL_COUNT && (int)FI_GOAL_COUNT <= MAX_FIELDS,
               "goal fields");

static const struct kind_info kinds[KIND_COUNT] = {
    {KIND_MEMBER, "member", "members", NC_("kind", "Members"), member_fields, COUNT(member_fields)},
    {KIND_ORG, "org", "orgs", NC_("kind", "Organisations"), org_fields, COUNT(org_fields)},
    {KIND_EVENT, "event", "events", NC_("kind", "Events"), event_fields, COUNT(event_fields)},
    {KIND_TASK, "task", "tasks", NC_("kind", "Tasks"), task_fields, COUNT(task_fields)},
    {KIND_ATTENDANCE, "attendance", "attendance", NC_("kind", "Attendance"), attendance_fields,
     COUNT(attendance_fields)},
    {KIND_INVITATION, "invitation", "invitations", NC_("kind", "Invitations"), invitation_fields,
     COUNT(invitation_fields)},
    {KIND_SERIES, "series", "series", NC_("kind", "Series"), series_fields, COUNT(series_fields)},
    {KIND_GOAL, "goal", "goals", NC_("kind", "Goals"), goal_fields, COUNT(goal_fields)},
};

const struct kind_info *kind_info(enum kind k)
{
    return &kinds[k];
}

const char *kind_noun(enum kind k)
{
    static const char *const nouns[KIND_COUNT] = {
        [KIND_MEMBER] = N_("member"),         [KIND_ORG] = N_("org"),
        [KIND_EVENT] = N_("event"),           [KIND_TASK] = N_("task"),
        [KIND_ATTENDANCE] = N_("attendance"), [KIND_INVITATION] = N_("invitation"),
        [KIND_SERIES] = N_("series"),         [KIND_GOAL] = N_("goal"),
    };
    return _(nouns[k]);
}

int kind_from_name(const char *name)
{
    static const struct {
        const char *name;
        enum kind kind;
    } aliases[] = {{"organisation", KIND_ORG},
                   {"organisations", KIND_ORG},
                   {"organization", KIND_ORG},
                   {"organizations", KIND_ORG}};
    for (int k = 0; k < KIND_COUNT; k++)
        if (strcmp(name, kinds[k].name) == 0 || strcmp(name, kinds[k].plural) == 0) return k;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(name, aliases[i].name) == 0) return (int)aliases[i].kind;
    return -1;
}

/* Field names match with '-' and '_' alike, so --given-name finds given_name. */
static bool same_field_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;
        if (ca != cb) return false;
    }
    return *a == *b;
}

int field_index(const struct kind_info *ki, const char *name)
{
    for (int i = 0; i < ki->nfields; i++)
        if (same_field_name(ki->fields[i].name, name)) return i;
    return -1;
}

const struct field *field_info(enum field_id f)
{
    return &kinds[field_kind(f)].fields[field_pos(f)];
}

/* A field's label has its kind's name as context: "Title" of a member is not an event's. */
const char *field_label(const struct field *f)
{
    return messages_pgettext(kinds[f->kind].name, f->en);
}

const char *kind_label(enum kind k)
{
    return messages_pgettext("kind", kinds[k].en);
}

const char *choice_label(const struct field *f, const char *key)
{
    if (f->choices)
        for (const struct choice *c = f->choices; c->key; c++)
            if (strcmp(c->key, key) == 0) return messages_pgettext("choice", c->en);
    return key;
}
