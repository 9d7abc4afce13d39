/* End-to-end tests of `khai print`: the PDF it writes read back with poppler's tools
 * (pdftotext -raw for the text, pdffonts for the fonts, pdfinfo for pages and paper,
 * pdftoppm for a rendered page). */
#include "db.h"
#include "paper.h"
#include "test_support.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Names with ญ ฐ ฤ, lower vowels (ุ ู) and tone marks, also over ป and ฟ where the font
 * moves the mark left: in the order the sheet prints them (Thai order of given names). */
static const char *const people[] = {
    "นางสาวกุลฤดี ศรีสุข", "นางสาวญาณิศา ฐิติพงศ์", "นายฐากูร ภู่ระหงษ์",
    "นางบุญญา สุขุมวิท",   "นายป่าน ฟุ้งเฟื่อง",     "นายฤทธิ์ ปู่ทอง",
};
/* On the event's list but not printed. */
static const char *const cancelled = "นายยกเลิก ไม่มาแล้ว", *const absent = "นางขาดงาน ลืมวัน";

/* Output of a shell command run in the scratch directory (NUL-terminated), and its status. */
static char *shell(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *shell(int *status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = xvasprintf(fmt, ap);
    va_end(ap);
    char *path = test_path("shell.out");
    char *full = xasprintf("cd '%s' && (%s) >'%s' 2>&1", test_tmpdir(), cmd, path);
    int rc = system(full);
    if (status) *status = rc;
    char *out = test_read_file(path);
    free(full);
    free(cmd);
    free(path);
    return out ? out : xstrdup("");
}

static char *pdf_text(const char *pdf)
{
    int rc;
    char *out = shell(&rc, "pdftotext -raw -enc UTF-8 '%s' -", pdf);
    if (rc != 0) fail_msg("pdftotext: %s", out);
    return out;
}

static int pdf_pages(const char *pdf)
{
    char *info = shell(NULL, "pdfinfo '%s'", pdf);
    const char *p = strstr(info, "Pages:");
    int pages = p ? atoi(p + 6) : -1;
    free(info);
    return pages;
}

/* A database with one event (id 1) and the people above on its list, plus a cancelled and
 * an absent one; groups A and B when grouped. Returns its path. */
static char *small_db(const char *name, bool grouped)
{
    char *file = xasprintf("%s.db", name);
    struct db *db = test_fresh_db(file);
    test_add(db, KIND_ORG, (struct field_value[]){{F_ORG_NAME, "มูลนิธิเพื่อนชุมชน"}, {F_NONE, NULL}});
    test_add(db, KIND_EVENT,
             (struct field_value[]){{F_EVENT_TITLE, "เวทีสมัชชาสุขภาพจังหวัด ครั้งที่ 1/2567"},
                                    {F_EVENT_START_DATE, "24 มี.ค. 2567"},
                                    {F_EVENT_START_TIME, "09:00"},
                                    {F_EVENT_END_TIME, "16:30"},
                                    {F_EVENT_VENUE, "ห้องประชุมใหญ่ ศาลากลาง"},
                                    {F_EVENT_PROVINCE, "เชียงใหม่"},
                                    {F_EVENT_HOST, "มูลนิธิเพื่อนชุมชน"},
                                    {F_NONE, NULL}});
    /* Added in reverse, so the order printed is the sheet's own. */
    const char *all[8] = {absent, cancelled};
    for (int i = 0; i < 6; i++)
        all[2 + i] = people[5 - i];
    for (int i = 0; i < 8; i++) {
        char phone[32];
        snprintf(phone, sizeof phone, "081-111-22%02d", i);
        long long m = test_add(db, KIND_MEMBER,
                               (struct field_value[]){{F_FULL_NAME, all[i]},
                                                      {F_MEMBER_NICKNAME, "ต้น"},
                                                      {F_MEMBER_PHONE, phone},
                                                      {F_MEMBER_ORGANISATIONS, "มูลนิธิเพื่อนชุมชน"},
                                                      {F_NONE, NULL}});
        char *id = xasprintf("%lld", m);
        const char *status = i == 0   ? "absent"
                             : i == 1 ? "cancelled"
                             : i % 2  ? "invited"
                                      : "confirmed";
        test_add(db, KIND_ATTENDANCE,
                 (struct field_value[]){{F_ATTENDANCE_EVENT_ID, "1"},
                                        {F_ATTENDANCE_MEMBER_ID, id},
                                        {F_ATTENDANCE_STATUS, i == 7 ? "attended" : status},
                                        {F_ATTENDANCE_GROUP, grouped ? (i % 2 ? "A" : "B") : ""},
                                        {F_NONE, NULL}});
        free(id);
    }
    db_close(&db);
    char *path = test_path(file);
    free(file);
    return path;
}

/* Asserts that the names appear in text in this order, each exactly as written. */
static void assert_in_order(const char *text, const char *const *names, size_t n)
{
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        const char *found = strstr(at, names[i]);
        if (!found) fail_msg("%s missing (or out of order) in:\n%s", names[i], text);
        at = found + strlen(names[i]);
    }
}

