#include "mail/mail_transport.h"

#include <string>

#include "base/crypto.h"
#include "mail/smtp_client.h"

namespace passwd {

Status SendOutboxMail(const Config& config, const MailMessage& message) {
  std::string rfc5322;
  WipeOnExit wipe_rfc5322(&rfc5322);
  Status s = ComposeMail(message, &rfc5322);
  if (!s.ok()) return s;

  SmtpSettings settings;
  settings.url = config.smtp_url;
  settings.starttls = config.smtp_starttls;
  settings.username = config.smtp_username;
  settings.password = config.smtp_password;
  settings.timeout_seconds = config.smtp_timeout_seconds;
  return SendMail(settings, config.mail_from_address, message.to_address,
                  rfc5322);
}

}  // namespace passwd
