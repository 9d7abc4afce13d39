/* End-to-end tests of goals on the command line: add/edit/delete/restore/list/show goal,
 * options a measure does not take refused naming the field, `report goals` (the --tsv and
 * --csv contract exactly, the table within 80 columns, --ascii), and import and export. */
#include "test_support.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two events of 2024 in a period and one of 2023; a person who came to all three, one to the
 * second only. Goals: people in 2024 (target 2, crossed at the second event), attendances in
 * 2024 (target 4, not reached), a manual one, and members of a network with a sub-group. */
static char *programme(const char *name)
{
    char *db = test_fresh_db_path(name);
    free(khai_ok(db, "add org --name 'เครือข่ายอาสา'"));
    free(khai_ok(db, "add org --name 'กลุ่มอาสาตำบล' --parent 'เครือข่ายอาสา'"));
    free(khai_ok(db, "add member --name 'นายสมชาย ใจดี' --organisations 'กลุ่มอาสาตำบล'"));
    free(khai_ok(db, "add member --name 'นางสมศรี มีสุข' --organisations 'เครือข่ายอาสา'"));
    free(khai_ok(db, "add event --title 'อบรมรุ่น 1' --start-date 2024-02-10"));
    free(khai_ok(db, "add event --title 'อบรมรุ่น 2' --start-date 2024-05-20"));
    free(khai_ok(db, "add event --title 'เวทีปีก่อน' --start-date 2023-11-01"));
    for (int e = 1; e <= 3; e++)
        free(khai_ok(db, "add attendance --event-id %d --member-id 1 --status attended", e));
    free(khai_ok(db, "add attendance --event-id 2 --member-id 2 --status attended"));
    free(khai_ok(db, "add goal --title 'ผู้นำอาสา 2567' --target 2 --due 2024-12-31 --measure "
                     "people --from 2024-01-01 --to 2024-12-31"));
    free(khai_ok(db, "add goal --title 'ครั้งที่มาร่วม' --target 4 --measure attendances --from "
                     "2024-01-01 --to 2024-12-31"));
    free(khai_ok(db, "add goal --title 'ช่องทางสื่อสาร' --target 4 --measure manual --value 1"));
    free(khai_ok(db, "add goal --title 'สมาชิกเครือข่าย' --target 10 --measure members --org "
                     "'เครือข่ายอาสา'"));
    return db;
}

static void goal_cli_add_edit_list_show_delete(void **state)
{
    (void)state;
    char *db = programme("goal_cli_crud");
    char *out = khai_ok(db, "list goals --tsv --sort id");
    assert_true(
        strncmp(out,
                "id\ttitle\ttarget\tdue_date\tmeasure\ttag\torganisation\tevent_id\t"
                "series_id\tfrom\tto\tvalue\tnotes\n"
                "1\tผู้นำอาสา 2567\t2\t2024-12-31\tpeople\t\t\t\t\t2024-01-01\t2024-12-31\t\t\n",
                strlen("id\ttitle\ttarget\tdue_date\tmeasure\ttag\torganisation\tevent_id\t"
                       "series_id\tfrom\tto\tvalue\tnotes\n"
                       "1\tผู้นำอาสา 2567\t2\t2024-12-31\tpeople\t\t\t\t\t2024-01-01\t"
                       "2024-12-31\t\t\n")) == 0);
    assert_contains(out, "4\tสมาชิกเครือข่าย\t10\t\tmembers\t\tเครือข่ายอาสา\t");
    free(out);
    out = khai_ok(db, "show goal 1");
    assert_contains(out, "Progress: 2 of a target of 2 (100%)");
    assert_contains(out, "Reached on 20 May 2024");
    free(out);
    /* the network counts the member of its sub-group */
    out = khai_ok(db, "show goal 4");
    assert_contains(out, "Progress: 2 of a target of 10 (20%)");
    assert_contains(out, "Organisation (1):");
    free(out);
    out = khai_ok(db, "edit goal 3 --value 4");
    assert_contains(out, "updated goal 3");
    free(out);
    out = khai_ok(db, "show goal 3");
    assert_contains(out, "Progress: 4 of a target of 4 (100%)");
    assert_contains(out, "Reached on ");
    free(out);
    out = khai_ok(db, "--lang th show goal 1");
    assert_contains(out, "ถึงเป้าหมายเมื่อ 20 พ.ค. 2567");
    free(out);

    struct run_result r;
    khai_run(&r, NULL, "--db '%s' add goal --title X --target 5 --measure manual", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "value: a manual goal needs its value");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' add goal --title X --target 5 --measure members --event 1", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "event_id: a goal that counts members does not take event_id");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' add goal --title X --target 5 --measure people --tag a", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "tag: a goal that counts people does not take tag");
    run_result_free(&r);
    khai_run(&r, NULL, "--db '%s' add goal --title X --target 5 --measure everything", db);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "measure: ");
    run_result_free(&r);

    out = khai_ok(db, "delete goal 2");
    assert_contains(out, "khai restore goal 2");
    free(out);
    out = khai_ok(db, "report goals --tsv");
    assert_null(strstr(out, "ครั้งที่มาร่วม"));
    free(out);
    free(khai_ok(db, "restore goal 2"));
    out = khai_ok(db, "report goals --tsv");
    assert_contains(out, "ครั้งที่มาร่วม");
    free(out);
    free(db);
}

