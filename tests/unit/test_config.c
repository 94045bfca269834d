/* Unit tests for fcgi/config.c: the file and environment, the keys for
 * buyers (time zone, sandbox, idle sessions), and what is worked out from
 * them at load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../fcgi/config.h"
#include "check.h"

static char path[] = "/tmp/mp-test-config-XXXXXX";

/* Loads a config file holding text; 0 or -1 (err filled). */
static int load(config *c, const char *text, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return config_load(c, path, err, errlen);
}

static void defaults(void)
{
    config c;
    char err[256] = "";
    CHECK(load(&c, "# nothing\n", err, sizeof(err)) == 0);
    CHECK_STR(c.time_zone, "Asia/Shanghai");
    CHECK(c.payment_sandbox == 0); /* a test tool: off unless set */
    CHECK(c.keep_catalog_reads == 1);
    CHECK(c.workers >= 2 && c.workers % 2 == 0); /* two per CPU */
    CHECK_STR(c.sandbox_url, c.base_url);
    CHECK(c.session_idle == 120);
    CHECK(c.session_days == 14);
}

static void buyer_keys(void)
{
    config c;
    char err[256] = "";
    CHECK(load(&c,
               "time_zone = America/New_York\npayment_sandbox = on\nsandbox_url = https://market.example.com:8443/\n"
               "session_idle = 30\nbase_url = https://market.example.com/\n",
               err, sizeof(err)) == 0);
    CHECK_STR(c.time_zone, "America/New_York");
    CHECK(c.payment_sandbox == 1);
    CHECK_STR(c.sandbox_url, "https://market.example.com:8443"); /* trailing slashes dropped */
    CHECK_STR(c.base_url, "https://market.example.com");
    CHECK(c.session_idle == 30);
    const char *offs[] = {"off", "no", "false", "0"};
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof(text), "payment_sandbox = %s\n", offs[i]);
        CHECK(load(&c, text, err, sizeof(err)) == 0 && c.payment_sandbox == 0);
    }
    setenv("MP_PAYMENT_SANDBOX", "yes", 1);
    CHECK(load(&c, "payment_sandbox = off\n", err, sizeof(err)) == 0 && c.payment_sandbox == 1);
    unsetenv("MP_PAYMENT_SANDBOX");
    CHECK(load(&c, "keep_catalog_reads = off\n", err, sizeof(err)) == 0 && c.keep_catalog_reads == 0);
    CHECK(load(&c, "keep_catalog_reads = maybe\n", err, sizeof(err)) != 0);
}

