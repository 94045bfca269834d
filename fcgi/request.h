/* The request as handlers see it: method, path, query, form, cookies,
 * headers and client address, all validated text in the request arena. */
#ifndef MP_REQUEST_H
#define MP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

#define REQ_KEY_MAX 64      /* bytes of a field name */
#define REQ_FIELDS_MAX 64   /* fields in a query string or form */
#define REQ_QUERY_MAX 8192  /* bytes of a query string */
#define REQ_CAPTURES_MAX 8

typedef struct kv {
    const char *key;
    const char *val;
    size_t vlen;
} kv;

typedef struct kv_list {
    kv *items;
    size_t n;
} kv_list;

typedef enum {
    REQ_OK = 0,
    REQ_BAD_PERCENT,  /* '%' not followed by two hex digits */
    REQ_BAD_UTF8,
    REQ_NUL,
    REQ_CONTROL,
    REQ_BAD_KEY,      /* empty, overlong, or characters outside [A-Za-z0-9_.-] */
    REQ_DUP_KEY,
    REQ_TOO_MANY,
    REQ_TOO_LONG,     /* query string over REQ_QUERY_MAX */
    REQ_TOO_LARGE,    /* body over the configured limit */
    REQ_BAD_LENGTH,   /* CONTENT_LENGTH not a number */
    REQ_BAD_TYPE,     /* a form body that is not urlencoded */
    REQ_BAD_PATH,
    REQ__MAX
} req_status;

typedef struct request {
    const char *method;
    const char *path;          /* DOCUMENT_URI, decoded by nginx */
    const char *uri_path;      /* REQUEST_URI before any '?': the path as sent, not decoded (what partners sign) */
    const char *query;         /* raw QUERY_STRING */
    const char *content_type;
    long content_length;
    const char *remote_addr;
    const char *request_id;
    const char *admin_user;    /* set only by nginx's /admin/ location */
    char **envp;
    kv_list args;              /* query string */
    kv_list form;              /* urlencoded body */
    kv_list cookies;
    kv captures[REQ_CAPTURES_MAX];
    size_t ncaptures;
    const char *body;          /* raw body (XML for partners), NUL-terminated */
    size_t body_len;
} request;

/* HTTP status that goes with a parse failure (400, 413, 414, 415). */
int req_status_http(req_status s);
const char *req_status_message(req_status s);

/* Parses a=b&c=d into out; values percent-decoded ('+' is a space) and
 * checked as XML-safe UTF-8; keys unique. */
req_status req_parse_urlencoded(arena *a, const char *s, size_t n, kv_list *out);

/* Cookie header "a=b; c=d": lenient (browsers send what they hold); a
 * malformed pair is skipped and the first of duplicate names wins. */
void req_parse_cookies(arena *a, const char *s, kv_list *out);

/* Fills r from FastCGI parameters (envp), parsing path, query and cookies.
 * The body is attached later with req_set_body. */
req_status req_from_env(request *r, arena *a, char **envp);

/* Attaches a read body, unparsed. */
req_status req_set_body(request *r, arena *a, const char *body, size_t len);

/* Parses the attached body into r->form when it is urlencoded; REQ_OK and
 * no fields for any other type. Called once the route is known to take a
 * form (the partner API takes XML only). */
req_status req_parse_form(request *r, arena *a);

/* FastCGI parameter by exact name (e.g. "HTTP_X_MP_KEY"), or NULL. */
const char *req_env(const request *r, const char *name);

const kv *kv_find(const kv_list *l, const char *key);
const char *req_arg(const request *r, const char *key);    /* query */
const char *req_field(const request *r, const char *key);  /* form body */
const char *req_cookie(const request *r, const char *name);
const char *req_capture(const request *r, const char *name);

/* The address a client is known by when counting what it does: an IPv4
 * address whole, an IPv6 address by its /64 (one subscriber's network),
 * anything else as given. */
const char *req_client_key(arena *a, const char *remote_addr);

/* "zh-CN" or "en" from Accept-Language, or NULL when it names neither. */
const char *req_lang_from_accept(const char *accept_language);

/* Whether the client prefers the XML model to HTML. */
bool req_wants_xml(const request *r);

#endif
