/* Buyer accounts: register, sign in, sign out, account page with balance
 * and ledger, balance top-up through the payment gateway. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/session.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "commerce.h"
#include "handlers.h"

#define LOGIN_MAX_FAILURES 5
#define LOGIN_WINDOW_MIN 15
#define LEDGER_PAGE 20

static db_stmt q_user_insert = DB_STMT("user_insert", 3, 0,
    "INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, ?)");
static db_stmt q_user_by_email = DB_STMT("user_by_email", 1, 2,
    "SELECT id, password_hash FROM users WHERE email = ?");
static db_stmt q_failures = DB_STMT("login_failures", 2, 2,
    "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MIN(created_at) + INTERVAL ? MINUTE), 0) "
    "FROM login_failures WHERE email = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL 15 MINUTE");
static db_stmt q_failure_add = DB_STMT("login_failure_add", 2, 0,
    "INSERT INTO login_failures (email, ip, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_failures_clear = DB_STMT("login_failures_clear", 1, 0,
    "DELETE FROM login_failures WHERE email = ?");
static db_stmt q_ledger_page = DB_STMT("ledger_page", 3, 8,
    "SELECT l.id, l.amount_cents, l.balance_after_cents, l.kind, DATE_FORMAT(l.created_at, '%Y-%m-%d %H:%i:%s'), "
    "o.order_no, p.payment_no, l.order_id FROM ledger l LEFT JOIN orders o ON o.id = l.order_id "
    "LEFT JOIN payments p ON p.id = l.payment_id WHERE l.user_id = ? AND l.id < ? ORDER BY l.id DESC LIMIT ?");

/* A local path to return to after signing in, or "/" (never another site). */
static const char *safe_next(const char *next, const char *dflt)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 500)
        return dflt;
    return next;
}

