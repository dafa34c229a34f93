// base/log_line.h: key=value log lines that one line always holds whole.
#include "base/log_line.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_CASE(QuotesOnlyWhatNeedsIt) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"index", "index"},
      {"503", "503"},
      {"umin101-test", "umin101-test"},
      {"", "\"\""},
      {"a b", "\"a b\""},
      {"a=b", "\"a=b\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"back\\slash", "\"back\\\\slash\""},
      {"two\nlines", "\"two\\nlines\""},
      {"cr\rtab\t", "\"cr\\rtab\\t\""},
      {std::string("nul\0", 4), "\"nul\\x00\""},
      {"bell\x07"
       "del\x7f",
       "\"bell\\x07del\\x7f\""},
      // UTF-8 passes through; only its spaces ask for quotes.
      {"山田", "山田"},
      {"山田 太郎", "\"山田 太郎\""},
  };
  for (const Case& c : cases) BOOST_TEST(LogValue(c.in) == c.out, c.in);
}

BOOST_AUTO_TEST_CASE(FormatsPairsInOrderOnOneLine) {
  BOOST_TEST(FormatLogLine({{"level", "error"},
                            {"event", "page_failed"},
                            {"page", "index"},
                            {"request_id", "abc123"},
                            {"outcome", "unavailable"},
                            {"detail", "cannot connect\nto db"}}) ==
             "level=error event=page_failed page=index request_id=abc123 "
             "outcome=unavailable detail=\"cannot connect\\nto db\"");
  BOOST_TEST(FormatLogLine({}) == "");
}

BOOST_AUTO_TEST_CASE(KeysCannotForgeAPair) {
  BOOST_TEST(FormatLogLine({{"a b=c", "1"}, {"", "2"}}) == "a_b_c=1 _=2");
  BOOST_TEST(FormatLogLine({{"x", "1 y=2"}}) == "x=\"1 y=2\"");
}

}  // namespace
}  // namespace passwd