static void goal_cli_report_tsv_is_the_contract(void **state)
{
    (void)state;
    char *db = programme("goal_cli_report");
    char *out = khai_ok(db, "report goals --tsv");
    assert_string_equal(out, "id\ttitle\tactual\ttarget\tpercent\tdue\treached_on\n"
                             "1\tผู้นำอาสา 2567\t2\t2\t100%\t2024-12-31\t2024-05-20\n"
                             "2\tครั้งที่มาร่วม\t3\t4\t75%\t\t\n"
                             "3\tช่องทางสื่อสาร\t1\t4\t25%\t\t\n"
                             "4\tสมาชิกเครือข่าย\t2\t10\t20%\t\t\n");
    free(out);
    out = khai_ok(db, "report goals --csv");
    assert_string_equal(out, "id,title,actual,target,percent,due,reached_on\n"
                             "1,ผู้นำอาสา 2567,2,2,100%,2024-12-31,2024-05-20\n"
                             "2,ครั้งที่มาร่วม,3,4,75%,,\n"
                             "3,ช่องทางสื่อสาร,1,4,25%,,\n"
                             "4,สมาชิกเครือข่าย,2,10,20%,,\n");
    free(out);
    free(db);
}

static void goal_cli_report_table_fits_80_columns(void **state)
{
    (void)state;
    char *db = programme("goal_cli_table");
    free(khai_ok(db, "add goal --title 'เป้าหมายที่ชื่อยาวมากจนต้องตัดให้พอดีกับความกว้างของจอ "
                     "แปดสิบคอลัมน์' --target 1600 --due 2024-12-31 --measure people"));
    char *out = khai_ok(db, "report goals");
    assert_contains(out, "Goal");
    assert_contains(out, "2/2");
    assert_contains(out, "100%");
    assert_contains(out, "████████"); /* a goal reached fills its bar */
    assert_contains(out, "20 May 2024");
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        assert_true(text_width(line) <= 80);
    free(out);
    out = khai_ok(db, "report goals --ascii");
    assert_contains(out, "########");
    assert_null(strstr(out, "█"));
    free(out);
    out = khai_ok(db, "--lang th report goals");
    assert_contains(out, "เป้าหมาย");
    assert_contains(out, "20 พ.ค. 2567");
    free(out);
    struct run_result r;
    khai_run(&r, NULL, "--db '%s' report goals --by tag", db);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    free(db);
}

static void goal_cli_export_and_import_round_trip(void **state)
{
    (void)state;
    char *db = programme("goal_cli_export");
    char *csv = test_path("goals.csv");
    free(khai_ok(db, "export goals -o '%s'", csv));
    char *text = test_read_file(csv);
    assert_contains(text, "id,title,target,due_date,measure,tag,organisation,event_id,series_id,"
                          "from,to,value,notes");
    assert_contains(text, "ผู้นำอาสา 2567,2,2024-12-31,people,,,,,2024-01-01,2024-12-31,,");
    free(text);
    char *other = test_fresh_db_path("goal_cli_import");
    free(khai_ok(other, "add event --title 'อบรมรุ่น 1' --start-date 2024-02-10"));
    char *out = khai_ok(other, "import goals '%s'", csv);
    assert_contains(out, "4 added");
    free(out);
    out = khai_ok(other, "list goals --tsv --sort id");
    assert_contains(out, "สมาชิกเครือข่าย\t10\t\tmembers\t\tเครือข่ายอาสา\t");
    free(out);
    /* again: the same goals, matched by title */
    out = khai_ok(other, "import goals '%s'", csv);
    assert_contains(out, "0 added");
    free(out);
    free(other);
    free(csv);
    free(db);
}

const struct CMUnitTest goal_cli_tests[] = {
    cmocka_unit_test(goal_cli_add_edit_list_show_delete),
    cmocka_unit_test(goal_cli_report_tsv_is_the_contract),
    cmocka_unit_test(goal_cli_report_table_fits_80_columns),
    cmocka_unit_test(goal_cli_export_and_import_round_trip),
};
const size_t goal_cli_tests_count = sizeof goal_cli_tests / sizeof goal_cli_tests[0];
