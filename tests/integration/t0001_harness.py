"""The stack itself, before any page is tested: nginx and its static files,
the SMTP catcher and its Maildir, scripts/service, the database and its
migrations, and the harness's own helpers."""
import glob
import mailbox as maildir
import os
import shutil
import smtplib
import socket
import subprocess
import tempfile
import time
import unittest
import uuid
from email.message import EmailMessage

import requests

import harness

NGINX_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; "
                               "style-src 'self'; "
                               "img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def smtp_address():
    url = harness.read_config()["smtp_url"]
    host_port = url.split("://", 1)[1].rstrip("/")
    host, port = host_port.rsplit(":", 1)
    return host, int(port)


def smtp_accepts():
    try:
        with socket.create_connection(smtp_address(), timeout=2):
            return True
    except OSError:
        return False


class Nginx(unittest.TestCase):
    def test_answers_the_top_page(self):
        response = requests.get(harness.url("/cgi-open-bin/passwd/index"),
                                timeout=10)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Server"), "nginx")  # no version

    def test_redirects_the_roots_to_the_top_page(self):
        browser = harness.Browser()
        for path in ["/", "/cgi-open-bin/passwd/"]:
            with self.subTest(path=path):
                response = browser.get(path)
                self.assertIn(response.status_code, (301, 302))
                self.assertEqual(harness.location_path(response),
                                 "/cgi-open-bin/passwd/index")

    def test_serves_the_stylesheet(self):
        response = requests.get(harness.url("/passwd/static/passwd.css"),
                                timeout=10)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "text/css")
        for name, value in NGINX_SECURITY_HEADERS.items():
            self.assertEqual(response.headers.get(name), value, name)
        self.assertIn("max-age", response.headers.get("Cache-Control", ""))

    def test_lists_no_directory(self):
        for path in ["/passwd/static/", "/passwd/errors/", "/passwd/errors/404.html",
                     "/passwd/static/../../etc/passwd.conf.example"]:
            with self.subTest(path=path):
                response = requests.get(harness.url(path), timeout=10)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Index of", response.text)

    def test_own_errors_carry_the_headers_and_no_store(self):
        for path, status in [("/__test/500", 500), ("/__test/502", 502),
                             ("/no/such/page", 404)]:
            with self.subTest(path=path):
                response = requests.get(harness.url(path), timeout=10)
                self.assertEqual(response.status_code, status)
                self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
                self.assertEqual(response.headers.get("Cache-Control"), "no-store")
                for name, value in NGINX_SECURITY_HEADERS.items():
                    self.assertEqual(response.headers.get(name), value, name)

    def test_admin_prefix_takes_page_names_only(self):
        response = requests.get(harness.url("/cgi-bin/passwd-admin/Bad.Name"),
                                timeout=10)
        self.assertEqual(response.status_code, 404)


