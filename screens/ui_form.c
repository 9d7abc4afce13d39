/* The form that adds or edits a record of any kind: one labelled field per line, scrolling
 * when the form is taller than the screen, read-only fields shown but skipped. The focused
 * field is edited by GNU Readline through its callback interface, so Emacs keys, a history
 * per field and completion work as in a shell; readline never touches the terminal: it
 * reads the bytes the form feeds it, writes to /dev/null, and the form draws its line.
 *
 * Keys, in the order the form looks at them (F1 shows them, from the action table):
 * - Ctrl-S or F2 saves; Esc cancels (asking when something changed). Esc followed at once by
 *   another key is that key with Alt (M-b, M-f, M-d...): curses delivers Alt-b as ESC, b.
 * - Tab completes when the field has a completion source (organisations, provinces,
 *   members, tags, choices, yes/no, districts, subdistricts, positions, venues, participant
 *   categories), the cursor is at the end of the text, the word being typed (in list fields
 *   the part after the last ";") is not empty, and some candidate differs from it; in every
 *   other case Tab moves to the next field. So Tab on a finished or unknown value always
 *   moves on, and Down moves on even from a half-typed word. Ctrl-Space lists the
 *   candidates, even for an empty word.
 * - Down and Shift-Tab/Up move between fields (so readline's history is on C-p and C-n, and
 *   C-r searches it); PgUp/PgDn go to the first and last field.
 * - Enter moves to the next field, except in multi-line fields (notes, agenda, minutes)
 *   where it starts a new line: those fields show one row per line while focused, and their
 *   text wrapped in up to three rows otherwise.
 * - Thai characters are checked against the WTT input-sequence rules before readline sees
 *   them: an impossible one (a second tone mark, a vowel mark with no consonant) is refused
 *   with a message. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "complete.h"
#include "draft.h"
#include "fieldedit.h"
#include "honorific.h"
#include "identity.h"
#include "messages.h"
#include "strbuf.h"
#include "suggest.h"
#include "text.h"
#include "thaidate.h"
#include "timestamp.h"
#include "quota.h"
#include "ui.h"
#include "views.h"
#include "xalloc.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <readline/history.h>
#include <readline/readline.h>

enum {
    NAME_SLOT = -1,      /* the members' "full name" field, which fills title/given/family */
    HISTORY_SLOTS = 40,  /* per kind: one history per field, the last for the full name */
    COMPLETE_LIMIT = 50, /* candidates asked for at a time */
    MATCH_ROWS = 3,      /* rows of completion candidates under a field */
    WRAP_ROWS = 3,       /* rows of an unfocused multi-line field */
    MULTI_ROWS = 6,      /* rows of a focused multi-line field */
    QUEUE_BYTES = 64,
    DRAFT_EVERY_MS = 1000, /* while typing, the draft on disk is at most this far behind */
};

enum { Q_DISCARD, Q_SAME_PERSON, Q_NEW_ORG, Q_CREATE_ORG }; /* the questions the form asks */

struct ffield {
    int fi;        /* index in the kind's fields, or NAME_SLOT */
    bool editable; /* read-only fields are shown and skipped */
    char *text;    /* what the field holds; the focused field's live text is readline's */
    char *initial; /* as the form opened: only fields that differ are saved */
    char *error;   /* the save error that names this field */
};

struct form_state {
    struct db *db;
    struct record *orig; /* as opened; a save works on a copy of it */
    const struct kind_info *ki;
    struct ffield *f;
    int n;
    int cur;        /* the focused field */
    int top;        /* the first form row shown */
    size_t hfirst;  /* horizontal scroll of the focused line, bytes from its start */
    int hline;      /* the logical line hfirst belongs to */
    int mtop;       /* the first line shown of a focused multi-line field */
    char **matches; /* the last completion listing, shown under the field */
    size_t nmatches;
    char *accepted;        /* a line readline accepted (C-o, C-d): the form moves on */
    int cy, cx;            /* where the terminal cursor rests; cy < 0 hides it */
    char *db_path;         /* the database's absolute path, which the draft names */
    struct record *theirs; /* the record as someone else saved it meanwhile (a conflict) */
    bool typed;            /* typed into since the draft was last kept */
    long long kept_ms;
    long long known; /* a new member: the member khai has who may be them (asked about) */
    bool add_anyway; /* the user said to add them all the same */
    /* An organisation named that khai does not have, asked about: create it, or take the one
     * it probably meant. */
    struct missing_org missing;
    char *meant;       /* the name of the organisation it probably meant, or NULL */
    bool orgs_checked; /* the user said no to creating: save and show the field's error */
    char *event_text;  /* a task's event as last looked up for its due date's preview */
    struct date event_date;
};

/* readline's callbacks take no context: the form being edited. */
static struct form_state *active;

/* The bytes fed to readline, read back one at a time through rl_getc_function. */
static unsigned char queue[QUEUE_BYTES];
static size_t queue_head, queue_tail;

/* Histories outlive forms, so a venue typed in one event form is C-p away in the next. */
static HISTORY_STATE *histories[KIND_COUNT][HISTORY_SLOTS];

static const struct field *field_of(const struct form_state *st, const struct ffield *ff)
{
    return ff->fi >= 0 ? &st->ki->fields[ff->fi] : NULL;
}

static const char *label_of(const struct form_state *st, const struct ffield *ff)
{
    const struct field *f = field_of(st, ff);
    return f ? field_label(f) : _("Full name");
}

static bool is_multiline(const struct form_state *st, const struct ffield *ff)
{
    const struct field *f = field_of(st, ff);
    return f && f->type == FT_MULTILINE;
}

static bool is_list(const struct field *f)
{
    return f && (f->type == FT_ORGS || f->type == FT_TAGS || f->type == FT_OWNERS);
}

static bool completable(const struct form_state *st, const struct ffield *ff)
{
    const struct field *f = field_of(st, ff);
    return f && (f->type == FT_CHOICE || f->type == FT_BOOL ||
                 complete_has_source(field_id(st->ki->kind, ff->fi)));
}

static int history_slot(const struct ffield *ff)
{
    int slot = ff->fi >= 0 ? ff->fi : HISTORY_SLOTS - 1;
    return slot < HISTORY_SLOTS ? slot : HISTORY_SLOTS - 1;
}

