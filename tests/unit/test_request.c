/* Unit tests for fcgi/request.c: query/form/cookie parsing, FastCGI parameters, language and format choice. */
#include <stdio.h>
#include <string.h>

#include "../../fcgi/request.h"
#include "check.h"

static arena A;

/* req_parse_urlencoded over a C string. */
static req_status parse(const char *s, kv_list *out)
{
    return req_parse_urlencoded(&A, s, strlen(s), out);
}

static const char *val(const kv_list *l, const char *key)
{
    const kv *v = kv_find(l, key);
    return v ? v->val : NULL;
}

static void simple_pairs_parse_in_order(void)
{
    kv_list l;
    CHECK(parse("a=1&bb=two&c=", &l) == REQ_OK);
    CHECK(l.n == 3);
    CHECK_STR(l.items[0].key, "a");
    CHECK_STR(l.items[0].val, "1");
    CHECK(l.items[0].vlen == 1);
    CHECK_STR(l.items[1].key, "bb");
    CHECK_STR(l.items[1].val, "two");
    CHECK_STR(l.items[2].key, "c");
    CHECK_STR(l.items[2].val, "");
    CHECK(l.items[2].vlen == 0);
    CHECK(kv_find(&l, "d") == NULL);
}

static void empty_input_gives_no_fields(void)
{
    kv_list l;
    CHECK(parse("", &l) == REQ_OK);
    CHECK(l.n == 0);
    CHECK(kv_find(&l, "a") == NULL);
}

static void empty_segments_are_skipped(void)
{
    kv_list l;
    CHECK(parse("a=1&&b=2&", &l) == REQ_OK);
    CHECK(l.n == 2);
    CHECK_STR(val(&l, "a"), "1");
    CHECK_STR(val(&l, "b"), "2");
    CHECK(parse("&&&", &l) == REQ_OK);
    CHECK(l.n == 0);
}

static void key_without_equals_has_empty_value(void)
{
    kv_list l;
    CHECK(parse("flag&a=1", &l) == REQ_OK);
    CHECK(l.n == 2);
    CHECK_STR(val(&l, "flag"), "");
    CHECK(kv_find(&l, "flag")->vlen == 0);
}

static void only_the_first_equals_splits(void)
{
    kv_list l;
    CHECK(parse("q=a=b", &l) == REQ_OK);
    CHECK_STR(val(&l, "q"), "a=b");
}

static void plus_is_a_space_and_percent_escapes_decode(void)
{
    kv_list l;
    CHECK(parse("q=hello+world&r=%41%2b%e4%bd%a0&%6Bey=v", &l) == REQ_OK);
    CHECK_STR(val(&l, "q"), "hello world");
    CHECK_STR(val(&l, "r"), "A+\xe4\xbd\xa0");
    CHECK(kv_find(&l, "r")->vlen == 5);
    CHECK_STR(val(&l, "key"), "v"); /* percent-decoded key */
}

static void only_the_given_length_is_parsed(void)
{
    kv_list l;
    CHECK(req_parse_urlencoded(&A, "a=1&b=2", 3, &l) == REQ_OK);
    CHECK(l.n == 1);
    CHECK_STR(val(&l, "a"), "1");
}

static void bad_percent_is_refused(void)
{
    kv_list l;
    CHECK(parse("a=%", &l) == REQ_BAD_PERCENT);
    CHECK(parse("a=%4", &l) == REQ_BAD_PERCENT);
    CHECK(parse("a=%G1", &l) == REQ_BAD_PERCENT);
    CHECK(parse("a%=1", &l) == REQ_BAD_PERCENT);
}

static void decoded_values_must_be_utf8_text(void)
{
    kv_list l;
    CHECK(parse("a=%FF", &l) == REQ_BAD_UTF8);
    CHECK(parse("a=%C0%AF", &l) == REQ_BAD_UTF8);
    CHECK(parse("a=%E4%BD", &l) == REQ_BAD_UTF8);
    CHECK(parse("a=x%00y", &l) == REQ_NUL);
    CHECK(parse("a=%01", &l) == REQ_CONTROL);
    CHECK(parse("a=%1B", &l) == REQ_CONTROL);
    CHECK(parse("a=%C2%85", &l) == REQ_CONTROL); /* C1 NEL */
    CHECK(parse("a=line%0Anext%09tab", &l) == REQ_OK);
    CHECK_STR(val(&l, "a"), "line\nnext\ttab");
}

