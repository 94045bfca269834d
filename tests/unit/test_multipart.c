/* Unit tests for fcgi/multipart.c: multipart/form-data bodies, well formed and not, and the file names they carry. */
#include <stdio.h>
#include <string.h>

#include "../../fcgi/multipart.h"
#include "../../fcgi/text.h"
#include "check.h"

static arena A;
static kv_list form;
static req_file *files;
static size_t nfiles;
static const char *why;

/* multipart_parse of a body given as a C string (len: strlen). */
static req_status parse_n(const char *boundary, const char *body, size_t len)
{
    return multipart_parse(&A, boundary, body, len, &form, &files, &nfiles, &why);
}

static req_status parse(const char *body)
{
    return parse_n("XYZ", body, strlen(body));
}

static const char *field(const char *key)
{
    const kv *v = kv_find(&form, key);
    return v ? v->val : NULL;
}

/* whether p[0..n) lies inside body[0..len): a file's bytes are not copied */
static bool inside(const char *p, size_t n, const char *body, size_t len)
{
    return p >= body && p + n <= body + len;
}

#define PART(name) "--XYZ\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"
#define FILEPART(name, fn, type)                                                                                       \
    "--XYZ\r\nContent-Disposition: form-data; name=\"" name "\"; filename=\"" fn "\"\r\nContent-Type: " type "\r\n\r\n"
#define END "--XYZ--\r\n"

static const char full[] = PART("csrf") "tok123\r\n"                                             /* */
    PART("note") "line one\r\nline two\r\n"                                                      /* */
    FILEPART("attachments", "spec.pdf", "application/pdf") "%PDF-1.7\r\n\x00\x01\xff binary\r\n" /* */
    FILEPART("logo", "logo.png", "image/png") "\x89PNG\r\n\x1a\n\r\n"                            /* */
    FILEPART("attachments", "notes.txt", "text/plain") "plain notes\r\n" END;

static void fields_and_files_parse(void)
{
    size_t len = sizeof(full) - 1;
    CHECK(parse_n("XYZ", full, len) == REQ_OK);
    CHECK(form.n == 2);
    CHECK_STR(field("csrf"), "tok123");
    CHECK_STR(field("note"), "line one\r\nline two");
    CHECK(kv_find(&form, "note")->vlen == 18);
    CHECK(nfiles == 3);
    if (nfiles != 3)
        return;
    /* the files of one field next to each other, in the order sent */
    CHECK_STR(files[0].field, "attachments");
    CHECK_STR(files[0].name, "spec.pdf");
    CHECK_STR(files[0].declared_type, "application/pdf");
    CHECK(files[0].size == 20);
    CHECK(memcmp(files[0].data, "%PDF-1.7\r\n\x00\x01\xff binary", 20) == 0);
    CHECK_STR(files[1].field, "attachments");
    CHECK_STR(files[1].name, "notes.txt");
    CHECK(files[1].size == 11 && memcmp(files[1].data, "plain notes", 11) == 0);
    CHECK_STR(files[2].field, "logo");
    CHECK(files[2].size == 8 && memcmp(files[2].data, "\x89PNG\r\n\x1a\n", 8) == 0);
    for (size_t i = 0; i < nfiles; i++) {
        CHECK(inside(files[i].data, files[i].size, full, len));
        CHECK(files[i].type == NULL); /* set by validation, not by parsing */
    }
}

static void every_cut_of_a_body_is_refused(void)
{
    /* a body cut anywhere before its close delimiter ends is incomplete */
    size_t whole = sizeof(full) - 1 - 2; /* without the epilogue's CRLF */
    for (size_t n = 0; n < whole; n++) {
        char *copy = arena_strndup(&A, full, n); /* exactly n bytes, so ASan sees any read past them */
        req_status st = parse_n("XYZ", copy, n);
        CHECK(st != REQ_OK);
        if (st == REQ_OK)
            fprintf(stderr, "  a body cut at %zu bytes parsed\n", n);
    }
    CHECK(parse_n("XYZ", full, whole) == REQ_OK);
}

