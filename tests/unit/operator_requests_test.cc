// The stored values of operator requests: statuses and reasons, each with
// one conversion to and from the database and one label.
#include "store/operator_requests.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(operator_requests)

BOOST_AUTO_TEST_CASE(statuses_round_trip_through_their_stored_values) {
  struct Case {
    OperatorRequestStatus status;
    std::string value;
    std::string label;
  };
  const std::vector<Case> cases = {
      {OperatorRequestStatus::kNew, "new", "新規"},
      {OperatorRequestStatus::kInProgress, "in_progress", "対応中"},
      {OperatorRequestStatus::kWaiting, "waiting", "利用者の対応待ち"},
      {OperatorRequestStatus::kClosed, "closed", "完了"},
  };
  BOOST_TEST(cases.size() == std::size(kOperatorRequestStatuses));
  for (const auto& c : cases) {
    BOOST_TEST(OperatorRequestStatusValue(c.status) == c.value);
    BOOST_TEST(OperatorRequestStatusLabel(c.status) == c.label, c.value);
    OperatorRequestStatus parsed = OperatorRequestStatus::kNew;
    BOOST_TEST(ParseOperatorRequestStatus(c.value, &parsed), c.value);
    BOOST_TEST((parsed == c.status), c.value);
  }
}

BOOST_AUTO_TEST_CASE(unknown_statuses_do_not_parse) {
  for (const char* value : {"odd", "open", "all", "", "NEW", "in progress"}) {
    OperatorRequestStatus parsed = OperatorRequestStatus::kNew;
    BOOST_TEST(!ParseOperatorRequestStatus(value, &parsed), value);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
