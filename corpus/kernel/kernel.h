/* kernel.h: the few Linux kernel interfaces that the corpus/kernel cases use, in userspace.
 * Ours, not the kernel's: kmalloc and friends are malloc, a mutex is a pthread mutex that
 * also records whether it is held (mutex_is_locked), so the cases compile and run with gcc
 * and their drive: lines can show a lock left held. A case includes it as "kernel.h" and
 * says so with ` * build: kernel.h` (corpus/README.md).
 * Only static inline functions: the summary pass reads the macros of headers beside a case,
 * so a macro that called free() would make kfree a release wrapper of the memory family.
 */
#ifndef COCCI_UNWIND_KERNEL_H
#define COCCI_UNWIND_KERNEL_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned int gfp_t;

#define GFP_KERNEL 0u

static inline void *kmalloc(size_t size, gfp_t flags)
{
    (void)flags;
    return malloc(size);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
    (void)flags;
    return calloc(1, size);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
    (void)flags;
    return calloc(n, size);
}

static inline char *kstrdup(const char *s, gfp_t flags)
{
    (void)flags;
    return s ? strdup(s) : NULL;
}

static inline void kfree(const void *p)
{
    free((void *)p);
}

struct mutex {
    pthread_mutex_t m;
    int held;
};

#define DEFINE_MUTEX(name) struct mutex name = { PTHREAD_MUTEX_INITIALIZER, 0 }

static inline void mutex_init(struct mutex *lock)
{
    pthread_mutex_init(&lock->m, NULL);
    lock->held = 0;
}

/* a macro, so that the fault-injection harness sees the lock taken at the case's line */
#define mutex_lock(lock) ((void)pthread_mutex_lock(&(lock)->m), (void)((lock)->held = 1))

/* A pending signal, for drive: lines to set: *fake_signal_pending() = 1 makes the next
 * interruptible wait fail with -EINTR, as a signal would. */
static inline int *fake_signal_pending(void)
{
    static int pending;
    return &pending;
}

static inline int mutex_lock_interruptible(struct mutex *lock)
{
    if (*fake_signal_pending())
        return -EINTR;
    mutex_lock(lock);
    return 0;
}

static inline int mutex_trylock(struct mutex *lock)
{
    if (pthread_mutex_trylock(&lock->m) != 0)
        return 0;
    lock->held = 1;
    return 1;
}

static inline void mutex_unlock(struct mutex *lock)
{
    lock->held = 0;
    pthread_mutex_unlock(&lock->m);
}

static inline int mutex_is_locked(struct mutex *lock)
{
    return lock->held;
}

#endif
