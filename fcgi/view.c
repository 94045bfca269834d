/* XSLT rendering with security preferences and an i18n extension function. */
#include "view.h"

#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xml.h"

#define VIEWS_MAX 128

struct view {
    char name[64];
    xsltStylesheetPtr style;
    const char *content_type;
};

typedef struct catalog {
    const char *lang;
    xmlHashTablePtr messages; /* key -> text (owned) */
} catalog;

struct views {
    view items[VIEWS_MAX];
    size_t n;
    catalog langs[2];
    xsltSecurityPrefsPtr sec;
};

static const char *const view_langs[2] = {"zh-CN", "en"};

static void catalog_free(catalog *c)
{
    if (c->messages)
        xmlHashFree(c->messages, xmlHashDefaultDeallocator);
    memset(c, 0, sizeof(*c));
}

/* Adds one file's <m k="key">text</m> to the catalog; a key given twice
 * (in this file or an earlier one) is an error. */
static int catalog_add_file(catalog *c, const char *path, char *err, size_t errlen)
{
    xmlDocPtr doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET);
    if (!doc) {
        snprintf(err, errlen, "%s: cannot parse", path);
        return -1;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int rc = 0;
    for (xmlNodePtr n = root ? root->children : NULL; n && rc == 0; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "m"))
            continue;
        xmlChar *k = xmlGetProp(n, BAD_CAST "k");
        xmlChar *text = xmlNodeGetContent(n);
        if (!k || xmlHashAddEntry(c->messages, k, text) != 0) {
            snprintf(err, errlen, "%s: message %s missing its key or given twice", path, k ? (char *)k : "?");
            xmlFree(text);
            rc = -1;
        }
        xmlFree(k);
    }
    xmlFreeDoc(doc);
    return rc;
}

static int cmp_strs(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* i18n/<lang>.xml, then each .xml file in i18n/<lang>/ (one per part of the site,
 * in name order). */
static int catalog_load(catalog *c, const char *dir, const char *lang, char *err, size_t errlen)
{
    char path[512];
    c->lang = lang;
    c->messages = xmlHashCreate(1024);
    snprintf(path, sizeof(path), "%s/i18n/%s.xml", dir, lang);
    if (catalog_add_file(c, path, err, errlen) != 0)
        return -1;
    snprintf(path, sizeof(path), "%s/i18n/%s", dir, lang);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    char *names[64];
    size_t n = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0 || e->d_name[0] == '.')
            continue;
        if (n == sizeof(names) / sizeof(names[0])) {
            snprintf(err, errlen, "%s: too many message files", path);
            rc = -1;
            break;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    /* cppcheck-suppress uninitvar ; a false positive: qsort reads only names[0..n) */
    qsort(names, n, sizeof(names[0]), cmp_strs);
    for (size_t i = 0; i < n; i++) {
        char file[800];
        snprintf(file, sizeof(file), "%s/%s", path, names[i]);
        if (rc == 0 && names[i])
            rc = catalog_add_file(c, file, err, errlen);
        else if (!names[i])
            rc = -1;
        free(names[i]);
    }
    return rc;
}

static const catalog *catalog_for(const views *vs, const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? &vs->langs[1] : &vs->langs[0];
}

const char *views_message(const views *vs, const char *lang, const char *key)
{
    const xmlChar *v = xmlHashLookup(catalog_for(vs, lang)->messages, BAD_CAST key);
    return v ? (const char *)v : key;
}

/* The transform's catalog (NULL in a transform view_render did not start:
 * then every message is its key). */
static const catalog *transform_catalog(xmlXPathParserContextPtr ctxt)
{
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    return tctxt ? tctxt->_private : NULL;
}

static const xmlChar *message(const catalog *cat, const xmlChar *key)
{
    const xmlChar *text = cat && key ? xmlHashLookup(cat->messages, key) : NULL;
    return text ? text : key;
}

/* text with {1}..{3} replaced by args (n of them; a placeholder without
 * its argument is left out), as a new XPath string */
static xmlXPathObjectPtr message_fill(const xmlChar *text, xmlChar *const *args, int n)
{
    if (!text || !xmlStrchr(text, '{')) /* most messages take no arguments */
        return xmlXPathNewString(text);
    xmlBufferPtr buf = xmlBufferCreateSize((size_t)xmlStrlen(text) + 64);
    for (const xmlChar *p = text; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            int i = p[1] - '1';
            if (i < n && args[i])
                xmlBufferCat(buf, args[i]);
            p += 2;
        } else {
            const xmlChar *run = p;
            while (p[1] && p[1] != '{')
                p++;
            xmlBufferAdd(buf, run, (int)(p - run + 1));
        }
    }
    xmlXPathObjectPtr v = xmlXPathNewString(xmlBufferContent(buf));
    xmlBufferFree(buf);
    return v;
}

