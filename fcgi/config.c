/* Reads key = value lines and MP_* environment variables into struct config. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "body_limits.h"
#include "text.h"

typedef enum { CONF_STR, CONF_INT, CONF_LONG, CONF_BOOL } conf_type;

typedef struct {
    const char *key;
    conf_type type;
    size_t offset;
    size_t size;
    long min, max;
} conf_key;

/* one key to a cell (clang-format 14 takes these macros for function bodies) */
/* clang-format off */
#define STR(k) {#k, CONF_STR, offsetof(config, k), sizeof(((config *)0)->k), 0, 0}
#define INT(k, lo, hi) {#k, CONF_INT, offsetof(config, k), sizeof(int), lo, hi}
#define LONG(k, lo, hi) {#k, CONF_LONG, offsetof(config, k), sizeof(long), lo, hi}
#define BOOL(k) {#k, CONF_BOOL, offsetof(config, k), sizeof(int), 0, 1}

static const conf_key conf_keys[] = {
    STR(db_host), INT(db_port, 0, 65535), STR(db_socket), STR(db_user), STR(db_password), STR(db_name),
    STR(db_hosts),
    STR(listen), STR(listen_group), INT(workers, 1, 512), LONG(max_body, 1024, 1L << 30),
    STR(pid_file), STR(root), STR(base_url), STR(secret_key), STR(default_lang),
    INT(unpaid_timeout, 1, 7 * 24 * 60), INT(sweep_interval, 1, 3600), INT(session_days, 1, 365),
    INT(session_idle, 1, 365 * 24 * 60), INT(auto_accept_days, 1, 365),
    INT(refund_window_days, 0, 365), STR(admin_vouch), STR(time_zone), BOOL(payment_sandbox), STR(sandbox_url),
    BOOL(keep_catalog_reads),
};
/* clang-format on */

static bool zone_known(const char *zone);
static bool same_host(const char *a, const char *b);
static int parse_db_hosts(config *c, char *err, size_t errlen);

static int conf_set(config *c, const conf_key *k, const char *value, char *err, size_t errlen)
{
    char *field = (char *)c + k->offset;
    if (k->type == CONF_STR) {
        size_t n = strlen(value);
        if (n >= k->size) {
            snprintf(err, errlen, "%s: value longer than %zu bytes", k->key, k->size - 1);
            return -1;
        }
        memcpy(field, value, n + 1);
        return 0;
    }
    if (k->type == CONF_BOOL) {
        static const char *const on[] = {"on", "yes", "true", "1"}, *const off[] = {"off", "no", "false", "0"};
        for (int i = 0; i < 4; i++)
            if (strcmp(value, on[i]) == 0 || strcmp(value, off[i]) == 0) {
                *(int *)(void *)field = strcmp(value, on[i]) == 0;
                return 0;
            }
        snprintf(err, errlen, "%s: expected on or off, got \"%s\"", k->key, value);
        return -1;
    }
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < k->min || v > k->max) {
        snprintf(err, errlen, "%s: expected an integer from %ld to %ld, got \"%s\"", k->key, k->min, k->max, value);
        return -1;
    }
    if (k->type == CONF_INT)
        *(int *)(void *)field = (int)v;
    else
        *(long *)(void *)field = v;
    return 0;
}

