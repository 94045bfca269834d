/* libFuzzer target for partner XML documents: the hardened parse and the
 * schema check the API uses (xmlin_parse, xslt/schemas/), then what the
 * partner handlers read from a document that passed (xmlin_child_text,
 * attributes, multipart_file_name, in_file_type_of, xmlin_base64). The
 * input's first line names the document (app-info, free-login-verify,
 * delivery-confirm, delivery-progress, delivery-submit); the rest is the
 * body. Properties:
 *  - a document with a DOCTYPE or an entity never passes, and one that
 *    passes has no DTD and no entity nodes; a refusal says why;
 *  - what passes is the document the handler expects: its root; every
 *    text the handler keeps XML-safe UTF-8 without control characters (as
 *    the buyer's forms take them); the values the handler relies on there
 *    (a free-login token of 64 hex digits, a version the handler reads as
 *    that positive number, a note with a character that is not a space);
 *  - the URLs of app-info are http(s), without spaces, controls, quotes
 *    or angle brackets, and a free-login URL is one a buyer's browser can
 *    be sent to (text_url_origin takes it);
 *  - a progress note's key, when there is one, is 8 to 64 of A-Z a-z 0-9
 *    _ - (the handler binds it as it is); a submission has none;
 *  - an attachment's base64 decodes (xmlin_base64) exactly when another
 *    decoder takes it, to the same bytes, and its name keeps a display
 *    name. */
#include <errno.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/input.h"
#include "../../fcgi/multipart.h"
#include "../../fcgi/text.h"
#include "../../fcgi/xmlin.h"
#include "fuzz.h"

#ifndef MP_SOURCE_ROOT
#define MP_SOURCE_ROOT "."
#endif

static xmlin_schemas *schemas;
static arena A;

static const struct {
    const char *schema, *root;
} docs[] = {
    {"app-info", "app-info"},        {"free-login-verify", "free-login-verify"},
    {"delivery-confirm", "confirm"}, {"delivery-progress", "progress"},
    {"delivery-submit", "submit"},
};

/* Whether s holds text a buyer's form would take (tab, LF, CR allowed). */
static bool form_text(const char *s)
{
    return s && text_check(s, strlen(s)) == TEXT_OK;
}

/* ... and on one line: no tab, LF or CR either. */
static bool line_text(const char *s)
{
    return form_text(s) && !strpbrk(s, "\t\n\r");
}

static void no_dtd(xmlNodePtr n)
{
    for (; n; n = n->next) {
        FUZZ_CHECK(n->type != XML_DTD_NODE && n->type != XML_ENTITY_REF_NODE && n->type != XML_ENTITY_DECL &&
                   n->type != XML_ENTITY_NODE);
        if (n->type == XML_ELEMENT_NODE)
            no_dtd(n->children);
    }
}

#define KEY_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

static const char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    const char *s = v ? arena_strdup(&A, (const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void check_url(const char *url, bool browser)
{
    FUZZ_CHECK(strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
    FUZZ_CHECK(line_text(url) && !strpbrk(url, " <>\""));
    if (browser) {
        char origin[256];
        FUZZ_CHECK(text_url_origin(url, origin, sizeof(origin)));
    }
}

static void check_app_info(xmlNodePtr root)
{
    const char *login = xmlin_child_text(&A, root, "login-url"), *account = xmlin_child_text(&A, root, "account");
    const char *password = xmlin_child_text(&A, root, "password");
    const char *sso = xmlin_child_text(&A, root, "free-login-url");
    FUZZ_CHECK(login && account);
    check_url(login, false);
    if (sso)
        check_url(sso, true);
    FUZZ_CHECK(line_text(account) && *account && (!password || (line_text(password) && *password)));
    size_t fields = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "field"))
            continue;
        fields++;
        const char *name = prop(n, "name");
        xmlChar *v = xmlNodeGetContent(n);
        FUZZ_CHECK(name && *name && line_text(name) && line_text(v ? (const char *)v : ""));
        xmlFree(v);
        for (xmlNodePtr m = root->children; m != n; m = m->next)
            if (m->type == XML_ELEMENT_NODE && xmlStrEqual(m->name, BAD_CAST "field"))
                FUZZ_CHECK(strcmp(prop(m, "name"), name) != 0);
    }
    FUZZ_CHECK(fields <= 20);
}

static int b64(int c)
{
    return c >= 'A' && c <= 'Z'   ? c - 'A'
           : c >= 'a' && c <= 'z' ? c - 'a' + 26
           : c >= '0' && c <= '9' ? c - '0' + 52
           : c == '+'             ? 62
           : c == '/'             ? 63
                                  : -1;
}

/* Decodes base64 by the book (white space dropped, '=' only at the end);
 * NULL when it is not. */
