/* Unit tests for fcgi/xml.c: escaping on serialization, money formatting, documents freed with the arena,
 * libxml2's memory in the request region. */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <libxml/HTMLtree.h>
#include <libxml/dict.h> /* after parser.h, which gives it xmlChar */
#include <libxml/entities.h>
#include <libxml/xmlmemory.h>
#if defined(__SANITIZE_ADDRESS__)
#define T_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN 1 /* clang 14 has no __SANITIZE_ADDRESS__ */
#endif
#endif
#if defined(T_ASAN)
#include <sanitizer/asan_interface.h>
#endif

#include "../../fcgi/xml.h"
#include "check.h"

static arena A;

#define TRICKY_TEXT "a < b && c > \"d\" 'e' \xe4\xbd\xa0\xe5\xa5\xbd </name><x>"

/* Parses xml back with libxml2 (no network, no entities); the caller frees it. */
static xmlDocPtr reparse(const char *xml, size_t len)
{
    return xmlReadMemory(xml, (int)len, "test.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
}

/* The text content of the first element called name under the root, in the arena. */
static const char *child_text(xmlDocPtr doc, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) {
            xmlChar *t = xmlNodeGetContent(n);
            char *s = arena_strdup(&A, t ? (const char *)t : "");
            xmlFree(t);
            return s;
        }
    return NULL;
}

static const char *child_attr(xmlDocPtr doc, const char *name, const char *attr)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) {
            xmlChar *v = xmlGetProp(n, BAD_CAST attr);
            char *s = v ? arena_strdup(&A, (const char *)v) : NULL;
            xmlFree(v);
            return s;
        }
    return NULL;
}

static void text_is_escaped_and_round_trips(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "page", &root);
    CHECK(doc != NULL && root != NULL);
    xml_add_text(root, "name", TRICKY_TEXT);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    CHECK(len == strlen(xml));
    CHECK(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);
    CHECK(strstr(xml, "a &lt; b &amp;&amp; c") != NULL);
    CHECK(strstr(xml, "&lt;/name&gt;&lt;x&gt;") != NULL);
    CHECK(strstr(xml, "<x>") == NULL);
    CHECK(strstr(xml, "\xe4\xbd\xa0\xe5\xa5\xbd") != NULL); /* CJK kept as UTF-8, not &#...; */

    xmlDocPtr back = reparse(xml, len);
    CHECK(back != NULL);
    if (back) {
        CHECK_STR(child_text(back, "name"), TRICKY_TEXT);
        xmlFreeDoc(back);
    }
}

static void attributes_are_escaped_and_round_trip(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "page", &root);
    xmlNodePtr item = xml_add(root, "item");
    xml_set(item, "title", TRICKY_TEXT);
    xml_set(item, "absent", NULL);
    xml_setf(item, "label", "%s #%d", "\"q\" & <t>", 7);
    xml_set_int(item, "n", -12);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    CHECK(strstr(xml, "title=\"a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e' ") != NULL);
    CHECK(strstr(xml, "absent") == NULL);

    xmlDocPtr back = reparse(xml, len);
    CHECK(back != NULL);
    if (back) {
        CHECK_STR(child_attr(back, "item", "title"), TRICKY_TEXT);
        CHECK_STR(child_attr(back, "item", "label"), "\"q\" & <t> #7");
        CHECK_STR(child_attr(back, "item", "n"), "-12");
        CHECK(child_attr(back, "item", "absent") == NULL);
        xmlFreeDoc(back);
    }
}

static void numbers_and_empty_elements(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "page", &root);
    xml_add_int(root, "big", LLONG_MIN);
    xml_add_textf(root, "f", "%s-%03d", "no", 5);
    xml_add_text(root, "empty", NULL);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    CHECK(strstr(xml, "<empty/>") != NULL);
    xmlDocPtr back = reparse(xml, len);
    CHECK(back != NULL);
    if (back) {
        CHECK_STR(child_text(back, "big"), "-9223372036854775808");
        CHECK_STR(child_text(back, "f"), "no-005");
        CHECK_STR(child_text(back, "empty"), "");
        xmlFreeDoc(back);
    }
}

