// build_dictionary: turns a plain word list (one word a line, such as
// /usr/share/dict/american-english from Debian's wamerican) into the compact
// dictionary file described in lib/domain/dictionary.h.
//
// Usage: build_dictionary <input word list> <output file>
//
// Keeps the words made only of ASCII letters and at least 5 long, lower-cases,
// sorts and dedupes them.  The output is written beside its final name and
// renamed into place, then read back with Dictionary::Load, so a failed run
// never leaves a half-written or unloadable dictionary behind.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "base/status.h"
#include "domain/dictionary.h"

namespace {

int Fail(const std::string& message) {
  std::cerr << "build_dictionary: " << message << "\n";
  return 1;
}

// Reads the lines of the word list at `path` (CR of CRLF dropped); false
// with `*error` when it cannot be read.
bool ReadWordList(const std::string& path, std::vector<std::string>* words,
                  std::string* error) {
  std::ifstream input(path, std::ios::binary);
  if (!input) {
    *error = "cannot open " + path;
    return false;
  }
  std::string line;
  while (std::getline(input, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    words->push_back(line);
  }
  if (input.bad()) {
    *error = "cannot read " + path;
    return false;
  }
  return true;
}

// Writes `contents` to a temporary file beside `output_path` and renames it
// into place (creating the folder); false with `*error` on failure, leaving
// no temporary file behind.
bool WriteInPlace(const std::string& output_path, const std::string& contents,
                  std::string* error) {
  const std::filesystem::path output(output_path);
  std::error_code code;
  if (output.has_parent_path()) {
    std::filesystem::create_directories(output.parent_path(), code);
    if (code) {
      *error = "cannot create directory " + output.parent_path().string() +
               ": " + code.message();
      return false;
    }
  }
  const std::string temp_path = output_path + ".tmp";
  {
    std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      std::remove(temp_path.c_str());
      *error = "cannot write " + temp_path;
      return false;
    }
  }
  std::filesystem::rename(temp_path, output_path, code);
  if (code) {
    std::remove(temp_path.c_str());
    *error = "cannot rename " + temp_path + " to " + output_path + ": " +
             code.message();
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build_dictionary <input word list> <output file>\n";
    return 2;
  }
  const std::string input_path = argv[1];
  const std::string output_path = argv[2];

  std::vector<std::string> raw_words;
  std::string error;
  if (!ReadWordList(input_path, &raw_words, &error)) return Fail(error);
  const std::unique_ptr<passwd::Dictionary> dictionary =
      passwd::Dictionary::FromWords(raw_words);
  // An empty dictionary would silently switch the password rule off.
  if (dictionary->size() == 0) {
    return Fail("no usable words in " + input_path);
  }
  if (!WriteInPlace(output_path, dictionary->Serialize(), &error)) {
    return Fail(error);
  }

  std::unique_ptr<passwd::Dictionary> reloaded;
  const passwd::Status status =
      passwd::Dictionary::Load(output_path, &reloaded);
  if (!status.ok())
    return Fail("wrote an unloadable file: " + status.ToString());
  if (reloaded->size() != dictionary->size()) {
    return Fail("reloaded word count differs from the written one");
  }
  std::cout << "build_dictionary: " << dictionary->size() << " words from "
            << input_path << " written to " << output_path << "\n";
  return 0;
}
