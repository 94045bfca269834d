/* The dispatcher: the one place that turns handler results into responses. */
#include "dispatch.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "admin_auth.h"
#include "log.h"
#include "multipart.h"
#include "partner_auth.h"
#include "session.h"
#include "text.h"
#include "timefmt.h"
#include "xml.h"

static const char *status_code(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 413:
        return "payload_too_large";
    case 414:
        return "uri_too_long";
    case 415:
        return "unsupported_media_type";
    case 422:
        return "invalid";
    case 429:
        return "too_many_requests";
    case 503:
        return "unavailable";
    default:
        return status >= 500 ? "internal" : "error";
    }
}

static const char *status_message(int status)
{
    switch (status) {
    case 404:
        return "The page you asked for does not exist.";
    case 405:
        return "This address does not accept that method.";
    case 403:
        return "You may not do that.";
    case 503:
        return "The service is briefly unavailable. Please try again shortly.";
    default:
        return status >= 500 ? "Something went wrong on our side." : "The request could not be understood.";
    }
}

/* Where an error page leads back to when the handler did not say: the
 * list the failed address belongs to. */
static void default_back(ctx *c)
{
    static const struct {
        const char *prefix, *href, *key;
    } backs[] = {
        {"/orders", "/orders", "nav.orders"},       {"/payments", "/orders", "nav.orders"},
        {"/services", "/services", "nav.services"}, {"/account", "/account", "nav.account"},
        {"/search", "/search", "search.title"},     {"/admin", "/admin/", "admin.nav.dashboard"},
    };
    if (c->back_href)
        return;
    for (size_t i = 0; i < sizeof(backs) / sizeof(backs[0]); i++) {
        size_t n = strlen(backs[i].prefix);
        if (strncmp(c->rq.path, backs[i].prefix, n) == 0 && (c->rq.path[n] == '/' || c->rq.path[n] == '\0')) {
            ctx_back(c, backs[i].href, backs[i].key);
            return;
        }
    }
}

static const char *pick_lang(ctx *c)
{
    const char *q = req_arg(&c->rq, "lang");
    if (q && (strcmp(q, "zh-CN") == 0 || strcmp(q, "en") == 0)) {
        ctx_cookie(c, "lang", q, 365L * 24 * 3600, false);
        return q;
    }
    const char *ck = req_cookie(&c->rq, "lang");
    if (ck && (strcmp(ck, "zh-CN") == 0 || strcmp(ck, "en") == 0))
        return ck;
    const char *al = req_lang_from_accept(req_env(&c->rq, "HTTP_ACCEPT_LANGUAGE"));
    return al ? al : c->w->cfg.default_lang;
}

static xmlNodePtr new_page(ctx *c, const char *name)
{
    xmlNodePtr page;
    c->doc = xml_doc_new(c->a, "page", &page);
    xml_set(page, "name", name);
    xml_set(page, "lang", c->lang);
    xml_set(page, "path", text_url_encode(c->a, c->rq.path, true));
    /* the query minus lang and notice, for links back to this very page
     * (the language switch, sign-in's "next") */
    const char *query = "";
    for (size_t i = 0; i < c->rq.args.n; i++) {
        const kv *f = &c->rq.args.items[i];
        if (strcmp(f->key, "lang") == 0 || strcmp(f->key, "notice") == 0)
            continue;
        query = arena_printf(c->a, "%s%s%s=%s", query, *query ? "&" : "", f->key, text_url_encode(c->a, f->val, false));
    }
    if (*query)
        xml_set(page, "query", query);
    xml_set(page, "here",
            text_url_encode(c->a, *query ? arena_printf(c->a, "%s?%s", c->rq.path, query) : c->rq.path, false));
    xml_set(page, "request-id", c->rq.request_id);
    xml_set(page, "tz", c->w->cfg.time_zone);
    xml_set(page, "tz-offset", time_offset(c->a, time(NULL)));
    c->page = page;
    return page;
}

/* <session csrf="…"><user id="…" email="…"><name>…</name><balance cents="…">…</balance></user></session>
 * as the page's first child: the layout's sign-in links and every form's token. */
/* An admin's request: an admin route, or an address under /admin/ that
 * has none (its 404 in the console's layout), vouched for by nginx. */
static bool is_admin(const ctx *c)
{
    bool admin_path = c->route ? (c->route->flags & ROUTE_ADMIN) != 0 : strncmp(c->rq.path, "/admin/", 7) == 0;
    return admin_path && admin_vouched(c);
}

