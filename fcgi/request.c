/* Parsing of FastCGI parameters, query strings, form bodies and cookies. */
#include "request.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

static const struct {
    int http;
    const char *message;
} req_statuses[REQ__MAX] = {
    [REQ_OK] = {200, "ok"},
    [REQ_BAD_PERCENT] = {400, "malformed percent-encoding"},
    [REQ_BAD_UTF8] = {400, "text is not valid UTF-8"},
    [REQ_NUL] = {400, "text contains a NUL character"},
    [REQ_CONTROL] = {400, "text contains a control character"},
    [REQ_BAD_KEY] = {400, "invalid field name"},
    [REQ_DUP_KEY] = {400, "a field is given more than once"},
    [REQ_TOO_MANY] = {400, "too many fields"},
    [REQ_TOO_LONG] = {414, "query string too long"},
    [REQ_TOO_LARGE] = {413, "request body too large"},
    [REQ_BAD_LENGTH] = {400, "invalid Content-Length"},
    [REQ_BAD_TYPE] = {415, "unsupported content type"},
    [REQ_BAD_PATH] = {400, "invalid path"},
    [REQ_BAD_MULTIPART] = {400, "malformed multipart/form-data body"},
    [REQ_SHORT_BODY] = {400, "the body ended before its Content-Length"},
    [REQ_NO_BODY_HERE] = {413, "this address takes no request body"},
};

int req_status_http(req_status s)
{
    return s < REQ__MAX ? req_statuses[s].http : 400;
}

const char *req_status_message(req_status s)
{
    return s < REQ__MAX ? req_statuses[s].message : "bad request";
}

req_status req_status_from_text(text_status t)
{
    switch (t) {
    case TEXT_OK:
        return REQ_OK;
    case TEXT_NUL:
        return REQ_NUL;
    case TEXT_CONTROL:
        return REQ_CONTROL;
    case TEXT_BAD_UTF8:
        break;
    }
    return REQ_BAD_UTF8;
}

static bool key_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
}

bool req_key_ok(const char *key, size_t n)
{
    if (n == 0 || n > REQ_KEY_MAX)
        return false;
    for (size_t k = 0; k < n; k++)
        if (!key_char_ok((unsigned char)key[k]))
            return false;
    return true;
}

req_status req_parse_urlencoded(arena *a, const char *s, size_t n, kv_list *out)
{
    out->items = NULL;
    out->n = 0;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '&')
            cap++;
    cap++;
    if (cap > REQ_FIELDS_MAX * 4)
        return REQ_TOO_MANY;
    out->items = arena_alloc(a, cap * sizeof(kv));

    size_t pos = 0;
    while (pos < n) {
        const char *seg = s + pos;
        const char *amp = memchr(seg, '&', n - pos);
        size_t seglen = amp ? (size_t)(amp - seg) : n - pos;
        pos += seglen + 1;
        /* cppcheck-suppress knownConditionTrueFalse ; a false positive: "&&" gives an empty segment */
        if (seglen == 0)
            continue; /* "a=1&&b=2" and a trailing '&' */
        const char *eq = memchr(seg, '=', seglen);
        size_t klen = eq ? (size_t)(eq - seg) : seglen;
        size_t vlen_raw = eq ? seglen - klen - 1 : 0;

        if (out->n == REQ_FIELDS_MAX)
            return REQ_TOO_MANY;
        char *key = arena_alloc(a, klen + 1);
        long kn = text_percent_decode(key, seg, klen, true);
        if (kn < 0)
            return REQ_BAD_PERCENT;
        char *val = arena_alloc(a, vlen_raw + 1);
        long vn = eq ? text_percent_decode(val, eq + 1, vlen_raw, true) : (val[0] = '\0', 0);
        if (vn < 0)
            return REQ_BAD_PERCENT;
        if (kn == 0 || kn > REQ_KEY_MAX)
            return REQ_BAD_KEY;
        if (memchr(key, '\0', (size_t)kn))
            return REQ_NUL;
        for (long k = 0; k < kn; k++)
            if (!key_char_ok((unsigned char)key[k]))
                return REQ_BAD_KEY;
        req_status st = req_status_from_text(text_check(val, (size_t)vn));
        if (st != REQ_OK)
            return st;
        for (size_t k = 0; k < out->n; k++)
            if (strcmp(out->items[k].key, key) == 0)
                return REQ_DUP_KEY;
        out->items[out->n++] = (kv){key, val, (size_t)vn};
    }
    return REQ_OK;
}

