/* libFuzzer target for the config file reader (config_load). The input is
 * the file. The reference reading: lines end at '\n'; each is trimmed of
 * white space; an empty line or one starting with '#' says nothing; any
 * other is key = value, with a known key and a value its type takes
 * (text shorter than its field, an integer in range, on/off). Properties:
 *  - a file the reference refuses is refused, with its line's number;
 *  - a file it takes loads (or is refused only by the checks of the whole:
 *    language, time zone, base and sandbox URLs), with every key the value
 *    its last line gave, the others their defaults;
 *  - what loads holds together: numbers in range, the origins those of the
 *    URLs, no trailing '/' on them. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../fcgi/config.h"
#include "fuzz.h"

typedef enum { T_STR, T_INT, T_LONG, T_BOOL } ref_type;
typedef struct {
    const char *key;
    ref_type type;
    size_t offset, size;
    long min, max;
} ref_key;

#define S(k)                                                                                                           \
    {                                                                                                                  \
#k, T_STR, offsetof(config, k), sizeof(((config *)0)->k), 0, 0                                                 \
    }
#define I(k, lo, hi)                                                                                                   \
    {                                                                                                                  \
#k, T_INT, offsetof(config, k), sizeof(int), lo, hi                                                            \
    }
#define L(k, lo, hi)                                                                                                   \
    {                                                                                                                  \
#k, T_LONG, offsetof(config, k), sizeof(long), lo, hi                                                          \
    }
#define B(k)                                                                                                           \
    {                                                                                                                  \
#k, T_BOOL, offsetof(config, k), sizeof(int), 0, 1                                                             \
    }
/* the keys as the README documents them */
static const ref_key keys[] = {
    S(db_host),
    I(db_port, 0, 65535),
    S(db_socket),
    S(db_user),
    S(db_password),
    S(db_name),
    S(listen),
    S(listen_group),
    I(workers, 1, 512),
    L(max_body, 1024, 1L << 30),
    S(pid_file),
    S(root),
    S(base_url),
    S(secret_key),
    S(default_lang),
    I(unpaid_timeout, 1, 7 * 24 * 60),
    I(sweep_interval, 1, 3600),
    I(session_days, 1, 365),
    I(session_idle, 1, 365 * 24 * 60),
    I(auto_accept_days, 1, 365),
    I(refund_window_days, 0, 365),
    S(admin_vouch),
    S(time_zone),
    B(payment_sandbox),
    S(sandbox_url),
    S(db_hosts),
    B(keep_catalog_reads),
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static int fd = -1;
static char path[64];

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* The value a line sets for key k, or false when k does not take it. */
static bool ref_value(const ref_key *k, const char *v, long *num)
{
    if (k->type == T_STR)
        return strlen(v) < k->size;
    if (k->type == T_BOOL) {
        static const char *const on[] = {"on", "yes", "true", "1"}, *const off[] = {"off", "no", "false", "0"};
        for (int i = 0; i < 4; i++)
            if (strcmp(v, on[i]) == 0 || strcmp(v, off[i]) == 0) {
                *num = strcmp(v, on[i]) == 0;
                return true;
            }
        return false;
    }
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < k->min || n > k->max)
        return false;
    *num = n;
    return true;
}

/* The reference reading of text[0..n): 0 with the value each key's last
 * line gave (set[i], val[i] pointing into a copy), or the number of the
 * first line it refuses. */
