#include "store/operator_requests.h"

#include <vector>

#include "base/enum_table.h"
#include "base/jst.h"

namespace passwd {
namespace {

const char kReceiptTaken[] =
    "SELECT id FROM operator_requests WHERE receipt_number = ?";
const char kInsertRequest[] =
    "INSERT INTO operator_requests (receipt_number, umin_id, family_name, "
    "given_name, family_reading, given_reading, birth_date, affiliation, "
    "contact_mail, reason, message, priority, status, client_address, "
    "created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)";
const char kReceiptContact[] =
    "SELECT contact_mail FROM operator_requests WHERE receipt_number = ?";

#define REQUEST_COLUMNS                                                        \
  "r.id, r.receipt_number, r.umin_id, r.family_name, r.given_name, "           \
  "r.family_reading, r.given_reading, DATE_FORMAT(r.birth_date, '%Y-%m-%d'), " \
  "r.affiliation, r.contact_mail, r.reason, r.message, r.priority, "           \
  "r.status, r.operator_id, o.login, o.display_name, r.created_at, "           \
  "r.updated_at FROM operator_requests r "                                     \
  "LEFT JOIN operators o ON o.id = r.operator_id "

const char kLockRequest[] =
    "SELECT id FROM operator_requests WHERE id = ? FOR UPDATE";
const char kRequestExists[] = "SELECT id FROM operator_requests WHERE id = ?";
const char kFindRequest[] = "SELECT " REQUEST_COLUMNS "WHERE r.id = ?";
const char kListRequests[] =
    "SELECT " REQUEST_COLUMNS
    "WHERE ((? = 'open' AND r.status <> 'closed') OR ? = 'all' "
    "OR r.status = ?) "
    "ORDER BY r.priority DESC, r.created_at, r.id LIMIT ?";
const char kListAccountRequests[] =
    "SELECT " REQUEST_COLUMNS
    "WHERE r.umin_id = ? OR r.id IN (SELECT t.request_id FROM "
    "operator_link_tokens t WHERE t.umin_id = ?) "
    "ORDER BY r.id DESC LIMIT ?";
const char kTake[] =
    "UPDATE operator_requests SET operator_id = ?, status = 'in_progress', "
    "updated_at = ? WHERE id = ?";
const char kTouch[] =
    "UPDATE operator_requests SET updated_at = ? WHERE id = ?";
const char kSetStatus[] =
    "UPDATE operator_requests SET status = ?, "
    "operator_id = COALESCE(operator_id, ?), updated_at = ? WHERE id = ?";
// The housekeeper's retention of closed requests: the oldest closed ones
// unchanged since a time, locked so that nobody reopens one meanwhile; a
// request whose address change still waits for approval is kept until it is
// decided.
const char kLockExpiredClosed[] =
    "SELECT r.id FROM operator_requests r WHERE r.status = 'closed' "
    "AND r.updated_at < ? AND NOT EXISTS (SELECT 1 FROM "
    "address_change_requests c WHERE c.request_id = r.id "
    "AND c.status = 'pending') ORDER BY r.id LIMIT ? FOR UPDATE";
const char kDeleteClosed[] =
    "DELETE FROM operator_requests WHERE id = ? AND status = 'closed'";

struct StatusText {
  OperatorRequestStatus value;
  const char* text;  // as stored
  const char* label;
};
constexpr StatusText kStatuses[] = {
    {OperatorRequestStatus::kNew, "new", "新規"},
    {OperatorRequestStatus::kInProgress, "in_progress", "対応中"},
    {OperatorRequestStatus::kWaiting, "waiting", "利用者の対応待ち"},
    {OperatorRequestStatus::kClosed, "closed", "完了"},
};

// One request from a row of REQUEST_COLUMNS.
Status RequestFromRow(const SqlRow& row, OperatorRequestRecord* r) {
  r->id = row.Int(0);
  r->receipt_number = row.Text(1);
  r->umin_id = row.Text(2);
  r->family_name = row.Text(3);
  r->given_name = row.Text(4);
  r->family_reading = row.Text(5);
  r->given_reading = row.Text(6);
  r->birth_date = row.Text(7);
  r->affiliation = row.Text(8);
  r->contact_mail = row.Text(9);
  r->message = row.Text(11);
  r->priority = row.Int(12) != 0;
  r->operator_id = row.Int(14);
  r->operator_login = row.Text(15);
  r->operator_name = row.Text(16);
  r->created_at = row.Text(17);
  r->updated_at = row.Text(18);
  if (!ParseStoredOperatorRequestReason(row.Text(10), &r->reason) ||
      !ParseOperatorRequestStatus(row.Text(13), &r->status)) {
    return Status::Internal("operator request " + row.Text(0) +
                            " has an unknown reason or status");
  }
  return Status::Ok();
}

// A drawn receipt number is taken about once in a million; five draws in a
// row being taken means something else is wrong.
constexpr int kReceiptDraws = 5;
}  // namespace

const char* OperatorRequestStatusValue(OperatorRequestStatus status) {
  return EntryOf(kStatuses, status).text;
}

const char* OperatorRequestStatusLabel(OperatorRequestStatus status) {
  return EntryOf(kStatuses, status).label;
}

bool ParseOperatorRequestStatus(const std::string& value,
                                OperatorRequestStatus* status) {
  return ParseEntryText(kStatuses, value, status);
}

Status SubmitOperatorRequest(Env* env, SqlSession* session,
                             const NewOperatorRequest& request,
                             const std::string& client_address,
                             std::string* receipt, int64_t* id) {
  auto now = env->Now();
  // A plain read: a locking one would make concurrent submissions of the
  // same day, whose numbers share an index gap, deadlock each other.
  receipt->clear();
  for (int draw = 0; draw < kReceiptDraws && receipt->empty(); ++draw) {
    std::string drawn;
    Status s = GenerateReceiptNumber(
        [env](size_t n, std::string* out) { return env->RandomBytes(n, out); },
        JstDate(now), &drawn);
    std::vector<SqlRow> rows;
    if (s.ok()) s = session->Query(kReceiptTaken, {drawn}, &rows);
    if (!s.ok()) return s;
    if (rows.empty()) *receipt = drawn;
  }
  if (receipt->empty()) {
    return Status::Internal("no free receipt number after several draws");
  }
  auto or_null = [](const std::string& s) -> SqlValue {
    if (s.empty()) return nullptr;
    return s;
  };
  Status s = session->Execute(
      kInsertRequest,
      {*receipt, or_null(request.umin_id), request.family_name,
       request.given_name, request.family_reading, request.given_reading,
       or_null(request.birth_date), request.affiliation, request.contact_mail,
       std::string(OperatorRequestReasonValue(request.reason)), request.message,
       int64_t{request.priority ? 1 : 0}, client_address, SqlTime(now),
       SqlTime(now)});
  uint64_t inserted = 0;
  if (s.ok()) s = session->LastInsertId(&inserted);
  if (s.ok()) *id = static_cast<int64_t>(inserted);
  return s;
}

Status FindReceiptContact(SqlSession* session, const std::string& receipt,
                          std::optional<std::string>* contact_mail) {
  contact_mail->reset();
  if (receipt.empty() || receipt.size() > kReceiptNumberMaxLength) {
    return Status::Ok();
  }
  std::vector<SqlRow> rows;
  Status s = session->Query(kReceiptContact, {receipt}, &rows);
  if (s.ok() && !rows.empty()) *contact_mail = rows[0].Text(0);
  return s;
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
  if (!s.ok() || rows.empty()) return s;
  OperatorRequestRecord r;
  s = RequestFromRow(rows[0], &r);
  if (s.ok()) *found = r;
  return s;
}

Status OperatorRequestExists(SqlSession* session, int64_t id, bool* exists) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kRequestExists, {id}, &rows);
  *exists = !rows.empty();
  return s;
}

