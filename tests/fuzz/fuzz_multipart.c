/* libFuzzer target for fcgi/multipart.c. The input's first line is the
 * Content-Type, the rest the body; whatever parses must keep the parser's
 * promises: files are slices of the body, text fields are XML-safe UTF-8,
 * display names carry no path, no control characters and at most 255
 * bytes. The whole input is also a file name to sanitize.
 * Build and run: make fuzz (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/multipart.h"
#include "../../fcgi/text.h"

static arena A;
static int ready;

static void check_name(const char *s)
{
    size_t n = strlen(s);
    if (n > MULTIPART_NAME_MAX || text_check(s, n) != TEXT_OK || strchr(s, '/') || strchr(s, '\\') ||
        strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        abort();
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        arena_init(&A, 0);
        ready = 1;
    }
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    size_t ctlen = nl ? (size_t)(nl - in) : 0;
    char *ct = arena_strndup(&A, in, ctlen);
    /* the body in a buffer of its own size, so ASan sees a read past it */
    size_t blen = nl ? size - ctlen - 1 : size;
    char *body = malloc(blen ? blen : 1);
    memcpy(body, nl ? nl + 1 : in, blen);

    request r;
    memset(&r, 0, sizeof(r));
    r.content_type = ct;
    r.body = body;
    r.body_len = blen;
    const char *why;
    if (multipart_parse_request(&r, &A, &why) == REQ_OK) {
        for (size_t i = 0; i < r.form.n; i++)
            if (!req_key_ok(r.form.items[i].key, strlen(r.form.items[i].key)) ||
                text_check(r.form.items[i].val, r.form.items[i].vlen) != TEXT_OK)
                abort();
        for (size_t i = 0; i < r.nfiles; i++) {
            const req_file *f = &r.files[i];
            if (f->data < body || f->data + f->size > body + blen || kv_find(&r.form, f->field))
                abort();
            check_name(f->name);
            if (i > 0 && strcmp(f->field, r.files[i - 1].field) != 0)
                for (size_t k = 0; k + 1 < i; k++)
                    if (strcmp(r.files[k].field, f->field) == 0)
                        abort(); /* one field's files are next to each other */
        }
    }
    const char *name = multipart_file_name(&A, in, size);
    if (name)
        check_name(name);
    free(body);
    arena_reset(&A);
    return 0;
}
