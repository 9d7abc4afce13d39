/* The kinds of record and their fields: one table drives the command line, exports,
 * forms and validation. Contract columns come first, in the documented order. */
#include "model.h"

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

static const struct field member_fields[] = {
    {"id", "ID", "รหัส", FT_ID, FIELD_READONLY, NULL},
    {"title", "Title", "คำนำหน้า", FT_TEXT, 0, NULL},
    {"given_name", "Given name", "ชื่อ", FT_TEXT, FIELD_REQUIRED, NULL},
    {"family_name", "Family name", "นามสกุล", FT_TEXT, 0, NULL},
    {"nickname", "Nickname", "ชื่อเล่น", FT_TEXT, 0, NULL},
    {"gender", "Gender", "เพศ", FT_CHOICE, 0, genders},
    {"phone", "Phone", "โทรศัพท์", FT_PHONES, 0, NULL},
    {"email", "E-mail", "อีเมล", FT_EMAIL, 0, NULL},
    {"line_id", "LINE ID", "ไลน์", FT_TEXT, 0, NULL},
    {"facebook", "Facebook", "เฟซบุ๊ก", FT_TEXT, 0, NULL},
    {"province", "Province", "จังหวัด", FT_PROVINCE, 0, NULL},
    {"district", "District", "อำเภอ", FT_TEXT, 0, NULL},
    {"subdistrict", "Subdistrict", "ตำบล", FT_TEXT, 0, NULL},
    {"position", "Position", "ตำแหน่ง", FT_TEXT, 0, NULL},
    {"organisations", "Organisations", "หน่วยงาน", FT_ORGS, 0, NULL},
    {"tags", "Tags", "แท็ก", FT_TAGS, 0, NULL},
    {"notes", "Notes", "หมายเหตุ", FT_MULTILINE, 0, NULL},
    {"skills", "Skills", "ทักษะ", FT_TEXT, FIELD_EXTRA, NULL},
    {"active", "Active", "ยังร่วมงาน", FT_BOOL, FIELD_EXTRA, NULL},
};

static const struct field org_fields[] = {
    {"id", "ID", "รหัส", FT_ID, FIELD_READONLY, NULL},
    {"name", "Name", "ชื่อองค์กร", FT_TEXT, FIELD_REQUIRED, NULL},
    {"short_name", "Short name", "ชื่อย่อ", FT_TEXT, 0, NULL},
    {"kind", "Kind", "ประเภท", FT_CHOICE, 0, org_kinds},
    {"parent", "Parent", "สังกัด", FT_ORG, 0, NULL},
    {"province", "Province", "จังหวัด", FT_PROVINCE, 0, NULL},
    {"phone", "Phone", "โทรศัพท์", FT_PHONES, 0, NULL},
    {"email", "E-mail", "อีเมล", FT_EMAIL, 0, NULL},
    {"line_group", "LINE group", "กลุ่มไลน์", FT_TEXT, 0, NULL},
    {"facebook", "Facebook", "เฟซบุ๊ก", FT_TEXT, 0, NULL},
    {"website", "Website", "เว็บไซต์", FT_TEXT, 0, NULL},
    {"focus", "Focus areas", "ประเด็นงาน", FT_TEXT, 0, NULL},
    {"notes", "Notes", "หมายเหตุ", FT_MULTILINE, 0, NULL},
    {"tags", "Tags", "แท็ก", FT_TAGS, FIELD_EXTRA, NULL},
};

