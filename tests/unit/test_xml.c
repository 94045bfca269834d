/* Unit tests for fcgi/xml.c: escaping on serialization, money formatting, documents freed with the arena. */
#include <limits.h>
#include <string.h>

#include <libxml/parser.h>

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

int main(void)
{
    arena_init(&A, 0);
    text_is_escaped_and_round_trips();
    attributes_are_escaped_and_round_trip();
    numbers_and_empty_elements();
    cents_format_as_decimal_money();
    cents_format_returns_its_buffer();
    money_element_carries_cents();
    lifting_the_first_child_makes_it_the_root();
    documents_die_with_the_arena();
    arena_free(&A);
    xmlCleanupParser();
    return check_done("test_xml");
}
