/* The one table of actions and keys: key handling, the status-line hints and every help
 * screen come from it. Labels and help are English, translated through the catalogue. */
#include "messages.h"
#include "strbuf.h"
#include "ui.h"

#include <curses.h>

#define ALL_SCREENS (CTX_LIST | CTX_DETAIL | CTX_CHECKIN | CTX_HELP)
#define BROWSE (CTX_LIST | CTX_DETAIL | CTX_HELP | CTX_REPORTS)
#define ENTER_KEYS                                                                                 \
    {                                                                                              \
        '\n', '\r', UI_FN(KEY_ENTER), 0                                                            \
    }
#define NO_KEYS                                                                                    \
    {                                                                                              \
        0, 0, 0, 0                                                                                 \
    }

const struct action_def ui_actions[] = {
    {A_UP, {UI_FN(KEY_UP), 'k', 0, 0}, "Up/k", BROWSE, N_("up"), N_("previous row")},
    {A_DOWN, {UI_FN(KEY_DOWN), 'j', 0, 0}, "Down/j", BROWSE, N_("down"), N_("next row")},
    {A_UP, {UI_FN(KEY_UP), 0, 0, 0}, "Up", CTX_CHECKIN, N_("up"), N_("previous match")},
    {A_DOWN, {UI_FN(KEY_DOWN), 0, 0, 0}, "Down", CTX_CHECKIN, N_("down"), N_("next match")},
    {A_PAGE_UP, {UI_FN(KEY_PPAGE), 0, 0, 0}, "PgUp", BROWSE, N_("page up"), N_("previous page")},
    {A_PAGE_DOWN, {UI_FN(KEY_NPAGE), ' ', 0, 0}, "PgDn", BROWSE, N_("page down"), N_("next page")},
    {A_HOME, {UI_FN(KEY_HOME), 'g', 0, 0}, "Home/g", BROWSE, N_("first"), N_("first row")},
    {A_END, {UI_FN(KEY_END), 'G', 0, 0}, "End/G", BROWSE, N_("last"), N_("last row")},
    {A_OPEN, ENTER_KEYS, "Enter", CTX_CHECKIN, N_("check in"),
     N_("check in the highlighted person; when nobody matches, add a new person")},
    {A_ADD,
     {UI_CTRL('n'), 0, 0, 0},
     "Ctrl-N",
     CTX_CHECKIN,
     N_("new person"),
     N_("add someone who is not found (name, organisation, phone) and check them in")},
    {A_UNDO,
     {UI_CTRL('z'), 0, 0, 0},
     "Ctrl-Z",
     CTX_CHECKIN,
     N_("undo"),
     N_("undo the last check-in (letters go to the search line)")},
    {A_BACK,
     {UI_ESC, 0, 0, 0},
     "Esc",
     CTX_CHECKIN,
     N_("back"),
     N_("clear the search line; when it is empty, back")},
    {A_OPEN, ENTER_KEYS, "Enter", CTX_LIST | CTX_DETAIL, N_("open"),
     N_("open, or choose the highlighted row")},
    {A_SEARCH,
     {'/', 0, 0, 0},
     "/",
     CTX_LIST,
     N_("search"),
     N_("search as you type (name, nickname, organisation, phone digits); Esc clears")},
    {A_SORT, {'s', 0, 0, 0}, "s", CTX_LIST, N_("sort"), N_("change the sort order")},
    {A_FILTER,
     {'f', 0, 0, 0},
     "f",
     CTX_LIST,
     N_("filter"),
     N_("filter by province, organisation, tag or status")},
    {A_ADD, {'a', 0, 0, 0}, "a", CTX_LIST, N_("add"), N_("add a record")},
    {A_EDIT, {'e', 0, 0, 0}, "e", CTX_LIST | CTX_DETAIL, N_("edit"), N_("edit the record")},
    {A_DELETE,
     {'d', UI_FN(KEY_DC), 0, 0},
     "d",
     CTX_LIST,
     N_("delete"),
     N_("delete (asks first; u undoes)")},
    {A_UNDO,
     {'u', 0, 0, 0},
     "u",
     CTX_LIST | CTX_DETAIL,
     N_("undo"),
     N_("undo this session's last change")},
    {A_DELETED,
     {'D', 0, 0, 0},
     "D",
     CTX_LIST,
     N_("deleted"),
     N_("show deleted records; Enter restores")},
    {A_CHECKIN, {'c', 0, 0, 0}, "c", CTX_EVENTS, N_("check-in"), N_("check people in at the door")},
    {A_PRINT,
     {'p', 0, 0, 0},
     "p",
     CTX_EVENTS,
     N_("print"),
     N_("print the sign-in sheet to a PDF file (the status line says where)")},
    {A_DONE, {'x', 0, 0, 0}, "x", CTX_TASKS, N_("done"), N_("mark the task done (again: open)")},
    {A_ADD_TASK, {'t', 0, 0, 0}, "t", CTX_EVENTS, N_("new task"), N_("add a follow-up task")},
    {A_INVITE,
     {'i', 0, 0, 0},
     "i",
     CTX_EVENTS,
     N_("invite"),
     N_("invite an organisation to the event; in its detail, Enter on an invited one changes "
        "its answer and reason")},
    {A_ROLE,
     {'r', 0, 0, 0},
     "r",
     CTX_DETAIL,
     N_("role"),
     N_("a member's role and dates at the highlighted organisation")},
    {A_MERGE,
     {'m', 0, 0, 0},
     "m",
     CTX_DETAIL,
     N_("merge"),
     N_("merge the highlighted member, probably the same person, into this one (asks first; u "
        "undoes)")},
    {A_BACK,
     {'q', UI_ESC, 0, 0},
     "q/Esc",
     CTX_DETAIL | CTX_HELP,
     N_("back"),
     N_("back to the previous screen")},

    /* The Calendar tab. */
    {A_DAY_PREV, {UI_FN(KEY_LEFT), 'h', 0, 0}, "Left/h", CTX_CALENDAR, N_("previous day"), NULL},
    {A_DAY_NEXT, {UI_FN(KEY_RIGHT), 'l', 0, 0}, "Right/l", CTX_CALENDAR, N_("next day"), NULL},
    {A_UP,
     {UI_FN(KEY_UP), 'k', 0, 0},
     "Up/k",
     CTX_CALENDAR,
     N_("previous week"),
     N_("a week earlier; in a day's list, the previous row")},
    {A_DOWN,
     {UI_FN(KEY_DOWN), 'j', 0, 0},
     "Down/j",
     CTX_CALENDAR,
     N_("next week"),
     N_("a week later; in a day's list, the next row")},
    {A_PAGE_UP,
     {UI_FN(KEY_PPAGE), 0, 0, 0},
     "PgUp",
     CTX_CALENDAR,
     N_("previous month"),
     N_("the same day a month earlier")},
    {A_PAGE_DOWN,
     {UI_FN(KEY_NPAGE), 0, 0, 0},
     "PgDn",
     CTX_CALENDAR,
     N_("next month"),
     N_("the same day a month later")},
    {A_TODAY, {UI_FN(KEY_HOME), 't', 0, 0}, "Home/t", CTX_CALENDAR, N_("today"), NULL},
    {A_OPEN, ENTER_KEYS, "Enter", CTX_CALENDAR, N_("open"),
     N_("list the day's events and tasks; on one of them, open it")},
    {A_BACK,
     {UI_ESC, 0, 0, 0},
     "Esc",
     CTX_CALENDAR,
     N_("back"),
     N_("from a day's list back to the month")},

    /* The Reports tab and what opens from it. */
    {A_OPEN, ENTER_KEYS, "Enter", CTX_REPORTS, N_("who, what"),
     N_("show the people, events or places behind the number; on one of them, open it")},
    {A_BACK,
     {'q', UI_ESC, 0, 0},
     "q/Esc",
     CTX_REPORTS,
     N_("back"),
     N_("back to the report before (on the Reports tab q quits)")},
    {A_ADD, {'a', 0, 0, 0}, "a", CTX_REPORTS, N_("add goal"), N_("add a goal")},
    {A_EDIT,
     {'e', 0, 0, 0},
     "e",
     CTX_REPORTS,
     N_("edit goal"),
     N_("edit the goal under the cursor or shown")},
    {A_GOALS,
     {'l', 0, 0, 0},
     "l",
     CTX_REPORTS,
     N_("goals"),
     N_("the list of goals, to delete or restore one")},
    {A_DAY_PREV, {'[', 0, 0, 0}, "[", CTX_REPORTS, N_("previous year"), NULL},
    {A_DAY_NEXT,
     {']', 0, 0, 0},
     "[ ]",
     CTX_REPORTS,
     N_("year"),
     N_("the next year (the year of the totals and the events)")},

    /* The filter chooser (f in a list). */
    {A_FILTER_PROVINCE,
     {'p', 0, 0, 0},
     "p",
     CTX_FILTER,
     N_("province"),
     N_("only those in a province")},
    {A_FILTER_ORG,
     {'o', 0, 0, 0},
     "o",
     CTX_FILTER,
     N_("organisation"),
     N_("only members, sub-organisations or events of an organisation")},
    {A_FILTER_TAG, {'t', 0, 0, 0}, "t", CTX_FILTER, N_("tag"), N_("only those with a tag")},
    {A_FILTER_STATUS,
     {'s', 0, 0, 0},
     "s",
     CTX_FILTER,
     N_("status"),
     N_("only events or tasks with a status")},
    {A_FILTER_CLEAR,
     {'c', 0, 0, 0},
     "c",
     CTX_FILTER,
     N_("clear"),
     N_("clear every filter (any other key leaves them as they are)")},

    /* The form's question when the member added may be someone khai has. */
    {A_OPEN_EXISTING,
     {'o', 0, 0, 0},
     "o",
     CTX_SAME_PERSON,
     N_("open them"),
     N_("open the member khai has instead; what was typed is not saved")},
    {A_ADD_ANYWAY,
     {'a', 0, 0, 0},
     "a",
     CTX_SAME_PERSON,
     N_("add anyway"),
     N_("add the new member all the same (any other key goes back to the form)")},

    /* Check-in's question for a walk-in at an event with quotas: its text names the
     * categories; any other key means none. ๑-๙ on a Thai keyboard too. */
    {A_CATEGORY_1, {'1', 0x0E51, 0, 0}, "1", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 1, {'2', 0x0E52, 0, 0}, "2", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 2, {'3', 0x0E53, 0, 0}, "3", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 3, {'4', 0x0E54, 0, 0}, "4", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 4, {'5', 0x0E55, 0, 0}, "5", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 5, {'6', 0x0E56, 0, 0}, "6", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 6, {'7', 0x0E57, 0, 0}, "7", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_1 + 7, {'8', 0x0E58, 0, 0}, "8", CTX_CATEGORY, N_("category"), NULL},
    {A_CATEGORY_9, {'9', 0x0E59, 0, 0}, "9", CTX_CATEGORY, N_("category"), NULL},

    /* An invitation's answer (Enter on an invited organisation in an event's detail). */
    {A_INVITE_INVITED, {'i', 0, 0, 0}, "i", CTX_ANSWER, N_("invited"), N_("no answer yet")},
    {A_INVITE_CONFIRMED, {'c', 0, 0, 0}, "c", CTX_ANSWER, N_("confirmed"), NULL},
    {A_INVITE_CANCELLED, {'x', 0, 0, 0}, "x", CTX_ANSWER, N_("cancelled"), NULL},
    {A_INVITE_DECLINED, {'d', 0, 0, 0}, "d", CTX_ANSWER, N_("declined"), NULL},

    /* Questions on the status line. */
    {A_YES,
     {'y', 'Y', 0x0E43 /* ใ */, 0x0E0A /* ช */},
     "y",
     CTX_CONFIRM,
     N_("yes"),
     N_("yes (ใ or ช on a Thai keyboard)")},
    {A_NO, {'n', 'N', UI_ESC, 0}, "n", CTX_CONFIRM, N_("no"), N_("no (any other key too)")},
    {A_ACCEPT, ENTER_KEYS, "Enter", CTX_PROMPT, N_("accept"), N_("take what is typed")},
    {A_CANCEL, {UI_ESC, 0, 0, 0}, "Esc", CTX_PROMPT, N_("cancel"), N_("cancel, changing nothing")},
    {A_ERASE,
     {UI_FN(KEY_BACKSPACE), 127, 8, 0},
     "Backspace",
     CTX_PROMPT,
     N_("erase"),
     N_("erase the last character")},
    {A_CLEAR_LINE,
     {UI_CTRL('u'), 0, 0, 0},
     "Ctrl-U",
     CTX_PROMPT,
     N_("clear"),
     N_("clear the line")},

    /* The form. Keys GNU Readline handles itself are listed (A_NONE) so help shows them. */
    {A_SAVE,
     {UI_CTRL('s'), UI_FN(KEY_F(2)), 0, 0},
     "Ctrl-S/F2",
     CTX_FORM | CTX_NEW_PERSON,
     N_("save"),
     NULL},
    {A_RELOAD,
     {UI_FN(KEY_F(5)), 0, 0, 0},
     "F5",
     CTX_FORM,
     N_("reload"),
     N_("after someone else changed the record: take in their version, keeping what you "
        "typed")},
    {A_NEXT_FIELD, {'\t', UI_FN(KEY_DOWN), 0, 0}, "Tab/Down", CTX_FORM, N_("next field"), NULL},
    {A_PREV_FIELD,
     {UI_FN(KEY_BTAB), UI_FN(KEY_UP), 0, 0},
     "S-Tab/Up",
     CTX_FORM | CTX_NEW_PERSON,
     N_("previous field"),
     NULL},
    {A_NEW_LINE, ENTER_KEYS, "Enter", CTX_FORM, N_("next field"),
     N_("next field; in notes, agenda and minutes a new line")},
    {A_FIRST_FIELD, {UI_FN(KEY_PPAGE), 0, 0, 0}, "PgUp", CTX_FORM, N_("first field"), NULL},
    {A_LAST_FIELD, {UI_FN(KEY_NPAGE), 0, 0, 0}, "PgDn", CTX_FORM, N_("last field"), NULL},
    {A_COMPLETE, NO_KEYS, "Tab", CTX_FORM, N_("complete"),
     N_("complete the word when the field has candidates, else next field")},
    {A_NONE, NO_KEYS, "Ctrl-Space", CTX_FORM, N_("candidates"),
     N_("list the candidates for this field")},
    {A_NONE, NO_KEYS, "Ctrl-P/N/R", CTX_FORM, N_("history"),
     N_("earlier and later entries of this field; search them")},
    {A_NONE, NO_KEYS, "C-a C-e", CTX_FORM, N_("start, end"),
     N_("start and end of the text; C-b C-f M-b M-f: a character, a word")},
    {A_NONE, NO_KEYS, "C-k C-u", CTX_FORM, N_("cut"),
     N_("cut to the end, to the start; C-w M-d: a word; C-y pastes what was cut")},
    {A_NONE, NO_KEYS, "C-_", CTX_FORM, N_("undo"), N_("undo typing (Emacs keys of GNU Readline)")},
    {A_NONE, NO_KEYS, "", CTX_FORM, N_("full name"),
     N_("Full name: a name with its title glued on fills title, given and family name")},
    {A_BACK,
     {UI_ESC, 0, 0, 0},
     "Esc",
     CTX_FORM,
     N_("cancel"),
     N_("cancel (asks when something changed)")},

    /* Check-in's form for someone not found. */
    {A_NEXT_FIELD,
     {'\n', '\r', UI_FN(KEY_ENTER), UI_FN(KEY_DOWN)},
     "Enter",
     CTX_NEW_PERSON,
     N_("next (last: save)"),
     N_("next field; on the last one, save")},
    {A_COMPLETE,
     {'\t', 0, 0, 0},
     "Tab",
     CTX_NEW_PERSON,
     N_("complete organisation"),
     N_("complete a known organisation, else next field")},
    {A_BACK,
     {UI_ESC, 0, 0, 0},
     "Esc",
     CTX_NEW_PERSON,
     N_("cancel"),
     N_("cancel: back to the search line")},

    {A_TAB_1, {'1', 0, 0, 0}, "1", CTX_LIST, N_("members"), NULL},
    {A_TAB_2, {'2', 0, 0, 0}, "2", CTX_LIST, N_("organisations"), NULL},
    {A_TAB_3, {'3', 0, 0, 0}, "3", CTX_LIST, N_("events"), NULL},
    {A_TAB_4, {'4', 0, 0, 0}, "4", CTX_LIST, N_("tasks"), NULL},
    {A_TAB_5, {'5', 0, 0, 0}, "5", CTX_LIST, N_("calendar"), NULL},
    {A_TAB_6, {'6', 0, 0, 0}, "6", CTX_LIST, N_("reports"), NULL},
    {A_TAB_NEXT, {'\t', 0, 0, 0}, "Tab", CTX_LIST, N_("next screen"), NULL},
    {A_TAB_PREV, {UI_FN(KEY_BTAB), 0, 0, 0}, "S-Tab", CTX_LIST, N_("previous screen"), NULL},
    {A_HELP, {'?', UI_FN(KEY_F(1)), 0, 0}, "?", BROWSE, N_("help"), NULL},
    {A_HELP,
     {UI_FN(KEY_F(1)), 0, 0, 0},
     "F1",
     CTX_CHECKIN | CTX_FORM | CTX_NEW_PERSON,
     N_("keys"),
     N_("the keys of this screen")},
    {A_REDRAW,
     {UI_CTRL('l'), 0, 0, 0},
     "Ctrl-L",
     CTX_GLOBAL | ALL_SCREENS | CTX_FORM,
     N_("redraw"),
     N_("redraw the screen")},
    {A_QUIT, {'q', 0, 0, 0}, "q", CTX_LIST, N_("quit"), NULL},
};

