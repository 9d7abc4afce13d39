/* Tests of the CSV reader and writer, encoding detection and conversion, and of the import's
 * bulk path against record_save: the rows it writes must be the rows a save writes. */
#include "csv.h"
#include "db.h"
#include "encoding.h"
#include "import.h"
#include "model.h"
#include "store_internal.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads all records of text; fields joined by '|', records by '\n', each prefixed by its line. */
static char *read_all(const char *text, char delim)
{
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    struct strbuf sb = STRBUF_INIT;
    char *err = NULL;
    csv_reader_init(&r, text, strlen(text), delim);
    int rc;
    while ((rc = csv_read(&r, &rec, &err)) == 1) {
        sb_addf(&sb, "%ld:", rec.line);
        for (size_t i = 0; i < rec.n; i++)
            sb_addf(&sb, "%s%s", i ? "|" : "", rec.fields[i]);
        sb_addc(&sb, '\n');
    }
    if (rc < 0) {
        sb_addf(&sb, "error: %s", err);
        free(err);
    }
    csv_record_free(&rec);
    return sb_take(&sb);
}

static void expect_read(const char *text, char delim, const char *want)
{
    char *got = read_all(text, delim);
    assert_string_equal(got, want);
    free(got);
}

static void csv_reads_plain_records(void **state)
{
    (void)state;
    expect_read("a,b,c\n1,2,3\n", ',', "1:a|b|c\n2:1|2|3\n");
    expect_read("a,b\r\n1,2", ',', "1:a|b\n2:1|2\n");
    expect_read("a;b\r1;2\r", ';', "1:a|b\n2:1|2\n");
    expect_read("a,,\n,,\n", ',', "1:a||\n2:||\n");
    expect_read("", ',', "");
    expect_read("\n\nx\n", ',', "1:\n2:\n3:x\n");
    expect_read("ชื่อ\tนามสกุล\nสมชาย\tใจดี\n", '\t', "1:ชื่อ|นามสกุล\n2:สมชาย|ใจดี\n");
}

static void csv_reads_quoted_fields(void **state)
{
    (void)state;
    expect_read("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", ',', "1:a,b|say \"hi\"|\n");
    expect_read("\"two\nlines\",x\nnext,y\n", ',', "1:two\nlines|x\n3:next|y\n");
    expect_read("\"crlf\r\ninside\r\nthree\",1\r\nafter,2\r\n", ',',
                "1:crlf\r\ninside\r\nthree|1\n4:after|2\n");
    expect_read("\"lone\rcr\",1\nz\n", ',', "1:lone\rcr|1\n3:z\n");
    /* What Excel does with text after a closing quote and quotes inside unquoted text. */
    expect_read("\"abc\"def,x\"y\n", ',', "1:abcdef|x\"y\n");
    expect_read("\"a;b\";c\n", ';', "1:a;b|c\n");
}

static void csv_reports_unclosed_quote_where_it_opened(void **state)
{
    (void)state;
    expect_read("a,b\n1,\"open\nstill\nopen\n", ',',
                "1:a|b\nerror: line 2: a quoted field opened here is never closed (a \" is "
                "missing)");
}

/* A row of a million columns (or a field of megabytes) is refused at its line, at once. */
static void csv_refuses_rows_too_wide_or_fields_too_long(void **state)
{
    (void)state;
    struct strbuf wide = STRBUF_INIT;
    sb_add(&wide, "given_name,family_name\nสมชาย,ใจดี\n");
    for (int i = 0; i < 1000000; i++)
        sb_add(&wide, "x,");
    sb_add(&wide, "\n");
    char *want = xasprintf("1:given_name|family_name\n2:สมชาย|ใจดี\nerror: line 3: more than "
                           "%d columns; this is not a sheet of people or events",
                           CSV_MAX_FIELDS);
    expect_read(sb_str(&wide), ',', want);
    free(want);
    sb_free(&wide);
    /* The widest sheet allowed still reads. */
    struct strbuf ok = STRBUF_INIT;
    for (int i = 0; i < CSV_MAX_FIELDS - 1; i++)
        sb_add(&ok, "a,");
    sb_add(&ok, "a\n");
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    char *err = NULL;
    csv_reader_init(&r, sb_str(&ok), ok.len, ',');
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_int_equal(rec.n, CSV_MAX_FIELDS);
    csv_record_free(&rec);
    sb_free(&ok);
    struct strbuf long_field = STRBUF_INIT;
    sb_add(&long_field, "notes\n\"");
    for (int i = 0; i < CSV_MAX_FIELD_BYTES / 8 + 1; i++)
        sb_add(&long_field, "12345678");
    sb_add(&long_field, "\"\n");
    expect_read(sb_str(&long_field), ',', "1:notes\nerror: line 2: a field longer than 1 MiB");
    sb_free(&long_field);
}