static void add_session(ctx *c, xmlNodePtr page)
{
    xmlNodePtr s = xmlNewNode(NULL, BAD_CAST "session");
    if (page->children)
        xmlAddPrevSibling(page->children, s);
    else
        xmlAddChild(page, s);
    if (is_admin(c)) { /* <session csrf="…" admin="name"/>: no buyer here */
        xml_set(s, "csrf", admin_csrf(c));
        xml_set(s, "admin", c->rq.admin_user);
        return;
    }
    /* a guest's token (and the cookie it comes from) only where a form of
     * theirs needs it: every other guest page is the same for everyone */
    if (c->session || (c->route && (c->route->flags & ROUTE_GUEST_FORM)))
        xml_set(s, "csrf", sess_csrf(c));
    if (c->user) {
        xmlNodePtr u = xml_add(s, "user");
        xml_set_int(u, "id", c->user->id);
        xml_set(u, "email", c->user->email);
        xml_add_text(u, "name", c->user->name);
        xml_add_money(u, "balance", c->user->balance_cents);
    }
}

/* Where a guest goes back to after signing in: the page asked for, or for
 * a form, the same address with its fields (a GET of it shows the form's
 * result page again, never repeats an action). */
static const char *login_return(ctx *c)
{
    const request *r = &c->rq;
    char *next = arena_strdup(c->a, r->path);
    const kv_list *fields = strcmp(r->method, "POST") == 0 ? &r->form : &r->args;
    char sep = '?';
    for (size_t i = 0; i < fields->n; i++) {
        if (strcmp(fields->items[i].key, "csrf") == 0)
            continue;
        next = arena_printf(c->a, "%s%c%s=%s", next, sep, fields->items[i].key,
                            text_url_encode(c->a, fields->items[i].val, false));
        sep = '&';
    }
    return arena_printf(c->a, "/login?next=%s", text_url_encode(c->a, next, false));
}

static void render_error(ctx *c)
{
    int status = c->status;
    const char *code = c->error_code ? c->error_code : status_code(status);
    const char *msg = c->error ? c->error : status_message(status);
    if (status == 503)
        ctx_header_set(c, "Retry-After", "5");
    if (c->xml) {
        xmlNodePtr root;
        xmlDocPtr doc = xml_doc_new(c->a, "error", &root);
        xml_set(root, "code", code);
        xml_set_int(root, "status", status);
        xmlNodeAddContent(root, BAD_CAST msg);
        c->body = xml_serialize(c->a, doc, &c->body_len);
        c->content_type = "application/xml; charset=utf-8";
        return;
    }
    /* the page speaks the visitor's language: error.<code> from the
     * catalog (the English detail is for XML clients and the log), with a
     * way back; the sandbox gateway's cashier shows its errors in its own
     * shell, with the way back to the marketplace */
    const char *name = is_admin(c) ? "admin-error" : "error";
    if (c->route && (c->route->flags & ROUTE_SANDBOX) && c->route->view) {
        name = c->route->view;
        if (!c->back_href)
            ctx_back(c, arena_printf(c->a, "%s/", c->w->cfg.base_url), "sandbox.to_merchant");
    }
    new_page(c, "error");
    add_session(c, c->page);
    xmlNodePtr e = xml_add(c->page, "error");
    xml_set_int(e, "status", status);
    xml_set(e, "code", code);
    default_back(c);
    if (c->back_href) {
        xmlNodePtr back = xml_add(e, "back");
        xml_set(back, "href", c->back_href);
        xml_set(back, "key", c->back_key);
    }
    const view *v = views_find(c->w->views, name);
    char *body;
    size_t len;
    const char *ct;
    if (v && view_render(c->w->views, v, c->doc, c->lang, c->a, &body, &len, &ct) == 0) {
        c->body = body;
        c->body_len = len;
        c->content_type = ct;
        return;
    }
    c->body = arena_printf(c->a, "%d %s\n", status, msg);
    c->body_len = strlen(c->body);
    c->content_type = "text/plain; charset=utf-8";
}

