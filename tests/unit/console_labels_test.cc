// The console's labels of account categories, audit events and note kinds.
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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
