"""Attempts are counted atomically: parallel guesses get no extra try and a
right code succeeds once."""
import concurrent.futures
import unittest

import requests

import flows
import harness


def post_code(cookies, token, code):
    with requests.Session() as session:
        session.cookies.update(cookies)
        return session.post(harness.url(flows.CODE), timeout=60,
                            allow_redirects=False,
                            data={"access_code": code, "csrf_token": token})


class CodeRaces(unittest.TestCase):
    def setUp(self):
        flows.reset_limits()
        self.browser = harness.Browser()
        self.mailbox = harness.Mailbox()
        self.account = flows.fresh_account()
        mark = self.mailbox.mark()
        flows.request_code_by_id(self.browser, self.account)
        self.code = flows.wait_for_code(
            self.mailbox, flows.umin_address(self.account), mark)
        page = self.browser.get(flows.CODE)
        self.token = harness.csrf_token(page.text)
        self.cookies = dict(self.browser.cookies)

    def tearDown(self):
        self.browser.close()

    def run_parallel(self, codes):
        with concurrent.futures.ThreadPoolExecutor(len(codes)) as pool:
            return list(pool.map(
                lambda c: post_code(self.cookies, self.token, c), codes))

    def test_fifty_parallel_wrong_guesses_evaluate_three(self):
        wrong = ["%010d" % ((int(self.code) + 1 + i) % 10**10)
                 for i in range(50)]
        responses = self.run_parallel(wrong)
        self.assertTrue(all(r.status_code == 200 for r in responses))
        events = flows.audit_events(self.account)
        self.assertEqual(events.count("code_wrong") + events.count("code_locked"),
                         3)
        self.assertEqual(events.count("code_locked"), 1)
        flow = flows.flow_row(self.account)
        self.assertEqual(flow["code_tries"], "3")
        self.assertEqual(flow["state"], "locked")
        self.assertNotEqual(post_code(self.cookies, self.token,
                                      self.code).status_code, 303)

    def test_sixteen_parallel_right_guesses_succeed_once(self):
        responses = self.run_parallel([self.code] * 16)
        verified = [r for r in responses if r.status_code == 303 and
                    harness.location_path(r) == flows.NEW_PASSWORD and
                    "passwd_flow=" in r.headers.get("Set-Cookie", "")]
        self.assertEqual(len(verified), 1)
        self.assertEqual(flows.audit_events(self.account).count(
            "code_verified"), 1)
        self.assertEqual(flows.flow_row(self.account)["state"], "verified")


if __name__ == "__main__":
    unittest.main()
