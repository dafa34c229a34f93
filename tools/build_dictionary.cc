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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build_dictionary <input word list> <output file>\n";
    return 2;
  }
  const std::string input_path = argv[1];
  const std::string output_path = argv[2];

  std::ifstream input(input_path, std::ios::binary);
  if (!input) return Fail("cannot open " + input_path);
  std::vector<std::string> raw_words;
  std::string line;
  while (std::getline(input, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    raw_words.push_back(line);
  }
  if (input.bad()) return Fail("cannot read " + input_path);

  const std::unique_ptr<passwd::Dictionary> dictionary =
      passwd::Dictionary::FromWords(raw_words);
  // An empty dictionary would silently switch the password rule off.
  if (dictionary->size() == 0) {
    return Fail("no usable words in " + input_path);
  }

  const std::filesystem::path output(output_path);
  std::error_code error;
  if (output.has_parent_path()) {
    std::filesystem::create_directories(output.parent_path(), error);
    if (error) {
      return Fail("cannot create directory " + output.parent_path().string() +
                  ": " + error.message());
    }
  }
  const std::string temp_path = output_path + ".tmp";
  {
    std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
    const std::string contents = dictionary->Serialize();
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      std::remove(temp_path.c_str());
      return Fail("cannot write " + temp_path);
    }
  }
  std::filesystem::rename(temp_path, output_path, error);
  if (error) {
    std::remove(temp_path.c_str());
    return Fail("cannot rename " + temp_path + " to " + output_path + ": " +
                error.message());
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
