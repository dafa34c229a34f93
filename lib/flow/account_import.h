// The registry's import (umin-passwdctl import-accounts FILE [--full]
// [--dry-run]): reads the file, refuses it whole when any line is bad, and
// otherwise inserts, updates and (with --full) marks removed accounts in one
// transaction, ending the pending renewals of accounts that stop being
// active. The file's format and checks are domain/account_import; the writes
// are store/accounts'.
#ifndef PASSWD_LIB_FLOW_ACCOUNT_IMPORT_H_
#define PASSWD_LIB_FLOW_ACCOUNT_IMPORT_H_

#include <string>
#include <vector>

#include "base/env.h"
#include "base/status.h"
#include "domain/account_import.h"

namespace passwd {

// How an import runs.
struct ImportOptions {
  bool full = false;     // accounts missing from the file are marked removed
  bool dry_run = false;  // count only, write nothing
};

// What an import found and did.
struct ImportResult {
  std::vector<ImportProblem> problems;  // every bad line; non-empty: refused
  ImportCounts counts;   // what was (or, dry or refused, would be) written
  bool written = false;  // true when the transaction wrote the plan
};

// Imports the file at `path` as `options` say. Returns a failure only when
// the file cannot be read or the database fails; a refused file is an Ok
// status with `result->problems` set and nothing written.
Status ImportAccountFile(Env* env, const std::string& path,
                         const ImportOptions& options, ImportResult* result);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_ACCOUNT_IMPORT_H_
