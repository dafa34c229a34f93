// The audit log's order against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration). On a Galera cluster every node
// hands out its own auto-increment values, so a row written later on one
// node may carry a smaller id than a row written earlier on another: the
// console lists by time, then id, never by id alone.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "base/crypto.h"
#include "db_fixture.h"
#include "store/audit.h"
#include "store/audit_history.h"

namespace passwd {
namespace {

const char kDeleteRows[] = "DELETE FROM audit_log WHERE umin_id = ?";

BOOST_AUTO_TEST_SUITE(audit_history)

BOOST_AUTO_TEST_CASE(lists_by_time_then_id_whatever_order_the_ids_came_in) {
  ShiftedEnv env(TestConfig());
  std::string random;
  BOOST_REQUIRE(RandomBytes(4, &random).ok());
  const std::string umin_id = "audit-order-" + HexEncode(random);
  const int64_t request_ref = 900000000 + (random[0] & 0x7f);
  const auto base = std::chrono::system_clock::now() - std::chrono::hours(1);
  // Written in this order (ascending ids), happened in another: the second
  // row is the oldest, the first the newest; the last two share a second.
  const struct {
    const char* detail;
    int seconds;
  } rows[] = {{"newest", 30}, {"oldest", 0}, {"middle-a", 10},
              {"middle-b", 10}};
  Status s = env.db()->Transaction([&](SqlSession* session) {
    Status w;
    for (const auto& row : rows) {
      AuditEvent event{"order_test", umin_id, "", row.detail, request_ref};
      w = AppendAudit(session, {"", "audit-order-test"},
                      base + std::chrono::seconds(row.seconds), event);
      if (!w.ok()) break;
    }
    return w;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());

  std::vector<AuditRecord> latest, history;
  s = env.db()->Transaction([&](SqlSession* session) {
    Status r = LatestAccountEvents(session, umin_id, &latest);
    if (r.ok()) r = OperatorRequestHistory(session, request_ref, &history);
    return r;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::vector<std::string> newest_first, oldest_first;
  for (const AuditRecord& r : latest) newest_first.push_back(r.detail);
  for (const AuditRecord& r : history) {
    if (r.umin_id == umin_id) oldest_first.push_back(r.detail);
  }
  BOOST_TEST(newest_first == (std::vector<std::string>{
                                 "newest", "middle-b", "middle-a", "oldest"}),
             boost::test_tools::per_element());
  BOOST_TEST(oldest_first == (std::vector<std::string>{
                                 "oldest", "middle-a", "middle-b", "newest"}),
             boost::test_tools::per_element());

  s = env.db()->Transaction([&](SqlSession* session) {
    return session->Execute(kDeleteRows, {umin_id});
  });
  BOOST_CHECK_MESSAGE(s.ok(), s.ToString());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
