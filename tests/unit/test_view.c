/* Unit tests for fcgi/view.c: the HTML writer against libxml2's own on
 * generated documents, and whole renders against libxslt's output, the
 * message function, output methods the writer leaves to libxslt. */
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../fcgi/view.h"
#include "check.h"

static arena A;

/* ---- generated documents ---- */

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static const char *pick(const char *const *list, size_t n)
{
    return list[rnd((unsigned)n)];
}
#define PICK(list) pick(list, sizeof(list) / sizeof(list[0]))

static const char *const element_names[] = {
    "html",   "head",   "body",     "meta", "br",     "input",  "p",   "pre",   "div",  "span",  "a",        "form",
    "script", "style",  "textarea", "img",  "option", "select", "td",  "table", "b",    "param", "x-widget", "BR",
    "A",      "Script", "li",       "hr",   "link",   "title",  "col", "area",  "base", "embed", "source",   "main"};
static const char *const attr_names[] = {"href",     "action",   "src",   "name",    "class",    "id",      "checked",
                                         "selected", "disabled", "value", "title",   "data-x",   "onclick", "HREF",
                                         "Name",     "SRC",      "lang",  "content", "readonly", "nowrap"};
static const char *const pieces[] = {
    "a",        "Zz09", " ",        "  ", "\t",   "\n",  "\r",    "\x01", "\x1f",
    "\x7f",     "\"",   "'",        "&",  "<",    ">",   "{",     "}",    "!",
    "-",        "%",    "#",        "?",  "=",    "/",   ":",     ";",    ",",
    "+",        "@",    "~",        "*",  "(",    ")",   "_",     ".",    "\xe4\xbd\xa0",
    "\xc3\xa9", "&{x}", "<!--c-->", "&{", "<!--", "-->", "&amp;", "%20",  "\xf0\x9f\x98\x80",
    "^",        "|",    "\\",       "`",  "[",    "]"};

static xmlChar *random_text(void)
{
    char buf[256];
    size_t n = 0;
    unsigned count = rnd(8);
    buf[0] = '\0';
    for (unsigned i = 0; i < count; i++) {
        const char *p = PICK(pieces);
        size_t len = strlen(p);
        if (n + len >= sizeof(buf))
            break;
        memcpy(buf + n, p, len + 1);
        n += len;
    }
    return xmlStrdup(BAD_CAST buf);
}

/* a namespace no element declares: the writer sees only its prefix */
static xmlNsPtr loose_ns;

static void random_attrs(xmlNodePtr e)
{
    unsigned count = rnd(4);
    for (unsigned i = 0; i < count; i++) {
        const char *name = PICK(attr_names);
        xmlChar *v = random_text();
        unsigned kind = rnd(10);
        xmlAttrPtr a;
        if (kind == 0) {
            a = xmlNewProp(e, BAD_CAST name, NULL); /* no value at all */
        } else if (kind == 1) {
            a = xmlNewProp(e, BAD_CAST name, BAD_CAST "");
        } else if (kind == 2) { /* a value made of two text nodes */
            a = xmlNewProp(e, BAD_CAST name, v);
            xmlChar *more = random_text();
            xmlAddChild((xmlNodePtr)a, xmlNewDocText(e->doc, more));
            xmlFree(more);
        } else if (kind == 3) {
            a = xmlNewNsProp(e, loose_ns, BAD_CAST name, v);
        } else {
            a = xmlNewProp(e, BAD_CAST name, v);
        }
        (void)a;
        xmlFree(v);
    }
}

