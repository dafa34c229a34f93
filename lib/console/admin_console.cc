#include "console/admin_console.h"

#include <cctype>
#include <cstdio>

#include "base/jst.h"
#include "base/text.h"
#include "domain/identity.h"
#include "domain/umin_id.h"
#include "web/csrf.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

#define REQUEST_COLUMNS                                                        \
  "r.id, r.receipt_number, r.umin_id, r.family_name, r.given_name, "           \
  "r.family_reading, r.given_reading, DATE_FORMAT(r.birth_date, '%Y-%m-%d'), " \
  "r.affiliation, r.contact_mail, r.reason, r.message, r.priority, "           \
  "r.status, r.operator_id, o.login, o.display_name, r.created_at, "           \
  "r.updated_at FROM operator_requests r "                                     \
  "LEFT JOIN operators o ON o.id = r.operator_id "

const char kLockRequest[] =
    "SELECT id FROM operator_requests WHERE id = ? FOR UPDATE";
const char kFindRequest[] = "SELECT " REQUEST_COLUMNS "WHERE r.id = ?";
const char kListRequests[] =
    "SELECT " REQUEST_COLUMNS
    "WHERE ((? = 'open' AND r.status <> 'closed') OR ? = 'all' "
    "OR r.status = ?) "
    "ORDER BY r.priority DESC, r.created_at, r.id LIMIT ?";
OperatorRequestRecord RequestFromRow(const SqlRow& row) {
  OperatorRequestRecord r;
  r.id = row.Int(0);
  r.receipt_number = row.Text(1);
  r.umin_id = row.Text(2);
  r.family_name = row.Text(3);
  r.given_name = row.Text(4);
  r.family_reading = row.Text(5);
  r.given_reading = row.Text(6);
  r.birth_date = row.Text(7);
  r.affiliation = row.Text(8);
  r.contact_mail = row.Text(9);
  r.reason = row.Text(10);
  r.message = row.Text(11);
  r.priority = row.Int(12) != 0;
  r.status = row.Text(13);
  r.operator_id = row.Int(14);
  r.operator_login = row.Text(15);
  r.operator_name = row.Text(16);
  r.created_at = row.Text(17);
  r.updated_at = row.Text(18);
  return r;
}

struct ErrorText {
  int status;
  const char* title;
  const char* message;
};

constexpr ErrorText kConsoleErrors[] = {
    {400, "入力内容を処理できませんでした",
     "送信された内容が正しくありません。受付一覧から改めて操作してください。"},
    {403, "この操作は受け付けられませんでした",
     "画面の有効期限が切れたか、正しい画面から送信されなかったか、"
     "この申請・提案の状態では行えない操作です。受付一覧から改めて操作して"
     "ください。"},
    {404, "見つかりません",
     "指定された申請または記録は存在しません。受付一覧から改めて操作して"
     "ください。"},
};

const ErrorText& ConsoleErrorText(int status) {
  for (const auto& t : kConsoleErrors) {
    if (t.status == status) return t;
  }
  return kConsoleErrors[1];
}

