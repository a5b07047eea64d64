/* unwind-libxml2: the XPath context and the document leak when the expression does not
 * evaluate.
 * count_matches() returns -1 when xmlXPathEvalExpression() fails (an invalid expression)
 * without xmlXPathFreeContext(ctx) or xmlFreeDoc(doc); the context's own failure frees the
 * document, and the success path frees all three.
 * build: pkg-config libxml-2.0
 * drive: ({ char p[] = "/tmp/cocci-unwind-xml-XXXXXX"; int fd = mkstemp(p); int n = fd >= 0 && write(fd, "<a><b/><b/><c/></a>", 19) == 19 ? count_matches(p, "//b") : -1; if (fd >= 0) { unlink(p); close(fd); } n; })
 * drive: ({ char p[] = "/tmp/cocci-unwind-xml-XXXXXX"; int fd = mkstemp(p); int n = fd >= 0 && write(fd, "<a><b/><b/><c/></a>", 19) == 19 ? count_matches(p, "//b[@") : -1; if (fd >= 0) { unlink(p); close(fd); } n; })
 * drive: count_matches("/nonexistent/cocci-unwind.xml", "//b")
 */
#include <libxml/parser.h>
#include <libxml/xpath.h>

/* The number of nodes that xpath selects in the XML file at path, or -1. */
int count_matches(const char *path, const char *xpath)
{
    xmlDocPtr doc;
    xmlXPathContextPtr ctx;
    xmlXPathObjectPtr res;
    int n;

    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return -1;
    ctx = xmlXPathNewContext(doc);
    if (!ctx) {
        xmlFreeDoc(doc);
        return -1;
    }
    res = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    if (!res)
        return -1;
    n = res->nodesetval ? res->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return n;
}
