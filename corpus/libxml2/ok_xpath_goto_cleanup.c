/* unwind-libxml2: one cleanup label frees the XPath result, context and document when set.
 * first_text() starts each pointer at NULL and jumps to `out` on every error; there each
 * is freed under `if`, in reverse order; the string from xmlNodeGetContent() is returned.
 * build: pkg-config libxml-2.0
 * drive: ({ xmlChar *t = first_text("<a><b>one</b><b>two</b></a>", "//b"); int ok = t && xmlStrEqual(t, BAD_CAST "one"); xmlFree(t); ok; })
 * drive: first_text("<a><b>one</b></a>", "//c") == NULL
 * drive: first_text("<a><b>one</b></a>", "//[") == NULL
 * drive: first_text("<a><b>one", "//b") == NULL
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

/* The text of the first node that xpath selects in the XML text xml, or NULL. */
xmlChar *first_text(const char *xml, const char *xpath)
{
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr ctx = NULL;
    xmlXPathObjectPtr res = NULL;
    xmlChar *text = NULL;

    doc = xmlReadMemory(xml, (int)strlen(xml), "inline.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        goto out;
    ctx = xmlXPathNewContext(doc);
    if (!ctx)
        goto out;
    res = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    if (!res || !res->nodesetval || res->nodesetval->nodeNr == 0)
        goto out;
    text = xmlNodeGetContent(res->nodesetval->nodeTab[0]);
out:
    if (res)
        xmlXPathFreeObject(res);
    if (ctx)
        xmlXPathFreeContext(ctx);
    if (doc)
        xmlFreeDoc(doc);
    return text;
}
