#include "mail/admin_mail_texts.h"

#include "base/jst.h"
#include "base/paths.h"
#include "mail/mail_texts.h"

namespace passwd {
namespace {

// The first line of every answer to an operator request.
constexpr char kThanksForTheRequest[] =
    "オペレータへパスワード更新申請をいただきありがとうございました。\n";

// A console mail of `kind` to `recipient`: `body`, then the footer.
OutboxMail ConsoleMail(const Config& config, const char* kind,
                       const std::string& recipient, const char* subject,
                       const std::string& body) {
  OutboxMail mail;
  mail.kind = kind;
  mail.recipient = recipient;
  mail.subject = subject;
  mail.body = body + MailFooter(config);
  return mail;
}

}  // namespace

OutboxMail OperatorLinkMail(const Config& config, const std::string& recipient,
                            const std::string& umin_id,
                            const std::string& receipt_number,
                            const std::string& token,
                            std::chrono::system_clock::time_point expires_at) {
  OutboxMail mail = ConsoleMail(
      config, "operator_link", recipient,
      "UMIN パスワード更新 アクセスコード送信のご案内",
      std::string(kThanksForTheRequest) +
          "申請内容を事務局にて確認させていただきました。\n"
          "\n"
          "受付番号 " +
          receipt_number +
          "\n"
          "UMIN ID " +
          umin_id +
          "\n"
          "\n"
          "下記のリンクを開き、[アクセスコード送信]を押下してください。"
          "UMIN "
          "IDに登録されているメールアドレスへアクセスコードを送信いたしますので"
          "、"
          "同じブラウザでアクセスコードを入力し、パスワード更新(再設定)"
          "をしてください。\n"
          "\n" +
          PublicUrl(config, std::string(kOperatorLinkPath) +
                                "?t=" + kSecretPlaceholder) +
          "\n"
          "\n"
          "有効期限 " +
          FormatJst(expires_at) +
          "\n"
          "※本リンクは24時間で使用できなくなります。また、一度のみ使用できます"
          "。\n"
          "\n"
          "このメールはUMIN IDのパスワード更新を行うためのご案内です。"
          "本メールにお当たりが無い場合は、破棄してください。\n");
  mail.secret = token;
  mail.not_after = expires_at;
  return mail;
}

OutboxMail RequestRejectedMail(const Config& config,
                               const std::string& recipient,
                               const std::string& receipt_number,
                               const std::string& reason) {
  return ConsoleMail(
      config, "request_rejected", recipient,
      "UMIN パスワード更新 オペレータへの申請について",
      std::string(kThanksForTheRequest) +
          "\n"
          "受付番号 " +
          receipt_number +
          "\n"
          "\n"
          "申請内容を事務局にて確認させていただきましたが、大変恐縮ですが、"
          "下記の理由によりご申請のとおりには対応いたしかねます。\n"
          "\n"
          "理由\n" +
          reason +
          "\n"
          "\n"
          "ご不明な点は、お問い合わせフォームよりお問い合わせください。\n");
}

OutboxMail AddressChangedMail(const Config& config,
                              const std::string& recipient,
                              const std::string& umin_id) {
  return ConsoleMail(
      config, "address_changed", recipient,
      "UMIN 登録メールアドレス変更のお知らせ",
      "UMIN ID\n"
      "\n" +
          umin_id +
          "\n"
          "\n"
          "上記UMIN "
          "IDに登録されているメールアドレスを、事務局にて変更いたしました。\n"
          "本メールにお心当たりが無い場合は、お手数ですがお問い合わせフォームよ"
          "り"
          "ご連絡ください。\n");
}

}  // namespace passwd
