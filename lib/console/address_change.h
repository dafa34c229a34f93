// Changing an account's registered address (where access codes go) takes
// two operators: one proposes the new address, a different one approves
// it, and only then does accounts.external_mail change. Both steps, and a
// rejection or withdrawal, are audited; the approval voids the account's
// pending codes and links and tells the old and new addresses.
#ifndef PASSWD_LIB_CONSOLE_ADDRESS_CHANGE_H_
#define PASSWD_LIB_CONSOLE_ADDRESS_CHANGE_H_

#include <cstdint>
#include <string>

#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "console/admin_session.h"
#include "web/request.h"

namespace passwd {

// The proposal form as typed.
struct ProposalForm {
  std::string umin_id, new_mail, reason, request_id;
};

// What a proposal or a decision came to.
enum class AddressChangeOutcome {
  kDone,
  kFormError,  // `message` is shown on the form
  kNotFound,   // `detail` is audited, 404
  kForbidden,  // `detail` is audited, 403
};

// What a proposal or a decision came to, and what the page needs to say so.
struct AddressChangeResult {
  AddressChangeOutcome outcome = AddressChangeOutcome::kDone;
  std::string message;  // kFormError: shown on the form
  std::string detail;   // kNotFound, kForbidden: audited
  std::string umin_id;
  int64_t request_ref = 0;
};

// What the second operator decides.
enum class AddressChangeDecision { kApprove, kReject };

// The decision's form value ("approve" or "reject").
const char* AddressChangeDecisionValue(AddressChangeDecision decision);

// Checks `form` and stores it as a proposal by `op`, audited, in the
// caller's transaction.
Status ProposeAddressChange(Env* env, SqlSession* session,
                            const Request& request, const Operator& op,
                            const ProposalForm& form,
                            AddressChangeResult* result);

// Approves (never its own proposer) or rejects (withdraws, for its
// proposer) the pending proposal `id`, audited, in the caller's
// transaction; an approval changes the address, voids the account's codes
// and links and mails the old and new addresses.
Status DecideAddressChangeAs(Env* env, SqlSession* session,
                             const Request& request, const Operator& op,
                             AddressChangeDecision decision, int64_t id,
                             AddressChangeResult* result);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_ADDRESS_CHANGE_H_
