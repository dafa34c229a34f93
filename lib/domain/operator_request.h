// Operator requests as they come in (オペレータへパスワード更新申請): the
// reasons, the public form's validation and the receipt number. No I/O.
#ifndef PASSWD_LIB_DOMAIN_OPERATOR_REQUEST_H_
#define PASSWD_LIB_DOMAIN_OPERATOR_REQUEST_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/lang.h"
#include "base/status.h"
#include "domain/field_error.h"
#include "domain/access_code.h"
#include "domain/identity.h"

namespace passwd {

// Why a request was made; the values are operator_requests.reason's.
enum class OperatorRequestReason {
  kCodeNotReceived,  // アクセスコードが届かない
  kSendFailed,       // アクセスコードの送信に失敗した
  kRoleAccount,      // 役職・業務・管理・団体のUMIN ID
  kOther,            // その他
  kNotMe,            // the "not me" link of a mail (never on the form)
};

// Parses a reason the public form may send (kNotMe is not one); false for
// anything else.
bool ParseOperatorRequestReason(const std::string& value,
                                OperatorRequestReason* reason);

// The reasons the public form offers, in its order (all but kNotMe).
std::vector<OperatorRequestReason> FormOperatorRequestReasons();

// Parses a stored reason (kNotMe included, unlike the public form's
// ParseOperatorRequestReason); false for anything else.
bool ParseStoredOperatorRequestReason(const std::string& value,
                                      OperatorRequestReason* reason);

// The reason as stored, e.g. "code_not_received".
const char* OperatorRequestReasonValue(OperatorRequestReason reason);

// Longest free text accepted, in characters. Bounded by the request body
// cap (max_body_bytes, 16 KiB): a Japanese character takes 9 bytes
// percent-encoded, so 1000 of them plus the other fields still fit.
inline constexpr size_t kOperatorMessageMaxChars = 1000;
// Longest name or reading, and longest affiliation, in characters (the
// columns' sizes).
inline constexpr size_t kOperatorNameMaxChars = 64;
inline constexpr size_t kOperatorAffiliationMaxChars = 200;

// The form as typed; every field is kept to be shown again.
struct OperatorRequestForm {
  std::string umin_id;  // optional
  std::string family_name, given_name, family_reading, given_reading;
  std::string birth_date;  // yyyy/mm/dd (or what ParseBirthDate accepts)
  std::string affiliation;
  std::string contact_mail;
  std::string reason;  // a value for ParseOperatorRequestReason
  std::string message;
};

// A request ready to be stored.
struct NewOperatorRequest {
  std::string umin_id;  // normalised; "" when none was given
  std::string family_name, given_name, family_reading, given_reading;
  std::string birth_date;  // yyyy-mm-dd; "" when unknown
  std::string affiliation;
  std::string contact_mail;
  OperatorRequestReason reason = OperatorRequestReason::kOther;
  std::string message;  // line ends as LF
  bool priority = false;
  // The language of the page it was made from (docs/i18n.md).
  Lang lang = Lang::kJa;
};


// Checks every field of `form` (`today` is the JST date, for the birth
// date), filling `request` from the valid ones and `errors` with the code of
// what is wrong with each invalid one; no I/O.
void ValidateOperatorRequestForm(const OperatorRequestForm& form,
                                 const Date& today, NewOperatorRequest* request,
                                 FieldErrors* errors);

// Normalises a typed contact address: surrounding spaces (U+3000 too)
// trimmed, full-width ASCII made half-width; the result still needs
// ValidateMailAddress.
std::string NormalizeContactMail(const std::string& typed);

// Draws a receipt number "R" yyyymmdd "-" six uniform random digits, e.g.
// R20250107-048213, for the JST date `today`.
Status GenerateReceiptNumber(const RandomByteSource& random_bytes,
                             const Date& today, std::string* receipt);

// Longest receipt number looked up (R + 8 + '-' + 6 is 16).
inline constexpr size_t kReceiptNumberMaxLength = 20;

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_OPERATOR_REQUEST_H_
