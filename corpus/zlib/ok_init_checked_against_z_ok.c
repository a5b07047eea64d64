/* unwind-zlib (negative): inflateInit()'s own failure tested against Z_OK, directly and
 * through a status variable; once it succeeded, every exit ends the stream.
 * build: pkg-config zlib
 * drive: ({ unsigned char in[] = "not zlib data"; unpack(in, sizeof(in)); })
 * drive: ({ unsigned char in[] = "not zlib data"; unpack_status(in, sizeof(in)); })
 */
#include <string.h>

#include <zlib.h>

int unpack(unsigned char *in, unsigned len)
{
    z_stream strm;
    int ret;

    memset(&strm, 0, sizeof(strm));
    if (inflateInit(&strm) != Z_OK)
        return -1;
    strm.next_in = in;
    strm.avail_in = len;
    ret = inflate(&strm, Z_NO_FLUSH);
    inflateEnd(&strm);
    return ret;
}

int unpack_status(unsigned char *in, unsigned len)
{
    z_stream strm;
    int ret;

    memset(&strm, 0, sizeof(strm));
    ret = inflateInit(&strm);
    if (ret != Z_OK)
        return ret;
    strm.next_in = in;
    strm.avail_in = len;
    ret = inflate(&strm, Z_NO_FLUSH);
    inflateEnd(&strm);
    return ret;
}
