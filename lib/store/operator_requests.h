// The operator_requests table as requests come in: the insert shared by the
// form and the "not me" link, and the receipt page's lookup.
#ifndef PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_
#define PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "domain/operator_request.h"

namespace passwd {

// Stores `request` from `client_address` under a fresh unique receipt number
// (a drawn number already taken is drawn again), in the caller's
// transaction; sets `*receipt` and `*id`.
Status SubmitOperatorRequest(Env* env, SqlSession* session,
                             const NewOperatorRequest& request,
                             const std::string& client_address,
                             std::string* receipt, int64_t* id);

// Reads the contact address of the request `receipt`; empty if there is
// no such request.
Status FindReceiptContact(SqlSession* session, const std::string& receipt,
                          std::optional<std::string>* contact_mail);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_OPERATOR_REQUESTS_H_
