/* Unit tests for fcgi/signing.c: the canonical query, the string to sign
 * and its HMAC, as DESIGN section 5 and the README define them. */
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

int main(void)
{
    arena a;
    arena_init(&a, 0);
    canonical_query_sorts_and_encodes(&a);
    string_to_sign_has_six_lines(&a);
    signature_is_hmac_of_the_string(&a);
    arena_free(&a);
    return check_done("test_signing");
}
