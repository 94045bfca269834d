/* Unit tests for fcgi/text.c: UTF-8 checks, percent-decoding, integer parsing, URL encoding. */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/text.h"
#include "check.h"

/* text_check over a byte string given with its length (it may hold NULs). */
#define CHECK_TEXT(bytes, want) CHECK(text_check((bytes), sizeof(bytes) - 1) == (want))

static void valid_text_passes(void)
{
    CHECK_TEXT("", TEXT_OK);
    CHECK_TEXT("plain ASCII, with punctuation: <>&\"'", TEXT_OK);
    CHECK_TEXT("tab\there\nnew line\r\ncarriage return", TEXT_OK);
    CHECK_TEXT("\xc3\xa9t\xc3\xa9", TEXT_OK);        /* été: 2-byte sequences */
    CHECK_TEXT("\xe4\xbd\xa0\xe5\xa5\xbd", TEXT_OK); /* 你好: 3-byte sequences */
    CHECK_TEXT("\xf0\x9f\x98\x80", TEXT_OK);         /* 😀 U+1F600: 4 bytes */
    CHECK_TEXT("\xc2\xa0", TEXT_OK);                 /* U+00A0, just past the C1 block */
    CHECK_TEXT("\xed\x9f\xbf", TEXT_OK);             /* U+D7FF, just below surrogates */
    CHECK_TEXT("\xee\x80\x80", TEXT_OK);             /* U+E000, just above surrogates */
    CHECK_TEXT("\xef\xbf\xbd", TEXT_OK);             /* U+FFFD */
    CHECK_TEXT("\xf4\x8f\xbf\xbf", TEXT_OK);         /* U+10FFFF, the last code point */
    CHECK_TEXT("\xe0\xa0\x80", TEXT_OK);             /* U+0800, shortest 3-byte form */
    CHECK_TEXT("\xf0\x90\x80\x80", TEXT_OK);         /* U+10000, shortest 4-byte form */
}

static void only_the_given_length_is_checked(void)
{
    /* the bad byte lies past n, so it is not looked at */
    CHECK(text_check("abc\xff", 3) == TEXT_OK);
    CHECK(text_check("abc\xff", 4) == TEXT_BAD_UTF8);
}

static void overlong_encodings_are_rejected(void)
{
    CHECK_TEXT("\xc0\xaf", TEXT_BAD_UTF8); /* '/' in 2 bytes */
    CHECK_TEXT("\xc1\xbf", TEXT_BAD_UTF8);
    CHECK_TEXT("\xc0\x80", TEXT_BAD_UTF8);         /* "modified UTF-8" NUL */
    CHECK_TEXT("\xe0\x80\xaf", TEXT_BAD_UTF8);     /* '/' in 3 bytes */
    CHECK_TEXT("\xe0\x9f\xbf", TEXT_BAD_UTF8);     /* U+07FF in 3 bytes */
    CHECK_TEXT("\xf0\x80\x80\xaf", TEXT_BAD_UTF8); /* '/' in 4 bytes */
    CHECK_TEXT("\xf0\x8f\xbf\xbf", TEXT_BAD_UTF8); /* U+FFFF in 4 bytes */
}

static void surrogates_are_rejected(void)
{
    CHECK_TEXT("\xed\xa0\x80", TEXT_BAD_UTF8);             /* U+D800 */
    CHECK_TEXT("\xed\xbf\xbf", TEXT_BAD_UTF8);             /* U+DFFF */
    CHECK_TEXT("\xed\xa0\xbd\xed\xb8\x80", TEXT_BAD_UTF8); /* CESU-8 pair for U+1F600 */
}

static void code_points_past_u10ffff_are_rejected(void)
{
    CHECK_TEXT("\xf4\x90\x80\x80", TEXT_BAD_UTF8); /* U+110000 */
    CHECK_TEXT("\xf5\x80\x80\x80", TEXT_BAD_UTF8);
    CHECK_TEXT("\xf7\xbf\xbf\xbf", TEXT_BAD_UTF8);
    CHECK_TEXT("\xf8\x88\x80\x80\x80", TEXT_BAD_UTF8); /* old 5-byte form */
    CHECK_TEXT("\xfe", TEXT_BAD_UTF8);
    CHECK_TEXT("\xff", TEXT_BAD_UTF8);
}

