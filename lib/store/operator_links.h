// The operator_link_tokens table, its one owner: the one-time links an
// operator mails to an account's registered addresses so that the user can
// start the access-code flow. Only a token's SHA-256 is stored.
#ifndef PASSWD_LIB_STORE_OPERATOR_LINKS_H_
#define PASSWD_LIB_STORE_OPERATOR_LINKS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// A link as the link page uses it.
struct OperatorLink {
  int64_t id = 0;
  int64_t request_id = 0;  // the operator request it answers
  std::string umin_id;
  std::chrono::system_clock::time_point expires_at;
  bool open = false;  // neither used nor voided
};

// A link as the request page lists it (SQL time texts, UTC).
struct OperatorLinkRecord {
  std::string umin_id;
  std::string created_at, expires_at;
  std::string used_at, voided_at;  // "" when not
};

// Stores a link of `token` for `umin_id`, answering request `request_id`,
// sent by `operator_id` and usable until `expires_at`; the account's
// earlier open links are voided first, so only the newest one works.
Status CreateOperatorLink(SqlSession* session, const std::string& token,
                          int64_t request_id, const std::string& umin_id,
                          int64_t operator_id,
                          std::chrono::system_clock::time_point now,
                          std::chrono::system_clock::time_point expires_at);

// Voids every open link of `umin_id` (its registered addresses changed, its
// password was set, or a newer link went out); `*voided`, when given, counts
// them. The one statement that voids links.
Status VoidOperatorLinks(SqlSession* session, const std::string& umin_id,
                         std::chrono::system_clock::time_point now,
                         uint64_t* voided = nullptr);

// Reads the link of `token`; with `for_update` its row stays locked to the
// end of the transaction. `*link` is empty when there is none.
Status FindOperatorLink(SqlSession* session, const std::string& token,
                        bool for_update, std::optional<OperatorLink>* link);

// Marks open link `id` used at `now`; `*marked` is false when it was not
// open any more.
Status MarkOperatorLinkUsed(SqlSession* session, int64_t id,
                            std::chrono::system_clock::time_point now,
                            bool* marked);

// Reads the links sent for request `request_id`, oldest first.
Status ListOperatorLinks(SqlSession* session, int64_t request_id,
                         std::vector<OperatorLinkRecord>* links);

// Deletes at most `max_rows` links that expired before `before` (the
// housekeeper's batches); `*deleted` counts them.
Status DeleteExpiredOperatorLinks(SqlSession* session,
                                  std::chrono::system_clock::time_point before,
                                  int64_t max_rows, uint64_t* deleted);

// Deletes every link sent for request `request_id`, so that the request
// itself can be deleted.
Status DeleteOperatorLinksOfRequest(SqlSession* session, int64_t request_id);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_OPERATOR_LINKS_H_