static void random_children(xmlDocPtr doc, xmlNodePtr parent, int depth)
{
    unsigned count = depth > 4 ? 0 : rnd(6);
    for (unsigned i = 0; i < count; i++) {
        xmlNodePtr n = NULL;
        xmlChar *t = random_text();
        switch (rnd(12)) {
        case 0:
        case 1:
        case 2:
        case 3:
            n = xmlNewDocNode(doc, NULL, BAD_CAST PICK(element_names), NULL);
            if (rnd(8) == 0)
                n->ns = loose_ns;
            random_attrs(n);
            xmlAddChild(parent, n);
            random_children(doc, n, depth + 1);
            n = NULL;
            break;
        case 4:
        case 5:
        case 6:
            n = xmlNewDocText(doc, t);
            break;
        case 7: /* disable-output-escaping text, as libxslt makes it */
            n = xmlNewDocText(doc, t);
            n->name = xmlStringTextNoenc;
            break;
        case 8:
            n = xmlNewDocComment(doc, t);
            break;
        case 9:
            n = xmlNewDocPI(doc, BAD_CAST "pi", rnd(2) ? t : NULL);
            break;
        case 10:
            n = xmlNewCDataBlock(doc, t, xmlStrlen(t));
            break;
        case 11:
            n = xmlNewReference(doc, BAD_CAST(rnd(2) ? "amp" : "nbsp"));
            break;
        }
        xmlFree(t);
        if (n)
            xmlAddChild(parent, n);
    }
}

static xmlDocPtr random_doc(void)
{
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    switch (rnd(5)) {
    case 0:
        xmlCreateIntSubset(doc, BAD_CAST "html", NULL, BAD_CAST "about:legacy-compat");
        break;
    case 1:
        xmlCreateIntSubset(doc, BAD_CAST "html", BAD_CAST "-//W3C//DTD HTML 4.01//EN",
                           BAD_CAST "http://www.w3.org/TR/html4/strict.dtd");
        break;
    case 2:
        xmlCreateIntSubset(doc, BAD_CAST "html", NULL, BAD_CAST "sys\"tem'id");
        break;
    case 3:
        xmlCreateIntSubset(doc, BAD_CAST "html", BAD_CAST "pub\"id", NULL);
        break;
    default:
        break;
    }
    if (rnd(10) == 0)
        xmlAddChild((xmlNodePtr)doc, xmlNewDocComment(doc, BAD_CAST "before"));
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST(rnd(8) ? "html" : "div"), NULL);
    xmlAddChild((xmlNodePtr)doc, root);
    random_attrs(root);
    random_children(doc, root, 0);
    if (rnd(10) == 0)
        xmlAddChild((xmlNodePtr)doc, xmlNewDocText(doc, BAD_CAST "after <&>"));
    return doc;
}

/* libxml2's html output of doc without indentation, in the arena */
static char *libxml2_html(xmlDocPtr doc, size_t *len)
{
    xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
    htmlDocContentDumpFormatOutput(buf, doc, NULL, 0);
    xmlOutputBufferFlush(buf);
    *len = xmlOutputBufferGetSize(buf);
    char *s = arena_strndup(&A, (const char *)xmlOutputBufferGetContent(buf), *len);
    xmlOutputBufferClose(buf);
    return s;
}

static void writer_matches_libxml2_on_generated_documents(void)
{
    loose_ns = xmlNewNs(NULL, BAD_CAST "urn:x", BAD_CAST "x");
    int same = 0, differ = 0;
    for (int i = 0; i < 4000; i++) {
        xmlDocPtr doc = random_doc();
        size_t want_len;
        char *want = libxml2_html(doc, &want_len);
        xml_sink out;
        xml_sink_init(&out, &A, 64);
        int rc = view_html_write(&out, doc);
        if (rc == 0 && out.len == want_len && memcmp(out.p, want, want_len) == 0) {
            same++;
        } else {
            if (differ++ < 3)
                fprintf(stderr, "document %d differs (rc %d):\n  libxml2: %s\n  ours:    %.*s\n", i, rc, want,
                        (int)out.len, out.p);
        }
        xmlFreeDoc(doc);
        arena_reset(&A);
    }
    CHECK(differ == 0);
    CHECK(same == 4000);
    xmlFreeNs(loose_ns);
}

