/* Tests of vCard reading and writing: 2.1 quoted-printable in UTF-8 and Windows-874, 3.0
 * folding and escapes, 4.0 RFC 6868 parameters and tel: URIs, bad cards with their lines,
 * import into members (duplicates, new organisations, skip-bad, dry run) and export->import->
 * export round trips for 3.0 and 4.0. Samples live in tests/data/vcard/. */
#include "db.h"
#include "export.h"
#include "import.h"
#include "merge.h"
#include "model.h"
#include "strbuf.h"
#include "test_support.h"
#include "uid.h"
#include "utf8.h"
#include "vcard.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Helpers ---- */

static char *sample_path(const char *name)
{
    const char *src = getenv("KHAI_SRC");
    return xasprintf("%s/tests/data/vcard/%s", src && *src ? src : ".", name);
}

static void parse_sample(const char *name, struct vcard_file *f)
{
    char *path = sample_path(name);
    char *text = test_read_file(path);
    if (!text) fail_msg("cannot read %s", path);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    size_t len = (size_t)ftell(in);
    fclose(in);
    char *err = NULL;
    if (vcard_parse(text, len, NULL, f, &err) != 0) fail_msg("vcard_parse %s: %s", name, err);
    free(text);
    free(path);
}

static void parse_text(const char *text, struct vcard_file *f)
{
    char *err = NULL;
    if (vcard_parse(text, strlen(text), NULL, f, &err) != 0) fail_msg("vcard_parse: %s", err);
}

static const struct vcard_prop *prop(const struct vcard *c, const char *name)
{
    for (size_t i = 0; i < c->nprops; i++)
        if (strcmp(c->props[i].name, name) == 0) return &c->props[i];
    fail_msg("no %s in the card", name);
    return NULL;
}

/* A member with the given name, or a failed test. */
static struct record *member_named(struct db *db, const char *given)
{
    struct list_query q = {.kind = KIND_MEMBER};
    struct record **rows;
    size_t n;
    char *err = NULL;
    assert_int_equal(list_fetch(db, &q, 0, 1000, &rows, &n, &err), 0);
    struct record *found = NULL;
    for (size_t i = 0; i < n && !found; i++)
        if (strcmp(record_get(rows[i], F_MEMBER_GIVEN_NAME), given) == 0)
            found = record_copy(rows[i]);
    list_free(rows, n);
    if (!found) fail_msg("no member called %s", given);
    return found;
}

static long long count_of(struct db *db, enum kind k)
{
    struct list_query q = {.kind = k};
    long long n = 0;
    char *err = NULL;
    assert_int_equal(list_count(db, &q, &n, &err), 0);
    return n;
}

/* Checks fields of the member called given. */
static void expect_member(struct db *db, const char *given, const struct field_value *want)
{
    struct record *r = member_named(db, given);
    for (const struct field_value *w = want; w->field != F_NONE; w++)
        if (strcmp(record_get(r, w->field), w->value) != 0) {
            print_error("%s.%s: got [%s], want [%s]\n", given, field_info(w->field)->name,
                        record_get(r, w->field), w->value);
            fail();
        }
    record_free(&r);
}

static int import_sample(struct db *db, const char *name, const struct import_options *opt,
                         struct import_report *rep, char **err)
{
    char *path = sample_path(name);
    memset(rep, 0, sizeof *rep);
    int rc = import_vcard(db, path, opt, rep, err);
    free(path);
    return rc;
}

static bool report_has(const struct import_report *rep, const char *needle)
{
    for (size_t i = 0; i < rep->nmessages; i++)
        if (strstr(rep->messages[i], needle)) return true;
    for (size_t i = 0; i < rep->nmessages; i++)
        print_error("  message: %s\n", rep->messages[i]);
    print_error("no message has [%s]\n", needle);
    return false;
}

/* The content lines joined again (CRLF + space removed), each still ending in CRLF. */
static char *unfold(const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = text; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
            p += 2;
        else
            sb_addc(&sb, *p);
    }
    return sb_take(&sb);
}

static char *export_to_string(struct db *db, const char *version)
{
    char *path = test_path("export.vcf");
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    struct export_options opt = {.vcard_version = version};
    char *err = NULL;
    if (export_vcard(db, out, &opt, &err) != 0) fail_msg("export_vcard: %s", err);
    fclose(out);
    char *text = test_read_file(path);
    free(path);
    return text;
}

/* Every line ends in CRLF, is at most 75 octets and is valid UTF-8 by itself. */
static void expect_folded(const char *text)
{
    for (const char *line = text; *line;) {
        const char *crlf = strstr(line, "\r\n");
        assert_non_null(crlf);
        size_t n = (size_t)(crlf - line);
        assert_true(n <= 75);
        assert_null(memchr(line, '\n', n));
        assert_true(utf8_valid(line, n, NULL));
        line = crlf + 2;
    }
}

/* ---- The pure reader ---- */

static void vcard_qp_decodes_escapes(void **state)
{
    (void)state;
    size_t n;
    const char *in = "=E0=B8=81a=3Db=ZZ=4";
    char *out = vcard_qp_decode(in, strlen(in), &n);
    assert_int_equal(n, 11);
    assert_memory_equal(out,
                        "\xE0\xB8\x81"
                        "a=b=ZZ=4",
                        n);
    free(out);
    out = vcard_qp_decode("=0d=0A", 6, &n);
    assert_string_equal(out, "\r\n");
    free(out);
}

static void vcard_param_unescape_follows_rfc6868(void **state)
{
    (void)state;
    char *s = vcard_param_unescape("a^nb^^c^'d^x^");
    assert_string_equal(s, "a\nb^c\"d^x^");
    free(s);
}

