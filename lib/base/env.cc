#include "base/env.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "base/crypto.h"
#include "base/log_line.h"

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
  // A UTC time stamp in front: the development stack keeps the lines in
  // plain files (the journal adds its own time beside it).
  std::string time = SqlTime(std::chrono::system_clock::now());
  std::replace(time.begin(), time.end(), ' ', 'T');
  // One write per line, so the processes sharing a file never interleave.
  const std::string out =
      FormatLogLine({{"time", time + "Z"}}) + " " + line + "\n";
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

}  // namespace passwd
