// Pure pieces of the flow: JST formatting, address masking, the verified
// window, and the mails' texts.
#include <boost/test/unit_test.hpp>

#include "base/jst.h"
#include "flow/reset_flow.h"
#include "mail/mail_texts.h"

namespace passwd {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

system_clock::time_point At(const std::string& utc) {
  system_clock::time_point t;
  BOOST_REQUIRE(ParseSqlTime(utc, &t).ok());
  return t;
}

BOOST_AUTO_TEST_SUITE(flow_rules)

BOOST_AUTO_TEST_CASE(shows_times_in_jst) {
  struct Case {
    const char* utc;
    const char* jst;
  } cases[] = {
      {"2021-01-19 07:16:45", "2021/01/19 16:16:45"},
      {"2021-12-31 15:00:00", "2022/01/01 00:00:00"},
      {"2024-02-28 20:59:59", "2024/02/29 05:59:59"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.utc) { BOOST_TEST(FormatJst(At(c.utc)) == c.jst); }
  }
  Date d = JstDate(At("2021-12-31 15:00:00"));
  BOOST_TEST(d.year == 2022);
  BOOST_TEST(d.month == 1);
  BOOST_TEST(d.day == 1);
  BOOST_TEST(SqlTime(At("2021-01-19 07:16:45")) == "2021-01-19 07:16:45");
}

BOOST_AUTO_TEST_CASE(masks_addresses) {
  struct Case {
    const char* address;
    const char* masked;
  } cases[] = {
      {"taro@example.org", "t***@example.org"},
      {"umin101-test@umin.ac.jp", "u***@umin.ac.jp"},
      {"x@y.jp", "x***@y.jp"},
      {"@broken", "***"},
      {"noat", "***"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.address) {
      BOOST_TEST(MaskMailAddress(c.address) == c.masked);
    }
  }
}

BOOST_AUTO_TEST_CASE(password_may_be_set_for_ten_minutes_after_verification) {
  ResetFlow flow;
  flow.state = "verified";
  system_clock::time_point verified = At("2026-01-01 00:00:00");
  flow.verified_at = verified;
  BOOST_TEST(CanSetPassword(flow, verified));
  BOOST_TEST(CanSetPassword(flow, verified + seconds(599)));
  BOOST_TEST(!CanSetPassword(flow, verified + seconds(600)));
  flow.state = "done";
  BOOST_TEST(!CanSetPassword(flow, verified));
  flow.state = "code_sent";
  BOOST_TEST(!CanSetPassword(flow, verified));
}

BOOST_AUTO_TEST_CASE(flow_tokens_are_stored_hashed) {
  BOOST_TEST(
      FlowTokenHash("abc") ==
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(access_code_mail_keeps_the_code_out_of_the_body) {
  Config config;
  BOOST_REQUIRE(ParseConfig("", "t", &config).ok());
  OutboxMail mail = AccessCodeMail(config, "taro@example.org", "0123456789",
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
      BOOST_TEST(PropagationDelayText(config) == c.text);
    }
  }
  Config config;
  BOOST_REQUIRE(ParseConfig("", "t", &config).ok());
  OutboxMail mail = PasswordChangedMail(config, "a@b.jp", "umin101-test",
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
