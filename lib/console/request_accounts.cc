#include "console/request_accounts.h"

#include <optional>

#include "console/queue_search.h"
#include "domain/umin_id.h"

namespace passwd {

Status FindMatchingAccounts(SqlSession* session,
                            const OperatorRequestRecord& request,
                            std::vector<AccountMatch>* matches) {
  matches->clear();
  std::vector<Account> born_that_day;
  if (!request.birth_date.empty()) {
    Status s =
        FindAccountsByBirthDate(session, request.birth_date, &born_that_day);
    if (!s.ok()) return s;
  }
  std::string named_id;
  if (!request.umin_id.empty()) {
    UminIdResult id = NormalizeUminId(request.umin_id);
    if (id.outcome == UminIdOutcome::kOk) named_id = id.id;
  }
  for (const auto& account : born_that_day) {
    if (!RequestMatchesAccount(request, account)) continue;
    AccountMatch match;
    match.account = account;
    match.identity_matches = true;  // and `difference` stays empty
    match.named_in_request = account.umin_id == named_id;
    matches->push_back(match);
  }
  if (named_id.empty()) return Status::Ok();
  for (const auto& match : *matches) {
    if (match.named_in_request) return Status::Ok();
  }
  std::optional<Account> named;
  Status s = FindAccount(session, named_id, /*for_update=*/false, &named);
  if (!s.ok() || !named) return s;
  AccountMatch match;
  match.account = *named;
  match.difference = RequestIdentityDifference(request, *named);
  match.identity_matches = !match.difference.any();
  match.named_in_request = true;
  matches->insert(matches->begin(), match);
  return Status::Ok();
}

Status FindOfferedAccount(SqlSession* session,
                          const OperatorRequestRecord& request,
                          const std::string& umin_id,
                          std::optional<AccountMatch>* offered) {
  offered->reset();
  std::vector<AccountMatch> matches;
  Status s = FindMatchingAccounts(session, request, &matches);
  for (const auto& match : matches) {
    if (match.account.umin_id == umin_id) *offered = match;
  }
  return s;
}

}  // namespace passwd
