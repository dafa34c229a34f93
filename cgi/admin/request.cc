// One operator request: its data, the accounts whose identity data match it
// with each account's recent audit events, its notes and history, and the
// forms of the actions (take, send an access-code link, reject, note,
// close) that cgi/admin/action.cc performs.
#include <optional>
#include <vector>

#include "base/catalogue.h"
#include "base/database.h"
#include "base/jst.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/console_labels.h"
#include "console/record_id.h"
#include "console/request_accounts.h"
#include "console/request_actions.h"
#include "store/audit_history.h"
#include "store/operator_links.h"
#include "store/operator_notes.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

// What the action page reports back after its redirect; "" for none.
std::string FlashText(const std::string& done) {
  const RequestAction* action = FindRequestAction(done);
  return action ? RequestActionFlash(*action) : "";
}

// What the action page reports when the text an action needs is missing;
// "" for none.
std::string ErrorText(const std::string& failed) {
  const RequestAction* action = FindRequestAction(failed);
  return action ? RequestActionError(*action) : "";
}

// Adds one section dictionary per line of `text` under `section`.
void AddLines(ctemplate::TemplateDictionary* dict, const char* section,
              const char* key, const std::string& text) {
  size_t from = 0;
  while (from <= text.size()) {
    size_t end = text.find('\n', from);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(from, end - from);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    dict->AddSectionDictionary(section)->SetValue(key, line);
    from = end + 1;
  }
}

// A stored yyyy-mm-dd date as the seed writes dates, yyyy/mm/dd.
std::string SlashDate(std::string date) {
  for (char& c : date) {
    if (c == '-') c = '/';
  }
  return date;
}

struct PageData {
  OperatorRequestRecord request;
  std::vector<AccountMatch> matches;
  std::vector<std::vector<AuditRecord>> account_events;  // by match
  std::vector<AuditRecord> history;
  std::vector<OperatorNote> notes;
  std::vector<OperatorLinkRecord> links;
};

Status Load(SqlSession* session, int64_t id, std::optional<PageData>* out) {
  out->reset();
  std::optional<OperatorRequestRecord> found;
  Status s = FindOperatorRequest(session, id, false, &found);
  if (!s.ok() || !found) return s;
  PageData data;
  data.request = *found;
  s = FindMatchingAccounts(session, data.request, &data.matches);
  for (const auto& match : data.matches) {
    if (!s.ok()) break;
    data.account_events.emplace_back();
    s = LatestAccountEvents(session, match.account.umin_id,
                            &data.account_events.back());
  }
  if (s.ok()) s = OperatorRequestHistory(session, id, &data.history);
  if (s.ok()) s = ListOperatorNotes(session, id, &data.notes);
  if (s.ok()) s = ListOperatorLinks(session, id, &data.links);
  if (s.ok()) *out = std::move(data);
  return s;
}

void FillAccounts(Env* env, const PageData& data,
                  ctemplate::TemplateDictionary* dict) {
  const bool open = data.request.status != OperatorRequestStatus::kClosed;
  if (data.matches.empty()) dict->ShowSection("NO_ACCOUNT");
  for (size_t i = 0; i < data.matches.size(); ++i) {
    const AccountMatch& match = data.matches[i];
    const Account& a = match.account;
    auto* d = dict->AddSectionDictionary("ACCOUNT");
    d->SetValue("UMIN_ID", a.umin_id);
    d->SetIntValue("REQUEST_ID", data.request.id);
    if (match.identity_matches) {
      d->ShowSection("IDENTITY_MATCH");
    } else {
      d->AddSectionDictionary("NO_IDENTITY_MATCH")
          ->SetValue("FIELDS", IdentityDifferenceLabel(match.difference));
    }
    if (match.named_in_request) d->ShowSection("NAMED");
    d->SetValue("CATEGORY", AccountCategoryLabel(a.category));
    if (a.NeedsReview()) d->ShowSection("REVIEW");
    d->SetValue("FAMILY_NAME", a.family_name);
    d->SetValue("GIVEN_NAME", a.given_name);
    d->SetValue("FAMILY_READING", a.family_reading);
    d->SetValue("GIVEN_READING", a.given_reading);
    d->SetValue("GENDER", ConsoleText(a.gender == "female" ? "gender_female"
                                                           : "gender_male"));
    d->SetValue("BIRTH_DATE", SlashDate(a.birth_date));
    for (const auto& to :
         AccountRecipients(a, env->config().umin_mail_domain)) {
      d->AddSectionDictionary("ADDRESS")->SetValue("VALUE", to);
    }
    if (open) {
      // Sending for an account that does not match needs a typed reason.
      auto* send = d->AddSectionDictionary("CAN_SEND");
      if (!match.identity_matches) send->ShowSection("NEEDS_REASON");
    }
    const auto& events = data.account_events[i];
    d->ShowSection(events.empty() ? "NO_EVENT" : "HAS_EVENTS");
    for (const auto& event : events) {
      auto* e = d->AddSectionDictionary("EVENT");
      e->SetValue("AT", JstFromSql(event.occurred_at));
      e->SetValue("LABEL", AuditEventLabel(event.event));
      e->SetValue("OPERATOR", event.operator_name);
      e->SetValue("DETAIL", event.detail);
    }
  }
}

