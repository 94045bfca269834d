/* Declared inputs: each route lists the query or form fields it reads and
 * how they are validated, so a handler only ever sees checked values. */
#ifndef MP_INPUT_H
#define MP_INPUT_H

#include <stdbool.h>

#include "arena.h"
#include "request.h"

typedef enum { IN_INT, IN_ENUM, IN_TEXT, IN_FILE } in_kind;
enum { IN_QUERY = 1, IN_FORM = 2 };

/* A file type an IN_FILE field takes. The file name's extension decides
 * the type; the type the client declared for the part must be this one,
 * one of also, or say nothing (none, or application/octet-stream), so a
 * file is never kept as a type its name contradicts, and never as a type
 * only the client vouches for. */
typedef struct in_file_type {
    const char *ext;  /* ".pdf", matched in any case */
    const char *type; /* "application/pdf": what the file is kept and served as */
    const char *also; /* other types browsers declare for it, space-separated, or NULL */
} in_file_type;

/* The type a file name's extension names among types, or NULL. */
const in_file_type *in_file_type_of(const in_file_type *types, const char *name);

/* Documents, images and archives a buyer attaches to a requirement. */
extern const in_file_type in_attachment_types[];

typedef struct in_field {
    const char *name;
    in_kind kind;
    unsigned where; /* IN_QUERY and/or IN_FORM */
    bool required;
    long long min, max;           /* IN_INT: value range; IN_TEXT: length in characters; IN_FILE: number of files */
    const char *const *choices;   /* IN_ENUM: NULL-terminated */
    bool (*check)(const char *v); /* optional further check of the value */
    long long file_max;           /* IN_FILE: bytes of one file */
    long long total_max;          /* IN_FILE: bytes of the field's files together */
    const in_file_type *types;    /* IN_FILE: the types it takes, ended by a NULL ext */
} in_field;

/* Field declarations, for route tables. */
/* clang-format 14 takes a macro of a braced initializer for a function body */
/* clang-format off */
#define IN_INT_Q(n, lo, hi) {.name = n, .kind = IN_INT, .where = IN_QUERY, .min = lo, .max = hi}
#define IN_INT_F(n, lo, hi) {.name = n, .kind = IN_INT, .where = IN_FORM, .required = true, .min = lo, .max = hi}
#define IN_ENUM_Q(n, c) {.name = n, .kind = IN_ENUM, .where = IN_QUERY, .choices = c}
#define IN_TEXT_Q(n, lo, hi) {.name = n, .kind = IN_TEXT, .where = IN_QUERY, .min = lo, .max = hi}
#define IN_TEXT_F(n, lo, hi) {.name = n, .kind = IN_TEXT, .where = IN_FORM, .required = true, .min = lo, .max = hi}
/* files of a multipart form: lo to hi of them (lo > 0 makes it required),
 * each at most each bytes, together at most total, of the given types */
#define IN_FILE_F(n, lo, hi, each, total, t)                                                                         \
    {.name = n, .kind = IN_FILE, .where = IN_FORM, .required = (lo) > 0, .min = lo, .max = hi, .file_max = each,     \
     .total_max = total, .types = t}
#define IN_END {.name = NULL}
/* clang-format on */

/* Checks every declared field of r; NULL when all pass, else a message
 * naming the first field that does not (allocated in a). A file sent for
 * a field not declared IN_FILE is refused; each accepted file gets its
 * type (req_file.type). */
const char *in_validate(const in_field *fields, const request *r, arena *a);
/* The same, also naming the field that failed (NULL when all pass). */
const char *in_validate_at(const in_field *fields, const request *r, arena *a, const in_field **failed);

/* The value of a declared field, from the query or the form; NULL when it
 * is missing, undeclared, or optional and given empty. */
const char *in_value(const in_field *fields, const request *r, const char *name);

/* The files of a declared IN_FILE field, validated: the first and their
 * count in *n; NULL and 0 when there are none or name is not one. */
const req_file *in_files(const in_field *fields, const request *r, const char *name, size_t *n);

#endif
