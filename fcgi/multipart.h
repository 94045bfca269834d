/* multipart/form-data (RFC 7578) over a body already in the request
 * arena: text fields join the form, files stay slices of the body. */
#ifndef MP_MULTIPART_H
#define MP_MULTIPART_H

#include <stddef.h>

#include "arena.h"
#include "request.h"

#define MULTIPART_BOUNDARY_MAX 70 /* RFC 2046 */
#define MULTIPART_HEADER_MAX 4096 /* bytes of one part's header lines */
#define MULTIPART_PARTS_MAX 64
#define MULTIPART_NAME_MAX 255 /* bytes of a file's display name */

/* The boundary of a "multipart/form-data; boundary=…" Content-Type (1 to
 * 70 of RFC 2046's characters, quoted or not, not ending in a space), in
 * a; NULL for another type, or a boundary missing, repeated or malformed. */
const char *multipart_boundary(arena *a, const char *content_type);

/* Parses body[0..len) delimited by boundary. A part with a filename
 * parameter is a file: it goes into *files (an array in a, the files of
 * one field next to each other, in the order sent) with data pointing
 * into body; a part that carries filename="" and no bytes is a file input
 * left empty and is skipped. Any other part is a text field: it goes into
 * form as a url-encoded one would, with the same checks (name characters,
 * UTF-8 text without NUL or control characters, no name twice, at most
 * REQ_FIELDS_MAX). REQ_OK, or what is wrong, with a detail in *why (may
 * be NULL) for REQ_BAD_MULTIPART and the others. */
req_status multipart_parse(arena *a, const char *boundary, const char *body, size_t len, kv_list *form,
                           req_file **files, size_t *nfiles, const char **why);

/* multipart_parse over r's body with the boundary of its Content-Type,
 * into r->form and r->files. */
req_status multipart_parse_request(request *r, arena *a, const char **why);

/* A client's file name made fit to show and keep: no directories (the
 * part after the last '/' or '\'), no control characters (C0, DEL, C1,
 * and the bidirectional overrides that disguise an extension), no spaces
 * at either end, "" for "." and "..", at most MULTIPART_NAME_MAX bytes of
 * UTF-8 (cut inside the stem, so a short extension stays). In a; NULL when
 * raw is not UTF-8. */
const char *multipart_file_name(arena *a, const char *raw, size_t n);

#endif
