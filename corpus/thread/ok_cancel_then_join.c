/* unwind-thread: the error path cancels the thread and then joins it.
 * When the thread name is rejected, start_ticker() calls pthread_cancel(t)
 * followed by pthread_join(t, NULL) before returning -1; on success t is
 * stored in tk->tid. Nothing to report.
 * drive: ({ struct ticker tk = { .name = "ticker" }; int r = start_ticker(&tk); if (r == 0) { pthread_cancel(tk.tid); pthread_join(tk.tid, NULL); } r; })
 * drive: ({ struct ticker tk = { .name = "a-ticker-name-over-15-bytes" }; start_ticker(&tk); })
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

struct ticker {
    pthread_t tid;
    const char *name;
    unsigned long ticks;
};

static void *tick_main(void *arg)
{
    struct ticker *tk = arg;

    for (;;) {
        usleep(10000);
        tk->ticks++;
    }
    return NULL;
}

int start_ticker(struct ticker *tk)
{
    pthread_t t;

    if (pthread_create(&t, NULL, tick_main, tk) != 0)
        return -1;
    if (pthread_setname_np(t, tk->name) != 0) {
        pthread_cancel(t);
        pthread_join(t, NULL);
        return -1;
    }
    tk->tid = t;
    return 0;
}
