#include "domain/dictionary.h"

#include "base/text.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <utility>

namespace passwd {

namespace {

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Checks that `body` is a list of words in the file format, returning a
// description of the first problem found or an empty string.
std::string ValidateWordList(std::string_view body) {
  if (body.size() > std::numeric_limits<uint32_t>::max()) {
    return "dictionary too large";
  }
  if (!body.empty() && body.back() != '\n') {
    return "last line does not end in a newline";
  }
  std::string_view previous;
  size_t line_number = 1;  // The header is line 1.
  size_t start = 0;
  while (start < body.size()) {
    ++line_number;
    const size_t end = body.find('\n', start);
    const std::string_view word = body.substr(start, end - start);
    if (word.size() < Dictionary::kMinWordLength) {
      return "line " + std::to_string(line_number) + ": word too short";
    }
    for (char c : word) {
      if (c < 'a' || c > 'z') {
        return "line " + std::to_string(line_number) +
               ": not a lower-case ASCII word";
      }
    }
    if (!previous.empty() && !(previous < word)) {
      return "line " + std::to_string(line_number) +
             ": words not sorted or duplicated";
    }
    previous = word;
    start = end + 1;
  }
  return "";
}

}  // namespace

Dictionary::Dictionary(std::string buffer) : buffer_(std::move(buffer)) {
  size_t start = 0;
  while (start < buffer_.size()) {
    offsets_.push_back(static_cast<uint32_t>(start));
    start = buffer_.find('\n', start) + 1;
  }
}

Status Dictionary::Load(const std::string& path,
                        std::unique_ptr<Dictionary>* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status::Internal("cannot open dictionary file " + path);
  }
  std::string contents((std::istreambuf_iterator<char>(file)),
                       std::istreambuf_iterator<char>());
  if (file.bad()) {
    return Status::Internal("cannot read dictionary file " + path);
  }
  return Parse(std::move(contents), "dictionary file " + path, out);
}

Status Dictionary::Parse(std::string contents, const std::string& origin,
                         std::unique_ptr<Dictionary>* out) {
  const std::string header = std::string(kFileHeader) + "\n";
  if (contents.compare(0, header.size(), header) != 0) {
    return Status::Internal(origin + " does not start with the header \"" +
                            std::string(kFileHeader) + "\"");
  }
  contents.erase(0, header.size());
  const std::string problem = ValidateWordList(contents);
  if (!problem.empty()) {
    return Status::Internal("malformed " + origin + ": " + problem);
  }
  *out = std::unique_ptr<Dictionary>(new Dictionary(std::move(contents)));
  return Status::Ok();
}

bool Dictionary::NormalizeWord(const std::string& raw, std::string* word) {
  if (raw.size() < kMinWordLength) return false;
  if (!std::all_of(raw.begin(), raw.end(), IsAsciiLetter)) return false;
  word->resize(raw.size());
  std::transform(raw.begin(), raw.end(), word->begin(),
                 [](char c) { return ToLowerAscii(c); });
  return true;
}

std::unique_ptr<Dictionary> Dictionary::FromWords(
    const std::vector<std::string>& words) {
  std::vector<std::string> kept;
  kept.reserve(words.size());
  std::string word;
  for (const std::string& raw : words) {
    if (NormalizeWord(raw, &word)) kept.push_back(word);
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  std::string buffer;
  for (const std::string& w : kept) {
    buffer += w;
    buffer += '\n';
  }
  // The constructor is private, so std::make_unique cannot reach it.
  return std::unique_ptr<Dictionary>(new Dictionary(std::move(buffer)));
}

std::string_view Dictionary::WordAt(uint32_t offset) const {
  const size_t end = buffer_.find('\n', offset);
  return std::string_view(buffer_).substr(offset, end - offset);
}

bool Dictionary::Contains(const std::string& word) const {
  auto it = std::lower_bound(offsets_.begin(), offsets_.end(), word,
                             [this](uint32_t offset, const std::string& w) {
                               return WordAt(offset) < w;
                             });
  return it != offsets_.end() && WordAt(*it) == word;
}

bool Dictionary::FindWordIn(const std::string& text, std::string* word) const {
  const char* const data = buffer_.data();
  for (size_t start = 0; start + kMinWordLength <= text.size(); ++start) {
    // Invariant: every word in [lo, hi) begins with the `depth` characters
    // of text at `start`, so its byte at `depth` exists (a letter, or the
    // '\n' ending a word exactly `depth` long, which sorts before letters).
    size_t lo = 0;
    size_t hi = offsets_.size();
    size_t longest = 0;
    for (size_t depth = 0; start + depth < text.size(); ++depth) {
      const char c = ToLowerAscii(text[start + depth]);
      if (c < 'a' || c > 'z') break;
      auto first = offsets_.begin() + lo;
      auto last = offsets_.begin() + hi;
      first = std::lower_bound(first, last, c, [&](uint32_t offset, char ch) {
        return data[offset + depth] < ch;
      });
      last = std::upper_bound(first, last, c, [&](char ch, uint32_t offset) {
        return ch < data[offset + depth];
      });
      if (first == last) break;
      lo = first - offsets_.begin();
      hi = last - offsets_.begin();
      // A word exactly depth + 1 long, if any, is the first of the range.
      if (data[offsets_[lo] + depth + 1] == '\n') longest = depth + 1;
    }
    if (longest >= kMinWordLength) {
      if (word != nullptr) {
        word->resize(longest);
        std::transform(text.begin() + start, text.begin() + start + longest,
                       word->begin(),
                 [](char c) { return ToLowerAscii(c); });
      }
      return true;
    }
  }
  return false;
}

std::string Dictionary::Serialize() const {
  std::string out(kFileHeader);
  out += '\n';
  out += buffer_;
  return out;
}

}  // namespace passwd
