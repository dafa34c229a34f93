# libFuzzer targets (issue 12, docs/fuzzing.md), included by the Makefile.
#
#   make fuzz             every target for FUZZ_SECONDS (default 60) each, one
#                         after the other; fails on the first crash
#   make fuzz-regress     every target once over its stored corpus, no
#                         fuzzing (a minute or so with the build)
#   make fuzz-build       only the build
#   FUZZ_TARGETS='cookie form' narrows either run to those targets.
#
# Built by Debian's clang into build/fuzz/ (its own objects, archive and
# binaries), never touching the g++ build in build/. The library is compiled
# with -fsanitize=fuzzer-no-link,address,undefined, each target linked with
# -fsanitize=fuzzer,address,undefined; every UBSan report aborts.
#
# make fuzz reads tests/fuzz/corpus/<target>/ and writes what it finds to a
# scratch copy, build/fuzz/corpus/<target>/, so the stored corpora change only
# when someone copies an input in deliberately (docs/fuzzing.md); crash inputs
# go to build/fuzz/crashes/<target>/.

FUZZ_CLANG ?= clang++-14
FUZZ_SECONDS ?= 60
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CXXFLAGS = -std=c++17 $(WARNINGS) -g -O1 -fno-omit-frame-pointer \
	$(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link -Ilib $(DEP_CFLAGS) \
	-DPASSWD_TEMPLATES_DIR='"$(TEMPLATES_DIR)"' -DPASSWD_CONFIG_FILE='"$(CONFIG_FILE)"' \
	-DPASSWD_SOURCE_DIR='"$(ROOT)"' -DPASSWD_DICTIONARY='"$(DICTIONARY_FILE)"' \
	-DPASSWD_SQL_DIR='"$(pkgdatadir)/sql"' -MMD -MP

FUZZ_SRCS := $(wildcard tests/fuzz/*_fuzz.cc)
ALL_FUZZ_TARGETS := $(patsubst tests/fuzz/%_fuzz.cc,%,$(FUZZ_SRCS))
FUZZ_TARGETS ?= $(ALL_FUZZ_TARGETS)
FUZZ_BINS := $(ALL_FUZZ_TARGETS:%=$(FUZZ_BUILD)/%_fuzz)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.cc=$(FUZZ_BUILD)/%.o)
FUZZ_LIB := $(FUZZ_BUILD)/libpasswd.a
FUZZ_RUN := tests/fuzz/run-fuzz

.PHONY: fuzz fuzz-build fuzz-regress fuzz-deps
fuzz-deps:
	scripts/install-deps fuzz

fuzz-build: fuzz-deps
	$(MAKE) $(FUZZ_BINS)

fuzz: fuzz-build
	$(FUZZ_RUN) fuzz $(FUZZ_SECONDS) $(FUZZ_BUILD) $(FUZZ_TARGETS)

fuzz-regress: fuzz-build
	$(FUZZ_RUN) regress 0 $(FUZZ_BUILD) $(FUZZ_TARGETS)

FUZZ_FLAGS_STAMP := $(FUZZ_BUILD)/.cxxflags
$(FUZZ_FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(FUZZ_CLANG) $(FUZZ_CXXFLAGS)' | cmp -s - $@ || echo '$(FUZZ_CLANG) $(FUZZ_CXXFLAGS)' > $@

$(FUZZ_BUILD)/%.o: %.cc config.mak $(FUZZ_FLAGS_STAMP)
	@mkdir -p $(@D)
	@echo '  CLANG   $<'
	@$(FUZZ_CLANG) $(FUZZ_CXXFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/lib/store/schema_migrations.o: $(MIGRATION_LIST)
$(FUZZ_BUILD)/lib/store/schema_migrations.o: FUZZ_CXXFLAGS += -DPASSWD_MIGRATIONS='"$(MIGRATIONS)"'

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/%_fuzz: $(FUZZ_BUILD)/tests/fuzz/%_fuzz.o $(FUZZ_LIB)
	@echo '  LINK    $@'
	@$(FUZZ_CLANG) $(FUZZ_SANITIZE) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(DEP_LIBS)
.SECONDARY: $(FUZZ_SRCS:%.cc=$(FUZZ_BUILD)/%.o)
