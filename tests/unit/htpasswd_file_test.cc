// The htpasswd file rewrite, on files in a temporary folder.
#include "flow/htpasswd_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(htpasswd_file)

// A fresh folder under TMPDIR, removed with its files at the end.
class TempFolder {
 public:
  TempFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string name =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
        "/password-sync-test.XXXXXX";
    BOOST_REQUIRE(mkdtemp(&name[0]) != nullptr);
    path_ = name;
  }
  ~TempFolder() {
    const std::string command = "rm -rf '" + path_ + "'";
    if (std::system(command.c_str()) != 0) {
      BOOST_TEST_MESSAGE("cannot remove " << path_);
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary);
  file << content;
}

// The names in `folder` other than "." and "..", sorted.
std::string FolderListing(const std::string& folder) {
  const std::string command = "ls -A '" + folder + "'";
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  BOOST_REQUIRE(p != nullptr);
  char buffer[256];
  while (fgets(buffer, sizeof buffer, p) != nullptr) out += buffer;
  pclose(p);
  return out;
}

const char kHashA[] = "$6$saltsaltsaltsalt$aaaa";
const char kHashB[] = "$6$saltsaltsaltsalt$bbbb";

BOOST_AUTO_TEST_CASE(creates_a_missing_file_with_mode_0640) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  Status s = WriteHtpasswdEntry(path, "umin101", kHashA);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(ReadFile(path) == std::string("umin101:") + kHashA + "\n");
  struct stat st;
  BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 07777) == 0640u);
  // No temporary file is left behind; only the lock file sits beside it.
  BOOST_TEST(FolderListing(folder.path()) == "htpasswd\nhtpasswd.lock\n");
}

BOOST_AUTO_TEST_CASE(replaces_a_line_and_keeps_the_others_in_order) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  WriteFile(path,
            "alice:$6$x$alice\n"
            "umin101:$6$old$old\n"
            "umin1010:$6$y$other\n"
            "bob:$apr1$z$bob");  // no final newline
  Status s = WriteHtpasswdEntry(path, "umin101", kHashB);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(ReadFile(path) ==
             std::string("alice:$6$x$alice\n") + "umin101:" + kHashB + "\n" +
                 "umin1010:$6$y$other\n" + "bob:$apr1$z$bob\n");
}

BOOST_AUTO_TEST_CASE(appends_a_new_user_at_the_end) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  WriteFile(path, "alice:$6$x$alice\nbob:$6$z$bob\n");
  BOOST_REQUIRE(WriteHtpasswdEntry(path, "umin102", kHashA).ok());
  BOOST_REQUIRE(WriteHtpasswdEntry(path, "umin103", kHashB).ok());
  BOOST_TEST(ReadFile(path) == std::string("alice:$6$x$alice\nbob:$6$z$bob\n") +
                                   "umin102:" + kHashA + "\n" +
                                   "umin103:" + kHashB + "\n");
}

BOOST_AUTO_TEST_CASE(drops_a_duplicate_line_of_the_same_user) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  WriteFile(path, "umin101:$6$a$a\nalice:$6$x$alice\numin101:$6$b$b\n");
  BOOST_REQUIRE(WriteHtpasswdEntry(path, "umin101", kHashA).ok());
  BOOST_TEST(ReadFile(path) ==
             std::string("umin101:") + kHashA + "\nalice:$6$x$alice\n");
}

BOOST_AUTO_TEST_CASE(refuses_a_bad_user_or_hash_and_leaves_the_file) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  const std::string before = "alice:$6$x$alice\n";
  WriteFile(path, before);
  const std::string bad_users[] = {"", "a:b", "a\nb", "a\rb",
                                   std::string("a\0b", 3)};
  for (const std::string& user : bad_users) {
    Status s = WriteHtpasswdEntry(path, user, kHashA);
    BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
  }
  const std::string bad_hashes[] = {"", "$6$a:b", "$6$a\nmallory:x"};
  for (const std::string& hash : bad_hashes) {
    Status s = WriteHtpasswdEntry(path, "umin101", hash);
    BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
  }
  BOOST_TEST(ReadFile(path) == before);
}

BOOST_AUTO_TEST_CASE(keeps_the_group_of_the_old_file) {
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  WriteFile(path, "alice:$6$x$alice\n");
  // Another group than the process's: any for root, else none to try.
  const gid_t other = getegid() + 1;
  if (chown(path.c_str(), static_cast<uid_t>(-1), other) != 0) {
    BOOST_TEST_MESSAGE("skipped: cannot give the file another group");
    return;
  }
  BOOST_REQUIRE(WriteHtpasswdEntry(path, "umin101", kHashA).ok());
  struct stat st;
  BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
  BOOST_TEST(st.st_gid == other);
  BOOST_TEST((st.st_mode & 07777) == 0640u);
}

BOOST_AUTO_TEST_CASE(fails_in_a_missing_folder) {
  TempFolder folder;
  const std::string path = folder.path() + "/missing/htpasswd";
  Status s = WriteHtpasswdEntry(path, "umin101", kHashA);
  BOOST_TEST((s.code() == Status::Code::kUnavailable), s.ToString());
  BOOST_TEST(s.message().find(path) != std::string::npos, s.ToString());
}

BOOST_AUTO_TEST_CASE(fails_on_a_folder_that_cannot_be_written) {
  if (geteuid() == 0) {
    BOOST_TEST_MESSAGE("skipped: root writes anywhere");
    return;
  }
  TempFolder folder;
  const std::string path = folder.path() + "/htpasswd";
  WriteFile(path, "alice:$6$x$alice\n");
  BOOST_REQUIRE(chmod(folder.path().c_str(), 0500) == 0);
  Status s = WriteHtpasswdEntry(path, "umin101", kHashA);
  BOOST_REQUIRE(chmod(folder.path().c_str(), 0700) == 0);
  BOOST_TEST((s.code() == Status::Code::kUnavailable), s.ToString());
  BOOST_TEST(ReadFile(path) == "alice:$6$x$alice\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