class SmtpCatcher(unittest.TestCase):
    def send(self, to, subject, body):
        msg = EmailMessage()
        msg["From"] = "UMIN パスワード更新 <passwd-noreply@umin.ac.jp>"
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        host, port = smtp_address()
        with smtplib.SMTP(host, port, timeout=10) as smtp:
            smtp.send_message(msg, from_addr="bounce@umin.ac.jp",
                              to_addrs=[to, "copy-" + to])

    def test_stores_utf8_mail_with_its_envelope(self):
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        to = "harness-%s@example.org" % uuid.uuid4().hex[:12]
        self.send(to, "アクセスコードのお知らせ", "アクセスコード: 0123456789\n有効期限\n")
        msg = mailbox.wait_for_one(to, since=mark)
        self.assertEqual(msg["Subject"], "アクセスコードのお知らせ")
        self.assertEqual(msg["X-Envelope-From"], "<bounce@umin.ac.jp>")
        self.assertEqual(msg.envelope_to, [to, "copy-" + to])
        self.assertIn("アクセスコード: 0123456789", harness.body_text(msg))
        self.assertEqual(mailbox.messages(to="copy-" + to, since=mark)[0].maildir_key,
                         msg.maildir_key)
        self.assertNotIn(msg.maildir_key, mark)
        self.assertEqual(mailbox.messages(to=to, since=mailbox.mark()), [])

    def test_stores_mail_with_raw_8bit_headers(self):
        # SMTPUTF8: a UTF-8 local part and raw UTF-8 headers, as some senders do.
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        to = "利用者-%s@example.org" % uuid.uuid4().hex[:8]
        raw = ("From: passwd-noreply@umin.ac.jp\r\nTo: %s\r\n"
               "Subject: 件名\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: 8bit\r\n\r\n本文\r\n" % to).encode("utf-8")
        host, port = smtp_address()
        with smtplib.SMTP(host, port, timeout=10) as smtp:
            smtp.sendmail("passwd-noreply@umin.ac.jp", [to], raw,
                          mail_options=["SMTPUTF8", "BODY=8BITMIME"])
        msg = mailbox.wait_for_one(to, since=mark)
        self.assertEqual(msg["Subject"], "件名")
        self.assertEqual(harness.body_text(msg).strip(), "本文")

    def test_reads_another_maildir_once_as_it_changes(self):
        # scripts/drills' Maildir is the cluster's; a message is parsed once
        # and kept, and follows its file from new/ to cur/ or out.
        top = tempfile.mkdtemp(prefix="harness-maildir-")
        self.addCleanup(shutil.rmtree, top)
        folder = os.path.join(top, "mail")
        box = maildir.Maildir(folder, create=True)
        first = box.add(b"X-Envelope-To: a@example.org\nSubject: one\n\nbody\n")
        mailbox = harness.Mailbox(folder)
        [msg] = mailbox.messages(to="a@example.org")
        self.assertEqual((msg["Subject"], msg.maildir_key), ("one", first))
        self.assertAlmostEqual(msg.arrived_ns / 1e9, time.time(), delta=60)
        mark = mailbox.mark()
        second = box.add(b"X-Envelope-To: b@example.org\nSubject: two\n\nbody\n")
        self.assertEqual([m.maildir_key for m in mailbox.messages(since=mark)],
                         [second])
        os.rename(os.path.join(folder, "new", first),
                  os.path.join(folder, "cur", first + ":2,S"))
        self.assertEqual(len(mailbox.messages(to="a@example.org")), 1)
        os.unlink(os.path.join(folder, "cur", first + ":2,S"))
        self.assertEqual(mailbox.messages(to="a@example.org"), [])
        self.assertEqual(mailbox.keys(), {second})

    def test_service_stop_and_start(self):
        try:
            harness.service("stop", "smtp")
            self.assertFalse(smtp_accepts())
            self.assertEqual(harness.service("status", "smtp", check=False).returncode, 3)
            harness.service("stop", "smtp")  # stopping twice is harmless
        finally:
            harness.service("start", "smtp")
        self.assertTrue(smtp_accepts())
        harness.service("start", "smtp")  # starting twice is harmless
        self.assertEqual(harness.service("status", "smtp", check=False).returncode, 0)
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        to = "after-restart-%s@example.org" % uuid.uuid4().hex[:8]
        self.send(to, "restart", "still stored\n")
        mailbox.wait_for_one(to, since=mark)