static void writer_leaves_what_it_does_not_know(void)
{
    /* a namespace declaration */
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
    xmlAddChild((xmlNodePtr)doc, root);
    xmlNewNs(root, BAD_CAST "urn:x", BAD_CAST "x");
    xml_sink out;
    xml_sink_init(&out, &A, 64);
    CHECK(view_html_write(&out, doc) == -1);
    CHECK(out.len == 0);
    xmlFreeDoc(doc);

    /* a declaration deep inside, after much is written: all of it goes,
     * what the sink held before stays */
    doc = htmlNewDocNoDtD(NULL, NULL);
    root = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
    xmlAddChild((xmlNodePtr)doc, root);
    xmlNodePtr body = xmlNewChild(root, NULL, BAD_CAST "body", NULL);
    for (int i = 0; i < 50; i++)
        xmlNewTextChild(body, NULL, BAD_CAST "p", BAD_CAST "some text before it");
    xmlNodePtr deep = xmlNewChild(xmlNewChild(body, NULL, BAD_CAST "div", NULL), NULL, BAD_CAST "svg", NULL);
    xmlNewNs(deep, BAD_CAST "http://www.w3.org/2000/svg", NULL);
    xml_sink_init(&out, &A, 16);
    xml_sink_write(&out, "kept", 4);
    CHECK(view_html_write(&out, doc) == -1);
    CHECK(out.len == 4 && strcmp(out.p, "kept") == 0);
    xmlFreeDoc(doc);

    /* an attribute whose value holds an entity reference */
    doc = htmlNewDocNoDtD(NULL, NULL);
    root = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
    xmlAddChild((xmlNodePtr)doc, root);
    xmlAttrPtr at = xmlNewProp(root, BAD_CAST "title", BAD_CAST "a");
    xmlAddChild((xmlNodePtr)at, xmlNewReference(doc, BAD_CAST "&amp;"));
    xml_sink_init(&out, &A, 16);
    CHECK(view_html_write(&out, doc) == -1);
    CHECK(out.len == 0 && out.p[0] == '\0');
    xmlFreeDoc(doc);

    /* an XML document */
    doc = xmlNewDoc(BAD_CAST "1.0");
    xmlAddChild((xmlNodePtr)doc, xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL));
    CHECK(view_html_write(&out, doc) == -1);
    CHECK(out.len == 0);
    xmlFreeDoc(doc);
}

static void writer_escapes_text_and_attributes(void)
{
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
    xmlAddChild((xmlNodePtr)doc, root);
    xmlNodeAddContent(root, BAD_CAST "</p><script>x</script> & \"q\"");
    xmlNewProp(root, BAD_CAST "title", BAD_CAST "\"><b>");
    xmlNodePtr a = xmlNewChild(root, NULL, BAD_CAST "a", NULL);
    xmlNewProp(a, BAD_CAST "href", BAD_CAST " /search?q=\xe4\xbd\xa0 \"x\"");
    xml_sink out;
    xml_sink_init(&out, &A, 16);
    CHECK(view_html_write(&out, doc) == 0);
    CHECK(strstr(out.p, "&lt;/p&gt;&lt;script&gt;x&lt;/script&gt; &amp; \"q\"") != NULL);
    CHECK(strstr(out.p, "title='\"&gt;&lt;b&gt;'") != NULL);
    CHECK(strstr(out.p, "href=\"/search?q=%E4%BD%A0%20%22x%22\"") != NULL);
    CHECK(strstr(out.p, "<b>") == NULL && strstr(out.p, "<script>") == NULL);
    xmlFreeDoc(doc);
}

/* ---- whole renders ---- */

static char dir[] = "/tmp/mp-test-view-XXXXXX";

