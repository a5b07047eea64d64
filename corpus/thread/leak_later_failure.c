/* unwind-thread: a failure after pthread_create() returns without a join.
 * sum_in_background() starts the worker, then allocates its own scratch
 * array; when calloc() fails it returns -1 and t is never joined or detached.
 * drive: ({ struct job j = { .n = 1000 }; sum_in_background(&j, 64); })
 * drive: ({ struct job j = { .n = 1000 }; sum_in_background(&j, (size_t)-1 / 2); })
 */
#include <pthread.h>
#include <stdlib.h>

struct job {
    long n;
    long result;
};

static void *job_main(void *arg)
{
    struct job *j = arg;
    long i;

    j->result = 0;
    for (i = 1; i <= j->n; i++)
        j->result += i;
    return NULL;
}

int sum_in_background(struct job *j, size_t slots)
{
    pthread_t t;
    long *scratch;
    size_t i;

    if (pthread_create(&t, NULL, job_main, j) != 0)
        return -1;
    scratch = calloc(slots, sizeof *scratch);
    if (scratch == NULL)
        return -1;
    for (i = 0; i < slots; i++)
        scratch[i] = (long)i;
    pthread_join(t, NULL);
    free(scratch);
    return j->result == j->n * (j->n + 1) / 2 ? 0 : -1;
}
