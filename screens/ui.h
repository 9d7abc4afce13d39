/* The screen framework shared by every file in screens/: the state of the running
 * interface, screens as tables of callbacks, the one table of actions and keys, and the
 * one drawing path (sanitised, Thai-aware widths). Only screens/ includes this. */
#ifndef KHAI_UI_H
#define KHAI_UI_H
#include <stdarg.h>
#include <stdbool.h>

#include "db.h"
#include "messages.h"
#include "model.h"
#include "strbuf.h"
#include "undo.h"

/* Keys: Unicode characters as they are, curses function keys moved above Unicode. */
#define UI_FN(k) ((k) + 0x110000)
#define UI_CTRL(c) ((c)&0x1f)
/* A key with Alt: curses delivers Alt-b as Esc, b (see screen_ops.meta_keys). */
#define UI_META(k) ((k) | 0x1000000)
#define UI_IS_META(k) (((k)&0x1000000) != 0)
#define UI_UNMETA(k) ((k) & ~0x1000000)
enum { UI_ESC = 27 };

/* What a key handler asks the main loop to do: handlers never draw. */
enum ui_result {
    UI_HANDLED = 0,
    UI_DIRTY = 1,     /* the screen has rows to redraw */
    UI_POP = 2,       /* close this screen, back to the one below */
    UI_QUIT = 4,      /* leave khai */
    UI_UNHANDLED = 8, /* let the global actions have the key */
    UI_FULL = 16,     /* repaint everything (resize, a screen pushed) */
};

enum action {
    A_NONE,
    A_QUIT,
    A_HELP,
    A_REDRAW,
    A_TAB_NEXT,
    A_TAB_PREV,
    A_TAB_1,
    A_TAB_2,
    A_TAB_3,
    A_TAB_4,
    A_TAB_5,
    A_TAB_6,
    A_UP,
    A_DOWN,
    A_PAGE_UP,
    A_PAGE_DOWN,
    A_HOME,
    A_END,
    A_SEARCH,
    A_SORT,
    A_FILTER,
    A_OPEN,
    A_BACK,
    A_ADD,
    A_EDIT,
    A_DELETE,
    A_UNDO,
    A_DELETED,
    A_CHECKIN,
    A_PRINT,
    A_DONE,
    A_ADD_TASK,
    A_ROLE,
    A_MERGE,
    A_OPEN_EXISTING, /* the form's question about a member who may be the same person */
    A_ADD_ANYWAY,
    A_SAVE,
    A_RELOAD, /* the form: take in someone else's change, keeping what was typed */
    A_NEXT_FIELD,
    A_PREV_FIELD,
    A_FIRST_FIELD,
    A_LAST_FIELD,
    A_NEW_LINE,
    A_COMPLETE,
    A_DAY_PREV, /* the calendar */
    A_DAY_NEXT,
    A_TODAY,
    A_FILTER_PROVINCE, /* the filter chooser's answers */
    A_FILTER_ORG,
    A_FILTER_TAG,
    A_FILTER_STATUS,
    A_FILTER_CLEAR,
    A_YES, /* a question's answers */
    A_NO,
    A_ACCEPT, /* a line asked on the status line */
    A_CANCEL,
    A_ERASE,
    A_CLEAR_LINE,
    A_CATEGORY_1, /* check-in's quota categories, on the keys 1 to 9 */
    A_CATEGORY_9 = A_CATEGORY_1 + 8,
    A_INVITE,         /* an event's detail: invite an organisation */
    A_INVITE_INVITED, /* the answer of an invitation, chosen with one key */
    A_INVITE_CONFIRMED,
    A_INVITE_CANCELLED,
    A_INVITE_DECLINED,
    A_PARTICIPANTS, /* an event: its participants list (screens/ui_participants.c) */
    A_MARK,         /* the participants list: mark a row, all, none; change the marked */
    A_MARK_ALL,
    A_MARK_NONE,
    A_CHANGE_MARKED,
    A_SET_STATUS, /* what ; changes in the marked rows */
    A_SET_CATEGORY,
    A_SET_ROLE,
    A_SET_GROUP,
    A_SET_REASON,
    A_STATUS_INVITED, /* the status ; sets, chosen with one key */
    A_STATUS_CONFIRMED,
    A_STATUS_ATTENDED,
    A_STATUS_ABSENT,
    A_STATUS_CANCELLED,
    A_NEXT_MEETING, /* an event's detail: the next meeting of its series */
    A_NEXT_MAKE,    /* its question: make it, or make it and invite those who came */
    A_NEXT_INVITE,
    A_SERIES_LIST, /* the events list and an event's detail: the list of meeting series */
    A_GO_MONTH,    /* the calendar: a month typed (2553-07, ก.ค. 2553, 2010-07) */
    A_FREQ,        /* a list: the frequency table of the current column */
    A_COL_PREV,    /* a list: the current column */
    A_COL_NEXT,
    A_PRINT_REPORT, /* an event: its report to a PDF file */
    A_GROUPS,       /* an event's detail: its breakout groups (ui_groups.c) */
    A_GROUP_ADD,    /* the groups view */
    A_GROUP_RENAME,
    A_GROUP_FACILITATOR,
    A_GROUP_ROOM,
    A_GROUP_DELETE,
    A_GROUP_RULE,
    A_GROUP_BALANCE,
    A_GROUP_MOVE,
    A_RULE_PROVINCE, /* the rule chosen for an assignment, one key each */
    A_RULE_DISTRICT,
    A_RULE_SUBDISTRICT,
    A_RULE_ORGANISATION,
    A_RULE_CATEGORY,
    A_BALANCE_KEEP, /* how to balance: keep organisations together, or spread them */
    A_BALANCE_SPREAD,
    A_CHECKIN_DAY, /* check-in at a multi-day event: the next day of it */
    A_GOALS,       /* the Reports tab: the list of goals */
    A_COUNT
};

