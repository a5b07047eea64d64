/* A stand-in for systemd's cleanup macros (written for cocci-unwind's tests, not copied):
 * the same names and the same behaviour as systemd's alloc-util.h, fd-util.h, ... so that
 * `fix --style cleanup --dialect systemd` results compile and run. Included as
 * "cleanup-util.h", the default of --cleanup-header for that dialect. */
#ifndef COCCI_UNWIND_SYSTEMD_STANDIN_H
#define COCCI_UNWIND_SYSTEMD_STANDIN_H

#include <dirent.h>
#include <dlfcn.h>
#include <iconv.h>
#include <netdb.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

/* release functions taking a pointer to the variable; the empty value is left alone */
static inline void freep(void *p) { free(*(void **)p); }
static inline void closep(int *fd) { if (*fd >= 0) close(*fd); }
static inline void close_pairp(int (*p)[2])
{
    if ((*p)[0] >= 0) { close((*p)[0]); (*p)[0] = -1; }
    if ((*p)[1] >= 0) { close((*p)[1]); (*p)[1] = -1; }
}
static inline void fclosep(FILE **f) { if (*f) fclose(*f); }
static inline void pclosep(FILE **f) { if (*f) pclose(*f); }
static inline void closedirp(DIR **d) { if (*d) closedir(*d); }
static inline void dlclosep(void **h) { if (*h) dlclose(*h); }
static inline void freeaddrinfop(struct addrinfo **ai) { if (*ai) freeaddrinfo(*ai); }
/* ours (systemd has no regex cleanup): an owner pointer set once regcomp() succeeded */
static inline void regfreep(regex_t **re) { if (*re) regfree(*re); }
static inline void iconv_closep(iconv_t *cd) { if (*cd != (iconv_t)-1) iconv_close(*cd); }
/* ours (systemd has no mmap cleanup): munmap() needs the length, so an owner carries both,
 * `_cleanup_(munmap_mappingp) struct mapping m = { NULL, 0 };`, set once mmap() succeeded */
struct mapping { void *addr; size_t len; };
static inline void munmap_mappingp(struct mapping *m)
{
    if (m->addr && m->addr != MAP_FAILED) munmap(m->addr, m->len);
}
/* ours (systemd has no thread cleanup): an owner pointer set once pthread_create() succeeded */
static inline void pthread_joinp(pthread_t **t) { if (*t) pthread_join(**t, NULL); }

#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_close_pair_ _cleanup_(close_pairp)
#define _cleanup_fclose_ _cleanup_(fclosep)
#define _cleanup_pclose_ _cleanup_(pclosep)
#define _cleanup_closedir_ _cleanup_(closedirp)

/* hand ownership on: the value, the variable emptied */
#define TAKE_GENERIC(var, empty)                        \
    __extension__({                                     \
        __typeof__(var) _taken_ = (var);                \
        (var) = (empty);                                \
        _taken_;                                        \
    })
#define TAKE_PTR(p) TAKE_GENERIC(p, NULL)
#define TAKE_FD(fd) TAKE_GENERIC(fd, -1)

#endif
