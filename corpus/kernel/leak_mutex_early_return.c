/* unwind-kernel-lock: an early return leaves the device mutex locked.
 * counter_open() returns -EBUSY when the device is open too often without
 * mutex_unlock(&dev->lock); the success path unlocks.
 * build: kernel.h
 * drive: ({ static struct counter_dev d = { .max_open = 1 }; mutex_init(&d.lock); int r = counter_open(&d); r; })
 * drive: ({ static struct counter_dev d = { .open_count = 1, .max_open = 1 }; mutex_init(&d.lock); int r = counter_open(&d); r; })
 */
#include "kernel.h"

struct counter_dev {
    struct mutex lock;
    int open_count;
    int max_open;
};

int counter_open(struct counter_dev *dev)
{
    mutex_lock(&dev->lock);
    if (dev->open_count >= dev->max_open)
        return -EBUSY;
    dev->open_count++;
    mutex_unlock(&dev->lock);
    return 0;
}
