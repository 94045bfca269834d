/* UTF-8 validation, percent-decoding and strict integer parsing. */
#include "text.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

text_status text_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == 0)
                return TEXT_NUL;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return TEXT_CONTROL;
            i++;
            continue;
        }
        uint32_t cp;
        size_t len;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return TEXT_BAD_UTF8;
        }
        if (n - i < len)
            return TEXT_BAD_UTF8;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return TEXT_BAD_UTF8;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
            return TEXT_BAD_UTF8; /* overlong or out of range */
        if (cp >= 0xd800 && cp <= 0xdfff)
            return TEXT_BAD_UTF8; /* surrogate */
        if (cp >= 0x80 && cp <= 0x9f)
            return TEXT_CONTROL; /* C1 controls */
        if (cp == 0xfffe || cp == 0xffff)
            return TEXT_CONTROL;
        i += len;
    }
    return TEXT_OK;
}

size_t text_utf8_len(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            count++;
    return count;
}

const char *text_utf8_prefix(arena *a, const char *s, size_t max)
{
    if (!s)
        return NULL;
    size_t count = 0, i = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80 && count++ == max)
            return arena_strndup(a, s, i);
    return s;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long text_percent_decode(char *dst, const char *src, size_t n, bool plus_is_space)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '%') {
            if (n - i < 3)
                return -1;
            int hi = hexval((unsigned char)src[i + 1]), lo = hexval((unsigned char)src[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            dst[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            dst[o++] = ' ';
        } else {
            dst[o++] = (char)c;
        }
    }
    dst[o] = '\0';
    return (long)o;
}

bool text_parse_i64(const char *s, bool allow_negative, long long *out)
{
    bool neg = false;
    if (*s == '-' && allow_negative) {
        neg = true;
        s++;
    }
    if (*s < '0' || *s > '9')
        return false;
    if (*s == '0' && s[1] != '\0')
        return false;
    unsigned long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        unsigned d = (unsigned)(*s - '0');
        if (v > (ULLONG_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (neg) {
        if (v == 0 || v > (unsigned long long)LLONG_MAX + 1) /* "-0" is not a number we write */
            return false;
        *out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v;
    } else {
        if (v > (unsigned long long)LLONG_MAX)
            return false;
        *out = (long long)v;
    }
    return true;
}

bool text_equal_ct(const void *a, const void *b, size_t n)
{
    const volatile unsigned char *x = a, *y = b;
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= x[i] ^ y[i];
    return d == 0;
}

char *text_url_encode(arena *a, const char *s, bool keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 3 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || (c == '/' && keep_slash)) {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    return out;
}

bool text_url_origin(const char *url, char *out, size_t outlen)
{
    size_t scheme = strncmp(url, "https://", 8) == 0 ? 8 : strncmp(url, "http://", 7) == 0 ? 7 : 0;
    if (!scheme)
        return false;
    const char *host = url + scheme, *p = host;
    if (*p == '[') { /* an IPv6 literal */
        p++;
        while (isxdigit((unsigned char)*p) || *p == ':' || *p == '.')
            p++;
        if (*p++ != ']' || p - host < 4)
            return false;
    } else {
        while (isalnum((unsigned char)*p) || *p == '-' || *p == '.')
            p++;
        if (p == host)
            return false;
    }
    if (*p == ':') {
        const char *digits = ++p;
        while (isdigit((unsigned char)*p))
            p++;
        if (p == digits || p - digits > 5)
            return false;
    }
    if (*p && *p != '/' && *p != '?' && *p != '#')
        return false;
    size_t n = (size_t)(p - url);
    if (n >= outlen)
        return false;
    memcpy(out, url, n);
    out[n] = '\0';
    return true;
}
