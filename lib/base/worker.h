// The loop the background workers (mail_sender, sync_worker, housekeeper)
// share: load the configuration, run a pass, log what happened, sleep, until
// SIGTERM, SIGINT, SIGQUIT or SIGHUP (Debian 12's multiwatch turns its
// "-s TERM" into SIGQUIT). A database outage is logged once, and its end too.
#ifndef PASSWD_LIB_BASE_WORKER_H_
#define PASSWD_LIB_BASE_WORKER_H_

#include <functional>
#include <string>

#include "base/config.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// What one pass did.
struct PassResult {
  std::string summary;  // a line to log; "" when nothing happened
  bool failed = false;  // something was not done (for --once's exit status)
};

// What RunWorker needs to know about one worker.
struct WorkerSpec {
  std::string name;  // in log lines, e.g. "mail_sender"
  // Seconds between passes.
  std::function<long(const Config&)> interval_seconds;
  // Refuses a configuration the worker cannot run with; may be empty.
  std::function<Status(const Config&)> check_config;
  // One pass; it should stop early when `keep_going` turns false.
  std::function<Status(Env* env, const std::function<bool()>& keep_going,
                       PassResult* result)>
      pass;
};

// Runs the worker; `argc`/`argv` take only "--once" (one pass, exit 0 when
// it neither failed nor met a database error). Returns the exit status.
int RunWorker(const WorkerSpec& spec, int argc, char** argv);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_WORKER_H_
