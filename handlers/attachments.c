/* A delivery's files: stored in chunks, listed with their versions and
 * history rows, sent chunk by chunk to the buyer or the vendor. */
#include "attachments.h"

#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/input.h"
#include "../fcgi/log.h"
#include "../fcgi/xml.h"

static db_stmt q_insert = DB_STMT("attachment_insert", 6, 0,
    "INSERT INTO attachments (delivery_id, uploaded_by, name, content_type, size_bytes, sha256, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_chunk = DB_STMT("attachment_chunk_insert", 3, 0,
    "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)");
static db_stmt q_link_requirement = DB_STMT("attachment_link_requirement", 2, 0,
    "INSERT INTO requirement_attachments (requirement_id, attachment_id) VALUES (?, ?)");
static db_stmt q_link_history = DB_STMT("attachment_link_history", 2, 0,
    "INSERT INTO history_attachments (history_id, attachment_id) VALUES (?, ?)");

/* every file of a delivery, with the version or history row it came with */
enum { AL_ID, AL_NAME, AL_TYPE, AL_SIZE, AL_SHA, AL_BY, AL_VERSION, AL_HISTORY, AL__MAX };
static db_stmt q_list = DB_STMT("attachments_of_delivery", 2, AL__MAX,
    "SELECT a.id, a.name, a.content_type, a.size_bytes, HEX(a.sha256), a.uploaded_by, r.version, NULL "
    "FROM attachments a JOIN requirement_attachments ra ON ra.attachment_id = a.id "
    "JOIN delivery_requirements r ON r.id = ra.requirement_id WHERE a.delivery_id = ? "
    "UNION ALL SELECT a.id, a.name, a.content_type, a.size_bytes, HEX(a.sha256), a.uploaded_by, NULL, ha.history_id "
    "FROM attachments a JOIN history_attachments ha ON ha.attachment_id = a.id WHERE a.delivery_id = ? "
    "ORDER BY 1");

enum { AF_NAME, AF_TYPE, AF_SIZE, AF_SHA, AF_CHUNKS, AF__MAX };
static db_stmt q_file_mine = DB_STMT("attachment_file_buyer", 3, AF__MAX,
    "SELECT a.name, a.content_type, a.size_bytes, LOWER(HEX(a.sha256)), "
    "(SELECT COUNT(*) FROM attachment_chunks c WHERE c.attachment_id = a.id) "
    "FROM attachments a JOIN deliveries d ON d.id = a.delivery_id "
    "WHERE a.id = ? AND d.delivery_no = ? AND d.user_id = ?");
static db_stmt q_file_vendor = DB_STMT("attachment_file_vendor", 3, AF__MAX,
    "SELECT a.name, a.content_type, a.size_bytes, LOWER(HEX(a.sha256)), "
    "(SELECT COUNT(*) FROM attachment_chunks c WHERE c.attachment_id = a.id) "
    "FROM attachments a JOIN deliveries d ON d.id = a.delivery_id "
    "WHERE a.id = ? AND d.delivery_no = ? AND d.vendor_id = ?");
enum { CH_DATA, CH__MAX };
static db_stmt q_chunk_read = DB_STMT("attachment_chunk_read", 2, CH__MAX,
    "SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?");

db_status attachment_store(db *d, arena *a, long long delivery_id, const char *uploaded_by, const char *name,
                           const char *type, const char *data, size_t size, long long *id)
{
    unsigned char sha[32];
    crypto_sha256(data, size, sha);
    db_result r;
    db_status st = db_exec(d, &q_insert, a,
                           (db_param[]){DB_INT(delivery_id), DB_STR(uploaded_by), DB_STR(name), DB_STR(type),
                                        DB_INT((long long)size), DB_BYTES(sha, sizeof(sha))},
                           6, &r);
    if (st != DB_OK)
        return st;
    *id = (long long)r.insert_id;
    for (size_t off = 0, seq = 0; off < size; off += ATTACHMENT_CHUNK, seq++) {
        size_t n = size - off < ATTACHMENT_CHUNK ? size - off : ATTACHMENT_CHUNK;
        if ((st = db_exec(d, &q_chunk, a, (db_param[]){DB_INT(*id), DB_INT((long long)seq), DB_BYTES(data + off, n)}, 3,
                          NULL)) != DB_OK)
            return st;
    }
    return DB_OK;
}

db_status attachment_link_requirement(db *d, arena *a, long long requirement_id, long long attachment_id)
{
    return db_exec(d, &q_link_requirement, a, (db_param[]){DB_INT(requirement_id), DB_INT(attachment_id)}, 2, NULL);
}

