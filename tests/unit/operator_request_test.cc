// domain/operator_request: the reasons, the form's validation and the
// receipt number.
#include "domain/operator_request.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "web/page.h"

namespace passwd {
namespace {

const Date kToday{2025, 1, 7};

OperatorRequestForm ValidForm() {
  OperatorRequestForm form;
  form.umin_id = "umin101-test";
  form.family_name = "山田";
  form.given_name = "太郎";
  form.family_reading = "やまだ";
  form.given_reading = "たろう";
  form.birth_date = "1980/04/01";
  form.affiliation = "東京大学医学部附属病院";
  form.contact_mail = "taro@example.org";
  form.reason = "code_not_received";
  form.message = "メールが届きません。";
  return form;
}

// A random source that hands out `bytes` in order, then fails.
RandomByteSource Scripted(std::string bytes) {
  auto rest = std::make_shared<std::string>(std::move(bytes));
  return [rest](size_t n, std::string* out) {
    if (rest->size() < n) return Status::Internal("script exhausted");
    *out = rest->substr(0, n);
    rest->erase(0, n);
    return Status::Ok();
  };
}

BOOST_AUTO_TEST_SUITE(operator_request)

BOOST_AUTO_TEST_CASE(a_valid_form_is_normalised) {
  OperatorRequestForm form = ValidForm();
  form.umin_id = " ＵＭＩＮ１０１－ＴＥＳＴ ";
  form.family_name = "\u3000山田 ";
  form.birth_date = "1980-4-1";
  form.contact_mail = " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｏｒｇ\u3000";
  form.message = "\r\n一行目\r\n二行目\r\n";
  NewOperatorRequest request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.empty());
  BOOST_TEST(request.umin_id == "umin101-test");
  BOOST_TEST(request.family_name == "山田");
  BOOST_TEST(request.birth_date == "1980-04-01");
  BOOST_TEST(request.contact_mail == "taro@example.org");
  BOOST_TEST(request.message == "一行目\n二行目");
  BOOST_TEST((request.reason == OperatorRequestReason::kCodeNotReceived));
  BOOST_TEST(!request.priority);
}

BOOST_AUTO_TEST_CASE(the_umin_id_and_the_free_text_are_optional) {
  OperatorRequestForm form = ValidForm();
  form.umin_id = "  ";
  form.message = "";
  NewOperatorRequest request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.empty());
  BOOST_TEST(request.umin_id.empty());
  BOOST_TEST(request.message.empty());
}

