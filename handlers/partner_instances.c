/* Partner calls that change things: provisioning an instance's app info
 * (and rotating it), and exchanging a free-login token for the buyer. */
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/xml.h"
#include "../fcgi/xmlin.h"
#include "commerce.h"
#include "handlers.h"
#include "partner.h"

#define FIELDS_MAX 20

enum { OWNER_USER, OWNER__MAX };
static db_stmt q_instance_owner = DB_STMT("partner_instance_owner", 2, OWNER__MAX,
    "SELECT user_id FROM instances WHERE instance_no = ? AND vendor_id = ?");
enum { IL_ID, IL_PROVISIONED, IL__MAX };
static db_stmt q_instance_lock = DB_STMT("partner_instance_lock", 3, IL__MAX,
    "SELECT id, provisioned_at IS NOT NULL FROM instances WHERE instance_no = ? AND vendor_id = ? AND user_id = ? "
    "FOR UPDATE");
static db_stmt q_app_info = DB_STMT("partner_app_info", 5, 0,
    "UPDATE instances SET login_url = ?, account = ?, password_enc = ?, free_login_url = ?, "
    "provisioned_at = COALESCE(provisioned_at, UTC_TIMESTAMP(6)), "
    "status = IF(status = 'provisioning', 'active', status) WHERE id = ?");
static db_stmt q_fields_clear = DB_STMT("partner_fields_clear", 1, 0, "DELETE FROM instance_fields WHERE instance_id = ?");
static db_stmt q_field_add = DB_STMT("partner_field_add", 4, 0,
    "INSERT INTO instance_fields (instance_id, position, name, value) VALUES (?, ?, ?, ?)");
static db_stmt q_token_use = DB_STMT("free_login_token_use", 2, 0,
    "UPDATE free_login_tokens SET used_at = UTC_TIMESTAMP(6) WHERE token_hash = ? AND vendor_id = ? "
    "AND used_at IS NULL AND expires_at > UTC_TIMESTAMP(6)");
enum {
    TB_OPEN_ID,
    TB_INSTANCE,
    TB_STATUS,
    TB_EXPIRES,
    TB_PRODUCT,
    TB_PRODUCT_ZH,
    TB_PRODUCT_EN,
    TB_SPEC,
    TB_SPEC_ZH,
    TB_SPEC_EN,
    TB_MODE,
    TB__MAX
};
static db_stmt q_token_buyer = DB_STMT("free_login_buyer", 1, TB__MAX,
    "SELECT vb.open_id, i.instance_no, i.status, DATE_FORMAT(i.expires_at, '%Y-%m-%dT%H:%i:%sZ'), p.id, p.name_zh, "
    "p.name_en, s.id, s.name_zh, s.name_en, i.delivery_mode FROM free_login_tokens t "
    "JOIN instances i ON i.id = t.instance_id JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "
    "JOIN vendor_buyers vb ON vb.vendor_id = t.vendor_id AND vb.user_id = t.user_id WHERE t.token_hash = ?");

typedef struct provision {
    ctx *c;
    xmlNodePtr info;
    const char *no;
    bool found;
} provision;

static db_status provision_txn(void *data, bool *commit)
{
    provision *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    db_result owner, r;
    db_status st = db_exec(d, &q_instance_owner, c->a, (db_param[]){DB_STR(p->no), DB_INT(c->vendor_id)}, 2, &owner);
    if (st != DB_OK)
        return st;
    p->found = owner.nrows == 1;
    long long user_id = p->found ? db_int(&owner, 0, OWNER_USER) : 0;
    /* the lock order: the buyer, then the instance */
    if (p->found &&
        ((st = shop_lock_buyer(d, c->a, user_id, NULL)) != DB_OK ||
         (st = db_exec(d, &q_instance_lock, c->a, (db_param[]){DB_STR(p->no), DB_INT(c->vendor_id), DB_INT(user_id)}, 3,
                       &r)) != DB_OK))
        return st;
    if (!p->found || r.nrows != 1) {
        p->found = false;
        *commit = false;
        return DB_OK;
    }
    long long id = db_int(&r, 0, IL_ID);
    bool before = db_int(&r, 0, IL_PROVISIONED) == 1;
    const char *password = xmlin_child_text(c->a, p->info, "password");
    db_param sealed = DB_STR(NULL);
    if (password) {
        size_t n = strlen(password);
        unsigned char *box = arena_alloc(c->a, n + CRYPTO_SEAL_OVERHEAD);
        if (crypto_seal(c->w->keys.seal, password, n, box) != 0)
            return DB_ERROR;
        sealed = DB_BYTES(box, n + CRYPTO_SEAL_OVERHEAD);
    }
    st = db_exec(d, &q_app_info, c->a,
                 (db_param[]){DB_STR(xmlin_child_text(c->a, p->info, "login-url")),
                              DB_STR(xmlin_child_text(c->a, p->info, "account")), sealed,
                              DB_STR(xmlin_child_text(c->a, p->info, "free-login-url")), DB_INT(id)},
                 5, NULL);
    if (st != DB_OK || (st = db_exec(d, &q_fields_clear, c->a, (db_param[]){DB_INT(id)}, 1, NULL)) != DB_OK)
        return st;
    int pos = 0;
    for (xmlNodePtr n = p->info->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "field"))
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name"), *value = xmlNodeGetContent(n);
        st = db_exec(d, &q_field_add, c->a,
                     (db_param[]){DB_INT(id), DB_INT(++pos), DB_STR((const char *)name), DB_STR((const char *)value)},
                     4, NULL);
        xmlFree(name);
        xmlFree(value);
        if (st != DB_OK)
            return st;
    }
    shop_event e = {.vendor_id = c->vendor_id,
                    .type = before ? "instance.app_info_updated" : "instance.provisioned",
                    .who = ACTOR_VENDOR,
                    .user_id = user_id,
                    .instance_id = id};
    return shop_event_add(d, c->a, &e);
}

