#include "base/config.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "base/crypto.h"
#include "base/text.h"

#ifndef PASSWD_CONFIG_FILE
#define PASSWD_CONFIG_FILE "/etc/passwd/passwd.conf"
#endif
#ifndef PASSWD_DICTIONARY
#define PASSWD_DICTIONARY "words.dict"
#endif
#ifndef PASSWD_TEMPLATES_DIR
#define PASSWD_TEMPLATES_DIR "templates"
#endif

namespace passwd {
namespace {

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

// A 32-byte secret written as 64 hex digits; stored decoded.
Setter Secret(std::string Config::*field) {
  return [field](const std::string& value, Config* c) {
    std::string bytes;
    if (!HexDecode(value, &bytes).ok() || bytes.size() != 32) {
      return Status::InvalidInput("expected 64 hex digits");
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
      {"pages_db_user", Text(&Config::pages_db_user)},
      {"pages_db_password", Text(&Config::pages_db_password)},
      {"console_db_user", Text(&Config::console_db_user)},
      {"console_db_password", Text(&Config::console_db_password)},
      {"worker_db_user", Text(&Config::worker_db_user)},
      {"worker_db_password", Text(&Config::worker_db_password)},
      {"templates_dir", Text(&Config::templates_dir)},
      {"max_body_bytes", Number(&Config::max_body_bytes, 1024, 1 << 20)},
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
      {"sync_targets", Text(&Config::sync_targets)},
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
      {"test_clock_offset_file", Text(&Config::test_clock_offset_file)},
  };
  return *setters;
}

}  // namespace

Status ParseConfig(const std::string& text, const std::string& origin,
                   Config* config) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string where = origin + ":" + std::to_string(number) + ": ";
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidInput(where + "expected key = value");
    }
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    auto it = Setters().find(key);
    if (it == Setters().end()) {
      return Status::InvalidInput(where + "unknown key '" + key + "'");
    }
    Status s = it->second(value, config);
    if (!s.ok()) return Status::InvalidInput(where + key + ": " + s.message());
  }
  if (config->templates_dir.empty()) {
    config->templates_dir = PASSWD_TEMPLATES_DIR;
  }
  if (config->dictionary_path.empty()) {
    config->dictionary_path = PASSWD_DICTIONARY;
  }
  return Status::Ok();
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

Status LoadConfigFromEnvironment(Config* config) {
  const char* path = std::getenv("PASSWD_CONFIG");
  return LoadConfigFile(path && *path ? path : PASSWD_CONFIG_FILE, config);
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> keys;
  for (const auto& entry : Setters()) keys.push_back(entry.first);
  return keys;
}

}  // namespace passwd