static void print_signin_gives_back_every_thai_name_exactly_in_order(void **state)
{
    (void)state;
    char *db = small_db("print_names", false);
    char *pdf = test_path("names.pdf");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en print signin 1 -o '%s'", db, pdf);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, ""); /* nor a word from fontconfig or the leak checker */
    assert_contains(r.out, "printed 1 page to");
    run_result_free(&r);
    char *text = pdf_text(pdf);
    assert_in_order(text, people, 6);
    assert_null(strstr(text, cancelled));
    assert_null(strstr(text, absent));
    assert_contains(text, "เวทีสมัชชาสุขภาพจังหวัด ครั้งที่ 1/2567");
    assert_contains(text, "Sunday 24 March 2024 (B.E. 2567), 09:00 to 16:30");
    assert_contains(text, "Venue: ห้องประชุมใหญ่ ศาลากลาง, เชียงใหม่ province");
    assert_contains(text, "Organised by มูลนิธิเพื่อนชุมชน");
    assert_contains(text, "Signature");
    assert_contains(text, "page 1 of 1");
    assert_contains(text, "081-111-2207"); /* the phone of the first printed */
    free(text);
    free(pdf);
    free(db);
}

static void print_signin_in_thai_has_a_thai_header_and_page_numbers(void **state)
{
    (void)state;
    char *db = small_db("print_thai", false);
    char *pdf = test_path("thai.pdf");
    char *said = khai_ok(db, "--lang th print signin 1 -o '%s' --blank 30", pdf);
    assert_contains(said, "พิมพ์ 2 หน้าลงใน");
    free(said);
    char *text = pdf_text(pdf);
    assert_contains(text, "ใบลงทะเบียน");
    assert_contains(text, "วันอาทิตย์ที่ 24 มีนาคม พ.ศ. 2567 เวลา 09.00–16.30 น.");
    assert_contains(text, "ณ ห้องประชุมใหญ่ ศาลากลาง จังหวัดเชียงใหม่");
    assert_contains(text, "ลายมือชื่อ");
    assert_contains(text, "หน้า 1 จาก 2");
    assert_contains(text, "หน้า 2 จาก 2");
    /* The blank rows are numbered on from the people: 6 + 30. */
    assert_contains(text, "\n36\n");
    assert_null(strstr(text, "\n37\n"));
    free(text);
    free(pdf);
    free(db);
}

static void print_signin_embeds_laksaman(void **state)
{
    (void)state;
    char *db = small_db("print_fonts", false);
    char *pdf = test_path("fonts.pdf");
    free(khai_ok(db, "print signin 1 -o '%s'", pdf));
    char *fonts = shell(NULL, "pdffonts '%s'", pdf);
    assert_contains(fonts, "Laksaman");
    /* Every font line says emb yes: the sheet prints the same on any machine. */
    int lines = 0;
    for (const char *l = strstr(fonts, "\n---"); l && (l = strchr(l + 1, '\n')) && l[1];) {
        char row[512];
        size_t n = strcspn(l + 1, "\n");
        snprintf(row, sizeof row, "%.*s", (int)(n < sizeof row - 1 ? n : sizeof row - 1), l + 1);
        char name[256], type[64], enc[64], emb[8];
        if (sscanf(row, "%255s %63s %*s %63s %7s", name, type, enc, emb) == 4 &&
            strstr(row, "Laksaman")) {
            lines++;
            if (!strstr(row, " yes ")) fail_msg("not embedded: %s", row);
        }
    }
    assert_true(lines >= 1);
    free(fonts);
    free(pdf);
    free(db);
}

/* The dark pixels of page 1 rendered in grey at 30 dpi (pdftoppm's PGM: a header, then one
 * byte a pixel), of all its pixels. */
