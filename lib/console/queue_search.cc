#include "console/queue_search.h"

#include <cctype>

#include "base/date.h"
#include "base/text.h"
#include "domain/identity.h"
#include "domain/umin_id.h"

namespace passwd {
namespace {

std::string UpperAscii(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The request's name and reading normalised and joined, for the search;
// empty parts when the stored text does not normalise.
std::string JoinedName(const OperatorRequestRecord& r) {
  std::string family, given;
  (void)NormalizeName(r.family_name, &family);
  (void)NormalizeName(r.given_name, &given);
  return family + given;
}

std::string JoinedReading(const OperatorRequestRecord& r) {
  std::string family, given;
  (void)NormalizeReading(r.family_reading, &family);
  (void)NormalizeReading(r.given_reading, &given);
  return family + given;
}

}  // namespace

QueueSearch ParseQueueSearch(const std::string& typed) {
  QueueSearch search;
  std::string folded;
  if (!NormalizeName(typed, &folded).ok()) {
    // Blank: no search. Text no rule can read: only an equal receipt
    // number would match it.
    if (!Trim(typed).empty()) search.receipt = typed;
    return search;
  }
  search.receipt = UpperAscii(folded);
  UminIdResult id = NormalizeUminId(typed);
  if (id.outcome == UminIdOutcome::kOk) search.umin_id = id.id;
  search.name = folded;
  std::string reading;
  if (NormalizeReading(typed, &reading).ok()) search.reading = reading;
  return search;
}

bool QueueSearchMatches(const QueueSearch& search,
                        const OperatorRequestRecord& request) {
  if (search.empty()) return true;
  if (UpperAscii(request.receipt_number) == search.receipt) return true;
  if (!search.umin_id.empty() && request.umin_id == search.umin_id) {
    return true;
  }
  if (!search.name.empty() &&
      JoinedName(request).find(search.name) != std::string::npos) {
    return true;
  }
  return !search.reading.empty() &&
         JoinedReading(request).find(search.reading) != std::string::npos;
}

bool RequestMatchesAccount(const OperatorRequestRecord& request,
                           const Account& account) {
  IdentityQuery stored;
  if (!NormalisedIdentity(account, &stored)) return false;
  IdentityQuery asked;
  if (!NormalizeName(request.family_name, &asked.family_name).ok() ||
      !NormalizeName(request.given_name, &asked.given_name).ok() ||
      !NormalizeReading(request.family_reading, &asked.family_reading).ok() ||
      !NormalizeReading(request.given_reading, &asked.given_reading).ok() ||
      !ParseDate(request.birth_date, &asked.birth_date)) {
    return false;
  }
  // The request form asks no gender: let it never decide.
  asked.gender = stored.gender;
  return IdentityMatches(asked, stored);
}

}  // namespace passwd