class Database(unittest.TestCase):
    def test_every_migration_is_recorded(self):
        files = sorted(os.path.basename(p) for p in
                       glob.glob(os.path.join(harness.root(), "sql", "[0-9]*.sql")))
        self.assertTrue(files)
        recorded = [row["name"] for row in
                    harness.db_query("SELECT name FROM schema_migrations ORDER BY name")]
        self.assertEqual(recorded, files)

    def test_runs_as_the_spec_says(self):
        row = harness.db_query(
            "SELECT @@innodb_flush_log_at_trx_commit AS flush, "
            "@@character_set_server AS charset, @@time_zone AS tz, "
            "@@skip_networking AS no_tcp")[0]
        self.assertEqual(row, {"flush": "1", "charset": "utf8mb4", "tz": "+00:00",
                               "no_tcp": "1"})

    def test_app_user_has_least_privilege(self):
        config = harness.read_config()
        grants = [next(iter(r.values())) for r in harness.db_query(
            "SHOW GRANTS FOR %s@'localhost'" % harness.sql_quote(config["db_user"]))]
        on_db = [g for g in grants if " ON `%s`.*" % config["db_name"] in g]
        self.assertEqual(len(on_db), 1, grants)
        self.assertIn("GRANT SELECT, INSERT, UPDATE, DELETE ON", on_db[0])
        others = [g for g in grants if g not in on_db]
        self.assertTrue(all(g.startswith("GRANT USAGE ON *.*") for g in others), grants)

    def test_query_helpers_round_trip(self):
        tricky = "O'Brien \\ 山田\t太郎\n"
        row = harness.db_query("SELECT %s AS s, NULL AS n, 42 AS i", [tricky])[0]
        self.assertEqual(row, {"s": tricky, "n": None, "i": "42"})
        self.assertEqual(harness.db_value("SELECT COUNT(*) FROM schema_migrations "
                                          "WHERE name = %(n)s", {"n": "none"}), "0")

    def test_query_helpers_take_another_defaults_file(self):
        # scripts/drills reads each cluster node through its own file.
        with tempfile.NamedTemporaryFile("w", suffix=".cnf") as copy:
            with open(harness.db_cnf()) as f:
                copy.write(f.read())
            copy.flush()
            self.assertEqual(harness.db_value("SELECT 7", cnf=copy.name), "7")
        with tempfile.NamedTemporaryFile("w", suffix=".cnf") as elsewhere:
            elsewhere.write("[client]\nsocket = /nonexistent/mysqld.sock\n")
            elsewhere.flush()
            with self.assertRaises(RuntimeError):
                harness.db_query("SELECT 1", cnf=elsewhere.name)

    def test_service_stop_and_start(self):
        try:
            harness.service("stop", "db")
            with self.assertRaises(RuntimeError):
                harness.db_query("SELECT 1")
        finally:
            harness.service("start", "db")
        self.assertEqual(harness.db_value("SELECT 1 AS one"), "1")
        harness.service("start", "db")  # idempotent
        # The pages recover by themselves once the database is back.
        deadline = time.monotonic() + 15
        while True:
            status = requests.get(harness.url("/cgi-open-bin/passwd/index"),
                                  timeout=10).status_code
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual(status, 200)


class BrowserBase(unittest.TestCase):
    def test_a_browser_may_use_another_stack(self):
        self.assertEqual(harness.url("/x", base="http://127.0.0.1:1/"),
                         "http://127.0.0.1:1/x")
        with harness.Browser(base_url=harness.base_url() + "/") as browser:
            self.assertEqual(browser.get("/cgi-open-bin/passwd/index")
                             .status_code, 200)
            self.assertTrue(browser.last.url.startswith(harness.base_url()))
        with harness.Browser(base_url="http://127.0.0.1:1") as browser:
            with self.assertRaises(requests.ConnectionError):
                browser.get("/cgi-open-bin/passwd/index")


class HtmlHelpers(unittest.TestCase):
    PAGE = """<!DOCTYPE html><html><body>
      <a href="/cgi-open-bin/passwd/index">トップ<b>ページ</b></a>
      <form method="post" action="/cgi-open-bin/passwd/send_id">
        <input type="hidden" name="csrf_token" value="a&amp;b&quot;c">
        <input type="text" name="umin_id" value="">
        <input type=hidden name=step value=2>
      </form>
      <script>var x = "<a href='/no'>no</a>";</script>
    </body></html>"""

    def test_reads_hidden_inputs_links_and_forms(self):
        self.assertEqual(harness.csrf_token(self.PAGE), 'a&b"c')
        self.assertEqual(harness.hidden_inputs(self.PAGE),
                         {"csrf_token": 'a&b"c', "step": "2"})
        self.assertEqual(harness.links(self.PAGE),
                         {"トップページ": "/cgi-open-bin/passwd/index"})
        form = harness.forms(self.PAGE)[0]
        self.assertEqual((form["action"], form["method"]),
                         ("/cgi-open-bin/passwd/send_id", "post"))
        self.assertEqual([i["name"] for i in form["inputs"]],
                         ["csrf_token", "umin_id", "step"])
        with self.assertRaises(AssertionError):
            harness.hidden_value(self.PAGE, "missing")

    def test_run_tests_counts_a_crashed_runner_as_failed(self):
        # The runner's last line is what run-tests counts.
        proc = subprocess.run(
            ["/usr/bin/python3", os.path.join(harness.root(), "tests", "integration",
                                              "run.py"), "/nonexistent/t9999_x.py"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        last = proc.stdout.decode().strip().splitlines()[-1]
        self.assertEqual(last, "RESULT passed=0 failed=1 skipped=0")
        self.assertNotEqual(proc.returncode, 0)


if __name__ == "__main__":
    unittest.main()