/* m:t(key, arg1, ...): the message for key in the transform's language,
 * with {1}, {2}... replaced by the arguments. */
static void i18n_t(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs < 1 || nargs > 4) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *args[3] = {NULL, NULL, NULL};
    for (int i = nargs - 2; i >= 0; i--)
        args[i] = xmlXPathPopString(ctxt);
    xmlChar *key = xmlXPathPopString(ctxt);
    valuePush(ctxt, message_fill(message(transform_catalog(ctxt), key), args, nargs - 1));
    xmlFree(key);
    for (int i = 0; i < 3; i++)
        xmlFree(args[i]);
}

/* The layout's helpers that every list calls many times, as functions:
 * the same text as the templates they replace, for a fraction of the
 * work (a named template costs its call, its parameters and variables). */

/* m:period(months): "3 个月" (period.<months>), 一次性 for "0"
 * (period.once), or period.months with the number for a period without
 * its own message. */
static void i18n_period(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *months = xmlXPathPopString(ctxt);
    const catalog *cat = transform_catalog(ctxt);
    xmlChar *key = xmlStrEqual(months, BAD_CAST "0") ? xmlStrdup(BAD_CAST "period.once")
                                                     : xmlStrncatNew(BAD_CAST "period.", months, -1);
    const xmlChar *text = message(cat, key);
    if (!xmlStrEqual(text, key))
        valuePush(ctxt, message_fill(text, NULL, 0));
    else
        valuePush(ctxt, message_fill(message(cat, BAD_CAST "period.months"), &months, 1));
    xmlFree(key);
    xmlFree(months);
}

/* m:label(prefix, value): the message prefix + value, or the value itself
 * when there is none (a status this version does not know yet). */
static void i18n_label(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *value = xmlXPathPopString(ctxt);
    xmlChar *key = xmlXPathPopString(ctxt);
    key = xmlStrcat(key, value);
    const xmlChar *text = message(transform_catalog(ctxt), key);
    valuePush(ctxt, xmlStrEqual(text, key) ? xmlXPathWrapString(value) : message_fill(text, NULL, 0));
    if (!xmlStrEqual(text, key))
        xmlFree(value);
    xmlFree(key);
}

/* The integer part of money as format-number(., '#,##0') writes it: a
 * string of up to 15 digits (exact in a double) grouped by threes here;
 * anything else as XPath turns it into a number (NaN for text, an
 * exponent taken) and libxslt formats that. An xmlMalloc'd string. */
