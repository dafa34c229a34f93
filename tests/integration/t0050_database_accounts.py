"""The three database accounts of issue 9 (sql/grants.sql.in): connected as
the public pages' account, changing or deleting audit rows and reading the
operators are refused, while what the pages do (append an audit row, read an
account) still works. That every page, the console and the workers can do
all they need under their own accounts is what the whole suite shows."""
import secrets
import subprocess
import unittest

import harness


def as_account(role, sql):
    """Runs SQL with the mariadb client as ROLE's account (pages, console,
    workers) from var/passwd.conf; returns the CompletedProcess."""
    config = harness.read_config()
    user = config["%s_db_user" % role]
    password = config["%s_db_password" % role]
    socket = config["db_host"][len("unix://"):]
    # The password through the environment's MYSQL_PWD, never the command
    # line (the process list); no defaults file, so nothing else logs in.
    cmd = ["mariadb", "--no-defaults", "--socket=" + socket, "--user=" + user,
           "--batch", "--skip-column-names", config["db_name"]]
    return subprocess.run(cmd, input=sql.encode("utf-8"),
                          env={"MYSQL_PWD": password, "PATH": "/usr/bin:/bin"},
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=30)


class PagesAccount(unittest.TestCase):
    def setUp(self):
        config = harness.read_config()
        if not config.get("db_host", "").startswith("unix://"):
            self.skipTest("the development stack's database runs on a socket")
        self.detail = "db-accounts %s" % secrets.token_hex(4)
        self.addCleanup(harness.db_exec,
                        "DELETE FROM audit_log WHERE detail = %s",
                        [self.detail])
        harness.db_exec(
            "INSERT INTO audit_log (occurred_at, event, detail) VALUES "
            "(UTC_TIMESTAMP(), 'db_accounts_test', %s)", [self.detail])

    def assertRefused(self, sql):
        result = as_account("pages", sql)
        self.assertNotEqual(result.returncode, 0, sql)
        self.assertIn(b"denied", result.stderr, sql)

    def test_the_pages_account_is_another_than_the_others(self):
        config = harness.read_config()
        users = {config["pages_db_user"], config["console_db_user"],
                 config["worker_db_user"], config["db_user"]}
        self.assertEqual(len(users), 4)

    def test_audit_rows_cannot_be_changed_or_deleted(self):
        self.assertRefused("UPDATE audit_log SET detail = 'x' WHERE detail = "
                           "'%s'" % self.detail)
        self.assertRefused("DELETE FROM audit_log WHERE detail = '%s'"
                           % self.detail)
        self.assertRefused("SELECT COUNT(*) FROM audit_log")
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM audit_log WHERE detail = %s",
            [self.detail]), "1")

    def test_operators_are_out_of_reach(self):
        self.assertRefused("SELECT * FROM operators")
        self.assertRefused("UPDATE operators SET disabled = 1")
        self.assertRefused("SELECT * FROM operator_sessions")
        self.assertRefused("SELECT * FROM operator_notes")

    def test_what_the_pages_do_still_works(self):
        appended = "%s appended" % self.detail
        self.addCleanup(harness.db_exec,
                        "DELETE FROM audit_log WHERE detail = %s", [appended])
        result = as_account(
            "pages",
            "INSERT INTO audit_log (occurred_at, event, detail) VALUES "
            "(UTC_TIMESTAMP(), 'db_accounts_test', '%s');\n"
            "SELECT umin_id FROM accounts WHERE umin_id = 'umin101-test';"
            % appended)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stdout.decode().strip(), "umin101-test")
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM audit_log WHERE detail = %s", [appended]),
            "1")

    def test_the_pages_change_an_account_only_by_its_password(self):
        self.assertRefused("UPDATE accounts SET external_mail = "
                           "'evil@example.org' WHERE umin_id = 'umin101-test'")


class WorkersAndConsole(unittest.TestCase):
    def test_the_console_cannot_delete_audit_rows_nor_add_operators(self):
        for sql in ["DELETE FROM audit_log WHERE id = 0",
                    "UPDATE audit_log SET detail = '' WHERE id = 0",
                    "INSERT INTO operators (login) VALUES ('x')",
                    "UPDATE operators SET password_hash = '' WHERE id = 0"]:
            result = as_account("console", sql)
            self.assertNotEqual(result.returncode, 0, sql)
            self.assertIn(b"denied", result.stderr, sql)

    def test_the_console_never_reads_a_mail_body_or_secret(self):
        for sql in ["SELECT body FROM mail_outbox LIMIT 1",
                    "SELECT sealed_secret FROM mail_outbox LIMIT 1",
                    "SELECT * FROM mail_outbox LIMIT 1",
                    "SELECT id FROM mail_outbox WHERE body LIKE '%x%'",
                    "UPDATE mail_outbox SET body = '' WHERE id = 0",
                    "DELETE FROM mail_outbox WHERE id = 0"]:
            result = as_account("console", sql)
            self.assertNotEqual(result.returncode, 0, sql)
            self.assertIn(b"denied", result.stderr, sql)
        # What the account view and the failed-mail list read is allowed.
        result = as_account(
            "console", "SELECT id, kind, recipient, status, attempts, "
            "last_error, created_at, next_attempt_at, sent_at, "
            "not_after IS NOT NULL FROM mail_outbox LIMIT 1")
        self.assertEqual(result.returncode, 0, result.stderr.decode())

    def test_the_workers_cannot_change_audit_rows(self):
        result = as_account("worker", "UPDATE audit_log SET detail = '' "
                            "WHERE id = 0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"denied", result.stderr)


if __name__ == "__main__":
    unittest.main()
