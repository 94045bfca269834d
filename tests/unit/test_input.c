/* Unit tests for fcgi/input.c: declared query and form fields, validated before a handler sees them. */
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/body_limits.h"
#include "../../fcgi/input.h"
#include "../../fcgi/multipart.h"
#include "check.h"

static arena A;

/* A request whose query and form are parsed from the given strings. */
static request req(const char *query, const char *form)
{
    request r;
    memset(&r, 0, sizeof(r));
    r.method = form ? "POST" : "GET";
    r.path = "/";
    r.query = query;
    CHECK(req_parse_urlencoded(&A, query, strlen(query), &r.args) == REQ_OK);
    CHECK(!form || req_parse_urlencoded(&A, form, strlen(form), &r.form) == REQ_OK);
    return r;
}

/* in_validate's answer for fields over a request built from query and form. */
static const char *validate(const in_field *fields, const char *query, const char *form)
{
    request r = req(query, form);
    return in_validate(fields, &r, &A);
}

static const in_field qty_field[] = {
    IN_INT_F("qty", 1, 99),
    IN_END,
};

static void int_range_bounds_are_inclusive(void)
{
    CHECK(validate(qty_field, "", "qty=1") == NULL);
    CHECK(validate(qty_field, "", "qty=99") == NULL);
    CHECK(validate(qty_field, "", "qty=50") == NULL);
    CHECK_STR(validate(qty_field, "", "qty=0"), "field \"qty\" must be a whole number from 1 to 99");
    CHECK(validate(qty_field, "", "qty=100") != NULL);
    CHECK(validate(qty_field, "", "qty=-1") != NULL);
}

static void negative_ranges_work(void)
{
    static const in_field f[] = {IN_INT_Q("delta", -10, -1), IN_END};
    CHECK(validate(f, "delta=-10", NULL) == NULL);
    CHECK(validate(f, "delta=-1", NULL) == NULL);
    CHECK(validate(f, "delta=0", NULL) != NULL);
    CHECK(validate(f, "delta=-11", NULL) != NULL);
}

static void non_numbers_are_refused(void)
{
    const char *bad[] = {"qty=abc", "qty=1.5",  "qty=01",  "qty=%2B1",
                         "qty=1+",  "qty=%201", "qty=1e2", "qty=99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *msg = validate(qty_field, "", bad[i]);
        CHECK(msg != NULL && strstr(msg, "\"qty\"") != NULL);
        if (!msg)
            fprintf(stderr, "  form \"%s\" passed\n", bad[i]);
    }
}

static const char *const sorts[] = {"new", "price", "name", NULL};

static void enum_takes_only_its_choices(void)
{
    static const in_field f[] = {IN_ENUM_Q("sort", sorts), IN_END};
    CHECK(validate(f, "sort=new", NULL) == NULL);
    CHECK(validate(f, "sort=name", NULL) == NULL);
    CHECK_STR(validate(f, "sort=old", NULL), "field \"sort\" has a value that is not one of its choices");
    CHECK(validate(f, "sort=NEW", NULL) != NULL);
    CHECK(validate(f, "sort=ne", NULL) != NULL);
    CHECK(validate(f, "sort=news", NULL) != NULL);
}

static void text_length_counts_characters(void)
{
    static const in_field f[] = {IN_TEXT_F("name", 2, 4), IN_END};
    CHECK(validate(f, "", "name=ab") == NULL);
    CHECK(validate(f, "", "name=abcd") == NULL);
    CHECK_STR(validate(f, "", "name=a"), "field \"name\" must be 2 to 4 characters long");
    CHECK(validate(f, "", "name=abcde") != NULL);
    /* 你好世界 is 4 characters in 12 bytes */
    CHECK(validate(f, "", "name=%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C") == NULL);
    /* 你 is 1 character in 3 bytes: too short */
    CHECK(validate(f, "", "name=%E4%BD%A0") != NULL);
    /* 5 CJK characters: too long */
    CHECK(validate(f, "", "name=%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C%21") != NULL);
}

