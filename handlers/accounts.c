/* Buyer accounts: register, sign in, sign out, account page with balance
 * and ledger, balance top-up through the payment gateway. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/password.h"
#include "../fcgi/session.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "commerce.h"
#include "handlers.h"
#include "throttle.h"

#define LEDGER_PAGE 20

static db_stmt q_user_insert = DB_STMT("user_insert", 3, 0,
    "INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, ?)");
enum { UE_ID, UE_HASH, UE__MAX };
static db_stmt q_user_by_email = DB_STMT("user_by_email", 1, UE__MAX,
    "SELECT id, password_hash FROM users WHERE email = ?");
#define LEDGER_ROW                                                                                                     \
    "SELECT l.id, l.amount_cents, l.balance_after_cents, l.kind, DATE_FORMAT(l.created_at, '%Y-%m-%d %H:%i:%s'), "     \
    "o.order_no, p.payment_no, l.order_id FROM ledger l LEFT JOIN orders o ON o.id = l.order_id "                      \
    "LEFT JOIN payments p ON p.id = l.payment_id "
enum { LG_ID, LG_AMOUNT, LG_BALANCE_AFTER, LG_KIND, LG_AT, LG_ORDER_NO, LG_PAYMENT_NO, LG_ORDER, LG__MAX };
static db_stmt q_ledger_page = DB_STMT("ledger_page", 3, LG__MAX,
    LEDGER_ROW "WHERE l.user_id = ? AND l.id < ? ORDER BY l.id DESC LIMIT ?");
static db_stmt q_ledger_page_back = DB_STMT("ledger_page_back", 3, LG__MAX,
    LEDGER_ROW "WHERE l.user_id = ? AND l.id > ? ORDER BY l.id LIMIT ?");
enum { UP_HASH, UP__MAX };
static db_stmt q_user_password = DB_STMT("user_password", 1, UP__MAX, "SELECT password_hash FROM users WHERE id = ?");
static db_stmt q_user_set_password = DB_STMT("user_set_password", 2, 0,
    "UPDATE users SET password_hash = ? WHERE id = ?");
static db_stmt q_user_set_name = DB_STMT("user_set_name", 2, 0, "UPDATE users SET display_name = ? WHERE id = ?");

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

/* The words a guesser tries first for this account. */
static const char *const *personal_words(ctx *c, const char *email, const char *name)
{
    const char **w = arena_zalloc(c->a, 4 * sizeof(*w));
    w[0] = email;
    w[1] = arena_strndup(c->a, email, strcspn(email, "@"));
    w[2] = name;
    return w;
}

/* Adds the form error for a new password that is too weak; true when it
 * is strong enough. */
static bool new_password_ok(ctx *c, const char *field, const char *pw, const char *email, const char *name)
{
    pw_verdict v = pw_check(pw, personal_words(c, email, name), NULL);
    if (v == PW_OK)
        return true;
    ctx_form_error(c, 422, field, pw_verdict_key(v));
    return false;
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
    /* every field's error at once, not one per try */
    bool ok = true;
    db_result r;
    db_status st;
    if (!email_ok(email)) {
        ctx_form_error(c, 422, "email", "register.bad_email");
        ok = false;
    } else if ((st = db_exec(&c->w->db, &q_user_by_email, c->a, (db_param[]){DB_STR(email)}, 1, &r)) != DB_OK) {
        return ctx_db_fail(c, st);
    } else if (r.nrows) {
        ctx_form_error(c, 422, "email", "register.email_taken");
        ok = false;
    }
    if (!*name) {
        ctx_form_error(c, 422, "name", "register.bad_name");
        ok = false;
    }
    if (!new_password_ok(c, "password", pw, email, name))
        ok = false;
    if (strcmp(pw, pw2) != 0) {
        ctx_form_error(c, 422, "password2", "register.password_mismatch");
        ok = false;
    }
    if (!ok)
        return 422;
    char hash[256];
    if (crypto_password_hash(pw, hash, sizeof(hash)) != 0)
        return ctx_fail(c, 500, "internal", "Could not hash the password.");
    st = db_exec(&c->w->db, &q_user_insert, c->a, (db_param[]){DB_STR(email), DB_STR(name), DB_STR(hash)}, 3, &r);
    if (st == DB_DUPLICATE) /* registered a moment ago by another request */
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
    throttle t;
    throttle_init(c, &t, email);
    long long wait;
    db_status st = throttle_wait(c, &t, &wait);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (wait > 0) /* too soon after the last failure from here: not even checked */
        return throttle_refuse(c, wait);
    if ((st = db_exec(d, &q_user_by_email, c->a, (db_param[]){DB_STR(email)}, 1, &r)) != DB_OK)
        return ctx_db_fail(c, st);
    /* an unknown email costs the same hashing time as a wrong password */
    static const char dummy[] = "$y$j9T$7bF2kKDbYBQW1oP1VnmIW/$0ZyQ5Pkq4OPcG3cX6CEuO4QAmhJbLNXz7gWVQtbTs62";
    const char *hash = r.nrows ? db_str(&r, 0, UE_HASH) : dummy;
    bool ok = crypto_password_ok(ctx_in(c, "password"), hash) && r.nrows;
    if (!ok) {
        if ((st = throttle_failed(c, &t)) != DB_OK)
            return ctx_db_fail(c, st);
        return ctx_form_error(c, 401, NULL, "login.failed");
    }
    long long user_id = db_int(&r, 0, UE_ID);
    if ((st = throttle_passed(c, &t)) != DB_OK || (st = sess_start(c, user_id)) != DB_OK)
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
    bool back = ctx_in(c, "before") != NULL;
    long long cursor = back ? ctx_in_int(c, "before", 0) : ctx_in_int(c, "after", 1LL << 62);
    db_result r;
    long long live = 0;
    db_status st = db_exec(&c->w->db, back ? &q_ledger_page_back : &q_ledger_page, c->a,
                           (db_param[]){DB_INT(c->user->id), DB_INT(cursor), DB_INT(LEDGER_PAGE + 1)}, 3, &r);
    if (st == DB_OK)
        st = sess_count_live(c, &live);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr acc = xml_add(c->page, "account");
    xml_set(acc, "email", c->user->email);
    xml_set_int(acc, "sessions", live);
    xml_set(acc, "topup", pay_gateway_offer(c) ? "1" : "0");
    xml_add_text(acc, "name", c->user->name);
    xml_add_money(acc, "balance", c->user->balance_cents);
    xmlNodePtr ledger = xml_add(acc, "ledger");
    size_t n = model_page(c, ledger, &r, LEDGER_PAGE, -1);
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr e = xml_add(ledger, "entry");
        static const attr_col cols[] = {
            {"id", LG_ID, 0},          {"kind", LG_KIND, 0},          {"at", LG_AT, ATTR_TIME},
            {"order", LG_ORDER_NO, 0}, {"payment", LG_PAYMENT_NO, 0}, {NULL, 0, 0},
        };
        model_attrs(c, e, &r, i, cols);
        xml_add_money(e, "amount", db_int(&r, i, LG_AMOUNT));
        xml_add_money(e, "balance-after", db_int(&r, i, LG_BALANCE_AFTER));
    }
    return 200;
}