static void render_model(ctx *c)
{
    add_session(c, c->page);
    if (c->xml || !c->route->view) {
        c->body = xml_serialize(c->a, c->doc, &c->body_len);
        c->content_type = "application/xml; charset=utf-8";
        return;
    }
    const char *name = c->view ? c->view : c->route->view;
    const view *v = views_find(c->w->views, name);
    char *body;
    size_t len;
    const char *ct;
    if (!v || view_render(c->w->views, v, c->doc, c->lang, c->a, &body, &len, &ct) != 0) {
        if (!v)
            log_error("no stylesheet %s for %s", name, c->rq.path);
        c->status = 500;
        render_error(c);
        return;
    }
    c->body = body;
    c->body_len = len;
    c->content_type = ct;
}

/* ---- validators: the catalog version ---- */

enum { META_VERSION, META_CHANGED, META__MAX };
static db_stmt q_catalog_meta = DB_STMT("catalog_meta", 0, META__MAX,
    "SELECT version, UNIX_TIMESTAMP(changed_at) FROM catalog_meta WHERE id = 1");

db_status dispatch_catalog_version(ctx *c, const char **version, time_t *changed)
{
    if (c->catalog_version && !changed) {
        *version = c->catalog_version;
        return DB_OK;
    }
    db_result r;
    db_status st = db_exec(&c->w->db, &q_catalog_meta, c->a, NULL, 0, &r);
    if (st != DB_OK)
        return st;
    if (r.nrows != 1) {
        log_error("catalog_meta is empty");
        return DB_ERROR;
    }
    *version = c->catalog_version = db_str(&r, 0, META_VERSION);
    if (changed)
        *changed = (time_t)db_int(&r, 0, META_CHANGED);
    return DB_OK;
}

bool dispatch_not_modified(const ctx *c, const char *etag, time_t changed)
{
    /* If-None-Match compares weakly: W/"x" and "x" are the same tag */
    const char *opaque = strncmp(etag, "W/", 2) == 0 ? etag + 2 : etag;
    const char *inm = req_env(&c->rq, "HTTP_IF_NONE_MATCH");
    if (inm)
        return strcmp(inm, "*") == 0 || strstr(inm, opaque) != NULL;
    const char *ims = req_env(&c->rq, "HTTP_IF_MODIFIED_SINCE");
    if (!ims || changed == 0)
        return false;
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return end && *end == '\0' && changed <= timegm(&tm);
}

/* The newest modification time under dir (depth levels deep), directories
 * included, so a file added, changed or removed moves it. */
static time_t newest_under(const char *dir, int depth)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return 0;
    time_t newest = st.st_mtime;
    DIR *d = depth > 0 ? opendir(dir) : NULL;
    if (!d)
        return newest;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
            continue;
        time_t t = newest_under(path, depth - 1);
        if (t > newest)
            newest = t;
    }
    closedir(d);
    return newest;
}

/* What a shared page's bytes depend on besides the catalog, its language
 * and its format: the program and the stylesheets and message catalogs it
 * loaded (a reload with new ones must not be answered "not modified"), the
 * zone and the site's address. Worked out once per worker, at its first
 * request (dispatch): each worker loads its stylesheets once, at its
 * start, so their times then are those of what it serves. */
static uint32_t site_stamp(const ctx *c)
{
    static bool known;
    static uint32_t stamp;
    if (!known) {
        char xslt[300];
        snprintf(xslt, sizeof(xslt), "%s/xslt", c->w->cfg.root);
        struct stat exe;
        time_t t = newest_under(xslt, 3);
        if (stat("/proc/self/exe", &exe) == 0 && exe.st_mtime > t)
            t = exe.st_mtime;
        char text[700];
        snprintf(text, sizeof(text), "%lld|%s|%s", (long long)t, c->w->cfg.time_zone, c->w->cfg.base_url);
        stamp = 2166136261u; /* FNV-1a */
        for (const unsigned char *p = (const unsigned char *)text; *p; p++)
            stamp = (stamp ^ *p) * 16777619u;
        known = true;
    }
    return stamp;
}

/* How long nginx's cache (a shared cache: s-maxage) keeps a guest's catalog
 * page before it asks again with the page's ETag; browsers ask every time
 * (max-age=0), and nginx answers them from its copy. */
#define SHARED_CACHE_CONTROL "public, max-age=0, s-maxage=1"

/* A guest's GET of a catalog page (ROUTE_SHARED): the same bytes for every
 * guest while the catalog version, the language, the format (HTML or the
 * XML model) and the site stamp stay the same, so these make its ETag. A
 * matching If-None-Match is answered 304 here, before the handler: one
 * query of catalog_meta, none of the page's, no transform. 0 to go on and
 * render the page. */
