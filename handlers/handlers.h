/* Every handler the route table names, one file per flow. */
#ifndef MP_HANDLERS_H
#define MP_HANDLERS_H

#include <stddef.h>

#include "../fcgi/ctx.h"

extern const route mp_routes[];
extern const size_t mp_nroutes;

/* catalog.c */
int h_home(ctx *c);
int h_category(ctx *c);
int h_product(ctx *c);
int h_search(ctx *c);

/* feed.c */
int h_catalog_feed(ctx *c);

#endif
