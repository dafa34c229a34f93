// Identity: normalisation and matching of the personal data (name, reading,
// gender, birth date) that find the account of a user who does not know
// their UMIN ID (the "ID unknown" path).  Both the typed query and the
// account's stored data go through the same functions before they are
// compared, so spelling differences the functions fold never cause a miss.
#ifndef PASSWD_LIB_DOMAIN_IDENTITY_H_
#define PASSWD_LIB_DOMAIN_IDENTITY_H_

#include <string>

#include "base/date.h"
#include "base/status.h"

namespace passwd {

// The gender field of the form (男性/女性).
enum class Gender { kMale, kFemale };

// The identity data of one person, normalised by the functions below.
struct IdentityQuery {
  std::string family_name;     // 姓, from NormalizeName
  std::string given_name;      // 名, from NormalizeName
  std::string family_reading;  // せい, from NormalizeReading
  std::string given_reading;   // めい, from NormalizeReading
  Gender gender = Gender::kMale;
  Date birth_date;
};

// Normalises a family or given name: NFKC, every white space removed
// (U+3000 included), then the variant kanji of names folded to their common
// form: 髙→高, 﨑/𥔎→崎, 齋/齊/斉→斎, 邊/邉→辺, 濵→浜, 澤→沢, 櫻→桜, 廣→広,
// 國→国, and NFKC once more so that a mark a removed space stood before
// composes (か゛ → が; the result normalises to itself); InvalidInput for
// broken UTF-8, control characters or an empty result.
Status NormalizeName(const std::string& in, std::string* out);

// Normalises a reading: NFKC (so half-width katakana become full-width),
// katakana to hiragana, white space and the middle dot ・ removed; the
// result must be hiragana and ー only, else InvalidInput.
Status NormalizeReading(const std::string& in, std::string* out);

// Parses the form value "male" or "female" into *gender; false otherwise.
bool ParseGender(const std::string& form_value, Gender* gender);

// Parses a birth date typed as yyyy/mm/dd, yyyy-mm-dd (month and day may
// have one digit) or yyyymmdd, in half- or full-width digits, surrounding
// spaces ignored; InvalidInput for another spelling, an impossible date, a
// year before 1900 or a day after today.
Status ParseBirthDate(const std::string& in, const Date& today, Date* out);

// The error code (domain/field_error.h) of a typed birth date
// ParseBirthDate refuses, telling a mistyped date ("birth_date_format") from
// one that has not come yet ("birth_date_future"); "" when it is accepted
// (and then in `*birth`).
std::string BirthDateError(const std::string& typed, const Date& today,
                           Date* birth);

// The fields in which two normalised identities differ.
struct IdentityDifference {
  bool name = false;        // 姓 or 名
  bool reading = false;     // せい or めい
  bool gender = false;      // 性別
  bool birth_date = false;  // 生年月日
  bool any() const { return name || reading || gender || birth_date; }
};

// Compares every field of the normalised query with the normalised
// account's.
IdentityDifference CompareIdentities(const IdentityQuery& normalised_query,
                                     const IdentityQuery& normalised_account);

// True when every field of the normalised query equals the normalised
// account's (CompareIdentities finds no difference).
bool IdentityMatches(const IdentityQuery& normalised_query,
                     const IdentityQuery& normalised_account);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_IDENTITY_H_
