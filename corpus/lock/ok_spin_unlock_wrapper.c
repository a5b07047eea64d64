/* unwind-lock: a spin lock released through a static wrapper in this file.
 * stats_record() takes &s->lock with pthread_spin_lock() and both exits
 * release it via stats_unlock(s), which calls pthread_spin_unlock(). Nothing to report.
 * drive: ({ struct stats s = { 0 }; pthread_spin_init(&s.lock, PTHREAD_PROCESS_PRIVATE); int r = stats_record(&s, 0); pthread_spin_destroy(&s.lock); r; })
 * drive: ({ struct stats s = { 0 }; pthread_spin_init(&s.lock, PTHREAD_PROCESS_PRIVATE); int r = stats_record(&s, 1); pthread_spin_destroy(&s.lock); r; })
 */
#include <pthread.h>

struct stats {
    pthread_spinlock_t lock;
    unsigned long events;
    unsigned long drops;
};

static void stats_unlock(struct stats *s)
{
    pthread_spin_unlock(&s->lock);
}

int stats_record(struct stats *s, int dropped)
{
    pthread_spin_lock(&s->lock);
    s->events++;
    if (dropped) {
        s->drops++;
        stats_unlock(s);
        return -1;
    }
    stats_unlock(s);
    return 0;
}