static void duplicate_keys_are_refused(void)
{
    kv_list l;
    CHECK(parse("a=1&b=2&a=3", &l) == REQ_DUP_KEY);
    CHECK(parse("a=1&%61=2", &l) == REQ_DUP_KEY); /* same key once decoded */
}

static void keys_are_short_and_plain(void)
{
    kv_list l;
    char buf[128];
    memset(buf, 'k', REQ_KEY_MAX);
    snprintf(buf + REQ_KEY_MAX, sizeof(buf) - REQ_KEY_MAX, "=1");
    CHECK(parse(buf, &l) == REQ_OK); /* exactly REQ_KEY_MAX bytes */
    memset(buf, 'k', REQ_KEY_MAX + 1);
    snprintf(buf + REQ_KEY_MAX + 1, sizeof(buf) - REQ_KEY_MAX - 1, "=1");
    CHECK(parse(buf, &l) == REQ_BAD_KEY);

    CHECK(parse("Az09_.-=1", &l) == REQ_OK);
    CHECK(parse("=1", &l) == REQ_BAD_KEY);
    CHECK(parse("a+b=1", &l) == REQ_BAD_KEY); /* "a b" */
    CHECK(parse("a%20b=1", &l) == REQ_BAD_KEY);
    CHECK(parse("%3Cx%3E=1", &l) == REQ_BAD_KEY); /* "<x>" */
    CHECK(parse("<x>=1", &l) == REQ_BAD_KEY);
    CHECK(parse("%E4%BD%A0=1", &l) == REQ_BAD_KEY);
}

/* Writes n fields "f0=1&f1=1&..." into buf. */
static void many_fields(char *buf, size_t len, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(buf + used, len - used, "%sf%d=1", i ? "&" : "", i);
}

static void too_many_fields_are_refused(void)
{
    kv_list l;
    char buf[2048];
    many_fields(buf, sizeof(buf), REQ_FIELDS_MAX);
    CHECK(parse(buf, &l) == REQ_OK);
    CHECK(l.n == REQ_FIELDS_MAX);
    many_fields(buf, sizeof(buf), REQ_FIELDS_MAX + 1);
    CHECK(parse(buf, &l) == REQ_TOO_MANY);
}

static void cookies_parse_with_whitespace(void)
{
    kv_list l;
    req_parse_cookies(&A, "sid=abc123; lang=zh-CN;theme=dark ;\tx=y", &l);
    CHECK(l.n == 4);
    CHECK_STR(val(&l, "sid"), "abc123");
    CHECK_STR(val(&l, "lang"), "zh-CN");
    CHECK_STR(val(&l, "theme"), "dark");
    CHECK_STR(val(&l, "x"), "y");
}

static void cookies_skip_malformed_pairs(void)
{
    kv_list l;
    req_parse_cookies(&A, "novalue; =orphan; ok=1; bad=\x01; utf=\xff; ;last=2", &l);
    CHECK(l.n == 2);
    CHECK_STR(val(&l, "ok"), "1");
    CHECK_STR(val(&l, "last"), "2");
    CHECK(kv_find(&l, "novalue") == NULL);
    CHECK(kv_find(&l, "bad") == NULL);
    CHECK(kv_find(&l, "utf") == NULL);
}

static void cookies_first_duplicate_wins(void)
{
    kv_list l;
    req_parse_cookies(&A, "sid=first; sid=second", &l);
    CHECK(l.n == 1);
    CHECK_STR(val(&l, "sid"), "first");
}

static void cookies_unquote_values(void)
{
    kv_list l;
    req_parse_cookies(&A, "q=\"quoted value\"; e=\"\"; half=\"open", &l);
    CHECK_STR(val(&l, "q"), "quoted value");
    CHECK(kv_find(&l, "q")->vlen == 12);
    CHECK_STR(val(&l, "e"), "");
    CHECK_STR(val(&l, "half"), "\"open");
}

static void no_cookie_header_gives_no_cookies(void)
{
    kv_list l;
    req_parse_cookies(&A, NULL, &l);
    CHECK(l.n == 0);
    req_parse_cookies(&A, "", &l);
    CHECK(l.n == 0);
}

