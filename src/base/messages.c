/* The message catalogue and the interface language: a UTF-8 locale, LANGUAGE for gettext, and
 * the catalogue of an installed or an uninstalled khai. */
#include "messages.h"
#include "selfpath.h"
#include "xalloc.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KHAI_LOCALEDIR
#define KHAI_LOCALEDIR "/usr/local/share/locale"
#endif

static bool speak_thai;
static char *catalogue_dir;

static bool codeset_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

/* Whether the user's own locale was UTF-8, before khai fell back to one that is. */
static bool user_utf8 = true;

bool messages_user_utf8(void)
{
    return user_utf8;
}

const char *messages_ensure_utf8(void)
{
    setlocale(LC_ALL, "");
    if (codeset_is_utf8()) return NULL;
    user_utf8 = false;
    /* C.UTF-8 first: Debian always has it, and it changes nothing but the character set. */
    static const char *const fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "th_TH.UTF-8"};
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
        if (setlocale(LC_ALL, fallbacks[i]) && codeset_is_utf8()) return fallbacks[i];
    return "";
}

static bool has_catalogue(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/th/LC_MESSAGES/khai.mo", dir) >= (int)sizeof path)
        return false;
    return access(path, R_OK) == 0;
}

static char *find_catalogue(void)
{
    const char *env = getenv("KHAI_LOCALEDIR");
    if (env && *env && has_catalogue(env)) return xstrdup(env);
    /* The catalogue a build made beside ./khai or build/asan/khai, else the installed one. */
    static const char *const beside[] = {"/build/locale/th/LC_MESSAGES/khai.mo",
                                         "/../locale/th/LC_MESSAGES/khai.mo",
                                         "/../share/locale/th/LC_MESSAGES/khai.mo"};
    char *dir = self_dir();
    char *mo = self_find(dir, beside, (int)(sizeof beside / sizeof beside[0]));
    free(dir);
    if (mo) {
        /* Back up from .../th/LC_MESSAGES/khai.mo to the directory bindtextdomain takes. */
        mo[strlen(mo) - strlen("/th/LC_MESSAGES/khai.mo")] = '\0';
        return mo;
    }
    return has_catalogue(KHAI_LOCALEDIR) ? xstrdup(KHAI_LOCALEDIR) : NULL;
}

void messages_init(bool thai)
{
    messages_ensure_utf8();
    speak_thai = thai;
    /* LANGUAGE outranks LC_MESSAGES in gettext, and unlike it needs no installed locale. An
     * English interface asks for a catalogue that does not exist, so msgids show. */
    setenv("LANGUAGE", thai ? "th" : "en", 1);
    free(catalogue_dir);
    catalogue_dir = find_catalogue();
    bindtextdomain("khai", catalogue_dir ? catalogue_dir : KHAI_LOCALEDIR);
    bind_textdomain_codeset("khai", "UTF-8");
    textdomain("khai");
}

/* gettext keeps a context and its message as one key, joined by EOT. */
const char *messages_pgettext(const char *context, const char *msgid)
{
    char key[512];
    int n = snprintf(key, sizeof key, "%s\004%s", context, msgid);
    if (n < 0 || (size_t)n >= sizeof key) return msgid;
    const char *t = gettext(key);
    return t == key ? msgid : t;
}

bool messages_thai(void)
{
    return speak_thai;
}

const char *messages_catalogue_dir(void)
{
    return catalogue_dir;
}
