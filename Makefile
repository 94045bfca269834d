# Cloud marketplace: FastCGI pool, tools and tests.
PKG_CONFIG ?= pkg-config
CC ?= cc
PKGS := fcgi libmariadb libxml-2.0 libxslt libpcre2-8 libcrypto libcrypt

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
# what the code needs stays even when CFLAGS is given on the command line
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN)
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# zxcvbn (Debian's libzxcvbn-dev) ships no pkg-config file
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lzxcvbn -lm
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

RUNTIME := arena config log text request multipart input router db xml xmlin view ctx crypto signing session partner_auth admin_auth \
	dispatch worker pool scheduler timefmt password
HANDLERS := $(patsubst handlers/%.c,%,$(wildcard handlers/*.c))
POOL_OBJS := $(RUNTIME:%=build/fcgi/%.o) $(HANDLERS:%=build/handlers/%.o) build/fcgi/main.o
MIGRATE_OBJS := build/tools/migrate.o build/fcgi/config.o build/fcgi/log.o build/fcgi/db.o build/fcgi/arena.o \
	build/fcgi/text.o

# mp-admin shares the console's vendor and key code (and its audit log)
ADMIN_OBJS := build/tools/admin.o build/fcgi/config.o build/fcgi/log.o build/fcgi/db.o build/fcgi/arena.o \
	build/fcgi/text.o build/fcgi/crypto.o build/handlers/vendor_admin.o build/handlers/audit.o
PARTNER_OBJS := build/tools/partner_client.o build/fcgi/signing.o build/fcgi/crypto.o build/fcgi/request.o \
	build/fcgi/text.o build/fcgi/arena.o

UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_TESTS:%=build/unit/test_%)

.PHONY: all deps run test unit fuzz sanitize clean format
all: bin/mp-pool bin/mp-migrate bin/mp-admin bin/mp-partner

deps:
	@tools/deps.sh

build/%.o: %.c $(wildcard fcgi/*.h handlers/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

bin/mp-pool: $(POOL_OBJS)
	@mkdir -p bin
	@echo "  LD $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

bin/mp-migrate: $(MIGRATE_OBJS)
	@mkdir -p bin
	@echo "  LD $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

bin/mp-admin: $(ADMIN_OBJS)
	@mkdir -p bin
	@echo "  LD $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

bin/mp-partner: $(PARTNER_OBJS)
	@mkdir -p bin
	@echo "  LD $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests: each links only the modules it tests, under ASan and UBSan.
build/unit/test_text: tests/unit/test_text.c fcgi/text.c fcgi/arena.c
build/unit/test_request: tests/unit/test_request.c fcgi/request.c fcgi/text.c fcgi/arena.c
build/unit/test_router: tests/unit/test_router.c fcgi/router.c fcgi/request.c fcgi/text.c fcgi/arena.c
build/unit/test_arena: tests/unit/test_arena.c fcgi/arena.c
build/unit/test_xml: tests/unit/test_xml.c fcgi/xml.c fcgi/arena.c
build/unit/test_view: tests/unit/test_view.c fcgi/view.c fcgi/xml.c fcgi/arena.c fcgi/log.c
build/unit/test_input: tests/unit/test_input.c fcgi/input.c fcgi/multipart.c fcgi/request.c fcgi/text.c fcgi/arena.c
build/unit/test_multipart: tests/unit/test_multipart.c fcgi/multipart.c fcgi/request.c fcgi/text.c fcgi/arena.c
build/unit/test_crypto: tests/unit/test_crypto.c fcgi/crypto.c fcgi/text.c fcgi/arena.c
build/unit/test_signing: tests/unit/test_signing.c fcgi/signing.c fcgi/crypto.c fcgi/request.c fcgi/text.c fcgi/arena.c
build/unit/test_timefmt: tests/unit/test_timefmt.c fcgi/timefmt.c fcgi/arena.c
build/unit/test_password: tests/unit/test_password.c fcgi/password.c fcgi/text.c fcgi/arena.c
build/unit/test_config: tests/unit/test_config.c fcgi/config.c fcgi/text.c fcgi/arena.c
build/unit/test_%: tests/unit/check.h
	@mkdir -p build/unit
	@echo "  CC $@ (ASan, UBSan)"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -o $@ $(filter %.c,$^) $(PKG_LIBS)

unit: $(UNIT_BINS)
	@tests/unit/run.sh $(UNIT_BINS)

# Fuzz targets (clang's libFuzzer) for the parsers of untrusted input, with
# their corpus (crashes found are kept there as regression inputs):
# make fuzz FUZZ_RUNS=1000000
FUZZ_CC ?= clang
FUZZ_RUNS ?= 1000000
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
build/fuzz/fuzz_multipart: tests/fuzz/fuzz_multipart.c fcgi/multipart.c fcgi/request.c fcgi/text.c fcgi/arena.c \
		$(wildcard fcgi/*.h)
	@mkdir -p build/fuzz
	@echo "  CC $@ (libFuzzer, ASan, UBSan)"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

fuzz: build/fuzz/fuzz_multipart
	@mkdir -p build/fuzz/corpus/multipart
	build/fuzz/fuzz_multipart -runs=$(FUZZ_RUNS) -max_len=4096 -print_final_stats=1 \
		build/fuzz/corpus/multipart tests/fuzz/corpus/multipart

run: deps all
	@tools/run.sh

# The marketplace scaled out on one machine: three MariaDB Galera nodes, two
# pool hosts, one nginx in front of both (tools/cluster.sh; var/cluster,
# port MP_PORT or 8080), in the foreground like make run. make test-cluster
# kills pool hosts and nodes under load and counts what was lost
# (tests/cluster/; its own state and ports).
.PHONY: cluster test-cluster
cluster: all
	@MP_CLUSTER=1 tools/deps.sh
	@tools/cluster.sh

test-cluster: all
	@MP_CLUSTER=1 MP_SKIP_BROWSER=1 tools/deps.sh
	@tests/cluster/run.sh

# Speed, measured: the pages against nginx serving the same bytes as static
# files and against a PHP peer of the product page, their cost at 100,000
# products and 1,000,000 orders, worker memory (tools/bench.sh; a stack of
# its own in var/bench on MP_BENCH_PORT, default 28080). Not part of make test.
.PHONY: bench
bench:
	@MP_SKIP_BROWSER=1 tools/deps.sh
	@$(MAKE) --no-print-directory all
	@tools/bench.sh

test: deps all $(UNIT_BINS)
	@tests/run.sh

# The whole suite against binaries built with ASan and UBSan (rebuilds
# everything, then rebuilds the normal binaries). Leak checks are off: the
# pool's processes end by signal with libraries' globals still allocated.
sanitize:
	$(MAKE) clean
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined" test
	@! grep -h "AddressSanitizer\|runtime error" var/test/log/*.log
	$(MAKE) clean all

clean:
	rm -rf build bin

format:
	clang-format -i fcgi/*.c fcgi/*.h handlers/*.c handlers/*.h tools/*.c tests/unit/*.c tests/unit/*.h
