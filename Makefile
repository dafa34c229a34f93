# Top-level Makefile for the password renewal service.
#
#   make run    install packages, build, start everything on 127.0.0.1:8080
#   make check  make run's set-up, then every test; ends "N passed, N failed"
#   make stop   stop what make run started
#
# Hand-written (git's model): it includes the config.mak that ./configure
# writes, and runs configure itself when config.mak is missing.

ROOT := $(CURDIR)
BUILD := build
VAR := var
PORT ?= 8080
# FastCGI processes per page (multiwatch restarts one that dies).
FCGI_PROCS ?= 2

NO_CONFIG_GOALS := stop clean distclean deps
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include config.mak
endif

CXXFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror
ALL_CXXFLAGS = -std=c++17 $(WARNINGS) $(CXXFLAGS) -Ilib $(DEP_CFLAGS) -DBOOST_TEST_DYN_LINK \
	-DPASSWD_TEMPLATES_DIR='"$(TEMPLATES_DIR)"' -DPASSWD_CONFIG_FILE='"$(CONFIG_FILE)"' \
	-DPASSWD_SOURCE_DIR='"$(ROOT)"' -DPASSWD_DICTIONARY='"$(DICTIONARY_FILE)"' -MMD -MP

LIB_SRCS := $(wildcard lib/*/*.cc)
LIB_OBJS := $(LIB_SRCS:%.cc=$(BUILD)/%.o)
LIBPASSWD := $(BUILD)/libpasswd.a

# One executable per page: cgi/<page>.cc -> build/cgi/<page>; the console's
# pages live in cgi/admin/ -> build/cgi-admin/<page>.
PAGES := $(patsubst cgi/%.cc,$(BUILD)/cgi/%,$(wildcard cgi/*.cc))
ADMIN_PAGES := $(patsubst cgi/admin/%.cc,$(BUILD)/cgi-admin/%,$(wildcard cgi/admin/*.cc))
TOOLS := $(patsubst tools/%.cc,$(BUILD)/tools/%,$(wildcard tools/*.cc))

UNIT_TEST_SRCS := $(wildcard tests/unit/*.cc)
UNIT_TESTS := $(BUILD)/tests/unit_tests
DB_TEST_SRCS := $(wildcard tests/db/*.cc)
DB_TESTS := $(if $(DB_TEST_SRCS),$(BUILD)/tests/db_tests)

# The migrations this build knows (sql/[0-9]*.sql, by name): compiled into
# store/schema_migrations for `passwdctl migrate` and the health page. The
# list file changes only when the names do, so that object is rebuilt then.
MIGRATIONS := $(notdir $(sort $(wildcard sql/[0-9]*.sql)))
MIGRATION_LIST := $(BUILD)/gen/migrations.list
# Where `passwdctl migrate` reads the migration files by default.
SQL_DIR ?= $(ROOT)/sql

DICTIONARY := $(BUILD)/dict/words.dict
WORD_LIST := /usr/share/dict/american-english
ERROR_PAGES_STAMP := $(BUILD)/errors/.stamp
NGINX_CONFS := $(patsubst nginx/%.in,$(BUILD)/nginx/%,$(wildcard nginx/*.in))

.PHONY: all run check stop deps clean distclean bench
all: $(PAGES) $(ADMIN_PAGES) $(TOOLS) $(UNIT_TESTS) $(DB_TESTS) $(DICTIONARY) \
	$(ERROR_PAGES_STAMP) $(NGINX_CONFS)

deps:
	scripts/install-deps

run: deps
	$(MAKE) all
	PORT=$(PORT) FCGI_PROCS=$(FCGI_PROCS) scripts/start

check: run
	PORT=$(PORT) tests/run-tests

stop:
	scripts/stop

# Throughput through nginx beside a static file (needs make run first).
bench: all
	PORT=$(PORT) scripts/bench
	$(BUILD)/tools/bench_password_policy $(DICTIONARY)

config.mak: configure.ac config.mak.in
	aclocal --install -I /usr/share/aclocal >/dev/null 2>&1 || aclocal
	autoconf
	./configure --quiet

$(BUILD)/%.o: %.cc config.mak
	@mkdir -p $(@D)
	@echo '  CXX     $<'
	@$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(MIGRATION_LIST): FORCE
	@mkdir -p $(@D)
	@echo '$(MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS)' > $@
$(BUILD)/lib/store/schema_migrations.o: $(MIGRATION_LIST)
$(BUILD)/lib/store/schema_migrations.o: ALL_CXXFLAGS += -DPASSWD_MIGRATIONS='"$(MIGRATIONS)"'
$(BUILD)/tools/passwdctl.o: ALL_CXXFLAGS += -DPASSWD_SQL_DIR='"$(SQL_DIR)"'
.PHONY: FORCE
FORCE:

$(LIBPASSWD): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(PAGES): $(BUILD)/cgi/%: $(BUILD)/cgi/%.o $(LIBPASSWD)
	$(CXX) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)
$(ADMIN_PAGES): $(BUILD)/cgi-admin/%: $(BUILD)/cgi/admin/%.o $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)
$(TOOLS): $(BUILD)/tools/%: $(BUILD)/tools/%.o $(LIBPASSWD)
	$(CXX) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)

$(UNIT_TESTS): $(UNIT_TEST_SRCS:%.cc=$(BUILD)/%.o) $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(filter %.o,$^) $(LIBPASSWD) $(DEP_LIBS) -lboost_unit_test_framework
$(BUILD)/tests/db_tests: $(DB_TEST_SRCS:%.cc=$(BUILD)/%.o) $(BUILD)/tests/unit/main.o $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(filter %.o,$^) $(LIBPASSWD) $(DEP_LIBS) -lboost_unit_test_framework

$(DICTIONARY): $(BUILD)/tools/build_dictionary $(WORD_LIST)
	@mkdir -p $(@D)
	$< $(WORD_LIST) $@

$(ERROR_PAGES_STAMP): $(BUILD)/tools/render_error_pages $(wildcard templates/*.tpl)
	@mkdir -p $(@D)
	$< $(@D) && touch $@

# nginx files: the production include with this checkout's paths filled in.
$(BUILD)/nginx/%: nginx/%.in Makefile
	@mkdir -p $(@D)
	sed -e 's|@ROOT@|$(ROOT)|g' -e 's|@BUILD@|$(ROOT)/$(BUILD)|g' \
	    -e 's|@VAR@|$(ROOT)/$(VAR)|g' -e 's|@PORT@|$(PORT)|g' $< > $@

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf config.mak config.status config.log configure aclocal.m4 autom4te.cache build-aux

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
