"""The database unreachable: pages answer the 503 page at once, nothing is
half done, and the running processes reconnect by themselves."""
import unittest

import flows
import harness


# A flow cookie that names no flow: the code page looks it up in the
# database (without any flow cookie it answers 403 without asking).
UNKNOWN_FLOW = {"Cookie": flows.FLOW_COOKIE + "=no-such-flow"}


class DatabaseDown(unittest.TestCase):
    def setUp(self):
        flows.reset_limits()
        self.account = flows.fresh_account()
        self.addCleanup(harness.service, "start", "db")

    def test_503_while_down_then_the_same_processes_recover(self):
        browser = harness.Browser()
        form = browser.get(flows.SEND_ID)
        self.assertEqual(form.status_code, 200)
        harness.service("stop", "db")

        # The top page needs no database.
        self.assertEqual(browser.get("/cgi-open-bin/passwd/index").status_code,
                         200)
        down = browser.submit(flows.SEND_ID, {"umin_id": self.account},
                              page=form.text)
        self.assertEqual(down.status_code, 503)
        self.assertIn("ただいまご利用いただけません", down.text)
        self.assertIn("トップページへ戻る", down.text)
        for leak in ["SQL", "mysqld", "Connector", "sock"]:
            self.assertNotIn(leak, down.text)
        self.assertIsNone(browser.cookie(flows.FLOW_COOKIE))
        self.assertEqual(
            browser.get(flows.CODE, headers=UNKNOWN_FLOW).status_code, 503)

        harness.service("start", "db")
        # Every process of the page meets its dead connection once and
        # reconnects: no request fails after the server is back.
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        for _ in range(6):
            # No such flow: 403, not 503; the code page read the database.
            self.assertEqual(
                browser.get(flows.CODE, headers=UNKNOWN_FLOW).status_code, 403)
        browser.get(flows.SEND_ID)
        response = browser.submit(flows.SEND_ID, {"umin_id": self.account})
        self.assertEqual(response.status_code, 303, response.text)
        flows.wait_for_code(mailbox, flows.umin_address(self.account), mark)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM reset_flows WHERE umin_id = %s",
            [self.account]), "1")


if __name__ == "__main__":
    unittest.main()
