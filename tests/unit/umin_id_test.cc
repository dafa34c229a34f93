#include "domain/umin_id.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

const char* OutcomeName(UminIdOutcome outcome) {
  switch (outcome) {
    case UminIdOutcome::kOk:
      return "kOk";
    case UminIdOutcome::kEmpty:
      return "kEmpty";
    case UminIdOutcome::kHasMailDomain:
      return "kHasMailDomain";
    case UminIdOutcome::kMalformed:
      return "kMalformed";
  }
  return "?";
}

BOOST_AUTO_TEST_SUITE(umin_id)

BOOST_AUTO_TEST_CASE(normalises_and_classifies_typed_ids) {
  struct Case {
    std::string input;
    UminIdOutcome outcome;
    std::string id;
  };
  const std::vector<Case> cases = {
      // Accepted as typed.
      {"umin101-test", UminIdOutcome::kOk, "umin101-test"},
      {"umin201-role", UminIdOutcome::kOk, "umin201-role"},
      {"abcdef-ghi", UminIdOutcome::kOk, "abcdef-ghi"},
      {"a-b", UminIdOutcome::kOk, "a-b"},
      // Case, width and surrounding spaces are folded.
      {"UMIN101-TEST", UminIdOutcome::kOk, "umin101-test"},
      {"Umin101-Test", UminIdOutcome::kOk, "umin101-test"},
      {"ＵＭＩＮ１０１－ＴＥＳＴ", UminIdOutcome::kOk, "umin101-test"},
      {"ｕｍｉｎ１０１－ｔｅｓｔ", UminIdOutcome::kOk, "umin101-test"},
      {"  umin101-test  ", UminIdOutcome::kOk, "umin101-test"},
      {"\tumin101-test\r\n", UminIdOutcome::kOk, "umin101-test"},
      {"\u3000umin101-test\u3000", UminIdOutcome::kOk, "umin101-test"},
      {"\u3000 ＵＭＩＮ１０１－ＴＥＳＴ \u3000", UminIdOutcome::kOk,
       "umin101-test"},
      // What an IME types for the hyphen.
      {"umin101ーtest", UminIdOutcome::kOk, "umin101-test"},
      {"umin101ｰtest", UminIdOutcome::kOk, "umin101-test"},
      {"umin101\u2010test", UminIdOutcome::kOk, "umin101-test"},
      {"umin101\u2212test", UminIdOutcome::kOk, "umin101-test"},
      // The mail domain gets the seed's hint, in any case or width.
      {"umin101-test@umin.ac.jp", UminIdOutcome::kHasMailDomain,
       "umin101-test"},
      {"UMIN101-TEST@UMIN.AC.JP", UminIdOutcome::kHasMailDomain,
       "umin101-test"},
      {"umin101-test＠ＵＭＩＮ．ＡＣ．ＪＰ", UminIdOutcome::kHasMailDomain,
       "umin101-test"},
      {"ＵＭＩＮ１０１－ＴＥＳＴ＠ｕｍｉｎ．ａｃ．ｊｐ ",
       UminIdOutcome::kHasMailDomain, "umin101-test"},
      {"umin101-test ＠umin.ac.jp", UminIdOutcome::kHasMailDomain,
       "umin101-test"},
      {"@umin.ac.jp", UminIdOutcome::kHasMailDomain, ""},
      // Nothing typed.
      {"", UminIdOutcome::kEmpty, ""},
      {"   ", UminIdOutcome::kEmpty, ""},
      {"\u3000\u3000", UminIdOutcome::kEmpty, ""},
      // Not the aaaaaa-aaa shape.
      {"umin101test", UminIdOutcome::kMalformed, ""},
      {"umin-101-test", UminIdOutcome::kMalformed, ""},
      {"umin101--test", UminIdOutcome::kMalformed, ""},
      {"-umin101", UminIdOutcome::kMalformed, ""},
      {"umin101-", UminIdOutcome::kMalformed, ""},
      {"-", UminIdOutcome::kMalformed, ""},
      {"umin 101-test", UminIdOutcome::kMalformed, ""},
      {"umin101_test", UminIdOutcome::kMalformed, ""},
      {"umin101.test", UminIdOutcome::kMalformed, ""},
      {"umin101-test@gmail.com", UminIdOutcome::kMalformed, ""},
      {"ゆーみん-てすと", UminIdOutcome::kMalformed, ""},
      {"a-", UminIdOutcome::kMalformed, ""},
      {std::string(16, 'a') + "-" + std::string(15, 'b'), UminIdOutcome::kOk,
       std::string(16, 'a') + "-" + std::string(15, 'b')},
      {std::string(16, 'a') + "-" + std::string(16, 'b'),
       UminIdOutcome::kMalformed, ""},
      {std::string(5000, 'a') + "-b", UminIdOutcome::kMalformed, ""},
      {std::string("umin101\0-test", 13), UminIdOutcome::kMalformed, ""},
      // Broken UTF-8 never crashes and is never folded into a valid ID.
      {"umin101-test\xff", UminIdOutcome::kMalformed, ""},
      {"\xe3\x81", UminIdOutcome::kMalformed, ""},               // truncated
      {"umin\xc0\xadtest", UminIdOutcome::kMalformed, ""},       // overlong '-'
      {"umin\xed\xa0\x80-test", UminIdOutcome::kMalformed, ""},  // surrogate
      {"\x80umin101-test", UminIdOutcome::kMalformed, ""},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      UminIdResult result = NormalizeUminId(c.input);
      BOOST_TEST(OutcomeName(result.outcome) == OutcomeName(c.outcome));
      BOOST_TEST(result.id == c.id);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_normalised_id_is_a_fixed_point) {
  for (const char* id : {"umin101-test", "umin201-role", "x1-y2"}) {
    BOOST_TEST_CONTEXT("id " << id) {
      UminIdResult result = NormalizeUminId(id);
      BOOST_TEST(OutcomeName(result.outcome) == "kOk");
      BOOST_TEST(NormalizeUminId(result.id).id == result.id);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