/* Where an action applies: a screen says which of these it is. */
enum context {
    CTX_GLOBAL = 1,
    CTX_LIST = 2,
    CTX_DETAIL = 4,
    CTX_FORM = 8,
    CTX_CHECKIN = 16,
    CTX_TASKS = 32,  /* the tasks list and a task's detail */
    CTX_EVENTS = 64, /* the events list and an event's detail */
    CTX_HELP = 128,
    CTX_FILTER = 256,           /* the filter chooser on the status line */
    CTX_CONFIRM = 512,          /* a yes/no question on the status line */
    CTX_PROMPT = 1024,          /* a line of text asked on the status line */
    CTX_NEW_PERSON = 2048,      /* check-in's form for someone not found */
    CTX_CALENDAR = 4096,        /* the Calendar tab */
    CTX_CATEGORY = 8192,        /* check-in's question: which quota category (its own text) */
    CTX_ANSWER = 16384,         /* an invitation's answer, asked on the status line */
    CTX_SAME_PERSON = 32768,    /* the form's question: open the member it may be, or add */
    CTX_NEW_ORG = 65536,        /* the form's question: an organisation khai does not have */
    CTX_NEXT_MEETING = 1 << 18, /* the question before a next meeting is made */
    CTX_FREQ = 1 << 17,         /* a list's frequency table (F) */
    /* The participants list and its questions (high bits, clear of other new contexts). */
    CTX_PARTICIPANTS = 1 << 20,
    CTX_CHANGE_FIELD = 1 << 21,  /* ; in the participants list: which field */
    CTX_CHANGE_STATUS = 1 << 22, /* ...and, for the status, which one */
    /* An event's breakout groups and a group's people (ui_groups.c), and its questions: by
     * which rule, and how to balance. */
    CTX_GROUPS = 1 << 23,
    CTX_GROUP_RULE = 1 << 24,
    CTX_GROUP_BALANCE = 1 << 25,
    CTX_REPORTS = 1 << 19, /* the Reports tab and the drill-downs under it */
};
#define UI_ALL_CONTEXTS 0x3FFFFFFu

enum { UI_ACTION_KEYS = 4 };

struct action_def {
    enum action action;
    int keys[UI_ACTION_KEYS]; /* the keys that mean it, 0 = none */
    const char *key_name;     /* as shown in help and the status line */
    unsigned contexts;
    const char *label; /* a word or two for the status line (N_(): translate with _()) */
    const char *help;  /* what help says, when more than the label; may be NULL */
};

