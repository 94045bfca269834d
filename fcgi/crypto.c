/* Thin wrappers over libcrypto (RAND, SHA-256, HMAC, AES-GCM) and libxcrypt. */
#include "crypto.h"

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <string.h>

#include "text.h"

int crypto_keys_init(crypto_keys *k, const char *hex)
{
    unsigned char master[CRYPTO_KEY_LEN];
    if (!hex || strlen(hex) != 2 * CRYPTO_KEY_LEN || !crypto_unhex(hex, master, sizeof(master)))
        return -1;
    crypto_hmac_sha256(master, sizeof(master), "seal", 4, k->seal);
    crypto_hmac_sha256(master, sizeof(master), "csrf", 4, k->csrf);
    crypto_hmac_sha256(master, sizeof(master), "sandbox-gateway", 15, k->sandbox);
    memset(master, 0, sizeof(master));
    return 0;
}

int crypto_random(void *buf, size_t n)
{
    return RAND_bytes(buf, (int)n) == 1 ? 0 : -1;
}

char *crypto_hex(arena *a, const unsigned char *bytes, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *out = arena_alloc(a, 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

bool crypto_unhex(const char *hex, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int v = 0;
        for (int j = 0; j < 2; j++) {
            char c = hex[2 * i + j];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return false;
        }
        out[i] = (unsigned char)v;
    }
    return hex[2 * n] == '\0';
}

char *crypto_random_hex(arena *a, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof(buf) || crypto_random(buf, n) != 0)
        return NULL;
    return crypto_hex(a, buf, n);
}

char *crypto_random_digits(arena *a, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char b;
        do {
            if (crypto_random(&b, 1) != 0)
                return NULL;
        } while (b >= 250); /* no modulo bias */
        out[i] = (char)('0' + b % 10);
    }
    out[n] = '\0';
    return out;
}

void crypto_sha256(const void *data, size_t len, unsigned char out[32])
{
    unsigned int n = 0;
    EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

void crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len, unsigned char out[32])
{
    unsigned int n = 0;
    HMAC(EVP_sha256(), key, (int)keylen, data, len, out, &n);
}

int crypto_seal(const unsigned char key[CRYPTO_KEY_LEN], const void *plain, size_t len, unsigned char *out)
{
    unsigned char *nonce = out, *ct = out + 12, *tag = out + 12 + len;
    if (crypto_random(nonce, 12) != 0)
        return -1;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, ok = c && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, nonce) == 1 &&
                    EVP_EncryptUpdate(c, ct, &n, plain, (int)len) == 1 && EVP_EncryptFinal_ex(c, ct + n, &n) == 1 &&
                    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

int crypto_open(const unsigned char key[CRYPTO_KEY_LEN], const unsigned char *box, size_t len, char *out)
{
    if (len < CRYPTO_SEAL_OVERHEAD)
        return -1;
    size_t plen = len - CRYPTO_SEAL_OVERHEAD;
    const unsigned char *nonce = box, *ct = box + 12, *tag = box + 12 + plen;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, ok = c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, nonce) == 1 &&
                    EVP_DecryptUpdate(c, (unsigned char *)out, &n, ct, (int)plen) == 1 &&
                    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, (void *)tag) == 1 &&
                    EVP_DecryptFinal_ex(c, (unsigned char *)out + n, &n) == 1;
    EVP_CIPHER_CTX_free(c);
    out[plen] = '\0';
    return ok ? 0 : -1;
}

int crypto_password_hash(const char *password, char *out, size_t outlen)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof(setting)))
        return -1;
    struct crypt_data data;
    memset(&data, 0, sizeof(data));
    const char *h = crypt_r(password, setting, &data);
    if (!h || h[0] == '*' || strlen(h) >= outlen)
        return -1;
    strcpy(out, h);
    return 0;
}

bool crypto_password_ok(const char *password, const char *hash)
{
    struct crypt_data data;
    memset(&data, 0, sizeof(data));
    const char *h = crypt_r(password, hash, &data);
    size_t n = strlen(hash);
    return h && h[0] != '*' && strlen(h) == n && text_equal_ct(h, hash, n);
}
