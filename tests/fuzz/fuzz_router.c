/* libFuzzer target for the router (router_match over the real route
 * table, handlers/routes.c). The input is a method's initial and a path (as
 * req_from_env lets one through: '/' first, XML-safe UTF-8). The oracle
 * is a small matcher of its own for the patterns the table uses (literal
 * characters, '\' escapes, classes with ranges, {m}, {m,n}, ?, *, +,
 * named groups); a pattern beyond it stops the target at start, so the
 * oracle grows with the table. Properties:
 *  - a path is found exactly when some route's whole pattern matches it
 *    with that method (HEAD as GET), and the route found is the first;
 *  - a path some route matches with other methods only is 405, with the
 *    first such route and exactly those methods (and HEAD with GET) in
 *    Allow; any other path is 404;
 *  - the captures are the groups' text. */
#include <stdbool.h>
#include <string.h>

#include "../../fcgi/router.h"
#include "../../fcgi/text.h"
#include "fuzz.h"

extern const route mp_routes[];
extern const size_t mp_nroutes;

enum { ITEM_CHARS, ITEM_OPEN, ITEM_CLOSE };

typedef struct {
    int kind;
    bool set[128]; /* ITEM_CHARS: the ASCII characters it takes */
    bool other;    /* ITEM_CHARS: whether it takes any other code point */
    int min, max;  /* ITEM_CHARS: how many times */
    int group;     /* ITEM_OPEN, ITEM_CLOSE */
} item;

#define ITEMS_MAX 64
#define GROUPS_MAX 8

typedef struct {
    item items[ITEMS_MAX];
    int n;
    char names[GROUPS_MAX][32];
    int ngroups;
} ref_pattern;

static ref_pattern *refs;
static router *rt;
static arena A;

static void unsupported(const char *pattern, const char *why)
{
    fprintf(stderr, "fuzz_router: pattern %s: %s (teach the oracle)\n", pattern, why);
    abort();
}

static int parse_int(const char **p)
{
    int v = 0;
    while (**p >= '0' && **p <= '9')
        v = v * 10 + *(*p)++ - '0';
    return v;
}

static void compile(const char *pattern, ref_pattern *rp)
{
    memset(rp, 0, sizeof(*rp));
    int open = -1;
    for (const char *p = pattern; *p;) {
        if (rp->n >= ITEMS_MAX - 1)
            unsupported(pattern, "too long");
        item *it = &rp->items[rp->n];
        if (p[0] == '(') {
            if (p[1] != '?' || p[2] != '<' || open >= 0)
                unsupported(pattern, "only named groups, not nested");
            const char *end = strchr(p, '>');
            if (!end || end - p - 3 >= 32 || rp->ngroups == GROUPS_MAX)
                unsupported(pattern, "group name");
            memcpy(rp->names[rp->ngroups], p + 3, (size_t)(end - p - 3));
            open = rp->ngroups++;
            *it = (item){.kind = ITEM_OPEN, .group = open};
            rp->n++;
            p = end + 1;
            continue;
        }
        if (p[0] == ')') {
            if (open < 0)
                unsupported(pattern, "unbalanced ')'");
            *it = (item){.kind = ITEM_CLOSE, .group = open};
            open = -1;
            rp->n++;
            p++;
            if (*p && strchr("?*+{", *p))
                unsupported(pattern, "a quantified group");
            continue;
        }
        *it = (item){.kind = ITEM_CHARS, .min = 1, .max = 1};
        if (p[0] == '[') {
            p++;
            bool negate = *p == '^';
            if (negate)
                p++;
            bool first = true;
            while (*p && (*p != ']' || first)) {
                first = false;
                int lo = (unsigned char)*p, hi = lo;
                if (*p == '\\') {
                    if (!p[1] || strchr("dwsDWS", p[1]))
                        unsupported(pattern, "class escapes");
                    lo = hi = (unsigned char)*++p;
                }
                if (p[1] == '-' && p[2] && p[2] != ']') {
                    hi = (unsigned char)p[2];
                    p += 2;
                }
                if (lo > 127 || hi > 127 || lo > hi)
                    unsupported(pattern, "a class beyond ASCII");
                for (int c = lo; c <= hi; c++)
                    it->set[c] = true;
                p++;
            }
            if (*p != ']')
                unsupported(pattern, "unterminated class");
            p++;
            if (negate) {
                for (int c = 0; c < 128; c++)
                    it->set[c] = !it->set[c];
                it->other = true;
            }
        } else if (p[0] == '\\') {
            if (!p[1] || (unsigned char)p[1] > 127 || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
                (p[1] >= '0' && p[1] <= '9'))
                unsupported(pattern, "escapes other than of punctuation");
            it->set[(unsigned char)p[1]] = true;
            p += 2;
        } else if (p[0] == '.') {
            for (int c = 0; c < 128; c++)
                it->set[c] = c != '\n';
            it->other = true;
            p++;
        } else {
            if ((unsigned char)*p > 127 || strchr("|^$]{}?*+", *p))
                unsupported(pattern, "a character the oracle does not take literally");
            it->set[(unsigned char)*p] = true;
            p++;
        }
        if (*p == '?' || *p == '*' || *p == '+') {
            it->min = *p == '+';
            it->max = *p == '?' ? 1 : 1 << 30;
            p++;
        } else if (*p == '{') {
            p++;
            it->min = it->max = parse_int(&p);
            if (*p == ',') {
                p++;
                it->max = *p == '}' ? 1 << 30 : parse_int(&p);
            }
            if (*p++ != '}' || it->min > it->max)
                unsupported(pattern, "quantifier");
        }
        if (*p == '?' || *p == '+')
            unsupported(pattern, "lazy or possessive quantifiers");
        rp->n++;
    }
    if (open >= 0)
        unsupported(pattern, "unbalanced '('");
}

