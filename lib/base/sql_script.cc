#include "base/sql_script.h"

#include "base/text.h"

namespace passwd {
namespace {

// Appends `statement` trimmed to `out` unless it is empty.
void Keep(const std::string& statement, std::vector<std::string>* out) {
  std::string trimmed = Trim(statement);
  if (!trimmed.empty()) out->push_back(trimmed);
}

// True when a `--` at `i` starts a comment (MariaDB wants a space after it).
bool DashComment(const std::string& s, size_t i) {
  return s.compare(i, 2, "--") == 0 &&
         (i + 2 == s.size() || s[i + 2] == ' ' || s[i + 2] == '\t' ||
          s[i + 2] == '\n' || s[i + 2] == '\r');
}

}  // namespace

std::vector<std::string> SplitSqlScript(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  size_t i = 0;
  const size_t n = script.size();
  while (i < n) {
    const char c = script[i];
    if (c == '\'' || c == '"' || c == '`') {
      // Quoted text, copied whole; a backslash escapes inside '' and "".
      size_t j = i + 1;
      while (j < n && script[j] != c) {
        if (script[j] == '\\' && c != '`' && j + 1 < n) ++j;
        ++j;
      }
      j = j < n ? j + 1 : n;
      current.append(script, i, j - i);
      i = j;
    } else if (c == '#' || DashComment(script, i)) {
      size_t end = script.find('\n', i);
      i = end == std::string::npos ? n : end;
      current.push_back(' ');
    } else if (script.compare(i, 2, "/*") == 0) {
      size_t end = script.find("*/", i + 2);
      i = end == std::string::npos ? n : end + 2;
      current.push_back(' ');
    } else if (c == ';') {
      Keep(current, &out);
      current.clear();
      ++i;
    } else {
      current.push_back(c);
      ++i;
    }
  }
  Keep(current, &out);
  return out;
}

}  // namespace passwd
