/* libFuzzer target for the FastCGI environment made into a request
 * (req_from_env, the cookies, Accept, Accept-Language, the content type,
 * the client address, the body). The input is NAME=value parameters, one
 * a line (or NUL-separated), then an empty line and the body; the first
 * byte also picks the body limit and how the body arrives in pieces.
 * Properties, when the request is accepted:
 *  - the method and the path are the parameters' (or GET and /), the path
 *    starts with '/' and is XML-safe UTF-8, the path as sent has no '?';
 *  - the query holds valid names once each and XML-safe values, and
 *    written again (text_url_encode) it parses to the same fields;
 *  - Content-Length is -1 when absent, else the strict decimal given;
 *  - each cookie has a name and value of the header (quotes taken off),
 *    XML-safe, no name twice, at most REQ_FIELDS_MAX;
 *  - Accept-Language gives zh-CN, en or nothing, and only a language the
 *    header names; XML is wanted only when Accept names application/xml;
 *  - the body read is the stream's first Content-Length bytes (or all of
 *    it), NUL-terminated, refused when over the limit or short; a form
 *    body parses as req_parse_urlencoded parses it. */
#include <arpa/inet.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "../../fcgi/request.h"
#include "../../fcgi/text.h"
#include "fuzz.h"

static arena A;
static int ready;

#define PARAMS_MAX 64

typedef struct {
    const char *data;
    size_t len, pos, step;
} stream;

static long stream_read(void *state, char *buf, size_t n)
{
    stream *s = state;
    size_t k = s->len - s->pos;
    if (k > n)
        k = n;
    if (k > s->step)
        k = s->step;
    memcpy(buf, s->data + s->pos, k);
    s->pos += k;
    return (long)k;
}

