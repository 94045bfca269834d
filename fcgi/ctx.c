/* Response helpers shared by every handler. */
#include "ctx.h"

#include <string.h>
#include <strings.h>

#include "log.h"
#include "text.h"
#include "timefmt.h"
#include "xml.h"

static bool header_value_ok(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

void ctx_header(ctx *c, const char *name, const char *value)
{
    if (!header_value_ok(value) || !header_value_ok(name)) {
        log_error("refused header %s: control character in value", name);
        return;
    }
    header *h = arena_alloc(c->a, sizeof(*h));
    h->name = name;
    h->value = value;
    h->next = NULL;
    header **tail = &c->headers;
    while (*tail)
        tail = &(*tail)->next;
    *tail = h;
}

void ctx_header_set(ctx *c, const char *name, const char *value)
{
    for (header *h = c->headers; h; h = h->next)
        if (strcasecmp(h->name, name) == 0) {
            if (header_value_ok(value))
                h->value = value;
            return;
        }
    ctx_header(c, name, value);
}

void ctx_cookie(ctx *c, const char *name, const char *value, long max_age, bool http_only)
{
    ctx_header(c, "Set-Cookie",
               arena_printf(c->a, "%s=%s; Path=/; Max-Age=%ld; SameSite=Lax%s%s", name, value, max_age,
                            http_only ? "; HttpOnly" : "", c->w->cfg.https ? "; Secure" : ""));
}

int ctx_redirect(ctx *c, const char *location)
{
    /* only local paths: "//host" and "/\host" would leave the site */
    if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
        location = "/";
    ctx_header(c, "Location", location);
    return 303;
}

int ctx_redirect_external(ctx *c, const char *url)
{
    char origin[256];
    bool ok = text_url_origin(url, origin, sizeof(origin));
    for (const unsigned char *p = (const unsigned char *)url; ok && *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            ok = false;
    if (!ok)
        return ctx_fail(c, 500, "internal", "The address to send the visitor to is not a valid URL.");
    ctx_header(c, "Location", url);
    return 303;
}

int ctx_fail(ctx *c, int status, const char *code, const char *message)
{
    c->error_code = code;
    c->error = message;
    return status;
}

void ctx_back(ctx *c, const char *href, const char *key)
{
    c->back_href = href;
    c->back_key = key;
}

void ctx_view(ctx *c, const char *name)
{
    c->view = name;
    if (c->page)
        xml_set(c->page, "name", name);
}

bool ctx_form_target(ctx *c, const char *url)
{
    char origin[256];
    if (!url || !text_url_origin(url, origin, sizeof(origin)))
        return false;
    /* named even when it is the page's own site: 'self' twice is harmless */
    const char *have = c->form_origins ? c->form_origins : "";
    for (const char *p = strstr(have, origin); p; p = strstr(p + 1, origin)) {
        size_t n = strlen(origin);
        if ((p == have || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    }
    c->form_origins = *have ? arena_printf(c->a, "%s %s", have, origin) : arena_strdup(c->a, origin);
    return true;
}

const char *ctx_csp(const ctx *c)
{
    return arena_printf(c->a,
                        "default-src 'self'; img-src 'self' data:; form-action 'self'%s%s; frame-ancestors 'none'; "
                        "base-uri 'self'",
                        c->form_origins ? " " : "", c->form_origins ? c->form_origins : "");
}

void model_time(ctx *c, xmlNodePtr node, const char *attr, const char *utc)
{
    const char *iso = utc ? time_local_iso(c->a, utc) : NULL;
    if (iso)
        xml_set(node, attr, iso);
}

int ctx_form_error(ctx *c, int status, const char *field, const char *key)
{
    xmlNodePtr e = xmlNewTextChild(c->page, NULL, BAD_CAST "form-error", NULL);
    if (field)
        xmlSetProp(e, BAD_CAST "field", BAD_CAST field);
    xmlSetProp(e, BAD_CAST "key", BAD_CAST key);
    c->show_page = true;
    return status;
}

int ctx_db_fail(ctx *c, db_status st)
{
    if (st == DB_DOWN || st == DB_RETRY)
        return ctx_fail(c, 503, "unavailable", "The service is briefly unavailable. Please try again shortly.");
    return ctx_fail(c, 500, "internal", "Something went wrong on our side.");
}

const char *ctx_in(const ctx *c, const char *name)
{
    return in_value(c->route ? c->route->inputs : NULL, &c->rq, name);
}

long long ctx_in_int(const ctx *c, const char *name, long long dflt)
{
    const char *v = ctx_in(c, name);
    long long n;
    return v && text_parse_i64(v, true, &n) ? n : dflt;
}

const req_file *ctx_files(const ctx *c, const char *name, size_t *n)
{
    *n = 0;
    return c->route ? in_files(c->route->inputs, &c->rq, name, n) : NULL;
}

const char *ctx_file_sha256(const ctx *c, const req_file *f)
{
    unsigned char digest[32];
    crypto_sha256(f->data, f->size, digest);
    return crypto_hex(c->a, digest, sizeof(digest));
}

const char *ctx_l10n(const ctx *c, const char *zh, const char *en)
{
    if (strcmp(c->lang, "en") == 0 && en && *en)
        return en;
    return zh && *zh ? zh : (en ? en : "");
}

void ctx_xml_body(ctx *c, xmlDocPtr doc)
{
    c->body = xml_serialize(c->a, doc, &c->body_len);
    c->content_type = "application/xml; charset=utf-8";
}

void model_attrs(ctx *c, xmlNodePtr node, const db_result *r, size_t row, const attr_col *cols)
{
    for (; cols->attr; cols++) {
        if (cols->kind == ATTR_TIME)
            model_time(c, node, cols->attr, db_str(r, row, cols->col));
        else
            xml_set(node, cols->attr, db_str(r, row, cols->col));
    }
}

/* The cursor of row i: its id, or "<sort key>.<id>". */
static const char *row_cursor(ctx *c, const db_result *r, size_t i, int key_col)
{
    if (key_col < 0)
        return db_str(r, i, MODEL_PAGE_ID);
    return arena_printf(c->a, "%s.%s", db_str(r, i, (unsigned)key_col), db_str(r, i, MODEL_PAGE_ID));
}

size_t model_page(ctx *c, xmlNodePtr list, db_result *r, size_t page, int key_col)
{
    size_t n = r->nrows < page ? r->nrows : page;
    bool more = r->nrows > page;
    if (ctx_in(c, "before")) {
        /* fetched the other way round: put the page back in display order */
        for (size_t i = 0; i < n / 2; i++) {
            char **row = r->rows[i];
            unsigned long *len = r->lens[i];
            r->rows[i] = r->rows[n - 1 - i];
            r->lens[i] = r->lens[n - 1 - i];
            r->rows[n - 1 - i] = row;
            r->lens[n - 1 - i] = len;
        }
        xml_set(list, "before", ctx_in(c, "before"));
        if (n && more)
            xml_set(list, "prev", row_cursor(c, r, 0, key_col));
        if (n)
            xml_set(list, "next", row_cursor(c, r, n - 1, key_col));
        return n;
    }
    xml_set(list, "after", ctx_in(c, "after"));
    if (n && ctx_in(c, "after"))
        xml_set(list, "prev", row_cursor(c, r, 0, key_col));
    if (more)
        xml_set(list, "next", row_cursor(c, r, n - 1, key_col));
    return n;
}