static char *trimmed(arena *a, const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static bool email_ok(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.')
        return false;
    for (const char *p = e; *p; p++)
        if (isspace((unsigned char)*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',')
            return false;
    return e[strlen(e) - 1] != '.';
}

/* <form next="…"><field name="email">…</field>…</form>: what to show again. */
static void add_form(ctx *c, const char *next, const char *const *fields)
{
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "next", safe_next(next, ""));
    for (; fields && *fields; fields++) {
        const char *v = ctx_in(c, *fields);
        xml_set(xml_add_text(f, "field", v ? v : ""), "name", *fields);
    }
}

/* The empty register or sign-in form; a signed-in visitor goes on to next
 * (or dflt) instead. */
static int form_page(ctx *c, const char *dflt)
{
    if (c->user)
        return ctx_redirect(c, safe_next(ctx_in(c, "next"), dflt));
    add_form(c, ctx_in(c, "next"), NULL);
    return 200;
}

int h_register_form(ctx *c)
{
    return form_page(c, "/account");
}

int h_register(ctx *c)
{
    static const char *const keep[] = {"email", "name", NULL};
    const char *next = ctx_in(c, "next");
    char *email = trimmed(c->a, ctx_in(c, "email"));
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *name = trimmed(c->a, ctx_in(c, "name"));
    const char *pw = ctx_in(c, "password"), *pw2 = ctx_in(c, "password2");
    add_form(c, next, keep);
    if (!email_ok(email))
        return ctx_form_error(c, 422, "email", "register.bad_email");
    if (!*name)
        return ctx_form_error(c, 422, "name", "register.bad_name");
    if (text_utf8_len(pw, strlen(pw)) < 8)
        return ctx_form_error(c, 422, "password", "register.short_password");
    if (strcmp(pw, pw2) != 0)
        return ctx_form_error(c, 422, "password2", "register.password_mismatch");
    char hash[256];
    if (crypto_password_hash(pw, hash, sizeof(hash)) != 0)
        return ctx_fail(c, 500, "internal", "Could not hash the password.");
    db_result r;
    db_status st = db_exec(&c->w->db, &q_user_insert, c->a, (db_param[]){DB_STR(email), DB_STR(name), DB_STR(hash)},
                           3, &r);
    if (st == DB_DUPLICATE)
        return ctx_form_error(c, 422, "email", "register.email_taken");
    if (st != DB_OK || (st = sess_start(c, (long long)r.insert_id)) != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, safe_next(next, "/account?notice=welcome"));
}

int h_login_form(ctx *c)
{
    return form_page(c, "/");
}

int h_login(ctx *c)
{
    static const char *const keep[] = {"email", NULL};
    const char *next = ctx_in(c, "next");
    char *email = trimmed(c->a, ctx_in(c, "email"));
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    add_form(c, next, keep);
    db *d = &c->w->db;
    db_result r;
    db_status st = db_exec(d, &q_failures, c->a, (db_param[]){DB_INT(LOGIN_WINDOW_MIN), DB_STR(email)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (db_int(&r, 0, 0) >= LOGIN_MAX_FAILURES) {
        long long wait = (db_int(&r, 0, 1) + 59) / 60;
        xml_set_int(xml_add(c->page, "retry-after"), "minutes", wait > 0 ? wait : 1);
        return ctx_form_error(c, 429, NULL, "login.too_many");
    }
    if ((st = db_exec(d, &q_user_by_email, c->a, (db_param[]){DB_STR(email)}, 1, &r)) != DB_OK)
        return ctx_db_fail(c, st);
    /* an unknown email costs the same hashing time as a wrong password */
    static const char dummy[] = "$y$j9T$7bF2kKDbYBQW1oP1VnmIW/$0ZyQ5Pkq4OPcG3cX6CEuO4QAmhJbLNXz7gWVQtbTs62";
    const char *hash = r.nrows ? db_str(&r, 0, 1) : dummy;
    bool ok = crypto_password_ok(ctx_in(c, "password"), hash) && r.nrows;
    if (!ok) {
        if ((st = db_exec(d, &q_failure_add, c->a, (db_param[]){DB_STR(email), DB_STR(c->rq.remote_addr)}, 2,
                          NULL)) != DB_OK)
            return ctx_db_fail(c, st);
        return ctx_form_error(c, 401, NULL, "login.failed");
    }
    long long user_id = db_int(&r, 0, 0);
    if ((st = db_exec(d, &q_failures_clear, c->a, (db_param[]){DB_STR(email)}, 1, NULL)) != DB_OK ||
        (st = sess_start(c, user_id)) != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, safe_next(next, "/"));
}

int h_logout(ctx *c)
{
    db_status st = sess_end(c);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, "/?notice=signed_out");
}

int h_account(ctx *c)
{
    long long after = ctx_in_int(c, "after", 1LL << 62);
    db_result r;
    db_status st = db_exec(&c->w->db, &q_ledger_page, c->a,
                           (db_param[]){DB_INT(c->user->id), DB_INT(after), DB_INT(LEDGER_PAGE + 1)}, 3, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr acc = xml_add(c->page, "account");
    xml_set(acc, "email", c->user->email);
    xml_add_text(acc, "name", c->user->name);
    xml_add_money(acc, "balance", c->user->balance_cents);
    xmlNodePtr ledger = xml_add(acc, "ledger");
    size_t n = model_page(c, ledger, &r, LEDGER_PAGE);
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr e = xml_add(ledger, "entry");
        xml_set(e, "id", db_str(&r, i, 0));
        xml_set(e, "kind", db_str(&r, i, 3));
        xml_set(e, "at", db_str(&r, i, 4));
        xml_set(e, "order", db_str(&r, i, 5));
        xml_set(e, "payment", db_str(&r, i, 6));
        xml_add_money(e, "amount", db_int(&r, i, 1));
        xml_add_money(e, "balance-after", db_int(&r, i, 2));
    }
    return 200;
}

int h_topup(ctx *c)
{
    long long cents;
    if (!shop_parse_yuan(ctx_in(c, "amount"), &cents) || cents < 100 || cents > 5000000) {
        if (c->xml)
            return ctx_fail(c, 400, "bad_amount", "The amount must be from 1.00 to 50000.00 yuan.");
        int status = h_account(c);
        if (status != 200)
            return status;
        return ctx_form_error(c, 422, "amount", "topup.bad_amount");
    }
    const char *url;
    db_status st = pay_start_gateway(c, "topup", 0, cents, views_message(c->w->views, c->lang, "topup.subject"), &url);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    ctx_header(c, "Location", url);
    return 303;
}