static void lone_continuation_bytes_are_rejected(void)
{
    CHECK_TEXT("\x80", TEXT_BAD_UTF8);
    CHECK_TEXT("\xbf", TEXT_BAD_UTF8);
    CHECK_TEXT("a\x80z", TEXT_BAD_UTF8);
    CHECK_TEXT("\xe4\xbd\xa0\xa0", TEXT_BAD_UTF8); /* one continuation too many */
}

static void truncated_sequences_are_rejected(void)
{
    CHECK_TEXT("ok\xc3", TEXT_BAD_UTF8); /* cut at the end of the buffer */
    CHECK_TEXT("ok\xe4\xbd", TEXT_BAD_UTF8);
    CHECK_TEXT("ok\xf0\x9f\x98", TEXT_BAD_UTF8);
    CHECK_TEXT("\xe4\xbd"
               "a",
               TEXT_BAD_UTF8); /* cut short by an ASCII byte */
    CHECK_TEXT("\xf0\x9f"
               "ab",
               TEXT_BAD_UTF8);
    /* a whole sequence whose last byte lies past n */
    CHECK(text_check("\xe4\xbd\xa0", 2) == TEXT_BAD_UTF8);
}

static void nul_is_its_own_failure(void)
{
    CHECK_TEXT("\0", TEXT_NUL);
    CHECK_TEXT("abc\0def", TEXT_NUL);
}

static void control_characters_are_rejected(void)
{
    CHECK_TEXT("\x01", TEXT_CONTROL);
    CHECK_TEXT("esc\x1b[0m", TEXT_CONTROL);
    CHECK_TEXT("del\x7f", TEXT_CONTROL);
    CHECK_TEXT("\x0b", TEXT_CONTROL); /* vertical tab */
    CHECK_TEXT("\x0c", TEXT_CONTROL); /* form feed */
    CHECK_TEXT("\x1f", TEXT_CONTROL);
}

static void c1_controls_are_rejected(void)
{
    CHECK_TEXT("\xc2\x80", TEXT_CONTROL); /* U+0080 */
    CHECK_TEXT("\xc2\x85", TEXT_CONTROL); /* U+0085 NEL */
    CHECK_TEXT("\xc2\x9f", TEXT_CONTROL); /* U+009F */
}

static void noncharacters_fffe_ffff_are_rejected(void)
{
    CHECK_TEXT("\xef\xbf\xbe", TEXT_CONTROL); /* U+FFFE */
    CHECK_TEXT("\xef\xbf\xbf", TEXT_CONTROL); /* U+FFFF */
}

static void utf8_length_counts_code_points(void)
{
    CHECK(text_utf8_len("", 0) == 0);
    CHECK(text_utf8_len("abc", 3) == 3);
    CHECK(text_utf8_len("\xe4\xbd\xa0\xe5\xa5\xbd", 6) == 2); /* 你好 */
    CHECK(text_utf8_len("a\xc3\xa9"
                        "b",
                        4) == 3);                      /* aéb */
    CHECK(text_utf8_len("\xf0\x9f\x98\x80!", 5) == 2); /* 😀! */
}

static void utf8_prefix_cuts_at_a_code_point(void)
{
    arena a;
    arena_init(&a, 0);
    const char *s = "\xe4\xbd\xa0\xe5\xa5\xbd!"; /* 你好! */
    CHECK(text_utf8_prefix(&a, s, 3) == s);      /* short enough: itself */
    CHECK(text_utf8_prefix(&a, s, 10) == s);
    CHECK(strcmp(text_utf8_prefix(&a, s, 2), "\xe4\xbd\xa0\xe5\xa5\xbd") == 0);
    CHECK(strcmp(text_utf8_prefix(&a, s, 1), "\xe4\xbd\xa0") == 0);
    CHECK(strcmp(text_utf8_prefix(&a, s, 0), "") == 0);
    CHECK(strcmp(text_utf8_prefix(&a,
                                  "\xf0\x9f\x98\x80"
                                  "ab",
                                  1),
                 "\xf0\x9f\x98\x80") == 0); /* 😀 whole */
    CHECK(text_utf8_prefix(&a, NULL, 5) == NULL);
    CHECK(strcmp(text_utf8_prefix(&a, "", 0), "") == 0);
    arena_free(&a);
}

/* Decodes src with text_percent_decode into a fresh buffer; returns its length. */
static long decode(char *dst, const char *src, bool plus_is_space)
{
    return text_percent_decode(dst, src, strlen(src), plus_is_space);
}

