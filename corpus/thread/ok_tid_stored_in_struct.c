/* unwind-thread: the thread id is handed on by storing it in a struct field.
 * worker_start() keeps t in w->tid and returns; worker_wait() joins it later.
 * Nothing to report.
 * drive: ({ struct worker w; worker_start(&w, 21) == 0 ? worker_wait(&w) : -1; })
 */
#include <pthread.h>

struct worker {
    pthread_t tid;
    int id;
    int result;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    w->result = w->id * 2;
    return NULL;
}

int worker_start(struct worker *w, int id)
{
    pthread_t t;

    w->id = id;
    if (pthread_create(&t, NULL, worker_main, w) != 0)
        return -1;
    w->tid = t;
    return 0;
}

int worker_wait(struct worker *w)
{
    pthread_join(w->tid, NULL);
    return w->result;
}
