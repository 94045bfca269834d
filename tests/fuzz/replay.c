/* A fuzz target as a unit test: every file of the corpus directories given
 * as arguments (by default the target's own, FUZZ_CORPUS) goes once
 * through LLVMFuzzerTestOneInput, each in a child process, so an input
 * that crashes, leaks or breaks a property counts as failed and the others
 * still run. Built with gcc under ASan and UBSan (make unit, make test);
 * prints "fuzz_<target>: N passed, N failed", N counting files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* the Makefile names the target and its corpus */
#ifndef FUZZ_NAME
#define FUZZ_NAME "fuzz"
#endif
#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "."
#endif

static int passed, failed;

/* Runs one file in a child; 0 when it went through. */
static int replay(const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return -1;
    }
    if (pid == 0) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "%s: %s\n", path, strerror(errno));
            _exit(2);
        }
        size_t cap = 4096, n = 0;
        uint8_t *buf = malloc(cap);
        size_t got;
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                uint8_t *grown = realloc(buf, cap *= 2);
                if (!grown)
                    free(buf);
                buf = grown;
            }
        }
        fclose(f);
        if (!buf)
            _exit(2);
        /* exactly n bytes, as libFuzzer passes them */
        uint8_t *data = malloc(n ? n : 1);
        if (!data)
            _exit(2);
        memcpy(data, buf, n);
        free(buf);
        LLVMFuzzerTestOneInput(data, n);
        free(data);
        exit(0); /* LeakSanitizer runs at exit */
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFSIGNALED(status))
        fprintf(stderr, "FAIL %s: signal %d\n", path, WTERMSIG(status));
    else
        fprintf(stderr, "FAIL %s: exit status %d\n", path, WEXITSTATUS(status));
    return -1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "FAIL %s: %s\n", dir, strerror(errno));
        failed++;
        return;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay(path) == 0)
                passed++;
            else
                failed++;
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        replay_dir(FUZZ_CORPUS);
    for (int i = 1; i < argc; i++)
        replay_dir(argv[i]);
    if (passed + failed == 0) {
        fprintf(stderr, "FAIL: no corpus files\n");
        failed = 1;
    }
    printf("%s: %d passed, %d failed\n", FUZZ_NAME, passed, failed);
    return failed ? 1 : 0;
}
