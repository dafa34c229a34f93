"""GET /cgi-open-bin/passwd/health: 200 "ok" while the database answers and
has every migration, 503 otherwise, saying nothing more; the check writes
nothing."""
import unittest

import harness

HEALTH = "/cgi-open-bin/passwd/health"
LAST = "005_rate_limit_subjects.sql"


def written_rows():
    return [harness.db_value("SELECT COUNT(*) FROM %s" % table)
            for table in ["audit_log", "rate_limit_events",
                          "rate_limit_subjects"]]


class Health(unittest.TestCase):
    def test_ok_when_the_database_answers_and_the_schema_is_current(self):
        before = written_rows()
        for _ in range(3):
            response = harness.Browser().get(HEALTH)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.text, "ok\n")
            self.assertTrue(response.headers["Content-Type"].startswith(
                "text/plain"))
            self.assertIn("no-store", response.headers["Cache-Control"])
        self.assertEqual(written_rows(), before)

    def test_503_when_a_migration_is_missing(self):
        row = harness.db_query("SELECT name, checksum, applied_at FROM "
                               "schema_migrations WHERE name = %s", [LAST])[0]
        harness.db_exec("DELETE FROM schema_migrations WHERE name = %s", [LAST])
        self.addCleanup(
            harness.db_exec,
            "INSERT INTO schema_migrations (name, checksum, applied_at) "
            "VALUES (%s, %s, %s)", [row["name"], row["checksum"],
                                     row["applied_at"]])
        response = harness.Browser().get(HEALTH)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.text, "unavailable\n")

    def test_503_while_the_database_is_down(self):
        self.addCleanup(harness.service, "start", "db")
        harness.service("stop", "db")
        response = harness.Browser().get(HEALTH)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.text, "unavailable\n")
        harness.service("start", "db")
        # Each process meets its dead connection once, then reconnects.
        for _ in range(4):
            self.assertEqual(harness.Browser().get(HEALTH).status_code, 200)


if __name__ == "__main__":
    unittest.main()