/* Each bad value is refused with a message that names its key. */
static void bad_values_are_refused(void)
{
    static const struct {
        const char *text, *names;
    } bad[] = {
        {"time_zone = Mars/Olympus\n", "time_zone"},
        {"time_zone = ../../etc/passwd\n", "time_zone"},
        {"time_zone = /usr/share/zoneinfo/UTC\n", "time_zone"},
        {"time_zone = \n", "time_zone"},
        {"payment_sandbox = maybe\n", "payment_sandbox"},
        {"payment_sandbox = ON\n", "payment_sandbox"},
        {"session_idle = 0\n", "session_idle"},
        {"base_url = ftp://example.com\n", "base_url"},
        {"base_url = http://\n", "base_url"},
        {"sandbox_url = javascript:alert(1)\n", "sandbox_url"},
        {"sandbox_url = http://user@pay.example.com\n", "sandbox_url"},
        {"db_hosts = db1\n", "db_hosts"},
        {"db_hosts = db1:\n", "db_hosts"},
        {"db_hosts = :3306\n", "db_hosts"},
        {"db_hosts = db1:0\n", "db_hosts"},
        {"db_hosts = db1:65536\n", "db_hosts"},
        {"db_hosts = db1:+3306\n", "db_hosts"},
        {"db_hosts = db1:3306x\n", "db_hosts"},
        {"db_hosts = ::1:3306\n", "db_hosts"},
        {"db_hosts = [::1:3306\n", "db_hosts"},
        {"db_hosts = a:1 b:2 c:3 d:4 e:5 f:6 g:7 h:8 i:9\n", "db_hosts"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        config c;
        char err[256] = "";
        int rc = load(&c, bad[i].text, err, sizeof(err));
        if (rc == 0 || !strstr(err, bad[i].names))
            fprintf(stderr, "%s -> %d \"%s\"\n", bad[i].text, rc, err);
        CHECK(rc == -1 && strstr(err, bad[i].names));
    }
}

/* The origins worked out at load, and the sandbox's host rule. */
static void derived(void)
{
    config c;
    char err[256] = "";
    CHECK(load(&c, "base_url = https://market.example.com/\nsandbox_url = https://market.example.com:8443/pay\n", err,
               sizeof(err)) == 0);
    CHECK_STR(c.base_origin, "https://market.example.com");
    CHECK_STR(c.sandbox_origin, "https://market.example.com:8443");
    CHECK(c.https == 1);
    CHECK(load(&c, "base_url = http://[::1]:8080\nsandbox_url = http://[::1]:8081\n", err, sizeof(err)) == 0);
    CHECK(c.https == 0);
    CHECK_STR(c.sandbox_origin, "http://[::1]:8081");
    /* another host would never see the buyer's session cookie */
    static const char *const other[] = {
        "base_url = http://127.0.0.1:8080\nsandbox_url = http://pay.example.com\n",
        "base_url = http://127.0.0.1:8080\nsandbox_url = http://127.0.0.10:8081\n",
        "base_url = http://127.0.0.1:8080\nsandbox_url = https://127.0.0.1:8081\n",
        "base_url = http://market.example.com\nsandbox_url = http://market.example.com.evil.example\n",
    };
    for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
        int rc = load(&c, other[i], err, sizeof(err));
        CHECK(rc == -1 && strstr(err, "sandbox_url: must be on base_url's host"));
    }
}

/* Whole lines: a comment longer than a line buffer stays a comment to its
 * end (once, its tail past 1023 bytes was read as a setting), and a NUL
 * byte, after which nothing of its line would be read, is refused. */
static void whole_lines(void)
{
    config c;
    char err[256] = "", text[1100];
    memset(text, 'x', sizeof(text));
    memcpy(text, "# ", 2);
    strcpy(text + 1023, "workers = 3\n");
    config dflt;
    CHECK(load(&dflt, "", err, sizeof(err)) == 0);
    CHECK(load(&c, text, err, sizeof(err)) == 0 && c.workers == dflt.workers && c.workers != 3);
    FILE *f = fopen(path, "w");
    fwrite("workers = 4\0 junk\n", 1, 18, f);
    fclose(f);
    CHECK(config_load(&c, path, err, sizeof(err)) == -1 && strstr(err, ":1: a NUL byte"));
}

/* The cluster's nodes, in the order given: commas or spaces between. */
static void db_hosts(void)
{
    config c;
    char err[256] = "";
    CHECK(load(&c, "# one server\n", err, sizeof(err)) == 0);
    CHECK(c.db_nnodes == 0);
    CHECK(load(&c, "db_hosts = 10.0.0.1:3306, db2.internal:3307 [fd00::3]:3306\n", err, sizeof(err)) == 0);
    CHECK(c.db_nnodes == 3);
    CHECK_STR(c.db_nodes[0].host, "10.0.0.1");
    CHECK(c.db_nodes[0].port == 3306);
    CHECK_STR(c.db_nodes[1].host, "db2.internal");
    CHECK(c.db_nodes[1].port == 3307);
    CHECK_STR(c.db_nodes[2].host, "fd00::3");
    CHECK(c.db_nodes[2].port == 3306);
    setenv("MP_DB_HOSTS", "127.0.0.1:4306,127.0.0.1:4307", 1);
    CHECK(load(&c, "db_hosts = 10.0.0.1:3306\n", err, sizeof(err)) == 0);
    unsetenv("MP_DB_HOSTS");
    CHECK(c.db_nnodes == 2);
    CHECK(c.db_nodes[1].port == 4307);
}

int main(void)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);
    defaults();
    buyer_keys();
    bad_values_are_refused();
    derived();
    whole_lines();
    db_hosts();
    unlink(path);
    return check_done("config");
}
