"""Data retention (issue 9): the housekeeper deletes reset flows, finished
mail, expired not-me and operator links, closed operator requests (with
their notes, links and decided address changes) and audit rows once they
are past the windows var/passwd.conf sets, and nothing younger; open
requests, pending mail and unexpired links never go by age."""
import secrets
import unittest

import harness
from t0600_housekeeper import run_housekeeper

ACCOUNT = "umin101-test"
HOUR = 3600
DAY = 24 * HOUR


def window_days(key, default):
    return int(harness.read_config().get(key, default))


def ago(seconds):
    """An SQL expression for the time SECONDS ago (negative: ahead)."""
    return "UTC_TIMESTAMP() - INTERVAL %d SECOND" % int(seconds)


def count(table, where, params):
    return int(harness.db_value(
        "SELECT COUNT(*) FROM %s WHERE %s" % (table, where), params))


class Retention(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.operator_id = harness.db_value(
            "SELECT id FROM operators WHERE login = 'demo-op'")
        cls.tag = secrets.token_hex(4)

    def setUp(self):
        harness.clear_clock_offset()

    def token(self):
        return secrets.token_hex(32)

    def housekeep(self):
        result = run_housekeeper()
        self.assertEqual(result.returncode, 0, result.stdout.decode())

    # --- reset flows -------------------------------------------------------

    def add_flow(self, age):
        token = self.token()
        harness.db_exec(
            "INSERT INTO reset_flows (token_hash, umin_id, via, state, "
            "code_expires_at, client_address, created_at, updated_at) VALUES "
            "(%s, %s, 'id', 'expired', {0}, '127.0.0.1', {0}, {0})".format(
                ago(age)), [token, ACCOUNT])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM reset_flows WHERE token_hash = %s",
                        [token])
        return token

    def test_reset_flows_past_their_window_go(self):
        days = window_days("reset_flow_retention_days", 30)
        old = self.add_flow(days * DAY + HOUR)
        young = self.add_flow(days * DAY - HOUR)
        self.housekeep()
        where = "token_hash = %s"
        self.assertEqual(count("reset_flows", where, [old]), 0)
        self.assertEqual(count("reset_flows", where, [young]), 1)

    # --- the outbox --------------------------------------------------------

    def add_mail(self, status, age, due_in=None):
        """A mail created `age` seconds ago; due `due_in` seconds from now
        (default: when it was created). It is inserted with its due time, so
        the running mail-sender never sees a pending one due earlier."""
        subject = "retention %s %s" % (self.tag, secrets.token_hex(4))
        due = ago(age) if due_in is None else ago(-due_in)
        harness.db_exec(
            "INSERT INTO mail_outbox (kind, recipient, subject, body, status, "
            "next_attempt_at, created_at) VALUES ('test', "
            "'retention@example.org', %s, 'body', %s, {1}, {0})".format(
                ago(age), due), [subject, status])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM mail_outbox WHERE subject = %s", [subject])
        return subject

    def test_finished_mail_past_its_window_goes_and_pending_mail_stays(self):
        days = window_days("outbox_retention_days", 7)
        gone = [self.add_mail(s, days * DAY + HOUR)
                for s in ("sent", "failed", "expired")]
        kept = [self.add_mail("sent", days * DAY - HOUR),
                self.add_mail("failed", days * DAY - HOUR),
                # A pending mail is never deleted by age. Due tomorrow, so
                # the mail-sender leaves it alone meanwhile.
                self.add_mail("pending", 10 * days * DAY, due_in=DAY)]
        self.housekeep()
        where = "subject = %s"
        for subject in gone:
            self.assertEqual(count("mail_outbox", where, [subject]), 0, subject)
        for subject in kept:
            self.assertEqual(count("mail_outbox", where, [subject]), 1, subject)

    # --- links -------------------------------------------------------------

    def add_not_me_link(self, expired_ago, request_id=None):
        token = self.token()
        harness.db_exec(
            "INSERT INTO not_me_links (token_hash, umin_id, created_at, "
            "expires_at, operator_request_id) VALUES (%s, %s, {0}, {1}, %s)"
            .format(ago(expired_ago + 7 * DAY), ago(expired_ago)),
            [token, ACCOUNT, request_id])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM not_me_links WHERE token_hash = %s",
                        [token])
        return token

    def add_operator_link(self, request_id, expired_ago):
        token = self.token()
        harness.db_exec(
            "INSERT INTO operator_link_tokens (token_hash, request_id, "
            "umin_id, operator_id, created_at, expires_at) VALUES "
            "(%s, %s, %s, %s, {0}, {1})".format(
                ago(expired_ago + DAY), ago(expired_ago)),
            [token, request_id, ACCOUNT, self.operator_id])
        self.addCleanup(
            harness.db_exec,
            "DELETE FROM operator_link_tokens WHERE token_hash = %s", [token])
        return token

    def test_links_past_their_expiry_go_and_unexpired_ones_stay(self):
        days = window_days("expired_link_retention_days", 0)
        request_id = self.add_request("in_progress", 0)
        old_not_me = self.add_not_me_link(days * DAY + HOUR)
        young_not_me = self.add_not_me_link(days * DAY - HOUR)
        unexpired_not_me = self.add_not_me_link(-DAY)
        old_link = self.add_operator_link(request_id, days * DAY + HOUR)
        young_link = self.add_operator_link(request_id, days * DAY - HOUR)
        unexpired_link = self.add_operator_link(request_id, -HOUR)
        self.housekeep()
        where = "token_hash = %s"
        self.assertEqual(count("not_me_links", where, [old_not_me]), 0)
        self.assertEqual(count("not_me_links", where, [young_not_me]), 1)
        self.assertEqual(count("not_me_links", where, [unexpired_not_me]), 1)
        self.assertEqual(count("operator_link_tokens", where, [old_link]), 0)
        self.assertEqual(count("operator_link_tokens", where, [young_link]), 1)
        self.assertEqual(
            count("operator_link_tokens", where, [unexpired_link]), 1)

    # --- closed operator requests -----------------------------------------

    def add_request(self, status, age):
        receipt = "RHK%s" % secrets.token_hex(6)
        harness.db_exec(
            "INSERT INTO operator_requests (receipt_number, umin_id, "
            "family_name, given_name, family_reading, given_reading, "
            "birth_date, affiliation, contact_mail, reason, message, status, "
            "client_address, created_at, updated_at) VALUES (%s, %s, '山田', "
            "'太郎', 'やまだ', 'たろう', '1980-04-01', 'UMIN', "
            "'taro@example.org', 'other', 'retention test', %s, '127.0.0.1', "
            "{0}, {0})".format(ago(age)), [receipt, ACCOUNT, status])
        request_id = int(harness.db_value(
            "SELECT id FROM operator_requests WHERE receipt_number = %s",
            [receipt]))
        # Cleanup runs last-added first: the request goes after its rows.
        self.addCleanup(harness.db_exec,
                        "DELETE FROM operator_requests WHERE id = %s",
                        [request_id])
        return request_id

    def add_note(self, request_id):
        harness.db_exec(
            "INSERT INTO operator_notes (request_id, operator_id, kind, body, "
            "created_at) VALUES (%s, %s, 'note', 'retention', UTC_TIMESTAMP())",
            [request_id, self.operator_id])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM operator_notes WHERE request_id = %s",
                        [request_id])

    def add_address_change(self, request_id, status):
        harness.db_exec(
            "INSERT INTO address_change_requests (umin_id, old_mail, "
            "new_mail, reason, request_id, status, requested_by, "
            "requested_at) VALUES (%s, NULL, 'new@example.org', 'retention', "
            "%s, %s, %s, UTC_TIMESTAMP())",
            [ACCOUNT, request_id, status, self.operator_id])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM address_change_requests WHERE "
                        "request_id = %s", [request_id])

    def test_closed_requests_past_their_window_go_with_their_rows(self):
        days = window_days("closed_request_retention_days", 365)
        old = self.add_request("closed", days * DAY + HOUR)
        self.add_note(old)
        self.add_operator_link(old, -HOUR)
        self.add_address_change(old, "approved")
        # A used not-me link that opened the request, kept for longer than
        # the request by a generous link window: it goes with the request.
        not_me = self.add_not_me_link(-DAY, request_id=old)
        young = self.add_request("closed", days * DAY - HOUR)
        self.add_note(young)
        open_old = {s: self.add_request(s, 3 * days * DAY)
                    for s in ("new", "in_progress", "waiting")}
        # A proposal still waiting for the second operator keeps its request.
        waiting_change = self.add_request("closed", days * DAY + HOUR)
        self.add_address_change(waiting_change, "pending")
        self.housekeep()
        in_request = "request_id = %s"
        self.assertEqual(count("operator_requests", "id = %s", [old]), 0)
        self.assertEqual(count("operator_notes", in_request, [old]), 0)
        self.assertEqual(count("operator_link_tokens", in_request, [old]), 0)
        self.assertEqual(count("address_change_requests", in_request, [old]), 0)
        self.assertEqual(count("not_me_links", "token_hash = %s", [not_me]), 0)
        self.assertEqual(count("operator_requests", "id = %s", [young]), 1)
        self.assertEqual(count("operator_notes", in_request, [young]), 1)
        for status, request_id in open_old.items():
            self.assertEqual(
                count("operator_requests", "id = %s", [request_id]), 1, status)
        self.assertEqual(
            count("operator_requests", "id = %s", [waiting_change]), 1)
        self.assertEqual(
            count("address_change_requests", in_request, [waiting_change]), 1)

    # --- the audit log -----------------------------------------------------

    def add_audit(self, age):
        detail = "retention %s %s" % (self.tag, secrets.token_hex(4))
        harness.db_exec(
            "INSERT INTO audit_log (occurred_at, event, detail) VALUES "
            "({0}, 'retention_test', %s)".format(ago(age)), [detail])
        self.addCleanup(harness.db_exec,
                        "DELETE FROM audit_log WHERE detail = %s", [detail])
        return detail

    def test_audit_rows_past_their_window_go(self):
        days = window_days("audit_retention_days", 1826)
        old = self.add_audit(days * DAY + HOUR)
        young = self.add_audit(days * DAY - HOUR)
        self.housekeep()
        where = "detail = %s"
        self.assertEqual(count("audit_log", where, [old]), 0)
        self.assertEqual(count("audit_log", where, [young]), 1)


if __name__ == "__main__":
    unittest.main()
