// One operator request: its data, the accounts whose identity data match it
// with each account's recent audit events, its notes and history, and the
// forms of the actions (take, send an access-code link, reject, note,
// close) that cgi/admin/action.cc performs.
#include <optional>
#include <vector>

#include "console/admin_console.h"
#include "console/admin_session.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

const char kAccountEvents[] =
    "SELECT occurred_at, event, operator_name, detail FROM audit_log "
    "WHERE umin_id = ? ORDER BY id DESC LIMIT 10";
const char kRequestEvents[] =
    "SELECT occurred_at, event, umin_id, operator_name, detail "
    "FROM audit_log WHERE request_ref = ? ORDER BY id";
const char kNotes[] =
    "SELECT n.created_at, n.kind, n.body, o.display_name, o.login "
    "FROM operator_notes n JOIN operators o ON o.id = n.operator_id "
    "WHERE n.request_id = ? ORDER BY n.id";
const char kLinks[] =
    "SELECT umin_id, created_at, expires_at, used_at, voided_at "
    "FROM operator_link_tokens WHERE request_id = ? ORDER BY id";

// What the action page reports back after its redirect.
const char* FlashText(const std::string& done) {
  if (done == "take") return "この申請を担当にしました。";
  if (done == "send_code") {
    return "アクセスコード送信用のリンクを登録メールアドレスへ送信しました。";
  }
  if (done == "reject") return "申請を却下し、申請者へ通知しました。";
  if (done == "note") return "メモを追加しました。";
  if (done == "close") return "申請を完了にしました。";
  return nullptr;
}

// What the action page reports when the text an action needs is missing.
const char* ErrorText(const std::string& action) {
  if (action == "note") return "メモを2000文字以内で入力してください。";
  if (action == "reject") {
    return "却下の理由を1000文字以内で入力してください。";
  }
  if (action == "close")
    return "完了時のメモは2000文字以内で入力してください。";
  return nullptr;
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

std::string NoteKindLabel(const std::string& kind) {
  if (kind == "rejection") return "却下の理由";
  if (kind == "closing") return "完了時のメモ";
  return "メモ";
}

struct PageData {
  OperatorRequestRecord request;
  std::vector<AccountMatch> matches;
  std::vector<std::vector<SqlRow>> account_events;  // by match
  std::vector<SqlRow> history, notes, links;
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
    s = session->Query(kAccountEvents, {match.account.umin_id},
                       &data.account_events.back());
  }
  if (s.ok()) s = session->Query(kRequestEvents, {id}, &data.history);
  if (s.ok()) s = session->Query(kNotes, {id}, &data.notes);
  if (s.ok()) s = session->Query(kLinks, {id}, &data.links);
  if (s.ok()) *out = std::move(data);
  return s;
}

void FillAccounts(Env* env, const PageData& data,
                  ctemplate::TemplateDictionary* dict) {
  const bool open = data.request.status != "closed";
  if (data.matches.empty()) dict->ShowSection("NO_ACCOUNT");
  for (size_t i = 0; i < data.matches.size(); ++i) {
    const AccountMatch& match = data.matches[i];
    const Account& a = match.account;
    auto* d = dict->AddSectionDictionary("ACCOUNT");
    d->SetValue("UMIN_ID", a.umin_id);
    d->SetIntValue("REQUEST_ID", data.request.id);
    d->ShowSection(match.identity_matches ? "IDENTITY_MATCH"
                                          : "NO_IDENTITY_MATCH");
    if (match.named_in_request) d->ShowSection("NAMED");
    d->SetValue("CATEGORY", AccountCategoryLabel(a.category));
    if (a.NeedsReview()) d->ShowSection("REVIEW");
    d->SetValue("FAMILY_NAME", a.family_name);
    d->SetValue("GIVEN_NAME", a.given_name);
    d->SetValue("FAMILY_READING", a.family_reading);
    d->SetValue("GIVEN_READING", a.given_reading);
    d->SetValue("GENDER", a.gender == "female" ? "女性" : "男性");
    d->SetValue("BIRTH_DATE", SlashDate(a.birth_date));
    if (!a.external_mail.empty()) {
      d->AddSectionDictionary("ADDRESS")->SetValue("VALUE", a.external_mail);
    }
    d->AddSectionDictionary("ADDRESS")->SetValue(
        "VALUE", a.umin_id + "@" + env->config().umin_mail_domain);
    if (open) d->ShowSection("CAN_SEND");
    const auto& events = data.account_events[i];
    d->ShowSection(events.empty() ? "NO_EVENT" : "HAS_EVENTS");
    for (const auto& row : events) {
      auto* e = d->AddSectionDictionary("EVENT");
      e->SetValue("AT", JstFromSql(row.Text(0)));
      e->SetValue("LABEL", AuditEventLabel(row.Text(1)));
      e->SetValue("OPERATOR", row.Text(2));
      e->SetValue("DETAIL", row.Text(3));
    }
  }
}