static void free_matches(struct form_state *st)
{
    strings_free(st->matches, st->nmatches);
    st->matches = NULL;
    st->nmatches = 0;
}

/* ---- readline's side: input queue, hooks, completion ---- */

static int next_byte(FILE *unused)
{
    (void)unused;
    /* readline asks only while bytes are queued; NUL (set-mark) is a harmless answer should
     * it ever ask more, where EOF would accept the line. */
    return queue_head < queue_tail ? queue[queue_head++] : 0;
}

static int bytes_waiting(void)
{
    return queue_head < queue_tail;
}

/* The main loop alone draws: readline's redisplay only means "the line changed", and every
 * key handled is followed by a draw of the form, which shows rl_line_buffer. */
static void note_redisplay(void) {}

static void no_prep(int meta)
{
    (void)meta;
}

static void no_deprep(void) {}

static void line_accepted(char *line)
{
    if (active && line) {
        free(active->accepted);
        active->accepted = line;
    } else {
        free(line);
    }
}

static void feed(const char *bytes, size_t n)
{
    if (n > QUEUE_BYTES) n = QUEUE_BYTES;
    memcpy(queue, bytes, n);
    queue_head = 0;
    queue_tail = n;
    while (queue_head < queue_tail || rl_pending_input)
        rl_callback_read_char();
    queue_head = queue_tail = 0;
}

static void feed_str(const char *bytes)
{
    feed(bytes, strlen(bytes));
}

static char **field_candidates(struct form_state *st, const struct ffield *ff, const char *prefix,
                               size_t *n)
{
    const struct field *f = field_of(st, ff);
    char **out = NULL;
    *n = 0;
    if (!f) return NULL;
    if (f->type == FT_CHOICE)
        *n = fe_choice_matches(f->choices, messages_thai(), prefix, &out);
    else if (f->type == FT_BOOL)
        *n = fe_choice_matches(fe_bool_choices, messages_thai(), prefix, &out);
    else {
        char *err = NULL;
        if (complete_values(st->db, field_id(st->ki->kind, ff->fi), prefix, COMPLETE_LIMIT, &out, n,
                            &err) != 0) {
            free(err);
            out = NULL;
            *n = 0;
        }
    }
    return out;
}

/* The candidates of the completion in progress, for next_match. */
static char **gen_list;
static size_t gen_n, gen_i;
static char *gen_lead;

static char *next_match(const char *text, int state)
{
    (void)text;
    if (!state) gen_i = 0;
    return gen_i < gen_n ? xasprintf("%s%s", gen_lead, gen_list[gen_i++]) : NULL;
}

/* readline's word for list fields starts after the ";" and keeps the space after it: the
 * candidates are looked up without it and handed back with it. */
static char **attempt_completion(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    rl_completion_append_character = '\0';
    if (!active || !completable(active, &active->f[active->cur])) return NULL;
    size_t lead = strspn(text, " ");
    gen_list = field_candidates(active, &active->f[active->cur], text + lead, &gen_n);
    gen_lead = xstrndup(text, lead);
    char **matches = gen_n ? rl_completion_matches(text, next_match) : NULL;
    strings_free(gen_list, gen_n);
    gen_list = NULL;
    gen_n = 0;
    free(gen_lead);
    gen_lead = NULL;
    return matches;
}

static char *no_entry(const char *text, int state)
{
    (void)text;
    (void)state;
    return NULL;
}

static void show_matches(char **matches, int n, int max_length)
{
    (void)max_length;
    if (!active) return;
    free_matches(active);
    active->matches = xcalloc((size_t)n + 1, sizeof *active->matches);
    for (int i = 1; i <= n; i++)
        active->matches[active->nmatches++] = xstrdup(matches[i] + strspn(matches[i], " "));
}

/* Everything readline would do to the terminal is switched off before it first
 * initialises: with its own input and redisplay functions it does not even load terminfo. */
static void readline_setup(void)
{
    static FILE *sink;
    if (!sink) {
        sink = fopen("/dev/null", "r+");
        if (!sink) sink = tmpfile();
    }
    rl_instream = sink;
    rl_outstream = sink;
    rl_readline_name = "khai";
    rl_getc_function = next_byte;
    rl_input_available_hook = bytes_waiting;
    rl_redisplay_function = note_redisplay;
    rl_prep_term_function = no_prep;
    rl_deprep_term_function = no_deprep;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_attempted_completion_function = attempt_completion;
    rl_completion_entry_function = no_entry;
    rl_completion_display_matches_hook = show_matches;
    rl_sort_completion_matches = 0; /* candidates come in Thai dictionary order */
}

/* After the user's ~/.inputrc: Esc belongs to the form, so emacs mode whatever it says. */
static void readline_settings(void)
{
    rl_variable_bind("editing-mode", "emacs");
    rl_variable_bind("bell-style", "none");
    rl_variable_bind("show-all-if-ambiguous", "on");
    rl_variable_bind("completion-ignore-case", "on");
    rl_variable_bind("enable-bracketed-paste", "off");
    rl_variable_bind("revert-all-at-newline", "on");
}

/* ---- fields: focus, commit, history ---- */

static void history_enter(struct form_state *st, const struct ffield *ff)
{
    HISTORY_STATE empty = {0};
    HISTORY_STATE *h = histories[st->ki->kind][history_slot(ff)];
    history_set_history_state(h ? h : &empty);
    using_history();
}

static void history_leave(struct form_state *st, const struct ffield *ff)
{
    HISTORY_STATE **h = &histories[st->ki->kind][history_slot(ff)];
    free(*h);
    *h = history_get_history_state();
    HISTORY_STATE empty = {0};
    history_set_history_state(&empty);
}

static void remember(const struct ffield *ff, const char *line)
{
    if (!*line || strcmp(line, ff->initial) == 0) return;
    HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
    if (!last || strcmp(last->line, line) != 0) add_history(line);
}

static struct ffield *field_at(struct form_state *st, int fi)
{
    for (int i = 0; i < st->n; i++)
        if (fi >= 0 && st->f[i].fi == fi) return &st->f[i];
    return NULL;
}

static struct ffield *field_named(struct form_state *st, enum field_id f)
{
    return field_kind(f) == st->ki->kind ? field_at(st, field_pos(f)) : NULL;
}

