/* unwind-inferred: a learned pair released under an err_ label and on success, and
 * forgotten by the early returns in between.
 * sem_open()/sem_close() are in no resource table. The sem_getvalue() failure (line 26)
 * and the range check (line 28) return without closing sem; the acquisition's own
 * SEM_FAILED check is no leak.
 * drive: ({ char n[64]; snprintf(n, sizeof(n), "/cocci-unwind-%d", (int)getpid()); int r = ping_sem(n, 0); sem_unlink(n); r; })
 * drive: ({ char n[64]; snprintf(n, sizeof(n), "/cocci-unwind-%d", (int)getpid()); int r = ping_sem(n, 1); sem_unlink(n); r; })
 * drive: ping_sem("no-slash/is-invalid", 0)
 */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

int ping_sem(const char *name, int refuse)
{
    sem_t *sem;
    int v;

    sem = sem_open(name, O_CREAT, 0600, 1);
    if (sem == SEM_FAILED)
        return -1;
    if (refuse)
        goto err_close;
    if (sem_getvalue(sem, &v) < 0)
        return -2;
    if (v > 1)
        return -3;
    sem_close(sem);
    return v;
err_close:
    sem_close(sem);
    return -4;
}
