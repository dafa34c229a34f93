"""Rate limits live in the database: over one, a page says when to retry and
nothing is sent."""
import re
import unittest

import flows
import harness

RETRY = re.compile(r"(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2})以降に改めてお試しください。")


class RateLimits(flows.FlowTestCase):
    def setUp(self):
        super().setUp()
        self.account = flows.fresh_account()
        self.address = flows.umin_address(self.account)

    def assert_limited(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertIn("しばらく時間をおいてお試しください", response.text)
        self.assertRegex(response.text, RETRY)
        self.assertGreater(int(response.headers["Retry-After"]), 0)
        # Held back from the flow, the user can still apply to the operator.
        self.assertIn('<a href="/cgi-open-bin/passwd/operator_request">'
                      'オペレータへパスワード更新申請</a>', response.text)

    def test_five_codes_per_account_and_hour(self):
        mark = self.mailbox.mark()
        for _ in range(5):
            self.assertEqual(flows.request_code_by_id(
                self.browser, self.account).status_code, 303)
        self.mailbox.wait_for(self.address, mark, count=5)
        mark = self.mailbox.mark()
        self.assert_limited(flows.request_code_by_id(self.browser,
                                                     self.account))
        self.mailbox.assert_none(self.address, mark, wait=2)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM reset_flows WHERE umin_id = %s",
            [self.account]), "5")
        self.assertIn("send_refused", flows.audit_events(self.account))

    def test_thirty_requests_per_client_address_and_hour(self):
        harness.db_exec(
            "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
            "SELECT 'code_send_address', '127.0.0.1', UTC_TIMESTAMP() "
            "FROM seq_1_to_30")
        mark = self.mailbox.mark()
        self.assert_limited(flows.request_code_by_id(self.browser,
                                                     self.account))
        self.assert_limited(flows.request_code_by_profile(
            self.browser, family_name="山田", given_name="太郎",
            family_reading="やまだ", given_reading="たろう", gender="male",
            birth_date="1980/04/01"))
        self.mailbox.assert_none(self.address, mark, wait=2)
        self.assertIsNone(flows.flow_row(self.account))

    def test_an_hour_later_codes_can_be_sent_again(self):
        harness.db_exec(
            "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
            "SELECT 'code_send_account', %s, UTC_TIMESTAMP() - INTERVAL 61 "
            "MINUTE FROM seq_1_to_5", [self.account])
        self.assertEqual(flows.request_code_by_id(
            self.browser, self.account).status_code, 303)

    def test_thirty_wrong_codes_per_account_and_day(self):
        mark = self.mailbox.mark()
        flows.request_code_by_id(self.browser, self.account)
        code = flows.wait_for_code(self.mailbox, self.address, mark)
        harness.db_exec(
            "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
            "SELECT 'code_failure_account', %s, UTC_TIMESTAMP() "
            "FROM seq_1_to_30", [self.account])
        self.assert_limited(flows.enter_code(self.browser, code))
        self.assertEqual(flows.flow_row(self.account)["code_tries"], "0")

    def test_refused_sends_cannot_fill_the_audit_log(self):
        # 200 refused code requests from one address (unknown IDs, then the
        # address's limit): the audit log keeps 20 and one notice; the
        # metrics count all 200.
        last_id = int(harness.db_value(
            "SELECT COALESCE(MAX(id), 0) FROM audit_log"))
        before = flows.metric_counters()
        page = self.browser.get(flows.SEND_ID)
        statuses = set()
        for n in range(200):
            response = self.browser.submit(
                flows.SEND_ID, {"umin_id": "nobody%04d-x" % n}, page=page.text)
            statuses.add(response.status_code)
        self.assertEqual(statuses, {200, 429})
        # The rows these requests wrote: workers running beside the test
        # (the directory sync, the mail sender) write theirs without a
        # client address.
        rows = harness.db_query(
            "SELECT event, detail FROM audit_log WHERE id > %s "
            "AND client_address <> ''", [last_id])
        self.assertEqual(
            len([r for r in rows if r["event"] == "send_refused"]), 20)
        notices = [r["detail"] for r in rows if r["event"] == "audit_suppressed"]
        self.assertEqual(len(notices), 1)
        self.assertTrue(notices[0].startswith(
            "send_refused from 127.0.0.1: more than 20 in an hour"), notices)
        self.assertLessEqual(len(rows), 21)
        after = flows.metric_counters()
        self.assertGreaterEqual(
            after["refused_requests"] - before["refused_requests"], 200)
        self.assertGreaterEqual(after["audit_rows_suppressed"]
                                - before["audit_rows_suppressed"], 180)
        # The notice comes once an hour, the rows again as the hour passes.
        harness.db_exec(
            "UPDATE rate_limit_events SET occurred_at = occurred_at - "
            "INTERVAL 61 MINUTE WHERE scope LIKE 'audit_refusal%'")
        last_id = int(harness.db_value("SELECT MAX(id) FROM audit_log"))
        self.browser.submit(flows.SEND_ID, {"umin_id": "nobody-y"},
                            page=page.text)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM audit_log WHERE id > %s "
            "AND event = 'send_refused'", [last_id]), "1")


if __name__ == "__main__":
    unittest.main()
