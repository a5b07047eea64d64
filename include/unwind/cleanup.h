/* unwind/cleanup.h: scope-bound ownership for plain C (GCC and Clang).
 *
 * Part of cocci-unwind; `run.sh fix --style cleanup --dialect portable` writes code that uses
 * it. Copy it into your project (MIT License, below); it needs nothing but libc and POSIX.
 *
 * A variable declared with one of the UNWIND_* attributes is released when it goes out of
 * scope, on every exit of the block: return, goto out of the block, break. The release
 * functions accept the "empty" value (NULL, -1), so a variable is always declared with a
 * value: the acquisition itself, or NULL / -1 and assigned later.
 *
 *     UNWIND_FREE char *buf = malloc(n);
 *     UNWIND_CLOSE int fd = open(path, O_RDONLY);
 *     if (fd < 0)
 *         return -errno;                 // buf is freed here
 *     ...
 *     return TAKE_PTR(buf);              // ownership leaves: buf is NULL, not freed
 *
 * Hand ownership on with TAKE_PTR(p) (returns p, leaves NULL) and TAKE_FD(fd) (returns fd,
 * leaves -1). Locks: UNWIND_GUARD_MUTEX(&m) locks m and unlocks it when the enclosing block
 * ends; declare the guard after the data it protects, so it is released first.
 *
 * Copyright (C) 2026 cocci-unwind authors.
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the Software
 * without restriction, including without limitation the rights to use, copy, modify, merge,
 * publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 * to whom the Software is furnished to do so, subject to the following conditions: The above
 * copyright notice and this permission notice shall be included in all copies or substantial
 * portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
 */
#ifndef UNWIND_CLEANUP_H
#define UNWIND_CLEANUP_H

#include <dirent.h>
#include <dlfcn.h>
#include <glob.h>
#include <iconv.h>
#include <netdb.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if !defined(__GNUC__) && !defined(__clang__)
#error "unwind/cleanup.h needs __attribute__((cleanup)): GCC or Clang"
#endif

#define UNWIND_CLEANUP(fn) __attribute__((cleanup(fn)))

/* Define a release function unwind_<name>p(T *) that calls rel(*p) unless *p is empty. */
#define UNWIND_DEFINE_CLEANUP(name, T, rel, empty)                                  \
    static inline void unwind_##name##p(T *p)                                       \
    {                                                                               \
        if (*p != (empty))                                                          \
            (void)rel(*p);                                                          \
    }

static inline void unwind_freep(void *p)
{
    free(*(void **)p);
}

UNWIND_DEFINE_CLEANUP(fclose, FILE *, fclose, NULL)
UNWIND_DEFINE_CLEANUP(pclose, FILE *, pclose, NULL)
UNWIND_DEFINE_CLEANUP(close, int, close, -1)
UNWIND_DEFINE_CLEANUP(closedir, DIR *, closedir, NULL)
UNWIND_DEFINE_CLEANUP(dlclose, void *, dlclose, NULL)
UNWIND_DEFINE_CLEANUP(freeaddrinfo, struct addrinfo *, freeaddrinfo, NULL)
UNWIND_DEFINE_CLEANUP(iconv_close, iconv_t, iconv_close, (iconv_t)-1)
/* regcomp() and glob() fill a struct: guard it through a pointer set once they succeeded. */
UNWIND_DEFINE_CLEANUP(regfree, regex_t *, regfree, NULL)
UNWIND_DEFINE_CLEANUP(globfree, glob_t *, globfree, NULL)

/* int fds[2] of pipe(), pipe2(), socketpair(): closes each end that is >= 0. Declare it
 * `UNWIND_CLOSE_PAIR int fds[2] = { -1, -1 };` and take an end out with TAKE_FD(fds[1]). */
static inline void unwind_close_pairp(int (*p)[2])
{
    if ((*p)[0] >= 0)
        (void)close((*p)[0]);
    if ((*p)[1] >= 0)
        (void)close((*p)[1]);
}

/* mmap(): munmap() needs the length too, so the cleanup is on an owner that carries both,
 * declared `UNWIND_MUNMAP struct unwind_mapping m = { NULL, 0 };` and set once mmap()
 * succeeded (`m.addr = p; m.len = len;`); take the mapping out with TAKE_PTR(m.addr). */
struct unwind_mapping {
    void *addr;
    size_t len;
};

static inline void unwind_munmapp(struct unwind_mapping *m)
{
    if (m->addr != NULL && m->addr != MAP_FAILED)
        (void)munmap(m->addr, m->len);
}