static const char *cents(long long c)
{
    char buf[32];
    return arena_strdup(&A, xml_format_cents(buf, sizeof(buf), c));
}

static void cents_format_as_decimal_money(void)
{
    CHECK_STR(cents(0), "0.00");
    CHECK_STR(cents(5), "0.05");
    CHECK_STR(cents(10), "0.10");
    CHECK_STR(cents(100), "1.00");
    CHECK_STR(cents(12345), "123.45");
    CHECK_STR(cents(-50), "-0.50");
    CHECK_STR(cents(-5), "-0.05");
    CHECK_STR(cents(-12345), "-123.45");
    CHECK_STR(cents(LLONG_MAX), "92233720368547758.07");
    CHECK_STR(cents(LLONG_MIN), "-92233720368547758.08");
}

static void cents_format_returns_its_buffer(void)
{
    char buf[32];
    CHECK(xml_format_cents(buf, sizeof(buf), 1) == buf);
    CHECK_STR(buf, "0.01");
}

static void money_element_carries_cents(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "order", &root);
    xml_add_money(root, "total", 12345);
    xml_add_money(root, "refund", -50);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    CHECK(strstr(xml, "<total cents=\"12345\">123.45</total>") != NULL);
    CHECK(strstr(xml, "<refund cents=\"-50\">-0.50</refund>") != NULL);
}

static void lifting_the_first_child_makes_it_the_root(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "products", &root);
    xmlNodePtr p = xml_add(root, "product");
    xml_set_int(p, "id", 1);
    xml_add(root, "product");
    xml_lift_first_child(doc);
    xmlNodePtr now = xmlDocGetRootElement(doc);
    CHECK(now == p);
    CHECK(now && strcmp((const char *)now->name, "product") == 0);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    CHECK(strstr(xml, "<products") == NULL);
    CHECK(strstr(xml, "<product id=\"1\"/>") != NULL);
}

static void documents_die_with_the_arena(void)
{
    /* LeakSanitizer reports at exit any document the reset did not free */
    arena a;
    arena_init(&a, 1024);
    for (int round = 0; round < 3; round++) {
        xmlNodePtr root;
        for (int i = 0; i < 5; i++) {
            xml_doc_new(&a, "page", &root);
            xml_add_text(root, "t", "some text to allocate");
        }
        arena_reset(&a);
        CHECK(a.cleanups == NULL);
    }
    xml_doc_new(&a, "left", NULL); /* freed by arena_free */
    arena_free(&a);
}

/* ---- the request region (xml_mem_init in main: 8 MiB, 1 MiB kept) ---- */

#define RESERVE ((size_t)8 << 20)
#define KEEP ((size_t)1 << 20)
static char *region_start; /* the first block the region ever gave */