static void write_file(const char *sub, const char *name, const char *text)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static const char *const page_xsl =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' xmlns:m='urn:mp:i18n'\n"
    "    exclude-result-prefixes='m'>\n"
    "  <xsl:output method='html' encoding='UTF-8' indent='no' doctype-system='about:legacy-compat'/>\n"
    "  <xsl:template match='/'>\n"
    "    <html lang='{page/@lang}'><head><title><xsl:value-of select=\"m:t('title')\"/></title>\n"
    "      <style>p > b { color: red }</style></head>\n"
    "    <body class='page-{page/@name}'>\n"
    "      <!-- a comment -->\n"
    "      <p><xsl:value-of select=\"m:t('hello', page/user, 'two')\"/></p>\n"
    "      <p><xsl:value-of select=\"m:t('missing')\"/>|<xsl:value-of select=\"m:t('braces')\"/></p>\n"
    "      <form action='/orders?x={page/user}' method='post'>\n"
    "        <input type='checkbox' name='c' checked='checked'/><br/>\n"
    "        <input type='hidden' name='csrf' value='{page/user}'/>\n"
    "        <select name='s'><option selected='selected' value='{page/user}'>o</option></select>\n"
    "      </form>\n"
    "      <xsl:for-each select='page/item'>\n"
    "        <a href='/items/{@id}?q={.}' title='{.}'><xsl:value-of select='.'/></a>\n"
    "      </xsl:for-each>\n"
    "      <script>if (a &lt; b &amp;&amp; c) {}</script>\n"
    "      <p><xsl:text disable-output-escaping='yes'>&lt;i&gt;static&lt;/i&gt;</xsl:text></p>\n"
    "      <xsl:processing-instruction name='pi'>x</xsl:processing-instruction>\n"
    "    </body></html>\n"
    "  </xsl:template>\n"
    "</xsl:stylesheet>\n";

static const char *const feed_xsl =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>\n"
    "  <xsl:output method='xml' encoding='UTF-8' indent='yes' media-type='application/xml'/>\n"
    "  <xsl:template match='/'><feed><xsl:copy-of select='page/item'/></feed></xsl:template>\n"
    "</xsl:stylesheet>\n";

static const char *const indented_xsl =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>\n"
    "  <xsl:output method='html' encoding='UTF-8'/>\n"
    "  <xsl:template match='/'><html><body><div><p>a</p><p>b</p></div><ul><li>x</li></ul></body></html>"
    "</xsl:template>\n"
    "</xsl:stylesheet>\n";

/* an inline SVG: a namespace declaration the HTML writer leaves to libxml2 */
static const char *const svg_xsl =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>\n"
    "  <xsl:output method='html' encoding='UTF-8' indent='no' doctype-system='about:legacy-compat'/>\n"
    "  <xsl:template match='/'><html><head><title>t</title></head><body><p title='{page/user}'>"
    "<xsl:value-of select='page/user'/></p>"
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><path d='M0 0'/></svg></body></html>"
    "</xsl:template>\n"
    "</xsl:stylesheet>\n";

static const char *const zh_xml =
    "<messages><m k='title'>标题 &amp; \"T\"</m>"
    "<m k='hello'>你好 {1}, {2} and {3} {x} {</m><m k='braces'>{2}</m>"
    "<m k='period.once'>一次性</m><m k='period.1'>1 个月</m><m k='period.12'>1 年</m><m k='period.months'>{1} 个月</m>"
    "<m k='period.24'>{1} 两年</m><m k='order.status.paid'>已支付</m><m k='x.&lt;b&gt;&amp;amp;'>{1}!</m></messages>";
static const char *const en_xml = "<messages><m k='title'>Title</m><m k='hello'>Hello {1}</m></messages>";

static xmlDocPtr model(void)
{
    xmlNodePtr page;
    xmlDocPtr doc = xml_doc_new(&A, "page", &page);
    xml_set(page, "name", "test");
    xml_set(page, "lang", "zh-CN");
    xml_add_text(page, "user", "Ann \"<b>\" & 'O'Neil' \xe4\xbd\xa0");
    for (int i = 0; i < 3; i++) {
        xmlNodePtr item = xml_add_text(page, "item", i == 1 ? " a b&c<d>\"e\"'f' \xe4\xbd\xa0" : "plain");
        xml_set_int(item, "id", i);
    }
    return doc;
}