/* pthread_create(): the owner `UNWIND_JOIN pthread_t *t_owner = NULL;`, set to &t once the
 * thread runs, joins it at scope exit; a join or detach of its own takes the thread out first,
 * `pthread_join(*TAKE_PTR(t_owner), NULL)`, and so does a hand-off: `p->tid = *TAKE_PTR(t_owner);`. */
static inline void unwind_joinp(pthread_t **t)
{
    if (*t)
        (void)pthread_join(**t, NULL);
}

#define UNWIND_FREE          UNWIND_CLEANUP(unwind_freep)
#define UNWIND_FCLOSE        UNWIND_CLEANUP(unwind_fclosep)
#define UNWIND_PCLOSE        UNWIND_CLEANUP(unwind_pclosep)
#define UNWIND_CLOSE         UNWIND_CLEANUP(unwind_closep)
#define UNWIND_CLOSE_PAIR    UNWIND_CLEANUP(unwind_close_pairp)
#define UNWIND_CLOSEDIR      UNWIND_CLEANUP(unwind_closedirp)
#define UNWIND_DLCLOSE       UNWIND_CLEANUP(unwind_dlclosep)
#define UNWIND_FREEADDRINFO  UNWIND_CLEANUP(unwind_freeaddrinfop)
#define UNWIND_ICONV_CLOSE   UNWIND_CLEANUP(unwind_iconv_closep)
#define UNWIND_REGFREE       UNWIND_CLEANUP(unwind_regfreep)
#define UNWIND_GLOBFREE      UNWIND_CLEANUP(unwind_globfreep)
#define UNWIND_MUNMAP        UNWIND_CLEANUP(unwind_munmapp)
#define UNWIND_JOIN          UNWIND_CLEANUP(unwind_joinp)

/* Ownership leaves the variable: the value is returned and the variable emptied. */
#define UNWIND_TAKE(var, empty)                                                     \
    __extension__({                                                                 \
        __typeof__(var) unwind_taken_ = (var);                                      \
        (var) = (empty);                                                            \
        unwind_taken_;                                                              \
    })
#define TAKE_PTR(p) UNWIND_TAKE(p, NULL)
#define TAKE_FD(fd) UNWIND_TAKE(fd, -1)

/* Lock guards: lock now, unlock when the enclosing block ends. */
#define UNWIND_CAT_(a, b) a##b
#define UNWIND_CAT(a, b) UNWIND_CAT_(a, b)
#define UNWIND_DEFINE_GUARD(name, T, lock, unlock)                                  \
    static inline void unwind_unlock_##name(T **p)                                  \
    {                                                                               \
        if (*p)                                                                     \
            (void)unlock(*p);                                                       \
    }                                                                               \
    static inline T *unwind_lock_##name(T *l)                                       \
    {                                                                               \
        return lock(l) == 0 ? l : NULL;                                             \
    }

UNWIND_DEFINE_GUARD(mutex, pthread_mutex_t, pthread_mutex_lock, pthread_mutex_unlock)
UNWIND_DEFINE_GUARD(rdlock, pthread_rwlock_t, pthread_rwlock_rdlock, pthread_rwlock_unlock)
UNWIND_DEFINE_GUARD(wrlock, pthread_rwlock_t, pthread_rwlock_wrlock, pthread_rwlock_unlock)
UNWIND_DEFINE_GUARD(spin, pthread_spinlock_t, pthread_spin_lock, pthread_spin_unlock)

#define UNWIND_GUARD(name, T, l)                                                    \
    T *UNWIND_CAT(unwind_guard_, __LINE__)                                          \
        UNWIND_CLEANUP(unwind_unlock_##name) __attribute__((unused)) = unwind_lock_##name(l)
#define UNWIND_GUARD_MUTEX(m)  UNWIND_GUARD(mutex, pthread_mutex_t, m)
#define UNWIND_GUARD_RDLOCK(l) UNWIND_GUARD(rdlock, pthread_rwlock_t, l)
#define UNWIND_GUARD_WRLOCK(l) UNWIND_GUARD(wrlock, pthread_rwlock_t, l)
#define UNWIND_GUARD_SPIN(l)   UNWIND_GUARD(spin, pthread_spinlock_t, l)

/* flockfile() cannot fail */
static inline void unwind_funlockfilep(FILE **p)
{
    if (*p)
        funlockfile(*p);
}
#define UNWIND_GUARD_FILE(f)                                                        \
    FILE *UNWIND_CAT(unwind_guard_, __LINE__)                                       \
        UNWIND_CLEANUP(unwind_funlockfilep) __attribute__((unused)) = (flockfile(f), (f))

#endif /* UNWIND_CLEANUP_H */
