#include "domain/identity.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <memory>

namespace passwd {
namespace {

// Far above any real name; stops a pasted essay before it reaches ICU. The
// normalised result is held to it too: NFKC can make a text several times
// longer (㌀ → アパート), and a result over it would be refused when
// normalised again.
constexpr size_t kMaxInputBytes = 1024;

// Writes `result` as UTF-8 into *out; InvalidInput when it is longer than
// an input may be.
Status ToUtf8Within(const icu::UnicodeString& result, std::string* out) {
  std::string utf8;
  result.toUTF8String(utf8);
  if (utf8.size() > kMaxInputBytes) {
    return Status::InvalidInput("normalised input too long");
  }
  out->swap(utf8);
  return Status::Ok();
}
constexpr int kMinBirthYear = 1900;

// Variant (旧字体/異体字) kanji common in Japanese names, folded to the form
// most people type.  NFKC leaves all of these alone: they are unified
// ideographs, not compatibility characters.  齊 is strictly the old form of
// 斉, but 斎藤/斉藤/齋藤/齊藤 are confused freely, so all four fold together.
struct VariantFold {
  UChar32 from;
  UChar32 to;
};
constexpr VariantFold kVariantFolds[] = {
    {0x9AD9, 0x9AD8},   // 髙 → 高
    {0xFA11, 0x5D0E},   // 﨑 → 崎
    {0x2550E, 0x5D0E},  // 𥔎 → 崎
    {0x9F4B, 0x658E},   // 齋 → 斎
    {0x9F4A, 0x658E},   // 齊 → 斎
    {0x6589, 0x658E},   // 斉 → 斎
    {0x908A, 0x8FBA},   // 邊 → 辺
    {0x9089, 0x8FBA},   // 邉 → 辺
    {0x6FF5, 0x6D5C},   // 濵 → 浜
    {0x6FA4, 0x6CA2},   // 澤 → 沢
    {0x6AFB, 0x685C},   // 櫻 → 桜
    {0x5EE3, 0x5E83},   // 廣 → 広
    {0x570B, 0x56FD},   // 國 → 国
};

constexpr UChar32 kProlongedSoundMark = 0x30FC;  // ー
constexpr UChar32 kKatakanaMiddleDot = 0x30FB;   // ・

UChar32 FoldVariant(UChar32 c) {
  for (const VariantFold& fold : kVariantFolds) {
    if (fold.from == c) return fold.to;
  }
  return c;
}

// True for the hiragana a reading may hold: ぁ to ゖ and the iteration marks
// ゝ ゞ.
bool IsHiragana(UChar32 c) {
  return (c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E;
}

// Converts well-formed UTF-8 to its NFKC form in *out; InvalidInput for
// broken UTF-8 or an over-long input.
Status ToNfkc(const std::string& in, icu::UnicodeString* out) {
  if (in.size() > kMaxInputBytes) {
    return Status::InvalidInput("input too long");
  }
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return Status::InvalidInput("input is not valid UTF-8");
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) return Status::Internal("ICU NFKC unavailable");
  *out = nfkc->normalize(icu::UnicodeString::fromUTF8(in), err);
  if (U_FAILURE(err)) return Status::Internal("ICU NFKC failed");
  return Status::Ok();
}

// The thread's Katakana-Hiragana transliterator, created on first use (one
// per thread: a page process serves requests on several threads, and ICU
// does not promise that one instance transliterates for two at once); null
// when ICU cannot build it.  ー is filtered out because ICU would spell
// it as the vowel it lengthens after katakana (ルー → るう) but keep it after
// hiragana, so ルーシー and るーしー would differ.
icu::Transliterator* KatakanaToHiragana() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "[^\\u30FC] Katakana-Hiragana", UTRANS_FORWARD, err));
    if (U_FAILURE(err)) t.reset();
    return t;
  }();
  return transliterator.get();
}

}  // namespace