int h_partner_app_info(ctx *c)
{
    const char *why;
    xmlDocPtr doc = xmlin_parse(c->w->schemas, "app-info", c->a, c->rq.body, c->rq.body_len, &why);
    if (!doc)
        return ctx_fail(c, 400, "invalid_document", why);
    provision p = {c, xmlDocGetRootElement(doc), req_capture(&c->rq, "no"), false};
    db_status st = db_txn(&c->w->db, provision_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!p.found)
        return ctx_fail(c, 404, "not_found", "no such instance");
    return partner_instance_doc(c, p.no);
}

int h_partner_free_login(ctx *c)
{
    const char *why;
    xmlDocPtr doc = xmlin_parse(c->w->schemas, "free-login-verify", c->a, c->rq.body, c->rq.body_len, &why);
    if (!doc)
        return ctx_fail(c, 400, "invalid_document", why);
    const char *token = xmlin_child_text(c->a, xmlDocGetRootElement(doc), "token");
    unsigned char hash[32];
    crypto_sha256(token, strlen(token), hash);
    db *d = &c->w->db;
    db_result u, r;
    db_status st = db_exec(d, &q_token_use, c->a, (db_param[]){DB_BYTES(hash, 32), DB_INT(c->vendor_id)}, 2, &u);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (u.affected != 1)
        return ctx_fail(c, 404, "invalid_token", "the token is unknown, already used, expired, or not yours");
    if ((st = db_exec(d, &q_token_buyer, c->a, (db_param[]){DB_BYTES(hash, 32)}, 1, &r)) != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows != 1)
        return ctx_fail(c, 500, "internal", "the token's instance is gone");
    xmlNodePtr root;
    xmlDocPtr out = xml_doc_new(c->a, "free-login-buyer", &root);
    xml_set(root, "open-id", db_str(&r, 0, TB_OPEN_ID));
    xmlNodePtr ins = xml_add(root, "instance");
    xml_set(ins, "no", db_str(&r, 0, TB_INSTANCE));
    xml_set(ins, "status", db_str(&r, 0, TB_STATUS));
    if (db_str(&r, 0, TB_EXPIRES))
        xml_set(ins, "expires", db_str(&r, 0, TB_EXPIRES));
    else
        xml_set(ins, "period", "once"); /* a one-off service never expires */
    xml_set(ins, "delivery", db_str(&r, 0, TB_MODE));
    static const struct {
        const char *name;
        unsigned id, zh, en;
    } named[] = {{"product", TB_PRODUCT, TB_PRODUCT_ZH, TB_PRODUCT_EN}, {"spec", TB_SPEC, TB_SPEC_ZH, TB_SPEC_EN}};
    for (int k = 0; k < 2; k++) {
        xmlNodePtr e = xml_add(root, named[k].name);
        xml_set(e, "id", db_str(&r, 0, named[k].id));
        xml_set(xml_add_text(e, "name", db_str(&r, 0, named[k].zh)), "lang", "zh-CN");
        xml_set(xml_add_text(e, "name", db_str(&r, 0, named[k].en)), "lang", "en");
    }
    ctx_xml_body(c, out);
    return 200;
}
