/* The kinds of record and their fields: one table drives the command line, exports,
 * forms and validation. Contract columns come first, in the documented order. */
#include "model.h"
#include "messages.h"

#include <string.h>

static const struct choice genders[] = {{"female", "female", "หญิง"},
                                        {"male", "male", "ชาย"},
                                        {"other", "other", "อื่น ๆ"},
                                        {NULL, NULL, NULL}};

static const struct choice org_kinds[] = {
    {"government", "government agency", "หน่วยงานรัฐ"},
    {"local_admin", "local administration", "องค์กรปกครองส่วนท้องถิ่น"},
    {"foundation", "foundation", "มูลนิธิ"},
    {"association", "association", "สมาคม"},
    {"community", "community group", "กลุ่มชุมชน"},
    {"network", "network", "เครือข่าย"},
    {"university", "university", "มหาวิทยาลัย"},
    {"school", "school", "โรงเรียน"},
    {"company", "company", "บริษัท"},
    {"media", "media", "สื่อ"},
    {"religious", "religious", "ศาสนา"},
    {"other", "other", "อื่น ๆ"},
    {NULL, NULL, NULL}};

static const struct choice event_kinds[] = {{"meeting", "meeting", "ประชุม"},
                                            {"workshop", "workshop", "ประชุมเชิงปฏิบัติการ"},
                                            {"training", "training", "อบรม"},
                                            {"forum", "forum", "เวที"},
                                            {"conference", "conference", "สัมมนา"},
                                            {"field_visit", "field visit", "ลงพื้นที่"},
                                            {"other", "other", "อื่น ๆ"},
                                            {NULL, NULL, NULL}};

static const struct choice event_statuses[] = {{"planned", "planned", "วางแผน"},
                                               {"held", "held", "จัดแล้ว"},
                                               {"cancelled", "cancelled", "ยกเลิก"},
                                               {NULL, NULL, NULL}};

static const struct choice roles[] = {{"participant", "participant", "ผู้เข้าร่วม"},
                                      {"speaker", "speaker", "วิทยากร"},
                                      {"facilitator", "facilitator", "กระบวนกร"},
                                      {"organiser", "organiser", "ผู้จัด"},
                                      {"observer", "observer", "ผู้สังเกตการณ์"},
                                      {"staff", "staff", "เจ้าหน้าที่"},
                                      {NULL, NULL, NULL}};

static const struct choice attendance_statuses[] = {
    {"invited", "invited", "เชิญแล้ว"},    {"confirmed", "confirmed", "ตอบรับ"},
    {"attended", "attended", "มาแล้ว"},   {"absent", "absent", "ไม่มา"},
    {"cancelled", "cancelled", "ยกเลิก"}, {NULL, NULL, NULL}};

static const struct choice task_statuses[] = {{"open", "open", "ยังไม่เริ่ม"},
                                              {"in_progress", "in progress", "กำลังทำ"},
                                              {"done", "done", "เสร็จแล้ว"},
                                              {"cancelled", "cancelled", "ยกเลิก"},
                                              {NULL, NULL, NULL}};

static const struct choice priorities[] = {{"low", "low", "ต่ำ"},
                                           {"normal", "normal", "ปกติ"},
                                           {"high", "high", "สูง"},
                                           {"urgent", "urgent", "ด่วน"},
                                           {NULL, NULL, NULL}};

/* The tables are made from the one field list, in the order of the identifiers. */
#define FIELD_ROW(ID, name, en, th, type, flags, choices) {name, en, th, type, flags, choices},
static const struct field member_fields[] = {
#define MEMBER FIELD_ROW
#include "fields.def"
};
static const struct field org_fields[] = {
#define ORG FIELD_ROW
#include "fields.def"
};
static const struct field event_fields[] = {
#define EVENT FIELD_ROW
#include "fields.def"
};
static const struct field attendance_fields[] = {
#define ATTENDANCE FIELD_ROW
#include "fields.def"
};
static const struct field task_fields[] = {
#define TASK FIELD_ROW
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

static const struct kind_info kinds[KIND_COUNT] = {
    {KIND_MEMBER, "member", "members", "Members", "สมาชิก", member_fields, COUNT(member_fields)},
    {KIND_ORG, "org", "orgs", "Organisations", "องค์กร", org_fields, COUNT(org_fields)},
    {KIND_EVENT, "event", "events", "Events", "กิจกรรม", event_fields, COUNT(event_fields)},
    {KIND_TASK, "task", "tasks", "Tasks", "งานติดตาม", task_fields, COUNT(task_fields)},
    {KIND_ATTENDANCE, "attendance", "attendance", "Attendance", "การเข้าร่วม", attendance_fields,
     COUNT(attendance_fields)},
};

const struct kind_info *kind_info(enum kind k)
{
    return &kinds[k];
}

/* The field and kind tables hold both languages: the one switch between them. */
const char *field_label(const struct field *f)
{
    return messages_thai() ? f->th : f->en;
}

const char *kind_label(enum kind k)
{
    return messages_thai() ? kinds[k].th : kinds[k].en;
}

const char *kind_noun(enum kind k)
{
    static const char *const nouns[KIND_COUNT] = {
        [KIND_MEMBER] = N_("member"),         [KIND_ORG] = N_("org"),
        [KIND_EVENT] = N_("event"),           [KIND_TASK] = N_("task"),
        [KIND_ATTENDANCE] = N_("attendance"),
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

const char *choice_label(const struct field *f, const char *key, bool thai)
{
    if (f->choices)
        for (const struct choice *c = f->choices; c->key; c++)
            if (strcmp(c->key, key) == 0) return thai ? c->th : c->en;
    return key;
}
