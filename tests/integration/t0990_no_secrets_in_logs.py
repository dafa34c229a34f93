"""Runs last: no access code mailed during the run, no link token and no
password field reached a log."""
import os
import re
import unittest

import flows
import harness


def log_texts():
    folder = harness.var_path("log")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            yield name, f.read().decode("utf-8", "replace")


class NoSecretsInLogs(unittest.TestCase):
    def test_no_access_code_in_any_log(self):
        codes = set()
        for msg in harness.Mailbox().messages():
            if str(msg["Subject"]) == "UMIN パスワード更新 アクセスコード通知":
                codes.add(flows.code_from_mail(msg))
        self.assertTrue(codes, "the run mailed access codes")
        for name, text in log_texts():
            for code in codes:
                self.assertNotIn(code, text, name)

    def test_no_link_token_or_password_in_any_log(self):
        for name, text in log_texts():
            self.assertIsNone(re.search(r"[?&]t=[A-Za-z0-9_-]{20,}", text), name)
            self.assertNotIn("password=", text, name)
            self.assertNotIn("Kq7mWz2x!Rv", text, name)


if __name__ == "__main__":
    unittest.main()
