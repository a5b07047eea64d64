/* unwind-zlib: inflateInit2() succeeded, then an early return skips inflateEnd().
 * gunzip_buffer() returns -2 when the output buffer is too small without inflateEnd(&zs),
 * leaking the inflate state; the data error and the success path end the stream.
 * build: pkg-config zlib
 * drive: ({ unsigned char in[64], out[32]; uLongf n = sizeof(in); size_t got = 0; z_stream s; memset(&s, 0, sizeof(s)); deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); s.next_in = (unsigned char *)"hello hello hello"; s.avail_in = 17; s.next_out = in; s.avail_out = sizeof(in); deflate(&s, Z_FINISH); n = s.total_out; deflateEnd(&s); int r = gunzip_buffer(in, n, out, sizeof(out), &got); r == 0 ? (int)got : r; })
 * drive: ({ unsigned char in[64], out[4]; size_t got = 0; z_stream s; memset(&s, 0, sizeof(s)); deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); s.next_in = (unsigned char *)"hello hello hello"; s.avail_in = 17; s.next_out = in; s.avail_out = sizeof(in); deflate(&s, Z_FINISH); uLong n = s.total_out; deflateEnd(&s); gunzip_buffer(in, n, out, sizeof(out), &got); })
 * drive: ({ unsigned char out[16]; size_t got = 0; gunzip_buffer((const unsigned char *)"not gzip data", 13, out, sizeof(out), &got); })
 */
#include <string.h>

#include <zlib.h>

/* Decompress the gzip data in[0..inlen) into out; 0, -1 for bad data, -2 if out is full. */
int gunzip_buffer(const unsigned char *in, size_t inlen, unsigned char *out, size_t outlen,
                  size_t *produced)
{
    z_stream zs;
    int ret;

    memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, 15 + 16))
        return -1;
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)inlen;
    zs.next_out = out;
    zs.avail_out = (uInt)outlen;
    ret = inflate(&zs, Z_FINISH);
    if (ret == Z_BUF_ERROR && zs.avail_out == 0)
        return -2;
    if (ret != Z_STREAM_END) {
        inflateEnd(&zs);
        return -1;
    }
    *produced = zs.total_out;
    inflateEnd(&zs);
    return 0;
}
