#include "flow/ldap_target.h"

#include <ldap.h>
#include <sys/time.h>

#include <fstream>
#include <memory>
#include <vector>

namespace passwd {
namespace {

// Closes the connection on every return path.
struct LdapCloser {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapHandle = std::unique_ptr<LDAP, LdapCloser>;

struct MessageFreer {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};

// "ldap <target> <step>: <libldap's text> (<the server's diagnostic>)".
Status LdapError(const SyncTargetConfig& target, LDAP* ld, const char* step,
                 int rc) {
  std::string text = std::string("ldap ") + target.name + " " + step + ": " +
                     ldap_err2string(rc);
  char* diagnostic = nullptr;
  if (ld != nullptr &&
      ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) ==
          LDAP_OPT_SUCCESS &&
      diagnostic != nullptr) {
    if (*diagnostic != '\0') text += std::string(" (") + diagnostic + ")";
    ldap_memfree(diagnostic);
  }
  return Status::Unavailable(text);
}

// Sets the options of a fresh connection: protocol 3, the timeouts, and
// TLS that checks the server's certificate (against ca_file when given).
Status Configure(const SyncTargetConfig& target, LDAP* ld) {
  int version = LDAP_VERSION3;
  struct timeval timeout {};
  timeout.tv_sec = TargetTimeoutSeconds(target);
  int demand = LDAP_OPT_X_TLS_DEMAND;
  int no_new = 0;
  int rc = ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  if (rc == LDAP_OPT_SUCCESS) {
    rc = ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  }
  if (rc == LDAP_OPT_SUCCESS)
    rc = ldap_set_option(ld, LDAP_OPT_TIMEOUT, &timeout);
  if (rc == LDAP_OPT_SUCCESS) {
    rc = ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  }
  if (rc == LDAP_OPT_SUCCESS) {
    rc = ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  }
  if (rc == LDAP_OPT_SUCCESS && !target.ca_file.empty()) {
    rc = ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, target.ca_file.c_str());
  }
  // The TLS options above take effect in a new TLS context.
  if (rc == LDAP_OPT_SUCCESS) {
    rc = ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &no_new);
  }
  if (rc != LDAP_OPT_SUCCESS) return LdapError(target, ld, "options", rc);
  return Status::Ok();
}

// Connects, starts TLS on an ldap:// URI unless the target says not to, and
// binds as the service DN.
Status Connect(const SyncTargetConfig& target, LdapHandle* handle) {
  LDAP* raw = nullptr;
  int rc = ldap_initialize(&raw, target.uri.c_str());
  if (rc != LDAP_SUCCESS || raw == nullptr) {
    return LdapError(target, nullptr, "uri", rc);
  }
  handle->reset(raw);
  LDAP* ld = handle->get();
  Status s = Configure(target, ld);
  if (!s.ok()) return s;
  if (target.uri.rfind("ldap://", 0) == 0 && target.starttls) {
    rc = ldap_start_tls_s(ld, nullptr, nullptr);
    if (rc != LDAP_SUCCESS) return LdapError(target, ld, "StartTLS", rc);
  }
  std::string password;
  s = LdapBindPassword(target, &password);
  if (!s.ok()) return s;
  struct berval credential;
  credential.bv_val = password.data();
  credential.bv_len = password.size();
  rc = ldap_sasl_bind_s(ld, target.bind_dn.c_str(), LDAP_SASL_SIMPLE,
                        &credential, nullptr, nullptr, nullptr);
  if (rc != LDAP_SUCCESS) return LdapError(target, ld, "bind", rc);
  return Status::Ok();
}

