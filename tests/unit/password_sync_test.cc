// Propagation's pure rules: the backoff between tries, and which host
// delivers to which target.
#include "flow/password_sync.h"

#include <boost/test/unit_test.hpp>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(password_sync)

BOOST_AUTO_TEST_CASE(retries_after_a_minute_doubling_up_to_an_hour) {
  const struct {
    int64_t attempts;
    long seconds;
  } cases[] = {{0, 60},  {1, 60},   {2, 120},  {3, 240},  {4, 480},
               {5, 960}, {6, 1920}, {7, 3600}, {8, 3600}, {1000, 3600}};
  for (const auto& c : cases) {
    BOOST_TEST(RetryDelay(c.attempts).count() == c.seconds,
               "attempts " << c.attempts);
  }
}

BOOST_AUTO_TEST_CASE(an_htpasswd_target_is_written_on_its_host_only) {
  SyncTargetConfig web;
  web.kind = TargetKind::kHtpasswd;
  web.host = "App1.example.org";
  BOOST_TEST(DeliversHere(web, "app1.example.org"));
  BOOST_TEST(!DeliversHere(web, "app1"));
  BOOST_TEST(!DeliversHere(web, "app2.example.org"));
  SyncTargetConfig ldap;
  ldap.kind = TargetKind::kLdap;
  BOOST_TEST(DeliversHere(ldap, "anything"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
