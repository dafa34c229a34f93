#include "base/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "base/crypto.h"
#include "base/scrypt_params.h"
#include "base/text.h"

#ifndef PASSWD_CONFIG_FILE
#define PASSWD_CONFIG_FILE "/etc/umin-passwd/passwd.conf"
#endif
#ifndef PASSWD_DICTIONARY
#define PASSWD_DICTIONARY "words.dict"
#endif
#ifndef PASSWD_TEMPLATES_DIR
#define PASSWD_TEMPLATES_DIR "templates"
#endif

namespace passwd {
namespace {

// The least key material a secret must have: 256 bits.
constexpr size_t kMinSecretBytes = 32;

using Setter = std::function<Status(const std::string&, Config*)>;

Setter Text(std::string Config::*field) {
  return [field](const std::string& value, Config* c) {
    c->*field = value;
    return Status::Ok();
  };
}

Setter Number(long Config::*field, long min, long max) {
  return [field, min, max](const std::string& value, Config* c) {
    char* end = nullptr;
    errno = 0;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || errno != 0 || n < min || n > max) {
      return Status::InvalidInput("not a number in [" + std::to_string(min) +
                                  ", " + std::to_string(max) + "]");
    }
    c->*field = n;
    return Status::Ok();
  };
}

Setter Flag(bool Config::*field) {
  return [field](const std::string& value, Config* c) {
    if (value == "true" || value == "yes" || value == "1") {
      c->*field = true;
    } else if (value == "false" || value == "no" || value == "0") {
      c->*field = false;
    } else {
      return Status::InvalidInput("expected true or false");
    }
    return Status::Ok();
  };
}

// A 32-byte secret written as 64 hex digits; stored decoded. An empty value
// parses (as no key) so that ConfigProblems names it like a missing one.
Setter Secret(std::string Config::*field) {
  return [field](const std::string& value, Config* c) {
    std::string bytes;
    if (!HexDecode(value, &bytes).ok() ||
        (!bytes.empty() && bytes.size() != kMinSecretBytes)) {
      return Status::InvalidInput("expected 64 hex digits (32 bytes)");
    }
    c->*field = bytes;
    return Status::Ok();
  };
}

Setter OneOf(std::string Config::*field, std::vector<std::string> allowed) {
  return [field, allowed](const std::string& value, Config* c) {
    for (const auto& a : allowed) {
      if (value == a) {
        c->*field = value;
        return Status::Ok();
      }
    }
    return Status::InvalidInput("unexpected value");
  };
}

const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"db_host", Text(&Config::db_host)},
      {"db_user", Text(&Config::db_user)},
      {"db_password", Text(&Config::db_password)},
      {"db_name", Text(&Config::db_name)},
      {"db_tls_ca", Text(&Config::db_tls_ca)},
      {"db_tls_verify_server", Flag(&Config::db_tls_verify_server)},
      {"db_wsrep_sync_wait", Number(&Config::db_wsrep_sync_wait, 0, 15)},
      {"host_name", Text(&Config::host_name)},
      {"worker_lease_seconds",
       Number(&Config::worker_lease_seconds, 10, 24 * 3600)},
      {"migrate_user", Text(&Config::migrate_user)},
      {"migrate_password", Text(&Config::migrate_password)},
      {"pages_db_user", Text(&Config::pages_db_user)},
      {"pages_db_password", Text(&Config::pages_db_password)},
      {"console_db_user", Text(&Config::console_db_user)},
      {"console_db_password", Text(&Config::console_db_password)},
      {"worker_db_user", Text(&Config::worker_db_user)},
      {"worker_db_password", Text(&Config::worker_db_password)},
      {"templates_dir", Text(&Config::templates_dir)},
      {"catalogue_dir", Text(&Config::catalogue_dir)},
      {"sql_dir", Text(&Config::sql_dir)},
      {"max_body_bytes", Number(&Config::max_body_bytes, 1024, 1 << 20)},
      {"page_threads", Number(&Config::page_threads, 1, 64)},
      {"top_url", Text(&Config::top_url)},
      {"inquiry_url", Text(&Config::inquiry_url)},
      {"id_registration_url", Text(&Config::id_registration_url)},
      {"cookie_secure",
       OneOf(&Config::cookie_secure, {"auto", "always", "never"})},
      {"public_base_url", Text(&Config::public_base_url)},
      {"code_hmac_key", Secret(&Config::code_hmac_key)},
      {"outbox_key", Secret(&Config::outbox_key)},
      {"umin_mail_domain", Text(&Config::umin_mail_domain)},
      {"mail_from_address", Text(&Config::mail_from_address)},
      {"mail_from_name", Text(&Config::mail_from_name)},
      {"mail_from_name_en", Text(&Config::mail_from_name_en)},
      {"smtp_url", Text(&Config::smtp_url)},
      {"smtp_starttls", Flag(&Config::smtp_starttls)},
      {"smtp_username", Text(&Config::smtp_username)},
      {"smtp_password", Text(&Config::smtp_password)},
      {"smtp_timeout_seconds", Number(&Config::smtp_timeout_seconds, 1, 600)},
      {"mail_poll_seconds", Number(&Config::mail_poll_seconds, 1, 3600)},
      {"mail_max_attempts", Number(&Config::mail_max_attempts, 1, 1000)},
      {"code_sends_per_account_hour",
       Number(&Config::code_sends_per_account_hour, 1, 100000)},
      {"code_sends_per_address_hour",
       Number(&Config::code_sends_per_address_hour, 1, 100000)},
      {"code_failures_per_account_day",
       Number(&Config::code_failures_per_account_day, 1, 100000)},
      {"dictionary_path", Text(&Config::dictionary_path)},
      {"scrypt_log2_n", Number(&Config::scrypt_log2_n, 14, 20)},
      {"sync_crypt_rounds",
       Number(&Config::sync_crypt_rounds, kMinCryptRounds, kMaxCryptRounds)},
      {"sync_interval_seconds",
       Number(&Config::sync_interval_seconds, 1, 7 * 24 * 3600)},
      {"housekeeping_interval_seconds",
       Number(&Config::housekeeping_interval_seconds, 60, 7 * 24 * 3600)},
      {"reset_flow_retention_days",
       Number(&Config::reset_flow_retention_days, 1, 36500)},
      {"outbox_retention_days",
       Number(&Config::outbox_retention_days, 1, 36500)},
      {"closed_request_retention_days",
       Number(&Config::closed_request_retention_days, 1, 36500)},
      {"expired_link_retention_days",
       Number(&Config::expired_link_retention_days, 0, 36500)},
      {"audit_retention_days", Number(&Config::audit_retention_days, 1, 36500)},
      {"operator_requests_per_address_hour",
       Number(&Config::operator_requests_per_address_hour, 1, 100000)},
      {"operator_receipts_per_contact_day",
       Number(&Config::operator_receipts_per_contact_day, 1, 100000)},
      {"test_clock_offset_file", Text(&Config::test_clock_offset_file)},
  };
  return *setters;
}

