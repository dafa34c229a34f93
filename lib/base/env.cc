#include "base/env.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "base/crypto.h"

namespace passwd {

ProcessEnv::ProcessEnv(Config config)
    : config_(std::move(config)), db_(config_) {}

std::chrono::system_clock::time_point ProcessEnv::Now() {
  auto now = std::chrono::system_clock::now();
  if (config_.test_clock_offset_file.empty()) return now;
  // Read on every call so a test can move the clock of running processes.
  std::ifstream file(config_.test_clock_offset_file);
  long long offset = 0;
  if (file >> offset) now += std::chrono::seconds(offset);
  return now;
}

Status ProcessEnv::RandomBytes(size_t n, std::string* out) {
  return passwd::RandomBytes(n, out);
}

void ProcessEnv::Log(const std::string& line) {
  if (log_sink_) {
    log_sink_(line);
    return;
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

}  // namespace passwd