static void csv_records_know_their_bytes(void **state)
{
    (void)state;
    const char *text = "h1,h2\r\n\"x\ny\",2\r\nlast,3";
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    char *err = NULL;
    csv_reader_init(&r, text, strlen(text), ',');
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_int_equal(rec.start, 0);
    assert_int_equal(rec.end, 7);
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.start, 7);
    assert_int_equal(rec.end, 16);
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_int_equal(rec.line, 4);
    assert_int_equal(rec.end, strlen(text));
    assert_int_equal(csv_read(&r, &rec, &err), 0);
    csv_record_free(&rec);
}

static void csv_blank_records_are_recognised(void **state)
{
    (void)state;
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    char *err = NULL;
    const char *text = ",,, \n\"\",\t\nx,\n";
    csv_reader_init(&r, text, strlen(text), ',');
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_true(csv_record_blank(&rec));
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_true(csv_record_blank(&rec));
    assert_int_equal(csv_read(&r, &rec, &err), 1);
    assert_false(csv_record_blank(&rec));
    csv_record_free(&rec);
}

static void csv_detects_the_delimiter(void **state)
{
    (void)state;
    size_t skip;
    assert_int_equal(csv_detect_delimiter("a,b,c\n1;2;3;4;5\n", 16, &skip), ',');
    assert_int_equal(skip, 0);
    const char *semi = "ชื่อ;หน่วยงาน, สังกัด;โทร\n";
    assert_int_equal(csv_detect_delimiter(semi, strlen(semi), &skip), ';');
    assert_int_equal(csv_detect_delimiter("a\tb\tc\n", 6, &skip), '\t');
    assert_int_equal(csv_detect_delimiter("\"a,b,c,d\";e;f\n", 14, &skip), ';');
    assert_int_equal(csv_detect_delimiter("name\n", 5, &skip), ',');
    assert_int_equal(csv_detect_delimiter("", 0, &skip), ',');
    assert_int_equal(csv_detect_delimiter("sep=;\r\na,b;c\r\n", 14, &skip), ';');
    assert_int_equal(skip, 7);
    assert_int_equal(csv_detect_delimiter("sep=|\na|b\n", 10, &skip), '|');
    assert_int_equal(skip, 6);
    /* A header that merely starts with "sep=" is a header. */
    assert_int_equal(csv_detect_delimiter("sep=x,y\n", 8, &skip), ',');
    assert_int_equal(skip, 0);
}

static void csv_writer_quotes_only_what_needs_it(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    const char *fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "", "081-234-5678", "ชื่อ"};
    csv_write_record(&sb, fields, 7, ',');
    assert_string_equal(sb_str(&sb), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,081-234-"
                                     "5678,ชื่อ\r\n");
    sb_reset(&sb);
    csv_write_field(&sb, "a,b", ';');
    csv_write_field(&sb, "a;b", ';');
    assert_string_equal(sb_str(&sb), "a,b\"a;b\"");
    sb_free(&sb);
}

/* Formula injection (issue 8, section 6): which values get the ', and that import takes
 * exactly that one off again. */
