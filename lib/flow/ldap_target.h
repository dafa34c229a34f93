// The ldap propagation target (libldap): bind as the configured service DN
// over StartTLS or ldaps:// (plain ldap:// only where the configuration
// allows it, for a loopback host), find the account's one entry under
// base_dn by the filter, and replace its userPassword with
// "{CRYPT}" + the SHA-512-crypt hash.
#ifndef PASSWD_LIB_FLOW_LDAP_TARGET_H_
#define PASSWD_LIB_FLOW_LDAP_TARGET_H_

#include <string>

#include "base/status.h"
#include "base/sync_target_config.h"

namespace passwd {

// Sets `*filter` to the target's filter with %s replaced by `umin_id`
// escaped as an LDAP filter value (RFC 4515, ldap_bv2escaped_filter_value),
// so an ID can never change the filter's meaning.
Status LdapFilterFor(const std::string& filter_template,
                     const std::string& umin_id, std::string* filter);

// Sets the userPassword of `umin_id`'s entry at `target` to
// "{CRYPT}" + `sha512_crypt`. Unavailable (naming the step and the server's
// answer, never the hash or the bind password) when the server cannot be
// reached, TLS or the bind fails, no entry or several entries match, or
// the change is refused.
Status SetLdapPassword(const SyncTargetConfig& target,
                       const std::string& umin_id,
                       const std::string& sha512_crypt);

// The bind password of `target`: bind_password, or the first line of
// bind_password_file; Unavailable when the file cannot be read.
Status LdapBindPassword(const SyncTargetConfig& target, std::string* password);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_LDAP_TARGET_H_
