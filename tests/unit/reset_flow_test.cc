// flow/reset_flow: its pure rules (the states, the verified window and
// token hashing).
#include "flow/reset_flow.h"

#include <boost/test/unit_test.hpp>

#include "utc_time.h"

namespace passwd {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

BOOST_AUTO_TEST_SUITE(reset_flow)

BOOST_AUTO_TEST_CASE(password_may_be_set_for_ten_minutes_after_verification) {
  ResetFlow flow;
  flow.state = FlowState::kVerified;
  system_clock::time_point verified = At("2026-01-01 00:00:00");
  flow.verified_at = verified;
  BOOST_TEST(CanSetPassword(flow, verified));
  BOOST_TEST(CanSetPassword(flow, verified + seconds(599)));
  BOOST_TEST(!CanSetPassword(flow, verified + seconds(600)));
  flow.state = FlowState::kDone;
  BOOST_TEST(!CanSetPassword(flow, verified));
  flow.state = FlowState::kCodeSent;
  BOOST_TEST(!CanSetPassword(flow, verified));
}

BOOST_AUTO_TEST_CASE(flow_tokens_are_stored_hashed) {
  BOOST_TEST(
      FlowTokenHash("abc") ==
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(flow_states_convert_to_and_from_their_stored_values) {
  struct Case {
    FlowState state;
    const char* value;
  } cases[] = {
      {FlowState::kCodeSent, "code_sent"}, {FlowState::kVerified, "verified"},
      {FlowState::kLocked, "locked"},      {FlowState::kExpired, "expired"},
      {FlowState::kVoided, "voided"},      {FlowState::kDone, "done"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.value) {
      BOOST_TEST(FlowStateValue(c.state) == std::string(c.value));
      FlowState parsed = FlowState::kDone;
      BOOST_TEST(ParseFlowState(c.value, &parsed));
      BOOST_TEST((parsed == c.state));
    }
  }
  for (const char* unknown : {"", "CODE_SENT", "code sent", "sent", "done "}) {
    BOOST_TEST_CONTEXT(unknown) {
      FlowState parsed = FlowState::kVoided;
      BOOST_TEST(!ParseFlowState(unknown, &parsed));
      BOOST_TEST((parsed == FlowState::kVoided));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_code_is_awaited_until_it_runs_out) {
  ResetFlow flow;
  flow.state = FlowState::kCodeSent;
  flow.code_expires_at = At("2026-01-01 00:10:00");
  BOOST_TEST(AwaitsCode(flow, At("2026-01-01 00:09:59")));
  BOOST_TEST(!AwaitsCode(flow, At("2026-01-01 00:10:00")));
  flow.state = FlowState::kLocked;
  BOOST_TEST(!AwaitsCode(flow, At("2026-01-01 00:00:00")));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
