/* Validation of declared query and form fields. */
#include "input.h"

#include <string.h>
#include <strings.h>

#include "text.h"

/* The field's value as given, or NULL when it is absent. An optional field
 * given empty ("?status=") is absent, whatever its kind: pages and the
 * partner API alike read "no value" as "not given", so no handler sees an
 * empty filter or cursor. A required field keeps its empty value, to be
 * refused below (or checked against its minimum length). */
static const kv *in_find(const in_field *f, const request *r)
{
    const kv *v = NULL;
    if (f->where & IN_FORM)
        v = kv_find(&r->form, f->name);
    if (!v && (f->where & IN_QUERY))
        v = kv_find(&r->args, f->name);
    if (v && v->vlen == 0 && !f->required)
        return NULL;
    return v;
}

const char *in_value(const in_field *fields, const request *r, const char *name)
{
    for (const in_field *f = fields; f && f->name; f++)
        if (strcmp(f->name, name) == 0 && f->kind != IN_FILE) {
            const kv *v = in_find(f, r);
            return v ? v->val : NULL;
        }
    return NULL;
}

const in_file_type in_attachment_types[] = {
    {".pdf", "application/pdf", NULL},
    {".doc", "application/msword", NULL},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL},
    {".xls", "application/vnd.ms-excel", NULL},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL},
    {".ppt", "application/vnd.ms-powerpoint", NULL},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", NULL},
    {".txt", "text/plain", NULL},
    {".csv", "text/csv", "text/plain application/vnd.ms-excel"},
    {".md", "text/markdown", "text/plain text/x-markdown"},
    {".png", "image/png", NULL},
    {".jpg", "image/jpeg", "image/jpg image/pjpeg"},
    {".jpeg", "image/jpeg", "image/jpg image/pjpeg"},
    {".gif", "image/gif", NULL},
    {".webp", "image/webp", NULL},
    {".zip", "application/zip", "application/x-zip-compressed application/x-zip"},
    {NULL, NULL, NULL},
};

/* "10 MiB", "64 KiB" or "100 bytes", for messages */
static const char *size_text(arena *a, long long n)
{
    if (n >= 1048576 && n % 1048576 == 0)
        return arena_printf(a, "%lld MiB", n / 1048576);
    if (n >= 1024 && n % 1024 == 0)
        return arena_printf(a, "%lld KiB", n / 1024);
    return arena_printf(a, "%lld bytes", n);
}

/* The type a file name's extension names among types, or NULL. */
const in_file_type *in_file_type_of(const in_file_type *types, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return NULL;
    for (const in_file_type *t = types; t && t->ext; t++)
        if (strcasecmp(t->ext, dot) == 0)
            return t;
    return NULL;
}

/* Whether the type a client declared agrees with t (or declares nothing). */
static bool declared_ok(const in_file_type *t, const char *declared)
{
    if (!*declared || strcmp(declared, "application/octet-stream") == 0 || strcmp(declared, t->type) == 0)
        return true;
    size_t n = strlen(declared);
    for (const char *p = t->also; p && *p;) {
        size_t len = strcspn(p, " ");
        if (len == n && strncmp(p, declared, n) == 0)
            return true;
        p += len;
        p += strspn(p, " ");
    }
    return false;
}

static const char *type_list(arena *a, const in_file_type *types)
{
    const char *list = "";
    for (const in_file_type *t = types; t && t->ext; t++)
        list = arena_printf(a, "%s%s%s", list, *list ? ", " : "", t->ext);
    return list;
}

static const in_field *file_field(const in_field *fields, const char *name)
{
    for (const in_field *f = fields; f && f->name; f++)
        if (f->kind == IN_FILE && strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* Checks the files of IN_FILE field f: count, names, sizes, types. */
static const char *check_files(const in_field *f, const request *r, arena *a)
{
    size_t n = 0;
    long long total = 0;
    for (size_t i = 0; i < r->nfiles; i++) {
        req_file *file = &r->files[i];
        if (strcmp(file->field, f->name) != 0)
            continue;
        n++;
        if (!*file->name)
            return arena_printf(a, "field \"%s\": a file has no name", f->name);
        if (file->size == 0)
            return arena_printf(a, "field \"%s\": file \"%s\" is empty", f->name, file->name);
        if ((long long)file->size > f->file_max)
            return arena_printf(a, "field \"%s\": file \"%s\" is larger than %s", f->name, file->name,
                                size_text(a, f->file_max));
        const in_file_type *t = in_file_type_of(f->types, file->name);
        if (!t)
            return arena_printf(a, "field \"%s\": file \"%s\" is not of a type it takes (%s)", f->name, file->name,
                                type_list(a, f->types));
        if (!declared_ok(t, file->declared_type))
            return arena_printf(a, "field \"%s\": file \"%s\" is sent as %s, which its extension %s contradicts",
                                f->name, file->name, file->declared_type, t->ext);
        file->type = t->type;
        total += (long long)file->size;
    }
    if (n == 0 && f->required)
        return arena_printf(a, "field \"%s\" is required", f->name);
    if ((long long)n < f->min || (long long)n > f->max)
        return arena_printf(a, "field \"%s\" takes %lld to %lld files", f->name, f->min, f->max);
    if (total > f->total_max)
        return arena_printf(a, "field \"%s\": the files are larger than %s together", f->name,
                            size_text(a, f->total_max));
    return NULL;
}

const req_file *in_files(const in_field *fields, const request *r, const char *name, size_t *n)
{
    *n = 0;
    if (!file_field(fields, name))
        return NULL;
    return req_files(r, name, n);
}

const char *in_validate(const in_field *fields, const request *r, arena *a)
{
    return in_validate_at(fields, r, a, NULL);
}

const char *in_validate_at(const in_field *fields, const request *r, arena *a, const in_field **failed)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (!file_field(fields, r->files[i].field))
            return arena_printf(a, "field \"%s\" does not take files", r->files[i].field);
    for (const in_field *f = fields; f && f->name; f++) {
        if (failed)
            *failed = f;
        if (f->kind == IN_FILE) {
            const char *bad = check_files(f, r, a);
            if (bad)
                return bad;
            continue;
        }
        const kv *v = in_find(f, r);
        if (!v || (v->vlen == 0 && f->kind != IN_TEXT)) {
            if (f->required)
                return arena_printf(a, "field \"%s\" is required", f->name);
            continue;
        }
        switch (f->kind) {
        case IN_INT: {
            long long n;
            if (!text_parse_i64(v->val, true, &n) || n < f->min || n > f->max)
                return arena_printf(a, "field \"%s\" must be a whole number from %lld to %lld", f->name, f->min,
                                    f->max);
            break;
        }
        case IN_ENUM: {
            bool ok = false;
            for (const char *const *c = f->choices; c && *c; c++)
                if (strcmp(*c, v->val) == 0)
                    ok = true;
            if (!ok)
                return arena_printf(a, "field \"%s\" has a value that is not one of its choices", f->name);
            break;
        }
        case IN_FILE:
            break;
        case IN_TEXT: {
            size_t chars = text_utf8_len(v->val, v->vlen);
            if ((long long)chars < f->min || (long long)chars > f->max)
                return arena_printf(a, "field \"%s\" must be %lld to %lld characters long", f->name, f->min, f->max);
            break;
        }
        }
        if (f->check && !f->check(v->val))
            return arena_printf(a, "field \"%s\" is not valid", f->name);
    }
    if (failed)
        *failed = NULL;
    return NULL;
}