/* Bytes of the code point at s (valid UTF-8). */
static size_t cp_len(const unsigned char *s)
{
    return *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;
}

typedef struct {
    size_t start[GROUPS_MAX], end[GROUPS_MAX];
} spans;

/* Whether items[i..] match s[pos..n) to its end, greedy first as pcre2. */
static bool match_from(const ref_pattern *rp, int i, const unsigned char *s, size_t pos, size_t n, spans *sp)
{
    if (i == rp->n)
        return pos == n;
    const item *it = &rp->items[i];
    if (it->kind == ITEM_OPEN) {
        size_t old = sp->start[it->group];
        sp->start[it->group] = pos;
        if (match_from(rp, i + 1, s, pos, n, sp))
            return true;
        sp->start[it->group] = old;
        return false;
    }
    if (it->kind == ITEM_CLOSE) {
        size_t old = sp->end[it->group];
        sp->end[it->group] = pos;
        if (match_from(rp, i + 1, s, pos, n, sp))
            return true;
        sp->end[it->group] = old;
        return false;
    }
    /* the positions after 0, 1, … repetitions */
    size_t ends[256];
    int count = 0;
    ends[0] = pos;
    size_t at = pos;
    while (count < it->max && count < 255 && at < n) {
        size_t len = cp_len(s + at);
        bool takes = s[at] < 0x80 ? it->set[s[at]] : it->other;
        if (!takes)
            break;
        at += len;
        ends[++count] = at;
    }
    if (count == 255 && count < it->max)
        unsupported("(a path)", "more than 255 repetitions");
    for (int k = count; k >= it->min; k--)
        if (match_from(rp, i + 1, s, ends[k], n, sp))
            return true;
    return false;
}

static void allow_add(char *allow, size_t len, const char *m)
{
    if (strstr(allow, m))
        return;
    size_t used = strlen(allow);
    snprintf(allow + used, len - used, "%s%s", used ? ", " : "", m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rt) {
        char err[256];
        rt = router_new(mp_routes, mp_nroutes, err, sizeof(err));
        if (!rt) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
        refs = calloc(mp_nroutes, sizeof(*refs));
        for (size_t i = 0; i < mp_nroutes; i++)
            compile(mp_routes[i].pattern, &refs[i]);
        arena_init(&A, 0);
    }
    if (size < 1)
        return 0;
    /* the method by its initial (G, P, H, D, O), others by number */
    static const char *const methods[] = {"GET", "POST", "HEAD", "DELETE", "OPTIONS", "PUT", "get"};
    static const char initials[] = "GPHDO";
    const char *at = memchr(initials, data[0], 5);
    const char *method = methods[at ? (size_t)(at - initials) : data[0] % (sizeof(methods) / sizeof(methods[0]))];
    char *path = fuzz_copy(data + 1, size - 1, 1);
    size_t n = size - 1;
    if (n == 0 || path[0] != '/' || text_check(path, n) != TEXT_OK) { /* req_from_env refuses it */
        free(path);
        return 0;
    }
    request r;
    memset(&r, 0, sizeof(r));
    r.method = method;
    r.path = path;
    const route *found = NULL;
    char allow[128];
    route_result res = router_match(rt, &A, &r, &found, allow, sizeof(allow));

    const char *want_method = strcmp(method, "HEAD") == 0 ? "GET" : method;
    const route *want = NULL, *first_path = NULL;
    size_t want_i = 0;
    char want_allow[128] = "";
    spans sp;
    for (size_t i = 0; i < mp_nroutes && !want; i++) {
        spans s;
        memset(&s, 0, sizeof(s));
        if (!match_from(&refs[i], 0, (const unsigned char *)path, 0, n, &s))
            continue;
        if (strcmp(mp_routes[i].method, want_method) == 0) {
            want = &mp_routes[i];
            want_i = i;
            sp = s;
            break;
        }
        if (!first_path)
            first_path = &mp_routes[i];
        allow_add(want_allow, sizeof(want_allow), mp_routes[i].method);
        if (strcmp(mp_routes[i].method, "GET") == 0)
            allow_add(want_allow, sizeof(want_allow), "HEAD");
    }
    if (want) {
        FUZZ_CHECK(res == ROUTE_FOUND && found == want);
        const ref_pattern *rp = &refs[want_i];
        FUZZ_CHECK(r.ncaptures == (size_t)rp->ngroups);
        for (int g = 0; g < rp->ngroups; g++) {
            const char *v = req_capture(&r, rp->names[g]);
            size_t len = sp.end[g] - sp.start[g];
            FUZZ_CHECK(v && strlen(v) == len && memcmp(v, path + sp.start[g], len) == 0);
        }
    } else if (first_path) {
        FUZZ_CHECK(res == ROUTE_BAD_METHOD && found == first_path && strcmp(allow, want_allow) == 0);
    } else {
        FUZZ_CHECK(res == ROUTE_NOT_FOUND);
    }
    free(path);
    arena_reset(&A);
    return 0;
}