static struct ffield *name_field(struct form_state *st)
{
    for (int i = 0; i < st->n; i++)
        if (st->f[i].fi == NAME_SLOT) return &st->f[i];
    return NULL;
}

static void set_text(struct ffield *ff, const char *text)
{
    if (!ff || strcmp(ff->text, text) == 0) return;
    free(ff->text);
    ff->text = xstrdup(text);
    free(ff->error);
    ff->error = NULL;
}

/* A full name typed with its title glued on fills the three name fields. */
static void split_full_name(struct form_state *st, struct ffield *ff)
{
    struct person_name pn;
    if (name_split(ff->text, &pn) != 0) {
        if (strspn(ff->text, " ") < strlen(ff->text))
            ff->error = xstrdup(_("no given name in the full name"));
        return;
    }
    set_text(field_named(st, F_MEMBER_TITLE), pn.title ? pn.title : "");
    set_text(field_named(st, F_MEMBER_GIVEN_NAME), pn.given);
    set_text(field_named(st, F_MEMBER_FAMILY_NAME), pn.family ? pn.family : "");
    person_name_free(&pn);
}

/* After the name fields were edited one by one, the full name shows what they make. */
static void join_full_name(struct form_state *st)
{
    struct ffield *name = name_field(st);
    if (!name) return;
    struct record *tmp = record_new(KIND_MEMBER);
    static const enum field_id parts[] = {F_MEMBER_TITLE, F_MEMBER_GIVEN_NAME,
                                          F_MEMBER_FAMILY_NAME};
    for (int i = 0; i < 3; i++) {
        struct ffield *ff = field_named(st, parts[i]);
        record_set(tmp, parts[i], ff ? ff->text : "");
    }
    char *full = record_display_name(tmp);
    set_text(name, full);
    free(full);
    record_free(&tmp);
}

/* Takes the focused field's text into the form; the full name fills the name fields, and the
 * name fields edited one by one make the full name. */
static void commit(struct form_state *st, const char *line)
{
    struct ffield *ff = &st->f[st->cur];
    if (strcmp(line, ff->text) == 0) return;
    set_text(ff, line);
    if (ff->fi == NAME_SLOT) {
        split_full_name(st, ff);
    } else {
        enum field_id f = field_id(st->ki->kind, ff->fi);
        if (f == F_MEMBER_TITLE || f == F_MEMBER_GIVEN_NAME || f == F_MEMBER_FAMILY_NAME)
            join_full_name(st);
    }
}

/* An unfinished search would go on in the next field: finish it, keeping what it found. */
static void end_search(void)
{
    if (RL_ISSTATE(RL_STATE_ISEARCH))
        feed_str("\x05");
    else if (RL_ISSTATE(RL_STATE_NSEARCH))
        feed_str("\x07");
}

/* Leaves the focused field as a shell leaves a line, by accepting it: readline then puts
 * back the history lines edited while recalled (revert-all-at-newline) and frees their undo
 * lists, all while this field's own history is still the current one. */
static void leave(struct form_state *st)
{
    end_search();
    free(st->accepted);
    st->accepted = NULL;
    feed_str("\r");
    char *line = st->accepted;
    st->accepted = NULL;
    if (!line) { /* readline was inside a key sequence (C-x, C-v...): clear the line by hand */
        line = xstrdup(rl_line_buffer);
        rl_maybe_unsave_line();
        rl_replace_line("", 1);
    }
    remember(&st->f[st->cur], line);
    commit(st, line);
    free(line);
    history_leave(st, &st->f[st->cur]);
}

static void enter(struct form_state *st, int i)
{
    st->cur = i;
    st->hfirst = 0;
    st->hline = -1;
    st->mtop = 0;
    free_matches(st);
    struct ffield *ff = &st->f[i];
    history_enter(st, ff);
    rl_replace_line(ff->text, 1);
    rl_point = rl_end;
    rl_mark = 0;
    rl_completer_word_break_characters = is_list(field_of(st, ff)) ? ";," : "\n";
}

static int step(const struct form_state *st, int from, int dir)
{
    for (int i = from + dir; i >= 0 && i < st->n; i += dir)
        if (st->f[i].editable) return i;
    return from;
}

static int move_to(struct form_state *st, int i)
{
    if (i == st->cur) return UI_DIRTY;
    leave(st);
    enter(st, i);
    return UI_DIRTY;
}

static bool form_changed(const struct form_state *st)
{
    if (strcmp(rl_line_buffer, st->f[st->cur].text) != 0) return true;
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->f[i].text, st->f[i].initial) != 0) return true;
    return false;
}

/* ---- saving ---- */

static void clear_errors(struct form_state *st)
{
    for (int i = 0; i < st->n; i++) {
        free(st->f[i].error);
        st->f[i].error = NULL;
    }
}

/* The form's field an error names, when the user can fix it there. */
static struct ffield *field_in_error(struct form_state *st, const struct model_error *e)
{
    struct ffield *ff = e->field == F_FULL_NAME ? name_field(st)
                        : e->field == F_NONE    ? NULL
                                                : field_named(st, e->field);
    return ff && ff->editable ? ff : NULL;
}

static void show_error(struct form_state *st, struct ui *ui, const struct model_error *e)
{
    struct ffield *ff = field_in_error(st, e);
    char *why = model_error_message(e);
    if (!ff) {
        char *text = model_error_text(e); /* "changed by X at T" and the like */
        ui_message(ui, true, "%s", text);
        free(text);
        free(why);
        return;
    }
    ui_message(ui, true, "%s: %s", model_error_field_label(e), why);
    ff->error = why;
    move_to(st, (int)(ff - st->f));
}

static struct record *edited_copy(struct form_state *st)
{
    struct record *w = record_copy(st->orig);
    for (int i = 0; i < st->n; i++) {
        const struct ffield *ff = &st->f[i];
        if (ff->fi >= 0 && ff->editable && strcmp(ff->text, ff->initial) != 0)
            record_set(w, field_id(w->kind, ff->fi), ff->text);
    }
    return w;
}

static char *initial_text(const struct record *r, int fi);
static enum date_style form_dates(void);

/* A field the user changed that someone else changed too since the form was opened. */
static bool both_changed(const struct form_state *st, const struct ffield *ff)
{
    return ff->fi >= 0 && ff->editable && strcmp(ff->text, ff->initial) != 0 &&
           strcmp(st->theirs->values[ff->fi], st->orig->values[ff->fi]) != 0;
}

