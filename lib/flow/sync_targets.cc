#include "flow/sync_targets.h"

#include <unistd.h>

#include "base/log_line.h"
#include "flow/command_target.h"
#include "flow/htpasswd_file.h"
#include "flow/ldap_target.h"

namespace passwd {

Status DeliverToTarget(Env* env, const SyncTargetConfig& target, int64_t row,
                       const std::string& umin_id, const std::string& hash) {
  switch (target.kind) {
    case TargetKind::kLdap:
      return SetLdapPassword(target, umin_id, hash);
    case TargetKind::kHtpasswd:
      return WriteHtpasswdEntry(target.path, umin_id, hash);
    case TargetKind::kCommand: {
      std::string output;
      Status s = RunTargetCommand(target, umin_id, hash, &output);
      if (!output.empty()) {
        env->Log(FormatLogLine({{"level", "info"},
                                {"event", "sync_command_output"},
                                {"row", std::to_string(row)},
                                {"umin_id", umin_id},
                                {"target", target.name},
                                {"outcome", s.ok() ? "delivered" : "failed"},
                                {"detail", output}}));
      }
      return s;
    }
    case TargetKind::kNone:
      break;
  }
  return Status::Internal("no delivery for target " + target.name);
}

Status CheckSyncTargets(const Config& config) {
  for (const SyncTargetConfig& t : config.sync_targets) {
    if (t.kind == TargetKind::kCommand && access(t.path.c_str(), X_OK) != 0) {
      return Status::InvalidInput("[target " + t.name + "] path " + t.path +
                                  ": not an executable file");
    }
    if (t.kind == TargetKind::kLdap) {
      std::string password;
      Status s = LdapBindPassword(t, &password);
      if (!s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace passwd
