/* The sandbox payment gateway: its own cashier page (confirm or cancel),
 * a signed return to the marketplace, and signed server-to-server
 * notifications delivered (and retried) by the scheduler. */
#include <libxml/nanohttp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../fcgi/crypto.h"
#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "gateway.h"
#include "handlers.h"

#define CHECKOUT_TTL (2 * 3600) /* seconds a checkout link stays valid */

static int kv_cmp(const void *a, const void *b)
{
    return strcmp(((const kv *)a)->key, ((const kv *)b)->key);
}

const char *gw_sign(arena *a, const unsigned char *key, const kv *fields, size_t n)
{
    kv *sorted = arena_alloc(a, (n ? n : 1) * sizeof(kv));
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].key, "sign") != 0)
            sorted[m++] = fields[i];
    qsort(sorted, m, sizeof(kv), kv_cmp);
    char *text = arena_strdup(a, "");
    for (size_t i = 0; i < m; i++)
        text = arena_printf(a, "%s%s%s=%s", text, i ? "&" : "", sorted[i].key, sorted[i].val);
    unsigned char mac[32];
    crypto_hmac_sha256(key, CRYPTO_KEY_LEN, text, strlen(text), mac);
    return crypto_hex(a, mac, sizeof(mac));
}

/* "k=v&…&sign=…" with every value percent-encoded. */
static char *signed_query(arena *a, const unsigned char *key, kv *f, size_t n)
{
    const char *sign = gw_sign(a, key, f, n);
    char *q = arena_strdup(a, "");
    for (size_t i = 0; i < n; i++)
        q = arena_printf(a, "%s%s=%s&", q, f[i].key, text_url_encode(a, f[i].val, false));
    return arena_printf(a, "%ssign=%s", q, sign);
}

static bool sign_ok(arena *a, const unsigned char *key, const kv_list *fields)
{
    const kv *sign = kv_find(fields, "sign");
    if (!sign || sign->vlen != 64)
        return false;
    const char *want = gw_sign(a, key, fields->items, fields->n);
    return text_equal_ct(want, sign->val, 64);
}

static const char *sandbox_checkout_url(ctx *c, const char *payment_no, long long cents, const char *subject)
{
    kv f[] = {
        {"payment_no", payment_no, strlen(payment_no)},
        {"amount_cents", arena_printf(c->a, "%lld", cents), 0},
        {"subject", subject, strlen(subject)},
        {"ts", arena_printf(c->a, "%lld", (long long)time(NULL)), 0},
    };
    return arena_printf(c->a, "%s/sandbox/pay?%s", c->w->cfg.sandbox_url, signed_query(c->a, c->w->keys.sandbox, f, 4));
}

static bool sandbox_verify(ctx *c, const kv_list *fields, gw_notice *out)
{
    static const char *const need[] = {"payment_no", "txn_id", "amount_cents", "status", "ts"};
    if (fields->n != 6 || !sign_ok(c->a, c->w->keys.sandbox, fields))
        return false;
    for (size_t i = 0; i < 5; i++)
        if (!kv_find(fields, need[i]))
            return false;
    const char *status = kv_find(fields, "status")->val;
    if (!text_parse_i64(kv_find(fields, "amount_cents")->val, false, &out->amount_cents) ||
        (strcmp(status, "succeeded") != 0 && strcmp(status, "cancelled") != 0))
        return false;
    out->payment_no = kv_find(fields, "payment_no")->val;
    out->txn_id = kv_find(fields, "txn_id")->val;
    out->succeeded = strcmp(status, "succeeded") == 0;
    return true;
}

static bool sandbox_enabled(const config *cfg)
{
    return cfg->payment_sandbox;
}

static const char *sandbox_site(const config *cfg)
{
    return cfg->sandbox_url;
}

const gateway gw_sandbox = {"sandbox", sandbox_enabled, sandbox_site, sandbox_checkout_url, sandbox_verify, "success"};

/* ---- the sandbox provider's own side ---- */

