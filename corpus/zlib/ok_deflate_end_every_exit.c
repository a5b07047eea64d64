/* unwind-zlib: deflateEnd() runs on every exit after a successful deflateInit().
 * gzip_buffer() ends the stream both when the output does not fit and after success; the
 * init's own failure returns before there is a stream to end.
 * build: pkg-config zlib
 * drive: ({ unsigned char out[128]; size_t n = 0; gzip_buffer((const unsigned char *)"hello hello hello", 17, out, sizeof(out), &n) == 0 ? (int)n : -1; })
 * drive: ({ unsigned char out[8]; size_t n = 0; gzip_buffer((const unsigned char *)"hello hello hello", 17, out, sizeof(out), &n); })
 * drive: ({ unsigned char out[8]; size_t n = 0; gzip_buffer((const unsigned char *)"x", 1, out, sizeof(out), &n) + gzip_buffer((const unsigned char *)"x", 1, out, sizeof(out), NULL); })
 */
#include <stddef.h>
#include <string.h>

#include <zlib.h>

/* Compress in[0..inlen) as gzip into out; 0, or -1 (bad arguments, or out too small). */
int gzip_buffer(const unsigned char *in, size_t inlen, unsigned char *out, size_t outlen,
                size_t *produced)
{
    z_stream zs;

    if (!produced)
        return -1;
    memset(&zs, 0, sizeof(zs));
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY))
        return -1;
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)inlen;
    zs.next_out = out;
    zs.avail_out = (uInt)outlen;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&zs);
        return -1;
    }
    *produced = zs.total_out;
    deflateEnd(&zs);
    return 0;
}
