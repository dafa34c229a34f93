// Log lines as `key=value` pairs, one line per event, so that the journal
// (or a file) keeps each event whole and a machine can read it back: level,
// event, page or worker, request id, outcome, and a detail. The callers
// never pass a code, a token or a password.
#ifndef PASSWD_LIB_BASE_LOG_LINE_H_
#define PASSWD_LIB_BASE_LOG_LINE_H_

#include <string>
#include <utility>
#include <vector>

namespace passwd {

// One `key=value` pair of a log line, in the order given.
using LogField = std::pair<std::string, std::string>;

// Quotes `value` when it is empty or holds a space, a quote, a backslash,
// an equals sign or a control character, escaping quotes, backslashes and
// control characters (\n, \r, \t, \xHH), so a value never breaks its line
// nor passes for another pair; other text, UTF-8 included, stays as it is.
std::string LogValue(const std::string& value);

// Formats `fields` as one line without its newline: `key=value` pairs
// separated by one space; a key keeps only [A-Za-z0-9_.-] (others become _).
std::string FormatLogLine(const std::vector<LogField>& fields);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_LOG_LINE_H_
