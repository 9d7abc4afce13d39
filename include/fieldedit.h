/* The form's line-editing logic that needs neither curses nor readline, so it is unit-tested
 * alone: the bytes readline is fed for a key, which part of a line a field shows, which rows
 * of a form are on screen, logical lines of multi-line text, the WTT check of a key before it
 * is inserted, the word Tab completes and whether it should, choice candidates, and the
 * previews shown under date, time and name fields. */
#ifndef KHAI_FIELDEDIT_H
#define KHAI_FIELDEDIT_H
#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "thaidate.h"

/* Keys that are not characters, as the form passes them on to readline. */
enum fe_key {
    FE_LEFT,
    FE_RIGHT,
    FE_HOME,
    FE_END,
    FE_BACKSPACE,
    FE_DELETE,
    FE_WORD_LEFT,
    FE_WORD_RIGHT,
};

/* The bytes readline's emacs keymap reads for a key: Left C-b, Right C-f, Home C-a, End C-e,
 * Backspace DEL (rubout), Delete C-d, word left M-b, word right M-f. readline takes C-d on an
 * empty line as end of input, so the caller sends Delete only when a character follows the
 * cursor. */
const char *fe_key_bytes(enum fe_key k);

enum { FE_MAX_BYTES = 5 };

/* The UTF-8 bytes of a typed code point, after ESC when meta (Alt-b reaches curses as ESC
 * then b, and readline reads it the same way). Control characters pass as they are. Returns
 * the byte count, or 0 for what is not a character (negative, a surrogate, past U+10FFFF). */
size_t fe_char_bytes(long cp, bool meta, char out[FE_MAX_BYTES]);

/* Horizontal scrolling of a field cols columns wide showing line[0..len) with the cursor at
 * byte offset point. *first is the byte offset of the first character shown: kept while the
 * cursor stays inside, moved as little as possible otherwise, never onto a Thai mark (a
 * cluster is never split). The cursor is kept off the last column, where a cut line shows
 * "…". Returns the cursor's column inside the field. Widths are text_width()'s. */
int fe_hscroll(const char *line, size_t len, size_t point, int cols, size_t *first);

/* Vertical scrolling of a form: the top row that keeps rows first..first+count-1 (one field
 * with its notes) visible in height rows out of total, moving as little as possible from
 * top; a field taller than the view shows its first rows. */
int fe_vscroll(int top, int height, int first, int count, int total);

/* Logical lines of multi-line text, split at '\n': how many ("" has one), the byte range of
 * line i (end excludes the newline), and which line holds byte offset point. */
int fe_line_count(const char *s);
void fe_line_bounds(const char *s, int i, size_t *start, size_t *end);
int fe_line_at(const char *s, size_t point);

/* Whether inserting ins at byte offset point of line keeps the WTT 2.0 input-sequence rules
 * (strict) around the insertion: the cluster before it, ins, and the character after it. A
 * second tone mark on the same consonant, or a vowel mark with no consonant, is refused. */
bool fe_thai_insert_ok(const char *line, size_t point, const char *ins);

/* Where the word Tab would complete starts: after the last ';' or ',' before point in list
 * fields (organisations, tags), else at 0; spaces after the separator are skipped. */
size_t fe_word_start(const char *line, size_t point, bool list);

/* Whether Tab should complete rather than move on: the word is not empty and some candidate
 * is not the word itself (ASCII case ignored), so completing would change something. */
bool fe_should_complete(const char *word, char *const *cands, size_t n);

/* The yes/no values a FT_BOOL field accepts, as choices. */
extern const struct choice fe_bool_choices[];

/* Choice keys and labels that start with prefix (ASCII case ignored), labels of the user's
 * language first, no duplicates; with an empty prefix only the labels of the user's
 * language. Returns the count; *out is malloc'd (free with strings_free). */
size_t fe_choice_matches(const struct choice *choices, bool thai, const char *prefix, char ***out);

/* "→ นางสาว | จิราพร | คงทอง" for a full name ("-" for a missing title or family name), or
 * NULL when the name has no given name. malloc'd. */
char *fe_name_preview(const char *full);

/* "→ 21 ก.ค. 2553" (a range: "→ 24 มี.ค. 2552 – 25 มี.ค. 2552") for what a date field
 * holds, or the reader's error with *error set. NULL for empty text. malloc'd. */
char *fe_date_preview(const char *text, struct date today, bool *error);
/* The same in a style: the form's (21 ก.ค. 2553 in Thai, 21 Jul 2010 in English); a date
 * without a year is read against today (a task's: its event's date). */
char *fe_date_preview_in(const char *text, struct date today, enum date_style style, bool *error);
/* "→ 13:30" or "→ 13:30–17:30" for a time field, or the error. NULL for empty text. */
char *fe_time_preview(const char *text, bool *error);

#endif
