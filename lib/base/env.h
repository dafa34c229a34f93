// Env: everything a page reaches outside its own arguments (configuration,
// database, clock, randomness, log), so tests can swap any of them.
#ifndef PASSWD_LIB_BASE_ENV_H_
#define PASSWD_LIB_BASE_ENV_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "base/config.h"
#include "base/database.h"
#include "base/status.h"

namespace passwd {

// What a page or worker reaches outside its arguments; tests swap it.
class Env {
 public:
  virtual ~Env() = default;
  // The loaded configuration.
  virtual const Config& config() const = 0;
  // The process's database connection.
  virtual Database* db() = 0;
  // The current time (plus the test-only offset when configured).
  virtual std::chrono::system_clock::time_point Now() = 0;
  // `n` cryptographically secure random bytes.
  virtual Status RandomBytes(size_t n, std::string* out) = 0;
  // Writes one line to the log (the process's stderr: the journal under
  // systemd, var/log/<name>.log in the development stack); callers pass
  // base/log_line's key=value pairs.
  virtual void Log(const std::string& line) = 0;
};

// The Env of a running process: real clock, OpenSSL randomness, MariaDB.
class ProcessEnv : public Env {
 public:
  explicit ProcessEnv(Config config);
  const Config& config() const override { return config_; }
  Database* db() override { return &db_; }
  std::chrono::system_clock::time_point Now() override;
  Status RandomBytes(size_t n, std::string* out) override;
  void Log(const std::string& line) override;
  // Routes log lines to `sink` instead of stderr (the tests read them);
  // null sends them to stderr again. Pages never route them into FastCGI's
  // error stream: nginx would log them with the request line, whose query
  // string may hold a mailed link's token.
  void SetLogSink(std::function<void(const std::string&)> sink) {
    log_sink_ = std::move(sink);
  }

 private:
  Config config_;
  Database db_;
  std::function<void(const std::string&)> log_sink_;
};

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_ENV_H_