static const char *param(char **env, const char *name)
{
    size_t n = strlen(name);
    for (char **e = env; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static bool header_names(const char *header, const char *lang)
{
    for (const char *p = header; *p; p++)
        if (strncasecmp(p, lang, 2) == 0)
            return true;
    return false;
}

static void check_fields(const kv_list *l)
{
    FUZZ_CHECK(l->n <= REQ_FIELDS_MAX);
    const char *again = "";
    for (size_t i = 0; i < l->n; i++) {
        const kv *f = &l->items[i];
        FUZZ_CHECK(req_key_ok(f->key, strlen(f->key)) && kv_find(l, f->key) == f);
        FUZZ_CHECK(strlen(f->val) == f->vlen && text_check(f->val, f->vlen) == TEXT_OK);
        again = arena_printf(&A, "%s%s%s=%s", again, i ? "&" : "", text_url_encode(&A, f->key, false),
                             text_url_encode(&A, f->val, false));
    }
    kv_list l2;
    FUZZ_CHECK(req_parse_urlencoded(&A, again, strlen(again), &l2) == REQ_OK && l2.n == l->n);
    for (size_t i = 0; i < l->n; i++)
        FUZZ_CHECK(strcmp(l2.items[i].key, l->items[i].key) == 0 && strcmp(l2.items[i].val, l->items[i].val) == 0);
}

static void check_cookies(const request *r, const char *header)
{
    FUZZ_CHECK(r->cookies.n <= REQ_FIELDS_MAX);
    if (!header) {
        FUZZ_CHECK(r->cookies.n == 0);
        return;
    }
    for (size_t i = 0; i < r->cookies.n; i++) {
        const kv *c = &r->cookies.items[i];
        size_t klen = strlen(c->key);
        FUZZ_CHECK(klen > 0 && strlen(c->val) == c->vlen);
        FUZZ_CHECK(text_check(c->key, klen) == TEXT_OK && text_check(c->val, c->vlen) == TEXT_OK);
        FUZZ_CHECK(!strchr(c->key, ';') && !strchr(c->key, '=') && !strchr(c->val, ';'));
        FUZZ_CHECK(kv_find(&r->cookies, c->key) == c);
        FUZZ_CHECK(req_cookie(r, c->key) == c->val);
        /* "name=value" or name="value" is in the header */
        const char *plain = arena_printf(&A, "%s=%s", c->key, c->val);
        const char *quoted = arena_printf(&A, "%s=\"%s\"", c->key, c->val);
        FUZZ_CHECK(strstr(header, plain) || strstr(header, quoted));
    }
}

static void check_request(request *r, char **env, const char *body, size_t blen, uint8_t mode)
{
    const char *method = param(env, "REQUEST_METHOD"), *path = param(env, "DOCUMENT_URI");
    FUZZ_CHECK(strcmp(r->method, method ? method : "GET") == 0);
    FUZZ_CHECK(strcmp(r->path, path ? path : "/") == 0);
    FUZZ_CHECK(r->path[0] == '/' && text_check(r->path, strlen(r->path)) == TEXT_OK);
    /* the path as sent is REQUEST_URI's before any '?' (nginx always
     * passes it; without it, the decoded path stands in) */
    const char *uri = param(env, "REQUEST_URI");
    if (uri)
        FUZZ_CHECK(strncmp(uri, r->uri_path, strlen(r->uri_path)) == 0 && !strchr(r->uri_path, '?') &&
                   (uri[strlen(r->uri_path)] == '\0' || uri[strlen(r->uri_path)] == '?'));
    else
        FUZZ_CHECK(strcmp(r->uri_path, r->path) == 0);
    FUZZ_CHECK(strlen(r->query) <= REQ_QUERY_MAX);
    check_fields(&r->args);
    for (size_t i = 0; i < r->args.n; i++)
        FUZZ_CHECK(req_arg(r, r->args.items[i].key) == r->args.items[i].val);

    const char *cl = param(env, "CONTENT_LENGTH");
    if (!cl || !*cl) {
        FUZZ_CHECK(r->content_length == -1);
    } else {
        FUZZ_CHECK(r->content_length >= 0 && r->content_length <= (1L << 40));
        FUZZ_CHECK(strcmp(arena_printf(&A, "%ld", r->content_length), cl) == 0);
    }
    check_cookies(r, param(env, "HTTP_COOKIE"));

    const char *al = param(env, "HTTP_ACCEPT_LANGUAGE");
    const char *lang = req_lang_from_accept(al);
    FUZZ_CHECK(!lang || (al && ((strcmp(lang, "zh-CN") == 0 && header_names(al, "zh")) ||
                                (strcmp(lang, "en") == 0 && header_names(al, "en")))));
    const char *accept = param(env, "HTTP_ACCEPT");
    FUZZ_CHECK(!req_wants_xml(r) || (accept && strstr(accept, "application/xml")));
    FUZZ_CHECK(!req_type_is(r->content_type, "application/xml") ||
               strncasecmp(r->content_type, "application/xml", 15) == 0);

    const char *key = req_client_key(&A, r->remote_addr);
    unsigned char addr[16];
    FUZZ_CHECK(key);
    if (strchr(r->remote_addr, ':') && inet_pton(AF_INET6, r->remote_addr, addr) == 1) {
        size_t n = strlen(key);
        FUZZ_CHECK((n > 3 && strcmp(key + n - 3, "/64") == 0) || inet_pton(AF_INET, key, addr) == 1);
    } else {
        FUZZ_CHECK(key == r->remote_addr);
    }

    /* the body, as the route would read it */
    long limit = (long)(mode & 0x0f) * 64;
    stream s = {body, blen, 0, (size_t)(mode >> 4) + 1};
    req_reader in = {stream_read, &s};
    req_status st = req_read_body(r, &A, &in, limit);
    if (r->content_length > limit) {
        FUZZ_CHECK(st == REQ_TOO_LARGE);
        return;
    }
    if (r->content_length < 0) {
        FUZZ_CHECK(st == (blen > (size_t)limit ? REQ_TOO_LARGE : REQ_OK));
    } else if ((size_t)r->content_length > blen) {
        FUZZ_CHECK(st == REQ_SHORT_BODY);
    } else {
        FUZZ_CHECK(st == REQ_OK);
    }
    if (st != REQ_OK)
        return;
    size_t want = r->content_length < 0 ? blen : (size_t)r->content_length;
    FUZZ_CHECK(r->body_read && r->body_len == want && memcmp(r->body, body, want) == 0 && r->body[want] == '\0');
    FUZZ_CHECK(req_read_body(r, &A, &in, limit) == REQ_OK && r->body_len == want); /* once */
    st = req_parse_form(r, &A);
    if (want && req_type_is(r->content_type, "application/x-www-form-urlencoded")) {
        kv_list direct;
        FUZZ_CHECK(st == req_parse_urlencoded(&A, r->body, r->body_len, &direct));
        if (st == REQ_OK) {
            FUZZ_CHECK(direct.n == r->form.n);
            check_fields(&r->form);
        }
    } else {
        FUZZ_CHECK(st == REQ_OK && r->form.n == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        arena_init(&A, 0);
        ready = 1;
    }
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    const char *blank = memmem(in, n, "\n\n", 2);
    size_t head = blank ? (size_t)(blank - in) : n;
    char *body = blank ? fuzz_copy((const uint8_t *)blank + 2, n - head - 2, 0) : fuzz_copy(NULL, 0, 0);
    size_t blen = blank ? n - head - 2 : 0;

    /* each parameter in a buffer of its own size */
    char *env[PARAMS_MAX + 1];
    size_t nenv = 0;
    for (size_t pos = 0; pos < head && nenv < PARAMS_MAX;) {
        size_t end = pos;
        while (end < head && in[end] != '\n' && in[end] != '\0')
            end++;
        if (end > pos)
            env[nenv++] = fuzz_copy((const uint8_t *)in + pos, end - pos, 1);
        pos = end + 1;
    }
    env[nenv] = NULL;

    request r;
    req_status st = req_from_env(&r, &A, env);
    FUZZ_CHECK(st < REQ__MAX && req_status_http(st) >= 200);
    if (st == REQ_OK)
        check_request(&r, env, body, blen, mode);
    else
        FUZZ_CHECK(req_status_http(st) >= 400);
    for (size_t i = 0; i < nenv; i++)
        free(env[i]);
    free(body);
    arena_reset(&A);
    return 0;
}
