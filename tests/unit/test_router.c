/* Unit tests for fcgi/router.c: whole-path matching, named captures, 404 told apart from 405. */
#include <string.h>

#include "../../fcgi/router.h"
#include "check.h"

static int h_home(struct ctx *c)
{
    (void)c;
    return 200;
}

static int h_product(struct ctx *c)
{
    (void)c;
    return 200;
}

static int h_product_edit(struct ctx *c)
{
    (void)c;
    return 303;
}

static int h_pay(struct ctx *c)
{
    (void)c;
    return 303;
}

static int h_instance(struct ctx *c)
{
    (void)c;
    return 200;
}

static const route routes[] = {
    {.method = "GET", .pattern = "/", .handler = h_home},
    {.method = "GET", .pattern = "/products/(?<id>[1-9][0-9]{0,9})", .handler = h_product, .view = "product"},
    {.method = "POST", .pattern = "/products/(?<id>[1-9][0-9]{0,9})", .handler = h_product_edit, .flags = ROUTE_CSRF},
    {.method = "POST", .pattern = "/orders/(?<no>[0-9]+)/pay", .handler = h_pay, .flags = ROUTE_BUYER | ROUTE_CSRF},
    {.method = "GET",
     .pattern = "/partners/(?<partner>[a-z]+)/instances/(?<instance>[0-9]+)",
     .handler = h_instance,
     .flags = ROUTE_PARTNER},
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

static arena A;
static router *R;

/* A request with only a method and a path, as router_match needs. */
static request req(const char *method, const char *path)
{
    request r;
    memset(&r, 0, sizeof(r));
    r.method = method;
    r.path = path;
    return r;
}

/* Matches method and path; *out and allow as router_match leaves them. */
static route_result match(request *r, const route **out, char *allow)
{
    *out = NULL;
    return router_match(R, &A, r, out, allow, 64);
}

static void table_compiles(void)
{
    char err[256] = "";
    R = router_new(routes, NROUTES, err, sizeof(err));
    CHECK(R != NULL);
    CHECK_STR(err, "");
}

static void root_is_found(void)
{
    request r = req("GET", "/");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[0]);
    CHECK(rt && rt->handler == h_home);
    CHECK(r.ncaptures == 0);
}

static void product_id_is_captured(void)
{
    request r = req("GET", "/products/1234567890");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[1]);
    CHECK(r.ncaptures == 1);
    CHECK_STR(req_capture(&r, "id"), "1234567890");
    CHECK(r.ncaptures == 1 && r.captures[0].vlen == 10);
    CHECK(req_capture(&r, "no") == NULL);
}

static void post_to_a_shared_path_finds_the_post_route(void)
{
    request r = req("POST", "/products/42");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[2]);
    CHECK(rt && rt->handler == h_product_edit);
    CHECK_STR(req_capture(&r, "id"), "42");
}

static void capture_inside_the_path(void)
{
    request r = req("POST", "/orders/0042/pay");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[3]);
    CHECK_STR(req_capture(&r, "no"), "0042");
}

static void several_captures(void)
{
    request r = req("GET", "/partners/acme/instances/77");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[4]);
    CHECK(r.ncaptures == 2);
    CHECK_STR(req_capture(&r, "partner"), "acme");
    CHECK_STR(req_capture(&r, "instance"), "77");
}

static void captures_do_not_survive_the_next_match(void)
{
    request r = req("GET", "/products/5");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    r.path = "/";
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(r.ncaptures == 0);
    CHECK(req_capture(&r, "id") == NULL);
}

static void head_is_served_by_get_routes(void)
{
    request r = req("HEAD", "/products/7");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_FOUND);
    CHECK(rt == &routes[1]);
    CHECK_STR(req_capture(&r, "id"), "7");
}

static void unknown_paths_are_not_found(void)
{
    const route *rt;
    char allow[64];
    request r = req("GET", "/nowhere");
    CHECK(match(&r, &rt, allow) == ROUTE_NOT_FOUND);
    r = req("POST", "/nowhere");
    CHECK(match(&r, &rt, allow) == ROUTE_NOT_FOUND);
    r = req("GET", "");
    CHECK(match(&r, &rt, allow) == ROUTE_NOT_FOUND);
}

static void partial_matches_are_not_found(void)
{
    const char *paths[] = {
        "/products/12x",         /* trailing junk */
        "/products/012",         /* leading zero */
        "/products/",            /* empty id */
        "/products/12345678901", /* over ten digits */
        "/x/products/12",        /* junk in front */
        "/products/12/",         /* trailing slash */
        "/products/12\n",        /* a newline is not the end */
        "/orders/5/pay/now",
        "/orders/5",
        "//",
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        request r = req("GET", paths[i]);
        const route *rt;
        char allow[64];
        route_result res = match(&r, &rt, allow);
        CHECK(res == ROUTE_NOT_FOUND);
        if (res != ROUTE_NOT_FOUND)
            fprintf(stderr, "  path \"%s\" matched\n", paths[i]);
    }
}

