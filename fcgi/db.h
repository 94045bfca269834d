/* MariaDB access: one connection per worker, statements prepared once per
 * connection through a wrapper that checks parameter and column counts,
 * results copied into the request arena, reconnection after a restart. */
#ifndef MP_DB_H
#define MP_DB_H

#include <mysql.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "config.h"

typedef enum {
    DB_OK = 0,
    DB_DOWN,      /* no connection, or it was lost: 503 */
    DB_DUPLICATE, /* unique key violated */
    DB_RETRY,     /* deadlock or lock wait timeout: the transaction may be retried */
    DB_ERROR,     /* anything else: logged, 500 */
} db_status;

/* A named statement, defined as a static beside the handler that uses it.
 * The handle is this worker's, prepared on first use on each connection. */
typedef struct db_stmt {
    const char *name;
    const char *sql;
    unsigned nparams;
    unsigned ncols;
    MYSQL_STMT *h;
    unsigned long gen;    /* connection generation h was prepared on */
    struct db_stmt *next; /* statements prepared on this connection */
} db_stmt;

/* clang-format 14 takes a macro of a braced initializer for a function body */
/* clang-format off */
#define DB_STMT(name_, np, nc, sql_) {.name = name_, .sql = sql_, .nparams = np, .ncols = nc}
/* clang-format on */

typedef enum { DB_P_NULL, DB_P_INT, DB_P_STR } db_ptype;

typedef struct db_param {
    db_ptype type;
    long long i;
    const char *s;
    size_t len;
} db_param;

static inline db_param DB_INT(long long v)
{
    return (db_param){DB_P_INT, v, NULL, 0};
}
/* NULL pointer binds SQL NULL. */
static inline db_param DB_STR(const char *s)
{
    return s ? (db_param){DB_P_STR, 0, s, strlen(s)} : (db_param){DB_P_NULL, 0, NULL, 0};
}
/* An id; 0 (no such row) binds SQL NULL. */
static inline db_param DB_ID(long long id)
{
    return id ? DB_INT(id) : (db_param){DB_P_NULL, 0, NULL, 0};
}
static inline db_param DB_BYTES(const void *p, size_t len)
{
    return (db_param){DB_P_STR, 0, (const char *)p, len};
}

typedef struct db_result {
    size_t nrows;
    unsigned ncols;
    char ***rows;         /* rows[r][c]: NUL-terminated, NULL for SQL NULL */
    unsigned long **lens; /* byte lengths */
    unsigned long long affected;
    unsigned long long insert_id;
} db_result;

typedef struct db db;

/* Work a transaction leaves to its very end, run just before COMMIT in the
 * order it was deferred (see db_txn). */
typedef db_status (*db_deferred_fn)(db *d, void *arg);
typedef struct db_deferred {
    db_deferred_fn run;
    void *arg;
    struct db_deferred *next;
} db_deferred;

struct db {
    const config *cfg;
    MYSQL *conn;
    unsigned long gen;
    bool in_txn;
    long long next_attempt_ms; /* after a failed connect, wait before retrying */
    db_stmt *prepared;
    unsigned long client_flags; /* extra flags for mysql_real_connect */
    db_deferred *deferred;      /* this transaction's, in order */
    db_deferred **deferred_tail;
    /* with several db_hosts (a Galera cluster): the node connected to (its
     * index in cfg->db_nodes), and when next to ask whether an earlier
     * one in the list is ready again */
    int node;
    long long next_failback_ms;
};

void db_init(db *d, const config *cfg);
void db_close(db *d);
/* Connects when not connected. DB_DOWN when the server cannot be reached.
 * With several db_hosts (the nodes of a Galera cluster, in one order on
 * every pool host) it takes the first node that is synced and in the
 * primary component, so all writes go to one node at a time; its session
 * reads, updates and deletes after what the cluster committed before them
 * (wsrep_sync_wait = 3). Outside a transaction, a connection to a later
 * node moves back to an earlier one that is ready again. */
db_status db_ensure(db *d);

/* Executes s with params p[0..np). Rows (if any) go into *out, allocated
 * in a; out may be NULL for statements without rows. */
db_status db_exec(db *d, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out);

/* Text query without parameters or rows (transactions, locks, migrations). */
db_status db_query_plain(db *d, const char *sql);

/* Transactions. Every one goes through db_txn, and every one takes its
 * locks in one order (DESIGN §6), so two of them never wait on each other
 * in a cycle:
 *   1. the buyer's users row (SELECT … FOR UPDATE), first;
 *   2. then the order, instance or delivery row the change is about;
 *   3. then the vendor's event sequence, last: events are deferred work
 *      (db_defer) that runs just before COMMIT.
 * db_txn begins, runs fn(data, &commit), runs the deferred work and
 * commits; fn clears commit to roll back a decision it refused (still
 * DB_OK). A deadlock or lock-wait timeout (on Galera also a certification
 * conflict at COMMIT) rolls back and runs fn again after a jittered
 * back-off, a few times within a bounded time, before it answers DB_RETRY
 * (503). On a cluster, a connection lost before COMMIT was sent (the node
 * died: nothing was committed) is retried the same way on the next node;
 * one lost during COMMIT is not (its outcome is unknown: DB_DOWN). fn must
 * therefore be safe to run again: it recomputes everything it returns. */
typedef db_status (*db_txn_fn)(void *data, bool *commit);
db_status db_txn(db *d, db_txn_fn fn, void *data);

/* Inside db_txn: run(d, arg) just before COMMIT. db_deferred_arg finds the
 * arg of work already deferred with run in this transaction (NULL if none),
 * so one batch can collect several items. */
db_status db_defer(db *d, arena *a, db_deferred_fn run, void *arg);
void *db_deferred_arg(db *d, db_deferred_fn run);

/* Ends a transaction a failed request left open (the dispatcher's net). */
void db_rollback(db *d);

/* Cell helpers; row and column must be in range. */
static inline const char *db_str(const db_result *r, size_t row, unsigned col)
{
    return r->rows[row][col];
}
long long db_int(const db_result *r, size_t row, unsigned col);

const char *db_status_name(db_status s);

#endif
