#include "store/operator_requests.h"

#include <vector>

#include "base/catalogue.h"
#include "base/enum_table.h"
#include "base/jst.h"
#include "domain/identity.h"

namespace passwd {
namespace {

// No read of the receipt number comes first: the insert meets a taken one
// at the unique key, and the number is drawn again. (A locking read would
// make concurrent submissions of the same day, whose numbers share an index
// gap, deadlock each other; a plain one costs a round trip and still leaves
// two requests drawing one number at once to meet at the key.)
const char kInsertRequest[] =
    "INSERT INTO operator_requests (receipt_number, umin_id, family_name, "
    "given_name, family_reading, given_reading, birth_date, affiliation, "
    "search_name, search_reading, contact_mail, reason, message, priority, "
    "status, client_address, created_at, updated_at, lang) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?)";
const char kReceiptContact[] =
    "SELECT contact_mail FROM operator_requests WHERE receipt_number = ?";

#define REQUEST_FIELDS                                                         \
  "r.id, r.receipt_number, r.umin_id, r.family_name, r.given_name, "           \
  "r.family_reading, r.given_reading, DATE_FORMAT(r.birth_date, '%Y-%m-%d'), " \
  "r.affiliation, r.contact_mail, r.reason, r.message, r.priority, "           \
  "r.status, r.operator_id, o.login, o.display_name, r.created_at, "           \
  "r.updated_at, r.lang "
#define WITH_OPERATOR "LEFT JOIN operators o ON o.id = r.operator_id "
#define REQUEST_COLUMNS REQUEST_FIELDS "FROM operator_requests r " WITH_OPERATOR

const char kLockRequest[] =
    "SELECT id FROM operator_requests WHERE id = ? FOR UPDATE";
const char kRequestExists[] = "SELECT id FROM operator_requests WHERE id = ?";
const char kFindRequest[] = "SELECT " REQUEST_COLUMNS "WHERE r.id = ?";
// The queue's pages (keyset pagination, docs/design.md "Console lists"):
// the view (open, one status, all), the search, and the rows after an
// anchor row's key in the list's order; one statement per order and reading
// direction.
//
// Without a search, the page's ids are read along an index that gives the
// order and holds every column asked (sql/008), from the anchor on (the
// optimizer would otherwise start from the index's end when the full rows
// are read), then joined to their rows. Parameters: view x3, anchor on
// (0/1), anchor priority x2, anchor time x2, anchor id, limit.
//
// A search (equal receipt number or UMIN ID, or part of the normalised name
// or reading) reads the view's rows in full and sorts the matches: read
// along the order's index instead, a rare match costs a random read of
// every row. Parameters: view x3, search on (0/1), receipt, UMIN ID, name
// pattern, reading pattern, then the anchor's and the limit.
// clang-format off
#define QUEUE_VIEW                                                          \
  "WHERE ((? = 'open' AND r.status <> 'closed') OR ? = 'all' "              \
  "OR r.status = ?) "
#define QUEUE_SEARCH                                                        \
  "AND (? = 0 OR r.receipt_number = ? OR r.umin_id = ? "                    \
  "OR r.search_name LIKE ? OR r.search_reading LIKE ?) "
#define QUEUE_AFTER(priority_cmp, time_cmp)                                 \
  "AND (? = 0 OR r.priority " priority_cmp " ? OR (r.priority = ? AND "     \
  "(r.created_at " time_cmp " ? OR (r.created_at = ? AND r.id " time_cmp    \
  " ?)))) "
#define QUEUE_PAGE(priority_cmp, time_cmp, order)                           \
  "SELECT " REQUEST_FIELDS "FROM (SELECT r.id FROM operator_requests r "    \
  QUEUE_VIEW QUEUE_AFTER(priority_cmp, time_cmp) "ORDER BY " order         \
  " LIMIT ?) page JOIN operator_requests r ON r.id = page.id "              \
  WITH_OPERATOR "ORDER BY " order
#define QUEUE_SEARCH_PAGE(priority_cmp, time_cmp, order)                    \
  "SELECT " REQUEST_FIELDS "FROM operator_requests r IGNORE INDEX "         \
  "(operator_requests_queue, operator_requests_queue_oldest, "              \
  "operator_requests_all_newest, operator_requests_all_oldest) "            \
  WITH_OPERATOR QUEUE_VIEW QUEUE_SEARCH QUEUE_AFTER(priority_cmp, time_cmp) \
  "ORDER BY " order " LIMIT ?"
// clang-format on
// Newest first: priority first, then the newest; and read backwards from
// an anchor (a previous page).
#define NEWEST "r.priority DESC, r.created_at DESC, r.id DESC"
#define NEWEST_BACKWARDS "r.priority, r.created_at, r.id"
// Oldest first: priority first, then the oldest.
#define OLDEST "r.priority DESC, r.created_at, r.id"
#define OLDEST_BACKWARDS "r.priority, r.created_at DESC, r.id DESC"
const char kQueueNewest[] = QUEUE_PAGE("<", "<", NEWEST);
const char kQueueNewestBackwards[] = QUEUE_PAGE(">", ">", NEWEST_BACKWARDS);
const char kQueueOldest[] = QUEUE_PAGE("<", ">", OLDEST);
const char kQueueOldestBackwards[] = QUEUE_PAGE(">", "<", OLDEST_BACKWARDS);
const char kSearchNewest[] = QUEUE_SEARCH_PAGE("<", "<", NEWEST);
const char kSearchNewestBackwards[] =
    QUEUE_SEARCH_PAGE(">", ">", NEWEST_BACKWARDS);
const char kSearchOldest[] = QUEUE_SEARCH_PAGE("<", ">", OLDEST);
const char kSearchOldestBackwards[] =
    QUEUE_SEARCH_PAGE(">", "<", OLDEST_BACKWARDS);
// How many rows the view and search select, counted up to a cap.
const char kQueueCount[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM operator_requests r " QUEUE_VIEW
        QUEUE_SEARCH "LIMIT ?) capped";
// An anchor row's key.
const char kQueueKey[] =
    "SELECT priority, created_at FROM operator_requests WHERE id = ?";
// Rows without their search text yet (written before sql/008 or by hand).
const char kSearchTextMissing[] =
    "SELECT id, family_name, given_name, family_reading, given_reading "
    "FROM operator_requests WHERE search_name IS NULL LIMIT ?";
const char kSetSearchText[] =
    "UPDATE operator_requests SET search_name = ?, search_reading = ? "
    "WHERE id = ?";
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
// Read from the queue index (status first) alone.
const char kCountByStatus[] =
    "SELECT status, COUNT(*) FROM operator_requests GROUP BY status";

struct StatusText {
  OperatorRequestStatus value;
  const char* text;  // as stored
};
constexpr StatusText kStatuses[] = {
    {OperatorRequestStatus::kNew, "new"},
    {OperatorRequestStatus::kInProgress, "in_progress"},
    {OperatorRequestStatus::kWaiting, "waiting"},
    {OperatorRequestStatus::kClosed, "closed"},
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
  // A value other than 'en' (there is none) reads as the default.
  ParseLang(row.Text(19), &r->lang);
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

// A request's name and reading as the queue's search compares them: each
// part normalised as send_profile does (NormalizeName, NormalizeReading),
// family and given joined; a part that does not normalise counts as empty.
struct SearchText {
  std::string name, reading;
};

SearchText SearchTextOf(const std::string& family_name,
                        const std::string& given_name,
                        const std::string& family_reading,
                        const std::string& given_reading) {
  std::string family, given, family_kana, given_kana;
  (void)NormalizeName(family_name, &family);
  (void)NormalizeName(given_name, &given);
  (void)NormalizeReading(family_reading, &family_kana);
  (void)NormalizeReading(given_reading, &given_kana);
  return {family + given, family_kana + given_kana};
}

// `text` as a LIKE pattern that finds it anywhere; NULL (matching nothing)
// for an empty one.
SqlValue ContainsPattern(const std::string& text) {
  if (text.empty()) return nullptr;
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

bool Searching(const OperatorRequestQuery& query) {
  return !query.receipt.empty() || !query.umin_id.empty() ||
         !query.name_part.empty() || !query.reading_part.empty();
}

// The queue's view as QUEUE_VIEW compares it: "open", "all" or a status.
std::string ViewValue(const OperatorRequestFilter& filter) {
  if (filter.open_only) return "open";
  return filter.status ? OperatorRequestStatusValue(*filter.status) : "all";
}
}  // namespace

const char* OperatorRequestStatusValue(OperatorRequestStatus status) {
  return EntryOf(kStatuses, status).text;
}

std::string OperatorRequestStatusLabel(OperatorRequestStatus status) {
  return ConsoleText(std::string("request_status_") +
                     OperatorRequestStatusValue(status));
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
  auto or_null = [](const std::string& s) -> SqlValue {
    if (s.empty()) return nullptr;
    return s;
  };
  const SearchText text =
      SearchTextOf(request.family_name, request.given_name,
                   request.family_reading, request.given_reading);
  receipt->clear();
  for (int draw = 0; draw < kReceiptDraws; ++draw) {
    std::string drawn;
    Status s = GenerateReceiptNumber(
        [env](size_t n, std::string* out) { return env->RandomBytes(n, out); },
        JstDate(now), &drawn);
    bool taken = false;
    if (s.ok()) {
      s = session->InsertUnlessTaken(
          kInsertRequest,
          {drawn, or_null(request.umin_id), request.family_name,
           request.given_name, request.family_reading, request.given_reading,
           or_null(request.birth_date), request.affiliation, text.name,
           text.reading, request.contact_mail,
           std::string(OperatorRequestReasonValue(request.reason)),
           request.message, int64_t{request.priority ? 1 : 0}, client_address,
           SqlTime(now), SqlTime(now), std::string(LangCode(request.lang))},
          &taken);
    }
    if (!s.ok()) return s;
    if (taken) continue;
    *receipt = drawn;
    if (id == nullptr) return Status::Ok();
    // Not a RETURNING: the pages may read no column of a request but its
    // id, receipt number and contact address (sql/grants.sql.in).
    uint64_t inserted = 0;
    s = session->LastInsertId(&inserted);
    if (s.ok()) *id = static_cast<int64_t>(inserted);
    return s;
  }
  return Status::Internal("no free receipt number after several draws");
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

Status ListOperatorRequestPage(SqlSession* session,
                               const OperatorRequestQuery& query,
                               std::vector<OperatorRequestRecord>* requests) {
  int64_t priority = 0;
  std::string created_at;
  bool anchored = false;
  if (query.anchor_id != 0) {
    std::vector<SqlRow> rows;
    Status s = session->Query(kQueueKey, {query.anchor_id}, &rows);
    if (!s.ok()) return s;
    if (!rows.empty()) {
      anchored = true;
      priority = rows[0].Int(0);
      created_at = rows[0].Text(1);
    }
  }
  const std::string view = ViewValue(query.filter);
  const int64_t anchor_on = anchored ? 1 : 0;
  // (Each parameter list in one initializer: GCC 12 -O2 warns of a
  // variant appended to a vector as maybe uninitialized.)
  std::vector<SqlRow> rows;
  Status s;
  if (Searching(query)) {
    const char* statement =
        query.newest_first
            ? (query.backwards ? kSearchNewestBackwards : kSearchNewest)
            : (query.backwards ? kSearchOldestBackwards : kSearchOldest);
    s = session->Query(
        statement,
        {view, view, view, int64_t{1}, NullIfEmpty(query.receipt),
         NullIfEmpty(query.umin_id), ContainsPattern(query.name_part),
         ContainsPattern(query.reading_part), anchor_on, priority, priority,
         created_at, created_at, query.anchor_id, query.limit},
        &rows);
  } else {
    const char* statement =
        query.newest_first
            ? (query.backwards ? kQueueNewestBackwards : kQueueNewest)
            : (query.backwards ? kQueueOldestBackwards : kQueueOldest);
    s = session->Query(statement,
                       {view, view, view, anchor_on, priority, priority,
                        created_at, created_at, query.anchor_id, query.limit},
                       &rows);
  }
  for (const auto& row : rows) {
    if (!s.ok()) break;
    requests->emplace_back();
    s = RequestFromRow(row, &requests->back());
  }
  return s;
}

Status CountOperatorRequests(SqlSession* session,
                             const OperatorRequestQuery& query, int64_t cap,
                             int64_t* count) {
  const std::string view = ViewValue(query.filter);
  std::vector<SqlRow> rows;
  Status s =
      session->Query(kQueueCount,
                     {view, view, view, int64_t{Searching(query) ? 1 : 0},
                      NullIfEmpty(query.receipt), NullIfEmpty(query.umin_id),
                      ContainsPattern(query.name_part),
                      ContainsPattern(query.reading_part), cap},
                     &rows);
  *count = s.ok() && !rows.empty() ? rows[0].Int(0) : 0;
  return s;
}

Status CompleteOperatorRequestSearchText(SqlSession* session, int64_t max_rows,
                                         int64_t* filled) {
  *filled = 0;
  std::vector<SqlRow> rows;
  Status s = session->Query(kSearchTextMissing, {max_rows}, &rows);
  for (const auto& row : rows) {
    if (!s.ok()) break;
    const SearchText text =
        SearchTextOf(row.Text(1), row.Text(2), row.Text(3), row.Text(4));
    s = session->Execute(kSetSearchText, {text.name, text.reading, row.Int(0)});
    ++*filled;
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

Status CountOperatorRequestsByStatus(
    SqlSession* session, std::map<OperatorRequestStatus, int64_t>* counts) {
  counts->clear();
  for (OperatorRequestStatus status : kOperatorRequestStatuses) {
    (*counts)[status] = 0;
  }
  std::vector<SqlRow> rows;
  Status s = session->Query(kCountByStatus, {}, &rows);
  if (!s.ok()) return s;
  for (const SqlRow& row : rows) {
    OperatorRequestStatus status;
    if (!ParseOperatorRequestStatus(row.Text(0), &status)) {
      return Status::Internal("unknown operator request status");
    }
    (*counts)[status] = row.Int(1);
  }
  return Status::Ok();
}

}  // namespace passwd
