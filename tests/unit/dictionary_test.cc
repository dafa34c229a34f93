#include "domain/dictionary.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/password_policy.h"

namespace passwd {
namespace {

// Writes `contents` to a fresh file under the temporary directory and
// removes it when the object goes away.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") +
            "/dictionary_test_XXXXXX";
    const int fd = mkstemp(&path_[0]);
    BOOST_REQUIRE_MESSAGE(fd >= 0, "cannot create a temporary file");
    close(fd);
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << contents;
    BOOST_REQUIRE(out.good());
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::unique_ptr<Dictionary> SmallDictionary() {
  return Dictionary::FromWords({"house", "housed", "household", "dragon",
                                "apple", "zebra", "aaaaa", "Sunshine", "cat",
                                "don't", "caf\xc3\xa9s", "apple"});
}

BOOST_AUTO_TEST_SUITE(dictionary)

BOOST_AUTO_TEST_CASE(normalize_word) {
  struct NormalizeCase {
    std::string raw;
    bool kept;
    std::string word;
  };
  const std::vector<NormalizeCase> cases = {
      {"house", true, "house"},
      {"House", true, "house"},
      {"HOUSE", true, "house"},
      {"abcde", true, "abcde"},
      {"abcd", false, ""},
      {"", false, ""},
      {"don't", false, ""},
      {"houses's", false, ""},
      {"caf\xc3\xa9s", false, ""},
      {"two words", false, ""},
      {"house\r", false, ""},
      {"12345", false, ""},
      {"Zyuganov", true, "zyuganov"},
  };
  for (const NormalizeCase& c : cases) {
    BOOST_TEST_CONTEXT("raw: " << c.raw) {
      std::string word;
      BOOST_TEST(Dictionary::NormalizeWord(c.raw, &word) == c.kept);
      if (c.kept) BOOST_TEST(word == c.word);
    }
  }
}

BOOST_AUTO_TEST_CASE(from_words_keeps_normalized_unique_words) {
  const std::unique_ptr<Dictionary> dict = SmallDictionary();
  // house, housed, household, dragon, apple, zebra, aaaaa, sunshine.
  BOOST_TEST(dict->size() == 8u);
  BOOST_TEST(dict->Contains("sunshine"));
  BOOST_TEST(dict->Contains("aaaaa"));
  BOOST_TEST(dict->Contains("zebra"));
  BOOST_TEST(!dict->Contains("cat"));
  BOOST_TEST(!dict->Contains("hous"));
  BOOST_TEST(!dict->Contains("houses"));
  BOOST_TEST(!dict->Contains("zebras"));
  BOOST_TEST(!dict->Contains(""));
  BOOST_TEST(Dictionary::FromWords({})->size() == 0u);
}

BOOST_AUTO_TEST_CASE(find_word_in) {
  struct FindCase {
    std::string text;
    bool found;
    std::string word;  // The reported word when found.
  };
  const std::vector<FindCase> cases = {
      {"house", true, "house"},
      {"HoUsE", true, "house"},
      {"xxHOUSExx", true, "house"},
      {"Xk9#house", true, "house"},
      {"housed", true, "housed"},  // The longest at that position.
      {"households", true, "household"},
      {"dragonhouse", true, "dragon"},  // The leftmost position.
      {"ddragon", true, "dragon"},      // A failed start, then a match.
      {"hhousehold", true, "household"},
      {"12apple", true, "apple"},
      {"aaaaaa", true, "aaaaa"},
      {"xSUNSHINEx", true, "sunshine"},
      {"hous", false, ""},
      {"hou5e", false, ""},
      {"drago", false, ""},
      {"cat", false, ""},
      {"catcatcat", false, ""},
      {"zebr", false, ""},
      {"", false, ""},
      {"Xk9#mPq2", false, ""},
      {"caf\xc3\xa9s", false, ""},
  };
  const std::unique_ptr<Dictionary> dict = SmallDictionary();
  for (const FindCase& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      std::string word = "unchanged";
      BOOST_TEST(dict->FindWordIn(c.text, &word) == c.found);
      if (c.found) {
        BOOST_TEST(word == c.word);
      } else {
        BOOST_TEST(word == "unchanged");
      }
      BOOST_TEST(dict->FindWordIn(c.text, nullptr) == c.found);
    }
  }
  BOOST_TEST(!Dictionary::FromWords({})->FindWordIn("household", nullptr));
}

BOOST_AUTO_TEST_CASE(serialize_then_load_round_trips) {
  const std::unique_ptr<Dictionary> dict = SmallDictionary();
  const std::string contents = dict->Serialize();
  BOOST_TEST(contents ==
             "passwd-dictionary 1\naaaaa\napple\ndragon\nhouse\nhoused\n"
             "household\nsunshine\nzebra\n");
  TempFile file(contents);
  std::unique_ptr<Dictionary> loaded;
  const Status s = Dictionary::Load(file.path(), &loaded);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(loaded->size() == dict->size());
  BOOST_TEST(loaded->Serialize() == contents);
  std::string word;
  BOOST_TEST(loaded->FindWordIn("MyHousehold1", &word));
  BOOST_TEST(word == "household");
}

BOOST_AUTO_TEST_CASE(load_accepts_header_only) {
  TempFile file("passwd-dictionary 1\n");
  std::unique_ptr<Dictionary> loaded;
  const Status s = Dictionary::Load(file.path(), &loaded);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(loaded->size() == 0u);
}

BOOST_AUTO_TEST_CASE(load_rejects_malformed_files) {
  struct BadFile {
    std::string name;
    std::string contents;
  };
  const std::vector<BadFile> cases = {
      {"empty file", ""},
      {"no header", "apple\nhouse\n"},
      {"wrong version", "passwd-dictionary 2\napple\n"},
      {"header without newline", "passwd-dictionary 1"},
      {"unsorted", "passwd-dictionary 1\nhouse\napple\n"},
      {"duplicate", "passwd-dictionary 1\napple\napple\n"},
      {"upper case", "passwd-dictionary 1\nApple\n"},
      {"short word", "passwd-dictionary 1\napple\ncat\n"},
      {"empty line", "passwd-dictionary 1\napple\n\nhouse\n"},
      {"apostrophe", "passwd-dictionary 1\ndon'ts\n"},
      {"carriage return", "passwd-dictionary 1\napple\r\n"},
      {"no final newline", "passwd-dictionary 1\napple\nhouse"},
      {"non-ASCII", "passwd-dictionary 1\ncaf\xc3\xa9s\n"},
  };
  for (const BadFile& c : cases) {
    BOOST_TEST_CONTEXT("case: " << c.name) {
      TempFile file(c.contents);
      std::unique_ptr<Dictionary> loaded;
      const Status s = Dictionary::Load(file.path(), &loaded);
      BOOST_TEST(!s.ok());
      BOOST_TEST(!loaded);
    }
  }
  std::unique_ptr<Dictionary> loaded;
  BOOST_TEST(!Dictionary::Load("/nonexistent/words.dict", &loaded).ok());
  BOOST_TEST(!loaded);
}

// The real dictionary built from wamerican by tools/build_dictionary; the test
// runner names it in PASSWD_DICTIONARY.
BOOST_AUTO_TEST_CASE(real_dictionary) {
  const char* path = std::getenv("PASSWD_DICTIONARY");
  BOOST_REQUIRE_MESSAGE(path != nullptr && *path != '\0',
                        "PASSWD_DICTIONARY is not set: run the unit tests "
                        "with PASSWD_DICTIONARY=build/dict/words.dict (made by "
                        "build/tools/build_dictionary)");
  std::unique_ptr<Dictionary> dict;
  const Status s = Dictionary::Load(path, &dict);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(dict->size() > 50000u);

  struct RealCase {
    std::string text;
    bool found;
  };
  const std::vector<RealCase> cases = {
      {"MyPassword1", true}, {"dragon", true},    {"xxMONKEYxx", true},
      {"Sunshine99", true},  {"tokyo2020", true}, {"Xk9#mPq2", false},
      {"Qz8!vT3w", false},   {"hello", true},     {"hell", false},
  };
  for (const RealCase& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      BOOST_TEST(dict->FindWordIn(c.text, nullptr) == c.found);
    }
  }

  // A strong 64-character password passes the real dictionary. Its speed is
  // measured by tools/bench_password_policy, never by a timed test.
  const std::string password =
      "Qz8!vT3wXk9#mPq2Rb7%nLc4Hj6&Wd5(Ys1)Tf0*Gp3+Kv7-Mx2=Nb9?Ze4^Ua8~";
  BOOST_REQUIRE(password.size() == 64u);
  BOOST_TEST(CheckPassword(password, password, "tnkmrs-q7z", *dict).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
