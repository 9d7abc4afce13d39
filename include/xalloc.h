/* Allocation that never returns NULL: out of memory aborts in one place, so callers need not check.
 */
#ifndef KHAI_XALLOC_H
#define KHAI_XALLOC_H
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh allocation. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (left unused: the caller still owns and ends it). */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Frees n strings and the array that holds them; NULL is fine. */
void strings_free(char **v, size_t n);

#endif
