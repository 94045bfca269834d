/* The request as handlers see it: method, path, query, form, cookies,
 * headers and client address, all validated text in the request arena. */
#ifndef MP_REQUEST_H
#define MP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "text.h"

#define REQ_KEY_MAX 64     /* bytes of a field name */
#define REQ_FIELDS_MAX 64  /* fields in a query string or form */
#define REQ_QUERY_MAX 8192 /* bytes of a query string */
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

/* A file of a multipart form. Its bytes are a slice of the request body,
 * never copied; the declared input that takes it (IN_FILE) has checked
 * everything below before a handler sees it. */
typedef struct req_file {
    const char *field; /* the form field's name */
    const char *name;  /* display name: no path, no control characters, at most 255 bytes of UTF-8; "" if none */
    const char *declared_type; /* the part's Content-Type, lower-case, without parameters; "" if none */
    const char *type;          /* the allowed type its extension names (set by in_validate) */
    const char *data;          /* size bytes inside the body, not NUL-terminated */
    size_t size;
} req_file;

/* Where the body comes from: read(state, buf, n) fills up to n bytes and
 * returns how many, 0 at the end of the body, -1 on an error. */
typedef struct req_reader {
    long (*read)(void *state, char *buf, size_t n);
    void *state;
} req_reader;

typedef enum {
    REQ_OK = 0,
    REQ_BAD_PERCENT, /* '%' not followed by two hex digits */
    REQ_BAD_UTF8,
    REQ_NUL,
    REQ_CONTROL,
    REQ_BAD_KEY, /* empty, overlong, or characters outside [A-Za-z0-9_.-] */
    REQ_DUP_KEY,
    REQ_TOO_MANY,
    REQ_TOO_LONG,   /* query string over REQ_QUERY_MAX */
    REQ_TOO_LARGE,  /* body over the configured limit */
    REQ_BAD_LENGTH, /* CONTENT_LENGTH not a number */
    REQ_BAD_TYPE,   /* a form body that is not urlencoded */
    REQ_BAD_PATH,
    REQ_BAD_MULTIPART, /* a multipart/form-data body that does not parse */
    REQ_SHORT_BODY,    /* the body ended before its Content-Length */
    REQ_NO_BODY_HERE,  /* a body sent to an address that takes none */
    REQ__MAX
} req_status;

typedef struct request {
    const char *method;
    const char *path;     /* DOCUMENT_URI, decoded by nginx */
    const char *uri_path; /* REQUEST_URI before any '?': the path as sent, not decoded (what partners sign) */
    const char *query;    /* raw QUERY_STRING */
    const char *content_type;
    long content_length; /* -1 when not given */
    const char *remote_addr;
    const char *request_id;
    const char *admin_user;  /* set only by nginx's /admin/ location */
    const char *admin_vouch; /* the secret that location passes with it */
    char **envp;
    kv_list args;    /* query string */
    kv_list form;    /* urlencoded body, or a multipart body's text fields */
    req_file *files; /* a multipart body's files, those of one field next to each other */
    size_t nfiles;
    kv_list cookies;
    kv captures[REQ_CAPTURES_MAX];
    size_t ncaptures;
    const char *body; /* raw body (XML for partners), NUL-terminated; "" when none was read */
    size_t body_len;
    bool body_read; /* req_read_body has run */
} request;

/* HTTP status that goes with a parse failure (400, 413, 414, 415). */
int req_status_http(req_status s);
const char *req_status_message(req_status s);
/* The refusal a text check's answer means (REQ_OK for TEXT_OK). */
req_status req_status_from_text(text_status t);

/* Parses a=b&c=d into out; values percent-decoded ('+' is a space) and
 * checked as XML-safe UTF-8; keys unique. */
req_status req_parse_urlencoded(arena *a, const char *s, size_t n, kv_list *out);

/* Whether key[0..n) is a field name: 1 to REQ_KEY_MAX of [A-Za-z0-9_.-]. */
bool req_key_ok(const char *key, size_t n);

/* Cookie header "a=b; c=d": lenient (browsers send what they hold); a
 * malformed pair is skipped and the first of duplicate names wins. */
void req_parse_cookies(arena *a, const char *s, kv_list *out);

/* Fills r from FastCGI parameters (envp), parsing path, query and cookies.
 * The body is read later, once the route says what it takes
 * (req_read_body). */
req_status req_from_env(request *r, arena *a, char **envp);

/* Reads the body from in into the arena, once: Content-Length bytes, or
 * without one until the stream ends. REQ_TOO_LARGE (nothing read) when
 * Content-Length is over limit, or when a body without one grows past it;
 * REQ_SHORT_BODY when the stream ends early. A second call does nothing. */
req_status req_read_body(request *r, arena *a, const req_reader *in, long limit);

/* Attaches a body read elsewhere (tests, tools), unparsed. */
req_status req_set_body(request *r, arena *a, const char *body, size_t len);

/* Parses the read body into r->form when it is url-encoded; REQ_OK and no
 * fields when there is none. Called once the route is known to take a
 * form (the partner API takes XML only). */
req_status req_parse_form(request *r, arena *a);

/* Whether a Content-Type names this media type ("application/xml"), in any
 * case, with or without parameters. */
bool req_type_is(const char *content_type, const char *type);

/* FastCGI parameter by exact name (e.g. "HTTP_X_MP_KEY"), or NULL. */
const char *req_env(const request *r, const char *name);

const kv *kv_find(const kv_list *l, const char *key);
const char *req_arg(const request *r, const char *key);   /* query */
const char *req_field(const request *r, const char *key); /* form body */
/* The files of a form field: the first, and their count in *n (0 and NULL
 * when there are none). */
const req_file *req_files(const request *r, const char *field, size_t *n);
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
