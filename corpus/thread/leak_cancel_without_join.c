/* unwind-thread: pthread_cancel() on an error path without a pthread_join().
 * When the thread name is too long, start_poller() cancels t and returns -1;
 * a cancelled thread still has to be joined, so t is leaked there.
 * drive: ({ struct poller p = { .name = "poller" }; int r = start_poller(&p); if (r == 0) { pthread_cancel(p.tid); pthread_join(p.tid, NULL); } r; })
 * drive: ({ struct poller p = { .name = "a-poller-name-over-15-bytes" }; start_poller(&p); })
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

struct poller {
    pthread_t tid;
    const char *name;
    unsigned long ticks;
};

static void *poll_main(void *arg)
{
    struct poller *p = arg;

    for (;;) {
        usleep(10000);
        p->ticks++;
    }
    return NULL;
}

int start_poller(struct poller *p)
{
    pthread_t t;

    if (pthread_create(&t, NULL, poll_main, p) != 0)
        return -1;
    if (pthread_setname_np(t, p->name) != 0) {
        pthread_cancel(t);
        return -1;
    }
    p->tid = t;
    return 0;
}
