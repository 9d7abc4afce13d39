/* Tests of the iCalendar export: folding at 75 octets without splitting UTF-8, CRLF, TEXT
 * and parameter escaping, all-day against timed events, monthly recurrence, attendees'
 * PARTSTAT and VTODO fields. */
#include "db.h"
#include "export.h"
#include "ical.h"
#include "model.h"
#include "strbuf.h"
#include "test_support.h"
#include "uid.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every line ends in CRLF, holds at most 75 octets and is valid UTF-8 by itself. */
static void expect_valid_lines(const char *text)
{
    assert_true(*text);
    for (const char *line = text; *line;) {
        const char *crlf = strstr(line, "\r\n");
        assert_non_null(crlf);
        size_t n = (size_t)(crlf - line);
        if (n > 75) fail_msg("line of %zu octets: %.*s", n, (int)n, line);
        assert_null(memchr(line, '\n', n));
        assert_null(memchr(line, '\r', n));
        assert_true(utf8_valid(line, n, NULL));
        line = crlf + 2;
    }
}

/* The content lines joined again (CRLF + space removed), each followed by "\n". */
static char *unfold(const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = text; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        if (p[0] == '\r' && p[1] == '\n') {
            sb_addc(&sb, '\n');
            p++;
            continue;
        }
        sb_addc(&sb, *p);
    }
    return sb_take(&sb);
}

static char *export_calendar(struct db *db, const struct export_options *opt)
{
    char *path = test_path("out.ics");
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    char *err = NULL;
    if (export_ical(db, out, opt, &err) != 0) fail_msg("export_ical: %s", err);
    fclose(out);
    char *text = test_read_file(path);
    free(path);
    expect_valid_lines(text);
    return text;
}

/* The text of the component whose UID is uid, unfolded. */
static char *component(const char *unfolded, const char *uid)
{
    char *key = xasprintf("UID:%s\n", uid);
    const char *at = strstr(unfolded, key);
    free(key);
    if (!at) fail_msg("no component %s", uid);
    const char *end = strstr(at, "\nEND:V");
    assert_non_null(end);
    return xstrndup(at, (size_t)(end - at) + 1);
}

static void ical_folds_at_75_octets_without_splitting_utf8(void **state)
{
    (void)state;
    struct strbuf line = STRBUF_INIT, out = STRBUF_INIT;
    sb_add(&line, "DESCRIPTION:");
    for (int i = 0; i < 40; i++)
        sb_add(&line, i % 3 ? "ประชุม" : "a");
    ical_add_line(&out, sb_str(&line));
    expect_valid_lines(out.s);
    char *back = unfold(out.s);
    assert_int_equal(strlen(back), line.len + 1);
    assert_memory_equal(back, line.s, line.len);
    free(back);
    /* The first line is a full 75 octets when it ends at a character boundary. */
    sb_reset(&out);
    sb_reset(&line);
    for (int i = 0; i < 160; i++)
        sb_addc(&line, 'x');
    ical_add_line(&out, sb_str(&line));
    assert_memory_equal(out.s + 75, "\r\n x", 4);
    assert_memory_equal(out.s + 75 + 2 + 75, "\r\n x", 4);
    sb_reset(&out);
    ical_add_line(&out, "SHORT:ok");
    assert_string_equal(out.s, "SHORT:ok\r\n");
    sb_free(&line);
    sb_free(&out);
}

static void ical_escapes_text_and_parameters(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    ical_escape_text(&sb, "a\\b;c,d\ne\r\nf\x01g\th");
    assert_string_equal(sb.s, "a\\\\b\\;c\\,d\\ne\\nfg\th");
    sb_reset(&sb);
    ical_param_value(&sb, "นาง ก. ใจดี");
    assert_string_equal(sb.s, "นาง ก. ใจดี");
    sb_reset(&sb);
    ical_param_value(&sb, "Smith, \"Jo\"^\nx:y");
    assert_string_equal(sb.s, "\"Smith, ^'Jo^'^^^nx:y\"");
    sb_free(&sb);
}

static void ical_dates_and_stamps(void **state)
{
    (void)state;
    struct date d = ical_next_day((struct date){2024, 2, 28});
    assert_int_equal(d.day, 29);
    d = ical_next_day((struct date){2023, 2, 28});
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 1);
    d = ical_next_day((struct date){2024, 12, 31});
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 1);
    char stamp[17];
    assert_true(ical_utc_stamp("2026-11-21T05:30:00Z", stamp));
    assert_string_equal(stamp, "20261121T053000Z");
    assert_false(ical_utc_stamp("2026-11-21 05:30", stamp));
}