static void csv_formula_guard_is_exactly_one_quote(void **state)
{
    (void)state;
    const struct {
        const char *value;
        bool guarded;
    } cases[] = {{"=HYPERLINK(\"http://x\")", true},
                 {"+66812345678", true},
                 {"-5", true},
                 {"@SUM(A1)", true},
                 {"\t=1+2", true},
                 {"\r=1", true},
                 {"'=1", true},
                 {"''+1", true},
                 {"'", false},
                 {"'plain", false},
                 {"plain", false},
                 {"", false},
                 {"081-234-5678", false},
                 {" =1", false},
                 {"สมชาย", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *v = cases[i].value;
        if (csv_guarded(v) != cases[i].guarded) fail_msg("csv_guarded(\"%s\")", v);
        char *out = cases[i].guarded ? xasprintf("'%s", v) : xstrdup(v);
        assert_string_equal(csv_unguarded(out), v);
        free(out);
    }
}

static void csv_written_records_read_back(void **state)
{
    (void)state;
    const char *fields[] = {"\"", "\"\"", ",", "\r\n", "\r", " x ", "", "a\"b,c\nd", "ก๊"};
    size_t n = sizeof fields / sizeof fields[0];
    struct strbuf sb = STRBUF_INIT;
    csv_write_record(&sb, fields, n, ',');
    csv_write_record(&sb, fields, n, ',');
    struct csv_reader r;
    struct csv_record rec = CSV_RECORD_INIT;
    char *err = NULL;
    csv_reader_init(&r, sb_str(&sb), sb.len, ',');
    for (int round = 0; round < 2; round++) {
        assert_int_equal(csv_read(&r, &rec, &err), 1);
        assert_int_equal(rec.n, n);
        for (size_t i = 0; i < n; i++)
            assert_string_equal(rec.fields[i], fields[i]);
    }
    assert_int_equal(csv_read(&r, &rec, &err), 0);
    csv_record_free(&rec);
    sb_free(&sb);
}

/* ---------------------------------------------------------------------------------------- */
/* Encodings                                                                                */
/* ---------------------------------------------------------------------------------------- */

static const char thai_utf8[] = "ชื่อ,นามสกุล\r\nจิราพร,คงทอง\r\n";
/* The same in TIS-620 / Windows-874. */
static const char thai_874[] = "\xaa\xd7\xe8\xcd,\xb9\xd2\xc1\xca\xa1\xd8\xc5\r\n"
                               "\xa8\xd4\xc3\xd2\xbe\xc3,\xa4\xa7\xb7\xcd\xa7\r\n";

static void expect_decoded(const char *data, size_t len, enum text_encoding want,
                           enum text_encoding found_want, const char *text_want)
{
    char *out = NULL, *err = NULL;
    size_t outlen;
    enum text_encoding found;
    if (encoding_decode(data, len, want, &out, &outlen, &found, &err) != 0)
        fail_msg("decode: %s", err);
    assert_int_equal(found, found_want);
    assert_int_equal(outlen, strlen(text_want));
    assert_string_equal(out, text_want);
    free(out);
}

static void csv_encoding_detects_utf8_bom_utf16_and_874(void **state)
{
    (void)state;
    size_t n = strlen(thai_utf8);
    expect_decoded(thai_utf8, n, ENC_AUTO, ENC_UTF8, thai_utf8);
    char *bom = xasprintf("\xEF\xBB\xBF%s", thai_utf8);
    expect_decoded(bom, n + 3, ENC_AUTO, ENC_UTF8_BOM, thai_utf8);
    expect_decoded(bom, n + 3, ENC_UTF8, ENC_UTF8_BOM, thai_utf8);
    free(bom);
    expect_decoded(thai_874, strlen(thai_874), ENC_AUTO, ENC_CP874, thai_utf8);
    expect_decoded(thai_874, strlen(thai_874), ENC_TIS620, ENC_TIS620, thai_utf8);
    /* Windows-874's extras: an ellipsis and curly quotes TIS-620 does not have. */
    expect_decoded("a\x85\x93x\x94", 5, ENC_AUTO, ENC_CP874, "a…“x”");
    struct strbuf le = STRBUF_INIT, be = STRBUF_INIT;
    size_t bad;
    sb_addn(&le, "\xFF\xFE", 2);
    assert_int_equal(encoding_encode(thai_utf8, n, ENC_UTF16LE, &le, &bad), 0);
    expect_decoded(le.s, le.len, ENC_AUTO, ENC_UTF16LE, thai_utf8);
    sb_addn(&be, "\xFE\xFF", 2);
    assert_int_equal(encoding_encode(thai_utf8, n, ENC_UTF16BE, &be, &bad), 0);
    expect_decoded(be.s, be.len, ENC_AUTO, ENC_UTF16BE, thai_utf8);
    /* Without a byte-order mark: the NUL bytes of ASCII characters give it away. */
    expect_decoded(le.s + 2, le.len - 2, ENC_AUTO, ENC_UTF16LE, thai_utf8);
    expect_decoded(be.s + 2, be.len - 2, ENC_AUTO, ENC_UTF16BE, thai_utf8);
    expect_decoded(le.s + 2, le.len - 2, ENC_UTF16LE, ENC_UTF16LE, thai_utf8);
    sb_free(&le);
    sb_free(&be);
}

static char *decode_error(const char *data, size_t len, enum text_encoding want)
{
    char *out = NULL, *err = NULL;
    size_t outlen;
    enum text_encoding found;
    assert_int_equal(encoding_decode(data, len, want, &out, &outlen, &found, &err), -1);
    assert_null(out);
    assert_non_null(err);
    return err;
}

static void csv_encoding_refuses_with_line_and_byte(void **state)
{
    (void)state;
    /* UTF-8 with a stray byte on line 2: neither UTF-8 nor Windows-874 (0xFC is undefined). */
    const char bad[] = "ชื่อ\nจิรา\xFCพร\n";
    char *err = decode_error(bad, strlen(bad), ENC_AUTO);
    assert_contains(err, "neither UTF-8 nor Windows-874");
    assert_contains(err, "line 2, character 5 of the line, byte 26 of the file (0xFC)");
    free(err);
    /* Forced UTF-8 on a Windows-874 file. */
    err = decode_error(thai_874, strlen(thai_874), ENC_UTF8);
    assert_contains(err, "not valid UTF-8: line 1, character 1 of the line, byte 1 of the file "
                         "(0xAA)");
    free(err);
    /* TIS-620 has no 0x85; Windows-874 reads it as an ellipsis. */
    err = decode_error("ok\nx\x85", 5, ENC_TIS620);
    assert_contains(err, "not valid TIS-620: line 2, character 2 of the line, byte 5");
    free(err);
    err = decode_error("\xFF\xFE"
                       "a\0\n",
                       5, ENC_AUTO);
    assert_contains(err, "ends in the middle of a character");
    free(err);
    err = decode_error("a,b\n\0c\n", 7, ENC_UTF8);
    assert_contains(err, "line 2 holds a NUL character");
    free(err);
}

static void csv_encoding_refuses_workbooks(void **state)
{
    (void)state;
    char *err = decode_error("PK\x03\x04rest", 8, ENC_AUTO);
    assert_contains(err, ".xlsx");
    assert_contains(err, "CSV UTF-8");
    free(err);
    err = decode_error("\xD0\xCF\x11\xE0rest", 8, ENC_AUTO);
    assert_contains(err, ".xls");
    free(err);
}

static void csv_encoding_never_writes_question_marks(void **state)
{
    (void)state;
    struct strbuf out = STRBUF_INIT;
    size_t bad = 99;
    assert_int_equal(encoding_encode(thai_utf8, strlen(thai_utf8), ENC_CP874, &out, &bad), 0);
    assert_string_equal(sb_str(&out), thai_874);
    sb_reset(&out);
    const char viet[] = "Nguy\xe1\xbb\x85n";
    assert_int_equal(encoding_encode(viet, strlen(viet), ENC_CP874, &out, &bad), -1);
    assert_int_equal(bad, 4);
    assert_null(strchr(sb_str(&out), '?'));
    sb_reset(&out);
    assert_int_equal(encoding_encode("…", 3, ENC_TIS620, &out, &bad), -1);
    sb_reset(&out);
    assert_int_equal(encoding_encode("…", 3, ENC_CP874, &out, &bad), 0);
    assert_string_equal(sb_str(&out), "\x85");
    sb_free(&out);
}

static void csv_encoding_names(void **state)
{
    (void)state;
    enum text_encoding e;
    static const struct {
        const char *name;
        enum text_encoding enc;
    } names[] = {{"auto", ENC_AUTO},          {"utf-8", ENC_UTF8},    {"UTF8", ENC_UTF8},
                 {"utf-8-bom", ENC_UTF8_BOM}, {"cp874", ENC_CP874},   {"Windows-874", ENC_CP874},
                 {"tis-620", ENC_TIS620},     {"TIS620", ENC_TIS620}, {"utf-16", ENC_UTF16LE},
                 {"utf-16be", ENC_UTF16BE}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_true(encoding_from_name(names[i].name, &e));
        assert_int_equal(e, names[i].enc);
    }
    assert_false(encoding_from_name("latin-1", &e));
    assert_false(encoding_from_name("", &e));
    size_t n;
    assert_string_equal(encoding_bom(ENC_UTF8_BOM, &n), "\xEF\xBB\xBF");
    assert_int_equal(n, 3);
    encoding_bom(ENC_CP874, &n);
    assert_int_equal(n, 0);
    assert_string_equal(encoding_label(ENC_CP874), "Windows-874");
}

/* ---------------------------------------------------------------------------------------- */
/* The import against the model                                                             */
/* ---------------------------------------------------------------------------------------- */

static char *write_sheet(const char *name, const char *text)
{
    char *path = test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Every row of a query as text, rows separated by '\n' and columns by '|'. */
static char *dump(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(db)));
    struct strbuf sb = STRBUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            sb_addf(&sb, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
        sb_addc(&sb, '\n');
    }
    sqlite3_finalize(st);
    return sb_take(&sb);
}

