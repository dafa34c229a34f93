#include "mail/operator_mail_texts.h"

#include "base/catalogue.h"
#include "mail/mail_texts.h"

namespace passwd {

OutboxMail OperatorRequestReceiptMail(const Config& config, Lang lang,
                                      const std::string& recipient,
                                      const std::string& receipt,
                                      OperatorRequestReason reason) {
  OutboxMail mail;
  mail.lang = lang;
  mail.kind = "operator_request_receipt";
  mail.recipient = recipient;
  mail.subject = FormatText(lang, "mail_operator_receipt_subject",
                            {{"receipt", receipt}});
  mail.body =
      FormatText(lang, "mail_operator_receipt_body",
                 {{"receipt", receipt},
                  {"reason", Text(lang, std::string("reason_") +
                                            OperatorRequestReasonValue(reason))},
                  {"next_steps", Text(lang, "mail_next_steps")}}) +
      MailFooter(config, lang);
  return mail;
}

OutboxMail NotMeReceiptMail(const Config& config, Lang lang,
                            const std::string& recipient,
                            const std::string& receipt) {
  OutboxMail mail;
  mail.lang = lang;
  mail.kind = "not_me_receipt";
  mail.recipient = recipient;
  mail.subject =
      FormatText(lang, "mail_not_me_receipt_subject", {{"receipt", receipt}});
  mail.body = FormatText(lang, "mail_not_me_receipt_body",
                         {{"receipt", receipt},
                          {"next_steps", Text(lang, "mail_next_steps")}}) +
              MailFooter(config, lang);
  return mail;
}

std::string NotMeNoticeForAccessCode(Lang lang, const std::string& not_me_url) {
  return FormatText(lang, "mail_not_me_notice_code", {{"url", not_me_url}});
}

std::string NotMeNoticeForPasswordChange(Lang lang,
                                         const std::string& not_me_url) {
  return FormatText(lang, "mail_not_me_notice_change", {{"url", not_me_url}});
}

}  // namespace passwd
