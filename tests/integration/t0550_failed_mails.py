"""The console's failed mails (/cgi-bin/passwd-admin/mails) and their
"retry now" (/cgi-bin/passwd-admin/mail_retry): a mail the mail-sender gave
up on (the SMTP catcher stopped while it used its last attempt) is listed
without its body; retrying it needs a session, POST and the CSRF token, is
audited with the operator's name and puts the row back to pending, and the
mail arrives once the server is back. A mail that is not failed, or whose
one-time secret was wiped, is refused with a clear page; the list pages
newest first in the database."""
import re
import secrets
import time
import unittest

import harness
import t0520_console as console

MAILS = "/cgi-bin/passwd-admin/mails"
MAIL_RETRY = "/cgi-bin/passwd-admin/mail_retry"
BODY_MARKER = "t0540-body-%s" % secrets.token_hex(8)


def recipient(tag=""):
    return "t0540-%s%s@example.org" % (secrets.token_hex(5), tag)


def insert_mail(to, status="pending", attempts=0, not_after=None,
                last_error=""):
    harness.db_exec(
        "INSERT INTO mail_outbox (kind, recipient, subject, body, not_after, "
        "status, attempts, next_attempt_at, last_error, created_at) VALUES "
        "('test', %s, 'テスト', %s, %s, %s, %s, UTC_TIMESTAMP(), %s, "
        "UTC_TIMESTAMP())",
        [to, "本文 %s\n" % BODY_MARKER, not_after, status, attempts,
         last_error])
    return int(harness.db_value(
        "SELECT MAX(id) FROM mail_outbox WHERE recipient = %s", [to]))


def mail_row(mail_id):
    return harness.db_query("SELECT status, attempts, last_error FROM "
                            "mail_outbox WHERE id = %s", [mail_id])[0]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError("%s: not within %ss" % (what, timeout))
        time.sleep(0.3)


def list_row(page, mail_id):
    m = re.search(r'<tr id="mail-%d">(.*?)</tr>' % mail_id, page, re.S)
    return m.group(1) if m else None


def setUpModule():
    if harness.service("status", "workers", check=False).returncode != 0:
        harness.service("start", "workers")


def tearDownModule():
    harness.db_exec("DELETE FROM mail_outbox WHERE recipient LIKE "
                    "'t0540-%@example.org'")


