/* multipart/form-data parsing: strict where it costs nothing (CRLF line
 * ends, one Content-Disposition per part, names like url-encoded ones),
 * lenient only where RFC 2046 says to be (a preamble, an epilogue,
 * spaces after a boundary). Nothing of a file is copied. */
#include "multipart.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "text.h"

typedef struct slice {
    const char *p;
    size_t n;
} slice;

static bool is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 2046 bchars, the space aside */
static bool is_bchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("'()+_,-./:=?", c));
}

static bool slice_is(slice s, const char *word)
{
    return s.n == strlen(word) && strncasecmp(s.p, word, s.n) == 0;
}

/* Finds parameter want in the "; key=value; key="value"" list s[0..n).
 * 1 and *out when found once, 0 when absent, -1 when the list is
 * malformed or names want twice ("" checks the list only). A quoted value runs to the next '"':
 * browsers send a '"' inside a name as %22 and never a backslash escape,
 * and a Windows path's backslashes must stay what they are. */
static int param_get(const char *s, size_t n, const char *want, slice *out)
{
    size_t i = 0;
    int found = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            return found;
        if (s[i] != ';')
            return -1;
        i++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            return found; /* a trailing ';' */
        size_t k = i;
        while (i < n && is_tchar((unsigned char)s[i]))
            i++;
        slice key = {s + k, i - k};
        if (key.n == 0 || i == n || s[i] != '=')
            return -1;
        i++;
        slice val;
        if (i < n && s[i] == '"') {
            const char *q = memchr(s + i + 1, '"', n - i - 1);
            if (!q)
                return -1;
            val = (slice){s + i + 1, (size_t)(q - (s + i + 1))};
            i = (size_t)(q - s) + 1;
        } else {
            size_t v = i;
            while (i < n && (unsigned char)s[i] > ' ' && s[i] != ';' && s[i] != '"' && s[i] != 0x7f)
                i++;
            val = (slice){s + v, i - v};
            if (val.n == 0)
                return -1;
        }
        if (slice_is(key, want)) {
            if (found)
                return -1;
            found = 1;
            *out = val;
        }
    }
}

/* The media type before any parameters: *type and the parameters' start.
 * false unless it is token "/" token. */
static bool media_type(const char *s, size_t n, slice *type, size_t *params)
{
    size_t i = 0;
    while (i < n && is_tchar((unsigned char)s[i]))
        i++;
    if (i == 0 || i == n || s[i] != '/')
        return false;
    size_t sub = ++i;
    while (i < n && is_tchar((unsigned char)s[i]))
        i++;
    if (i == sub)
        return false;
    *type = (slice){s, i};
    *params = i;
    return true;
}

const char *multipart_boundary(arena *a, const char *ct)
{
    if (!ct)
        return NULL;
    size_t n = strlen(ct), params;
    slice type, b;
    if (!media_type(ct, n, &type, &params) || !slice_is(type, "multipart/form-data"))
        return NULL;
    if (param_get(ct + params, n - params, "boundary", &b) != 1)
        return NULL;
    if (b.n == 0 || b.n > MULTIPART_BOUNDARY_MAX || b.p[b.n - 1] == ' ')
        return NULL;
    for (size_t i = 0; i < b.n; i++)
        if (!is_bchar((unsigned char)b.p[i]) && b.p[i] != ' ')
            return NULL;
    return arena_strndup(a, b.p, b.n);
}

/* The next delimiter line at or after from: "\r\n--boundary" (dl, dlen
 * bytes), or "--boundary" at the very start of the body, followed by "--"
 * (the close delimiter) or by spaces and CRLF. *end is where the part in
 * front of it ends, *next where the following part begins. A line that
 * merely starts with the boundary text is data, as is the boundary text
 * inside a line. false when the body has no further delimiter. */
