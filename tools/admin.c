/* mp-admin: operator commands that need the database and the secret key.
 *   mp-admin partner-key create VENDOR-SLUG   a new key (a vendor holds two at most)
 *   mp-admin partner-key list VENDOR-SLUG
 *   mp-admin partner-key revoke KEY-ID */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fcgi/arena.h"
#include "../fcgi/config.h"
#include "../fcgi/crypto.h"
#include "../fcgi/db.h"
#include "../fcgi/log.h"

#define KEYS_PER_VENDOR 2

static db_stmt q_vendor = DB_STMT("vendor", 1, 2, "SELECT id, name_en FROM vendors WHERE slug = ?");
static db_stmt q_active = DB_STMT("active_keys", 1, 1,
    "SELECT COUNT(*) FROM partner_keys WHERE vendor_id = ? AND status = 'active' FOR UPDATE");
static db_stmt q_insert = DB_STMT("key_insert", 3, 0,
    "INSERT INTO partner_keys (key_id, vendor_id, secret_enc, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_list = DB_STMT("key_list", 1, 4,
    "SELECT key_id, status, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
    "COALESCE(DATE_FORMAT(revoked_at, '%Y-%m-%d %H:%i'), '') FROM partner_keys WHERE vendor_id = ? ORDER BY id");
static db_stmt q_revoke = DB_STMT("key_revoke", 1, 0,
    "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE key_id = ? AND status = 'active'");

static int usage(void)
{
    fprintf(stderr, "usage: mp-admin [-c config] partner-key create|list VENDOR-SLUG\n"
                    "       mp-admin [-c config] partner-key revoke KEY-ID\n");
    return 2;
}

static int key_create(db *d, arena *a, const crypto_keys *keys, long long vendor)
{
    if (db_begin(d) != DB_OK)
        return 1;
    db_result r;
    if (db_exec(d, &q_active, a, (db_param[]){DB_INT(vendor)}, 1, &r) != DB_OK)
        goto fail;
    if (db_int(&r, 0, 0) >= KEYS_PER_VENDOR) {
        fprintf(stderr, "mp-admin: the vendor already holds %d active keys; revoke one first\n", KEYS_PER_VENDOR);
        db_rollback(d);
        return 1;
    }
    char *key_id = arena_printf(a, "mpk_%s", crypto_random_hex(a, 12));
    char *secret = crypto_random_hex(a, 32);
    unsigned char *box = arena_alloc(a, strlen(secret) + CRYPTO_SEAL_OVERHEAD);
    if (crypto_seal(keys->seal, secret, strlen(secret), box) != 0)
        goto fail;
    if (db_exec(d, &q_insert, a,
                (db_param[]){DB_STR(key_id), DB_INT(vendor), DB_BYTES(box, strlen(secret) + CRYPTO_SEAL_OVERHEAD)}, 3,
                NULL) != DB_OK ||
        db_commit(d) != DB_OK)
        goto fail;
    printf("key_id=%s\nsecret=%s\n", key_id, secret);
    return 0;
fail:
    db_rollback(d);
    fprintf(stderr, "mp-admin: database error\n");
    return 1;
}

int main(int argc, char **argv)
{
    const char *config_path = getenv("MP_CONFIG");
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-c") == 0) {
        config_path = argv[i + 1];
        i += 2;
    }
    if (argc - i != 3 || strcmp(argv[i], "partner-key") != 0)
        return usage();
    const char *cmd = argv[i + 1], *arg = argv[i + 2];
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
    db_result r;
    int rc = 1;
    if (strcmp(cmd, "revoke") == 0) {
        if (db_exec(&d, &q_revoke, &a, (db_param[]){DB_STR(arg)}, 1, &r) == DB_OK) {
            printf(r.affected ? "revoked %s\n" : "no active key %s\n", arg);
            rc = r.affected ? 0 : 1;
        }
        goto out;
    }
    if (db_exec(&d, &q_vendor, &a, (db_param[]){DB_STR(arg)}, 1, &r) != DB_OK) {
        fprintf(stderr, "mp-admin: cannot reach the database\n");
        goto out;
    }
    if (r.nrows == 0) {
        fprintf(stderr, "mp-admin: no vendor \"%s\"\n", arg);
        goto out;
    }
    long long vendor = db_int(&r, 0, 0);
    if (strcmp(cmd, "create") == 0) {
        rc = key_create(&d, &a, &keys, vendor);
    } else if (strcmp(cmd, "list") == 0 && db_exec(&d, &q_list, &a, (db_param[]){DB_INT(vendor)}, 1, &r) == DB_OK) {
        for (size_t k = 0; k < r.nrows; k++)
            printf("%s\t%s\tcreated %s%s%s\n", db_str(&r, k, 0), db_str(&r, k, 1), db_str(&r, k, 2),
                   *db_str(&r, k, 3) ? "\trevoked " : "", db_str(&r, k, 3));
        rc = 0;
    } else {
        rc = usage();
    }
out:
    db_close(&d);
    arena_free(&a);
    return rc;
}
