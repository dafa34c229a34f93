// The housekeeper: deletes rows no rule reads any more and personal data
// past its retention (lib/flow/retention.h), pass after pass, every
// housekeeping_interval_seconds.
//   housekeeper [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0 when it met no database error.
#include <string>
#include <utility>
#include <vector>

#include "base/worker.h"
#include "flow/retention.h"

namespace passwd {
namespace {

Status HousekeepingPass(Env* env, const std::function<bool()>& keep_going,
                        PassResult* result) {
  RetentionReport r;
  Status s = PruneOldRows(env, keep_going, &r);
  if (r.total() == 0) return s;
  const std::vector<std::pair<const char*, uint64_t>> counts = {
      {"rate-limit events", r.rate_limit_events},
      {"rate-limit subjects", r.rate_limit_subjects},
      {"operator sessions", r.operator_sessions},
      {"reset flows", r.reset_flows},
      {"outbox mails", r.outbox_mails},
      {"not-me links", r.not_me_links},
      {"operator links", r.operator_links},
      {"closed operator requests", r.closed_requests},
      {"audit rows", r.audit_rows},
  };
  std::string summary = "deleted";
  for (const auto& [what, n] : counts) {
    if (n == 0) continue;
    summary +=
        (summary == "deleted" ? " " : ", ") + std::to_string(n) + " " + what;
  }
  result->summary = summary;
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