static void request_fills_from_fastcgi_parameters(void)
{
    char *env[] = {"REQUEST_METHOD=POST",
                   "DOCUMENT_URI=/orders/7/pay",
                   "QUERY_STRING=page=2&sort=new",
                   "CONTENT_TYPE=application/x-www-form-urlencoded",
                   "CONTENT_LENGTH=42",
                   "REMOTE_ADDR=192.0.2.1",
                   "REQUEST_ID=req-1",
                   "HTTP_COOKIE=sid=s1; lang=en",
                   "HTTP_X_MP_KEY=k",
                   NULL};
    request r;
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK_STR(r.method, "POST");
    CHECK_STR(r.path, "/orders/7/pay");
    CHECK_STR(r.query, "page=2&sort=new");
    CHECK_STR(r.content_type, "application/x-www-form-urlencoded");
    CHECK(r.content_length == 42);
    CHECK_STR(r.remote_addr, "192.0.2.1");
    CHECK_STR(r.request_id, "req-1");
    CHECK(r.admin_user == NULL);
    CHECK(r.args.n == 2);
    CHECK_STR(req_arg(&r, "page"), "2");
    CHECK_STR(req_arg(&r, "sort"), "new");
    CHECK(req_arg(&r, "missing") == NULL);
    CHECK_STR(req_cookie(&r, "sid"), "s1");
    CHECK_STR(req_cookie(&r, "lang"), "en");
    CHECK_STR(req_env(&r, "HTTP_X_MP_KEY"), "k");
    CHECK(req_env(&r, "HTTP_X_MP") == NULL); /* a prefix is not a name */
    CHECK(r.form.n == 0);
    CHECK(r.body_len == 0 && !r.body_read); /* read once the route says it takes a body */
}

static void missing_parameters_have_defaults(void)
{
    char *env[] = {NULL};
    request r;
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK_STR(r.method, "GET");
    CHECK_STR(r.path, "/");
    CHECK_STR(r.query, "");
    CHECK_STR(r.content_type, "");
    CHECK(r.content_length == -1); /* not given */
    CHECK(r.body_len == 0 && r.body && !r.body_read);
    CHECK(r.args.n == 0);
    CHECK(r.cookies.n == 0);
}

static void path_must_start_with_a_slash(void)
{
    request r;
    char *rel[] = {"DOCUMENT_URI=products", NULL};
    CHECK(req_from_env(&r, &A, rel) == REQ_BAD_PATH);
    char *empty[] = {"DOCUMENT_URI=", NULL};
    CHECK(req_from_env(&r, &A, empty) == REQ_BAD_PATH);
}

static void path_must_be_utf8_text(void)
{
    request r;
    char *bad[] = {"DOCUMENT_URI=/products/\xff", NULL};
    CHECK(req_from_env(&r, &A, bad) == REQ_BAD_UTF8);
    char *ctl[] = {"DOCUMENT_URI=/a\x01"
                   "b",
                   NULL};
    CHECK(req_from_env(&r, &A, ctl) == REQ_CONTROL);
    char *cjk[] = {"DOCUMENT_URI=/\xe4\xbd\xa0\xe5\xa5\xbd", NULL};
    CHECK(req_from_env(&r, &A, cjk) == REQ_OK);
    CHECK_STR(r.path, "/\xe4\xbd\xa0\xe5\xa5\xbd");
}

static void query_over_the_limit_is_too_long(void)
{
    static char q[REQ_QUERY_MAX + 32];
    request r;
    char *env[] = {"DOCUMENT_URI=/", q, NULL};
    size_t pre = strlen("QUERY_STRING=a=");
    memcpy(q, "QUERY_STRING=a=", pre);
    memset(q + pre, 'x', REQ_QUERY_MAX - 2); /* "a=" + x... is exactly REQ_QUERY_MAX */
    q[pre + REQ_QUERY_MAX - 2] = '\0';
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK(strlen(req_arg(&r, "a")) == REQ_QUERY_MAX - 2);
    q[pre + REQ_QUERY_MAX - 2] = 'x';
    q[pre + REQ_QUERY_MAX - 1] = '\0';
    CHECK(req_from_env(&r, &A, env) == REQ_TOO_LONG);
}

