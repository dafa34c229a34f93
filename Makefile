# Top-level Makefile for the password renewal service.
#
#   make run    install packages, build, start everything on 127.0.0.1:8080
#   make check  make run's set-up, then every test; ends "N passed, N failed"
#   make stop   stop what make run started
#   make cluster, make cluster-stop  the local cluster under var/cluster/:
#               three Galera nodes, two app hosts, one nginx (docs/scaling.md)
#   make drills the fault drills on the cluster and on make run's stack
#               (scripts/drills); ends "drills: N passed, M failed"
#   make fuzz   every libFuzzer target for FUZZ_SECONDS (60) each, built by
#               clang into build/fuzz/ (mk/fuzz.mk, docs/fuzzing.md)
#   make install, make uninstall  the production layout (README "Install"),
#               DESTDIR honoured; never starts anything
#
# Hand-written (git's model): it includes the config.mak that ./configure
# writes, and runs configure itself when config.mak is missing.

ROOT := $(CURDIR)
BUILD := build
VAR := var
PORT ?= 8080
# FastCGI processes per page (multiwatch restarts one that dies).
FCGI_PROCS ?= 2

# Goals that need no config.mak: run, check, cluster and drills build
# through a sub-make after scripts/install-deps, so a fresh machine installs
# autoconf before anything runs it.
NO_CONFIG_GOALS := stop cluster-stop clean distclean deps run check cluster drills
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include config.mak
endif

CXXFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror
# -ffile-prefix-map: the debug info names the checkout "." (its compilation
# directory included), so no installed binary names the build tree.
ALL_CXXFLAGS = -std=c++17 $(WARNINGS) $(CXXFLAGS) -Ilib $(DEP_CFLAGS) -DBOOST_TEST_DYN_LINK \
	-DPASSWD_TEMPLATES_DIR='"$(TEMPLATES_DIR)"' -DPASSWD_CONFIG_FILE='"$(CONFIG_FILE)"' \
	-DPASSWD_SOURCE_DIR='"$(ROOT)"' -DPASSWD_DICTIONARY='"$(DICTIONARY_FILE)"' -MMD -MP \
	-DPASSWD_SQL_DIR='"$(pkgdatadir)/sql"' \
	-ffile-prefix-map=$(ROOT)=.

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

