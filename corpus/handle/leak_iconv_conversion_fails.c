/* unwind-handle: a failed iconv() returns without iconv_close().
 * convert() opens a UTF-8 to tocode descriptor; when the text cannot be
 * converted it returns -1 and cd leaks. The success path closes cd.
 * drive: ({ char out[32]; convert("ISO-8859-1", "caf\xc3\xa9", out, sizeof out); })
 * drive: ({ char out[32]; convert("ISO-8859-1", "price: 5 \xe2\x82\xac", out, sizeof out); })
 * drive: ({ char out[32]; convert("NO-SUCH-CHARSET", "abc", out, sizeof out); })
 */
#include <iconv.h>
#include <string.h>

int convert(const char *tocode, const char *text, char *out, size_t outsz)
{
    iconv_t cd;
    char *in = (char *)text;
    char *op = out;
    size_t inleft = strlen(text);
    size_t outleft = outsz - 1;

    cd = iconv_open(tocode, "UTF-8");
    if (cd == (iconv_t)-1)
        return -1;
    if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1)
        return -1;
    *op = '\0';
    iconv_close(cd);
    return (int)(op - out);
}
