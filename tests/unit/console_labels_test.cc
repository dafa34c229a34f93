// The console's labels of account categories, audit events, note kinds,
// flows, deliveries and mails.
#include "console/console_labels.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(console_labels)

BOOST_AUTO_TEST_CASE(labels) {
  BOOST_TEST(AccountCategoryLabel("role") == "役職");
  BOOST_TEST(AccountCategoryLabel("odd") == "odd");
  BOOST_TEST(AuditEventLabel("request_taken") == "申請の担当");
  BOOST_TEST(AuditEventLabel("something_new") == "something_new");
  BOOST_TEST(std::string(OperatorNoteKindLabel(OperatorNoteKind::kNote)) ==
             "メモ");
  BOOST_TEST(std::string(OperatorNoteKindLabel(OperatorNoteKind::kRejection)) ==
             "却下の理由");
  BOOST_TEST(std::string(OperatorNoteKindLabel(OperatorNoteKind::kClosing)) ==
             "完了時のメモ");
}

BOOST_AUTO_TEST_CASE(labels_of_the_account_view) {
  BOOST_TEST(std::string(FlowStateLabel(FlowState::kDone)) ==
             "パスワード更新済み");
  BOOST_TEST(std::string(FlowStateLabel(FlowState::kCodeSent)) ==
             "アクセスコード入力待ち");
  BOOST_TEST(FlowViaLabel("profile") == "登録情報から");
  BOOST_TEST(FlowViaLabel("other") == "other");
  BOOST_TEST(std::string(DeliveryStateLabel(DeliveryState::kDelivered)) ==
             "反映済み");
  BOOST_TEST(std::string(DeliveryStateLabel(DeliveryState::kSuperseded)) ==
             "新しい変更により不要");
  BOOST_TEST(std::string(MailStateLabel(MailState::kFailed)) == "送信失敗");
  BOOST_TEST(MailKindLabel("access_code") == "アクセスコード通知");
  BOOST_TEST(MailKindLabel("test") == "test");
  BOOST_TEST(AuditEventLabel("mail_retried") == "メールの再送");
}

BOOST_AUTO_TEST_CASE(identity_differences_are_listed_in_the_forms_order) {
  IdentityDifference d;
  BOOST_TEST(IdentityDifferenceLabel(d) == "");
  d.birth_date = true;
  BOOST_TEST(IdentityDifferenceLabel(d) == "生年月日");
  d.name = true;
  d.reading = true;
  BOOST_TEST(IdentityDifferenceLabel(d) == "氏名、よみがな、生年月日");
  d.gender = true;
  BOOST_TEST(IdentityDifferenceLabel(d) == "氏名、よみがな、性別、生年月日");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
