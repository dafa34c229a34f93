"""The metrics page (/cgi-bin/passwd-admin/metrics, issue 10): the
Prometheus text format, read with Debian's python3-prometheus-client parser;
every series with its type; no session needed, nothing written, no account
named; the counters move by exactly one per event of a flow, never go back
when the housekeeper deletes old rows, and count a rate-limited request;
the gauges follow the outbox and the delivery rows; and the console's
address allow-list keeps other addresses out."""
import http.client
import secrets
import time
import unittest
import urllib.parse

from prometheus_client.parser import text_string_to_metric_families

import flows
import harness
from t0050_database_accounts import as_account
from t0600_housekeeper import run_housekeeper

METRICS = "/cgi-bin/passwd-admin/metrics"
CONSOLE_LOGIN = "/cgi-bin/passwd-admin/login"
DAY = 24 * 3600
COUNTERS = ["codes_sent", "codes_verified", "codes_wrong", "codes_locked",
            "codes_expired", "password_changes", "rate_limited",
            "refused_requests", "audit_rows_suppressed"]
GAUGES = ["operator_requests", "outbox_pending", "outbox_failed",
          "outbox_oldest_pending_seconds", "sync_pending", "sync_failed",
          "sync_oldest_pending_seconds"]
REQUEST_STATES = ["new", "in_progress", "waiting", "closed"]
GOOD_PASSWORD = "Kq7mWz2x!Rv"


def scrape():
    """The page's response and its families by name."""
    response = harness.Browser().get(METRICS)
    assert response.status_code == 200, response.status_code
    families = {f.name: f for f in text_string_to_metric_families(response.text)}
    return response, families


def counters():
    """{counter: value} of the umin_passwd_*_total counters."""
    families = scrape()[1]
    return {name: families["umin_passwd_" + name].samples[0].value
            for name in COUNTERS}


def moved(before, after):
    return {name: after[name] - before[name] for name in COUNTERS}


def labelled(families, name, label):
    """{label value: sample value} of a gauge with one label."""
    return {s.labels[label]: s.value
            for s in families["umin_passwd_" + name].samples}


def console_login(browser, login, password):
    """Opens the console's login page and submits; the POST's response."""
    browser.get(CONSOLE_LOGIN)
    return browser.submit(CONSOLE_LOGIN, {"login": login, "password": password})


def wrong(code):
    return "%010d" % ((int(code) + 1) % 10 ** 10)


class Page(unittest.TestCase):
    def test_every_series_is_there_with_its_type(self):
        response, families = scrape()
        self.assertEqual(response.headers["Content-Type"],
                         "text/plain; version=0.0.4; charset=utf-8")
        self.assertIn("no-store", response.headers["Cache-Control"])
        for name in COUNTERS:
            family = families["umin_passwd_" + name]
            self.assertEqual(family.type, "counter", name)
            self.assertTrue(family.documentation, name)
            self.assertEqual([s.name for s in family.samples],
                             ["umin_passwd_%s_total" % name])
        for name in GAUGES:
            family = families["umin_passwd_" + name]
            self.assertEqual(family.type, "gauge", name)
            self.assertTrue(family.documentation, name)
            self.assertTrue(family.samples, name)
        # Every state, 0 included.
        self.assertEqual(
            sorted(labelled(families, "operator_requests", "state")),
            sorted(REQUEST_STATES))
        # Every configured target, whether anything waits for it or not.
        targets = list(harness.read_targets())
        self.assertTrue(targets)
        for name in ["sync_pending", "sync_failed",
                     "sync_oldest_pending_seconds"]:
            self.assertLessEqual(set(targets),
                                 set(labelled(families, name, "target")), name)
        for text in ("# HELP ", "# TYPE "):
            self.assertEqual(response.text.count(text), 16, text)

    def test_no_session_no_cookie_nothing_written(self):
        tables = ["audit_log", "rate_limit_events", "operator_sessions"]

        def rows():
            return [harness.db_value("SELECT COUNT(*) FROM %s" % t)
                    for t in tables]
        before = rows()
        for method in ("GET", "HEAD"):
            response = harness.Browser().request(method, METRICS)
            self.assertEqual(response.status_code, 200, method)
            self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(rows(), before)
        self.assertEqual(harness.Browser().post(METRICS, {"a": "b"})
                         .status_code, 405)

    def test_names_no_account(self):
        account = flows.fresh_account()
        browser = harness.Browser()
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        flows.reset_limits()
        flows.request_code_by_id(browser, account)
        flows.wait_for_code(mailbox, flows.umin_address(account), mark)
        text = scrape()[0].text
        self.assertNotIn(account, text)
        self.assertNotIn("@", text)

    def test_other_addresses_are_refused_by_the_console_allow_list(self):
        # The development allow-list lets 127.0.0.1 in; 127.0.0.2 is this
        # host too, but not on the list.
        parts = urllib.parse.urlsplit(harness.base_url())
        conn = http.client.HTTPConnection(parts.hostname, parts.port,
                                          timeout=harness.DEFAULT_TIMEOUT,
                                          source_address=("127.0.0.2", 0))
        try:
            conn.request("GET", METRICS)
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        self.assertEqual(response.status, 403)
        self.assertNotIn("umin_passwd_", body)