static void region_blocks_come_and_go(void)
{
    char *before = xmlMalloc(100);
    CHECK(before && !xml_mem_owns(before));
    strcpy(before, "made before the window");

    xml_mem_begin();
    char *a = xmlMalloc(10);
    region_start = a;
    CHECK(a && xml_mem_owns(a));
    CHECK((uintptr_t)a % 16 == 0);
    memcpy(a, "123456789", 10);
    char *grown = xmlRealloc(a, 1000); /* the newest block grows where it is */
    CHECK(grown == a);
    CHECK(memcmp(grown, "123456789", 10) == 0);
    char *b = xmlMalloc(10);
    CHECK(b && xml_mem_owns(b) && (uintptr_t)b % 16 == 0 && b >= grown + 1000);
    char *moved = xmlRealloc(grown, 5000); /* an older one moves, with its bytes */
    CHECK(moved != grown && xml_mem_owns(moved));
    CHECK(memcmp(moved, "123456789", 10) == 0);
    xmlChar *s = xmlStrdup(BAD_CAST "hello");
    CHECK(xml_mem_owns(s));
    CHECK_STR((const char *)s, "hello");
    char *m = xmlMemStrdup("x");
    CHECK(xml_mem_owns(m));
    /* a block from malloc stays malloc's, also when it grows in the window */
    before = xmlRealloc(before, 5000);
    CHECK(before && !xml_mem_owns(before));
    CHECK_STR(before, "made before the window");
    /* the newest block asked to grow past the region's end: it moves to malloc */
    char *last = xmlMalloc(16);
    memcpy(last, "kept", 5);
    char *huge = xmlRealloc(last, 2 * RESERVE);
    CHECK(huge && !xml_mem_owns(huge));
    CHECK(huge && strcmp(huge, "kept") == 0);
    xmlFree(huge); /* back to malloc (LeakSanitizer) */
    xmlFree(b);
    xmlFree(s);
    xml_mem_stats st = xml_mem_get_stats();
    CHECK(st.active);
    CHECK(st.used >= 6000 && st.used < 8000);
    CHECK(st.fallbacks == 1); /* the huge block */
    xml_mem_end();

    st = xml_mem_get_stats();
    CHECK(st.used == 0);
    CHECK(st.peak >= 6000);
#if defined(T_ASAN)
    CHECK(__asan_address_is_poisoned(moved)); /* a stale pointer is caught */
#endif
    /* the next window starts over where the first did */
    xml_mem_begin();
    char *again = xmlMalloc(10);
    CHECK(again == region_start);
    xml_mem_end();

    char *outside = xmlMalloc(10);
    CHECK(outside && !xml_mem_owns(outside));
    xmlFree(outside);
    xmlFree(before); /* LeakSanitizer reports it if xmlFree did not free it */
}

static void documents_in_the_region(void)
{
    /* a dictionary made outside (a stylesheet's): a result document's
     * dictionary is its child and holds a reference on it, which must be
     * given back (LeakSanitizer reports the parent at exit otherwise) */
    xmlDictPtr parent = xmlDictCreate();
    arena a;
    arena_init(&a, 1024);
    for (int round = 0; round < 3; round++) {
        xml_mem_begin();
        xmlNodePtr root;
        xmlDocPtr doc = xml_doc_new(&a, "page", &root);
        CHECK(xml_mem_owns(doc) && xml_mem_owns(root));
        for (int i = 0; i < 100; i++)
            xml_add_text(root, "t", "some text to allocate");
        doc->dict = xmlDictCreateSub(parent);
        CHECK(xml_mem_owns(doc->dict));
        CHECK(xmlDictLookup(doc->dict, BAD_CAST "word", -1) != NULL);
        size_t len;
        char *xml = xml_serialize(&a, doc, &len);
        CHECK(strstr(xml, "<t>some text to allocate</t>") != NULL);
        /* as a transform's HTML result: its own hash tables count on its
         * dictionary too (the IDs of id attributes, a DTD's entities) */
        xmlDocPtr html = htmlNewDocNoDtD(NULL, NULL);
        html->dict = xmlDictCreateSub(parent);
        xml_doc_free_on_reset(&a, html);
        xmlNodePtr body = xmlNewDocNode(html, NULL, BAD_CAST "body", NULL);
        xmlAddChild((xmlNodePtr)html, body);
        for (int i = 0; i < 3; i++)
            xmlNewProp(xmlNewChild(body, NULL, BAD_CAST "p", NULL), BAD_CAST "id", BAD_CAST(i ? "b" : "a"));
        CHECK(html->ids != NULL);
        xmlCreateIntSubset(html, BAD_CAST "html", NULL, NULL);
        CHECK(xmlAddDocEntity(html, BAD_CAST "e", XML_INTERNAL_GENERAL_ENTITY, NULL, NULL, BAD_CAST "v") != NULL);
        arena_reset(&a); /* releases the documents, then */
        xml_mem_end();   /* the region goes */
    }
    arena_free(&a);
    xmlDictFree(parent); /* the last reference: LeakSanitizer reports it at exit otherwise */
}