static unsigned char *ref_base64(const char *s, size_t *size)
{
    size_t n = strlen(s), k = 0, pad = 0;
    char *d = arena_alloc(&A, n + 1);
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]))
            d[k++] = s[i];
    if (k % 4)
        return NULL;
    while (pad < 2 && pad < k && d[k - 1 - pad] == '=')
        pad++;
    unsigned char *out = arena_alloc(&A, k / 4 * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < k; i += 4) {
        unsigned v = 0;
        for (size_t j = 0; j < 4; j++) {
            int x = i + j >= k - pad ? 0 : b64((unsigned char)d[i + j]);
            if (x < 0)
                return NULL;
            v = v << 6 | (unsigned)x;
        }
        out[o++] = (unsigned char)(v >> 16);
        if (i + 4 < k || pad < 2)
            out[o++] = (unsigned char)(v >> 8);
        if (i + 4 < k || pad < 1)
            out[o++] = (unsigned char)v;
    }
    *size = o;
    return out;
}

static void check_note(xmlNodePtr root, bool required)
{
    const char *note = xmlin_child_text(&A, root, "note");
    FUZZ_CHECK(note || !required);
    if (!note)
        return;
    FUZZ_CHECK(form_text(note) && text_utf8_len(note, strlen(note)) <= 2000);
    if (required)
        FUZZ_CHECK(strspn(note, " \t\r\n") < strlen(note));
}

static void check_files(xmlNodePtr root)
{
    size_t files = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "attachment"))
            continue;
        files++;
        const char *raw = prop(n, "name");
        FUZZ_CHECK(raw);
        const char *name = multipart_file_name(&A, raw, strlen(raw));
        FUZZ_CHECK(name && line_text(name) && strlen(name) <= MULTIPART_NAME_MAX);
        in_file_type_of(in_attachment_types, name);
        xmlChar *text = xmlNodeGetContent(n);
        const char *t = text ? (const char *)text : "";
        size_t size = 0, want_size = 0;
        unsigned char *got = xmlin_base64(&A, t, strlen(t), &size), *want = ref_base64(t, &want_size);
        /* libxml2 takes some text that is not base64 ("UEsDBBQAAA.AIAA=="):
         * the handler's decoding is what refuses it */
        FUZZ_CHECK(!got == !want);
        FUZZ_CHECK(!got || (size == want_size && memcmp(got, want, size) == 0));
        xmlFree(text);
    }
    FUZZ_CHECK(files <= 5);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!schemas) {
        xmlInitParser();
        char err[256];
        schemas = xmlin_load(MP_SOURCE_ROOT "/xslt/schemas", err, sizeof(err));
        if (!schemas) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
        arena_init(&A, 0);
    }
    const char *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    size_t namelen = (size_t)(nl - (const char *)data), which = 0;
    while (which < sizeof(docs) / sizeof(docs[0]) &&
           (strlen(docs[which].schema) != namelen || memcmp(docs[which].schema, data, namelen) != 0))
        which++;
    if (which == sizeof(docs) / sizeof(docs[0]))
        return 0;
    size_t blen = size - namelen - 1;
    /* the body as the request holds it: NUL-terminated, in a buffer of its size */
    char *body = fuzz_copy((const uint8_t *)nl + 1, blen, 1);
    const char *why = NULL;
    xmlDocPtr doc = xmlin_parse(schemas, docs[which].schema, &A, body, blen, &why);
    bool dtd = memmem(body, blen, "<!DOCTYPE", 9) || memmem(body, blen, "<!ENTITY", 8);
    if (!doc) {
        FUZZ_CHECK(why && *why);
    } else {
        FUZZ_CHECK(!dtd && !doc->intSubset && !doc->extSubset);
        no_dtd(doc->children);
        xmlNodePtr root = xmlDocGetRootElement(doc);
        FUZZ_CHECK(root && xmlStrEqual(root->name, BAD_CAST docs[which].root));
        switch (which) {
        case 0:
            check_app_info(root);
            break;
        case 1: {
            const char *token = xmlin_child_text(&A, root, "token");
            FUZZ_CHECK(token && strlen(token) == 64 && strspn(token, "0123456789abcdef") == 64);
            break;
        }
        case 2: {
            const char *ver = prop(root, "version");
            FUZZ_CHECK(ver);
            /* as the handler reads it (strtoll) */
            errno = 0;
            long long v = strtoll(ver, NULL, 10);
            FUZZ_CHECK(v > 0); /* past LLONG_MAX it stays a version no delivery has */
            check_note(root, false);
            break;
        }
        default: {
            const char *key = prop(root, "key");
            FUZZ_CHECK(!key || which == 3);
            if (key) {
                size_t n = strlen(key);
                FUZZ_CHECK(n >= 8 && n <= 64 && strspn(key, KEY_CHARS) == n);
            }
            check_note(root, true);
            check_files(root);
        }
        }
    }
    free(body);
    arena_reset(&A);
    return 0;
}
