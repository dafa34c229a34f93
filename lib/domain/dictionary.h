// Dictionary: the word list behind the password rule "contains no dictionary
// word of 5 or more letters", loaded once per process and shared read-only.
//
// File format (version 1), written by tools/build_dictionary and read by
// Dictionary::Load:
//
//   passwd-dictionary 1\n
//   <word>\n
//   <word>\n
//   ...
//
// After the header line comes one word per line, each made only of the
// letters a-z, at least kMinWordLength long, in strictly ascending byte order
// (hence no duplicates), every line ending in '\n'.  Load rejects a file that
// breaks any of these rules, so a truncated or hand-edited file cannot make
// the check silently weaker.
//
// The sorted list is kept in memory as one contiguous buffer plus an offset
// per word.  Because it is sorted, the words sharing a prefix form one
// contiguous range; the search narrows that range one character at a time
// (a trie walked over a sorted array), so a 64-character text costs at most a
// few thousand character comparisons.
#ifndef PASSWD_LIB_DOMAIN_DICTIONARY_H_
#define PASSWD_LIB_DOMAIN_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace passwd {

// The loaded word list, shared read-only by every check.
class Dictionary {
 public:
  // The shortest word the dictionary keeps; shorter words are never matched.
  static constexpr size_t kMinWordLength = 5;
  // The first line of a dictionary file, naming the format and its version.
  static constexpr std::string_view kFileHeader = "passwd-dictionary 1";

  // Reads the dictionary file at `path` into `*out`; fails when the file is
  // unreadable or breaks the format described above.
  static Status Load(const std::string& path, std::unique_ptr<Dictionary>* out);

  // Parses `contents`, a whole dictionary file, into `*out`; fails when it
  // breaks the format, naming `origin` (e.g. "dictionary file PATH").
  static Status Parse(std::string contents, const std::string& origin,
                      std::unique_ptr<Dictionary>* out);

  // Builds a dictionary from raw words, keeping those NormalizeWord accepts.
  static std::unique_ptr<Dictionary> FromWords(
      const std::vector<std::string>& words);

  // Sets `*word` to the lower-cased form of `raw` and returns true when `raw`
  // is made only of ASCII letters and is at least kMinWordLength long.
  static bool NormalizeWord(const std::string& raw, std::string* word);

  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // Returns true when `text` contains a word of the dictionary, compared
  // case-insensitively, and then sets `*word` (if not null) to the longest
  // word found at the leftmost position where one starts.
  bool FindWordIn(const std::string& text, std::string* word) const;

  // Returns true when `word` (already lower case) is itself in the dictionary.
  bool Contains(const std::string& word) const;

  // The number of words in the dictionary.
  size_t size() const { return offsets_.size(); }

  // Returns the file contents (header and words) that Load reads back.
  std::string Serialize() const;

 private:
  // Takes `buffer`, a sequence of sorted unique words each followed by '\n'.
  explicit Dictionary(std::string buffer);

  // The word starting at `offset` in buffer_, without its '\n'.
  std::string_view WordAt(uint32_t offset) const;

  // The lower-case words, each followed by '\n', in ascending order.
  std::string buffer_;
  // Where each word starts in buffer_, in ascending word order.
  std::vector<uint32_t> offsets_;
};

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_DICTIONARY_H_
