/* Where the running khai is: /proc/self/exe, which names the binary itself, not the link or
 * the directory it was started from. */
#include "selfpath.h"
#include "xalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *self_dir(void)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return NULL;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    *slash = '\0';
    return xstrdup(path);
}

char *self_find(const char *dir, const char *const *suffixes, int n)
{
    if (!dir) return NULL;
    for (int i = 0; i < n; i++) {
        char *candidate = xasprintf("%s%s", dir, suffixes[i]);
        if (access(candidate, R_OK) == 0) return candidate;
        free(candidate);
    }
    return NULL;
}
