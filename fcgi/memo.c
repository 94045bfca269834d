/* Statement results kept by a worker per version (see memo.h). */
#include "memo.h"

#include <stdint.h>
#include <string.h>

typedef struct memo_slot {
    bool used;
    arena mem; /* key, version and result; reset when replaced */
    const char *key;
    size_t keylen;
    const char *version;
    db_result r;
} memo_slot;

static memo_slot slots[MEMO_SLOTS];

/* The statement and its parameters as bytes: the same key only for the
 * same statement with the same values. */
static char *memo_key(arena *a, const db_stmt *s, const db_param *p, size_t np, size_t *len)
{
    size_t n = sizeof(s);
    for (size_t i = 0; i < np; i++)
        n += 1 + sizeof(long long) + (p[i].type == DB_P_STR ? p[i].len : 0);
    char *k = arena_alloc(a, n), *w = k;
    memcpy(w, &s, sizeof(s));
    w += sizeof(s);
    for (size_t i = 0; i < np; i++) {
        *w++ = (char)p[i].type;
        long long v = p[i].type == DB_P_STR ? (long long)p[i].len : p[i].i;
        memcpy(w, &v, sizeof(v));
        w += sizeof(v);
        if (p[i].type == DB_P_STR && p[i].len) {
            memcpy(w, p[i].s, p[i].len);
            w += p[i].len;
        }
    }
    *len = n;
    return k;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Bytes a copy of r takes, to refuse the large ones before copying. */
static size_t result_bytes(const db_result *r)
{
    size_t n = r->nrows * (sizeof(char **) + sizeof(unsigned long *)) +
               r->nrows * r->ncols * (sizeof(char *) + sizeof(unsigned long) + 1);
    for (size_t i = 0; i < r->nrows; i++)
        for (unsigned j = 0; j < r->ncols; j++)
            n += r->lens[i][j];
    return n;
}

static void result_copy(arena *a, const db_result *src, db_result *dst)
{
    *dst = *src;
    dst->rows = src->nrows ? arena_alloc(a, src->nrows * sizeof(*dst->rows)) : NULL;
    dst->lens = src->nrows ? arena_alloc(a, src->nrows * sizeof(*dst->lens)) : NULL;
    for (size_t i = 0; i < src->nrows; i++) {
        dst->rows[i] = arena_alloc(a, src->ncols * sizeof(**dst->rows));
        dst->lens[i] = arena_alloc(a, src->ncols * sizeof(**dst->lens));
        for (unsigned j = 0; j < src->ncols; j++) {
            const char *v = src->rows[i][j];
            dst->lens[i][j] = src->lens[i][j];
            dst->rows[i][j] = v ? arena_strndup(a, v, src->lens[i][j]) : NULL;
        }
    }
}

db_status memo_exec(db *d, const char *version, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out)
{
    if (!version)
        return db_exec(d, s, a, p, np, out);
    size_t keylen;
    char *key = memo_key(a, s, p, np, &keylen);
    memo_slot *m = &slots[fnv1a(key, keylen) % MEMO_SLOTS];
    if (m->used && m->keylen == keylen && memcmp(m->key, key, keylen) == 0 && strcmp(m->version, version) == 0) {
        result_copy(a, &m->r, out);
        return DB_OK;
    }
    db_status st = db_exec(d, s, a, p, np, out);
    if (st != DB_OK || result_bytes(out) > MEMO_MAX_BYTES)
        return st;
    if (m->used)
        arena_reset(&m->mem);
    else
        arena_init(&m->mem, 4096);
    m->key = memcpy(arena_alloc(&m->mem, keylen), key, keylen);
    m->keylen = keylen;
    m->version = arena_strdup(&m->mem, version);
    result_copy(&m->mem, out, &m->r);
    m->used = true;
    return DB_OK;
}