static void expect_same(struct db *a, struct db *b, const char *sql)
{
    char *x = dump(a, sql), *y = dump(b, sql);
    if (strcmp(x, y) != 0) fail_msg("%s\nimport:\n%s\nrecord_save:\n%s", sql, x, y);
    free(x);
    free(y);
}

static void csv_import_bulk_path_writes_what_record_save_writes(void **state)
{
    (void)state;
    char *path = write_sheet("bulk.csv",
                             "ชื่อ-นามสกุล,ชื่อเล่น,เพศ,เบอร์โทร,อีเมล,ไลน์,จังหวัด,อำเภอ,ตำแหน่ง,"
                             "หน่วยงาน,แท็ก,หมายเหตุ,ทักษะ,ยังร่วมงาน\n"
                             "นางสาวจิราพร  คงทอง,แอ๋ว,หญิง,\"812345678, 02-123-4567\",Jira@Example."
                             "org,jira.k,จ.เชียงใหม่,แม่ริม,ผู้ประสานงาน,\"มูลนิธิ ข; มูลนิธิ ก\","
                             "\"สื่อ, เยาวชน\",\"หนึ่ง\nสอง\",ถ่ายภาพ,yes\n"
                             "Dr. John Smith,,male,+66 81 111 2222,,,Bangkok,,,มูลนิธิ ก,,,,no\n");
    struct db *a = test_fresh_db("bulk-import.db"), *b = test_fresh_db("bulk-save.db");
    /* The organisations exist first in both, with the same ids. */
    for (int i = 0; i < 2; i++) {
        struct db *db = i ? b : a;
        test_add(db, KIND_ORG,
                 (const struct field_value[]){
                     {F_ORG_NAME, "มูลนิธิ ก"}, {F_ORG_SHORT_NAME, "มก"}, {F_NONE, NULL}});
        test_add(db, KIND_ORG,
                 (const struct field_value[]){{F_ORG_NAME, "มูลนิธิ ข"}, {F_NONE, NULL}});
    }
    struct import_options opt = {0};
    struct import_report rep = {0};
    char *err = NULL;
    if (import_csv(a, KIND_MEMBER, path, &opt, &rep, &err) != 0) fail_msg("import_csv: %s", err);
    assert_int_equal(rep.added, 2);
    import_report_free(&rep);
    test_add(b, KIND_MEMBER,
             (const struct field_value[]){{F_FULL_NAME, "นางสาวจิราพร  คงทอง"},
                                          {F_MEMBER_NICKNAME, "แอ๋ว"},
                                          {F_MEMBER_GENDER, "หญิง"},
                                          {F_MEMBER_PHONE, "0812345678; 02-123-4567"},
                                          {F_MEMBER_EMAIL, "Jira@Example.org"},
                                          {F_MEMBER_LINE_ID, "jira.k"},
                                          {F_MEMBER_PROVINCE, "จ.เชียงใหม่"},
                                          {F_MEMBER_DISTRICT, "แม่ริม"},
                                          {F_MEMBER_POSITION, "ผู้ประสานงาน"},
                                          {F_MEMBER_ORGANISATIONS, "มูลนิธิ ข; มูลนิธิ ก"},
                                          {F_MEMBER_TAGS, "สื่อ, เยาวชน"},
                                          {F_MEMBER_NOTES, "หนึ่ง\nสอง"},
                                          {F_MEMBER_SKILLS, "ถ่ายภาพ"},
                                          {F_MEMBER_ACTIVE, "yes"},
                                          {F_NONE, NULL}});
    test_add(b, KIND_MEMBER,
             (const struct field_value[]){{F_FULL_NAME, "Dr. John Smith"},
                                          {F_MEMBER_GENDER, "male"},
                                          {F_MEMBER_PHONE, "+66 81 111 2222"},
                                          {F_MEMBER_PROVINCE, "Bangkok"},
                                          {F_MEMBER_ORGANISATIONS, "มูลนิธิ ก"},
                                          {F_MEMBER_ACTIVE, "no"},
                                          {F_NONE, NULL}});
    expect_same(a, b,
                "SELECT id, title, given_name, family_name, nickname, gender, email, line_id, "
                "facebook, province, district, subdistrict, position, skills, notes, active, "
                "search_key, version, deleted_at FROM members ORDER BY id");
    expect_same(a, b, "SELECT * FROM member_phones ORDER BY member_id, position");
    expect_same(a, b, "SELECT * FROM affiliations ORDER BY member_id, org_id");
    expect_same(a, b,
                "SELECT x.member_id, t.name FROM member_tags x JOIN tags t ON t.id = x.tag_id "
                "ORDER BY 1, 2");
    expect_same(a, b,
                "SELECT table_name, row_id, action, old_values, new_values FROM audit ORDER BY "
                "id");
    expect_same(a, b, "SELECT rowid FROM members_fts WHERE members_fts MATCH 'คงทอง' ORDER BY 1");
    expect_same(a, b, "SELECT rowid FROM members_fts WHERE members_fts MATCH 'มูลนิธิ' ORDER BY 1");
    expect_same(a, b, "SELECT rowid FROM members_fts WHERE members_fts MATCH '1112222'");
    expect_same(a, b, "SELECT rowid FROM members_fts WHERE members_fts MATCH 'มก'");
    char *check = NULL;
    assert_int_equal(db_check(a, &check, &err), 0);
    db_close(&a);
    db_close(&b);
    free(path);
}