db_status attachment_link_history(db *d, arena *a, long long history_id, long long attachment_id)
{
    return db_exec(d, &q_link_history, a, (db_param[]){DB_INT(history_id), DB_INT(attachment_id)}, 2, NULL);
}

db_status attachments_model(ctx *c, xmlNodePtr parent, long long delivery_id)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_list, c->a, (db_param[]){DB_INT(delivery_id), DB_INT(delivery_id)}, 2, &r);
    if (st != DB_OK)
        return st;
    static const attr_col cols[] = {
        {"id", AL_ID, 0},          {"name", AL_NAME, 0},       {"type", AL_TYPE, 0},       {"size", AL_SIZE, 0},
        {"uploaded-by", AL_BY, 0}, {"version", AL_VERSION, 0}, {"history", AL_HISTORY, 0}, {NULL, 0, 0},
    };
    xmlNodePtr list = xml_add(parent, "attachments");
    for (size_t i = 0; i < r.nrows; i++) {
        xmlNodePtr e = xml_add(list, "attachment");
        model_attrs(c, e, &r, i, cols);
        /* lower-case hex, as the download's header gives it */
        char *sha = arena_strdup(c->a, db_str(&r, i, AL_SHA));
        for (char *p = sha; *p; p++)
            if (*p >= 'A' && *p <= 'F')
                *p = (char)(*p - 'A' + 'a');
        xml_set(e, "sha256", sha);
    }
    return DB_OK;
}

const char *attachment_accept(arena *a)
{
    const char *s = "";
    for (const in_file_type *t = in_attachment_types; t->ext; t++)
        s = arena_printf(a, "%s%s%s", s, *s ? "," : "", t->ext);
    return s;
}

typedef struct file_stream {
    long long id, chunks;
} file_stream;

/* Writes each chunk as it is read, one chunk in memory at a time. */
static bool send_chunks(ctx *c, ctx_writer write, void *out)
{
    file_stream *f = c->stream_arg;
    for (long long seq = 0; seq < f->chunks; seq++) {
        arena a;
        arena_init(&a, 0);
        db_result r;
        db_status st = db_exec(&c->w->db, &q_chunk_read, &a, (db_param[]){DB_INT(f->id), DB_INT(seq)}, 2, &r);
        bool ok = st == DB_OK && r.nrows == 1 && write(out, db_str(&r, 0, CH_DATA), r.lens[0][CH_DATA]);
        arena_free(&a);
        if (!ok) {
            log_error("attachment %lld: chunk %lld not sent (%s)", f->id, seq, db_status_name(st));
            return false;
        }
    }
    return true;
}

/* RFC 6266: an ASCII fallback (anything else and quotes become '_') and
 * the exact name in RFC 5987 encoding. */
static const char *disposition(arena *a, const char *name)
{
    size_t n = strlen(name);
    char *ascii = arena_alloc(a, n + 1), *enc = arena_alloc(a, 3 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        ascii[i] = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? (char)ch : '_';
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr("-._~", ch))
            enc[k++] = (char)ch;
        else
            k += (size_t)snprintf(enc + k, 4, "%%%02X", ch);
    }
    ascii[n] = '\0';
    enc[k] = '\0';
    return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
}

int attachment_send(ctx *c, const char *no, long long attachment_id, long long user_id, long long vendor_id)
{
    db_result r;
    db_status st = db_exec(&c->w->db, user_id ? &q_file_mine : &q_file_vendor, c->a,
                           (db_param[]){DB_INT(attachment_id), DB_STR(no), DB_INT(user_id ? user_id : vendor_id)}, 3,
                           &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, user_id ? "no_such_attachment" : "not_found", "There is no such attachment.");
    file_stream *f = arena_zalloc(c->a, sizeof(*f));
    f->id = attachment_id;
    f->chunks = db_int(&r, 0, AF_CHUNKS);
    long long size = db_int(&r, 0, AF_SIZE);
    if (f->chunks != (size + ATTACHMENT_CHUNK - 1) / ATTACHMENT_CHUNK) { /* never a short file that looks whole */
        log_error("attachment %lld: %lld chunks for %lld bytes", attachment_id, f->chunks, size);
        return ctx_fail(c, 500, "internal", "The file is damaged.");
    }
    c->content_type = db_str(&r, 0, AF_TYPE);
    c->stream = send_chunks;
    c->stream_arg = f;
    c->stream_len = (size_t)db_int(&r, 0, AF_SIZE);
    ctx_header(c, "Content-Disposition", disposition(c->a, db_str(&r, 0, AF_NAME)));
    ctx_header(c, "X-Content-SHA256", db_str(&r, 0, AF_SHA));
    ctx_header_set(c, "Cache-Control", "private, no-store");
    return 200;
}