static db_stmt q_txn_insert = DB_STMT("sandbox_txn_insert", 4, 0,
    "INSERT INTO sandbox_txns (txn_id, payment_no, amount_cents, status, next_attempt_at, created_at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
enum { TXN_ID, TXN_PAYMENT, TXN_AMOUNT, TXN_STATUS, TXN__MAX };
static db_stmt q_txn_by_payment = DB_STMT("sandbox_txn_by_payment", 1, TXN__MAX,
    "SELECT txn_id, payment_no, amount_cents, status FROM sandbox_txns WHERE payment_no = ?");
enum { OWNER_USER, OWNER__MAX };
static db_stmt q_payment_owner = DB_STMT("sandbox_payment_owner", 1, OWNER__MAX,
    "SELECT user_id FROM payments WHERE payment_no = ? AND method = 'sandbox'");

/* The checkout request's fields, checked: signed by the marketplace, fresh. */
static bool checkout_ok(ctx *c, const kv_list *f, long long *cents)
{
    static const char *const need[] = {"payment_no", "amount_cents", "subject", "ts"};
    long long ts;
    for (size_t i = 0; i < 4; i++)
        if (!kv_find(f, need[i]))
            return false;
    return sign_ok(c->a, c->w->keys.sandbox, f) && text_parse_i64(kv_find(f, "amount_cents")->val, false, cents) &&
           *cents > 0 && text_parse_i64(kv_find(f, "ts")->val, false, &ts) &&
           llabs((long long)time(NULL) - ts) < CHECKOUT_TTL;
}

/* The cashier answers on its own site only (when it has one): on the
 * marketplace's address it does not exist. */
static bool on_cashier_site(ctx *c)
{
    const config *cfg = &c->w->cfg;
    if (strcmp(cfg->base_origin, cfg->sandbox_origin) == 0)
        return true;
    const char *host = req_env(&c->rq, "HTTP_HOST");
    return host && strcasecmp(host, strstr(cfg->sandbox_origin, "://") + 3) == 0;
}

/* A checkout link works only for the buyer who started the payment: the
 * marketplace session of whoever holds it must be theirs (the cashier is
 * on the marketplace's host, so the browser sends it). 0 or a status. */
static int checkout_owner_ok(ctx *c, const char *payment_no)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_payment_owner, c->a, (db_param[]){DB_STR(payment_no)}, 1, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, "no_such_payment", "There is no such payment.");
    if (!c->user) {
        ctx_back(c, arena_printf(c->a, "%s/login", c->w->cfg.base_url), "nav.signin");
        return ctx_fail(c, 403, "checkout_sign_in",
                        "Sign in to the marketplace as the buyer who started this payment.");
    }
    if (db_int(&r, 0, OWNER_USER) != c->user->id)
        return ctx_fail(c, 403, "checkout_not_yours", "This checkout was started by another account.");
    return 0;
}

/* Where the cashier sends the buyer back: the marketplace (another site
 * when the cashier has its own, so the page's CSP names it). */
static const char *merchant_url(ctx *c, const char *path)
{
    ctx_form_target(c, c->w->cfg.base_url);
    return arena_printf(c->a, "%s%s", c->w->cfg.base_url, path);
}

int h_sandbox_page(ctx *c)
{
    long long cents;
    if (!on_cashier_site(c))
        return 404;
    if (!checkout_ok(c, &c->rq.args, &cents))
        return ctx_fail(c, 400, "bad_signature", "This checkout link is not valid or has expired.");
    int refused = checkout_owner_ok(c, req_arg(&c->rq, "payment_no"));
    if (refused)
        return refused;
    xmlNodePtr p = xml_add(c->page, "checkout");
    xml_set(p, "merchant", merchant_url(c, "/"));
    for (size_t i = 0; i < c->rq.args.n; i++)
        xml_set(xml_add_text(p, "param", c->rq.args.items[i].val), "name", c->rq.args.items[i].key);
    xml_set(p, "payment-no", req_arg(&c->rq, "payment_no"));
    xml_add_text(p, "subject", req_arg(&c->rq, "subject"));
    xml_add_money(p, "amount", cents);
    db_result r;
    db_status st = db_exec(&c->w->db, &q_txn_by_payment, c->a, (db_param[]){DB_STR(req_arg(&c->rq, "payment_no"))}, 1,
                           &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows) {
        xml_set(p, "done", db_str(&r, 0, TXN_STATUS));
        xml_set(p, "result", merchant_url(c, arena_printf(c->a, "/payments/%s", req_arg(&c->rq, "payment_no"))));
    }
    return 200;
}

/* Confirm or cancel: the provider records the outcome once (a second click
 * finds the first record), queues the notification, and sends the buyer
 * back to the marketplace with a signed copy of it. */