static const struct field event_fields[] = {
    {"id", "ID", "รหัส", FT_ID, FIELD_READONLY, NULL},
    {"title", "Title", "ชื่องาน", FT_TEXT, FIELD_REQUIRED, NULL},
    {"kind", "Kind", "ประเภท", FT_CHOICE, 0, event_kinds},
    {"start_date", "Start date", "วันที่เริ่ม", FT_DATE, FIELD_REQUIRED, NULL},
    {"end_date", "End date", "วันที่สิ้นสุด", FT_DATE, 0, NULL},
    {"start_time", "Start time", "เวลาเริ่ม", FT_TIME, 0, NULL},
    {"end_time", "End time", "เวลาสิ้นสุด", FT_TIME, 0, NULL},
    {"venue", "Venue", "สถานที่", FT_TEXT, 0, NULL},
    {"province", "Province", "จังหวัด", FT_PROVINCE, 0, NULL},
    {"host", "Host", "ผู้จัด", FT_ORG, 0, NULL},
    {"partners", "Partners", "ภาคี", FT_ORGS, 0, NULL},
    {"target", "Target", "เป้าหมาย", FT_INT, 0, NULL},
    {"status", "Status", "สถานะ", FT_CHOICE, 0, event_statuses},
    {"notes", "Notes", "หมายเหตุ", FT_MULTILINE, 0, NULL},
    {"quotas", "Quotas", "โควตา", FT_QUOTAS, FIELD_EXTRA, NULL},
    {"recurrence", "Every N months", "ทุก ๆ (เดือน)", FT_INT, FIELD_EXTRA, NULL},
    {"agenda", "Agenda", "วาระ", FT_MULTILINE, FIELD_EXTRA, NULL},
    {"minutes", "Minutes", "บันทึกการประชุม", FT_MULTILINE, FIELD_EXTRA, NULL},
};

static const struct field attendance_fields[] = {
    {"event_id", "Event", "รหัสงาน", FT_EVENT, FIELD_REQUIRED, NULL},
    {"event_title", "Event title", "ชื่องาน", FT_DERIVED, FIELD_READONLY, NULL},
    {"member_id", "Member", "รหัสสมาชิก", FT_MEMBER, FIELD_REQUIRED, NULL},
    {"member_name", "Name", "ชื่อ-สกุล", FT_DERIVED, FIELD_READONLY, NULL},
    {"organisation", "Organisation", "หน่วยงาน", FT_ORG, 0, NULL},
    {"category", "Category", "ประเภทผู้เข้าร่วม", FT_TEXT, 0, NULL},
    {"role", "Role", "บทบาท", FT_CHOICE, 0, roles},
    {"status", "Status", "สถานะ", FT_CHOICE, 0, attendance_statuses},
    {"reason", "Reason", "เหตุผล", FT_TEXT, 0, NULL},
    {"group", "Breakout group", "กลุ่มย่อย", FT_TEXT, 0, NULL},
    {"checked_in_at", "Checked in", "เวลาลงทะเบียน", FT_DERIVED, FIELD_READONLY, NULL},
    {"checked_in_by", "Checked in by", "ผู้ลงทะเบียน", FT_DERIVED, FIELD_READONLY | FIELD_EXTRA, NULL},
};

static const struct field task_fields[] = {
    {"id", "ID", "รหัส", FT_ID, FIELD_READONLY, NULL},
    {"title", "Task", "งาน", FT_TEXT, FIELD_REQUIRED, NULL},
    {"event_id", "Event", "รหัสงาน", FT_EVENT, 0, NULL},
    {"owner", "Owner", "ผู้รับผิดชอบ", FT_MEMBER, 0, NULL},
    {"owner_org", "Owner organisation", "หน่วยงานรับผิดชอบ", FT_ORG, 0, NULL},
    {"due_date", "Due", "กำหนดเสร็จ", FT_DATE, 0, NULL},
    {"status", "Status", "สถานะ", FT_CHOICE, 0, task_statuses},
    {"priority", "Priority", "ความสำคัญ", FT_CHOICE, 0, priorities},
    {"notes", "Notes", "หมายเหตุ", FT_MULTILINE, 0, NULL},
    {"done_date", "Done", "วันที่เสร็จ", FT_DATE, FIELD_EXTRA, NULL},
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

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

const char *choice_label(const struct field *f, const char *key, bool thai)
{
    if (f->choices)
        for (const struct choice *c = f->choices; c->key; c++)
            if (strcmp(c->key, key) == 0) return thai ? c->th : c->en;
    return key;
}
