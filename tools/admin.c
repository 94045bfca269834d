/* mp-admin: operator commands that need the database and the secret key.
 *   mp-admin partner-key create VENDOR-SLUG   a new key (a vendor holds two at most)
 *   mp-admin partner-key list VENDOR-SLUG
 *   mp-admin partner-key rotate KEY-ID        a new key in its place; the old one is revoked
 *   mp-admin partner-key revoke KEY-ID
 *   mp-admin vendor suspend|reinstate VENDOR-SLUG REASON
 * The same code as the console's pages (handlers/vendor_admin.c); every
 * change is written to the audit log as admin "cli:<user>" from "local". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../fcgi/arena.h"
#include "../fcgi/config.h"
#include "../fcgi/crypto.h"
#include "../fcgi/db.h"
#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "../handlers/vendor_admin.h"

enum { VENDOR_ID, VENDOR_NAME, VENDOR__MAX };
static db_stmt q_vendor = DB_STMT("vendor", 1, VENDOR__MAX, "SELECT id, name_en FROM vendors WHERE slug = ?");

#define LIST_ALL 100000 /* keys listed by "partner-key list": all of them */

static int usage(void)
{
    fprintf(stderr, "usage: mp-admin [-c config] partner-key create|list VENDOR-SLUG\n"
                    "       mp-admin [-c config] partner-key rotate|revoke KEY-ID\n"
                    "       mp-admin [-c config] vendor suspend|reinstate VENDOR-SLUG REASON\n");
    return 2;
}

/* Who the audit log names: the operator's login name, else their uid. */
static audit_who cli_who(arena *a)
{
    const char *user = getenv("USER");
    bool printable = user && *user && strlen(user) <= 32;
    for (const char *p = user; printable && *p; p++)
        if ((unsigned char)*p < 0x21 || (unsigned char)*p >= 0x7f)
            printable = false;
    const char *name = printable ? arena_printf(a, "cli:%s", user) : arena_printf(a, "cli:%u", (unsigned)getuid());
    return (audit_who){.admin = name, .ip = "local", .request_id = ""};
}

static int db_failed(void)
{
    fprintf(stderr, "mp-admin: database error\n");
    return 1;
}

/* "YYYY-MM-DD hh:mm" of a UTC time from vendor_keys_list, or dflt. */
static const char *minutes(arena *a, const char *t, const char *dflt)
{
    return t ? arena_strndup(a, t, 16) : dflt;
}

static int key_list(db *d, arena *a, const char *slug)
{
    db_result r;
    if (db_exec(d, &q_vendor, a, (db_param[]){DB_STR(slug)}, 1, &r) != DB_OK) {
        fprintf(stderr, "mp-admin: cannot reach the database\n");
        return 1;
    }
    if (r.nrows == 0) {
        fprintf(stderr, "mp-admin: no vendor \"%s\"\n", slug);
        return 1;
    }
    if (vendor_keys_list(d, a, db_int(&r, 0, VENDOR_ID), LIST_ALL, &r) != DB_OK)
        return db_failed();
    for (size_t k = r.nrows; k-- > 0;) /* oldest first */
        printf("%s\t%s\tcreated %s\tlast used %s%s%s\n", db_str(&r, k, VK_KEY_ID), db_str(&r, k, VK_STATUS),
               minutes(a, db_str(&r, k, VK_CREATED), ""), minutes(a, db_str(&r, k, VK_LAST_USED), "never"),
               db_str(&r, k, VK_REVOKED) ? "\trevoked " : "", minutes(a, db_str(&r, k, VK_REVOKED), ""));
    return 0;
}

static int key_command(db *d, arena *a, const crypto_keys *keys, const audit_who *who, const char *cmd, const char *arg)
{
    vendor_key_result res;
    db_status st;
    if (strcmp(cmd, "create") == 0)
        st = vendor_key_issue(d, a, keys, who, arg, NULL, &res);
    else if (strcmp(cmd, "rotate") == 0)
        st = vendor_key_rotate(d, a, keys, who, NULL, arg, NULL, &res);
    else if (strcmp(cmd, "revoke") == 0)
        st = vendor_key_revoke(d, a, who, NULL, arg, NULL, &res);
    else if (strcmp(cmd, "list") == 0)
        return key_list(d, a, arg);
    else
        return usage();
    if (st != DB_OK)
        return db_failed();
    switch (res.outcome) {
    case VENDOR_DONE:
        break;
    case VENDOR_NO_VENDOR:
        fprintf(stderr, "mp-admin: no vendor \"%s\"\n", arg);
        return 1;
    case VENDOR_NO_KEY:
        printf("no active key %s\n", arg);
        return 1;
    case VENDOR_TOO_MANY_KEYS:
        fprintf(stderr, "mp-admin: the vendor already holds %d active keys; revoke one first\n", VENDOR_KEYS_MAX);
        return 1;
    case VENDOR_UNCHANGED:
        return 1;
    }
    if (res.key_id)
        printf("key_id=%s\nsecret=%s\n", res.key_id, res.secret);
    if (res.revoked)
        printf("revoked %s\n", res.revoked);
    return 0;
}

static int vendor_command(db *d, arena *a, const audit_who *who, const char *cmd, const char *slug, const char *reason)
{
    bool suspend = strcmp(cmd, "suspend") == 0;
    if (!suspend && strcmp(cmd, "reinstate") != 0)
        return usage();
    if (!*reason || text_check(reason, strlen(reason)) != TEXT_OK ||
        text_utf8_len(reason, strlen(reason)) > VENDOR_REASON_MAX) {
        fprintf(stderr, "mp-admin: give a reason (at most %d characters)\n", VENDOR_REASON_MAX);
        return 2;
    }
    vendor_outcome outcome;
    if (vendor_set_status(d, a, who, slug, suspend, reason, &outcome) != DB_OK)
        return db_failed();
    if (outcome == VENDOR_NO_VENDOR) {
        fprintf(stderr, "mp-admin: no vendor \"%s\"\n", slug);
        return 1;
    }
    if (outcome == VENDOR_UNCHANGED) {
        printf("%s is already %s\n", slug, suspend ? "suspended" : "active");
        return 1;
    }
    printf("%s %s\n", suspend ? "suspended" : "reinstated", slug);
    return 0;
}

int main(int argc, char **argv)
{
    const char *config_path = getenv("MP_CONFIG");
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-c") == 0) {
        config_path = argv[i + 1];
        i += 2;
    }
    bool keys_cmd = argc - i == 3 && strcmp(argv[i], "partner-key") == 0;
    bool vendor_cmd = argc - i == 4 && strcmp(argv[i], "vendor") == 0;
    if (!keys_cmd && !vendor_cmd)
        return usage();
    log_set_name("mp-admin");
    config cfg;
    char err[512];
    crypto_keys keys;
    if (config_load(&cfg, config_path, err, sizeof(err)) != 0) {
        fprintf(stderr, "mp-admin: %s\n", err);
        return 2;
    }
    if (crypto_keys_init(&keys, cfg.secret_key) != 0) {
        fprintf(stderr, "mp-admin: secret_key must be 64 hex digits\n");
        return 2;
    }
    arena a;
    arena_init(&a, 0);
    db d;
    db_init(&d, &cfg);
    audit_who who = cli_who(&a);
    int rc = keys_cmd ? key_command(&d, &a, &keys, &who, argv[i + 1], argv[i + 2])
                      : vendor_command(&d, &a, &who, argv[i + 1], argv[i + 2], argv[i + 3]);
    db_close(&d);
    arena_free(&a);
    return rc;
}
