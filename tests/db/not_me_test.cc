// "Not me" links against the real MariaDB of the running stack (PASSWD_CONFIG
// names its configuration): a link is stored only as its token's SHA-256,
// lasts seven days, and reading its state changes nothing. (Acting on a
// link goes through the page: tests/integration/t0510_not_me.py.)
#include "flow/not_me.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "db_fixture.h"

namespace passwd {
namespace {

// A demo account (sql/demo/001_demo_accounts.sql).
const char kAccount[] = "umin101-test";

const char kSelectLink[] =
    "SELECT umin_id, TIMESTAMPDIFF(SECOND, created_at, expires_at), "
    "used_at IS NULL, operator_request_id IS NULL, id "
    "FROM not_me_links WHERE token_hash = ?";
const char kCountToken[] =
    "SELECT COUNT(*) FROM not_me_links WHERE token_hash = ?";
const char kDeleteLink[] = "DELETE FROM not_me_links WHERE id = ?";

NotMeLinkState StateOf(ShiftedEnv* env, const std::string& token) {
  NotMeLinkState state = NotMeLinkState::kUsable;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return CheckNotMeLink(env, session, token, &state);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return state;
}

BOOST_AUTO_TEST_SUITE(not_me_db)

BOOST_AUTO_TEST_CASE(a_link_is_stored_hashed_for_seven_days) {
  ShiftedEnv env(TestConfig());
  std::string url;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    return CreateNotMeLink(&env, session, kAccount, &url);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  const std::string prefix = "/cgi-open-bin/passwd/not_me?t=";
  size_t at = url.find(prefix);
  BOOST_REQUIRE(at != std::string::npos);
  BOOST_TEST(url.rfind("http", 0) == 0u);
  std::string token = url.substr(at + prefix.size());
  std::string bytes;
  BOOST_TEST(Base64UrlDecode(token, &bytes).ok());
  BOOST_TEST(bytes.size() == 32u);

  std::vector<SqlRow> rows;
  s = env.db()->Transaction([&](SqlSession* session) {
    rows.clear();
    Status q = session->Query(kSelectLink, {HexEncode(Sha256(token))}, &rows);
    std::vector<SqlRow> plain;
    // The token itself is stored nowhere.
    if (q.ok()) q = session->Query(kCountToken, {token}, &plain);
    if (q.ok()) BOOST_TEST(plain.at(0).Int(0) == 0);
    return q;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].Text(0) == kAccount);
  BOOST_TEST(rows[0].Int(1) == 7 * 24 * 3600);
  BOOST_TEST(rows[0].Int(2) == 1);  // unused
  BOOST_TEST(rows[0].Int(3) == 1);  // no request yet

  BOOST_TEST((StateOf(&env, token) == NotMeLinkState::kUsable));
  BOOST_TEST((StateOf(&env, token) == NotMeLinkState::kUsable));
  env.set_shift(std::chrono::hours(24 * 7) - std::chrono::seconds(5));
  BOOST_TEST((StateOf(&env, token) == NotMeLinkState::kUsable));
  env.set_shift(std::chrono::hours(24 * 7) + std::chrono::seconds(1));
  BOOST_TEST((StateOf(&env, token) == NotMeLinkState::kExpired));
  env.set_shift(std::chrono::seconds(0));

  std::string other = token;
  other[0] = other[0] == 'A' ? 'B' : 'A';
  BOOST_TEST((StateOf(&env, other) == NotMeLinkState::kUnknown));
  BOOST_TEST((StateOf(&env, "") == NotMeLinkState::kUnknown));
  BOOST_TEST((StateOf(&env, token + "A") == NotMeLinkState::kUnknown));

  s = env.db()->Transaction([&](SqlSession* session) {
    return session->Execute(kDeleteLink, {rows[0].Int(4)});
  });
  BOOST_TEST(s.ok());
}

BOOST_AUTO_TEST_CASE(every_link_has_its_own_token) {
  ShiftedEnv env(TestConfig());
  std::string first, second;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    Status t = CreateNotMeLink(&env, session, kAccount, &first);
    if (t.ok()) t = CreateNotMeLink(&env, session, kAccount, &second);
    return t;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(first != second);
  for (const auto& url : {first, second}) {
    std::string token = url.substr(url.find("?t=") + 3);
    std::vector<SqlRow> rows;
    s = env.db()->Transaction([&](SqlSession* session) {
      rows.clear();
      Status q = session->Query(kSelectLink, {HexEncode(Sha256(token))}, &rows);
      if (q.ok() && rows.size() == 1) {
        q = session->Execute(kDeleteLink, {rows[0].Int(4)});
      }
      return q;
    });
    BOOST_TEST(s.ok());
    BOOST_TEST(rows.size() == 1u);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
