#include "mail/mail_texts.h"

#include "base/catalogue.h"
#include "base/jst.h"
#include "mail/operator_mail_texts.h"

namespace passwd {
std::string MailFooter(const Config& config, Lang lang) {
  return FormatText(lang, "mail_footer", {{"inquiry_url", config.inquiry_url}});
}

std::string PublicUrl(const Config& config, const std::string& path) {
  std::string base = config.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

OutboxMail AccessCodeMail(const Config& config, Lang lang,
                          const std::string& recipient,
                          const std::string& code,
                          std::chrono::system_clock::time_point expires_at,
                          const std::string& not_me_url) {
  OutboxMail mail;
  mail.lang = lang;
  mail.kind = "access_code";
  mail.recipient = recipient;
  mail.subject = Text(lang, "mail_access_code_subject");
  mail.body = FormatText(lang, "mail_access_code_body",
                         {{"expires", FormatJst(expires_at)},
                          {"code", kSecretPlaceholder}}) +
              NotMeNoticeForAccessCode(lang, not_me_url) +
              MailFooter(config, lang);
  mail.secret = code;
  mail.not_after = expires_at;
  return mail;
}

std::string PropagationDelayText(const Config& config, Lang lang) {
  long seconds = config.sync_interval_seconds;
  if (seconds % 3600 == 0) {
    return FormatText(lang, "delay_hours",
                      {{"count", std::to_string(seconds / 3600)}});
  }
  return FormatText(lang, "delay_minutes",
                    {{"count", std::to_string((seconds + 59) / 60)}});
}

OutboxMail PasswordChangedMail(const Config& config, Lang lang,
                               const std::string& recipient,
                               const std::string& umin_id,
                               const std::string& not_me_url) {
  OutboxMail mail;
  mail.lang = lang;
  mail.kind = "password_changed";
  mail.recipient = recipient;
  mail.subject = Text(lang, "mail_password_changed_subject");
  mail.body = FormatText(lang, "mail_password_changed_body",
                         {{"umin_id", umin_id},
                          {"delay", PropagationDelayText(config, lang)}}) +
              NotMeNoticeForPasswordChange(lang, not_me_url) +
              MailFooter(config, lang);
  return mail;
}

}  // namespace passwd
