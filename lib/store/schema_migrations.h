// The schema_migrations table, its one owner: which files of sql/ were
// applied, each with the SHA-256 of its text, and the migration itself
// (`umin-passwdctl migrate`): pending files applied in name order, a file
// changed after it was applied and a database newer than the code refused.
// The health page asks SchemaIsCurrent.
#ifndef PASSWD_LIB_STORE_SCHEMA_MIGRATIONS_H_
#define PASSWD_LIB_STORE_SCHEMA_MIGRATIONS_H_

#include <chrono>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// One migration file as the code knows it.
struct MigrationFile {
  std::string name;      // e.g. "001_schema.sql"
  std::string text;      // the statements
  std::string checksum;  // SHA-256 of `text`, hex
};

// One row of schema_migrations.
struct AppliedMigration {
  std::string name;
  std::string checksum;  // "" for a row recorded before checksums existed
};

// A migration and whether the database has it, for `migrate --status`.
struct MigrationState {
  std::string name;
  bool applied = false;
};

// The names of the sql/[0-9]*.sql files this build was made with, in order.
const std::vector<std::string>& BuiltMigrations();

// Reads the files `names` from folder `dir` into `*files`, in name order.
Status ReadMigrationFiles(const std::string& dir,
                          const std::vector<std::string>& names,
                          std::vector<MigrationFile>* files);

// Sets `*pending` to the files not yet in `applied`, in order; refuses a file
// whose checksum differs from its row's, and a row no file knows (a
// database newer than the code). Rows without a checksum are not compared.
Status PlanMigrations(const std::vector<MigrationFile>& files,
                      const std::vector<AppliedMigration>& applied,
                      std::vector<const MigrationFile*>* pending);

// Applies the pending `files` to `db` (an account allowed DDL), creating
// schema_migrations or adopting one without checksums first; `*done` lists
// the files applied now. Running it again applies nothing.
Status Migrate(Database* db, const std::vector<MigrationFile>& files,
               std::chrono::system_clock::time_point now,
               std::vector<std::string>* done);

// Sets `*states` to each of `files` and whether it is applied, after the
// same refusals as Migrate; writes nothing.
Status ReadMigrationStates(Database* db,
                           const std::vector<MigrationFile>& files,
                           std::vector<MigrationState>* states);

// Sets `*current` to whether every built migration is recorded as applied.
Status SchemaIsCurrent(SqlSession* session, bool* current);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_SCHEMA_MIGRATIONS_H_
