/* The vendor's part of a delivery, over the partner API: confirm a
 * requirement version, post progress notes, submit the work for the
 * buyer's acceptance. Each answers with the delivery document. */
#include <stdlib.h>
#include <string.h>

#include "../fcgi/body_limits.h"
#include "../fcgi/input.h"
#include "../fcgi/multipart.h"
#include "../fcgi/text.h"
#include "../fcgi/xmlin.h"
#include "attachments.h"
#include "delivery.h"
#include "handlers.h"
#include "partner.h"

typedef enum { ACT_CONFIRM, ACT_PROGRESS, ACT_SUBMIT } vendor_act;

/* A file a vendor sends with a note, decoded. */
typedef struct vendor_file {
    const char *name, *type;
    unsigned char *data;
    size_t size;
} vendor_file;

typedef struct vendor_step {
    ctx *c;
    vendor_act act;
    const char *no, *note;
    const char *key; /* the vendor's key for a progress note; NULL: none */
    long long version;
    bool found, moved, stale_version, frozen;
    bool resent, key_reused; /* the key's note recorded before: the same one, another */
    const char *status;      /* the delivery's state when it was refused */
    vendor_file files[MP_UPLOAD_FILES];
    size_t nfiles;
} vendor_step;

static db_status vendor_step_txn(void *data, bool *commit)
{
    vendor_step *v = data;
    ctx *c = v->c;
    db *d = &c->w->db;
    long long user_id;
    db_result row;
    v->found = v->moved = v->stale_version = v->frozen = v->resent = v->key_reused = false;
    /* the lock order: the buyer who owns it, then the delivery */
    db_status st = delivery_owner(d, c->a, v->no, c->vendor_id, &user_id);
    if (st != DB_OK || !user_id)
        return st;
    if ((st = shop_lock_buyer(d, c->a, user_id, NULL)) != DB_OK ||
        (st = delivery_lock(d, c->a, v->no, 0, c->vendor_id, &row, &v->found)) != DB_OK || !v->found)
        return st;
    v->status = db_str(&row, 0, DL_STATUS);
    /* a keyed note sent again (its first answer lost, or a 503 whose
     * COMMIT happened after all): the one recorded stands, whatever the
     * state now */
    if (v->key) {
        const char *had;
        if ((st = delivery_keyed_note(d, c->a, db_int(&row, 0, DL_ID), v->key, &had)) != DB_OK)
            return st;
        if (had) {
            v->resent = strcmp(had, v->note) == 0;
            v->key_reused = !v->resent;
            *commit = false;
            return DB_OK;
        }
    }
    /* an open appeal freezes it: progress notes only, until an admin decides */
    if (v->act != ACT_PROGRESS && delivery_frozen(&row)) {
        v->frozen = true;
        *commit = false;
        return DB_OK;
    }
    delivery_step s = {.who = ACTOR_VENDOR, .note = v->note};
    switch (v->act) {
    case ACT_CONFIRM:
        /* only the latest version: the buyer may have edited meanwhile */
        if (v->version != db_int(&row, 0, DL_LATEST)) {
            v->stale_version = strcmp(v->status, "pending_confirmation") == 0;
            *commit = false;
            return DB_OK;
        }
        s = (delivery_step){.type = "confirmed",
                            .who = ACTOR_VENDOR,
                            .from = "pending_confirmation",
                            .to = "in_service",
                            .version = v->version,
                            .note = v->note,
                            .detail = arena_printf(c->a, "version %lld", v->version)};
        break;
    case ACT_PROGRESS:
        s.type = "progress";
        s.from = "in_service";
        s.key = v->key;
        break;
    case ACT_SUBMIT:
        s.type = "submitted";
        s.from = "in_service";
        s.to = "pending_acceptance";
        break;
    }
    long long history_id = 0;
    if ((st = delivery_apply(d, c->a, &row, &s, &v->moved, &history_id)) != DB_OK)
        return st;
    if (!v->moved) {
        *commit = false;
        return DB_OK;
    }
    for (size_t i = 0; i < v->nfiles; i++) {
        long long id;
        const vendor_file *f = &v->files[i];
        if ((st = attachment_store(d, c->a, db_int(&row, 0, DL_ID), "vendor", f->name, f->type, (const char *)f->data,
                                   f->size, &id)) != DB_OK ||
            (st = attachment_link_history(d, c->a, history_id, id)) != DB_OK)
            return st;
    }
    return DB_OK;
}