static void boundary_comes_from_the_content_type(void)
{
    CHECK_STR(multipart_boundary(&A, "multipart/form-data; boundary=XYZ"), "XYZ");
    CHECK_STR(multipart_boundary(&A, "Multipart/Form-Data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
              "----WebKitFormBoundary7MA4YWxkTrZu0gW");
    CHECK_STR(multipart_boundary(&A, "multipart/form-data; charset=utf-8; boundary=\"a b'()+_,-./:=?\""),
              "a b'()+_,-./:=?");
    CHECK_STR(multipart_boundary(&A, "multipart/form-data; BOUNDARY=x;"), "x");
    char seventy[120] = "multipart/form-data; boundary=";
    memset(seventy + strlen(seventy), 'b', 70);
    CHECK(multipart_boundary(&A, seventy) != NULL);
    strcat(seventy, "b"); /* 71 */
    CHECK(multipart_boundary(&A, seventy) == NULL);
    const char *bad[] = {
        "multipart/form-data",                              /* missing */
        "multipart/form-data;",                             /* missing */
        "multipart/form-data; boundary=",                   /* empty */
        "multipart/form-data; boundary=\"\"",               /* empty */
        "multipart/form-data; boundary=\"ends in space \"", /* RFC 2046 */
        "multipart/form-data; boundary=a; boundary=b",      /* twice */
        "multipart/form-data; boundary=\"unclosed",         /* quote */
        "multipart/form-data; boundary=a<b",                /* not a bchar */
        "multipart/form-data; boundary=\"a\\b\"",           /* not a bchar */
        "multipart/form-data boundary=a",                   /* no ';' */
        "multipart/mixed; boundary=a",                      /* another type */
        "multipart/form-datax; boundary=a",
        "application/x-www-form-urlencoded",
        "",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *b = multipart_boundary(&A, bad[i]);
        CHECK(b == NULL);
        if (b)
            fprintf(stderr, "  \"%s\" gave boundary \"%s\"\n", bad[i], b);
    }
    CHECK(multipart_boundary(&A, NULL) == NULL);
}

static void a_wrong_or_missing_boundary_is_refused(void)
{
    CHECK(parse_n("ABC", full, sizeof(full) - 1) == REQ_BAD_MULTIPART);
    CHECK_STR(why, "the body does not contain its boundary");
    CHECK(parse_n("XY", full, sizeof(full) - 1) == REQ_BAD_MULTIPART); /* a prefix of the real one */
    CHECK(parse_n("XYZZ", full, sizeof(full) - 1) == REQ_BAD_MULTIPART);
    CHECK(parse_n("", full, sizeof(full) - 1) == REQ_BAD_MULTIPART);
    CHECK(parse_n(NULL, full, sizeof(full) - 1) == REQ_BAD_MULTIPART);
    CHECK(parse("") == REQ_BAD_MULTIPART);
    CHECK(parse("a=1&b=2") == REQ_BAD_MULTIPART);

    request r;
    memset(&r, 0, sizeof(r));
    r.body = full;
    r.body_len = sizeof(full) - 1;
    r.content_type = "multipart/form-data";
    CHECK(multipart_parse_request(&r, &A, &why) == REQ_BAD_MULTIPART);
    CHECK(why != NULL && strstr(why, "boundary"));
    r.content_type = "multipart/form-data; boundary=\"XYZ\"";
    CHECK(multipart_parse_request(&r, &A, &why) == REQ_OK);
    CHECK(r.form.n == 2 && r.nfiles == 3);
}

static void boundary_text_inside_data_is_data(void)
{
    /* mid-line, at the start of the content, and a line that only starts
     * with the boundary: none is a delimiter */
    const char body[] = PART("a") "x--XYZ y\r\n--XYZ-not\r\n--XYZZ\r\n--XYZ\tz\r\n" END;
    CHECK(parse(body) == REQ_OK);
    CHECK_STR(field("a"), "x--XYZ y\r\n--XYZ-not\r\n--XYZZ\r\n--XYZ\tz");
    const char start[] = PART("a") "--XYZa\r\n" END;
    CHECK(parse(start) == REQ_OK);
    CHECK_STR(field("a"), "--XYZa");
    /* a file whose bytes contain the boundary without the CRLF before it */
    const char file[] = FILEPART("f", "a.bin", "application/octet-stream") "\n--XYZ\r\n-XYZ--"
                                                                           "\r--XYZ\r\n" END;
    CHECK(parse(file) == REQ_OK);
    CHECK(nfiles == 1 && files[0].size == 20 && memcmp(files[0].data, "\n--XYZ\r\n-XYZ--\r--XYZ", 20) == 0);
}

static void padding_preamble_and_epilogue_are_allowed(void)
{
    const char body[] =
        "preamble text\r\n--XYZ \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XYZ  \r\n"
        "content-disposition: FORM-DATA;name=b\r\n\r\n2\r\n--XYZ--epilogue\r\nmore";
    CHECK(parse(body) == REQ_OK);
    CHECK_STR(field("a"), "1");
    CHECK_STR(field("b"), "2");
    CHECK(parse("--XYZ--\r\n") == REQ_OK); /* no parts at all */
    CHECK(form.n == 0 && nfiles == 0);
    CHECK(parse("--XYZ--") == REQ_OK);
}

static void parts_may_be_empty(void)
{
    CHECK(parse(PART("a") "\r\n" PART("b") "\r\n" END) == REQ_OK);
    CHECK_STR(field("a"), "");
    CHECK_STR(field("b"), "");
    /* RFC 2046: a part without content may end with its last header line */
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--XYZ--\r\n") == REQ_OK);
    CHECK_STR(field("a"), "");
}

static void truncated_bodies_are_refused(void)
{
    CHECK(parse(PART("a") "1\r\n") == REQ_BAD_MULTIPART);
    CHECK_STR(why, "the body ends before its closing boundary");
    CHECK(parse(PART("a") "1\r\n--XYZ") == REQ_BAD_MULTIPART);
    CHECK(parse(PART("a") "1\r\n--XYZ-") == REQ_BAD_MULTIPART);
    CHECK(parse(PART("a") "1\r\n--XYZ\r\n") == REQ_BAD_MULTIPART); /* a part begun, no headers */
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"a\"") == REQ_BAD_MULTIPART);
    CHECK_STR(why, "the body ends inside a part's headers");
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n") == REQ_BAD_MULTIPART);
    CHECK(parse("--XYZ") == REQ_BAD_MULTIPART);
    CHECK(parse("--XYZ\r\n") == REQ_BAD_MULTIPART);
}