static void query_errors_come_back(void)
{
    request r;
    char *env[] = {"QUERY_STRING=a=1&a=2", NULL};
    CHECK(req_from_env(&r, &A, env) == REQ_DUP_KEY);
}

static void content_length_must_be_a_number(void)
{
    request r;
    char *words[] = {"CONTENT_LENGTH=abc", NULL};
    CHECK(req_from_env(&r, &A, words) == REQ_BAD_LENGTH);
    char *neg[] = {"CONTENT_LENGTH=-1", NULL};
    CHECK(req_from_env(&r, &A, neg) == REQ_BAD_LENGTH);
    char *space[] = {"CONTENT_LENGTH= 10", NULL};
    CHECK(req_from_env(&r, &A, space) == REQ_BAD_LENGTH);
    char *huge[] = {"CONTENT_LENGTH=99999999999999999999", NULL};
    CHECK(req_from_env(&r, &A, huge) == REQ_BAD_LENGTH);
    char *empty[] = {"CONTENT_LENGTH=", NULL};
    CHECK(req_from_env(&r, &A, empty) == REQ_OK);
    CHECK(r.content_length == -1);
    char *zero[] = {"CONTENT_LENGTH=0", NULL};
    CHECK(req_from_env(&r, &A, zero) == REQ_OK);
    CHECK(r.content_length == 0);
}

static void admin_user_only_when_non_empty(void)
{
    request r;
    char *set[] = {"MP_ADMIN_USER=alice", NULL};
    CHECK(req_from_env(&r, &A, set) == REQ_OK);
    CHECK_STR(r.admin_user, "alice");
    char *empty[] = {"MP_ADMIN_USER=", NULL};
    CHECK(req_from_env(&r, &A, empty) == REQ_OK);
    CHECK(r.admin_user == NULL);
}

static void uri_path_is_the_path_as_sent(void)
{
    request r;
    char *env[] = {"DOCUMENT_URI=/partner/v1/instances/ins-a", "REQUEST_URI=/partner/v1/instances/ins-%61?limit=5",
                   "QUERY_STRING=limit=5", NULL};
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK_STR(r.path, "/partner/v1/instances/ins-a");
    CHECK_STR(r.uri_path, "/partner/v1/instances/ins-%61");
    char *plain[] = {"DOCUMENT_URI=/a", "REQUEST_URI=/a", NULL};
    CHECK(req_from_env(&r, &A, plain) == REQ_OK);
    CHECK_STR(r.uri_path, "/a");
    char *none[] = {"DOCUMENT_URI=/b", NULL}; /* without REQUEST_URI: the path */
    CHECK(req_from_env(&r, &A, none) == REQ_OK);
    CHECK_STR(r.uri_path, "/b");
}

static void urlencoded_body_becomes_the_form(void)
{
    request r;
    char *env[] = {"REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded; charset=UTF-8",
                   "QUERY_STRING=id=9", NULL};
    const char body[] = "qty=3&note=gift+wrap";
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK(req_set_body(&r, &A, body, sizeof(body) - 1) == REQ_OK);
    CHECK(r.form.n == 0); /* attached, parsed only when the route takes a form */
    CHECK(req_parse_form(&r, &A) == REQ_OK);
    CHECK(r.form.n == 2);
    CHECK_STR(req_field(&r, "qty"), "3");
    CHECK_STR(req_field(&r, "note"), "gift wrap");
    CHECK(req_field(&r, "id") == NULL); /* the query is not the form */
    CHECK_STR(req_arg(&r, "id"), "9");
    CHECK(r.body == body);
    CHECK(r.body_len == sizeof(body) - 1);
}

static void bad_form_body_is_refused(void)
{
    request r;
    char *env[] = {"REQUEST_METHOD=POST", "CONTENT_TYPE=APPLICATION/X-WWW-FORM-URLENCODED", NULL};
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK(req_set_body(&r, &A, "a=%FF", 5) == REQ_OK);
    CHECK(req_parse_form(&r, &A) == REQ_BAD_UTF8);
}

