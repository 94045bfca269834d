/* libFuzzer target for the canonical query of signed partner requests
 * (sign_canonical_query, sign_string_to_sign). The input is up to three
 * lines: a path, a query, another query. Properties, for each query that
 * parses:
 *  - the canonical query holds only unreserved characters, '=', '&' and
 *    %XX with upper-case hex;
 *  - it is what signing.h says, built another way: the decoded pairs
 *    sorted by name then value in byte order, each encoded, joined;
 *  - canonicalizing is idempotent: the canonical query parsed and
 *    canonicalized again is itself;
 *  - it does not depend on the order of the pairs;
 *  - two queries get the same canonical query exactly when they hold the
 *    same pairs;
 *  - the string to sign is the six fields on six lines (the path and the
 *    query cannot add one), and its HMAC is 64 lower-case hex digits. */
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/request.h"
#include "../../fcgi/signing.h"
#include "../../fcgi/text.h"
#include "fuzz.h"

static arena A;
static int ready;

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

static void check_charset(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '%') {
            FUZZ_CHECK(strchr("0123456789ABCDEF", p[1]) && p[1] && strchr("0123456789ABCDEF", p[2]) && p[2]);
            p += 2;
        } else {
            FUZZ_CHECK(unreserved((unsigned char)*p) || *p == '=' || *p == '&');
        }
    }
}

/* Encodes s the way the spec says (not through text_url_encode). */
static char *encode(const char *s)
{
    char *out = arena_alloc(&A, strlen(s) * 3 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (unreserved(*p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = "0123456789ABCDEF"[*p >> 4];
            *o++ = "0123456789ABCDEF"[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

static int by_pair(const void *a, const void *b)
{
    const kv *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->val, y->val);
}

static char *ref_canonical(const kv_list *l)
{
    kv *sorted = arena_alloc(&A, (l->n ? l->n : 1) * sizeof(kv));
    memcpy(sorted, l->items, l->n * sizeof(kv));
    /* insertion sort, to be another sort than the library's qsort */
    for (size_t i = 1; i < l->n; i++)
        for (size_t k = i; k > 0 && by_pair(&sorted[k - 1], &sorted[k]) > 0; k--) {
            kv t = sorted[k];
            sorted[k] = sorted[k - 1];
            sorted[k - 1] = t;
        }
    char *out = "";
    for (size_t i = 0; i < l->n; i++)
        out = arena_printf(&A, "%s%s%s=%s", out, i ? "&" : "", encode(sorted[i].key), encode(sorted[i].val));
    return out;
}

static bool same_pairs(const kv_list *a, const kv_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const kv *o = kv_find(b, a->items[i].key);
        if (!o || strcmp(o->val, a->items[i].val) != 0)
            return false;
    }
    return true;
}

/* The canonical query of q[0..n), checked; NULL when q does not parse. */
static const char *canonical(const char *q, size_t n, kv_list *args)
{
    if (req_parse_urlencoded(&A, q, n, args) != REQ_OK)
        return NULL;
    const char *c = sign_canonical_query(&A, args);
    check_charset(c);
    FUZZ_CHECK(strcmp(c, ref_canonical(args)) == 0);
    kv_list again;
    FUZZ_CHECK(req_parse_urlencoded(&A, c, strlen(c), &again) == REQ_OK);
    FUZZ_CHECK(same_pairs(args, &again));
    FUZZ_CHECK(strcmp(sign_canonical_query(&A, &again), c) == 0);
    /* the pairs the other way round */
    kv_list reversed = {arena_alloc(&A, (args->n ? args->n : 1) * sizeof(kv)), args->n};
    for (size_t i = 0; i < args->n; i++)
        reversed.items[i] = args->items[args->n - 1 - i];
    FUZZ_CHECK(strcmp(sign_canonical_query(&A, &reversed), c) == 0);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        arena_init(&A, 0);
        ready = 1;
    }
    char *in = fuzz_copy(data, size, 1);
    const char *part[3] = {"", "", ""};
    size_t len[3] = {0, 0, 0};
    char *p = in;
    for (int i = 0; i < 3 && p <= in + size; i++) {
        char *nl = i < 2 ? memchr(p, '\n', (size_t)(in + size - p)) : NULL;
        part[i] = p;
        len[i] = nl ? (size_t)(nl - p) : (size_t)(in + size - p);
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    const char *path = arena_strndup(&A, part[0], len[0]);
    /* each query in a buffer of its own size */
    char *q1 = fuzz_copy((const uint8_t *)part[1], len[1], 0), *q2 = fuzz_copy((const uint8_t *)part[2], len[2], 0);
    kv_list a1, a2;
    const char *c1 = canonical(q1, len[1], &a1), *c2 = canonical(q2, len[2], &a2);
    if (c1 && c2)
        FUZZ_CHECK((strcmp(c1, c2) == 0) == same_pairs(&a1, &a2));
    if (c1 && !strchr(path, '\n') && strlen(path) == len[0]) {
        const char *sts = sign_string_to_sign(&A, "POST", path, c1, "1700000000", "nonce-1234", q2, len[2]);
        size_t lines = 1;
        for (const char *s = sts; *s; s++)
            lines += *s == '\n';
        FUZZ_CHECK(lines == 6);
        const char *want = arena_printf(&A, "POST\n%s\n%s\n1700000000\nnonce-1234\n", path, c1);
        FUZZ_CHECK(strncmp(sts, want, strlen(want)) == 0 && strlen(sts) == strlen(want) + 64);
        const char *mac = sign_hmac_hex(&A, "00112233445566778899aabbccddeeff", sts);
        FUZZ_CHECK(strlen(mac) == 64 && strspn(mac, "0123456789abcdef") == 64);
    }
    free(q1);
    free(q2);
    free(in);
    arena_reset(&A);
    return 0;
}
