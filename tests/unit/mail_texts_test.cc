// mail/mail_texts: the access-code and completion mails.
#include "mail/mail_texts.h"

#include <boost/test/unit_test.hpp>

#include "base/database.h"
#include "mail/outbox.h"
#include "utc_time.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(mail_texts)

BOOST_AUTO_TEST_CASE(access_code_mail_keeps_the_code_out_of_the_body) {
  Config config;
  BOOST_REQUIRE(ParseConfig("", "t", &config).ok());
  OutboxMail mail = AccessCodeMail(config, Lang::kJa, "taro@example.org", "0123456789",
                                   At("2021-01-19 07:16:45"),
                                   "https://x.example/not_me?t=abc");
  BOOST_TEST(mail.body.find("https://x.example/not_me?t=abc") !=
             std::string::npos);
  BOOST_TEST(mail.body.find("0123456789") == std::string::npos);
  BOOST_TEST(mail.body.find(kSecretPlaceholder) != std::string::npos);
  BOOST_TEST(mail.secret == "0123456789");
  BOOST_TEST(mail.body.find("有効期限 2021/01/19 16:16:45") !=
             std::string::npos);
  BOOST_TEST(mail.body.find(config.inquiry_url) != std::string::npos);
  BOOST_TEST(mail.not_after.has_value());
}

BOOST_AUTO_TEST_CASE(propagation_delay_follows_the_interval) {
  struct Case {
    const char* setting;
    const char* text;
  } cases[] = {
      {"3600", "1時間"}, {"7200", "2時間"}, {"60", "1分"},
      {"90", "2分"},     {"900", "15分"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.setting) {
      Config config;
      BOOST_REQUIRE(
          ParseConfig(std::string("sync_interval_seconds = ") + c.setting, "t",
                      &config)
              .ok());
      BOOST_TEST(PropagationDelayText(config, Lang::kJa) == c.text);
    }
  }
  Config config;
  BOOST_REQUIRE(ParseConfig("", "t", &config).ok());
  OutboxMail mail = PasswordChangedMail(config, Lang::kJa, "a@b.jp", "umin101-test",
                                        "https://x.example/n");
  BOOST_TEST(mail.body.find("https://x.example/n") != std::string::npos);
  BOOST_TEST(mail.secret.empty());
  BOOST_TEST(mail.body.find("umin101-test") != std::string::npos);
  BOOST_TEST(mail.body.find("1時間後には利用可能となります。") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
