/* libFuzzer target for money typed into forms (handlers/money.c) and the
 * integers of query strings and headers (text_parse_i64). The input is the
 * text; the properties:
 *  - shop_parse_yuan accepts exactly "0" or a whole number of 1 to 8
 *    digits without a leading zero, optionally followed by '.' and one or
 *    two digits, of at most 10 000 000 yuan, and gives its cents;
 *  - the amount it accepts, written as the pages write money
 *    (xml_format_cents), parses back to the same cents;
 *  - any cents from 0 to the maximum written and parsed come back (the
 *    input's first bytes as a number);
 *  - text_parse_i64 accepts exactly an optional '-' (when allowed) and
 *    digits without a leading zero, not "-0", within long long. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/text.h"
#include "../../fcgi/xml.h"
#include "../../handlers/money.h"
#include "fuzz.h"

#define YUAN_MAX 10000000LL

/* The documented grammar, checked another way. */
static bool ref_yuan(const char *s, long long *cents)
{
    size_t n = strlen(s), whole = strspn(s, "0123456789");
    if (whole == 0 || whole > 8 || (whole > 1 && s[0] == '0'))
        return false;
    size_t frac = 0;
    if (s[whole] == '.') {
        frac = strspn(s + whole + 1, "0123456789");
        if (frac == 0 || frac > 2 || whole + 1 + frac != n)
            return false;
    } else if (whole != n) {
        return false;
    }
    long long c = 0;
    for (size_t i = 0; i < whole; i++)
        c = c * 10 + (s[i] - '0');
    c *= 100;
    if (frac >= 1)
        c += (s[whole + 1] - '0') * 10;
    if (frac == 2)
        c += s[whole + 2] - '0';
    if (c > YUAN_MAX * 100)
        return false;
    *cents = c;
    return true;
}

static void round_trip(long long cents)
{
    char buf[32];
    const char *text = xml_format_cents(buf, sizeof(buf), cents);
    long long back = -1;
    FUZZ_CHECK(shop_parse_yuan(text, &back));
    FUZZ_CHECK(back == cents);
}

static bool ref_i64(const char *s, bool neg_ok, long long *out)
{
    bool neg = neg_ok && s[0] == '-';
    const char *d = s + neg;
    size_t n = strlen(d);
    if (n == 0 || strspn(d, "0123456789") != n || (n > 1 && d[0] == '0') || (neg && strcmp(d, "0") == 0))
        return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno == ERANGE || *end)
        return false;
    *out = v;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size, 1);
    if (memchr(data, '\0', size)) { /* forms never carry NUL; the C string ends there */
        free(s);
        return 0;
    }
    long long got = -1, want = -1;
    bool ok = shop_parse_yuan(s, &got), ref = ref_yuan(s, &want);
    FUZZ_CHECK(ok == ref);
    if (ok) {
        FUZZ_CHECK(got == want);
        FUZZ_CHECK(got >= 0 && got <= YUAN_MAX * 100);
        round_trip(got);
    }
    if (size >= 8) {
        unsigned long long raw = 0;
        for (int i = 0; i < 8; i++)
            raw = raw << 8 | data[i];
        round_trip((long long)(raw % (unsigned long long)(YUAN_MAX * 100 + 1)));
    }
    for (int neg = 0; neg < 2; neg++) {
        long long a = 0, b = 0;
        bool x = text_parse_i64(s, neg, &a), y = ref_i64(s, neg, &b);
        FUZZ_CHECK(x == y);
        FUZZ_CHECK(!x || a == b);
    }
    free(s);
    return 0;
}
