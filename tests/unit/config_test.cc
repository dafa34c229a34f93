// The configuration parser, and the example file documenting every key.
#include "base/config.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>
#include <sstream>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(parses_keys_values_and_comments) {
  Config c;
  Status s = ParseConfig(
      "# comment\n\n  db_name = other  \nmax_body_bytes=2048\n"
      "smtp_starttls = true\ninquiry_url = https://x.example/a?b=c=d\n"
      "smtp_password =\n",
      "test", &c);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(c.db_name == "other");
  BOOST_TEST(c.max_body_bytes == 2048);
  BOOST_TEST(c.smtp_starttls);
  BOOST_TEST(c.inquiry_url == "https://x.example/a?b=c=d");
  BOOST_TEST(c.smtp_password == "");
  BOOST_TEST(!c.templates_dir.empty());
}

BOOST_AUTO_TEST_CASE(defaults_match_the_spec) {
  Config c;
  BOOST_REQUIRE(ParseConfig("", "empty", &c).ok());
  BOOST_TEST(
      c.inquiry_url ==
      "https://center6.umin.ac.jp/cgi-open-bin/toiawase/input?service=touroku");
  BOOST_TEST(c.umin_mail_domain == "umin.ac.jp");
  BOOST_TEST(c.test_clock_offset_file.empty());
}

