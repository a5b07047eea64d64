/* unwind-mbedtls: mbedtls_mpi_init() allocates nothing (the table's failure kind `init`):
 * the return for a bad radix, after the init and before any call is given &v, holds
 * nothing. Every exit after mbedtls_mpi_read_string() frees v.
 * build: -lmbedcrypto
 * drive: is_small("12", 10) == 1
 * drive: is_small("12", 1) == -1
 * drive: is_small("zz", 10) == -1
 */
#include <mbedtls/bignum.h>

/* 1 when the number written in s (in radix) is below 100, 0 when not, -1 on an error. */
int is_small(const char *s, int radix)
{
    mbedtls_mpi v;
    int small;

    mbedtls_mpi_init(&v);
    if (radix < 2 || radix > 16)
        return -1;
    if (mbedtls_mpi_read_string(&v, radix, s) != 0) {
        mbedtls_mpi_free(&v);
        return -1;
    }
    small = mbedtls_mpi_cmp_int(&v, 100) < 0;
    mbedtls_mpi_free(&v);
    return small;
}
