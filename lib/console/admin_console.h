// What the operator console's pages share: their chrome
// (templates/admin_layout.tpl, naming the signed-in operator), their audit
// rows tied to an operator request, their refusal pages, the operator
// requests as the console reads them, and the matching of a request to the
// accounts whose identity data it names.
#ifndef PASSWD_LIB_CONSOLE_ADMIN_CONSOLE_H_
#define PASSWD_LIB_CONSOLE_ADMIN_CONSOLE_H_

#include <ctemplate/template.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/config.h"
#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "base/text.h"
#include "console/admin_session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// A console page: `template_file` rendered inside admin_layout.tpl.
class AdminPage {
 public:
  AdminPage(const std::string& template_file, const std::string& title);
  AdminPage(const AdminPage&) = delete;
  AdminPage& operator=(const AdminPage&) = delete;

  // The page template's own dictionary.
  ctemplate::TemplateDictionary* dict() { return body_; }

  // Names `op` in the header, with a logout button carrying `csrf_token`
  // (which the body gets too, as CSRF_TOKEN).
  void SetOperator(const Operator& op, const std::string& csrf_token);

  // Renders into `response` as HTML with `http_status`.
  Status RenderTo(const Config& config, int http_status, Response* response);

 private:
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* body_;  // owned by layout_
};

// The console's CSRF token (kAdminCsrf scope), setting its cookie when the
// browser has none.
Status AdminCsrfToken(Env* env, const Request& request, Response* response,
                      std::string* token);

// Renders a console page for `op` with the CSRF token set up: the usual
// last step of a console GET.
Status RenderAdminPage(Env* env, const Request& request, const Operator& op,
                       AdminPage* page, Response* response);

// Audits a refused console request in its own transaction (404:
// "admin_not_found", otherwise "admin_forbidden", with `detail`) and
// renders the console's error page with `http_status` into `response`.
Status RefuseConsoleRequest(Env* env, const Request& request,
                            const Operator& op, int http_status,
                            const std::string& detail, int64_t request_ref,
                            const std::string& umin_id, Response* response);

// An operator request (オペレータへパスワード更新申請) as the console shows it.
struct OperatorRequestRecord {
  int64_t id = 0;
  std::string receipt_number;
  std::string umin_id;  // "" when the applicant gave none
  std::string family_name, given_name, family_reading, given_reading;
  std::string birth_date;  // yyyy-mm-dd, "" when not given
  std::string affiliation;
  std::string contact_mail;
  std::string reason;  // code_not_received, send_failed, role_account, ...
  std::string message;
  bool priority = false;
  std::string status;       // new, in_progress, waiting, closed
  int64_t operator_id = 0;  // who took it; 0 when nobody
  std::string operator_login, operator_name;
  std::string created_at, updated_at;  // SQL time text (UTC)
};

// Reads request `id`; with `for_update` its row stays locked to the end of
// the transaction. `*found` is empty when there is no such request.
Status FindOperatorRequest(SqlSession* session, int64_t id, bool for_update,
                           std::optional<OperatorRequestRecord>* found);

// Reads the requests of the status filter ("open": every one not closed,
// "all", or one status), priority first, then oldest first, at most `limit`.
Status ListOperatorRequests(SqlSession* session,
                            const std::string& status_filter, int64_t limit,
                            std::vector<OperatorRequestRecord>* requests);

// A queue search as typed, read every way it can mean something.
struct QueueSearch {
  std::string receipt;  // NFKC, spaces removed, upper case; "" when empty
  std::string umin_id;  // the normalised UMIN ID, "" when not one
  std::string name;     // NormalizeName'd, "" when it cannot be a name
  std::string reading;  // NormalizeReading'd, "" when not a reading
  bool empty() const { return receipt.empty(); }
};

// Reads the search box: a receipt number, a UMIN ID, or (part of) a name
// or its reading.
QueueSearch ParseQueueSearch(const std::string& typed);

// True when `request` is what `search` looks for (always for an empty one):
// its receipt number or UMIN ID equal, or the search in its name (姓名) or
// reading (せいめい), both sides normalised as send_profile does.
bool QueueSearchMatches(const QueueSearch& search,
                        const OperatorRequestRecord& request);

// True when the account's name, reading and birth date equal the
// request's, normalised as send_profile does (requests have no gender).
bool RequestMatchesAccount(const OperatorRequestRecord& request,
                           const Account& account);

// An account the console offers for a request.
struct AccountMatch {
  Account account;
  bool identity_matches = false;  // RequestMatchesAccount
  bool named_in_request = false;  // the UMIN ID the applicant gave
};

// The accounts whose identity data match the request, and the account of
// the UMIN ID the applicant gave (if it exists), each once.
Status FindMatchingAccounts(SqlSession* session,
                            const OperatorRequestRecord& request,
                            std::vector<AccountMatch>* matches);

// Japanese labels of the stored values (the value itself when unknown).
std::string RequestStatusLabel(const std::string& status);
std::string RequestReasonLabel(const std::string& reason);
std::string AccountCategoryLabel(const std::string& category);

// The Japanese name of an audit event (the event itself when unknown).
std::string AuditEventLabel(const std::string& event);

// True for a status a request can have.
bool IsRequestStatus(const std::string& status);

// Parses a record id from a form or query value: 1 to 18 ASCII digits, not
// zero.
bool ParseRecordId(const std::string& text, int64_t* id);

// A DATETIME's text (UTC) shown in JST, yyyy/mm/dd HH:MM:SS; "" for "".
std::string JstFromSql(const std::string& sql_time);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_ADMIN_CONSOLE_H_