static void count_dark(const char *pdf, long *dark, long *all)
{
    char *pgm = test_path("page.pgm");
    char *out = shell(NULL, "pdftoppm -gray -r 30 -f 1 -l 1 -singlefile '%s' page", pdf);
    free(out);
    FILE *f = fopen(pgm, "rb");
    assert_non_null(f);
    int w = 0, h = 0, max = 0;
    assert_int_equal(fscanf(f, "P5 %d %d %d", &w, &h, &max), 3);
    fgetc(f); /* the one whitespace after the header */
    *dark = *all = 0;
    for (int c; (c = fgetc(f)) != EOF; ++*all)
        *dark += c < max / 2;
    fclose(f);
    assert_int_equal(*all, (long)w * h);
    free(pgm);
}

static void print_signin_renders_a_page_that_is_not_blank(void **state)
{
    (void)state;
    char *db = small_db("print_render", false);
    char *pdf = test_path("render.pdf");
    free(khai_ok(db, "print signin 1 -o '%s'", pdf));
    long dark, all;
    count_dark(pdf, &dark, &all);
    /* Text and the grid ink a few percent of an A4 page; a blank one none, a black one all. */
    assert_true(dark > all / 100);
    assert_true(dark < all / 4);
    free(pdf);
    free(db);
}

/* How many of big_db's people text names (each family name is ทดสอบN). */
static int family_names(const char *text)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, " ทดสอบ")); p++)
        n++;
    return n;
}

/* 300 people on one event, in groups of 100: made once, only read. */
static char *big_db(void)
{
    static bool made;
    if (made) return test_path("print_300.db");
    made = true;
    struct db *db = test_fresh_db("print_300.db");
    test_add(db, KIND_EVENT,
             (struct field_value[]){{F_EVENT_TITLE, "สมัชชาใหญ่"},
                                    {F_EVENT_START_DATE, "2024-11-02"},
                                    {F_EVENT_VENUE, "หอประชุม"},
                                    {F_NONE, NULL}});
    static const char *const given[] = {"สมชาย", "ญาณี", "ฐิติ", "ฤดี", "ปู่คำ", "กุ้ง"};
    for (int i = 0; i < 300; i++) {
        char *name = xasprintf("นาย%s ทดสอบ%d", given[i % 6], i);
        long long m =
            test_add(db, KIND_MEMBER, (struct field_value[]){{F_FULL_NAME, name}, {F_NONE, NULL}});
        char *id = xasprintf("%lld", m);
        const char *group = i % 3 == 0 ? "ก" : i % 3 == 1 ? "ข" : "ค";
        test_add(db, KIND_ATTENDANCE,
                 (struct field_value[]){{F_ATTENDANCE_EVENT_ID, "1"},
                                        {F_ATTENDANCE_MEMBER_ID, id},
                                        {F_ATTENDANCE_STATUS, "confirmed"},
                                        {F_ATTENDANCE_GROUP, group},
                                        {F_NONE, NULL}});
        free(id);
        free(name);
    }
    db_close(&db);
    return test_path("print_300.db");
}

static void print_signin_of_300_people_takes_the_pages_it_should(void **state)
{
    (void)state;
    char *db = big_db();
    char *pdf = test_path("300.pdf");
    /* 22 rows a page under the four lines of the event: 300 people on 14 pages. */
    char *said = khai_ok(db, "--lang en print signin 1 -o '%s'", pdf);
    assert_contains(said, "printed 14 pages");
    free(said);
    assert_int_equal(pdf_pages(pdf), 14);
    char *text = pdf_text(pdf);
    assert_contains(text, "page 14 of 14");
    assert_contains(text, "\n300 ");
    assert_int_equal(family_names(text), 300);
    free(text);
    /* By group: three groups of 100, each from a new page with its name above (21 rows a
     * page under the heading: 5 pages each), then a page for the walk-ins. */
    free(khai_ok(db, "--lang en print signin 1 -o '%s' --force --by group --blank 10", pdf));
    assert_int_equal(pdf_pages(pdf), 16);
    text = pdf_text(pdf);
    assert_in_order(text,
                    (const char *const[]){"Breakout group: ก\n", "Breakout group: ก (continued)",
                                          "Breakout group: ข\n", "Breakout group: ค\n", "Walk-ins",
                                          "page 16 of 16"},
                    6);
    free(text);
    free(pdf);
    free(db);
}

static void print_signin_takes_letter_paper(void **state)
{
    (void)state;
    char *db = small_db("print_letter", false);
    char *pdf = test_path("letter.pdf");
    free(khai_ok(db, "print signin 1 --paper letter -o '%s'", pdf));
    char *info = shell(NULL, "pdfinfo '%s'", pdf);
    assert_contains(info, "612 x 792 pts (letter)");
    free(info);
    free(pdf);
    free(db);
}

