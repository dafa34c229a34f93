// The command propagation target: runs the configured executable (no shell)
// with the UMIN ID as its one argument and the SHA-512-crypt hash and a
// newline on standard input, under a time limit. Exit status 0 means
// delivered.
#ifndef PASSWD_LIB_FLOW_COMMAND_TARGET_H_
#define PASSWD_LIB_FLOW_COMMAND_TARGET_H_

#include <string>

#include "base/status.h"
#include "base/sync_target_config.h"

namespace passwd {

// The most of a command's output (standard output and error together) kept
// for the log; the rest is read and dropped.
constexpr size_t kMaxCommandOutput = 2048;

// Runs `target`'s command for `umin_id` with `sha512_crypt` on its standard
// input. `*output` gets the first kMaxCommandOutput bytes of what it wrote,
// with every occurrence of the hash replaced by "[hash]". Unavailable when
// it cannot be started, exits non-zero, is killed by a signal, or outlives
// timeout_seconds (its whole process group is then killed).
Status RunTargetCommand(const SyncTargetConfig& target,
                        const std::string& umin_id,
                        const std::string& sha512_crypt, std::string* output);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_COMMAND_TARGET_H_