static bool find_delimiter(const char *body, size_t len, size_t from, const char *dl, size_t dlen, size_t *end,
                           size_t *next, bool *close)
{
    size_t pos = from;
    bool at_start = from == 0 && len >= dlen - 2 && memcmp(body, dl + 2, dlen - 2) == 0;
    for (;;) {
        size_t after;
        if (at_start) {
            *end = 0;
            after = dlen - 2;
        } else {
            if (len - pos < dlen)
                return false;
            const char *hit = memmem(body + pos, len - pos, dl, dlen);
            if (!hit)
                return false;
            *end = (size_t)(hit - body);
            after = *end + dlen;
        }
        at_start = false;
        if (len - after >= 2 && body[after] == '-' && body[after + 1] == '-') {
            *close = true;
            *next = after + 2;
            return true;
        }
        size_t k = after;
        while (k < len && (body[k] == ' ' || body[k] == '\t'))
            k++;
        /* cppcheck-suppress knownConditionTrueFalse ; a false positive: the loop may stop before len */
        if (len - k >= 2 && body[k] == '\r' && body[k + 1] == '\n') {
            *close = false;
            *next = k + 2;
            return true;
        }
        pos = *end + 1; /* not a delimiter line: data */
    }
}

typedef struct part_head {
    bool has_disposition, has_type, has_filename;
    slice name, filename, type;
} part_head;

static req_status bad(const char **why, const char *detail)
{
    if (why)
        *why = detail;
    return REQ_BAD_MULTIPART;
}

/* One header line (without its CRLF) of a part into h. */
static req_status header_line(const char *s, size_t n, part_head *h, const char **why)
{
    if (n && (s[0] == ' ' || s[0] == '\t'))
        return bad(why, "a part header is folded over lines");
    size_t i = 0;
    while (i < n && is_tchar((unsigned char)s[i]))
        i++;
    if (i == 0 || i == n || s[i] != ':')
        return bad(why, "a part header is not \"Name: value\"");
    slice name = {s, i};
    i++;
    for (size_t k = i; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return bad(why, "a part header contains a control character");
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    const char *v = s + i;
    size_t vn = n - i;
    if (slice_is(name, "Content-Disposition")) {
        if (h->has_disposition)
            return bad(why, "a part has two Content-Disposition headers");
        h->has_disposition = true;
        size_t t = 0;
        /* cppcheck-suppress knownConditionTrueFalse ; a false positive: v may start with a token */
        while (t < vn && is_tchar((unsigned char)v[t]))
            t++;
        if (!slice_is((slice){v, t}, "form-data"))
            return bad(why, "a part's Content-Disposition is not form-data");
        int got = param_get(v + t, vn - t, "name", &h->name);
        if (got < 0)
            return bad(why, "a part's Content-Disposition is malformed");
        if (got == 0)
            return bad(why, "a part has no name");
        got = param_get(v + t, vn - t, "filename", &h->filename);
        if (got < 0)
            return bad(why, "a part's Content-Disposition is malformed");
        h->has_filename = got == 1;
    } else if (slice_is(name, "Content-Type")) {
        if (h->has_type)
            return bad(why, "a part has two Content-Type headers");
        h->has_type = true;
        size_t params;
        slice dummy;
        if (!media_type(v, vn, &h->type, &params) || param_get(v + params, vn - params, "", &dummy) < 0)
            return bad(why, "a part's Content-Type is malformed");
    }
    /* anything else (Content-Transfer-Encoding, which RFC 7578 retires)
     * is ignored */
    return REQ_OK;
}

/* The header lines of the part starting at body[pos], up to the empty
 * line; *data is where the part's content begins. */
static req_status part_headers(const char *body, size_t len, size_t pos, part_head *h, size_t *data, const char **why)
{
    memset(h, 0, sizeof(*h));
    size_t used = 0;
    for (;;) {
        size_t room = MULTIPART_HEADER_MAX - used + 2;
        size_t look = len - pos < room ? len - pos : room;
        const char *eol = memmem(body + pos, look, "\r\n", 2);
        if (!eol) {
            if (look == room)
                return bad(why, "a part's headers are too large");
            return bad(why, "the body ends inside a part's headers");
        }
        size_t n = (size_t)(eol - (body + pos));
        if (n == 0) {
            *data = pos + 2;
            break;
        }
        used += n + 2;
        if (used > MULTIPART_HEADER_MAX)
            return bad(why, "a part's headers are too large");
        if (memchr(body + pos, '\0', n))
            return bad(why, "a part header contains a NUL character");
        req_status st = header_line(body + pos, n, h, why);
        if (st != REQ_OK)
            return st;
        pos += n + 2;
    }
    if (!h->has_disposition)
        return bad(why, "a part has no Content-Disposition");
    return REQ_OK;
}

static const char *lower_dup(arena *a, slice s)
{
    char *p = arena_strndup(a, s.p, s.n);
    for (size_t i = 0; i < s.n; i++)
        if (p[i] >= 'A' && p[i] <= 'Z')
            p[i] = (char)(p[i] - 'A' + 'a');
    return p;
}

/* Puts the files of one field next to each other, fields in the order of
 * their first file, files in the order sent. */
static void group_files(arena *a, req_file *files, size_t n)
{
    if (n < 2)
        return;
    req_file *out = arena_alloc(a, n * sizeof(*out));
    bool *taken = arena_zalloc(a, n * sizeof(*taken));
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (taken[i])
            continue;
        for (size_t k = i; k < n; k++)
            if (!taken[k] && strcmp(files[k].field, files[i].field) == 0) {
                out[o++] = files[k];
                taken[k] = true;
            }
    }
    memcpy(files, out, n * sizeof(*out));
}

