# khai: build, test, bench, install.  `make` builds ./khai; `make test` runs every test under ASan+UBSan.
VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := ncursesw sqlite3 readline libthai pangocairo cairo-pdf fontconfig libzip libxml-2.0 xlsxwriter
DEB_DEPS := build-essential pkg-config libncurses-dev libsqlite3-dev libreadline-dev \
            libthai-dev libthai-data libcmocka-dev gettext tmux sqlite3 python3 python3-pyte \
            libpango1.0-dev libcairo2-dev fonts-thai-tlwg poppler-utils \
            libzip-dev libxml2-dev libxlsxwriter-dev python3-openpyxl

PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
WARN     := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Each object sees the public headers in include/ and the private headers of its own folder
# ($(<D)) and nothing else: that is how a layer's internals stay its own (only src/store/ can
# include store_internal.h and with it SQLite). tools/check_layers.sh proves the rest.
LOCALEDIR ?= $(PREFIX)/share/locale
DEFS     := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DKHAI_VERSION='"$(VERSION)"' \
            -DKHAI_LOCALEDIR='"$(LOCALEDIR)"'
CPPFLAGS = -Iinclude -I$(<D) $(LAYER_INC) $(DEFS)
BASE_CFLAGS := -std=c11 $(WARN) $(PKG_CFLAGS) -MMD -MP
REL_CFLAGS  := $(BASE_CFLAGS) -O2 -g
SAN_FLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_CFLAGS := $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS)

LIB_SRC  := $(filter-out src/cli/main.c,$(wildcard src/*/*.c)) $(wildcard screens/*.c)
GEN_SRC  := build/gen/schema_data.c
TEST_SRC := $(wildcard tests/*.c) $(wildcard tests/unit/test_*.c) $(wildcard tests/e2e/test_*.c)
SCHEMA   := $(sort $(wildcard schema/*.sql))

REL_OBJ  := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) src/cli/main.c) build/rel/gen/schema_data.o
ASAN_LIB := $(patsubst %.c,build/asan/%.o,$(LIB_SRC)) build/asan/gen/schema_data.o
TEST_OBJ := $(patsubst %.c,build/asan/%.o,$(TEST_SRC)) build/asan/gen/test_registry.o

.PHONY: all test unit bench run deps install uninstall clean format check-format check-layers check-po po-update fuzz test-run

# The compiled catalogues, where an uninstalled ./khai finds them (src/base/messages.c).
PO := $(wildcard po/*.po)
MO := $(patsubst po/%.po,build/locale/%/LC_MESSAGES/khai.mo,$(PO))

all: khai $(MO)

build/locale/%/LC_MESSAGES/khai.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# Brings po/th.po up to date with the messages in the source, keeping its order: new ones are
# appended untranslated until someone fills them in (make test says which).
po-update:
	@sh tools/po_update.sh

# The catalogues come with the binary, so that ./khai speaks Thai however it was built.
khai: $(REL_OBJ) | $(MO)
	@echo "  LINK    $@"
	@$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/khai: $(ASAN_LIB) build/asan/src/cli/main.o
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/run_tests: $(ASAN_LIB) $(TEST_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(REL_CFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

# The generated migrations belong to the store.
build/rel/gen/%.o build/asan/gen/%.o: LAYER_INC := -Isrc/store
# Tests of the store read the database directly to check what it wrote; the screen tests
# check the help against the action table.
$(TEST_OBJ) build/asan/gen/test_registry.o: LAYER_INC := -Itests -Isrc/store -Iscreens

# Two rules, not one with two targets: a pattern rule with two targets claims that one run
# makes both.
build/rel/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(REL_CFLAGS) -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

# The migrations are compiled into the binary so that khai needs no files beside itself.
$(GEN_SRC): $(SCHEMA) tools/embed_schema.sh
	@mkdir -p $(dir $@)
	sh tools/embed_schema.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

build/gen/test_registry.c: $(TEST_SRC) tools/test_registry.sh
	@mkdir -p $(dir $@)
	sh tools/test_registry.sh $(filter tests/unit/% tests/e2e/%,$(TEST_SRC)) > $@.tmp && mv $@.tmp $@

# Every test, unit and end-to-end, in one cmocka run under ASan and UBSan.
# The layer and catalogue checks run inside the cmocka run too (tests/unit/test_house.c).
test: deps
	@$(MAKE) --no-print-directory test-run

test-run: build/asan/khai build/asan/run_tests khai $(MO)
	KHAI_BIN=$(CURDIR)/build/asan/khai KHAI_SRC=$(CURDIR) \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	build/asan/run_tests

# Speed and memory targets: demo build, searches, import, and bytes per keystroke on screen.
bench: khai
	BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/run.sh ./khai
	@[ ! -f bench/import.sh ] || BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/import.sh ./khai
	BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/tui.sh ./khai

# Installs the Debian packages khai needs when any is missing (make run and make test both
# start here, so either works first on a fresh machine).
# Where there is no dpkg (not Debian), it says what it needs and leaves the machine alone.
deps:
	@if ! command -v dpkg >/dev/null 2>&1; then \
	  echo "khai needs: $(DEB_DEPS) (Debian names)"; exit 0; fi; \
	missing=$$(for p in $(DEB_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; \
	fi

run: deps
	$(MAKE) khai $(MO)
	./khai $(ARGS)

install: khai $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 khai $(DESTDIR)$(PREFIX)/bin/khai
	install -m 644 khai.1 $(DESTDIR)$(PREFIX)/share/man/man1/khai.1
	for mo in $(MO); do lang=$${mo#build/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/khai.mo; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/khai $(DESTDIR)$(PREFIX)/share/man/man1/khai.1
	rm -f $(patsubst po/%.po,$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/khai.mo,$(PO))

# libFuzzer targets for the readers of outside input (CSV, vCard, dates): a short bounded run
# each, on a scratch copy of the corpus kept in tests/fuzz/corpus/NAME.
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_FLAGS := -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -Iinclude -Ibuild/gen \
              $(addprefix -I,$(sort $(dir $(LIB_SRC)))) $(DEFS) $(PKG_CFLAGS)
FUZZ_SECONDS ?= 20

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(PKG_LIBS)

fuzz: $(FUZZ_BINS)
	@for bin in $(FUZZ_BINS); do \
	  name=$${bin#build/fuzz/fuzz_}; \
	  mkdir -p build/fuzz/corpus/$$name; \
	  echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
	  if ! $$bin -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus/$$name \
	      tests/fuzz/corpus/$$name >build/fuzz/$$name.log 2>&1; then \
	    tail -n 40 build/fuzz/$$name.log; exit 1; \
	  fi; \
	  tail -n 1 build/fuzz/$$name.log; \
	done

C_FILES := $(wildcard src/*/*.c src/*/*.h include/*.h screens/*.c screens/*.h tests/*.c tests/*.h \
             tests/unit/*.c tests/e2e/*.c tests/fuzz/*.c)

format:
	clang-format -i $(C_FILES)

check-format:
	clang-format --dry-run -Werror $(C_FILES)

# Which layer may include what: only src/store/ talks to SQLite or writes SQL, nothing in src/
# includes curses, and no private header is reached from another folder.
check-layers:
	@sh tools/check_layers.sh

# Every message in the source has its Thai translation.
check-po:
	@sh tools/check_po.sh

clean:
	rm -rf build khai

-include $(shell find build -name '*.d' 2>/dev/null)