/* The one table of actions and keys; help is generated from it. */
extern const struct action_def ui_actions[];
extern const int ui_action_count;
/* The action key means in a screen of these contexts, or A_NONE. */
enum action ui_action_for(unsigned contexts, int key);
/* "Enter open  / search  a add ..." for the status line of a screen; n < 0: every action of
 * the contexts. malloc'd. */
char *ui_key_hints(unsigned contexts, const enum action *which, int n);
/* The key name of an action in the contexts ("y"), or "". */
const char *ui_key_name(unsigned contexts, enum action a);

struct ui;
struct screen;

/* The answer to a question asked on the status line. */
struct ui_answer {
    bool given;         /* false: no, or cancelled with Esc */
    enum action action; /* a chooser: the action of the key chosen */
    const char *text;   /* a line: what was typed */
};

struct screen_ops {
    const char *name;
    unsigned contexts;
    /* Esc followed at once by another key arrives as UI_META(key): the form's Readline
     * fields take Alt-b, Alt-f, Alt-d. */
    bool meta_keys;
    /* Draws the body (rows ui->body_top .. ui->body_top + ui->body_rows - 1). full: repaint
     * everything, else only what the screen marked dirty. */
    void (*draw)(struct screen *s, struct ui *ui, bool full);
    /* Handles a key (already mapped to action where the table knows it). */
    int (*key)(struct screen *s, struct ui *ui, int key, enum action a);
    /* Someone changed the data (this session or another): refetch what is shown. Returns
     * UI_DIRTY when anything visible changed. May be NULL. */
    int (*reload)(struct screen *s, struct ui *ui);
    /* Where the terminal cursor should rest (an input field), or -1. May be NULL. */
    void (*cursor)(struct screen *s, struct ui *ui, int *y, int *x);
    /* The status-line key hints. malloc'd. May be NULL. */
    char *(*hints)(struct screen *s, struct ui *ui);
    /* The answer to a question this screen asked (ui_ask_*): question is the screen's own
     * number for it. Returns flags as key does. May be NULL for screens that never ask. */
    int (*answer)(struct screen *s, struct ui *ui, int question, const struct ui_answer *a);
    /* Keeps what the user typed and has not saved (a draft on disk, draft.h): called when
     * khai is idle, and with now before it ends because its terminal went away or a signal
     * came. May be NULL. */
    void (*keep)(struct screen *s, struct ui *ui, bool now);
    void (*close)(struct screen *s);
};

struct screen {
    const struct screen_ops *ops;
    void *state;
};

enum { UI_TABS = 6, UI_TAB_CALENDAR = 4, UI_TAB_REPORTS = 5, UI_MAX_DEPTH = 16 };

/* A question open on the status line: a state of the main loop, which keeps drawing,
 * refreshing and resizing while it waits; the answer goes to the top screen's answer. */
struct ui_question {
    unsigned context;   /* CTX_CONFIRM, CTX_PROMPT or a chooser's context (CTX_FILTER) */
    int id;             /* the asking screen's number for it */
    char *text;         /* the question or the prompt's label */
    struct strbuf line; /* CTX_PROMPT: what is typed so far */
};

struct ui {
    struct db *db;
    bool color;
    struct undo_log *undo;
    int rows, cols;
    int body_top, body_rows; /* the area between the tab bar and the status line */
    int tab; /* 0 members, 1 organisations, 2 events, 3 tasks, 4 calendar, 5 reports */
    struct screen *stack[UI_MAX_DEPTH];
    int depth;
    char *message;
    bool message_error;
    bool tabs_dirty, status_dirty;
    long long counts[KIND_COUNT];
    long long data_version;
    struct ui_question *question; /* NULL when none is open */
    struct draft *drafts;         /* forms a session that ended left unsaved, to offer */
    size_t ndrafts, next_draft;
};

/* Screens. */
void ui_push(struct ui *ui, struct screen *s);
/* Closes the top screen and puts s in its place (a form that opens the member it would
 * duplicate); the handler then returns UI_FULL, never UI_POP. */
void ui_replace(struct ui *ui, struct screen *s);
struct screen *ui_top(struct ui *ui);
/* A message on the status line until the next key. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints the event's sign-in sheet to a new PDF file in the current directory (else the home
 * directory) and says on the status line where it is. */