static int shared_validators(ctx *c)
{
    const char *version;
    db_status st = dispatch_catalog_version(c, &version, NULL);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    const char *etag = arena_printf(c->a, "W/\"%s-%s-%s-%s-%08x-%s\"", c->route->view ? c->route->view : "data",
                                    version, c->lang, c->xml ? "xml" : "html", site_stamp(c),
                                    time_offset(c->a, time(NULL)));
    ctx_header(c, "ETag", etag);
    ctx_header_set(c, "Cache-Control", SHARED_CACHE_CONTROL);
    return dispatch_not_modified(c, etag, 0) ? 304 : 0;
}

static bool is_shared(const ctx *c)
{
    return c->route && (c->route->flags & ROUTE_SHARED) && !c->user &&
           (strcmp(c->rq.method, "GET") == 0 || strcmp(c->rq.method, "HEAD") == 0);
}

static bool has_header(const ctx *c, const char *name)
{
    for (const header *h = c->headers; h; h = h->next)
        if (strcasecmp(h->name, name) == 0)
            return true;
    return false;
}

/* Only a shared page itself (200) or "not modified" (304) may be kept by
 * a shared cache, and never with a cookie (a ?lang= switch, a cleared
 * session cookie). */
static bool shareable(const ctx *c)
{
    return (c->status == 200 || c->status == 304) && !has_header(c, "Set-Cookie");
}

/* Back to private, and an error page loses the ETag it would not match. */
static void keep_private(ctx *c)
{
    ctx_header_set(c, "Cache-Control", "private, no-cache");
    if (c->status == 200 || c->status == 304)
        return;
    for (header **h = &c->headers; *h;) {
        if (strcasecmp((*h)->name, "ETag") == 0)
            *h = (*h)->next;
        else
            h = &(*h)->next;
    }
}

static bool is_partner_path(const char *path)
{
    return strncmp(path, "/partner/", 9) == 0;
}

/* application/xml or text/xml, with or without parameters (charset=…) */
static bool is_xml_type(const char *ct)
{
    return req_type_is(ct, "application/xml") || req_type_is(ct, "text/xml");
}

/* Everything under /partner/ is authenticated before anything else about
 * the request is looked at, so a caller without a valid signature learns
 * nothing of the API's paths, methods or parameters: it gets 401 for a
 * path that does not exist as for one that does. The body has been read
 * by then (the signature covers it). Then the body's type: partner calls
 * take XML only. 0 to go on to routing, or the refusal's status. */
static int partner_gate(ctx *c, req_status parsed)
{
    if (parsed != REQ_OK) {
        /* a request that cannot be read (a query that does not parse, a
         * body over the limit) has no canonical form, so its signature
         * cannot be checked; whoever sends the headers of a known key hears
         * what is wrong with it, anyone else 401, and no nonce is spent */
        int refused = partner_auth_headers(c);
        return refused ? refused : ctx_fail(c, req_status_http(parsed), NULL, req_status_message(parsed));
    }
    int refused = partner_auth(c);
    if (refused)
        return refused;
    if ((c->rq.body_len > 0 || strcmp(c->rq.method, "POST") == 0) && !is_xml_type(c->rq.content_type))
        return ctx_fail(c, 415, "unsupported_media_type",
                        "partner requests take XML bodies only: send Content-Type: application/xml (or text/xml)");
    return 0;
}

static const char *body_type_name(route_body kind)
{
    switch (kind) {
    case BODY_FORM:
        return "application/x-www-form-urlencoded";
    case BODY_MULTIPART:
        return "multipart/form-data";
    case BODY_XML:
        return "application/xml (or text/xml)";
    case BODY_AUTO:
    case BODY_NONE:
        break;
    }
    return "no";
}

static bool body_type_ok(route_body kind, const char *ct)
{
    switch (kind) {
    case BODY_FORM:
        return req_type_is(ct, "application/x-www-form-urlencoded");
    case BODY_MULTIPART:
        return req_type_is(ct, "multipart/form-data");
    case BODY_XML:
        return is_xml_type(ct);
    case BODY_AUTO:
    case BODY_NONE:
        break;
    }
    return false;
}

static int wrong_type(ctx *c, route_body kind)
{
    return ctx_fail(c, 415, "unsupported_media_type",
                    arena_printf(c->a, "this address takes %s bodies only", body_type_name(kind)));
}

