/* End-to-end tests of every --by key of `khai report event` and `khai report members`, the
 * total rows (each person once where a row may hold them twice), `report events --series`,
 * labels with no indentation in --tsv and --csv, bars in eighths or #, and 80 columns. */
#include "test_support.h"
#include "text.h"
#include "xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A network (เครือข่ายภาคเหนือ) with a sub-organisation (สมาคมชาวนา); four members, one of
 * them with two tags; an event where three came, one was absent (น้ำท่วม) and one cancelled. */
static char *network(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'เครือข่ายภาคเหนือ'"));
    free(khai_ok(db, "add org --name 'สมาคมชาวนา' --parent 'เครือข่ายภาคเหนือ'"));
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --gender male --province เชียงใหม่ "
                     "--district 'เมืองเชียงใหม่' --subdistrict ช้างคลาน --organisations "
                     "สมาคมชาวนา --tags 'แกนนำ; เยาวชน' --skills 'บัญชี, ถ่ายภาพ'"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --gender female --province เชียงใหม่ "
                     "--district 'เมืองเชียงใหม่' --subdistrict ช้างคลาน --organisations "
                     "'เครือข่ายภาคเหนือ' --tags แกนนำ --skills บัญชี"));
    free(khai_ok(db, "add member --name 'นายอนันต์ สมบัติดี' --gender male --province ลำปาง "
                     "--district 'เมืองลำปาง' --subdistrict ช้างคลาน"));
    free(khai_ok(db, "add member --name 'นางสาวจิราพร คงทอง' --province ลำปาง"));
    free(khai_ok(db, "add event --title 'เวทีเปิดตัว' --start-date 2567-03-24 --target 4"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 1 --status attended "
                     "--organisation สมาคมชาวนา --category ผู้บริหาร --group 'กลุ่ม 1' --role "
                     "speaker"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 2 --status attended "
                     "--category ผู้บริหาร --group 'กลุ่ม 2'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 3 --status attended --group "
                     "'กลุ่ม 1'"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 4 --status absent --reason "
                     "น้ำท่วม"));
    return db;
}

#define HEAD "key\tlabel\tinvited\tconfirmed\tattended\tabsent\tcancelled\ttotal\n"

