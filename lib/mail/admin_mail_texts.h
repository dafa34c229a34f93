// The mails the operator console causes: the one-time link that lets a
// user start the code entry, the rejection of an operator request, and the
// notice that an account's registered address was changed.
#ifndef PASSWD_LIB_MAIL_ADMIN_MAIL_TEXTS_H_
#define PASSWD_LIB_MAIL_ADMIN_MAIL_TEXTS_H_

#include <chrono>
#include <string>

#include "base/config.h"
#include "base/lang.h"
#include "mail/outbox.h"

namespace passwd {


// The link mail to `recipient` for `umin_id`, answering the request
// `receipt_number`: the token goes in as the outbox secret (the link holds
// the placeholder), and the mail is never delivered past `expires_at`.
OutboxMail OperatorLinkMail(const Config& config, Lang lang,
                            const std::string& recipient,
                            const std::string& umin_id,
                            const std::string& receipt_number,
                            const std::string& token,
                            std::chrono::system_clock::time_point expires_at);

// The rejection of request `receipt_number`, with the operator's `reason`,
// to the applicant's contact address.
OutboxMail RequestRejectedMail(const Config& config, Lang lang,
                               const std::string& recipient,
                               const std::string& receipt_number,
                               const std::string& reason);

// The notice that the registered address of `umin_id` was changed by the
// secretariat; it never names the addresses.
OutboxMail AddressChangedMail(const Config& config,
                              const std::string& recipient,
                              const std::string& umin_id);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_ADMIN_MAIL_TEXTS_H_
