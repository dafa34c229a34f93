// The operator_requests table, its one owner: the insert shared by the form
// and the "not me" link, the receipt page's lookup, and the console's reads
// and state changes.
#ifndef PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_
#define PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/lang.h"
#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "domain/operator_request.h"

namespace passwd {

// Where a request stands; the values are operator_requests.status's.
enum class OperatorRequestStatus {
  kNew,         // new: nobody has taken it
  kInProgress,  // in_progress: an operator took it
  kWaiting,     // waiting: a link went out, the user has to act
  kClosed,      // closed: rejected or done
};

// Every status, in the order the console lists them.
inline constexpr OperatorRequestStatus kOperatorRequestStatuses[] = {
    OperatorRequestStatus::kNew, OperatorRequestStatus::kInProgress,
    OperatorRequestStatus::kWaiting, OperatorRequestStatus::kClosed};

// The status as stored, e.g. "in_progress".
const char* OperatorRequestStatusValue(OperatorRequestStatus status);

// The status as the console shows it: the console catalogue's
// request_status_<value>.
std::string OperatorRequestStatusLabel(OperatorRequestStatus status);

// Parses a stored status; false for anything else.
bool ParseOperatorRequestStatus(const std::string& value,
                                OperatorRequestStatus* status);

// Stores `request` from `client_address` under a fresh unique receipt number
// (a drawn number already taken is drawn again), in the caller's
// transaction; sets `*receipt`, and `*id` unless it is null (asking for
// the id costs a round trip).
Status SubmitOperatorRequest(Env* env, SqlSession* session,
                             const NewOperatorRequest& request,
                             const std::string& client_address,
                             std::string* receipt, int64_t* id);

// Reads the contact address of the request `receipt`; empty if there is
// no such request.
Status FindReceiptContact(SqlSession* session, const std::string& receipt,
                          std::optional<std::string>* contact_mail);

// An operator request (オペレータへパスワード更新申請) as the console shows it.
struct OperatorRequestRecord {
  int64_t id = 0;
  std::string receipt_number;
  std::string umin_id;  // "" when the applicant gave none
  std::string family_name, given_name, family_reading, given_reading;
  std::string birth_date;  // yyyy-mm-dd, "" when not given
  std::string affiliation;
  std::string contact_mail;
  OperatorRequestReason reason = OperatorRequestReason::kOther;
  std::string message;
  bool priority = false;
  OperatorRequestStatus status = OperatorRequestStatus::kNew;
  int64_t operator_id = 0;  // who took it; 0 when nobody
  std::string operator_login, operator_name;
  std::string created_at, updated_at;  // SQL time text (UTC)
  // The language of the page the request was made from: the console's
  // mails about it speak it.
  Lang lang = Lang::kJa;
};

// Reads request `id`; with `for_update` its row stays locked to the end of
// the transaction. `*found` is empty when there is no such request.
Status FindOperatorRequest(SqlSession* session, int64_t id, bool for_update,
                           std::optional<OperatorRequestRecord>* found);

// Sets `*exists` to whether request `id` exists.
Status OperatorRequestExists(SqlSession* session, int64_t id, bool* exists);

// Which requests the queue lists: the open ones (every one not closed),
// those of one status, or all.
struct OperatorRequestFilter {
  bool open_only = false;
  std::optional<OperatorRequestStatus> status;  // with !open_only
};

// What one page of the queue asks (docs/design.md "Console lists"): the
// view, the search, the order, and where the page starts. Requests are
// listed priority first, then by receipt time (created_at, then id).
struct OperatorRequestQuery {
  OperatorRequestFilter filter;
  // The search: a request matches when its receipt number or UMIN ID equals
  // `receipt` or `umin_id`, or its normalised name (姓名) contains
  // `name_part` or its normalised reading (せいめい) `reading_part`. Empty
  // fields take no part; all four empty: no search.
  std::string receipt, umin_id, name_part, reading_part;
  bool newest_first = true;
  // 0: from the start of the list (from its end when `backwards`). Else the
  // rows after request `anchor_id` in the list's order, or before it when
  // `backwards` (read nearest first). An anchor that no longer exists
  // counts as 0.
  int64_t anchor_id = 0;
  bool backwards = false;
  int64_t limit = 50;
};

// Reads one page of the queue as `query` asks, in reading order: the list's
// order, or its reverse when `query.backwards`.
Status ListOperatorRequestPage(SqlSession* session,
                               const OperatorRequestQuery& query,
                               std::vector<OperatorRequestRecord>* requests);

// Counts the requests `query`'s view and search select (its anchor and
// limit aside), stopping at `cap`.
Status CountOperatorRequests(SqlSession* session,
                             const OperatorRequestQuery& query, int64_t cap,
                             int64_t* count);

// Stores the normalised search text of at most `max_rows` requests that
// have none yet (rows from before sql/008 or written by hand); `*filled`
// counts them. Run until it fills none before searching.
Status CompleteOperatorRequestSearchText(SqlSession* session, int64_t max_rows,
                                         int64_t* filled);

// Reads the newest `limit` requests about account `umin_id` (it names the
// account, or an operator link was sent for it), newest first.
Status ListAccountOperatorRequests(
    SqlSession* session, const std::string& umin_id, int64_t limit,
    std::vector<OperatorRequestRecord>* requests);

// Makes `operator_id` the one handling request `id` (in progress).
Status TakeOperatorRequest(SqlSession* session, int64_t id, int64_t operator_id,
                           std::chrono::system_clock::time_point now);

// Moves request `id` to `status`; `operator_id` takes it when nobody had.
Status SetOperatorRequestStatus(SqlSession* session, int64_t id,
                                OperatorRequestStatus status,
                                int64_t operator_id,
                                std::chrono::system_clock::time_point now);

// Marks request `id` updated at `now` (a note was added).
Status TouchOperatorRequest(SqlSession* session, int64_t id,
                            std::chrono::system_clock::time_point now);

// Locks and lists at most `max_rows` closed requests last changed before
// `before`, oldest first, leaving out those with a pending address change.
Status LockExpiredClosedRequests(SqlSession* session,
                                 std::chrono::system_clock::time_point before,
                                 int64_t max_rows, std::vector<int64_t>* ids);

// Counts the requests of each status into `*counts` (every status, 0
// included), for the metrics page.
Status CountOperatorRequestsByStatus(
    SqlSession* session, std::map<OperatorRequestStatus, int64_t>* counts);

// Deletes closed request `id`; its notes, links and address changes must be
// gone first. `*deleted` counts it (0 when it was not closed).
Status DeleteClosedOperatorRequest(SqlSession* session, int64_t id,
                                   uint64_t* deleted);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_