static void report_keys_event_by_every_key(void **state)
{
    (void)state;
    char *db = network("report_keys_event");
    static const struct {
        const char *key, *tsv;
    } cases[] = {
        /* สมศรี came for her organisation without saying so: her first one counts */
        {"organisation", HEAD "1\tเครือข่ายภาคเหนือ\t0\t0\t1\t0\t0\t1\n"
                              "2\tสมาคมชาวนา\t0\t0\t1\t0\t0\t1\n"
                              "\t(none)\t0\t0\t1\t1\t0\t2\n"},
        {"province", HEAD "TH-50\tเชียงใหม่\t0\t0\t2\t0\t0\t2\n"
                          "TH-52\tลำปาง\t0\t0\t1\t1\t0\t2\n"},
        {"district", HEAD "TH-50/เมืองเชียงใหม่\tเมืองเชียงใหม่, เชียงใหม่\t0\t0\t2\t0\t0\t2\n"
                          "TH-52/เมืองลำปาง\tเมืองลำปาง, ลำปาง\t0\t0\t1\t0\t0\t1\n"
                          "\t(none)\t0\t0\t0\t1\t0\t1\n"},
        {"subdistrict",
         HEAD "TH-50/เมืองเชียงใหม่/ช้างคลาน\tช้างคลาน, เมืองเชียงใหม่, เชียงใหม่\t0\t0\t2\t0\t0\t2\n"
              "TH-52/เมืองลำปาง/ช้างคลาน\tช้างคลาน, เมืองลำปาง, ลำปาง\t0\t0\t1\t0\t0\t1\n"
              "\t(none)\t0\t0\t0\t1\t0\t1\n"},
        {"category", HEAD "ผู้บริหาร\tผู้บริหาร\t0\t0\t2\t0\t0\t2\n"
                          "\t(none)\t0\t0\t1\t1\t0\t2\n"},
        {"group", HEAD "กลุ่ม 1\tกลุ่ม 1\t0\t0\t2\t0\t0\t2\n"
                       "กลุ่ม 2\tกลุ่ม 2\t0\t0\t1\t0\t0\t1\n"
                       "\t(none)\t0\t0\t0\t1\t0\t1\n"},
        {"role", HEAD "participant\tparticipant\t0\t0\t2\t1\t0\t3\n"
                      "speaker\tspeaker\t0\t0\t1\t0\t0\t1\n"},
        {"status", HEAD "attended\tattended\t0\t0\t3\t0\t0\t3\n"
                        "absent\tabsent\t0\t0\t0\t1\t0\t1\n"},
        {"reason", HEAD "น้ำท่วม\tน้ำท่วม\t0\t0\t0\t1\t0\t1\n"
                        "\t(none)\t0\t0\t3\t0\t0\t3\n"},
        {"tag", HEAD "แกนนำ\tแกนนำ\t0\t0\t2\t0\t0\t2\n"
                     "เยาวชน\tเยาวชน\t0\t0\t1\t0\t0\t1\n"
                     "\t(none)\t0\t0\t1\t1\t0\t2\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = khai_ok(db, "report event 1 --by %s --tsv", cases[i].key);
        if (strcmp(out, cases[i].tsv) != 0) fprintf(stderr, "--by %s\n", cases[i].key);
        assert_string_equal(out, cases[i].tsv);
        free(out);
        /* The table's total row counts each attendance once: สมชาย has two tags. */
        out = khai_ok(db, "report event 1 --by %s", cases[i].key);
        assert_contains(out, "Total");
        assert_contains(out, "     3         1         0        4");
        free(out);
    }
    free(db);
}

static void report_keys_members_by_every_key(void **state)
{
    (void)state;
    char *db = network("report_keys_members");
    char month[8];
    time_t now = time(NULL);
    strftime(month, sizeof month, "%Y-%m", gmtime(&now));
    char joined[64];
    snprintf(joined, sizeof joined, "key\tlabel\tmembers\trunning_total\n%s\t%s\t4\t4\n", month,
             month);
    const struct {
        const char *key, *tsv, *total;
    } cases[] = {
        {"province", "key\tlabel\tmembers\nTH-50\tเชียงใหม่\t2\nTH-52\tลำปาง\t2\n", "Total"},
        {"district",
         "key\tlabel\tmembers\nTH-50/เมืองเชียงใหม่\tเมืองเชียงใหม่, เชียงใหม่\t2\n"
         "TH-52/เมืองลำปาง\tเมืองลำปาง, ลำปาง\t1\n\t(none)\t1\n",
         "Total"},
        {"subdistrict",
         "key\tlabel\tmembers\nTH-50/เมืองเชียงใหม่/ช้างคลาน\tช้างคลาน, เมืองเชียงใหม่, "
         "เชียงใหม่\t2\nTH-52/เมืองลำปาง/ช้างคลาน\tช้างคลาน, เมืองลำปาง, ลำปาง\t1\n\t(none)\t1\n",
         "Total"},
        /* the network counts its sub-organisation's member too */
        {"organisation", "key\tlabel\tmembers\n1\tเครือข่ายภาคเหนือ\t2\n2\tสมาคมชาวนา\t1\n",
         "Members, each once"},
        {"tag", "key\tlabel\tmembers\nแกนนำ\tแกนนำ\t2\nเยาวชน\tเยาวชน\t1\n\t(none)\t2\n",
         "Members, each once"},
        {"skill", "key\tlabel\tmembers\nบัญชี\tบัญชี\t2\nถ่ายภาพ\tถ่ายภาพ\t1\n", "Members, each once"},
        {"gender", "key\tlabel\tmembers\nmale\tmale\t2\nfemale\tfemale\t1\n\t(none)\t1\n", "Total"},
        {"joined", joined, "Total"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = khai_ok(db, "report members --by %s --tsv", cases[i].key);
        if (strcmp(out, cases[i].tsv) != 0) fprintf(stderr, "--by %s\n", cases[i].key);
        assert_string_equal(out, cases[i].tsv);
        free(out);
        out = khai_ok(db, "report members --by %s", cases[i].key);
        assert_contains(out, cases[i].total);
        free(out);
    }
    /* Each member once: four, though the tag rows add up to five. */
    char *out = khai_ok(db, "report members --by tag");
    assert_contains(out, "Members, each once");
    assert_contains(out, "      4");
    free(out);
    out = khai_ok(db, "report members --by skill --csv");
    assert_string_equal(out, "key,label,members\nบัญชี,บัญชี,2\nถ่ายภาพ,ถ่ายภาพ,1\n");
    free(out);
    free(db);
}

static void report_keys_labels_have_no_indentation_in_data(void **state)
{
    (void)state;
    char *db = network("report_keys_indent");
    char *out = khai_ok(db, "report event 1 --csv");
    assert_contains(out, "section,key,label,count,target,percent\n");
    assert_contains(out, "status,attended,attended,3,,\n");
    assert_false(test_contains(out, ",  "));
    assert_false(test_contains(out, "█"));
    free(out);
    /* The table indents under its headings and draws bars. */
    out = khai_ok(db, "report event 1");
    assert_contains(out, "  attended");
    assert_contains(out, "█");
    free(out);
    free(db);
}

/* Every line within 80 columns however long the Thai labels, cut between clusters. */
static void report_keys_fit_80_columns(void **state)
{
    (void)state;
    char *db = network("report_keys_80");
    free(khai_ok(db, "add org --name 'องค์การบริหารส่วนตำบลช้างคลานอำเภอเมืองเชียงใหม่จังหวัดเชียงใหม่ "
                     "และเครือข่ายองค์กรชุมชนภาคเหนือตอนบน'"));
    free(khai_ok(db, "add member --name 'นายวีระ ศักดิ์ดี' --organisations 3"));
    free(khai_ok(db, "add attendance --event-id 1 --member-id 5 --status cancelled --reason "
                     "'ติดภารกิจเร่งด่วนของหน่วยงานต้นสังกัดในวันเดียวกันกับวันจัดงานทั้งวัน'"));
    free(khai_ok(db, "edit event 1 --title 'การประชุมเชิงปฏิบัติการเครือข่ายองค์กรชุมชนภาคเหนือ "
                     "เพื่อการพัฒนาคุณภาพชีวิตผู้สูงอายุและเยาวชนอย่างยั่งยืน ครั้งที่ ๑'"));
    const char *const commands[] = {"report event 1", "report event 1 --by organisation",
                                    "report members --by organisation", "report events"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        struct run_result r;
        khai_run(&r, NULL, "--db '%s' %s", db, commands[i]);
        assert_int_equal(r.status, 0);
        for (char *line = r.out; *line;) {
            char *end = strchr(line, '\n');
            char *text = xstrndup(line, end ? (size_t)(end - line) : strlen(line));
            if ((int)text_width(text) > 80) fprintf(stderr, "%s: [%s]\n", commands[i], text);
            assert_true((int)text_width(text) <= 80);
            free(text);
            line = end ? end + 1 : line + strlen(line);
        }
        run_result_free(&r);
    }
    free(db);
}

static void report_keys_events_of_a_series(void **state)
{
    (void)state;
    char *db = network("report_keys_series");
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' report events --series 7 --totals --tsv", db);
    assert_int_not_equal(r.status, 0);
    assert_contains(r.err, "no series 7");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' report events --series seven", db);
    assert_int_not_equal(r.status, 0);
    assert_contains(r.err, "--series takes a series id");
    run_result_free(&r);
    /* A series made as the series commands make one: the first event in it, a second not. */
    free(khai_ok(db, "add event --title 'เวทีนอกชุด' --start-date 2567-04-01"));
    free(khai_ok(db, "add attendance --event-id 2 --member-id 4 --status attended"));
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw,
                                  "INSERT INTO series (id, title, created_at, updated_at, "
                                  "updated_by) VALUES (1, 'เวทีภาคเหนือ', '2024-01-01', "
                                  "'2024-01-01', 'test'); UPDATE events SET series_id = 1 WHERE "
                                  "id = 1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(raw);
    char *out = khai_ok(db, "report events --series 1 --totals --tsv");
    assert_string_equal(out, "measure\tvalue\nevents\t1\nattendances\t3\npeople\t3\n"
                             "organisations\t2\nsubdistricts\t2\nprovinces\t2\n");
    free(out);
    out = khai_ok(db, "report events --series 1 --tsv");
    assert_contains(out, "เวทีเปิดตัว");
    assert_false(test_contains(out, "เวทีนอกชุด"));
    free(out);
    free(db);
}

const struct CMUnitTest report_keys_cli_tests[] = {
    cmocka_unit_test(report_keys_event_by_every_key),
    cmocka_unit_test(report_keys_members_by_every_key),
    cmocka_unit_test(report_keys_labels_have_no_indentation_in_data),
    cmocka_unit_test(report_keys_fit_80_columns),
    cmocka_unit_test(report_keys_events_of_a_series),
};
const size_t report_keys_cli_tests_count =
    sizeof report_keys_cli_tests / sizeof report_keys_cli_tests[0];