static void vcard_split_unescapes_components(void **state)
{
    (void)state;
    char **parts;
    size_t n = vcard_split("a\\;b;c\\,d\\nE\\\\;;\\x", ';', false, &parts);
    assert_int_equal(n, 4);
    assert_string_equal(parts[0], "a;b");
    assert_string_equal(parts[1], "c,d\nE\\");
    assert_string_equal(parts[2], "");
    assert_string_equal(parts[3], "\\x");
    strings_free(parts, n);
    /* 2.1 escapes only semicolons: C:\new stays a path. */
    n = vcard_split("C:\\new\\;x", 0, true, &parts);
    assert_int_equal(n, 1);
    assert_string_equal(parts[0], "C:\\new;x");
    strings_free(parts, n);
}

static void vcard_unfolds_by_version(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_text("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:ab\r\n c\r\n\td\r\nFN:x\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\nVERSION:2.1\nNOTE:one\n two\nFN:y\nEND:VCARD\n"
               "BEGIN:VCARD\rVERSION:4.0\rFN:z\rEND:VCARD\r",
               &f);
    assert_int_equal(f.n, 3);
    assert_null(f.cards[0].error);
    assert_string_equal(prop(&f.cards[0], "NOTE")->value, "abcd");
    assert_string_equal(prop(&f.cards[1], "NOTE")->value, "one two");
    assert_string_equal(f.cards[1].version, "2.1");
    assert_string_equal(prop(&f.cards[2], "FN")->value, "z");
    assert_int_equal(prop(&f.cards[0], "FN")->line, 6);
    vcard_file_free(&f);
}

static void vcard_reads_parameters_and_groups(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_sample("v40.vcf", &f);
    assert_int_equal(f.n, 1);
    const struct vcard *c = &f.cards[0];
    assert_null(c->error);
    assert_string_equal(c->version, "4.0");
    const struct vcard_prop *adr = prop(c, "ADR");
    assert_string_equal(vcard_param(adr, "LABEL"), "ชั้น 2 \"อาคารเรียนรวม\"\nมหาวิทยาลัย ^_^");
    assert_true(vcard_has_type(adr, "WORK"));
    const struct vcard_prop *tel = prop(c, "TEL");
    assert_true(vcard_has_type(tel, "cell"));
    assert_true(vcard_has_type(tel, "voice"));
    assert_false(vcard_has_type(tel, "work"));
    vcard_file_free(&f);

    parse_sample("v30.vcf", &f);
    tel = prop(&f.cards[0], "TEL");
    assert_string_equal(tel->group, "item1");
    assert_true(vcard_has_type(tel, "CELL"));
    assert_true(vcard_has_type(tel, "pref"));
    vcard_file_free(&f);
}

static void vcard_reads_21_quoted_printable_utf8(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_sample("v21-utf8.vcf", &f);
    assert_int_equal(f.n, 2);
    struct vcard_contact c;
    char *err = NULL;
    int line = 0;
    assert_null(f.cards[0].error);
    assert_int_equal(vcard_contact_read(&f.cards[0], &c, &err, &line), 0);
    assert_string_equal(c.title, "นางสาว");
    assert_string_equal(c.given, "จิราพร");
    assert_string_equal(c.family, "คงทอง");
    assert_string_equal(c.full_name, "นางสาวจิราพร คงทอง");
    assert_string_equal(c.position, "ผู้ประสานงานเครือข่าย");
    assert_int_equal(c.orgs.n, 1);
    assert_string_equal(c.orgs.items[0], "มูลนิธิเพื่อนชุมชนภาคเหนือเพื่อการพัฒนาที่ยั่งยืน");
    assert_int_equal(c.phones.n, 3);
    assert_string_equal(c.phones.items[1], "02 123 4567");
    assert_string_equal(c.subdistrict, "ต.สุเทพ");
    assert_string_equal(c.district, "อ.เมืองเชียงใหม่");
    assert_string_equal(c.province, "เชียงใหม่");
    assert_string_equal(c.notes, "พบกันที่เวทีสมัชชา\r\nชอบงานชุมชน");
    assert_string_equal(c.line_id, "jiraporn.k");
    vcard_contact_free(&c);
    vcard_file_free(&f);
}

static void vcard_reads_21_windows874(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_sample("v21-cp874.vcf", &f);
    assert_int_equal(f.n, 3);
    const char *want[][3] = {
        {"ผู้ใหญ่", "สมศักดิ์", "ทองคำ"}, {"นาง", "สมจิตร", "ศรีสุข"}, {"", "สมหญิง", "แก้วมณี"}};
    for (size_t i = 0; i < 3; i++) {
        struct vcard_contact c;
        char *err = NULL;
        int line = 0;
        assert_null(f.cards[i].error);
        assert_int_equal(vcard_contact_read(&f.cards[i], &c, &err, &line), 0);
        assert_string_equal(c.title, want[i][0]);
        assert_string_equal(c.given, want[i][1]);
        assert_string_equal(c.family, want[i][2]);
        if (i == 2) /* no CHARSET, not UTF-8: read as Windows-874 */
            assert_string_equal(c.nickname, "แดง");
        vcard_contact_free(&c);
    }
    vcard_file_free(&f);
}

static void vcard_reads_30_folds_and_escapes(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_sample("v30.vcf", &f);
    assert_int_equal(f.n, 2);
    struct vcard_contact c;
    char *err = NULL;
    int line = 0;
    assert_int_equal(vcard_contact_read(&f.cards[0], &c, &err, &line), 0);
    assert_string_equal(c.notes, "ร่วมเวทีสันติภาพปี 2566\nติดต่อผ่านไลน์ก่อนโทร, "
                                 "ตอบช้าในวันหยุด\\สุดสัปดาห์");
    assert_int_equal(c.orgs.n, 2);
    assert_string_equal(c.orgs.items[0], "มูลนิธิเพื่อนชุมชน");
    assert_string_equal(c.orgs.items[1], "เครือข่ายอาสาภัยพิบัติ, ภาคใต้");
    assert_string_equal(c.position, "ผู้ประสานงาน; วิทยากร");
    assert_int_equal(c.tags.n, 2);
    assert_string_equal(c.tags.items[1], "วิทยากร,กระบวนกร");
    assert_string_equal(c.line_id, "somchai.j");
    assert_string_equal(c.phones.items[0], "+66 89 765 4321");
    vcard_contact_free(&c);
    assert_int_equal(vcard_contact_read(&f.cards[1], &c, &err, &line), 0);
    assert_string_equal(c.given, "");
    assert_string_equal(c.full_name, "ผศ.ดร.อเนก นาคะบุตร");
    vcard_contact_free(&c);
    vcard_file_free(&f);
}

