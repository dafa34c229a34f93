// The id of a stored record (an operator request, an address change) as a
// console form or query names it.
#ifndef PASSWD_LIB_CONSOLE_RECORD_ID_H_
#define PASSWD_LIB_CONSOLE_RECORD_ID_H_

#include <cstdint>
#include <string>

namespace passwd {

// Parses a record id from a form or query value: 1 to 18 ASCII digits, not
// zero.
bool ParseRecordId(const std::string& text, int64_t* id);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_RECORD_ID_H_