int ui_print_signin(struct ui *ui, long long event_id);
/* Prints the event's report (as `khai print report event ID`) the same way. */
int ui_print_report(struct ui *ui, long long event_id);
/* Undoes this session's last change and says on the status line what it undid. */
int ui_undo(struct ui *ui);
/* Tell every screen that data changed (after this session wrote something). */
void ui_data_changed(struct ui *ui);
/* Questions on the status line. They return at once (UI_DIRTY, for the handler to return);
 * the answer comes later through the top screen's answer callback with the given id.
 * A yes/no question: given is true for y (or ใ/ช), false for any other key. */
int ui_ask_confirm(struct ui *ui, int id, const char *question);
/* A line of text (Backspace edits, Ctrl-U clears, Enter accepts, Esc cancels), starting
 * from initial (may be NULL). */
int ui_ask_line(struct ui *ui, int id, const char *label, const char *initial);
/* One of the actions of context (CTX_FILTER), shown after label; any other key cancels. */
int ui_ask_choice(struct ui *ui, int id, const char *label, unsigned context);

/* The one drawing path: text sanitised and fitted to exactly cols columns at y, x.
 * attr is a curses attribute (A_BOLD, A_REVERSE, ...). */
void ui_draw_text(int y, int x, int cols, const char *text, int attr);
/* Clears a line of the body from column x. */
void ui_clear_line(int y, int x);

/* KHAI_CPU_LOG=FILE: the CPU of start-up, of each round of keys and of each change another
 * session made, one line each, for the bench (ui_timing.c). No-ops without the variable. */
void ui_timing_open(void);
void ui_timing_close(void);
void ui_timing_begin(void); /* a round of keys (or a poll) starts */
void ui_timing_key(void);   /* one more key in it */
void ui_timing_end(const char *what);

/* Screens the framework knows how to open. */
struct screen *list_screen_new(struct ui *ui, enum kind k);
struct screen *detail_screen_new(struct ui *ui, enum kind k, long long id);
/* Help for the actions of these contexts (CTX_LIST | ... for the whole of khai). */
struct screen *help_screen_new(struct ui *ui, unsigned contexts);
/* A form to add (r->id == 0) or edit r; takes ownership of r. */
struct screen *form_screen_new(struct ui *ui, struct record *r);
/* The form a draft was typed in, reopened with what was typed; NULL with *err (the record
 * it edited is gone). */
struct draft;
struct screen *form_screen_from_draft(struct ui *ui, const struct draft *d, char **err);
struct screen *checkin_screen_new(struct ui *ui, long long event_id);
/* The event's participants: a list paged by key, marking, a change to all marked rows. */
struct screen *participants_screen_new(struct ui *ui, long long event_id);
/* The next meeting of an event's series (ui_next.c), in the asking screen's steps: start
 * finds the date (asking for it as question q_date when the series has no rhythm), date
 * reads the typed date, and both then ask q_confirm; make makes it when the answer came,
 * opens it and puts it on the undo log. */
struct date;
int ui_next_meeting_start(struct ui *ui, long long event_id, int q_date, int q_confirm,
                          struct date *date);
int ui_next_meeting_date(struct ui *ui, const char *text, int q_date, int q_confirm,
                         struct date *date);
int ui_next_meeting_make(struct ui *ui, long long event_id, struct date date, bool invite);

/* The frequency table of the list query q's column f (F_NONE: the name); Enter calls chosen
 * with the value and how it is shown, then closes. q's strings must outlive the screen (the
 * list below it owns them). */
typedef void freq_chosen_fn(void *ctx, struct ui *ui, enum field_id f, const char *value,
                            const char *shown);
struct screen *freq_screen_new(struct ui *ui, const struct list_query *q, enum field_id f,
                               const char *header, freq_chosen_fn *chosen, void *ctx);
/* The Calendar tab, on today. */
struct screen *calendar_screen_new(struct ui *ui);
/* An event's breakout groups (count, facilitator, room) and each group's people. */
struct screen *groups_screen_new(struct ui *ui, long long event_id);
/* The Reports tab: goals, the year's totals and events, members by province. */
struct screen *reports_screen_new(struct ui *ui);

#endif
