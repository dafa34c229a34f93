#include "base/sync_target_config.h"

#include <cerrno>
#include <cstdlib>
#include <map>

#include "base/text.h"

namespace passwd {
namespace {

constexpr size_t kMaxTargetName = 64;
constexpr long kMaxTimeoutSeconds = 3600;

struct KindEntry {
  TargetKind kind;
  const char* text;
};
constexpr KindEntry kKinds[] = {
    {TargetKind::kLdap, "ldap"},
    {TargetKind::kHtpasswd, "htpasswd"},
    {TargetKind::kCommand, "command"},
};

// Where a key's value goes.
enum class Field {
  kUri,
  kBindDn,
  kBindPassword,
  kBindPasswordFile,
  kBaseDn,
  kFilter,
  kCaFile,
  kStartTls,
  kPath,
  kHost,
  kTimeout
};

const std::map<std::string, Field>& KeysOf(TargetKind kind) {
  static const auto* ldap = new std::map<std::string, Field>{
      {"uri", Field::kUri},
      {"bind_dn", Field::kBindDn},
      {"bind_password", Field::kBindPassword},
      {"bind_password_file", Field::kBindPasswordFile},
      {"base_dn", Field::kBaseDn},
      {"filter", Field::kFilter},
      {"ca_file", Field::kCaFile},
      {"starttls", Field::kStartTls},
      {"timeout_seconds", Field::kTimeout},
  };
  static const auto* htpasswd = new std::map<std::string, Field>{
      {"path", Field::kPath}, {"host", Field::kHost}};
  static const auto* command = new std::map<std::string, Field>{
      {"path", Field::kPath}, {"timeout_seconds", Field::kTimeout}};
  static const auto* none = new std::map<std::string, Field>{};
  switch (kind) {
    case TargetKind::kLdap:
      return *ldap;
    case TargetKind::kHtpasswd:
      return *htpasswd;
    case TargetKind::kCommand:
      return *command;
    case TargetKind::kNone:
      break;
  }
  return *none;
}

bool IsAbsoluteFile(const std::string& path) {
  return path.size() >= 2 && path.front() == '/' && path.back() != '/' &&
         !HasControlCharacter(path);
}

// The host of an ldap:// or ldaps:// URI ("" when there is none).
std::string UriHost(const std::string& uri) {
  size_t start = uri.find("://");
  if (start == std::string::npos) return "";
  std::string rest = uri.substr(start + 3);
  rest = rest.substr(0, rest.find('/'));
  if (!rest.empty() && rest.front() == '[')
    return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

// Sets one field; "" on success, else why the value is refused.
std::string SetField(Field field, const std::string& value,
                     SyncTargetConfig* t) {
  switch (field) {
    case Field::kUri:
      t->uri = value;
      return "";
    case Field::kBindDn:
      t->bind_dn = value;
      return "";
    case Field::kBindPassword:
      t->bind_password = value;
      return "";
    case Field::kBindPasswordFile:
      t->bind_password_file = value;
      return IsAbsoluteFile(value) ? "" : "expected an absolute file path";
    case Field::kBaseDn:
      t->base_dn = value;
      return "";
    case Field::kFilter:
      t->filter = value;
      return "";
    case Field::kCaFile:
      t->ca_file = value;
      return IsAbsoluteFile(value) ? "" : "expected an absolute file path";
    case Field::kStartTls:
      if (value == "true" || value == "yes" || value == "1") {
        t->starttls = true;
      } else if (value == "false" || value == "no" || value == "0") {
        t->starttls = false;
      } else {
        return "expected true or false";
      }
      return "";
    case Field::kPath:
      t->path = value;
      return IsAbsoluteFile(value) ? "" : "expected an absolute file path";
    case Field::kHost:
      t->host = value;
      return value.empty() || HasControlCharacter(value)
                 ? "expected a host name"
                 : "";
    case Field::kTimeout: {
      char* end = nullptr;
      errno = 0;
      long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || errno != 0 || n < 1 ||
          n > kMaxTimeoutSeconds) {
        return "not a number in [1, " + std::to_string(kMaxTimeoutSeconds) +
               "]";
      }
      t->timeout_seconds = n;
      return "";
    }
  }
  return "unexpected key";
}

// The problems of a whole ldap section (required keys, their agreement).
void CheckLdap(const SyncTargetConfig& t, std::vector<std::string>* out) {
  const bool ldap = t.uri.rfind("ldap://", 0) == 0;
  const bool ldaps = t.uri.rfind("ldaps://", 0) == 0;
  if (!ldap && !ldaps) {
    out->push_back(
        "uri: expected one ldap://host[:port] or ldaps://host[:port]");
  } else if (t.uri.find_first_of(" ,\t") != std::string::npos ||
             UriHost(t.uri).empty()) {
    out->push_back(
        "uri: expected one ldap://host[:port] or ldaps://host[:port]");
  } else if (ldap && !t.starttls && !IsLoopback(UriHost(t.uri))) {
    out->push_back(
        "starttls = false is allowed for a loopback host only "
        "(127.0.0.1, localhost, [::1]); use StartTLS or ldaps://");
  }
  if (t.bind_dn.empty()) out->push_back("bind_dn: missing");
  if (t.bind_password.empty() == t.bind_password_file.empty()) {
    out->push_back(
        "expected exactly one of bind_password and "
        "bind_password_file");
  }
  if (t.base_dn.empty()) out->push_back("base_dn: missing");
  const size_t at = t.filter.find("%s");
  if (t.filter.size() < 2 || t.filter.front() != '(' ||
      t.filter.back() != ')' || at == std::string::npos ||
      t.filter.find("%s", at + 2) != std::string::npos) {
    out->push_back(
        "filter: expected a parenthesised LDAP filter holding %s "
        "once, e.g. (uid=%s)");
  }
}

}  // namespace

const char* TargetKindText(TargetKind kind) {
  for (const KindEntry& e : kKinds) {
    if (e.kind == kind) return e.text;
  }
  return "";
}

bool IsTargetName(const std::string& name) {
  if (name.empty() || name.size() > kMaxTargetName || !IsAsciiAlnum(name[0])) {
    return false;
  }
  for (char c : name) {
    if (!IsAsciiAlnum(c) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

std::vector<std::string> TargetKeys(TargetKind kind) {
  std::vector<std::string> keys;
  for (const auto& entry : KeysOf(kind)) keys.push_back(entry.first);
  return keys;
}

long TargetTimeoutSeconds(const SyncTargetConfig& target) {
  if (target.timeout_seconds > 0) return target.timeout_seconds;
  return target.kind == TargetKind::kCommand ? kCommandDefaultTimeoutSeconds
                                             : kLdapDefaultTimeoutSeconds;
}

SyncTargetConfig ParseTargetSection(const std::string& origin, int header_line,
                                    const std::string& name,
                                    const std::vector<SectionLine>& lines,
                                    std::vector<std::string>* problems) {
  SyncTargetConfig t;
  t.name = name;
  const std::string section = "[target " + name + "]";
  auto at = [&origin](int line) {
    return origin + ":" + std::to_string(line) + ": ";
  };
  int kind_lines = 0;
  for (const SectionLine& l : lines) {
    if (l.key != "kind") continue;
    ++kind_lines;
    for (const KindEntry& e : kKinds) {
      if (l.value == e.text) t.kind = e.kind;
    }
    if (t.kind == TargetKind::kNone) {
      problems->push_back(at(l.line) + section +
                          " kind: expected ldap, htpasswd or command");
    }
  }
  if (kind_lines == 0) {
    problems->push_back(at(header_line) + section +
                        ": kind missing (ldap, htpasswd or command)");
  }
  if (kind_lines > 1) {
    problems->push_back(at(header_line) + section + ": kind given twice");
  }
  if (t.kind == TargetKind::kNone || kind_lines != 1) return t;
  const auto& keys = KeysOf(t.kind);
  std::map<std::string, int> seen;
  for (const SectionLine& l : lines) {
    if (l.key == "kind") continue;
    auto it = keys.find(l.key);
    if (it == keys.end()) {
      problems->push_back(at(l.line) + section + ": unknown key '" + l.key +
                          "' for kind " + TargetKindText(t.kind));
      continue;
    }
    if (seen[l.key]++) {
      problems->push_back(at(l.line) + section + ": " + l.key + " given twice");
      continue;
    }
    const std::string why = SetField(it->second, l.value, &t);
    if (!why.empty()) {
      problems->push_back(at(l.line) + section + " " + l.key + ": " + why);
    }
  }
  std::vector<std::string> whole;
  if (t.kind == TargetKind::kLdap) CheckLdap(t, &whole);
  if (t.kind != TargetKind::kLdap && t.path.empty()) {
    whole.push_back("path: missing");
  }
  if (t.kind == TargetKind::kHtpasswd && t.host.empty()) {
    whole.push_back(
        "host: missing (the host name, as gethostname() gives it, "
        "whose sync-worker writes the file)");
  }
  for (const std::string& w : whole) {
    problems->push_back(at(header_line) + section + " " + w);
  }
  return t;
}

}  // namespace passwd