BOOST_AUTO_TEST_CASE(each_invalid_field_gets_its_own_message) {
  struct Case {
    std::string field;
    std::string value;
    std::string message_part;  // a part of the expected message
  };
  std::string name65, affiliation201, text1001;
  for (int i = 0; i < 65; ++i) name65 += "山";
  for (int i = 0; i < 201; ++i) affiliation201 += "a";
  for (int i = 0; i < 1001; ++i) text1001 += "あ";
  const std::vector<Case> cases = {
      {"umin_id", "umin101-test@umin.ac.jp", "@umin.ac.jpはメールアドレス"},
      {"umin_id", "UMIN101-TEST＠ＵＭＩＮ．ＡＣ．ＪＰ",
       "@umin.ac.jpはメールアドレス"},
      {"umin_id", "umin101_test", "aaaaaa-aaaの形式"},
      {"family_name", "", "姓をご入力ください"},
      {"family_name", "\u3000 ", "姓をご入力ください"},
      {"family_name", name65, "64文字以内"},
      {"given_name", "", "名をご入力ください"},
      {"family_reading", "", "せいをご入力ください"},
      {"family_reading", "yamada", "せいをひらがなで"},
      {"given_reading", "太郎", "めいをひらがなで"},
      {"birth_date", "", "生年月日を西暦"},
      {"birth_date", "1980/02/30", "正しい日付"},
      {"birth_date", "80/4/1", "正しい日付"},
      {"birth_date", "2099/01/01", "未来の日付"},
      {"affiliation", "", "所属機関をご入力ください"},
      {"affiliation", affiliation201, "200文字以内"},
      {"affiliation", "東京\n大学", "制御文字"},
      {"contact_mail", "", "連絡先メールアドレスをご入力ください"},
      {"contact_mail", "taro@", "正しくご入力ください"},
      {"contact_mail", "taro example.org", "正しくご入力ください"},
      {"contact_mail", "Taro <taro@example.org>", "正しくご入力ください"},
      {"reason", "", "申請理由をお選びください"},
      {"reason", "not_me", "申請理由をお選びください"},
      {"reason", "CODE_NOT_RECEIVED", "申請理由をお選びください"},
      {"message", text1001, "1000文字以内でご入力ください（現在1001文字）"},
  };
  for (const auto& c : cases) {
    OperatorRequestForm form = ValidForm();
    if (c.field == "umin_id") form.umin_id = c.value;
    if (c.field == "family_name") form.family_name = c.value;
    if (c.field == "given_name") form.given_name = c.value;
    if (c.field == "family_reading") form.family_reading = c.value;
    if (c.field == "given_reading") form.given_reading = c.value;
    if (c.field == "birth_date") form.birth_date = c.value;
    if (c.field == "affiliation") form.affiliation = c.value;
    if (c.field == "contact_mail") form.contact_mail = c.value;
    if (c.field == "reason") form.reason = c.value;
    if (c.field == "message") form.message = c.value;
    NewOperatorRequest request;
    FieldErrors errors;
    ValidateOperatorRequestForm(form, kToday, &request, &errors);
    BOOST_TEST_CONTEXT(c.field << " = " << c.value.substr(0, 40)) {
      BOOST_TEST(errors.size() == 1u);
      BOOST_TEST(errors.count(c.field) == 1u);
      // Worded as the Japanese page words it (web/page.h).
      const std::string message =
          FieldErrorText(Lang::kJa, c.field, errors[c.field]);
      BOOST_TEST(message.find(c.message_part) != std::string::npos,
                 "message: " << message);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_free_text_cap_counts_characters_and_line_ends_once) {
  std::string text;
  for (size_t i = 0; i < kOperatorMessageMaxChars - 2; ++i) text += "あ";
  OperatorRequestForm form = ValidForm();
  form.message = text + "\r\nい";  // CRLF counts as one, as browsers count
  NewOperatorRequest request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.empty());
  form.message = text + "\r\nいう";
  errors.clear();
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.count("message") == 1u);
}

BOOST_AUTO_TEST_CASE(other_needs_a_free_text) {
  OperatorRequestForm form = ValidForm();
  form.reason = "other";
  form.message = " \r\n ";
  NewOperatorRequest request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.size() == 1u);
  BOOST_TEST(FieldErrorText(Lang::kJa, "message", errors["message"])
                 .find("「その他」") != std::string::npos);
  form.message = "役職アカウントの件です。";
  errors.clear();
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  BOOST_TEST(errors.empty());
  BOOST_TEST((request.reason == OperatorRequestReason::kOther));
}

BOOST_AUTO_TEST_CASE(every_field_wrong_gives_every_message) {
  OperatorRequestForm form;
  form.umin_id = "bad id";
  NewOperatorRequest request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, kToday, &request, &errors);
  for (const char* field : {"umin_id", "family_name", "given_name",
                            "family_reading", "given_reading", "birth_date",
                            "affiliation", "contact_mail", "reason"}) {
    BOOST_TEST_CONTEXT(field) { BOOST_TEST(errors.count(field) == 1u); }
  }
  BOOST_TEST(errors.count("message") == 0u);
}

