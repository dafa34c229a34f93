// The accounts table, its one owner: UMIN accounts as the flows and the
// console read them (active ones only), where their mail goes, the two
// columns the service writes (the password hash and the registered external
// address), and the registry's import (umin-passwdctl import-accounts).
#ifndef PASSWD_LIB_STORE_ACCOUNTS_H_
#define PASSWD_LIB_STORE_ACCOUNTS_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"
#include "domain/account_import.h"
#include "domain/identity.h"

namespace passwd {

// An account as accounts.FromRow reads it.
struct Account {
  std::string umin_id;
  std::string family_name, given_name, family_reading, given_reading;
  std::string gender;         // "male" or "female"
  std::string birth_date;     // yyyy-mm-dd
  std::string external_mail;  // "" when none is registered
  std::string category;       // "individual", "role", "business", ...

  // True for the 役職・業務・管理・団体 categories, which only the
  // secretariat may renew.
  bool NeedsReview() const { return category != "individual"; }
};

// Reads the active account `umin_id`; `*found` tells whether it exists (a
// disabled or removed account is not found, as an unknown ID). With
// `for_update` the row stays locked to the end of the transaction, which
// serialises code sends per account.
Status FindAccount(SqlSession* session, const std::string& umin_id,
                   bool for_update, std::optional<Account>* found);

// Reads every active account born on `date` (yyyy-mm-dd).
Status FindAccountsByBirthDate(SqlSession* session, const std::string& date,
                               std::vector<Account>* accounts);

// Where an account's mail goes: the registered external address (if any)
// and <id>@<umin_mail_domain>, in that order.
std::vector<std::string> AccountRecipients(const Account& account,
                                           const std::string& umin_mail_domain);

// Stores a new password hash for `umin_id`.
Status SetAccountPassword(SqlSession* session, const std::string& umin_id,
                          const std::string& password_hash,
                          std::chrono::system_clock::time_point now);

// Makes `mail` the registered external address of `umin_id`.
Status SetAccountExternalMail(SqlSession* session, const std::string& umin_id,
                              const std::string& mail,
                              std::chrono::system_clock::time_point now);

// Appends every account, whatever its status, as the import compares it.
Status ReadAccountRecords(SqlSession* session,
                          std::vector<AccountRecord>* records);

// Inserts the new and updates the changed `records` (every column but the
// password's and created_at), in batched multi-row statements.
Status WriteAccountRecords(SqlSession* session,
                           const std::vector<const AccountRecord*>& records,
                           std::chrono::system_clock::time_point now);

// Marks the accounts `umin_ids` removed (never deleted: their flows,
// requests and audit rows keep them), in batched statements.
Status MarkAccountsRemoved(SqlSession* session,
                           const std::vector<std::string>& umin_ids,
                           std::chrono::system_clock::time_point now);

// Normalises an account's stored identity data for IdentityMatches; false
// when the stored data cannot be normalised (such an account never matches).
bool NormalisedIdentity(const Account& account, IdentityQuery* identity);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_ACCOUNTS_H_