static void empty_text_is_checked_against_its_minimum(void)
{
    static const in_field f[] = {IN_TEXT_F("note", 1, 10), IN_END};
    CHECK(validate(f, "", "note=") != NULL);
    static const in_field g[] = {IN_TEXT_F("note", 0, 10), IN_END};
    CHECK(validate(g, "", "note=") == NULL);
}

static void required_missing_names_the_field(void)
{
    CHECK_STR(validate(qty_field, "", ""), "field \"qty\" is required");
    CHECK_STR(validate(qty_field, "", "other=1"), "field \"qty\" is required");
    CHECK_STR(validate(qty_field, "", "qty="), "field \"qty\" is required");  /* empty number */
    CHECK_STR(validate(qty_field, "qty=5", ""), "field \"qty\" is required"); /* form field, not query */
}

static void optional_missing_is_fine(void)
{
    static const in_field f[] = {IN_INT_Q("page", 1, 1000), IN_ENUM_Q("sort", sorts), IN_TEXT_Q("q", 1, 50), IN_END};
    CHECK(validate(f, "", NULL) == NULL);
    CHECK(validate(f, "page=&sort=", NULL) == NULL);
    CHECK(validate(f, "page=3", NULL) == NULL);
    CHECK(validate(f, "page=0", NULL) != NULL); /* present values are still checked */
}

static void optional_empty_is_absent(void)
{
    /* "?status=" or "?after=" mean "not given", for every kind, even a text
     * whose minimum length is above zero */
    static const in_field f[] = {IN_INT_Q("after", 0, 100), IN_ENUM_Q("status", sorts), IN_TEXT_Q("q", 1, 50),
                                 IN_TEXT_Q("note", 0, 50), IN_END};
    CHECK(validate(f, "after=&status=&q=&note=", NULL) == NULL);
    request r = req("after=&status=&q=&note=", NULL);
    CHECK(in_value(f, &r, "after") == NULL);
    CHECK(in_value(f, &r, "status") == NULL);
    CHECK(in_value(f, &r, "q") == NULL);
    CHECK(in_value(f, &r, "note") == NULL);
    r = req("status=price&q=x", NULL);
    CHECK_STR(in_value(f, &r, "status"), "price");
    CHECK_STR(in_value(f, &r, "q"), "x");
    /* a required text keeps its empty value (the form shows what is missing) */
    static const in_field g[] = {IN_TEXT_F("email", 0, 254), IN_END};
    r = req("", "email=");
    CHECK_STR(in_value(g, &r, "email"), "");
}

static void first_failing_field_is_named(void)
{
    static const in_field f[] = {IN_INT_Q("page", 1, 10), IN_ENUM_Q("sort", sorts), IN_END};
    const char *msg = validate(f, "page=1&sort=bad", NULL);
    CHECK(msg != NULL && strstr(msg, "\"sort\"") != NULL);
    msg = validate(f, "page=11&sort=bad", NULL);
    CHECK(msg != NULL && strstr(msg, "\"page\"") != NULL);
}

static bool is_even(const char *v)
{
    size_t n = strlen(v);
    return n > 0 && (v[n - 1] - '0') % 2 == 0;
}

static void custom_check_runs_after_the_kind(void)
{
    static const in_field f[] = {
        {.name = "n", .kind = IN_INT, .where = IN_QUERY, .required = true, .min = 0, .max = 100, .check = is_even},
        IN_END,
    };
    CHECK(validate(f, "n=42", NULL) == NULL);
    CHECK_STR(validate(f, "n=43", NULL), "field \"n\" is not valid");
    /* out of range is reported as such, before the check */
    CHECK_STR(validate(f, "n=102", NULL), "field \"n\" must be a whole number from 0 to 100");
    CHECK_STR(validate(f, "", NULL), "field \"n\" is required");
}