static void vcard_reads_40_uris(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_sample("v40.vcf", &f);
    struct vcard_contact c;
    char *err = NULL;
    int line = 0;
    assert_int_equal(vcard_contact_read(&f.cards[0], &c, &err, &line), 0);
    assert_string_equal(c.gender, "male");
    assert_string_equal(c.nickname, "บอย, ตี๋");
    assert_int_equal(c.phones.n, 2);
    assert_string_equal(c.phones.items[0], "+66-81-555-0101");
    assert_string_equal(c.phones.items[1], "+66-53-123-456");
    assert_string_equal(c.line_id, "bowon_s");
    assert_string_equal(c.facebook, "bowon.s");
    assert_string_equal(c.province, "จ.น่าน");
    vcard_contact_free(&c);
    vcard_file_free(&f);
}

static void vcard_reports_bad_cards_with_lines(void **state)
{
    (void)state;
    struct vcard_file f;
    parse_text("junk before\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:a\r\n"
               "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:\xE0\xB8\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nNOTE;CHARSET=klingon:x\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nNOTE;X=\"open:x\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nFN:unfinished\r\n",
               &f);
    assert_int_equal(f.n, 6);
    assert_null(f.cards[0].version);
    assert_int_equal(f.cards[0].error_line, 1);
    assert_contains(f.cards[1].error, "BEGIN:VCARD before END:VCARD");
    assert_int_equal(f.cards[1].error_line, 5);
    assert_contains(f.cards[2].error, "not valid UTF-8");
    assert_int_equal(f.cards[2].error_line, 7);
    assert_contains(f.cards[3].error, "klingon");
    assert_contains(f.cards[4].error, "quote");
    assert_contains(f.cards[5].error, "no END:VCARD");
    vcard_file_free(&f);
}

static void vcard_reads_utf16_with_bom(void **state)
{
    (void)state;
    const char *utf8 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:สมชาย\r\nEND:VCARD\r\n";
    /* UTF-16LE by hand: ASCII and Thai (U+0E00 block) only. */
    struct strbuf sb = STRBUF_INIT;
    sb_addn(&sb, "\xFF\xFE", 2);
    for (size_t i = 0; utf8[i];) {
        uint32_t cp;
        i += utf8_decode(utf8 + i, strlen(utf8 + i), &cp);
        char pair[2] = {(char)(cp & 0xFF), (char)(cp >> 8)};
        sb_addn(&sb, pair, 2);
    }
    struct vcard_file f;
    char *err = NULL;
    assert_int_equal(vcard_parse(sb.s, sb.len, NULL, &f, &err), 0);
    assert_int_equal(f.n, 1);
    assert_null(f.cards[0].error);
    assert_string_equal(prop(&f.cards[0], "FN")->value, "สมชาย");
    vcard_file_free(&f);
    sb_free(&sb);
}

/* ---- The writer ---- */

static void vcard_writes_folded_crlf_lines(void **state)
{
    (void)state;
    struct vcard_contact c;
    vcard_contact_init(&c);
    free(c.given);
    c.given = xstrdup("จิราพร");
    free(c.notes);
    c.notes = xstrdup("โครงการพัฒนาศักยภาพแกนนำชุมชนเพื่อการจัดการภัยพิบัติอย่างยั่งยืน; "
                      "ระยะที่ 2, ปี 2567\nติดต่อ ^ผ่าน^ ไลน์");
    vcard_list_add(&c.phones, "0812345678");
    vcard_list_add(&c.phones, "021234567");
    vcard_list_add(&c.phones, "+1 415 555 0100");
    struct strbuf out = STRBUF_INIT;
    vcard_write(&out, &c, VCARD_30);
    expect_folded(out.s);
    assert_contains(out.s, "TEL;TYPE=CELL:081-234-5678\r\n");
    assert_contains(out.s, "TEL;TYPE=VOICE:02-123-4567\r\n");
    assert_contains(out.s, "TEL:+1 415 555 0100\r\n");
    assert_contains(out.s, "N:;จิราพร;;;\r\n");
    sb_reset(&out);
    vcard_write(&out, &c, VCARD_40);
    expect_folded(out.s);
    assert_contains(out.s, "TEL;VALUE=uri;TYPE=cell:tel:+66812345678\r\n");
    assert_contains(out.s, "TEL;VALUE=uri;TYPE=voice:tel:+6621234567\r\n");
    /* What was written reads back the same. */
    struct vcard_file f;
    parse_text(out.s, &f);
    struct vcard_contact back;
    char *err = NULL;
    int line = 0;
    assert_int_equal(vcard_contact_read(&f.cards[0], &back, &err, &line), 0);
    assert_string_equal(back.notes, c.notes);
    vcard_contact_free(&back);
    vcard_file_free(&f);
    sb_free(&out);
    vcard_contact_free(&c);
}

/* ---- Import ---- */