class Counters(flows.FlowTestCase):
    def setUp(self):
        super().setUp()
        self.account = flows.fresh_account()
        self.address = flows.umin_address(self.account)

    def send_code(self):
        mark = self.mailbox.mark()
        response = flows.request_code_by_id(self.browser, self.account)
        self.assertEqual(response.status_code, 303)
        return flows.wait_for_code(self.mailbox, self.address, mark)

    def whole_flow(self):
        """Code sent, one wrong code, the right one, a new password."""
        code = self.send_code()
        self.assertNotEqual(flows.enter_code(self.browser, wrong(code))
                            .status_code, 303)
        self.assertEqual(flows.enter_code(self.browser, code).status_code, 303)
        self.browser.get(flows.NEW_PASSWORD)
        response = self.browser.submit(flows.NEW_PASSWORD, {
            "password": GOOD_PASSWORD,
            "password_confirmation": GOOD_PASSWORD})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.DONE)

    def test_one_flow_moves_each_of_its_counters_by_one(self):
        before = counters()
        self.whole_flow()
        self.assertEqual(moved(before, counters()), {
            "codes_sent": 1, "codes_verified": 1, "codes_wrong": 1,
            "codes_locked": 0, "codes_expired": 0, "password_changes": 1,
            "rate_limited": 0, "refused_requests": 0,
            "audit_rows_suppressed": 0})

    def test_a_locked_flow_counts_three_wrong_codes_and_one_lock(self):
        code = self.send_code()
        before = counters()
        for _ in range(3):
            flows.enter_code(self.browser, wrong(code))
        self.assertEqual(flows.flow_row(self.account)["state"], "locked")
        after = moved(before, counters())
        self.assertEqual((after["codes_wrong"], after["codes_locked"],
                          after["codes_verified"]), (3, 1, 0))

    def test_an_expired_code_counts_once(self):
        self.send_code()
        before = counters()
        harness.set_clock_offset(601)
        self.assertIn("アクセスコード期限切れ",
                      self.browser.get(flows.CODE).text)
        # Opened again, the flow is expired already: not counted again.
        self.browser.get(flows.CODE)
        harness.clear_clock_offset()
        self.assertEqual(moved(before, counters())["codes_expired"], 1)

    def test_a_rate_limited_request_counts(self):
        limit = int(harness.read_config().get("code_sends_per_account_hour",
                                              "5"))
        for _ in range(limit):
            harness.db_exec(
                "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
                "VALUES ('code_send_account', %s, UTC_TIMESTAMP())",
                [self.account])
        before = counters()
        response = flows.request_code_by_id(self.browser, self.account)
        self.assertEqual(response.status_code, 429)
        after = moved(before, counters())
        self.assertEqual((after["rate_limited"], after["codes_sent"]), (1, 0))

    def test_a_console_login_locked_as_unknown_is_no_rate_limit(self):
        # An unknown login is "locked" after four failures, as an operator
        # is; neither counts as rate-limited, so the metrics cannot tell a
        # real login from an unknown one either. Twenty failures from one
        # address do count.
        self.addCleanup(harness.db_exec,
                        "DELETE FROM rate_limit_events WHERE scope LIKE "
                        "'admin_login_%'")
        typed = "t-ghost-%s" % secrets.token_hex(3)
        before = counters()
        for attempt in range(6):
            response = console_login(self.browser, typed, "Wrong#Pass%d" % attempt)
            self.assertEqual(response.status_code, 200)
        self.assertIn("ロックされています", response.text)
        self.assertEqual(moved(before, counters())["rate_limited"], 0)
        for _ in range(20):
            harness.db_exec(
                "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
                "VALUES ('admin_login_address', '127.0.0.1', UTC_TIMESTAMP())")
        self.assertEqual(console_login(self.browser, typed, "x").status_code,
                         429)
        self.assertEqual(moved(before, counters())["rate_limited"], 1)

    def test_counters_stay_when_the_housekeeper_deletes_the_rows(self):
        self.whole_flow()
        before = counters()
        days = int(harness.read_config().get("audit_retention_days", "1826"))
        flow_days = int(harness.read_config().get(
            "reset_flow_retention_days", "30"))
        old = "UTC_TIMESTAMP() - INTERVAL %d DAY"
        harness.db_exec("UPDATE audit_log SET occurred_at = %s WHERE "
                        "umin_id = %%s" % (old % (days + 1)), [self.account])
        harness.db_exec("UPDATE reset_flows SET created_at = %s WHERE "
                        "umin_id = %%s" % (old % (flow_days + 1)),
                        [self.account])
        result = run_housekeeper()
        self.assertEqual(result.returncode, 0, result.stdout.decode())
        # The flow's rows are gone (the sync-worker may audit a delivery
        # meanwhile, which is no part of the flow).
        counted = {"code_sent", "code_wrong", "code_verified",
                   "password_changed"}
        self.assertFalse(counted & set(flows.audit_events(self.account)))
        self.assertIsNone(flows.flow_row(self.account))
        self.assertEqual(counters(), before)


