// The queue's search box and the matching of an operator request to the
// accounts whose identity data it names: pure rules, no I/O (the search
// itself runs in the database, store/operator_requests).
#ifndef PASSWD_LIB_CONSOLE_QUEUE_SEARCH_H_
#define PASSWD_LIB_CONSOLE_QUEUE_SEARCH_H_

#include <string>

#include "domain/identity.h"
#include "store/accounts.h"
#include "store/operator_requests.h"

namespace passwd {

// A queue search as typed, read every way it can mean something.
struct QueueSearch {
  std::string receipt;  // NFKC, spaces removed, upper case; "" when empty
  std::string umin_id;  // the normalised UMIN ID, "" when not one
  std::string name;     // NormalizeName'd, "" when it cannot be a name
  std::string reading;  // NormalizeReading'd, "" when not a reading
  bool empty() const { return receipt.empty(); }
};

// Reads the search box: a receipt number, a UMIN ID, or (part of) a name
// or its reading.
QueueSearch ParseQueueSearch(const std::string& typed);

// Puts `search` into `query` (a request matches when its receipt number or
// UMIN ID equals the search, or the search is in its name (姓名) or
// reading (せいめい), both sides normalised as send_profile does). False
// when nothing can match it (text no column can hold): show no rows.
bool SetQueueSearch(const QueueSearch& search, OperatorRequestQuery* query);

// The identity fields in which the account differs from the request, both
// normalised as send_profile does (requests have no gender, so it never
// differs); a field of the request that cannot be normalised differs, and
// every field does when the account's own data cannot be.
IdentityDifference RequestIdentityDifference(
    const OperatorRequestRecord& request, const Account& account);

// True when the account's name, reading and birth date equal the
// request's (RequestIdentityDifference finds none).
bool RequestMatchesAccount(const OperatorRequestRecord& request,
                           const Account& account);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_QUEUE_SEARCH_H_
