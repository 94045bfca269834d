/* Yuan amounts typed into forms, as integer cents. */
#include "money.h"

bool shop_parse_yuan(const char *s, long long *cents)
{
    long long whole = 0, frac = 0;
    int digits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (digits < 9)
            whole = whole * 10 + (*p - '0');
    if (digits == 0 || digits > 8 || (digits > 1 && s[0] == '0'))
        return false;
    if (*p == '.') {
        int fdigits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, fdigits++)
            if (fdigits < 2) /* more are refused below, unsummed */
                frac = frac * 10 + (*p - '0');
        if (fdigits == 0 || fdigits > 2)
            return false;
        if (fdigits == 1)
            frac *= 10;
    }
    /* the cents count too: 10000000.01 is over */
    if (*p != '\0' || whole * 100 + frac > 10000000 * 100LL)
        return false;
    *cents = whole * 100 + frac;
    return true;
}