static void vcard_imports_21_members(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vc21.db");
    struct import_report rep;
    char *err = NULL;
    if (import_sample(db, "v21-utf8.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.orgs_created, 1);
    assert_true(report_has(&rep, "v21-utf8.vcf:13: created organisation"));
    assert_true(report_has(&rep, "v21-utf8.vcf:11: phone \"+1 415 555 0100\" is not a Thai"));
    import_report_free(&rep);
    expect_member(
        db, "จิราพร",
        (const struct field_value[]){{F_MEMBER_TITLE, "นางสาว"},
                                     {F_MEMBER_FAMILY_NAME, "คงทอง"},
                                     {F_MEMBER_PHONE, "081-234-5678; 02-123-4567"},
                                     {F_MEMBER_EMAIL, "jiraporn@example.org"},
                                     {F_MEMBER_LINE_ID, "jiraporn.k"},
                                     {F_MEMBER_ORGANISATIONS, "มูลนิธิเพื่อนชุมชนภาคเหนือเพื่อการพัฒนาที่ยั่งยืน"},
                                     {F_MEMBER_POSITION, "ผู้ประสานงานเครือข่าย"},
                                     {F_MEMBER_SUBDISTRICT, "ต.สุเทพ"},
                                     {F_MEMBER_DISTRICT, "อ.เมืองเชียงใหม่"},
                                     {F_MEMBER_PROVINCE, "เชียงใหม่"},
                                     {F_MEMBER_NOTES, "พบกันที่เวทีสมัชชา\nชอบงานชุมชน"},
                                     {F_NONE, NULL}});
    /* The whole name in N's given name: split as a full name would be. */
    expect_member(db, "สมชาย",
                  (const struct field_value[]){{F_MEMBER_TITLE, ""},
                                               {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                               {F_MEMBER_PHONE, "089-876-5432"},
                                               {F_NONE, NULL}});

    if (import_sample(db, "v21-cp874.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 3);
    import_report_free(&rep);
    expect_member(db, "สมศักดิ์",
                  (const struct field_value[]){{F_MEMBER_TITLE, "ผู้ใหญ่"},
                                               {F_MEMBER_FAMILY_NAME, "ทองคำ"},
                                               {F_MEMBER_PROVINCE, "ลำปาง"},
                                               {F_MEMBER_ORGANISATIONS, "กลุ่มออมทรัพย์บ้านทุ่ง"},
                                               {F_NONE, NULL}});
    expect_member(db, "สมจิตร",
                  (const struct field_value[]){
                      {F_MEMBER_TITLE, "นาง"}, {F_MEMBER_NOTES, "ชื่อเล่น ต้อย"}, {F_NONE, NULL}});
    expect_member(db, "สมหญิง",
                  (const struct field_value[]){{F_MEMBER_NICKNAME, "แดง"}, {F_NONE, NULL}});
    db_close(&db);
}

static void vcard_imports_30_and_40_members(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vc34.db");
    struct import_report rep;
    char *err = NULL;
    if (import_sample(db, "v30.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.orgs_created, 2);
    import_report_free(&rep);
    expect_member(
        db, "สมชาย",
        (const struct field_value[]){
            {F_MEMBER_TITLE, "นาย"},
            {F_MEMBER_FAMILY_NAME, "ใจดี"},
            {F_MEMBER_NICKNAME, "ต้น"},
            {F_MEMBER_PHONE, "089-765-4321; 073-123-456"},
            {F_MEMBER_ORGANISATIONS, "มูลนิธิเพื่อนชุมชน; เครือข่ายอาสาภัยพิบัติ, ภาคใต้"},
            {F_MEMBER_POSITION, "ผู้ประสานงาน; วิทยากร"},
            {F_MEMBER_LINE_ID, "somchai.j"},
            {F_MEMBER_PROVINCE, "ปัตตานี"},
            {F_MEMBER_DISTRICT, "อ.เมืองปัตตานี"},
            {F_MEMBER_SUBDISTRICT, "ต.รูสะมิแล"},
            {F_MEMBER_TAGS, "กระบวนกร; วิทยากร; อาสาสมัคร"},
            {F_MEMBER_NOTES, "ร่วมเวทีสันติภาพปี 2566\nติดต่อผ่านไลน์ก่อนโทร, ตอบช้าในวันหยุด\\สุดสัปดาห์"},
            {F_NONE, NULL}});
    expect_member(db, "อเนก",
                  (const struct field_value[]){{F_MEMBER_TITLE, "ผศ.ดร."},
                                               {F_MEMBER_FAMILY_NAME, "นาคะบุตร"},
                                               {F_MEMBER_PHONE, "061-234-5678"},
                                               {F_MEMBER_EMAIL, "anek@example.ac.th"},
                                               {F_NONE, NULL}});

    if (import_sample(db, "v40.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 1);
    import_report_free(&rep);
    expect_member(db, "บวร",
                  (const struct field_value[]){{F_MEMBER_TITLE, "อ."},
                                               {F_MEMBER_FAMILY_NAME, "ศรีสวัสดิ์"},
                                               {F_MEMBER_GENDER, "male"},
                                               {F_MEMBER_NICKNAME, "บอย, ตี๋"},
                                               {F_MEMBER_PHONE, "081-555-0101; 053-123-456"},
                                               {F_MEMBER_EMAIL, "bowon@example.org"},
                                               {F_MEMBER_LINE_ID, "bowon_s"},
                                               {F_MEMBER_FACEBOOK, "bowon.s"},
                                               {F_MEMBER_PROVINCE, "น่าน"},
                                               {F_MEMBER_DISTRICT, "อ.เมืองน่าน"},
                                               {F_MEMBER_SUBDISTRICT, "ต.ในเมือง"},
                                               {F_MEMBER_ORGANISATIONS, "มหาวิทยาลัยราชภัฏน่าน"},
                                               {F_MEMBER_TAGS, "นักวิชาการ"},
                                               {F_MEMBER_NOTES, "สอนวิชาพัฒนาชุมชน"},
                                               {F_NONE, NULL}});
    db_close(&db);
}

static void vcard_import_updates_duplicates(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcdup.db");
    struct import_report rep;
    char *err = NULL;
    assert_int_equal(import_sample(db, "v30.vcf", NULL, &rep, &err), 0);
    import_report_free(&rep);
    /* The same people again: updated, not added, and no organisation made twice. */
    assert_int_equal(import_sample(db, "v30.vcf", NULL, &rep, &err), 0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 2);
    assert_int_equal(rep.orgs_created, 0);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 2);
    assert_int_equal(count_of(db, KIND_ORG), 2);

    /* Two cards of one person in one file: the second is merged into the first, and its
     * new phone is added to the ones the member had. */
    char *path = test_path("twice.vcf");
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs("BEGIN:VCARD\r\nVERSION:3.0\r\nN:ทองดี;ประยูร;;;\r\nTEL:0871112222\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nN:ทองดี;ประยูร;;;\r\nTEL:0871112222\r\n"
          "TEL:0873334444\r\nEND:VCARD\r\n",
          out);
    fclose(out);
    memset(&rep, 0, sizeof rep);
    assert_int_equal(import_vcard(db, path, NULL, &rep, &err), 0);
    assert_int_equal(rep.added, 1);
    assert_int_equal(rep.merged, 1);
    import_report_free(&rep);
    expect_member(db, "ประยูร",
                  (const struct field_value[]){{F_MEMBER_PHONE, "087-111-2222; 087-333-4444"},
                                               {F_NONE, NULL}});
    free(path);
    db_close(&db);
}

static void vcard_import_bad_cards_write_nothing(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcbad.db");
    struct import_report rep;
    char *err = NULL;
    assert_int_equal(import_sample(db, "bad.vcf", NULL, &rep, &err), -1);
    assert_contains(err, "4 of 6 vCards are bad: nothing imported");
    free(err);
    err = NULL;
    assert_int_equal(rep.rejected, 4);
    assert_true(report_has(&rep, "bad.vcf:6: no name"));
    assert_true(report_has(&rep, "bad.vcf:13: email"));
    assert_true(report_has(&rep, "bad.vcf:16: unsupported vCard version \"5.0\""));
    assert_true(report_has(&rep, "bad.vcf:22: no ':'"));
    assert_null(rep.rejects_path);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 0);
    db_close(&db);
}

static void vcard_import_skip_bad_and_dry_run(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcskip.db");
    /* A copy of the sample in the scratch directory, so that its rejects file lands there. */
    char *src = sample_path("bad.vcf"), *text = test_read_file(src);
    char *path = test_path("bad.vcf");
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
    struct import_report rep;
    memset(&rep, 0, sizeof rep);
    char *err = NULL;
    struct import_options dry = {.skip_bad = true, .dry_run = true};
    assert_int_equal(import_vcard(db, path, &dry, &rep, &err), 0);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.rejected, 4);
    assert_null(rep.rejects_path);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 0);

    memset(&rep, 0, sizeof rep);
    struct import_options skip = {.skip_bad = true};
    assert_int_equal(import_vcard(db, path, &skip, &rep, &err), 0);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.rejected, 4);
    assert_non_null(rep.rejects_path);
    char *rejects = test_read_file(rep.rejects_path);
    assert_non_null(rejects);
    assert_contains(rejects, "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE=CELL:0822222222\r\nEND:VCARD");
    assert_contains(rejects, "EMAIL:manee-at-example");
    assert_true(strstr(rejects, "0811111111") == NULL);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 2);
    expect_member(db, "วีระ",
                  (const struct field_value[]){{F_MEMBER_FAMILY_NAME, "สุขใจ"}, {F_NONE, NULL}});
    free(rejects);
    free(text);
    free(src);
    free(path);
    db_close(&db);
}

/* ---- Export and round trips ---- */

static void add_people(struct db *db)
{
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "มูลนิธิเพื่อนชุมชน"}, {F_NONE, NULL}});
    test_add(db, KIND_ORG,
             (const struct field_value[]){{F_ORG_NAME, "เครือข่ายอาสาภัยพิบัติภาคใต้ (สาขาปัตตานีและยะลา)"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){
                 {F_MEMBER_TITLE, "นางสาว"},
                 {F_MEMBER_GIVEN_NAME, "จิราพร"},
                 {F_MEMBER_FAMILY_NAME, "คงทอง"},
                 {F_MEMBER_NICKNAME, "แดง, จิ"},
                 {F_MEMBER_GENDER, "female"},
                 {F_MEMBER_PHONE, "081-234-5678; 02-123-4567"},
                 {F_MEMBER_EMAIL, "jiraporn@example.org"},
                 {F_MEMBER_LINE_ID, "jiraporn.k"},
                 {F_MEMBER_FACEBOOK, "jiraporn.kt"},
                 {F_MEMBER_PROVINCE, "เชียงใหม่"},
                 {F_MEMBER_DISTRICT, "เมืองเชียงใหม่"},
                 {F_MEMBER_SUBDISTRICT, "สุเทพ"},
                 {F_MEMBER_STREET, "99/1 หมู่ 3; ถ.ห้วยแก้ว"},
                 {F_MEMBER_POSTCODE, "50200"},
                 {F_MEMBER_BIRTHDAY, "2528-03-15"},
                 {F_MEMBER_POSITION, "ผู้ประสานงาน; วิทยากร"},
                 {F_MEMBER_ORGANISATIONS, "มูลนิธิเพื่อนชุมชน; เครือข่ายอาสาภัยพิบัติภาคใต้ (สาขาปัตตานีและยะลา)"},
                 {F_MEMBER_TAGS, "อาสาสมัคร; วิทยากร"},
                 {F_MEMBER_NOTES, "โครงการพัฒนาศักยภาพแกนนำชุมชนเพื่อการจัดการภัยพิบัติอย่างยั่งยืน ระยะที่ 2\n"
                                  "ติดต่อผ่านไลน์ก่อน, ตอบช้าในวันหยุด\\สุดสัปดาห์"},
                 {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_TITLE, "Dr."},
                                          {F_MEMBER_GIVEN_NAME, "John"},
                                          {F_MEMBER_FAMILY_NAME, "Smith"},
                                          {F_MEMBER_EMAIL, "john@example.org"},
                                          {F_NONE, NULL}});
    test_add(db, KIND_MEMBER,
             (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมหญิง"},
                                          {F_MEMBER_PHONE, "0621112233"},
                                          {F_MEMBER_PROVINCE, "น่าน"},
                                          {F_NONE, NULL}});
}

/* The text without its UID and REV lines (unfolded: both fit on one line). */
static char *without_uid_rev(const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (strncmp(p, "UID:", 4) != 0 && strncmp(p, "REV:", 4) != 0)
            sb_addn(&sb, p, n + (p[n] == '\n'));
        p += n + (p[n] == '\n');
    }
    return sb_take(&sb);
}

