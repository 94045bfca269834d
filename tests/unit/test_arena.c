/* Unit tests for fcgi/arena.c: alignment, chunk growth, big blocks, strings, cleanups and reuse. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "check.h"

#define ALIGN _Alignof(max_align_t)
#define SMALL_CHUNK 256

static int aligned(const void *p)
{
    return ((uintptr_t)p % ALIGN) == 0;
}

static void pointers_are_max_aligned(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    int all = 1;
    for (size_t n = 0; n < 100; n++)
        all &= aligned(arena_alloc(&a, n));
    CHECK(all);
    CHECK(aligned(arena_alloc(&a, 1)));
    CHECK(aligned(arena_strdup(&a, "odd")));
    CHECK(aligned(arena_alloc(&a, SMALL_CHUNK * 3 + 1))); /* a big block */
    arena_free(&a);
}

static void allocations_do_not_overlap(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    enum { N = 500 };
    unsigned char *p[N];
    /* many small blocks, spilling across many chunks, each filled with its index */
    for (int i = 0; i < N; i++) {
        size_t n = (size_t)(i % 37) + 1;
        p[i] = arena_alloc(&a, n);
        memset(p[i], i & 0xff, n);
    }
    int intact = 1;
    for (int i = 0; i < N; i++) {
        size_t n = (size_t)(i % 37) + 1;
        for (size_t k = 0; k < n; k++)
            if (p[i][k] != (unsigned char)(i & 0xff))
                intact = 0;
    }
    CHECK(intact);
    CHECK(a.used_total >= (size_t)N);
    arena_free(&a);
}

static void used_total_counts_rounded_sizes(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    arena_alloc(&a, 1);
    CHECK(a.used_total == ALIGN);
    arena_alloc(&a, ALIGN + 1);
    CHECK(a.used_total == 3 * ALIGN);
    arena_alloc(&a, 0); /* still a distinct block */
    CHECK(a.used_total == 4 * ALIGN);
    arena_free(&a);
}

static void a_block_bigger_than_a_chunk(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    char *small = arena_alloc(&a, 16);
    memset(small, 's', 16);
    size_t big_n = SMALL_CHUNK * 10;
    char *big = arena_alloc(&a, big_n);
    memset(big, 'b', big_n); /* ASan reports it if the block is short */
    char *after = arena_alloc(&a, 16);
    memset(after, 'a', 16);
    CHECK(big[0] == 'b' && big[big_n - 1] == 'b');
    CHECK(small[0] == 's' && small[15] == 's');
    /* the small block after the big one still comes from the first chunk */
    CHECK(after == small + 16 + (ALIGN - 16 % ALIGN) % ALIGN);
    CHECK(a.used_total >= big_n + 32);
    arena_free(&a);
}

static void strings_are_copied(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    char src[] = "hello, world";
    char *d = arena_strdup(&a, src);
    char *nd = arena_strndup(&a, src, 5);
    char *zero = arena_strndup(&a, src, 0);
    src[0] = 'J';
    CHECK_STR(d, "hello, world");
    CHECK_STR(nd, "hello");
    CHECK_STR(zero, "");
    CHECK(d != src);
    arena_free(&a);
}