static void huge_part_headers_are_refused(void)
{
    size_t n = MULTIPART_HEADER_MAX + 100;
    char *body = arena_alloc(&A, n + 200);
    int k = snprintf(body, 200, "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    memset(body + k, 'p', n);
    strcpy(body + k + n, "\r\n\r\n1\r\n--XYZ--\r\n");
    CHECK(parse(body) == REQ_BAD_MULTIPART);
    CHECK_STR(why, "a part's headers are too large");
    /* one long line without its end, and many short lines */
    strcpy(body + k + n, "");
    CHECK(parse(body) == REQ_BAD_MULTIPART);
    CHECK_STR(why, "a part's headers are too large");
    char *many = arena_alloc(&A, 20 * 400 + 200);
    char *p = many + sprintf(many, "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n");
    for (int i = 0; i < 400; i++)
        p += sprintf(p, "X-H%d: 1\r\n", i);
    strcpy(p, "\r\n1\r\n--XYZ--\r\n");
    CHECK(parse(many) == REQ_BAD_MULTIPART);
    CHECK_STR(why, "a part's headers are too large");
    /* just under the limit is fine */
    size_t used = strlen("Content-Disposition: form-data; name=\"a\"\r\n") + strlen("X-Pad: \r\n");
    k = snprintf(body, 200, "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    memset(body + k, 'p', MULTIPART_HEADER_MAX - used);
    strcpy(body + k + MULTIPART_HEADER_MAX - used, "\r\n\r\n1\r\n--XYZ--\r\n");
    CHECK(parse(body) == REQ_OK);
    CHECK_STR(field("a"), "1");
}

static void malformed_part_headers_are_refused(void)
{
    const char *bad[] = {
        "--XYZ\r\n\r\n1\r\n" END,                                                       /* no headers at all */
        "--XYZ\r\nContent-Type: text/plain\r\n\r\n1\r\n" END,                           /* no Content-Disposition */
        "--XYZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n" END,        /* not form-data */
        "--XYZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n" END,                     /* no name */
        "--XYZ\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\n1\r\n" END, /* a file without a name */
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n" END,
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n" END,
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n" END,       /* unclosed quote */
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"x\r\n\r\n1\r\n" END,    /* junk after a value */
        "--XYZ\r\nContent-Disposition: form-data; name=\r\n\r\n1\r\n" END,          /* empty token */
        "--XYZ\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n1\r\n" END, /* folded */
        "--XYZ\r\nContent-Disposition form-data; name=\"a\"\r\n\r\n1\r\n" END,      /* no colon */
        "--XYZ\r\n: form-data; name=\"a\"\r\n\r\n1\r\n" END,                        /* no header name */
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\x01\r\n\r\n1\r\n" END, /* control character */
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: text\r\n\r\n1\r\n" END,
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: a/b\r\n\r\n1\r\n" END,
        "--XYZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XYZ--\n",  /* LF line ends */
        "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\n\r\n1\r\n" END, /* a bare LF */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        req_status st = parse(bad[i]);
        CHECK(st == REQ_BAD_MULTIPART);
        if (st != REQ_BAD_MULTIPART)
            fprintf(stderr, "  case %zu: status %d\n", i, (int)st);
    }
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\n1\r\n" END) == REQ_BAD_MULTIPART);
    CHECK_STR(why, "a part has no name");
    /* a NUL in the headers */
    const char nul[] = "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\x00\r\n\r\n1\r\n" END;
    CHECK(parse_n("XYZ", nul, sizeof(nul) - 1) == REQ_BAD_MULTIPART);
    /* other headers are ignored, names of headers in any case */
    CHECK(
        parse("--XYZ\r\nCONTENT-DISPOSITION: form-data; name=a\r\nContent-Transfer-Encoding: 8bit\r\n\r\n1\r\n" END) ==
        REQ_OK);
    CHECK_STR(field("a"), "1");
}

static void names_are_like_url_encoded_ones(void)
{
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n" END) == REQ_BAD_KEY);
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"a b\"\r\n\r\n1\r\n" END) == REQ_BAD_KEY);
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"a%22b\"\r\n\r\n1\r\n" END) == REQ_BAD_KEY);
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"../a\"\r\n\r\n1\r\n" END) == REQ_BAD_KEY);
    char body[300];
    snprintf(body, sizeof(body), "--XYZ\r\nContent-Disposition: form-data; name=\"%065d\"\r\n\r\n1\r\n" END, 0);
    CHECK(parse(body) == REQ_BAD_KEY);
    snprintf(body, sizeof(body), "--XYZ\r\nContent-Disposition: form-data; name=\"%064d\"\r\n\r\n1\r\n" END, 0);
    CHECK(parse(body) == REQ_OK);
}

