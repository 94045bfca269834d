/* mp-migrate: applies sql/NNN_name.sql files in order, once each, and
 * loads seed files once each, recording both in the database. */
#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fcgi/arena.h"
#include "../fcgi/config.h"
#include "../fcgi/db.h"
#include "../fcgi/log.h"

enum { ONE_VALUE, ONE__MAX };
static db_stmt q_lock = DB_STMT("lock", 0, ONE__MAX, "SELECT GET_LOCK('mp-migrate', 120)");
static db_stmt q_applied = DB_STMT("applied", 1, ONE__MAX, "SELECT checksum FROM schema_migrations WHERE version = ?");
static db_stmt q_record = DB_STMT("record", 3, 0,
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_seeded = DB_STMT("seeded", 1, ONE__MAX, "SELECT 1 FROM schema_seeds WHERE name = ?");
static db_stmt q_seed_record = DB_STMT("seed_record", 2, 0,
    "INSERT INTO schema_seeds (name, checksum, applied_at) VALUES (?, ?, UTC_TIMESTAMP(6))");

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static void sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", md[i]);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs a file's statements (DDL commits on its own; migrations are not
 * transactions). */
static int run_sql(db *d, const char *path, const char *sql)
{
    if (db_query_plain(d, sql) != DB_OK) {
        fprintf(stderr, "mp-migrate: %s failed: %s\n", path, d->conn ? mysql_error(d->conn) : "connection lost");
        return -1;
    }
    return 0;
}

typedef struct seed_load {
    db *d;
    arena *a;
    const char *path, *base, *sql, *sum;
} seed_load;

/* A seed's rows and the record that it was loaded, in one transaction. */
static db_status seed_txn(void *data, bool *commit)
{
    seed_load *s = data;
    (void)commit;
    if (run_sql(s->d, s->path, s->sql) != 0)
        return DB_ERROR;
    return db_exec(s->d, &q_seed_record, s->a, (db_param[]){DB_STR(s->base), DB_STR(s->sum)}, 2, NULL);
}

static int migrate(db *d, arena *a, const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "mp-migrate: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char *names[1000];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < 1000) {
        size_t len = strlen(e->d_name);
        if (len > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && strcmp(e->d_name + len - 4, ".sql") == 0)
            names[n++] = arena_strdup(a, e->d_name);
    }
    closedir(dh);
    /* cppcheck-suppress uninitvar ; a false positive: qsort reads only names[0..n) */
    qsort(names, n, sizeof(names[0]), cmp_str);

    int applied = 0;
    for (size_t i = 0; i < n; i++) {
        long long version = strtoll(names[i], NULL, 10);
        char *path = arena_printf(a, "%s/%s", dir, names[i]);
        size_t len;
        char *sql = read_file(path, &len);
        if (!sql) {
            fprintf(stderr, "mp-migrate: cannot read %s\n", path);
            return -1;
        }
        char sum[65];
        sha256_hex(sql, len, sum);
        db_result r;
        if (db_exec(d, &q_applied, a, (db_param[]){DB_INT(version)}, 1, &r) != DB_OK) {
            free(sql);
            return -1;
        }
        if (r.nrows) {
            if (strcmp(db_str(&r, 0, ONE_VALUE), sum) != 0)
                fprintf(stderr, "mp-migrate: warning: %s changed after it was applied; not applied again\n", names[i]);
            free(sql);
            continue;
        }
        printf("mp-migrate: applying %s\n", names[i]);
        int rc = run_sql(d, path, sql);
        free(sql);
        if (rc != 0)
            return -1;
        if (db_exec(d, &q_record, a, (db_param[]){DB_INT(version), DB_STR(names[i]), DB_STR(sum)}, 3, NULL) != DB_OK)
            return -1;
        applied++;
    }
    printf("mp-migrate: %d migration(s) applied, %zu known\n", applied, n);
    return 0;
}

static int seed(db *d, arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    db_result r;
    if (db_exec(d, &q_seeded, a, (db_param[]){DB_STR(base)}, 1, &r) != DB_OK)
        return -1;
    if (r.nrows) {
        printf("mp-migrate: seed %s already loaded\n", base);
        return 0;
    }
    size_t len;
    char *sql = read_file(path, &len);
    if (!sql) {
        fprintf(stderr, "mp-migrate: cannot read %s\n", path);
        return -1;
    }
    char sum[65];
    sha256_hex(sql, len, sum);
    printf("mp-migrate: loading seed %s\n", base);
    seed_load s = {d, a, path, base, sql, sum};
    db_status st = db_txn(d, seed_txn, &s);
    free(sql);
    return st == DB_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *config_path = getenv("MP_CONFIG"), *dir = NULL;
    const char *seeds[16];
    size_t nseeds = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
            config_path = argv[++i];
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc && nseeds < 16)
            seeds[nseeds++] = argv[++i];
        else {
            fprintf(stderr, "usage: mp-migrate [-c config] [--dir sql-dir] [--seed file.sql]...\n");
            return 2;
        }
    }
    log_set_name("mp-migrate");
    config cfg;
    char err[512];
    if (config_load(&cfg, config_path, err, sizeof(err)) != 0) {
        fprintf(stderr, "mp-migrate: %s\n", err);
        return 2;
    }
    arena a;
    arena_init(&a, 0);
    db d;
    db_init(&d, &cfg);
    d.client_flags = CLIENT_MULTI_STATEMENTS;
    if (db_ensure(&d) != DB_OK) {
        fprintf(stderr, "mp-migrate: cannot connect to the database\n");
        return 1;
    }
    db_result r;
    int rc = 1;
    if (db_exec(&d, &q_lock, &a, NULL, 0, &r) != DB_OK || r.nrows != 1 || db_int(&r, 0, ONE_VALUE) != 1) {
        fprintf(stderr, "mp-migrate: another migration holds the lock\n");
        goto out;
    }
    if (db_query_plain(&d, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                           " checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL"
                           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
                           "CREATE TABLE IF NOT EXISTS schema_seeds ("
                           " name VARCHAR(200) NOT NULL PRIMARY KEY, checksum CHAR(64) NOT NULL,"
                           " applied_at DATETIME(6) NOT NULL"
                           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4") != DB_OK)
        goto out;
    const char *sqldir = dir ? dir : arena_printf(&a, "%s/sql", cfg.root);
    if (migrate(&d, &a, sqldir) != 0)
        goto out;
    for (size_t i = 0; i < nseeds; i++)
        if (seed(&d, &a, seeds[i]) != 0)
            goto out;
    rc = 0;
out:
    db_close(&d);
    arena_free(&a);
    return rc;
}
