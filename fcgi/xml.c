/* XML model construction helpers over libxml2, and libxml2's memory
 * during a request. */
#include "xml.h"

#include <libxml/dict.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlsave.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ASan: gcc says so with __SANITIZE_ADDRESS__, clang 14 only through
 * __has_feature */
#if defined(__SANITIZE_ADDRESS__)
#define XM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XM_ASAN 1
#endif
#endif

#if defined(XM_ASAN)
#include <sanitizer/asan_interface.h>
#define XM_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define XM_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define XM_POISON(p, n) ((void)(p), (void)(n))
#define XM_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* ---- the request region ----
 *
 * Each block is a size_t header (the block's capacity) followed by the
 * caller's bytes; headers sit at 8 mod 16 so the bytes are 16-aligned, as
 * malloc's are. Nothing is freed one by one: xml_mem_end moves top back
 * to the start. Whether a pointer is the region's is one comparison, so a
 * block from malloc (made before the window, or while the region was
 * full) always goes back to free and realloc. */
#define XM_ALIGN 16
#define XM_HEAD sizeof(size_t)

static struct {
    char *base, *end; /* the reserved address range */
    char *top;        /* next header */
    char *last;       /* the newest block (grows in place) */
    char *high;       /* highest top since the region was last trimmed */
    size_t keep;      /* bytes left resident between requests */
    size_t peak;
    size_t fallbacks;
    bool on; /* inside a request window */
} xm;

bool xml_mem_owns(const void *p)
{
    return (const char *)p >= xm.base && (const char *)p < xm.end;
}

static size_t xm_cap(const void *p)
{
    return *(const size_t *)((const char *)p - XM_HEAD);
}

static void *xm_malloc(size_t n)
{
    if (!xm.on)
        return malloc(n);
    size_t room = (size_t)(xm.end - xm.top);
    if (n > room || room - n < XM_HEAD + XM_ALIGN) {
        xm.fallbacks++;
        return malloc(n);
    }
    size_t cap = (n + XM_HEAD + XM_ALIGN - 1) / XM_ALIGN * XM_ALIGN - XM_HEAD;
    char *h = xm.top;
    XM_UNPOISON(h, XM_HEAD + cap);
    *(size_t *)h = cap;
    xm.top = h + XM_HEAD + cap;
    xm.last = h + XM_HEAD;
    return xm.last;
}

static void xm_free(void *p)
{
    if (p && !xml_mem_owns(p))
        free(p);
}

static void *xm_realloc(void *p, size_t n)
{
    if (!p)
        return xm_malloc(n);
    if (!xml_mem_owns(p))
        return realloc(p, n); /* a block from malloc stays malloc's */
    size_t cap = xm_cap(p);
    if (n <= cap)
        return p;
    size_t room = (size_t)(xm.end - xm.top);
    if (xm.on && p == xm.last && n - cap < room) {
        size_t more = (n - cap + XM_ALIGN - 1) / XM_ALIGN * XM_ALIGN;
        if (more + XM_HEAD < room) {
            XM_UNPOISON(xm.top, more);
            xm.top += more;
            *(size_t *)((char *)p - XM_HEAD) = cap + more;
            return p;
        }
    }
    /* moving: leave room to grow again, as buffers that grow do */
    size_t want = cap >= 256 && n < 2 * cap ? 2 * cap : n;
    void *q = xm_malloc(want);
    if (!q && want > n)
        q = xm_malloc(n);
    if (q)
        memcpy(q, p, cap);
    return q;
}

static char *xm_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xm_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

bool xml_mem_init(size_t reserve, size_t keep)
{
    if (xm.base)
        return true;
    const char *env = getenv("MP_XML_ARENA");
    if (env && strcmp(env, "off") == 0)
        return false;
    reserve = reserve ? reserve : (size_t)1 << 30;
    void *base = mmap(NULL, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return false;
    if (xmlMemSetup(xm_free, xm_malloc, xm_realloc, xm_strdup) != 0) {
        munmap(base, reserve);
        return false;
    }
    xm.base = base;
    xm.end = xm.base + reserve;
    xm.top = xm.high = xm.base + XM_ALIGN - XM_HEAD;
    xm.keep = keep ? keep : (size_t)4 << 20;
    return true;
}

void xml_mem_begin(void)
{
    if (!xm.base)
        return;
    xm.on = true;
    xm.fallbacks = 0;
}

void xml_mem_end(void)
{
    if (!xm.base)
        return;
    /* libxml2's last error holds strings of this request */
    xmlResetLastError();
    xm.on = false;
    char *start = xm.base + XM_ALIGN - XM_HEAD;
    size_t used = (size_t)(xm.top - start);
    if (used > xm.peak)
        xm.peak = used;
    if (xm.top > xm.high)
        xm.high = xm.top;
    XM_POISON(start, (size_t)(xm.top - start));
    /* pages over keep go back to the system: a worker's memory stays flat */
    char *keep_end = xm.base + xm.keep;
    if (xm.high > keep_end) {
        size_t page = 4096;
        char *from = xm.base + (xm.keep + page - 1) / page * page;
        if (xm.high > from)
            madvise(from, (size_t)(xm.high - from), MADV_DONTNEED);
        xm.high = start;
    }
    xm.top = start;
    xm.last = NULL;
}

xml_mem_stats xml_mem_get_stats(void)
{
    xml_mem_stats st = {0, xm.peak, xm.fallbacks, xm.base != NULL};
    if (xm.base)
        st.used = (size_t)(xm.top - (xm.base + XM_ALIGN - XM_HEAD));
    return st;
}

void xml_doc_free(xmlDocPtr doc)
{
    if (!doc)
        return;
    if (xm.on && xm.fallbacks == 0 && xml_mem_owns(doc)) {
        /* what a document holds outside the request are references on
         * dictionaries: a result document's is a child of its stylesheet's,
         * which counts its users, and the document's hash tables (the IDs
         * an HTML document's id attributes make, a DTD's declarations)
         * count on it too. Those are given back as xmlFreeDoc does; the
         * nodes go with the region. */
        if (doc->ids)
            xmlFreeIDTable(doc->ids);
        if (doc->refs)
            xmlFreeRefTable(doc->refs);
        doc->ids = doc->refs = NULL;
        xmlDtdPtr ext = doc->extSubset, in = doc->intSubset;
        if (ext == in)
            ext = NULL;
        if (ext) {
            xmlUnlinkNode((xmlNodePtr)ext);
            doc->extSubset = NULL;
            xmlFreeDtd(ext);
        }
        if (in) {
            xmlUnlinkNode((xmlNodePtr)in);
            doc->intSubset = NULL;
            xmlFreeDtd(in);
        }
        if (doc->dict)
            xmlDictFree(doc->dict);
        return;
    }
    xmlFreeDoc(doc);
}

static void free_doc(void *doc)
{
    xml_doc_free(doc);
}

void xml_doc_free_on_reset(arena *a, xmlDocPtr doc)
{
    arena_on_reset(a, free_doc, doc);
}

/* ---- the model ---- */

xmlDocPtr xml_doc_new(arena *a, const char *root, xmlNodePtr *root_out)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr r = xmlNewDocNode(doc, NULL, BAD_CAST root, NULL);
    xmlDocSetRootElement(doc, r);
    xml_doc_free_on_reset(a, doc);
    if (root_out)
        *root_out = r;
    return doc;
}

xmlNodePtr xml_add(xmlNodePtr parent, const char *name)
{
    return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

xmlNodePtr xml_add_text(xmlNodePtr parent, const char *name, const char *text)
{
    /* xmlNewTextChild escapes; xmlNewChild would take the text as markup */
    return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

xmlNodePtr xml_add_textf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return xml_add_text(parent, name, buf);
}

/* The decimal digits of v, ending at end (not terminated); the first. */
static char *digits(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

/* v in decimal (a number goes into a model often: ids, counts, cents) */
static const char *format_ll(char buf[24], long long v)
{
    unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    buf[23] = '\0';
    char *p = digits(buf + 23, mag);
    if (v < 0)
        *--p = '-';
    return p;
}

xmlNodePtr xml_add_int(xmlNodePtr parent, const char *name, long long v)
{
    char buf[24];
    return xml_add_text(parent, name, format_ll(buf, v));
}

const char *xml_format_cents(char *buf, size_t len, long long cents)
{
    unsigned long long mag = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
    char tmp[32];
    char *end = tmp + sizeof(tmp) - 1, *p = end;
    *p = '\0';
    *--p = (char)('0' + mag % 10);
    *--p = (char)('0' + mag / 10 % 10);
    *--p = '.';
    p = digits(p, mag / 100);
    if (cents < 0)
        *--p = '-';
    snprintf(buf, len, "%s", p);
    return buf;
}

xmlNodePtr xml_add_money(xmlNodePtr parent, const char *name, long long cents)
{
    char buf[32];
    xmlNodePtr n = xml_add_text(parent, name, xml_format_cents(buf, sizeof(buf), cents));
    xml_set_int(n, "cents", cents);
    return n;
}

void xml_set(xmlNodePtr node, const char *name, const char *value)
{
    if (value)
        xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void xml_setf(xmlNodePtr node, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    xml_set(node, name, buf);
}

void xml_set_int(xmlNodePtr node, const char *name, long long v)
{
    char buf[24];
    xml_set(node, name, format_ll(buf, v));
}

void xml_sink_init(xml_sink *s, arena *a, size_t hint)
{
    s->a = a;
    s->cap = hint ? hint : 16384;
    s->p = arena_alloc(a, s->cap + 1);
    s->p[0] = '\0';
    s->len = 0;
}

int xml_sink_write(void *sink, const char *buf, int len)
{
    xml_sink *s = sink;
    if (len <= 0)
        return 0;
    size_t n = (size_t)len;
    if (n > s->cap - s->len) {
        size_t cap = s->cap * 2;
        while (cap - s->len < n)
            cap *= 2;
        char *p = arena_alloc(s->a, cap + 1);
        memcpy(p, s->p, s->len);
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, buf, n);
    s->len += n;
    s->p[s->len] = '\0';
    return len;
}

char *xml_serialize(arena *a, xmlDocPtr doc, size_t *len)
{
    xml_sink s;
    xml_sink_init(&s, a, 8192);
    xmlSaveCtxtPtr save = xmlSaveToIO(xml_sink_write, NULL, &s, "UTF-8", XML_SAVE_FORMAT);
    if (save) {
        xmlSaveDoc(save, doc);
        xmlSaveClose(save);
    }
    *len = s.len;
    return s.p;
}

void xml_lift_first_child(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), child = root ? root->children : NULL;
    while (child && child->type != XML_ELEMENT_NODE)
        child = child->next;
    if (!child)
        return;
    xmlUnlinkNode(child);
    xmlNodePtr old = xmlDocSetRootElement(doc, child);
    xmlFreeNode(old);
}