/* A network's calendar: a two-day all-day forum, a monthly meeting with times, a cancelled
 * workshop, attendance and follow-up tasks. */
struct calendar {
    long long forum, meeting, workshop, jiraporn, somchai, task_done, task_open;
};

static void make_calendar(struct db *db, struct calendar *c)
{
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิเพื่อนชุมชน"},
                                          {F_ORG_EMAIL, "office@example.org"},
                                          {F_NONE, NULL}});
    c->jiraporn = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_MEMBER_TITLE, "นางสาว"},
                                                        {F_MEMBER_GIVEN_NAME, "จิราพร"},
                                                        {F_MEMBER_FAMILY_NAME, "คงทอง"},
                                                        {F_MEMBER_EMAIL, "jiraporn@example.org"},
                                                        {F_NONE, NULL}});
    c->somchai = test_add(db, KIND_MEMBER,
                          (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"},
                                                       {F_MEMBER_FAMILY_NAME, "ใจดี, จูเนียร์"},
                                                       {F_NONE, NULL}});
    c->forum = test_add(db, KIND_EVENT,
                        (const struct field_value[]){
                            {F_EVENT_TITLE, "เวทีสมัชชาสุขภาพ; ครั้งที่ 3, ภาคเหนือ"},
                            {F_EVENT_START_DATE, "2024-03-24"},
                            {F_EVENT_END_DATE, "2024-03-25"},
                            {F_EVENT_VENUE, "โรงแรมเชียงใหม่ฮิลล์"},
                            {F_EVENT_PROVINCE, "เชียงใหม่"},
                            {F_EVENT_HOST, "มูลนิธิเพื่อนชุมชน"},
                            {F_EVENT_STATUS, "held"},
                            {F_EVENT_NOTES, "ลงทะเบียน 08.00 น.\nเตรียมเอกสาร \\ บัตรประชาชน"},
                            {F_EVENT_AGENDA, "1. เปิดเวที\n2. แบ่งกลุ่มย่อย"},
                            {F_NONE, NULL}});
    c->meeting = test_add(db, KIND_EVENT,
                          (const struct field_value[]){{F_EVENT_TITLE, "ประชุมคณะทำงานประจำเดือน"},
                                                       {F_EVENT_START_DATE, "2024-04-05"},
                                                       {F_EVENT_START_TIME, "13:30"},
                                                       {F_EVENT_END_TIME, "16:00"},
                                                       {F_EVENT_RECURRENCE, "1"},
                                                       {F_EVENT_STATUS, "planned"},
                                                       {F_NONE, NULL}});
    c->workshop = test_add(db, KIND_EVENT,
                           (const struct field_value[]){{F_EVENT_TITLE, "อบรมปฐมพยาบาล"},
                                                        {F_EVENT_START_DATE, "2024-05-01"},
                                                        {F_EVENT_END_DATE, "2024-05-03"},
                                                        {F_EVENT_START_TIME, "09:00"},
                                                        {F_EVENT_STATUS, "cancelled"},
                                                        {F_EVENT_RECURRENCE, "3"},
                                                        {F_NONE, NULL}});
    char ev[32], m1[32], m2[32];
    snprintf(ev, sizeof ev, "%lld", c->forum);
    snprintf(m1, sizeof m1, "%lld", c->jiraporn);
    snprintf(m2, sizeof m2, "%lld", c->somchai);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m1},
                                          {F_ATTENDANCE_STATUS, "attended"},
                                          {F_ATTENDANCE_ROLE, "organiser"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, ev},
                                          {F_ATTENDANCE_MEMBER_ID, m2},
                                          {F_ATTENDANCE_STATUS, "absent"},
                                          {F_NONE, NULL}});
    snprintf(ev, sizeof ev, "%lld", c->meeting);
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){
                 {F_ATTENDANCE_EVENT_ID, ev}, {F_ATTENDANCE_MEMBER_ID, m2}, {F_NONE, NULL}});
    snprintf(ev, sizeof ev, "%lld", c->forum);
    c->task_done = test_add(db, KIND_TASK,
                            (const struct field_value[]){{F_TASK_TITLE, "ส่งรายงานสรุปเวที"},
                                                         {F_TASK_EVENT_ID, ev},
                                                         {F_TASK_OWNER, m1},
                                                         {F_TASK_DUE_DATE, "2024-04-10"},
                                                         {F_TASK_STATUS, "done"},
                                                         {F_TASK_PRIORITY, "urgent"},
                                                         {F_TASK_DONE_DATE, "2024-04-08"},
                                                         {F_TASK_NOTES, "ส่งทางอีเมล, ไลน์"},
                                                         {F_NONE, NULL}});
    c->task_open = test_add(db, KIND_TASK,
                            (const struct field_value[]){{F_TASK_TITLE, "จองห้องประชุม"},
                                                         {F_TASK_OWNER_ORG, "มูลนิธิเพื่อนชุมชน"},
                                                         {F_TASK_STATUS, "in_progress"},
                                                         {F_TASK_PRIORITY, "low"},
                                                         {F_NONE, NULL}});
}

