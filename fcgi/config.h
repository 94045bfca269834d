/* Configuration: one struct, read once at start-up from a file and the
 * environment (MP_<KEY> overrides the file's <key>). */
#ifndef MP_CONFIG_H
#define MP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_DB_NODES_MAX 8

typedef struct config {
    char db_host[256];
    int db_port;
    char db_socket[256];
    char db_user[128];
    char db_password[256];
    char db_name[128];
    /* "host:port, host:port, …": the nodes of a Galera cluster, in the order
     * writes prefer them (fcgi/db.c); empty: the one server above */
    char db_hosts[512];

    char listen[256];      /* "unix:/path/to.sock" or "127.0.0.1:9000" */
    char listen_group[64]; /* group that may connect to a unix socket */
    int workers;
    long max_body; /* bytes of a form body */
    char pid_file[256];

    char root[256];       /* holds xslt/ */
    char base_url[256];   /* public URL, for absolute links in feeds */
    char secret_key[128]; /* hex, 32 bytes: encryption and MACs */
    char default_lang[16];
    int unpaid_timeout;   /* minutes before an unpaid order is cancelled */
    int sweep_interval;   /* seconds between the scheduler's sweeps */
    int session_days;     /* a session lasts this long after sign-in */
    int session_idle;     /* minutes without a request that end a session */
    int auto_accept_days; /* days a delivery waits for the buyer's acceptance before it is accepted */
    /* days after payment a buyer may refund an order themselves, in full
     * and while nothing of it has been refunded, and for a service
     * delivered by people only until the vendor confirms the requirement
     * (handlers/refunds.c); 0 turns the buyer's own refunds off, leaving
     * refunds to the admins (default 5, at most 365) */
    int refund_window_days;
    char admin_vouch[128];  /* the secret nginx's /admin/ location passes (MP_ADMIN_VOUCH); empty: no admin pages */
    char time_zone[64];     /* zone pages show times in (stored times are UTC) */
    int payment_sandbox;    /* 1: the sandbox gateway and its top-up are on */
    int keep_catalog_reads; /* 1: workers keep catalog query results per catalog version (memo.h) */
    char sandbox_url[256];  /* public URL of the sandbox cashier (default base_url) */

    /* worked out from the above at load */
    char base_origin[256]; /* "https://market.example.com" */
    char sandbox_origin[256];
    int https;     /* base_url is https: Secure cookies, HSTS */
    int db_nnodes; /* db_hosts, parsed */
    struct {
        char host[256];
        int port;
    } db_nodes[CONFIG_DB_NODES_MAX];
} config;

/* Defaults, then the file (if path is not NULL), then the environment.
 * Returns 0, or -1 with a message in err. */
int config_load(config *c, const char *path, char *err, size_t errlen);

#endif
