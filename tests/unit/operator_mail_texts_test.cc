// mail/operator_mail_texts: the receipt mails and the "not me" notices.
#include "mail/operator_mail_texts.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(operator_mail_texts)

BOOST_AUTO_TEST_CASE(the_receipt_mail_names_the_number_and_not_the_text) {
  Config config;
  OutboxMail mail =
      OperatorRequestReceiptMail(config, Lang::kJa, "taro@example.org", "R20250107-012345",
                                 OperatorRequestReason::kSendFailed);
  BOOST_TEST(mail.recipient == "taro@example.org");
  BOOST_TEST(mail.subject.find("R20250107-012345") != std::string::npos);
  BOOST_TEST(mail.body.find("\nR20250107-012345\n") != std::string::npos);
  BOOST_TEST(mail.body.find("アクセスコードの送信に失敗した") !=
             std::string::npos);
  BOOST_TEST(mail.body.find("申請内容を事務局にて確認させていただき、"
                            "対応いたします。") != std::string::npos);
  BOOST_TEST(mail.body.find(config.inquiry_url) != std::string::npos);
  BOOST_TEST(mail.secret.empty());
  BOOST_TEST(!mail.not_after.has_value());
}

BOOST_AUTO_TEST_CASE(not_me_texts_carry_the_link) {
  Config config;
  OutboxMail mail =
      NotMeReceiptMail(config, Lang::kJa, "taro@example.org", "R20250107-012345");
  BOOST_TEST(mail.body.find("R20250107-012345") != std::string::npos);
  const std::string url = "https://example.org/cgi-open-bin/passwd/not_me?t=x";
  BOOST_TEST(NotMeNoticeForAccessCode(Lang::kJa, url).find(url) != std::string::npos);
  BOOST_TEST(NotMeNoticeForPasswordChange(Lang::kJa, url).find(url) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
