#include "store/audit_history.h"

namespace passwd {
namespace {

// The columns of an AuditRecord, in RecordFromRow's order.
#define AUDIT_COLUMNS                                                         \
  "occurred_at, event, umin_id, operator_name, request_ref, client_address, " \
  "detail"

const char kSearch[] =
    "SELECT " AUDIT_COLUMNS
    " FROM audit_log "
    "WHERE (? = '' OR event = ?) AND (? = '' OR umin_id = ?) "
    "AND (? = '' OR operator_name = ?) AND (? = 0 OR request_ref = ?) "
    "AND occurred_at >= ? AND occurred_at < ? "
    "ORDER BY id DESC LIMIT 501";
const char kEventNames[] =
    "SELECT DISTINCT event FROM audit_log ORDER BY event";
const char kAccountEvents[] = "SELECT " AUDIT_COLUMNS
                              " FROM audit_log "
                              "WHERE umin_id = ? ORDER BY id DESC LIMIT 10";
const char kRequestEvents[] = "SELECT " AUDIT_COLUMNS
                              " FROM audit_log "
                              "WHERE request_ref = ? ORDER BY id";

AuditRecord RecordFromRow(const SqlRow& row) {
  AuditRecord r;
  r.occurred_at = row.Text(0);
  r.event = row.Text(1);
  r.umin_id = row.Text(2);
  r.operator_name = row.Text(3);
  r.request_ref = row.Int(4);
  r.client_address = row.Text(5);
  r.detail = row.Text(6);
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
                      std::vector<AuditRecord>* records) {
  return QueryRecords(
      session, kSearch,
      {search.event, search.event, search.umin_id, search.umin_id,
       search.operator_name, search.operator_name, search.request_ref,
       search.request_ref, search.since, search.until},
      records);
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