// A section in the making: its header and its lines.
struct OpenSection {
  int header_line = 0;
  std::string name;
  std::vector<SectionLine> lines;
};

// Ends `section` (when there is one): its target joins `config`.
void CloseSection(const std::string& origin, std::optional<OpenSection>* open,
                  Config* config, std::vector<std::string>* problems) {
  if (!open->has_value()) return;
  const OpenSection& section = **open;
  config->sync_targets.push_back(ParseTargetSection(
      origin, section.header_line, section.name, section.lines, problems));
  open->reset();
}

// Starts the section of header line `line` ("[target NAME]"), or says why
// it cannot be one.
void OpenSectionAt(const std::string& where, const std::string& line,
                   int number, const std::set<std::string>& names,
                   std::optional<OpenSection>* open,
                   std::vector<std::string>* problems) {
  std::istringstream words(line.substr(1, line.size() - 2));
  std::string type, name, extra;
  words >> type >> name >> extra;
  OpenSection section;
  section.header_line = number;
  section.name = name;
  // A bad header still opens a section, so that its keys are not taken for
  // top-level ones; the section is then dropped with a problem.
  if (type != "target" || !extra.empty()) {
    problems->push_back(where + "expected a section header [target NAME]");
  } else if (!IsTargetName(name)) {
    problems->push_back(where + "[target " + name +
                        "]: a name is 1 to 64 letters, digits, '_', '.' or "
                        "'-', starting with a letter or digit");
  } else if (names.count(name)) {
    problems->push_back(where + "[target " + name + "]: named twice");
  }
  *open = std::move(section);
}

