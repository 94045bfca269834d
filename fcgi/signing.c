/* Canonical strings and HMACs for signed partner requests. */
#include "signing.h"

#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "text.h"

typedef struct {
    const char *k, *v;
} pair;

static int pair_cmp(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    int c = strcmp(x->k, y->k);
    return c ? c : strcmp(x->v, y->v);
}

char *sign_canonical_query(arena *a, const kv_list *args)
{
    if (args->n == 0)
        return arena_strdup(a, "");
    pair *p = arena_alloc(a, args->n * sizeof(pair));
    for (size_t i = 0; i < args->n; i++)
        p[i] = (pair){text_url_encode(a, args->items[i].key, false), text_url_encode(a, args->items[i].val, false)};
    qsort(p, args->n, sizeof(pair), pair_cmp);
    size_t len = 0;
    for (size_t i = 0; i < args->n; i++)
        len += strlen(p[i].k) + strlen(p[i].v) + 2;
    char *out = arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < args->n; i++) {
        if (i)
            *o++ = '&';
        size_t kl = strlen(p[i].k), vl = strlen(p[i].v);
        memcpy(o, p[i].k, kl);
        o += kl;
        *o++ = '=';
        memcpy(o, p[i].v, vl);
        o += vl;
    }
    *o = '\0';
    return out;
}

char *sign_string_to_sign(arena *a, const char *method, const char *path, const char *canonical_query,
                          const char *timestamp, const char *nonce, const void *body, size_t body_len)
{
    unsigned char digest[32];
    crypto_sha256(body ? body : "", body ? body_len : 0, digest);
    return arena_printf(a, "%s\n%s\n%s\n%s\n%s\n%s", method, path, canonical_query, timestamp, nonce,
                        crypto_hex(a, digest, sizeof(digest)));
}

char *sign_hmac_hex(arena *a, const char *secret, const char *text)
{
    unsigned char mac[32];
    crypto_hmac_sha256(secret, strlen(secret), text, strlen(text), mac);
    return crypto_hex(a, mac, sizeof(mac));
}

bool sign_timestamp_fresh(long long now, long long when)
{
    /* no subtraction: when is whatever a client sent */
    return when >= now - SIGN_SKEW && when <= now + SIGN_SKEW;
}
