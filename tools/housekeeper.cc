// The housekeeper: deletes rows no rule reads any more (lib/store/housekeeping.h),
// pass after pass, every housekeeping_interval_seconds.
//   housekeeper [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0 when it met no database error.
#include <string>

#include "base/worker.h"
#include "store/housekeeping.h"

namespace passwd {
namespace {

Status HousekeepingPass(Env* env, const std::function<bool()>& keep_going,
                        PassResult* result) {
  HousekeepingReport r;
  Status s = PruneOldRows(env, keep_going, &r);
  if (r.total() > 0) {
    result->summary =
        "deleted " + std::to_string(r.rate_limit_events) +
        " rate-limit events, " + std::to_string(r.rate_limit_subjects) +
        " rate-limit subjects, " + std::to_string(r.operator_sessions) +
        " operator sessions";
  }
  return s;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  return passwd::RunWorker(
      {"housekeeper",
       [](const passwd::Config& c) { return c.housekeeping_interval_seconds; },
       nullptr, passwd::HousekeepingPass},
      argc, argv);
}
