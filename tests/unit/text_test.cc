// base/text.h: the one trim, case fold, control check and UTF-8 count.
#include "base/text.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_CASE(TrimRemovesAsciiAndIdeographicSpaces) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"   ", ""},
      {" \t\r\n\v\fabc \t\r\n", "abc"},
      {"\u3000山田\u3000", "山田"},
      {" \u3000 a b \u3000 ", "a b"},
      {"a\u3000b", "a\u3000b"},
      {"\u3000", ""},
      // A lone lead byte of U+3000 is not a space.
      {"\xe3\x80", "\xe3\x80"},
  };
  for (const Case& c : cases) BOOST_TEST(Trim(c.in) == c.out, c.in);
}

BOOST_AUTO_TEST_CASE(LowerCasesAsciiOnly) {
  BOOST_TEST(ToLowerAscii("UMIN101-Test@Ä") == "umin101-test@Ä");
  BOOST_TEST(ToLowerAscii('Z') == 'z');
  BOOST_TEST(ToLowerAscii('[') == '[');
}

BOOST_AUTO_TEST_CASE(FindsControlCharacters) {
  BOOST_TEST(!HasControlCharacter("山田 taro~"));
  for (const std::string& bad :
       std::vector<std::string>{"a\tb", "a\nb", std::string("a\0b", 3), "\x7f"}) {
    BOOST_TEST(HasControlCharacter(bad));
  }
}

BOOST_AUTO_TEST_CASE(CountsAndCutsUtf8Characters) {
  BOOST_TEST(Utf8Length("") == 0u);
  BOOST_TEST(Utf8Length("abc") == 3u);
  BOOST_TEST(Utf8Length("山田𥔎") == 3u);
  BOOST_TEST(Utf8Prefix("山田太郎", 2) == "山田");
  BOOST_TEST(Utf8Prefix("a𥔎b", 2) == "a𥔎");
  BOOST_TEST(Utf8Prefix("abc", 10) == "abc");
  BOOST_TEST(Utf8Prefix("abc", 0) == "");
  BOOST_TEST(Utf8Prefix("ab山田", 3) == "ab山");
  BOOST_TEST(Utf8Prefix("山田", 5) == "山田");
}

BOOST_AUTO_TEST_CASE(KnowsAsciiLettersAndDigits) {
  BOOST_TEST(IsAsciiAlnum('a'));
  BOOST_TEST(IsAsciiAlnum('Z'));
  BOOST_TEST(IsAsciiAlnum('0'));
  BOOST_TEST(!IsAsciiAlnum('-'));
  BOOST_TEST(!IsAsciiAlnum('\xef'));
}

BOOST_AUTO_TEST_CASE(JoinsAndSplitsLines) {
  using Lines = std::vector<std::string>;
  BOOST_TEST(JoinLines({}) == "");
  BOOST_TEST(JoinLines({"a"}) == "a");
  BOOST_TEST(JoinLines({"t***@example.org", "t***@umin.ac.jp"}) ==
             "t***@example.org\nt***@umin.ac.jp");
  BOOST_TEST(SplitLines("").empty());
  BOOST_TEST((SplitLines("a") == Lines{"a"}));
  BOOST_TEST((SplitLines("a\nb") == Lines{"a", "b"}));
  BOOST_TEST((SplitLines("a\n") == Lines{"a", ""}));
  const Lines two = {"x***@example.net", "x***@umin.ac.jp"};
  BOOST_TEST((SplitLines(JoinLines(two)) == two));
}

}  // namespace
}  // namespace passwd
