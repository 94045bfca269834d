/* Response helpers shared by every handler. */
#include "ctx.h"

#include <string.h>
#include <strings.h>

#include "log.h"
#include "xml.h"
#include "text.h"

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
    bool secure = strncmp(c->w->cfg.base_url, "https:", 6) == 0;
    ctx_header(c, "Set-Cookie",
               arena_printf(c->a, "%s=%s; Path=/; Max-Age=%ld; SameSite=Lax%s%s", name, value, max_age,
                            http_only ? "; HttpOnly" : "", secure ? "; Secure" : ""));
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
    bool ok = strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
    for (const unsigned char *p = (const unsigned char *)url; ok && *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            ok = false;
    if (!ok)
        return ctx_fail(c, 500, "internal", "The vendor's address is not a valid URL.");
    ctx_header(c, "Location", url);
    return 303;
}

int ctx_fail(ctx *c, int status, const char *code, const char *message)
{
    c->error_code = code;
    c->error = message;
    return status;
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

void model_attrs(xmlNodePtr node, const db_result *r, size_t row, const attr_col *cols)
{
    for (; cols->attr; cols++)
        xml_set(node, cols->attr, db_str(r, row, cols->col));
}

size_t model_page(ctx *c, xmlNodePtr list, const db_result *r, size_t page)
{
    xml_set(list, "after", ctx_in(c, "after"));
    if (r->nrows > page)
        xml_set(list, "next", db_str(r, page - 1, 0));
    return r->nrows < page ? r->nrows : page;
}
