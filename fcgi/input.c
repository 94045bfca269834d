/* Validation of declared query and form fields. */
#include "input.h"

#include <string.h>

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
        if (strcmp(f->name, name) == 0) {
            const kv *v = in_find(f, r);
            return v ? v->val : NULL;
        }
    return NULL;
}

const char *in_validate(const in_field *fields, const request *r, arena *a)
{
    for (const in_field *f = fields; f && f->name; f++) {
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
        case IN_TEXT: {
            size_t chars = text_utf8_len(v->val, v->vlen);
            if ((long long)chars < f->min || (long long)chars > f->max)
                return arena_printf(a, "field \"%s\" must be %lld to %lld characters long", f->name, f->min,
                                    f->max);
            break;
        }
        }
        if (f->check && !f->check(v->val))
            return arena_printf(a, "field \"%s\" is not valid", f->name);
    }
    return NULL;
}