void req_parse_cookies(arena *a, const char *s, kv_list *out)
{
    out->n = 0;
    out->items = NULL;
    if (!s)
        return;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        if (*p == ';')
            cap++;
    if (cap > REQ_FIELDS_MAX)
        cap = REQ_FIELDS_MAX;
    out->items = arena_alloc(a, cap * sizeof(kv));
    while (*s && out->n < cap) {
        while (*s == ' ' || *s == '\t')
            s++;
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *eq = memchr(s, '=', len);
        if (eq && eq > s) {
            size_t klen = (size_t)(eq - s), vlen = len - klen - 1;
            while (vlen && (eq[vlen] == ' ' || eq[vlen] == '\t'))
                vlen--;
            if (vlen >= 2 && eq[1] == '"' && eq[vlen] == '"') { /* quoted value */
                eq++;
                vlen -= 2;
            }
            char *key = arena_strndup(a, s, klen);
            char *val = arena_strndup(a, eq + 1, vlen);
            if (text_check(key, klen) == TEXT_OK && text_check(val, vlen) == TEXT_OK && !kv_find(out, key))
                out->items[out->n++] = (kv){key, val, vlen};
        }
        if (!end)
            break;
        s = end + 1;
    }
}

const char *req_env(const request *r, const char *name)
{
    size_t n = strlen(name);
    for (char **e = r->envp; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static const char *env_or(const request *r, const char *name, const char *dflt)
{
    const char *v = req_env(r, name);
    return v ? v : dflt;
}

req_status req_from_env(request *r, arena *a, char **envp)
{
    memset(r, 0, sizeof(*r));
    r->envp = envp;
    r->method = env_or(r, "REQUEST_METHOD", "GET");
    r->path = env_or(r, "DOCUMENT_URI", "/");
    const char *uri = req_env(r, "REQUEST_URI");
    r->uri_path = uri ? arena_strndup(a, uri, strcspn(uri, "?")) : r->path;
    r->query = env_or(r, "QUERY_STRING", "");
    r->content_type = env_or(r, "CONTENT_TYPE", "");
    r->remote_addr = env_or(r, "REMOTE_ADDR", "");
    r->request_id = env_or(r, "REQUEST_ID", "-");
    const char *admin = req_env(r, "MP_ADMIN_USER");
    r->admin_user = admin && *admin ? admin : NULL;
    r->admin_vouch = req_env(r, "MP_ADMIN_VOUCH");
    req_parse_cookies(a, req_env(r, "HTTP_COOKIE"), &r->cookies);

    r->body = "";
    const char *cl = req_env(r, "CONTENT_LENGTH");
    long long len = -1;
    if (cl && *cl && !text_parse_i64(cl, false, &len))
        return REQ_BAD_LENGTH;
    if (len > (1LL << 40))
        return REQ_TOO_LARGE;
    r->content_length = (long)len;

    size_t plen = strlen(r->path);
    if (r->path[0] != '/')
        return REQ_BAD_PATH;
    req_status st = req_status_from_text(text_check(r->path, plen));
    if (st != REQ_OK)
        return st;
    size_t qlen = strlen(r->query);
    if (qlen > REQ_QUERY_MAX)
        return REQ_TOO_LONG;
    return req_parse_urlencoded(a, r->query, qlen, &r->args);
}

bool req_type_is(const char *ct, const char *type)
{
    if (!ct)
        return false;
    size_t n = strlen(type);
    return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

req_status req_set_body(request *r, arena *a, const char *body, size_t len)
{
    (void)a;
    r->body = body;
    r->body_len = len;
    r->body_read = true;
    return REQ_OK;
}

static void free_buffer(void *p)
{
    free(p);
}

/* A body without Content-Length (a client speaking FastCGI directly; nginx
 * gives the length even of a chunked body it has buffered): read until
 * the stream ends, in a buffer that grows and is freed with the arena. */
static req_status read_to_end(request *r, arena *a, const req_reader *in, long limit)
{
    size_t cap = 0, got = 0;
    char *buf = NULL;
    for (;;) {
        if (got == cap) {
            if (cap > (size_t)limit) {
                free(buf);
                return REQ_TOO_LARGE;
            }
            size_t next = cap ? cap * 2 : 16384;
            if (next > (size_t)limit + 1)
                next = (size_t)limit + 1; /* one byte over tells a body that is too large */
            char *grown = realloc(buf, next + 1);
            if (!grown) {
                free(buf);
                return REQ_TOO_LARGE;
            }
            buf = grown;
            cap = next;
        }
        long n = in->read(in->state, buf + got, cap - got);
        if (n < 0) {
            free(buf);
            return REQ_SHORT_BODY;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    if (got > (size_t)limit) {
        free(buf);
        return REQ_TOO_LARGE;
    }
    buf[got] = '\0';
    arena_on_reset(a, free_buffer, buf);
    return req_set_body(r, a, buf, got);
}

req_status req_read_body(request *r, arena *a, const req_reader *in, long limit)
{
    if (r->body_read)
        return REQ_OK;
    if (limit < 0)
        limit = 0;
    if (r->content_length < 0)
        return in ? read_to_end(r, a, in, limit) : req_set_body(r, a, "", 0);
    if (r->content_length > limit)
        return REQ_TOO_LARGE;
    if (r->content_length == 0)
        return req_set_body(r, a, "", 0);
    size_t n = (size_t)r->content_length, got = 0;
    char *buf = arena_alloc(a, n + 1);
    while (got < n) {
        long k = in ? in->read(in->state, buf + got, n - got) : 0;
        if (k <= 0)
            return REQ_SHORT_BODY;
        got += (size_t)k;
    }
    buf[n] = '\0';
    return req_set_body(r, a, buf, n);
}

req_status req_parse_form(request *r, arena *a)
{
    if (r->body_len == 0 || !req_type_is(r->content_type, "application/x-www-form-urlencoded"))
        return REQ_OK;
    return req_parse_urlencoded(a, r->body, r->body_len, &r->form);
}

const kv *kv_find(const kv_list *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return &l->items[i];
    return NULL;
}

const char *req_arg(const request *r, const char *key)
{
    const kv *v = kv_find(&r->args, key);
    return v ? v->val : NULL;
}

const char *req_field(const request *r, const char *key)
{
    const kv *v = kv_find(&r->form, key);
    return v ? v->val : NULL;
}

const req_file *req_files(const request *r, const char *field, size_t *n)
{
    *n = 0;
    const req_file *first = NULL;
    for (size_t i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].field, field) == 0) {
            if (!first)
                first = &r->files[i];
            (*n)++;
        }
    return first;
}

const char *req_cookie(const request *r, const char *name)
{
    const kv *v = kv_find(&r->cookies, name);
    return v ? v->val : NULL;
}

const char *req_capture(const request *r, const char *name)
{
    for (size_t i = 0; i < r->ncaptures; i++)
        if (strcmp(r->captures[i].key, name) == 0)
            return r->captures[i].val;
    return NULL;
}

const char *req_lang_from_accept(const char *al)
{
    /* Picks the highest-q tag among zh* and en*; ties go to the first. */
    if (!al)
        return NULL;
    const char *best = NULL;
    double best_q = 0;
    const char *p = al;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *tag = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ')
            p++;
        size_t tlen = (size_t)(p - tag);
        double q = 1.0;
        while (*p && *p != ',') {
            if (*p == ';') {
                const char *v = p + 1;
                while (*v == ' ' || *v == '\t')
                    v++;
                if (v[0] == 'q' && v[1] == '=')
                    q = strtod(v + 2, NULL);
            }
            p++;
        }
        const char *lang = NULL;
        if (tlen >= 2 && strncasecmp(tag, "zh", 2) == 0 && (tlen == 2 || tag[2] == '-'))
            lang = "zh-CN";
        else if (tlen >= 2 && strncasecmp(tag, "en", 2) == 0 && (tlen == 2 || tag[2] == '-'))
            lang = "en";
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best;
}

bool req_wants_xml(const request *r)
{
    const char *accept = req_env(r, "HTTP_ACCEPT");
    if (!accept)
        return false;
    return strstr(accept, "application/xml") && !strstr(accept, "text/html");
}

const char *req_client_key(arena *a, const char *remote_addr)
{
    if (!remote_addr)
        return "";
    unsigned char addr[16];
    if (!strchr(remote_addr, ':') || inet_pton(AF_INET6, remote_addr, addr) != 1)
        return remote_addr;
    if (memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) { /* ::ffff:a.b.c.d is IPv4 */
        char v4[INET_ADDRSTRLEN];
        return inet_ntop(AF_INET, addr + 12, v4, sizeof(v4)) ? arena_strdup(a, v4) : remote_addr;
    }
    memset(addr + 8, 0, 8);
    char text[INET6_ADDRSTRLEN];
    if (!inet_ntop(AF_INET6, addr, text, sizeof(text)))
        return remote_addr;
    return arena_printf(a, "%s/64", text);
}
