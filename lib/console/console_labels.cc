#include "console/console_labels.h"

#include <utility>

#include "base/catalogue.h"

namespace passwd {
namespace {

// The console catalogue's "<kind>_<value>", or the value itself when the
// catalogue has no label for it (a value newer than the catalogue).
std::string LabelOr(const std::string& kind, const std::string& value) {
  const std::string key = kind + "_" + value;
  return HasConsoleText(key) ? ConsoleText(key) : value;
}

}  // namespace

std::string AccountCategoryLabel(const std::string& category) {
  return LabelOr("account_category", category);
}

std::string AuditEventLabel(const std::string& event) {
  return LabelOr("audit_event", event);
}

std::string OperatorNoteKindLabel(OperatorNoteKind kind) {
  return ConsoleText(std::string("note_kind_") + OperatorNoteKindValue(kind));
}

std::string FlowStateLabel(FlowState state) {
  return ConsoleText(std::string("flow_state_") + FlowStateValue(state));
}

std::string FlowViaLabel(const std::string& via) {
  return LabelOr("flow_via", via);
}

std::string DeliveryStateLabel(DeliveryState state) {
  return ConsoleText(std::string("delivery_state_") +
                     DeliveryStateValue(state));
}

std::string MailStateLabel(MailState state) {
  return ConsoleText(std::string("mail_state_") + MailStateValue(state));
}

std::string MailKindLabel(const std::string& kind) {
  return LabelOr("mail_kind", kind);
}

std::string IdentityDifferenceLabel(const IdentityDifference& difference) {
  const std::pair<bool, const char*> fields[] = {
      {difference.name, "name"},
      {difference.reading, "reading"},
      {difference.gender, "gender"},
      {difference.birth_date, "birth_date"}};
  std::string out;
  for (const auto& [differs, field] : fields) {
    if (!differs) continue;
    if (!out.empty()) out += ConsoleText("list_separator");
    out += ConsoleText(std::string("identity_field_") + field);
  }
  return out;
}

}  // namespace passwd
