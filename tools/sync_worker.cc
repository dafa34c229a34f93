// The sync-worker: delivers queued passwords to the downstream targets (the
// configuration's [target NAME] sections), pass after pass, every
// sync_interval_seconds. A failed delivery is logged and audited and tried
// again after its backoff (flow/password_sync, RetryDelay); a database
// outage only delays delivery; a stop signal ends it once the row in hand
// is done.
//   sync_worker [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0 when nothing failed, 1 otherwise.
#include <vector>

#include "base/worker.h"
#include "flow/password_sync.h"
#include "flow/sync_targets.h"

namespace passwd {
namespace {

// A misconfigured target is refused at start, not found row by row.
Status CheckTargets(const Config& config) { return CheckSyncTargets(config); }

Status SyncPass(Env* env, const std::function<bool()>& keep_going,
                PassResult* result) {
  SyncReport r;
  Status s = DeliverPasswordSync(env, DeliverToTarget, keep_going, &r);
  if (r.delivered + r.failed > 0) {
    result->summary = "delivered " + std::to_string(r.delivered) + ", failed " +
                      std::to_string(r.failed);
  }
  result->failed = r.failed > 0;
  return s;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  return passwd::RunWorker(
      {"sync_worker",
       [](const passwd::Config& c) { return c.sync_interval_seconds; },
       passwd::CheckTargets, passwd::SyncPass},
      argc, argv);
}