static int ref_read(const uint8_t *text, size_t n, char **copy, const char *val[NKEYS])
{
    for (size_t i = 0; i < NKEYS; i++)
        val[i] = NULL;
    *copy = fuzz_copy(text, n, 1);
    int lineno = 0;
    for (char *line = *copy; line < *copy + n;) {
        char *nl = memchr(line, '\n', (size_t)(*copy + n - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(*copy + n - line);
        line[len] = '\0';
        lineno++;
        if (memchr(line, '\0', len) != NULL) /* a NUL is not text */
            return lineno;
        char *s = trim(line);
        if (*s && *s != '#') {
            char *eq = strchr(s, '=');
            if (!eq)
                return lineno;
            *eq = '\0';
            char *key = trim(s), *value = trim(eq + 1);
            size_t k = 0;
            while (k < NKEYS && strcmp(keys[k].key, key) != 0)
                k++;
            long num;
            if (k == NKEYS || !ref_value(&keys[k], value, &num))
                return lineno;
            val[k] = value;
        }
        line += len + 1;
    }
    return 0;
}

static void check_whole(const config *c)
{
    for (size_t i = 0; i < NKEYS; i++) {
        const char *field = (const char *)c + keys[i].offset;
        if (keys[i].type == T_STR) {
            FUZZ_CHECK(memchr(field, '\0', keys[i].size));
        } else {
            long v = keys[i].type == T_LONG ? *(const long *)(const void *)field : *(const int *)(const void *)field;
            FUZZ_CHECK(v >= keys[i].min && v <= keys[i].max);
        }
    }
    FUZZ_CHECK(strcmp(c->default_lang, "zh-CN") == 0 || strcmp(c->default_lang, "en") == 0);
    FUZZ_CHECK(strncmp(c->base_url, c->base_origin, strlen(c->base_origin)) == 0 && *c->base_origin);
    FUZZ_CHECK(strncmp(c->sandbox_url, c->sandbox_origin, strlen(c->sandbox_origin)) == 0 && *c->sandbox_origin);
    FUZZ_CHECK(c->https == (strncmp(c->base_url, "https://", 8) == 0));
    size_t n = strlen(c->base_url);
    FUZZ_CHECK(c->base_url[n - 1] != '/' || n <= 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fd < 0) {
        fd = memfd_create("mp-fuzz-config", 0);
        FUZZ_CHECK(fd >= 0);
        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
        /* only the file speaks */
        for (size_t i = 0; i < NKEYS; i++) {
            char name[64] = "MP_";
            for (size_t j = 0; keys[i].key[j]; j++)
                name[3 + j] = (char)toupper((unsigned char)keys[i].key[j]);
            unsetenv(name);
        }
        unsetenv("TZDIR");
    }
    FUZZ_CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size);

    config c, defaults;
    char err[512] = "", derr[512];
    int rc = config_load(&c, path, err, sizeof(err));
    FUZZ_CHECK(config_load(&defaults, NULL, derr, sizeof(derr)) == 0);
    char *copy;
    const char *val[NKEYS];
    int bad_line = ref_read(data, size, &copy, val);
    if (bad_line) {
        FUZZ_CHECK(rc != 0);
        char at[96];
        snprintf(at, sizeof(at), "%s:%d: ", path, bad_line);
        FUZZ_CHECK(strncmp(err, at, strlen(at)) == 0);
    } else if (rc != 0) {
        /* only the checks of the whole may refuse it */
        FUZZ_CHECK(strncmp(err, "default_lang:", 13) == 0 || strncmp(err, "time_zone:", 10) == 0 ||
                   strncmp(err, "base_url:", 9) == 0 || strncmp(err, "sandbox_url:", 12) == 0 ||
                   strncmp(err, "db_hosts:", 9) == 0);
    } else {
        check_whole(&c);
        for (size_t i = 0; i < NKEYS; i++) {
            const char *field = (const char *)&c + keys[i].offset;
            const char *dflt = (const char *)&defaults + keys[i].offset;
            bool url = strcmp(keys[i].key, "base_url") == 0 || strcmp(keys[i].key, "sandbox_url") == 0;
            if (keys[i].type == T_STR) {
                const char *want = val[i] ? val[i] : dflt;
                if (strcmp(keys[i].key, "sandbox_url") == 0 && (!val[i] || !*val[i]))
                    want = c.base_url; /* its default, also when set empty */
                size_t n = strlen(field);
                if (url ? strncmp(field, want, n) != 0 || strspn(want + n, "/") != strlen(want + n)
                        : strcmp(field, want) != 0)
                    fprintf(stderr, "%s is \"%s\", want \"%s\"\n", keys[i].key, field, want);
                /* URLs lose their trailing slashes */
                FUZZ_CHECK(url ? strncmp(field, want, n) == 0 && strspn(want + n, "/") == strlen(want + n)
                               : strcmp(field, want) == 0);
            } else {
                long got = keys[i].type == T_LONG ? *(const long *)(const void *)field
                                                  : *(const int *)(const void *)field;
                long want = 0;
                if (val[i])
                    FUZZ_CHECK(ref_value(&keys[i], val[i], &want));
                else
                    want = keys[i].type == T_LONG ? *(const long *)(const void *)dflt
                                                  : *(const int *)(const void *)dflt;
                FUZZ_CHECK(got == want);
            }
        }
    }
    free(copy);
    return 0;
}
