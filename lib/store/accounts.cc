#include "store/accounts.h"

#include <cstdio>

namespace passwd {
namespace {

#define ACCOUNT_COLUMNS                                                   \
  "umin_id, family_name, given_name, family_reading, given_reading, "     \
  "gender, DATE_FORMAT(birth_date, '%Y-%m-%d'), external_mail, category " \
  "FROM accounts "

const char kFindAccount[] = "SELECT " ACCOUNT_COLUMNS "WHERE umin_id = ?";
const char kFindAccountForUpdate[] =
    "SELECT " ACCOUNT_COLUMNS "WHERE umin_id = ? FOR UPDATE";
const char kFindByBirthDate[] =
    "SELECT " ACCOUNT_COLUMNS "WHERE birth_date = ? ORDER BY umin_id";
const char kSetPassword[] =
    "UPDATE accounts SET password_hash = ?, password_changed_at = ?, "
    "updated_at = ? WHERE umin_id = ?";
const char kSetExternalMail[] =
    "UPDATE accounts SET external_mail = ?, updated_at = ? WHERE umin_id = ?";

Account FromRow(const SqlRow& row) {
  Account a;
  a.umin_id = row.Text(0);
  a.family_name = row.Text(1);
  a.given_name = row.Text(2);
  a.family_reading = row.Text(3);
  a.given_reading = row.Text(4);
  a.gender = row.Text(5);
  a.birth_date = row.Text(6);
  a.external_mail = row.Text(7);
  a.category = row.Text(8);
  return a;
}

}  // namespace

Status FindAccount(SqlSession* session, const std::string& umin_id,
                   bool for_update, std::optional<Account>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(for_update ? kFindAccountForUpdate : kFindAccount,
                            {umin_id}, &rows);
  if (s.ok() && !rows.empty()) *found = FromRow(rows[0]);
  return s;
}

Status FindAccountsByBirthDate(SqlSession* session, const std::string& date,
                               std::vector<Account>* accounts) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindByBirthDate, {date}, &rows);
  for (const auto& row : rows) accounts->push_back(FromRow(row));
  return s;
}

bool NormalisedIdentity(const Account& account, IdentityQuery* identity) {
  if (!NormalizeName(account.family_name, &identity->family_name).ok() ||
      !NormalizeName(account.given_name, &identity->given_name).ok() ||
      !NormalizeReading(account.family_reading, &identity->family_reading)
           .ok() ||
      !NormalizeReading(account.given_reading, &identity->given_reading).ok() ||
      !ParseGender(account.gender, &identity->gender)) {
    return false;
  }
  Date d;
  if (std::sscanf(account.birth_date.c_str(), "%d-%d-%d", &d.year, &d.month,
                  &d.day) != 3) {
    return false;
  }
  identity->birth_date = d;
  return true;
}

std::vector<std::string> AccountRecipients(
    const Account& account, const std::string& umin_mail_domain) {
  std::vector<std::string> to;
  if (!account.external_mail.empty()) to.push_back(account.external_mail);
  to.push_back(account.umin_id + "@" + umin_mail_domain);
  return to;
}

Status SetAccountPassword(SqlSession* session, const std::string& umin_id,
                          const std::string& password_hash,
                          std::chrono::system_clock::time_point now) {
  return session->Execute(kSetPassword, {password_hash, SqlTime(now),
                                         SqlTime(now), umin_id});
}

Status SetAccountExternalMail(SqlSession* session, const std::string& umin_id,
                              const std::string& mail,
                              std::chrono::system_clock::time_point now) {
  return session->Execute(kSetExternalMail, {mail, SqlTime(now), umin_id});
}

}  // namespace passwd
