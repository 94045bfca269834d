/* UTC to the configured zone, through the C library's zone database. */
#include "timefmt.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void time_zone_use(const char *zone)
{
    setenv("TZ", zone, 1);
    tzset();
}

static const char *offset_text(arena *a, long gmtoff)
{
    char sign = gmtoff < 0 ? '-' : '+';
    long m = (gmtoff < 0 ? -gmtoff : gmtoff) / 60;
    return arena_printf(a, "%c%02ld:%02ld", sign, m / 60, m % 60);
}

const char *time_offset(arena *a, time_t t)
{
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return "+00:00";
    return offset_text(a, tm.tm_gmtoff);
}

/* Reads exactly n digits. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

const char *time_local_iso(arena *a, const char *utc)
{
    int y, mo, d, h, mi, s;
    if (strlen(utc) < 19 || !digits(utc, 4, &y) || utc[4] != '-' || !digits(utc + 5, 2, &mo) || utc[7] != '-' ||
        !digits(utc + 8, 2, &d) || (utc[10] != ' ' && utc[10] != 'T') || !digits(utc + 11, 2, &h) || utc[13] != ':' ||
        !digits(utc + 14, 2, &mi) || utc[16] != ':' || !digits(utc + 17, 2, &s))
        return NULL;
    if (utc[19] != '\0' && utc[19] != '.')
        return NULL;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return NULL;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
    time_t t = timegm(&tm);
    struct tm lt;
    if (t == (time_t)-1 || !localtime_r(&t, &lt))
        return NULL;
    return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%s", lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday, lt.tm_hour,
                        lt.tm_min, lt.tm_sec, offset_text(a, lt.tm_gmtoff));
}
