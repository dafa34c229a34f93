// The mails the operator console causes, and the public URLs their links
// are built on.
#include "mail/admin_mail_texts.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "base/paths.h"
#include "mail/mail_texts.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

BOOST_AUTO_TEST_SUITE(admin_mail_texts)

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
  OutboxMail mail = OperatorLinkMail(config, Lang::kJa, "taro@example.org", "umin101-test",
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

  OutboxMail rejected = RequestRejectedMail(config, Lang::kJa, "a@example.org", "R1",
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
