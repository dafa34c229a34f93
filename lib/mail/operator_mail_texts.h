// The mails of the operator requests as they come in: the receipt of the
// public form, the receipt of a "not me" report, and the "not me" notice
// the access-code and completion mails carry.
#ifndef PASSWD_LIB_MAIL_OPERATOR_MAIL_TEXTS_H_
#define PASSWD_LIB_MAIL_OPERATOR_MAIL_TEXTS_H_

#include <string>

#include "base/config.h"
#include "base/lang.h"
#include "domain/operator_request.h"
#include "mail/outbox.h"

namespace passwd {

// The receipt of an operator request, to its contact address: the receipt
// number, the reason and what happens next. It never repeats what the
// applicant typed (names, free text): anyone may type any address, and the
// service must not relay their text to it.
OutboxMail OperatorRequestReceiptMail(const Config& config, Lang lang,
                                      const std::string& recipient,
                                      const std::string& receipt,
                                      OperatorRequestReason reason);

// The receipt of a "not me" report, to the account's registered address:
// the pending code is void, the secretariat will look into it.
OutboxMail NotMeReceiptMail(const Config& config, Lang lang,
                            const std::string& recipient,
                            const std::string& receipt);

// The paragraph an access-code mail ends with: if the user did not ask for
// the code, `not_me_url` tells the secretariat and voids it.
std::string NotMeNoticeForAccessCode(Lang lang, const std::string& not_me_url);

// The paragraph a password-changed mail ends with: if the user did not
// change the password, `not_me_url` tells the secretariat.
std::string NotMeNoticeForPasswordChange(Lang lang,
                                         const std::string& not_me_url);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_OPERATOR_MAIL_TEXTS_H_
