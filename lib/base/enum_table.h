// The one way an enum is converted to and from its text (a column's stored
// value, a name in the audit log): each module keeps one table of
// {value, text} entries (and whatever else belongs to each value, e.g. a
// label or a message) and reads it both ways here.
#ifndef PASSWD_LIB_BASE_ENUM_TABLE_H_
#define PASSWD_LIB_BASE_ENUM_TABLE_H_

#include <cstddef>
#include <string>

namespace passwd {

// The entry of `value` in `table` (entries have `value` and `text`); the
// first entry when the table lacks it, which a complete table never does.
template <typename Entry, size_t N, typename Enum>
const Entry& EntryOf(const Entry (&table)[N], Enum value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry;
  }
  return table[0];
}

// Reads a stored `text` into `*value` through `table`; false when no entry
// has that text.
template <typename Entry, size_t N, typename Enum>
bool ParseEntryText(const Entry (&table)[N], const std::string& text,
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

#endif  // PASSWD_LIB_BASE_ENUM_TABLE_H_
