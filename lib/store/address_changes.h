// The address_change_requests table, its one owner: proposed changes of an
// account's registered address, each approved or rejected once.
#ifndef PASSWD_LIB_STORE_ADDRESS_CHANGES_H_
#define PASSWD_LIB_STORE_ADDRESS_CHANGES_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// Where a proposal stands; the values are address_change_requests.status's.
enum class AddressChangeStatus {
  kPending,   // pending: waiting for a second operator
  kApproved,  // approved: the account's address was changed
  kRejected,  // rejected: rejected, or withdrawn by its proposer
};

// The status as stored, e.g. "approved".
const char* AddressChangeStatusValue(AddressChangeStatus status);

// A proposal of a new registered address.
struct AddressChange {
  int64_t id = 0;  // 0 for one not stored yet
  std::string umin_id;
  std::string old_mail;  // "" when the account had none
  std::string new_mail;
  std::string reason;
  int64_t request_id = 0;  // the operator request behind it; 0 for none
  int64_t requested_by = 0;
  AddressChangeStatus status = AddressChangeStatus::kPending;
};

// A proposal waiting for approval, as the page lists it.
struct PendingAddressChange {
  AddressChange change;
  std::string requested_at;  // SQL time text (UTC)
  std::string proposer_name, proposer_login;
};

// A decided proposal, as the page lists it.
struct DecidedAddressChange {
  std::string decided_at;  // SQL time text (UTC)
  std::string umin_id;
  std::string new_mail;
  AddressChangeStatus status = AddressChangeStatus::kRejected;
  std::string proposer_name, decider_name;
};

// Stores `change` (its id and status aside) as a pending proposal made at
// `now`.
Status InsertAddressChange(SqlSession* session, const AddressChange& change,
                           std::chrono::system_clock::time_point now);

// Reads proposal `id` and locks it to the end of the transaction; `*found`
// is empty when there is none.
Status FindAddressChangeForUpdate(SqlSession* session, int64_t id,
                                  std::optional<AddressChange>* found);

// Sets `*pending` to whether `umin_id` has a proposal waiting.
Status HasPendingAddressChange(SqlSession* session, const std::string& umin_id,
                               bool* pending);

// Decides pending proposal `id` (approved or rejected) by `operator_id`.
Status DecideAddressChange(SqlSession* session, int64_t id,
                           AddressChangeStatus decision, int64_t operator_id,
                           std::chrono::system_clock::time_point now);

// Reads every pending proposal, oldest first.
Status ListPendingAddressChanges(SqlSession* session,
                                 std::vector<PendingAddressChange>* changes);

// Reads the 20 latest decided proposals, newest first.
Status ListDecidedAddressChanges(SqlSession* session,
                                 std::vector<DecidedAddressChange>* changes);

// Deletes the approved or rejected address changes made for request
// `request_id`, so that the request itself can be deleted.
Status DeleteDecidedAddressChangesOfRequest(SqlSession* session,
                                            int64_t request_id);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_ADDRESS_CHANGES_H_
