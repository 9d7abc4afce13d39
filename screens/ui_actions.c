/* The one table of actions and keys: key handling and the help screen both come from it. */
#include "strbuf.h"
#include "ui.h"

#include <curses.h>

#define ALL_SCREENS (CTX_LIST | CTX_DETAIL | CTX_CHECKIN | CTX_HELP)

const struct action_def ui_actions[] = {
    {A_UP, {UI_FN(KEY_UP), 'k', 0}, "Up/k", CTX_LIST | CTX_DETAIL | CTX_HELP, "up", "ขึ้น",
     "previous row", "แถวก่อนหน้า"},
    {A_DOWN, {UI_FN(KEY_DOWN), 'j', 0}, "Down/j", CTX_LIST | CTX_DETAIL | CTX_HELP, "down", "ลง",
     "next row", "แถวถัดไป"},
    {A_UP, {UI_FN(KEY_UP), 0, 0}, "Up", CTX_CHECKIN, "up", "ขึ้น", "previous match",
     "รายการก่อนหน้า"},
    {A_DOWN, {UI_FN(KEY_DOWN), 0, 0}, "Down", CTX_CHECKIN, "down", "ลง", "next match",
     "รายการถัดไป"},
    {A_PAGE_UP, {UI_FN(KEY_PPAGE), 0, 0}, "PgUp", CTX_LIST | CTX_DETAIL | CTX_HELP, "page up",
     "หน้าก่อน", "previous page", "หน้าก่อนหน้า"},
    {A_PAGE_DOWN, {UI_FN(KEY_NPAGE), ' ', 0}, "PgDn", CTX_LIST | CTX_DETAIL | CTX_HELP,
     "page down", "หน้าถัดไป", "next page", "หน้าถัดไป"},
    {A_HOME, {UI_FN(KEY_HOME), 'g', 0}, "Home/g", CTX_LIST | CTX_DETAIL | CTX_HELP, "first",
     "แรก", "first row", "แถวแรก"},
    {A_END, {UI_FN(KEY_END), 'G', 0}, "End/G", CTX_LIST | CTX_DETAIL | CTX_HELP, "last",
     "สุดท้าย", "last row", "แถวสุดท้าย"},
    {A_OPEN, {'\n', '\r', UI_FN(KEY_ENTER)}, "Enter", CTX_CHECKIN, "check in", "ลงทะเบียน",
     "check in the highlighted person; when nobody matches, add a new person",
     "ลงทะเบียนคนที่เลือก ถ้าไม่พบใครจะเพิ่มคนใหม่"},
    {A_ADD, {UI_CTRL('n'), 0, 0}, "Ctrl-N", CTX_CHECKIN, "new person", "เพิ่มคนใหม่",
     "add someone who is not found (name, organisation, phone) and check them in",
     "เพิ่มคนที่ไม่พบ (ชื่อ หน่วยงาน โทรศัพท์) แล้วลงทะเบียน"},
    {A_UNDO, {UI_CTRL('z'), 0, 0}, "Ctrl-Z", CTX_CHECKIN, "undo", "เลิกทำ",
     "undo the last check-in (letters go to the search line)",
     "เลิกทำการลงทะเบียนล่าสุด (ตัวอักษรใช้พิมพ์ค้นหา)"},
    {A_BACK, {UI_ESC, 0, 0}, "Esc", CTX_CHECKIN, "back", "กลับ",
     "clear the search line; when it is empty, back", "ล้างช่องค้นหา ถ้าว่างอยู่แล้ว กลับ"},
    {A_OPEN, {'\n', '\r', UI_FN(KEY_ENTER)}, "Enter", CTX_LIST | CTX_DETAIL, "open",
     "เปิด", "open, or choose the highlighted row", "เปิด หรือเลือกแถวที่เลือกอยู่"},
    {A_SEARCH, {'/', 0, 0}, "/", CTX_LIST, "search", "ค้นหา",
     "search as you type (name, nickname, organisation, phone digits); Esc clears",
     "ค้นหาขณะพิมพ์ (ชื่อ ชื่อเล่น หน่วยงาน เบอร์โทร) Esc ล้าง"},
    {A_SORT, {'s', 0, 0}, "s", CTX_LIST, "sort", "เรียง", "change the sort order",
     "เปลี่ยนลำดับการเรียง"},
    {A_FILTER, {'f', 0, 0}, "f", CTX_LIST, "filter", "กรอง",
     "filter by province, organisation, tag or status", "กรองตามจังหวัด องค์กร แท็ก หรือสถานะ"},
    {A_ADD, {'a', 0, 0}, "a", CTX_LIST, "add", "เพิ่ม", "add a record", "เพิ่มรายการ"},
    {A_EDIT, {'e', 0, 0}, "e", CTX_LIST | CTX_DETAIL, "edit", "แก้ไข", "edit the record",
     "แก้ไขรายการ"},
    {A_DELETE, {'d', UI_FN(KEY_DC), 0}, "d", CTX_LIST, "delete", "ลบ",
     "delete (asks first; u undoes)", "ลบ (ถามก่อน กด u เพื่อเลิกทำ)"},
    {A_UNDO, {'u', 0, 0}, "u", CTX_LIST | CTX_DETAIL, "undo", "เลิกทำ",
     "undo this session's last change", "เลิกทำการเปลี่ยนแปลงล่าสุดของรอบนี้"},
    {A_DELETED, {'D', 0, 0}, "D", CTX_LIST, "deleted", "ที่ลบ",
     "show deleted records; Enter restores", "แสดงรายการที่ลบ Enter กู้คืน"},
    {A_CHECKIN, {'c', 0, 0}, "c", CTX_EVENTS, "check-in", "ลงทะเบียน",
     "check people in at the door", "ลงทะเบียนผู้เข้าร่วมหน้างาน"},
    {A_DONE, {'x', 0, 0}, "x", CTX_TASKS, "done", "เสร็จ", "mark the task done (again: open)",
     "ทำเครื่องหมายว่าเสร็จ (กดอีกครั้ง: เปิดใหม่)"},
    {A_ADD_TASK, {'t', 0, 0}, "t", CTX_EVENTS, "task", "เพิ่มงาน", "add a follow-up task",
     "เพิ่มงานติดตาม"},
    {A_SAVE, {UI_CTRL('s'), UI_FN(KEY_F(2)), 0}, "Ctrl-S/F2", CTX_FORM, "save", "บันทึก", NULL,
     NULL},
    {A_NEXT_FIELD, {'\t', UI_FN(KEY_DOWN), 0}, "Tab/Down", CTX_FORM, "next field", "ช่องถัดไป",
     NULL, NULL},
    {A_PREV_FIELD, {UI_FN(KEY_BTAB), UI_FN(KEY_UP), 0}, "S-Tab/Up", CTX_FORM, "previous field",
     "ช่องก่อนหน้า", NULL, NULL},
    {A_BACK, {'q', UI_ESC, 0}, "q/Esc", CTX_DETAIL | CTX_HELP, "back", "กลับ",
     "back to the previous screen", "กลับหน้าก่อน"},
    {A_BACK, {UI_ESC, 0, 0}, "Esc", CTX_FORM, "cancel", "ยกเลิก",
     "cancel (asks when something changed)", "ยกเลิก (ถามถ้ามีการแก้ไข)"},
    {A_TAB_1, {'1', 0, 0}, "1", CTX_LIST, "members", "สมาชิก", NULL, NULL},
    {A_TAB_2, {'2', 0, 0}, "2", CTX_LIST, "organisations", "องค์กร", NULL, NULL},
    {A_TAB_3, {'3', 0, 0}, "3", CTX_LIST, "events", "กิจกรรม", NULL, NULL},
    {A_TAB_4, {'4', 0, 0}, "4", CTX_LIST, "tasks", "งานติดตาม", NULL, NULL},
    {A_TAB_NEXT, {'\t', 0, 0}, "Tab", CTX_LIST, "next screen", "หน้าจอถัดไป", NULL, NULL},
    {A_TAB_PREV, {UI_FN(KEY_BTAB), 0, 0}, "S-Tab", CTX_LIST, "previous screen", "หน้าจอก่อนหน้า",
     NULL, NULL},
    {A_HELP, {'?', UI_FN(KEY_F(1)), 0}, "?", CTX_LIST | CTX_DETAIL | CTX_HELP, "help", "วิธีใช้",
     NULL, NULL},
    {A_HELP, {UI_FN(KEY_F(1)), 0, 0}, "F1", CTX_CHECKIN | CTX_FORM, "help", "วิธีใช้", NULL, NULL},
    {A_REDRAW, {UI_CTRL('l'), 0, 0}, "Ctrl-L", CTX_GLOBAL | ALL_SCREENS | CTX_FORM, "redraw",
     "วาดใหม่", "redraw the screen", "วาดหน้าจอใหม่"},
    {A_QUIT, {'q', 0, 0}, "q", CTX_LIST, "quit", "ออก", NULL, NULL},
};

const int ui_action_count = sizeof ui_actions / sizeof ui_actions[0];

enum action ui_action_for(unsigned contexts, int key)
{
    for (int i = 0; i < ui_action_count; i++) {
        if (!(ui_actions[i].contexts & (contexts | CTX_GLOBAL)))
            continue;
        for (int k = 0; k < 3; k++)
            if (ui_actions[i].keys[k] && ui_actions[i].keys[k] == key)
                return ui_actions[i].action;
    }
    return A_NONE;
}

char *ui_key_hints(unsigned contexts, bool thai, const enum action *which, int n)
{
    struct strbuf sb = STRBUF_INIT;
    for (int w = 0; w < n; w++) {
        for (int i = 0; i < ui_action_count; i++) {
            const struct action_def *a = &ui_actions[i];
            if (a->action != which[w] || !(a->contexts & contexts))
                continue;
            sb_addf(&sb, "%s%s %s", sb.len ? "  " : "", a->key_name, thai ? a->th : a->en);
            break;
        }
    }
    return sb_take(&sb);
}