static void undeclared_fields_are_ignored(void)
{
    CHECK(validate(qty_field, "junk=%3Cx%3E", "qty=3&extra=1") == NULL);
}

static const in_field both_field[] = {
    {.name = "id", .kind = IN_INT, .where = IN_QUERY | IN_FORM, .min = 1, .max = 1000},
    IN_INT_Q("page", 1, 10),
    IN_END,
};

static void value_prefers_form_to_query(void)
{
    request r = req("id=1&page=2", "id=7");
    CHECK_STR(in_value(both_field, &r, "id"), "7");
    CHECK_STR(in_value(both_field, &r, "page"), "2");
    r = req("id=1", "other=7");
    CHECK_STR(in_value(both_field, &r, "id"), "1");
}

static void validation_looks_where_the_value_comes_from(void)
{
    /* the form's id is the one checked: the query's bad id is not used */
    CHECK(validate(both_field, "id=5000", "id=7") == NULL);
    CHECK(validate(both_field, "id=7", "id=5000") != NULL);
}

static void value_of_undeclared_or_missing_is_null(void)
{
    request r = req("page=2&secret=x", NULL);
    CHECK(in_value(both_field, &r, "secret") == NULL);
    CHECK(in_value(both_field, &r, "id") == NULL);
    /* a query-only field is not read from the form */
    r = req("", "page=3");
    CHECK(in_value(both_field, &r, "page") == NULL);
}

/* The body arrives in pieces of at most 1000 bytes, as from FastCGI records. */
typedef struct feed {
    const char *data;
    size_t len, pos;
} feed;

static long feed_read(void *state, char *buf, size_t n)
{
    feed *f = state;
    size_t k = f->len - f->pos;
    if (k > n)
        k = n;
    if (k > 1000)
        k = 1000;
    memcpy(buf, f->data + f->pos, k);
    f->pos += k;
    return (long)k;
}

/* A request carrying body as multipart/form-data with the given boundary,
 * read and parsed the way the dispatcher does for a multipart route
 * (req_read_body, then multipart_parse_request). */
static req_status multipart_request(request *r, const char *boundary, const char *body, size_t len)
{
    char ct[128], cl[64];
    snprintf(ct, sizeof(ct), "CONTENT_TYPE=multipart/form-data; boundary=%s", boundary);
    snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", len);
    char *env[] = {"REQUEST_METHOD=POST", "DOCUMENT_URI=/deliveries/1/requirement", ct, cl, NULL};
    CHECK(req_from_env(r, &A, env) == REQ_OK);
    r->content_type = arena_strdup(&A, r->content_type); /* env is gone when this returns */
    r->envp = NULL;
    feed f = {body, len, 0};
    req_reader in = {feed_read, &f};
    req_status st = req_read_body(r, &A, &in, MP_UPLOAD_BODY_MAX);
    if (st != REQ_OK)
        return st;
    const char *why;
    return multipart_parse_request(r, &A, &why);
}

/* A body as Chromium sends it for a requirement form with two files. */
static const char recorded[] = "------WebKitFormBoundaryqY5dSdTQ2nZxRjVh\r\n"
                               "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                               "0123456789abcdef0123456789abcdef\r\n"
                               "------WebKitFormBoundaryqY5dSdTQ2nZxRjVh\r\n"
                               "Content-Disposition: form-data; name=\"text\"\r\n\r\n"
                               "需要一个官网首页。\r\nLogo 见附件。\r\n"
                               "------WebKitFormBoundaryqY5dSdTQ2nZxRjVh\r\n"
                               "Content-Disposition: form-data; name=\"attachments\"; filename=\"需求说明.pdf\"\r\n"
                               "Content-Type: application/pdf\r\n\r\n"
                               "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n\r\n"
                               "------WebKitFormBoundaryqY5dSdTQ2nZxRjVh\r\n"
                               "Content-Disposition: form-data; name=\"attachments\"; filename=\"logo.PNG\"\r\n"
                               "Content-Type: image/png\r\n\r\n"
                               "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\r\n"
                               "------WebKitFormBoundaryqY5dSdTQ2nZxRjVh--\r\n";

