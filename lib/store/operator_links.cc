#include "store/operator_links.h"

#include "base/crypto.h"

namespace passwd {
namespace {

const char kInsertLink[] =
    "INSERT INTO operator_link_tokens (token_hash, request_id, umin_id, "
    "operator_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
const char kVoidLinks[] =
    "UPDATE operator_link_tokens SET voided_at = ? "
    "WHERE umin_id = ? AND used_at IS NULL AND voided_at IS NULL";
const char kFindLink[] =
    "SELECT id, request_id, umin_id, expires_at, "
    "used_at IS NULL AND voided_at IS NULL FROM operator_link_tokens "
    "WHERE token_hash = ?";
const char kFindLinkForUpdate[] =
    "SELECT id, request_id, umin_id, expires_at, "
    "used_at IS NULL AND voided_at IS NULL FROM operator_link_tokens "
    "WHERE token_hash = ? FOR UPDATE";
const char kUseLink[] =
    "UPDATE operator_link_tokens SET used_at = ? "
    "WHERE id = ? AND used_at IS NULL AND voided_at IS NULL";
const char kLinksOfRequest[] =
    "SELECT umin_id, created_at, expires_at, used_at, voided_at "
    "FROM operator_link_tokens WHERE request_id = ? ORDER BY id";
// The housekeeper's deletes: links expired before a time, and the links
// of an operator request that is being deleted.
const char kDeleteOldLinks[] =
    "DELETE FROM operator_link_tokens WHERE expires_at < ? LIMIT ?";
const char kDeleteLinksOfRequest[] =
    "DELETE FROM operator_link_tokens WHERE request_id = ?";

Status LinkFromRow(const SqlRow& row, OperatorLink* link) {
  link->id = row.Int(0);
  link->request_id = row.Int(1);
  link->umin_id = row.Text(2);
  link->open = row.Int(4) != 0;
  return ParseSqlTime(row.Text(3), &link->expires_at);
}

OperatorLinkRecord RecordFromRow(const SqlRow& row) {
  OperatorLinkRecord r;
  r.umin_id = row.Text(0);
  r.created_at = row.Text(1);
  r.expires_at = row.Text(2);
  r.used_at = row.Text(3);
  r.voided_at = row.Text(4);
  return r;
}

}  // namespace

Status CreateOperatorLink(SqlSession* session, const std::string& token,
                          int64_t request_id, const std::string& umin_id,
                          int64_t operator_id,
                          std::chrono::system_clock::time_point now,
                          std::chrono::system_clock::time_point expires_at) {
  Status s = VoidOperatorLinks(session, umin_id, now);
  if (!s.ok()) return s;
  return session->Execute(kInsertLink,
                          {StoredTokenHash(token), request_id, umin_id, operator_id,
                           SqlTime(now), SqlTime(expires_at)});
}

Status VoidOperatorLinks(SqlSession* session, const std::string& umin_id,
                         std::chrono::system_clock::time_point now,
                         uint64_t* voided) {
  uint64_t affected = 0;
  Status s = session->Execute(kVoidLinks, {SqlTime(now), umin_id}, &affected);
  if (s.ok() && voided != nullptr) *voided = affected;
  return s;
}

Status FindOperatorLink(SqlSession* session, const std::string& token,
                        bool for_update, std::optional<OperatorLink>* link) {
  link->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(for_update ? kFindLinkForUpdate : kFindLink,
                            {StoredTokenHash(token)}, &rows);
  if (!s.ok() || rows.empty()) return s;
  OperatorLink l;
  s = LinkFromRow(rows[0], &l);
  if (s.ok()) *link = l;
  return s;
}

Status MarkOperatorLinkUsed(SqlSession* session, int64_t id,
                            std::chrono::system_clock::time_point now,
                            bool* marked) {
  uint64_t used = 0;
  Status s = session->Execute(kUseLink, {SqlTime(now), id}, &used);
  *marked = used == 1;
  return s;
}

Status ListOperatorLinks(SqlSession* session, int64_t request_id,
                         std::vector<OperatorLinkRecord>* links) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kLinksOfRequest, {request_id}, &rows);
  for (const auto& row : rows) links->push_back(RecordFromRow(row));
  return s;
}

Status DeleteExpiredOperatorLinks(SqlSession* session,
                                  std::chrono::system_clock::time_point before,
                                  int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldLinks, {SqlTime(before), max_rows},
                          deleted);
}

Status DeleteOperatorLinksOfRequest(SqlSession* session, int64_t request_id) {
  return session->Execute(kDeleteLinksOfRequest, {request_id});
}

}  // namespace passwd