static void other_bodies_are_kept_but_not_parsed(void)
{
    request r;
    char *env[] = {"REQUEST_METHOD=POST", "CONTENT_TYPE=application/xml", NULL};
    const char body[] = "<order><qty>3</qty></order>";
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    CHECK(req_set_body(&r, &A, body, sizeof(body) - 1) == REQ_OK);
    CHECK(req_parse_form(&r, &A) == REQ_OK);
    CHECK(r.form.n == 0);
    CHECK(r.body == body);
    CHECK(r.body_len == sizeof(body) - 1);

    /* a type that merely starts like the form type is not the form type */
    char *env2[] = {"REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencodedx", NULL};
    CHECK(req_from_env(&r, &A, env2) == REQ_OK);
    CHECK(req_set_body(&r, &A, "a=1", 3) == REQ_OK);
    CHECK(req_parse_form(&r, &A) == REQ_OK);
    CHECK(r.form.n == 0);
    CHECK(r.body_len == 3);
}

/* A body arriving in pieces of at most chunk bytes, counting the calls. */
typedef struct feed {
    const char *data;
    size_t len, pos, chunk;
    int calls;
    bool fail;
} feed;

static long feed_read(void *state, char *buf, size_t n)
{
    feed *f = state;
    f->calls++;
    if (f->fail)
        return -1;
    size_t k = f->len - f->pos;
    if (k > n)
        k = n;
    if (k > f->chunk)
        k = f->chunk;
    memcpy(buf, f->data + f->pos, k);
    f->pos += k;
    return (long)k;
}

/* a request with the given CONTENT_LENGTH parameter (NULL: none) */
static request with_length(const char *cl)
{
    request r;
    char param[64];
    snprintf(param, sizeof(param), "CONTENT_LENGTH=%s", cl ? cl : "");
    char *env[] = {"REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded", param, NULL};
    CHECK(req_from_env(&r, &A, env) == REQ_OK);
    r.envp = NULL; /* env is gone when this returns */
    return r;
}

static void the_body_is_read_up_to_its_length(void)
{
    const char data[] = "a=1&b=2 and then some";
    feed f = {data, sizeof(data) - 1, 0, 3, 0, false};
    req_reader in = {feed_read, &f};
    request r = with_length("7");
    CHECK(req_read_body(&r, &A, &in, 100) == REQ_OK);
    CHECK(r.body_read && r.body_len == 7);
    CHECK_STR(r.body, "a=1&b=2"); /* NUL-terminated, nothing past its length read */
    CHECK(f.pos == 7);
    CHECK(req_parse_form(&r, &A) == REQ_OK);
    CHECK_STR(req_field(&r, "b"), "2");
    /* a second call reads nothing more */
    int calls = f.calls;
    CHECK(req_read_body(&r, &A, &in, 100) == REQ_OK);
    CHECK(f.calls == calls && r.body_len == 7);
    /* the limit is inclusive */
    f = (feed){data, sizeof(data) - 1, 0, 1000, 0, false};
    r = with_length("21");
    CHECK(req_read_body(&r, &A, &in, 21) == REQ_OK);
    CHECK(r.body_len == 21);
}

static void a_length_over_the_limit_is_refused_unread(void)
{
    feed f = {"abc", 3, 0, 100, 0, false};
    req_reader in = {feed_read, &f};
    request r = with_length("65537");
    CHECK(req_read_body(&r, &A, &in, 65536) == REQ_TOO_LARGE);
    CHECK(f.calls == 0 && !r.body_read);
    r = with_length("1");
    CHECK(req_read_body(&r, &A, &in, 0) == REQ_TOO_LARGE);
    CHECK(f.calls == 0);
    char *huge[] = {"CONTENT_LENGTH=9999999999999999", NULL};
    CHECK(req_from_env(&r, &A, huge) == REQ_TOO_LARGE);
}

static void a_body_shorter_than_its_length_is_refused(void)
{
    feed f = {"abc", 3, 0, 2, 0, false};
    req_reader in = {feed_read, &f};
    request r = with_length("10");
    CHECK(req_read_body(&r, &A, &in, 100) == REQ_SHORT_BODY);
    CHECK(req_status_http(REQ_SHORT_BODY) == 400);
    f = (feed){"abc", 3, 0, 2, 0, true};
    r = with_length("3");
    CHECK(req_read_body(&r, &A, &in, 100) == REQ_SHORT_BODY);
    r = with_length("3");
    CHECK(req_read_body(&r, &A, NULL, 100) == REQ_SHORT_BODY);
}

