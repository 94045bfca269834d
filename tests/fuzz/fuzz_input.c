/* libFuzzer target for declared inputs (in_validate_at, in_value,
 * in_files). The input is lines:
 *   rules:  "route N" (the declarations of the route table's Nth route)
 *           or fields "name,kind,where,required,min,max[,extra]" joined
 *           by ';' (kind i, e, t or f; where q, f or b; extra: an enum's
 *           choices joined by '|', or a file field's "each|total")
 *   query string
 *   form body (url-encoded)
 *   files, one a line: "field,name,declared type,size"
 * The oracle reads the declarations on its own. Properties:
 *  - validation passes exactly when every declared field keeps its rule
 *    (an integer in range, one of the choices, a length in characters, a
 *    required field given, files of the field's number, size and type,
 *    no file for a field that takes none), and on failure names the first
 *    field that breaks one;
 *  - after it passes, in_value gives the value the rule was checked on
 *    (the form's before the query's, an optional empty one as none),
 *    in_files the field's files, each with the type its extension names. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "../../fcgi/input.h"
#include "../../fcgi/router.h"
#include "../../fcgi/text.h"
#include "fuzz.h"

extern const route mp_routes[];
extern const size_t mp_nroutes;

#define FIELDS_MAX 8
#define FILES_MAX 8
#define CHOICES_MAX 4

static arena A;
static int ready;
/* the fields the input declares, with their choices */
static in_field own[FIELDS_MAX + 1];
static const char *choices[FIELDS_MAX][CHOICES_MAX + 1];
static const char *const pool_types[] = {"application/pdf", "text/plain", "image/png", "", "application/octet-stream"};
static const in_field none[] = {IN_END};
static const in_file_type small_types[] = {
    {".pdf", "application/pdf", NULL}, {".md", "text/markdown", "text/plain text/x-markdown"}, {NULL, NULL, NULL}};

/* The next piece of s up to sep (or the end), NUL-terminated in place. */
static char *piece(char **s, char sep)
{
    if (!*s)
        return NULL;
    char *start = *s, *end = strchr(start, sep);
    if (end) {
        *end = '\0';
        *s = end + 1;
    } else {
        *s = NULL;
    }
    return start;
}

static long long number(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

/* Fields from "name,kind,where,required,min,max[,extra];…" into f. */
static void read_rules(char *s, in_field *f, const char *(*ch)[CHOICES_MAX + 1])
{
    size_t n = 0;
    char *field;
    while (n < FIELDS_MAX && (field = piece(&s, ';'))) {
        char *name = piece(&field, ','), *kind = piece(&field, ','), *where = piece(&field, ',');
        char *req = piece(&field, ','), *min = piece(&field, ','), *max = piece(&field, ','), *extra = field;
        bool again = false; /* a declaration names a field once */
        for (size_t k = 0; k < n; k++)
            again = again || (name && strcmp(f[k].name, name) == 0);
        if (!name || !kind || again)
            continue;
        in_field *x = &f[n];
        memset(x, 0, sizeof(*x));
        x->name = name;
        x->kind = *kind == 'i' ? IN_INT : *kind == 'e' ? IN_ENUM : *kind == 'f' ? IN_FILE : IN_TEXT;
        x->where = !where || *where == 'b' ? IN_QUERY | IN_FORM : *where == 'f' ? IN_FORM : IN_QUERY;
        x->required = req && *req == '1';
        x->min = number(min);
        x->max = number(max);
        if (x->kind == IN_ENUM) {
            size_t k = 0;
            char *c;
            while (k < CHOICES_MAX && (c = piece(&extra, '|')))
                ch[n][k++] = c;
            ch[n][k] = NULL;
            x->choices = ch[n];
        } else if (x->kind == IN_FILE) {
            x->where = IN_FORM;
            x->file_max = number(piece(&extra, '|'));
            x->total_max = number(extra);
            x->types = x->max % 2 ? small_types : in_attachment_types;
        }
        n++;
    }
    f[n] = (in_field)IN_END;
}

/* --- the oracle ------------------------------------------------------ */

static const kv *ref_find(const kv_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, name) == 0)
            return &l->items[i];
    return NULL;
}

