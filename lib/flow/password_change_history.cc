#include "flow/password_change_history.h"

#include "base/enum_table.h"

namespace passwd {
namespace {

// The newest changes first, each with its delivery rows (none yet: one row
// of NULLs from the LEFT JOIN). The credential column is never read.
const char kListChanges[] =
    "SELECT c.id, c.changed_at, q.id, q.target, q.status, q.attempts, "
    "q.last_error, q.next_try_at, q.last_try_at, q.done_at "
    "FROM (SELECT id, changed_at FROM password_changes WHERE umin_id = ? "
    "ORDER BY id DESC LIMIT ?) c "
    "LEFT JOIN password_sync_queue q ON q.change_id = c.id "
    "ORDER BY c.id DESC, q.target, q.id";

// password_sync_queue.status's value of each DeliveryState.
struct DeliveryStateText {
  DeliveryState value;
  const char* text;
};
constexpr DeliveryStateText kDeliveryStates[] = {
    {DeliveryState::kPending, "pending"},
    {DeliveryState::kDelivered, "delivered"},
    {DeliveryState::kFailed, "failed"},
    {DeliveryState::kSuperseded, "superseded"},
};

// The delivery in columns 2.. of a kListChanges row.
Status DeliveryFromRow(const SqlRow& row, DeliveryRecord* d) {
  d->id = row.Int(2);
  d->target = row.Text(3);
  if (!ParseEntryText(kDeliveryStates, row.Text(4), &d->state)) {
    return Status::Internal("password_sync_queue: unknown status " +
                            row.Text(4));
  }
  d->attempts = row.Int(5);
  d->last_error = row.Text(6);
  d->next_try_at = row.Text(7);
  d->last_try_at = row.Text(8);
  d->done_at = row.Text(9);
  return Status::Ok();
}

}  // namespace

const char* DeliveryStateValue(DeliveryState state) {
  return EntryOf(kDeliveryStates, state).text;
}

Status ListPasswordChanges(SqlSession* session, const std::string& umin_id,
                           int64_t limit,
                           std::vector<PasswordChangeRecord>* changes) {
  changes->clear();
  std::vector<SqlRow> rows;
  Status s = session->Query(kListChanges, {umin_id, limit}, &rows);
  if (!s.ok()) return s;
  for (const SqlRow& row : rows) {
    if (changes->empty() || changes->back().id != row.Int(0)) {
      changes->emplace_back();
      changes->back().id = row.Int(0);
      changes->back().changed_at = row.Text(1);
    }
    if (row.IsNull(2)) continue;
    changes->back().deliveries.emplace_back();
    s = DeliveryFromRow(row, &changes->back().deliveries.back());
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace passwd