/* libxslt's own transform and serialization of the same model, as
 * view_render did it before it wrote the body itself (the message
 * function without a catalog gives the keys) */
static char *libxslt_render(const char *name, xmlDocPtr doc, size_t *len)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/plain/%s.xsl", dir, name);
    xsltStylesheetPtr style = xsltParseStylesheetFile(BAD_CAST path);
    xmlDocPtr res = style ? xsltApplyStylesheet(style, doc, NULL) : NULL;
    xmlChar *mem = NULL;
    int n = 0;
    if (res)
        xsltSaveResultToString(&mem, &n, res, style);
    char *s = arena_strndup(&A, mem ? (const char *)mem : "", (size_t)n);
    *len = (size_t)n;
    xmlFree(mem);
    xmlFreeDoc(res);
    xsltFreeStylesheet(style);
    return s;
}

/* with catalogs that have no messages, every render is libxslt's, byte
 * for byte: the HTML writer, and libxslt's serializer for the others */
static void renders_match_libxslt(views *plain)
{
    static const char *const names[] = {"page", "feed", "indented", "svg"};
    for (size_t i = 0; i < 4; i++) {
        const view *v = views_find(plain, names[i]);
        CHECK(v != NULL);
        if (!v)
            continue;
        xmlDocPtr doc = model();
        char *body = NULL;
        size_t len = 0;
        const char *ct = NULL;
        CHECK(view_render(plain, v, doc, "zh-CN", &A, &body, &len, &ct) == 0);
        size_t want_len;
        char *want = libxslt_render(names[i], doc, &want_len);
        CHECK(want_len > 50);
        CHECK(body && len == want_len && memcmp(body, want, len) == 0);
        if (body && (len != want_len || memcmp(body, want, len) != 0))
            fprintf(stderr, "%s differs:\n  libxslt: %s\n  ours:    %.*s\n", names[i], want, (int)len, body);
        CHECK(body && len == strlen(body));
        CHECK_STR(ct, i == 1 ? "application/xml; charset=utf-8" : "text/html; charset=utf-8");
    }
}

static void page_has_messages_and_html_rules(views *vs)
{
    const view *v = views_find(vs, "page");
    xmlDocPtr doc = model();
    char *body = NULL;
    size_t len = 0;
    const char *ct = NULL;
    CHECK(v && view_render(vs, v, doc, "zh-CN", &A, &body, &len, &ct) == 0);
    if (!body)
        return;
    CHECK(strstr(body, "<title>\xe6\xa0\x87\xe9\xa2\x98 &amp; \"T\"</title>") != NULL);
    /* {1} and {2} filled, {3} (no argument) left out, the rest as it is */
    CHECK(
        strstr(body, "<p>\xe4\xbd\xa0\xe5\xa5\xbd Ann \"&lt;b&gt;\" &amp; 'O'Neil' \xe4\xbd\xa0, two and  {x} {</p>") !=
        NULL);
    /* an unknown key shows itself; {2} without arguments is left out */
    CHECK(strstr(body, "<p>missing|</p>") != NULL);
    CHECK(strstr(body, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
                       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">") != NULL);
    CHECK(strstr(body, "<input type=\"checkbox\" name=\"c\" checked><br>") != NULL);
    CHECK(strstr(body, "<option selected value=") != NULL);
    CHECK(strstr(body, "<script>if (a < b && c) {}</script>") != NULL);
    CHECK(strstr(body, "<style>p > b { color: red }</style>") != NULL);
    CHECK(strstr(body, "<p><i>static</i></p>") != NULL);
    CHECK(strstr(body, "<?pi x>") != NULL);
    CHECK(strstr(body, "href=\"/items/1?q=%20a%20b&amp;c&lt;d&gt;%22e%22'f'%20%E4%BD%A0\"") != NULL);
    CHECK(strstr(body, "title=\" a b&amp;c&lt;d&gt;&quot;e&quot;'f' \xe4\xbd\xa0\"") != NULL);
    CHECK(body[len - 1] == '\n' && strlen(body) == len);

    /* English has its own catalog */
    CHECK(view_render(vs, v, doc, "en", &A, &body, &len, &ct) == 0);
    CHECK(body && strstr(body, "<title>Title</title>") != NULL);
    CHECK(body && strstr(body, "<p>Hello Ann \"&lt;b&gt;\"") != NULL);
}

