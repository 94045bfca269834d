/* Declared inputs: each route lists the query or form fields it reads and
 * how they are validated, so a handler only ever sees checked values. */
#ifndef MP_INPUT_H
#define MP_INPUT_H

#include <stdbool.h>

#include "arena.h"
#include "request.h"

typedef enum { IN_INT, IN_ENUM, IN_TEXT } in_kind;
enum { IN_QUERY = 1, IN_FORM = 2 };

typedef struct in_field {
    const char *name;
    in_kind kind;
    unsigned where;               /* IN_QUERY and/or IN_FORM */
    bool required;
    long long min, max;           /* IN_INT: value range; IN_TEXT: length in characters */
    const char *const *choices;   /* IN_ENUM: NULL-terminated */
    bool (*check)(const char *v); /* optional further check of the value */
} in_field;

/* Field declarations, for route tables. */
#define IN_INT_Q(n, lo, hi) {.name = n, .kind = IN_INT, .where = IN_QUERY, .min = lo, .max = hi}
#define IN_INT_F(n, lo, hi) {.name = n, .kind = IN_INT, .where = IN_FORM, .required = true, .min = lo, .max = hi}
#define IN_ENUM_Q(n, c) {.name = n, .kind = IN_ENUM, .where = IN_QUERY, .choices = c}
#define IN_TEXT_Q(n, lo, hi) {.name = n, .kind = IN_TEXT, .where = IN_QUERY, .min = lo, .max = hi}
#define IN_TEXT_F(n, lo, hi) {.name = n, .kind = IN_TEXT, .where = IN_FORM, .required = true, .min = lo, .max = hi}
#define IN_END {.name = NULL}

/* Checks every declared field of r; NULL when all pass, else a message
 * naming the first field that does not (allocated in a). */
const char *in_validate(const in_field *fields, const request *r, arena *a);

/* The value of a declared field, from the query or the form; NULL when it
 * is missing, undeclared, or optional and given empty. */
const char *in_value(const in_field *fields, const request *r, const char *name);

#endif
