#include "mail/operator_mail_texts.h"

#include "mail/mail_texts.h"

namespace passwd {
namespace {

const char kNextSteps[] =
    "申請内容を事務局にて確認させていただき、対応いたします。\n"
    "事務局からのご連絡まで、今しばらくお待ちください。\n"
    "お問い合わせの際は、上記の受付番号をお知らせください。\n";

}  // namespace

OutboxMail OperatorRequestReceiptMail(const Config& config,
                                      const std::string& recipient,
                                      const std::string& receipt,
                                      OperatorRequestReason reason) {
  OutboxMail mail;
  mail.kind = "operator_request_receipt";
  mail.recipient = recipient;
  mail.subject =
      "UMIN パスワード更新 オペレータへの申請受付のお知らせ（受付番号 " +
      receipt + "）";
  mail.body =
      "オペレータへのパスワード更新申請を受け付けました。\n"
      "\n"
      "受付番号\n"
      "\n" +
      receipt +
      "\n"
      "\n"
      "申請理由\n"
      "\n" +
      std::string(OperatorRequestReasonLabel(reason)) +
      "\n"
      "\n" +
      kNextSteps +
      "\n"
      "このメールはオペレータへのパスワード更新申請の受付通知です。"
      "本メールにお心当たりが無い場合は、破棄してください。\n" +
      MailFooter(config);
  return mail;
}

OutboxMail NotMeReceiptMail(const Config& config, const std::string& recipient,
                            const std::string& receipt) {
  OutboxMail mail;
  mail.kind = "not_me_receipt";
  mail.recipient = recipient;
  mail.subject =
      "UMIN パスワード更新 お心当たりの無い操作のご連絡受付（受付番号 " +
      receipt + "）";
  mail.body =
      "お心当たりの無いアクセスコード送信・パスワード更新のご連絡を"
      "受け付けました。\n"
      "送信済みのアクセスコードは無効にいたしました。\n"
      "\n"
      "受付番号\n"
      "\n" +
      receipt +
      "\n"
      "\n" +
      kNextSteps +
      "\n"
      "このメールはUMIN "
      "IDに登録されているメールアドレスへお送りしています。\n" +
      MailFooter(config);
  return mail;
}

std::string NotMeNoticeForAccessCode(const std::string& not_me_url) {
  return "このアクセスコードの送信にお心当たりが無い場合は、下記より事務局へ"
         "お知らせください。送信済みのアクセスコードを無効にいたします。\n" +
         not_me_url + "\n";
}

std::string NotMeNoticeForPasswordChange(const std::string& not_me_url) {
  return "このパスワード更新にお心当たりが無い場合は、下記より事務局へ"
         "お知らせください。\n" +
         not_me_url + "\n";
}

}  // namespace passwd
