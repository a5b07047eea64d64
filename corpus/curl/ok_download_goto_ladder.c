/* unwind-curl: a goto ladder that releases the header list, the easy handle and the file.
 * Each failure after an acquisition jumps to the label that releases it and everything
 * acquired before it, in reverse order; the success path falls through all three labels.
 * build: pkg-config libcurl
 * drive: ({ char p[] = "/tmp/cocci-unwind-curl-XXXXXX"; int fd = mkstemp(p); int r = fd >= 0 ? download("file:///etc/hostname", p) : -1; if (fd >= 0) { unlink(p); close(fd); } r; })
 * drive: ({ char p[] = "/tmp/cocci-unwind-curl-XXXXXX"; int fd = mkstemp(p); int r = fd >= 0 ? download("file:///nonexistent/cocci-unwind", p) : -1; if (fd >= 0) { unlink(p); close(fd); } r; })
 * drive: download("file:///etc/hostname", "/nonexistent/cocci-unwind/out")
 */
#include <stdio.h>

#include <curl/curl.h>

int download(const char *url, const char *dest)
{
    struct curl_slist *hdrs;
    CURL *curl;
    FILE *out;
    int ret = -1;

    out = fopen(dest, "wb");
    if (!out)
        return -1;
    curl = curl_easy_init();
    if (!curl)
        goto close_out;
    hdrs = curl_slist_append(NULL, "Accept: */*");
    if (!hdrs)
        goto cleanup_curl;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, out) != CURLE_OK)
        goto free_hdrs;
    if (curl_easy_perform(curl) == CURLE_OK)
        ret = 0;
free_hdrs:
    curl_slist_free_all(hdrs);
cleanup_curl:
    curl_easy_cleanup(curl);
close_out:
    if (fclose(out) != 0)
        ret = -1;
    return ret;
}