static xmlChar *group_digits(xsltTransformContextPtr tctxt, const xmlChar *s)
{
    const xmlChar *p = s, *end;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    for (end = p; *end >= '0' && *end <= '9'; end++)
        ;
    const xmlChar *digits = p;
    while (end - digits > 1 && *digits == '0')
        digits++;
    const xmlChar *rest = end;
    while (*rest == ' ' || *rest == '\t' || *rest == '\n' || *rest == '\r')
        rest++;
    size_t n = (size_t)(end - digits);
    if (end > p && !*rest && n <= 15) {
        xmlChar *out = xmlMalloc(n + n / 3 + 1), *o = out;
        for (size_t i = 0; i < n; i++) {
            if (i && (n - i) % 3 == 0)
                *o++ = ',';
            *o++ = digits[i];
        }
        *o = '\0';
        return out;
    }
    xmlChar *out = NULL;
    if (tctxt && tctxt->style && tctxt->style->decimalFormat)
        xsltFormatNumberConversion(tctxt->style->decimalFormat, BAD_CAST "#,##0", xmlXPathStringEvalNumber(s), &out);
    return out ? out : xmlStrdup(BAD_CAST "NaN");
}

/* m:money-text(v, sign, bare): money as text from the model's "48000.00":
 * ¥48,000.00, or CNY 48,000.00 when the page is in English; sign "+" adds
 * a plus to an amount that is not negative; bare leaves the currency
 * out. What the layout's money-text template wrote, byte for byte. */
static void i18n_money_text(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs < 1 || nargs > 3) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    int bare = nargs >= 3 ? xmlXPathPopBoolean(ctxt) : 0;
    xmlChar *sign = nargs >= 2 ? xmlXPathPopString(ctxt) : NULL;
    xmlChar *v = xmlXPathPopString(ctxt);
    if (!v) {
        xmlFree(sign);
        xmlXPathSetTypeError(ctxt);
        return;
    }
    /* the page's language, as the template read it: /page/@lang */
    bool en = false;
    xmlNodePtr here = ctxt->context->node;
    xmlDocPtr doc = here && here->doc ? here->doc : ctxt->context->doc;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlAttrPtr lang = root ? xmlHasProp(root, BAD_CAST "lang") : NULL;
    if (root && xmlStrEqual(root->name, BAD_CAST "page") && lang && lang->children && !lang->children->next &&
        lang->children->type == XML_TEXT_NODE)
        en = xmlStrEqual(lang->children->content, BAD_CAST "en");
    else if (root && xmlStrEqual(root->name, BAD_CAST "page") && lang) {
        xmlChar *l = xmlNodeGetContent((xmlNodePtr)lang);
        en = xmlStrEqual(l, BAD_CAST "en");
        xmlFree(l);
    }
    /* translate(v, '-', ''), then the parts around the first '.' */
    size_t n = (size_t)xmlStrlen(v);
    char *abs = xmlMalloc(n + 1), *o = abs;
    for (const xmlChar *p = v; *p; p++)
        if (*p != '-')
            *o++ = (char)*p;
    *o = '\0';
    char *dot = strchr(abs, '.');
    if (dot)
        *dot = '\0';
    /* substring-before(abs, '.'): nothing when there is no '.' */
    xmlChar *grouped = group_digits(xsltXPathGetTransformContext(ctxt), BAD_CAST(dot ? abs : ""));
    const char *frac = dot ? dot + 1 : "";
    const char *pre = v[0] == '-' ? "-" : sign && xmlStrEqual(sign, BAD_CAST "+") ? "+" : "";
    const char *cur = bare ? "" : en ? "CNY " : "\xc2\xa5";
    size_t len = strlen(pre) + strlen(cur) + (size_t)xmlStrlen(grouped) + 1 + strlen(frac);
    xmlChar *out = xmlMalloc(len + 1);
    snprintf((char *)out, len + 1, "%s%s%s.%s", pre, cur, (const char *)grouped, frac);
    valuePush(ctxt, xmlXPathWrapString(out));
    xmlFree(grouped);
    xmlFree(abs);
    xmlFree(v);
    xmlFree(sign);
}