static void round_trip(const char *version)
{
    struct db *a = test_fresh_db("rt-a.db"), *b = test_fresh_db("rt-b.db");
    add_people(a);
    char *first = export_to_string(a, version);
    expect_folded(first);
    char *path = test_path("rt.vcf");
    FILE *out = fopen(path, "wb");
    fputs(first, out);
    fclose(out);
    struct import_report rep;
    memset(&rep, 0, sizeof rep);
    char *err = NULL;
    if (import_vcard(b, path, NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 3);
    import_report_free(&rep);
    char *second = export_to_string(b, version);
    /* The same cards but for their UIDs, which are each database's own, and REV. */
    char *first_cards = without_uid_rev(first), *second_cards = without_uid_rev(second);
    assert_string_equal(first_cards, second_cards);
    assert_string_not_equal(first, second);
    free(first_cards);
    free(second_cards);
    /* Imported again, into either database, the cards update the same people. */
    memset(&rep, 0, sizeof rep);
    assert_int_equal(import_vcard(b, path, NULL, &rep, &err), 0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 3);
    import_report_free(&rep);
    memset(&rep, 0, sizeof rep);
    assert_int_equal(import_vcard(a, path, NULL, &rep, &err), 0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(count_of(a, KIND_MEMBER), 3);
    import_report_free(&rep);
    free(first);
    free(second);
    free(path);
    db_close(&a);
    db_close(&b);
}

static void vcard_round_trip_30(void **state)
{
    (void)state;
    round_trip("3.0");
}

static void vcard_round_trip_40(void **state)
{
    (void)state;
    round_trip("4.0");
}

static void vcard_export_writes_thai_names_and_search(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcexp.db");
    add_people(db);
    char *folded = export_to_string(db, NULL);
    char *text = unfold(folded);
    free(folded);
    assert_contains(text, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:คงทอง;จิราพร;;นางสาว;\r\n"
                          "FN:นางสาวจิราพร คงทอง\r\nNICKNAME:แดง\\, จิ\r\n");
    assert_contains(text, "ORG:มูลนิธิเพื่อนชุมชน\r\n");
    assert_contains(text, "TITLE:ผู้ประสานงาน\\; วิทยากร\r\n");
    assert_contains(text, "TEL;TYPE=CELL:081-234-5678\r\n");
    assert_contains(text, "EMAIL;TYPE=INTERNET:jiraporn@example.org\r\n");
    assert_contains(text, "X-LINE:jiraporn.k\r\nIMPP:line:jiraporn.k\r\n");
    assert_contains(text, "ADR:;สุเทพ;99/1 หมู่ 3\\; ถ.ห้วยแก้ว;เมืองเชียงใหม่;เชียงใหม่;50200;\r\n");
    assert_contains(text, "BDAY:1985-03-15\r\n");
    /* UID and REV: the member's id in this database's identity, its last change. */
    struct db_identity d;
    char *ierr = NULL, uid[UID_SIZE];
    assert_int_equal(db_identity_read(db, &d, &ierr), 0);
    record_uid(&d, KIND_MEMBER, 3, uid);
    char *line = xasprintf("\r\nUID:urn:uuid:%s\r\nREV:", uid);
    assert_contains(text, line);
    free(line);
    assert_non_null(strstr(text, "REV:20"));
    assert_contains(text, "CATEGORIES:วิทยากร,อาสาสมัคร\r\n");
    assert_contains(text, "FN:Dr. John Smith\r\n");
    free(text);
    folded = export_to_string(db, "4.0");
    text = unfold(folded);
    free(folded);
    assert_contains(text, "VERSION:4.0\r\n");
    assert_contains(text, "GENDER:F\r\n");
    assert_contains(text, "BDAY:19850315\r\n");
    assert_contains(text, "EMAIL:jiraporn@example.org\r\n");
    free(text);

    char *path = test_path("search.vcf");
    FILE *out = fopen(path, "wb");
    struct export_options opt = {.search = "สมหญิง"};
    char *err = NULL;
    assert_int_equal(export_vcard(db, out, &opt, &err), 0);
    fclose(out);
    text = test_read_file(path);
    assert_contains(text, "FN:สมหญิง\r\n");
    assert_null(strstr(text, "จิราพร"));
    free(text);
    opt = (struct export_options){.vcard_version = "2.1"};
    out = fopen(path, "wb");
    assert_int_equal(export_vcard(db, out, &opt, &err), -1);
    fclose(out);
    assert_contains(err, "3.0 or 4.0");
    free(err);
    free(path);
    db_close(&db);
}

/* ---- Phones and mail programs ---- */

static void vcard_imports_iphone_30(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcios.db");
    struct import_report rep;
    char *err = NULL;
    if (import_sample(db, "iphone-30.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 2);
    /* Every property left out is named, with how many cards had it. */
    assert_true(report_has(&rep, "iphone-30.vcf: left out, not kept by khai (cards that had it): "
                                 "X-ABADR (1), PHOTO (2), X-ABUID (2), X-ABLABEL (1)"));
    assert_true(report_has(&rep, "iphone-30.vcf:30: birthday --07-21 has no year: left out"));
    assert_true(report_has(&rep, "iphone-30.vcf:10: e-mail jiraporn.k@example.com left out"));
    import_report_free(&rep);
    /* The title only in FN; LINE from IMPP;X-SERVICE-TYPE=Line; the address in its fields. */
    expect_member(
        db, "จิราพร",
        (const struct field_value[]){{F_MEMBER_TITLE, "นางสาว"},
                                     {F_MEMBER_FAMILY_NAME, "คงทอง"},
                                     {F_MEMBER_PHONE, "081-234-5678; 053-123-456"},
                                     {F_MEMBER_LINE_ID, "jiraporn.k"},
                                     {F_MEMBER_FACEBOOK, "http://www.facebook.com/jiraporn.kt"},
                                     {F_MEMBER_STREET, "99/1 หมู่ 3 ถ.ห้วยแก้ว"},
                                     {F_MEMBER_DISTRICT, "อ.เมืองเชียงใหม่"},
                                     {F_MEMBER_PROVINCE, "เชียงใหม่"},
                                     {F_MEMBER_POSTCODE, "50200"},
                                     {F_MEMBER_BIRTHDAY, "1985-03-15"},
                                     {F_NONE, NULL}});
    /* LINE from X-SOCIALPROFILE;type=line, Facebook from a URL. */
    expect_member(
        db, "สมชาย",
        (const struct field_value[]){{F_MEMBER_TITLE, "นาย"},
                                     {F_MEMBER_LINE_ID, "somchai.j"},
                                     {F_MEMBER_FACEBOOK, "https://www.facebook.com/somchai.jaidee"},
                                     {F_MEMBER_BIRTHDAY, ""},
                                     {F_NONE, NULL}});
    db_close(&db);
}

static void vcard_imports_android_21(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcand.db");
    struct import_report rep;
    char *err = NULL;
    if (import_sample(db, "android-21.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 2);
    assert_true(report_has(&rep, "(cards that had it): PHOTO (1), X-ANDROID-CUSTOM (1)"));
    import_report_free(&rep);
    expect_member(db, "บวร",
                  (const struct field_value[]){{F_MEMBER_TITLE, "อ."},
                                               {F_MEMBER_FAMILY_NAME, "ศรีสวัสดิ์"},
                                               {F_MEMBER_PHONE, "081-555-0101; 054-710-222"},
                                               {F_MEMBER_LINE_ID, "bowon_s"},
                                               {F_MEMBER_STREET, "12 ถ.สุมนเทวราช"},
                                               {F_MEMBER_POSTCODE, "55000"},
                                               {F_MEMBER_PROVINCE, "น่าน"},
                                               {F_MEMBER_BIRTHDAY, "1980-11-02"},
                                               {F_NONE, NULL}});
    expect_member(db, "สมศักดิ์",
                  (const struct field_value[]){{F_MEMBER_TITLE, "ผู้ใหญ่"},
                                               {F_MEMBER_PHONE, "086-111-2233"},
                                               {F_MEMBER_NOTES, "ประธานกลุ่ม"},
                                               {F_NONE, NULL}});
    db_close(&db);
}

static void vcard_imports_google_30(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcgoo.db");
    struct import_report rep;
    char *err = NULL;
    if (import_sample(db, "google-30.vcf", NULL, &rep, &err) != 0) fail_msg("import: %s", err);
    assert_int_equal(rep.added, 1);
    assert_true(report_has(&rep, "(cards that had it): URL (1), X-ABLABEL (1)"));
    import_report_free(&rep);
    /* Google's group of everyone is not a tag; its escaped colon is undone. */
    expect_member(
        db, "อเนก",
        (const struct field_value[]){{F_MEMBER_TITLE, "ผศ.ดร."},
                                     {F_MEMBER_PHONE, "061-234-5678"},
                                     {F_MEMBER_TAGS, "เครือข่ายวิชาการ"},
                                     {F_MEMBER_FACEBOOK, "https://www.facebook.com/anek.n"},
                                     {F_MEMBER_STREET, "239 ถ.ห้วยแก้ว"},
                                     {F_MEMBER_PROVINCE, "เชียงใหม่"},
                                     {F_MEMBER_POSTCODE, "50200"},
                                     {F_NONE, NULL}});
    db_close(&db);
}

static void vcard_uid_is_stable_and_parsed_back(void **state)
{
    (void)state;
    struct db_identity a = {{0}}, b = {{0}};
    for (int i = 0; i < 16; i++) {
        a.seed[i] = (unsigned char)(i * 17 + 3);
        b.seed[i] = (unsigned char)(i * 17 + 3);
    }
    b.seed[2] ^= 1;
    char ua[UID_SIZE], ub[UID_SIZE], again[UID_SIZE];
    record_uid(&a, KIND_MEMBER, 1234567, ua);
    record_uid(&a, KIND_MEMBER, 1234567, again);
    record_uid(&b, KIND_MEMBER, 1234567, ub);
    assert_string_equal(ua, again);
    assert_string_not_equal(ua, ub);
    assert_int_equal(strlen(ua), 36);
    assert_int_equal(ua[14], '8'); /* version 8 */
    assert_non_null(strchr("89ab", ua[19]));
    enum kind k;
    long long id;
    char *urn = xasprintf("URN:UUID:%s", ua);
    assert_true(record_uid_parse(&a, urn, &k, &id));
    assert_int_equal(k, KIND_MEMBER);
    assert_int_equal(id, 1234567);
    free(urn);
    assert_false(record_uid_parse(&b, ua, &k, &id)); /* another database's */
    record_uid(&a, KIND_EVENT, 9, again);
    assert_true(record_uid_parse(&a, again, &k, &id));
    assert_int_equal(k, KIND_EVENT);
    assert_int_equal(id, 9);
    assert_false(record_uid_parse(&a, "5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE", &k, &id));
    assert_false(record_uid_parse(&a, "", &k, &id));
}

static int import_text(struct db *db, const char *text, struct import_report *rep)
{
    char *path = test_path("uid.vcf");
    FILE *out = fopen(path, "wb");
    fputs(text, out);
    fclose(out);
    memset(rep, 0, sizeof *rep);
    char *err = NULL;
    int rc = import_vcard(db, path, NULL, rep, &err);
    if (rc != 0) print_error("import: %s\n", err);
    free(err);
    free(path);
    return rc;
}

/* Another program's UID: namesakes with different UIDs stay two people, and the same UID
 * imported again finds its member even when nothing else matches. */
static void vcard_import_recognises_uids(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcuid.db");
    struct import_report rep;
    const char *two = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-aaa\r\nN:ใจดี;สมชาย;;;\r\n"
                      "FN:สมชาย ใจดี\r\nEND:VCARD\r\n"
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-bbb\r\nN:ใจดี;สมชาย;;;\r\n"
                      "FN:สมชาย ใจดี\r\nEND:VCARD\r\n";
    struct import_options merge = {.merge_probable = true};
    char *path = test_path("uid2.vcf");
    FILE *out = fopen(path, "wb");
    fputs(two, out);
    fclose(out);
    memset(&rep, 0, sizeof rep);
    char *err = NULL;
    assert_int_equal(import_vcard(db, path, &merge, &rep, &err), 0);
    assert_int_equal(rep.added, 2); /* even with --merge probable */
    assert_true(report_has(&rep, "came with another UID: added as someone else"));
    import_report_free(&rep);
    assert_int_equal(import_vcard(db, path, &merge, &rep, &err), 0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 2);
    import_report_free(&rep);
    free(path);
    /* The same UID with a new phone and a changed name: the same member, updated. */
    assert_int_equal(import_text(db,
                                 "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-bbb\r\n"
                                 "N:ใจดีมาก;สมชาย;;;\r\nTEL:0891112222\r\nEND:VCARD\r\n",
                                 &rep),
                     0);
    assert_int_equal(rep.updated, 1);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 2);
    expect_member(db, "สมชาย",
                  (const struct field_value[]){{F_MEMBER_FAMILY_NAME, "ใจดี"}, {F_NONE, NULL}});
    /* Merged into the other (khai merge 1 2): the card of 2 now updates 1. */
    struct merge_result res;
    assert_int_equal(member_merge(db, 1, 2, NULL, &res, &err), 0);
    assert_int_equal(import_text(db,
                                 "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-bbb\r\n"
                                 "N:ใจดี;สมชาย;;;\r\nNICKNAME:ต้น\r\nEND:VCARD\r\n",
                                 &rep),
                     0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 1);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 1);
    expect_member(db, "สมชาย",
                  (const struct field_value[]){{F_MEMBER_NICKNAME, "ต้น"}, {F_NONE, NULL}});
    db_close(&db);
}

/* khai's own export read back into the same database updates each member by its id, however
 * alike two of them are; nobody is added. */
static void vcard_own_export_updates_by_id(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("vcown.db");
    for (int i = 0; i < 2; i++)
        test_add(db, KIND_MEMBER,
                 (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"},
                                              {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                              {F_NONE, NULL}});
    char *text = export_to_string(db, NULL);
    struct import_report rep;
    assert_int_equal(import_text(db, text, &rep), 0);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 2);
    import_report_free(&rep);
    assert_int_equal(count_of(db, KIND_MEMBER), 2);
    free(text);
    db_close(&db);
}

const struct CMUnitTest vcard_tests[] = {
    cmocka_unit_test(vcard_qp_decodes_escapes),
    cmocka_unit_test(vcard_param_unescape_follows_rfc6868),
    cmocka_unit_test(vcard_split_unescapes_components),
    cmocka_unit_test(vcard_unfolds_by_version),
    cmocka_unit_test(vcard_reads_parameters_and_groups),
    cmocka_unit_test(vcard_reads_21_quoted_printable_utf8),
    cmocka_unit_test(vcard_reads_21_windows874),
    cmocka_unit_test(vcard_reads_30_folds_and_escapes),
    cmocka_unit_test(vcard_reads_40_uris),
    cmocka_unit_test(vcard_reports_bad_cards_with_lines),
    cmocka_unit_test(vcard_reads_utf16_with_bom),
    cmocka_unit_test(vcard_writes_folded_crlf_lines),
    cmocka_unit_test(vcard_imports_21_members),
    cmocka_unit_test(vcard_imports_30_and_40_members),
    cmocka_unit_test(vcard_import_updates_duplicates),
    cmocka_unit_test(vcard_import_bad_cards_write_nothing),
    cmocka_unit_test(vcard_import_skip_bad_and_dry_run),
    cmocka_unit_test(vcard_round_trip_30),
    cmocka_unit_test(vcard_round_trip_40),
    cmocka_unit_test(vcard_export_writes_thai_names_and_search),
    cmocka_unit_test(vcard_imports_iphone_30),
    cmocka_unit_test(vcard_imports_android_21),
    cmocka_unit_test(vcard_imports_google_30),
    cmocka_unit_test(vcard_uid_is_stable_and_parsed_back),
    cmocka_unit_test(vcard_import_recognises_uids),
    cmocka_unit_test(vcard_own_export_updates_by_id),
};
const size_t vcard_tests_count = sizeof vcard_tests / sizeof vcard_tests[0];
