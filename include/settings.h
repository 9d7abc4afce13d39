/* User settings: the interface language from --lang, the config file or the locale. */
#ifndef KHAI_SETTINGS_H
#define KHAI_SETTINGS_H
#include <stdbool.h>

/* khai's place in an XDG base directory: $env/khai/name when env holds an absolute path, else
 * ~/dflt/khai/name (the home directory from HOME, else the password database).
 * settings_xdg_path("XDG_DATA_HOME", ".local/share", "khai.db"). malloc'd. */
char *settings_xdg_path(const char *env, const char *dflt, const char *name);

/* The config file: $XDG_CONFIG_HOME/khai/config, else ~/.config/khai/config. malloc'd. */
char *settings_config_path(void);

/* Whether the interface speaks Thai: --lang (flag, may be NULL) wins, then `lang = th|en`
 * in the config file, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG starting with "th". Works
 * whether or not a Thai locale is installed. */
bool settings_thai(const char *flag);

#endif
