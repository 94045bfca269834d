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

RUNTIME := arena config log text request multipart input router db memo xml xmlin view ctx crypto signing session partner_auth admin_auth \
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

# the fuzz targets (see make fuzz below); make unit replays their corpora
FUZZ_TARGETS := multipart request form input router xmlin signing config money
UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_TESTS:%=build/unit/test_%) $(FUZZ_TARGETS:%=build/unit/test_fuzz_%)

.PHONY: all deps run test unit fuzz fuzz-regress sanitize clean format
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

# Fuzz targets: one per parser of untrusted input, tests/fuzz/fuzz_<name>.c,
# built with clang's libFuzzer, ASan and UBSan; each checks properties of
# what parses and aborts when one does not hold. Their seed corpora are
# tests/fuzz/corpus/<name>/ (an input that once failed stays there);
# what a run finds grows build/fuzz/corpus/<name>/.
#   make fuzz                      every target FUZZ_SECONDS (60) seconds, one after another;
#                                  stops at the first crash, leak, hang or property violation
#   make fuzz FUZZ_TARGETS=money   some of them
#   make fuzz-regress              each committed corpus file once (quick, for CI)
# make unit and make test replay the committed corpora too, with gcc under
# ASan and UBSan (build/unit/test_fuzz_<name>, tests/fuzz/replay.c).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# libFuzzer options of make fuzz, and any a caller adds (FUZZ_OPTS=-runs=1000000)
FUZZ_RUN_OPTS := -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_OPTS ?=
# what each target links besides its own file
FUZZ_LINK_multipart := fcgi/multipart.c fcgi/request.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_request := fcgi/request.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_form := fcgi/request.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_input := fcgi/input.c fcgi/request.c fcgi/text.c fcgi/arena.c handlers/routes.c build/fuzz/route_stubs.c
FUZZ_LINK_router := fcgi/router.c fcgi/input.c fcgi/request.c fcgi/text.c fcgi/arena.c handlers/routes.c build/fuzz/route_stubs.c
FUZZ_LINK_xmlin := fcgi/xmlin.c fcgi/multipart.c fcgi/input.c fcgi/request.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_signing := fcgi/signing.c fcgi/crypto.c fcgi/request.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_config := fcgi/config.c fcgi/text.c fcgi/arena.c
FUZZ_LINK_money := handlers/money.c fcgi/xml.c fcgi/text.c fcgi/arena.c
FUZZ_HEADERS := $(wildcard fcgi/*.h handlers/*.h) tests/fuzz/fuzz.h
# the route table links without its handlers: each is a stub here
build/fuzz/route_stubs.c: handlers/routes.c
	@mkdir -p $(dir $@)
	@{ echo '/* Generated from handlers/routes.c: its handlers as stubs, for the fuzz targets. */'; \
	  grep '^#include "' $<; \
	  grep -o '\bh_[a-z0-9_]*' $< | sort -u | sed 's/.*/int &(ctx *c) { (void)c; return 500; }/'; } > $@

.SECONDEXPANSION:
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(FUZZ_LINK_$$*) $(FUZZ_HEADERS)
	@mkdir -p build/fuzz
	@echo "  CC $@ (libFuzzer, ASan, UBSan)"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) $(PKG_CFLAGS) -iquote handlers -DMP_SOURCE_ROOT='"$(CURDIR)"' \
		-o $@ $(filter %.c,$^) $(PKG_LIBS)

# the replay: its corpus replayed as a unit test (gcc, ASan, UBSan)
build/unit/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $$(FUZZ_LINK_$$*) $(FUZZ_HEADERS)
	@mkdir -p build/unit
	@echo "  CC $@ (replay, ASan, UBSan)"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -iquote handlers -DMP_SOURCE_ROOT='"$(CURDIR)"' \
		-DFUZZ_NAME='"fuzz_$*"' -DFUZZ_CORPUS='"$(CURDIR)/tests/fuzz/corpus/$*"' \
		-o $@ $(filter %.c,$^) $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@total=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  if ! build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_OPTS) $$dict \
	      -artifact_prefix=build/fuzz/crashes/$$t/ $(FUZZ_OPTS) \
	      build/fuzz/corpus/$$t tests/fuzz/corpus/$$t > build/fuzz/$$t.log 2>&1; then \
	    tail -n 60 build/fuzz/$$t.log; \
	    echo "fuzz_$$t FAILED: the input is in build/fuzz/crashes/$$t/ (keep it in tests/fuzz/corpus/$$t/ once fixed)"; \
	    exit 1; \
	  fi; \
	  n=$$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/$$t.log); \
	  echo "fuzz_$$t: $$n inputs, no failures"; total=$$((total + n)); \
	done; echo "fuzz: $$total inputs in $(words $(FUZZ_TARGETS)) targets, no failures"