/* the layout's helper templates as they were (money-text, period, label)
 * beside the functions that replace them */
static const char *const helpers_xsl =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' xmlns:m='urn:mp:i18n'\n"
    "    exclude-result-prefixes='m'>\n"
    "  <xsl:output method='text' encoding='UTF-8'/>\n"
    "  <xsl:template match='/'>\n"
    "    <xsl:for-each select='page/money'>\n"
    "      <xsl:call-template name='old-money-text'><xsl:with-param name='v' select='@v'/>\n"
    "        <xsl:with-param name='sign' select='string(@sign)'/><xsl:with-param name='bare' select=\"@bare = '1'\"/>\n"
    "      </xsl:call-template>|<xsl:value-of select=\"m:money-text(@v, string(@sign), @bare = '1')\"/>\n"
    "      <xsl:if test='not(@sign) and not(@bare)'>|<xsl:call-template name='old-money-text'>\n"
    "        <xsl:with-param name='v' select='@v'/></xsl:call-template>|<xsl:value-of select='m:money-text(@v)'/>\n"
    "      </xsl:if><xsl:text>&#10;</xsl:text>\n"
    "    </xsl:for-each>\n"
    "    <xsl:for-each select='page/period'>\n"
    "      <xsl:call-template name='old-period'><xsl:with-param name='months' select='@m'/></xsl:call-template>\n"
    "      <xsl:text>|</xsl:text><xsl:value-of select='m:period(@m)'/><xsl:text>&#10;</xsl:text>\n"
    "    </xsl:for-each>\n"
    "    <xsl:for-each select='page/label'>\n"
    "      <xsl:call-template name='old-label'><xsl:with-param name='prefix' select='@p'/>\n"
    "        <xsl:with-param name='value' select='@v'/></xsl:call-template>\n"
    "      <xsl:text>|</xsl:text><xsl:value-of select='m:label(@p, @v)'/><xsl:text>&#10;</xsl:text>\n"
    "    </xsl:for-each>\n"
    "  </xsl:template>\n"
    "  <xsl:template name='old-money-text'>\n"
    "    <xsl:param name='v'/>\n"
    "    <xsl:param name='sign'/>\n"
    "    <xsl:param name='bare' select='false()'/>\n"
    "    <xsl:variable name='abs' select=\"translate($v, '-', '')\"/>\n"
    "    <xsl:choose>\n"
    "      <xsl:when test=\"starts-with($v, '-')\">-</xsl:when>\n"
    "      <xsl:when test=\"$sign = '+'\">+</xsl:when>\n"
    "    </xsl:choose>\n"
    "    <xsl:choose>\n"
    "      <xsl:when test='$bare'/>\n"
    "      <xsl:when test=\"/page/@lang = 'en'\">CNY </xsl:when>\n"
    "      <xsl:otherwise>\xc2\xa5</xsl:otherwise>\n"
    "    </xsl:choose>\n"
    "    <xsl:value-of select=\"format-number(substring-before($abs, '.'), '#,##0')\"/>\n"
    "    <xsl:text>.</xsl:text>\n"
    "    <xsl:value-of select=\"substring-after($abs, '.')\"/>\n"
    "  </xsl:template>\n"
    "  <xsl:template name='old-period'>\n"
    "    <xsl:param name='months'/>\n"
    "    <xsl:variable name='key'>\n"
    "      <xsl:choose>\n"
    "        <xsl:when test=\"string($months) = '0'\">period.once</xsl:when>\n"
    "        <xsl:otherwise><xsl:value-of select=\"concat('period.', $months)\"/></xsl:otherwise>\n"
    "      </xsl:choose>\n"
    "    </xsl:variable>\n"
    "    <xsl:variable name='text' select='m:t(string($key))'/>\n"
    "    <xsl:choose>\n"
    "      <xsl:when test='$text != string($key)'><xsl:value-of select='$text'/></xsl:when>\n"
    "      <xsl:otherwise><xsl:value-of select=\"m:t('period.months', $months)\"/></xsl:otherwise>\n"
    "    </xsl:choose>\n"
    "  </xsl:template>\n"
    "  <xsl:template name='old-label'>\n"
    "    <xsl:param name='prefix'/>\n"
    "    <xsl:param name='value'/>\n"
    "    <xsl:variable name='key' select='concat($prefix, $value)'/>\n"
    "    <xsl:variable name='text' select='m:t($key)'/>\n"
    "    <xsl:choose>\n"
    "      <xsl:when test='$text != $key'><xsl:value-of select='$text'/></xsl:when>\n"
    "      <xsl:otherwise><xsl:value-of select='$value'/></xsl:otherwise>\n"
    "    </xsl:choose>\n"
    "  </xsl:template>\n"
    "</xsl:stylesheet>\n";

