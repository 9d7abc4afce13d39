/* khai's modules: shared objects in lib/khai/ (pdf.so, xlsx.so) that hold the libraries only
 * a few commands need, loaded the first time one of them is used so that every other command
 * starts without them. Each exports one table whose first member is its ABI number. */
#ifndef KHAI_MODULE_H
#define KHAI_MODULE_H

/* Why a module could not be loaded: where it was looked for, and the loader's reason, or
 * NULL when a file was there but is not the module of this khai. Free with
 * module_failure_free. */
struct module_failure {
    char *path;
    char *reason;
};

/* Loads module file (pdf.so) from $env when that is set (and then only there), else beside
 * the running binary as a build leaves it (build/lib/khai/, lib/khai/), else as make install
 * puts it (../lib/khai/ from bin/, then KHAI_MODULEDIR). Returns its table symbol when the
 * table's ABI number is abi, else NULL with *f. A loaded module stays loaded. */
const void *module_load(const char *file, const char *env, const char *symbol, int abi,
                        struct module_failure *f);
void module_failure_free(struct module_failure *f);

#endif
