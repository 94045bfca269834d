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
/* On a cluster (several db_hosts), a connection to a later node asks this
 * often whether an earlier node is ready again, and waits longer after an
 * earlier node took long to refuse. */
#define DB_FAILBACK_MS 5000
/* how long a connect waits for a ready node while the cluster changes */
#define DB_CLUSTER_WAIT_MS 10000
#define DB_CLUSTER_POLL_MS 200
#define DB_FAILBACK_SLOW_MS 60000

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

/* Connected through a list of Galera nodes (db_hosts with more than one). */
static bool db_cluster(const db *d)
{
    return d->cfg->db_nnodes > 1;
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
    /* a Galera node that left the primary component or is not synced
     * refuses statements: another node is asked on the next connect */
    if (err == ER_UNKNOWN_COM_ERROR && db_cluster(d)) {
        log_error("db: %s: the node is not ready (%u %s)", what, err, msg);
        db_close(d);
        return DB_DOWN;
    }
    log_error("db: %s: %u %s", what, err, msg);
    return DB_ERROR;
}

/* A new connection with the session's settings; NULL (logged unless
 * quiet) when the server cannot be reached. */
static MYSQL *db_connect(db *d, const char *host, unsigned port, const char *sock, bool quiet)
{
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    unsigned timeout = DB_CONNECT_TIMEOUT, io = DB_IO_TIMEOUT;
    my_bool off = 0;
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_RECONNECT, &off);
    mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(m, MYSQL_INIT_COMMAND,
                   "SET time_zone = '+00:00', innodb_lock_wait_timeout = " DB_LOCK_WAIT_S
                   ", sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                   "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
                   "collation_connection = 'utf8mb4_unicode_ci'");
    const config *c = d->cfg;
    if (!mysql_real_connect(m, host, c->db_user, c->db_password[0] ? c->db_password : NULL, c->db_name, port, sock,
                            d->client_flags)) {
        if (!quiet && sock)
            log_error("db: connect to %s: %u %s", sock, mysql_errno(m), mysql_error(m));
        else if (!quiet)
            log_error("db: connect to %s:%u: %u %s", host, port, mysql_errno(m), mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    return m;
}

/* Whether the Galera node m is connected to may take this pool's writes:
 * synced (wsrep_local_state 4), in the primary component, ready. Its
 * session then waits, before each read, update and delete (and each
 * transaction's start), until the node has applied what the cluster
 * committed before (wsrep_sync_wait = 3): a write that went through another
 * node while the pool hosts moved between nodes, or one the node that died
 * committed and this one had not applied yet. */
static bool db_node_ready(MYSQL *m, const char *name, bool quiet)
{
    static const char q[] = "SHOW GLOBAL STATUS WHERE Variable_name IN "
                            "('wsrep_local_state', 'wsrep_cluster_status', 'wsrep_ready')";
    const char *state = "?", *cluster = "?", *ready = "?";
    MYSQL_RES *res = NULL;
    if (mysql_real_query(m, q, sizeof(q) - 1) == 0 && (res = mysql_store_result(m))) {
        for (MYSQL_ROW row; (row = mysql_fetch_row(res));) {
            if (!row[0] || !row[1])
                continue;
            if (strcasecmp(row[0], "wsrep_local_state") == 0)
                state = row[1];
            else if (strcasecmp(row[0], "wsrep_cluster_status") == 0)
                cluster = row[1];
            else if (strcasecmp(row[0], "wsrep_ready") == 0)
                ready = row[1];
        }
    }
    bool ok = strcmp(state, "4") == 0 && strcmp(cluster, "Primary") == 0 && strcasecmp(ready, "ON") == 0;
    if (!ok && !quiet)
        log_error("db: node %s is not ready (wsrep_local_state %s, wsrep_cluster_status %s, wsrep_ready %s)", name,
                  state, cluster, ready);
    if (res)
        mysql_free_result(res);
    static const char sync[] = "SET SESSION wsrep_sync_wait = 3";
    if (ok && mysql_real_query(m, sync, sizeof(sync) - 1) != 0) {
        log_error("db: node %s: %s: %u %s", name, sync, mysql_errno(m), mysql_error(m));
        ok = false;
    }
    return ok;
}

/* A connection to db_nodes[i] if that node is ready, else NULL. */
static MYSQL *db_connect_node(db *d, int i, bool quiet)
{
    const config *c = d->cfg;
    MYSQL *m = db_connect(d, c->db_nodes[i].host, (unsigned)c->db_nodes[i].port, NULL, quiet);
    if (!m)
        return NULL;
    char name[300];
    snprintf(name, sizeof(name), "%s:%d", c->db_nodes[i].host, c->db_nodes[i].port);
    if (!db_node_ready(m, name, quiet)) {
        mysql_close(m);
        return NULL;
    }
    return m;
}

static void db_adopt(db *d, MYSQL *m, int node)
{
    d->conn = m;
    d->gen++;
    d->in_txn = false;
    d->next_attempt_ms = 0;
    d->node = node;
    d->next_failback_ms = now_ms() + DB_FAILBACK_MS;
}

/* On a connection to a later node of db_hosts, between transactions: the
 * first earlier node that is ready again takes over, so that every pool
 * host comes back to the same writer after a node has rejoined. */
static void db_failback(db *d)
{
    long long now = now_ms();
    if (d->node == 0 || d->in_txn || now < d->next_failback_ms)
        return;
    d->next_failback_ms = now + DB_FAILBACK_MS;
    for (int i = 0; i < d->node; i++) {
        long long t = now_ms();
        MYSQL *m = db_connect_node(d, i, true);
        if (m) {
            const config *c = d->cfg;
            log_info("db: back on node %s:%d from %s:%d", c->db_nodes[i].host, c->db_nodes[i].port,
                     c->db_nodes[d->node].host, c->db_nodes[d->node].port);
            db_close(d);
            db_adopt(d, m, i);
            return;
        }
        if (now_ms() - t > DB_SLOW_CONNECT_MS) {
            d->next_failback_ms = now_ms() + DB_FAILBACK_SLOW_MS;
            return;
        }
    }
}

db_status db_ensure(db *d)
{
    if (d->conn) {
        if (db_cluster(d))
            db_failback(d);
        return DB_OK;
    }
    long long now = now_ms();
    if (now < d->next_attempt_ms)
        return DB_DOWN;
    const config *c = d->cfg;
    MYSQL *m = NULL;
    int node = 0;
    if (db_cluster(d)) {
        /* the first ready node in the order every pool host shares; while
         * the nodes install a new view (one left or came back) none may be
         * ready for a few seconds: wait for one rather than fail */
        long long until = now + DB_CLUSTER_WAIT_MS;
        for (bool quiet = false;; quiet = true) {
            for (node = 0; node < c->db_nnodes && !(m = db_connect_node(d, node, quiet)); node++)
                ;
            if (m || now_ms() >= until)
                break;
            usleep(DB_CLUSTER_POLL_MS * 1000);
        }
        if (!m)
            log_error("db: no node of db_hosts is ready");
    } else if (c->db_nnodes == 1) {
        m = db_connect(d, c->db_nodes[0].host, (unsigned)c->db_nodes[0].port, NULL, false);
    } else {
        m = db_connect(d, c->db_host, (unsigned)c->db_port, c->db_socket[0] ? c->db_socket : NULL, false);
    }
    if (!m) {
        if (now_ms() - now > DB_SLOW_CONNECT_MS)
            d->next_attempt_ms = now_ms() + DB_RETRY_DELAY_MS;
        return DB_DOWN;
    }
    db_adopt(d, m, node);
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

static db_status db_exec_once(db *d, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out, bool *sent)
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

/* One attempt; *committing tells whether COMMIT was sent. */
static db_status txn_once(db *d, db_txn_fn fn, void *data, bool *committing)
{
    *committing = false;
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
    if (st == DB_OK && commit) {
        *committing = true;
        return db_commit(d);
    }
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
    bool committing;
    db_status st = txn_once(d, fn, data, &committing);
    unsigned attempt = 1;
    /* on a cluster, a node lost before COMMIT was sent committed nothing:
     * the next node is asked */
    for (; (st == DB_RETRY || (st == DB_DOWN && !committing && db_cluster(d))) && attempt < DB_TXN_ATTEMPTS &&
           now_ms() - start < DB_TXN_BUDGET_MS;
         attempt++) {
        backoff(attempt);
        st = txn_once(d, fn, data, &committing);
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
