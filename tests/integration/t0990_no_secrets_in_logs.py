"""Runs last: no access code mailed during the run, no link token and no
password field reached a log."""
import http.client
import os
import re
import secrets
import subprocess
import tempfile
import time
import unittest
import urllib.parse

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
        # Every 10-digit window of every run of digits, looked up in the
        # set: the same as searching each code in each text, in one pass
        # (make bench leaves tens of thousands of code mails and large logs).
        # A request id is 32 random hex digits, and one in twelve holds a
        # run of ten decimal ones: dropped first, or a long log meets some
        # code by chance (as one of 58,755 lines once did).
        request_id = re.compile(r"\brequest_id=[0-9a-f]{32}\b")
        for name, text in log_texts():
            text = request_id.sub("request_id=-", text)
            for run in re.finditer(r"\d{10,}", text):
                digits = run.group(0)
                for i in range(len(digits) - 9):
                    self.assertNotIn(digits[i:i + 10], codes, name)

    def test_no_link_token_or_password_in_any_log(self):
        for name, text in log_texts():
            self.assertIsNone(re.search(r"[?&]t=[A-Za-z0-9_-]{20,}", text), name)
            self.assertNotIn("password=", text, name)
            self.assertNotIn("Kq7mWz2x!Rv", text, name)


def every_log_file():
    """(relative name, bytes) of every file under var/log, rotated ones
    (FILE.1) and subfolders included."""
    folder = harness.var_path("log")
    for top, _, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.join(top, name)
            with open(path, "rb") as f:
                yield os.path.relpath(path, folder), f.read()


class TokensStayOutOfLogs(unittest.TestCase):
    """Issue 12, finding 4: a page's log line goes to the page's own log
    (var/log/<page>.log here, the journal when installed), never through
    FastCGI's error stream, which nginx would copy into its error log with
    the request line, a mailed link's token included. The line's request id
    still finds the request in nginx's access log."""

    PAGES = "/cgi-open-bin/passwd/"

    def send(self, method, target, body=None, headers=None):
        """Sends the request exactly as written (requests would re-quote
        "%ZZ"); returns the status."""
        host = urllib.parse.urlsplit(harness.base_url())
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    @staticmethod
    def size(name):
        try:
            return os.path.getsize(harness.var_path("log", name))
        except FileNotFoundError:
            return 0

    @staticmethod
    def wait_for_line(name, offset, pattern, timeout=15):
        """The first line of var/log/NAME past byte OFFSET matching PATTERN
        (a compiled regex); AssertionError after TIMEOUT seconds."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with open(harness.var_path("log", name), "rb") as f:
                    f.seek(offset)
                    text = f.read().decode("utf-8", "replace")
            except FileNotFoundError:
                text = ""
            for line in text.splitlines():
                if pattern.search(line):
                    return line
            if time.monotonic() >= deadline:
                raise AssertionError("no line matching %s in %s:\n%s"
                                     % (pattern.pattern, name, text[-2000:]))
            time.sleep(0.2)

    def test_a_refused_link_request_logs_its_line_without_the_token(self):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        cases = [
            # (method, page, query after the token, body, status)
            ("GET", "not_me", "&x=%ZZ", None, 400),
            ("GET", "operator_link", "&x=%ZZ", None, 400),
            ("GET", "not_me", "&x=%FF%FE", None, 400),
            ("DELETE", "operator_link", "", None, 405),
            ("POST", "not_me", "", "a=1", 403),
        ]
        tokens = []
        for method, page, rest, body, status in cases:
            with self.subTest(method=method, page=page, rest=rest):
                token = secrets.token_urlsafe(32)  # 43 characters, as mailed
                tokens.append(token)
                log = page + ".log"
                offset = self.size(log)
                access_offset = self.size("nginx-access.log")
                target = "%s%s?t=%s%s" % (self.PAGES, page, token, rest)
                self.assertEqual(self.send(method, target, body,
                                           form if body else None), status)
                line = self.wait_for_line(log, offset, re.compile(
                    r"event=page_failed page=%s request_id=[0-9a-f]+ "
                    r"outcome=%d " % (page, status)))
                self.assertNotIn(token, line)
                self.assertNotIn("?", line)
                request_id = re.search(r"request_id=([0-9a-f]+)",
                                       line).group(1)
                access = self.wait_for_line(
                    "nginx-access.log", access_offset,
                    re.compile(r"rid=%s\b" % request_id))
                self.assertIn('"%s %s%s ' % (method, self.PAGES, page), access)
                self.assertIn(" %d " % status, access)
        # The tokens are in no log at all, nginx's error log included.
        for name, data in every_log_file():
            for token in tokens:
                self.assertNotIn(token.encode(), data, name)


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
        start = text.index("log_format passwd")
        # The directive alone: it ends at its first ";".
        log_format = text[start:text.index(";", start) + 1]
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
