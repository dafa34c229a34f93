// "Not me": every access-code mail and every completion mail carries a
// one-time link (stored only as its token's SHA-256) by which the owner of
// the addresses says they did not ask for it. Opening the link changes
// nothing (mail scanners open links); its confirming POST voids the
// account's pending access codes and opens a priority operator request.
#ifndef PASSWD_LIB_FLOW_NOT_ME_H_
#define PASSWD_LIB_FLOW_NOT_ME_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/caller.h"
#include "base/database.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// A link works this long after its mail was written.
inline constexpr std::chrono::hours kNotMeLinkLifetime{24 * 7};
// The page of the link, relative to the site.

// Creates a link for `umin_id` in the caller's transaction and sets `*url`
// to its absolute URL (<base>/cgi-open-bin/passwd/not_me?t=<token>), ready
// for a mail body.
Status CreateNotMeLink(Env* env, SqlSession* session,
                       const std::string& umin_id, std::string* url);

// Whether a "not me" link can still be used, and if not, why.
enum class NotMeLinkState {
  kUsable,   // known, unused, in time
  kUsed,     // already reported
  kExpired,  // past kNotMeLinkLifetime
  kUnknown,  // no such link (mistyped, truncated, or made up)
};

// Tells the state of the link `token` without changing anything.
Status CheckNotMeLink(Env* env, SqlSession* session, const std::string& token,
                      NotMeLinkState* state);

// What ReportNotMe did.
struct NotMeReport {
  // kUsable: reported now; otherwise why nothing was done.
  NotMeLinkState state = NotMeLinkState::kUnknown;
  std::string umin_id;
  std::string receipt;       // the new operator request's receipt number
  std::string contact_mail;  // where its receipt mail goes
  uint64_t voided_flows = 0;
};

// Acts on the link `token` in the caller's transaction, if it is usable:
// voids the account's pending access codes, marks the link used, opens a
// priority operator request (reason not_me, contact the registered external
// address or <id>@umin_mail_domain, names from the account), queues its
// receipt mail and audits "not_me". A link that is not usable is audited as
// "not_me_refused" and changes nothing else.
Status ReportNotMe(Env* env, SqlSession* session, const Caller& caller,
                   const std::string& token, NotMeReport* report);

// Deletes at most `max_rows` links that expired before `before` (the
// housekeeper's batches); `*deleted` counts them.
Status DeleteExpiredNotMeLinks(SqlSession* session,
                               std::chrono::system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted);

// Deletes the links whose use opened operator request `request_id`, so that
// the request itself can be deleted.
Status DeleteNotMeLinksOfRequest(SqlSession* session, int64_t request_id);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_NOT_ME_H_