static void a_full_region_falls_back_to_malloc(void)
{
    arena a;
    arena_init(&a, 1024);
    static char big[65536];
    memset(big, 'x', sizeof(big) - 1);
    xml_mem_begin();
    xmlNodePtr root;
    xml_doc_new(&a, "page", &root);
    xmlNodePtr last = NULL;
    for (size_t i = 0; i < 2 * RESERVE / sizeof(big); i++)
        last = xml_add_text(root, "t", big);
    xml_mem_stats st = xml_mem_get_stats();
    CHECK(st.fallbacks > 0);
    CHECK(last && !xml_mem_owns(last));
    xmlChar *text = last ? xmlNodeGetContent(last) : NULL;
    CHECK(text && xmlStrlen(text) == (int)sizeof(big) - 1);
    xmlFree(text);
    /* the blocks from malloc are freed one by one (LeakSanitizer) */
    arena_reset(&a);
    xml_mem_end();
    arena_free(&a);
}

static void pages_over_keep_go_back(void)
{
    xml_mem_begin();
    for (int i = 0; i < 6; i++) {
        char *p = xmlMalloc((size_t)1 << 20);
        CHECK(xml_mem_owns(p));
        memset(p, 1, (size_t)1 << 20);
    }
    xml_mem_end();
    /* the region starts 16 bytes into its first page */
    char *base = region_start - 16;
    long page = sysconf(_SC_PAGESIZE);
    size_t span = (size_t)4 << 20;
    unsigned char vec[(4 << 20) / 4096];
    char *from = base + 2 * KEEP;
    CHECK((size_t)page == 4096);
    CHECK(mincore(from, span, vec) == 0);
    size_t resident = 0;
    for (size_t i = 0; i < sizeof(vec); i++)
        resident += vec[i] & 1;
    CHECK(resident == 0);
    /* and the kept first part still is resident */
    CHECK(mincore(base, (size_t)page, vec) == 0 && (vec[0] & 1));
}

static void serialize_writes_what_libxml2_writes(void)
{
    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(&A, "page", &root);
    xml_set(root, "q", "\"a\" & 'b' <c>");
    xmlNodePtr list = xml_add(root, "list");
    for (int i = 0; i < 3; i++)
        xml_set_int(xml_add_text(list, "item", TRICKY_TEXT), "n", i);
    xml_add_text(root, "empty", NULL);
    xml_add_money(root, "total", 12345);
    size_t len = 0;
    char *xml = xml_serialize(&A, doc, &len);
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
    CHECK(mem && (size_t)n == len && memcmp(mem, xml, len) == 0);
    CHECK(xml[len] == '\0');
    xmlFree(mem);
}

static void sink_grows_and_keeps_its_bytes(void)
{
    xml_sink s;
    xml_sink_init(&s, &A, 4);
    CHECK(s.len == 0 && s.p[0] == '\0');
    CHECK(xml_sink_write(&s, "abc", 3) == 3);
    CHECK(xml_sink_write(&s, "defghijklmnop", 13) == 13);
    char big[100];
    memset(big, 'z', sizeof(big));
    CHECK(xml_sink_write(&s, big, (int)sizeof(big)) == (int)sizeof(big));
    CHECK(xml_sink_write(&s, "", 0) == 0);
    CHECK(s.len == 116);
    CHECK(strncmp(s.p, "abcdefghijklmnopzzz", 19) == 0);
    CHECK(s.p[116] == '\0' && s.p[115] == 'z');
}

int main(void)
{
    /* as a worker does: before libxml2 is first used */
    CHECK(xml_mem_init(RESERVE, KEEP));
    arena_init(&A, 0);
    text_is_escaped_and_round_trips();
    attributes_are_escaped_and_round_trip();
    numbers_and_empty_elements();
    cents_format_as_decimal_money();
    cents_format_returns_its_buffer();
    money_element_carries_cents();
    lifting_the_first_child_makes_it_the_root();
    documents_die_with_the_arena();
    region_blocks_come_and_go();
    documents_in_the_region();
    a_full_region_falls_back_to_malloc();
    pages_over_keep_go_back();
    serialize_writes_what_libxml2_writes();
    sink_grows_and_keeps_its_bytes();
    arena_free(&A);
    xmlCleanupParser();
    return check_done("test_xml");
}