/* When the save failed because someone else saved a change to a field changed here: says
 * so in a line that fits the screen, and shows their value under each such field; F5 then
 * takes in their version. Returns false when that was not why. */
static bool show_conflict(struct form_state *st, struct ui *ui)
{
    struct record *now = NULL;
    char *err = NULL;
    if (record_load(ui->db, st->orig->kind, st->orig->id, &now, &err) != 0 ||
        now->version == st->orig->version || now->deleted_at) {
        free(err);
        record_free(&now);
        return false;
    }
    record_free(&st->theirs);
    st->theirs = now;
    char when[64];
    timestamp_local(now->updated_at, when, sizeof when);
    int first = -1;
    for (int i = 0; i < st->n; i++) {
        struct ffield *ff = &st->f[i];
        if (!both_changed(st, ff)) continue;
        char *value = view_value(now, ff->fi, messages_thai() ? DATE_THAI : DATE_ISO);
        free(ff->error);
        ff->error = xasprintf(_("%s saved \"%s\" here at %s"), now->updated_by, value, when);
        free(value);
        if (first < 0) first = i;
    }
    ui_message(ui, true, _("Changed by %s at %s: F5 takes in their version, keeping yours"),
               now->updated_by, when);
    if (first >= 0) move_to(st, first);
    return true;
}

/* F5 after a conflict: the form now edits their version, with every field typed here kept
 * as typed (so Ctrl-S saves it over theirs, now seen) and every other field theirs. */
static int reload(struct form_state *st, struct ui *ui)
{
    if (!st->theirs) {
        ui_message(ui, false, "%s", _("Nothing to reload: nobody else changed this record"));
        return UI_DIRTY;
    }
    commit(st, rl_line_buffer);
    for (int i = 0; i < st->n; i++) {
        struct ffield *ff = &st->f[i];
        if (ff->fi < 0) continue;
        char *theirs = initial_text(st->theirs, ff->fi);
        if (strcmp(ff->text, ff->initial) == 0) set_text(ff, theirs);
        free(ff->initial);
        ff->initial = theirs;
        free(ff->error);
        ff->error = NULL;
    }
    if (name_field(st)) join_full_name(st);
    record_free(&st->orig);
    st->orig = st->theirs;
    st->theirs = NULL;
    rl_replace_line(st->f[st->cur].text, 1);
    rl_point = rl_end;
    ui_message(ui, false, "%s", _("Reloaded: what you typed is kept; Ctrl-S saves it"));
    return UI_DIRTY;
}

/* A new member with a member's phone, e-mail or LINE ID, or with a member's name: asks
 * whether to open that member instead or add them all the same (identity.h). True when
 * asked. */
static bool ask_same_person(struct form_state *st, struct ui *ui, const struct record *w)
{
    struct identity p;
    identity_of_record(ui->db, w, &p);
    struct identity_match *m;
    size_t n;
    char *err = NULL;
    int rc = identity_find(ui->db, &p, 0, &m, &n, &err);
    identity_free(&p);
    free(err);
    const struct identity_match *best = rc == 0 ? identity_best(m, n, IDENTITY_DIFFERENT) : NULL;
    if (best) {
        st->known = best->id;
        char *q =
            best->judgement.verdict == IDENTITY_SAME
                ? xasprintf(_("Already member %lld %s (%s):"), best->id, best->name, best->reason)
                : xasprintf(_("Probably member %lld %s (%s):"), best->id, best->name, best->reason);
        ui_ask_choice(ui, Q_SAME_PERSON, q, CTX_SAME_PERSON);
        free(q);
    }
    if (rc == 0) identity_matches_free(m, n);
    return best != NULL;
}

static void forget_missing(struct form_state *st)
{
    free(st->missing.name);
    free(st->meant);
    st->missing = (struct missing_org){F_NONE, NULL};
    st->meant = NULL;
}

/* An organisation named that khai does not have: asks whether to take the one it probably
 * meant (did you mean) or to create it, or, when it resembles none, whether to create it.
 * True when asked. */
static bool ask_missing_org(struct form_state *st, struct ui *ui, const struct record *w)
{
    struct missing_org *m;
    size_t n;
    char *err = NULL;
    forget_missing(st);
    if (st->orgs_checked || record_missing_orgs(ui->db, w, &m, &n, &err) != 0) {
        free(err);
        return false;
    }
    if (n == 0) return false;
    st->missing = m[0];
    m[0].name = NULL;
    missing_orgs_free(m, n);
    struct org_suggestion *sg;
    size_t ns = 0;
    if (org_suggest(ui->db, st->missing.name, &sg, &ns, &err) != 0) free(err);
    if (ns) {
        st->meant = xstrdup(sg[0].name);
        char *q = xasprintf(_("Did you mean %s?"), sg[0].name);
        ui_ask_choice(ui, Q_NEW_ORG, q, CTX_NEW_ORG);
        free(q);
        org_suggestions_free(sg, ns);
    } else {
        char *q = xasprintf(_("No organisation \"%s\": create it?"), st->missing.name);
        ui_ask_confirm(ui, Q_CREATE_ORG, q);
        free(q);
    }
    return true;
}

/* The field that named the missing organisation names the one meant instead. */
static void take_meant(struct form_state *st)
{
    struct ffield *ff = field_named(st, st->missing.field);
    char *at = ff ? strstr(ff->text, st->missing.name) : NULL;
    if (!at) return;
    char *text = xasprintf("%.*s%s%s", (int)(at - ff->text), ff->text, st->meant,
                           at + strlen(st->missing.name));
    set_text(ff, text);
    free(text);
    if (ff == &st->f[st->cur]) rl_replace_line(ff->text, 1), rl_point = rl_end;
}

/* Creates the organisation as typed; u undoes it after the record. */
static bool create_missing(struct form_state *st, struct ui *ui)
{
    long long id;
    char *err = NULL;
    struct record *org = NULL;
    if (org_create_named(ui->db, st->missing.name, &id, &err) != 0 ||
        record_load(ui->db, KIND_ORG, id, &org, &err) != 0) {
        ui_message(ui, true, "%s", err);
        free(err);
        return false;
    }
    undo_record_added(ui->undo, org);
    record_free(&org);
    ui_data_changed(ui);
    return true;
}