static void duplicate_fields_are_refused(void)
{
    CHECK(parse(PART("a") "1\r\n" PART("a") "2\r\n" END) == REQ_DUP_KEY);
    CHECK_STR(why, "field \"a\" is given more than once");
    CHECK(parse(PART("a") "1\r\n" PART("b") "2\r\n" PART("a") "1\r\n" END) == REQ_DUP_KEY);
    /* a text field and a file of one name, either way round */
    CHECK(parse(PART("f") "1\r\n" FILEPART("f", "a.txt", "text/plain") "x\r\n" END) == REQ_DUP_KEY);
    CHECK(parse(FILEPART("f", "a.txt", "text/plain") "x\r\n" PART("f") "1\r\n" END) == REQ_DUP_KEY);
    /* several files of one name are what <input type=file multiple> sends */
    CHECK(parse(FILEPART("f", "a.txt", "text/plain") "x\r\n" FILEPART("f", "b.txt", "text/plain") "y\r\n" END) ==
          REQ_OK);
    CHECK(nfiles == 2);
}

static void text_fields_must_be_text(void)
{
    CHECK(parse(PART("a") "\xff\xfe\r\n" END) == REQ_BAD_UTF8);
    CHECK(parse(PART("a") "a\x1b"
                          "b\r\n" END) == REQ_CONTROL);
    const char nul[] = PART("a") "a\x00z\r\n" END;
    CHECK(parse_n("XYZ", nul, sizeof(nul) - 1) == REQ_NUL);
    CHECK(why != NULL && strstr(why, "\"a\""));
    CHECK(parse(PART("a") "中文\ttab\r\n" END) == REQ_OK);
    CHECK_STR(field("a"), "中文\ttab");
}

