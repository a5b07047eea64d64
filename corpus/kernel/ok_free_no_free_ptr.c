/* unwind-kernel: kernel style, already correct: __free(kfree) with no_free_ptr().
 * The buffer is freed by its cleanup attribute on the error exits and handed on with
 * no_free_ptr() on success, so nothing leaks and nothing is freed twice. The macros are
 * defined here the way <linux/cleanup.h> and <linux/slab.h> define them, on kernel.h.
 * build: kernel.h
 * drive: ({ static struct name_dev d; mutex_init(&d.lock); int r = name_set(&d, "eth0"); kfree(d.name); r; })
 * drive: ({ static struct name_dev d; mutex_init(&d.lock); name_set(&d, ""); })
 */
#include "kernel.h"

#define __free(name) __attribute__((cleanup(__free_##name)))
static inline void __free_kfree(void *p)
{
    kfree(*(void **)p);
}
#define no_free_ptr(p) __extension__({ __typeof__(p) _p_ = (p); (p) = NULL; _p_; })

struct name_dev {
    struct mutex lock;
    char *name;
};

int name_set(struct name_dev *dev, const char *s)
{
    char *copy __free(kfree) = kmalloc(strlen(s) + 1, GFP_KERNEL);

    if (!copy)
        return -ENOMEM;
    strcpy(copy, s);
    if (copy[0] == '\0')
        return -EINVAL;
    mutex_lock(&dev->lock);
    dev->name = no_free_ptr(copy);
    mutex_unlock(&dev->lock);
    return 0;
}
