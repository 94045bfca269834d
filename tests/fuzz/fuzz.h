/* What the fuzz targets share: the entry point libFuzzer (and the unit
 * tests' replay, tests/fuzz/replay.c) calls, and the check that stops a
 * run when a property does not hold, so libFuzzer keeps the input and
 * the replay counts it failed. */
#ifndef MP_FUZZ_H
#define MP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: property does not hold: %s\n", __FILE__, __LINE__, #cond);                         \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

/* A copy of data[0..n) in a buffer of exactly n bytes (plus the NUL when
 * nul is set), so that AddressSanitizer sees a read past the end. */
static inline char *fuzz_copy(const uint8_t *data, size_t n, int nul)
{
    char *p = malloc(n + (nul ? 1 : 0) + (n == 0 && !nul));
    if (!p)
        abort();
    for (size_t i = 0; i < n; i++)
        p[i] = (char)data[i];
    if (nul)
        p[n] = '\0';
    return p;
}

#endif
