/* A stand-in for the kernel's <linux/cleanup.h> in userspace (written for cocci-unwind's
 * tests, not copied): __free(kfree), no_free_ptr, return_ptr, guard(mutex) with the kernel's
 * meaning, on top of corpus/kernel/kernel.h (kmalloc is malloc, a mutex a pthread mutex). */
#ifndef COCCI_UNWIND_LINUX_CLEANUP_STANDIN_H
#define COCCI_UNWIND_LINUX_CLEANUP_STANDIN_H

#define __free(name) __attribute__((cleanup(__free_##name)))
#define DEFINE_FREE(name, type, expr) \
    static inline void __free_##name(void *p) { type _T = *(type *)p; expr; }

#define no_free_ptr(p)                                  \
    __extension__({                                     \
        __typeof__(p) _ptr_ = (p);                      \
        (p) = NULL;                                     \
        _ptr_;                                          \
    })
#define return_ptr(p) return no_free_ptr(p)

#define __GUARD_CAT2(a, b) a##b
#define __GUARD_CAT(a, b) __GUARD_CAT2(a, b)
#define DEFINE_GUARD(name, type, lock, unlock)                                  \
    static inline void __guard_##name##_unlock(type *p) { type _T = *p; if (_T) { unlock; } } \
    static inline type __guard_##name##_lock(type _T) { lock; return _T; }
#define guard(name)                                                             \
    __typeof__(__guard_##name##_lock(0)) __GUARD_CAT(__guard_, __LINE__)        \
        __attribute__((cleanup(__guard_##name##_unlock), unused)) = __guard_##name##_lock

/* what <linux/slab.h> and <linux/mutex.h> declare, on corpus/kernel/kernel.h */
#ifdef COCCI_UNWIND_KERNEL_H
DEFINE_FREE(kfree, void *, if (_T) kfree(_T))
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif

#endif
