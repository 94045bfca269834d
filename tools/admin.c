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

enum { VENDOR_ID, VENDOR_NAME, VENDOR__MAX };
static db_stmt q_vendor = DB_STMT("vendor", 1, VENDOR__MAX, "SELECT id, name_en FROM vendors WHERE slug = ?");
enum { COUNT_N, COUNT__MAX };
static db_stmt q_active = DB_STMT("active_keys", 1, COUNT__MAX,
    "SELECT COUNT(*) FROM partner_keys WHERE vendor_id = ? AND status = 'active' FOR UPDATE");
static db_stmt q_insert = DB_STMT("key_insert", 3, 0,
    "INSERT INTO partner_keys (key_id, vendor_id, secret_enc, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
enum { KL_ID, KL_STATUS, KL_CREATED, KL_REVOKED, KL_LAST_USED, KL__MAX };
static db_stmt q_list = DB_STMT("key_list", 1, KL__MAX,
    "SELECT key_id, status, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
    "COALESCE(DATE_FORMAT(revoked_at, '%Y-%m-%d %H:%i'), ''), "
    "COALESCE(DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i'), 'never') FROM partner_keys WHERE vendor_id = ? ORDER BY id");
static db_stmt q_revoke = DB_STMT("key_revoke", 1, 0,
    "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE key_id = ? AND status = 'active'");

static int usage(void)
{
    fprintf(stderr, "usage: mp-admin [-c config] partner-key create|list VENDOR-SLUG\n"
                    "       mp-admin [-c config] partner-key revoke KEY-ID\n");
    return 2;
}

typedef struct key_new {
    arena *a;
    db *d;
    const crypto_keys *keys;
    long long vendor;
    const char *key_id, *secret;
    bool too_many;
} key_new;

static db_status key_create_txn(void *data, bool *commit)
{
    key_new *k = data;
    db_result r;
    /* the vendor's active keys stay locked: two creations cannot both pass */
    db_status st = db_exec(k->d, &q_active, k->a, (db_param[]){DB_INT(k->vendor)}, 1, &r);
    if (st != DB_OK)
        return st;
    if ((k->too_many = db_int(&r, 0, COUNT_N) >= KEYS_PER_VENDOR)) {
        *commit = false;
        return DB_OK;
    }
    k->key_id = arena_printf(k->a, "mpk_%s", crypto_random_hex(k->a, 12));
    k->secret = crypto_random_hex(k->a, 32);
    size_t n = strlen(k->secret);
    unsigned char *box = arena_alloc(k->a, n + CRYPTO_SEAL_OVERHEAD);
    if (crypto_seal(k->keys->seal, k->secret, n, box) != 0)
        return DB_ERROR;
    return db_exec(k->d, &q_insert, k->a,
                   (db_param[]){DB_STR(k->key_id), DB_INT(k->vendor), DB_BYTES(box, n + CRYPTO_SEAL_OVERHEAD)}, 3,
                   NULL);
}

static int key_create(db *d, arena *a, const crypto_keys *keys, long long vendor)
{
    key_new k = {.a = a, .d = d, .keys = keys, .vendor = vendor};
    if (db_txn(d, key_create_txn, &k) != DB_OK) {
        fprintf(stderr, "mp-admin: database error\n");
        return 1;
    }
    if (k.too_many) {
        fprintf(stderr, "mp-admin: the vendor already holds %d active keys; revoke one first\n", KEYS_PER_VENDOR);
        return 1;
    }
    printf("key_id=%s\nsecret=%s\n", k.key_id, k.secret);
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
    long long vendor = db_int(&r, 0, VENDOR_ID);
    if (strcmp(cmd, "create") == 0) {
        rc = key_create(&d, &a, &keys, vendor);
    } else if (strcmp(cmd, "list") == 0 && db_exec(&d, &q_list, &a, (db_param[]){DB_INT(vendor)}, 1, &r) == DB_OK) {
        for (size_t k = 0; k < r.nrows; k++)
            printf("%s\t%s\tcreated %s\tlast used %s%s%s\n", db_str(&r, k, KL_ID), db_str(&r, k, KL_STATUS),
                   db_str(&r, k, KL_CREATED), db_str(&r, k, KL_LAST_USED), *db_str(&r, k, KL_REVOKED) ? "\trevoked " : "",
                   db_str(&r, k, KL_REVOKED));
        rc = 0;
    } else {
        rc = usage();
    }
out:
    db_close(&d);
    arena_free(&a);
    return rc;
}
