/* Where the running khai is, so that an uninstalled build (./khai, build/asan/khai) finds the
 * catalogue and the printing module that make built beside it, and an installed one finds
 * them under its prefix. */
#ifndef KHAI_SELFPATH_H
#define KHAI_SELFPATH_H

/* The directory of the running binary, malloc'd, or NULL when it cannot be told. */
char *self_dir(void);

/* The first of the places dir + suffix[i] that is readable, malloc'd, or NULL. */
char *self_find(const char *dir, const char *const *suffixes, int n);

#endif
