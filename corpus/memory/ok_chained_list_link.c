/* unwind-memory (negative): ownership handed on by a chained store.
 * The new node is linked at the tail of the queue with `q->tail = q->tail->next = n` (or
 * `q->head = q->tail = n` when the queue is empty): each branch stores it, so the return
 * after the if leaks nothing (util-linux pty-session.c, schedule_child_write).
 * drive: ({ struct queue q = { NULL, NULL }; int r = queue_push(&q, 1) + queue_push(&q, 2); queue_clear(&q); r; })
 */
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

struct queue {
    struct node *head;
    struct node *tail;
};

void queue_clear(struct queue *q)
{
    while (q->head) {
        struct node *n = q->head;
        q->head = n->next;
        free(n);
    }
    q->tail = NULL;
}

int queue_push(struct queue *q, int value)
{
    struct node *n = calloc(1, sizeof(*n));

    if (!n)
        return -1;
    n->value = value;
    if (q->head)
        q->tail = q->tail->next = n;
    else
        q->head = q->tail = n;
    return 0;
}