static void print_signin_keeps_an_existing_file_unless_forced(void **state)
{
    (void)state;
    char *db = small_db("print_force", false);
    char *pdf = test_path("kept.pdf");
    FILE *f = fopen(pdf, "w");
    fputs("precious\n", f);
    fclose(f);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' --lang en print signin 1 -o '%s'", db, pdf);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "exists: give --force to replace it");
    run_result_free(&r);
    char *kept = test_read_file(pdf);
    assert_string_equal(kept, "precious\n");
    free(kept);
    free(khai_ok(db, "print signin 1 -o '%s' --force", pdf));
    kept = test_read_file(pdf);
    assert_memory_equal(kept, "%PDF-", 5);
    free(kept);
    /* Nothing left beside it: the temporary file was renamed into place. */
    char *left = shell(NULL, "ls | grep -c '^kept.pdf.' || true");
    assert_string_equal(left, "0\n");
    free(left);
    free(pdf);
    free(db);
}

static void print_signin_says_what_is_wrong(void **state)
{
    (void)state;
    static const struct {
        const char *args;
        int status;
        const char *says;
    } wrong[] = {
        {"--lang en print signin 99 -o none.pdf", 1, "there is no event 99"},
        {"--lang th print signin 99 -o none.pdf", 1, "ไม่มีงานรหัส 99"},
        {"--lang en print signin 1 -o /nonexistent/dir/x.pdf", 1,
         "cannot write /nonexistent/dir/x.pdf"},
        {"--lang en print signin one -o x.pdf", 2, "EVENT_ID is a number"},
        {"--lang en print signin -o x.pdf", 2, "which event?"},
        {"--lang en print signin 1 --paper legal -o x.pdf", 2,
         "--paper is a4 or letter, not \"legal\""},
        {"--lang en print signin 1 --by age -o x.pdf", 2, "--by is name or group, not \"age\""},
        {"--lang en print signin 1 --blank -3 -o x.pdf", 2, "--blank takes a number of rows"},
        {"--lang en print signin 1 --blank", 2, "--blank needs a value"},
        {"--lang en print poster 1 -o x.pdf", 2, "expected signin or badges"},
        {"--lang en print badges 1 --layout 9x9 -o x.pdf", 2, "--layout is 2x4, 2x5 or 3x8"},
        {"--lang en print badges 1 --paper letter -o x.pdf", 2, "badges take --layout"},
        {"--lang en print signin 1 --layout 2x4 -o x.pdf", 2, "--layout goes with badges"},
        {"--lang en print badges 99 -o none.pdf", 1, "there is no event 99"},
    };
    char *db = small_db("print_errors", false);
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, wrong[i].args);
        if (r.status != wrong[i].status) fail_msg("%s: exit %d", wrong[i].args, r.status);
        assert_contains(r.err, wrong[i].says);
        run_result_free(&r);
    }
    /* Nothing was written for the event that is not there. */
    struct stat st;
    char *none = test_path("none.pdf");
    assert_int_not_equal(stat(none, &st), 0);
    free(none);
    free(db);
}

static void print_signin_writes_to_a_pipe(void **state)
{
    (void)state;
    char *db = small_db("print_pipe", false);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' print signin 1", db);
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "%PDF-", 5);
    run_result_free(&r);
    free(db);
}

static void print_help_says_who_is_printed(void **state)
{
    (void)state;
    struct run_result r;
    khai_run(&r, NULL, "--lang en print --help");
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "invited, confirmed\nand attended people (not the absent or cancelled)");
    assert_contains(r.out, "--blank N");
    assert_contains(r.out, "--paper P        signin: a4 (default) or letter");
    run_result_free(&r);
    khai_run(&r, NULL, "--lang th print --help");
    assert_contains(r.out, "เชิญแล้ว ตอบรับ และมาแล้ว (ไม่รวมผู้ที่ไม่มาและยกเลิก)");
    assert_contains(r.out, "2x4  ป้าย 8 ดวง ขนาด 99.1 x 67.7 มม. (Avery L7165) (ค่าเริ่มต้น)");
    run_result_free(&r);
}