// Parses every line of `text`, appending one line per unparsable one to
// `*problems`, then fills the defaults and derives the keys.
void ParseConfigLines(const std::string& text, const std::string& origin,
                      Config* config, std::vector<std::string>* problems) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::optional<OpenSection> section;
  std::set<std::string> names;
  config->sync_targets.clear();
  const size_t problems_before = problems->size();
  while (std::getline(in, line)) {
    ++number;
    std::string where = origin + ":" + std::to_string(number) + ": ";
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      CloseSection(origin, &section, config, problems);
      OpenSectionAt(where, line, number, names, &section, problems);
      names.insert(section->name);
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      problems->push_back(where + "expected key = value");
      continue;
    }
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    if (section) {
      section->lines.push_back({number, key, value});
      continue;
    }
    auto it = Setters().find(key);
    if (it == Setters().end()) {
      problems->push_back(where + "unknown key '" + key + "'");
      continue;
    }
    Status s = it->second(value, config);
    if (!s.ok()) problems->push_back(where + key + ": " + s.message());
  }
  CloseSection(origin, &section, config, problems);
  // A configuration with a bad section runs no target at all.
  if (problems->size() != problems_before) config->sync_targets.clear();
  if (config->templates_dir.empty()) {
    config->templates_dir = PASSWD_TEMPLATES_DIR;
  }
  if (config->catalogue_dir.empty()) {
    config->catalogue_dir = config->templates_dir + "/i18n";
  }
  if (config->dictionary_path.empty()) {
    config->dictionary_path = PASSWD_DICTIONARY;
  }
  if (config->sql_dir.empty()) config->sql_dir = PASSWD_SQL_DIR;
  Status s = DeriveConfigKeys(config->code_hmac_key, &config->keys);
  if (!s.ok()) problems->push_back(origin + ": " + s.message());
}

// Every problem of `secret`, the value of key `name`, as a line each.
void CheckSecret(const std::string& name, const std::string& secret,
                 std::vector<std::string>* problems) {
  if (secret.empty()) {
    problems->push_back(name + ": missing or empty (umin-passwdctl init "
                               "writes a random one)");
  } else if (secret.size() < kMinSecretBytes) {
    problems->push_back(name + ": shorter than 32 bytes");
  } else if (secret.find_first_not_of('\0') == std::string::npos) {
    problems->push_back(name + ": all zero (umin-passwdctl init writes a "
                               "random one)");
  }
}

}  // namespace

Status ParseConfig(const std::string& text, const std::string& origin,
                   Config* config) {
  std::vector<std::string> problems;
  ParseConfigLines(text, origin, config, &problems);
  if (!problems.empty()) return Status::InvalidInput(problems.front());
  return Status::Ok();
}

