// Record ids as console forms and queries name them.
#include "console/record_id.h"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(record_id)

BOOST_AUTO_TEST_CASE(record_ids) {
  struct Case {
    std::string text;
    bool ok;
    int64_t id;
  };
  const std::vector<Case> cases = {
      {"1", true, 1},
      {"42", true, 42},
      {"007", true, 7},
      {"999999999999999999", true, 999999999999999999},
      {"", false, 0},
      {"0", false, 0},
      {"-1", false, 0},
      {"1e3", false, 0},
      {" 1", false, 0},
      {"１", false, 0},
      {"1000000000000000000", false, 0},
  };
  for (const auto& c : cases) {
    int64_t id = 0;
    BOOST_TEST(ParseRecordId(c.text, &id) == c.ok, c.text);
    if (c.ok) BOOST_TEST(id == c.id, c.text);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