static const conf_key *conf_find(const char *key)
{
    for (size_t i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
        if (strcmp(conf_keys[i].key, key) == 0)
            return &conf_keys[i];
    return NULL;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int conf_read_file(config *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* whole lines, however long: a long comment's tail is no setting */
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (memchr(line, '\0', (size_t)len)) { /* what follows it would go unread */
            snprintf(err, errlen, "%s:%d: a NUL byte", path, lineno);
            rc = -1;
            break;
        }
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        const conf_key *k = conf_find(key);
        if (!k) {
            snprintf(err, errlen, "%s:%d: unknown key \"%s\"", path, lineno, key);
            rc = -1;
            break;
        }
        char sub[256];
        if (conf_set(c, k, value, sub, sizeof(sub)) != 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, sub);
            rc = -1;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

int config_load(config *c, const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof(*c));
    strcpy(c->db_host, "localhost");
    c->db_port = 3306;
    strcpy(c->db_user, "mp");
    strcpy(c->db_name, "mp");
    strcpy(c->listen, "127.0.0.1:9000");
    /* two per CPU: one renders while the other waits on MariaDB; more
     * only switch context (make bench, "settings") */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    c->workers = cpus > 0 && cpus <= 256 ? 2 * (int)cpus : 4;
    c->max_body = MP_FORM_BODY_MAX;
    strcpy(c->root, ".");
    strcpy(c->base_url, "http://127.0.0.1:8080");
    strcpy(c->default_lang, "zh-CN");
    c->unpaid_timeout = 30;
    c->sweep_interval = 30;
    c->session_days = 14;
    c->session_idle = 120;
    c->auto_accept_days = 30;
    c->keep_catalog_reads = 1;
    c->refund_window_days = 5;
    strcpy(c->time_zone, "Asia/Shanghai");

    if (path && conf_read_file(c, path, err, errlen) != 0)
        return -1;

    for (size_t i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++) {
        char name[64] = "MP_";
        for (size_t j = 0; conf_keys[i].key[j] && j + 4 < sizeof(name); j++)
            name[3 + j] = (char)toupper((unsigned char)conf_keys[i].key[j]);
        const char *v = getenv(name);
        if (!v)
            continue;
        char sub[256];
        if (conf_set(c, &conf_keys[i], v, sub, sizeof(sub)) != 0) {
            snprintf(err, errlen, "%s: %s", name, sub);
            return -1;
        }
    }
    if (strcmp(c->default_lang, "zh-CN") != 0 && strcmp(c->default_lang, "en") != 0) {
        snprintf(err, errlen, "default_lang: expected zh-CN or en");
        return -1;
    }
    if (!zone_known(c->time_zone)) {
        snprintf(err, errlen, "time_zone: \"%s\" is not a zone of the system's zone database (e.g. Asia/Shanghai)",
                 c->time_zone);
        return -1;
    }
    if (!text_url_origin(c->base_url, c->base_origin, sizeof(c->base_origin))) {
        snprintf(err, errlen, "base_url: expected http(s)://host[:port], got \"%s\"", c->base_url);
        return -1;
    }
    if (!*c->sandbox_url)
        snprintf(c->sandbox_url, sizeof(c->sandbox_url), "%s", c->base_url);
    if (!text_url_origin(c->sandbox_url, c->sandbox_origin, sizeof(c->sandbox_origin))) {
        snprintf(err, errlen, "sandbox_url: expected http(s)://host[:port], got \"%s\"", c->sandbox_url);
        return -1;
    }
    /* the cashier knows its buyer by the marketplace's session cookie, which
     * a browser sends to the same host on any port, and to no other host */
    if (!same_host(c->base_origin, c->sandbox_origin)) {
        snprintf(err, errlen, "sandbox_url: must be on base_url's host (another port), got \"%s\"", c->sandbox_url);
        return -1;
    }
    /* trailing slashes would make "//" in the addresses built from these */
    for (char *u = c->base_url; u; u = u == c->base_url ? c->sandbox_url : NULL) {
        size_t n = strlen(u);
        while (n > 8 && u[n - 1] == '/')
            u[--n] = '\0';
    }
    c->https = strncmp(c->base_url, "https://", 8) == 0;
    return parse_db_hosts(c, err, errlen);
}

/* db_hosts: entries "host:port" ("[v6]:port" for an IPv6 address)
 * separated by commas or spaces, at most CONFIG_DB_NODES_MAX. */
static int parse_db_hosts(config *c, char *err, size_t errlen)
{
    c->db_nnodes = 0;
    for (const char *p = c->db_hosts;;) {
        p += strspn(p, ", \t");
        if (!*p)
            return 0;
        size_t n = strcspn(p, ", \t");
        const char *colon = NULL;
        for (const char *q = p + n; q > p; q--)
            if (q[-1] == ':') {
                colon = q - 1;
                break;
            }
        const char *host = p;
        size_t hlen = colon ? (size_t)(colon - p) : 0;
        bool v6 = hlen > 2 && host[0] == '[' && host[hlen - 1] == ']';
        if (v6) { /* the client library wants it bare */
            host++;
            hlen -= 2;
        }
        char port[8] = "";
        size_t plen = colon ? (size_t)(p + n - colon - 1) : 0;
        if (plen && plen < sizeof(port))
            memcpy(port, colon + 1, plen);
        char *end;
        long v = strtol(port, &end, 10);
        if (!colon || hlen == 0 || hlen >= sizeof(c->db_nodes[0].host) || !plen || plen >= sizeof(port) ||
            !isdigit((unsigned char)port[0]) || *end || v < 1 || v > 65535 || memchr(host, '[', hlen) ||
            memchr(host, ']', hlen) || (!v6 && memchr(host, ':', hlen))) {
            snprintf(err, errlen, "db_hosts: expected host:port entries, got \"%.*s\"", (int)n, p);
            return -1;
        }
        if (c->db_nnodes == CONFIG_DB_NODES_MAX) {
            snprintf(err, errlen, "db_hosts: at most %d nodes", CONFIG_DB_NODES_MAX);
            return -1;
        }
        memcpy(c->db_nodes[c->db_nnodes].host, host, hlen);
        c->db_nodes[c->db_nnodes].host[hlen] = '\0';
        c->db_nodes[c->db_nnodes].port = (int)v;
        c->db_nnodes++;
        p += n;
    }
}

/* The length of an origin's scheme and host, without the port: the
 * origins are text_url_origin's, so an IPv6 literal has its ']'. */
static size_t scheme_host_len(const char *origin)
{
    const char *h = strstr(origin, "://") + 3;
    return (size_t)(h - origin) + (*h == '[' ? (size_t)(strchr(h, ']') - h) + 1 : strcspn(h, ":"));
}

/* Whether two origins name the same scheme and host (any ports). */
static bool same_host(const char *a, const char *b)
{
    size_t n = scheme_host_len(a);
    return n == scheme_host_len(b) && strncmp(a, b, n) == 0;
}

/* A zone the C library can load: a relative name of a file in the zone
 * database (glibc quietly falls back to UTC for a name it cannot find). */
static bool zone_known(const char *zone)
{
    if (!*zone || zone[0] == '/' || strstr(zone, ".."))
        return false;
    for (const char *p = zone; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p))
            return false;
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
    FILE *f = fopen(path, "rb");
    char magic[4] = {0};
    bool ok = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
    if (f)
        fclose(f);
    return ok;
}