static const char *random_money(char *buf, size_t len)
{
    static const char *const odd[] = {"",   "abc",    "12",     "1.2.3",  " 12.34",   "0012.00", "-",    ".",    "-.5",
                                      "5.", "1 2.00", "--3.00", "3-4.00", "\t7.00\t", "1e3.00",  "0.00", "-0.50"};
    if (rnd(5) == 0)
        return odd[rnd(sizeof(odd) / sizeof(odd[0]))];
    unsigned long long yuan = 0;
    switch (rnd(5)) {
    case 0:
        yuan = rnd(1000);
        break;
    case 1:
        yuan = rnd(1000000);
        break;
    case 2:
        yuan = (unsigned long long)rnd(1000000) * 1000000 + rnd(1000000);
        break;
    case 3:
        yuan = (unsigned long long)rnd(1000) * 1000000000000ULL + rnd(1000000);
        break;
    default:
        yuan = (unsigned long long)rnd(100000) * 1000000000000ULL + rnd(1000000000);
        break; /* past 2^53 */
    }
    snprintf(buf, len, "%s%llu.%02u", rnd(3) == 0 ? "-" : "", yuan, rnd(100));
    return buf;
}

static void helpers_match_the_templates(views *vs, const char *lang)
{
    const view *v = views_find(vs, "helpers");
    CHECK(v != NULL);
    if (!v)
        return;
    xmlNodePtr page;
    xmlDocPtr doc = xml_doc_new(&A, "page", &page);
    xml_set(page, "lang", lang);
    for (int i = 0; i < 400; i++) {
        char buf[64];
        xmlNodePtr m = xml_add(page, "money");
        if (rnd(10))
            xml_set(m, "v", random_money(buf, sizeof(buf)));
        if (rnd(3) == 0)
            xml_set(m, "sign", rnd(2) ? "+" : "-");
        if (rnd(3) == 0)
            xml_set(m, "bare", rnd(2) ? "1" : "0");
    }
    static const char *const months[] = {"0", "1", "3", "6", "12", "24", "36", "7", "", "abc", " 3", "00"};
    for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++)
        xml_set(xml_add(page, "period"), "m", months[i]);
    xml_add(page, "period"); /* no months at all */
    static const char *const labels[][2] = {{"order.status.", "paid"}, {"order.status.", "lost"}, {"order.status.", ""},
                                            {"", "order.status.paid"}, {"x.", "<b>&amp;"},        {"", ""}};
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        xmlNodePtr l = xml_add(page, "label");
        xml_set(l, "p", labels[i][0]);
        xml_set(l, "v", labels[i][1]);
    }
    char *body = NULL;
    size_t len = 0;
    const char *ct = NULL;
    CHECK(view_render(vs, v, doc, lang, &A, &body, &len, &ct) == 0);
    int lines = 0, differ = 0;
    for (char *line = body, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        /* old|new, or old|new|old|new */
        char *parts[4] = {line, NULL, NULL, NULL};
        int n = 1;
        for (char *p = line; *p && n < 4; p++)
            if (*p == '|') {
                *p = '\0';
                parts[n++] = p + 1;
            }
        lines++;
        if (n < 2 || strcmp(parts[0], parts[1]) != 0 || (n == 4 && strcmp(parts[2], parts[3]) != 0)) {
            if (differ++ < 5)
                fprintf(stderr, "%s: template '%s', function '%s'%s%s%s%s\n", lang, parts[0], parts[1] ? parts[1] : "",
                        n == 4 ? "; template '" : "", n == 4 ? parts[2] : "", n == 4 ? "', function " : "",
                        n == 4 ? parts[3] : "");
        }
    }
    CHECK(lines == 400 + 13 + 6);
    CHECK(differ == 0);
}

