/* Prepared statements over one MariaDB connection, with reconnection. */
#include "db.h"

#include <errmsg.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "text.h"

#define DB_CONNECT_TIMEOUT 3
#define DB_IO_TIMEOUT 15
/* A connect that fails at once (socket gone, connection refused) is cheap
 * and is tried again on the next request; one that took long (a host that
 * does not answer) is not tried again for a while, so that requests get
 * their 503 at once instead of each waiting out the timeout. */
#define DB_SLOW_CONNECT_MS 200
#define DB_RETRY_DELAY_MS 2000
/* Retrying a transaction that lost a deadlock or a lock wait: at most this
 * many attempts, none begun after DB_TXN_BUDGET_MS, the pause before each
 * growing from DB_BACKOFF_MS to DB_BACKOFF_MAX_MS with random jitter so
 * that the two losers of a deadlock do not collide again in step. A lock
 * wait gives up after DB_LOCK_WAIT_S (the server's default is 50 s, longer
 * than nginx waits for an answer). */
#define DB_TXN_ATTEMPTS 6
#define DB_TXN_BUDGET_MS 10000
#define DB_BACKOFF_MS 4
#define DB_BACKOFF_MAX_MS 200
#define DB_LOCK_WAIT_S "5"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void db_init(db *d, const config *cfg)
{
    memset(d, 0, sizeof(*d));
    d->cfg = cfg;
}

static void db_forget_statements(db *d)
{
    for (db_stmt *s = d->prepared; s;) {
        db_stmt *next = s->next;
        if (s->h)
            mysql_stmt_close(s->h);
        s->h = NULL;
        s->gen = 0;
        s->next = NULL;
        s = next;
    }
    d->prepared = NULL;
}

void db_close(db *d)
{
    db_forget_statements(d);
    if (d->conn)
        mysql_close(d->conn);
    d->conn = NULL;
    d->in_txn = false;
}

static bool lost_connection(unsigned err)
{
    return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
           err == CR_CONN_HOST_ERROR || err == CR_SERVER_LOST_EXTENDED || err == ER_CONNECTION_KILLED ||
           err == ER_SERVER_SHUTDOWN;
}

static db_status classify(db *d, unsigned err, const char *what, const char *msg)
{
    if (lost_connection(err)) {
        log_error("db: %s: connection lost (%u %s)", what, err, msg);
        db_close(d);
        return DB_DOWN;
    }
    if (err == ER_DUP_ENTRY)
        return DB_DUPLICATE;
    if (err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT)
        return DB_RETRY;
    log_error("db: %s: %u %s", what, err, msg);
    return DB_ERROR;
}

db_status db_ensure(db *d)
{
    if (d->conn)
        return DB_OK;
    long long now = now_ms();
    if (now < d->next_attempt_ms)
        return DB_DOWN;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return DB_DOWN;
    unsigned timeout = DB_CONNECT_TIMEOUT, io = DB_IO_TIMEOUT;
    my_bool off = 0;
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_RECONNECT, &off);
    mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(m, MYSQL_INIT_COMMAND,
                   "SET time_zone = '+00:00', innodb_lock_wait_timeout = " DB_LOCK_WAIT_S ", sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                   "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
                   "collation_connection = 'utf8mb4_unicode_ci'");
    const config *c = d->cfg;
    const char *sock = c->db_socket[0] ? c->db_socket : NULL;
    if (!mysql_real_connect(m, c->db_host, c->db_user, c->db_password[0] ? c->db_password : NULL, c->db_name,
                            (unsigned)c->db_port, sock, d->client_flags)) {
        log_error("db: connect to %s: %u %s", sock ? sock : c->db_host, mysql_errno(m), mysql_error(m));
        mysql_close(m);
        if (now_ms() - now > DB_SLOW_CONNECT_MS)
            d->next_attempt_ms = now_ms() + DB_RETRY_DELAY_MS;
        return DB_DOWN;
    }
    d->conn = m;
    d->gen++;
    d->in_txn = false;
    d->next_attempt_ms = 0;
    return DB_OK;
}

