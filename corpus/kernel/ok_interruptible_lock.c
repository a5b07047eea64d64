/* unwind-kernel-lock: mutex_lock_interruptible()'s own failure returns without the lock.
 * When the wait is interrupted (-EINTR) the mutex was not taken, so returning is right;
 * both exits after it unlock.
 * build: kernel.h
 * drive: ({ static struct stats s = { .samples = 3, .total = 12 }; mutex_init(&s.lock); int r = stats_mean(&s); r * 10 + mutex_is_locked(&s.lock); })
 * drive: ({ static struct stats s = { .samples = 0 }; mutex_init(&s.lock); int r = stats_mean(&s); r * 10 + mutex_is_locked(&s.lock); })
 * drive: ({ static struct stats s = { .samples = 3, .total = 12 }; mutex_init(&s.lock); *fake_signal_pending() = 1; int r = stats_mean(&s); *fake_signal_pending() = 0; r * 10 + mutex_is_locked(&s.lock); })
 */
#include "kernel.h"

struct stats {
    struct mutex lock;
    long total;
    int samples;
};

/* The mean of the samples so far; -ENODATA with none, -EINTR if interrupted. */
int stats_mean(struct stats *s)
{
    int mean;

    if (mutex_lock_interruptible(&s->lock))
        return -EINTR;
    if (s->samples == 0) {
        mutex_unlock(&s->lock);
        return -ENODATA;
    }
    mean = (int)(s->total / s->samples);
    mutex_unlock(&s->lock);
    return mean;
}
