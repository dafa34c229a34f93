// The propagation targets of the configuration: `[target NAME]` sections,
// their kinds and keys, and what check-config refuses in them.
#include "base/sync_target_config.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "base/config.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(sync_target_config)

const char kLdap[] =
    "[target directory]\n"
    "kind = ldap\n"
    "uri = ldaps://ldap.example.org\n"
    "bind_dn = cn=passwd,dc=example,dc=org\n"
    "bind_password = s3cret-bind\n"
    "base_dn = ou=people,dc=example,dc=org\n";

BOOST_AUTO_TEST_CASE(parses_targets_of_each_kind_in_order) {
  Config c;
  Status s = ParseConfig(
      "sync_interval_seconds = 60\n" + std::string(kLdap) +
          "filter = (&(objectClass=person)(uid=%s))\n"
          "timeout_seconds = 5\n"
          "\n[target web-1]\nkind = htpasswd\npath = /srv/web/passwd\n"
          "host = app1.example.org\n"
          "[target hook]\nkind = command\npath = /usr/local/bin/hook\n",
      "t", &c);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(c.sync_interval_seconds == 60);
  BOOST_REQUIRE_EQUAL(c.sync_targets.size(), 3u);
  const SyncTargetConfig& ldap = c.sync_targets[0];
  BOOST_TEST(ldap.name == "directory");
  BOOST_TEST((ldap.kind == TargetKind::kLdap));
  BOOST_TEST(ldap.uri == "ldaps://ldap.example.org");
  BOOST_TEST(ldap.bind_password == "s3cret-bind");
  BOOST_TEST(ldap.filter == "(&(objectClass=person)(uid=%s))");
  BOOST_TEST(ldap.starttls);
  BOOST_TEST(TargetTimeoutSeconds(ldap) == 5);
  BOOST_TEST(c.sync_targets[1].name == "web-1");
  BOOST_TEST((c.sync_targets[1].kind == TargetKind::kHtpasswd));
  BOOST_TEST(c.sync_targets[1].host == "app1.example.org");
  BOOST_TEST((c.sync_targets[2].kind == TargetKind::kCommand));
  BOOST_TEST(TargetTimeoutSeconds(c.sync_targets[2]) ==
             kCommandDefaultTimeoutSeconds);
  BOOST_TEST(c.sync_crypt_rounds == 100000);
}

BOOST_AUTO_TEST_CASE(no_section_means_no_target) {
  Config c;
  BOOST_REQUIRE(ParseConfig("db_name = x\n", "t", &c).ok());
  BOOST_TEST(c.sync_targets.empty());
}

struct BadCase {
  std::string text;
  std::string line;  // "t:N:" the first problem names
  std::string says;  // part of the first problem
};