static const char *content_type_of(xsltStylesheetPtr style)
{
    const xmlChar *method, *media;
    XSLT_GET_IMPORT_PTR(method, style, method);
    XSLT_GET_IMPORT_PTR(media, style, mediaType);
    if (media) {
        if (xmlStrEqual(media, BAD_CAST "application/xml"))
            return "application/xml; charset=utf-8";
        if (xmlStrEqual(media, BAD_CAST "application/atom+xml"))
            return "application/atom+xml; charset=utf-8";
    }
    if (method && xmlStrEqual(method, BAD_CAST "html"))
        return "text/html; charset=utf-8";
    if (method && xmlStrEqual(method, BAD_CAST "text"))
        return "text/plain; charset=utf-8";
    return "application/xml; charset=utf-8";
}

void views_free(views *vs)
{
    if (!vs)
        return;
    for (size_t i = 0; i < vs->n; i++)
        xsltFreeStylesheet(vs->items[i].style);
    for (int i = 0; i < 2; i++)
        catalog_free(&vs->langs[i]);
    if (vs->sec)
        xsltFreeSecurityPrefs(vs->sec);
    free(vs);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const view *)a)->name, ((const view *)b)->name);
}

views *views_load(const char *dir, char *err, size_t errlen)
{
    static int registered;
    if (!registered) {
        /* Compile-time reads (xsl:import) are allowed; writes and the
         * network never are. Transforms also may not read files. */
        xsltSecurityPrefsPtr dflt = xsltNewSecurityPrefs();
        xsltSetSecurityPrefs(dflt, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(dflt, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
        xsltSetSecurityPrefs(dflt, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
        xsltSetSecurityPrefs(dflt, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
        xsltSetDefaultSecurityPrefs(dflt);
        xsltRegisterExtModuleFunction(BAD_CAST "t", BAD_CAST VIEW_I18N_NS, i18n_t);
        xsltRegisterExtModuleFunction(BAD_CAST "period", BAD_CAST VIEW_I18N_NS, i18n_period);
        xsltRegisterExtModuleFunction(BAD_CAST "label", BAD_CAST VIEW_I18N_NS, i18n_label);
        xsltRegisterExtModuleFunction(BAD_CAST "money-text", BAD_CAST VIEW_I18N_NS, i18n_money_text);
        registered = 1;
    }
    views *vs = calloc(1, sizeof(*vs));
    if (!vs)
        return NULL;
    vs->sec = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(vs->sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(vs->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(vs->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(vs->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(vs->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);

    for (int i = 0; i < 2; i++)
        if (catalog_load(&vs->langs[i], dir, view_langs[i], err, errlen) != 0)
            goto fail;

    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open", dir);
        goto fail;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".xsl") != 0 || e->d_name[0] == '_')
            continue;
        if (vs->n == VIEWS_MAX || len - 4 >= sizeof(vs->items[0].name)) {
            snprintf(err, errlen, "%s: too many stylesheets or name too long", e->d_name);
            closedir(d);
            goto fail;
        }
        char path[768];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        xsltStylesheetPtr style = xsltParseStylesheetFile(BAD_CAST path);
        if (!style || style->errors) {
            snprintf(err, errlen, "%s: stylesheet does not compile", path);
            if (style)
                xsltFreeStylesheet(style);
            closedir(d);
            goto fail;
        }
        view *v = &vs->items[vs->n++];
        memcpy(v->name, e->d_name, len - 4);
        v->name[len - 4] = '\0';
        v->style = style;
        v->content_type = content_type_of(style);
    }
    closedir(d);
    qsort(vs->items, vs->n, sizeof(vs->items[0]), cmp_names);
    return vs;
fail:
    views_free(vs);
    return NULL;
}

const view *views_find(const views *vs, const char *name)
{
    view key;
    snprintf(key.name, sizeof(key.name), "%s", name);
    /* cppcheck-suppress uninitvar ; a false positive: cmp_names reads only key.name */
    return bsearch(&key, vs->items, vs->n, sizeof(vs->items[0]), cmp_names);
}

/* ---- HTML output ----
 *
 * The html output method, written straight into the response body. It
 * writes what libxml2's serializer (htmlDocContentDumpFormatOutput
 * without indentation, as libxslt calls it) writes, byte for byte, in a
 * few passes over each string instead of one small buffered write per
 * token and a copy of every attribute value and text. Anything it does
 * not know goes to libxml2's serializer instead (see html_serialize).
 * tests/unit/test_view.c compares the two on generated documents. */

/* xml_sink_write, inline for the common case (the buffer has room; one
 * byte is always left for the terminator) */
static inline void put(xml_sink *o, const char *p, size_t n)
{
    if (n < o->cap - o->len) {
        memcpy(o->p + o->len, p, n);
        o->len += n;
    } else {
        xml_sink_write(o, p, (int)n);
    }
}

static void puts_(xml_sink *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Text or an attribute value as libxml2 escapes it in an HTML document
 * (xmlEncodeEntitiesReentrant, xmlEncodeAttributeEntities): <, > and &
 * as entities; in an attribute, "&{...}" and "<!--...-->" as they are;
 * bytes from 0x80 up as they are; control characters other than tab,
 * line feed and carriage return left out. The quote marks stay: an
 * attribute is quoted around them. Appends to o. */
static void html_escape(xml_sink *o, const xmlChar *s, bool attr)
{
    /* the bytes that are not copied as they are: NUL (the end), other
     * control characters but tab, line feed and carriage return, < > & */
    static const unsigned char special[256] = {
        [0] = 1,  [1] = 1,  [2] = 1,  [3] = 1,  [4] = 1,  [5] = 1,  [6] = 1,  [7] = 1,   [8] = 1,   [11] = 1, [12] = 1,
        [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1,  [22] = 1,  [23] = 1, [24] = 1,
        [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1};
    const xmlChar *run = s;
    for (const xmlChar *p = s; *p;) {
        xmlChar c = *p;
        if (!special[c]) {
            p++;
            continue;
        }
        put(o, (const char *)run, (size_t)(p - run));
        const xmlChar *end;
        if (attr && c == '<' && p[1] == '!' && p[2] == '-' && p[3] == '-' &&
            (end = (const xmlChar *)strstr((const char *)p, "-->")) != NULL) {
            put(o, (const char *)p, (size_t)(end + 3 - p));
            p = end + 3;
        } else if (attr && c == '&' && p[1] == '{' && (end = (const xmlChar *)strchr((const char *)p, '}')) != NULL) {
            put(o, (const char *)p, (size_t)(end + 1 - p));
            p = end + 1;
        } else {
            if (c == '<')
                put(o, "&lt;", 4);
            else if (c == '>')
                put(o, "&gt;", 4);
            else if (c == '&')
                put(o, "&amp;", 5);
            p++; /* other control characters are left out */
        }
        run = p;
    }
    put(o, (const char *)run, strlen((const char *)run));
}

/* xmlBufWriteQuotedString: "v", or 'v' when v has a " and no ', or "v"
 * with &quot; when it has both. */
static void html_quoted(xml_sink *o, const char *v, size_t n)
{
    const char *dq = memchr(v, '"', n);
    if (!dq) {
        put(o, "\"", 1);
        put(o, v, n);
        put(o, "\"", 1);
    } else if (!memchr(v, '\'', n)) {
        put(o, "'", 1);
        put(o, v, n);
        put(o, "'", 1);
    } else {
        put(o, "\"", 1);
        for (const char *run = v, *end = v + n; run < end;) {
            const char *q = memchr(run, '"', (size_t)(end - run));
            if (!q) {
                put(o, run, (size_t)(end - run));
                break;
            }
            put(o, run, (size_t)(q - run));
            put(o, "&quot;", 6);
            run = q + 1;
        }
        put(o, "\"", 1);
    }
}

/* xmlURIEscapeStr(v, "@/:=?;#%&,+<>"): every byte but letters, digits,
 * -_.!~*'() and those as %XX. */
static void html_uri_escape(xml_sink *o, const char *v, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            (c && strchr("-_.!~*'()@/:=?;#%&,+<>", c))) {
            put(o, (const char *)&v[i], 1);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            put(o, e, 3);
        }
    }
}

static bool html_boolean_attr(const xmlChar *name)
{
    /* by first letter: most attributes (class, href, type, ...) are
     * none of these and cost one comparison or two */
    static const char *const c[] = {"checked", "compact", NULL}, *const d[] = {"declare", "defer", "disabled", NULL},
                             *const i[] = {"ismap", NULL}, *const m[] = {"multiple", NULL},
                             *const n[] = {"nohref", "noresize", "noshade", "nowrap", NULL},
                             *const r[] = {"readonly", NULL}, *const s[] = {"selected", NULL};
    const char *const *names;
    switch (name[0] | 0x20) {
    case 'c':
        names = c;
        break;
    case 'd':
        names = d;
        break;
    case 'i':
        names = i;
        break;
    case 'm':
        names = m;
        break;
    case 'n':
        names = n;
        break;
    case 'r':
        names = r;
        break;
    case 's':
        names = s;
        break;
    default:
        return false;
    }
    for (; *names; names++)
        if (xmlStrcasecmp((const xmlChar *)*names, name) == 0)
            return true;
    return false;
}

/* href, action, src, and name on <a>: written URI-escaped */
static bool html_uri_attr(xmlAttrPtr a)
{
    const xmlChar *n = a->name;
    if (!strchr("hasnHASN", n[0]) || !n[0] || a->ns || !a->parent || a->parent->ns)
        return false;
    return !xmlStrcasecmp(n, BAD_CAST "href") || !xmlStrcasecmp(n, BAD_CAST "action") ||
           !xmlStrcasecmp(n, BAD_CAST "src") ||
           (!xmlStrcasecmp(n, BAD_CAST "name") && !xmlStrcasecmp(a->parent->name, BAD_CAST "a"));
}

static void html_name(xml_sink *o, xmlNsPtr ns, const xmlChar *name)
{
    if (ns && ns->prefix) {
        puts_(o, (const char *)ns->prefix);
        put(o, ":", 1);
    }
    puts_(o, (const char *)name);
}

/* htmlAttrDumpOutput; false (something written) for a value that is not
 * all text */
static bool html_attr(xml_sink *o, xmlAttrPtr a)
{
    bool any = false;
    for (xmlNodePtr t = a->children; t; t = t->next) {
        if (t->type != XML_TEXT_NODE)
            return false;
        any = any || t->content;
    }
    put(o, " ", 1);
    html_name(o, a->ns, a->name);
    if (!a->children || html_boolean_attr(a->name))
        return true;
    if (!any) { /* xmlNodeListGetString gave nothing */
        put(o, "=\"\"", 3);
        return true;
    }
    /* the value escaped straight into its double quotes; quoted again
     * when it turns out to hold a quote mark or is a URI */
    put(o, "=\"", 2);
    size_t mark = o->len;
    for (xmlNodePtr t = a->children; t; t = t->next)
        if (t->type == XML_TEXT_NODE && t->content)
            html_escape(o, t->content, true);
    size_t n = o->len - mark;
    bool uri = html_uri_attr(a);
    if (!uri && !memchr(o->p + mark, '"', n)) {
        put(o, "\"", 1);
        return true;
    }
    char *v = arena_strndup(o->a, o->p + mark, n);
    o->len = mark - 1; /* back before the opening quote */
    if (uri) {
        const char *u = v;
        while (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
            u++;
        /* no quote mark survives the escaping: always in double quotes */
        put(o, "\"", 1);
        html_uri_escape(o, u, n - (size_t)(u - v));
        put(o, "\"", 1);
        return true;
    }
    html_quoted(o, v, n);
    return true;
}

/* htmlTagLookup for the names of one document: most are the same few
 * strings of the stylesheet's dictionary, looked up once each. */
typedef struct tag_cache {
    const xmlChar *name[64];
    const htmlElemDesc *info[64];
} tag_cache;

static const htmlElemDesc *tag_info(tag_cache *tc, const xmlChar *name)
{
    size_t h = ((uintptr_t)name >> 4) & 63;
    if (tc->name[h] != name) {
        tc->name[h] = name;
        tc->info[h] = htmlTagLookup(name);
    }
    return tc->info[h];
}

/* htmlDocContentDumpFormatOutput(buf, doc, NULL, 0), for the nodes it
 * knows: elements without namespace declarations, attributes made of
 * text, text, comments, processing instructions, entity references,
 * CDATA, the DTD. false, with part of doc written, at anything else. */
static bool html_serialize(xml_sink *o, xmlDocPtr doc)
{
    tag_cache tc;
    memset(tc.name, 0, sizeof(tc.name));
    xmlDtdPtr dtd = doc->intSubset;
    if (dtd) {
        puts_(o, "<!DOCTYPE ");
        puts_(o, (const char *)dtd->name);
        if (dtd->ExternalID) {
            puts_(o, " PUBLIC ");
            html_quoted(o, (const char *)dtd->ExternalID, strlen((const char *)dtd->ExternalID));
            if (dtd->SystemID) {
                put(o, " ", 1);
                html_quoted(o, (const char *)dtd->SystemID, strlen((const char *)dtd->SystemID));
            }
        } else if (dtd->SystemID && xmlStrcmp(dtd->SystemID, BAD_CAST "about:legacy-compat")) {
            puts_(o, " SYSTEM ");
            html_quoted(o, (const char *)dtd->SystemID, strlen((const char *)dtd->SystemID));
        }
        put(o, ">\n", 2);
    }
    xmlNodePtr cur = doc->children;
    if (!cur) {
        put(o, "\n", 1);
        return true;
    }
    while (cur) {
        xmlNodePtr parent = cur->parent;
        bool descend = false;
        switch (cur->type) {
        case XML_ELEMENT_NODE: {
            if (cur->nsDef)
                return false;
            const htmlElemDesc *info = cur->ns ? NULL : tag_info(&tc, cur->name);
            put(o, "<", 1);
            html_name(o, cur->ns, cur->name);
            for (xmlAttrPtr a = cur->properties; a; a = a->next)
                if (!html_attr(o, a))
                    return false;
            if (info && info->empty) {
                put(o, ">", 1);
            } else if (!cur->children) {
                if (info && info->saveEndTag && strcmp(info->name, "html") && strcmp(info->name, "body")) {
                    put(o, ">", 1);
                } else {
                    put(o, "></", 3);
                    html_name(o, cur->ns, cur->name);
                    put(o, ">", 1);
                }
            } else {
                put(o, ">", 1);
                descend = true;
            }
            break;
        }
        case XML_TEXT_NODE:
            if (!cur->content)
                break;
            if (cur->name != xmlStringTextNoenc &&
                (parent == (xmlNodePtr)doc || !parent || (parent->name[0] | 0x20) != 's' ||
                 (xmlStrcasecmp(parent->name, BAD_CAST "script") && xmlStrcasecmp(parent->name, BAD_CAST "style"))))
                html_escape(o, cur->content, false);
            else
                puts_(o, (const char *)cur->content);
            break;
        case XML_COMMENT_NODE:
            if (cur->content) {
                put(o, "<!--", 4);
                puts_(o, (const char *)cur->content);
                put(o, "-->", 3);
            }
            break;
        case XML_PI_NODE:
            if (cur->name) {
                put(o, "<?", 2);
                puts_(o, (const char *)cur->name);
                if (cur->content) {
                    put(o, " ", 1);
                    puts_(o, (const char *)cur->content);
                }
                put(o, ">", 1);
            }
            break;
        case XML_ENTITY_REF_NODE:
            put(o, "&", 1);
            puts_(o, (const char *)cur->name);
            put(o, ";", 1);
            break;
        case XML_CDATA_SECTION_NODE:
            if (cur->content)
                puts_(o, (const char *)cur->content);
            break;
        case XML_DTD_NODE: /* written above */
            break;
        default:
            return false;
        }
        if (descend) {
            cur = cur->children;
            continue;
        }
        /* next sibling, or close the elements this was the last child of */
        while (cur && !cur->next) {
            cur = cur->parent;
            if (!cur || cur == (xmlNodePtr)doc) {
                put(o, "\n", 1);
                return true;
            }
            put(o, "</", 2);
            html_name(o, cur->ns, cur->name);
            put(o, ">", 1);
        }
        cur = cur->next;
    }
    return true;
}

int view_html_write(xml_sink *out, xmlDocPtr doc)
{
    size_t start = out->len;
    bool done = doc->type == XML_HTML_DOCUMENT_NODE && html_serialize(out, doc);
    if (!done)
        out->len = start;    /* what it wrote goes */
    out->p[out->len] = '\0'; /* put leaves the terminator out */
    return done ? 0 : -1;
}

/* The transform's result into out: method="html" without indentation by
 * view_html_write, anything else by libxslt. */
static int view_serialize(const view *v, xmlDocPtr res, xml_sink *out)
{
    if (!res->children)
        return 0;
    const xmlChar *method, *encoding;
    int indent;
    XSLT_GET_IMPORT_PTR(method, v->style, method);
    XSLT_GET_IMPORT_PTR(encoding, v->style, encoding);
    XSLT_GET_IMPORT_INT(indent, v->style, indent);
    bool utf8 = !encoding || !xmlStrcasecmp(encoding, BAD_CAST "UTF-8");
    if (method && xmlStrEqual(method, BAD_CAST "html") && !v->style->methodURI && indent == 0 && utf8 &&
        !(res->children->type == XML_DTD_NODE && !res->children->next)) {
        /* as libxslt does first: <meta http-equiv="Content-Type"> */
        htmlSetMetaEncoding(res, encoding ? encoding : BAD_CAST "UTF-8");
        if (view_html_write(out, res) == 0)
            return 0;
        /* something the writer leaves to libxml2 (it was undone) */
    }
    xmlCharEncodingHandlerPtr encoder = encoding ? xmlFindCharEncodingHandler((const char *)encoding) : NULL;
    if (encoder && xmlStrEqual(BAD_CAST encoder->name, BAD_CAST "UTF-8"))
        encoder = NULL;
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(xml_sink_write, NULL, out, encoder);
    int rc = buf ? xsltSaveResultTo(buf, res, v->style) : -1;
    if (buf && xmlOutputBufferClose(buf) < 0)
        rc = -1;
    return rc < 0 ? -1 : 0;
}

int view_render(const views *vs, const view *v, xmlDocPtr doc, const char *lang, arena *a, char **body, size_t *len,
                const char **content_type)
{
    xsltTransformContextPtr tctxt = xsltNewTransformContext(v->style, doc);
    if (!tctxt)
        return -1;
    tctxt->_private = (void *)catalog_for(vs, lang);
    xsltSetCtxtSecurityPrefs(vs->sec, tctxt);
    xmlDocPtr res = xsltApplyStylesheetUser(v->style, doc, NULL, NULL, NULL, tctxt);
    int failed = !res || tctxt->state == XSLT_STATE_ERROR || tctxt->state == XSLT_STATE_STOPPED;
    xsltFreeTransformContext(tctxt);
    if (res)
        xml_doc_free_on_reset(a, res);
    if (failed) {
        log_error("view %s: transform failed", v->name);
        return -1;
    }
    /* serialized once, straight into the body (in the request arena) */
    xml_sink out;
    xml_sink_init(&out, a, 16384);
    if (view_serialize(v, res, &out) != 0) {
        log_error("view %s: cannot serialize", v->name);
        return -1;
    }
    *body = out.p;
    *len = out.len;
    *content_type = v->content_type;
    return 0;
}