BOOST_AUTO_TEST_CASE(refuses_bad_lines_with_their_line_number) {
  struct Case {
    std::string text, where;
  } cases[] = {
      {"db_nmae = typo\n", "test:1:"},
      {"\n\nno equals sign\n", "test:3:"},
      {"max_body_bytes = 12k\n", "test:1:"},
      {"max_body_bytes = 10\n", "test:1:"},
      {"smtp_starttls = maybe\n", "test:1:"},
      {"cookie_secure = sometimes\n", "test:1:"},
      {"code_hmac_key = abcd\n", "test:1:"},
      {"outbox_key = zz" + std::string(62, '0') + "\n", "test:1:"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      Config config;
      Status s = ParseConfig(c.text, "test", &config);
      BOOST_TEST(!s.ok());
      BOOST_TEST(s.message().find(c.where) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(decodes_secrets) {
  Config c;
  std::string hex(64, 'a');
  BOOST_REQUIRE(ParseConfig("code_hmac_key = " + hex, "t", &c).ok());
  BOOST_TEST(c.code_hmac_key == std::string(32, '\xaa'));
}

BOOST_AUTO_TEST_CASE(example_file_documents_every_key) {
  std::ifstream file(std::string(PASSWD_SOURCE_DIR) +
                     "/etc/passwd.conf.example");
  BOOST_REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  Config c;
  Status s = ParseConfig(text.str(), "passwd.conf.example", &c);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::set<std::string> in_example;
  std::istringstream lines(text.str());
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    in_example.insert(line.substr(0, line.find_first_of(" =")));
  }
  for (const auto& key : ConfigKeys()) {
    BOOST_TEST_CONTEXT(key) { BOOST_TEST(in_example.count(key) == 1u); }
  }
}

BOOST_AUTO_TEST_CASE(judges_the_secrets) {
  const std::string good(64, 'a'), zero(64, '0');
  // Two good secrets, for the cases about other keys.
  const std::string keys =
      "code_hmac_key = " + good + "\noutbox_key = " + good + "\n";
  struct Case {
    std::string text;
    std::vector<std::string> problems;  // the key each problem line names
  } cases[] = {
      {"code_hmac_key = " + good + "\noutbox_key = " + good + "\n", {}},
      {"", {"code_hmac_key", "outbox_key"}},
      {"code_hmac_key =\noutbox_key = " + good + "\n", {"code_hmac_key"}},
      {"code_hmac_key = " + good + "\noutbox_key = " + zero + "\n",
       {"outbox_key"}},
      {"code_hmac_key = " + zero + "\noutbox_key = " + zero + "\n",
       {"code_hmac_key", "outbox_key"}},
      // The parser takes 14 to 20; at r=8, p=3 the hasher runs up to 2^17.
      {"code_hmac_key = " + good + "\noutbox_key = " + good +
           "\nscrypt_log2_n = 17\n",
       {}},
      {"code_hmac_key = " + good + "\noutbox_key = " + good +
           "\nscrypt_log2_n = 18\n",
       {"scrypt_log2_n"}},
      // The nodes of a cluster: each a URL.
      {keys + "db_host = tcp://a:3306, unix:///run/m.sock,tcp://c:3306\n", {}},
      {keys + "db_host = tcp://a:3306, b:3306\n", {"db_host"}},
      {keys + "db_host = ,\n", {"db_host"}},
      // A lease outlives twice the longest SMTP or target timeout.
      {keys + "smtp_timeout_seconds = 30\nworker_lease_seconds = 60\n", {}},
      {keys + "smtp_timeout_seconds = 30\nworker_lease_seconds = 59\n",
       {"worker_lease_seconds"}},
      {keys + "worker_lease_seconds = 100\n[target t]\nkind = command\n"
              "path = /bin/true\ntimeout_seconds = 51\n",
       {"worker_lease_seconds"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      Config config;
      BOOST_REQUIRE(ParseConfig(c.text, "t", &config).ok());
      std::vector<std::string> problems = ConfigProblems(config);
      BOOST_REQUIRE(problems.size() == c.problems.size());
      for (size_t i = 0; i < problems.size(); ++i) {
        BOOST_TEST(problems[i].find(c.problems[i] + ":") == 0u);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_shipped_example_is_refused_naming_both_keys) {
  Config c;
  std::vector<std::string> problems;
  Status s = LoadCheckedConfig(
      std::string(PASSWD_SOURCE_DIR) + "/etc/passwd.conf.example", &c,
      &problems);
  BOOST_TEST(!s.ok());
  BOOST_REQUIRE(problems.size() == 2u);
  BOOST_TEST(problems[0].find("code_hmac_key: all zero") != std::string::npos);
  BOOST_TEST(problems[1].find("outbox_key: all zero") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lists_every_unparsable_line) {
  char path[] = "/tmp/config_test.XXXXXX";
  int fd = mkstemp(path);
  BOOST_REQUIRE(fd >= 0);
  const std::string text = "db_nmae = x\nmax_body_bytes = 1\n";
  BOOST_REQUIRE(write(fd, text.data(), text.size()) ==
                static_cast<ssize_t>(text.size()));
  close(fd);
  Config c;
  std::vector<std::string> problems;
  BOOST_TEST(!LoadCheckedConfig(path, &c, &problems).ok());
  unlink(path);
  // Two bad lines, then the two missing keys.
  BOOST_TEST(problems.size() == 4u);
}

BOOST_AUTO_TEST_CASE(derives_a_distinct_key_per_purpose) {
  Config c;
  BOOST_REQUIRE(
      ParseConfig("code_hmac_key = " + std::string(64, 'a'), "t", &c).ok());
  const std::set<std::string> keys = {c.code_hmac_key, c.keys.access_code,
                                      c.keys.csrf, c.keys.receipt,
                                      c.keys.rate_subject};
  BOOST_TEST(keys.size() == 5u);
  for (const auto& key : keys) BOOST_TEST(key.size() == 32u);
  PurposeKeys again;
  BOOST_REQUIRE(DeriveConfigKeys(c.code_hmac_key, &again).ok());
  BOOST_TEST(again.csrf == c.keys.csrf);
  Config empty;
  BOOST_REQUIRE(ParseConfig("", "t", &empty).ok());
  BOOST_TEST(empty.keys.csrf.empty());
}

BOOST_AUTO_TEST_CASE(fills_missing_empty_and_zero_secrets_only) {
  const std::string kept(64, 'b');
  struct Case {
    std::string text;
    std::vector<std::string> written;
  } cases[] = {
      {"", {"code_hmac_key", "outbox_key"}},
      {"# c\ncode_hmac_key = " + kept + "\noutbox_key =\n", {"outbox_key"}},
      {"code_hmac_key = " + std::string(64, '0') + "\noutbox_key = " + kept,
       {"code_hmac_key"}},
      {"code_hmac_key = " + kept + "\noutbox_key = " + kept + "\n", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      std::string out;
      std::vector<std::string> written;
      BOOST_REQUIRE(FillMissingSecrets(c.text, &out, &written).ok());
      BOOST_TEST(written == c.written, boost::test_tools::per_element());
      Config config;
      BOOST_REQUIRE(ParseConfig(out, "t", &config).ok());
      BOOST_TEST(ConfigProblems(config).empty());
      if (c.text.find("# c") == 0) BOOST_TEST(out.find("# c\n") == 0u);
      if (c.text.find(kept) != std::string::npos) {
        BOOST_TEST(out.find(kept) != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(splits_the_node_list_and_names_the_host) {
  BOOST_TEST(DbHostList("tcp://a:1") == std::vector<std::string>{"tcp://a:1"});
  BOOST_TEST(DbHostList(" tcp://a:1 ,tcp://b:2,, unix:///s ") ==
             (std::vector<std::string>{"tcp://a:1", "tcp://b:2", "unix:///s"}));
  BOOST_TEST(DbHostList(" , ").empty());
  Config config;
  BOOST_TEST(!HostName(config).empty());
  config.host_name = "app2";
  BOOST_TEST(HostName(config) == "app2");
  BOOST_TEST(WorkerLeaseOwner(config) ==
             "app2:" + std::to_string(getpid()));
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_error) {
  Config c;
  BOOST_TEST(!LoadConfigFile("/nonexistent/passwd.conf", &c).ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
