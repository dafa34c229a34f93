// base/jst: times and dates shown in Japan Standard Time.
#include "base/jst.h"

#include <boost/test/unit_test.hpp>

#include "base/database.h"
#include "utc_time.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(jst)

BOOST_AUTO_TEST_CASE(shows_times_in_jst) {
  struct Case {
    const char* utc;
    const char* jst;
  } cases[] = {
      {"2021-01-19 07:16:45", "2021/01/19 16:16:45"},
      {"2021-12-31 15:00:00", "2022/01/01 00:00:00"},
      {"2024-02-28 20:59:59", "2024/02/29 05:59:59"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.utc) { BOOST_TEST(FormatJst(At(c.utc)) == c.jst); }
  }
  Date d = JstDate(At("2021-12-31 15:00:00"));
  BOOST_TEST(d.year == 2022);
  BOOST_TEST(d.month == 1);
  BOOST_TEST(d.day == 1);
  BOOST_TEST(SqlTime(At("2021-01-19 07:16:45")) == "2021-01-19 07:16:45");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
