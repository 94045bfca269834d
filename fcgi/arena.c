/* Per-request bump allocator with cleanup callbacks. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size;
    size_t used;
    max_align_t data[];
};

struct arena_cleanup {
    arena_cleanup *next;
    void (*fn)(void *);
    void *data;
};

static void arena_oom(size_t n)
{
    fprintf(stderr, "arena: out of memory allocating %zu bytes\n", n);
    abort();
}

static arena_chunk *chunk_new(size_t size)
{
    arena_chunk *c = malloc(sizeof(*c) + size);
    if (!c)
        arena_oom(size);
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void arena_init(arena *a, size_t chunk_size)
{
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->head = a->base = chunk_new(a->chunk_size);
    a->cleanups = NULL;
    a->used_total = 0;
}

static void run_cleanups(arena *a)
{
    while (a->cleanups) {
        arena_cleanup *c = a->cleanups;
        a->cleanups = c->next;
        c->fn(c->data);
    }
}

void arena_reset(arena *a)
{
    run_cleanups(a);
    /* keep the standard-sized chunk made at init, free every other */
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        if (c != a->base)
            free(c);
        c = next;
    }
    a->head = a->base;
    if (a->head) {
        a->head->next = NULL;
        a->head->used = 0;
    }
    a->used_total = 0;
}

void arena_free(arena *a)
{
    run_cleanups(a);
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = a->base = NULL;
}

void *arena_alloc(arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX - align)
        arena_oom(n);
    size_t need = (n + align - 1) & ~(align - 1);
    if (need == 0)
        need = align;
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t size = need > a->chunk_size ? need : a->chunk_size;
        arena_chunk *fresh = chunk_new(size);
        if (c && need > a->chunk_size) {
            /* a big block goes behind the current chunk so its free space
             * stays in use for small allocations */
            fresh->next = c->next;
            c->next = fresh;
            fresh->used = need;
            a->used_total += need;
            return fresh->data;
        }
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = (char *)c->data + c->used;
    c->used += need;
    a->used_total += need;
    return p;
}

void *arena_zalloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    if (!fmt) /* never, but gcc's format checks under UBSan see a path */
        return arena_strdup(a, "");
    /* formatted straight into the current chunk's free space; only text
     * that does not fit there is formatted twice (measured, then written) */
    arena_chunk *c = a->head;
    size_t room = c ? c->size - c->used : 0;
    char *at = c ? (char *)c->data + c->used : NULL;
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(at, room, fmt, cp);
    va_end(cp);
    if (n < 0)
        return arena_strdup(a, "");
    const size_t align = _Alignof(max_align_t);
    if (((size_t)n + align) / align * align <= room) {
        char *p = arena_alloc(a, (size_t)n + 1); /* the very bytes just written */
        if (p != at)
            memcpy(p, at, (size_t)n + 1);
        return p;
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_on_reset(arena *a, void (*fn)(void *), void *data)
{
    arena_cleanup *c = arena_alloc(a, sizeof(*c));
    c->fn = fn;
    c->data = data;
    c->next = a->cleanups;
    a->cleanups = c;
}