static void csv_import_is_all_or_nothing(void **state)
{
    (void)state;
    char *path = write_sheet("half.csv", "ชื่อ,โทรศัพท์,หน่วยงาน\nสมชาย,0812345678,องค์กรใหม่\n"
                                         "สมหญิง,999,\n");
    struct db *db = test_fresh_db("half.db");
    struct import_options opt = {0};
    struct import_report rep = {0};
    char *err = NULL;
    assert_int_equal(import_csv(db, KIND_MEMBER, path, &opt, &rep, &err), -1);
    assert_contains(err, "nothing was imported");
    free(err);
    err = NULL;
    assert_int_equal(rep.nmessages, 2);
    assert_contains(rep.messages[1], "half.csv:3: phone");
    import_report_free(&rep);
    char *rows = dump(db, "SELECT (SELECT count(*) FROM members) || '/' || (SELECT count(*) "
                          "FROM organisations) || '/' || (SELECT count(*) FROM audit)");
    assert_string_equal(rows, "0/0/0\n");
    free(rows);
    opt.dry_run = true;
    opt.skip_bad = true;
    assert_int_equal(import_csv(db, KIND_MEMBER, path, &opt, &rep, &err), 0);
    assert_int_equal(rep.added, 1);
    assert_int_equal(rep.rejected, 1);
    assert_null(rep.rejects_path);
    import_report_free(&rep);
    rows = dump(db, "SELECT count(*) FROM members");
    assert_string_equal(rows, "0\n");
    free(rows);
    db_close(&db);
    free(path);
}

