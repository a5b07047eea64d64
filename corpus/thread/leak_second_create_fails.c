/* unwind-thread: the second pthread_create() fails and leaks the first thread.
 * pipeline_start() starts reader, then writer with a configured stack size;
 * if the writer cannot be created it returns -1 without joining reader.
 * drive: ({ struct pipeline p = { 0 }; int r = pipeline_start(&p, 1 << 20); if (r == 0) { pthread_join(p.reader, NULL); pthread_join(p.writer, NULL); } r; })
 * drive: ({ struct pipeline p = { 0 }; pipeline_start(&p, (size_t)-1 / 2); })
 */
#include <pthread.h>
#include <stddef.h>

struct pipeline {
    pthread_t reader;
    pthread_t writer;
    int stages;
};

static void *stage_main(void *arg)
{
    struct pipeline *p = arg;

    __atomic_add_fetch(&p->stages, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

int pipeline_start(struct pipeline *p, size_t writer_stack)
{
    pthread_t reader, writer;
    pthread_attr_t attr;

    if (pthread_create(&reader, NULL, stage_main, p) != 0)
        return -1;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, writer_stack);
    if (pthread_create(&writer, &attr, stage_main, p) != 0) {
        pthread_attr_destroy(&attr);
        return -1;
    }
    pthread_attr_destroy(&attr);
    p->reader = reader;
    p->writer = writer;
    return 0;
}