// Sets `*dn` to the one entry `filter` finds under base_dn.
Status FindEntry(const SyncTargetConfig& target, LDAP* ld,
                 const std::string& umin_id, const std::string& filter,
                 std::string* dn) {
  struct timeval timeout {};
  timeout.tv_sec = TargetTimeoutSeconds(target);
  char no_attributes[] = LDAP_NO_ATTRS;
  char* attributes[] = {no_attributes, nullptr};
  LDAPMessage* raw = nullptr;
  // A size limit of 2 is enough to tell one entry from several.
  int rc = ldap_search_ext_s(ld, target.base_dn.c_str(), LDAP_SCOPE_SUBTREE,
                             filter.c_str(), attributes, 0, nullptr, nullptr,
                             &timeout, 2, &raw);
  std::unique_ptr<LDAPMessage, MessageFreer> result(raw);
  if (rc == LDAP_SIZELIMIT_EXCEEDED) {
    return Status::Unavailable("ldap " + target.name + ": several entries " +
                               "match " + umin_id + " under " + target.base_dn);
  }
  if (rc != LDAP_SUCCESS) return LdapError(target, ld, "search", rc);
  const int count = ldap_count_entries(ld, raw);
  if (count == 0) {
    return Status::Unavailable("ldap " + target.name + ": no entry matches " +
                               umin_id + " under " + target.base_dn);
  }
  if (count > 1) {
    return Status::Unavailable("ldap " + target.name + ": several entries " +
                               "match " + umin_id + " under " + target.base_dn);
  }
  char* found = ldap_get_dn(ld, ldap_first_entry(ld, raw));
  if (found == nullptr) return LdapError(target, ld, "entry", LDAP_OTHER);
  *dn = found;
  ldap_memfree(found);
  return Status::Ok();
}

}  // namespace

Status LdapFilterFor(const std::string& filter_template,
                     const std::string& umin_id, std::string* filter) {
  const size_t at = filter_template.find("%s");
  if (at == std::string::npos) {
    return Status::InvalidInput("ldap filter without %s");
  }
  std::string copy = umin_id;
  struct berval in;
  in.bv_val = copy.data();
  in.bv_len = copy.size();
  struct berval out {};
  if (ldap_bv2escaped_filter_value(&in, &out) != 0) {
    return Status::Internal("ldap: cannot escape a filter value");
  }
  const std::string escaped(out.bv_val, out.bv_len);
  ldap_memfree(out.bv_val);
  *filter =
      filter_template.substr(0, at) + escaped + filter_template.substr(at + 2);
  return Status::Ok();
}

Status LdapBindPassword(const SyncTargetConfig& target, std::string* password) {
  if (target.bind_password_file.empty()) {
    *password = target.bind_password;
    return Status::Ok();
  }
  std::ifstream file(target.bind_password_file);
  std::string line;
  if (!file || !std::getline(file, line) || line.empty()) {
    return Status::Unavailable("ldap " + target.name +
                               ": cannot read bind_password_file " +
                               target.bind_password_file);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  *password = line;
  return Status::Ok();
}

Status SetLdapPassword(const SyncTargetConfig& target,
                       const std::string& umin_id,
                       const std::string& sha512_crypt) {
  std::string filter;
  Status s = LdapFilterFor(target.filter, umin_id, &filter);
  if (!s.ok()) return s;
  LdapHandle handle;
  s = Connect(target, &handle);
  if (!s.ok()) return s;
  std::string dn;
  s = FindEntry(target, handle.get(), umin_id, filter, &dn);
  if (!s.ok()) return s;
  std::string value = "{CRYPT}" + sha512_crypt;
  char attribute[] = "userPassword";
  char* values[] = {value.data(), nullptr};
  LDAPMod mod;
  mod.mod_op = LDAP_MOD_REPLACE;
  mod.mod_type = attribute;
  mod.mod_values = values;
  LDAPMod* mods[] = {&mod, nullptr};
  int rc = ldap_modify_ext_s(handle.get(), dn.c_str(), mods, nullptr, nullptr);
  if (rc != LDAP_SUCCESS) return LdapError(target, handle.get(), "modify", rc);
  return Status::Ok();
}

}  // namespace passwd
