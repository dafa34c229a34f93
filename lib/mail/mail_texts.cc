#include "mail/mail_texts.h"

#include "base/jst.h"
#include "mail/operator_mail_texts.h"

namespace passwd {
std::string MailFooter(const Config& config) {
  return "\nお問い合わせフォーム\n" + config.inquiry_url +
         "\n\n--\nUMIN University for Academic Information\n"
         "University Hospital Medical Information Network\n"
         "大学病院医療情報ネットワーク\n";
}

std::string PublicUrl(const Config& config, const std::string& path) {
  std::string base = config.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

OutboxMail AccessCodeMail(const Config& config, const std::string& recipient,
                          const std::string& code,
                          std::chrono::system_clock::time_point expires_at,
                          const std::string& not_me_url) {
  OutboxMail mail;
  mail.kind = "access_code";
  mail.recipient = recipient;
  mail.subject = "UMIN パスワード更新 アクセスコード通知";
  mail.body =
      "下記アクセスコードを入力し、パスワード更新(再設定)をしてください。\n"
      "\n"
      "有効期限 " +
      FormatJst(expires_at) +
      "\n"
      "\n"
      "アクセスコード\n"
      "\n" +
      std::string(kSecretPlaceholder) +
      "\n"
      "\n"
      "※本コードは10分で使用できなくなります。\n"
      "\n"
      "このメールはUMIN IDのパスワード更新を行うためのアクセスコード通知です。"
      "本メールにお当たりが無い場合は、破棄してください。\n"
      "\n" +
      NotMeNoticeForAccessCode(not_me_url) + MailFooter(config);
  mail.secret = code;
  mail.not_after = expires_at;
  return mail;
}

std::string PropagationDelayText(const Config& config) {
  long seconds = config.sync_interval_seconds;
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + "時間";
  return std::to_string((seconds + 59) / 60) + "分";
}

OutboxMail PasswordChangedMail(const Config& config,
                               const std::string& recipient,
                               const std::string& umin_id,
                               const std::string& not_me_url) {
  std::string delay = PropagationDelayText(config);
  OutboxMail mail;
  mail.kind = "password_changed";
  mail.recipient = recipient;
  mail.subject = "UMIN パスワード更新完了のお知らせ";
  mail.body =
      "UMIN ID\n"
      "\n" +
      umin_id +
      "\n"
      "\n"
      "上記UMIN IDのパスワード更新(再設定)が完了致しました。\n"
      "\n" +
      delay +
      "後には利用可能となります。\n"
      "(すべてのUMINサービスに反映されるのに" +
      delay +
      "ほど要します)\n"
      "\n"
      "今回更新は一般用パスワードです。症例登録(INDICE)用とは異なります。\n"
      "UMIN IDの登録情報は常に最新にしておいていただけますと幸いです。\n"
      "\n" +
      NotMeNoticeForPasswordChange(not_me_url) + MailFooter(config);
  return mail;
}

}  // namespace passwd
