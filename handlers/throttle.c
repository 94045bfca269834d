/* Failed password tries, counted per account and client address: the
 * first few are free, then each failure doubles the wait before the next
 * try from that address, up to five minutes. An address that has failed
 * also waits for a share of the account's failures from everywhere, so
 * many addresses guessing together slow each other down, while an address
 * that has not failed (the buyer's own) signs in at once. */
#include "throttle.h"

#include <stdio.h>

#include "../fcgi/xml.h"

#define FREE_FAILURES 3
#define DELAY_CAP 300
#define WINDOW_MIN 60
#define ACCOUNT_SHARE 5 /* an address counts one in this many of the account's failures */

/* this address's failures, everyone's, and seconds since this address's last */
enum { LF_HERE, LF_ALL, LF_SINCE, LF__MAX };
static db_stmt q_failures = DB_STMT("login_failures", 4, LF__MAX,
    "SELECT COALESCE(SUM(ip = ?), 0), COUNT(*), "
    "COALESCE(TIMESTAMPDIFF(SECOND, MAX(IF(ip = ?, created_at, NULL)), UTC_TIMESTAMP(6)), 0) "
    "FROM login_failures WHERE email = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE");
static db_stmt q_failure_add = DB_STMT("login_failure_add", 2, 0,
    "INSERT INTO login_failures (email, ip, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))");
/* per address: its failures and seconds since its last */
enum { LA_HERE, LA_SINCE, LA__MAX };
static db_stmt q_account = DB_STMT("login_failures_account", 2, LA__MAX,
    "SELECT COUNT(*), TIMESTAMPDIFF(SECOND, MAX(created_at), UTC_TIMESTAMP(6)) FROM login_failures "
    "WHERE email = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE GROUP BY ip");
static db_stmt q_account_clear = DB_STMT("login_failures_account_clear", 1, 0,
    "DELETE FROM login_failures WHERE email = ?");
static db_stmt q_failures_clear = DB_STMT("login_failures_clear", 2, 0,
    "DELETE FROM login_failures WHERE email = ? AND ip = ?");

void throttle_init(ctx *c, throttle *t, const char *email)
{
    t->email = email;
    t->client = req_client_key(c->a, c->rq.remote_addr);
}

long long throttle_delay(long long n)
{
    if (n < FREE_FAILURES)
        return 0;
    long long steps = n - FREE_FAILURES;
    return steps >= 9 || (1LL << steps) > DELAY_CAP ? DELAY_CAP : 1LL << steps;
}

/* the wait of an address with here of the account's all failures, the
 * last since seconds ago */
static long long wait_for(long long here, long long all, long long since)
{
    long long n = all / ACCOUNT_SHARE > here ? all / ACCOUNT_SHARE : here;
    long long wait = throttle_delay(n) - since;
    return wait > 0 ? wait : 0;
}

db_status throttle_wait(ctx *c, const throttle *t, long long *seconds)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_failures, c->a,
                           (db_param[]){DB_STR(t->client), DB_STR(t->client), DB_STR(t->email), DB_INT(WINDOW_MIN)}, 4,
                           &r);
    *seconds = 0;
    if (st != DB_OK)
        return st;
    long long here = db_int(&r, 0, LF_HERE), all = db_int(&r, 0, LF_ALL), since = db_int(&r, 0, LF_SINCE);
    if (here == 0)
        return DB_OK;
    *seconds = wait_for(here, all, since);
    return DB_OK;
}

db_status throttle_account(db *d, arena *a, const char *email, throttle_state *out)
{
    *out = (throttle_state){0, 0, 0};
    db_result r;
    db_status st = db_exec(d, &q_account, a, (db_param[]){DB_STR(email), DB_INT(WINDOW_MIN)}, 2, &r);
    if (st != DB_OK)
        return st;
    out->addresses = (long long)r.nrows;
    for (size_t i = 0; i < r.nrows; i++)
        out->failures += db_int(&r, i, LA_HERE);
    for (size_t i = 0; i < r.nrows; i++) {
        long long wait = wait_for(db_int(&r, i, LA_HERE), out->failures, db_int(&r, i, LA_SINCE));
        if (wait > out->wait_seconds)
            out->wait_seconds = wait;
    }
    return DB_OK;
}

db_status throttle_clear(db *d, arena *a, const char *email, long long *cleared)
{
    db_result r;
    db_status st = db_exec(d, &q_account_clear, a, (db_param[]){DB_STR(email)}, 1, &r);
    *cleared = st == DB_OK ? (long long)r.affected : 0;
    return st;
}

db_status throttle_failed(ctx *c, const throttle *t)
{
    return db_exec(&c->w->db, &q_failure_add, c->a, (db_param[]){DB_STR(t->email), DB_STR(t->client)}, 2, NULL);
}

db_status throttle_passed(ctx *c, const throttle *t)
{
    return db_exec(&c->w->db, &q_failures_clear, c->a, (db_param[]){DB_STR(t->email), DB_STR(t->client)}, 2, NULL);
}

int throttle_refuse(ctx *c, long long seconds)
{
    xml_set_int(xml_add(c->page, "retry-after"), "seconds", seconds);
    ctx_header(c, "Retry-After", arena_printf(c->a, "%lld", seconds));
    return ctx_form_error(c, 429, NULL, "login.slow_down");
}
