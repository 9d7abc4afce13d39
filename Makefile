# khai: build, test, bench, install.  `make` builds ./khai; `make test` runs every test under ASan+UBSan.
VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := ncursesw sqlite3 readline libthai
# pango, cairo and fontconfig are linked into the printing module alone (lib/khai/pdf.so),
# which khai loads when it prints: linked into khai they cost every command ~5 ms to start.
PRINT_PKGS := pangocairo cairo-pdf fontconfig
# libzip, libxml2 and libxlsxwriter likewise into the workbook module (lib/khai/xlsx.so).
XLSX_PKGS := libzip libxml-2.0 xlsxwriter
DEB_DEPS := build-essential pkg-config libncurses-dev libsqlite3-dev libreadline-dev \
            libthai-dev libthai-data libcmocka-dev gettext tmux sqlite3 python3 python3-pyte \
            libpango1.0-dev libcairo2-dev fonts-thai-tlwg poppler-utils clang libclang-rt-14-dev \
            libzip-dev libxml2-dev libxlsxwriter-dev python3-openpyxl \
            khard abook calcurse khal

PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl -lm
PRINT_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PRINT_PKGS) 2>/dev/null))
PRINT_LIBS   := $(shell pkg-config --libs $(PRINT_PKGS) 2>/dev/null)
XLSX_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(XLSX_PKGS) 2>/dev/null))
XLSX_LIBS   := $(shell pkg-config --libs $(XLSX_PKGS) 2>/dev/null)
WARN     := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Each object sees the public headers in include/ and the private headers of its own folder
# ($(<D)) and nothing else: that is how a layer's internals stay its own (only src/store/ can
# include store_internal.h and with it SQLite). tools/check_layers.sh proves the rest.
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
LIBDIR    ?= $(PREFIX)/lib
MODULEDIR := $(LIBDIR)/khai
DEFS     := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DKHAI_VERSION='"$(VERSION)"' \
            -DKHAI_LOCALEDIR='"$(LOCALEDIR)"' -DKHAI_MODULEDIR='"$(MODULEDIR)"'
# The caller's CPPFLAGS, CFLAGS and LDFLAGS (Debian's hardening flags from dpkg-buildflags)
# come after khai's own, so they add to them and may override the optimisation.
KHAI_CPPFLAGS = -Iinclude -I$(<D) $(LAYER_INC) $(DEFS)
CFLAGS   ?= -O2 -g
BASE_CFLAGS := -std=c11 $(WARN) $(PKG_CFLAGS) -MMD -MP
REL_CFLAGS  = $(BASE_CFLAGS) $(CFLAGS)
SAN_FLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_CFLAGS := $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS)

