// The Japanese labels the console shows for stored values that have no
// label of their own elsewhere: account categories, audit events, note
// kinds, flows, deliveries and mails, each the console catalogue's
// "<kind>_<stored value>" (i18n/console_ja.txt). (A request's status is
// labelled by its owner, store/operator_requests.h; its reason by the
// public catalogue's reason_<value>.)
#ifndef PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_
#define PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_

#include <string>

#include "domain/identity.h"
#include "flow/password_change_history.h"
#include "flow/reset_flow.h"
#include "mail/outbox.h"
#include "store/operator_notes.h"

namespace passwd {

// The Japanese name of an account category, e.g. "役職" for "role" (the
// value itself when unknown).
std::string AccountCategoryLabel(const std::string& category);

// The Japanese name of an audit event (the event itself when unknown).
std::string AuditEventLabel(const std::string& event);

// The Japanese name of a note's kind, e.g. "却下の理由".
std::string OperatorNoteKindLabel(OperatorNoteKind kind);

// The Japanese name of a flow's state, e.g. "アクセスコード入力待ち".
std::string FlowStateLabel(FlowState state);

// How a flow began ("id", "profile", "operator"), e.g. "UMIN IDから".
std::string FlowViaLabel(const std::string& via);

// The Japanese name of a delivery's state, e.g. "反映済み".
std::string DeliveryStateLabel(DeliveryState state);

// The Japanese name of a mail's state, e.g. "送信失敗".
std::string MailStateLabel(MailState state);

// The identity fields that differ, in Japanese, e.g. "氏名、生年月日".
std::string IdentityDifferenceLabel(const IdentityDifference& difference);

// The Japanese name of a mail's kind, e.g. "アクセスコード通知" (the kind
// itself when unknown).
std::string MailKindLabel(const std::string& kind);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_CONSOLE_LABELS_H_