static void a_body_without_length_is_read_to_its_end(void)
{
    static char big[100000];
    memset(big, 'x', sizeof(big));
    feed f = {big, sizeof(big), 0, 4096, 0, false};
    req_reader in = {feed_read, &f};
    request r = with_length(NULL);
    CHECK(r.content_length == -1);
    CHECK(req_read_body(&r, &A, &in, 100000) == REQ_OK);
    CHECK(r.body_len == 100000 && r.body[99999] == 'x' && r.body[100000] == '\0');
    /* one byte over the limit is too large, and reading stops there */
    f = (feed){big, sizeof(big), 0, 4096, 0, false};
    r = with_length(NULL);
    CHECK(req_read_body(&r, &A, &in, 99999) == REQ_TOO_LARGE);
    f = (feed){big, sizeof(big), 0, 100000, 0, false};
    r = with_length(NULL);
    CHECK(req_read_body(&r, &A, &in, 1000) == REQ_TOO_LARGE);
    CHECK(f.pos <= 1001 + 16384);
    /* nothing at all */
    f = (feed){big, 0, 0, 10, 0, false};
    r = with_length(NULL);
    CHECK(req_read_body(&r, &A, &in, 1000) == REQ_OK);
    CHECK(r.body_read && r.body_len == 0 && r.body[0] == '\0');
    f = (feed){big, 10, 0, 10, 0, true};
    r = with_length(NULL);
    CHECK(req_read_body(&r, &A, &in, 1000) == REQ_SHORT_BODY);
}

static void content_types_are_matched_whole(void)
{
    CHECK(req_type_is("application/xml", "application/xml"));
    CHECK(req_type_is("Application/XML;charset=UTF-8", "application/xml"));
    CHECK(req_type_is("multipart/form-data; boundary=x", "multipart/form-data"));
    CHECK(req_type_is("text/xml\tx", "text/xml"));
    CHECK(!req_type_is("application/xmlx", "application/xml"));
    CHECK(!req_type_is("application/x-www-form-urlencodedx", "application/x-www-form-urlencoded"));
    CHECK(!req_type_is("", "application/xml"));
    CHECK(!req_type_is(NULL, "application/xml"));
}

static void statuses_map_to_http(void)
{
    CHECK(req_status_http(REQ_BAD_PERCENT) == 400);
    CHECK(req_status_http(REQ_BAD_UTF8) == 400);
    CHECK(req_status_http(REQ_NUL) == 400);
    CHECK(req_status_http(REQ_CONTROL) == 400);
    CHECK(req_status_http(REQ_BAD_KEY) == 400);
    CHECK(req_status_http(REQ_DUP_KEY) == 400);
    CHECK(req_status_http(REQ_TOO_MANY) == 400);
    CHECK(req_status_http(REQ_BAD_LENGTH) == 400);
    CHECK(req_status_http(REQ_BAD_PATH) == 400);
    CHECK(req_status_http(REQ_TOO_LARGE) == 413);
    CHECK(req_status_http(REQ_TOO_LONG) == 414);
    CHECK(req_status_http(REQ_BAD_TYPE) == 415);
    CHECK(req_status_http(REQ_BAD_MULTIPART) == 400);
    CHECK(req_status_http(REQ_NO_BODY_HERE) == 413);
    for (int s = REQ_BAD_PERCENT; s < REQ__MAX; s++) {
        const char *m = req_status_message((req_status)s);
        CHECK(m != NULL && *m != '\0');
    }
}

static void language_comes_from_accept_language(void)
{
    CHECK_STR(req_lang_from_accept("zh-CN,zh;q=0.9,en;q=0.8"), "zh-CN");
    CHECK_STR(req_lang_from_accept("en-US,en;q=0.9"), "en");
    CHECK(req_lang_from_accept("fr-FR") == NULL);
    CHECK_STR(req_lang_from_accept("fr,en;q=0.5"), "en");
    CHECK_STR(req_lang_from_accept("en;q=0.3,zh;q=0.7"), "zh-CN");
    CHECK_STR(req_lang_from_accept("zh-TW"), "zh-CN");
    CHECK_STR(req_lang_from_accept("de, en-GB;q=0.8, zh;q=0.5"), "en");
    CHECK(req_lang_from_accept("english,zhx") == NULL); /* a prefix is not a language */
    CHECK(req_lang_from_accept("en;q=0") == NULL);      /* q=0 means "not acceptable" */
    CHECK(req_lang_from_accept("") == NULL);
    CHECK(req_lang_from_accept(NULL) == NULL);
    CHECK_STR(req_lang_from_accept("zh;q=0.9, en; q=0.1"), "zh-CN"); /* space before q= */
}

