#include "domain/operator_request.h"

#include <cstdio>
#include <vector>

#include "base/crypto.h"
#include "base/enum_table.h"
#include "base/text.h"
#include "domain/mail_address.h"
#include "domain/umin_id.h"

namespace passwd {
namespace {

constexpr size_t kReceiptDigits = 6;

// As stored in operator_requests.reason; the pages, the mails and the
// console word it with the catalogue's "reason_<text>".
struct ReasonText {
  OperatorRequestReason value;
  const char* text;
};
constexpr ReasonText kReasons[] = {
    {OperatorRequestReason::kCodeNotReceived, "code_not_received"},
    {OperatorRequestReason::kSendFailed, "send_failed"},
    {OperatorRequestReason::kRoleAccount, "role_account"},
    {OperatorRequestReason::kOther, "other"},
    {OperatorRequestReason::kNotMe, "not_me"},
};

// CRLF and lone CR become LF, as a textarea's text is counted by browsers.
std::string UnixLineEnds(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string UminIdError(UminIdOutcome outcome) {
  switch (outcome) {
    case UminIdOutcome::kOk:
    case UminIdOutcome::kEmpty:
      return "";
    case UminIdOutcome::kHasMailDomain:
      return "umin_id_mail_domain";
    case UminIdOutcome::kMalformed:
      break;
  }
  // The ID is optional here, so the message says it may be left out.
  return "umin_id_malformed_optional";
}

// A one-line text field: trimmed, required, at most `max_chars`.
void CheckLine(const std::string& field, const std::string& typed,
               size_t max_chars, std::string* out, FieldErrors* errors) {
  *out = Trim(typed);
  if (out->empty()) {
    (*errors)[field] = {"required", {}};
  } else if (Utf8Length(*out) > max_chars) {
    (*errors)[field] = {"too_long", {{"max", std::to_string(max_chars)}}};
  } else if (HasControlCharacter(*out)) {
    (*errors)[field] = {"control", {}};
  }
}

// The optional UMIN ID: normalised into `*umin_id` when one was typed.
void CheckUminId(const std::string& typed, std::string* umin_id,
                 FieldErrors* errors) {
  UminIdResult id = NormalizeUminId(typed);
  std::string id_error = UminIdError(id.outcome);
  if (!id_error.empty()) {
    (*errors)["umin_id"] = {id_error, {}};
  } else if (id.outcome == UminIdOutcome::kOk) {
    *umin_id = id.id;
  }
}

// A name field: a line that NormalizeName accepts.
void CheckName(const std::string& field, const std::string& typed,
               std::string* out, FieldErrors* errors) {
  CheckLine(field, typed, kOperatorNameMaxChars, out, errors);
  std::string normalised;
  if (!errors->count(field) && !NormalizeName(*out, &normalised).ok()) {
    (*errors)[field] = {"invalid", {}};
  }
}

// A reading field: a line that NormalizeReading accepts.
void CheckReading(const std::string& field, const std::string& typed,
                  std::string* out, FieldErrors* errors) {
  CheckLine(field, typed, kOperatorNameMaxChars, out, errors);
  std::string normalised;
  if (!errors->count(field) && !NormalizeReading(*out, &normalised).ok()) {
    (*errors)[field] = {"hiragana", {}};
  }
}

// The birth date, required, stored as yyyy-mm-dd.
void CheckBirthDate(const std::string& typed, const Date& today,
                    std::string* birth_date, FieldErrors* errors) {
  if (Trim(typed).empty()) {
    (*errors)["birth_date"] = {"birth_date_empty", {}};
    return;
  }
  Date birth;
  std::string error = BirthDateError(typed, today, &birth);
  if (!error.empty()) {
    (*errors)["birth_date"] = {error, {}};
  } else {
    *birth_date = FormatDate(birth);
  }
}

// The contact address, required, normalised into `*contact_mail`.
void CheckContactMail(const std::string& typed, std::string* contact_mail,
                      FieldErrors* errors) {
  *contact_mail = NormalizeContactMail(typed);
  if (contact_mail->empty()) {
    errors->emplace("contact_mail", FieldError{"contact_mail_empty", {}});
  } else if (!ValidateMailAddress(*contact_mail).ok()) {
    errors->emplace("contact_mail", FieldError{"contact_mail_invalid", {}});
  }
}

// The reason, required, and the free text: capped, and required when the
// reason is "other".
void CheckReasonAndMessage(const OperatorRequestForm& form,
                           NewOperatorRequest* request, FieldErrors* errors) {
  bool has_reason = ParseOperatorRequestReason(form.reason, &request->reason);
  if (!has_reason) errors->emplace("reason", FieldError{"reason_empty", {}});

  request->message = Trim(UnixLineEnds(form.message));
  size_t chars = Utf8Length(request->message);
  if (chars > kOperatorMessageMaxChars) {
    errors->emplace(
        "message",
        FieldError{"message_too_long",
                   {{"max", std::to_string(kOperatorMessageMaxChars)},
                    {"count", std::to_string(chars)}}});
  } else if (has_reason && request->reason == OperatorRequestReason::kOther &&
             request->message.empty()) {
    errors->emplace("message", FieldError{"message_other_empty", {}});
  }
}

}  // namespace

bool ParseOperatorRequestReason(const std::string& value,
                                OperatorRequestReason* reason) {
  // kNotMe comes from a mail's link, never from the form.
  OperatorRequestReason parsed;
  if (!ParseEntryText(kReasons, value, &parsed) ||
      parsed == OperatorRequestReason::kNotMe) {
    return false;
  }
  *reason = parsed;
  return true;
}

bool ParseStoredOperatorRequestReason(const std::string& value,
                                      OperatorRequestReason* reason) {
  return ParseEntryText(kReasons, value, reason);
}

std::vector<OperatorRequestReason> FormOperatorRequestReasons() {
  std::vector<OperatorRequestReason> reasons;
  for (const auto& t : kReasons) {
    if (t.value != OperatorRequestReason::kNotMe) reasons.push_back(t.value);
  }
  return reasons;
}

const char* OperatorRequestReasonValue(OperatorRequestReason reason) {
  return EntryOf(kReasons, reason).text;
}

std::string NormalizeContactMail(const std::string& typed) {
  std::string trimmed = Trim(typed);
  std::string out;
  out.reserve(trimmed.size());
  for (size_t i = 0; i < trimmed.size();) {
    auto b0 = static_cast<unsigned char>(trimmed[i]);
    // U+FF01..U+FF5E (full-width ASCII) is EF BC 81..EF BD 9E.
    if (b0 == 0xEF && i + 2 < trimmed.size()) {
      auto b1 = static_cast<unsigned char>(trimmed[i + 1]);
      auto b2 = static_cast<unsigned char>(trimmed[i + 2]);
      unsigned code = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        out.push_back(static_cast<char>(code - 0xFF01 + 0x21));
        i += 3;
        continue;
      }
    }
    out.push_back(trimmed[i]);
    ++i;
  }
  return out;
}

void ValidateOperatorRequestForm(const OperatorRequestForm& form,
                                 const Date& today, NewOperatorRequest* request,
                                 FieldErrors* errors) {
  CheckUminId(form.umin_id, &request->umin_id, errors);
  CheckName("family_name", form.family_name, &request->family_name, errors);
  CheckName("given_name", form.given_name, &request->given_name, errors);
  CheckReading("family_reading", form.family_reading,
               &request->family_reading, errors);
  CheckReading("given_reading", form.given_reading, &request->given_reading,
               errors);
  CheckBirthDate(form.birth_date, today, &request->birth_date, errors);
  CheckLine("affiliation", form.affiliation, kOperatorAffiliationMaxChars,
            &request->affiliation, errors);
  CheckContactMail(form.contact_mail, &request->contact_mail, errors);
  CheckReasonAndMessage(form, request, errors);
  request->priority = false;
}

Status GenerateReceiptNumber(const RandomByteSource& random_bytes,
                             const Date& today, std::string* receipt) {
  std::string digits;
  // Bytes of 250 and above are dropped so that every digit is equally
  // likely; 64 draws all rejected means a broken source.
  for (int round = 0; round < 64 && digits.size() < kReceiptDigits; ++round) {
    std::string bytes;
    Status s = random_bytes(kReceiptDigits, &bytes);
    if (!s.ok()) return s;
    for (unsigned char b : bytes) {
      if (b < 250 && digits.size() < kReceiptDigits) {
        digits.push_back(static_cast<char>('0' + b % 10));
      }
    }
  }
  if (digits.size() < kReceiptDigits) {
    return Status::Internal("random source keeps returning rejected bytes");
  }
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d%02d", today.year % 10000,
                today.month % 100, today.day % 100);
  *receipt = "R" + std::string(date) + "-" + digits;
  return Status::Ok();
}

}  // namespace passwd
