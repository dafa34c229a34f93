"""The housekeeper deletes rate-limit rows past two days and operator
sessions past 30 days, and keeps everything younger; the limits still
count what they must."""
import os
import secrets
import subprocess
import unittest

import harness


def run_housekeeper():
    env = dict(os.environ, PASSWD_CONFIG=harness.config_path())
    tool = os.path.join(harness.root(), "build", "tools", "housekeeper")
    return subprocess.run([tool, "--once"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=60)


def count(sql, params):
    return int(harness.db_value(sql, params))


class Housekeeper(unittest.TestCase):
    def setUp(self):
        self.subject = "hk-%s" % secrets.token_hex(4)
        for table in ["rate_limit_events", "rate_limit_subjects"]:
            self.addCleanup(harness.db_exec,
                            "DELETE FROM %s WHERE subject = %%s" % table,
                            [self.subject])

    def test_old_rate_limit_rows_go_and_recent_ones_stay(self):
        for scope, hours in [("hk_old", 49), ("hk_day", 23), ("hk_new", 0)]:
            harness.db_exec(
                "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
                "VALUES (%s, %s, UTC_TIMESTAMP() - INTERVAL %s HOUR)",
                [scope, self.subject, hours])
            harness.db_exec(
                "INSERT INTO rate_limit_subjects (scope, subject, "
                "last_checked_at) VALUES "
                "(%s, %s, UTC_TIMESTAMP() - INTERVAL %s HOUR)",
                [scope, self.subject, hours])
        result = run_housekeeper()
        self.assertEqual(result.returncode, 0, result.stdout.decode())
        for table in ["rate_limit_events", "rate_limit_subjects"]:
            rows = harness.db_query(
                "SELECT scope FROM %s WHERE subject = %%s ORDER BY scope"
                % table, [self.subject])
            self.assertEqual([r["scope"] for r in rows],
                             ["hk_day", "hk_new"], table)

    def test_operator_sessions_past_30_days_go(self):
        operator_id = harness.db_value(
            "SELECT id FROM operators WHERE login = 'demo-op'")
        tokens = {}
        for name, days in [("old", 31), ("recent", 1)]:
            tokens[name] = secrets.token_hex(32)
            harness.db_exec(
                "INSERT INTO operator_sessions (token_hash, operator_id, "
                "client_address, created_at, last_seen_at, ended_at) VALUES "
                "(%s, %s, '127.0.0.1', UTC_TIMESTAMP() - INTERVAL %s DAY, "
                "UTC_TIMESTAMP() - INTERVAL %s DAY, "
                "UTC_TIMESTAMP() - INTERVAL %s DAY)",
                [tokens[name], operator_id, days, days, days])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM operator_sessions WHERE token_hash IN "
                        "(%s, %s)", list(tokens.values()))
        result = run_housekeeper()
        self.assertEqual(result.returncode, 0, result.stdout.decode())
        sql = "SELECT COUNT(*) FROM operator_sessions WHERE token_hash = %s"
        self.assertEqual(count(sql, [tokens["old"]]), 0)
        self.assertEqual(count(sql, [tokens["recent"]]), 1)

    def test_it_runs_beside_the_other_workers(self):
        pid_file = harness.var_path("run", "housekeeper.pid")
        with open(pid_file) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)  # raises when no such process


if __name__ == "__main__":
    unittest.main()
