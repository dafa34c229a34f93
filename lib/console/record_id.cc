#include "console/record_id.h"

namespace passwd {

bool ParseRecordId(const std::string& text, int64_t* id) {
  if (text.empty() || text.size() > 18) return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value == 0) return false;
  *id = value;
  return true;
}

}  // namespace passwd
