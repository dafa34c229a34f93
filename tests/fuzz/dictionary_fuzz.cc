// The dictionary loader (domain/dictionary). The input up to its first NUL
// is a dictionary file, the rest a text to search.
// - Parse never crashes or throws; a file it accepts serializes back to
//   itself, and every word in it is found;
// - FindWordIn agrees with a brute-force search (the longest word at the
//   leftmost position where one starts, case-insensitively);
// - the file's lines as raw words: FromWords builds a dictionary whose file
//   Parse accepts and reads back the same.
#include <memory>

#include "domain/dictionary.h"
#include "fuzz_support.h"

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The leftmost position where a word starts, then its longest word there.
bool BruteForce(const std::vector<std::string>& words, const std::string& text,
                std::string* found) {
  std::string lower = text;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (size_t start = 0; start < lower.size(); ++start) {
    std::string best;
    for (const std::string& w : words) {
      if (w.size() > best.size() && lower.compare(start, w.size(), w) == 0) {
        best = w;
      }
    }
    if (!best.empty()) {
      *found = best;
      return true;
    }
  }
  return false;
}

void CheckSearch(const passwd::Dictionary& dict,
                 const std::vector<std::string>& words,
                 const std::string& text) {
  std::string found, expected;
  const bool hit = dict.FindWordIn(text, &found);
  FUZZ_CHECK(hit == BruteForce(words, text, &expected));
  if (hit) FUZZ_CHECK(found == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  std::vector<std::string> f = passwd_fuzz::Fields(data, size, 2);
  const std::string& file = f[0];
  const std::string& text = f[1];

  std::unique_ptr<Dictionary> dict;
  if (Dictionary::Parse(file, "fuzz", &dict).ok()) {
    FUZZ_CHECK(dict != nullptr);
    FUZZ_CHECK(dict->Serialize() == file);
    std::vector<std::string> words = Lines(file);
    words.erase(words.begin());  // the header
    FUZZ_CHECK(dict->size() == words.size());
    for (const std::string& w : words) {
      FUZZ_CHECK(dict->Contains(w));
      std::string found;
      FUZZ_CHECK(dict->FindWordIn(w, &found));
      FUZZ_CHECK(found == w);
    }
    CheckSearch(*dict, words, text);
  }

  // The file's lines as raw words, e.g. a word list being compiled.
  const std::vector<std::string> raw = Lines(file);
  const std::unique_ptr<Dictionary> built = Dictionary::FromWords(raw);
  std::unique_ptr<Dictionary> reread;
  FUZZ_CHECK(Dictionary::Parse(built->Serialize(), "fuzz", &reread).ok());
  FUZZ_CHECK(reread->Serialize() == built->Serialize());
  std::vector<std::string> kept;
  for (const std::string& r : raw) {
    std::string w;
    if (Dictionary::NormalizeWord(r, &w)) kept.push_back(w);
  }
  for (const std::string& w : kept) FUZZ_CHECK(built->Contains(w));
  CheckSearch(*built, kept, text);
  return 0;
}
