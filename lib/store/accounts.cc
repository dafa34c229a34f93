#include "store/accounts.h"

#include <cstdio>
#include <iterator>
#include <string>

namespace passwd {
namespace {

#define ACCOUNT_COLUMNS                                                   \
  "umin_id, family_name, given_name, family_reading, given_reading, "     \
  "gender, DATE_FORMAT(birth_date, '%Y-%m-%d'), external_mail, category " \
  "FROM accounts "

// Only active accounts are found: a disabled or removed one gets the answer
// of an unknown UMIN ID everywhere, and every read of an account for the
// flows and the console is one of these three.
const char kFindAccount[] =
    "SELECT " ACCOUNT_COLUMNS "WHERE umin_id = ? AND status = 'active'";
const char kFindAccountForUpdate[] = "SELECT " ACCOUNT_COLUMNS
                                     "WHERE umin_id = ? AND status = 'active' "
                                     "FOR UPDATE";
const char kFindByBirthDate[] = "SELECT " ACCOUNT_COLUMNS
                                "WHERE birth_date = ? AND status = 'active' "
                                "ORDER BY umin_id";
const char kSetPassword[] =
    "UPDATE accounts SET password_hash = ?, password_changed_at = ?, "
    "updated_at = ? WHERE umin_id = ?";
const char kSetExternalMail[] =
    "UPDATE accounts SET external_mail = ?, updated_at = ? WHERE umin_id = ?";

// Every account as the import compares it, whatever its status.
const char kReadAccountRecords[] =
    "SELECT umin_id, family_name, given_name, family_reading, given_reading, "
    "gender, DATE_FORMAT(birth_date, '%Y-%m-%d'), category, external_mail, "
    "status FROM accounts";

// The import's batched statements: one text per batch size, repeating a
// constant tuple (no data is ever spliced into the text), built once and
// kept for the process, so SqlSession prepares each once. A batch of n rows
// is written as the largest rungs that fit.
constexpr size_t kBatchRungs[] = {1000, 100, 10, 1};
const char kUpsertHead[] =
    "INSERT INTO accounts (umin_id, family_name, given_name, family_reading, "
    "given_reading, gender, birth_date, category, external_mail, status, "
    "created_at, updated_at) VALUES ";
const char kUpsertRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// The password columns are never named: an import leaves them alone.
const char kUpsertTail[] =
    " ON DUPLICATE KEY UPDATE family_name = VALUES(family_name), "
    "given_name = VALUES(given_name), family_reading = VALUES(family_reading), "
    "given_reading = VALUES(given_reading), gender = VALUES(gender), "
    "birth_date = VALUES(birth_date), category = VALUES(category), "
    "external_mail = VALUES(external_mail), status = VALUES(status), "
    "updated_at = VALUES(updated_at)";
const char kRemoveHead[] =
    "UPDATE accounts SET status = 'removed', updated_at = ? WHERE umin_id IN (";
const char kRemoveTail[] = ") AND status <> 'removed'";

// The statement text for `rungs` rows: head, `rows` times `row` joined by
// commas, tail.
std::string RepeatedStatement(const char* head, const char* row, size_t rows,
                              const char* tail) {
  std::string text = head;
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) text += ", ";
    text += row;
  }
  return text + tail;
}

// The upsert of `kBatchRungs[rung]` rows.
const char* UpsertStatement(size_t rung) {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> t;
    for (size_t rows : kBatchRungs) {
      t.push_back(
          RepeatedStatement(kUpsertHead, kUpsertRow, rows, kUpsertTail));
    }
    return t;
  }();
  return texts[rung].c_str();
}

// The removal of `kBatchRungs[rung]` UMIN IDs.
const char* RemoveStatement(size_t rung) {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> t;
    for (size_t rows : kBatchRungs) {
      t.push_back(RepeatedStatement(kRemoveHead, "?", rows, kRemoveTail));
    }
    return t;
  }();
  return texts[rung].c_str();
}

// Runs `items` through the batched statement `statement(rung)`, appending
// each item's parameters with `bind` after `leading`.
template <typename Item, typename StatementOf, typename Bind>
Status RunBatches(SqlSession* session, const std::vector<Item>& items,
                  StatementOf statement, const std::vector<SqlValue>& leading,
                  Bind bind) {
  size_t next = 0;
  for (size_t rung = 0; rung < std::size(kBatchRungs); ++rung) {
    const size_t rows = kBatchRungs[rung];
    while (items.size() - next >= rows) {
      std::vector<SqlValue> params = leading;
      for (size_t i = next; i < next + rows; ++i) bind(items[i], &params);
      Status s = session->Execute(statement(rung), params);
      if (!s.ok()) return s;
      next += rows;
    }
  }
  return Status::Ok();
}

AccountRecord RecordFromRow(const SqlRow& row) {
  AccountRecord r;
  r.umin_id = row.Text(0);
  r.family_name = row.Text(1);
  r.given_name = row.Text(2);
  r.family_reading = row.Text(3);
  r.given_reading = row.Text(4);
  r.gender = row.Text(5);
  r.birth_date = row.Text(6);
  r.category = row.Text(7);
  r.external_mail = row.Text(8);
  r.status = row.Text(9);
  return r;
}

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

Status ReadAccountRecords(SqlSession* session,
                          std::vector<AccountRecord>* records) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kReadAccountRecords, {}, &rows);
  records->reserve(records->size() + rows.size());
  for (const auto& row : rows) records->push_back(RecordFromRow(row));
  return s;
}

Status WriteAccountRecords(SqlSession* session,
                           const std::vector<const AccountRecord*>& records,
                           std::chrono::system_clock::time_point now) {
  const std::string at = SqlTime(now);
  return RunBatches(
      session, records, UpsertStatement, {},
      [&](const AccountRecord* record, std::vector<SqlValue>* params) {
        const AccountRecord& r = *record;
        for (const std::string* field :
             {&r.umin_id, &r.family_name, &r.given_name, &r.family_reading,
              &r.given_reading, &r.gender, &r.birth_date, &r.category}) {
          params->push_back(*field);
        }
        params->push_back(NullIfEmpty(r.external_mail));
        params->push_back(r.status);
        params->push_back(at);
        params->push_back(at);
      });
}

Status MarkAccountsRemoved(SqlSession* session,
                           const std::vector<std::string>& umin_ids,
                           std::chrono::system_clock::time_point now) {
  return RunBatches(session, umin_ids, RemoveStatement, {SqlTime(now)},
                    [](const std::string& id, std::vector<SqlValue>* params) {
                      params->push_back(id);
                    });
}

}  // namespace passwd
