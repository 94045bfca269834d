/* Unit tests for fcgi/signing.c: the canonical query, the string to sign
 * and its HMAC, as DESIGN section 5 and the README define them. */
#include <limits.h>
#include <string.h>

#include "../../fcgi/crypto.h"
#include "../../fcgi/signing.h"
#include "check.h"

static kv_list args_of(arena *a, const char *query)
{
    kv_list l;
    CHECK(req_parse_urlencoded(a, query, strlen(query), &l) == REQ_OK);
    return l;
}

static void canonical_query_sorts_and_encodes(arena *a)
{
    kv_list none = {NULL, 0};
    CHECK_STR(sign_canonical_query(a, &none), "");
    kv_list l = args_of(a, "limit=50&after=0");
    CHECK_STR(sign_canonical_query(a, &l), "after=0&limit=50");
    l = args_of(a, "b=2&a=x+y&c=%E4%B8%AD&d=a%2Fb~._-");
    CHECK_STR(sign_canonical_query(a, &l), "a=x%20y&b=2&c=%E4%B8%AD&d=a%2Fb~._-");
    l = args_of(a, "z=&a=1");
    CHECK_STR(sign_canonical_query(a, &l), "a=1&z=");
}

/* The rules the README spells out, one by one. */
static void canonical_query_follows_the_readme(arena *a)
{
    /* hex comes out upper-case whatever came in */
    kv_list l = args_of(a, "q=%e4%b8%ad");
    CHECK_STR(sign_canonical_query(a, &l), "q=%E4%B8%AD");
    /* '+' is a space and is signed as %20; a literal plus is %2B */
    l = args_of(a, "q=a+b&p=%2B1");
    CHECK_STR(sign_canonical_query(a, &l), "p=%2B1&q=a%20b");
    /* a name alone has an empty value, signed with its '=' */
    l = args_of(a, "x&a=1");
    CHECK_STR(sign_canonical_query(a, &l), "a=1&x=");
    /* empty pieces are skipped */
    l = args_of(a, "&b=2&&a=1&");
    CHECK_STR(sign_canonical_query(a, &l), "a=1&b=2");
    /* names sort in byte order: upper case, then '_', then lower case */
    l = args_of(a, "a=1&B=2&_=3&A_=4&a.b=5&a-b=6");
    CHECK_STR(sign_canonical_query(a, &l), "A_=4&B=2&_=3&a=1&a-b=6&a.b=5");
    /* every byte outside A-Z a-z 0-9 - . _ ~ is encoded, reserved ones too */
    l = args_of(a, "v=%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%2F%3F%23%5B%5D%25%20~");
    CHECK_STR(sign_canonical_query(a, &l), "v=%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%2F%3F%23%5B%5D%25%20~");
    /* a repeated name has no canonical form: the query is refused */
    kv_list dup;
    CHECK(req_parse_urlencoded(a, "a=1&a=2", 7, &dup) == REQ_DUP_KEY);
}

/* The README's worked example, to the last digit. */
static void readme_example_signs_as_documented(arena *a)
{
    kv_list l = args_of(a, "status=active&limit=20");
    const char *secret = "9c0e5d1b6a7f48e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081920";
    char *sts = sign_string_to_sign(a, "GET", "/partner/v1/instances", sign_canonical_query(a, &l), "1700000000",
                                    "5f2b9c0d1e3a4f60", NULL, 0);
    CHECK_STR(sts, "GET\n/partner/v1/instances\nlimit=20&status=active\n1700000000\n5f2b9c0d1e3a4f60\n"
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char *sig = sign_hmac_hex(a, secret, sts);
    /* the key is the 64 hex characters as given, not the 32 bytes they
     * spell (which would give 767e0e72…) */
    CHECK_STR(sig, "c2f4a5d8ee4396101179f299e0e07d40890698b819a52a975e8e489ead90b686");
    CHECK(strspn(sig, "0123456789abcdef") == 64); /* lower-case hex */
}

static void path_is_signed_as_given(arena *a)
{
    /* no decoding or normalizing: the caller passes the path as sent */
    char *s = sign_string_to_sign(a, "GET", "/partner/v1/instances/ins%2dabc/../x", "", "1", "n0nce000", NULL, 0);
    CHECK(strncmp(s, "GET\n/partner/v1/instances/ins%2dabc/../x\n\n", 42) == 0);
}

static void string_to_sign_has_six_lines(arena *a)
{
    char *s = sign_string_to_sign(a, "GET", "/partner/v1/events", "after=0", "1700000000", "abcdef12", NULL, 0);
    CHECK_STR(s, "GET\n/partner/v1/events\nafter=0\n1700000000\nabcdef12\n"
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    s = sign_string_to_sign(a, "POST", "/p", "", "1", "n0nce000", "abc", 3);
    CHECK_STR(s, "POST\n/p\n\n1\nn0nce000\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void signature_is_hmac_of_the_string(arena *a)
{
    /* RFC 4231 test case 2, through the signing function */
    CHECK_STR(sign_hmac_hex(a, "Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    char *sts = sign_string_to_sign(a, "GET", "/partner/v1/events", "", "1700000000", "abcdef12", NULL, 0);
    char *one = sign_hmac_hex(a, "secret", sts);
    CHECK(strlen(one) == 64);
    CHECK(strcmp(one, sign_hmac_hex(a, "secret2", sts)) != 0);
    char *other = sign_string_to_sign(a, "GET", "/partner/v1/orders", "", "1700000000", "abcdef12", NULL, 0);
    CHECK(strcmp(one, sign_hmac_hex(a, "secret", other)) != 0);
}

static void timestamp_within_five_minutes_either_way(void)
{
    long long now = 1700000000;
    CHECK(sign_timestamp_fresh(now, now));
    CHECK(sign_timestamp_fresh(now, now + 300));
    CHECK(sign_timestamp_fresh(now, now - 300));
    CHECK(!sign_timestamp_fresh(now, now + 301));
    CHECK(!sign_timestamp_fresh(now, now - 301));
    CHECK(!sign_timestamp_fresh(now, 0));
    CHECK(!sign_timestamp_fresh(now, LLONG_MAX));
    CHECK(!sign_timestamp_fresh(now, LLONG_MIN));
}

int main(void)
{
    arena a;
    arena_init(&a, 0);
    canonical_query_sorts_and_encodes(&a);
    canonical_query_follows_the_readme(&a);
    readme_example_signs_as_documented(&a);
    path_is_signed_as_given(&a);
    string_to_sign_has_six_lines(&a);
    signature_is_hmac_of_the_string(&a);
    timestamp_within_five_minutes_either_way();
    arena_free(&a);
    return check_done("test_signing");
}
