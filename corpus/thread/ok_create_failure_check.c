/* unwind-thread: only the pthread_create() failure check returns early.
 * Both functions return right after a failed pthread_create(), tested directly
 * or through rc; on success t is joined or detached. Nothing to report.
 * drive: ({ int x = 6; square_in_thread(&x) == 0 ? x : -1; })
 * drive: ({ static int y = 3; start_detached(&y); })
 */
#include <pthread.h>

static void *square_main(void *arg)
{
    int *x = arg;

    *x *= *x;
    return NULL;
}

int square_in_thread(int *x)
{
    pthread_t t;

    if (pthread_create(&t, NULL, square_main, x) != 0)
        return -1;
    pthread_join(t, NULL);
    return 0;
}

int start_detached(int *x)
{
    pthread_t t;
    int rc;

    rc = pthread_create(&t, NULL, square_main, x);
    if (rc != 0)
        return rc;
    pthread_detach(t);
    return 0;
}