/* Whether a request with this Accept header (or none) wants XML. */
static bool wants_xml(char *accept_param)
{
    char *env[] = {"DOCUMENT_URI=/", accept_param, NULL};
    request r;
    if (req_from_env(&r, &A, env) != REQ_OK)
        return false;
    return req_wants_xml(&r);
}

static void xml_only_when_asked_for_without_html(void)
{
    CHECK(wants_xml("HTTP_ACCEPT=application/xml"));
    CHECK(wants_xml("HTTP_ACCEPT=application/xml, */*;q=0.1"));
    CHECK(!wants_xml("HTTP_ACCEPT=text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    CHECK(!wants_xml("HTTP_ACCEPT=*/*"));
    CHECK(!wants_xml(NULL));
}

static void clients_are_known_by_address_or_network(void)
{
    arena a;
    arena_init(&a, 1024);
    CHECK_STR(req_client_key(&a, "203.0.113.7"), "203.0.113.7");
    CHECK_STR(req_client_key(&a, "127.0.0.2"), "127.0.0.2");
    /* one IPv6 subscriber network, however many addresses it uses */
    CHECK_STR(req_client_key(&a, "2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
    CHECK_STR(req_client_key(&a, "2001:db8:1:2::1"), "2001:db8:1:2::/64");
    CHECK_STR(req_client_key(&a, "2001:DB8:1:2:0:0:0:ffff"), "2001:db8:1:2::/64");
    CHECK_STR(req_client_key(&a, "2001:db8:1:3::1"), "2001:db8:1:3::/64");
    CHECK_STR(req_client_key(&a, "::1"), "::/64");
    CHECK_STR(req_client_key(&a, "::ffff:198.51.100.9"), "198.51.100.9"); /* IPv4 mapped */
    /* whatever else arrives is kept as it is */
    CHECK_STR(req_client_key(&a, ""), "");
    CHECK_STR(req_client_key(&a, "unix:"), "unix:");
    CHECK_STR(req_client_key(&a, "2001:db8::zz"), "2001:db8::zz");
    CHECK_STR(req_client_key(&a, NULL), "");
    arena_free(&a);
}

int main(void)
{
    clients_are_known_by_address_or_network();
    arena_init(&A, 0);
    simple_pairs_parse_in_order();
    empty_input_gives_no_fields();
    empty_segments_are_skipped();
    key_without_equals_has_empty_value();
    only_the_first_equals_splits();
    plus_is_a_space_and_percent_escapes_decode();
    only_the_given_length_is_parsed();
    bad_percent_is_refused();
    decoded_values_must_be_utf8_text();
    duplicate_keys_are_refused();
    keys_are_short_and_plain();
    too_many_fields_are_refused();
    cookies_parse_with_whitespace();
    cookies_skip_malformed_pairs();
    cookies_first_duplicate_wins();
    cookies_unquote_values();
    no_cookie_header_gives_no_cookies();
    request_fills_from_fastcgi_parameters();
    missing_parameters_have_defaults();
    path_must_start_with_a_slash();
    path_must_be_utf8_text();
    query_over_the_limit_is_too_long();
    query_errors_come_back();
    content_length_must_be_a_number();
    admin_user_only_when_non_empty();
    uri_path_is_the_path_as_sent();
    urlencoded_body_becomes_the_form();
    bad_form_body_is_refused();
    other_bodies_are_kept_but_not_parsed();
    the_body_is_read_up_to_its_length();
    a_length_over_the_limit_is_refused_unread();
    a_body_shorter_than_its_length_is_refused();
    a_body_without_length_is_read_to_its_end();
    content_types_are_matched_whole();
    statuses_map_to_http();
    language_comes_from_accept_language();
    xml_only_when_asked_for_without_html();
    arena_free(&A);
    return check_done("test_request");
}
