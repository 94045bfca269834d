/* Per-request memory: every allocation of a request comes from one arena and
 * is released in one place (arena_reset) when the request ends. */
#ifndef MP_ARENA_H
#define MP_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena_cleanup arena_cleanup;

typedef struct arena {
    arena_chunk *head;       /* chunk being filled; older chunks follow */
    arena_chunk *base;       /* the standard-sized chunk made at init, kept by reset */
    arena_cleanup *cleanups; /* run in reverse order of registration */
    size_t chunk_size;
    size_t used_total; /* bytes handed out since the last reset */
} arena;

void arena_init(arena *a, size_t chunk_size);
/* Runs the cleanups, keeps the first chunk for reuse, frees the others. */
void arena_reset(arena *a);
void arena_free(arena *a);

/* Never returns NULL: allocation failure aborts the worker (the pool
 * replaces it), because no request can continue without memory. */
void *arena_alloc(arena *a, size_t n);
void *arena_zalloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* fn(data) runs at the next reset; for libxml2 documents and the like. */
void arena_on_reset(arena *a, void (*fn)(void *), void *data);

#endif