static void percent_decoding_decodes_escapes(void)
{
    char out[64];
    CHECK(decode(out, "%41", false) == 1);
    CHECK_STR(out, "A");
    CHECK(decode(out, "a%2fb%2Fc", false) == 5); /* lower and upper hex */
    CHECK_STR(out, "a/b/c");
    CHECK(decode(out, "%e4%bd%a0", false) == 3);
    CHECK_STR(out, "\xe4\xbd\xa0");
    CHECK(decode(out, "", false) == 0);
    CHECK_STR(out, "");
    CHECK(decode(out, "no escapes", false) == 10);
    CHECK_STR(out, "no escapes");
}

static void percent_decoding_plus_both_ways(void)
{
    char out[64];
    CHECK(decode(out, "a+b%2Bc", true) == 5);
    CHECK_STR(out, "a b+c");
    CHECK(decode(out, "a+b%2Bc", false) == 5);
    CHECK_STR(out, "a+b+c");
}

static void percent_decoding_keeps_nul_bytes_counted(void)
{
    char out[8];
    CHECK(decode(out, "a%00b", false) == 3);
    CHECK(memcmp(out, "a\0b", 4) == 0);
}

static void percent_decoding_rejects_bad_escapes(void)
{
    char out[64];
    CHECK(decode(out, "%", false) == -1);
    CHECK(decode(out, "%4", false) == -1);
    CHECK(decode(out, "ab%4", false) == -1);
    CHECK(decode(out, "%G1", false) == -1);
    CHECK(decode(out, "%1G", false) == -1);
    CHECK(decode(out, "%%", false) == -1);
    CHECK(decode(out, "%%41", false) == -1);
    CHECK(decode(out, "% 41", false) == -1);
    /* the '%' lies inside n but its digits lie past it */
    CHECK(text_percent_decode(out, "x%41", 3, false) == -1);
}

/* text_parse_i64 that returns whether it parsed and stores the value in *v. */
static bool parse(const char *s, bool neg, long long *v)
{
    *v = 12345; /* a value no case below expects, to see whether it was written */
    return text_parse_i64(s, neg, v);
}

static void integers_parse_strictly(void)
{
    long long v;
    CHECK(parse("0", false, &v) && v == 0);
    CHECK(parse("7", false, &v) && v == 7);
    CHECK(parse("1234567890", false, &v) && v == 1234567890LL);
    CHECK(parse("9223372036854775807", false, &v) && v == LLONG_MAX);
}

static void leading_zeros_are_rejected(void)
{
    long long v;
    CHECK(!parse("00", false, &v));
    CHECK(!parse("01", false, &v));
    CHECK(!parse("007", true, &v));
    CHECK(!parse("-01", true, &v));
}

static void negative_numbers_only_when_allowed(void)
{
    long long v;
    CHECK(!parse("-1", false, &v));
    CHECK(v == 12345);
    CHECK(parse("-1", true, &v) && v == -1);
    CHECK(parse("-9223372036854775808", true, &v) && v == LLONG_MIN);
    CHECK(!parse("-9223372036854775809", true, &v));
    CHECK(!parse("-", true, &v));
    CHECK(!parse("--1", true, &v));
    CHECK(!parse("-0", true, &v)); /* zero has one spelling */
}

static void overflow_is_rejected(void)
{
    long long v;
    CHECK(!parse("9223372036854775808", false, &v)); /* LLONG_MAX + 1 */
    CHECK(!parse("9223372036854775808", true, &v));
    CHECK(!parse("18446744073709551615", false, &v)); /* ULLONG_MAX */
    CHECK(!parse("18446744073709551616", false, &v));
    CHECK(!parse("99999999999999999999999", false, &v));
}

static void anything_but_digits_is_rejected(void)
{
    long long v;
    CHECK(!parse("", false, &v));
    CHECK(!parse(" 1", false, &v));
    CHECK(!parse("1 ", false, &v));
    CHECK(!parse("1 2", false, &v));
    CHECK(!parse("+1", false, &v));
    CHECK(!parse("+1", true, &v));
    CHECK(!parse("12a", false, &v));
    CHECK(!parse("0x10", false, &v));
    CHECK(!parse("1.5", false, &v));
    CHECK(!parse("1e3", false, &v));
}

