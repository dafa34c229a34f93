// The operator console's session rules: session ages, operator logins and
// passwords.
#include "console/admin_session.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace passwd {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kLogin = system_clock::from_time_t(1700000000);

BOOST_AUTO_TEST_SUITE(admin_session)

BOOST_AUTO_TEST_CASE(session_ages_follow_the_idle_and_absolute_timeouts) {
  struct Case {
    system_clock::duration since_login;
    system_clock::duration since_last_use;
    SessionAge age;
  };
  const std::vector<Case> cases = {
      {seconds(0), seconds(0), SessionAge::kLive},
      {minutes(29), minutes(29), SessionAge::kLive},
      {minutes(30), minutes(30), SessionAge::kIdle},
      {hours(3), minutes(29) + seconds(59), SessionAge::kLive},
      {hours(3), minutes(31), SessionAge::kIdle},
      {hours(8) - seconds(1), seconds(5), SessionAge::kLive},
      {hours(8), seconds(5), SessionAge::kExpired},
      {hours(9), hours(1), SessionAge::kExpired},
      // A clock set back (the test clock cleared) never ends a session.
      {-minutes(5), -minutes(5), SessionAge::kLive},
  };
  for (const auto& c : cases) {
    const system_clock::time_point now = kLogin + c.since_login;
    const system_clock::time_point last_seen = now - c.since_last_use;
    BOOST_TEST((SessionAgeAt(kLogin, last_seen, now) == c.age));
  }
}

BOOST_AUTO_TEST_CASE(operator_logins) {
  for (const char* ok : {"demo-op", "ab", "a.b_c-d", "0op", "op2"}) {
    BOOST_TEST(ValidOperatorLogin(ok), ok);
  }
  for (const char* bad :
       {"", "a", "-op", ".op", "Demo", "op!", "op name", "山田", "a@b"}) {
    BOOST_TEST(!ValidOperatorLogin(bad), bad);
  }
  BOOST_TEST(ValidOperatorLogin(std::string(64, 'a')));
  BOOST_TEST(!ValidOperatorLogin(std::string(65, 'a')));
}

BOOST_AUTO_TEST_CASE(operator_passwords) {
  BOOST_TEST(AcceptableOperatorPassword("Demo#Op3r8"));
  BOOST_TEST(AcceptableOperatorPassword(std::string(128, 'x')));
  BOOST_TEST(!AcceptableOperatorPassword("Short#1"));
  BOOST_TEST(!AcceptableOperatorPassword(std::string(129, 'x')));
  BOOST_TEST(!AcceptableOperatorPassword("with space 123"));
  BOOST_TEST(!AcceptableOperatorPassword("パスワード12345"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