/* Before anything is read: a body the route does not take is refused by
 * its headers alone, 415 for its type, 413 for its announced length. A
 * body without Content-Length (nginx always gives one, also for a chunked
 * body it has buffered) and without a type is admitted and judged once
 * read. 0 to go on. */
static int admit_body(ctx *c, const route *rt)
{
    route_body kind = route_body_kind(rt);
    long limit = route_body_limit(rt, c->w->cfg.max_body);
    long cl = c->rq.content_length;
    if (cl == 0 || (cl < 0 && (kind == BODY_NONE || !*c->rq.content_type)))
        return 0;
    if (kind == BODY_NONE)
        return ctx_fail(c, 413, "payload_too_large", req_status_message(REQ_NO_BODY_HERE));
    if (!body_type_ok(kind, c->rq.content_type))
        return wrong_type(c, kind);
    if (cl > limit)
        return ctx_fail(c, 413, "payload_too_large",
                        arena_printf(c->a, "request body too large: this address takes at most %ld bytes", limit));
    return 0;
}

/* Reads the body the route takes, up to its limit, and parses it: a form
 * into the form fields, a multipart form into the form fields and files;
 * XML stays raw for the handler's schema. 0 to go on. */
static int take_body(ctx *c, const route *rt, const req_reader *in)
{
    route_body kind = route_body_kind(rt);
    if (kind == BODY_NONE)
        return 0;
    req_status st = req_read_body(&c->rq, c->a, in, route_body_limit(rt, c->w->cfg.max_body));
    if (st != REQ_OK)
        return ctx_fail(c, req_status_http(st), NULL, req_status_message(st));
    if (c->rq.body_len == 0)
        return 0;
    if (!body_type_ok(kind, c->rq.content_type))
        return wrong_type(c, kind);
    const char *why = NULL;
    if (kind == BODY_FORM)
        st = req_parse_form(&c->rq, c->a);
    else if (kind == BODY_MULTIPART)
        st = multipart_parse_request(&c->rq, c->a, &why);
    if (st != REQ_OK)
        return ctx_fail(c, req_status_http(st), NULL,
                        why ? arena_printf(c->a, "%s: %s", req_status_message(st), why) : req_status_message(st));
    return 0;
}

/* The route first, then the body it takes: nothing is read for a path
 * that does not exist, a method the path does not take, or a body the
 * route refuses by its headers. Partner paths read theirs before anything
 * is answered, because the signature covers it. */