static void constant_time_equality(void)
{
    CHECK(text_equal_ct("secret-token", "secret-token", 12));
    CHECK(!text_equal_ct("secret-token", "secret-tokeN", 12));
    CHECK(!text_equal_ct("Xecret-token", "secret-token", 12));
    CHECK(text_equal_ct("abc", "abd", 2)); /* only n bytes compared */
    CHECK(text_equal_ct("", "", 0));
    CHECK(!text_equal_ct("a\0b", "a\0c", 3)); /* bytes, not C strings */
}

static void url_encoding_keeps_only_unreserved(void)
{
    arena a;
    arena_init(&a, 0);
    CHECK_STR(text_url_encode(&a, "AZaz09-._~", false), "AZaz09-._~");
    CHECK_STR(text_url_encode(&a, "a b&c=d?e#f+g%h", false), "a%20b%26c%3Dd%3Fe%23f%2Bg%25h");
    CHECK_STR(text_url_encode(&a, "<\"'>", false), "%3C%22%27%3E");
    CHECK_STR(text_url_encode(&a, "\xe4\xbd\xa0", false), "%E4%BD%A0");
    CHECK_STR(text_url_encode(&a, "", false), "");
    arena_free(&a);
}

static void url_encoding_slash_both_ways(void)
{
    arena a;
    arena_init(&a, 0);
    CHECK_STR(text_url_encode(&a, "/orders/1 2", true), "/orders/1%202");
    CHECK_STR(text_url_encode(&a, "/orders/1 2", false), "%2Forders%2F1%202");
    arena_free(&a);
}

static void url_origins(void)
{
    char o[256];
    CHECK(text_url_origin("https://app.example.com/sso?from=market", o, sizeof(o)) &&
          strcmp(o, "https://app.example.com") == 0);
    CHECK(text_url_origin("http://127.0.0.1:18082/sso", o, sizeof(o)) && strcmp(o, "http://127.0.0.1:18082") == 0);
    CHECK(text_url_origin("https://pay.example.com", o, sizeof(o)) && strcmp(o, "https://pay.example.com") == 0);
    CHECK(text_url_origin("https://pay.example.com#x", o, sizeof(o)) && strcmp(o, "https://pay.example.com") == 0);
    CHECK(text_url_origin("http://[::1]:8080/x", o, sizeof(o)) && strcmp(o, "http://[::1]:8080") == 0);
    /* nothing a policy could be tricked with: other schemes, user info,
     * spaces, quotes, semicolons, empty hosts, long ports */
    static const char *const bad[] = {
        "",
        "ftp://example.com",
        "javascript:alert(1)",
        "//example.com/x",
        "https://",
        "https://user:pw@example.com/",
        "https://example.com;script-src *",
        "https://example.com 'unsafe-inline'",
        "https://exa\"mple.com",
        "https://example.com:/x",
        "https://example.com:123456/",
        "https://[zz]/",
        "HTTPS://example.com",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        bool ok = text_url_origin(bad[i], o, sizeof(o));
        if (ok)
            fprintf(stderr, "origin of \"%s\" accepted as %s\n", bad[i], o);
        CHECK(!ok);
    }
    char tiny[8];
    CHECK(!text_url_origin("https://example.com/", tiny, sizeof(tiny))); /* does not fit: refused, not cut */
}

int main(void)
{
    url_origins();
    valid_text_passes();
    only_the_given_length_is_checked();
    overlong_encodings_are_rejected();
    surrogates_are_rejected();
    code_points_past_u10ffff_are_rejected();
    lone_continuation_bytes_are_rejected();
    truncated_sequences_are_rejected();
    nul_is_its_own_failure();
    control_characters_are_rejected();
    c1_controls_are_rejected();
    noncharacters_fffe_ffff_are_rejected();
    utf8_length_counts_code_points();
    utf8_prefix_cuts_at_a_code_point();
    percent_decoding_decodes_escapes();
    percent_decoding_plus_both_ways();
    percent_decoding_keeps_nul_bytes_counted();
    percent_decoding_rejects_bad_escapes();
    integers_parse_strictly();
    leading_zeros_are_rejected();
    negative_numbers_only_when_allowed();
    overflow_is_rejected();
    anything_but_digits_is_rejected();
    constant_time_equality();
    url_encoding_keeps_only_unreserved();
    url_encoding_slash_both_ways();
    return check_done("test_text");
}