/* Saved, but the quotas cannot be met as written: the status line says why (the first of
 * the warnings, and how many more `khai check` lists). */
static void warn_quotas(struct ui *ui, long long event_id)
{
    char **lines, *err = NULL;
    size_t n;
    if (quota_warnings(ui->db, event_id, &lines, &n, &err) != 0) {
        free(err);
        return;
    }
    if (n == 1)
        ui_message(ui, true, _("Saved, but %s"), lines[0]);
    else if (n > 1)
        ui_message(ui, true, _("Saved, but %s (and %zu more: khai check lists them)"), lines[0],
                   n - 1);
    quota_warnings_free(lines, n);
}

static int save(struct form_state *st, struct ui *ui)
{
    end_search();
    commit(st, rl_line_buffer);
    struct ffield *name = name_field(st);
    if (name && name->error) {
        ui_message(ui, true, "%s", name->error);
        move_to(st, (int)(name - st->f));
        return UI_DIRTY;
    }
    if (st->orig->id && !form_changed(st)) {
        ui_message(ui, false, "%s", _("Nothing changed"));
        return UI_POP;
    }
    clear_errors(st);
    struct record *w = edited_copy(st);
    if (st->orig->id == 0 && w->kind == KIND_MEMBER && !st->add_anyway &&
        ask_same_person(st, ui, w)) {
        record_free(&w);
        return UI_DIRTY;
    }
    if (ask_missing_org(st, ui, w)) {
        record_free(&w);
        return UI_DIRTY;
    }
    st->orgs_checked = false;
    struct model_error e = {.field = F_NONE};
    struct record *before = NULL;
    /* Someone else's change to other fields meanwhile is kept: this one goes on top. */
    if (record_save_from(ui->db, st->orig, w, &before, &e) != 0) {
        if (!show_conflict(st, ui)) show_error(st, ui, &e);
        model_error_clear(&e);
        record_free(&w);
        return UI_DIRTY;
    }
    if (st->orig->id == 0)
        undo_record_added(ui->undo, w);
    else
        undo_record_edited(ui->undo, before ? before : st->orig, w);
    record_free(&before);
    ui_data_changed(ui);
    ui_message(ui, false, _("Saved %s %lld"), kind_noun(st->ki->kind), w->id);
    if (w->kind == KIND_EVENT) warn_quotas(ui, w->id);
    record_free(&w);
    return UI_POP;
}

/* ---- the draft on disk: what is typed survives a dropped link, a kill or a crash ---- */

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static const char *draft_name(const struct form_state *st, const struct ffield *ff)
{
    return ff->fi >= 0 ? st->ki->fields[ff->fi].name : "full_name";
}

/* Writes what the form holds as the session's draft, or drops the draft when nothing was
 * changed. A draft that cannot be written (a full disk) costs nothing but itself. */
static void keep_draft(struct form_state *st)
{
    st->typed = false;
    st->kept_ms = now_ms();
    if (!form_changed(st)) {
        draft_drop();
        return;
    }
    const char **names = xcalloc((size_t)st->n, sizeof *names);
    const char **values = xcalloc((size_t)st->n, sizeof *values);
    for (int i = 0; i < st->n; i++) {
        names[i] = draft_name(st, &st->f[i]);
        values[i] = i == st->cur ? rl_line_buffer : st->f[i].text;
    }
    char *err = NULL;
    draft_keep(st->db_path ? st->db_path : "", st->ki->name, st->orig->id, (size_t)st->n, names,
               values, &err);
    free(err);
    free(names);
    free(values);
}

/* The main loop's call when idle (now false) and before khai ends abnormally (now true). */
static void form_keep(struct screen *s, struct ui *ui, bool now)
{
    (void)ui;
    struct form_state *st = s->state;
    if (st->typed || now) keep_draft(st);
}

/* ---- keys ---- */

static bool tab_completes(struct form_state *st)
{
    struct ffield *ff = &st->f[st->cur];
    if (!completable(st, ff) || rl_point != rl_end) return false;
    const char *word =
        rl_line_buffer + fe_word_start(rl_line_buffer, (size_t)rl_point, is_list(field_of(st, ff)));
    size_t n;
    char **cands = field_candidates(st, ff, word, &n);
    bool yes = fe_should_complete(word, cands, n);
    strings_free(cands, n);
    return yes;
}

/* Alt and a key (Esc, key): Readline's meta commands (M-b, M-f, M-d...). */
static int alt_key(int key)
{
    char bytes[FE_MAX_BYTES];
    size_t n = UI_UNMETA(key) < UI_FN(0) ? fe_char_bytes(UI_UNMETA(key), true, bytes) : 0;
    feed(bytes, n);
    return UI_DIRTY;
}

static int escape(struct form_state *st, struct ui *ui)
{
    if (RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH)) {
        feed_str("\x07"); /* Esc leaves a search, back to the line before it */
        return UI_DIRTY;
    }
    if (!form_changed(st)) return UI_POP;
    return ui_ask_confirm(ui, Q_DISCARD, _("Discard your changes?"));
}

/* Each character is checked against the WTT rules before readline sees it, where the cursor
 * is: a Thai mark on nothing, or any character between a consonant and its mark, is
 * refused. Controls are readline's commands and pass. */
static int type_char(struct ui *ui, int key)
{
    char bytes[FE_MAX_BYTES + 1];
    size_t n = fe_char_bytes(key, false, bytes);
    if (n == 0) return UI_HANDLED;
    bytes[n] = '\0';
    bool searching = RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH);
    if (key >= ' ' && key != 0x7f && !searching &&
        !fe_thai_insert_ok(rl_line_buffer, (size_t)rl_point, bytes)) {
        ui_message(ui, true, _("Not a possible Thai sequence: \xe2\x97\x8c%s refused here"), bytes);
        return UI_HANDLED;
    }
    feed(bytes, n);
    return UI_DIRTY;
}

