#include "store/audit_history.h"

namespace passwd {
namespace {

const char kSearch[] =
    "SELECT occurred_at, event, umin_id, operator_name, request_ref, "
    "client_address, detail FROM audit_log "
    "WHERE (? = '' OR event = ?) AND (? = '' OR umin_id = ?) "
    "AND (? = '' OR operator_name = ?) AND (? = 0 OR request_ref = ?) "
    "AND occurred_at >= ? AND occurred_at < ? "
    "ORDER BY id DESC LIMIT 501";
const char kEventNames[] =
    "SELECT DISTINCT event FROM audit_log ORDER BY event";
const char kAccountEvents[] =
    "SELECT occurred_at, event, operator_name, detail FROM audit_log "
    "WHERE umin_id = ? ORDER BY id DESC LIMIT 10";
const char kRequestEvents[] =
    "SELECT occurred_at, event, umin_id, operator_name, detail "
    "FROM audit_log WHERE request_ref = ? ORDER BY id";

AuditRecord SearchedFromRow(const SqlRow& row) {
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

AuditRecord AccountEventFromRow(const SqlRow& row) {
  AuditRecord r;
  r.occurred_at = row.Text(0);
  r.event = row.Text(1);
  r.operator_name = row.Text(2);
  r.detail = row.Text(3);
  return r;
}

AuditRecord RequestEventFromRow(const SqlRow& row) {
  AuditRecord r;
  r.occurred_at = row.Text(0);
  r.event = row.Text(1);
  r.umin_id = row.Text(2);
  r.operator_name = row.Text(3);
  r.detail = row.Text(4);
  return r;
}

// Runs `statement` and turns each row into a record with `from_row`.
Status QueryRecords(SqlSession* session, const char* statement,
                    const std::vector<SqlValue>& params,
                    AuditRecord (*from_row)(const SqlRow&),
                    std::vector<AuditRecord>* records) {
  std::vector<SqlRow> rows;
  Status s = session->Query(statement, params, &rows);
  for (const auto& row : rows) records->push_back(from_row(row));
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
      SearchedFromRow, records);
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
  return QueryRecords(session, kAccountEvents, {umin_id}, AccountEventFromRow,
                      records);
}

Status OperatorRequestHistory(SqlSession* session, int64_t request_ref,
                              std::vector<AuditRecord>* records) {
  return QueryRecords(session, kRequestEvents, {request_ref},
                      RequestEventFromRow, records);
}

}  // namespace passwd
