/* Unit tests for fcgi/config.c: the file and environment, the keys this
 * project added for buyers (time zone, sandbox, idle sessions), and the
 * origin of a URL that a Content-Security-Policy may name. */
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
    CHECK_STR(c.sandbox_url, c.base_url);
    CHECK(c.session_idle == 120);
    CHECK(c.session_days == 14);
}

static void buyer_keys(void)
{
    config c;
    char err[256] = "";
    CHECK(load(&c,
               "time_zone = America/New_York\npayment_sandbox = on\nsandbox_url = http://127.0.0.1:8081/\n"
               "session_idle = 30\nbase_url = https://market.example.com/\n",
               err, sizeof(err)) == 0);
    CHECK_STR(c.time_zone, "America/New_York");
    CHECK(c.payment_sandbox == 1);
    CHECK_STR(c.sandbox_url, "http://127.0.0.1:8081"); /* trailing slashes dropped */
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

static void origins(void)
{
    char o[256];
    CHECK(config_origin("https://app.example.com/sso?from=market", o, sizeof(o)) && strcmp(o, "https://app.example.com") == 0);
    CHECK(config_origin("http://127.0.0.1:18082/sso", o, sizeof(o)) && strcmp(o, "http://127.0.0.1:18082") == 0);
    CHECK(config_origin("https://pay.example.com", o, sizeof(o)) && strcmp(o, "https://pay.example.com") == 0);
    CHECK(config_origin("https://pay.example.com#x", o, sizeof(o)) && strcmp(o, "https://pay.example.com") == 0);
    CHECK(config_origin("http://[::1]:8080/x", o, sizeof(o)) && strcmp(o, "http://[::1]:8080") == 0);
    /* nothing a policy could be tricked with: other schemes, user info,
     * spaces, quotes, semicolons, empty hosts, long ports */
    static const char *const bad[] = {
        "",
        "ftp://example.com",
        "javascript:alert(1)",
        "//example.com/x",
        "https://",
        "https://user:pw@example.com/",
        "https://example.com;script-src *",
        "https://example.com 'unsafe-inline'",
        "https://exa\"mple.com",
        "https://example.com:/x",
        "https://example.com:123456/",
        "https://[zz]/",
        "HTTPS://example.com",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        bool ok = config_origin(bad[i], o, sizeof(o));
        if (ok)
            fprintf(stderr, "origin of \"%s\" accepted as %s\n", bad[i], o);
        CHECK(!ok);
    }
    char tiny[8];
    CHECK(!config_origin("https://example.com/", tiny, sizeof(tiny))); /* does not fit: refused, not cut */
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
    origins();
    unlink(path);
    return check_done("config");
}
