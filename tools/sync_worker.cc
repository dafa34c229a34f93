// The sync-worker: delivers queued passwords to the downstream targets
// (sync_targets), pass after pass, every sync_interval_seconds. A failed
// target is logged and audited and tried again next pass; a database outage
// only delays delivery. SIGTERM or SIGINT ends it once the row in hand is
// done.
//   sync_worker [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0 when nothing failed, 1 otherwise.
#include <signal.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "config.h"
#include "env.h"
#include "password_sync.h"

namespace passwd {
namespace {

volatile sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

bool InstallSignalHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  // Restart the database client's system calls; the sleep is never
  // restarted and so wakes up at once.
  action.sa_flags = SA_RESTART;
  return sigaction(SIGTERM, &action, nullptr) == 0 &&
         sigaction(SIGINT, &action, nullptr) == 0;
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

// The process's Env with a UTC time stamp in front of every log line (the
// log is a plain file, not nginx's error log that stamps lines itself).
class WorkerEnv : public ProcessEnv {
 public:
  using ProcessEnv::ProcessEnv;
  void Log(const std::string& line) override {
    ProcessEnv::Log(SqlTime(std::chrono::system_clock::now()) +
                    " sync_worker: " + line);
  }
};

std::string Summary(const SyncReport& r) {
  return "delivered " + std::to_string(r.delivered) + ", failed " +
         std::to_string(r.failed);
}

int Run(bool once) {
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) {
    std::fprintf(stderr, "sync_worker: %s\n", s.ToString().c_str());
    return 1;
  }
  // A misconfigured target is refused at start, not found row by row.
  std::vector<SyncTarget> targets;
  s = ParseSyncTargets(config.sync_targets, &targets);
  if (!s.ok()) {
    std::fprintf(stderr, "sync_worker: %s\n", s.ToString().c_str());
    return 1;
  }
  if (!InstallSignalHandlers()) {
    std::fprintf(stderr, "sync_worker: sigaction: %s\n", std::strerror(errno));
    return 1;
  }
  const long interval_seconds = config.sync_interval_seconds;
  WorkerEnv env(std::move(config));
  if (!once) {
    env.Log("started, delivering every " + std::to_string(interval_seconds) +
            " s to " + std::to_string(targets.size()) + " target(s)");
  }

  // The last database error logged, so an outage is logged once, not on
  // every round, and its end is logged too.
  std::string outage;
  while (!stop_requested) {
    SyncReport report;
    s = DeliverPasswordSync(
        &env, [] { return stop_requested == 0; }, &report);
    if (report.delivered + report.failed > 0) env.Log(Summary(report));
    if (!s.ok()) {
      std::string error = s.ToString();
      if (error != outage) env.Log("cannot deliver now: " + error);
      outage = error;
    } else if (!outage.empty()) {
      env.Log("the database answers again");
      outage.clear();
    }
    if (once) return s.ok() && report.failed == 0 ? 0 : 1;
    SleepUnlessStopped(interval_seconds);
  }
  env.Log("stopping");
  return 0;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  bool once = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--once") == 0) {
      once = true;
    } else {
      std::fprintf(stderr, "usage: %s [--once]\n", argv[0]);
      return 2;
    }
  }
  return passwd::Run(once);
}