class FailedMails(unittest.TestCase):
    def setUp(self):
        console.forget_login_failures()
        console.unlock(console.DEMO_LOGIN)
        self.browser = console.signed_in_browser()
        self.mailbox = harness.Mailbox()

    def tearDown(self):
        self.browser.close()

    def retry(self, mail_id, token=None, page=None):
        if token is None:
            token = harness.csrf_token((page or self.browser.get(MAILS)).text)
        return self.browser.post(MAIL_RETRY, data={"id": str(mail_id),
                                                   "csrf_token": token})

    def test_a_mail_that_failed_for_real_is_listed_and_retried(self):
        max_attempts = int(harness.read_config().get("mail_max_attempts",
                                                     "30"))
        to = recipient()
        mark = self.mailbox.mark()
        harness.service("stop", "smtp")
        self.addCleanup(harness.service, "start", "smtp")
        mail_id = insert_mail(to, attempts=max_attempts - 1)
        wait_until(lambda: mail_row(mail_id)["status"] == "failed", 60,
                   "the mail-sender giving up")
        error = mail_row(mail_id)["last_error"]
        self.assertNotEqual(error, "")

        page = self.browser.get(MAILS)
        self.assertEqual(page.status_code, 200)
        row = list_row(page.text, mail_id)
        self.assertIsNotNone(row, "failed mail not listed")
        self.assertIn(to, harness.text(row))
        self.assertIn(str(max_attempts), harness.text(row).split("\n"))
        self.assertIn(harness.text(error), harness.text(row))
        forms = harness.forms(row)
        self.assertEqual(len(forms), 1)
        self.assertEqual(forms[0]["action"], MAIL_RETRY)
        self.assertEqual(forms[0]["method"], "post")
        self.assertNotIn(BODY_MARKER, page.text)
        # The navigation leads here.
        self.assertIn(MAILS, [h for _, h in harness.all_links(page.text)])

        # Without the CSRF token, or with GET: refused, nothing changes.
        refused = self.retry(mail_id, token="x" * 40)
        self.assertEqual(refused.status_code, 403)
        no_token = self.browser.post(MAIL_RETRY, data={"id": str(mail_id)})
        self.assertEqual(no_token.status_code, 403)
        get = self.browser.get(MAIL_RETRY, params={"id": str(mail_id)})
        self.assertEqual(get.status_code, 405)
        self.assertEqual(mail_row(mail_id)["status"], "failed")
        with harness.Browser() as anonymous:
            self.assertEqual(
                anonymous.post(MAIL_RETRY, data={"id": str(mail_id)})
                .status_code, 303)
        self.assertEqual(mail_row(mail_id)["status"], "failed")

        done = self.retry(mail_id, page=page)
        self.assertEqual(done.status_code, 303, harness.text(done.text))
        self.assertEqual(harness.location_path(done),
                         "%s?retried=%d" % (MAILS, mail_id))
        row = mail_row(mail_id)
        self.assertEqual(row["status"], "pending")
        self.assertLess(int(row["attempts"]), max_attempts - 1)
        audit = console.audit_rows(event="mail_retried")
        mine = [a for a in audit
                if a["detail"] == "mail %d (test)" % mail_id]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["operator_name"], console.DEMO_LOGIN)
        flash = self.browser.get(done.headers["Location"])
        self.assertIn("メール %d を送信待ちに戻しました。" % mail_id,
                      harness.text(flash.text))
        self.assertIsNone(list_row(flash.text, mail_id))

        # A second retry of the same mail: it is not failed any more.
        again = self.retry(mail_id)
        self.assertEqual(again.status_code, 403)
        self.assertIn("このメールは送信失敗の状態ではないため、再送できません",
                      harness.text(again.text))

        harness.service("start", "smtp")
        self.mailbox.wait_for_one(to, since=mark, timeout=60)
        wait_until(lambda: mail_row(mail_id)["status"] == "sent", 30,
                   "the retried mail being sent")

    def test_a_mail_that_carried_a_secret_cannot_be_retried(self):
        mail_id = insert_mail(recipient("-code"), status="failed", attempts=1,
                              not_after="2026-01-01 00:00:00",
                              last_error="550 mailbox unavailable")
        page = self.browser.get(MAILS)
        row = list_row(page.text, mail_id)
        self.assertIsNotNone(row)
        self.assertEqual(harness.forms(row), [])
        self.assertIn("再送不可", harness.text(row))
        refused = self.retry(mail_id, page=page)
        self.assertEqual(refused.status_code, 403)
        self.assertIn("送信失敗時に消去されたため再送できません",
                      harness.text(refused.text))
        self.assertEqual(mail_row(mail_id)["status"], "failed")

    def test_unknown_malformed_and_sent_mails_are_refused(self):
        page = self.browser.get(MAILS)
        token = harness.csrf_token(page.text)
        missing = int(harness.db_value(
            "SELECT COALESCE(MAX(id), 0) + 1000 FROM mail_outbox"))
        self.assertEqual(self.retry(missing, token=token).status_code, 404)
        for bad in ("abc", "", "-1", "0"):
            response = self.browser.post(MAIL_RETRY, data={
                "id": bad, "csrf_token": token})
            self.assertEqual(response.status_code, 404, bad)
        sent = insert_mail(recipient("-sent"), status="sent", attempts=1)
        refused = self.retry(sent, token=token)
        self.assertEqual(refused.status_code, 403)
        self.assertIn("送信失敗の状態ではない", harness.text(refused.text))
        self.assertEqual(mail_row(sent)["status"], "sent")
        bad_page = self.browser.get(MAILS, params={"before": "x"})
        self.assertEqual(bad_page.status_code, 400)

    def test_the_list_is_newest_first_a_page_at_a_time(self):
        ids = [insert_mail(recipient("-p%d" % i), status="failed",
                           attempts=30, last_error="gave up")
               for i in range(55)]
        first = self.browser.get(MAILS)
        shown = [int(i) for i in
                 re.findall(r'<tr id="mail-(\d+)">', first.text)]
        self.assertEqual(len(shown), 50)
        self.assertEqual(shown, sorted(shown, reverse=True))
        self.assertEqual(shown[:50], sorted(ids, reverse=True)[:50])
        older = harness.links(first.text)["さらに古い送信失敗メール"]
        self.assertEqual(older, "%s?before=%d" % (MAILS, shown[-1]))
        second = self.browser.get(older)
        rest = [int(i) for i in
                re.findall(r'<tr id="mail-(\d+)">', second.text)]
        self.assertTrue(rest)
        self.assertTrue(all(i < shown[-1] for i in rest))
        self.assertEqual(rest[:5], sorted(ids, reverse=True)[50:])
        self.assertIn(MAILS, [h for _, h in harness.all_links(second.text)])


if __name__ == "__main__":
    unittest.main()