class Gauges(unittest.TestCase):
    def setUp(self):
        self.tag = secrets.token_hex(4)

    def wait_for_due_mail_to_go(self):
        """Waits until the mail-sender has taken every due mail, so that the
        outbox stays as it is while the test reads it."""
        deadline = time.monotonic() + 60
        while int(harness.db_value(
                "SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending' "
                "AND next_attempt_at <= UTC_TIMESTAMP()")) > 0:
            self.assertLess(time.monotonic(), deadline, "the outbox is stuck")
            time.sleep(0.5)

    def outbox(self):
        families = scrape()[1]
        return {n: families["umin_passwd_" + n].samples[0].value
                for n in ("outbox_pending", "outbox_failed",
                          "outbox_oldest_pending_seconds")}

    def test_outbox_backlog(self):
        subject = "metrics %s" % self.tag
        self.addCleanup(harness.db_exec,
                        "DELETE FROM mail_outbox WHERE subject = %s", [subject])
        self.wait_for_due_mail_to_go()
        base = self.outbox()
        # Queued two hours ago, due only tomorrow: the mail-sender leaves
        # it alone meanwhile.
        harness.db_exec(
            "INSERT INTO mail_outbox (kind, recipient, subject, body, status, "
            "next_attempt_at, created_at) VALUES ('test', "
            "'metrics@example.org', %s, 'body', 'pending', "
            "UTC_TIMESTAMP() + INTERVAL 1 DAY, "
            "UTC_TIMESTAMP() - INTERVAL 2 HOUR)", [subject])
        harness.db_exec(
            "INSERT INTO mail_outbox (kind, recipient, subject, body, status, "
            "next_attempt_at, created_at) VALUES ('test', "
            "'metrics@example.org', %s, 'body', 'failed', UTC_TIMESTAMP(), "
            "UTC_TIMESTAMP())", [subject])
        value = self.outbox()
        self.assertEqual(value["outbox_pending"], base["outbox_pending"] + 1)
        self.assertEqual(value["outbox_failed"], base["outbox_failed"] + 1)
        # The oldest pending mail: ours, or one older still.
        oldest = int(harness.db_value(
            "SELECT TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()) "
            "FROM mail_outbox WHERE status = 'pending'"))
        self.assertGreaterEqual(oldest, 2 * 3600)
        self.assertLessEqual(abs(value["outbox_oldest_pending_seconds"] - oldest),
                             60)

    def add_delivery(self, target, status, age):
        harness.db_exec(
            "INSERT INTO password_sync_queue (umin_id, target, status, "
            "next_try_at, created_at) VALUES ('umin101-test', %s, %s, "
            "UTC_TIMESTAMP() + INTERVAL 1 DAY, "
            "UTC_TIMESTAMP() - INTERVAL %d SECOND)" % ("%s", "%s", age),
            [target, status])

    def test_delivery_backlog_by_target(self):
        # A target of its own, with a quote in its name: the label is
        # escaped and read back whole.
        target = 'metrics-test "%s"' % self.tag
        self.addCleanup(harness.db_exec,
                        "DELETE FROM password_sync_queue WHERE target = %s",
                        [target])
        states = ["pending", "pending", "failed", "delivered", "superseded"]
        # The sync-worker may take a pending row of this unknown target
        # meanwhile; then the rows are laid out again.
        for _ in range(5):
            harness.db_exec("DELETE FROM password_sync_queue WHERE target = %s",
                            [target])
            for i, status in enumerate(states):
                self.add_delivery(target, status, 3600 * (len(states) - i))
            _, families = scrape()
            now = [r["status"] for r in harness.db_query(
                "SELECT status FROM password_sync_queue WHERE target = %s "
                "ORDER BY id", [target])]
            if now == states:
                break
        self.assertEqual(now, states)
        self.assertEqual(labelled(families, "sync_pending", "target")[target], 2)
        self.assertEqual(labelled(families, "sync_failed", "target")[target], 1)
        oldest = labelled(families, "sync_oldest_pending_seconds",
                          "target")[target]
        # The oldest pending row, five hours old; the failed one is younger.
        self.assertGreaterEqual(oldest, 5 * 3600 - 60)
        self.assertLess(oldest, 6 * 3600)


class DatabaseAccounts(unittest.TestCase):
    def setUp(self):
        if not harness.read_config().get("db_host", "").startswith("unix://"):
            self.skipTest("the development stack's database runs on a socket")

    def test_no_service_account_can_delete_a_counter(self):
        for role in ("pages", "console", "worker"):
            for sql in ["DELETE FROM metric_counters WHERE shard = 255",
                        "TRUNCATE TABLE metric_counters"]:
                result = as_account(role, sql)
                self.assertNotEqual(result.returncode, 0, (role, sql))
                self.assertIn(b"denied", result.stderr, (role, sql))


if __name__ == "__main__":
    unittest.main()