static void print_signin_by_group_heads_each_group(void **state)
{
    (void)state;
    char *db = small_db("print_groups", true);
    char *pdf = test_path("groups.pdf");
    free(khai_ok(db, "--lang th print signin 1 --by group -o '%s'", pdf));
    assert_int_equal(pdf_pages(pdf), 2);
    char *text = pdf_text(pdf);
    /* Group A holds the 1st, 3rd and 5th of the sheet's order, B the others. */
    assert_in_order(text,
                    (const char *const[]){"กลุ่มย่อย: A", people[0], people[2], people[4], "กลุ่มย่อย: B",
                                          people[1], people[3], people[5]},
                    8);
    free(text);
    free(pdf);
    free(db);
}

static void print_badges_show_nickname_name_organisation_and_group(void **state)
{
    (void)state;
    char *db = small_db("print_badges", true);
    char *pdf = test_path("badges.pdf");
    char *said = khai_ok(db, "--lang th print badges 1 -o '%s' --blank 2", pdf);
    assert_contains(said, "พิมพ์ 1 หน้าลงใน"); /* 6 people and 2 blank: one sheet of 8 */
    free(said);
    assert_int_equal(pdf_pages(pdf), 1);
    char *text = pdf_text(pdf);
    /* Each badge reads top to bottom: the event, the nickname, the name, the organisation,
     * the group; badges in the sheet's order. */
    assert_in_order(text,
                    (const char *const[]){"เวทีสมัชชาสุขภาพจังหวัด ครั้งที่ 1/2567", "ต้น", people[0],
                                          "มูลนิธิเพื่อนชุมชน", "กลุ่มย่อย: A"},
                    5);
    assert_in_order(text, people, 6);
    assert_null(strstr(text, cancelled));
    assert_null(strstr(text, absent));
    free(text);
    char *fonts = shell(NULL, "pdffonts '%s'", pdf);
    assert_contains(fonts, "Laksaman");
    free(fonts);
    long dark, all;
    count_dark(pdf, &dark, &all);
    assert_true(dark > all / 500);
    assert_true(dark < all / 4);
    free(pdf);
    free(db);
}

static void print_badges_of_300_people_fill_the_sheets_of_each_layout(void **state)
{
    (void)state;
    char *db = big_db();
    char *pdf = test_path("badges300.pdf");
    static const struct {
        const char *layout;
        int sheets;
    } layouts[] = {{"2x4", 38}, {"2x5", 30}, {"3x8", 13}};
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        free(khai_ok(db, "print badges 1 --layout %s -o '%s' --force", layouts[i].layout, pdf));
        assert_int_equal(pdf_pages(pdf), layouts[i].sheets);
        char *text = pdf_text(pdf);
        assert_int_equal(family_names(text), 300);
        free(text);
    }
    /* The default is 2x4; A4 whatever the layout. */
    free(khai_ok(db, "print badges 1 -o '%s' --force", pdf));
    assert_int_equal(pdf_pages(pdf), 38);
    char *info = shell(NULL, "pdfinfo '%s'", pdf);
    assert_contains(info, "(A4)");
    free(info);
    free(pdf);
    free(db);
}

static void print_help_lists_every_badge_layout(void **state)
{
    (void)state;
    struct run_result r;
    khai_run(&r, NULL, "--lang en print --help");
    assert_int_equal(r.status, 0);
    size_t n;
    const struct label_layout *l = label_layouts(&n);
    for (size_t i = 0; i < n; i++)
        assert_contains(r.out, l[i].name);
    assert_contains(r.out, "2x4  8 labels of 99.1 x 67.7 mm (Avery L7165) (default)");
    run_result_free(&r);
}

/* khai itself links neither pango nor cairo (they would cost every command its start-up):
 * the printing module does, and only it. */
static void print_module_alone_links_pango_and_cairo(void **state)
{
    (void)state;
    int rc;
    char *khai = shell(&rc, "readelf -d '%s'", test_khai_bin());
    assert_int_equal(rc, 0);
    assert_contains(khai, "libsqlite3");
    static const char *const printing[] = {"libpango", "libcairo", "libfontconfig", "libglib",
                                           "libzip",   "libxml2",  "libxlsxwriter"};
    for (size_t i = 0; i < sizeof printing / sizeof printing[0]; i++)
        if (test_contains(khai, printing[i])) fail_msg("khai links %s", printing[i]);
    /* build/asan/khai finds its module in build/asan/lib/khai/. */
    char *module = shell(&rc, "readelf -d \"$(dirname '%s')/lib/khai/pdf.so\"", test_khai_bin());
    assert_int_equal(rc, 0);
    assert_contains(module, "libpangocairo");
    assert_contains(module, "libcairo");
    free(module);
    /* The workbook module likewise holds libzip, libxml2 and libxlsxwriter. */
    module = shell(&rc, "readelf -d \"$(dirname '%s')/lib/khai/xlsx.so\"", test_khai_bin());
    assert_int_equal(rc, 0);
    assert_contains(module, "libzip");
    assert_contains(module, "libxml2");
    assert_contains(module, "libxlsxwriter");
    free(module);
    free(khai);
}