BOOST_AUTO_TEST_CASE(reasons_parse_and_read) {
  struct Case {
    std::string value;
    bool ok;
    OperatorRequestReason reason;
  };
  const std::vector<Case> cases = {
      {"code_not_received", true, OperatorRequestReason::kCodeNotReceived},
      {"send_failed", true, OperatorRequestReason::kSendFailed},
      {"role_account", true, OperatorRequestReason::kRoleAccount},
      {"other", true, OperatorRequestReason::kOther},
      {"not_me", false, OperatorRequestReason::kOther},
      {"", false, OperatorRequestReason::kOther},
      {"other ", false, OperatorRequestReason::kOther},
  };
  for (const auto& c : cases) {
    OperatorRequestReason reason = OperatorRequestReason::kOther;
    BOOST_TEST_CONTEXT(c.value) {
      BOOST_TEST(ParseOperatorRequestReason(c.value, &reason) == c.ok);
      BOOST_TEST((reason == c.reason));
      if (c.ok) BOOST_TEST(OperatorRequestReasonValue(reason) == c.value);
    }
  }
  BOOST_TEST(std::string(OperatorRequestReasonValue(
                 OperatorRequestReason::kNotMe)) == "not_me");
  const std::vector<OperatorRequestReason> form_reasons = {
      OperatorRequestReason::kCodeNotReceived,
      OperatorRequestReason::kSendFailed, OperatorRequestReason::kRoleAccount,
      OperatorRequestReason::kOther};
  BOOST_TEST((FormOperatorRequestReasons() == form_reasons));
  // The console and the pages word a reason from the catalogue.
  BOOST_TEST(Text(Lang::kJa, std::string("reason_") +
                                 OperatorRequestReasonValue(
                                     OperatorRequestReason::kRoleAccount)) ==
             "役職・業務・管理・団体のUMIN ID");
}

BOOST_AUTO_TEST_CASE(contact_mail_is_trimmed_and_made_half_width) {
  struct Case {
    std::string typed, normalised;
  };
  const std::vector<Case> cases = {
      {"taro@example.org", "taro@example.org"},
      {"  taro@example.org\t", "taro@example.org"},
      {"\u3000taro@example.org\u3000", "taro@example.org"},
      {"ｔａｒｏ＠ｅｘａｍｐｌｅ．ｏｒｇ", "taro@example.org"},
      {"Taro.Yamada@Example.ORG", "Taro.Yamada@Example.ORG"},
      {"山田@example.org", "山田@example.org"},  // left to the validator
      {"", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST(NormalizeContactMail(c.typed) == c.normalised);
  }
}

BOOST_AUTO_TEST_CASE(receipt_numbers_have_the_date_and_six_uniform_digits) {
  struct Case {
    std::string bytes;
    Date today;
    std::string receipt;
  };
  const std::vector<Case> cases = {
      {std::string("\x00\x01\x02\x03\x04\x05", 6),
       {2025, 1, 7},
       "R20250107-012345"},
      // 250 and above are dropped; 249 is 9, 10 is 0.
      {std::string("\xfa\xff\xf9\x0a\x01\x02"
                   "\x03\x04\x05\x06\x07\x08",
                   12),
       {2024, 12, 31},
       "R20241231-901234"},
  };
  for (const auto& c : cases) {
    std::string receipt;
    BOOST_TEST(
        GenerateReceiptNumber(Scripted(c.bytes), c.today, &receipt).ok());
    BOOST_TEST(receipt == c.receipt);
  }
  std::string receipt;
  BOOST_TEST(!GenerateReceiptNumber(Scripted(std::string(600, '\xff')), kToday,
                                    &receipt)
                  .ok());
  BOOST_TEST(!GenerateReceiptNumber(Scripted(""), kToday, &receipt).ok());
}


BOOST_AUTO_TEST_CASE(stored_reasons_parse_not_me_included) {
  const std::vector<OperatorRequestReason> reasons = {
      OperatorRequestReason::kCodeNotReceived,
      OperatorRequestReason::kSendFailed, OperatorRequestReason::kRoleAccount,
      OperatorRequestReason::kOther, OperatorRequestReason::kNotMe};
  for (OperatorRequestReason reason : reasons) {
    const std::string value = OperatorRequestReasonValue(reason);
    OperatorRequestReason parsed = OperatorRequestReason::kOther;
    BOOST_TEST(ParseStoredOperatorRequestReason(value, &parsed), value);
    BOOST_TEST((parsed == reason), value);
  }
  OperatorRequestReason parsed = OperatorRequestReason::kOther;
  BOOST_TEST(!ParseStoredOperatorRequestReason("odd", &parsed));
  BOOST_TEST(!ParseStoredOperatorRequestReason("", &parsed));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
