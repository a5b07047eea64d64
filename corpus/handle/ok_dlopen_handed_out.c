/* unwind-handle: the dlopen() handle is handed on through an out-parameter.
 * open_library() closes h when the symbol is missing and otherwise stores
 * it in *out for the caller to dlclose(). Nothing to report.
 * drive: ({ void *h = NULL; int r = open_library("libm.so.6", "cos", &h); if (r == 0) dlclose(h); r; })
 * drive: ({ void *h = NULL; open_library("libm.so.6", "no_such_symbol", &h); })
 * drive: ({ void *h = NULL; open_library("libno-such-library.so", "cos", &h); })
 */
#include <dlfcn.h>
#include <stddef.h>

int open_library(const char *lib, const char *required_sym, void **out)
{
    void *h;

    h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return -1;
    if (dlsym(h, required_sym) == NULL) {
        dlclose(h);
        return -1;
    }
    *out = h;
    return 0;
}
