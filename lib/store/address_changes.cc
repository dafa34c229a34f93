#include "base/enum_table.h"
#include "store/address_changes.h"


namespace passwd {
namespace {

// The columns of an AddressChange, in ChangeFromRow's order.
#define CHANGE_COLUMNS                                                \
  "c.id, c.umin_id, c.old_mail, c.new_mail, c.reason, c.request_id, " \
  "c.requested_by, c.status"

const char kPending[] =
    "SELECT " CHANGE_COLUMNS
    ", c.requested_at, o.display_name, o.login "
    "FROM address_change_requests c JOIN operators o ON o.id = c.requested_by "
    "WHERE c.status = 'pending' ORDER BY c.requested_at, c.id";
const char kDecided[] =
    "SELECT c.decided_at, c.umin_id, c.new_mail, c.status, p.display_name, "
    "d.display_name FROM address_change_requests c "
    "JOIN operators p ON p.id = c.requested_by "
    "LEFT JOIN operators d ON d.id = c.decided_by "
    "WHERE c.status <> 'pending' ORDER BY c.decided_at DESC, c.id DESC "
    "LIMIT 20";
const char kFindProposal[] = "SELECT " CHANGE_COLUMNS
                             " FROM address_change_requests c "
                             "WHERE c.id = ? FOR UPDATE";
const char kPendingForAccount[] =
    "SELECT id FROM address_change_requests "
    "WHERE umin_id = ? AND status = 'pending'";
const char kInsertProposal[] =
    "INSERT INTO address_change_requests (umin_id, old_mail, new_mail, "
    "reason, request_id, status, requested_by, requested_at) "
    "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)";
const char kDecide[] =
    "UPDATE address_change_requests SET status = ?, decided_by = ?, "
    "decided_at = ? WHERE id = ? AND status = 'pending'";
// Pending proposals stay: the housekeeper keeps their request until they
// are decided.
const char kDeleteDecidedOfRequest[] =
    "DELETE FROM address_change_requests "
    "WHERE request_id = ? AND status <> 'pending'";

struct StatusText {
  AddressChangeStatus value;
  const char* text;  // as stored
};
constexpr StatusText kStatuses[] = {
    {AddressChangeStatus::kPending, "pending"},
    {AddressChangeStatus::kApproved, "approved"},
    {AddressChangeStatus::kRejected, "rejected"},
};

Status UnknownStatus(const SqlRow& row, size_t column) {
  return Status::Internal("address change with unknown status " +
                          row.Text(column));
}

// One proposal from the first columns of a row of CHANGE_COLUMNS.
Status ChangeFromRow(const SqlRow& row, AddressChange* c) {
  c->id = row.Int(0);
  c->umin_id = row.Text(1);
  c->old_mail = row.Text(2);
  c->new_mail = row.Text(3);
  c->reason = row.Text(4);
  c->request_id = row.Int(5);
  c->requested_by = row.Int(6);
  return ParseEntryText(kStatuses, row.Text(7), &c->status)
             ? Status::Ok()
             : UnknownStatus(row, 7);
}

Status PendingFromRow(const SqlRow& row, PendingAddressChange* p) {
  p->requested_at = row.Text(8);
  p->proposer_name = row.Text(9);
  p->proposer_login = row.Text(10);
  return ChangeFromRow(row, &p->change);
}

Status DecidedFromRow(const SqlRow& row, DecidedAddressChange* d) {
  d->decided_at = row.Text(0);
  d->umin_id = row.Text(1);
  d->new_mail = row.Text(2);
  d->proposer_name = row.Text(4);
  d->decider_name = row.Text(5);
  return ParseEntryText(kStatuses, row.Text(3), &d->status)
             ? Status::Ok()
             : UnknownStatus(row, 3);
}

}  // namespace

const char* AddressChangeStatusValue(AddressChangeStatus status) {
  return EntryOf(kStatuses, status).text;
}

Status InsertAddressChange(SqlSession* session, const AddressChange& change,
                           std::chrono::system_clock::time_point now) {
  return session->Execute(
      kInsertProposal,
      {change.umin_id, NullIfEmpty(change.old_mail), change.new_mail,
       change.reason, NullIfZero(change.request_id), change.requested_by,
       SqlTime(now)});
}

Status FindAddressChangeForUpdate(SqlSession* session, int64_t id,
                                  std::optional<AddressChange>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindProposal, {id}, &rows);
  if (!s.ok() || rows.empty()) return s;
  AddressChange c;
  s = ChangeFromRow(rows[0], &c);
  if (s.ok()) *found = c;
  return s;
}

Status HasPendingAddressChange(SqlSession* session, const std::string& umin_id,
                               bool* pending) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kPendingForAccount, {umin_id}, &rows);
  *pending = !rows.empty();
  return s;
}

Status DecideAddressChange(SqlSession* session, int64_t id,
                           AddressChangeStatus decision, int64_t operator_id,
                           std::chrono::system_clock::time_point now) {
  return session->Execute(
      kDecide, {std::string(AddressChangeStatusValue(decision)), operator_id,
                SqlTime(now), id});
}

Status ListPendingAddressChanges(SqlSession* session,
                                 std::vector<PendingAddressChange>* changes) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kPending, {}, &rows);
  for (const auto& row : rows) {
    if (!s.ok()) break;
    changes->emplace_back();
    s = PendingFromRow(row, &changes->back());
  }
  return s;
}

Status ListDecidedAddressChanges(SqlSession* session,
                                 std::vector<DecidedAddressChange>* changes) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kDecided, {}, &rows);
  for (const auto& row : rows) {
    if (!s.ok()) break;
    changes->emplace_back();
    s = DecidedFromRow(row, &changes->back());
  }
  return s;
}

Status DeleteDecidedAddressChangesOfRequest(SqlSession* session,
                                            int64_t request_id) {
  return session->Execute(kDeleteDecidedOfRequest, {request_id});
}

}  // namespace passwd
