/* Money typed into forms: yuan text parsed to integer cents. Pure, so that
 * its fuzz target (tests/fuzz/fuzz_money.c) links it alone. */
#ifndef MP_MONEY_H
#define MP_MONEY_H

#include <stdbool.h>

/* "123" or "123.4" or "123.45" yuan (at most 10 000 000) as cents; false
 * on anything else. */
bool shop_parse_yuan(const char *s, long long *cents);

#endif
