// The one conversion between an enum and the text a column stores for it:
// each store module keeps a table of {value, text} entries (and whatever
// else belongs to each value, e.g. a label) and reads it both ways here.
#ifndef PASSWD_LIB_STORE_STORED_VALUES_H_
#define PASSWD_LIB_STORE_STORED_VALUES_H_

#include <cstddef>
#include <string>

namespace passwd {

// The entry of `value` in `table` (entries have `value` and `text`); the
// first entry when the table lacks it, which a complete table never does.
template <typename Entry, size_t N, typename Enum>
const Entry& StoredEntry(const Entry (&table)[N], Enum value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry;
  }
  return table[0];
}

// Reads a stored `text` into `*value` through `table`; false when no entry
// has that text.
template <typename Entry, size_t N, typename Enum>
bool ParseStoredText(const Entry (&table)[N], const std::string& text,
                     Enum* value) {
  for (const auto& entry : table) {
    if (text == entry.text) {
      *value = entry.value;
      return true;
    }
  }
  return false;
}

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_STORED_VALUES_H_