// How a link stands now, in the words of the page.
std::string LinkState(const OperatorLinkRecord& link,
                      std::chrono::system_clock::time_point now) {
  if (!link.used_at.empty()) {
    return FormatConsoleText("link_state_used",
                             {{"at", JstFromSql(link.used_at)}});
  }
  // Voided by a newer link, an address change or a new password.
  if (!link.voided_at.empty()) {
    return ConsoleText("link_state_voided");
  }
  std::chrono::system_clock::time_point expires;
  if (ParseSqlTime(link.expires_at, &expires).ok() && now >= expires) {
    return ConsoleText("link_state_expired");
  }
  return ConsoleText("link_state_unused");
}

void FillRecords(Env* env, const PageData& data,
                 ctemplate::TemplateDictionary* dict) {
  if (data.notes.empty()) dict->ShowSection("NO_NOTE");
  for (const auto& note : data.notes) {
    auto* n = dict->AddSectionDictionary("NOTE");
    n->SetValue("AT", JstFromSql(note.created_at));
    n->SetValue("KIND", OperatorNoteKindLabel(note.kind));
    AddLines(n, "LINE", "TEXT", note.body);
    n->SetValue("OPERATOR",
                note.operator_name + " (" + note.operator_login + ")");
  }
  if (!data.links.empty()) dict->ShowSection("LINKS");
  const auto now = env->Now();
  for (const auto& link : data.links) {
    auto* l = dict->AddSectionDictionary("LINK");
    l->SetValue("UMIN_ID", link.umin_id);
    l->SetValue("CREATED_AT", JstFromSql(link.created_at));
    l->SetValue("EXPIRES_AT", JstFromSql(link.expires_at));
    l->SetValue("STATE", LinkState(link, now));
  }
  dict->ShowSection(data.history.empty() ? "NO_HISTORY" : "HAS_HISTORY");
  for (const auto& event : data.history) {
    auto* h = dict->AddSectionDictionary("HISTORY");
    h->SetValue("AT", JstFromSql(event.occurred_at));
    h->SetValue("LABEL", AuditEventLabel(event.event));
    if (!event.umin_id.empty()) {
      h->AddSectionDictionary("HISTORY_ACCOUNT")
          ->SetValue("UMIN_ID", event.umin_id);
    }
    h->SetValue("OPERATOR", event.operator_name);
    h->SetValue("DETAIL", event.detail);
  }
}

// The request's own data and the forms its state allows.
void FillRequest(const OperatorRequestRecord& r, const Operator& op,
                 ctemplate::TemplateDictionary* dict) {
  dict->SetIntValue("REQUEST_ID", r.id);
  dict->SetValue("RECEIPT", r.receipt_number);
  dict->SetValue("STATUS_LABEL", OperatorRequestStatusLabel(r.status));
  if (r.priority) dict->ShowSection("PRIORITY");
  dict->SetValue("OPERATOR",
                 r.operator_id ? r.operator_name + " (" + r.operator_login + ")"
                               : ConsoleText("operator_unassigned"));
  dict->SetValue("CREATED_AT", JstFromSql(r.created_at));
  dict->SetValue("UPDATED_AT", JstFromSql(r.updated_at));
  dict->SetValue("REASON", Text(Lang::kJa, std::string("reason_") +
                                     OperatorRequestReasonValue(r.reason)));
  if (r.umin_id.empty()) {
    dict->ShowSection("NO_NAMED_ID");
  } else {
    dict->AddSectionDictionary("NAMED_ID")->SetValue("ID", r.umin_id);
  }
  dict->SetValue("FAMILY_NAME", r.family_name);
  dict->SetValue("GIVEN_NAME", r.given_name);
  dict->SetValue("FAMILY_READING", r.family_reading);
  dict->SetValue("GIVEN_READING", r.given_reading);
  dict->SetValue("BIRTH_DATE", r.birth_date.empty()
                                   ? ConsoleText("not_filled_in")
                                   : SlashDate(r.birth_date));
  dict->SetValue("AFFILIATION", r.affiliation);
  dict->SetValue("CONTACT_MAIL", r.contact_mail);
  AddLines(dict, "MESSAGE_LINE", "LINE", r.message);
  if (r.status == OperatorRequestStatus::kClosed) {
    dict->ShowSection("CLOSED");
  } else {
    dict->ShowSection("OPEN");
    if (r.operator_id != op.id ||
        r.status != OperatorRequestStatus::kInProgress) {
      dict->ShowSection("CAN_TAKE");
    }
  }
}

}  // namespace

Status HandleRequest(const Request& request, Env* env, const Operator& op,
                     Response* response) {
  const std::string typed_id = request.Query("id");
  int64_t id = 0;
  std::optional<PageData> data;
  if (ParseRecordId(typed_id, &id)) {
    Status s = env->db()->Transaction(
        [&](SqlSession* session) { return Load(session, id, &data); });
    if (!s.ok()) return s;
  }
  if (!data) {
    return RefuseConsoleRequest(
        env, request, op,
        {404, "no operator request " + Utf8Prefix(typed_id, 40)}, response);
  }
  AdminPage page(
      "admin_request.tpl",
      FormatConsoleText("request_title",
                        {{"receipt", data->request.receipt_number}}));
  auto* dict = page.dict();
  const std::string flash = FlashText(request.Query("done"));
  if (!flash.empty()) {
    dict->AddSectionDictionary("FLASH")->SetValue("TEXT", flash);
  }
  const std::string error = ErrorText(request.Query("error"));
  if (!error.empty()) {
    dict->AddSectionDictionary("ACTION_ERROR")->SetValue("TEXT", error);
  }
  FillRequest(data->request, op, dict);
  FillAccounts(env, *data, dict);
  FillRecords(env, *data, dict);
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-request",
                                 {"GET"},
                                 /*needs_operator=*/true,
                                 passwd::HandleRequest});
}
