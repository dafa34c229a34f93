# make check-asan: the library, the pages, the workers and the tests built
# with AddressSanitizer and UndefinedBehaviorSanitizer into build/asan/, then
# scripts/check-asan (its sanitizer self-test, the unit and database tests,
# the integration tests against the stack running the sanitized pages and
# workers; last line "check-asan: PASS|FAIL ..."). Included by the Makefile.
#
#   make asan        only the sanitized build (build/asan/; with
#                    ASAN_INTEGRATION=no only its test programs)
#   make check-asan  make run's set-up, make asan, then scripts/check-asan;
#                    ASAN_INTEGRATION=no leaves the integration tests out
#
# No second set of rules: a second make runs this Makefile with
# BUILD=build/asan, so the object lists and the compile and link rules are
# the ones of build/; CXX carries the sanitizer flags to the links, CXXFLAGS
# to the compiles (and to build/asan/.cxxflags, so a change rebuilds).

ASAN_BUILD := build/asan
# -fno-sanitize-recover=all: UBSan's first report ends the process (status
# 1), like ASan's; -O1 keeps the tests reasonably fast, -g names the lines.
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_CXXFLAGS ?= -O1 -g
# GCC 12 warns "may be used uninitialized" inside libstdc++'s <regex> and
# <functional> once the sanitizers instrument them (GCC's manual: sanitizers
# raise the rate of false -Wmaybe-uninitialized warnings); with -Werror they
# would stop the build. Every other warning stays an error.
ASAN_NO_WARN := -Wno-maybe-uninitialized
ASAN_INTEGRATION ?= yes

.PHONY: asan check-asan asan-programs asan-tests

# CXXFLAGS=-O0 on the caller's command line reaches the second make through
# MAKEFLAGS; the explicit assignments below come later and win.
# With ASAN_INTEGRATION=no only the test programs are built (CI: the pages
# and workers would run in no test).
asan: all
	$(MAKE) BUILD=$(ASAN_BUILD) CXX='$(CXX) $(SANITIZE)' \
	    CXXFLAGS='$(ASAN_CXXFLAGS) $(SANITIZE) $(ASAN_NO_WARN)' \
	    $(if $(filter no,$(ASAN_INTEGRATION)),asan-tests,asan-programs)

# Run by the second make only (BUILD=build/asan): the pages, the console's
# pages, the workers, both test binaries, and the self-test program.
asan-programs: $(PAGES) $(ADMIN_PAGES) $(WORKERS:%=$(BUILD)/tools/%) \
	$(UNIT_TESTS) $(DB_TESTS) $(BUILD)/tests/sanitizer_selftest

# Run by the second make only: the test programs alone.
asan-tests: $(UNIT_TESTS) $(DB_TESTS) $(BUILD)/tests/sanitizer_selftest

$(BUILD)/tests/sanitizer_selftest: $(BUILD)/tests/sanitizers/selftest.o
	@mkdir -p $(@D)
	$(CXX) -o $@ $<

check-asan: deps
	$(MAKE) all
	$(MAKE) asan
	PORT=$(PORT) FCGI_PROCS=$(FCGI_PROCS) ASAN_INTEGRATION=$(ASAN_INTEGRATION) \
	    scripts/check-asan