BOOST_AUTO_TEST_CASE(refuses_bad_sections_naming_the_line) {
  const std::string ldap = kLdap;
  const BadCase cases[] = {
      {"[target a]\npath = /x\n", "t:1:", "kind missing"},
      {"[target a]\nkind = ftp\n",
       "t:2:", "expected ldap, htpasswd or command"},
      {"[target a]\nkind = command\npath = /x\ncolour = red\n",
       "t:4:", "unknown key 'colour'"},
      {"[target a]\nkind = command\npath = /x\nhost = h\n",
       "t:4:", "unknown key 'host'"},
      {"[target a]\nkind = command\n", "t:1:", "path: missing"},
      {"[target a]\nkind = command\npath = bin/x\n",
       "t:3:", "absolute file path"},
      {"[target a]\nkind = command\npath = /x\ntimeout_seconds = 0\n",
       "t:4:", "not a number"},
      {"[target a]\nkind = htpasswd\npath = /x\n", "t:1:", "host: missing"},
      {"[target a]\nkind = command\npath = /x\n[target a]\nkind = command\n"
       "path = /y\n",
       "t:4:", "named twice"},
      {"[target bad name!]\nkind = command\npath = /x\n",
       "t:1:", "expected a section header"},
      {"[target -a]\nkind = command\npath = /x\n", "t:1:", "a name is"},
      {"[source a]\nkind = command\npath = /x\n",
       "t:1:", "expected a section header"},
      {"[target a]\nkind = command\npath = /x\ndb_name = y\n",
       "t:4:", "unknown key 'db_name'"},
      {ldap + "uri = ldap://ldap.example.org\n", "t:7:", "given twice"},
      {"[target d]\nkind = ldap\nuri = http://x\nbind_dn = a\n"
       "bind_password = b\nbase_dn = c\n",
       "t:1:", "uri: expected"},
      {"[target d]\nkind = ldap\nuri = ldap://x.example\nbind_dn = a\n"
       "bind_password = b\nbase_dn = c\nstarttls = false\n",
       "t:1:", "loopback host only"},
      {"[target d]\nkind = ldap\nuri = ldap://x\nbind_dn = a\nbase_dn = c\n",
       "t:1:", "exactly one of bind_password"},
      {"[target d]\nkind = ldap\nuri = ldap://x\nbind_dn = a\n"
       "bind_password = b\nbind_password_file = /p\nbase_dn = c\n",
       "t:1:", "exactly one of bind_password"},
      {"[target d]\nkind = ldap\nuri = ldap://x\nbind_dn = a\n"
       "bind_password = b\n",
       "t:1:", "base_dn: missing"},
      {ldap + "filter = uid=%s\n", "t:1:", "filter: expected"},
      {ldap + "filter = (uid=%s)(cn=%s)\n", "t:1:", "filter: expected"},
      {ldap + "filter = (uid=x)\n", "t:1:", "filter: expected"},
      {"sync_crypt_rounds = 4999\n", "t:1:", "not a number"},
      {"sync_crypt_rounds = 5000001\n", "t:1:", "not a number"},
  };
  for (const BadCase& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      Config config;
      Status s = ParseConfig(c.text, "t", &config);
      BOOST_REQUIRE(!s.ok());
      BOOST_TEST(s.message().find(c.line) == 0u, s.message());
      BOOST_TEST(s.message().find(c.says) != std::string::npos, s.message());
      // A configuration with a bad section runs no target at all.
      BOOST_TEST(config.sync_targets.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_problem_never_quotes_the_bind_password) {
  Config c;
  Status s = ParseConfig(std::string(kLdap) + "starttls = perhaps\n", "t", &c);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.message().find("s3cret-bind") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(starttls_may_be_off_for_a_loopback_host_only) {
  for (const char* host :
       {"127.0.0.1", "localhost", "[::1]", "127.0.0.1:3890"}) {
    BOOST_TEST_CONTEXT(host) {
      Config c;
      Status s = ParseConfig(
          std::string("[target d]\nkind = ldap\nuri = ldap://") + host +
              "\nbind_dn = a\nbind_password = b\nbase_dn = c\n"
              "starttls = false\n",
          "t", &c);
      BOOST_TEST(s.ok(), s.ToString());
    }
  }
}

BOOST_AUTO_TEST_CASE(each_kind_has_its_keys) {
  BOOST_TEST(TargetKeys(TargetKind::kHtpasswd) ==
                 (std::vector<std::string>{"host", "path"}),
             boost::test_tools::per_element());
  BOOST_TEST(TargetKeys(TargetKind::kCommand) ==
                 (std::vector<std::string>{"path", "timeout_seconds"}),
             boost::test_tools::per_element());
  BOOST_TEST(TargetKeys(TargetKind::kLdap).size() == 9u);
  BOOST_TEST(IsTargetName("a"));
  BOOST_TEST(IsTargetName("ldap.main-1_x"));
  BOOST_TEST(!IsTargetName(""));
  BOOST_TEST(!IsTargetName(std::string(65, 'a')));
  BOOST_TEST(!IsTargetName("a b"));
}

BOOST_AUTO_TEST_CASE(init_adds_a_missing_secret_above_the_sections) {
  std::string out;
  std::vector<std::string> written;
  BOOST_REQUIRE(FillMissingSecrets(
                    "db_name = x\n[target hook]\nkind = command\npath = /x\n",
                    &out, &written)
                    .ok());
  BOOST_TEST(written.size() == 2u);
  Config c;
  Status s = ParseConfig(out, "t", &c);
  BOOST_TEST(s.ok(), s.ToString());
  BOOST_TEST(ConfigProblems(c).empty());
  BOOST_TEST(c.sync_targets.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
