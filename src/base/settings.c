/* Reading the interface language from the places a user may set it. */
#include "settings.h"
#include "xalloc.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *settings_xdg_path(const char *env, const char *dflt, const char *name)
{
    const char *base = getenv(env);
    if (base && *base == '/') return xasprintf("%s/khai/%s", base, name);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : "/tmp";
    }
    return xasprintf("%s/%s/khai/%s", home, dflt, name);
}

char *settings_config_path(void)
{
    return settings_xdg_path("XDG_CONFIG_HOME", ".config", "config");
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Returns 1 for Thai, 0 for English, -1 when the file says nothing. */
static int config_lang(void)
{
    char *path = settings_config_path();
    FILE *f = fopen(path, "r");
    free(path);
    if (!f) return -1;
    char line[256];
    int lang = -1;
    while (fgets(line, sizeof line, f)) {
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq) continue;
        *eq = '\0';
        if (strcmp(trim(line), "lang") == 0) lang = strncmp(trim(eq + 1), "th", 2) == 0;
    }
    fclose(f);
    return lang;
}

bool settings_thai(const char *flag)
{
    if (flag && *flag) return strncmp(flag, "th", 2) == 0;
    int configured = config_lang();
    if (configured >= 0) return configured;
    const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncmp(v, "th", 2) == 0;
    }
    return false;
}
