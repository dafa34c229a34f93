// The mail-sender worker: delivers the outbox over SMTP, pass after pass,
// every mail_poll_seconds. A database or mail server outage only delays
// mail; SIGTERM, SIGINT, SIGQUIT or SIGHUP ends it once the mail in hand is
// done (Debian 12's multiwatch turns its "-s TERM" into SIGQUIT).
//   mail_sender [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0, or 1 when the database failed.
#include <signal.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "config.h"
#include "env.h"
#include "outbox.h"

namespace passwd {
namespace {

volatile sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

bool InstallSignalHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  // Restart the database and SMTP clients' system calls; the poll sleep is
  // never restarted and so wakes up at once.
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

// The process's Env with a UTC time stamp in front of every log line (the
// log is a plain file, not nginx's error log that stamps lines itself).
class WorkerEnv : public ProcessEnv {
 public:
  using ProcessEnv::ProcessEnv;
  void Log(const std::string& line) override {
    ProcessEnv::Log(SqlTime(std::chrono::system_clock::now()) +
                    " mail_sender: " + line);
  }
};

std::string Summary(const DeliveryReport& r) {
  return "sent " + std::to_string(r.sent) + ", retried " +
         std::to_string(r.retried) + ", failed " + std::to_string(r.failed) +
         ", expired " + std::to_string(r.expired);
}

bool SomethingHappened(const DeliveryReport& r) {
  return r.sent + r.retried + r.failed + r.expired > 0;
}

int Run(bool once) {
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) {
    std::fprintf(stderr, "mail_sender: %s\n", s.ToString().c_str());
    return 1;
  }
  if (!InstallSignalHandlers()) {
    std::fprintf(stderr, "mail_sender: sigaction: %s\n", std::strerror(errno));
    return 1;
  }
  const long poll_seconds = config.mail_poll_seconds;
  WorkerEnv env(std::move(config));
  if (!once)
    env.Log("started, polling every " + std::to_string(poll_seconds) + " s");

  // The last database error logged, so an outage is logged once, not on
  // every round, and its end is logged too.
  std::string outage;
  while (!stop_requested) {
    DeliveryReport report;
    s = DeliverDueMail(
        &env, [] { return stop_requested == 0; }, &report);
    if (SomethingHappened(report)) env.Log(Summary(report));
    if (!s.ok()) {
      std::string error = s.ToString();
      if (error != outage) env.Log("cannot deliver now: " + error);
      outage = error;
    } else if (!outage.empty()) {
      env.Log("the database answers again");
      outage.clear();
    }
    if (once) return s.ok() ? 0 : 1;
    SleepUnlessStopped(poll_seconds);
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
