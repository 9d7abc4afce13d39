/* Tests of who is the same person (src/store/identity.c): the rule as a table, its words,
 * finding members through the indexes, listing every duplicate, and merging two members and
 * undoing it (src/store/merge.c). */
#include "db.h"
#include "identity.h"
#include "merge.h"
#include "messages.h"
#include "store_internal.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One person as a row of the table: NULL leaves a field empty. */
struct person {
    const char *given, *family, *phone, *email, *line, *province, *subdistrict;
};

static void make(struct identity *p, const struct person *x)
{
    identity_init(p);
    identity_set(p, F_MEMBER_GIVEN_NAME, x->given);
    identity_set(p, F_MEMBER_FAMILY_NAME, x->family);
    identity_set(p, F_MEMBER_PHONE, x->phone);
    identity_set(p, F_MEMBER_EMAIL, x->email);
    identity_set(p, F_MEMBER_LINE_ID, x->line);
    identity_set(p, F_MEMBER_PROVINCE, x->province);
    identity_set(p, F_MEMBER_SUBDISTRICT, x->subdistrict);
}

static void identity_rule_table(void **state)
{
    (void)state;
    messages_init(false);
    static const struct {
        const char *what;
        struct person a, b;
        enum identity_verdict want;
        enum field_id field;
        const char *reason;
    } cases[] = {
        {"same phone, other names",
         {"สมชาย", "ใจดี", "081-234-5678", NULL, NULL, NULL, NULL},
         {"ชาย", "", "0812345678", NULL, NULL, NULL, NULL},
         IDENTITY_SAME,
         F_MEMBER_PHONE,
         "same phone"},
        {"Thai digits and +66 are the same phone",
         {"สมชาย", "ใจดี", "๐๘๑-๒๓๔-๕๖๗๘", NULL, NULL, NULL, NULL},
         {"สมชาย", "ใจดี", "+66 81 234 5678; 02-123-4567", NULL, NULL, "TH-10", NULL},
         IDENTITY_SAME,
         F_MEMBER_PHONE,
         "same phone"},
        {"a dropped leading zero is the same phone",
         {"อุไร", "", "812345678", NULL, NULL, NULL, NULL},
         {"อุไร", "", "081 234 5678", NULL, NULL, NULL, NULL},
         IDENTITY_SAME,
         F_MEMBER_PHONE,
         "same phone"},
        {"same e-mail in another case",
         {"John", "Smith", NULL, "John@Example.org", NULL, NULL, NULL},
         {"Jon", "Smith", "0891112222", " john@example.ORG ", NULL, NULL, NULL},
         IDENTITY_SAME,
         F_MEMBER_EMAIL,
         "same e-mail"},
        {"same LINE ID with and without @",
         {"สมศรี", "มีสุข", NULL, NULL, "@Somsri.M", NULL, NULL},
         {"ศรี", "", NULL, NULL, "somsri.m", NULL, NULL},
         IDENTITY_SAME,
         F_MEMBER_LINE_ID,
         "same LINE ID"},
        {"same name, another phone",
         {"สมชาย", "ใจดี", "0811111111", NULL, NULL, NULL, NULL},
         {"สมชาย", "ใจดี", "0822222222", NULL, NULL, NULL, NULL},
         IDENTITY_DIFFERENT,
         F_MEMBER_PHONE,
         "same name, another phone"},
        {"same name, another e-mail",
         {"สมชาย", "ใจดี", NULL, "a@example.org", NULL, NULL, NULL},
         {"สมชาย", "ใจดี", NULL, "b@example.org", NULL, NULL, NULL},
         IDENTITY_DIFFERENT,
         F_MEMBER_EMAIL,
         "same name, another e-mail"},
        {"same name, another LINE ID",
         {"สมชาย", "ใจดี", NULL, NULL, "chai1", NULL, NULL},
         {"สมชาย", "ใจดี", NULL, NULL, "chai2", NULL, NULL},
         IDENTITY_DIFFERENT,
         F_MEMBER_LINE_ID,
         "same name, another LINE ID"},
        {"same name, another province",
         {"สมชาย", "ใจดี", NULL, NULL, NULL, "TH-50", NULL},
         {"สมชาย", "ใจดี", NULL, NULL, NULL, "TH-40", NULL},
         IDENTITY_DIFFERENT,
         F_MEMBER_PROVINCE,
         "same name, another province"},
        {"same name, another subdistrict (the two อุไรวรรณ)",
         {"อุไรวรรณ", "แก้วมณี", NULL, NULL, NULL, "TH-80", "ตำบลบางจาก"},
         {"อุไรวรรณ", "แก้วมณี", NULL, NULL, NULL, "TH-80", "บ้านใหม่"},
         IDENTITY_DIFFERENT,
         F_MEMBER_SUBDISTRICT,
         "same name, another subdistrict"},
        {"ต. and ตำบล are one subdistrict",
         {"อุไรวรรณ", "แก้วมณี", NULL, NULL, NULL, NULL, "ต.บางจาก"},
         {"อุไรวรรณ", "แก้วมณี", "0841234567", NULL, NULL, NULL, "ตำบล บางจาก"},
         IDENTITY_PROBABLE,
         F_NONE,
         "same name and subdistrict, no phone"},
        {"same name, nothing conflicting",
         {"อุไรวรรณ", "แก้วมณี", "0841234567", NULL, NULL, "TH-80", NULL},
         {"อุไรวรรณ", "แก้วมณี", NULL, "u@example.org", NULL, NULL, NULL},
         IDENTITY_PROBABLE,
         F_NONE,
         "same name, no phone"},
        {"same name and province",
         {"สมชาย", "ใจดี", NULL, NULL, NULL, "TH-50", NULL},
         {"สมชาย", "ใจดี", "0811111111", NULL, NULL, "TH-50", NULL},
         IDENTITY_PROBABLE,
         F_NONE,
         "same name and province, no phone"},
        {"same phone beats a conflicting province",
         {"สมชาย", "ใจดี", "0811111111", NULL, NULL, "TH-50", NULL},
         {"สมชาย", "ใจดี", "0811111111", NULL, NULL, "TH-40", NULL},
         IDENTITY_SAME,
         F_MEMBER_PHONE,
         "same phone"},
        {"another family name is someone else",
         {"สมชาย", "ใจดี", NULL, NULL, NULL, NULL, NULL},
         {"สมชาย", "ใจงาม", NULL, NULL, NULL, NULL, NULL},
         IDENTITY_UNRELATED,
         F_NONE,
         "unrelated"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct identity a, b;
        make(&a, &cases[i].a);
        make(&b, &cases[i].b);
        for (int turn = 0; turn < 2; turn++) { /* the rule is symmetric */
            struct identity_judgement j =
                turn ? identity_compare(&b, &a) : identity_compare(&a, &b);
            char *reason = identity_reason(&j);
            if (j.verdict != cases[i].want || j.field != cases[i].field ||
                strcmp(reason, cases[i].reason) != 0)
                fail_msg("%s: verdict %d field %d \"%s\"", cases[i].what, j.verdict, j.field,
                         reason);
            free(reason);
        }
        identity_free(&a);
        identity_free(&b);
    }
}

static void identity_scores_order_agreements(void **state)
{
    (void)state;
    struct identity a, b, c;
    make(&a, &(struct person){"สมชาย", "ใจดี", "0811111111", "a@x.org", NULL, "TH-50", NULL});
    make(&b, &(struct person){"สมชาย", "ใจดี", "0811111111", "a@x.org", NULL, "TH-50", NULL});
    make(&c, &(struct person){"สมชาย", "ใจดี", NULL, NULL, NULL, NULL, NULL});
    assert_int_equal(identity_compare(&a, &b).score, 10 + 10 + 5 + 1);
    assert_int_equal(identity_compare(&a, &c).score, 5);
    identity_free(&a);
    identity_free(&b);
    identity_free(&c);
}

static void identity_reasons_speak_thai(void **state)
{
    (void)state;
    messages_init(true);
    struct identity_judgement j = {IDENTITY_PROBABLE, F_NONE, 5, false, false};
    char *reason = identity_reason(&j);
    assert_string_equal(reason, "ชื่อเดียวกัน ไม่มีเบอร์โทร");
    free(reason);
    messages_init(false);
}

static long long member(struct db *db, const char *name, const char *phone, const char *province,
                        const char *subdistrict)
{
    return test_add(
        db, KIND_MEMBER,
        (const struct field_value[]){{F_FULL_NAME, name},
                                     {F_MEMBER_PHONE, phone ? phone : ""},
                                     {F_MEMBER_PROVINCE, province ? province : ""},
                                     {F_MEMBER_SUBDISTRICT, subdistrict ? subdistrict : ""},
                                     {F_NONE, NULL}});
}

static void identity_find_judges_through_the_indexes(void **state)
{
    (void)state;
    messages_init(false);
    struct db *db = test_fresh_db("identity-find.db");
    long long bangjak = member(db, "นางอุไรวรรณ แก้วมณี", "084-111-2222", "นครศรีธรรมราช", "บางจาก");
    long long nophone = member(db, "นายสมชาย ใจดี", NULL, NULL, NULL);
    long long line = test_add(db, KIND_MEMBER,
                              (const struct field_value[]){{F_FULL_NAME, "นางสมศรี มีสุข"},
                                                           {F_MEMBER_LINE_ID, "SomsriM"},
                                                           {F_MEMBER_EMAIL, "Somsri@Example.org"},
                                                           {F_NONE, NULL}});
    struct record *r = record_new(KIND_MEMBER);
    char *err = NULL;
    assert_int_equal(record_set_full_name(r, "อุไรวรรณ แก้วมณี", &err), 0);
    record_set(r, F_MEMBER_PHONE, "063-555-6666");
    record_set(r, F_MEMBER_SUBDISTRICT, "ตำบลบ้านใหม่");
    record_set(r, F_MEMBER_PROVINCE, "Nakhon Si Thammarat");
    struct identity p;
    identity_of_record(db, r, &p);
    assert_string_equal(p.province, "TH-80");
    struct identity_match *m;
    size_t n;
    assert_int_equal(identity_find(db, &p, 0, &m, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].id, bangjak);
    assert_int_equal(m[0].judgement.verdict, IDENTITY_DIFFERENT);
    assert_null(identity_best(m, n, IDENTITY_PROBABLE));
    identity_matches_free(m, n);
    identity_free(&p);
    /* The same phone in Thai digits is the same person; excluding them finds nobody. */
    record_set(r, F_MEMBER_PHONE, "๐๘๔ ๑๑๑ ๒๒๒๒");
    identity_of_record(db, r, &p);
    assert_int_equal(identity_find(db, &p, 0, &m, &n, &err), 0);
    assert_non_null(identity_best(m, n, IDENTITY_SAME));
    assert_int_equal(m[0].id, bangjak);
    assert_string_equal(m[0].name, "นางอุไรวรรณ แก้วมณี");
    identity_matches_free(m, n);
    assert_int_equal(identity_find(db, &p, bangjak, &m, &n, &err), 0);
    assert_int_equal(n, 0);
    identity_matches_free(m, n);
    identity_free(&p);
    record_free(&r);
    /* LINE ID and e-mail through their indexes, in any case. */
    identity_init(&p);
    identity_set(&p, F_MEMBER_LINE_ID, "@somsrim");
    assert_int_equal(identity_find(db, &p, 0, &m, &n, &err), 0);
    assert_true(n == 1 && m[0].id == line && m[0].judgement.field == F_MEMBER_LINE_ID);
    identity_matches_free(m, n);
    identity_set(&p, F_MEMBER_LINE_ID, "");
    identity_set(&p, F_MEMBER_EMAIL, "SOMSRI@example.org");
    assert_int_equal(identity_find(db, &p, 0, &m, &n, &err), 0);
    assert_true(n == 1 && m[0].id == line && m[0].judgement.field == F_MEMBER_EMAIL);
    identity_matches_free(m, n);
    identity_free(&p);
    /* A name and nothing else: probable. */
    identity_init(&p);
    identity_set(&p, F_MEMBER_GIVEN_NAME, "สมชาย");
    identity_set(&p, F_MEMBER_FAMILY_NAME, "ใจดี");
    identity_set(&p, F_MEMBER_PHONE, "0899999999");
    assert_int_equal(identity_find(db, &p, 0, &m, &n, &err), 0);
    assert_true(n == 1 && m[0].id == nophone && m[0].judgement.verdict == IDENTITY_PROBABLE);
    assert_string_equal(m[0].reason, "same name, no phone");
    identity_matches_free(m, n);
    identity_free(&p);
    /* The lookups use the indexes, never a scan of members. */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db),
                                        "EXPLAIN QUERY PLAN SELECT id FROM members WHERE "
                                        "lower(ltrim(line_id, '@')) = 'x' AND deleted_at IS NULL "
                                        "AND line_id <> ''",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_contains((const char *)sqlite3_column_text(st, 3), "members_by_line");
    sqlite3_finalize(st);
    db_close(&db);
}

