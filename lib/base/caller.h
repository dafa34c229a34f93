// Who asked: the client address and request id that rate limits and the
// audit log record, without the layers below the web knowing HTTP.
#ifndef PASSWD_LIB_BASE_CALLER_H_
#define PASSWD_LIB_BASE_CALLER_H_

#include <string>

#include "base/lang.h"

namespace passwd {

// Who made a request: what the audit log and the rate limits record.
struct Caller {
  std::string client_address;  // as nginx saw it; "" for a worker
  std::string request_id;      // nginx's $request_id, or a worker's name
  // The language of the page the request came from: the mails it queues
  // speak it (docs/i18n.md).
  Lang lang = Lang::kJa;
};

// The audit log's caller for every change made from the command line.
inline const Caller kAdministrationCommand = {"", "umin-passwdctl"};

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_CALLER_H_
