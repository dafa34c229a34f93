// The administration of the console's operators from `umin-passwdctl`:
// creating or resetting one, disabling and enabling one. Each change is one
// audited transaction; the password arrives already read (from standard
// input, never the command line).
#ifndef PASSWD_LIB_CONSOLE_OPERATOR_ACCOUNTS_H_
#define PASSWD_LIB_CONSOLE_OPERATOR_ACCOUNTS_H_

#include <string>

#include "base/env.h"
#include "base/status.h"

namespace passwd {

// True when `name` is 1 to 128 characters of UTF-8 on one line.
bool ValidOperatorDisplayName(const std::string& name);

// What saving an operator came to.
enum class OperatorSaveOutcome { kCreated, kUpdated, kUnchanged };

// Creates operator `login`, or gives an existing one this display name and
// password, unlocked and enabled, ending its sessions; changes nothing when
// it already has both and is neither locked nor disabled. Refuses (as
// InvalidInput) a bad login, display name or password.
Status SaveOperatorAccount(Env* env, const std::string& login,
                           const std::string& display_name,
                           const std::string& password,
                           OperatorSaveOutcome* outcome);

// Disables operator `login` and ends its open sessions (`enabled` false), or
// enables it again; NotFound when there is no such operator.
Status SetOperatorEnabled(Env* env, const std::string& login, bool enabled);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_OPERATOR_ACCOUNTS_H_