static int special_key(int key)
{
    switch (key) {
    case UI_FN(KEY_LEFT):
        feed_str(fe_key_bytes(FE_LEFT));
        break;
    case UI_FN(KEY_RIGHT):
        feed_str(fe_key_bytes(FE_RIGHT));
        break;
    case UI_FN(KEY_HOME):
        feed_str(fe_key_bytes(FE_HOME));
        break;
    case UI_FN(KEY_END):
        feed_str(fe_key_bytes(FE_END));
        break;
    case UI_FN(KEY_BACKSPACE):
        feed_str(fe_key_bytes(FE_BACKSPACE));
        break;
    case UI_FN(KEY_DC):
        if (rl_point < rl_end) /* C-d on an empty line would be end of input */
            feed_str(fe_key_bytes(FE_DELETE));
        break;
    case UI_FN(KEY_SLEFT):
        feed_str(fe_key_bytes(FE_WORD_LEFT));
        break;
    case UI_FN(KEY_SRIGHT):
        feed_str(fe_key_bytes(FE_WORD_RIGHT));
        break;
    default:
        return UI_HANDLED;
    }
    return UI_DIRTY;
}

static int edit_key(struct form_state *st, struct ui *ui, int key)
{
    if (key == 0) { /* Ctrl-Space */
        if (completable(st, &st->f[st->cur])) feed_str("\t");
        return UI_DIRTY;
    }
    if (key >= UI_FN(0)) return special_key(key);
    return type_char(ui, key);
}

static int form_key_inner(struct form_state *st, struct ui *ui, int key, enum action a)
{
    free_matches(st);
    if (a == A_RELOAD) return reload(st, ui);
    if (UI_IS_META(key)) return alt_key(key);
    int r;
    switch (a) {
    case A_SAVE:
        return save(st, ui);
    case A_BACK:
        return escape(st, ui);
    case A_NEXT_FIELD:
        if (key == '\t' && tab_completes(st)) {
            feed_str("\t");
            return UI_DIRTY;
        }
        return move_to(st, step(st, st->cur, 1));
    case A_PREV_FIELD:
        return move_to(st, step(st, st->cur, -1));
    case A_NEW_LINE:
        if (!is_multiline(st, &st->f[st->cur])) return move_to(st, step(st, st->cur, 1));
        rl_insert_text("\n");
        return UI_DIRTY;
    case A_FIRST_FIELD:
        return move_to(st, st->f[0].editable ? 0 : step(st, 0, 1));
    case A_LAST_FIELD:
        return move_to(st, st->f[st->n - 1].editable ? st->n - 1 : step(st, st->n - 1, -1));
    case A_HELP:
        ui_push(ui, help_screen_new(ui, CTX_FORM));
        return UI_FULL;
    case A_REDRAW:
        return UI_UNHANDLED;
    default:
        r = edit_key(st, ui, key);
    }
    if (st->accepted) { /* readline took the line as finished: on to the next field */
        rl_replace_line(st->accepted, 1);
        rl_point = rl_end;
        free(st->accepted);
        st->accepted = NULL;
        r = move_to(st, step(st, st->cur, 1));
    }
    return r;
}

static int form_key(struct screen *s, struct ui *ui, int key, enum action a)
{
    struct form_state *st = s->state;
    int r = form_key_inner(st, ui, key, a);
    if (!(r & UI_POP)) {
        st->typed = true;
        if (now_ms() - st->kept_ms >= DRAFT_EVERY_MS) keep_draft(st);
    }
    return r;
}

/* Esc asked whether to discard the changes. */
static int form_answer(struct screen *s, struct ui *ui, int question, const struct ui_answer *a)
{
    struct form_state *st = s->state;
    if (question == Q_SAME_PERSON && a->action == A_OPEN_EXISTING) {
        ui_replace(ui, detail_screen_new(ui, KIND_MEMBER, st->known));
        return UI_FULL;
    }
    if (question == Q_SAME_PERSON && a->action == A_ADD_ANYWAY) {
        st->add_anyway = true;
        return save(st, ui);
    }
    if (question == Q_NEW_ORG && a->action == A_YES) {
        take_meant(st);
        return save(st, ui);
    }
    if ((question == Q_NEW_ORG && a->action == A_ADD) || (question == Q_CREATE_ORG && a->given))
        return create_missing(st, ui) ? save(st, ui) : UI_DIRTY;
    if (question == Q_CREATE_ORG) { /* no: the save says which field names no organisation */
        st->orgs_checked = true;
        return save(st, ui);
    }
    return question == Q_DISCARD && a->given ? UI_POP : UI_DIRTY;
}

/* ---- drawing ---- */

enum row_kind { ROW_FIELD, ROW_NOTE };

struct row {
    int field;
    enum row_kind kind;
    int line;   /* ROW_FIELD: the logical line of a focused multi-line field */
    bool label; /* the field's first row, which shows its label */
    char *text; /* ROW_NOTE, and an unfocused field's row */
    int attr;
};

struct rows {
    struct row *r;
    int n;
};

static void add_row(struct rows *rs, int field, enum row_kind kind, int line, char *text, int attr)
{
    rs->r = xrealloc(rs->r, sizeof *rs->r * (size_t)(rs->n + 1));
    bool label = kind == ROW_FIELD && (rs->n == 0 || rs->r[rs->n - 1].field != field);
    rs->r[rs->n++] = (struct row){field, kind, line, label, text, attr};
}

static void free_rows(struct rows *rs)
{
    for (int i = 0; i < rs->n; i++)
        free(rs->r[i].text);
    free(rs->r);
}

static int error_attr(const struct ui *ui)
{
    return ui->color ? (int)COLOR_PAIR(1) | A_BOLD : A_BOLD;
}

/* Up to max_rows rows of text wrapped to cols, the last ending in "…" when cut. */
static void add_wrapped(struct rows *rs, int field, const char *text, int cols, int max_rows,
                        bool first_is_field, int attr)
{
    char **lines;
    size_t n = text_wrap(text, (size_t)(cols > 4 ? cols : 4), &lines);
    if (n == 0 && first_is_field) add_row(rs, field, ROW_FIELD, 0, xstrdup(""), attr);
    for (size_t i = 0; i < n && i < (size_t)max_rows; i++) {
        bool cut = i + 1 == (size_t)max_rows && n > (size_t)max_rows;
        char *t = cut ? xasprintf("%s…", lines[i]) : xstrdup(lines[i]);
        add_row(rs, field, i == 0 && first_is_field ? ROW_FIELD : ROW_NOTE, 0, t, attr);
    }
    strings_free(lines, n);
}