static int run(ctx *c, req_status parsed, const req_reader *in)
{
    char allow[64];
    const route *rt = NULL;
    route_result found = ROUTE_NOT_FOUND;
    if (parsed == REQ_OK)
        found = router_match(c->w->router, c->a, &c->rq, &rt, allow, sizeof(allow));

    if (is_partner_path(c->rq.path)) {
        /* up to the route's own limit, or the XML kind's for a path or
         * method that does not exist (it is not told apart before the
         * signature is checked) */
        if (parsed == REQ_OK) {
            long limit = found == ROUTE_FOUND && rt->body_max > 0 ? rt->body_max : c->w->cfg.max_body;
            parsed = req_read_body(&c->rq, c->a, in, limit);
        }
        int refused = partner_gate(c, parsed);
        if (refused)
            return refused;
    } else if (parsed != REQ_OK) {
        return ctx_fail(c, req_status_http(parsed), NULL, req_status_message(parsed));
    }

    switch (found) {
    case ROUTE_NOT_FOUND:
        return 404;
    case ROUTE_BAD_METHOD:
        if (rt->flags & ROUTE_XML)
            c->xml = true;
        ctx_header(c, "Allow", arena_strdup(c->a, allow));
        return 405;
    case ROUTE_FOUND:
        break;
    }
    c->route = rt;
    if (rt->flags & ROUTE_XML)
        c->xml = true;
    /* only nginx's guarded location names an admin (and vouches for it);
     * the public location, a look-alike header or the bare socket cannot */
    if ((rt->flags & ROUTE_ADMIN) && !admin_vouched(c))
        return ctx_fail(c, 403, "admin_only", "Admin pages are reached through the admin location only.");
    if (rt->flags & ROUTE_ADMIN)
        ctx_header_set(c, "Cache-Control", "no-store");
    if ((rt->flags & ROUTE_SANDBOX) && !c->w->cfg.payment_sandbox)
        return 404;
    if (!c->rq.body_read) {
        int refused = admit_body(c, rt);
        if (refused)
            return refused;
    }
    if (req_cookie(&c->rq, SESS_COOKIE) && !(rt->flags & (ROUTE_PARTNER | ROUTE_ADMIN))) {
        db_status st = sess_load(c);
        if (st != DB_OK)
            return ctx_db_fail(c, st);
    }
    /* a guest's upload is not read at all: files cannot come back through
     * sign-in (a form's fields can, below) */
    if ((rt->flags & ROUTE_BUYER) && !c->user && route_body_kind(rt) == BODY_MULTIPART) {
        if (c->xml)
            return ctx_fail(c, 401, "unauthorized", "Sign in first.");
        return ctx_redirect(c, arena_printf(c->a, "/login?next=%s", text_url_encode(c->a, c->rq.path, false)));
    }
    if (!c->rq.body_read) {
        int refused = take_body(c, rt, in);
        if (refused)
            return refused;
    }
    if ((rt->flags & ROUTE_PARTNER) && !c->vendor_id) { /* a partner route outside /partner/ */
        int refused = partner_auth(c);
        if (refused)
            return refused;
    }
    if ((rt->flags & ROUTE_BUYER) && !c->user) {
        if (c->xml)
            return ctx_fail(c, 401, "unauthorized", "Sign in first.");
        return ctx_redirect(c, login_return(c));
    }
    if ((rt->flags & ROUTE_CSRF) && !((rt->flags & ROUTE_ADMIN) ? admin_csrf_ok(c, req_field(&c->rq, "csrf"))
                                                                : sess_csrf_ok(c, req_field(&c->rq, "csrf"))))
        return ctx_fail(
            c, 403, "bad_csrf",
            "This form has expired or did not come from this site. Go back, reload the page and try again.");
    const in_field *failed = NULL;
    const char *bad = in_validate_at(rt->inputs, &c->rq, c->a, &failed);
    if (bad && failed && failed->kind == IN_FILE) {
        /* files a person chose: the page says what is allowed and leads
         * back to the form (its address, asked for with GET) */
        ctx_back(c, c->rq.path, "upload.back");
        return ctx_fail(c, 400, "bad_upload", bad);
    }
    if (bad)
        return ctx_fail(c, 400, "bad_request", bad);
    if (is_shared(c)) {
        int answered = shared_validators(c);
        if (answered)
            return answered;
    }
    new_page(c, rt->view ? rt->view : "data");
    /* a message named by the page that redirected here ("?notice=paid") */
    const char *notice = req_arg(&c->rq, "notice");
    if (notice && strlen(notice) <= 32 && strspn(notice, "abcdefghijklmnopqrstuvwxyz_") == strlen(notice))
        xml_set(xml_add(c->page, "notice"), "key", arena_printf(c->a, "notice.%s", notice));
    return rt->handler(c);
}

void dispatch(ctx *c, req_status parsed, const req_reader *in)
{
    site_stamp(c);
    c->lang = pick_lang(c);
    /* the partner API speaks XML only, even about paths it does not have */
    c->xml = req_wants_xml(&c->rq) || is_partner_path(c->rq.path);
    ctx_header(c, "Cache-Control", "private, no-cache");
    ctx_header(c, "Vary", "Accept, Accept-Language, Cookie");
    if (c->w->cfg.https)
        ctx_header(c, "Strict-Transport-Security", "max-age=31536000");

    c->status = run(c, parsed, in);
    if (c->w->db.in_txn) {
        log_error("handler for %s left a transaction open; rolled back", c->rq.path);
        db_rollback(&c->w->db);
    }
    /* one policy per response (nginx adds its own only to responses
     * without one): the site's, plus where this page's forms may go */
    ctx_header_set(c, "Content-Security-Policy", ctx_csp(c));
    if (is_shared(c) && !shareable(c))
        keep_private(c);
    if (c->body || (c->stream && c->status == 200)) /* the handler wrote its own body, or streams it */
        return;
    if (c->doc && ((c->status >= 200 && c->status < 300) || (c->show_page && c->status >= 400)))
        render_model(c);
    else if (c->status >= 400)
        render_error(c);
    if (is_shared(c) && !shareable(c)) /* the page failed to render */
        keep_private(c);
    if (c->status >= 500)
        log_error("%s %s -> %d %s", c->rq.method, c->rq.path, c->status, c->error ? c->error : "");
}
