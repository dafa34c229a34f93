// Operator requests as they come in (オペレータへパスワード更新申請): the
// public form's validation, the receipt number, the insert shared by the
// form and the "not me" link, and the receipt cookie that lets only the
// submitting browser see a receipt page.
#ifndef PASSWD_LIB_OPERATOR_INTAKE_H_
#define PASSWD_LIB_OPERATOR_INTAKE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "access_code.h"
#include "config.h"
#include "database.h"
#include "env.h"
#include "identity.h"
#include "request.h"
#include "response.h"
#include "status.h"

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

// The reason as stored, e.g. "code_not_received".
const char* OperatorRequestReasonValue(OperatorRequestReason reason);

// The reason as the user reads it, e.g. "アクセスコードが届かない".
const char* OperatorRequestReasonLabel(OperatorRequestReason reason);

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
};

// Field name (as in the form) -> the message shown next to that field.
using FieldErrors = std::map<std::string, std::string>;

// Checks every field of `form` (`today` is the JST date, for the birth
// date), filling `request` from the valid ones and `errors` with a Japanese
// message for each invalid one; no I/O.
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

// Stores `request` from `client_address` under a fresh unique receipt number
// (a drawn number already taken is drawn again), in the caller's
// transaction; sets `*receipt` and `*id`.
Status SubmitOperatorRequest(Env* env, SqlSession* session,
                             const NewOperatorRequest& request,
                             const std::string& client_address,
                             std::string* receipt, int64_t* id);

// Reads the contact address of the request `receipt`; empty if there is
// no such request.
Status FindReceiptContact(SqlSession* session, const std::string& receipt,
                          std::optional<std::string>* contact_mail);

// The cookie that shows a receipt page only to the browser that submitted
// the request: it holds the receipt number's HMAC under the server key, so
// it can be neither guessed nor moved to another receipt.
inline constexpr char kReceiptCookie[] = "passwd_receipt";
inline constexpr char kReceiptCookiePath[] = "/cgi-open-bin/passwd/";
inline constexpr long kReceiptCookieSeconds = 3600;

// Sets the receipt cookie for `receipt` on `response`.
void SetReceiptCookie(const Config& config, const std::string& receipt,
                      Response* response);

// True when the browser of `request` holds the receipt cookie of `receipt`.
bool HoldsReceiptCookie(const Config& config, const Request& request,
                        const std::string& receipt);

// The contact address of `receipt`, when the browser of `request` submitted
// it (holds its cookie) and the request exists; empty otherwise, so a
// guessed or shared receipt URL tells nothing.
Status FindOwnReceiptContact(Env* env, const Request& request,
                             const std::string& receipt,
                             std::optional<std::string>* contact_mail);

}  // namespace passwd

#endif  // PASSWD_LIB_OPERATOR_INTAKE_H_
