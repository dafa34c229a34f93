// The table of the actions on an operator request: their names, text rules
// and the messages the request page shows after them.
#include "console/request_actions.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(request_actions)

BOOST_AUTO_TEST_CASE(every_action_has_its_rule_and_messages) {
  struct Case {
    std::string name;
    TextRule rule;
    size_t limit;
    std::string flash;
    std::string error;  // "" for none
  };
  const std::vector<Case> cases = {
      {"take", TextRule::kNone, 0, "この申請を担当にしました。", ""},
      {"note", TextRule::kRequired, 2000, "メモを追加しました。",
       "メモを2000文字以内で入力してください。"},
      {"reject", TextRule::kRequired, 1000,
       "申請を却下し、申請者へ通知しました。",
       "却下の理由を1000文字以内で入力してください。"},
      {"close", TextRule::kOptional, 2000, "申請を完了にしました。",
       "完了時のメモは2000文字以内で入力してください。"},
      // The text is the reason an account that does not match needs.
      {"send_code", TextRule::kOptional, 200,
       "アクセスコード送信用のリンクを登録メールアドレスへ送信しました。",
       "本人情報が申請と一致しないUMIN IDへリンクを送るには、送る理由を"
       "200文字以内（改行なし）で入力してください。リンクは送信していません。"},
  };
  for (const auto& c : cases) {
    const RequestAction* action = FindRequestAction(c.name);
    BOOST_TEST_REQUIRE(action != nullptr, c.name);
    BOOST_TEST((action->text_rule == c.rule), c.name);
    BOOST_TEST(action->text_limit == c.limit, c.name);
    BOOST_TEST(RequestActionFlash(*action) == c.flash, c.name);
    BOOST_TEST(RequestActionError(*action) == c.error, c.name);
    BOOST_TEST(action->handler != nullptr, c.name);
  }
}

BOOST_AUTO_TEST_CASE(unknown_actions_are_not_found) {
  for (const char* name : {"", "Take", "delete", "take ", "approve"}) {
    BOOST_TEST(FindRequestAction(name) == nullptr, name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