/* Without its module (or with a library that is not it) printing says what is wrong in the
 * interface language and writes nothing; everything else works as before. */
static void print_without_its_module_says_so_and_writes_nothing(void **state)
{
    (void)state;
    char *db = small_db("print_no_module", false);
    char *libc =
        shell(NULL, "ldd '%s' | sed -n 's/.*=> \\(.*libc\\.so[^ ]*\\).*/\\1/p'", test_khai_bin());
    libc[strcspn(libc, "\n")] = '\0';
    static const struct {
        const char *module, *lang, *says;
    } cases[] = {
        {"/nonexistent/pdf.so", "en", "printing is not available: cannot load /nonexistent/pdf.so"},
        {"/nonexistent/pdf.so", "th", "พิมพ์ไม่ได้: โหลด /nonexistent/pdf.so ไม่ได้"},
        {NULL, "en", "is not the printing module of this khai"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setenv("KHAI_PRINT_MODULE", cases[i].module ? cases[i].module : libc, 1);
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' --lang %s print signin 1 -o none.pdf", db, cases[i].lang);
        unsetenv("KHAI_PRINT_MODULE");
        if (r.status != 1) fail_msg("%s: exit %d: %s", cases[i].says, r.status, r.err);
        assert_contains(r.err, cases[i].says);
        run_result_free(&r);
    }
    struct stat st;
    char *none = test_path("none.pdf");
    assert_int_not_equal(stat(none, &st), 0);
    free(none);
    setenv("KHAI_PRINT_MODULE", "/nonexistent/pdf.so", 1);
    char *out = khai_ok(db, "list members --tsv");
    unsetenv("KHAI_PRINT_MODULE");
    /* Without the workbook module a workbook is refused the same way, and CSV still works. */
    setenv("KHAI_XLSX_MODULE", "/nonexistent/xlsx.so", 1);
    struct run_result w;
    khai_run(&w, NULL, "--db '%s' --lang en export members -o none.xlsx", db);
    assert_int_equal(w.status, 1);
    assert_contains(w.err, "workbooks are not available: cannot load /nonexistent/xlsx.so");
    run_result_free(&w);
    khai_run(&w, NULL, "--db '%s' --lang th export members -o none.xlsx", db);
    assert_contains(w.err, "ใช้ไฟล์ Excel ไม่ได้");
    run_result_free(&w);
    free(khai_ok(db, "export members -o none.csv"));
    unsetenv("KHAI_XLSX_MODULE");
    char *none_xlsx = test_path("none.xlsx");
    assert_int_not_equal(stat(none_xlsx, &st), 0);
    free(none_xlsx);
    assert_contains(out, "ญาณิศา");
    free(out);
    free(libc);
    free(db);
}

const struct CMUnitTest print_cli_tests[] = {
    cmocka_unit_test(print_module_alone_links_pango_and_cairo),
    cmocka_unit_test(print_without_its_module_says_so_and_writes_nothing),
    cmocka_unit_test(print_signin_gives_back_every_thai_name_exactly_in_order),
    cmocka_unit_test(print_signin_in_thai_has_a_thai_header_and_page_numbers),
    cmocka_unit_test(print_signin_embeds_laksaman),
    cmocka_unit_test(print_signin_renders_a_page_that_is_not_blank),
    cmocka_unit_test(print_signin_of_300_people_takes_the_pages_it_should),
    cmocka_unit_test(print_signin_takes_letter_paper),
    cmocka_unit_test(print_signin_keeps_an_existing_file_unless_forced),
    cmocka_unit_test(print_signin_says_what_is_wrong),
    cmocka_unit_test(print_signin_writes_to_a_pipe),
    cmocka_unit_test(print_help_says_who_is_printed),
    cmocka_unit_test(print_signin_by_group_heads_each_group),
    cmocka_unit_test(print_badges_show_nickname_name_organisation_and_group),
    cmocka_unit_test(print_badges_of_300_people_fill_the_sheets_of_each_layout),
    cmocka_unit_test(print_help_lists_every_badge_layout),
};
const size_t print_cli_tests_count = sizeof print_cli_tests / sizeof print_cli_tests[0];