int h_sandbox_submit(ctx *c)
{
    if (!on_cashier_site(c))
        return 404;
    kv_list f = c->rq.form;
    const kv *action = kv_find(&f, "action");
    /* the signed checkout fields travel in the form, minus "action" and
     * the form's CSRF token */
    kv_list signed_fields = {arena_alloc(c->a, (f.n ? f.n : 1) * sizeof(kv)), 0};
    for (size_t i = 0; i < f.n; i++)
        if (strcmp(f.items[i].key, "action") != 0 && strcmp(f.items[i].key, "csrf") != 0)
            signed_fields.items[signed_fields.n++] = f.items[i];
    long long cents;
    if (!action || !checkout_ok(c, &signed_fields, &cents))
        return ctx_fail(c, 400, "bad_signature", "This checkout form is not valid or has expired.");
    if (strcmp(action->val, "confirm") != 0 && strcmp(action->val, "cancel") != 0)
        return ctx_fail(c, 400, "bad_action", "Choose confirm or cancel.");
    const char *payment_no = kv_find(&f, "payment_no")->val;
    int refused = checkout_owner_ok(c, payment_no);
    if (refused)
        return refused;
    const char *txn = arena_printf(c->a, "sbx%s", crypto_random_digits(c->a, 21));
    const char *status = strcmp(action->val, "confirm") == 0 ? "succeeded" : "cancelled";
    db *d = &c->w->db;
    db_status st = db_exec(d, &q_txn_insert, c->a,
                           (db_param[]){DB_STR(txn), DB_STR(payment_no), DB_INT(cents), DB_STR(status)}, 4, NULL);
    if (st != DB_OK && st != DB_DUPLICATE)
        return ctx_db_fail(c, st);
    db_result r;
    if ((st = db_exec(d, &q_txn_by_payment, c->a, (db_param[]){DB_STR(payment_no)}, 1, &r)) != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows != 1)
        return ctx_fail(c, 500, "internal", "The sandbox lost its transaction.");
    kv n[] = {
        {"payment_no", payment_no, 0},
        {"txn_id", db_str(&r, 0, TXN_ID), 0},
        {"amount_cents", db_str(&r, 0, TXN_AMOUNT), 0},
        {"status", db_str(&r, 0, TXN_STATUS), 0},
        {"ts", arena_printf(c->a, "%lld", (long long)time(NULL)), 0},
    };
    return ctx_redirect_external(c, merchant_url(c, arena_printf(c->a, "/payments/return/sandbox?%s",
                                                                 signed_query(c->a, c->w->keys.sandbox, n, 5))));
}

enum { OB_ID, OB_TXN, OB_PAYMENT, OB_AMOUNT, OB_STATUS, OB__MAX };
static db_stmt q_outbox = DB_STMT("sandbox_outbox", 0, OB__MAX,
    "SELECT id, txn_id, payment_no, amount_cents, status FROM sandbox_txns "
    "WHERE notified_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP(6) ORDER BY id LIMIT 20");
static db_stmt q_notified = DB_STMT("sandbox_notified", 1, 0,
    "UPDATE sandbox_txns SET notified_at = UTC_TIMESTAMP(6), attempts = attempts + 1 WHERE id = ?");
static db_stmt q_retry_later = DB_STMT("sandbox_retry", 1, 0,
    "UPDATE sandbox_txns SET attempts = attempts + 1, "
    "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL LEAST(3600, 5 * POW(2, attempts)) SECOND WHERE id = ?");

/* Posts one notification; true when the marketplace acknowledged it. */
static bool deliver(arena *a, const config *cfg, const char *body)
{
    char *url = arena_printf(a, "%s/payments/notify/sandbox", cfg->base_url);
    char *content_type = NULL;
    void *ctxt = xmlNanoHTTPMethod(url, "POST", body, &content_type,
                                   "Content-Type: application/x-www-form-urlencoded\r\n", (int)strlen(body));
    xmlFree(content_type);
    if (!ctxt)
        return false;
    int code = xmlNanoHTTPReturnCode(ctxt);
    char buf[64] = "";
    int n = xmlNanoHTTPRead(ctxt, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    xmlNanoHTTPClose(ctxt);
    return code == 200 && strcmp(buf, gw_sandbox.ack) == 0;
}

int sandbox_deliver_notifications(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    db_result r;
    if (db_exec(d, &q_outbox, a, NULL, 0, &r) != DB_OK)
        return -1;
    int sent = 0;
    for (size_t i = 0; i < r.nrows; i++) {
        kv n[] = {
            {"payment_no", db_str(&r, i, OB_PAYMENT), 0},
            {"txn_id", db_str(&r, i, OB_TXN), 0},
            {"amount_cents", db_str(&r, i, OB_AMOUNT), 0},
            {"status", db_str(&r, i, OB_STATUS), 0},
            {"ts", arena_printf(a, "%lld", (long long)time(NULL)), 0},
        };
        const char *body = signed_query(a, keys->sandbox, n, 5);
        bool ok = deliver(a, cfg, body);
        if (!ok)
            log_error("sandbox: notification of %s not acknowledged; will retry", db_str(&r, i, OB_TXN));
        db_exec(d, ok ? &q_notified : &q_retry_later, a, (db_param[]){DB_INT(db_int(&r, i, OB_ID))}, 1, NULL);
        sent += ok;
    }
    return sent;
}