static void printf_formats_into_the_arena(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    CHECK_STR(arena_printf(&a, "%s=%d;%05.1f", "x", -42, 3.14159), "x=-42;003.1");
    CHECK_STR(arena_printf(&a, "%s", ""), "");
    char longer[SMALL_CHUNK * 4 + 1];
    memset(longer, 'L', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    char *p = arena_printf(&a, "<%s>", longer); /* bigger than a chunk */
    CHECK(strlen(p) == sizeof(longer) + 1);
    CHECK(p[0] == '<' && p[1] == 'L' && p[sizeof(longer)] == '>');
    arena_free(&a);
}

/* text formatted where the chunk has room, or not quite: every result
 * whole and none overwriting another */
static void printf_at_the_edge_of_a_chunk(void)
{
    for (size_t fill = 0; fill < SMALL_CHUNK; fill += 7) {
        arena a;
        arena_init(&a, SMALL_CHUNK);
        arena_alloc(&a, fill);
        const char *got[6];
        char want[6][SMALL_CHUNK];
        for (int i = 0; i < 6; i++) {
            size_t len = (SMALL_CHUNK - fill) / 2 + (size_t)i * 13 % 40;
            if (len >= sizeof(want[i]) - 8)
                len = sizeof(want[i]) - 8;
            memset(want[i], 'a' + i, len);
            want[i][len] = '\0';
            got[i] = arena_printf(&a, "%d%s", i, want[i]);
            memmove(want[i] + 1, want[i], len + 1);
            want[i][0] = (char)('0' + i);
        }
        for (int i = 0; i < 6; i++)
            CHECK_STR(got[i], want[i]);
        arena_free(&a);
    }
}

static void zalloc_zeroes(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    /* dirty the chunk, reset, and ask for the same bytes zeroed */
    memset(arena_alloc(&a, 200), 0xAB, 200);
    arena_reset(&a);
    unsigned char *z = arena_zalloc(&a, 200);
    int zero = 1;
    for (int i = 0; i < 200; i++)
        zero &= z[i] == 0;
    CHECK(zero);
    arena_free(&a);
}

static char order[16];
static size_t norder;

static void record(void *data)
{
    if (norder < sizeof(order) - 1)
        order[norder++] = *(const char *)data;
}

static void cleanups_run_in_reverse_once(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    static const char one = '1', two = '2', three = '3';
    norder = 0;
    memset(order, 0, sizeof(order));
    arena_on_reset(&a, record, (void *)&one);
    arena_on_reset(&a, record, (void *)&two);
    arena_alloc(&a, SMALL_CHUNK * 2); /* cleanups survive chunk growth */
    for (int i = 0; i < 20; i++)
        arena_alloc(&a, 50);
    arena_on_reset(&a, record, (void *)&three);
    CHECK(norder == 0); /* nothing runs before the reset */
    arena_reset(&a);
    CHECK_STR(order, "321");
    arena_reset(&a);
    CHECK_STR(order, "321"); /* not again */
    arena_free(&a);
    CHECK_STR(order, "321");
}

static void free_runs_cleanups(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    static const char x = 'x';
    norder = 0;
    memset(order, 0, sizeof(order));
    arena_on_reset(&a, record, (void *)&x);
    arena_free(&a);
    CHECK_STR(order, "x");
}

static void arena_is_reusable_after_reset(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 40; i++)
            arena_printf(&a, "round %d item %d", round, i);
        arena_alloc(&a, SMALL_CHUNK * 5);
        CHECK(a.used_total > SMALL_CHUNK);
        arena_reset(&a);
        CHECK(a.used_total == 0);
    }
    CHECK_STR(arena_strdup(&a, "again"), "again");
    CHECK(a.used_total == ALIGN);
    arena_free(&a);
}

static void reset_keeps_the_first_chunk(void)
{
    arena a;
    arena_init(&a, SMALL_CHUNK);
    uintptr_t first = (uintptr_t)arena_alloc(&a, 16);
    for (int i = 0; i < 20; i++)
        arena_alloc(&a, 100); /* more standard chunks */
    arena_reset(&a);
    CHECK((uintptr_t)arena_alloc(&a, 16) == first);
    arena_free(&a);
}

static void reset_keeps_the_first_chunk_after_a_big_block(void)
{
    /* arena.h: reset "keeps the first chunk for reuse, frees the others";
     * a big block must not become the chunk the worker keeps */
    arena a;
    arena_init(&a, SMALL_CHUNK);
    uintptr_t first = (uintptr_t)arena_alloc(&a, 16);
    uintptr_t big = (uintptr_t)arena_alloc(&a, SMALL_CHUNK * 100);
    arena_reset(&a);
    uintptr_t again = (uintptr_t)arena_alloc(&a, 16);
    CHECK(again == first);
    CHECK(again != big);
    arena_free(&a);
}

int main(void)
{
    pointers_are_max_aligned();
    allocations_do_not_overlap();
    used_total_counts_rounded_sizes();
    a_block_bigger_than_a_chunk();
    strings_are_copied();
    printf_formats_into_the_arena();
    printf_at_the_edge_of_a_chunk();
    zalloc_zeroes();
    cleanups_run_in_reverse_once();
    free_runs_cleanups();
    arena_is_reusable_after_reset();
    reset_keeps_the_first_chunk();
    reset_keeps_the_first_chunk_after_a_big_block();
    return check_done("test_arena");
}
