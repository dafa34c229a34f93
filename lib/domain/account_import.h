// The registry's account file (umin-passwdctl import-accounts): its format,
// the check of every line, and the plan that compares it with the accounts
// already stored. Pure functions; the driver is flow/account_import.
//
// The file is UTF-8 TSV. Line 1 names the columns (any order, each once):
// umin_id, family_name, given_name, family_reading, given_reading, gender,
// birth_date, category, external_mail, status. Every further line is one
// account with exactly as many fields; a final line break is optional, CRLF
// line ends and a UTF-8 byte order mark are accepted.
#ifndef PASSWD_LIB_DOMAIN_ACCOUNT_IMPORT_H_
#define PASSWD_LIB_DOMAIN_ACCOUNT_IMPORT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace passwd {

// One account as the import file and the accounts table hold it; every
// field is text as stored (birth_date yyyy-mm-dd, external_mail "" for
// none).
struct AccountRecord {
  std::string umin_id;
  std::string family_name, given_name;
  std::string family_reading, given_reading;
  std::string gender;  // male, female
  std::string birth_date;
  std::string category;  // individual, role, business, admin, group
  std::string external_mail;
  std::string status;  // active, disabled (removed only in the table)
};

// True when every field of a equals b's.
bool operator==(const AccountRecord& a, const AccountRecord& b);
bool operator!=(const AccountRecord& a, const AccountRecord& b);

// The column names of the file, in AccountRecord's field order.
constexpr size_t kAccountColumnCount = 10;
extern const char* const kAccountColumns[kAccountColumnCount];

// Longest name or reading accepted, in characters (the table's VARCHAR(64)).
constexpr size_t kMaxNameChars = 64;

// One bad line of a file: its number (the header is line 1) and why.
struct ImportProblem {
  size_t line = 0;
  std::string reason;
};

// What ParseAccountFile made of a file.
struct AccountFile {
  std::vector<AccountRecord> records;  // the good lines, in file order
  // The well-formed UMIN IDs of bad lines: never marked removed by --full,
  // so that the counts of a refused file do not mislead.
  std::vector<std::string> refused_ids;
  std::vector<ImportProblem> problems;  // every problem, in line order
  size_t refused_lines = 0;             // lines with at least one problem
};

// Every problem of one record's values, each a short English sentence
// naming the column (empty when the record is good): umin_id a normalised
// UMIN ID (domain/umin_id), names non-empty without control characters and
// readings kana (domain/identity), gender male/female, birth_date a real
// yyyy-mm-dd date from 1900 on, category one of the accounts ENUM,
// external_mail empty or a valid address (domain/mail_address), status
// active/disabled.
std::vector<std::string> AccountRecordProblems(const AccountRecord& record);

// Parses and checks a whole file: an unknown, missing or repeated column,
// broken UTF-8, a wrong field count, a bad value or a UMIN ID seen on an
// earlier line each give a problem with its line number.
AccountFile ParseAccountFile(const std::string& text);

// The counts an import prints.
struct ImportCounts {
  size_t added = 0;      // not in the table yet
  size_t changed = 0;    // in the table with another value somewhere
  size_t removed = 0;    // --full: active or disabled and not in the file
  size_t unchanged = 0;  // in the table exactly as in the file
  size_t refused = 0;    // bad lines
};

// "new=N changed=N removed=N unchanged=N refused=N".
std::string FormatImportCounts(const ImportCounts& counts);

// What an import writes.
struct ImportPlan {
  // New and changed accounts: records of the planned file, which must
  // outlive the plan (not copied: a file may hold 300,000).
  std::vector<const AccountRecord*> writes;
  std::vector<std::string> removals;  // UMIN IDs to mark removed
  // UMIN IDs that stop being active (disabled or removed now): their
  // pending renewals end.
  std::vector<std::string> deactivated;
  ImportCounts counts;
};

// Compares the file's good records with the stored accounts (`stored`,
// their status included); with `full`, stored accounts that are active or
// disabled and absent from the file are removed.
ImportPlan PlanAccountImport(const AccountFile& file,
                             const std::vector<AccountRecord>& stored,
                             bool full);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_ACCOUNT_IMPORT_H_
