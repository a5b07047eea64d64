/* unwind-openssl: the bit string leaks when a bit is past the limit.
 * key_usage_der() returns -1 without ASN1_BIT_STRING_free(bits) when a bit number is too
 * large; the failures of ASN1_BIT_STRING_set_bit() free it.
 * build: pkg-config openssl
 * drive: ({ int b[] = { 0, 2, -1 }; unsigned char out[16]; key_usage_der(b, out, sizeof(out)); }) > 0
 * drive: ({ int b[] = { 0, 9, -1 }; unsigned char out[16]; key_usage_der(b, out, sizeof(out)); }) == -1
 */
#include <openssl/asn1.h>

/* The DER of the bit string with the bits listed in bits (up to a -1, each below 8) into
 * out (n bytes): its length, or -1. */
int key_usage_der(const int *bits, unsigned char *out, int n)
{
    ASN1_BIT_STRING *s = ASN1_BIT_STRING_new();
    unsigned char *p = out;
    int len;

    if (s == NULL)
        return -1;
    for (; *bits >= 0; bits++) {
        if (*bits > 7)
            return -1;
        if (!ASN1_BIT_STRING_set_bit(s, *bits, 1)) {
            ASN1_BIT_STRING_free(s);
            return -1;
        }
    }
    len = i2d_ASN1_BIT_STRING(s, NULL);
    if (len > 0 && len <= n)
        len = i2d_ASN1_BIT_STRING(s, &p);
    else
        len = -1;
    ASN1_BIT_STRING_free(s);
    return len;
}
