/* Loading khai's modules (module.h): the one place khai calls dlopen. */
#include "module.h"
#include "selfpath.h"
#include "xalloc.h"

#include <dlfcn.h>
#include <stdlib.h>

#ifndef KHAI_MODULEDIR
#define KHAI_MODULEDIR "/usr/local/lib/khai"
#endif

static char *module_path(const char *file, const char *env)
{
    const char *set = getenv(env);
    if (set && *set) return xstrdup(set);
    char *beside[3] = {xasprintf("/build/lib/khai/%s", file), xasprintf("/lib/khai/%s", file),
                       xasprintf("/../lib/khai/%s", file)};
    char *dir = self_dir();
    char *found = self_find(dir, (const char *const *)beside, 3);
    free(dir);
    for (int i = 0; i < 3; i++)
        free(beside[i]);
    return found ? found : xasprintf("%s/%s", KHAI_MODULEDIR, file);
}

const void *module_load(const char *file, const char *env, const char *symbol, int abi,
                        struct module_failure *f)
{
    *f = (struct module_failure){NULL, NULL};
    char *path = module_path(file, env);
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        *f = (struct module_failure){path, xstrdup(dlerror())};
        return NULL;
    }
    /* glib (in the printing module) cannot be unloaded: a module stays loaded. */
    const int *table = dlsym(handle, symbol);
    if (!table || *table != abi) {
        dlclose(handle);
        *f = (struct module_failure){path, NULL};
        return NULL;
    }
    free(path);
    return table;
}

void module_failure_free(struct module_failure *f)
{
    free(f->path);
    free(f->reason);
    *f = (struct module_failure){NULL, NULL};
}
