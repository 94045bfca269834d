/* libFuzzer target for url-encoded bodies and query strings
 * (req_parse_urlencoded, with text_check under it). The input is the body.
 * Properties:
 *  - it parses exactly when a reference reading of the grammar says so:
 *    '&'-separated pairs, empty ones skipped, '=' splitting name from
 *    value, %XX and '+' decoded, names of 1 to REQ_KEY_MAX of
 *    [A-Za-z0-9_.-], values XML-safe UTF-8, no name twice, at most
 *    REQ_FIELDS_MAX fields;
 *  - what parses holds exactly those fields, in order;
 *  - re-encoded (text_url_encode) and parsed again it gives the same
 *    fields;
 *  - text_check agrees with a reference decoder of UTF-8 on the raw
 *    input (XML 1.0 characters less the C0 and C1 controls, tab, LF and
 *    CR allowed). */
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/request.h"
#include "../../fcgi/text.h"
#include "fuzz.h"

static arena A;
static int ready;

/* text_status of s[0..n), by decoding code points one way and judging
 * them another. */
static text_status ref_text(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (len == 0 || n - i < len)
            return TEXT_BAD_UTF8;
        unsigned long cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return TEXT_BAD_UTF8;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        static const unsigned long least[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return TEXT_BAD_UTF8;
        if (cp == 0)
            return TEXT_NUL;
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe ||
            cp == 0xffff)
            return TEXT_CONTROL;
        i += len;
    }
    return TEXT_OK;
}

static int hex(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Percent-decodes s[0..n) into out (n + 1 bytes); -1 when malformed. */
static long ref_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n)
                return -1;
            int hi = hex((unsigned char)s[i + 1]), lo = hex((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            out[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            out[o++] = s[i] == '+' ? ' ' : s[i];
        }
    }
    out[o] = '\0';
    return (long)o;
}

typedef struct {
    char key[REQ_KEY_MAX + 1];
    char *val;
    size_t vlen;
} ref_field;

/* The reference reading; the number of fields, or -1 when it does not
 * parse. fields holds REQ_FIELDS_MAX. */
static long ref_parse(const char *s, size_t n, ref_field *fields)
{
    size_t amps = 0;
    for (size_t i = 0; i < n; i++)
        amps += s[i] == '&';
    if (amps + 1 > REQ_FIELDS_MAX * 4)
        return -1;
    long count = 0;
    size_t start = 0;
    while (start <= n) {
        size_t end = start;
        while (end < n && s[end] != '&')
            end++;
        if (end > start) {
            const char *seg = s + start;
            size_t len = end - start, klen = 0;
            while (klen < len && seg[klen] != '=')
                klen++;
            char *key = malloc(klen + 1), *val = malloc(len + 1);
            long kn = ref_decode(seg, klen, key);
            long vn = klen < len ? ref_decode(seg + klen + 1, len - klen - 1, val) : (val[0] = '\0', 0);
            bool ok = kn > 0 && kn <= REQ_KEY_MAX && vn >= 0 && count < REQ_FIELDS_MAX;
            for (long k = 0; ok && k < kn; k++) {
                unsigned char c = (unsigned char)key[k];
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                     c == '.' || c == '-';
            }
            ok = ok && ref_text((const unsigned char *)val, (size_t)vn) == TEXT_OK;
            for (long k = 0; ok && k < count; k++)
                ok = strcmp(fields[k].key, key) != 0;
            if (!ok) {
                free(key);
                free(val);
                for (long k = 0; k < count; k++)
                    free(fields[k].val);
                return -1;
            }
            memcpy(fields[count].key, key, (size_t)kn + 1);
            fields[count].val = val;
            fields[count].vlen = (size_t)vn;
            count++;
            free(key);
        }
        start = end + 1;
    }
    return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        arena_init(&A, 0);
        ready = 1;
    }
    FUZZ_CHECK(text_check((const char *)data, size) == ref_text(data, size));

    char *body = fuzz_copy(data, size, 0);
    kv_list l;
    req_status st = req_parse_urlencoded(&A, body, size, &l);
    ref_field want[REQ_FIELDS_MAX];
    long nwant = ref_parse(body, size, want);
    FUZZ_CHECK((st == REQ_OK) == (nwant >= 0));
    FUZZ_CHECK(st < REQ__MAX && req_status_http(st) >= 200 && req_status_message(st));
    if (st == REQ_OK) {
        FUZZ_CHECK(l.n == (size_t)nwant && l.n <= REQ_FIELDS_MAX);
        for (size_t i = 0; i < l.n; i++) {
            const kv *f = &l.items[i];
            FUZZ_CHECK(req_key_ok(f->key, strlen(f->key)));
            FUZZ_CHECK(strcmp(f->key, want[i].key) == 0);
            FUZZ_CHECK(f->vlen == want[i].vlen && memcmp(f->val, want[i].val, f->vlen) == 0);
            FUZZ_CHECK(f->val[f->vlen] == '\0' && strlen(f->val) == f->vlen);
            FUZZ_CHECK(text_check(f->val, f->vlen) == TEXT_OK);
            FUZZ_CHECK(kv_find(&l, f->key) == f); /* names are unique */
        }
        /* written again as a browser would, it reads the same */
        const char *again = "";
        for (size_t i = 0; i < l.n; i++)
            again = arena_printf(&A, "%s%s%s=%s", again, i ? "&" : "", text_url_encode(&A, l.items[i].key, false),
                                 text_url_encode(&A, l.items[i].val, false));
        kv_list l2;
        FUZZ_CHECK(req_parse_urlencoded(&A, again, strlen(again), &l2) == REQ_OK);
        FUZZ_CHECK(l2.n == l.n);
        for (size_t i = 0; i < l.n; i++)
            FUZZ_CHECK(strcmp(l2.items[i].key, l.items[i].key) == 0 && l2.items[i].vlen == l.items[i].vlen &&
                       memcmp(l2.items[i].val, l.items[i].val, l.items[i].vlen) == 0);
        for (long i = 0; i < nwant; i++)
            free(want[i].val);
    }
    free(body);
    arena_reset(&A);
    return 0;
}