/* A task's due date without a year is read against its event's date, as the save reads it. */
static struct date reference_date(struct form_state *st, const struct field *f)
{
    struct ffield *event = field_named(st, F_TASK_EVENT_ID);
    if (f != field_info(F_TASK_DUE_DATE) || !event) return date_today();
    const char *text = st->cur == (int)(event - st->f) ? rl_line_buffer : event->text;
    if (!st->event_text || strcmp(st->event_text, text) != 0) {
        free(st->event_text);
        st->event_text = xstrdup(text);
        st->event_date = (struct date){0, 0, 0};
        long long id;
        char *err = NULL;
        struct record *e = NULL;
        if (*text && model_find(st->db, FT_EVENT, text, &id, &err) == 0 &&
            record_load(st->db, KIND_EVENT, id, &e, &err) == 0)
            date_from_iso(record_get(e, F_EVENT_START_DATE), &st->event_date);
        free(err);
        record_free(&e);
    }
    return st->event_date.year ? st->event_date : date_today();
}

static void add_preview(struct form_state *st, struct ui *ui, struct rows *rs, int i,
                        const char *text, bool focused, int cols)
{
    const struct field *f = field_of(st, &st->f[i]);
    bool error = false;
    char *p = NULL;
    if (!f) {
        p = *text ? fe_name_preview(text) : NULL;
        error = *text && !p;
        if (error) p = xstrdup(_("no given name"));
    } else if (f->type == FT_DATE) {
        p = fe_date_preview_in(text, reference_date(st, f), form_dates(), &error);
    } else if (f->type == FT_TIME) {
        p = fe_time_preview(text, &error);
    }
    if (!p) return;
    /* An unfocused field shows how it was read only when that says something new. */
    if (focused || error || strcmp(p + strlen("→ "), text) != 0)
        add_wrapped(rs, i, p, cols, 2, false, error ? error_attr(ui) : (int)A_DIM);
    free(p);
}

static void layout_field(struct form_state *st, struct ui *ui, struct rows *rs, int i, int cols)
{
    struct ffield *ff = &st->f[i];
    bool focused = i == st->cur;
    const char *text = focused ? rl_line_buffer : ff->text;
    if (focused && is_multiline(st, ff)) {
        int lines = fe_line_count(text);
        st->mtop = fe_vscroll(st->mtop, MULTI_ROWS, fe_line_at(text, (size_t)rl_point), 1, lines);
        for (int l = st->mtop; l < lines && l < st->mtop + MULTI_ROWS; l++)
            add_row(rs, i, ROW_FIELD, l, NULL, A_NORMAL);
    } else if (is_multiline(st, ff)) {
        add_wrapped(rs, i, text, cols, WRAP_ROWS, true, ff->editable ? A_NORMAL : A_DIM);
    } else {
        add_row(rs, i, ROW_FIELD, 0, xstrdup(text), ff->editable ? A_NORMAL : A_DIM);
    }
    add_preview(st, ui, rs, i, text, focused, cols);
    /* A save error stays until the text that caused it is changed. */
    if (ff->error && (!focused || strcmp(rl_line_buffer, ff->text) == 0))
        add_wrapped(rs, i, ff->error, cols, 3, false, error_attr(ui));
    if (focused && st->nmatches) {
        struct strbuf sb = STRBUF_INIT;
        for (size_t m = 0; m < st->nmatches; m++)
            sb_addf(&sb, "%s%s", m ? "  ·  " : "", st->matches[m]);
        add_wrapped(rs, i, sb_str(&sb), cols, MATCH_ROWS, false, A_BOLD);
        sb_free(&sb);
    }
}

static int label_width(const struct form_state *st, const struct ui *ui)
{
    int w = 0;
    for (int i = 0; i < st->n; i++) {
        int lw = (int)text_width(label_of(st, &st->f[i])) + 2; /* " *" for required */
        w = lw > w ? lw : w;
    }
    int max = ui->cols / 3;
    return w < max ? w : max;
}

/* The focused line: readline's buffer (the logical line of the cursor), scrolled sideways so
 * the cursor shows, after readline's prompt when it shows one (a search, an argument). */
static void draw_focused(struct form_state *st, int y, int x, int cols, int line)
{
    const char *buf = rl_line_buffer;
    size_t start, end, point = (size_t)rl_point;
    fe_line_bounds(buf, line, &start, &end);
    bool cursor_here = fe_line_at(buf, point) == line;
    const char *prompt = rl_display_prompt && cursor_here ? rl_display_prompt : "";
    int pw = (int)text_width(prompt);
    if (pw > cols / 2) pw = cols / 2;
    if (pw) ui_draw_text(y, x, pw, prompt, A_BOLD);
    char *seg = xstrndup(buf + start, end - start);
    size_t first = 0;
    int col = 0;
    if (cursor_here) {
        if (st->hline != line) st->hfirst = 0;
        st->hline = line;
        col = fe_hscroll(seg, end - start, point - start, cols - pw, &st->hfirst);
        first = st->hfirst;
        st->cy = y;
        st->cx = x + pw + col;
    }
    ui_draw_text(y, x + pw, cols - pw, seg + first, A_UNDERLINE);
    free(seg);
}

static void draw_row(struct form_state *st, struct ui *ui, const struct row *row, int y, int lw)
{
    int x = lw + 2, cols = ui->cols - x;
    bool focused = row->field == st->cur;
    const struct ffield *ff = &st->f[row->field];
    bool first_row = row->label;
    ui_draw_text(y, 0, 1, focused && first_row ? ">" : " ", A_BOLD);
    if (first_row) {
        const struct field *f = field_of(st, ff);
        char *label =
            xasprintf("%s%s", label_of(st, ff), f && (f->flags & FIELD_REQUIRED) ? " *" : "");
        ui_draw_text(y, 1, lw, label, focused ? A_BOLD : ff->editable ? A_NORMAL : A_DIM);
        free(label);
    } else {
        ui_draw_text(y, 1, lw, "", A_NORMAL);
    }
    ui_draw_text(y, lw + 1, 1, "", A_NORMAL);
    if (row->kind == ROW_FIELD && focused)
        draw_focused(st, y, x, cols, row->line);
    else
        ui_draw_text(y, x, cols, row->text, row->attr);
}

