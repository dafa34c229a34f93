#include "mail/admin_mail_texts.h"

#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "mail/mail_texts.h"

namespace passwd {
namespace {

// A console mail of `kind` to `recipient` in `lang`: `body`, then the
// footer.
OutboxMail ConsoleMail(const Config& config, Lang lang, const char* kind,
                       const std::string& recipient, const std::string& subject,
                       const std::string& body) {
  OutboxMail mail;
  mail.lang = lang;
  mail.kind = kind;
  mail.recipient = recipient;
  mail.subject = subject;
  mail.body = body + MailFooter(config, lang);
  return mail;
}

}  // namespace

OutboxMail OperatorLinkMail(const Config& config, Lang lang,
                            const std::string& recipient,
                            const std::string& umin_id,
                            const std::string& receipt_number,
                            const std::string& token,
                            std::chrono::system_clock::time_point expires_at) {
  OutboxMail mail = ConsoleMail(
      config, lang, "operator_link", recipient,
      Text(lang, "mail_operator_link_subject"),
      Text(lang, "mail_thanks_for_request") +
          FormatText(lang, "mail_operator_link_body",
                     {{"receipt", receipt_number},
                      {"umin_id", umin_id},
                      {"link", PublicUrl(config, std::string(kOperatorLinkPath) +
                                                     "?t=" + kSecretPlaceholder)},
                      {"expires", FormatJst(expires_at)}}));
  mail.secret = token;
  mail.not_after = expires_at;
  return mail;
}

OutboxMail RequestRejectedMail(const Config& config, Lang lang,
                               const std::string& recipient,
                               const std::string& receipt_number,
                               const std::string& reason) {
  return ConsoleMail(config, lang, "request_rejected", recipient,
                     Text(lang, "mail_request_rejected_subject"),
                     Text(lang, "mail_thanks_for_request") +
                         FormatText(lang, "mail_request_rejected_body",
                                    {{"receipt", receipt_number},
                                     {"reason", reason}}));
}

OutboxMail AddressChangedMail(const Config& config,
                              const std::string& recipient,
                              const std::string& umin_id) {
  // No request of the user's asked for it: the default language.
  const Lang lang = Lang::kJa;
  return ConsoleMail(
      config, lang, "address_changed", recipient,
      Text(lang, "mail_address_changed_subject"),
      FormatText(lang, "mail_address_changed_body", {{"umin_id", umin_id}}));
}

}  // namespace passwd