static db_status db_prepare(db *d, db_stmt *s)
{
    if (s->h && s->gen == d->gen)
        return DB_OK;
    MYSQL_STMT *h = mysql_stmt_init(d->conn);
    if (!h)
        return DB_ERROR;
    if (mysql_stmt_prepare(h, s->sql, strlen(s->sql)) != 0) {
        db_status st = classify(d, mysql_stmt_errno(h), s->name, mysql_stmt_error(h));
        mysql_stmt_close(h);
        return st;
    }
    if (mysql_stmt_param_count(h) != s->nparams || mysql_stmt_field_count(h) != s->ncols) {
        log_error("db: %s: declared %u params %u cols, server says %lu and %u", s->name, s->nparams, s->ncols,
                  mysql_stmt_param_count(h), mysql_stmt_field_count(h));
        mysql_stmt_close(h);
        return DB_ERROR;
    }
    my_bool on = 1;
    mysql_stmt_attr_set(h, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
    s->h = h;
    s->gen = d->gen;
    s->next = d->prepared;
    d->prepared = s;
    return DB_OK;
}

static db_status db_fetch_rows(db *d, db_stmt *s, arena *a, db_result *out)
{
    MYSQL_STMT *h = s->h;
    if (mysql_stmt_store_result(h) != 0)
        return classify(d, mysql_stmt_errno(h), s->name, mysql_stmt_error(h));
    MYSQL_RES *meta = mysql_stmt_result_metadata(h);
    if (!meta)
        return classify(d, mysql_stmt_errno(h), s->name, "no result metadata");
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    unsigned nc = s->ncols;
    MYSQL_BIND *bind = arena_zalloc(a, nc * sizeof(*bind));
    unsigned long *lens = arena_zalloc(a, nc * sizeof(*lens));
    my_bool *nulls = arena_zalloc(a, nc * sizeof(*nulls));
    my_bool *errs = arena_zalloc(a, nc * sizeof(*errs));
    for (unsigned i = 0; i < nc; i++) {
        unsigned long cap = fields[i].max_length;
        if (cap < 64)
            cap = 64; /* numbers and dates converted to text */
        bind[i].buffer_type = MYSQL_TYPE_STRING;
        bind[i].buffer = arena_alloc(a, cap + 1);
        bind[i].buffer_length = cap + 1;
        bind[i].length = &lens[i];
        bind[i].is_null = &nulls[i];
        bind[i].error = &errs[i];
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(h, bind) != 0)
        return classify(d, mysql_stmt_errno(h), s->name, mysql_stmt_error(h));
    size_t nrows = (size_t)mysql_stmt_num_rows(h);
    out->nrows = 0;
    out->ncols = nc;
    out->rows = arena_alloc(a, (nrows ? nrows : 1) * sizeof(char **));
    out->lens = arena_alloc(a, (nrows ? nrows : 1) * sizeof(unsigned long *));
    for (;;) {
        int rc = mysql_stmt_fetch(h);
        if (rc == MYSQL_NO_DATA)
            break;
        if (rc == MYSQL_DATA_TRUNCATED) {
            log_error("db: %s: a column did not fit its buffer", s->name);
            mysql_stmt_free_result(h);
            return DB_ERROR;
        }
        if (rc != 0) {
            db_status st = classify(d, mysql_stmt_errno(h), s->name, mysql_stmt_error(h));
            if (d->conn)
                mysql_stmt_free_result(h);
            return st;
        }
        if (out->nrows == nrows)
            break;
        char **row = arena_alloc(a, nc * sizeof(char *));
        unsigned long *rl = arena_alloc(a, nc * sizeof(unsigned long));
        for (unsigned i = 0; i < nc; i++) {
            rl[i] = nulls[i] ? 0 : lens[i];
            row[i] = nulls[i] ? NULL : arena_strndup(a, bind[i].buffer, lens[i]);
        }
        out->rows[out->nrows] = row;
        out->lens[out->nrows] = rl;
        out->nrows++;
    }
    mysql_stmt_free_result(h);
    return DB_OK;
}

/* Sleeps before retry number attempt (1, 2, …): a random time between half
 * and all of DB_BACKOFF_MS doubled per attempt, capped. */
static void backoff(unsigned attempt)
{
    static unsigned seed;
    if (!seed)
        seed = (unsigned)getpid() ^ (unsigned)now_ms();
    long long cap = DB_BACKOFF_MS << (attempt < 8 ? attempt - 1 : 7);
    if (cap > DB_BACKOFF_MAX_MS)
        cap = DB_BACKOFF_MAX_MS;
    long long ms = cap / 2 + rand_r(&seed) % (cap / 2 + 1);
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static db_status db_exec_once(db *d, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out,
                              bool *sent)
{
    *sent = false;
    db_status st = db_ensure(d);
    if (st != DB_OK)
        return st;
    if ((st = db_prepare(d, s)) != DB_OK)
        return st;
    if (np != s->nparams) {
        log_error("db: %s: called with %zu params, declared %u", s->name, np, s->nparams);
        return DB_ERROR;
    }
    MYSQL_BIND *bind = np ? arena_zalloc(a, np * sizeof(*bind)) : NULL;
    static my_bool is_null = 1;
    for (size_t i = 0; i < np; i++) {
        switch (p[i].type) {
        case DB_P_NULL:
            bind[i].buffer_type = MYSQL_TYPE_NULL;
            bind[i].is_null = &is_null;
            break;
        case DB_P_INT:
            bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
            bind[i].buffer = (void *)&p[i].i;
            break;
        case DB_P_STR:
            bind[i].buffer_type = MYSQL_TYPE_STRING;
            bind[i].buffer = (void *)p[i].s;
            bind[i].buffer_length = p[i].len;
            break;
        }
    }
    if (np && mysql_stmt_bind_param(s->h, bind) != 0)
        return classify(d, mysql_stmt_errno(s->h), s->name, mysql_stmt_error(s->h));
    *sent = true;
    if (mysql_stmt_execute(s->h) != 0)
        return classify(d, mysql_stmt_errno(s->h), s->name, mysql_stmt_error(s->h));
    if (out) {
        memset(out, 0, sizeof(*out));
        if (s->ncols && (st = db_fetch_rows(d, s, a, out)) != DB_OK)
            return st;
        out->affected = mysql_stmt_affected_rows(s->h);
        out->insert_id = mysql_stmt_insert_id(s->h);
    } else if (s->ncols) {
        mysql_stmt_free_result(s->h);
    }
    return DB_OK;
}

db_status db_exec(db *d, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out)
{
    bool in_txn = d->in_txn, sent;
    bool had_conn = d->conn != NULL;
    db_status st = db_exec_once(d, s, a, p, np, out, &sent);
    /* A connection that died while idle (server restarted) shows up on the
     * first statement. Outside a transaction, a statement that never reached
     * the server, or one that only reads, is safe to send again at once. */
    if (st == DB_DOWN && had_conn && !in_txn && (!sent || strncasecmp(s->sql, "SELECT", 6) == 0)) {
        d->next_attempt_ms = 0;
        st = db_exec_once(d, s, a, p, np, out, &sent);
    }
    /* a statement on its own is its own transaction: retry it the same way */
    long long start = now_ms();
    for (unsigned attempt = 1;
         st == DB_RETRY && !in_txn && attempt < DB_TXN_ATTEMPTS && now_ms() - start < DB_TXN_BUDGET_MS; attempt++) {
        backoff(attempt);
        st = db_exec_once(d, s, a, p, np, out, &sent);
    }
    return st;
}

db_status db_query_plain(db *d, const char *sql)
{
    db_status st = db_ensure(d);
    if (st != DB_OK)
        return st;
    if (mysql_real_query(d->conn, sql, strlen(sql)) != 0)
        return classify(d, mysql_errno(d->conn), "query", mysql_error(d->conn));
    do {
        MYSQL_RES *res = mysql_store_result(d->conn);
        if (res)
            mysql_free_result(res);
        else if (mysql_field_count(d->conn) != 0)
            return classify(d, mysql_errno(d->conn), "query", mysql_error(d->conn));
        int more = mysql_next_result(d->conn);
        if (more > 0)
            return classify(d, mysql_errno(d->conn), "query", mysql_error(d->conn));
        if (more < 0)
            break;
    } while (1);
    return DB_OK;
}

static db_status db_begin(db *d)
{
    bool had_conn = d->conn != NULL;
    db_status st = db_query_plain(d, "START TRANSACTION");
    if (st == DB_DOWN && had_conn) { /* nothing was done yet: reconnect once */
        d->next_attempt_ms = 0;
        st = db_query_plain(d, "START TRANSACTION");
    }
    if (st == DB_OK)
        d->in_txn = true;
    return st;
}

static db_status db_commit(db *d)
{
    db_status st = db_query_plain(d, "COMMIT");
    d->in_txn = false;
    return st;
}

void db_rollback(db *d)
{
    if (d->conn && d->in_txn && mysql_real_query(d->conn, "ROLLBACK", 8) != 0)
        classify(d, mysql_errno(d->conn), "rollback", mysql_error(d->conn));
    d->in_txn = false;
}

db_status db_defer(db *d, arena *a, db_deferred_fn run, void *arg)
{
    if (!d->in_txn || !d->deferred_tail) {
        log_error("db: work deferred outside a transaction");
        return DB_ERROR;
    }
    db_deferred *w = arena_zalloc(a, sizeof(*w));
    w->run = run;
    w->arg = arg;
    *d->deferred_tail = w;
    d->deferred_tail = &w->next;
    return DB_OK;
}

void *db_deferred_arg(db *d, db_deferred_fn run)
{
    for (db_deferred *w = d->in_txn ? d->deferred : NULL; w; w = w->next)
        if (w->run == run)
            return w->arg;
    return NULL;
}

static db_status txn_once(db *d, db_txn_fn fn, void *data)
{
    db_status st = db_begin(d);
    if (st != DB_OK)
        return st;
    d->deferred = NULL;
    d->deferred_tail = &d->deferred;
    bool commit = true;
    st = fn(data, &commit);
    for (db_deferred *w = d->deferred; w && st == DB_OK && commit; w = w->next)
        st = w->run(d, w->arg);
    d->deferred = NULL;
    d->deferred_tail = NULL;
    if (st == DB_OK && commit)
        return db_commit(d);
    db_rollback(d);
    return st;
}

db_status db_txn(db *d, db_txn_fn fn, void *data)
{
    if (d->in_txn) {
        log_error("db: a transaction begun inside another");
        return DB_ERROR;
    }
    long long start = now_ms();
    db_status st = txn_once(d, fn, data);
    unsigned attempt = 1;
    for (; st == DB_RETRY && attempt < DB_TXN_ATTEMPTS && now_ms() - start < DB_TXN_BUDGET_MS; attempt++) {
        backoff(attempt);
        st = txn_once(d, fn, data);
    }
    if (st == DB_RETRY)
        log_error("db: transaction gave up after %u attempts in %lld ms", attempt, now_ms() - start);
    else if (attempt > 1)
        log_info("db: transaction done on attempt %u after %lld ms", attempt, now_ms() - start);
    return st;
}

long long db_int(const db_result *r, size_t row, unsigned col)
{
    const char *s = r->rows[row][col];
    long long v = 0;
    if (s && !text_parse_i64(s, true, &v))
        v = strtoll(s, NULL, 10);
    return v;
}

const char *db_status_name(db_status s)
{
    switch (s) {
    case DB_OK:
        return "ok";
    case DB_DOWN:
        return "database unavailable";
    case DB_DUPLICATE:
        return "duplicate";
    case DB_RETRY:
        return "conflict, retry";
    case DB_ERROR:
        break;
    }
    return "database error";
}
