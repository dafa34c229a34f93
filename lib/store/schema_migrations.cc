#include "store/schema_migrations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/crypto.h"
#include "base/sql_script.h"

#ifndef PASSWD_MIGRATIONS
#define PASSWD_MIGRATIONS ""
#endif

namespace passwd {
namespace {

// The table is created here, not in sql/, since it records sql/ itself.
const char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "name VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, "
    "checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL, "
    "applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "
    "PRIMARY KEY (name)) ENGINE=InnoDB";
// Databases made before checksums have (name, applied_at) only.
const char kAddChecksum[] =
    "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS "
    "checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER name";
const char kSelectApplied[] =
    "SELECT name, checksum FROM schema_migrations ORDER BY name";
const char kSelectNames[] = "SELECT name FROM schema_migrations";
const char kInsertApplied[] =
    "INSERT INTO schema_migrations (name, checksum, applied_at) "
    "VALUES (?, ?, ?)";
const char kFillChecksum[] =
    "UPDATE schema_migrations SET checksum = ? "
    "WHERE name = ? AND checksum IS NULL";

AppliedMigration AppliedFromRow(const SqlRow& row) {
  return {row.Text(0), row.size() > 1 ? row.Text(1) : ""};
}

// Reads the rows; `with_checksums` false reads a table from before
// checksums (names only), which `migrate --status` must show unchanged.
Status ReadApplied(Database* db, bool with_checksums,
                   std::vector<AppliedMigration>* applied) {
  return db->Transaction([&](SqlSession* session) {
    applied->clear();
    std::vector<SqlRow> rows;
    Status s = session->Query(with_checksums ? kSelectApplied : kSelectNames,
                              {}, &rows);
    for (const auto& row : rows) applied->push_back(AppliedFromRow(row));
    return s;
  });
}

// Creates the table, or gives an old one its checksum column and fills the
// checksums it lacks from the files as they are now (adopting them).
Status PrepareTable(Database* db, const std::vector<MigrationFile>& files) {
  Status s = db->Transaction([](SqlSession* session) {
    Status t = session->Execute(kCreateTable, {});
    return t.ok() ? session->Execute(kAddChecksum, {}) : t;
  });
  if (!s.ok()) return s;
  return db->Transaction([&](SqlSession* session) {
    for (const auto& file : files) {
      Status t = session->Execute(kFillChecksum, {file.checksum, file.name});
      if (!t.ok()) return t;
    }
    return Status::Ok();
  });
}

// Runs every statement of `file` and records it, in one transaction (which
// each DDL statement commits on its own: MariaDB cannot roll DDL back).
Status Apply(Database* db, const MigrationFile& file,
             std::chrono::system_clock::time_point now) {
  const std::vector<std::string> statements = SplitSqlScript(file.text);
  return db->Transaction([&](SqlSession* session) {
    for (const auto& statement : statements) {
      Status s = session->ExecuteScriptStatement(statement);
      if (!s.ok()) return Status::Internal(file.name + ": " + s.message());
    }
    return session->Execute(kInsertApplied,
                            {file.name, file.checksum, SqlTime(now)});
  });
}

}  // namespace

const std::vector<std::string>& BuiltMigrations() {
  static const auto* names = [] {
    auto* list = new std::vector<std::string>;
    std::istringstream in(PASSWD_MIGRATIONS);
    std::string name;
    while (in >> name) list->push_back(name);
    std::sort(list->begin(), list->end());
    return list;
  }();
  return *names;
}

Status ReadMigrationFiles(const std::string& dir,
                          const std::vector<std::string>& names,
                          std::vector<MigrationFile>* files) {
  files->clear();
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& name : sorted) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) return Status::Internal("cannot read " + dir + "/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    files->push_back({name, text.str(), HexEncode(Sha256(text.str()))});
  }
  return Status::Ok();
}

Status PlanMigrations(const std::vector<MigrationFile>& files,
                      const std::vector<AppliedMigration>& applied,
                      std::vector<const MigrationFile*>* pending) {
  pending->clear();
  std::map<std::string, const MigrationFile*> known;
  for (const auto& file : files) known[file.name] = &file;
  std::set<std::string> done;
  for (const auto& row : applied) {
    auto it = known.find(row.name);
    if (it == known.end()) {
      return Status::Internal(
          "the database has migration " + row.name +
          ", which this code does not know: it is newer than the code");
    }
    if (!row.checksum.empty() && row.checksum != it->second->checksum) {
      return Status::Internal("migration " + row.name +
                              " was changed after it was applied; put the "
                              "change in a new numbered file");
    }
    done.insert(row.name);
  }
  for (const auto& file : files) {
    if (done.count(file.name) == 0) pending->push_back(&file);
  }
  return Status::Ok();
}

Status Migrate(Database* db, const std::vector<MigrationFile>& files,
               std::chrono::system_clock::time_point now,
               std::vector<std::string>* done) {
  done->clear();
  Status s = PrepareTable(db, files);
  std::vector<AppliedMigration> applied;
  if (s.ok()) s = ReadApplied(db, true, &applied);
  std::vector<const MigrationFile*> pending;
  if (s.ok()) s = PlanMigrations(files, applied, &pending);
  for (const MigrationFile* file : pending) {
    if (!s.ok()) break;
    s = Apply(db, *file, now);
    if (s.ok()) done->push_back(file->name);
  }
  return s;
}

Status ReadMigrationStates(Database* db,
                           const std::vector<MigrationFile>& files,
                           std::vector<MigrationState>* states) {
  states->clear();
  std::vector<AppliedMigration> applied;
  Status s = ReadApplied(db, true, &applied);
  // A table from before checksums, not adopted yet: its names still say
  // what is applied.
  if (!s.ok()) s = ReadApplied(db, false, &applied);
  std::vector<const MigrationFile*> pending;
  if (s.ok()) s = PlanMigrations(files, applied, &pending);
  if (!s.ok()) return s;
  std::set<std::string> waiting;
  for (const MigrationFile* file : pending) waiting.insert(file->name);
  for (const auto& file : files) {
    states->push_back({file.name, waiting.count(file.name) == 0});
  }
  return Status::Ok();
}

Status SchemaIsCurrent(SqlSession* session, bool* current) {
  *current = false;
  std::vector<SqlRow> rows;
  Status s = session->Query(kSelectNames, {}, &rows);
  if (!s.ok()) return s;
  std::set<std::string> applied;
  for (const auto& row : rows) applied.insert(row.Text(0));
  *current = std::all_of(
      BuiltMigrations().begin(), BuiltMigrations().end(),
      [&](const std::string& name) { return applied.count(name) != 0; });
  return Status::Ok();
}

}  // namespace passwd
