// What is wrong with one field of a form, as a code: the domain never words
// it. The web layer shows the catalogue's "error_<code>" (web/page.h,
// FieldErrorText), with the field's own name ("field_<field>") as {label}
// and `args` filled in (docs/i18n.md).
#ifndef PASSWD_LIB_DOMAIN_FIELD_ERROR_H_
#define PASSWD_LIB_DOMAIN_FIELD_ERROR_H_

#include <map>
#include <string>

namespace passwd {

struct FieldError {
  std::string code;                         // e.g. "required", "too_long"
  std::map<std::string, std::string> args;  // e.g. {"max", "64"}
};

// Field name (as in the form) -> what is wrong with it.
using FieldErrors = std::map<std::string, FieldError>;

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_FIELD_ERROR_H_