std::string UpperAscii(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The request's name and reading normalised and joined, for the search;
// empty parts when the stored text does not normalise.
std::string JoinedName(const OperatorRequestRecord& r) {
  std::string family, given;
  (void)NormalizeName(r.family_name, &family);
  (void)NormalizeName(r.given_name, &given);
  return family + given;
}

std::string JoinedReading(const OperatorRequestRecord& r) {
  std::string family, given;
  (void)NormalizeReading(r.family_reading, &family);
  (void)NormalizeReading(r.given_reading, &given);
  return family + given;
}

// True when `text` holds only ASCII spaces, tabs and U+3000.
bool IsBlank(const std::string& text) {
  static const std::string kIdeographicSpace = "\xe3\x80\x80";
  for (size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
    } else if (text.compare(i, 3, kIdeographicSpace) == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

bool ParseSqlDate(const std::string& text, Date* date) {
  return std::sscanf(text.c_str(), "%d-%d-%d", &date->year, &date->month,
                     &date->day) == 3;
}

}  // namespace

AdminPage::AdminPage(const std::string& template_file, const std::string& title)
    : layout_("admin_layout") {
  layout_.SetValue("TITLE", title);
  body_ = layout_.AddIncludeDictionary("BODY");
  body_->SetFilename(template_file);
}

void AdminPage::SetOperator(const Operator& op, const std::string& csrf_token) {
  auto* signed_in = layout_.AddSectionDictionary("SIGNED_IN");
  signed_in->SetValue("OPERATOR_NAME", op.display_name);
  signed_in->SetValue("OPERATOR_LOGIN", op.login);
  signed_in->SetValue("CSRF_TOKEN", csrf_token);
  body_->SetValue("CSRF_TOKEN", csrf_token);
  body_->SetValue("OPERATOR_LOGIN", op.login);
}

Status AdminPage::RenderTo(const Config& config, int http_status,
                           Response* response) {
  layout_.SetValue("TOP_URL", config.top_url);
  std::string html;
  if (!ctemplate::ExpandTemplate(
          "admin_layout.tpl", ctemplate::STRIP_BLANK_LINES, &layout_, &html)) {
    return Status::Internal("cannot expand the console's templates");
  }
  response->SetStatus(http_status);
  response->SetHtml(std::move(html));
  return Status::Ok();
}

Status AdminCsrfToken(Env* env, const Request& request, Response* response,
                      std::string* token) {
  return CsrfToken(env, kAdminCsrf, request, response, token);
}

Status RenderAdminPage(Env* env, const Request& request, const Operator& op,
                       AdminPage* page, Response* response) {
  std::string token;
  Status s = AdminCsrfToken(env, request, response, &token);
  if (!s.ok()) return s;
  page->SetOperator(op, token);
  return page->RenderTo(env->config(), 200, response);
}

Status RefuseConsoleRequest(Env* env, const Request& request,
                            const Operator& op, int http_status,
                            const std::string& detail, int64_t request_ref,
                            const std::string& umin_id, Response* response) {
  const std::string event =
      http_status == 404 ? "admin_not_found" : "admin_forbidden";
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return AppendAudit(session, request.caller(), env->Now(),
                     {event, umin_id, op.login, detail, request_ref});
  });
  if (!s.ok()) return s;
  const ErrorText& text = ConsoleErrorText(http_status);
  AdminPage page("admin_error.tpl", text.title);
  page.dict()->SetValue("HEADING", text.title);
  page.dict()->SetValue("MESSAGE", text.message);
  std::string token;
  s = AdminCsrfToken(env, request, response, &token);
  if (!s.ok()) return s;
  if (op.signed_in()) page.SetOperator(op, token);
  return page.RenderTo(env->config(), http_status, response);
}

Status FindOperatorRequest(SqlSession* session, int64_t id, bool for_update,
                           std::optional<OperatorRequestRecord>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  if (for_update) {
    Status s = session->Query(kLockRequest, {id}, &rows);
    if (!s.ok() || rows.empty()) return s;
    rows.clear();
  }
  Status s = session->Query(kFindRequest, {id}, &rows);
  if (s.ok() && !rows.empty()) *found = RequestFromRow(rows[0]);
  return s;
}

Status ListOperatorRequests(SqlSession* session,
                            const std::string& status_filter, int64_t limit,
                            std::vector<OperatorRequestRecord>* requests) {
  std::vector<SqlRow> rows;
  Status s = session->Query(
      kListRequests, {status_filter, status_filter, status_filter, limit},
      &rows);
  for (const auto& row : rows) requests->push_back(RequestFromRow(row));
  return s;
}

QueueSearch ParseQueueSearch(const std::string& typed) {
  QueueSearch search;
  std::string folded;
  if (!NormalizeName(typed, &folded).ok()) {
    // Blank: no search. Text no rule can read: only an equal receipt
    // number would match it.
    if (!IsBlank(typed)) search.receipt = typed;
    return search;
  }
  search.receipt = UpperAscii(folded);
  UminIdResult id = NormalizeUminId(typed);
  if (id.outcome == UminIdOutcome::kOk) search.umin_id = id.id;
  search.name = folded;
  std::string reading;
  if (NormalizeReading(typed, &reading).ok()) search.reading = reading;
  return search;
}

bool QueueSearchMatches(const QueueSearch& search,
                        const OperatorRequestRecord& request) {
  if (search.empty()) return true;
  if (UpperAscii(request.receipt_number) == search.receipt) return true;
  if (!search.umin_id.empty() && request.umin_id == search.umin_id) {
    return true;
  }
  if (!search.name.empty() &&
      JoinedName(request).find(search.name) != std::string::npos) {
    return true;
  }
  return !search.reading.empty() &&
         JoinedReading(request).find(search.reading) != std::string::npos;
}

bool RequestMatchesAccount(const OperatorRequestRecord& request,
                           const Account& account) {
  IdentityQuery stored;
  if (!NormalisedIdentity(account, &stored)) return false;
  IdentityQuery asked;
  if (!NormalizeName(request.family_name, &asked.family_name).ok() ||
      !NormalizeName(request.given_name, &asked.given_name).ok() ||
      !NormalizeReading(request.family_reading, &asked.family_reading).ok() ||
      !NormalizeReading(request.given_reading, &asked.given_reading).ok() ||
      !ParseSqlDate(request.birth_date, &asked.birth_date)) {
    return false;
  }
  // The request form asks no gender: let it never decide.
  asked.gender = stored.gender;
  return IdentityMatches(asked, stored);
}