Status NormalizeName(const std::string& in, std::string* out) {
  icu::UnicodeString s;
  Status status = ToNfkc(in, &s);
  if (!status.ok()) return status;
  icu::UnicodeString result;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) continue;
    if (u_iscntrl(c) || u_charType(c) == U_FORMAT_CHAR) {
      return Status::InvalidInput("name holds a control character");
    }
    result.append(FoldVariant(c));
  }
  // Removing a space can bring a combining mark next to the letter before
  // it (a + U+0020 U+0301): compose again, so the result is NFKC and
  // normalising it again gives itself.
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_SUCCESS(err)) result = nfkc->normalize(result, err);
  if (U_FAILURE(err)) return Status::Internal("ICU NFKC failed");
  if (result.isEmpty()) return Status::InvalidInput("name is empty");
  return ToUtf8Within(result, out);
}

Status NormalizeReading(const std::string& in, std::string* out) {
  icu::UnicodeString s;
  Status status = ToNfkc(in, &s);
  if (!status.ok()) return status;
  icu::Transliterator* to_hiragana = KatakanaToHiragana();
  if (to_hiragana == nullptr) {
    return Status::Internal("ICU Katakana-Hiragana transliterator missing");
  }
  to_hiragana->transliterate(s);
  icu::UnicodeString result;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c) || c == kKatakanaMiddleDot) continue;
    if (!IsHiragana(c) && c != kProlongedSoundMark) {
      return Status::InvalidInput("reading is not kana");
    }
    result.append(c);
  }
  if (result.isEmpty()) return Status::InvalidInput("reading is empty");
  return ToUtf8Within(result, out);
}

bool ParseGender(const std::string& form_value, Gender* gender) {
  if (form_value == "male") {
    *gender = Gender::kMale;
    return true;
  }
  if (form_value == "female") {
    *gender = Gender::kFemale;
    return true;
  }
  return false;
}

Status ParseBirthDate(const std::string& in, const Date& today, Date* out) {
  icu::UnicodeString folded;
  Status status = ToNfkc(in, &folded);
  if (!status.ok()) return status;
  std::string s;
  folded.trim().toUTF8String(s);
  if (s.empty()) return Status::InvalidInput("birth date is empty");

  // NFKC has made full-width digits and separators ASCII; the grammar is
  // the one every typed date shares (base/date).
  Date date;
  if (!ParseDate(s, &date)) {
    return Status::InvalidInput("birth date is not an existing yyyy/mm/dd");
  }
  if (date.year < kMinBirthYear) {
    return Status::InvalidInput("birth date is before 1900");
  }
  if (today < date) {
    return Status::InvalidInput("birth date is in the future");
  }
  *out = date;
  return Status::Ok();
}

std::string BirthDateError(const std::string& typed, const Date& today,
                           Date* birth) {
  // Parsed against a far future day first, to tell a mistyped date from a
  // date that has not come yet.
  Date any;
  if (!ParseBirthDate(typed, Date{9999, 12, 31}, &any).ok()) {
    return "birth_date_format";
  }
  if (!ParseBirthDate(typed, today, birth).ok()) {
    return "birth_date_future";
  }
  return "";
}

IdentityDifference CompareIdentities(const IdentityQuery& normalised_query,
                                     const IdentityQuery& normalised_account) {
  const IdentityQuery& q = normalised_query;
  const IdentityQuery& a = normalised_account;
  IdentityDifference d;
  d.name = q.family_name != a.family_name || q.given_name != a.given_name;
  d.reading = q.family_reading != a.family_reading ||
              q.given_reading != a.given_reading;
  d.gender = q.gender != a.gender;
  d.birth_date = !(q.birth_date == a.birth_date);
  return d;
}

bool IdentityMatches(const IdentityQuery& normalised_query,
                     const IdentityQuery& normalised_account) {
  return !CompareIdentities(normalised_query, normalised_account).any();
}

}  // namespace passwd