static void csv_member_find_duplicate_uses_the_identity_rule(void **state)
{
    (void)state;
    struct db *db = test_fresh_db("dups.db");
    long long a = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "นางสาวจิราพร คงทอง"},
                                                        {F_MEMBER_PHONE, "0812345678"},
                                                        {F_NONE, NULL}});
    long long b = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_FULL_NAME, "John Smith"},
                                                        {F_MEMBER_EMAIL, "John@Example.org"},
                                                        {F_NONE, NULL}});
    long long c = test_add(db, KIND_MEMBER,
                           (const struct field_value[]){{F_MEMBER_GIVEN_NAME, "สมชาย"},
                                                        {F_MEMBER_FAMILY_NAME, "ใจดี"},
                                                        {F_NONE, NULL}});
    long long gone = test_add(
        db, KIND_MEMBER, (const struct field_value[]){{F_FULL_NAME, "ลบ แล้ว"}, {F_NONE, NULL}});
    char *err = NULL;
    assert_int_equal(record_delete(db, KIND_MEMBER, gone, &err), 0);
    static const struct {
        enum field_id field;
        const char *value;
        int want;
    } cases[] = {
        {F_MEMBER_PHONE, "081-234-5678", 1},
        {F_MEMBER_PHONE, "812345678", 1},
        {F_MEMBER_PHONE, "0899999999", 0},
        {F_MEMBER_EMAIL, "john@example.ORG", 2},
        {F_MEMBER_EMAIL, " john@example.org ", 2},
        {F_MEMBER_GIVEN_NAME, "สมชาย", 3},
        {F_MEMBER_GIVEN_NAME, "ลบ", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct record *r = record_new(KIND_MEMBER);
        record_set(r, cases[i].field, cases[i].value);
        if (strcmp(cases[i].value, "สมชาย") == 0) record_set(r, F_MEMBER_FAMILY_NAME, " ใจดี");
        if (strcmp(cases[i].value, "ลบ") == 0) record_set(r, F_MEMBER_FAMILY_NAME, "แล้ว");
        long long id = -1;
        int rc = member_find_duplicate(db, r, &id, &err);
        long long want = cases[i].want == 1   ? a
                         : cases[i].want == 2 ? b
                         : cases[i].want == 3 ? c
                                              : 0;
        /* A name alone is a probable duplicate (2), a phone or e-mail the same person (1). */
        assert_int_equal(rc, !want ? 0 : cases[i].want == 3 ? 2 : 1);
        assert_int_equal(id, want);
        record_free(&r);
    }
    db_close(&db);
}

