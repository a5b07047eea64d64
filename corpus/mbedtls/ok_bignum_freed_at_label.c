/* unwind-mbedtls: every exit after mbedtls_mpi_init() passes through the label that frees
 * both bignums; MBEDTLS_MPI_CHK() jumps there on any failure.
 * build: -lmbedcrypto
 * drive: ({ int r; mpi_sum_is((const unsigned char *) "\x02", (const unsigned char *) "\x03", 5, &r); r; }) == 1
 * drive: ({ int r; mpi_sum_is((const unsigned char *) "\x02", (const unsigned char *) "\x03", 6, &r); r; }) == 0
 */
#include <mbedtls/bignum.h>

/* Sets *equal to whether the bytes a and b (one each) add up to want: 0, or an error. */
int mpi_sum_is(const unsigned char *a, const unsigned char *b, int want, int *equal)
{
    mbedtls_mpi x, y;
    int ret;

    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&y);
    MBEDTLS_MPI_CHK(mbedtls_mpi_read_binary(&x, a, 1));
    MBEDTLS_MPI_CHK(mbedtls_mpi_read_binary(&y, b, 1));
    MBEDTLS_MPI_CHK(mbedtls_mpi_add_mpi(&x, &x, &y));
    *equal = mbedtls_mpi_cmp_int(&x, want) == 0;
cleanup:
    mbedtls_mpi_free(&y);
    mbedtls_mpi_free(&x);
    return ret;
}