DICTIONARY := $(BUILD)/dict/words.dict
WORD_LIST := /usr/share/dict/american-english
ERROR_PAGES_STAMP := $(BUILD)/errors/.stamp
CATALOGUES := $(patsubst i18n/%.txt,$(BUILD)/i18n/%.res,$(wildcard i18n/*.txt))
NGINX_CONFS := $(patsubst nginx/%.in,$(BUILD)/nginx/%,$(wildcard nginx/*.in)) \
	$(BUILD)/nginx/console-allow.conf $(BUILD)/nginx/health-allow.conf \
	$(BUILD)/nginx-cluster/passwd.conf $(BUILD)/nginx-cluster/passwd-http.conf
WORKERS := mail_sender sync_worker housekeeper

# The installed layout (configure's folders; see config.mak.in).
PACKAGE := umin-passwd
pkglibdir = $(libdir)/$(PACKAGE)
pkgdatadir = $(datadir)/$(PACKAGE)
pkgsysconfdir = $(sysconfdir)/$(PACKAGE)
pkgstatedir = $(localstatedir)/lib/$(PACKAGE)
pkgrundir = $(runstatedir)/$(PACKAGE)
INSTALL ?= install
# The files make install writes, with the installed paths filled in.
INST := $(BUILD)/install
INST_NGINX := $(patsubst nginx/%.in,$(INST)/nginx/%,$(filter-out nginx/nginx-dev.conf.in,$(wildcard nginx/*.in)))
INST_SYSTEMD := $(patsubst systemd/%.in,$(INST)/systemd/%,$(wildcard systemd/*.in))
INST_FILES := $(INST_NGINX) $(INST_SYSTEMD) $(INST)/passwd.conf

.PHONY: all run check stop deps clean distclean bench install uninstall cluster cluster-stop drills
all: $(PAGES) $(ADMIN_PAGES) $(TOOLS) $(UNIT_TESTS) $(DB_TESTS) $(DICTIONARY) \
	$(ERROR_PAGES_STAMP) $(NGINX_CONFS) $(INST_FILES)

deps:
	scripts/install-deps

run: deps
	$(MAKE) all
	PORT=$(PORT) FCGI_PROCS=$(FCGI_PROCS) scripts/start

check: run
	PORT=$(PORT) tests/run-tests

# The local cluster (scripts/cluster; CLUSTER_PORT, CLUSTER_SMTP_PORT,
# CLUSTER_DB_PORT, CLUSTER_GALERA_PORT from the environment).
cluster: deps
	$(MAKE) all
	FCGI_PROCS=$(FCGI_PROCS) scripts/cluster start

cluster-stop:
	scripts/cluster stop

# The fault drills (scripts/drills): a-e on the local cluster, f on make
# run's stack; it starts both when they do not run, and leaves them running.
drills: deps
	$(MAKE) all
	PORT=$(PORT) FCGI_PROCS=$(FCGI_PROCS) /usr/bin/python3 scripts/drills

stop:
	scripts/stop

# The pages through nginx beside floors built and started in the same run
# (scripts/bench, mk/bench.mk, docs/performance.md), the console's lists and
# pages over 100,000 requests and 1,000,000 audit rows in a scratch
# database, the password check, and a 300,000-row account import beside
# LOAD DATA (needs make run first).
bench: all bench-programs
	PORT=$(PORT) FCGI_PROCS=$(FCGI_PROCS) scripts/bench
	scripts/bench-console
	$(BUILD)/tools/bench_password_policy $(DICTIONARY)
	scripts/bench-import

# Re-running configure keeps the options it was first run with.
config.mak: configure.ac config.mak.in
	aclocal --install -I /usr/share/aclocal >/dev/null 2>&1 || aclocal
	autoconf
	if [ -x config.status ]; then ./config.status --recheck && ./config.status; \
	else ./configure --quiet; fi

# The compiler flags of the last build: an object is rebuilt when they
# change (CXXFLAGS=-O0, a new -D), so no object keeps stale flags.
CXXFLAGS_STAMP := $(BUILD)/.cxxflags
$(CXXFLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(ALL_CXXFLAGS)' | cmp -s - $@ || echo '$(ALL_CXXFLAGS)' > $@

$(BUILD)/%.o: %.cc config.mak $(CXXFLAGS_STAMP)
	@mkdir -p $(@D)
	@echo '  CXX     $<'
	@$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(MIGRATION_LIST): FORCE
	@mkdir -p $(@D)
	@echo '$(MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS)' > $@
$(BUILD)/lib/store/schema_migrations.o: $(MIGRATION_LIST)
$(BUILD)/lib/store/schema_migrations.o: ALL_CXXFLAGS += -DPASSWD_MIGRATIONS='"$(MIGRATIONS)"'
.PHONY: FORCE
FORCE:

$(LIBPASSWD): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# --as-needed: a program loads only the shared libraries it calls (a page
# that sends no mail maps no GMime, GLib or GnuTLS), which keeps each page
# process's memory and start-up small.
AS_NEEDED := -Wl,--as-needed
$(PAGES): $(BUILD)/cgi/%: $(BUILD)/cgi/%.o $(LIBPASSWD)
	$(CXX) $(AS_NEEDED) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)
$(ADMIN_PAGES): $(BUILD)/cgi-admin/%: $(BUILD)/cgi/admin/%.o $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) $(AS_NEEDED) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)
$(TOOLS): $(BUILD)/tools/%: $(BUILD)/tools/%.o $(LIBPASSWD)
	$(CXX) $(AS_NEEDED) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)

$(UNIT_TESTS): $(UNIT_TEST_SRCS:%.cc=$(BUILD)/%.o) $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(filter %.o,$^) $(LIBPASSWD) $(DEP_LIBS) -lboost_unit_test_framework
$(BUILD)/tests/db_tests: $(DB_TEST_SRCS:%.cc=$(BUILD)/%.o) $(BUILD)/tests/unit/main.o $(LIBPASSWD)
	@mkdir -p $(@D)
	$(CXX) -o $@ $(filter %.o,$^) $(LIBPASSWD) $(DEP_LIBS) -lboost_unit_test_framework

$(DICTIONARY): $(BUILD)/tools/build_dictionary $(WORD_LIST)
	@mkdir -p $(@D)
	$< $(WORD_LIST) $@

# Rendered from this checkout's templates, whatever folder is compiled in.
$(ERROR_PAGES_STAMP): $(BUILD)/tools/render_error_pages $(wildcard templates/*.tpl) $(CATALOGUES)
	@mkdir -p $(@D)
	printf 'templates_dir = %s\ncatalogue_dir = %s\n' '$(ROOT)/templates' '$(ROOT)/$(BUILD)/i18n' > $(BUILD)/render_error_pages.conf
	$< $(@D) $(BUILD)/render_error_pages.conf && touch $@

# nginx files, twice from the same nginx/*.in: build/nginx/ for the
# development stack (this checkout's static/, build/errors/, var/), and
# build/install/nginx/ for make install (the installed folders).
# POST_RATE, POST_BURST: a client address's POSTs per second, and how many
# above it at once, before nginx answers 429; the development stack's are high
# enough for the tests' bursts (fifty parallel guesses of a code).
NGINX_SUBST = -e 's|@STATIC_DIR@|$(1)|g' -e 's|@ERRORS_DIR@|$(2)|g' \
	-e 's|@NGINX_DIR@|$(3)|g' -e 's|@SOCKET_DIR@|$(4)|g' -e 's|@ACCESS_LOG@|$(5)|g' \
	-e 's|@ALLOW_DIR@|$(6)|g' -e 's|@POST_RATE@|$(7)|g' -e 's|@POST_BURST@|$(8)|g'
# The development stack listens on [::1]:PORT too when the machine has IPv6
# loopback (/proc/net/if_inet6 lists ::1), and on 127.0.0.1 only otherwise.
DEV_LISTEN_V6 = $(if $(shell grep -qs '^0\{31\}1 ' /proc/net/if_inet6 && echo y),listen [::1]:$(PORT);)
$(BUILD)/nginx/%: nginx/%.in Makefile
	@mkdir -p $(@D)
	sed -e 's|@ROOT@|$(ROOT)|g' -e 's|@BUILD@|$(ROOT)/$(BUILD)|g' \
	    -e 's|@VAR@|$(ROOT)/$(VAR)|g' -e 's|@PORT@|$(PORT)|g' \
	    -e 's|@LISTEN_V6@|$(DEV_LISTEN_V6)|g' \
	    $(call NGINX_SUBST,$(ROOT)/static,$(ROOT)/$(BUILD)/errors,$(ROOT)/$(BUILD)/nginx,$(ROOT)/$(VAR)/run/fcgi,$(ROOT)/$(VAR)/log/nginx-access.log,$(ROOT)/$(BUILD)/nginx,100r/s,200) \
	    $< > $@
# The local cluster's rendering (scripts/cluster): the same locations, each
# page's fastcgi_pass to the upstream passwd-<page> that scripts/cluster
# writes with both app hosts' sockets (a console page's through the map
# $passwd_admin_upstream it writes too), with their keepalive pools, in place
# of passwd-upstreams.conf and its map; the server's own fastcgi_next_upstream (the other
# host) in place of the pages' "off"; its own access log; a POST rate for the
# drills' twenty clients on one address.
$(BUILD)/nginx-cluster/%: nginx/%.in Makefile
	@mkdir -p $(@D)
	sed -e '/include @NGINX_DIR@\/passwd-upstreams.conf;/d' -e '/fastcgi_next_upstream off;/d' \
	    -e 's|fastcgi_pass unix:@SOCKET_DIR@/\(.*\)\.sock;|fastcgi_pass passwd-\1;|' \
	    $(call NGINX_SUBST,$(ROOT)/static,$(ROOT)/$(BUILD)/errors,$(ROOT)/$(BUILD)/nginx,$(ROOT)/$(VAR)/cluster/app*/run/fcgi (upstreams passwd-<page>),$(ROOT)/$(VAR)/cluster/nginx/access.log,$(ROOT)/$(BUILD)/nginx,1000r/s,2000) \
	    $< > $@
	! grep -n 'unix:' $@
$(BUILD)/nginx/%-allow.conf: etc/%-allow.conf
	@mkdir -p $(@D)
	cp $< $@
$(INST)/nginx/%: nginx/%.in Makefile config.mak
	@mkdir -p $(@D)
	@echo '  GEN     $@'
	@sed $(call NGINX_SUBST,$(pkgdatadir)/static,$(pkgdatadir)/errors,$(pkgdatadir)/nginx,$(pkgrundir),$(localstatedir)/log/nginx/$(PACKAGE)-access.log,$(pkgsysconfdir),2r/s,20) \
	    $< > $@

# systemd units; umin-passwd.target lists every page and console page built.
$(INST)/systemd/umin-passwd.target: $(wildcard cgi/*.cc cgi/admin/*.cc)
$(INST)/systemd/%: systemd/%.in Makefile config.mak
	@mkdir -p $(@D)
	@echo '  GEN     $@'
	@sed -e 's|@PKGLIBDIR@|$(pkglibdir)|g' -e 's|@PKGSYSCONFDIR@|$(pkgsysconfdir)|g' \
	    -e 's|@PKGRUNDIR@|$(pkgrundir)|g' -e 's|@PKGSTATEDIR@|$(pkgstatedir)|g' \
	    -e 's|@PAGE_SOCKETS@|$(patsubst $(BUILD)/cgi/%,umin-passwd-page@%.socket,$(PAGES))|g' \
	    -e 's|@CONSOLE_SOCKETS@|$(patsubst $(BUILD)/cgi-admin/%,umin-passwd-console@%.socket,$(ADMIN_PAGES))|g' \
	    $< > $@

# The configuration make install puts in place once: the example, with the
# installed templates folder and dictionary.
$(INST)/passwd.conf: etc/passwd.conf.example Makefile config.mak
	@mkdir -p $(@D)
	@echo '  GEN     $@'
	@sed -e 's|^templates_dir *=.*|templates_dir = $(TEMPLATES_DIR)|' \
	    -e 's|^catalogue_dir *=.*|catalogue_dir = $(TEMPLATES_DIR)/i18n|' \
	    -e 's|^sql_dir *=.*|sql_dir = $(pkgdatadir)/sql|' \
	    -e 's|^dictionary_path *=.*|dictionary_path = $(DICTIONARY_FILE)|' $< > $@

# --- make install ------------------------------------------------------------
# The Debian layout with ./configure --prefix=/usr --sysconfdir=/etc
# --localstatedir=/var (docs/operations.md). The configuration and the
# allow-lists are installed once and never overwritten.
INSTALLED_PAGES = $(PAGES:$(BUILD)/cgi/%=$(DESTDIR)$(pkglibdir)/cgi/%) \
	$(ADMIN_PAGES:$(BUILD)/cgi-admin/%=$(DESTDIR)$(pkglibdir)/cgi-admin/%)

install: all
	$(INSTALL) -d $(DESTDIR)$(pkglibdir)/cgi $(DESTDIR)$(pkglibdir)/cgi-admin \
	    $(DESTDIR)$(pkgdatadir)/static $(DESTDIR)$(pkgdatadir)/errors \
	    $(DESTDIR)$(pkgdatadir)/nginx $(DESTDIR)$(pkgdatadir)/sql \
	    $(DESTDIR)$(TEMPLATES_DIR) $(DESTDIR)$(dir $(DICTIONARY_FILE)) \
	    $(DESTDIR)$(SYSTEMD_UNIT_DIR) $(DESTDIR)$(SYSUSERS_DIR) $(DESTDIR)$(sbindir)
	$(INSTALL) -d -m 0750 $(DESTDIR)$(pkgsysconfdir)
	$(INSTALL) -m 0755 $(PAGES) $(DESTDIR)$(pkglibdir)/cgi/
	$(INSTALL) -m 0755 $(ADMIN_PAGES) $(DESTDIR)$(pkglibdir)/cgi-admin/
	$(INSTALL) -m 0755 $(WORKERS:%=$(BUILD)/tools/%) $(DESTDIR)$(pkglibdir)/
	if [ -f $(BUILD)/tools/passwdctl ]; then \
	    $(INSTALL) -m 0755 $(BUILD)/tools/passwdctl $(DESTDIR)$(sbindir)/$(PACKAGE)ctl; fi
	$(INSTALL) -m 0644 templates/*.tpl $(DESTDIR)$(TEMPLATES_DIR)/
	$(INSTALL) -m 0644 $(DICTIONARY) $(DESTDIR)$(DICTIONARY_FILE)
	$(INSTALL) -m 0644 static/* $(DESTDIR)$(pkgdatadir)/static/
	$(INSTALL) -m 0644 $(BUILD)/errors/*.html $(DESTDIR)$(pkgdatadir)/errors/
	$(INSTALL) -m 0644 sql/*.sql $(DESTDIR)$(pkgdatadir)/sql/
	$(INSTALL) -m 0644 $(INST_NGINX) $(DESTDIR)$(pkgdatadir)/nginx/
	$(INSTALL) -m 0644 $(filter-out %.sysusers,$(INST_SYSTEMD)) $(DESTDIR)$(SYSTEMD_UNIT_DIR)/
	$(INSTALL) -m 0644 $(INST)/systemd/$(PACKAGE).sysusers $(DESTDIR)$(SYSUSERS_DIR)/$(PACKAGE).conf
	@# Once: the site's configuration and allow-lists are never overwritten.
	for f in $(INST)/passwd.conf:passwd.conf:0640 etc/console-allow.conf:console-allow.conf:0644 \
	    etc/health-allow.conf:health-allow.conf:0644; do \
	  src=$${f%%:*} rest=$${f#*:}; dst=$(DESTDIR)$(pkgsysconfdir)/$${rest%%:*}; \
	  if [ -e "$$dst" ]; then echo "  keeping $$dst"; \
	  else $(INSTALL) -m $${rest#*:} "$$src" "$$dst"; fi; \
	done
	@# On the host itself: the system user, and the configuration readable by it.
	if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v systemd-sysusers >/dev/null; then \
	  systemd-sysusers $(SYSUSERS_DIR)/$(PACKAGE).conf && \
	  chgrp $(PACKAGE) $(pkgsysconfdir) $(pkgsysconfdir)/passwd.conf; fi

# Removes what make install put in place except the configuration and the
# allow-lists (the site's), and the state under $(pkgstatedir).
uninstall:
	rm -f $(INSTALLED_PAGES) $(WORKERS:%=$(DESTDIR)$(pkglibdir)/%) \
	    $(DESTDIR)$(sbindir)/$(PACKAGE)ctl $(DESTDIR)$(DICTIONARY_FILE) \
	    $(patsubst $(INST)/systemd/%,$(DESTDIR)$(SYSTEMD_UNIT_DIR)/%,$(filter-out %.sysusers,$(INST_SYSTEMD))) \
	    $(DESTDIR)$(SYSUSERS_DIR)/$(PACKAGE).conf
	rm -rf $(DESTDIR)$(TEMPLATES_DIR) $(DESTDIR)$(pkgdatadir)/static \
	    $(DESTDIR)$(pkgdatadir)/errors $(DESTDIR)$(pkgdatadir)/nginx $(DESTDIR)$(pkgdatadir)/sql
	-rmdir $(DESTDIR)$(pkglibdir)/cgi $(DESTDIR)$(pkglibdir)/cgi-admin \
	    $(DESTDIR)$(pkglibdir) $(DESTDIR)$(pkgdatadir) 2>/dev/null

# make fuzz, fuzz-regress: the libFuzzer targets (mk/fuzz.mk, docs/fuzzing.md).
include mk/fuzz.mk
# make bench's floor responder and flow seeder (mk/bench.mk).
include mk/bench.mk

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf config.mak config.status config.log configure aclocal.m4 autom4te.cache build-aux

include mk/i18n.mk  # the catalogues: genrb, make install (docs/i18n.md)
include mk/asan.mk  # make asan, make check-asan: the sanitized build and its tests
include mk/a11y.mk  # make axe: axe-core for the browser tests

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