Status FindMatchingAccounts(SqlSession* session,
                            const OperatorRequestRecord& request,
                            std::vector<AccountMatch>* matches) {
  matches->clear();
  std::vector<Account> born_that_day;
  if (!request.birth_date.empty()) {
    Status s =
        FindAccountsByBirthDate(session, request.birth_date, &born_that_day);
    if (!s.ok()) return s;
  }
  std::string named_id;
  if (!request.umin_id.empty()) {
    UminIdResult id = NormalizeUminId(request.umin_id);
    if (id.outcome == UminIdOutcome::kOk) named_id = id.id;
  }
  for (const auto& account : born_that_day) {
    if (!RequestMatchesAccount(request, account)) continue;
    AccountMatch match;
    match.account = account;
    match.identity_matches = true;
    match.named_in_request = account.umin_id == named_id;
    matches->push_back(match);
  }
  if (named_id.empty()) return Status::Ok();
  for (const auto& match : *matches) {
    if (match.named_in_request) return Status::Ok();
  }
  std::optional<Account> named;
  Status s = FindAccount(session, named_id, /*for_update=*/false, &named);
  if (!s.ok() || !named) return s;
  AccountMatch match;
  match.account = *named;
  match.identity_matches = RequestMatchesAccount(request, *named);
  match.named_in_request = true;
  matches->insert(matches->begin(), match);
  return Status::Ok();
}

std::string RequestStatusLabel(const std::string& status) {
  if (status == "new") return "新規";
  if (status == "in_progress") return "対応中";
  if (status == "waiting") return "利用者の対応待ち";
  if (status == "closed") return "完了";
  return status;
}

std::string RequestReasonLabel(const std::string& reason) {
  if (reason == "code_not_received") return "アクセスコードが届かない";
  if (reason == "send_failed") return "アクセスコード送信失敗";
  if (reason == "role_account") return "役職・業務・管理・団体のUMIN ID";
  if (reason == "other") return "その他";
  if (reason == "not_me") return "身に覚えのないアクセスコード（優先）";
  return reason;
}

std::string AccountCategoryLabel(const std::string& category) {
  if (category == "individual") return "個人";
  if (category == "role") return "役職";
  if (category == "business") return "業務";
  if (category == "admin") return "管理";
  if (category == "group") return "団体";
  return category;
}

std::string AuditEventLabel(const std::string& event) {
  static const struct {
    const char* event;
    const char* label;
  } kLabels[] = {
      {"code_sent", "アクセスコード送信"},
      {"code_wrong", "アクセスコード誤入力"},
      {"code_locked", "アクセスコードロック"},
      {"code_expired", "アクセスコード期限切れ"},
      {"code_verified", "アクセスコード確認"},
      {"code_refused", "アクセスコード入力拒否"},
      {"send_refused", "アクセスコード送信失敗"},
      {"password_changed", "パスワード更新"},
      {"password_refused", "パスワード更新拒否"},
      {"operator_request", "オペレータへの申請"},
      {"operator_request_refused", "オペレータへの申請拒否"},
      {"not_me", "身に覚えなしの連絡"},
      {"not_me_refused", "身に覚えなしの連絡拒否"},
      {"admin_login", "オペレータログイン"},
      {"admin_login_failed", "オペレータログイン失敗"},
      {"admin_login_locked", "オペレータロック"},
      {"admin_login_refused", "オペレータログイン拒否"},
      {"admin_logout", "オペレータログアウト"},
      {"admin_session_ended", "オペレータセッション終了"},
      {"admin_not_found", "存在しない対象への操作"},
      {"admin_forbidden", "拒否された操作"},
      {"request_taken", "申請の担当"},
      {"request_link_sent", "アクセスコード送信用リンク送付"},
      {"request_note", "メモ追加"},
      {"request_rejected", "申請の却下"},
      {"request_closed", "申請の完了"},
      {"operator_link_used", "リンクからのアクセスコード送信"},
      {"operator_link_refused", "無効なリンク"},
      {"address_change_proposed", "登録アドレス変更の提案"},
      {"address_change_approved", "登録アドレス変更の承認"},
      {"address_change_rejected", "登録アドレス変更の却下"},
      {"address_change_refused", "登録アドレス変更の承認不可"},
      {"operator_created", "オペレータ登録"},
      {"operator_updated", "オペレータ更新"},
  };
  for (const auto& entry : kLabels) {
    if (event == entry.event) return entry.label;
  }
  return event;
}

bool IsRequestStatus(const std::string& status) {
  return status == "new" || status == "in_progress" || status == "waiting" ||
         status == "closed";
}

bool ParseRecordId(const std::string& text, int64_t* id) {
  if (text.empty() || text.size() > 18) return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value == 0) return false;
  *id = value;
  return true;
}

std::string JstFromSql(const std::string& sql_time) {
  if (sql_time.empty()) return "";
  system_clock::time_point t;
  if (!ParseSqlTime(sql_time, &t).ok()) return sql_time;
  return FormatJst(t);
}

}  // namespace passwd
