/* The curses screens: the entry point the command line calls when no command is given. */
#ifndef KHAI_TUI_H
#define KHAI_TUI_H
#include <stdbool.h>

/* Runs the screens on the database at db_path until the user quits. Returns an exit
 * status. */
int tui_run(const char *db_path);

#endif
