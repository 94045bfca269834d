/* Cryptography from libcrypto and libxcrypt: random bytes, SHA-256,
 * HMAC-SHA256, AES-256-GCM sealing of secrets, yescrypt password hashes. */
#ifndef MP_CRYPTO_H
#define MP_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

#define CRYPTO_KEY_LEN 32
#define CRYPTO_SEAL_OVERHEAD 28 /* 12-byte nonce + 16-byte tag */

/* Keys derived once from the configured secret_key, one per purpose, so
 * that no two uses share a key. */
typedef struct crypto_keys {
    unsigned char seal[CRYPTO_KEY_LEN];    /* secrets at rest */
    unsigned char csrf[CRYPTO_KEY_LEN];    /* form tokens */
    unsigned char sandbox[CRYPTO_KEY_LEN]; /* the sandbox gateway's signing key */
} crypto_keys;

/* Parses 64 hex digits and derives the keys. -1 when hex is not 64 hex digits. */
int crypto_keys_init(crypto_keys *k, const char *hex);

int crypto_random(void *buf, size_t n);
/* n random bytes as 2n lowercase hex digits, in a. NULL if the RNG fails. */
char *crypto_random_hex(arena *a, size_t n);
/* n random decimal digits, in a. */
char *crypto_random_digits(arena *a, size_t n);

void crypto_sha256(const void *data, size_t len, unsigned char out[32]);
void crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len, unsigned char out[32]);
char *crypto_hex(arena *a, const unsigned char *bytes, size_t n);
/* Decodes 2n hex digits into out[n]; false on anything else. */
bool crypto_unhex(const char *hex, unsigned char *out, size_t n);

/* AES-256-GCM: out must hold len + CRYPTO_SEAL_OVERHEAD bytes. */
int crypto_seal(const unsigned char key[CRYPTO_KEY_LEN], const void *plain, size_t len, unsigned char *out);
/* Opens a sealed box into out (len - CRYPTO_SEAL_OVERHEAD bytes, plus a
 * NUL). -1 when the box was tampered with or the key is wrong. */
int crypto_open(const unsigned char key[CRYPTO_KEY_LEN], const unsigned char *box, size_t len, char *out);

/* yescrypt hash of password into out (at least 128 bytes). */
int crypto_password_hash(const char *password, char *out, size_t outlen);
bool crypto_password_ok(const char *password, const char *hash);

#endif
