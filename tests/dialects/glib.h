/* A stand-in for GLib's scope-exit macros (written for cocci-unwind's tests, not copied):
 * g_autofree, g_autoptr(FILE), g_autofd (GLib >= 2.76), g_steal_pointer, g_steal_fd, with
 * GLib's behaviour, so that `fix --style cleanup --dialect glib` results compile and run
 * without GLib (Debian 12 has 2.74, which lacks g_autofd). Found as <glib.h> with -I. */
#ifndef COCCI_UNWIND_GLIB_STANDIN_H
#define COCCI_UNWIND_GLIB_STANDIN_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void g_free(void *p) { free(p); }
static inline void cu_g_freep(void *p) { g_free(*(void **)p); }
static inline void cu_g_closefdp(int *fd) { if (*fd >= 0) close(*fd); }
static inline void cu_g_fclosep(FILE **f) { if (*f) fclose(*f); }

#define g_autofree __attribute__((cleanup(cu_g_freep)))
#define g_autofd __attribute__((cleanup(cu_g_closefdp)))
/* g_autoptr(T) declares a T * released by T's cleanup function */
#define g_autoptr(T) __attribute__((cleanup(cu_g_##T##closep))) T *
#define cu_g_FILEclosep cu_g_fclosep

#define g_steal_pointer(pp)                             \
    __extension__({                                     \
        __typeof__(*(pp)) _stolen_ = *(pp);             \
        *(pp) = NULL;                                   \
        _stolen_;                                       \
    })
static inline int g_steal_fd(int *fd)
{
    int v = *fd;
    *fd = -1;
    return v;
}

#endif
