// The operator console's pure rules: session ages, operator logins and
// passwords, the queue search, matching a request to an account, the small
// parsers, and the console's mails.
#include "console/admin_session.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "base/paths.h"
#include "console/admin_console.h"
#include "mail/admin_mail_texts.h"
#include "mail/mail_texts.h"

namespace passwd {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kLogin = system_clock::from_time_t(1700000000);

OperatorRequestRecord SampleRequest() {
  OperatorRequestRecord r;
  r.id = 7;
  r.receipt_number = "R20250107-048213";
  r.umin_id = "umin101-test";
  r.family_name = "髙橋";
  r.given_name = "健一";
  r.family_reading = "たかはし";
  r.given_reading = "けんいち";
  r.birth_date = "1985-07-07";
  return r;
}

Account SampleAccount() {
  Account a;
  a.umin_id = "umin401-kanji";
  a.family_name = "高橋";
  a.given_name = "健一";
  a.family_reading = "タカハシ";
  a.given_reading = "ケンイチ";
  a.gender = "female";
  a.birth_date = "1985-07-07";
  a.category = "individual";
  return a;
}

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

BOOST_AUTO_TEST_CASE(queue_search_reads_receipts_ids_names_and_readings) {
  struct Case {
    std::string typed;
    bool matches;
  };
  const OperatorRequestRecord r = SampleRequest();
  const std::vector<Case> cases = {
      {"", true},
      {"　 ", true},
      {"R20250107-048213", true},
      {"r20250107-048213", true},
      {"Ｒ２０２５０１０７－０４８２１３", true},  // full width
      {"R20250107-048214", false},
      {"umin101-test", true},
      {"UMIN101-TEST", true},
      {"umin102-nomail", false},
      {"高橋", true},       // the variant kanji folds
      {"髙橋 健一", true},  // family and given name together
      {"橋健", true},       // part of the name
      {"タカハシ", true},   // reading in katakana
      {"けんいち", true},
      {"やまだ", false},
      {"山田", false},
      {"\x01", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST(QueueSearchMatches(ParseQueueSearch(c.typed), r) == c.matches,
               c.typed);
  }
}

BOOST_AUTO_TEST_CASE(requests_match_accounts_as_send_profile_does) {
  const OperatorRequestRecord r = SampleRequest();
  Account a = SampleAccount();
  // Variant kanji, katakana readings, and any gender (the request has none).
  BOOST_TEST(RequestMatchesAccount(r, a));
  a.gender = "male";
  BOOST_TEST(RequestMatchesAccount(r, a));

  Account other_day = a;
  other_day.birth_date = "1985-07-08";
  BOOST_TEST(!RequestMatchesAccount(r, other_day));
  Account other_name = a;
  other_name.given_name = "健二";
  BOOST_TEST(!RequestMatchesAccount(r, other_name));
  Account other_reading = a;
  other_reading.given_reading = "けんじ";
  BOOST_TEST(!RequestMatchesAccount(r, other_reading));

  OperatorRequestRecord no_date = r;
  no_date.birth_date = "";
  BOOST_TEST(!RequestMatchesAccount(no_date, a));
  OperatorRequestRecord bad_reading = r;
  bad_reading.family_reading = "takahashi";
  BOOST_TEST(!RequestMatchesAccount(bad_reading, a));
}

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

BOOST_AUTO_TEST_CASE(labels) {
  BOOST_TEST(RequestStatusLabel("waiting") == "利用者の対応待ち");
  BOOST_TEST(RequestStatusLabel("odd") == "odd");
  BOOST_TEST(AccountCategoryLabel("role") == "役職");
  BOOST_TEST(AuditEventLabel("request_taken") == "申請の担当");
  BOOST_TEST(AuditEventLabel("something_new") == "something_new");
  BOOST_TEST(IsRequestStatus("in_progress"));
  BOOST_TEST(!IsRequestStatus("open"));
}

BOOST_AUTO_TEST_CASE(public_urls_start_with_the_public_base_url) {
  Config config;
  config.public_base_url = "https://passwd.umin.ac.jp";
  BOOST_TEST(PublicUrl(config, "/x?t=1") == "https://passwd.umin.ac.jp/x?t=1");
  config.public_base_url = "http://127.0.0.1:8080/";
  BOOST_TEST(PublicUrl(config, "/x") == "http://127.0.0.1:8080/x");
}

BOOST_AUTO_TEST_CASE(the_link_mail_keeps_its_token_sealed_apart) {
  Config config;
  config.public_base_url = "https://passwd.umin.ac.jp";
  const system_clock::time_point expires =
      system_clock::from_time_t(1611040605);  // 2021/01/19 16:16:45 JST
  OutboxMail mail = OperatorLinkMail(config, "taro@example.org", "umin101-test",
                                     "R20250107-048213", "TOKEN123", expires);
  BOOST_TEST(mail.kind == "operator_link");
  BOOST_TEST(mail.recipient == "taro@example.org");
  BOOST_TEST(mail.secret == "TOKEN123");
  BOOST_TEST(mail.body.find("TOKEN123") == std::string::npos);
  BOOST_TEST(mail.body.find(std::string(kOperatorLinkPath) +
                            "?t=" + kSecretPlaceholder) != std::string::npos);
  BOOST_TEST(mail.body.find("2021/01/19 16:16:45") != std::string::npos);
  BOOST_TEST(mail.body.find("R20250107-048213") != std::string::npos);
  BOOST_TEST(mail.body.find("umin101-test") != std::string::npos);
  BOOST_TEST((mail.not_after && *mail.not_after == expires));

  OutboxMail rejected = RequestRejectedMail(config, "a@example.org", "R1",
                                            "本人確認ができません");
  BOOST_TEST(rejected.secret.empty());
  BOOST_TEST(rejected.body.find("本人確認ができません") != std::string::npos);
  BOOST_TEST(rejected.body.find(config.inquiry_url) != std::string::npos);

  OutboxMail changed = AddressChangedMail(config, "a@example.org", "umin1-x");
  BOOST_TEST(changed.body.find("umin1-x") != std::string::npos);
  BOOST_TEST(changed.body.find("a@example.org") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