/* The UID this database gives record id of kind k (uid.h), with prefix and suffix around. */
static void set_uid(struct db *db, char *out, size_t size, const char *prefix, enum kind k,
                    long long id, const char *suffix)
{
    struct db_identity d;
    char *err = NULL;
    assert_int_equal(db_identity_read(db, &d, &err), 0);
    char uid[UID_SIZE];
    record_uid(&d, k, id, uid);
    snprintf(out, size, "%s%s%s", prefix, uid, suffix);
}

static void ical_exports_events_and_tasks(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("ical.db");
    struct calendar c;
    make_calendar(db, &c);
    char *text = export_calendar(db, NULL);
    char *all = unfold(text);
    assert_true(strncmp(all, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:", 35) == 0);
    assert_contains(all, "\nEND:VCALENDAR\n");
    assert_contains(all, "BEGIN:VTIMEZONE\nTZID:Asia/Bangkok\n");
    assert_contains(all, "TZOFFSETFROM:+0700\nTZOFFSETTO:+0700\n");
    /* Oldest first. */
    char uid[128], uid2[128];
    set_uid(db, uid, sizeof uid, "UID:", KIND_EVENT, 1, "");
    set_uid(db, uid2, sizeof uid2, "UID:", KIND_EVENT, 2, "");
    assert_non_null(strstr(all, uid));
    assert_true(strstr(all, uid) < strstr(all, uid2));

    set_uid(db, uid, sizeof uid, "", KIND_EVENT, c.forum, "");
    char *forum = component(all, uid);
    assert_contains(forum, "\nDTSTAMP:");
    assert_contains(forum, "\nDTSTART;VALUE=DATE:20240324\n");
    assert_contains(forum, "\nDTEND;VALUE=DATE:20240326\n");
    assert_contains(forum, "\nSUMMARY:เวทีสมัชชาสุขภาพ\\; ครั้งที่ 3\\, ภาคเหนือ\n");
    assert_contains(forum, "\nLOCATION:โรงแรมเชียงใหม่ฮิลล์\\, เชียงใหม่\n");
    assert_contains(forum, "\nDESCRIPTION:ลงทะเบียน 08.00 น.\\nเตรียมเอกสาร \\\\ บัตรประชาชน"
                           "\\n\\nวาระ:\\n1. เปิดเวที\\n2. แบ่งกลุ่มย่อย\n");
    assert_contains(forum, "\nSTATUS:CONFIRMED\n");
    assert_contains(forum, "\nORGANIZER;CN=มูลนิธิเพื่อนชุมชน:mailto:office@example.org\n");
    assert_contains(forum, "\nATTENDEE;CN=นางสาวจิราพร คงทอง;ROLE=CHAIR;PARTSTAT=ACCEPTED:"
                           "mailto:jiraporn@example.org\n");
    set_uid(db, uid2, sizeof uid2, "urn:uuid:", KIND_MEMBER, c.somchai, "\n");
    char *urn = xasprintf("\nATTENDEE;CN=\"สมชาย ใจดี, จูเนียร์\";PARTSTAT=DECLINED:%s", uid2);
    assert_contains(forum, urn);
    free(urn);
    assert_null(strstr(forum, "RRULE"));
    free(forum);

    set_uid(db, uid, sizeof uid, "", KIND_EVENT, c.meeting, "");
    char *meeting = component(all, uid);
    assert_contains(meeting, "\nDTSTART;TZID=Asia/Bangkok:20240405T133000\n");
    assert_contains(meeting, "\nDTEND;TZID=Asia/Bangkok:20240405T160000\n");
    assert_contains(meeting, "\nRRULE:FREQ=MONTHLY;INTERVAL=1\n");
    assert_contains(meeting, "PARTSTAT=NEEDS-ACTION:urn:uuid:");
    free(meeting);

    set_uid(db, uid, sizeof uid, "", KIND_EVENT, c.workshop, "");
    char *workshop = component(all, uid);
    assert_contains(workshop, "\nSTATUS:CANCELLED\n");
    assert_contains(workshop, "\nRRULE:FREQ=MONTHLY;INTERVAL=3\n");
    assert_contains(workshop, "\nDTSTART;TZID=Asia/Bangkok:20240501T090000\n");
    /* Three days with no end time: until the end of the last one. */
    assert_contains(workshop, "\nDTEND;TZID=Asia/Bangkok:20240504T000000\n");
    free(workshop);

    set_uid(db, uid, sizeof uid, "", KIND_TASK, c.task_done, "");
    char *done = component(all, uid);
    assert_contains(done, "\nSUMMARY:ส่งรายงานสรุปเวที\n");
    assert_contains(done, "\nDESCRIPTION:ส่งทางอีเมล\\, ไลน์\n");
    assert_contains(done, "\nDUE;VALUE=DATE:20240410\n");
    assert_contains(done, "\nSTATUS:COMPLETED\n");
    assert_contains(done, "\nPRIORITY:1\n");
    assert_contains(done, "\nCOMPLETED:20240408T050000Z\n");
    set_uid(db, uid, sizeof uid, "\nRELATED-TO:", KIND_EVENT, c.forum, "\n");
    assert_contains(done, uid);
    assert_contains(done, "\nATTENDEE;CN=นางสาวจิราพร คงทอง:mailto:jiraporn@example.org\n");
    free(done);

    set_uid(db, uid, sizeof uid, "", KIND_TASK, c.task_open, "");
    char *open = component(all, uid);
    assert_contains(open, "\nSTATUS:IN-PROCESS\n");
    assert_contains(open, "\nPRIORITY:9\n");
    assert_null(strstr(open, "COMPLETED:"));
    assert_null(strstr(open, "DUE"));
    assert_contains(open, "\nATTENDEE;CN=มูลนิธิเพื่อนชุมชน;CUTYPE=GROUP:mailto:");
    free(open);

    free(all);
    free(text);
    db_close(&db);
}

static void ical_all_day_only_has_no_timezone(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("ical-day.db");
    struct calendar c;
    make_calendar(db, &c);
    struct export_options opt = {.event_id = c.forum};
    char *text = export_calendar(db, &opt);
    assert_null(strstr(text, "VTIMEZONE"));
    assert_null(strstr(text, "TZID"));
    char uid[128];
    set_uid(db, uid, sizeof uid, "UID:", KIND_EVENT, c.meeting, "\r\n");
    assert_null(strstr(text, uid));
    set_uid(db, uid, sizeof uid, "UID:", KIND_TASK, c.task_done, "\r\n");
    assert_contains(text, uid);
    set_uid(db, uid, sizeof uid, "UID:", KIND_TASK, c.task_open, "\r\n");
    assert_null(strstr(text, uid));
    /* The same database exports the same file. */
    char *again = export_calendar(db, &opt);
    assert_string_equal(text, again);
    free(again);
    free(text);
    db_close(&db);
}

static void ical_empty_database_is_still_a_valid_calendar(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("ical-empty.db");
    char *text = export_calendar(db, NULL);
    assert_contains(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    assert_contains(text, "BEGIN:VTIMEZONE\r\n");
    assert_contains(text, "END:VCALENDAR\r\n");
    free(text);
    db_close(&db);
}

const struct CMUnitTest ical_tests[] = {
    cmocka_unit_test(ical_folds_at_75_octets_without_splitting_utf8),
    cmocka_unit_test(ical_escapes_text_and_parameters),
    cmocka_unit_test(ical_dates_and_stamps),
    cmocka_unit_test(ical_exports_events_and_tasks),
    cmocka_unit_test(ical_all_day_only_has_no_timezone),
    cmocka_unit_test(ical_empty_database_is_still_a_valid_calendar),
};
const size_t ical_tests_count = sizeof ical_tests / sizeof ical_tests[0];
