// UMIN ID: the normalisation and format check applied to a typed UMIN ID
// before it is looked up (the "ID known" path).
#ifndef PASSWD_LIB_DOMAIN_UMIN_ID_H_
#define PASSWD_LIB_DOMAIN_UMIN_ID_H_

#include <cstddef>
#include <string>

namespace passwd {

// Shortest normalised UMIN ID accepted, in characters.
constexpr size_t kUminIdMinLength = 3;
// Longest normalised UMIN ID accepted, in characters.
constexpr size_t kUminIdMaxLength = 32;
// The mail domain users must not type after their ID (compared normalised).
constexpr char kUminMailDomain[] = "@umin.ac.jp";

// What NormalizeUminId made of the input.
enum class UminIdOutcome {
  kOk,             // id holds the normalised ID, ready for the lookup
  kEmpty,          // nothing but spaces was typed
  kHasMailDomain,  // the input ended with @umin.ac.jp: show the seed's hint
  kMalformed,      // not UTF-8, or not two lower-case alnum parts and a hyphen
};

// The outcome of NormalizeUminId and, for kOk, the normalised ID.
struct UminIdResult {
  UminIdOutcome outcome = UminIdOutcome::kMalformed;
  // The normalised ID for kOk; the normalised text before the domain for
  // kHasMailDomain (it may itself be malformed); empty otherwise.
  std::string id;
};

// Normalises a typed UMIN ID (NFKC so full-width becomes half-width, the
// hyphen look-alikes ー ‐ − become '-', surrounding spaces including U+3000
// trimmed, A-Z lowered) and checks it is `[a-z0-9]+-[a-z0-9]+`, 3 to 32
// characters long; never fails on any byte string.
UminIdResult NormalizeUminId(const std::string& input);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_UMIN_ID_H_
