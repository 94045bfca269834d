/* A delivery's files, kept in MariaDB in chunks of at most 1 MiB (more
 * pool hosts need no shared disk) and served to the buyer who owns the
 * delivery and to its vendor only. */
#ifndef MP_ATTACHMENTS_H
#define MP_ATTACHMENTS_H

#include "../fcgi/ctx.h"
#include "commerce.h"

#define ATTACHMENT_CHUNK (1024 * 1024)

/* Stores one file of a delivery inside the caller's transaction; *id
 * names it. The SHA-256 is computed here. */
db_status attachment_store(db *d, arena *a, long long delivery_id, const char *uploaded_by, const char *name,
                           const char *type, const char *data, size_t size, long long *id);

/* Links files to a requirement version, or to a history row. */
db_status attachment_link_requirement(db *d, arena *a, long long requirement_id, long long attachment_id);
db_status attachment_link_history(db *d, arena *a, long long history_id, long long attachment_id);

/* The files of a delivery's requirement versions and history rows, as
 * <attachment id name type size sha256 version|history> children of
 * parent, for the page or the partner document. */
db_status attachments_model(ctx *c, xmlNodePtr parent, long long delivery_id);

/* The file name extensions a requirement's files may have, for the form's
 * accept attribute (".pdf,.docx,…"). */
const char *attachment_accept(arena *a);

/* Answers with the file's bytes (streamed chunk by chunk) when it belongs
 * to the delivery numbered no of this buyer (user_id) or this vendor
 * (vendor_id; the other id 0); 404 otherwise. */
int attachment_send(ctx *c, const char *no, long long attachment_id, long long user_id, long long vendor_id);

#endif
