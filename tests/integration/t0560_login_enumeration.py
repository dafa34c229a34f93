"""The console's login does not tell which logins exist (issue 12, finding
2): a locked real operator and a login that names nobody get the same page,
the same retry time (counted from the locking try) and take the same time
(one scrypt run each, as a wrong password for a real operator does)."""
import datetime
import re
import secrets
import statistics
import time

import harness
from t0520_console import (LOGIN, ConsoleTestCase, add_operator,
                           forget_login_failures, unlock)

WRONG = "ログインIDまたはパスワードが正しくありません。"
LOCKED = "ロックされています"
RETRY = re.compile(r"(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d)以降に改めてお試しください")
JST = datetime.timezone(datetime.timedelta(hours=9))
LOCK_SECONDS = 15 * 60


def retry_time(text):
    """The retry time a page names, as a POSIX timestamp."""
    match = RETRY.search(text)
    assert match, harness.text(text)
    return datetime.datetime.strptime(match.group(1), "%Y/%m/%d %H:%M:%S") \
        .replace(tzinfo=JST).timestamp()


def normalized(text, login):
    """The page with what differs by design blanked: the typed login, which
    the form shows again, and the retry time, compared on its own."""
    return RETRY.sub("RETRY", text.replace(login, "LOGIN"))


class LoginEnumeration(ConsoleTestCase):
    def setUp(self):
        super().setUp()
        tag = secrets.token_hex(3)
        # The same length, so that the pages compare byte for byte once the
        # login is blanked.
        self.real = "t-real-" + tag
        self.nobody = "t-none-" + tag
        self.password = "Real#Pass%s" % tag
        add_operator(self.real, "列挙 試験", self.password)
        self.browser = harness.Browser()
        self.assertEqual(self.browser.get(LOGIN).status_code, 200)
        self.token = harness.csrf_token(self.browser.last.text)

    def tearDown(self):
        super().tearDown()
        unlock(self.real)

    def attempt(self, login, password="Wrong#Pass00"):
        """One login POST from the same browser (so the same form token);
        the address limit is reset first, as the test makes many tries."""
        forget_login_failures()
        started = time.monotonic()
        response = self.browser.post(LOGIN, data={
            "csrf_token": self.token, "login": login, "password": password})
        return response, time.monotonic() - started

    def both(self, offset=0):
        """The real operator's and the unknown login's answer to one wrong
        try each, checked to be the same page; with the window of server
        time each try was made in."""
        answers = []
        for login in [self.real, self.nobody]:
            before = time.time() + offset
            response, _ = self.attempt(login)
            after = time.time() + offset
            answers.append((response, before, after))
        (real, _, _), (nobody, _, _) = answers
        self.assertEqual(real.status_code, nobody.status_code)
        self.assertEqual(real.headers.get("Retry-After"),
                         nobody.headers.get("Retry-After"))
        self.assertEqual(normalized(real.text, self.real),
                         normalized(nobody.text, self.nobody))
        return answers

    def test_locked_and_unknown_get_the_same_answer_and_retry_time(self):
        for _ in range(4):
            for response, _, _ in self.both():
                self.assertEqual(response.status_code, 200)
                self.assertIn(WRONG, response.text)
        # The locking try comes five minutes after the first: the retry time
        # counts from it, for both.
        offset = 5 * 60
        harness.set_clock_offset(offset)
        locked_at = []
        for response, before, after in self.both(offset):
            self.assertEqual(response.status_code, 200)
            self.assertIn(LOCKED, response.text)
            retry = retry_time(response.text)
            self.assertGreaterEqual(retry, int(before) + LOCK_SECONDS)
            self.assertLessEqual(retry, after + LOCK_SECONDS)
            locked_at.append(retry)
        # Locked: the same retry time again, even with the right password.
        harness.set_clock_offset(offset + 60)
        for response, _, _ in self.both(offset + 60):
            self.assertIn(LOCKED, response.text)
        self.assertEqual(
            [retry_time(r.text) for r in
             [self.attempt(self.real, self.password)[0],
              self.attempt(self.nobody, self.password)[0]]],
            locked_at)
        # After the lock, both start counting again from nothing.
        harness.set_clock_offset(offset + LOCK_SECONDS + 60)
        for _ in range(4):
            for response, _, _ in self.both(offset + LOCK_SECONDS + 60):
                self.assertIn(WRONG, response.text)
        for response, _, _ in self.both(offset + LOCK_SECONDS + 60):
            self.assertIn(LOCKED, response.text)

    def test_locked_unknown_and_wrong_take_scrypt_time(self):
        for _ in range(5):
            self.attempt(self.real)
        self.assertIn(LOCKED, self.attempt(self.real)[0].text)
        wrong = "t-wrong-" + secrets.token_hex(3)
        add_operator(wrong, "列挙 試験", self.password)
        self.addCleanup(unlock, wrong)
        samples = {"locked": [], "unknown": [], "wrong": []}
        for round_ in range(7):
            kinds = list(samples)
            kinds = kinds[round_ % 3:] + kinds[:round_ % 3]
            for kind in kinds:
                if kind == "locked":
                    response, took = self.attempt(self.real)
                    self.assertIn(LOCKED, response.text)
                elif kind == "unknown":
                    # A fresh login each time, so that it never locks.
                    response, took = self.attempt(
                        "t-none-" + secrets.token_hex(3))
                    self.assertIn(WRONG, response.text)
                else:
                    unlock(wrong)
                    response, took = self.attempt(wrong)
                    self.assertIn(WRONG, response.text)
                samples[kind].append(took)
        medians = {kind: statistics.median(times)
                   for kind, times in samples.items()}
        # A generous factor: the answers must not be told apart by an
        # attacker, yet the machine may be loaded. Without a scrypt run the
        # locked answer takes a small fraction of the others.
        for kind in ["locked", "wrong"]:
            self.assertGreaterEqual(medians[kind], 0.5 * medians["unknown"],
                                    medians)
            self.assertGreaterEqual(medians["unknown"], 0.5 * medians[kind],
                                    medians)


if __name__ == "__main__":
    import unittest
    unittest.main()