/* The <attachment name="…">base64</attachment> children (the schema has
 * checked their number, names and encoding): decoded, each of a type a
 * buyer may attach, 1 byte to 10 MB, 20 MB together. 0, or a 400 with the
 * error set. */
static int read_files(ctx *c, xmlNodePtr root, vendor_step *v)
{
    size_t total = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "attachment") || v->nfiles == MP_UPLOAD_FILES)
            continue;
        vendor_file *f = &v->files[v->nfiles];
        xmlChar *name = xmlGetProp(n, BAD_CAST "name"), *text = xmlNodeGetContent(n);
        /* the same display name a buyer's upload gets: no path, no control
         * or direction characters */
        f->name = multipart_file_name(c->a, name ? (const char *)name : "", name ? strlen((const char *)name) : 0);
        f->data = xmlin_base64(c->a, text ? (const char *)text : "", text ? strlen((const char *)text) : 0, &f->size);
        bool ok = f->data != NULL;
        xmlFree(name);
        xmlFree(text);
        const in_file_type *t = in_file_type_of(in_attachment_types, f->name);
        const char *why = !ok                                        ? "is not valid base64"
                          : !t                                       ? "is not of a type a buyer may receive"
                          : f->size == 0                             ? "is empty"
                          : f->size > MP_UPLOAD_FILE_MAX             ? "is larger than 10 MB"
                          : (total += f->size) > MP_UPLOAD_TOTAL_MAX ? "takes the files over 20 MB together"
                                                                     : NULL;
        if (why)
            return ctx_fail(c, 400, "invalid_attachment", arena_printf(c->a, "attachment \"%s\" %s", f->name, why));
        f->type = t->type;
        v->nfiles++;
    }
    return 0;
}

static int vendor_post(ctx *c, vendor_act act, const char *schema)
{
    const char *why;
    xmlDocPtr doc = xmlin_parse(c->w->schemas, schema, c->a, c->rq.body, c->rq.body_len, &why);
    if (!doc)
        return ctx_fail(c, 400, "invalid_document", why);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    vendor_step v = {.c = c,
                     .act = act,
                     .no = req_capture(&c->rq, "no"),
                     .note = xmlin_child_text(c->a, root, "note")}; /* NULL: none (the schema says when) */
    int bad = act == ACT_CONFIRM ? 0 : read_files(c, root, &v);
    if (bad)
        return bad;
    if (act == ACT_CONFIRM) {
        xmlChar *ver = xmlGetProp(root, BAD_CAST "version");
        v.version = ver ? strtoll((const char *)ver, NULL, 10) : 0;
        xmlFree(ver);
    }
    if (act == ACT_PROGRESS) {
        xmlChar *key = xmlGetProp(root, BAD_CAST "key"); /* the schema has checked it */
        v.key = key ? arena_strdup(c->a, (const char *)key) : NULL;
        xmlFree(key);
    }
    db_status st = db_txn(&c->w->db, vendor_step_txn, &v);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!v.found)
        return ctx_fail(c, 404, "not_found", "no such delivery");
    if (v.resent)
        return partner_delivery_doc(c, v.no);
    if (v.key_reused)
        return ctx_fail(c, 409, "key_reused",
                        "this delivery has a progress note with that key and another text; a new note needs a new key");
    if (v.frozen)
        return ctx_fail(c, 409, "appeal_open",
                        "the buyer has appealed this delivery; it is frozen until the platform decides (progress "
                        "notes may still be posted)");
    if (v.stale_version)
        return ctx_fail(c, 409, "stale_version",
                        "that is not the latest requirement version; read the delivery again and confirm its latest");
    if (!v.moved)
        return ctx_fail(c, 409, "wrong_state",
                        arena_printf(c->a, "the delivery is %s; this action needs it %s", v.status,
                                     act == ACT_CONFIRM ? "pending_confirmation" : "in_service"));
    return partner_delivery_doc(c, v.no);
}

int h_partner_delivery_confirm(ctx *c)
{
    return vendor_post(c, ACT_CONFIRM, "delivery-confirm");
}

int h_partner_delivery_progress(ctx *c)
{
    return vendor_post(c, ACT_PROGRESS, "delivery-progress");
}

int h_partner_delivery_submit(ctx *c)
{
    return vendor_post(c, ACT_SUBMIT, "delivery-submit");
}

int h_partner_delivery_attachment(ctx *c)
{
    long long id = 0;
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return ctx_fail(c, 404, "not_found", "no such attachment");
    return attachment_send(c, req_capture(&c->rq, "no"), id, 0, c->vendor_id);
}