fuzz-regress: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@for t in $(FUZZ_TARGETS); do \
	  if ! build/fuzz/fuzz_$$t -runs=0 $(FUZZ_RUN_OPTS) tests/fuzz/corpus/$$t > build/fuzz/$$t-regress.log 2>&1; then \
	    tail -n 60 build/fuzz/$$t-regress.log; echo "fuzz_$$t: a corpus input fails"; exit 1; \
	  fi; \
	  echo "fuzz_$$t: $$(ls tests/fuzz/corpus/$$t | wc -l) corpus inputs pass"; \
	done

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

# The whole suite against binaries built with ASan and UBSan. make tracks no
# flags, so the objects, binaries and unit tests are built again for it and
# again after it (the normal binaries are back even when it fails); the fuzz
# builds are kept, and the stories' outputs (build/*.out) of this run. Leak
# checks are off: the pool's processes end by signal with libraries' globals
# still allocated. UBSan carries on after a report, so every report of the
# run is found: in the servers' logs and in the stories' outputs (the
# command-line tools they run).
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined
NO_OBJS := rm -rf bin build/unit && { [ ! -d build ] || find build -path build/fuzz -prune -o -name '*.o' -exec rm -f {} +; }
sanitize:
	@$(NO_OBJS) && rm -f build/*.out
	@rc=0; \
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) CFLAGS="$(SAN_CFLAGS)" test || rc=1; \
	if grep -l "AddressSanitizer\|runtime error:" var/test/log/*.log build/*.out 2>/dev/null; then \
		echo "sanitize: sanitizer reports in the files above"; rc=1; \
	fi; \
	$(NO_OBJS) && $(MAKE) all && exit $$rc

clean:
	rm -rf build bin

# ---- checks (.ci/run runs them all) ----
.PHONY: format format-check cppcheck shellcheck

# The C files .clang-format describes (clang-format 14, Debian 12's).
CLANG_FORMAT ?= clang-format
FORMAT_FILES = $(wildcard fcgi/*.c fcgi/*.h handlers/*.c handlers/*.h tools/*.c tests/unit/*.c tests/unit/*.h \
	tests/fuzz/*.c tests/fuzz/*.h)
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)

# Fails, naming the files, when make format would change any.
format-check:
	@out=$$($(CLANG_FORMAT) --dry-run -Werror $(FORMAT_FILES) 2>&1); rc=$$?; \
	bad=$$(printf '%s\n' "$$out" | sed -n 's/^\([^ :]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u); \
	if [ -n "$$bad" ]; then \
		echo "format-check: make format would change:"; printf '  %s\n' $$bad; exit 1; \
	elif [ $$rc != 0 ]; then \
		printf '%s\n' "$$out"; echo "format-check: $(CLANG_FORMAT) failed"; exit 1; \
	fi; \
	echo "format-check: $(words $(FORMAT_FILES)) files as .clang-format says"

# Static analysis of the C code for the one configuration it is built in,
# with the project's suppressions (tools/cppcheck.supp, and inline ones with
# their reasons). Fails on any finding, and on a suppression that no longer
# matches anything.
CPPCHECK_FLAGS := -q --std=c11 -D_GNU_SOURCE --platform=unix64 --library=gnu --library=openssl -I fcgi -I handlers \
	--enable=warning,style,performance,portability,information --inline-suppr \
	--suppressions-list=tools/cppcheck.supp --error-exitcode=1 --template=gcc
cppcheck:
	cppcheck $(CPPCHECK_FLAGS) fcgi handlers $(wildcard tools/*.c)
	@echo "cppcheck: no findings"

# Every bash script, following what each sources (run from here: "$ROOT/x"
# is read as ./x).
SHELL_SCRIPTS = .ci/run $(wildcard tools/*.sh tools/*/*.sh tests/*.sh tests/*/*.sh)
shellcheck:
	@printf '%s\n' $(SHELL_SCRIPTS) | xargs -n 1 -P 2 shellcheck -x -f gcc
	@echo "shellcheck: $(words $(SHELL_SCRIPTS)) scripts, no findings"