static char *heading(const struct form_state *st)
{
    if (st->orig->id == 0) return xasprintf(_("New %s"), kind_noun(st->ki->kind));
    char *name = record_display_name(st->orig);
    char *h = xasprintf(_("Edit %s %lld: %s"), kind_noun(st->ki->kind), st->orig->id, name);
    free(name);
    return h;
}

static void form_draw(struct screen *s, struct ui *ui, bool full)
{
    (void)full;
    struct form_state *st = s->state;
    st->cy = st->cx = -1;
    char *h = heading(st);
    ui_draw_text(ui->body_top, 0, ui->cols, h, A_BOLD);
    free(h);
    int lw = label_width(st, ui), cols = ui->cols - lw - 2, height = ui->body_rows - 1;
    struct rows rs = {NULL, 0};
    int first = -1, count = 0;
    for (int i = 0; i < st->n; i++) {
        int before = rs.n;
        layout_field(st, ui, &rs, i, cols);
        if (i == st->cur) {
            first = before;
            count = rs.n - before;
        }
    }
    st->top = fe_vscroll(st->top, height, first, count, rs.n);
    for (int y = 0; y < height; y++) {
        int i = st->top + y, row = ui->body_top + 1 + y;
        if (i < rs.n)
            draw_row(st, ui, &rs.r[i], row, lw);
        else
            ui_clear_line(row, 0);
    }
    free_rows(&rs);
}

static void form_cursor(struct screen *s, struct ui *ui, int *y, int *x)
{
    (void)ui;
    struct form_state *st = s->state;
    *y = st->cy;
    *x = st->cx;
}

static char *form_hints(struct screen *s, struct ui *ui)
{
    (void)ui;
    static const enum action which[] = {A_SAVE, A_BACK, A_HELP, A_NEXT_FIELD, A_PREV_FIELD};
    return ui_key_hints(s->ops->contexts, which, 5);
}

static void form_close(struct screen *s)
{
    struct form_state *st = s->state;
    draft_drop(); /* saved or given up (unless khai is ending abnormally: draft_freeze) */
    free(st->db_path);
    record_free(&st->theirs);
    if (active == st) {
        leave(st);
        rl_callback_handler_remove();
        active = NULL;
    }
    for (int i = 0; i < st->n; i++) {
        free(st->f[i].text);
        free(st->f[i].initial);
        free(st->f[i].error);
    }
    free(st->f);
    free_matches(st);
    free(st->accepted);
    forget_missing(st);
    free(st->event_text);
    record_free(&st->orig);
    free(st);
}

static const struct screen_ops form_ops = {
    .name = "form",
    .contexts = CTX_FORM,
    .meta_keys = true,
    .draw = form_draw,
    .key = form_key,
    .reload = NULL, /* what the user is typing is never replaced under them */
    .cursor = form_cursor,
    .hints = form_hints,
    .answer = form_answer,
    .keep = form_keep,
    .close = form_close,
};

/* ---- building the form ---- */

/* Dates as the user reads them, which the form also reads back: 21 ก.ค. 2553, 21 Jul 2010. */
static enum date_style form_dates(void)
{
    return messages_thai() ? DATE_THAI : DATE_CE;
}

static char *initial_text(const struct record *r, int fi)
{
    bool thai = messages_thai();
    const struct field *f = &kind_info(r->kind)->fields[fi];
    if (f->type == FT_BOOL && thai && *r->values[fi])
        return xstrdup(choice_label(&(struct field){.choices = fe_bool_choices}, r->values[fi]));
    return view_value(r, fi, form_dates());
}

static void add_field(struct form_state *st, int fi, bool editable, char *text)
{
    st->f = xrealloc(st->f, sizeof *st->f * (size_t)(st->n + 1));
    st->f[st->n++] = (struct ffield){fi, editable, text, xstrdup(text), NULL};
}

static void build_fields(struct form_state *st)
{
    const struct record *r = st->orig;
    for (int fi = 0; fi < st->ki->nfields; fi++) {
        const struct field *f = &st->ki->fields[fi];
        bool editable = !(f->flags & FIELD_READONLY) && f->type != FT_ID && f->type != FT_DERIVED;
        char *text = initial_text(r, fi);
        /* A new record has nothing to show in its read-only fields. */
        if (!editable && r->id == 0 && !*text) {
            free(text);
            continue;
        }
        if (field_id(st->ki->kind, fi) == F_MEMBER_TITLE)
            add_field(st, NAME_SLOT, true, r->id ? record_display_name(r) : xstrdup(""));
        add_field(st, fi, editable, text);
    }
}

struct screen *form_screen_new(struct ui *ui, struct record *r)
{
    struct form_state *st = xcalloc(1, sizeof *st);
    st->db = ui->db;
    st->orig = r;
    st->ki = kind_info(r->kind);
    st->cy = st->cx = -1;
    st->missing.field = F_NONE;
    char resolved[PATH_MAX];
    st->db_path = xstrdup(realpath(db_path(ui->db), resolved) ? resolved : db_path(ui->db));
    build_fields(st);
    readline_setup();
    rl_callback_handler_install("", line_accepted);
    readline_settings();
    active = st;
    int first = step(st, -1, 1);
    enter(st, first >= 0 ? first : 0);
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = &form_ops;
    s->state = st;
    return s;
}

struct screen *form_screen_from_draft(struct ui *ui, const struct draft *d, char **err)
{
    int k = kind_from_name(d->kind);
    if (k < 0) {
        *err = xasprintf(_("the draft is of an unknown kind \"%s\""), d->kind);
        return NULL;
    }
    struct record *r = NULL;
    if (d->id == 0)
        r = record_new((enum kind)k);
    else if (record_load(ui->db, (enum kind)k, d->id, &r, err) != 0)
        return NULL;
    struct screen *s = form_screen_new(ui, r);
    struct form_state *st = s->state;
    int first = -1;
    for (int i = 0; i < st->n; i++) {
        const char *typed = draft_value(d, draft_name(st, &st->f[i]));
        if (!typed || !st->f[i].editable || strcmp(typed, st->f[i].text) == 0) continue;
        free(st->f[i].text);
        st->f[i].text = xstrdup(typed);
        if (first < 0) first = i;
    }
    /* Back at the first field that was typed into, its text in readline's line. */
    history_leave(st, &st->f[st->cur]);
    enter(st, first >= 0 ? first : st->cur);
    keep_draft(st);
    return s;
}