XLSX_SRC   := src/interchange/xlsx_read.c src/interchange/xlsx_write.c src/interchange/xlsx_module.c
MODULE_SRC := src/print/pdf.c $(XLSX_SRC)
LIB_SRC  := $(filter-out src/cli/main.c $(MODULE_SRC),$(wildcard src/*/*.c)) $(wildcard screens/*.c)
GEN_SRC  := build/gen/schema_data.c
TEST_SRC := $(wildcard tests/*.c) $(wildcard tests/unit/test_*.c) $(wildcard tests/e2e/test_*.c)
SCHEMA   := $(sort $(wildcard schema/*.sql))

REL_OBJ  := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) src/cli/main.c) build/rel/gen/schema_data.o
ASAN_LIB := $(patsubst %.c,build/asan/%.o,$(LIB_SRC)) build/asan/gen/schema_data.o
TEST_OBJ := $(patsubst %.c,build/asan/%.o,$(TEST_SRC)) build/asan/gen/test_registry.o
# The printing and workbook modules, where ./khai and build/asan/khai look for them
# (src/print/pdf_load.c, src/interchange/xlsx_load.c).
REL_MODULE  := build/lib/khai/pdf.so build/lib/khai/xlsx.so
ASAN_MODULE := build/asan/lib/khai/pdf.so build/asan/lib/khai/xlsx.so
REL_XLSX_OBJ  := $(patsubst %.c,build/rel/%.o,$(XLSX_SRC))
ASAN_XLSX_OBJ := $(patsubst %.c,build/asan/%.o,$(XLSX_SRC))
# khai exports its functions to the workbook module, which calls them (xalloc, strbuf, dates).
EXPORT_LDFLAGS := -rdynamic

.PHONY: all test unit bench bench-huge run deps install uninstall clean format check-format check-layers check-po po-update fuzz test-run

# The compiled catalogues, where an uninstalled ./khai finds them (src/base/messages.c).
PO := $(wildcard po/*.po)
MO := $(patsubst po/%.po,build/locale/%/LC_MESSAGES/khai.mo,$(PO))

all: khai $(MO) $(REL_MODULE)

build/locale/%/LC_MESSAGES/khai.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# Brings po/th.po up to date with the messages in the source, keeping its order: new ones are
# appended untranslated until someone fills them in (make test says which).
po-update:
	@sh tools/po_update.sh

# The catalogues come with the binary, so that ./khai speaks Thai however it was built.
khai: $(REL_OBJ) | $(MO) $(REL_MODULE)
	@echo "  LINK    $@"
	@$(CC) $(REL_CFLAGS) $(LDFLAGS) $(EXPORT_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The module is compiled position-independent with pango's flags, and exports one symbol.
build/rel/src/print/pdf.o build/asan/src/print/pdf.o: MODULE_CFLAGS := -fPIC -fvisibility=hidden $(PRINT_CFLAGS)

$(REL_XLSX_OBJ) $(ASAN_XLSX_OBJ): MODULE_CFLAGS := -fPIC -fvisibility=hidden $(XLSX_CFLAGS)

build/lib/khai/pdf.so: build/rel/src/print/pdf.o
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(REL_CFLAGS) $(LDFLAGS) -shared -o $@ $^ $(PRINT_LIBS)

build/asan/lib/khai/pdf.so: build/asan/src/print/pdf.o
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) -shared -o $@ $^ $(PRINT_LIBS)

build/lib/khai/xlsx.so: $(REL_XLSX_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(REL_CFLAGS) $(LDFLAGS) -shared -o $@ $^ $(XLSX_LIBS)

build/asan/lib/khai/xlsx.so: $(ASAN_XLSX_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) -shared -o $@ $^ $(XLSX_LIBS)

build/asan/khai: $(ASAN_LIB) build/asan/src/cli/main.o
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) $(EXPORT_LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/run_tests: $(ASAN_LIB) $(TEST_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(ASAN_CFLAGS) $(EXPORT_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KHAI_CPPFLAGS) $(CPPFLAGS) $(REL_CFLAGS) $(MODULE_CFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(KHAI_CPPFLAGS) $(ASAN_CFLAGS) $(MODULE_CFLAGS) -c -o $@ $<

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
	@$(CC) $(KHAI_CPPFLAGS) $(CPPFLAGS) $(REL_CFLAGS) -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(KHAI_CPPFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

# The migrations are compiled into the binary so that khai needs no files beside itself.
$(GEN_SRC): $(SCHEMA) tools/embed_schema.sh
	@mkdir -p $(dir $@)
	sh tools/embed_schema.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

build/gen/test_registry.c: $(TEST_SRC) tools/test_registry.sh
	@mkdir -p $(dir $@)
	sh tools/test_registry.sh $(filter tests/unit/% tests/e2e/%,$(TEST_SRC)) > $@.tmp && mv $@.tmp $@

# Every test, unit and end-to-end, in one cmocka run under ASan and UBSan.
# The layer and catalogue checks run inside the cmocka run too (tests/unit/test_house.c).
# The fuzzers of outside input run a few seconds each first (a crash fails the run); the
# cmocka run comes last so that make test ends with its summary line.
test: deps
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)
	@$(MAKE) --no-print-directory test-run

test-run: build/asan/khai build/asan/run_tests khai $(MO) $(ASAN_MODULE)
	KHAI_BIN=$(CURDIR)/build/asan/khai KHAI_SRC=$(CURDIR) \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	build/asan/run_tests

# Speed and memory targets: demo build, searches, import, and bytes per keystroke on screen.
bench: khai
	BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/run.sh ./khai
	@[ ! -f bench/import.sh ] || BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/import.sh ./khai
	BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/tui.sh ./khai
	BENCH_DB=$(CURDIR)/build/bench/large.db sh bench/reports.sh ./khai
	sh bench/scale.sh ./khai $(CURDIR)/build/bench/large.db large

# The same at 1,000,000 members (issue 12), opt-in: the database (about 2 GB) is built once
# with `khai demo --size huge` (timed against its 4-minute target) and kept in build/bench.
bench-huge: khai
	sh bench/huge.sh ./khai $(CURDIR)/build/bench/huge.db

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

install: khai $(MO) $(REL_MODULE)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MODULEDIR)
	install -m 755 khai $(DESTDIR)$(BINDIR)/khai
	install -m 644 build/lib/khai/pdf.so build/lib/khai/xlsx.so $(DESTDIR)$(MODULEDIR)/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 tools/khai.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/khai
	install -m 644 khai.1 $(DESTDIR)$(MANDIR)/man1/khai.1
	for mo in $(MO); do lang=$${mo#build/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/khai.mo; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/khai $(DESTDIR)$(MANDIR)/man1/khai.1
	rm -f $(DESTDIR)$(MODULEDIR)/pdf.so $(DESTDIR)$(MODULEDIR)/xlsx.so $(DESTDIR)$(PREFIX)/share/bash-completion/completions/khai
	-rmdir $(DESTDIR)$(MODULEDIR) 2>/dev/null
	rm -f $(patsubst po/%.po,$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/khai.mo,$(PO))

# libFuzzer targets for the readers of outside input (CSV, vCard, dates): a short bounded run
# each, on a scratch copy of the corpus kept in tests/fuzz/corpus/NAME.
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_FLAGS := -g -O1 -std=c11 -fsanitize=address,undefined -Iinclude -Ibuild/gen \
              $(addprefix -I,$(sort $(dir $(LIB_SRC)))) $(DEFS) $(PKG_CFLAGS) $(XLSX_CFLAGS) \
              -DKHAI_XLSX_STATIC
# The fuzzers link the workbook module in (KHAI_XLSX_STATIC): nothing is loaded.
FUZZ_OBJ   := $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC) $(XLSX_SRC) $(GEN_SRC))
.SECONDARY: $(FUZZ_OBJ)
FUZZ_SECONDS ?= 20
TEST_FUZZ_SECONDS ?= 10

# The library is compiled once for every target (instrumented, without libFuzzer's main).
build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@clang $(FUZZ_FLAGS) -MMD -MP -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@clang $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) $(XLSX_LIBS)

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
