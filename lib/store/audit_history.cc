#include "store/audit_history.h"

namespace passwd {
namespace {

// The columns of an AuditRecord, in RecordFromRow's order.
#define AUDIT_COLUMNS                                                         \
  "occurred_at, event, umin_id, operator_name, request_ref, client_address, " \
  "detail"

// The audit page's filter; parameters: event x2, UMIN ID x2, operator x2,
// request x2, since, until.
#define AUDIT_FILTER                                                  \
  "WHERE (? = '' OR event = ?) AND (? = '' OR umin_id = ?) "          \
  "AND (? = '' OR operator_name = ?) AND (? = 0 OR request_ref = ?) " \
  "AND occurred_at >= ? AND occurred_at < ? "
// The rows after an anchor's key; parameters: anchor on (0/1), anchor time
// x2, anchor id.
// clang-format off
#define AUDIT_AFTER(cmp)                                                \
  "AND (? = 0 OR occurred_at " cmp " ? OR (occurred_at = ? AND id " cmp \
  " ?)) "
// One statement per order and reading direction, each read along an index
// ending in occurred_at (and the primary key).
const char kSearchNewest[] = "SELECT id, " AUDIT_COLUMNS
                             " FROM audit_log " AUDIT_FILTER AUDIT_AFTER("<")
                             "ORDER BY occurred_at DESC, id DESC LIMIT ?";
const char kSearchOldest[] = "SELECT id, " AUDIT_COLUMNS
                             " FROM audit_log " AUDIT_FILTER AUDIT_AFTER(">")
                             "ORDER BY occurred_at, id LIMIT ?";
// clang-format on
const char kCount[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM audit_log " AUDIT_FILTER
    "LIMIT ?) capped";
const char kAnchorTime[] = "SELECT occurred_at FROM audit_log WHERE id = ?";
const char kEventNames[] =
    "SELECT DISTINCT event FROM audit_log ORDER BY event";
const char kAccountEvents[] = "SELECT " AUDIT_COLUMNS
                              " FROM audit_log "
                              "WHERE umin_id = ? "
                              "ORDER BY occurred_at DESC, id DESC LIMIT 10";
const char kRequestEvents[] = "SELECT " AUDIT_COLUMNS
                              " FROM audit_log "
                              "WHERE request_ref = ? "
                              "ORDER BY occurred_at, id";

// The AUDIT_COLUMNS of `row`, starting at column `first`.
AuditRecord RecordFromRow(const SqlRow& row, size_t first = 0) {
  AuditRecord r;
  r.occurred_at = row.Text(first);
  r.event = row.Text(first + 1);
  r.umin_id = row.Text(first + 2);
  r.operator_name = row.Text(first + 3);
  r.request_ref = row.Int(first + 4);
  r.client_address = row.Text(first + 5);
  r.detail = row.Text(first + 6);
  return r;
}

// Runs `statement`, which selects AUDIT_COLUMNS, into `records`.
Status QueryRecords(SqlSession* session, const char* statement,
                    const std::vector<SqlValue>& params,
                    std::vector<AuditRecord>* records) {
  std::vector<SqlRow> rows;
  Status s = session->Query(statement, params, &rows);
  for (const auto& row : rows) records->push_back(RecordFromRow(row));
  return s;
}

}  // namespace

Status SearchAuditLog(SqlSession* session, const AuditSearch& search,
                      std::vector<AuditRecord>* records,
                      std::vector<int64_t>* ids) {
  std::string anchor_time;
  bool anchored = false;
  if (search.anchor_id != 0) {
    std::vector<SqlRow> rows;
    Status s = session->Query(kAnchorTime, {search.anchor_id}, &rows);
    if (!s.ok()) return s;
    if (!rows.empty()) {
      anchored = true;
      anchor_time = rows[0].Text(0);
    }
  }
  // Newest first read backwards is oldest first, and the other way round.
  const bool newest = search.newest_first != search.backwards;
  const AuditSearch& f = search;
  // (One initializer: GCC 12 -O2 warns of a variant appended to a vector
  // as maybe uninitialized.)
  std::vector<SqlRow> rows;
  Status s =
      session->Query(newest ? kSearchNewest : kSearchOldest,
                     {f.event, f.event, f.umin_id, f.umin_id, f.operator_name,
                      f.operator_name, f.request_ref, f.request_ref, f.since,
                      f.until, int64_t{anchored ? 1 : 0}, anchor_time,
                      anchor_time, f.anchor_id, f.limit},
                     &rows);
  for (const auto& row : rows) {
    ids->push_back(row.Int(0));
    records->push_back(RecordFromRow(row, 1));
  }
  return s;
}

Status CountAuditLog(SqlSession* session, const AuditSearch& search,
                     int64_t cap, int64_t* count) {
  const AuditSearch& f = search;
  std::vector<SqlRow> rows;
  Status s = session->Query(
      kCount,
      {f.event, f.event, f.umin_id, f.umin_id, f.operator_name, f.operator_name,
       f.request_ref, f.request_ref, f.since, f.until, cap},
      &rows);
  *count = s.ok() && !rows.empty() ? rows[0].Int(0) : 0;
  return s;
}

Status ListAuditEventNames(SqlSession* session,
                           std::vector<std::string>* events) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kEventNames, {}, &rows);
  for (const auto& row : rows) events->push_back(row.Text(0));
  return s;
}

Status LatestAccountEvents(SqlSession* session, const std::string& umin_id,
                           std::vector<AuditRecord>* records) {
  return QueryRecords(session, kAccountEvents, {umin_id}, records);
}

Status OperatorRequestHistory(SqlSession* session, int64_t request_ref,
                              std::vector<AuditRecord>* records) {
  return QueryRecords(session, kRequestEvents, {request_ref}, records);
}

}  // namespace passwd
