// The mails the service sends, worded from the seed; each in the language
// of the page it was requested from (its sentences: base/catalogue.h).
#ifndef PASSWD_LIB_MAIL_MAIL_TEXTS_H_
#define PASSWD_LIB_MAIL_MAIL_TEXTS_H_

#include <chrono>
#include <string>

#include "base/config.h"
#include "base/lang.h"
#include "mail/outbox.h"

namespace passwd {

// The end of every mail: the inquiry form and the network's name.
std::string MailFooter(const Config& config, Lang lang);

// An absolute URL of this service for a link in a mail: public_base_url
// (without a trailing slash) followed by `path`.
std::string PublicUrl(const Config& config, const std::string& path);

// The access-code notice to `recipient`; the code itself goes in as the
// outbox secret, and the mail is never delivered past `expires_at`.
// `not_me_url` lets someone who did not ask for the code say so.
OutboxMail AccessCodeMail(const Config& config, Lang lang,
                          const std::string& recipient,
                          const std::string& code,
                          std::chrono::system_clock::time_point expires_at,
                          const std::string& not_me_url);

// The notice that the password of `umin_id` was changed; it names the ID
// and never the password.
OutboxMail PasswordChangedMail(const Config& config, Lang lang,
                               const std::string& recipient,
                               const std::string& umin_id,
                               const std::string& not_me_url);

// How long propagation takes, in words: "1時間", "2時間", "15分" (or
// "1 hour(s)", ... in English).
std::string PropagationDelayText(const Config& config, Lang lang);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_MAIL_TEXTS_H_
