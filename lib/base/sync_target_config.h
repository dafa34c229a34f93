// The propagation targets of the configuration: each one a `[target NAME]`
// section with `kind = ldap | htpasswd | command` and the keys of its kind
// (etc/passwd.conf.example documents them). The section's NAME is what a
// delivery row's `target` column holds.
#ifndef PASSWD_LIB_BASE_SYNC_TARGET_CONFIG_H_
#define PASSWD_LIB_BASE_SYNC_TARGET_CONFIG_H_

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace passwd {

enum class TargetKind { kNone, kLdap, kHtpasswd, kCommand };

// The text of `kind` in the configuration ("ldap", ...).
const char* TargetKindText(TargetKind kind);

// One `[target NAME]` section, parsed and checked.
struct SyncTargetConfig {
  std::string name;
  TargetKind kind = TargetKind::kNone;
  // ldap: ldap://host[:port] (StartTLS) or ldaps://host[:port].
  std::string uri;
  std::string bind_dn;
  std::string bind_password;       // or, read at each bind:
  std::string bind_password_file;  // an absolute path
  std::string base_dn;
  // %s is the UMIN ID, escaped as an LDAP filter value.
  std::string filter = "(uid=%s)";
  std::string ca_file;  // empty: the system's CA store
  // StartTLS on an ldap:// URI; false is allowed for a loopback host only.
  bool starttls = true;
  // htpasswd: the file, and the host (gethostname()) whose worker writes it.
  // command: the executable (absolute path, run without a shell).
  std::string path;
  std::string host;
  // ldap: the connection and each operation; command: the whole run.
  long timeout_seconds = 0;  // 0: the kind's default
};

// One `key = value` line of a section, with its line number for messages.
struct SectionLine {
  int line = 0;
  std::string key;
  std::string value;
};

// True when `name` may name a target: 1 to 64 of [A-Za-z0-9_.-], starting
// with a letter or digit.
bool IsTargetName(const std::string& name);

// Builds the target `name` from its section's lines, appending one problem
// per bad line or missing key to `*problems` (prefixed with `where`, e.g.
// "passwd.conf:40: "); values are never quoted in a problem, since
// bind_password is a secret.
SyncTargetConfig ParseTargetSection(const std::string& origin, int header_line,
                                    const std::string& name,
                                    const std::vector<SectionLine>& lines,
                                    std::vector<std::string>* problems);

// The keys a section of `kind` accepts (besides `kind`), for the tests.
std::vector<std::string> TargetKeys(TargetKind kind);

// The defaults of timeout_seconds.
constexpr long kLdapDefaultTimeoutSeconds = 10;
constexpr long kCommandDefaultTimeoutSeconds = 60;

// timeout_seconds, or the kind's default.
long TargetTimeoutSeconds(const SyncTargetConfig& target);

// The bounds of sync_crypt_rounds (SHA-512-crypt's rounds).
constexpr long kMinCryptRounds = 5000;
constexpr long kMaxCryptRounds = 5000000;

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_SYNC_TARGET_CONFIG_H_
