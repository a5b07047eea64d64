/* unwind-lock: the early return unlocks inside its if block.
 * account_withdraw() rejects an overdraft by unlocking &a->lock in the if
 * body before returning; the normal path unlocks too. Nothing to report.
 * drive: ({ struct account a = { .lock = PTHREAD_MUTEX_INITIALIZER, .balance = 100 }; account_withdraw(&a, 30); })
 * drive: ({ struct account a = { .lock = PTHREAD_MUTEX_INITIALIZER, .balance = 100 }; account_withdraw(&a, 300); })
 */
#include <errno.h>
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

int account_withdraw(struct account *a, long amount)
{
    pthread_mutex_lock(&a->lock);
    if (amount > a->balance) {
        pthread_mutex_unlock(&a->lock);
        return -EAGAIN;
    }
    a->balance -= amount;
    pthread_mutex_unlock(&a->lock);
    return 0;
}