void FillRecords(Env* env, const PageData& data,
                 ctemplate::TemplateDictionary* dict) {
  if (data.notes.empty()) dict->ShowSection("NO_NOTE");
  for (const auto& row : data.notes) {
    auto* n = dict->AddSectionDictionary("NOTE");
    n->SetValue("AT", JstFromSql(row.Text(0)));
    n->SetValue("KIND", NoteKindLabel(row.Text(1)));
    AddLines(n, "LINE", "TEXT", row.Text(2));
    n->SetValue("OPERATOR", row.Text(3) + " (" + row.Text(4) + ")");
  }
  if (!data.links.empty()) dict->ShowSection("LINKS");
  const auto now = env->Now();
  for (const auto& row : data.links) {
    auto* l = dict->AddSectionDictionary("LINK");
    l->SetValue("UMIN_ID", row.Text(0));
    l->SetValue("CREATED_AT", JstFromSql(row.Text(1)));
    l->SetValue("EXPIRES_AT", JstFromSql(row.Text(2)));
    std::chrono::system_clock::time_point expires;
    bool expired = ParseSqlTime(row.Text(2), &expires).ok() && now >= expires;
    l->SetValue("STATE",
                !row.IsNull(3) ? "使用済み（" + JstFromSql(row.Text(3)) + "）"
                : !row.IsNull(4) ? std::string("新しいリンクにより無効")
                : expired        ? std::string("期限切れ")
                                 : std::string("未使用"));
  }
  dict->ShowSection(data.history.empty() ? "NO_HISTORY" : "HAS_HISTORY");
  for (const auto& row : data.history) {
    auto* h = dict->AddSectionDictionary("HISTORY");
    h->SetValue("AT", JstFromSql(row.Text(0)));
    h->SetValue("LABEL", AuditEventLabel(row.Text(1)));
    h->SetValue("UMIN_ID", row.Text(2));
    h->SetValue("OPERATOR", row.Text(3));
    h->SetValue("DETAIL", row.Text(4));
  }
}

}  // namespace

Status HandleRequest(const Request& request, Env* env, Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;

  const std::string typed_id = request.Query("id");
  int64_t id = 0;
  std::optional<PageData> data;
  if (ParseRecordId(typed_id, &id)) {
    s = env->db()->Transaction(
        [&](SqlSession* session) { return Load(session, id, &data); });
    if (!s.ok()) return s;
  }
  if (!data) {
    return RefuseConsoleRequest(
        env, request, op, 404,
        "no operator request " + Utf8Prefix(typed_id, 40), 0, "", response);
  }
  const OperatorRequestRecord& r = data->request;

  AdminPage page("admin_request.tpl", "申請 " + r.receipt_number);
  auto* dict = page.dict();
  if (const char* flash = FlashText(request.Query("done"))) {
    dict->AddSectionDictionary("FLASH")->SetValue("TEXT", flash);
  }
  if (const char* error = ErrorText(request.Query("error"))) {
    dict->AddSectionDictionary("ACTION_ERROR")->SetValue("TEXT", error);
  }
  dict->SetIntValue("REQUEST_ID", r.id);
  dict->SetValue("RECEIPT", r.receipt_number);
  dict->SetValue("STATUS_LABEL", RequestStatusLabel(r.status));
  if (r.priority) dict->ShowSection("PRIORITY");
  dict->SetValue("OPERATOR",
                 r.operator_id ? r.operator_name + " (" + r.operator_login + ")"
                               : "未割り当て");
  dict->SetValue("CREATED_AT", JstFromSql(r.created_at));
  dict->SetValue("UPDATED_AT", JstFromSql(r.updated_at));
  dict->SetValue("REASON", RequestReasonLabel(r.reason));
  dict->SetValue("UMIN_ID", r.umin_id.empty() ? "（記入なし）" : r.umin_id);
  dict->SetValue("FAMILY_NAME", r.family_name);
  dict->SetValue("GIVEN_NAME", r.given_name);
  dict->SetValue("FAMILY_READING", r.family_reading);
  dict->SetValue("GIVEN_READING", r.given_reading);
  dict->SetValue("BIRTH_DATE", r.birth_date.empty() ? "（記入なし）"
                                                    : SlashDate(r.birth_date));
  dict->SetValue("AFFILIATION", r.affiliation);
  dict->SetValue("CONTACT_MAIL", r.contact_mail);
  AddLines(dict, "MESSAGE_LINE", "LINE", r.message);
  if (r.status == "closed") {
    dict->ShowSection("CLOSED");
  } else {
    dict->ShowSection("OPEN");
    if (r.operator_id != op.id || r.status != "in_progress") {
      dict->ShowSection("CAN_TAKE");
    }
  }
  FillAccounts(env, *data, dict);
  FillRecords(env, *data, dict);
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"admin-request", {"GET"}, passwd::HandleRequest});
}