static void csv_import_report_collects_messages(void **state)
{
    (void)state;
    struct import_report rep = {0};
    for (int i = 0; i < 100; i++)
        import_report_add(&rep, "x.csv:%d: %s", i + 2, "ไม่มีชื่อ");
    assert_int_equal(rep.nmessages, 100);
    assert_string_equal(rep.messages[99], "x.csv:101: ไม่มีชื่อ");
    import_report_free(&rep);
    assert_int_equal(rep.nmessages, 0);
    assert_null(rep.messages);
}

const struct CMUnitTest csv_tests[] = {
    cmocka_unit_test(csv_reads_plain_records),
    cmocka_unit_test(csv_reads_quoted_fields),
    cmocka_unit_test(csv_reports_unclosed_quote_where_it_opened),
    cmocka_unit_test(csv_refuses_rows_too_wide_or_fields_too_long),
    cmocka_unit_test(csv_records_know_their_bytes),
    cmocka_unit_test(csv_blank_records_are_recognised),
    cmocka_unit_test(csv_detects_the_delimiter),
    cmocka_unit_test(csv_writer_quotes_only_what_needs_it),
    cmocka_unit_test(csv_formula_guard_is_exactly_one_quote),
    cmocka_unit_test(csv_written_records_read_back),
    cmocka_unit_test(csv_encoding_detects_utf8_bom_utf16_and_874),
    cmocka_unit_test(csv_encoding_refuses_with_line_and_byte),
    cmocka_unit_test(csv_encoding_refuses_workbooks),
    cmocka_unit_test(csv_encoding_never_writes_question_marks),
    cmocka_unit_test(csv_encoding_names),
    cmocka_unit_test(csv_import_bulk_path_writes_what_record_save_writes),
    cmocka_unit_test(csv_import_is_all_or_nothing),
    cmocka_unit_test(csv_member_find_duplicate_uses_the_identity_rule),
    cmocka_unit_test(csv_import_report_collects_messages),
};
const size_t csv_tests_count = sizeof csv_tests / sizeof csv_tests[0];
