/* mp-partner: signs and sends partner API requests, as a vendor's system
 * would, with the marketplace's own signing code.
 *   mp-partner get  '/partner/v1/events?after=0&limit=50'
 *   mp-partner post /partner/v1/instances/ins-xxxxxxxxxx/app-info app-info.xml
 * Settings: MP_PARTNER_URL (http://127.0.0.1:8080), MP_PARTNER_KEY,
 * MP_PARTNER_SECRET, or -u URL -k KEY -s SECRET. Prints the response body;
 * the status line goes to stderr; exit status 0 for 2xx, 1 otherwise. */
#include <libxml/globals.h>
#include <libxml/nanohttp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../fcgi/arena.h"
#include "../fcgi/crypto.h"
#include "../fcgi/request.h"
#include "../fcgi/signing.h"

static int usage(void)
{
    fprintf(stderr, "usage: mp-partner [-u base-url] [-k key-id] [-s secret] get PATH[?QUERY]\n"
                    "       mp-partner [-u base-url] [-k key-id] [-s secret] post PATH FILE\n");
    return 2;
}

static char *read_all(arena *a, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    if (f != stdin)
        fclose(f);
    if (!buf)
        return NULL;
    char *out = arena_strndup(a, buf, n);
    free(buf);
    *len = n;
    return out;
}

int main(int argc, char **argv)
{
    const char *base = getenv("MP_PARTNER_URL"), *key = getenv("MP_PARTNER_KEY"), *secret = getenv("MP_PARTNER_SECRET");
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] && !argv[i][2]; i += 2) {
        if (argv[i][1] == 'u')
            base = argv[i + 1];
        else if (argv[i][1] == 'k')
            key = argv[i + 1];
        else if (argv[i][1] == 's')
            secret = argv[i + 1];
        else
            return usage();
    }
    if (!base)
        base = "http://127.0.0.1:8080";
    if (argc - i < 2 || !key || !secret) {
        if (!key || !secret)
            fprintf(stderr, "mp-partner: set MP_PARTNER_KEY and MP_PARTNER_SECRET (or -k and -s)\n");
        return usage();
    }
    const char *verb = argv[i], *target = argv[i + 1];
    bool post = strcmp(verb, "post") == 0;
    if ((!post && strcmp(verb, "get") != 0) || (post && argc - i != 3) || (!post && argc - i != 2) || target[0] != '/')
        return usage();

    arena a;
    arena_init(&a, 0);
    const char *q = strchr(target, '?');
    char *path = q ? arena_strndup(&a, target, (size_t)(q - target)) : arena_strdup(&a, target);
    kv_list args = {NULL, 0};
    if (q && req_parse_urlencoded(&a, q + 1, strlen(q + 1), &args) != REQ_OK) {
        fprintf(stderr, "mp-partner: the query string is malformed\n");
        return 2;
    }
    size_t body_len = 0;
    char *body = NULL;
    if (post && !(body = read_all(&a, argv[i + 2], &body_len))) {
        fprintf(stderr, "mp-partner: cannot read %s\n", argv[i + 2]);
        return 2;
    }
    char ts[32];
    snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
    const char *nonce = crypto_random_hex(&a, 16);
    const char *method = post ? "POST" : "GET";
    const char *sts = sign_string_to_sign(&a, method, path, sign_canonical_query(&a, &args), ts, nonce, body, body_len);
    const char *headers = arena_printf(&a,
                                       "X-MP-Key: %s\r\nX-MP-Timestamp: %s\r\nX-MP-Nonce: %s\r\n"
                                       "X-MP-Signature: %s\r\n%s",
                                       key, ts, nonce, sign_hmac_hex(&a, secret, sts),
                                       post ? "Content-Type: application/xml\r\n" : "");
    const char *url = arena_printf(&a, "%s%s", base, target);

    xmlNanoHTTPInit();
    char *content_type = NULL;
    void *h = xmlNanoHTTPMethod(url, method, body, &content_type, headers, (int)body_len);
    xmlFree(content_type);
    if (!h) {
        fprintf(stderr, "mp-partner: no answer from %s\n", url);
        return 1;
    }
    int code = xmlNanoHTTPReturnCode(h);
    char buf[8192];
    int n;
    while ((n = xmlNanoHTTPRead(h, buf, sizeof(buf))) > 0)
        fwrite(buf, 1, (size_t)n, stdout);
    xmlNanoHTTPClose(h);
    fprintf(stderr, "HTTP %d\n", code);
    arena_free(&a);
    return code >= 200 && code < 300 ? 0 : 1;
}
