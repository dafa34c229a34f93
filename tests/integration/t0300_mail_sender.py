"""The mail-sender worker against the stack's SMTP catcher: a queued mail
arrives once, as proper MIME; with the mail server down mail waits in the
outbox, and when it returns every mail arrives exactly once."""
import datetime
import email.utils
import secrets
import time
import unittest

import harness

SUBJECT = "【UMIN】テスト送信のお知らせ"
BODY = "これは送信テストです。\nアクセスコードは含まれません。\n"

INSERT = """
INSERT INTO mail_outbox (kind, recipient, subject, body, next_attempt_at,
                         created_at)
VALUES ('test', %s, %s, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP())
"""


def unique_recipient(tag=""):
    return "t0300-%s%s@example.org" % (secrets.token_hex(6), tag)


def enqueue(recipient, subject=SUBJECT, body=BODY):
    harness.db_exec(INSERT, (recipient, subject, body))


def outbox_row(recipient):
    rows = harness.db_query(
        "SELECT status, attempts, last_error, message_id, sealed_secret "
        "FROM mail_outbox WHERE recipient = %s", (recipient,))
    if len(rows) != 1:
        raise AssertionError("%d outbox rows for %s" % (len(rows), recipient))
    return rows[0]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError("%s: not within %ss" % (what, timeout))
        time.sleep(0.2)


def setUpModule():
    # The stack's start script runs build/tools/mail_sender; make sure it
    # runs (after a 'service stop workers' by another test, say).
    if harness.service("status", "workers", check=False).returncode != 0:
        harness.service("start", "workers")
    if harness.service("status", "workers", check=False).returncode != 0:
        raise AssertionError("the mail_sender worker does not run "
                             "(is build/tools/mail_sender built?)")


def tearDownModule():
    harness.db_exec("DELETE FROM mail_outbox WHERE recipient LIKE "
                    "'t0300-%@example.org'")


class MailSender(unittest.TestCase):
    def setUp(self):
        self.mailbox = harness.Mailbox()
        self.config = harness.read_config()

    def test_a_queued_mail_arrives_once_as_mime(self):
        recipient = unique_recipient()
        mark = self.mailbox.mark()
        started = datetime.datetime.now(datetime.timezone.utc)
        enqueue(recipient)
        msg = self.mailbox.wait_for_one(recipient, since=mark, timeout=10)

        self.assertEqual(str(msg["Subject"]), SUBJECT)
        raw_subject = dict(msg.raw_items())["Subject"]
        self.assertTrue(raw_subject.isascii(), raw_subject)
        self.assertIn("=?", raw_subject)
        self.assertEqual(msg["To"].addresses[0].addr_spec, recipient)
        self.assertEqual(msg["From"].addresses[0].addr_spec,
                         self.config.get("mail_from_address",
                                         "passwd-noreply@umin.ac.jp"))
        message_id = str(msg["Message-ID"])
        self.assertRegex(message_id, r"^<[0-9a-f]{32}@[A-Za-z0-9.-]+>$")
        date = email.utils.parsedate_to_datetime(str(msg["Date"]))
        self.assertEqual(date.utcoffset(), datetime.timedelta(hours=9))
        self.assertLess(abs((date - started).total_seconds()), 120)
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertEqual(harness.body_text(msg).replace("\r\n", "\n"), BODY)

        # Exactly once, and the row says so.
        time.sleep(3)
        self.assertEqual(len(self.mailbox.messages(to=recipient, since=mark)),
                         1)
        row = outbox_row(recipient)
        self.assertEqual(row["status"], "sent")
        self.assertEqual(row["message_id"], message_id)
        self.assertIsNone(row["sealed_secret"])

    def test_mail_waits_out_an_smtp_outage_and_arrives_once(self):
        recipients = [unique_recipient("-%d" % i) for i in range(3)]
        mark = self.mailbox.mark()
        harness.service("stop", "smtp")
        # Always bring the mail server back, whatever happens below.
        self.addCleanup(harness.service, "start", "smtp")
        for r in recipients:
            enqueue(r, body="停止中に送られたメール %s\n" % r)

        def tried():
            return any(int(outbox_row(r)["attempts"]) > 0 for r in recipients)
        wait_until(tried, 15, "a first delivery attempt")
        time.sleep(3)
        for r in recipients:
            row = outbox_row(r)
            self.assertEqual(row["status"], "pending", r)
        tried_rows = [outbox_row(r) for r in recipients
                      if int(outbox_row(r)["attempts"]) > 0]
        for row in tried_rows:
            self.assertNotEqual(row["last_error"], "")
            self.assertNotIn("停止中", row["last_error"])
        self.assertEqual(self.mailbox.messages(since=mark), [])

        harness.service("start", "smtp")
        for r in recipients:
            self.mailbox.wait_for_one(r, since=mark, timeout=30)
        # Nothing doubled: wait a little for a stray second copy.
        time.sleep(3)
        for r in recipients:
            got = self.mailbox.messages(to=r, since=mark)
            self.assertEqual(len(got), 1, r)
            self.assertIn(r, harness.body_text(got[0]))
            row = outbox_row(r)
            self.assertEqual(row["status"], "sent", r)
            self.assertEqual(row["message_id"], str(got[0]["Message-ID"]))


if __name__ == "__main__":
    unittest.main()
