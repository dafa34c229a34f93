// Typed calendar dates, and JST times of day.
#include "base/date.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/jst.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(typed_dates) {
  struct Case {
    std::string typed;
    bool ok;
    Date date;
  };
  const std::vector<Case> cases = {
      {"2025/01/07", true, {2025, 1, 7}},
      {"2025-01-07", true, {2025, 1, 7}},
      {"2025/1/7", true, {2025, 1, 7}},
      {"20250107", true, {2025, 1, 7}},
      {" 2025/01/07　", true, {2025, 1, 7}},
      {"２０２５／０１／０７", true, {2025, 1, 7}},  // full width
      {"2024/02/29", true, {2024, 2, 29}},
      {"2000/02/29", true, {2000, 2, 29}},
      {"9999/12/31", true, {9999, 12, 31}},
      {"", false, {}},
      {"2023/02/29", false, {}},
      {"1900/02/29", false, {}},
      {"2025/13/01", false, {}},
      {"2025/00/10", false, {}},
      {"2025/04/31", false, {}},
      {"2025/1-7", false, {}},
      {"25/01/07", false, {}},
      {"2025/001/07", false, {}},
      {"2025/01/07x", false, {}},
      {"2025.01.07", false, {}},
      {"yesterday", false, {}},
  };
  for (const auto& c : cases) {
    Date d;
    BOOST_TEST(ParseDate(c.typed, &d) == c.ok, c.typed);
    if (c.ok) BOOST_TEST((d == c.date), c.typed);
  }
}

BOOST_AUTO_TEST_CASE(jst_midnight_is_three_pm_utc_the_day_before) {
  const auto midnight = JstMidnight(Date{2025, 1, 7});
  BOOST_TEST(FormatJst(midnight) == "2025/01/07 00:00:00");
  BOOST_TEST(SqlTime(midnight) == "2025-01-06 15:00:00");
}

BOOST_AUTO_TEST_CASE(sql_times_shown_in_jst) {
  BOOST_TEST(JstFromSql("2025-01-06 15:00:00") == "2025/01/07 00:00:00");
  BOOST_TEST(JstFromSql("") == "");
  BOOST_TEST(JstFromSql("not a time") == "not a time");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