static const in_field requirement[] = {
    IN_TEXT_F("csrf", 32, 32),
    IN_TEXT_F("text", 1, 2000),
    IN_FILE_F("attachments", 0, MP_UPLOAD_FILES, MP_UPLOAD_FILE_MAX, MP_UPLOAD_TOTAL_MAX, in_attachment_types),
    IN_END,
};

static void a_recorded_upload_validates_end_to_end(void)
{
    request r;
    CHECK(multipart_request(&r, "----WebKitFormBoundaryqY5dSdTQ2nZxRjVh", recorded, sizeof(recorded) - 1) == REQ_OK);
    CHECK(in_validate(requirement, &r, &A) == NULL);
    /* text fields are form fields: CSRF and declared inputs as for url-encoded forms */
    CHECK_STR(req_field(&r, "csrf"), "0123456789abcdef0123456789abcdef");
    CHECK_STR(in_value(requirement, &r, "text"), "需要一个官网首页。\r\nLogo 见附件。");
    CHECK(in_value(requirement, &r, "attachments") == NULL);
    size_t n;
    const req_file *f = in_files(requirement, &r, "attachments", &n);
    CHECK(n == 2 && f != NULL);
    if (n != 2)
        return;
    CHECK_STR(f[0].name, "需求说明.pdf");
    CHECK_STR(f[0].type, "application/pdf");
    CHECK(f[0].size == 41 && memcmp(f[0].data, "%PDF-1.4\n", 9) == 0);
    CHECK_STR(f[1].name, "logo.PNG");
    CHECK_STR(f[1].type, "image/png"); /* the extension in any case */
    CHECK(f[1].size == 16);
    /* the files are the body's own bytes: read once, never copied */
    for (size_t i = 0; i < n; i++)
        CHECK(f[i].data >= r.body && f[i].data + f[i].size <= r.body + r.body_len);
    /* undeclared names, and names that are not file fields, give none */
    CHECK(in_files(requirement, &r, "text", &n) == NULL && n == 0);
    CHECK(in_files(requirement, &r, "other", &n) == NULL && n == 0);
    CHECK(in_files(NULL, &r, "attachments", &n) == NULL && n == 0);
}

#define FILE_PART(field, name, type, data)                                                                             \
    "--B\r\nContent-Disposition: form-data; name=\"" field "\"; filename=\"" name "\"\r\nContent-Type: " type          \
    "\r\n\r\n" data "\r\n"

static const in_file_type small_types[] = {
    {".txt", "text/plain", NULL},
    {".jpg", "image/jpeg", "image/jpg image/pjpeg"},
    {NULL, NULL, NULL},
};
static const in_field docs[] = {IN_FILE_F("docs", 0, 2, 10, 15, small_types), IN_END};
static const in_field docs_required[] = {IN_FILE_F("docs", 1, 2, 10, 15, small_types), IN_END};

/* in_validate over a multipart body of the given parts (boundary "B") */
static const char *validate_files(const in_field *fields, const char *parts)
{
    const char *body = arena_printf(&A, "%s--B--\r\n", parts);
    request r;
    req_status st = multipart_request(&r, "B", body, strlen(body));
    CHECK(st == REQ_OK);
    if (st != REQ_OK)
        return "(did not parse)";
    return in_validate(fields, &r, &A);
}