Status DeriveConfigKeys(const std::string& secret, PurposeKeys* keys) {
  *keys = PurposeKeys{};
  if (secret.empty()) return Status::Ok();
  // Distinct labels make the keys independent; "v1" leaves room for a
  // derivation that changes one day without reusing a label.
  const struct {
    const char* label;
    std::string PurposeKeys::*key;
  } purposes[] = {
      {"umin-passwd access-code v1", &PurposeKeys::access_code},
      {"umin-passwd csrf v1", &PurposeKeys::csrf},
      {"umin-passwd receipt v1", &PurposeKeys::receipt},
      {"umin-passwd rate-limit subject v1", &PurposeKeys::rate_subject},
  };
  for (const auto& p : purposes) {
    Status s = HkdfSha256(secret, "", p.label, kSha256Size, &(keys->*p.key));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status FillMissingSecrets(const std::string& text, std::string* out,
                          std::vector<std::string>* written) {
  out->clear();
  written->clear();
  static const char* const kSecretKeys[] = {"code_hmac_key", "outbox_key"};
  auto fresh = [&](const std::string& key, std::string* line) {
    std::string bytes;
    Status s = RandomBytes(kMinSecretBytes, &bytes);
    if (s.ok()) *line = key + " = " + HexEncode(bytes);
    written->push_back(key);
    return s;
  };
  const std::regex assignment(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$)");
  std::set<std::string> seen;
  std::istringstream in(text);
  std::string line;
  // A missing key goes before the first section, where top-level keys are.
  std::string sections;
  while (std::getline(in, line)) {
    if (!sections.empty() || Trim(line).rfind('[', 0) == 0) {
      sections += line + "\n";
      continue;
    }
    std::smatch m;
    if (std::regex_match(line, m, assignment)) {
      const std::string key = m[1], value = m[2];
      for (const char* secret : kSecretKeys) {
        if (key != secret || seen.count(key)) continue;
        seen.insert(key);
        if (value.find_first_not_of('0') == std::string::npos) {
          Status s = fresh(key, &line);
          if (!s.ok()) return s;
        }
      }
    }
    *out += line + "\n";
  }
  for (const char* secret : kSecretKeys) {
    if (seen.count(secret)) continue;
    std::string added;
    Status s = fresh(secret, &added);
    if (!s.ok()) return s;
    *out += added + "\n";
  }
  *out += sections;
  return Status::Ok();
}

Status InitConfigFile(const std::string& path,
                      std::vector<std::string>* written) {
  std::string text;
  struct stat before {};
  const bool existed = ::stat(path.c_str(), &before) == 0;
  if (existed) {
    std::ifstream file(path);
    if (!file) return Status::Internal("cannot read " + path);
    std::ostringstream read;
    read << file.rdbuf();
    text = read.str();
  }
  std::string filled;
  Status s = FillMissingSecrets(text, &filled, written);
  if (!s.ok()) return s;
  if (written->empty()) {
    return ::chmod(path.c_str(), 0640) == 0
               ? Status::Ok()
               : Status::Internal("cannot set the mode of " + path);
  }
  // Written beside and renamed, so a crash never leaves half a file.
  const std::string temp = path + ".passwdctl-new";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot write " + temp);
  bool ok = ::write(fd, filled.data(), filled.size()) ==
            static_cast<ssize_t>(filled.size());
  // Keeping root:umin-passwd matters when root runs it; as anyone else the
  // file stays theirs, which is what they can do.
  if (existed) (void)!::fchown(fd, before.st_uid, before.st_gid);
  ok = ok && ::fchmod(fd, 0640) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return Status::Internal("cannot write " + path);
  }
  return Status::Ok();
}

std::vector<std::string> ConfigProblems(const Config& config) {
  std::vector<std::string> problems;
  CheckSecret("code_hmac_key", config.code_hmac_key, &problems);
  CheckSecret("outbox_key", config.outbox_key, &problems);
  // The parser bounds the number; whether the hasher runs it at the block
  // size and parallelism it uses is the hasher's own bound.
  ScryptParams params;
  params.log2_n = static_cast<int>(config.scrypt_log2_n);
  if (!ScryptParamsRunnable(params)) {
    problems.push_back("scrypt_log2_n: the password hasher cannot run 2^" +
                       std::to_string(config.scrypt_log2_n) +
                       " (over its memory or work bound)");
  }
  for (const std::string& host : DbHostList(config.db_host)) {
    if (host.rfind("tcp://", 0) != 0 && host.rfind("unix://", 0) != 0) {
      problems.push_back("db_host: '" + host +
                         "' is not a tcp://host:port or unix:///path URL");
    }
  }
  if (DbHostList(config.db_host).empty()) {
    problems.push_back("db_host: no database URL");
  }
  long longest = config.smtp_timeout_seconds;
  for (const SyncTargetConfig& target : config.sync_targets) {
    longest = std::max(longest, TargetTimeoutSeconds(target));
  }
  if (config.worker_lease_seconds < 2 * longest) {
    problems.push_back(
        "worker_lease_seconds: " + std::to_string(config.worker_lease_seconds) +
        " is less than twice the longest SMTP or target timeout (" +
        std::to_string(longest) + " s)");
  }
  return problems;
}

std::vector<std::string> DbHostList(const std::string& db_host) {
  std::vector<std::string> hosts;
  std::istringstream in(db_host);
  std::string item;
  while (std::getline(in, item, ',')) {
    item = Trim(item);
    if (!item.empty()) hosts.push_back(item);
  }
  return hosts;
}

std::string HostName(const Config& config) {
  if (!config.host_name.empty()) return config.host_name;
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

std::string WorkerLeaseOwner(const Config& config) {
  return HostName(config) + ":" + std::to_string(getpid());
}

Status LoadCheckedConfig(const std::string& path, Config* config,
                         std::vector<std::string>* problems) {
  problems->clear();
  std::ifstream file(path);
  if (!file) {
    problems->push_back("cannot read configuration " + path);
  } else {
    std::ostringstream text;
    text << file.rdbuf();
    if (text.str().empty()) {
      problems->push_back(path + ": empty");
    }
    ParseConfigLines(text.str(), path, config, problems);
    for (auto& p : ConfigProblems(*config)) problems->push_back(path + ": " + p);
  }
  if (problems->empty()) return Status::Ok();
  return Status::InvalidInput(problems->front());
}

Status LoadCheckedConfigFromEnvironment(Config* config) {
  std::vector<std::string> problems;
  Status s = LoadCheckedConfig(ConfigPath(), config, &problems);
  if (s.ok()) return s;
  std::string line = "refusing to start: ";
  for (size_t i = 0; i < problems.size(); ++i) {
    line += (i ? "; " : "") + problems[i];
  }
  return Status::InvalidInput(line);
}

void UseDbAccount(DbAccount account, Config* config) {
  const std::string* user = nullptr;
  const std::string* password = nullptr;
  switch (account) {
    case DbAccount::kDefault:
      return;
    case DbAccount::kPages:
      user = &config->pages_db_user;
      password = &config->pages_db_password;
      break;
    case DbAccount::kConsole:
      user = &config->console_db_user;
      password = &config->console_db_password;
      break;
    case DbAccount::kWorkers:
      user = &config->worker_db_user;
      password = &config->worker_db_password;
      break;
  }
  if (user->empty()) return;
  config->db_user = *user;
  config->db_password = *password;
}

Status LoadConfigFile(const std::string& path, Config* config) {
  std::ifstream file(path);
  if (!file) return Status::Internal("cannot read configuration " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseConfig(text.str(), path, config);
}

std::string ConfigPath() {
  const char* path = std::getenv("PASSWD_CONFIG");
  return path && *path ? path : PASSWD_CONFIG_FILE;
}

Status LoadConfigFromEnvironment(Config* config) {
  return LoadConfigFile(ConfigPath(), config);
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> keys;
  for (const auto& entry : Setters()) keys.push_back(entry.first);
  return keys;
}

}  // namespace passwd
