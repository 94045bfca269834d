/* XSLT rendering with security preferences and an i18n extension function. */
#include "view.h"

#include <dirent.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

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
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    const catalog *cat = tctxt ? tctxt->_private : NULL;
    const xmlChar *text = cat ? xmlHashLookup(cat->messages, key) : NULL;
    if (!text)
        text = key;
    xmlBufferPtr buf = xmlBufferCreate();
    for (const xmlChar *p = text; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            int i = p[1] - '1';
            if (i < nargs - 1 && args[i])
                xmlBufferCat(buf, args[i]);
            p += 2;
        } else {
            xmlBufferAdd(buf, p, 1);
        }
    }
    valuePush(ctxt, xmlXPathNewString(xmlBufferContent(buf)));
    xmlBufferFree(buf);
    xmlFree(key);
    for (int i = 0; i < 3; i++)
        xmlFree(args[i]);
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
    return bsearch(&key, vs->items, vs->n, sizeof(vs->items[0]), cmp_names);
}

static void free_result(void *doc)
{
    xmlFreeDoc(doc);
}

int view_render(const views *vs, const view *v, xmlDocPtr doc, const char *lang, arena *a, char **body,
                size_t *len, const char **content_type)
{
    xsltTransformContextPtr tctxt = xsltNewTransformContext(v->style, doc);
    if (!tctxt)
        return -1;
    tctxt->_private = (void *)catalog_for(vs, lang);
    xsltSetCtxtSecurityPrefs(vs->sec, tctxt);
    xmlDocPtr res = xsltApplyStylesheetUser(v->style, doc, NULL, NULL, NULL, tctxt);
    int failed = !res || tctxt->state == XSLT_STATE_ERROR || tctxt->state == XSLT_STATE_STOPPED;
    xsltFreeTransformContext(tctxt);
    if (failed) {
        log_error("view %s: transform failed", v->name);
        if (res)
            xmlFreeDoc(res);
        return -1;
    }
    arena_on_reset(a, free_result, res);
    xmlChar *mem = NULL;
    int n = 0;
    if (xsltSaveResultToString(&mem, &n, res, v->style) != 0) {
        log_error("view %s: cannot serialize", v->name);
        return -1;
    }
    *body = arena_strndup(a, mem ? (const char *)mem : "", mem ? (size_t)n : 0);
    *len = mem ? (size_t)n : 0;
    xmlFree(mem);
    *content_type = v->content_type;
    return 0;
}