static void file_limits_name_the_field_and_the_limit(void)
{
    CHECK(validate_files(docs, FILE_PART("docs", "a.txt", "text/plain", "0123456789")) == NULL);
    CHECK(validate_files(docs, "") == NULL); /* optional */
    CHECK_STR(validate_files(docs_required, ""), "field \"docs\" is required");
    /* an empty file input counts as none */
    CHECK_STR(validate_files(docs_required, FILE_PART("docs", "", "application/octet-stream", "")),
              "field \"docs\" is required");
    CHECK_STR(validate_files(docs, FILE_PART("docs", "a.txt", "text/plain", "0123456789a")),
              "field \"docs\": file \"a.txt\" is larger than 10 bytes");
    CHECK_STR(validate_files(docs,
                             FILE_PART("docs", "a.txt", "text/plain", "1") FILE_PART("docs", "b.txt", "text/plain", "2")
                                 FILE_PART("docs", "c.txt", "text/plain", "3")),
              "field \"docs\" takes 0 to 2 files");
    CHECK_STR(validate_files(docs, FILE_PART("docs", "a.txt", "text/plain", "0123456789")
                                       FILE_PART("docs", "b.txt", "text/plain", "012345")),
              "field \"docs\": the files are larger than 15 bytes together");
    CHECK(validate_files(docs, FILE_PART("docs", "a.txt", "text/plain", "0123456")
                                   FILE_PART("docs", "b.txt", "text/plain", "01234567")) == NULL);
}

static void empty_and_nameless_files_are_refused(void)
{
    CHECK_STR(validate_files(docs, FILE_PART("docs", "a.txt", "text/plain", "")),
              "field \"docs\": file \"a.txt\" is empty");
    CHECK_STR(validate_files(docs, FILE_PART("docs", "", "text/plain", "data")), "field \"docs\": a file has no name");
    CHECK_STR(validate_files(docs, FILE_PART("docs", "../", "text/plain", "data")),
              "field \"docs\": a file has no name");
}

static void file_types_follow_the_extension(void)
{
    const char *msg = validate_files(docs, FILE_PART("docs", "a.exe", "text/plain", "MZ"));
    CHECK_STR(msg, "field \"docs\": file \"a.exe\" is not of a type it takes (.txt, .jpg)");
    CHECK(validate_files(docs, FILE_PART("docs", "noext", "text/plain", "x")) != NULL);
    CHECK(validate_files(docs, FILE_PART("docs", ".txt", "text/plain", "x")) != NULL); /* all extension */
    CHECK(validate_files(docs, FILE_PART("docs", "a.txt.exe", "text/plain", "x")) != NULL);
    CHECK(validate_files(docs, FILE_PART("docs", "a.exe.txt", "text/plain", "x")) == NULL);
    /* the declared type must agree with the extension, or say nothing */
    CHECK_STR(validate_files(docs, FILE_PART("docs", "a.txt", "text/html", "<b>")),
              "field \"docs\": file \"a.txt\" is sent as text/html, which its extension .txt contradicts");
    CHECK(validate_files(docs, FILE_PART("docs", "a.txt", "application/octet-stream", "x")) == NULL);
    CHECK(validate_files(docs, FILE_PART("docs", "a.JPG", "image/pjpeg", "x")) == NULL);
    CHECK(validate_files(docs, FILE_PART("docs", "a.jpg", "IMAGE/JPG", "x")) == NULL);
    CHECK(validate_files(docs, FILE_PART("docs", "a.jpg", "image/png", "x")) != NULL);
    CHECK(validate_files(docs, FILE_PART("docs", "a.jpg", "image/jp", "x")) != NULL); /* not a prefix match */
    CHECK(validate_files(docs, "--B\r\nContent-Disposition: form-data; name=\"docs\"; filename=\"a.txt\"\r\n\r\n"
                               "x\r\n") == NULL); /* no Content-Type */
    /* the type kept is the list's, not the client's */
    request r;
    const char *body = FILE_PART("docs", "a.jpg", "image/pjpeg", "x") "--B--\r\n";
    CHECK(multipart_request(&r, "B", body, strlen(body)) == REQ_OK);
    CHECK(in_validate(docs, &r, &A) == NULL);
    size_t n;
    const req_file *f = in_files(docs, &r, "docs", &n);
    CHECK(n == 1 && f && strcmp(f->type, "image/jpeg") == 0 && strcmp(f->declared_type, "image/pjpeg") == 0);
}

