/* The route table: the whole site on one screen. */
#include <string.h>

#include "handlers.h"

static const char *const sorts[] = {"newest", "price_asc", "price_desc", NULL};

/* A listing cursor: "<id>" or "<cents>.<id>", digits only. */
static bool cursor_ok(const char *v)
{
    int dots = 0;
    for (const char *p = v; *p; p++) {
        if (*p == '.')
            dots++;
        else if (*p < '0' || *p > '9')
            return false;
    }
    return dots <= 1 && v[0] != '.' && v[0] && v[strlen(v) - 1] != '.';
}

static const in_field in_category[] = {
    IN_ENUM_Q("sort", sorts),
    {.name = "after", .kind = IN_TEXT, .where = IN_QUERY, .min = 1, .max = 40, .check = cursor_ok},
    IN_END,
};

static const in_field in_search[] = {
    IN_TEXT_Q("q", 0, 100),
    {.name = "after", .kind = IN_TEXT, .where = IN_QUERY, .min = 1, .max = 20, .check = cursor_ok},
    IN_END,
};

const route mp_routes[] = {
    {"GET", "/", h_home, "home", 0, NULL},
    {"GET", "/categories/(?<slug>[a-z0-9-]{1,64})", h_category, "category", 0, in_category},
    {"GET", "/products/(?<id>[1-9][0-9]{0,9})", h_product, "product", 0, NULL},
    {"GET", "/search", h_search, "search", 0, in_search},
    {"GET", "/feeds/catalog\\.xml", h_catalog_feed, NULL, ROUTE_XML, NULL},
};

const size_t mp_nroutes = sizeof(mp_routes) / sizeof(mp_routes[0]);