const int ui_action_count = sizeof ui_actions / sizeof ui_actions[0];

enum action ui_action_for(unsigned contexts, int key)
{
    for (int i = 0; i < ui_action_count; i++) {
        if (!(ui_actions[i].contexts & (contexts | CTX_GLOBAL))) continue;
        for (int k = 0; k < UI_ACTION_KEYS; k++)
            if (ui_actions[i].keys[k] && ui_actions[i].keys[k] == key) return ui_actions[i].action;
    }
    return A_NONE;
}

static const struct action_def *find(unsigned contexts, enum action a)
{
    for (int i = 0; i < ui_action_count; i++)
        if (ui_actions[i].action == a && (ui_actions[i].contexts & contexts)) return &ui_actions[i];
    return NULL;
}

const char *ui_key_name(unsigned contexts, enum action a)
{
    const struct action_def *d = find(contexts, a);
    return d ? d->key_name : "";
}

char *ui_key_hints(unsigned contexts, const enum action *which, int n)
{
    struct strbuf sb = STRBUF_INIT;
    for (int i = 0; n < 0 && i < ui_action_count; i++) {
        const struct action_def *a = &ui_actions[i];
        if (a->action != A_NONE && (a->contexts & contexts))
            sb_addf(&sb, "%s%s %s", sb.len ? "  " : "", a->key_name, _(a->label));
    }
    for (int w = 0; w < n; w++) {
        const struct action_def *a = find(contexts, which[w]);
        if (a) sb_addf(&sb, "%s%s %s", sb.len ? "  " : "", a->key_name, _(a->label));
    }
    return sb_take(&sb);
}