static void files_only_where_declared(void)
{
    CHECK_STR(validate_files(docs, FILE_PART("other", "a.txt", "text/plain", "x")),
              "field \"other\" does not take files");
    CHECK_STR(validate_files(NULL, FILE_PART("docs", "a.txt", "text/plain", "x")),
              "field \"docs\" does not take files");
    static const in_field text_only[] = {IN_TEXT_F("docs", 0, 10), IN_END};
    CHECK_STR(validate_files(text_only, FILE_PART("docs", "a.txt", "text/plain", "x")),
              "field \"docs\" does not take files");
}

/* the limits of fcgi/body_limits.h: 5 files, 10 MiB each, 20 MiB together,
 * in a body the multipart limit admits */
static void upload_limits_hold_together(void)
{
    size_t big = MP_UPLOAD_FILE_MAX;
    char *body = malloc(3 * (big + 200) + 100);
    char *p = body;
    for (int i = 0; i < 2; i++) {
        p += sprintf(p, "--B\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"%d.txt\"\r\n\r\n", i);
        memset(p, 'x', big);
        p += big;
        p += sprintf(p, "\r\n");
    }
    char *two = p;
    p += sprintf(p, "--B--\r\n");
    static const in_field att[] = {
        IN_FILE_F("attachments", 0, MP_UPLOAD_FILES, MP_UPLOAD_FILE_MAX, MP_UPLOAD_TOTAL_MAX, in_attachment_types),
        IN_END,
    };
    request r;
    CHECK((size_t)(p - body) <= MP_UPLOAD_BODY_MAX);
    CHECK(multipart_request(&r, "B", body, (size_t)(p - body)) == REQ_OK);
    CHECK(in_validate(att, &r, &A) == NULL); /* 2 x 10 MiB: at both limits */
    /* a third file goes over 20 MiB together */
    p = two;
    p += sprintf(
        p, "--B\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"2.txt\"\r\n\r\nx\r\n--B--\r\n");
    CHECK(multipart_request(&r, "B", body, (size_t)(p - body)) == REQ_OK);
    CHECK_STR(in_validate(att, &r, &A), "field \"attachments\": the files are larger than 20 MiB together");
    /* one byte over 10 MiB */
    p = body +
        sprintf(body, "--B\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.pdf\"\r\n\r\n");
    memset(p, 'x', big + 1);
    p += big + 1;
    p += sprintf(p, "\r\n--B--\r\n");
    CHECK(multipart_request(&r, "B", body, (size_t)(p - body)) == REQ_OK);
    CHECK_STR(in_validate(att, &r, &A), "field \"attachments\": file \"big.pdf\" is larger than 10 MiB");
    free(body);
    arena_reset(&A);
}

int main(void)
{
    arena_init(&A, 0);
    int_range_bounds_are_inclusive();
    negative_ranges_work();
    non_numbers_are_refused();
    enum_takes_only_its_choices();
    text_length_counts_characters();
    empty_text_is_checked_against_its_minimum();
    required_missing_names_the_field();
    optional_missing_is_fine();
    optional_empty_is_absent();
    first_failing_field_is_named();
    custom_check_runs_after_the_kind();
    undeclared_fields_are_ignored();
    value_prefers_form_to_query();
    validation_looks_where_the_value_comes_from();
    value_of_undeclared_or_missing_is_null();
    a_recorded_upload_validates_end_to_end();
    file_limits_name_the_field_and_the_limit();
    empty_and_nameless_files_are_refused();
    file_types_follow_the_extension();
    files_only_where_declared();
    upload_limits_hold_together();
    arena_free(&A);
    return check_done("test_input");
}
