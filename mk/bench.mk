# make bench's own programs (scripts/bench, docs/performance.md), built into
# build/bench/:
#   floor_responder  the bare libfcgi + Connector/C++ responder the pages are
#                    compared with (never links the project's library)
#   bench_seed       creates the flows the POST lines consume, through the
#                    library's own functions
BENCH_DIR := $(BUILD)/bench
BENCH_PROGRAMS := $(BENCH_DIR)/floor_responder $(BENCH_DIR)/bench_seed

.PHONY: bench-programs
bench-programs: $(BENCH_PROGRAMS)
# Built with everything else, so that a change of the library that breaks
# them fails make check (CI), not the next make bench.
all: bench-programs

$(BENCH_DIR)/floor_responder: bench/floor_responder.cc config.mak
	@mkdir -p $(@D)
	@echo '  CXX     $<'
	@$(CXX) -std=c++17 $(WARNINGS) $(CXXFLAGS) $(DEP_CFLAGS) -o $@ $< -lfcgi -lmysqlcppconn

$(BENCH_DIR)/bench_seed: $(BUILD)/bench/bench_seed.o $(LIBPASSWD)
	$(CXX) -o $@ $< $(LIBPASSWD) $(DEP_LIBS)