static views *load(const char *sub, const char *zh, const char *en)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/%s", dir, sub);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/%s/i18n", dir, sub);
    mkdir(path, 0700);
    write_file(sub, "page.xsl", page_xsl);
    write_file(sub, "feed.xsl", feed_xsl);
    write_file(sub, "indented.xsl", indented_xsl);
    write_file(sub, "helpers.xsl", helpers_xsl);
    write_file(sub, "svg.xsl", svg_xsl);
    write_file(sub, "i18n/zh-CN.xml", zh);
    write_file(sub, "i18n/en.xml", en);
    char err[512] = "";
    snprintf(path, sizeof(path), "%s/%s", dir, sub);
    views *vs = views_load(path, err, sizeof(err));
    CHECK(vs != NULL);
    if (!vs)
        fprintf(stderr, "views_load: %s\n", err);
    return vs;
}

static void unload(const char *sub)
{
    const char *files[] = {
        "page.xsl", "feed.xsl", "indented.xsl", "helpers.xsl", "svg.xsl", "i18n/zh-CN.xml", "i18n/en.xml", "i18n", ""};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[300];
        snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, files[i]);
        if (remove(path) != 0)
            CHECK(0);
    }
}

/* the site's own stylesheets compile with the helpers, and its catalogs
 * have the messages the helpers name (run from the repository's root) */
static void site_views_have_the_helpers_messages(void)
{
    char err[512] = "";
    views *site = views_load("xslt", err, sizeof(err));
    CHECK(site != NULL);
    if (!site) {
        fprintf(stderr, "xslt: %s\n", err);
        return;
    }
    static const char *const keys[] = {"period.once", "period.months", "period.1", "period.12"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        CHECK(strcmp(views_message(site, "zh-CN", keys[i]), keys[i]) != 0);
        CHECK(strcmp(views_message(site, "en", keys[i]), keys[i]) != 0);
    }
    CHECK(strstr(views_message(site, "en", "period.months"), "{1}") != NULL);
    views_free(site);
}

int main(void)
{
    arena_init(&A, 0);
    xmlInitParser();
    writer_matches_libxml2_on_generated_documents();
    writer_leaves_what_it_does_not_know();
    writer_escapes_text_and_attributes();

    CHECK(mkdtemp(dir) != NULL);
    views *vs = load("site", zh_xml, en_xml);
    views *plain = load("plain", "<messages/>", "<messages/>");
    if (vs && plain) {
        renders_match_libxslt(plain);
        page_has_messages_and_html_rules(vs);
        helpers_match_the_templates(vs, "zh-CN");
        helpers_match_the_templates(vs, "en");
        helpers_match_the_templates(plain, "zh-CN");
    }
    views_free(vs);
    views_free(plain);
    arena_reset(&A);
    unload("site");
    unload("plain");
    rmdir(dir);
    site_views_have_the_helpers_messages();
    arena_free(&A);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return check_done("test_view");
}
