// The mail sender's way out: an outbox mail composed (GMime) and handed to
// the configured SMTP server (libcurl). Apart from mail/outbox, which passes
// it in, so that only the mail sender links those libraries; a page, which
// only queues mail, maps neither.
#ifndef PASSWD_LIB_MAIL_MAIL_TRANSPORT_H_
#define PASSWD_LIB_MAIL_MAIL_TRANSPORT_H_

#include "base/config.h"
#include "base/status.h"
#include "mail/mail_message.h"

namespace passwd {

// Composes `message` and sends it from the configuration's sender through
// its SMTP server (smtp_url, STARTTLS, login, timeout). InvalidInput when
// the mail can never be composed or is refused for good.
Status SendOutboxMail(const Config& config, const MailMessage& message);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_MAIL_TRANSPORT_H_
