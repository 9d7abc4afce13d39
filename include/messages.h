/* The message catalogue: every string a user reads goes through _() (GNU gettext, domain
 * "khai", English in the source, Thai in po/th.po), and the interface language is chosen
 * here once for the whole program. */
#ifndef KHAI_MESSAGES_H
#define KHAI_MESSAGES_H
#include <libintl.h>
#include <stdbool.h>

/* A message to translate where it is shown. */
#define _(msgid) gettext(msgid)
/* A message marked for the catalogue but translated later, where it is shown (tables of
 * labels, message identifiers carried by errors). */
#define N_(msgid) (msgid)
/* A message in a context, where one English word has two Thai ones: "Title" of a member is
 * คำนำหน้า, of an event ชื่องาน. NC_ marks one in a table (the table holds msgid only);
 * messages_pgettext translates it with the context where it is shown. */
#define NC_(context, msgid) (msgid)
const char *messages_pgettext(const char *context, const char *msgid);
/* A message with a count: n decides between singular and plural (Thai has one form). */
#define P_(singular, plural, n) ngettext((singular), (plural), (unsigned long)(n))

/* Makes sure the locale's character set is UTF-8, which Thai text needs in curses and
 * Readline: keeps the user's locale when it is UTF-8, else switches to the first UTF-8 locale
 * that exists (C.UTF-8 on Debian). Returns NULL when nothing changed, the name of the locale
 * switched to, or "" when no UTF-8 locale exists. Call once, before anything is shown. */
const char *messages_ensure_utf8(void);
/* Whether the locale the user set was UTF-8 (khai itself always runs in one): where it was
 * not, the terminal may lack the block characters of bar charts, which then use #. */
bool messages_user_utf8(void);

/* Chooses the interface language (true: Thai) and binds the catalogue: the installed one, or
 * build/locale beside an uninstalled ./khai. Thai works without a Thai locale installed:
 * gettext translates in C.UTF-8 once LANGUAGE says th. Calls messages_ensure_utf8() first. */
void messages_init(bool thai);

/* The language messages_init chose: the one place the rest of khai asks. */
bool messages_thai(void);

/* Where messages_init found the catalogue (for `khai --version`), or NULL. */
const char *messages_catalogue_dir(void);

#endif
