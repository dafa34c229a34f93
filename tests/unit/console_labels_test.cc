// The console's labels of account categories, audit events, note kinds,
// flows, deliveries and mails, and the console catalogue they come from.
#include "console/console_labels.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "base/catalogue.h"

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

BOOST_AUTO_TEST_CASE(the_console_catalogue_is_apart_from_the_public_ones) {
  BOOST_TEST(ConsoleText("queue_title") == "受付一覧");
  BOOST_TEST(FormatConsoleText("request_title", {{"receipt", "R-1"}}) ==
             "申請 R-1");
  BOOST_TEST(FormatConsoleText("login_error_wrong", {{"until", "x"}}) ==
             "ログインIDまたはパスワードが正しくありません。");
  BOOST_TEST(ConsoleText("no_such_key") == "[[no_such_key]]");
  BOOST_TEST(HasConsoleText("queue_title"));
  BOOST_TEST(!HasConsoleText("no_such_key"));
  // Neither holds the other's sentences.
  BOOST_TEST(!HasConsoleText("site_name"));
  BOOST_TEST(Text(Lang::kJa, "queue_title") == "[[queue_title]]");
  // A console template's keys are the console catalogue's.
  BOOST_TEST(IsConsoleTemplate("admin_queue.tpl"));
  BOOST_TEST(!IsConsoleTemplate("layout.tpl"));
  BOOST_TEST(!ConsoleEntriesOf("admin_queue.tpl").empty());
  BOOST_TEST(CatalogueEntriesOf(Lang::kJa, "admin_queue.tpl").empty());
  BOOST_TEST(ConsoleEntriesOf("layout.tpl").empty());
  bool named_title = false;
  for (const auto* entry : ConsoleEntriesOf("admin_queue.tpl")) {
    if (entry->first == "queue_title") {
      named_title = entry->second == "受付一覧";
    }
  }
  BOOST_TEST(named_title);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