/* A form of the account page that needs correcting: the page again, with
 * the error next to its field. */
static int account_again(ctx *c, int status, const char *field, const char *key)
{
    if (c->xml)
        return ctx_form_error(c, status, field, key);
    int st = h_account(c);
    if (st != 200)
        return st;
    return ctx_form_error(c, status, field, key);
}

int h_profile(ctx *c)
{
    const char *name = trimmed(c->a, ctx_in(c, "name"));
    if (!*name)
        return account_again(c, 422, "name", "register.bad_name");
    db_status st = db_exec(&c->w->db, &q_user_set_name, c->a, (db_param[]){DB_STR(name), DB_INT(c->user->id)}, 2, NULL);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, "/account?notice=profile_saved");
}

typedef struct password_change {
    ctx *c;
    const char *hash;
} password_change;

static db_status password_change_txn(void *data, bool *commit)
{
    (void)commit;
    password_change *pc = data;
    ctx *c = pc->c;
    db_status st = shop_lock_buyer(&c->w->db, c->a, c->user->id, NULL);
    if (st == DB_OK)
        st = db_exec(&c->w->db, &q_user_set_password, c->a, (db_param[]){DB_STR(pc->hash), DB_INT(c->user->id)}, 2,
                     NULL);
    return st == DB_OK ? sess_end_others(c) : st;
}

/* 修改密码: the current password first (wrong ones slowed down like
 * sign-ins); the new one must be strong and typed twice. In one
 * transaction the password changes and every other session ends; this
 * one gets a new token. */
int h_password(ctx *c)
{
    const char *current = ctx_in(c, "current"), *pw = ctx_in(c, "password"), *pw2 = ctx_in(c, "password2");
    throttle t;
    throttle_init(c, &t, c->user->email);
    long long wait;
    db_result r;
    db_status st = throttle_wait(c, &t, &wait);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (wait > 0) {
        if (!c->xml && (st = h_account(c)) != 200)
            return st;
        return throttle_refuse(c, wait);
    }
    if ((st = db_exec(&c->w->db, &q_user_password, c->a, (db_param[]){DB_INT(c->user->id)}, 1, &r)) != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0 || !crypto_password_ok(current, db_str(&r, 0, UP_HASH))) {
        if ((st = throttle_failed(c, &t)) != DB_OK)
            return ctx_db_fail(c, st);
        return account_again(c, 422, "current", "password.current_wrong");
    }
    if ((st = throttle_passed(c, &t)) != DB_OK)
        return ctx_db_fail(c, st);
    pw_verdict v = pw_check(pw, personal_words(c, c->user->email, c->user->name), NULL);
    if (v != PW_OK)
        return account_again(c, 422, "password", pw_verdict_key(v));
    if (strcmp(pw, pw2) != 0)
        return account_again(c, 422, "password2", "register.password_mismatch");
    if (strcmp(pw, current) == 0)
        return account_again(c, 422, "password", "password.same");
    char hash[256];
    if (crypto_password_hash(pw, hash, sizeof(hash)) != 0)
        return ctx_fail(c, 500, "internal", "Could not hash the password.");
    password_change pc = {c, hash};
    long long user_id = c->user->id;
    if ((st = db_txn(&c->w->db, password_change_txn, &pc)) != DB_OK || (st = sess_start(c, user_id)) != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, "/account?notice=password_changed");
}

/* 退出所有设备: every session of the account ends, this one too. */
int h_signout_everywhere(ctx *c)
{
    db_status st = sess_end_all(c);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, "/login?notice=signed_out_everywhere");
}

int h_topup(ctx *c)
{
    long long cents;
    if (!shop_parse_yuan(ctx_in(c, "amount"), &cents) || cents < 100 || cents > 5000000) {
        if (c->xml)
            return ctx_fail(c, 400, "bad_amount", "The amount must be from 1.00 to 50000.00 yuan.");
        return account_again(c, 422, "amount", "topup.bad_amount");
    }
    const char *url;
    db_status st = pay_start_gateway(c, "topup", 0, cents, views_message(c->w->views, c->lang, "topup.subject"), &url);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect_external(c, url);
}