/* The value a field's rule applies to, or NULL when it is not given. */
static const kv *ref_value(const in_field *f, const request *r)
{
    const kv *v = (f->where & IN_FORM) ? ref_find(&r->form, f->name) : NULL;
    if (!v && (f->where & IN_QUERY))
        v = ref_find(&r->args, f->name);
    if (v && v->vlen == 0 && !f->required)
        return NULL;
    return v;
}

static bool ref_int(const char *s, long long *out)
{
    const char *d = s + (s[0] == '-');
    size_t n = strlen(d);
    if (n == 0 || strspn(d, "0123456789") != n || (n > 1 && d[0] == '0') || (d != s && strcmp(d, "0") == 0))
        return false;
    errno = 0;
    *out = strtoll(s, NULL, 10);
    return errno != ERANGE;
}

static size_t ref_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] >> 6) != 2;
    return c;
}

static const in_file_type *ref_type(const in_file_type *types, const char *name)
{
    const char *dot = strrchr(name, '.');
    for (const in_file_type *t = types; dot && dot != name && t->ext; t++)
        if (strcasecmp(dot, t->ext) == 0)
            return t;
    return NULL;
}

static bool ref_declared(const in_file_type *t, const char *d)
{
    if (!*d || strcmp(d, "application/octet-stream") == 0 || strcmp(d, t->type) == 0)
        return true;
    size_t n = strlen(d);
    for (const char *p = t->also; p && *p; p++)
        if ((p == t->also || p[-1] == ' ') && strncmp(p, d, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* The route table's further checks, each known by what it takes and
 * read from its comment in routes.c: a listing cursor ("<id>" or
 * "<cents>.<id>", digits only), a form's token (32 lower-case hex digits),
 * an admin's date ("YYYY-MM-DD", years 2000 to 2999, days 1 to 31). */
static bool ref_cursor(const char *v)
{
    size_t n = strlen(v), digits = strspn(v, "0123456789");
    if (digits == n)
        return n > 0;
    return digits > 0 && v[digits] == '.' && strspn(v + digits + 1, "0123456789") == n - digits - 1 && n > digits + 1;
}

static bool ref_hex32(const char *v)
{
    return strlen(v) == 32 && strspn(v, "0123456789abcdef") == 32;
}

static bool ref_date(const char *v)
{
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' || strspn(v, "0123456789") != 4 ||
        strspn(v + 5, "0123456789") != 2 || strspn(v + 8, "0123456789") != 2)
        return false;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    return y >= 2000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool ref_check(bool (*check)(const char *), const char *v)
{
    static const struct {
        const char *sample;
        bool (*ref)(const char *);
    } known[] = {{"2024-02-29", ref_date}, {"0123456789abcdef0123456789abcdef", ref_hex32}, {"1999.12", ref_cursor}};
    bool (*ref)(const char *) = NULL;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (check(known[i].sample)) {
            FUZZ_CHECK(!ref); /* one kind of check takes each sample */
            ref = known[i].ref;
        }
    if (!ref) {
        fprintf(stderr, "fuzz_input: a check of the route table the oracle does not know (teach it)\n");
        abort();
    }
    return ref(v);
}

static bool ref_files_ok(const in_field *f, const request *r)
{
    long long count = 0, total = 0;
    for (size_t i = 0; i < r->nfiles; i++) {
        const req_file *x = &r->files[i];
        if (strcmp(x->field, f->name) != 0)
            continue;
        count++;
        const in_file_type *t = ref_type(f->types, x->name);
        if (!*x->name || x->size == 0 || (long long)x->size > f->file_max || !t || !ref_declared(t, x->declared_type))
            return false;
        total += (long long)x->size;
    }
    return count >= f->min && count <= f->max && (count > 0 || !f->required) && total <= f->total_max;
}

static bool ref_field_ok(const in_field *f, const request *r)
{
    if (f->kind == IN_FILE)
        return ref_files_ok(f, r);
    const kv *v = ref_value(f, r);
    if (!v || (v->vlen == 0 && f->kind != IN_TEXT))
        return !f->required;
    bool ok = true;
    if (f->kind == IN_INT) {
        long long n;
        ok = ref_int(v->val, &n) && n >= f->min && n <= f->max;
    } else if (f->kind == IN_ENUM) {
        ok = false;
        for (size_t k = 0; f->choices && f->choices[k]; k++)
            ok = ok || strcmp(f->choices[k], v->val) == 0;
    } else {
        long long chars = (long long)ref_chars(v->val, v->vlen);
        ok = chars >= f->min && chars <= f->max;
    }
    return ok && (!f->check || ref_check(f->check, v->val));
}

/* -1 when all pass, -2 for a file no field takes, else the first field
 * that fails. */
static long ref_validate(const in_field *fields, const request *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        bool taken = false;
        for (const in_field *f = fields; f->name; f++)
            taken = taken || (f->kind == IN_FILE && strcmp(f->name, r->files[i].field) == 0);
        if (!taken)
            return -2;
    }
    for (const in_field *f = fields; f->name; f++)
        if (!ref_field_ok(f, r))
            return f - fields;
    return -1;
}

/* --------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        arena_init(&A, 0);
        ready = 1;
    }
    char *in = fuzz_copy(data, size, 1);
    if (memchr(data, '\0', size)) {
        free(in);
        return 0;
    }
    char *s = in;
    char *rules = piece(&s, '\n'), *query = piece(&s, '\n'), *form = piece(&s, '\n');

    const in_field *fields;
    if (strncmp(rules, "route ", 6) == 0) {
        fields = mp_routes[(size_t)number(rules + 6) % mp_nroutes].inputs;
        if (!fields)
            fields = none;
        for (const in_field *f = fields; f->name; f++)
            for (const in_field *g = fields; g < f; g++)
                FUZZ_CHECK(strcmp(f->name, g->name) != 0);
    } else {
        read_rules(rules, own, choices);
        fields = own;
    }

    request r;
    memset(&r, 0, sizeof(r));
    if (req_parse_urlencoded(&A, query ? query : "", query ? strlen(query) : 0, &r.args) != REQ_OK ||
        req_parse_urlencoded(&A, form ? form : "", form ? strlen(form) : 0, &r.form) != REQ_OK) {
        free(in);
        arena_reset(&A);
        return 0;
    }
    static const char body[64] = "";
    req_file files[FILES_MAX];
    char *line;
    while (r.nfiles < FILES_MAX && (line = piece(&s, '\n'))) {
        char *field = piece(&line, ','), *name = piece(&line, ','), *type = piece(&line, ',');
        long long fsize = number(line);
        req_file *f = &files[r.nfiles++];
        *f = (req_file){.field = field,
                        .name = name ? name : "",
                        .declared_type = type ? type : "",
                        .data = body,
                        .size = fsize < 0 ? 0 : (size_t)fsize};
        if (type && *type >= '0' && *type <= '4' && !type[1])
            f->declared_type = pool_types[*type - '0'];
    }
    r.files = files;

    const in_field *failed = (const in_field *)&r; /* untouched unless a field fails */
    const char *why = in_validate_at(fields, &r, &A, &failed);
    long want = ref_validate(fields, &r);
    if (want == -1) {
        FUZZ_CHECK(why == NULL && failed == NULL);
        for (const in_field *f = fields; f->name; f++) {
            if (f->kind == IN_FILE) {
                size_t n, count = 0;
                const req_file *first = in_files(fields, &r, f->name, &n);
                for (size_t i = 0; i < r.nfiles; i++)
                    if (strcmp(r.files[i].field, f->name) == 0) {
                        FUZZ_CHECK(r.files[i].type == ref_type(f->types, r.files[i].name)->type);
                        if (!count++)
                            FUZZ_CHECK(first == &r.files[i]);
                    }
                FUZZ_CHECK(n == count);
                continue;
            }
            const kv *v = ref_value(f, &r);
            FUZZ_CHECK(in_value(fields, &r, f->name) == (v ? v->val : NULL));
        }
    } else {
        FUZZ_CHECK(why != NULL && strlen(why) > 0);
        if (want == -2)
            FUZZ_CHECK(failed == (const in_field *)&r);
        else
            FUZZ_CHECK(failed == fields + want);
    }
    free(in);
    arena_reset(&A);
    return 0;
}
