/* unwind-mbedtls: the bignum's limbs leak when the value is out of range.
 * below() returns -1 without mbedtls_mpi_free(&v) once mbedtls_mpi_read_binary() has put
 * the value into v; only the read's failure goes to the label that frees it.
 * build: -lmbedcrypto
 * drive: below((const unsigned char *) "\x01", 1, 10) == 0
 * drive: below((const unsigned char *) "\x7f", 1, 10) == -1
 */
#include <stddef.h>
#include <mbedtls/bignum.h>

/* 0 when the n big-endian bytes at buf hold a value below limit, -1 when not, or an
 * Mbed TLS error. */
int below(const unsigned char *buf, size_t n, int limit)
{
    mbedtls_mpi v;
    int ret;

    mbedtls_mpi_init(&v);
    ret = mbedtls_mpi_read_binary(&v, buf, n);
    if (ret != 0)
        goto out;
    if (mbedtls_mpi_cmp_int(&v, limit) >= 0)
        return -1;
out:
    mbedtls_mpi_free(&v);
    return ret;
}