Status ListOperatorRequests(SqlSession* session,
                            const OperatorRequestFilter& filter, int64_t limit,
                            std::vector<OperatorRequestRecord>* requests) {
  const std::string selected = filter.open_only ? "open"
                               : filter.status
                                   ? OperatorRequestStatusValue(*filter.status)
                                   : "all";
  std::vector<SqlRow> rows;
  Status s = session->Query(kListRequests,
                            {selected, selected, selected, limit}, &rows);
  for (const auto& row : rows) {
    if (!s.ok()) break;
    requests->emplace_back();
    s = RequestFromRow(row, &requests->back());
  }
  return s;
}

Status ListAccountOperatorRequests(
    SqlSession* session, const std::string& umin_id, int64_t limit,
    std::vector<OperatorRequestRecord>* requests) {
  requests->clear();
  std::vector<SqlRow> rows;
  Status s =
      session->Query(kListAccountRequests, {umin_id, umin_id, limit}, &rows);
  for (const auto& row : rows) {
    if (!s.ok()) break;
    requests->emplace_back();
    s = RequestFromRow(row, &requests->back());
  }
  return s;
}

Status TakeOperatorRequest(SqlSession* session, int64_t id, int64_t operator_id,
                           std::chrono::system_clock::time_point now) {
  return session->Execute(kTake, {operator_id, SqlTime(now), id});
}

Status SetOperatorRequestStatus(SqlSession* session, int64_t id,
                                OperatorRequestStatus status,
                                int64_t operator_id,
                                std::chrono::system_clock::time_point now) {
  return session->Execute(
      kSetStatus, {std::string(OperatorRequestStatusValue(status)), operator_id,
                   SqlTime(now), id});
}

Status TouchOperatorRequest(SqlSession* session, int64_t id,
                            std::chrono::system_clock::time_point now) {
  return session->Execute(kTouch, {SqlTime(now), id});
}

Status LockExpiredClosedRequests(SqlSession* session,
                                 std::chrono::system_clock::time_point before,
                                 int64_t max_rows, std::vector<int64_t>* ids) {
  std::vector<SqlRow> rows;
  Status s =
      session->Query(kLockExpiredClosed, {SqlTime(before), max_rows}, &rows);
  for (const auto& row : rows) ids->push_back(row.Int(0));
  return s;
}

Status DeleteClosedOperatorRequest(SqlSession* session, int64_t id,
                                   uint64_t* deleted) {
  return session->Execute(kDeleteClosed, {id}, deleted);
}

}  // namespace passwd