static void too_many_parts_are_refused(void)
{
    size_t cap = (MULTIPART_PARTS_MAX + 2) * 80;
    char *body = arena_alloc(&A, cap);
    char *p = body;
    for (int i = 0; i <= MULTIPART_PARTS_MAX; i++)
        p += sprintf(p, "--XYZ\r\nContent-Disposition: form-data; name=\"k%d\"\r\n\r\n1\r\n", i);
    strcpy(p, END);
    CHECK(parse(body) == REQ_TOO_MANY);
    p = body;
    for (int i = 0; i <= MULTIPART_PARTS_MAX; i++)
        p += sprintf(p, "--XYZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"%d.txt\"\r\n\r\n1\r\n", i);
    strcpy(p, END);
    CHECK(parse(body) == REQ_TOO_MANY);
    p = body;
    for (int i = 0; i < MULTIPART_PARTS_MAX; i++)
        p += sprintf(p, "--XYZ\r\nContent-Disposition: form-data; name=\"k%d\"\r\n\r\n1\r\n", i);
    strcpy(p, END);
    CHECK(parse(body) == REQ_OK);
    CHECK(form.n == MULTIPART_PARTS_MAX);
}

static void empty_file_inputs_and_empty_files(void)
{
    /* a file input left empty: filename="" and no bytes, skipped */
    CHECK(parse(PART("a") "1\r\n" FILEPART("f", "", "application/octet-stream") "\r\n" END) == REQ_OK);
    CHECK(nfiles == 0 && files == NULL);
    CHECK(form.n == 1);
    /* a named file of no bytes is kept, for validation to refuse */
    CHECK(parse(FILEPART("f", "empty.txt", "text/plain") "\r\n" END) == REQ_OK);
    CHECK(nfiles == 1 && files[0].size == 0);
    CHECK_STR(files[0].name, "empty.txt");
    /* bytes without a name are kept too, with the name "" */
    CHECK(parse(FILEPART("f", "", "text/plain") "data\r\n" END) == REQ_OK);
    CHECK(nfiles == 1 && files[0].size == 4);
    CHECK_STR(files[0].name, "");
    /* a name that is only a path has no name left */
    CHECK(parse(FILEPART("f", "../..", "text/plain") "data\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "");
}

static void file_types_are_lower_case_without_parameters(void)
{
    CHECK(parse(FILEPART("f", "a.png", "Image/PNG; q=1") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].declared_type, "image/png");
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\nx\r\n" END) == REQ_OK);
    CHECK_STR(files[0].declared_type, "");
    CHECK(parse(FILEPART("f", "a.png", "image/png; q") "x\r\n" END) == REQ_BAD_MULTIPART);
    CHECK(parse(FILEPART("f", "a.png", "image/") "x\r\n" END) == REQ_BAD_MULTIPART);
}

static void file_names_in_parts(void)
{
    CHECK(parse(FILEPART("f", "C:\\Users\\li\\Desktop\\report.pdf", "application/pdf") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "report.pdf");
    CHECK(parse(FILEPART("f", "../../etc/passwd", "text/plain") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "passwd");
    CHECK(parse(FILEPART("f", "..\\..\\boot.ini", "text/plain") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "boot.ini");
    /* browsers send a '"' in a file name as %22: kept as written */
    CHECK(parse(FILEPART("f", "say %22hi%22.txt", "text/plain") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "say %22hi%22.txt");
    /* a raw quote ends the value: what follows is not a parameter */
    CHECK(parse(FILEPART("f", "a\"b.txt", "text/plain") "x\r\n" END) == REQ_BAD_MULTIPART);
    CHECK(parse(FILEPART("f", "需求说明.docx", "application/octet-stream") "x\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "需求说明.docx");
    CHECK(parse(FILEPART("f", "bad\xff.txt", "text/plain") "x\r\n" END) == REQ_BAD_UTF8);
    /* an unquoted name */
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=f; filename=a.txt\r\n\r\nx\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "a.txt");
    /* filename* (RFC 5987) is not how forms name files: ignored */
    CHECK(parse("--XYZ\r\nContent-Disposition: form-data; name=f; filename=\"a.txt\"; "
                "filename*=UTF-8''b.txt\r\n\r\nx\r\n" END) == REQ_OK);
    CHECK_STR(files[0].name, "a.txt");
}

/* multipart_file_name over a C string */
static const char *shown(const char *raw)
{
    return multipart_file_name(&A, raw, strlen(raw));
}

static void file_names_are_made_fit_to_show(void)
{
    CHECK_STR(shown("report.pdf"), "report.pdf");
    CHECK_STR(shown("/etc/passwd"), "passwd");
    CHECK_STR(shown("a/b\\c/d.txt"), "d.txt");
    CHECK_STR(shown("dir/"), "");
    CHECK_STR(shown(".."), "");
    CHECK_STR(shown("."), "");
    CHECK_STR(shown("a/.."), "");
    CHECK_STR(shown("..."), "...");
    CHECK_STR(shown(".hidden"), ".hidden");
    CHECK_STR(shown("  spaced name.txt  "), "spaced name.txt");
    CHECK_STR(shown(""), "");
    /* control characters go: C0, DEL, C1, and the marks that disguise an
     * extension ("evil\u202Egpj.exe" shows as "evilexe.jpg") */
    CHECK_STR(shown("a\tb\nc\rd\x01"
                    "e\x7f"
                    "f.txt"),
              "abcdef.txt");
    CHECK_STR(shown("a\xc2\x85"
                    "b.txt"),
              "ab.txt");
    CHECK_STR(shown("evil\xe2\x80\xae"
                    "gpj.exe"),
              "evilgpj.exe");
    CHECK_STR(shown("\xef\xbb\xbf"
                    "bom\xe2\x80\x8f.txt"),
              "bom.txt");
    CHECK_STR(shown("a\xe2\x81\xa6"
                    "b\xe2\x81\xa9.txt"),
              "ab.txt");
    /* a control character cannot join two halves of a path into "..": the
     * directories go after the controls */
    CHECK_STR(shown(".\x01./x"), "x");
    CHECK_STR(shown(".\x01."), "");
    /* not UTF-8 */
    CHECK(shown("\xff") == NULL);
    CHECK(shown("a\xc0\xaf"
                "b") == NULL);            /* overlong '/' */
    CHECK(shown("\xed\xa0\x80") == NULL); /* surrogate */
    CHECK(shown("\xe4\xb8") == NULL);     /* cut short */
    CHECK(shown("\x80"
                "abc") == NULL);
    CHECK(multipart_file_name(&A, "a\0b", 3) != NULL && strcmp(multipart_file_name(&A, "a\0b", 3), "ab") == 0);
}

static void long_file_names_are_cut_keeping_the_extension(void)
{
    char raw[1200];
    memset(raw, 'a', 300);
    strcpy(raw + 300, ".pdf");
    const char *s = shown(raw);
    CHECK(strlen(s) == MULTIPART_NAME_MAX);
    CHECK(strcmp(s + strlen(s) - 4, ".pdf") == 0);
    /* multi-byte characters are never cut in half */
    raw[0] = '\0';
    for (int i = 0; i < 300; i++)
        strcat(raw, "中");
    strcat(raw, ".docx");
    s = shown(raw);
    CHECK(strlen(s) <= MULTIPART_NAME_MAX);
    CHECK(text_check(s, strlen(s)) == TEXT_OK);
    CHECK(strcmp(s + strlen(s) - 5, ".docx") == 0);
    /* no extension, or one too long to be one: cut at the end */
    memset(raw, 'b', 400);
    raw[400] = '\0';
    CHECK(strlen(shown(raw)) == MULTIPART_NAME_MAX);
    memset(raw, 'c', 100);
    raw[100] = '.';
    memset(raw + 101, 'd', 200);
    raw[301] = '\0';
    s = shown(raw);
    CHECK(strlen(s) == MULTIPART_NAME_MAX && s[0] == 'c' && s[254] == 'd');
    /* exactly the limit stays as it is */
    memset(raw, 'e', MULTIPART_NAME_MAX);
    raw[MULTIPART_NAME_MAX] = '\0';
    CHECK_STR(shown(raw), raw);
}

int main(void)
{
    arena_init(&A, 0);
    fields_and_files_parse();
    every_cut_of_a_body_is_refused();
    boundary_comes_from_the_content_type();
    a_wrong_or_missing_boundary_is_refused();
    boundary_text_inside_data_is_data();
    padding_preamble_and_epilogue_are_allowed();
    parts_may_be_empty();
    truncated_bodies_are_refused();
    huge_part_headers_are_refused();
    malformed_part_headers_are_refused();
    names_are_like_url_encoded_ones();
    duplicate_fields_are_refused();
    text_fields_must_be_text();
    too_many_parts_are_refused();
    empty_file_inputs_and_empty_files();
    file_types_are_lower_case_without_parameters();
    file_names_in_parts();
    file_names_are_made_fit_to_show();
    long_file_names_are_cut_keeping_the_extension();
    arena_free(&A);
    return check_done("test_multipart");
}
