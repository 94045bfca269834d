/* Unit tests for fcgi/crypto.c: key derivation, hex, digests against known
 * vectors, sealing secrets (round trip, tampering, wrong key), passwords. */
#include <string.h>

#include "../../fcgi/crypto.h"
#include "check.h"

static const char *master = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

static void keys_need_64_hex_digits(void)
{
    crypto_keys k;
    CHECK(crypto_keys_init(&k, master) == 0);
    CHECK(crypto_keys_init(&k, "00") == -1);
    CHECK(crypto_keys_init(&k, NULL) == -1);
    char bad[65];
    memcpy(bad, master, 65);
    bad[10] = 'g';
    CHECK(crypto_keys_init(&k, bad) == -1);
}

static void each_purpose_has_its_own_key(void)
{
    crypto_keys k;
    crypto_keys_init(&k, master);
    CHECK(memcmp(k.seal, k.csrf, CRYPTO_KEY_LEN) != 0);
    CHECK(memcmp(k.seal, k.sandbox, CRYPTO_KEY_LEN) != 0);
    CHECK(memcmp(k.csrf, k.sandbox, CRYPTO_KEY_LEN) != 0);
    crypto_keys again;
    crypto_keys_init(&again, master);
    CHECK(memcmp(k.seal, again.seal, CRYPTO_KEY_LEN) == 0); /* derivation is stable */
}

static void hex_round_trips(arena *a)
{
    unsigned char bytes[] = {0x00, 0x7f, 0x80, 0xff, 0x12};
    char *hex = crypto_hex(a, bytes, sizeof(bytes));
    CHECK_STR(hex, "007f80ff12");
    unsigned char back[5];
    CHECK(crypto_unhex(hex, back, 5) && memcmp(back, bytes, 5) == 0);
    CHECK(crypto_unhex("007F80FF12", back, 5));
    CHECK(!crypto_unhex("007f80ff1", back, 5));    /* too short */
    CHECK(!crypto_unhex("007f80ff1234", back, 5)); /* too long */
    CHECK(!crypto_unhex("zz7f80ff12", back, 5));
}

static void digests_match_known_vectors(arena *a)
{
    unsigned char out[32];
    crypto_sha256("abc", 3, out);
    CHECK_STR(crypto_hex(a, out, 32), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    crypto_sha256("", 0, out);
    CHECK_STR(crypto_hex(a, out, 32), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* RFC 4231 test case 2 */
    crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, out);
    CHECK_STR(crypto_hex(a, out, 32), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void random_values_differ_and_have_their_shape(arena *a)
{
    char *x = crypto_random_hex(a, 16), *y = crypto_random_hex(a, 16);
    CHECK(x && y && strlen(x) == 32 && strcmp(x, y) != 0);
    char *d = crypto_random_digits(a, 20);
    CHECK(d && strlen(d) == 20 && strspn(d, "0123456789") == 20);
    CHECK(crypto_random_hex(a, 65) == NULL); /* more than it will make */
}

static void sealed_secrets_open_only_untouched_with_the_key(void)
{
    crypto_keys k, other;
    crypto_keys_init(&k, master);
    crypto_keys_init(&other, "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const char *secret = "p&ss \"w<rd\" 密码";
    size_t n = strlen(secret);
    unsigned char box[128], box2[128];
    char out[128];
    CHECK(crypto_seal(k.seal, secret, n, box) == 0);
    CHECK(memmem(box, n + CRYPTO_SEAL_OVERHEAD, "w<rd", 4) == NULL); /* not in the clear */
    CHECK(crypto_open(k.seal, box, n + CRYPTO_SEAL_OVERHEAD, out) == 0);
    CHECK_STR(out, secret);
    CHECK(crypto_seal(k.seal, secret, n, box2) == 0);
    CHECK(memcmp(box, box2, n + CRYPTO_SEAL_OVERHEAD) != 0); /* a fresh nonce each time */
    CHECK(crypto_open(other.seal, box, n + CRYPTO_SEAL_OVERHEAD, out) == -1);
    for (size_t i = 0; i < n + CRYPTO_SEAL_OVERHEAD; i += 7) {
        box[i] ^= 1;
        CHECK(crypto_open(k.seal, box, n + CRYPTO_SEAL_OVERHEAD, out) == -1);
        box[i] ^= 1;
    }
    CHECK(crypto_open(k.seal, box, n + CRYPTO_SEAL_OVERHEAD - 1, out) == -1); /* cut short */
    CHECK(crypto_open(k.seal, box, 10, out) == -1);
    CHECK(crypto_seal(k.seal, "", 0, box) == 0 && crypto_open(k.seal, box, CRYPTO_SEAL_OVERHEAD, out) == 0);
    CHECK_STR(out, "");
}

static void passwords_hash_with_yescrypt(void)
{
    char h1[256], h2[256];
    CHECK(crypto_password_hash("correct horse", h1, sizeof(h1)) == 0);
    CHECK(strncmp(h1, "$y$", 3) == 0);
    CHECK(crypto_password_hash("correct horse", h2, sizeof(h2)) == 0);
    CHECK(strcmp(h1, h2) != 0); /* salted */
    CHECK(crypto_password_ok("correct horse", h1));
    CHECK(!crypto_password_ok("correct horsE", h1));
    CHECK(!crypto_password_ok("", h1));
    CHECK(!crypto_password_ok("correct horse", "*"));
    CHECK(!crypto_password_ok("correct horse", "not a hash"));
    char small[8];
    CHECK(crypto_password_hash("x", small, sizeof(small)) == -1);
}

int main(void)
{
    arena a;
    arena_init(&a, 0);
    keys_need_64_hex_digits();
    each_purpose_has_its_own_key();
    hex_round_trips(&a);
    digests_match_known_vectors(&a);
    random_values_differ_and_have_their_shape(&a);
    sealed_secrets_open_only_untouched_with_the_key();
    passwords_hash_with_yescrypt();
    arena_free(&a);
    return check_done("test_crypto");
}
