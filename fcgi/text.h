/* Checks and conversions of untrusted text: UTF-8, XML-safe characters,
 * percent-decoding. */
#ifndef MP_TEXT_H
#define MP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum {
    TEXT_OK = 0,
    TEXT_BAD_UTF8, /* not well-formed UTF-8 (overlong, surrogate, > U+10FFFF, cut short) */
    TEXT_NUL,      /* contains U+0000 */
    TEXT_CONTROL,  /* a control character XML 1.0 cannot carry, or U+FFFE/U+FFFF */
} text_status;

/* Whether s[0..n) is UTF-8 text that can go into an XML document.
 * Tab, LF and CR are allowed. */
text_status text_check(const char *s, size_t n);

/* Number of code points in well-formed UTF-8 text. */
size_t text_utf8_len(const char *s, size_t n);

/* s (well-formed UTF-8) itself when it has at most max code points,
 * else a copy in a of its first max; NULL stays NULL. */
const char *text_utf8_prefix(arena *a, const char *s, size_t max);

/* Decodes %XX and (if plus_is_space) '+' from src[0..n) into dst, which
 * must hold n + 1 bytes; NUL-terminates. Returns the decoded length, or
 * -1 when a '%' is not followed by two hex digits. */
long text_percent_decode(char *dst, const char *src, size_t n, bool plus_is_space);

/* Percent-encodes everything but unreserved characters (and '/' when
 * keep_slash), for a URL path or query argument; the result is in a. */
char *text_url_encode(arena *a, const char *s, bool keep_slash);

/* Parses a decimal integer that fills s entirely (no sign unless allowed,
 * no spaces, no leading zeros but "0"); false on anything else. */
bool text_parse_i64(const char *s, bool allow_negative, long long *out);

/* The origin ("http://host:port") of an absolute http(s) URL, into out:
 * lower-case scheme, a host of letters, digits, '.' and '-' (or an IPv6
 * literal), an optional port. false for anything else (user info, other
 * schemes, spaces, quotes, ';'…), so an origin a Content-Security-Policy
 * names cannot carry anything but itself. */
bool text_url_origin(const char *url, char *out, size_t outlen);

/* Constant-time comparison of two byte strings of equal length. */
bool text_equal_ct(const void *a, const void *b, size_t n);

#endif
