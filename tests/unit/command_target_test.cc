// The command target: argument, standard input, exit status, time limit, and
// an output that never shows the hash.
#include "flow/command_target.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>

namespace passwd {
namespace {

const char kHash[] = "$6$rounds=5000$abcdefgh$hashhashhash";

// A shell script in a fresh folder, removed at the end.
struct Script {
  explicit Script(const std::string& body) {
    const char* tmp = std::getenv("TMPDIR");
    folder = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
             "/command-target-test.XXXXXX";
    BOOST_REQUIRE(mkdtemp(&folder[0]) != nullptr);
    path = folder + "/hook";
    std::ofstream(path) << "#!/bin/sh\n" << body;
    BOOST_REQUIRE(chmod(path.c_str(), 0700) == 0);
  }
  ~Script() {
    const std::string command = "rm -rf '" + folder + "'";
    if (std::system(command.c_str()) != 0) BOOST_TEST_MESSAGE("rm failed");
  }
  SyncTargetConfig Target(long timeout = 10) const {
    SyncTargetConfig t;
    t.name = "hook";
    t.kind = TargetKind::kCommand;
    t.path = path;
    t.timeout_seconds = timeout;
    return t;
  }
  std::string folder, path;
};

BOOST_AUTO_TEST_SUITE(command_target)

BOOST_AUTO_TEST_CASE(passes_the_id_as_argument_and_the_hash_on_stdin) {
  Script script(
      "read hash\n"
      "printf '%s %s\\n' \"$1\" \"$hash\" > \"$(dirname \"$0\")/got\"\n"
      "echo \"stored for $1\"\n");
  std::string output;
  Status s = RunTargetCommand(script.Target(), "umin101-test", kHash, &output);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::ifstream got(script.folder + "/got");
  std::string line;
  std::getline(got, line);
  BOOST_TEST(line == std::string("umin101-test ") + kHash);
  BOOST_TEST(output == "stored for umin101-test\n");
}

BOOST_AUTO_TEST_CASE(a_non_zero_exit_fails_and_the_output_hides_the_hash) {
  Script script("read hash\necho \"refused $hash\" >&2\nexit 3\n");
  std::string output;
  Status s = RunTargetCommand(script.Target(), "umin101-test", kHash, &output);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message() == "command hook: exit status 3");
  BOOST_TEST(output == "refused [hash]\n");
  BOOST_TEST(s.message().find(kHash) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_command_past_its_time_limit_is_killed) {
  Script script("sleep 30 &\nsleep 30\n");
  std::string output;
  const auto start = std::chrono::steady_clock::now();
  Status s = RunTargetCommand(script.Target(1), "umin101-test", kHash, &output);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message().find("killed after 1 s") != std::string::npos,
             s.message());
  const bool quick =
      std::chrono::steady_clock::now() - start < std::chrono::seconds(20);
  BOOST_TEST(quick);
}

BOOST_AUTO_TEST_CASE(caps_a_long_output) {
  Script script("head -c 100000 /dev/zero | tr '\\0' x\n");
  std::string output;
  BOOST_REQUIRE(RunTargetCommand(script.Target(), "a", kHash, &output).ok());
  BOOST_TEST(output.size() == kMaxCommandOutput);
}

BOOST_AUTO_TEST_CASE(a_missing_executable_fails) {
  SyncTargetConfig t;
  t.name = "gone";
  t.kind = TargetKind::kCommand;
  t.path = "/nonexistent/hook";
  std::string output;
  Status s = RunTargetCommand(t, "a", kHash, &output);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message().find("exit status 127") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
