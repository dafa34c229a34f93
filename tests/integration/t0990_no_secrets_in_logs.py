"""Runs last: no access code mailed during the run, no link token and no
password field reached a log."""
import os
import re
import subprocess
import tempfile
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


class ProductionLogFormat(unittest.TestCase):
    """The production include logs with the query-less format, and refuses
    to load without it."""

    def nginx_test(self, http_lines):
        build = os.path.join(harness.root(), "build", "nginx")
        with tempfile.TemporaryDirectory() as tmp:
            conf = os.path.join(tmp, "nginx.conf")
            with open(conf, "w") as f:
                f.write("pid %s/nginx.pid;\nerror_log stderr;\n"
                        "events {}\nhttp {\n%s\nserver {\n"
                        "listen 127.0.0.1:1;\ninclude %s/passwd.conf;\n}\n}\n"
                        % (tmp, http_lines, build))
            return subprocess.run(["nginx", "-t", "-q", "-c", conf],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True,
                                  timeout=30)

    def test_the_log_format_leaves_out_query_strings(self):
        with open(os.path.join(harness.root(), "build", "nginx",
                               "passwd-http.conf")) as f:
            text = f.read()
        log_format = text[text.index("log_format passwd"):]
        self.assertIn("$uri", log_format)
        for leak in ["$request ", "$request\"", "$request_uri", "$args",
                     "$query_string", "$arg_"]:
            self.assertNotIn(leak, log_format)

    def test_the_include_loads_only_with_its_log_format(self):
        build = os.path.join(harness.root(), "build", "nginx")
        without = self.nginx_test("include /etc/nginx/mime.types;")
        self.assertNotEqual(without.returncode, 0)
        self.assertIn('unknown log format "passwd"', without.stdout)
        with_format = self.nginx_test(
            "include /etc/nginx/mime.types;\ninclude %s/passwd-http.conf;"
            % build)
        self.assertEqual(with_format.returncode, 0, with_format.stdout)


if __name__ == "__main__":
    unittest.main()