req_status multipart_parse(arena *a, const char *boundary, const char *body, size_t len, kv_list *form,
                           req_file **files, size_t *nfiles, const char **why)
{
    form->items = NULL;
    form->n = 0;
    *files = NULL;
    *nfiles = 0;
    if (why)
        *why = NULL;
    size_t blen = boundary ? strlen(boundary) : 0;
    if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
        return bad(why, "the Content-Type has no usable boundary");
    size_t dlen = blen + 4;
    char *dl = arena_alloc(a, dlen + 1);
    memcpy(dl, "\r\n--", 4);
    memcpy(dl + 4, boundary, blen + 1);

    size_t end, pos;
    bool close;
    if (!find_delimiter(body, len, 0, dl, dlen, &end, &pos, &close))
        return bad(why, "the body does not contain its boundary");
    form->items = arena_alloc(a, REQ_FIELDS_MAX * sizeof(kv));
    req_file *found = arena_alloc(a, MULTIPART_PARTS_MAX * sizeof(req_file));
    size_t parts = 0;
    while (!close) {
        part_head h;
        size_t data;
        req_status st = part_headers(body, len, pos, &h, &data, why);
        if (st != REQ_OK)
            return st;
        /* the content runs from data to the CRLF that starts the
         * delimiter; RFC 2046 lets a part without content end with its
         * last header line, so that the "empty line" found above is the
         * delimiter's own CRLF: hence the search from data - 2 */
        size_t next;
        if (!find_delimiter(body, len, data - 2, dl, dlen, &end, &next, &close))
            return bad(why, "the body ends before its closing boundary");
        size_t size = end >= data ? end - data : 0;
        pos = next;
        if (++parts > MULTIPART_PARTS_MAX)
            return REQ_TOO_MANY;
        if (!req_key_ok(h.name.p, h.name.n)) {
            if (why)
                *why = "a part's name is empty, too long, or has characters outside A-Z a-z 0-9 _ . -";
            return REQ_BAD_KEY;
        }
        const char *name = arena_strndup(a, h.name.p, h.name.n);
        if (kv_find(form, name)) {
            if (why)
                *why = arena_printf(a, "field \"%s\" is given more than once", name);
            return REQ_DUP_KEY;
        }
        if (h.has_filename) {
            if (h.filename.n == 0 && size == 0)
                continue; /* a file input left empty */
            const char *shown = multipart_file_name(a, h.filename.p, h.filename.n);
            if (!shown) {
                if (why)
                    *why = arena_printf(a, "a file name in field \"%s\" is not valid UTF-8", name);
                return REQ_BAD_UTF8;
            }
            found[(*nfiles)++] = (req_file){
                .field = name,
                .name = shown,
                .declared_type = h.has_type ? lower_dup(a, h.type) : "",
                .type = NULL,
                .data = body + data,
                .size = size,
            };
            continue;
        }
        for (size_t i = 0; i < *nfiles; i++)
            if (strcmp(found[i].field, name) == 0) {
                if (why)
                    *why = arena_printf(a, "field \"%s\" is given more than once", name);
                return REQ_DUP_KEY;
            }
        if (form->n == REQ_FIELDS_MAX)
            return REQ_TOO_MANY;
        st = req_status_from_text(text_check(body + data, size));
        if (st != REQ_OK) {
            if (why)
                *why = arena_printf(a, "field \"%s\": %s", name, req_status_message(st));
            return st;
        }
        form->items[form->n++] = (kv){name, arena_strndup(a, body + data, size), size};
    }
    /* a text field named like a file field sent earlier */
    for (size_t i = 0; i < *nfiles; i++)
        if (kv_find(form, found[i].field)) {
            if (why)
                *why = arena_printf(a, "field \"%s\" is given more than once", found[i].field);
            return REQ_DUP_KEY;
        }
    group_files(a, found, *nfiles);
    *files = *nfiles ? found : NULL;
    return REQ_OK;
}

