// The Japanese labels the console shows for stored values that have no
// label of their own elsewhere: account categories, audit events and note
// kinds. (A request's status and reason are labelled by their owners,
// store/operator_requests.h and domain/operator_request.h.)
#ifndef PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_
#define PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_

#include <string>

#include "store/operator_notes.h"

namespace passwd {

// The Japanese name of an account category, e.g. "役職" for "role" (the
// value itself when unknown).
std::string AccountCategoryLabel(const std::string& category);

// The Japanese name of an audit event (the event itself when unknown).
std::string AuditEventLabel(const std::string& event);

// The Japanese name of a note's kind, e.g. "却下の理由".
const char* OperatorNoteKindLabel(OperatorNoteKind kind);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_
