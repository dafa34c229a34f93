#include "base/log_line.h"

#include <cstdio>

namespace passwd {
namespace {

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool NeedsQuotes(const std::string& value) {
  if (value.empty()) return true;
  for (unsigned char c : value) {
    if (c == ' ' || c == '"' || c == '\\' || c == '=' || IsControl(c)) {
      return true;
    }
  }
  return false;
}

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

}  // namespace

std::string LogValue(const std::string& value) {
  if (!NeedsQuotes(value)) return value;
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (IsControl(c)) {
          char hex[5];
          std::snprintf(hex, sizeof hex, "\\x%02x", c);
          out += hex;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string FormatLogLine(const std::vector<LogField>& fields) {
  std::string line;
  for (const auto& [key, value] : fields) {
    if (!line.empty()) line += ' ';
    std::string clean = key.empty() ? "_" : key;
    for (char& c : clean) {
      if (!IsKeyChar(c)) c = '_';
    }
    line += clean + "=" + LogValue(value);
  }
  return line;
}

}  // namespace passwd
