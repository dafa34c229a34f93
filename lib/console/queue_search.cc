#include "console/queue_search.h"

#include <algorithm>
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

bool SetQueueSearch(const QueueSearch& search, OperatorRequestQuery* query) {
  query->receipt = query->umin_id = query->name_part = query->reading_part = "";
  if (search.empty()) return true;
  // Receipt numbers are printable ASCII, and so must the text compared with
  // that ASCII column be.
  const bool ascii = std::all_of(search.receipt.begin(), search.receipt.end(),
                                 [](char c) { return c > ' ' && c < 0x7f; });
  if (ascii) query->receipt = search.receipt;
  query->umin_id = search.umin_id;
  query->name_part = search.name;
  query->reading_part = search.reading;
  return ascii || !search.name.empty() || !search.reading.empty();
}

IdentityDifference RequestIdentityDifference(
    const OperatorRequestRecord& request, const Account& account) {
  IdentityQuery stored;
  if (!NormalisedIdentity(account, &stored)) {
    IdentityDifference all;
    all.name = all.reading = all.gender = all.birth_date = true;
    return all;
  }
  IdentityQuery asked;
  const bool name_ok =
      NormalizeName(request.family_name, &asked.family_name).ok() &&
      NormalizeName(request.given_name, &asked.given_name).ok();
  const bool reading_ok =
      NormalizeReading(request.family_reading, &asked.family_reading).ok() &&
      NormalizeReading(request.given_reading, &asked.given_reading).ok();
  const bool date_ok = ParseDate(request.birth_date, &asked.birth_date);
  // The request form asks no gender: let it never decide.
  asked.gender = stored.gender;
  IdentityDifference d = CompareIdentities(asked, stored);
  d.name = d.name || !name_ok;
  d.reading = d.reading || !reading_ok;
  d.birth_date = d.birth_date || !date_ok;
  return d;
}

bool RequestMatchesAccount(const OperatorRequestRecord& request,
                           const Account& account) {
  return !RequestIdentityDifference(request, account).any();
}

}  // namespace passwd
