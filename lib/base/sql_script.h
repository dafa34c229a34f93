// A migration file split into its statements, the way the mariadb client
// reads one: `;` ends a statement outside quotes and comments.
#ifndef PASSWD_LIB_BASE_SQL_SCRIPT_H_
#define PASSWD_LIB_BASE_SQL_SCRIPT_H_

#include <string>
#include <vector>

namespace passwd {

// Returns the statements of `script` in order, each trimmed and without its
// `;`, with `-- `, `#` and `/* */` comments removed and quoted text ('...',
// "...", `...`) kept as written; empty statements are left out.
std::vector<std::string> SplitSqlScript(const std::string& script);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_SQL_SCRIPT_H_