req_status multipart_parse_request(request *r, arena *a, const char **why)
{
    const char *boundary = multipart_boundary(a, r->content_type);
    if (!boundary) {
        if (why)
            *why = "the Content-Type is not multipart/form-data with a valid boundary";
        return REQ_BAD_MULTIPART;
    }
    return multipart_parse(a, boundary, r->body, r->body_len, &r->form, &r->files, &r->nfiles, why);
}

/* Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for a
 * byte that starts none, which text_check then refuses). */
static size_t utf8_len(unsigned char c)
{
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static uint32_t utf8_decode(const unsigned char *s, size_t len)
{
    if (len == 1)
        return s[0];
    uint32_t cp = s[0] & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (s[k] & 0x3f);
    return cp;
}

/* characters that change how text around them is shown: the marks and
 * overrides that make "gpj.exe" look like "exe.jpg", and the BOM */
static bool is_format_char(uint32_t cp)
{
    return cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xfeff;
}

const char *multipart_file_name(arena *a, const char *raw, size_t n)
{
    char *clean = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *s = (const unsigned char *)raw + i;
        size_t len = utf8_len(s[0]);
        if (len > n - i)
            return NULL;
        text_status t = text_check((const char *)s, len);
        if (t == TEXT_BAD_UTF8)
            return NULL;
        bool keep = t == TEXT_OK && s[0] >= 0x20 && s[0] != 0x7f && !is_format_char(utf8_decode(s, len));
        if (keep) {
            memcpy(clean + o, s, len);
            o += len;
        }
        i += len;
    }
    clean[o] = '\0';
    /* no directories: what follows the last separator of either kind */
    const char *base = clean;
    for (const char *p = clean; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    while (*base == ' ')
        base++;
    size_t bn = strlen(base);
    while (bn && base[bn - 1] == ' ')
        bn--;
    if ((bn == 1 && base[0] == '.') || (bn == 2 && base[0] == '.' && base[1] == '.'))
        bn = 0;
    if (bn <= MULTIPART_NAME_MAX)
        return arena_strndup(a, base, bn);
    /* too long: keep an extension of up to 32 bytes, cut the stem at a
     * character boundary */
    const char *dot = NULL;
    for (size_t i = 1; i < bn; i++)
        if (base[i] == '.')
            dot = base + i;
    size_t ext = dot && (size_t)(base + bn - dot) <= 32 ? (size_t)(base + bn - dot) : 0;
    size_t stem = MULTIPART_NAME_MAX - ext;
    while (stem && ((unsigned char)base[stem] & 0xc0) == 0x80)
        stem--;
    char *out = arena_alloc(a, stem + ext + 1);
    memcpy(out, base, stem);
    memcpy(out + stem, base + bn - ext, ext);
    out[stem + ext] = '\0';
    return out;
}
