/* Route matching over a static table with pcre2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "router.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct router {
    const route *routes;
    size_t n;
    pcre2_code **codes;
    pcre2_match_data *md;
};

void router_free(router *rt)
{
    if (!rt)
        return;
    for (size_t i = 0; i < rt->n; i++)
        pcre2_code_free(rt->codes[i]);
    free(rt->codes);
    pcre2_match_data_free(rt->md);
    free(rt);
}

router *router_new(const route *routes, size_t n, char *err, size_t errlen)
{
    router *rt = calloc(1, sizeof(*rt));
    if (!rt)
        return NULL;
    rt->routes = routes;
    rt->n = n;
    rt->codes = calloc(n ? n : 1, sizeof(*rt->codes));
    if (!rt->codes) {
        free(rt);
        return NULL;
    }
    uint32_t max_pairs = 1;
    for (size_t i = 0; i < n; i++) {
        int ec;
        PCRE2_SIZE eo;
        rt->codes[i] = pcre2_compile((PCRE2_SPTR)routes[i].pattern, PCRE2_ZERO_TERMINATED,
                                     PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF | PCRE2_NO_UTF_CHECK, &ec, &eo,
                                     NULL);
        if (!rt->codes[i]) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof(msg));
            snprintf(err, errlen, "route %s: %s at offset %zu", routes[i].pattern, (char *)msg, (size_t)eo);
            router_free(rt);
            return NULL;
        }
        uint32_t caps = 0;
        pcre2_pattern_info(rt->codes[i], PCRE2_INFO_CAPTURECOUNT, &caps);
        if (caps > REQ_CAPTURES_MAX) {
            snprintf(err, errlen, "route %s: more than %d captures", routes[i].pattern, REQ_CAPTURES_MAX);
            router_free(rt);
            return NULL;
        }
        if (caps + 1 > max_pairs)
            max_pairs = caps + 1;
        pcre2_jit_compile(rt->codes[i], PCRE2_JIT_COMPLETE); /* optional speed-up */
    }
    rt->md = pcre2_match_data_create(max_pairs, NULL);
    if (!rt->md) {
        router_free(rt);
        return NULL;
    }
    return rt;
}

static void store_captures(router *rt, pcre2_code *code, arena *a, request *r, const char *path)
{
    uint32_t count = 0, entry_size = 0;
    PCRE2_SPTR table;
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rt->md);
    r->ncaptures = 0;
    for (uint32_t i = 0; i < count && r->ncaptures < REQ_CAPTURES_MAX; i++) {
        PCRE2_SPTR e = table + (size_t)i * entry_size;
        int group = (e[0] << 8) | e[1];
        if (ov[2 * group] == PCRE2_UNSET)
            continue;
        size_t len = ov[2 * group + 1] - ov[2 * group];
        r->captures[r->ncaptures++] = (kv){(const char *)(e + 2), arena_strndup(a, path + ov[2 * group], len), len};
    }
}

static void allow_add(char *allow, size_t allowlen, const char *method)
{
    if (allowlen == 0 || strstr(allow, method))
        return;
    size_t used = strlen(allow);
    snprintf(allow + used, allowlen - used, "%s%s", used ? ", " : "", method);
}

route_result router_match(router *rt, arena *a, request *r, const route **out, char *allow, size_t allowlen)
{
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    size_t plen = strlen(r->path);
    bool path_matched = false;
    if (allowlen)
        allow[0] = '\0';
    for (size_t i = 0; i < rt->n; i++) {
        int rc = pcre2_match(rt->codes[i], (PCRE2_SPTR)r->path, plen, 0, PCRE2_NO_UTF_CHECK, rt->md, NULL);
        if (rc < 0)
            continue;
        if (strcmp(rt->routes[i].method, method) == 0) {
            store_captures(rt, rt->codes[i], a, r, r->path);
            *out = &rt->routes[i];
            return ROUTE_FOUND;
        }
        if (!path_matched)
            *out = &rt->routes[i];
        path_matched = true;
        allow_add(allow, allowlen, rt->routes[i].method);
        if (strcmp(rt->routes[i].method, "GET") == 0)
            allow_add(allow, allowlen, "HEAD");
    }
    return path_matched ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

route_body route_body_kind(const route *rt)
{
    if (rt->body != BODY_AUTO)
        return rt->body;
    if (strcmp(rt->method, "POST") != 0)
        return BODY_NONE;
    return (rt->flags & ROUTE_PARTNER) ? BODY_XML : BODY_FORM;
}

long route_body_limit(const route *rt, long max_body)
{
    if (rt->body_max > 0)
        return rt->body_max;
    switch (route_body_kind(rt)) {
    case BODY_NONE:
        return 0;
    case BODY_MULTIPART:
        return MP_UPLOAD_BODY_MAX;
    case BODY_AUTO:
    case BODY_FORM:
    case BODY_XML:
        break;
    }
    return max_body;
}
