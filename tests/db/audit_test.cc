// store/audit's bound on refused anonymous requests, against the real
// MariaDB of the running stack (PASSWD_CONFIG names its configuration):
// at most kAuditedRefusalsPerHour rows of one event per client address
// group and hour, then one notice; an IPv6 /64 is one group.
#include "store/audit.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "db_fixture.h"

namespace passwd {
namespace {

const char kCountRows[] =
    "SELECT COUNT(*) FROM audit_log WHERE event = ? AND client_address LIKE ?";
const char kDeleteRows[] = "DELETE FROM audit_log WHERE client_address LIKE ?";
const char kDeleteRateEvents[] =
    "DELETE FROM rate_limit_events WHERE subject LIKE ?";

// A /64 of the documentation prefix no other test uses.
std::string RandomPrefix() {
  std::string random;
  BOOST_REQUIRE(RandomBytes(4, &random).ok());
  std::string hex = HexEncode(random);
  // Written as inet_ntop writes it (no leading zero), so the rate-limit
  // rows' subjects match it too.
  hex[0] = 'a';
  hex[4] = 'b';
  return "2001:db8:" + hex.substr(0, 4) + ":" + hex.substr(4, 4);
}

int64_t CountRows(Env* env, const std::string& event,
                  const std::string& prefix) {
  int64_t count = -1;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status q = session->Query(kCountRows, {event, prefix + "%"}, &rows);
    if (q.ok() && !rows.empty()) count = rows[0].Int(0);
    return q;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return count;
}

Status Append(Env* env, const std::string& address, const AuditEvent& event) {
  return env->db()->Transaction([&](SqlSession* session) {
    return AppendAudit(session, {address, "audit-bound-test"}, env->Now(),
                       event);
  });
}

void CleanUp(Env* env, const std::string& prefix) {
  Status s = env->db()->Transaction([&](SqlSession* session) {
    Status d = session->Execute(kDeleteRows, {prefix + "%"});
    if (d.ok()) d = session->Execute(kDeleteRateEvents, {"% " + prefix + "%"});
    return d;
  });
  BOOST_CHECK_MESSAGE(s.ok(), s.ToString());
}

BOOST_AUTO_TEST_SUITE(audit)

BOOST_AUTO_TEST_CASE(keeps_the_bound_of_refusals_per_64_and_one_notice) {
  ShiftedEnv env(TestConfig());
  const std::string prefix = RandomPrefix();
  const std::string other = RandomPrefix();
  // Every request from another address of the same /64.
  for (int n = 0; n < kAuditedRefusalsPerHour + 15; ++n) {
    const std::string address = prefix + "::" + std::to_string(n + 1);
    Status s = Append(&env, address,
                      {"operator_link_refused", "", "", "malformed token"});
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  BOOST_TEST(CountRows(&env, "operator_link_refused", prefix) ==
             kAuditedRefusalsPerHour);
  BOOST_TEST(CountRows(&env, "audit_suppressed", prefix) == 1);
  // Another /64, and another event of the same /64, have bounds of their
  // own.
  BOOST_REQUIRE(Append(&env, other + "::1",
                       {"operator_link_refused", "", "", "malformed token"})
                    .ok());
  BOOST_TEST(CountRows(&env, "operator_link_refused", other) == 1);
  BOOST_REQUIRE(
      Append(&env, prefix + "::1", {"not_me_refused", "", "", "unknown link"})
          .ok());
  BOOST_TEST(CountRows(&env, "not_me_refused", prefix) == 1);
  CleanUp(&env, prefix);
  CleanUp(&env, other);
}

BOOST_AUTO_TEST_CASE(never_bounds_a_signed_in_operator_or_other_events) {
  ShiftedEnv env(TestConfig());
  const std::string prefix = RandomPrefix();
  const long many = kAuditedRefusalsPerHour + 5;
  for (long n = 0; n < many; ++n) {
    BOOST_REQUIRE(Append(&env, prefix + "::1",
                         {"admin_forbidden", "", "audit-test-op", "no CSRF"})
                      .ok());
    BOOST_REQUIRE(Append(&env, prefix + "::1",
                         {"admin_login_failed", "", "", "wrong password"})
                      .ok());
  }
  BOOST_TEST(CountRows(&env, "admin_forbidden", prefix) == many);
  BOOST_TEST(CountRows(&env, "admin_login_failed", prefix) == many);
  BOOST_TEST(CountRows(&env, "audit_suppressed", prefix) == 0);
  // Without an operator the same refusal is bounded.
  for (long n = 0; n < many; ++n) {
    BOOST_REQUIRE(
        Append(&env, prefix + "::2", {"admin_forbidden", "", "", "no CSRF"})
            .ok());
  }
  BOOST_TEST(CountRows(&env, "admin_forbidden", prefix) ==
             many + kAuditedRefusalsPerHour);
  BOOST_TEST(CountRows(&env, "audit_suppressed", prefix) == 1);
  CleanUp(&env, prefix);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