static void identity_duplicates_lists_pairs_once(void **state)
{
    (void)state;
    messages_init(false);
    struct db *db = test_fresh_db("identity-dups.db");
    long long a = member(db, "นายสมชาย ใจดี", "0811111111", NULL, NULL);
    long long b = member(db, "นายสมชาย ใจดี", NULL, NULL, NULL);
    member(db, "นายสมชาย ใจดี", "0822222222", "ลำปาง", NULL); /* b's probable, a's different */
    long long d = member(db, "นางสมศรี มีสุข", "0833333333", NULL, NULL);
    long long e = member(db, "ศรี", "0833333333", NULL, NULL);
    struct identity_pair *p;
    size_t n;
    char *err = NULL;
    assert_int_equal(identity_duplicates(db, &p, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_true(p[0].a == a && p[0].b == b && p[0].judgement.verdict == IDENTITY_PROBABLE);
    assert_true(p[1].a == b && p[1].judgement.verdict == IDENTITY_PROBABLE);
    assert_true(p[2].a == d && p[2].b == e && p[2].judgement.verdict == IDENTITY_SAME);
    assert_string_equal(p[2].reason, "same phone");
    identity_pairs_free(p, n);
    db_close(&db);
}

/* ---- merge ---- */

static long long scalar(struct db *db, const char *sql)
{
    return test_scalar(db, sql);
}

static void merge_joins_fields_links_and_undoes_whole(void **state)
{
    (void)state;
    messages_init(false);
    struct db *db = test_fresh_db("merge.db");
    long long org1 = test_add(
        db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิหนึ่ง"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG, (const struct field_value[]){{F_ORG_NAME, "มูลนิธิสอง"}, {F_NONE, NULL}});
    long long keep = test_add(db, KIND_MEMBER,
                              (const struct field_value[]){{F_FULL_NAME, "นายสมชาย ใจดี"},
                                                           {F_MEMBER_PHONE, "0811111111"},
                                                           {F_MEMBER_PROVINCE, "ลำปาง"},
                                                           {F_MEMBER_NOTES, "เดิม"},
                                                           {F_MEMBER_ORGANISATIONS, "มูลนิธิหนึ่ง"},
                                                           {F_NONE, NULL}});
    long long other = test_add(db, KIND_MEMBER,
                               (const struct field_value[]){{F_FULL_NAME, "นายสมชาย ใจดี"},
                                                            {F_MEMBER_PHONE, "0822222222"},
                                                            {F_MEMBER_PROVINCE, "ลำพูน"},
                                                            {F_MEMBER_NICKNAME, "ชาย"},
                                                            {F_MEMBER_NOTES, "ใหม่"},
                                                            {F_MEMBER_TAGS, "อาสา"},
                                                            {F_MEMBER_ORGANISATIONS, "มูลนิธิสอง"},
                                                            {F_NONE, NULL}});
    long long ev1 =
        test_add(db, KIND_EVENT,
                 (const struct field_value[]){
                     {F_EVENT_TITLE, "ประชุม"}, {F_EVENT_START_DATE, "2567-01-10"}, {F_NONE, NULL}});
    long long ev2 =
        test_add(db, KIND_EVENT,
                 (const struct field_value[]){
                     {F_EVENT_TITLE, "อบรม"}, {F_EVENT_START_DATE, "2567-02-10"}, {F_NONE, NULL}});
    char k[32], o[32], e1[32], e2[32];
    snprintf(k, sizeof k, "%lld", keep);
    snprintf(o, sizeof o, "%lld", other);
    snprintf(e1, sizeof e1, "%lld", ev1);
    snprintf(e2, sizeof e2, "%lld", ev2);
    /* Both on ev1: KEEP invited, OTHER attended; OTHER alone on ev2. */
    long long kept = test_add(db, KIND_ATTENDANCE,
                              (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, e1},
                                                           {F_ATTENDANCE_MEMBER_ID, k},
                                                           {F_ATTENDANCE_STATUS, "invited"},
                                                           {F_NONE, NULL}});
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, e1},
                                          {F_ATTENDANCE_MEMBER_ID, o},
                                          {F_ATTENDANCE_STATUS, "attended"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_ATTENDANCE,
             (const struct field_value[]){{F_ATTENDANCE_EVENT_ID, e2},
                                          {F_ATTENDANCE_MEMBER_ID, o},
                                          {F_ATTENDANCE_STATUS, "confirmed"},
                                          {F_NONE, NULL}});
    long long task = test_add(db, KIND_TASK,
                              (const struct field_value[]){
                                  {F_TASK_TITLE, "ส่งรายงาน"}, {F_TASK_OWNER, o}, {F_NONE, NULL}});
    long long audit = scalar(db, "SELECT count(*) FROM audit");
    struct merge_options opt = {{false}};
    opt.take_other[field_pos(F_MEMBER_PROVINCE)] = true;
    struct merge_result res;
    char *err = NULL;
    if (member_merge(db, keep, other, &opt, &res, &err) != 0) fail_msg("merge: %s", err);
    struct record *r = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, keep, &r, &err), 0);
    assert_string_equal(record_get(r, F_MEMBER_PHONE), "081-111-1111; 082-222-2222");
    assert_string_equal(record_get(r, F_MEMBER_PROVINCE), "ลำพูน");
    assert_string_equal(record_get(r, F_MEMBER_NICKNAME), "ชาย");
    assert_string_equal(record_get(r, F_MEMBER_NOTES), "เดิม\nใหม่");
    assert_string_equal(record_get(r, F_MEMBER_TAGS), "อาสา");
    assert_string_equal(record_get(r, F_MEMBER_ORGANISATIONS), "มูลนิธิหนึ่ง; มูลนิธิสอง");
    record_free(&r);
    assert_int_equal(res.attendance, 2);
    assert_int_equal(res.tasks, 1);
    assert_int_equal(res.affiliations, 1);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM attendance WHERE member_id = %lld AND deleted_at IS NULL", keep);
    assert_int_equal(scalar(db, sql), 2);
    snprintf(
        sql, sizeof sql,
        "SELECT status = 'attended' AND checked_in_at IS NOT NULL FROM attendance WHERE id = %lld",
        kept);
    assert_int_equal(scalar(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT owner_id FROM tasks WHERE id = %lld", task);
    assert_int_equal(scalar(db, sql), keep);
    snprintf(sql, sizeof sql, "SELECT deleted_at IS NOT NULL FROM members WHERE id = %lld", other);
    assert_int_equal(scalar(db, sql), 1);
    assert_true(scalar(db, "SELECT count(*) FROM audit") > audit);
    assert_int_equal(member_merge_last(db, other, &err), res.merge_id);
    /* Undone: everything is where it was. */
    long long k2 = 0, o2 = 0;
    if (member_unmerge(db, res.merge_id, &k2, &o2, &err) != 0) fail_msg("unmerge: %s", err);
    assert_true(k2 == keep && o2 == other);
    assert_int_equal(record_load(db, KIND_MEMBER, keep, &r, &err), 0);
    assert_string_equal(record_get(r, F_MEMBER_PHONE), "081-111-1111");
    assert_string_equal(record_get(r, F_MEMBER_PROVINCE), "ลำปาง");
    assert_string_equal(record_get(r, F_MEMBER_NICKNAME), "");
    assert_string_equal(record_get(r, F_MEMBER_NOTES), "เดิม");
    assert_string_equal(record_get(r, F_MEMBER_TAGS), "");
    assert_string_equal(record_get(r, F_MEMBER_ORGANISATIONS), "มูลนิธิหนึ่ง");
    record_free(&r);
    assert_int_equal(record_load(db, KIND_MEMBER, other, &r, &err), 0);
    assert_null(r->deleted_at);
    assert_string_equal(record_get(r, F_MEMBER_TAGS), "อาสา");
    assert_string_equal(record_get(r, F_MEMBER_ORGANISATIONS), "มูลนิธิสอง");
    record_free(&r);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM attendance WHERE member_id = %lld AND deleted_at IS NULL",
             other);
    assert_int_equal(scalar(db, sql), 2);
    snprintf(sql, sizeof sql,
             "SELECT status = 'invited' AND checked_in_at IS NULL FROM attendance WHERE id = %lld",
             kept);
    assert_int_equal(scalar(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT owner_id FROM tasks WHERE id = %lld", task);
    assert_int_equal(scalar(db, sql), other);
    (void)org1;
    /* Undone once only. */
    assert_int_equal(member_unmerge(db, res.merge_id, NULL, NULL, &err), -1);
    assert_contains(err, "undone already");
    free(err);
    db_close(&db);
}

static void merge_refuses_itself_deleted_and_changed_since(void **state)
{
    (void)state;
    messages_init(false);
    struct db *db = test_fresh_db("merge-refuses.db");
    long long a = member(db, "นายหนึ่ง ทดสอบ", "0811111111", NULL, NULL);
    long long b = member(db, "นายหนึ่ง ทดสอบ", NULL, NULL, NULL);
    struct merge_result res;
    char *err = NULL;
    assert_int_equal(member_merge(db, a, a, NULL, &res, &err), -1);
    free(err);
    err = NULL;
    assert_int_equal(member_merge(db, a, b, NULL, &res, &err), 0);
    assert_int_equal(member_merge(db, a, b, NULL, &res, &err), -1);
    assert_contains(err, "is deleted");
    free(err);
    err = NULL;
    /* KEEP changed since: the undo refuses and writes nothing. */
    struct record *r = NULL;
    assert_int_equal(record_load(db, KIND_MEMBER, a, &r, &err), 0);
    record_set(r, F_MEMBER_NICKNAME, "หนึ่ง");
    assert_int_equal(record_save(db, r, &err), 0);
    record_free(&r);
    long long merge = member_merge_last(db, b, &err);
    assert_true(merge > 0);
    assert_int_equal(member_unmerge(db, merge, NULL, NULL, &err), -1);
    assert_contains(err, "since the merge");
    free(err);
    assert_int_equal(member_merge_last(db, b, &err), merge);
    db_close(&db);
}

static void attendance_status_ranks(void **state)
{
    (void)state;
    assert_true(attendance_status_rank("attended") > attendance_status_rank("confirmed"));
    assert_int_equal(attendance_status_rank("confirmed"), attendance_status_rank("cancelled"));
    assert_true(attendance_status_rank("absent") > attendance_status_rank("invited"));
    assert_int_equal(attendance_status_rank(""), 0);
}

const struct CMUnitTest identity_tests[] = {
    cmocka_unit_test(identity_rule_table),
    cmocka_unit_test(identity_scores_order_agreements),
    cmocka_unit_test(identity_reasons_speak_thai),
    cmocka_unit_test(identity_find_judges_through_the_indexes),
    cmocka_unit_test(identity_duplicates_lists_pairs_once),
    cmocka_unit_test(merge_joins_fields_links_and_undoes_whole),
    cmocka_unit_test(merge_refuses_itself_deleted_and_changed_since),
    cmocka_unit_test(attendance_status_ranks),
};
const size_t identity_tests_count = sizeof identity_tests / sizeof identity_tests[0];
