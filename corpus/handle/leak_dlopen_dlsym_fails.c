/* unwind-handle: a missing symbol returns without dlclose().
 * call_unary() opens lib and looks up sym; when dlsym() finds nothing it
 * returns -1 and the dlopen() handle h is leaked.
 * drive: call_unary("libm.so.6", "cos", 0.0)
 * drive: call_unary("libm.so.6", "no_such_symbol", 0.0)
 * drive: call_unary("libno-such-library.so", "cos", 0.0)
 */
#include <dlfcn.h>
#include <stddef.h>

int call_unary(const char *lib, const char *sym, double x)
{
    void *h;
    double (*fn)(double);
    int r;

    h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return -1;
    fn = (double (*)(double))dlsym(h, sym);
    if (fn == NULL)
        return -1;
    r = (int)fn(x);
    dlclose(h);
    return r;
}
