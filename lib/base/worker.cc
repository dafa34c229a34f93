#include "base/worker.h"

#include <signal.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "base/database.h"
#include "base/log_line.h"

namespace passwd {
namespace {

volatile sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

bool InstallSignalHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  // Restart the database and SMTP clients' system calls; the sleep is never
  // restarted and so wakes up at once.
  action.sa_flags = SA_RESTART;
  for (int signal : {SIGTERM, SIGINT, SIGQUIT, SIGHUP}) {
    if (sigaction(signal, &action, nullptr) != 0) return false;
  }
  return true;
}

// Sleeps `seconds`, or less when a stop is requested meanwhile; short slices
// bound the wait for a signal that lands just before a slice starts.
void SleepUnlessStopped(long seconds) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!stop_requested) {
    auto left = until - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;
    auto slice = std::min<std::chrono::steady_clock::duration>(
        left, std::chrono::milliseconds(250));
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(slice);
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(ns.count() / 1000000000);
    ts.tv_nsec = static_cast<long>(ns.count() % 1000000000);
    nanosleep(&ts, nullptr);
  }
}

// The process's Env with the worker's name in front of every log line's
// pairs (after ProcessEnv's time stamp).
class WorkerEnv : public ProcessEnv {
 public:
  WorkerEnv(Config config, std::string name)
      : ProcessEnv(std::move(config)), name_(std::move(name)) {}
  void Log(const std::string& line) override {
    ProcessEnv::Log(FormatLogLine({{"worker", name_}}) + " " + line);
  }

 private:
  std::string name_;
};

}  // namespace

int RunWorker(const WorkerSpec& spec, int argc, char** argv) {
  bool once = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--once") != 0) {
      std::fprintf(stderr, "usage: %s [--once]\n", argv[0]);
      return 2;
    }
    once = true;
  }
  Config config;
  // A configuration `umin-passwdctl check-config` refuses is refused here
  // too, by the same judgement.
  Status s = LoadCheckedConfigFromEnvironment(&config);
  UseDbAccount(DbAccount::kWorkers, &config);
  if (s.ok() && spec.check_config) s = spec.check_config(config);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n",
                 FormatLogLine({{"level", "error"},
                                {"event", "config_refused"},
                                {"worker", spec.name},
                                {"detail", s.ToString()}})
                     .c_str());
    return 1;
  }
  if (!InstallSignalHandlers()) {
    std::fprintf(stderr, "%s: sigaction: %s\n", spec.name.c_str(),
                 std::strerror(errno));
    return 1;
  }
  const long interval = spec.interval_seconds(config);
  WorkerEnv env(std::move(config), spec.name);
  if (!once) {
    env.Log(FormatLogLine({{"level", "info"},
                           {"event", "started"},
                           {"interval_seconds", std::to_string(interval)}}));
  }

  std::string outage;  // the database error last logged
  while (!stop_requested) {
    PassResult result;
    s = spec.pass(
        &env, [] { return stop_requested == 0; }, &result);
    if (!result.summary.empty()) {
      env.Log(FormatLogLine({{"level", "info"},
                             {"event", "pass"},
                             {"outcome", result.failed ? "partial" : "done"},
                             {"detail", result.summary}}));
    }
    if (!s.ok()) {
      std::string error = s.ToString();
      if (error != outage) {
        env.Log(FormatLogLine({{"level", "warning"},
                               {"event", "pass_failed"},
                               {"outcome", "retry_later"},
                               {"detail", error}}));
      }
      outage = error;
    } else if (!outage.empty()) {
      env.Log(FormatLogLine({{"level", "info"}, {"event", "database_back"}}));
      outage.clear();
    }
    if (once) return s.ok() && !result.failed ? 0 : 1;
    SleepUnlessStopped(interval);
  }
  env.Log(FormatLogLine({{"level", "info"}, {"event", "stopping"}}));
  return 0;
}

}  // namespace passwd
