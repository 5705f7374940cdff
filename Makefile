# creative_defi - PostgreSQL extension (PGXS)
#
#   make demo    install what is missing, build, install, walk through on a throwaway cluster
#   make example the reference marketplace (examples/marketplace) on a throwaway
#                cluster with demo data; prints its URL
#   make test    the same set-up, then every suite; non-zero exit on any failure
#   make bench   benchmarks, each as a ratio to a baseline measured in the same run
#   make fuzz    libFuzzer targets over the core parsers, bounded time
#   make docs    redraw the SVG pictures of docs/pictures/ from the extension's output
#   make unit    core unit tests only (UNIT_SANITIZE=1 for ASan + UBSan)
#   make dist    the PGXN archive creative_defi-<version>.zip from HEAD
#   make freeze-release VERSION=x.y.z
#                freeze the install script built from src/sql/ as release
#                x.y.z's (sql-versions/, see scripts/freeze-release.sh)
#   make deb     the Debian package postgresql-15-creative-defi, built from a
#                clean copy of HEAD, into build/
#
# The standard PGXS targets (all, install, installcheck) work against any
# PostgreSQL 15 found through PG_CONFIG.  WERROR=1 makes every compiler
# warning an error (make test sets it); without it warnings stay warnings,
# so that another compiler's new warning does not stop a build.

EXTENSION = creative_defi
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" creative_defi.control)
MODULE_big = creative_defi

CORE_SRCS = $(sort $(wildcard src/core/*.c))
# glue files are src/pg_*.c, so that no name is shared with src/core/
GLUE_SRCS = $(sort $(wildcard src/pg_*.c))
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# The install script of default_version (unreleased) is built from its
# parts, one file per area; each released version's install script is kept
# frozen in sql-versions/ with the upgrade scripts between versions.
SQL_PARTS = $(sort $(wildcard src/sql/*.sql))
# The upgrade script to default_version is assembled from
# sql-versions/$(EXTENSION)--X--$(EXTVERSION).in.sql and the parts it
# includes (scripts/assemble-upgrade.sh) until default_version is released.
UPGRADE_SOURCES = $(wildcard sql-versions/$(EXTENSION)--*--$(EXTVERSION).in.sql)
UPGRADE_BUILT = $(patsubst sql-versions/%.in.sql,%.sql,$(UPGRADE_SOURCES))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_BUILT)
DATA = $(sort $(filter-out %.in.sql,$(wildcard sql-versions/$(EXTENSION)--*.sql)))

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

CORE_LIBS = -lsecp256k1 -lcrypto -lnettle -lmpfr -lgmp
SHLIB_LINK = $(CORE_LIBS)
PG_CPPFLAGS = -Isrc
WARNINGS = -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror)
PG_CFLAGS = $(WARNINGS)

EXTRA_CLEAN = build results output_iso regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS objects do not depend on headers; a header change must rebuild them
$(OBJS): $(wildcard src/*.h src/core/*.h)

# Objects are rebuilt when WERROR changes, so that make test never keeps an
# object that compiled with warnings while -Werror was off: build/werror
# holds the setting and is rewritten only when it differs.
WERROR_STAMP = build/werror
$(shell mkdir -p build && { echo '$(WERROR)' | cmp -s - $(WERROR_STAMP) || echo '$(WERROR)' > $(WERROR_STAMP); })
$(OBJS): $(WERROR_STAMP)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) creative_defi.control
	cat $(SQL_PARTS) > $@

$(UPGRADE_BUILT): %.sql: sql-versions/%.in.sql $(SQL_PARTS) scripts/assemble-upgrade.sh
	scripts/assemble-upgrade.sh $< > $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------------------
# Core unit tests: each test/unit/test_*.c is its own program linked with the
# core objects (built without PostgreSQL).  UNIT_SANITIZE=1 builds them with
# AddressSanitizer and UndefinedBehaviorSanitizer into a separate folder.
# ---------------------------------------------------------------------------
UNIT_CC ?= gcc
UNIT_CFLAGS = -std=c11 -D_GNU_SOURCE -O1 -g $(WARNINGS) -Isrc/core -Isrc -Itest/unit
ifeq ($(UNIT_SANITIZE),1)
UNIT_DIR = build/unit-sanitize
UNIT_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
UNIT_DIR = build/unit
endif
UNIT_TESTS = $(patsubst test/unit/%.c,$(UNIT_DIR)/%,$(sort $(wildcard test/unit/test_*.c)))
UNIT_CORE_OBJS = $(patsubst src/core/%.c,$(UNIT_DIR)/core/%.o,$(CORE_SRCS))

$(UNIT_DIR)/core/%.o: src/core/%.c $(wildcard src/core/*.h) $(WERROR_STAMP)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_DIR)/%: test/unit/%.c $(wildcard test/unit/*.h) $(UNIT_CORE_OBJS) $(WERROR_STAMP)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) $< $(UNIT_CORE_OBJS) $(CORE_LIBS) -o $@

.PHONY: unit unit-build core-objs demo example test bench fuzz deps docs dist deb
unit-build: $(UNIT_TESTS)
# the core's objects alone (scripts/check-layout.sh reads their symbols)
core-objs: $(UNIT_CORE_OBJS)
unit: unit-build
	@scripts/run-unit.sh $(UNIT_TESTS)

deps:
	scripts/deps.sh

demo:
	scripts/demo.sh

example:
	scripts/example.sh

test:
	scripts/test.sh

.PHONY: freeze-release
freeze-release:
	@scripts/freeze-release.sh $(VERSION)

bench:
	scripts/bench.sh

docs:
	scripts/docs.sh

deb:
	scripts/build-deb.sh

FUZZ_SECONDS ?= 30
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# The PGXN archive: HEAD (uncommitted changes are not in it) as
# $(DIST).zip with every path under $(DIST)/, once META.json passes
# scripts/check-meta.py.  .gitattributes marks with export-ignore what a
# user of the archive does not need.
DIST = $(EXTENSION)-$(EXTVERSION)
DIST_DIR ?= .
dist:
	scripts/check-meta.py
	@git diff --quiet HEAD -- || echo "dist: warning: uncommitted changes are not in the archive"
	git archive --format=zip --prefix=$(DIST)/ --output=$(DIST_DIR)/$(DIST).zip HEAD
	@echo "dist: $(DIST_DIR)/$(DIST).zip"