static void get_to_a_post_only_path_is_bad_method(void)
{
    request r = req("GET", "/orders/5/pay");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_BAD_METHOD);
    CHECK_STR(allow, "POST");
    CHECK(rt == &routes[3]); /* for its flags */
    r = req("HEAD", "/orders/5/pay");
    CHECK(match(&r, &rt, allow) == ROUTE_BAD_METHOD);
    CHECK_STR(allow, "POST");
}

static void post_to_a_get_only_path_is_bad_method(void)
{
    request r = req("POST", "/");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_BAD_METHOD);
    CHECK_STR(allow, "GET, HEAD");
    CHECK(rt == &routes[0]);
}

static void other_method_on_a_shared_path_lists_all(void)
{
    request r = req("DELETE", "/products/9");
    const route *rt;
    char allow[64];
    CHECK(match(&r, &rt, allow) == ROUTE_BAD_METHOD);
    CHECK_STR(allow, "GET, HEAD, POST");
    CHECK(rt == &routes[1]); /* the first route of the path */
}

static void a_short_allow_buffer_is_not_overrun(void)
{
    request r = req("DELETE", "/products/9");
    const route *rt = NULL;
    char allow[8];
    memset(allow, 'Z', sizeof(allow));
    CHECK(router_match(R, &A, &r, &rt, allow, 5) == ROUTE_BAD_METHOD);
    CHECK(memchr(allow, '\0', 5) != NULL);
    CHECK(allow[5] == 'Z' && allow[6] == 'Z' && allow[7] == 'Z');
}

static void bad_pattern_is_refused_with_a_message(void)
{
    static const route bad[] = {
        {.method = "GET", .pattern = "/", .handler = h_home},
        {.method = "GET", .pattern = "/items/(?<id>[0-9]+", .handler = h_product},
    };
    char err[256] = "";
    router *rt = router_new(bad, 2, err, sizeof(err));
    CHECK(rt == NULL);
    CHECK(strstr(err, "/items/(?<id>[0-9]+") != NULL); /* names the pattern */
    CHECK(strlen(err) > strlen("route /items/(?<id>[0-9]+: "));
    router_free(rt);
}

static void too_many_captures_are_refused(void)
{
    static const route many[] = {
        {.method = "GET", .pattern = "/(a)(b)(c)(d)(e)(f)(g)(h)(i)", .handler = h_home},
    };
    char err[256] = "";
    router *rt = router_new(many, 1, err, sizeof(err));
    CHECK(rt == NULL);
    CHECK(strstr(err, "captures") != NULL);
    router_free(rt);
}

static void bodies_default_by_method_and_flags(void)
{
    static const route page_get = {.method = "GET", .pattern = "/", .handler = h_home};
    static const route page_post = {.method = "POST", .pattern = "/", .handler = h_home};
    static const route partner_post = {.method = "POST", .pattern = "/", .handler = h_home, .flags = ROUTE_PARTNER};
    static const route partner_get = {.method = "GET", .pattern = "/", .handler = h_home, .flags = ROUTE_PARTNER};
    static const route upload = {.method = "POST", .pattern = "/", .handler = h_home, .body = BODY_MULTIPART};
    static const route own = {.method = "POST", .pattern = "/", .handler = h_home, .body = BODY_XML, .body_max = 1000};
    CHECK(route_body_kind(&page_get) == BODY_NONE);
    CHECK(route_body_limit(&page_get, 65536) == 0);
    CHECK(route_body_kind(&page_post) == BODY_FORM);
    CHECK(route_body_limit(&page_post, 65536) == 65536);
    CHECK(route_body_limit(&page_post, 4096) == 4096); /* config max_body */
    CHECK(route_body_kind(&partner_post) == BODY_XML);
    CHECK(route_body_limit(&partner_post, 65536) == 65536);
    CHECK(route_body_kind(&partner_get) == BODY_NONE);
    CHECK(route_body_kind(&upload) == BODY_MULTIPART);
    CHECK(route_body_limit(&upload, 65536) == MP_UPLOAD_BODY_MAX);
    CHECK(route_body_kind(&own) == BODY_XML);
    CHECK(route_body_limit(&own, 65536) == 1000);
    CHECK(MP_FORM_BODY_MAX == 65536 && MP_XML_BODY_MAX == 65536);
}

int main(void)
{
    arena_init(&A, 0);
    bodies_default_by_method_and_flags();
    table_compiles();
    if (!R)
        return check_done("test_router");
    root_is_found();
    product_id_is_captured();
    post_to_a_shared_path_finds_the_post_route();
    capture_inside_the_path();
    several_captures();
    captures_do_not_survive_the_next_match();
    head_is_served_by_get_routes();
    unknown_paths_are_not_found();
    partial_matches_are_not_found();
    get_to_a_post_only_path_is_bad_method();
    post_to_a_get_only_path_is_bad_method();
    other_method_on_a_shared_path_lists_all();
    a_short_allow_buffer_is_not_overrun();
    bad_pattern_is_refused_with_a_message();
    too_many_captures_are_refused();
    router_free(R);
    arena_free(&A);
    return check_done("test_router");
}
