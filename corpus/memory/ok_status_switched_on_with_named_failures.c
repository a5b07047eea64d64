/* unwind-memory: the status of copy_subject() is switched on; its arms for a named failure
 * constant, and its default beside the arm of the success constant, run when it failed
 * and filled nothing; the success arm breaks out to the free().
 * drive: check_ca(1)
 * drive: check_ca(-1)
 * drive: check_ca(0)
 */
#include <stdlib.h>
#include <string.h>

#define E_OK 0
#define E_BADFILE 77
#define E_EMPTY 78

/* *out = a copy of the certificate's subject: E_OK, or E_BADFILE / E_EMPTY (nothing filled). */
int copy_subject(int cert, char **out)
{
    if (cert < 0)
        return E_BADFILE;
    if (cert == 0)
        return E_EMPTY;
    *out = strdup("subject");
    return E_OK;
}

/* 0 for a certificate with a subject, -1 for a bad one, the status otherwise. */
int check_ca(int cert)
{
    char *certp;
    int result = copy_subject(cert, &certp);

    switch (result) {
    case E_OK:
        break;
    case E_BADFILE:
        return -1;
    default:
        return result;
    }
    free(certp);
    return 0;
}
