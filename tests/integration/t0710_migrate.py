"""umin-passwdctl migrate: a database at an older version is brought up to
date and a second run does nothing; a schema_migrations table from before
checksums is adopted; a migration changed after it was applied, and a
database newer than the code, are refused; a migration that failed is not
recorded and runs again once its cause is gone."""
import os
import shutil
import tempfile
import unittest

import harness
from t0700_passwdctl_config import passwdctl

# The newest migration, and how to take the database back to before it.
LAST = "016_outbox_lang.sql"
UNDO_LAST = "ALTER TABLE mail_outbox DROP COLUMN lang"
LAST_COLUMNS = ("SELECT COUNT(*) FROM information_schema.columns "
                "WHERE table_schema = DATABASE() AND "
                "table_name = 'mail_outbox' AND column_name = 'lang'")
# A migration that fails when a table it alters is missing.
LEASES = "012_leases.sql"
LEASES_COLUMNS = ("SELECT COUNT(*) FROM information_schema.columns "
                  "WHERE table_schema = DATABASE() AND "
                  "column_name IN ('lease_owner', 'lease_until', 'checks')")


def migrations():
    return sorted(f for f in os.listdir(os.path.join(harness.root(), "sql"))
                  if f[0].isdigit() and f.endswith(".sql"))


def recorded():
    return {r["name"]: r["checksum"] for r in harness.db_query(
        "SELECT name, checksum FROM schema_migrations")}


class Migrate(unittest.TestCase):
    def tearDown(self):
        # Whatever a test did, the stack leaves with its schema current.
        harness.db_exec("DELETE FROM schema_migrations WHERE name LIKE '999%'")
        proc = passwdctl("migrate")
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_an_older_database_is_brought_up_to_date_then_nothing(self):
        # The database as it was before the last migration.
        harness.db_exec(UNDO_LAST)
        harness.db_exec("DELETE FROM schema_migrations WHERE name = %s", [LAST])
        self.assertEqual(harness.db_value(LAST_COLUMNS), "0")
        status = passwdctl("migrate", "--status")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn("pending  " + LAST, status.stdout.decode())
        proc = passwdctl("migrate")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.decode().splitlines(), ["applied " + LAST])
        self.assertEqual(harness.db_value(LAST_COLUMNS), "1")
        again = passwdctl("migrate")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(again.stdout.decode().strip(), "the schema is current")
        status = passwdctl("migrate", "--status").stdout.decode().splitlines()
        self.assertEqual(status, ["applied  " + m for m in migrations()])
        self.assertEqual(sorted(recorded()), migrations())

    def test_a_table_from_before_checksums_is_adopted(self):
        before = recorded()
        harness.db_exec("ALTER TABLE schema_migrations DROP COLUMN checksum")
        status = passwdctl("migrate", "--status")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertEqual(status.stdout.decode().splitlines(),
                         ["applied  " + m for m in migrations()])
        proc = passwdctl("migrate")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(recorded(), before)
        for checksum in before.values():
            self.assertRegex(checksum, r"^[0-9a-f]{64}$")

    def test_a_migration_changed_after_it_was_applied_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            sql = os.path.join(tmp, "sql")
            shutil.copytree(os.path.join(harness.root(), "sql"), sql)
            with open(os.path.join(sql, "001_schema.sql"), "a") as f:
                f.write("\n-- edited after it landed\n")
            proc = passwdctl("migrate", "--sql-dir", sql)
            self.assertEqual(proc.returncode, 1)
            self.assertIn(b"001_schema.sql was changed after it was applied",
                          proc.stderr)
            self.assertEqual(passwdctl("migrate", "--status", "--sql-dir",
                                       sql).returncode, 1)

    def test_a_failed_migration_is_not_recorded_and_runs_again(self):
        # A migration failing: a table it alters is missing.
        harness.db_exec("DELETE FROM schema_migrations WHERE name = %s", [LEASES])
        harness.db_exec("DROP TABLE rate_limit_subjects")
        first = passwdctl("migrate")
        self.assertNotEqual(first.returncode, 0, first.stdout)
        self.assertIn(LEASES.encode(), first.stderr)
        self.assertNotIn(LEASES, recorded())
        # Its cause gone (the table back as its own migration made it), the
        # same command applies and records it.
        with open(os.path.join(harness.root(), "sql",
                               "005_rate_limit_subjects.sql")) as f:
            harness.db_exec(f.read())
        again = passwdctl("migrate")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(again.stdout.decode().splitlines(), ["applied " + LEASES])
        self.assertIn(LEASES, recorded())
        self.assertEqual(harness.db_value(LEASES_COLUMNS), "5")

    def test_a_database_newer_than_the_code_is_refused(self):
        harness.db_exec("INSERT INTO schema_migrations (name, checksum) "
                        "VALUES ('999_future.sql', REPEAT('0', 64))")
        proc = passwdctl("migrate")
        self.assertEqual(proc.returncode, 1)
        self.assertIn(b"999_future.sql", proc.stderr)
        self.assertIn(b"newer than the code", proc.stderr)


if __name__ == "__main__":
    unittest.main()
