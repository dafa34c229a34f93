// The new password page's live marks agree with the server: one table of
// passwords (tests/js/password_marks.tsv) goes through CheckPassword and,
// in node, through the page's own script (static/passwd.js, driven by
// tests/js/passwd_marks.js); every mark the script shows (length, mix,
// sequence) must be the table's and the server's.
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "domain/dictionary.h"
#include "domain/password_policy.h"

namespace passwd {
namespace {

const std::string kSourceDir = PASSWD_SOURCE_DIR;
const std::string kTable = kSourceDir + "/tests/js/password_marks.tsv";

struct MarkCase {
  int line = 0;
  std::string password;
  std::string length;  // "met" or "broken"
  std::string mix;
  std::string sequence;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string::npos;
       start = tab + 1) {
    fields.push_back(line.substr(start, tab - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

std::vector<MarkCase> ReadTable() {
  std::ifstream file(kTable);
  BOOST_REQUIRE_MESSAGE(file, "cannot read " << kTable);
  std::vector<MarkCase> cases;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = SplitTabs(line);
    BOOST_REQUIRE_MESSAGE(f.size() == 4, kTable << ":" << number);
    cases.push_back({number, f[0], f[1], f[2], f[3]});
  }
  return cases;
}

const char* Mark(bool broken) { return broken ? "broken" : "met"; }

// The marks the server's check gives: "length" stands for the length and
// the characters rules, as the page's list has one bullet for both.
std::vector<std::string> ServerMarks(const std::string& password) {
  const std::unique_ptr<Dictionary> dict = Dictionary::FromWords({});
  bool length = false, mix = false, sequence = false;
  for (const PolicyViolation& v :
       CheckPassword(password, password, "tnkmrs-q7z", *dict)) {
    length = length || v.rule == PolicyRule::kLength ||
             v.rule == PolicyRule::kCharacters;
    mix = mix || v.rule == PolicyRule::kFirstEightMix;
    sequence = sequence || v.rule == PolicyRule::kSequence;
  }
  return {Mark(length), Mark(mix), Mark(sequence)};
}

// Runs `command` and returns its standard output, or fails the test.
std::string Output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  const int status = pclose(pipe);
  BOOST_REQUIRE_MESSAGE(status == 0, command << " exited with " << status
                                             << " (is nodejs installed?)");
  return out;
}

BOOST_AUTO_TEST_SUITE(password_marks)

BOOST_AUTO_TEST_CASE(server_marks_are_the_tables) {
  const std::vector<MarkCase> cases = ReadTable();
  BOOST_TEST(cases.size() > 50u);
  for (const MarkCase& c : cases) {
    BOOST_TEST_CONTEXT("line " << c.line << ": " << c.password) {
      const std::vector<std::string> expected = {c.length, c.mix, c.sequence};
      BOOST_TEST(ServerMarks(c.password) == expected,
                 boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(page_script_marks_agree_with_the_server) {
  const std::vector<MarkCase> cases = ReadTable();
  const std::string out =
      Output("node '" + kSourceDir + "/tests/js/passwd_marks.js' '" +
             kSourceDir + "/static/passwd.js' '" + kTable + "'");
  std::istringstream lines(out);
  std::string line;
  size_t i = 0;
  for (; std::getline(lines, line); ++i) {
    BOOST_REQUIRE(i < cases.size());
    const MarkCase& c = cases[i];
    BOOST_TEST_CONTEXT("line " << c.line << ": " << c.password) {
      const std::vector<std::string> f = SplitTabs(line);
      BOOST_REQUIRE(f.size() == 4u);
      BOOST_TEST(f[0] == std::to_string(c.line));
      const std::vector<std::string> script = {f[1], f[2], f[3]};
      BOOST_TEST(script == ServerMarks(c.password),
                 boost::test_tools::per_element());
    }
  }
  BOOST_TEST(i == cases.size());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
