// The accounts the console offers for an operator request: those whose
// identity data match it, and the one whose UMIN ID the applicant gave.
#ifndef PASSWD_LIB_CONSOLE_REQUEST_ACCOUNTS_H_
#define PASSWD_LIB_CONSOLE_REQUEST_ACCOUNTS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"
#include "domain/identity.h"
#include "store/accounts.h"
#include "store/operator_requests.h"

namespace passwd {

// An account the console offers for a request.
struct AccountMatch {
  Account account;
  bool identity_matches = false;  // RequestMatchesAccount
  IdentityDifference difference;  // what differs when it does not match
  bool named_in_request = false;  // the UMIN ID the applicant gave
};

// The accounts whose identity data match the request, and the account of
// the UMIN ID the applicant gave (if it exists), each once.
Status FindMatchingAccounts(SqlSession* session,
                            const OperatorRequestRecord& request,
                            std::vector<AccountMatch>* matches);

// The account `umin_id` as FindMatchingAccounts offers it for `request`
// (`*offered`), or none when it is not offered.
Status FindOfferedAccount(SqlSession* session,
                          const OperatorRequestRecord& request,
                          const std::string& umin_id,
                          std::optional<AccountMatch>* offered);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_REQUEST_ACCOUNTS_H_
