// The ldap target's filter: the UMIN ID is escaped as a filter value.
#include "flow/ldap_target.h"

#include <boost/test/unit_test.hpp>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(ldap_target)

BOOST_AUTO_TEST_CASE(escapes_the_id_as_a_filter_value) {
  struct Case {
    const char* filter;
    const char* id;
    const char* expected;
  } cases[] = {
      {"(uid=%s)", "umin101-test", "(uid=umin101-test)"},
      {"(&(objectClass=person)(uid=%s))", "a",
       "(&(objectClass=person)(uid=a))"},
      {"(uid=%s)", "*", "(uid=\\2A)"},
      {"(uid=%s)", "a)(uid=*", "(uid=a\\29\\28uid=\\2A)"},
      {"(uid=%s)", "back\\slash", "(uid=back\\5Cslash)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.id) {
      std::string filter;
      BOOST_REQUIRE(LdapFilterFor(c.filter, c.id, &filter).ok());
      BOOST_TEST(filter == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_the_bind_password_from_its_file_or_says_why_not) {
  SyncTargetConfig t;
  t.name = "d";
  t.bind_password = "direct";
  std::string password;
  BOOST_REQUIRE(LdapBindPassword(t, &password).ok());
  BOOST_TEST(password == "direct");
  t.bind_password.clear();
  t.bind_password_file = "/nonexistent/bind-password";
  Status s = LdapBindPassword(t, &password);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message().find("/nonexistent/bind-password") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_a_clear_error) {
  SyncTargetConfig t;
  t.name = "nowhere";
  t.kind = TargetKind::kLdap;
  t.uri = "ldap://127.0.0.1:1";
  t.starttls = false;
  t.bind_dn = "cn=x";
  t.bind_password = "pw-not-shown";
  t.base_dn = "dc=x";
  t.timeout_seconds = 2;
  Status s = SetLdapPassword(t, "umin101-test", "$6$salt$hash");
  BOOST_TEST(!s.ok());
  BOOST_TEST((s.code() == Status::Code::kUnavailable));
  BOOST_TEST(s.message().find("ldap nowhere") == 0u, s.message());
  BOOST_TEST(s.message().find("pw-not-shown") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
